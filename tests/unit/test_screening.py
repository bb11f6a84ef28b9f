"""Screening at scale: serial and Dask give identical results; interrupted screens resume."""

from __future__ import annotations

import json

import pytest

from ssbkit.cli import main
from ssbkit.errors import SsbkitError
from ssbkit.screening.pairs import (
    execute,
    plan,
    read_done,
    screen_parameters,
    summarize,
)

pytestmark = pytest.mark.integration
VOLTS = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]


def params(entries_path, volts=VOLTS):
    from ssbkit.data.source import open_source

    src = open_source(str(entries_path))
    return screen_parameters(volts, src.location, src.version)


def test_serial_equals_dask_and_oracle_pair(entries_path, tmp_path):
    tasks = plan(["Li3PS4", "LLZO"], ["LiCoO2", "LiFePO4"], VOLTS, str(entries_path))
    serial = execute(tasks)
    distributed = execute(tasks, tmp_path / "d.jsonl", dask="local:2", parameters=params(entries_path))
    assert [r["electrolyte"] + r["electrode"] for r in serial] == [t.electrolyte + t.electrode for t in tasks]
    for a, b in zip(serial, distributed):
        assert a["scan"] == b["scan"] and a["closed"] == b["closed"]
    # the screen uses the same engine as `react`: spot-check one value against pymatgen
    from oracle_helpers import interface_minimum

    from ssbkit.data.source import open_source

    es = open_source(str(entries_path))._entries
    rec = next(r for r in serial if r["electrolyte"] == "Li3PS4" and r["electrode"] == "LiCoO2")
    x, e, prods, _ = interface_minimum(es, "Li3PS4", "LiCoO2", 3.0)
    got = next(s for s in rec["scan"] if s["voltage_V"] == 3.0)
    assert got["reaction_energy_eV_per_atom"] == pytest.approx(e, abs=1e-3)
    rows = summarize(serial, (2.5, 4.3))
    assert rows[0].electrolyte == "LLZO" and rows[0].electrode == "LiCoO2"  # seed 1 §3.3: most stable pair
    assert rows[-1].worst_reaction_energy_eV_per_atom < -0.3


def test_resume_after_interruption(entries_path, tmp_path):
    out = tmp_path / "r.jsonl"
    tasks = plan(["Li3PS4", "Li6PS5Cl"], ["LiCoO2", "LiFePO4", "LiMn2O4"], VOLTS, str(entries_path))
    p = params(entries_path)
    execute(tasks[:3], out, parameters=p)
    text = out.read_text()
    out.write_text(text + text.splitlines(keepends=True)[1][:25])  # a kill in the middle of a write
    seen = []
    recs = execute(tasks, out, on_result=seen.append, parameters=p)
    assert len(seen) == 3  # only the missing pairs were computed
    assert len(recs) == 6
    lines = out.read_text().splitlines()
    assert json.loads(lines[0]) == {"screen_parameters": p}
    assert len(lines) == 7 and len({json.loads(l)["electrode"] + json.loads(l)["electrolyte"] for l in lines[1:]}) == 6
    assert len(read_done(out, p)[0]) == 6


def test_rerun_with_other_parameters_refuses_to_mix(entries_path, tmp_path, capsys):
    out = tmp_path / "p.jsonl"
    base = ["screen", "--electrolytes", "LGPS", "--electrodes", "LCO", "--out", str(out), "--entries",
            str(entries_path), "--json"]
    assert main([*base, "--scan", "0:5:1"]) == 0
    capsys.readouterr()
    before = out.read_bytes()
    assert main([*base, "--scan", "0:5:0.02"]) == 2
    err = capsys.readouterr().err
    assert "other parameters (voltages_V differ)" in err and "--restart" in err and err.count("\n") == 1
    assert out.read_bytes() == before  # nothing mixed in
    assert main([*base, "--scan", "0:5:0.5", "--restart"]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["voltages"] == 11 and obj["parameters"]["voltages_V"][1] == 0.5
    assert len(json.loads(out.read_text().splitlines()[1])["scan"]) == 11
    # another data file (same rows, other content hash) is other parameters too
    other = tmp_path / "other.csv"
    other.write_text("formula,formation_energy_per_atom\nLi,0\nO2,0\nLi2O,-2.07\n")
    assert main(["screen", "--electrolytes", "Li2O", "--electrodes", "Li2O", "--out", str(out), "--scan", "0:5:0.5",
                 "--entries", str(other), "--json"]) == 2
    assert "data_source, data_version differ" in capsys.readouterr().err


def test_second_writer_is_locked_out(entries_path, tmp_path):
    import fcntl

    out = tmp_path / "l.jsonl"
    p = params(entries_path)
    execute(plan(["LGPS"], ["LCO"], VOLTS, str(entries_path)), out, parameters=p)
    with open(out, "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)  # another screen holds the file
        with pytest.raises(SsbkitError, match="being written by another screen"):
            execute(plan(["LLZO"], ["LCO"], VOLTS, str(entries_path)), out, parameters=p)


@pytest.mark.parametrize("line,why", [
    ('{"electrolyte": "LGPS"}', "no electrolyte/electrode names"),
    ('{"electrolyte": "LGPS", "electrode": "LCO"}', "missing closed/scan/worst"),
    ('{"electrolyte": "LGPS", "electrode": "LCO", "closed": {"reaction_energy_eV_per_atom": 0}, "worst": {}, '
     '"scan": [{"reaction_energy_eV_per_atom": 0}]}', "1 scan points, the header says 6"),
    ('{"electrolyte": "LGPS", "electrode": "LCO", "closed": {"reaction_energy_eV_per_atom": null}, "worst": {}, '
     '"scan": []}', "a reaction energy is missing or not finite"),
])
def test_malformed_record_reported_by_line(entries_path, tmp_path, line, why):
    out = tmp_path / "m.jsonl"
    p = params(entries_path)
    out.write_text(json.dumps({"screen_parameters": p}) + "\n" + line + "\n")
    with pytest.raises(SsbkitError, match=f"line 2 is not a valid screening record \\({why}"):
        execute(plan(["LGPS"], ["LCO"], VOLTS, str(entries_path)), out, parameters=p)


def test_cli_screen(capsys, entries_path, tmp_path):
    lst = tmp_path / "el.txt"
    lst.write_text("# electrolytes\nLGPS\nLLZO\n")
    out = tmp_path / "s.jsonl"
    code = main(["screen", "--electrolytes", f"@{lst}", "--electrodes", "LCO,LFP", "--scan", "0:5:1",
                 "--window", "2.5:4.3", "--out", str(out), "--entries", str(entries_path), "--json"])
    obj = json.loads(capsys.readouterr().out)
    assert code == 0 and obj["pairs"] == 4 and obj["voltages"] == 6 and len(obj["ranking"]) == 4
    assert len(out.read_text().splitlines()) == 5 and obj["parameters"]["voltages_V"] == VOLTS


@pytest.mark.parametrize("args,needle", [
    (["--dask", "bogus"], "use local, local:N"),
    (["--electrolytes", "LGPS,Qz3"], "unknown element"),
    (["--electrolytes", "@/nope.txt"], "does not exist"),
    (["--out", "x.csv"], "--out"),
    (["--scan", "5:0:1"], "START must not exceed STOP"),
])
def test_cli_screen_bad_input(capsys, entries_path, args, needle):
    base = {"--electrolytes": "LGPS", "--electrodes": "LCO", "--scan": "0:5:1"}
    opts = dict(base)
    for k, v in zip(args[::2], args[1::2]):
        opts[k] = v
    argv = ["screen", *[x for kv in opts.items() for x in kv], "--entries", str(entries_path)]
    code = main(argv)
    _, err = capsys.readouterr()
    assert code == 2 and needle in err and err.count("\n") == 1


def test_corrupt_results_file(entries_path, tmp_path):
    out = tmp_path / "bad.jsonl"
    out.write_text("not json\n")
    with pytest.raises(SsbkitError, match="line 1 is not JSON"):
        execute(plan(["LGPS"], ["LCO"], VOLTS, str(entries_path)), out, parameters=params(entries_path))
