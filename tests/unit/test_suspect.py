"""Suspect database phases: flagged wherever they decide a result; excluded on request."""

from __future__ import annotations

import json

import pytest

from ssbkit.cli import main
from ssbkit.data.suspect import SUSPECT_PHASES, expand

pytestmark = pytest.mark.integration


def test_flagged_in_windows_and_reactions(thermo):
    w = thermo.window("Li3PS4")
    assert "LiS4" in w.oxidation_products
    assert any(n.startswith("suspect database phase LiS4") for n in w.notes)
    assert any(n.startswith("suspect database phase LiS4") for n in w.provenance.notes)
    clean = thermo.window("LLZO")
    assert not any(n.startswith("suspect") for n in clean.notes)


def test_exclude_moves_the_sulfide_limits_as_documented(thermo, capsys, entries_path):
    assert expand(["suspect"]) == list(SUSPECT_PHASES) and expand(["LiS4", "suspect"])[0] == "LiS4"
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
