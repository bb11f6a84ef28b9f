"""Stability windows vs the pymatgen oracle and seed 1 §3.1, on the shared MP data."""

from __future__ import annotations

import pytest
from oracle_helpers import phase_diagram, window_from_profile
from pymatgen.core import Composition
from seed_materials import window_materials

pytestmark = pytest.mark.integration
MATERIALS = window_materials()


def test_at_least_40_materials():
    assert len(MATERIALS) >= 40


@pytest.mark.parametrize("formula", MATERIALS)
def test_window_matches_pymatgen(thermo, shared_entryset, formula):
    w = thermo.window(formula)
    comp = Composition(formula)
    pd = phase_diagram(shared_entryset, {e.symbol for e in comp} | {"Li"})
    v_red, v_ox, red, ox = window_from_profile(pd, comp)
    assert w.reduction_limit_V == pytest.approx(v_red, abs=0.005)
    if v_ox is None:
        assert w.oxidation_limit_V is None
    else:
        assert w.oxidation_limit_V == pytest.approx(v_ox, abs=0.005)
    assert sorted(w.reduction_products) == red
    assert sorted(w.oxidation_products) == ox
    # the whole profile: same voltages (merged plateaus) and Li uptakes
    prof = pd.get_element_profile("Li", comp)
    ours = [(round(s.voltage_V, 4), round(s.li_per_formula_unit, 4)) for s in w.profile]
    theirs = sorted({(round(-p["chempot"], 4) + 0.0, round(p["evolution"], 4) + 0.0) for p in prof},
                    key=lambda t: t[1])
    assert sorted(ours, key=lambda t: t[1]) == [(v + 0.0, n + 0.0) for v, n in theirs]


def test_seed1_llzo_reduced_near_0_05V(thermo):
    w = thermo.window("LLZO")
    assert w.reduction_limit_V == pytest.approx(0.05, abs=0.01)


def test_seed1_llto_limits_and_products(thermo):
    # seed 1 §3.1: oxidised above 3.71 V to O2, La2Ti2O7, TiO2; reduced below 1.752 V
    w = thermo.window("LLTO")
    assert w.reduction_limit_V == pytest.approx(1.75, abs=0.01)
    assert w.oxidation_limit_V == pytest.approx(3.71, abs=0.01)
    assert {"La2Ti2O7", "Li4Ti5O12", "O2"} == set(w.oxidation_products)
    # at higher voltage the remaining Li is extracted: O2, La2Ti2O7 and TiO2
    top = w.profile[0]
    assert set(top.phases) == {"O2", "La2Ti2O7", "TiO2"}
    assert top.voltage_V == pytest.approx(3.71, abs=0.01)
    # below 1.752 V the seed lists La2Ti2O7, Li7/6Ti11/6O4 (= Li7Ti11O24) and Li4Ti5O12 on the way down
    reduced = {p for s in w.profile if 1.5 < s.voltage_V < 1.8 for p in s.phases}
    assert {"La2Ti2O7", "Li4Ti5O12", "Li7Ti11O24"} <= reduced


@pytest.mark.parametrize("name", ["LGPS", "Li3PS4"])
def test_seed1_sulfides_reduced_near_1_7V(thermo, name):
    assert thermo.window(name).reduction_limit_V == pytest.approx(1.7, abs=0.05)


def test_seed1_lgps_at_0V(thermo):
    d = thermo.decompose("LGPS", voltage=0.0)
    assert {p.formula for p in d.products} == {"Li3P", "Li2S", "Li15Ge4"}
    # seed 1 §3.4: reduction energy about -1.25 eV/atom
    assert d.reaction_energy_eV_per_atom == pytest.approx(-1.25, abs=0.01)
    w = thermo.window("LGPS")
    assert set(w.profile[-1].phases) == {"Li3P", "Li2S", "Li15Ge4"}


def test_shared_readme_statements(thermo):
    assert thermo.window("Li3PS4").reduction_limit_V == pytest.approx(1.72, abs=0.005)
    assert thermo.window("Li7La3Zr2O12").reduction_limit_V == pytest.approx(0.05, abs=0.005)


def test_hull_matches_pymatgen(thermo, shared_entryset):
    for f in ["Li6PS5Cl", "Li10GeP2S12", "Li7La3Zr2O12", "LiCoO2", "Li3InCl6"]:
        comp = Composition(f)
        pd = phase_diagram(shared_entryset, {e.symbol for e in comp})
        r = thermo.hull(f)
        assert r.hull_energy_eV_per_atom == pytest.approx(pd.get_hull_energy_per_atom(comp), abs=1e-6)
        decomp = pd.get_decomposition(comp)
        assert {d.formula for d in r.decomposition} == {e.composition.reduced_formula for e in decomp}
        e_above = min(pd.get_e_above_hull(e) for e in pd.all_entries
                      if e.composition.reduced_formula == comp.reduced_formula)
        assert r.e_above_hull_eV_per_atom == pytest.approx(e_above, abs=1e-6)
    # stable set of a whole system equals pymatgen's
    pd = phase_diagram(shared_entryset, {"Li", "P", "S", "Cl"})
    ours = {p for p in (thermo.system(["Cl", "Li", "P", "S"]).phases(
        __import__("numpy").ones(len(thermo.system(["Cl", "Li", "P", "S"]).stable))))}
    assert {p.formula for p in ours} == {e.composition.reduced_formula for e in pd.stable_entries}
