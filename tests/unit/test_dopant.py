"""The dopant of a host-modelled garnet reduced by Li: Nb in the lattice, Ta/Al/Ga only to a metal (Wang et al.,
Adv. Energy Mater. 2020 §2.2, refs. [52, 53]: a large interfacial resistance only with Nb-doped LLZO)."""

from __future__ import annotations

import pytest

import ssbkit
from ssbkit.thermo.dopant import dopant_reduction, dopants, oxidation_state
from ssbkit.materials import resolve


@pytest.fixture(scope="module")
def thermo():
    return ssbkit.default_thermo()


def test_dopant_elements():
    assert dopants(resolve("Nb-LLZO")) == ("Nb",)
    assert dopants(resolve("LLZTO")) == ("Ta",)
    assert dopants(resolve("LATP")) == ("Al",)
    assert dopants(resolve("LLZO")) == ()


def test_oxidation_states():
    assert oxidation_state("LiNbO2", "Nb") == pytest.approx(3.0)
    assert oxidation_state("Li8Nb2O9", "Nb") == pytest.approx(5.0)
    assert oxidation_state("ZrAl2", "Al") == 0.0


def test_nb_reduced_in_the_lattice_at_li(thermo):
    d = dopant_reduction(thermo, resolve("Nb-LLZO"), 0.0)
    assert d is not None and d.in_lattice
    nb = d.dopants[0]
    assert (nb.element, nb.mode) == ("Nb", "in lattice")
    assert nb.after_state < nb.before_state and nb.after_state > 0
    assert 0.3 < d.drive_V <= d.reduction_limit_V + 1e-9
    assert "Li" not in d.layer_products and d.layer_products
    assert "refs. 52, 53" in d.citation


@pytest.mark.parametrize("name", ["LLZTO", "Al-LLZO", "Ga-LLZO"])
def test_other_dopants_only_to_a_metal(thermo, name):
    d = dopant_reduction(thermo, resolve(name), 0.0)
    assert d is not None and not d.in_lattice
    assert all(s.mode in ("to metal", "not reduced") for s in d.dopants)
    assert any(s.mode == "to metal" and s.after_state == 0.0 for s in d.dopants)
    assert d.drive_V == 0.0


def test_nothing_above_the_limit_or_without_dopant(thermo):
    assert dopant_reduction(thermo, resolve("Nb-LLZO"), 1.0) is None
    assert dopant_reduction(thermo, resolve("LLZO"), 0.0) is None


def _reduced_terms(a):
    return [c for c in a.asr_budget.contributions if c.name.endswith(" reduced")]


def test_assess_nb_llzo_against_li_grows_a_resistance(thermo):
    a = ssbkit.assess("Li | Nb-LLZO | Li", thermo=thermo)
    terms = _reduced_terms(a)
    assert len(terms) == 2 and all(c.law == "linear" for c in terms)
    assert all(c.asr_ohm_cm2[-1] > c.asr_ohm_cm2[0] > 0 for c in terms)
    assert a.verdict in ("resistive", "degrading")
    assert a.interfaces[0].dopant_reduction is not None
    assert any("Nb+5" in r and "in lattice" in r for r in a.interfaces[0].reasons)
    # Ta-doped: stated, not counted; the cell stays as good as the host
    b = ssbkit.assess("Li | LLZTO | Li", thermo=thermo)
    assert not _reduced_terms(b)
    assert b.verdict == ssbkit.assess("Li | LLZO | Li", thermo=thermo).verdict
    assert any("to metal" in r for r in b.interfaces[0].reasons)


def test_an_electron_blocking_interlayer_shields_the_dopant(thermo):
    a = ssbkit.assess("Li | Li3PO4 | Nb-LLZO | Li3PO4 | Li", thermo=thermo)
    assert not _reduced_terms(a)
    # an alloy interlayer passes Li's electrons on: the dopant is reduced behind it
    b = ssbkit.assess("Li | Ag | Nb-LLZO | Ag | Li", thermo=thermo)
    assert _reduced_terms(b)


def test_alumina_lithiates_as_observed_and_shields_the_dopant(thermo):
    """Wang et al. 2020 §2.3.3 (ref. [52]): ALD Al2O3 on the Nb garnet becomes lithiated alumina (Al3+ kept), not
    the computed Li2O + Li-Al alloy; it stays an electron blocker, so the Nb garnet behind it is not reduced."""
    from ssbkit.interfaces.anode import anode_interface

    li = anode_interface(thermo, "Al2O3", "Li")
    assert li.classification == "SEI" and li.products == ("LiAlO2",) and not li.conducting_products
    said = " ".join(li.reasons)
    assert "LixAl2O3+x/2" in said and "§2.3.3" in said and "computed end point" in said
    assert "Al" in said.split("computed end point:")[1]  # the computed conversion to the metal is still named
    a = ssbkit.assess("Li | Al2O3 | Nb-LLZO | Al2O3 | Li", thermo=thermo)
    assert not _reduced_terms(a)
    own = [c for c in a.asr_budget.contributions if c.kind == "interlayer"]
    assert own and all("sigma.coating.LiAlO2" in c.parameters for c in own)
    assert not [c for c in a.asr_budget.contributions if c.kind == "interphase" and c.law == "linear"]
    layer = next(lay for lay in a.layers if lay.name == "Al2O3")
    assert layer.verdict == "passivated" and any("LixAl2O3+x/2" in r for r in layer.reasons)
    # ZnO has no such report: its computed conversion (Li2O + LiZn) conducts and the dopant is reduced behind it
    assert _reduced_terms(ssbkit.assess("Li | ZnO | Nb-LLZO | ZnO | Li", thermo=thermo))


def test_table1_validation_holds_its_documented_figures():
    """Wang et al. 2020 Table 1 as stacks (tools/validate_resistances.py, docs/validation.md): at least 16 of 24 (two thirds, the goal)
    within a factor of 5 and a rank correlation of at least 0.45; the Nb garnets behind alloy interlayers
    (rows 11-14, the printed Li7La2.75Ca0.25Zr1.75Nb0.25O12 and kin) within a factor of 5 of their 66-127 ohm cm2,
    which they missed as undoped LLZO (about 2)."""
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "tools" / "validate_resistances.py"
    spec = importlib.util.spec_from_file_location("validate_resistances", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses look their module up
    try:
        spec.loader.exec_module(mod)
        rows = mod.garnet_rows()
    finally:
        sys.modules.pop(spec.name, None)
    assert len(rows) == 24
    assert mod.within_factor(rows) * 24 >= 16 - 1e-9
    assert mod.rank_correlation(rows) >= 0.45
    for r in rows:
        if r.row in (11, 12, 13, 14):
            assert "Nb0.25" in r.stack and r.measured / 5 <= r.predicted <= r.measured * 5, r
        if r.row == 16:  # lithiated alumina shields the Nb garnet (Wang et al. 2020 §2.3.3): no Nb term
            assert r.predicted < 20, r
    by = {r.row: r for r in rows}
    # the carbon anneal removes the carbonate at 700 C (Wang et al. 2020 §2.3.1): row 6 is then a clean surface
    # under a simple attach, like the polished row 1, far below row 7 where a 250 C anneal leaves the carbonate
    assert by[6].predicted == pytest.approx(by[1].predicted, rel=0.05)
    assert by[6].predicted < by[7].predicted / 2
    # cold-pressed Li: contact still improving from 150 to 400 MPa (rows 8 and 9: 20 and < 1 ohm cm2; Fig. 4H)
    assert by[8].predicted > by[9].predicted


def test_the_window_of_a_doped_abbreviation_says_what_li_does_to_its_dopant(thermo):
    nb = " ".join(thermo.window("Nb-LLZO").notes)
    assert "Nb reduced in the lattice below 0.6" in nb and "LiNbO2" in nb
    ta = " ".join(thermo.window("LLZTO").notes)
    assert "Ta reduced only to Ta" in ta and "hindered" in ta
    assert not any("dopant" in n for n in thermo.window("LLZO").notes)


def test_a_doped_formula_is_modelled_by_its_host_like_its_abbreviation(thermo):
    """The formulas the tables print (Li6.4La3Zr1.4Ta0.6O12, Li7La2.75Ca0.25Zr1.75Nb0.25O12, Li1.3Al0.3Ti1.7(PO4)3)
    are the doped phases the abbreviations mean, not mixtures of hull phases: the ordered host's window and
    reactions, the dopant judged on its own; compounds with integer amounts stay themselves."""
    from ssbkit.doped import doped_host

    assert resolve("Li7La2.75Ca0.25Zr1.75Nb0.25O12").model_formula == "Li7La3Zr2O12"
    assert resolve("Li1.3Al0.3Ti1.7(PO4)3").model_formula == "LiTi2(PO4)3"
    assert "modelled by its ordered host" in resolve("Li6.4La3Zr1.4Ta0.6O12").note
    for own in ("Li5La3Ta2O12", "Li6La3ZrTaO12", "Li7La3Zr2O12", "Li6PS5Cl", "LiNi0.8Co0.1Mn0.1O2",
                "Li0.33La0.56TiO3", "La2Zr2O7"):
        assert resolve(own).model_formula == own, own
    from pymatgen.core import Composition

    llzo = ["Li7La3Zr2O12"]
    assert doped_host(Composition("Li6.5La2.9Ca0.1Zr2O12"), llzo) == "Li7La3Zr2O12"
    assert doped_host(Composition("Li6La2Ca1Zr2O12"), llzo) is None  # 1 Ca of 5 cations, integer amounts
    assert doped_host(Composition("Li6.5La2Ca1.0Zr1.5Nb0.5O12"), llzo) is None  # 1.5 dopants of 5: beyond 25 %
    a = ssbkit.assess("Li | Li6.4La3Zr1.4Ta0.6O12 | Li", thermo=thermo)
    b = ssbkit.assess("Li | LLZTO | Li", thermo=thermo)
    assert a.verdict == b.verdict == "stable"
    assert [c.asr_start_ohm_cm2 for c in a.asr_budget.contributions] == \
        [c.asr_start_ohm_cm2 for c in b.asr_budget.contributions]
    c = ssbkit.assess("Li | Li7La2.75Ca0.25Zr1.75Nb0.25O12 | Li", thermo=thermo)
    assert c.verdict in ("resistive", "degrading") and any(x.name.endswith("Nb reduced")
                                                            for x in c.asr_budget.contributions)


def test_garnets_against_li_in_the_order_the_review_reports(thermo):
    """Wang et al. 2020 §2.1: Li5La3Ta2O12 keeps its structure against Li (only traces of Li2CO3, Li2O2, Li2O;
    ref. [50]) while the Nb garnet decomposes (ref. [52]).  The data reduce Li5La3Ta2O12 to Ta metal by 0.18
    eV/atom: the observation wins, and the result names both."""
    from ssbkit.interfaces.anode import anode_interface

    ta = anode_interface(thermo, "Li5La3Ta2O12", "Li")
    assert ta.classification == "stable" and ta.status == "kinetically stable" and not ta.products
    said = " ".join(ta.reasons)
    assert "Ta" in said.split("computed:")[1] and "§2.1, ref. [50]" in said
    assert ta.reaction_energy_eV_per_atom < -0.1  # the computed driving force is kept
    cell = ssbkit.assess("Li | Li5La3Ta2O12 | Li", thermo=thermo)
    assert cell.verdict == "stable"
    assert not [c for c in cell.asr_budget.contributions if c.kind == "interphase"]
    nb = ssbkit.assess("Li | Li7La2.75Ca0.25Zr1.75Nb0.25O12 | Li", thermo=thermo)
    assert nb.verdict in ("resistive", "degrading") and _reduced_terms(nb)


def test_llczn_is_the_garnet_han_et_al_used_and_its_nb_is_reduced_against_li(thermo):
    """``LLCZN`` names Li7La2.75Ca0.25Zr1.75Nb0.25O12 (Wang et al. 2020 Table 1, Han et al. 2017): modelled by its
    ordered host, with the same budget as its formula typed out, and its Nb reduced against Li metal (Wang et al.
    2020 §2.2: large interfacial resistances only with Nb-doped garnets), unlike Li5La3Ta2O12."""
    m = resolve("LLCZN")
    assert m.formula == "Li7La2.75Ca0.25Zr1.75Nb0.25O12" and m.model_formula == "Li7La3Zr2O12" and m.note
    a = ssbkit.assess("Li | LLCZN | Li", thermo=thermo)
    b = ssbkit.assess("Li | Li7La2.75Ca0.25Zr1.75Nb0.25O12 | Li", thermo=thermo)
    assert [c.asr_ohm_cm2 for c in a.asr_budget.contributions] == [c.asr_ohm_cm2 for c in b.asr_budget.contributions]
    assert len(_reduced_terms(a)) == 2 and a.verdict == "degrading"
    assert ssbkit.assess("Li | Li5La3Ta2O12 | Li", thermo=thermo).verdict == "stable"
