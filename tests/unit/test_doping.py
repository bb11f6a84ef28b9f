"""Doped compositions: supercells, charge compensation, orderings and the potential (CHGNet on CPU, small cells)."""

from __future__ import annotations

import json

import pytest

from ssbkit.cli import main
from ssbkit.errors import SsbkitError
from ssbkit.thermo.doping import build_disordered, parse_substitution

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def table(structures_path):
    from ssbkit.data.structures import read_structures

    return read_structures(str(structures_path))


def _counts(structure):
    """Expected atoms per element of an ordered version of a disordered structure."""
    out: dict[str, float] = {}
    for site in structure:
        for sp, occ in site.species.items():
            out[sp.symbol] = out.get(sp.symbol, 0.0) + occ
    return {k: round(v, 6) for k, v in out.items()}


@pytest.mark.parametrize("text, expected", [
    ("Ta:Zr=0.25", ("Ta", None, "Zr", 0.25, False)),
    ("Al3+:Li=0.25fu", ("Al", 3, "Li", 0.25, True)),
    (" Ga : Li = 0.2 /fu ", ("Ga", None, "Li", 0.2, True)),
    ("Br-:S=0.5", ("Br", -1, "S", 0.5, False)),
    ("Ta=0.25", ("Ta", None, None, 0.25, False)),     # the site picked (test_the_site_is_picked_when_not_given)
])
def test_substitutions_parse(text, expected):
    assert parse_substitution(text) == expected


@pytest.mark.parametrize("text", ["Ta=Zr:0.25", "Ta:Zr=", "Ta:Zr=1.5", "Ta=", "Xx=0.1", "Ta:Zr=0", "Ta:Zr=nan", "Xx:Zr=0.1",
                                  "Zr:Zr=0.1", "", "Ta:Zr=-0.2"])
def test_bad_substitutions_are_one_line_errors(text):
    with pytest.raises(SsbkitError) as e:
        parse_substitution(text)
    assert "\n" not in str(e.value) and e.value.param == "substitute"


@pytest.mark.parametrize("spec, site, basis", [
    ("Ta=0.25", "Zr", "as in LLZTO"),             # the doped materials ssbkit names, by their compositions
    ("Nb=0.25", "Zr", "as in Nb-LLZO"),
    ("Al=0.25fu", "Li", "as in Al-LLZO"),         # Al and Ga take Li, not the Zr their charge is nearer
    ("Ga3+=0.25fu", "Li", "as in Ga-LLZO"),
    ("Hf=0.25", "Zr", "picked by charge and radius: Hf4+ on Zr4+"),   # otherwise Goldschmidt's rules
    ("Y=0.5", "La", "picked by charge and radius: Y3+ on La3+"),
    ("Mg=0.25fu", "Li", "picked by charge and radius: Mg2+ on Li1+"),
])
def test_the_site_is_picked_when_not_given(table, spec, site, basis):
    d, subs, comp, scale = build_disordered(table.get("Li7La3Zr2O12"), [parse_substitution(spec)])
    assert subs[0].site == site and subs[0].site_basis.startswith(basis)
    given = build_disordered(table.get("Li7La3Zr2O12"), [parse_substitution(spec.replace("=", f":{site}=", 1))])
    assert given[1][0].site_basis == "given" and _counts(given[0]) == _counts(d)


def test_a_dopant_without_a_site_of_its_sign_is_refused():
    from ssbkit.thermo.substitution import pick_site

    with pytest.raises(SsbkitError, match="no anion site for F"):
        pick_site("LiAl", "F", None, {"Li": 1, "Al": 3})


def test_aliovalent_substitution_is_compensated_by_li_vacancies(table):
    # Li2ZrO3 (12-atom cell, 2 Zr): Ta5+ on half the Zr4+ sites -> 1 Ta and 1 Li vacancy
    d, subs, comp, scale = build_disordered(table.get("Li2ZrO3"), [parse_substitution("Ta:Zr=0.5")])
    assert _counts(d) == {"Li": 3.0, "Zr": 1.0, "Ta": 1.0, "O": 6.0}
    assert comp == "1 Li vacancies per supercell" and scale == (1, 1, 1)
    assert subs[0].dopant_oxidation == 5 and subs[0].site_oxidation == 4 and subs[0].per_formula_unit == 0.5
    assert abs(sum(sp.oxi_state * occ for site in d for sp, occ in site.species.items())) < 1e-9


def test_llzo_cells_for_ta_al_ga(table):
    llzo = table.get("Li7La3Zr2O12")  # 96 atoms: 4 formula units, 8 Zr, 28 Li
    d, _, comp, _ = build_disordered(llzo, [parse_substitution("Ta:Zr=0.25")])
    assert _counts(d) == {"Li": 26.0, "La": 12.0, "Zr": 6.0, "Ta": 2.0, "O": 48.0} and comp.startswith("2 Li")
    for dop in ("Al", "Ga"):  # M3+ on a Li+ site: two more Li vacancies per dopant
        d, subs, comp, _ = build_disordered(llzo, [parse_substitution(f"{dop}:Li=0.25fu")])
        assert _counts(d) == {"Li": 25.0, dop: 1.0, "La": 12.0, "Zr": 8.0, "O": 48.0}
        assert comp == "2 Li vacancies per supercell" and subs[0].per_formula_unit == 0.25


def test_supercell_grows_until_the_amounts_are_whole(table):
    d, _, _, scale = build_disordered(table.get("Li2ZrO3"), [parse_substitution("Ta:Zr=0.25")])
    assert scale[0] * scale[1] * scale[2] == 2 and _counts(d)["Ta"] == 1.0
    with pytest.raises(SsbkitError, match="supercell of more than"):
        build_disordered(table.get("Li2ZrO3"), [parse_substitution("Ta:Zr=0.01")], max_atoms=100)


def test_compensation_choices(table):
    host = table.get("Li2ZrO3")
    with pytest.raises(SsbkitError, match="isovalently"):
        build_disordered(host, [parse_substitution("Ta:Zr=0.5")], compensate="none")
    with pytest.raises(SsbkitError, match="anion vacancies"):
        build_disordered(host, [parse_substitution("Y:Zr=0.5")], compensate="Li")
    d, _, comp, _ = build_disordered(host, [parse_substitution("Y:Zr=0.5")])  # Y3+ on Zr4+: O vacancies
    assert comp.endswith("O vacancies per supercell") and _counts(d)["O"] == 12 - 1
    d, _, comp, _ = build_disordered(host, [parse_substitution("Hf:Zr=0.5")])
    assert comp.startswith("isovalent")


def test_dope_small_cell_matches_pymatgen_hull(thermo, table):
    from pymatgen.analysis.phase_diagram import PDEntry, PhaseDiagram
    from pymatgen.core import Composition

    from ssbkit.thermo.doping import DopedPhase, dope

    d = dope(thermo, "Li2ZrO3", ["Ta:Zr=0.5"], n_orderings=2, structures=table, relax=False)
    assert d.formula == "Li3ZrTaO6" and d.per_host_formula_unit == "Li1.5Zr0.5Ta0.5O3"
    assert d.host == "Li2ZrO3" and d.predicted.anchored_on == "Li2ZrO3"
    energies = [o.energy_eV_per_atom for o in d.orderings]
    assert energies == sorted(energies) and 1 <= len(energies) <= 2
    # oracle: pymatgen's hull over the system's entries plus the doped phase at its corrected energy
    sysm = thermo.system(["Li", "Zr", "Ta", "O"])
    es = sysm.entries
    entries = [PDEntry(Composition(es.composition(int(i))), float(es.e_form_per_atom[i]) *
                       sum(es.composition(int(i)).values())) for i in es.indices_in(["Li", "Zr", "Ta", "O"])]
    entries += [PDEntry(Composition(el), 0.0) for el in ("Li", "Zr", "Ta", "O")]
    new = PDEntry(Composition("Li3ZrTaO6"), d.predicted.e_form_eV_per_atom * 11)
    pd = PhaseDiagram(entries + [new])
    assert d.e_above_hull_eV_per_atom == pytest.approx(pd.get_e_above_hull(new), abs=1e-6)
    # the windows are those of metastable phases and carry the potential's note
    assert d.window.oxidation_limit_V is not None and d.host_window.oxidation_limit_V is not None
    assert d.window.reduction_limit_V < d.window.oxidation_limit_V
    assert any("CHGNet" in n for n in d.window.notes) and any("anchored on Li2ZrO3" in n for n in d.provenance.notes)
    assert DopedPhase.from_dict(json.loads(json.dumps(d.to_dict()))) == d


def test_dope_cli(capsys, entries_path, structures_path):
    ent = ["--entries", str(entries_path), "--structures", str(structures_path)]
    code = main(["dope", "Li2ZrO3", "--substitute", "Ta:Zr=0.5", "--orderings", "1", "--no-relax", "--json", *ent])
    obj = json.loads(capsys.readouterr().out)
    assert code == 0 and obj["formula"] == "Li3ZrTaO6" and obj["compensation"] == "1 Li vacancies per supercell"
    code = main(["dope", "Li2ZrO3", "--substitute", "Ta:Zr=0.5", "--orderings", "1", "--no-relax", *ent])
    out = capsys.readouterr().out
    assert code == 0 and "Li1.5Zr0.5Ta0.5O3" in out and "anchored on Li2ZrO3" in out
    code = main(["dope", "Li2ZrO3", "--substitute", "Ta:Nb=0.5", *ent])
    err = capsys.readouterr().err
    assert code == 2 and "has no Nb" in err and len(err.strip().splitlines()) == 1


def test_window_as_metastable_phase(thermo):
    eq = thermo.window("Li7La3Zr2O12")
    meta = thermo.window("Li7La3Zr2O12", as_metastable=True)
    assert meta.e_above_hull_eV_per_atom == eq.e_above_hull_eV_per_atom > 0
    assert meta.reduction_limit_V <= meta.oxidation_limit_V
    assert any("lowered by" in n for n in meta.notes) and not meta.stable
    stable = thermo.window("Li2O", as_metastable=True)
    assert stable == thermo.window("Li2O")
