"""CLI: window / hull / decompose output and one-line errors with exit code 2."""

from __future__ import annotations

import json

import pytest

from ssbkit.cli import main


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_window_json_single_and_many(capsys, toy_csv):
    code, out, err = run(capsys, "window", "Li2O2", "--entries", str(toy_csv), "--json")
    assert code == 0
    obj = json.loads(out)
    for key in ("formula", "reduction_limit_V", "oxidation_limit_V", "reduction_products",
                "oxidation_products", "profile", "provenance"):
        assert key in obj
    assert obj["profile"][0].keys() >= {"voltage_V", "li_per_formula_unit", "phases"}
    code, out, _ = run(capsys, "window", "Li2O2", "Li2O", "--entries", str(toy_csv), "--json")
    assert code == 0 and isinstance(json.loads(out), list) and len(json.loads(out)) == 2


def test_window_plot(capsys, toy_csv, tmp_path):
    png = tmp_path / "w.png"
    code, out, _ = run(capsys, "window", "Li2O2", "Li2O", "--entries", str(toy_csv), "--plot", str(png))
    assert code == 0 and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "Li2O2" in out


def test_hull_and_decompose_json(capsys, toy_csv):
    code, out, _ = run(capsys, "hull", "LiO3", "--entries", str(toy_csv), "--json")
    assert code == 0 and json.loads(out)["e_above_hull_eV_per_atom"] > 0
    code, out, _ = run(capsys, "decompose", "Li2O2", "--voltage", "1", "--entries", str(toy_csv), "--json")
    obj = json.loads(out)
    assert code == 0 and obj["li_exchanged_per_formula_unit"] == pytest.approx(2.0)
    assert obj["reaction"]["text"] == "Li2O2 + 2 Li -> 2 Li2O"


@pytest.mark.parametrize("args,needle", [
    (["window", "Li3Pq4"], "unknown element 'Pq'"),
    (["window", "Li3P(S4"], "cannot parse formula"),
    (["window", "Li3PO4"], "no entries containing P"),
    (["window", "Li2O", "--plot", "x.jpg"], "--plot"),
    (["hull", "Li2O", "--entries", "/nonexistent/file.csv"], "does not exist"),
    (["decompose", "Li2O", "--voltage", "-1"], "out of range"),
    (["window"], "give FORMULAS, or --structure"),
])
def test_bad_input_one_line_exit_2(capsys, toy_csv, args, needle):
    if "--entries" not in args:
        args = args + ["--entries", str(toy_csv)]
    code, out, err = run(capsys, *args)
    assert code == 2
    assert needle in err
    assert err.count("\n") == 1 and err.startswith("ssbkit: error:")
    assert "Traceback" not in err and out == ""


def test_no_source_configured_uses_the_embedded_data(capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("SSBKIT_ENTRIES", raising=False)
    monkeypatch.delenv("MP_API_KEY", raising=False)
    monkeypatch.setenv("SSBKIT_CONFIG", str(tmp_path / "none.toml"))
    code, out, _ = run(capsys, "window", "Li3PS4", "--json")
    d = json.loads(out)
    assert code == 0 and d["reduction_limit_V"] == pytest.approx(1.72, abs=0.01)
    assert d["provenance"]["data_kind"] == "embedded"
    assert d["provenance"]["data_source"] == "Materials Project 2018.06 formation energies (embedded default)"


def test_corrupt_gzip(capsys, tmp_path):
    p = tmp_path / "x.csv.gz"
    p.write_bytes(b"\x1f\x8b\x08garbage")
    code, _, err = run(capsys, "window", "Li2O", "--entries", str(p))
    assert code == 2 and "not a readable CSV" in err


def test_config_file_source(capsys, monkeypatch, tmp_path, toy_csv):
    monkeypatch.delenv("SSBKIT_ENTRIES", raising=False)
    cfg = tmp_path / "config.toml"
    cfg.write_text(f'entries = "{toy_csv}"\n')
    monkeypatch.setenv("SSBKIT_CONFIG", str(cfg))
    code, out, _ = run(capsys, "window", "Li2O", "--json")
    assert code == 0 and json.loads(out)["oxidation_limit_V"] == pytest.approx(2.8)


def test_console_script_subprocess(toy_csv):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "ssbkit", "window", "Li2O", "--entries", str(toy_csv), "--json"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([sys.executable, "-m", "ssbkit", "window", "Qq"], capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "Traceback" not in r.stderr
