"""CLI: ssbkit react / anode."""

from __future__ import annotations

import json

import pytest

from ssbkit.cli import main

pytestmark = pytest.mark.integration


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_react_json_closed_and_voltage(capsys, entries_path):
    code, out, _ = run(capsys, "react", "Li6PS5Cl", "LiCoO2", "--entries", str(entries_path), "--json")
    obj = json.loads(out)
    assert code == 0
    for key in ("reactant_a", "reactant_b", "voltage_V", "reaction_energy_eV_per_atom", "mixing_ratio",
                "products", "reaction", "kinks", "provenance"):
        assert key in obj
    assert obj["voltage_V"] is None and obj["reaction_energy_eV_per_atom"] < -0.3
    code, out, _ = run(capsys, "react", "LPSCl", "LCO", "--voltage", "4.3", "--entries", str(entries_path), "--json")
    obj = json.loads(out)
    assert code == 0 and obj["voltage_V"] == 4.3 and "Li" in obj["reaction"]["text"]


def test_react_scan_json_and_plot(capsys, entries_path, tmp_path):
    png = tmp_path / "scan.png"
    code, out, _ = run(capsys, "react", "LLZO", "LiCoO2,LiFePO4", "--scan", "0:5:0.5", "--entries", str(entries_path),
                       "--json", "--plot", str(png))
    data = json.loads(out)
    assert code == 0 and len(data) == 2 and len(data[0]["points"]) == 11
    assert [r["voltage_V"] for r in data[0]["points"]][:3] == [0.0, 0.5, 1.0]
    assert data[0]["voltage_range_V"] == [0.0, 5.0] and data[0]["breakpoints"]
    for prof in data:  # pieces tile the range and meet at the breakpoints
        pieces = prof["pieces"]
        assert pieces[0]["voltage_low_V"] == 0.0 and pieces[-1]["voltage_high_V"] == 5.0
        assert [p["voltage_high_V"] for p in pieces[:-1]] == [b["voltage_V"] for b in prof["breakpoints"]]
    assert png.read_bytes()[:4] == b"\x89PNG"
    png2 = tmp_path / "mix.png"
    code, _, _ = run(capsys, "react", "Li3PS4", "LiCoO2", "--entries", str(entries_path), "--plot", str(png2))
    assert code == 0 and png2.stat().st_size > 1000


def test_react_product_character(capsys, entries_path, bandgaps_path):
    code, out, _ = run(capsys, "react", "LGPS", "Li", "--entries", str(entries_path), "--bandgaps",
                       str(bandgaps_path), "--json")
    obj = json.loads(out)
    assert code == 0 and next(c for c in obj["product_character"] if c["formula"] == "Li2S")["conductor"] is False


def test_anode_json(capsys, entries_path, bandgaps_path):
    code, out, _ = run(capsys, "anode", "LGPS", "--entries", str(entries_path), "--bandgaps", str(bandgaps_path), "--json")
    obj = json.loads(out)
    assert code == 0 and obj["classification"] == "MCI"
    assert set(obj["products"]) == {"Li2S", "Li3P", "Li15Ge4"} and obj["conducting_products"] == ["Li15Ge4"]
    assert obj["reaction_energy_eV_per_atom"] < -1.0


@pytest.mark.parametrize("args,needle", [
    (["react", "Li3PS4", "Li", "--voltage", "1"], "pure Li"),
    (["react", "Li3PS4", "LiCoO2", "--scan", "5:0:0.1"], "START must not exceed STOP"),
    (["react", "Li3PS4", "LiCoO2", "--scan", "a:b"], "cannot read --scan"),
    (["react", "Li3PS4", "LiCoO2", "--voltage", "1", "--scan", "0:1:0.1"], "not both"),
    (["react", "Li3PS4", "LiCoO2", "--voltage", "-1"], "out of range"),
    (["react", "Li3PS4", "LiQo2"], "unknown element"),
    (["anode", "Li3PS4", "--bandgaps", "/nope.csv"], "does not exist"),
])
def test_bad_input(capsys, entries_path, args, needle):
    code, out, err = run(capsys, *args, "--entries", str(entries_path))
    assert code == 2 and needle in err and err.count("\n") == 1 and out == ""
