"""Material names: abbreviations, element order, pseudo-binary notation, and the errors for bad names."""

from __future__ import annotations

import pytest

from ssbkit.errors import FormulaError
from ssbkit.materials import parse_formula, pseudo_binary, resolve, same_material


@pytest.mark.parametrize("name,reduced", [
    ("LGPS", "Li10Ge(PS6)2"), ("S4PLi3", "Li3PS4"), ("LLZO", "Li7La3Zr2O12"), ("NMC811", "LiNi0.8Co0.1Mn0.1O2"),
])
def test_names_and_element_order(name, reduced):
    assert resolve(name).composition.reduced_formula == parse_formula(reduced).reduced_formula


@pytest.mark.parametrize("text,reduced", [
    ("75Li2S-25P2S5", "Li3PS4"),          # seed 1 Table 1 glass, ref. [21]
    ("70Li2S·30P2S5", "Li7P3S11"),         # the glass-ceramic's nominal composition
    ("70Li2S - 30P2S5", "Li7P3S11"),
    ("0.75Li2S-0.25P2S5", "Li3PS4"),
    ("80Li2S·20P2S5", "Li8P2S9"),
    ("3LiBH4·LiI", "Li4B3H12I"),           # dot adduct: a missing amount is 1
])
def test_pseudo_binary(text, reduced):
    m = resolve(text)
    assert m.composition.reduced_formula == parse_formula(reduced).reduced_formula
    assert m.formula == m.model_formula == parse_formula(reduced).reduced_formula
    assert "pseudo-binary" in m.note and text.strip() in m.note
    assert same_material(text, reduced)


@pytest.mark.parametrize("text,message", [
    ("Li2S-P2S5", "needs its molar amount"),   # a system name, not a material: no silent 1:1
    ("75Li2S-0P2S5", "must be positive"),
    ("75Li2S-25Qq", "unknown element 'Qq'"),
    ("75Li2S-", "cannot parse"),
    ("Li-Ti-O", "needs its molar amount"),
    ("Li3PS4 Li", "contains a space"),          # two materials, not Li4PS4
])
def test_pseudo_binary_errors(text, message):
    with pytest.raises(FormulaError, match=message):
        resolve(text)


def test_not_pseudo_binary():
    assert pseudo_binary("Li3PS4") is None
    assert pseudo_binary("LiNi1/3Co1/3Mn1/3O2") is None


def test_generic_nmc_says_which_composition():
    assert "NMC811" in resolve("NMC").note and "unspecified" in resolve("NCM").note
    assert resolve("NMC811").note == "" and resolve("NMC622").formula == "LiNi0.6Co0.2Mn0.2O2"


@pytest.mark.integration
def test_pseudo_binary_window_equals_its_formula(thermo):
    a, b = thermo.window("75Li2S-25P2S5"), thermo.window("Li3PS4")
    assert a.reduction_limit_V == pytest.approx(b.reduction_limit_V, abs=1e-9)
    assert a.oxidation_limit_V == pytest.approx(b.oxidation_limit_V, abs=1e-9)
    assert any("pseudo-binary" in n for n in a.notes)
    assert not any(n.startswith("None") for n in a.notes)


@pytest.mark.integration
def test_hull_of_a_stable_phase_is_exactly_zero(thermo):
    r = thermo.hull("Li3PS4")
    assert r.stable and r.e_above_hull_eV_per_atom == 0.0
    assert f"{r.e_above_hull_eV_per_atom * 1000:.1f}" == "0.0"
