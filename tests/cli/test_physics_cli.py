"""CLI tests of ``ssbkit physics ...`` via ssbkit.cli.main (exit codes, JSON, one-line errors)."""

from __future__ import annotations

import json

import pytest

from ssbkit.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv: str):
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def test_contact_400MPa_json_and_text(capsys):
    d = run_json(capsys, "physics", "contact", "--conductivity", "3e-4", "--hardness", "5MPa",
                 "--pressure", "400MPa", "--area", "1cm2")
    assert d["asr_ohm_cm2"] == pytest.approx(330.28, rel=1e-4)
    assert d["applicable"] is False and d["warnings"]
    code, out, _ = run(capsys, "physics", "contact", "--conductivity", "3e-4", "--pressure", "400MPa", "--area", "1cm2")
    assert code == 0 and "330.3 ohm" in out and "not applicable" in out
    with capsys.disabled():
        print("\n" + out)


def test_contact_with_crowding_reaches_zero_at_the_hardness(capsys):
    ds = run_json(capsys, "physics", "contact", "--conductivity", "5e-4", "--hardness", "400MPa", "--pressure",
                  "1MPa,150MPa,400MPa", "--area", "1cm2", "--spots", "1000000", "--crowding")
    asr = [d["asr_ohm_cm2"] for d in ds]
    assert asr[0] > asr[1] > asr[2] == 0.0 and all(d["applicable"] for d in ds)
    assert 0 < ds[1]["crowding_factor"] < 1 and "crowded spots" in ds[0]["equation"]


def test_contact_force_and_pressure_sweep(capsys):
    d = run_json(capsys, "physics", "contact", "--conductivity", "3e-4", "--hardness", "5MPa", "--force", "100N")
    assert d["resistance_ohm"] == pytest.approx(1 / (2 * 0.03) * (3.141592653589793 * 5e6 / 100) ** 0.5)
    ds = run_json(capsys, "physics", "contact", "--conductivity", "0.3mS/cm", "--pressure", "1MPa,4MPa", "--area", "1cm2")
    assert len(ds) == 2 and ds[0]["asr_ohm_cm2"] == pytest.approx(2 * ds[1]["asr_ohm_cm2"])


@pytest.mark.parametrize("w, angle", [("0.10", 142.0), ("0.67J/m2", 62.0)])
def test_wetting_cli(capsys, w, angle):
    d = run_json(capsys, "physics", "wetting", "--work-of-adhesion", w)
    assert abs(d["contact_angle_deg"] - angle) <= 3.0
    d = run_json(capsys, "physics", "wetting", "--contact-angle", "125")
    assert d["work_of_adhesion_J_per_m2"] == pytest.approx(0.46 * (1 + __import__("math").cos(__import__("math").radians(125))))


def test_ccd_cli_prints_activation_energy(capsys):
    code, out, err = run(capsys, "physics", "ccd", "--points", "30C:0.05,160C:14")
    assert code == 0, err
    assert "Ea = 0.490" in out
    with capsys.disabled():
        print("\n" + out)
    d = run_json(capsys, "physics", "ccd", "--points", "30C:50uA/cm2,160C:14", "--at", "60C")
    assert d["activation_energy_eV"] == pytest.approx(0.4905, abs=1e-3)
    assert [p["fitted_ccd_mA_per_cm2"] for p in d["points"]] == pytest.approx([0.05, 14.0])
    assert d["predictions"][0]["temperature_C"] == pytest.approx(60.0)


def test_percolation_cli(capsys):
    d = run_json(capsys, "physics", "percolation")
    assert 69.0 <= d["optimum_active_material_vol_percent"] <= 79.0
    d = run_json(capsys, "physics", "percolation", "--at", "70%")
    assert d["at"]["active_material_vol_percent"] == pytest.approx(70.0)


def test_other_models_cli(capsys):
    d = run_json(capsys, "physics", "voids", "--current-density", "1", "--temperature", "25C", "--pressure", "5MPa")
    assert d["voids_form"] is True and d["limiting_current_density_mA_per_cm2"] < 1
    d = run_json(capsys, "physics", "dendrite", "monroe", "--shear-modulus", "60GPa")
    assert d["suppresses_dendrites"] is True
    d = run_json(capsys, "physics", "dendrite", "nucleation", "--conductivity", "3e-4", "--grain-size", "10um",
                 "--current-density", "0.5")
    assert d["nucleates"] is False and d["critical_current_density_mA_per_cm2"] > 0
    d = run_json(capsys, "physics", "dendrite", "growth", "--current-density", "0.5", "--asr", "10ohm cm2",
                 "--height", "10um", "--width", "1um")
    assert d["local_current_density_mA_per_cm2"] == pytest.approx(5.0) and d["grows"] is True
    d = run_json(capsys, "physics", "growth", "--kind", "SEI", "--rate", "1e-21m2/s", "--conductivity", "1e-8",
                 "--time", "1h,4h")
    assert d["law"] == "parabolic"
    assert d["points"][1]["thickness_nm"] == pytest.approx(2 * d["points"][0]["thickness_nm"])
    d = run_json(capsys, "physics", "growth", "--electronically-conducting", "--rate", "1nm/h", "--conductivity",
                 "1e-8", "--time", "10h")
    assert d["law"] == "linear" and d["final_thickness_nm"] == pytest.approx(10.0)
    d = run_json(capsys, "physics", "arrhenius", "--conductivity", "3e-4", "--activation-energy", "0.3eV",
                 "--temperature", "60C")
    assert d["conductivity_S_per_cm"] > 3e-4
    d = run_json(capsys, "physics", "arrhenius", "--points", "25C:1e-3,60C:3e-3")
    assert d["activation_energy_eV"] > 0
    d = run_json(capsys, "physics", "bricklayer", "--bulk", "1e-3", "--gb", "1e-5", "--grain-size", "1um")
    assert d["total_conductivity_S_per_cm"] < 1e-3
    d = run_json(capsys, "physics", "strain", "--volume-change", "-5%", "--fracture-strength", "150MPa")
    assert d["exceeds_fracture_strength"] is True and d["linear_strain"] == pytest.approx(0.95 ** (1 / 3) - 1)


def test_text_output_without_json(capsys):
    for argv in (["physics", "wetting", "--work-of-adhesion", "0.67"],
                 ["physics", "voids", "--current-density", "0.05"],
                 ["physics", "dendrite", "monroe"],
                 ["physics", "percolation"],
                 ["physics", "strain", "--volume-change", "2%"],
                 ["physics", "growth", "--kind", "stable", "--conductivity", "1e-8"]):
        code, out, err = run(capsys, *argv)
        assert code == 0, err
        assert out.strip() and not out.lstrip().startswith("{")


@pytest.mark.parametrize("argv, needle", [
    (["physics", "contact", "--conductivity", "-3e-4", "--force", "100N"], "--conductivity must be positive"),
    (["physics", "contact", "--conductivity", "3e-4", "--force", "0N"], "--force must be positive"),
    (["physics", "contact", "--conductivity", "3e-4", "--force", "100furlong"], "unknown unit"),
    (["physics", "contact", "--conductivity", "3e-4", "--hardness", "5", "--force", "1N"], "has no unit"),
    (["physics", "contact", "--conductivity", "3e-4", "--pressure", "4MPa"], "--area"),
    (["physics", "contact", "--conductivity", "3e-4", "--force", "10N", "--crowding"], "--crowding needs --area"),
    (["physics", "voids", "--current-density", "1", "--temperature", "-300C"], "below absolute zero"),
    (["physics", "voids", "--current-density", "1", "--temperature", "0K"], "below 1 K"),
    (["physics", "arrhenius", "--conductivity", "3e-4", "--activation-energy", "0.3eV", "--temperature", "-5K"],
     "below absolute zero"),
    (["physics", "wetting", "--work-of-adhesion", "-0.1"], "non-negative"),
    (["physics", "wetting"], "exactly one"),
    (["physics", "ccd", "--points", "30C:0.05"], "at least two"),
    (["physics", "ccd", "--points", "30:0.05,160C:14"], "has no unit"),
    (["physics", "growth", "--kind", "XYZ", "--conductivity", "1e-8"], "unknown interface classification"),
    (["physics", "growth", "--kind", "SEI", "--rate", "1nm/h", "--conductivity", "1e-8"], "length^2/time"),
    (["physics", "strain", "--volume-change", "-150%"], "above -100"),
    (["physics", "cracking", "--volume-change", "200"], "did you mean 200%?"),
    (["physics", "cracking", "--volume-change", "5%", "--partner-volume-change", "-1"], "above -100"),
    (["physics", "contact", "--bogus"], "no such option"),
])
def test_invalid_input_one_line_exit_2(capsys, argv, needle):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("ssbkit: error: ")
    assert needle.lower() in lines[0].lower()
    assert "Traceback" not in err
