"""Graded verdicts, apparent windows, the resistance budget and cell types (issue: judge a cell as the reviews do)."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

from ssbkit.cli import main
from ssbkit.errors import SsbkitError
from ssbkit.interfaces.apparent import apparent_window
from ssbkit.parameters import Parameters
from ssbkit.stack.budget import BudgetBuilder, time_grid
from ssbkit.stack.parse import parse_stack
from ssbkit.stack.verdicts import Thresholds, worse
from ssbkit.thermo.window import ProfileStep, StabilityWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
TH = Thresholds()


# ------------------------------------------------------------------ the grading rule (hand-made axes)
def grade(energy, conducting, source, unstable, asr, working, th):
    """The interface rules of ssbkit.stack.grading applied to hand-made facts."""
    from ssbkit.materials import resolve
    from ssbkit.stack.grading import INTERFACE_RULES, InterfaceView
    from ssbkit.stack.heat import HeatFacts
    from ssbkit.stack.interface_facts import InterfaceFacts, Reacted
    from ssbkit.stack.parse import Layer
    from ssbkit.stack.report import EvidenceAxis, KineticAxis, ThermoAxis

    lay = Layer("electrolyte", resolve("Li3PS4"))
    f = InterfaceFacts(lay, lay, "Li3PS4", "none", (0.0, 0.0) if source else None, (),
                       EvidenceAxis((), working, ""), None)
    if energy is not None:
        from ssbkit.stack.budget import AsrContribution

        f.reacted = Reacted(ThermoAxis(energy, energy, None, None, ()), (), None, {}, [])
        f.kinetic = KineticAxis(source, tuple(conducting), (), tuple(unstable), None, "parabolic", "")
        f.contributions = [AsrContribution("interphase", "interphase", "linear", (0.0, asr or 0.0), None, None, "",
                                           (), False)]
    x = InterfaceView(f, asr or 0.0, HeatFacts(), 0)
    verdict, why = next(g for rule in INTERFACE_RULES if (g := rule(x, th)) is not None)
    return verdict, [why]


@pytest.mark.parametrize("energy,conducting,source,unstable,asr,working,expected", [
    (-0.005, ("Ge",), True, (), 1e6, False, "stable"),            # below the reaction threshold
    (-0.50, ("Li15Ge4",), True, (), 5000.0, False, "incompatible"),  # MCI with an electron source, strong, fast
    (-0.50, ("Li15Ge4",), True, (), 5000.0, True, "degrading"),    # ... softened by reported working cells
    (-0.50, ("Ge",), True, (), 300.0, False, "degrading"),         # ... growing slower than incompatible
    (-0.50, ("Ge",), True, (), 80.0, False, "resistive"),          # ... under the resistance threshold (LGPS | Li-In)
    (-0.05, ("Ti3P",), True, (), 150.0, False, "degrading"),      # MCI, weak driving force
    (-0.05, ("Ti3P",), True, (), 10.0, False, "resistive"),       # ... adding 10 ohm cm2 in the budget's time
    (-0.50, (), True, ("O2 (gas)",), 10.0, False, "degrading"),    # products unstable where they sit
    (-0.50, (), True, (), 500.0, False, "resistive"),             # passivating but too resistive
    (-0.50, (), True, (), 50.0, False, "passivated"),
    (-0.50, ("NbS3",), False, (), 50.0, False, "passivated"),     # conductor but no electron source
    (None, (), True, (), None, False, "unknown"),
])
def test_grade_rule(energy, conducting, source, unstable, asr, working, expected):
    verdict, reasons = grade(energy, conducting, source, unstable, asr, working, TH)
    assert verdict == expected and reasons


def test_worse_and_thresholds():
    assert worse("stable", "passivated", "unknown") == "unknown"
    assert worse("resistive", "incompatible", "degrading") == "incompatible"
    assert grade(-0.2, (), True, (), 150.0, False, Thresholds(asr_ohm_cm2=200.0))[0] == "passivated"
    for bad in ({"asr_ohm_cm2": float("nan")}, {"time_h": -1.0}, {"incompatible_eV": 0.0}, {"time_h": 1e9}):
        with pytest.raises(SsbkitError):
            Thresholds(**bad)


# ------------------------------------------------------------------ apparent window (hand-made profile)
class _Gaps:
    """Band gaps for the hand-made phases: A2X and AX insulators, B a metal handled by the element rule."""

    source = "test"

    def get(self, formula):
        from types import SimpleNamespace

        g = {"Li2S": 3.5, "LiCl": 6.0, "Li3P": 0.8, "LiP": 0.9, "P2S7": 2.5, "ZrO2": 4.0, "YCl3": 5.0}.get(formula)
        return None if g is None else SimpleNamespace(band_gap_eV=g, values_eV=[g])


def _window(steps):
    prof = tuple(ProfileStep(v, li, tuple(ph)) for v, li, ph in steps)
    stable = next(s for s in prof if s.li_per_formula_unit == 0)
    above = [s for s in prof if s.voltage_V > stable.voltage_V]
    return StabilityWindow("X", "X", stable.voltage_V, min(s.voltage_V for s in above) if above else None, (), (),
                           prof, 0.0, True, None, {}, (0.0, 5.0), False)


def test_apparent_window_passivates_until_a_conductor():
    w = _window([(3.0, -2.0, ["P2S7", "LiCl", "S"]), (1.7, 0.0, ["X"]), (1.2, 5.0, ["Li2S", "LiCl", "P"]),
                 (0.5, 7.0, ["Li2S", "LiCl", "Ge"]), (0.0, 8.0, ["Li2S", "Li3P", "LiCl"])])
    a = apparent_window(w, _Gaps())
    assert a.intrinsic_reduction_V == 1.7 and a.apparent_reduction_V == pytest.approx(1.2)
    assert "Ge (conductor)" in a.reduction.ended_by and "P" in a.reduction.passivated_by
    assert a.apparent_oxidation_V is None and a.covers(1.3, 4.5) and not a.covers(1.0, 2.0)


def test_apparent_window_oxygen_release_passivates_chlorine_does_not():
    ox = _window([(4.5, -1.0, ["ZrO2", "O2"]), (3.0, 0.0, ["X"]), (0.0, 1.0, ["Li2S"])])
    assert apparent_window(ox, _Gaps()).apparent_oxidation_V is None
    cl = _window([(4.3, -3.0, ["YCl3", "Cl2"]), (0.6, 0.0, ["X"]), (0.0, 1.0, ["LiCl"])])
    a = apparent_window(cl, _Gaps())
    assert a.apparent_oxidation_V == pytest.approx(4.3) and "Cl2 (gas)" in a.oxidation.ended_by
    assert a.apparent_reduction_V == 0.0


# ------------------------------------------------------------------ parameters and the budget
def test_parameter_table_is_cited():
    p = Parameters.load()
    for name, row in p.table.items():
        assert row.value > 0 and row.unit, name
        assert row.basis in ("measured", "reported", "derived", "estimate"), name
        if row.basis in ("measured", "reported"):
            assert row.source, f"{name} has no reference"
    for f in ("Li2S", "Li3P", "LiCl", "LiBr", "LiI", "Li2O", "Li3N", "LiF", "Li3PO4", "Li2CO3", "LiOH", "Li3BO3",
              "LiNbO3", "LiTaO3", "Li4Ti5O12", "Li2ZrO3", "LiAlO2", "Li2SiO3"):
        assert p.sigma(f) is not None, f
    assert p.get("sigma.Li3N").source.startswith("U. v. Alpen")
    assert "Wang et al., Adv. Energy Mater. 2020" in p.get("charge_transfer_asr").source


@pytest.mark.parametrize("bad,needle", [
    ({"sigma.Li2S": "inf"}, "finite"), ({"sigma.Li2S": "1e-9 S/"}, "cannot read"), ({"sigma.Li2S": -1}, "> 0"),
    ({"thickness.coating": "3 kg"}, "not in units of nm"), ({"thickness.coating": "3 bananas"}, "cannot read"),
    ({"frobnicate": 1}, "unknown parameter"), ({"sigma.": 1}, "unknown parameter"),
    ({"grain_boundary_conductivity_ratio": 2}, "ratio"),
])
def test_parameter_overrides_refused(bad, needle):
    with pytest.raises(SsbkitError, match=needle):
        Parameters.load(bad)


def test_growth_laws_of_the_budget():
    p = Parameters.load({"sigma.Li2S": 1e-9})
    b = BudgetBuilder(p, time_grid(100.0))
    par = b.interphase("A | Li", "parabolic", [("Li2S", 1.0)], 1.5)
    lin = b.interphase("B | Li", "linear", [("Li2S", 1.0)], 1.5)
    con = b.interphase("C | D", "constant", [("Li2S", 1.0)], None)
    L0 = p.value("thickness.chemical_interphase")
    kp = 2 * p.value("interphase_molar_volume") * 1e-6 * p.value("sei_electronic_conductivity") * 100 * 1.5 / 96485.33212
    t_end = 100 * 3600.0
    assert par.thickness_nm[-1] == pytest.approx(math.sqrt((L0 * 1e-9) ** 2 + kp * t_end) * 1e9, rel=1e-9)
    k_l = p.value("mci_growth_rate") * 10 ** ((1.5 - p.value("mci_reference_drive")) / p.value("mci_drive_per_decade"))
    assert lin.thickness_nm[-1] == pytest.approx(L0 + k_l * 100, rel=1e-9)
    assert con.thickness_nm[0] == con.thickness_nm[-1] == L0
    # ASR = L / sigma (ohm cm2 from nm and S/cm)
    assert par.asr_ohm_cm2[-1] == pytest.approx(par.thickness_nm[-1] * 1e-7 / 1e-9)
    budget = b.build(0.5)
    assert budget.total_end_ohm_cm2 == pytest.approx(sum(c.asr_end_ohm_cm2 for c in budget.contributions))
    assert budget.overpotential_end_V == pytest.approx(0.5e-3 * budget.total_end_ohm_cm2)


def test_mixture_conductivity_percolates():
    b = BudgetBuilder(Parameters.load(), (0.0,))
    fast, _ = b.mixture_sigma([("Li3P", 0.5), ("Li2S", 0.5)])        # Li3P above the 0.16 threshold
    slow, _ = b.mixture_sigma([("Li3P", 0.05), ("Li2S", 0.95)])      # below it
    assert fast > 1e-6 and slow < 1e-8


# ------------------------------------------------------------------ cell types (no data)
@pytest.mark.parametrize("text,cell,roles", [
    ("Li | LLZO | Li", "symmetric", ["anode", "electrolyte", "anode"]),
    ("NMC811 | LiNbO3 | Li6PS5Cl | Li-In", "half", ["cathode", "coating", "electrolyte", "anode"]),
    ("LCO | Li6PS5Cl | graphite", "full", ["cathode", "electrolyte", "anode"]),
    ("NMC811 | Li6PS5Cl | Si", "full", ["cathode", "electrolyte", "anode"]),
    ("NMC811 | Li6PS5Cl | Cu", "anode-free", ["cathode", "electrolyte", "anode"]),
    ("Si | Li6PS5Cl | Li", "half", ["anode", "electrolyte", "anode"]),
    ("LCO | Li3InCl6 | Li6PS5Cl | Li", "half", ["cathode", "electrolyte", "electrolyte", "anode"]),
    ("LCO | LiNbO3 | Li6PS5Cl | LGPS | LiF | In | Li", "half",
     ["cathode", "coating", "electrolyte", "electrolyte", "interlayer", "interlayer", "anode"]),
])
def test_cell_types(text, cell, roles):
    s = parse_stack(text)
    assert s.cell_type == cell and [x.role for x in s.layers] == roles


# ------------------------------------------------------------------ on the shared data
@pytest.mark.integration
def test_acceptance_cells(thermo, gaps):
    from ssbkit.stack.assess import assess
    from ssbkit.stack.conditions import Conditions

    c = Conditions.parse()
    for s in ("NMC811 | LiNbO3 | Li6PS5Cl | Li-In", "NMC811 | LiNbO3 | Li6PS5Cl | Li", "Li | Li3PS4 | Li"):
        a = assess(s, c, thermo, gaps)
        assert a.verdict not in ("incompatible", "unknown"), (s, a.summary)
    for s in ("Li | LGPS | Li", "Li | LATP | Li"):
        a = assess(s, c, thermo, gaps)
        assert a.verdict in ("degrading", "incompatible")
        li = a.interfaces[0]
        assert li.kinetic.conducting_products and "electron-conducting" in li.reasons[0]
    sym = assess("Li | LLZO | Li", c, thermo, gaps)
    assert sym.cell_type == "symmetric" and sym.interfaces[0].verdict == sym.interfaces[1].verdict
    assert all(x.role != "cathode" for x in sym.layers)


@pytest.mark.integration
def test_li2co3_surface_layer_asr(thermo, gaps):
    """Wang et al. 2020 Table 1: hundreds of ohm cm2 with surface Li2CO3 vs a few for a clean, wetted garnet."""
    from ssbkit.stack.assess import assess
    from ssbkit.stack.conditions import Conditions

    clean = assess("Li | LLZO | Li", Conditions.parse(), thermo, gaps).asr_budget
    dirty = assess("Li | Li2CO3 | LLZO | Li2CO3 | Li", Conditions.parse(), thermo, gaps).asr_budget

    def li_side(b, names):
        return sum(x.asr_start_ohm_cm2 for x in b.contributions if any(x.name.startswith(n) for n in names))

    one_side_clean = li_side(clean, ["charge transfer Li | ", "interphase Li | "])
    one_side_dirty = li_side(dirty, ["charge transfer Li | ", "interphase Li | ", "interphase Li2CO3 | LLZO"]) + \
        dirty.contributions[0].asr_start_ohm_cm2
    assert 1.0 <= one_side_clean <= 10.0
    assert 100.0 <= one_side_dirty <= 2000.0
    assert {p.name for p in dirty.parameters} >= {"sigma.coating.Li2CO3", "thickness.interlayer", "charge_transfer_asr"}
    assert any("contact angle 142" in n for n in dirty.notes)


@pytest.mark.integration
def test_reported_cells_confusion_matrix(thermo, gaps):
    import validate_cells

    rows = validate_cells.run(thermo, gaps)
    m = validate_cells.matrix(rows)
    assert sum(sum(v.values()) for v in m.values()) == len(rows) >= 30
    assert sum(r["agree"] for r in rows) >= 30  # docs/validation.md: the grades that depend on the time asked
    assert m["fails"]["stable"] == m["fails"]["passivated"] == 0


@pytest.mark.integration
def test_cli_assess_json_grades_param_plot(capsys, entries_path, bandgaps_path, tmp_path):
    ent = ["--entries", str(entries_path), "--bandgaps", str(bandgaps_path)]
    grades = {"stable", "passivated", "resistive", "degrading", "incompatible", "unknown"}
    code = main(["assess", "NMC811 | LiNbO3 | Li6PS5Cl | Li", "--json", *ent])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["verdict"] in grades
    assert all(x["verdict"] in grades for x in out["layers"] + out["interfaces"])
    assert out["asr_budget"]["total_end_ohm_cm2"] > out["asr_budget"]["total_start_ohm_cm2"] > 0
    base = out["asr_budget"]["total_start_ohm_cm2"]
    png = tmp_path / "asr.png"
    code = main(["assess", "NMC811 | LiNbO3 | Li6PS5Cl | Li", "--param", "thickness.coating=100nm", "--json",
                 "--plot", str(png), *ent])
    out = json.loads(capsys.readouterr().out)
    coat = next(c for c in out["asr_budget"]["contributions"] if c["name"] == "coating LiNbO3")
    assert code == 0 and out["asr_budget"]["total_start_ohm_cm2"] > base
    assert "of its 100 nm" in coat["note"] and 90 < coat["thickness_nm"][0] < 100  # what the interphases leave
    assert png.read_bytes()[:4] == b"\x89PNG"
    code = main(["window", "LGPS", "--apparent", "--json", *ent])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["apparent"]["apparent_reduction_V"] < out["window"]["reduction_limit_V"]
    code = main(["assess", "LCO | LLZO | Li", "--current", "0.1mA/cm2", *ent])
    text = capsys.readouterr().out
    assert code == 0 and "Monroe-Newman" in text and "Area-specific resistance" in text and "sees:" in text
