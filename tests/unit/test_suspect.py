"""Suspect database phases: flagged wherever they decide a result; excluded on request."""

from __future__ import annotations

import json

import pytest

from ssbkit.cli import main
from ssbkit.data.suspect import SUSPECT_EXCLUDE, SUSPECT_PHASES, expand

pytestmark = pytest.mark.integration


def test_flagged_in_windows_and_reactions(thermo):
    w = thermo.window("Li3PS4")
    assert "LiS4" in w.oxidation_products
    assert any(n.startswith("suspect database phase LiS4") for n in w.notes)
    assert any(n.startswith("suspect database phase LiS4") for n in w.provenance.notes)
    clean = thermo.window("LLZO")
    assert not any(n.startswith("suspect") for n in clean.notes)


def test_exclude_moves_the_sulfide_limits_as_documented(thermo, capsys, entries_path):
    assert expand(["suspect"]) == list(SUSPECT_EXCLUDE) and expand(["LiS4", "suspect"])[0] == "LiS4"
    assert set(SUSPECT_PHASES) < set(SUSPECT_EXCLUDE)
    ex = thermo.excluding(expand(["suspect"]))
    for m, before, after in (("Li3PS4", 2.363, 2.421), ("Li6PS5Cl", 2.139, 2.341), ("Li10GeP2S12", 2.291, 2.421)):
        assert thermo.window(m).oxidation_limit_V == pytest.approx(before, abs=1e-3)
        w = ex.window(m)
        assert w.oxidation_limit_V == pytest.approx(after, abs=1e-3) and "LiS4" not in w.oxidation_products
    code = main(["window", "Li3PS4", "--exclude", "suspect", "--json", "--entries", str(entries_path)])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["oxidation_limit_V"] == pytest.approx(2.421, abs=1e-3)
    assert main(["window", "Li3PS4", "--exclude", ",", "--entries", str(entries_path)]) == 2


def test_composition_cases_and_charge_balance(thermo):
    w = thermo.window("Li0.33La0.56TiO3")
    assert w.composition_case.startswith("not in the data: mixture of") and not w.in_data
    assert w.charge_surplus_e == pytest.approx(0.01, abs=1e-9)
    assert any("zero-width window is that of the mixture" in n for n in w.notes)
    assert any(n.startswith("nearest stoichiometric phase") for n in w.notes)
    assert any("surplus 0.01 e" in n for n in w.notes)
    y = thermo.window("Li3YCl6")
    assert y.composition_case == "not in the data: mixture of LiCl, YCl3" and y.charge_surplus_e == 0.0
    assert thermo.window("LLZO").composition_case == "in the data"
    assert thermo.window("LLTO").composition_case == "modelled by host LiLaTi2O6"
    from ssbkit.thermo.composition import charge_surplus

    assert charge_surplus({"Li": 7, "La": 3, "Zr": 2, "O": 12}) == 0.0
    assert charge_surplus({"Li": 1, "O": 1}) == pytest.approx(1.0)


PUBLISHED = {"Li3PS4": 2.31, "Li6PS5Cl": 2.01, "Li10GeP2S12": 2.14, "Li7P3S11": 2.31}  # Zhu, He & Mo 2015; Richards 2016


def test_uncorrect_sulfide_moves_the_limits_as_documented(thermo, capsys, entries_path):
    from ssbkit.data.source import open_source
    from ssbkit.thermo import Thermo

    # a table named by path does not state its scheme: legacy is assumed, and said
    thermo = Thermo(open_source(str(entries_path)))
    un = thermo.uncorrected(["S"])
    for m, before, after in (("Li3PS4", 2.363, 2.302), ("Li6PS5Cl", 2.139, 2.009), ("Li10GeP2S12", 2.291, 2.143),
                             ("Li7P3S11", 2.315, 2.302)):
        w0, w = thermo.window(m), un.window(m)
        assert w0.oxidation_limit_V == pytest.approx(before, abs=1e-3) and w.oxidation_limit_V == pytest.approx(after, abs=1e-3)
        assert abs(w.oxidation_limit_V - PUBLISHED[m]) < 0.05 < abs(w0.oxidation_limit_V - PUBLISHED[m]) + 0.05
        assert w.reduction_limit_V == pytest.approx(w0.reduction_limit_V, abs=1e-9)
        assert any(n.startswith("anion corrections removed (legacy scheme assumed") and "S -0.663" in n for n in w.notes)
    stated = thermo.uncorrected(["S"], "mp2020").window("Li3PS4")
    assert stated.oxidation_limit_V == pytest.approx(2.338, abs=1e-3)
    assert any(n.startswith("anion corrections removed (mp2020 scheme): S -0.503") for n in stated.notes)
    code = main(["window", "Li6PS5Cl", "--uncorrect", "S", "--json", "--entries", str(entries_path)])
    assert code == 0 and json.loads(capsys.readouterr().out)["oxidation_limit_V"] == pytest.approx(2.009, abs=1e-3)
    code = main(["window", "Li3PS4", "--uncorrect", "S", "--corrections", "mp2020", "--json", "--entries",
                 str(entries_path)])
    assert code == 0 and json.loads(capsys.readouterr().out)["oxidation_limit_V"] == pytest.approx(2.338, abs=1e-3)
    code = main(["window", "Li6PS5Cl", "--uncorrect", "Cl", "--entries", str(entries_path)])
    err = capsys.readouterr().err
    assert code == 2 and "fitted gas references" in err and len(err.strip().splitlines()) == 1


def test_uncorrected_energies_equal_a_pymatgen_hull_on_shifted_entries(thermo):
    """Oracle: pymatgen's hull on the Li-P-S entries with the sulfide correction taken off by hand."""
    from pymatgen.analysis.phase_diagram import PDEntry, PhaseDiagram
    from pymatgen.core import Composition

    from ssbkit.data.corrections import anion_corrections

    c_s = anion_corrections("legacy")["S"]
    es = thermo.system(["Li", "P", "S"]).entries
    entries = []
    for i in es.indices_in(["Li", "P", "S"]):
        comp = es.composition(int(i))
        n = sum(comp.values())
        shift = -c_s * comp.get("S", 0.0) if len(comp) > 1 else 0.0
        entries.append(PDEntry(Composition(comp), float(es.e_form_per_atom[i]) * n + shift))
    pd = PhaseDiagram(entries + [PDEntry(Composition(el), 0.0) for el in ("Li", "P", "S")])
    un = thermo.uncorrected(["S"])
    for f in ("Li3PS4", "Li7P3S11", "P2S5", "LiS4"):
        want = min(pd.get_e_above_hull(e) for e in entries if e.composition.reduced_formula == f)
        assert un.hull(f).e_above_hull_eV_per_atom == pytest.approx(want, abs=1e-6)


def test_entries_json_recorrected_on_the_command_line(tmp_path, capsys):
    from pymatgen.entries.computed_entries import ComputedEntry

    p = {"run_type": "GGA", "hubbards": {}, "is_hubbard": False}
    es = [ComputedEntry("Li2S", -12.0, parameters=p, entry_id="a"), ComputedEntry("Li", -1.9, parameters=p),
          ComputedEntry("S", -4.1, parameters=p)]
    path = tmp_path / "mine.json"
    path.write_text(json.dumps([e.as_dict() for e in es]))
    got = {}
    for scheme in ("none", "mp2020"):
        code = main(["hull", "Li2S", "--corrections", scheme, "--json", "--entries", str(path)])
        got[scheme] = json.loads(capsys.readouterr().out)["e_form_eV_per_atom"]
        assert code == 0
    assert got["none"] == pytest.approx((-12.0 + 2 * 1.9 + 4.1) / 3) and got["mp2020"] == pytest.approx(got["none"] - 0.503 / 3)
    code = main(["hull", "Li2S", "--corrections", "legacy", "--entries", str(path)])
    err = capsys.readouterr().err
    assert code == 2 and "legacy scheme cannot process" in err and len(err.strip().splitlines()) == 1


def test_entries_recorrected_with_a_scheme():
    from pymatgen.entries.computed_entries import ComputedEntry

    from ssbkit.errors import SsbkitError
    from ssbkit.thermo import Thermo

    p = {"run_type": "GGA", "hubbards": {}, "is_hubbard": False}
    es = [ComputedEntry("Li2S", -12.0, parameters=p, entry_id="a"), ComputedEntry("Li", -1.9, parameters=p),
          ComputedEntry("S", -4.1, parameters=p)]
    raw = Thermo.from_entries(es, corrections="none").hull("Li2S").e_form_eV_per_atom
    mp20 = Thermo.from_entries(es, corrections="mp2020").hull("Li2S").e_form_eV_per_atom
    assert raw == pytest.approx((-12.0 + 2 * 1.9 + 4.1) / 3) and mp20 == pytest.approx(raw - 0.503 / 3)
    with pytest.raises(SsbkitError, match="legacy scheme cannot process"):
        Thermo.from_entries(es, corrections="legacy")
    with pytest.raises(SsbkitError, match="unknown correction scheme"):
        Thermo.from_entries(es, corrections="mp2099")


def test_hull_and_reactions_say_the_composition_case(thermo):
    h = thermo.hull("Li0.33La0.56TiO3")
    assert h.composition_case.startswith("not in the data: mixture of") and h.charge_surplus_e == pytest.approx(0.01)
    assert any("not charge-balanced" in n for n in h.provenance.notes)
    assert thermo.hull("Li3PS4").composition_case == "in the data" and thermo.hull("Li3PS4").charge_surplus_e == 0
    assert thermo.hull("LLZTO").composition_case == "modelled by host Li7La3Zr2O12"
    from ssbkit.interfaces.reactions import InterfaceCalculator

    r = InterfaceCalculator(thermo, "Li0.33La0.56TiO3", "Li").closed()
    assert any("mixture of" in n for n in r.provenance.notes)
    assert sum("not charge-balanced" in n for n in r.provenance.notes) == 1  # Li metal is not checked


def test_the_embedded_data_states_its_correction_scheme():
    """The embedded 2018 table holds the legacy corrections: removing one says so without 'assumed'."""
    from ssbkit.data.source import embedded_source
    from ssbkit.thermo import Thermo

    w = Thermo(embedded_source()).uncorrected(["S"]).window("Li3PS4")
    assert w.oxidation_limit_V == pytest.approx(2.302, abs=1e-3)
    assert any(n.startswith("anion corrections removed (legacy scheme)") for n in w.notes)
    assert not any("assumed" in n for n in w.notes)


def test_a_grade_resting_on_a_suspect_phase_says_so(thermo):
    """A rule added in one module (stack/grading.py): LCO | Li3YCl6 reacts to ClO2, a suspect database phase."""
    from ssbkit.stack.assess import assess
    from ssbkit.stack.conditions import Conditions

    a = assess("LCO | Li3YCl6 | Li-In", Conditions(), thermo, keep_suspect=True)
    first = a.interfaces[0]
    assert "ClO2" in first.products
    assert any(r.startswith("the reaction rests on a suspect database phase ClO2") for r in first.reasons)
    assert not any("suspect" in r for r in a.interfaces[1].reasons)
    # by default they are left out, and the result says so
    b = assess("LCO | Li3YCl6 | Li-In", Conditions(), thermo)
    assert "ClO2" not in b.interfaces[0].products and b.verdict != "incompatible"
    assert any(n.startswith("suspect database phases left out of the data") for n in b.provenance.notes)


def test_chlorine_and_bromine_oxo_compounds_are_a_suspect_class(thermo):
    """Chlorates, perchlorates, bromates and chlorine oxides (Cl or Br above -1 by charge balance) are left out by
    default wherever LiClO4 and ClO2 are: oxidising a chloride electrolyte to them at a cathode is out of reach
    (Zheng et al., Batteries & Supercaps 2021 §3.3: chlorides are stable against oxide cathodes uncoated)."""
    import ssbkit
    from ssbkit.data.suspect import OXOHALOGEN, left_out, oxohalogen, suspect_reason

    for formula, comp, flagged in (("Li3OCl", {"Li": 3, "O": 1, "Cl": 1}, False), ("LaOCl", {"La": 1, "O": 1, "Cl": 1}, False),
                                   ("InClO", {"In": 1, "Cl": 1, "O": 1}, False), ("Li3OBr", {"Li": 3, "O": 1, "Br": 1}, False),
                                   ("Y(ClO4)3", {"Y": 1, "Cl": 3, "O": 12}, True), ("ClO3", {"Cl": 1, "O": 3}, True),
                                   ("LiBrO3", {"Li": 1, "Br": 1, "O": 3}, True), ("NiCl2", {"Ni": 1, "Cl": 2}, False)):
        assert oxohalogen(comp) is flagged, formula
        assert (suspect_reason(formula) is not None) is flagged or formula in SUSPECT_PHASES
    assert "perchlorates" in left_out(["LiS4", OXOHALOGEN]) and left_out(["LiS4", OXOHALOGEN]).startswith("LiS4, ")
    kept = ssbkit.assess("NMC811 | Li3InCl6 | Li-In", keep_suspect=True).interfaces[0].products
    assert any(suspect_reason(p) for p in kept)  # ClO3 on these data
    default = ssbkit.assess("NMC811 | Li3InCl6 | Li-In")
    assert not any(suspect_reason(p) for p in default.interfaces[0].products)
    assert any("Cl/Br oxo compounds" in n for n in default.provenance.notes)
    # the same data without the class: every entry of a Cl-O system left out is one the rule flags
    def li_cl_o(th):
        es = th.source.entries_for(["Cl", "Li", "O"])
        return {es.formulas[int(i)] for i in es.indices_in(["Cl", "Li", "O"])}

    from ssbkit.thermo.hull import reduced_formula

    every, kept = li_cl_o(thermo), li_cl_o(thermo.excluding(list(SUSPECT_EXCLUDE)))
    gone = {reduced_formula(f) for f in every - kept}
    assert {reduced_formula(f) for f in ("LiClO4", "ClO2", "ClO")} <= gone and all(suspect_reason(f) for f in gone)
    assert {reduced_formula(f) for f in ("Li3OCl", "Li5OCl3")} <= {reduced_formula(f) for f in kept}  # balanced


def test_the_class_rule_over_a_whole_set_equals_the_rule_per_entry(thermo):
    from ssbkit.data.suspect import oxohalogen, oxohalogen_mask

    es = thermo.source._entries
    mask = oxohalogen_mask(es.elements, es.comp_ptr, es.comp_el, es.comp_amt)
    assert mask.nonzero()[0].tolist() == [i for i in range(len(es.formulas)) if oxohalogen(es.composition(i))]
    assert mask.sum() > 100  # the Materials Project holds hundreds of chlorates, perchlorates and bromates
