"""Screening at scale: serial and Dask give identical results; interrupted screens resume."""

from __future__ import annotations

import json

import pytest

from ssbkit.cli import main
from ssbkit.errors import SsbkitError
from ssbkit.screening.pairs import execute, plan, read_done, summarize

pytestmark = pytest.mark.integration
VOLTS = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]


def test_serial_equals_dask_and_oracle_pair(entries_path, tmp_path):
    tasks = plan(["Li3PS4", "LLZO"], ["LiCoO2", "LiFePO4"], VOLTS, str(entries_path))
    serial = execute(tasks)
    distributed = execute(tasks, tmp_path / "d.jsonl", dask="local:2")
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
    execute(tasks[:3], out)
    text = out.read_text()
    out.write_text(text + text.splitlines(keepends=True)[0][:25])  # a kill in the middle of a write
    seen = []
    recs = execute(tasks, out, on_result=seen.append)
    assert len(seen) == 3  # only the missing pairs were computed
    assert len(recs) == 6
    lines = out.read_text().splitlines()
    assert len(lines) == 6 and len({json.loads(l)["electrode"] + json.loads(l)["electrolyte"] for l in lines}) == 6
    assert len(read_done(out)[0]) == 6


def test_cli_screen(capsys, entries_path, tmp_path):
    lst = tmp_path / "el.txt"
    lst.write_text("# electrolytes\nLGPS\nLLZO\n")
    out = tmp_path / "s.jsonl"
    code = main(["screen", "--electrolytes", f"@{lst}", "--electrodes", "LCO,LFP", "--scan", "0:5:1",
                 "--window", "2.5:4.3", "--out", str(out), "--entries", str(entries_path), "--json"])
    obj = json.loads(capsys.readouterr().out)
    assert code == 0 and obj["pairs"] == 4 and obj["voltages"] == 6 and len(obj["ranking"]) == 4
    assert len(out.read_text().splitlines()) == 4


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
    with pytest.raises(SsbkitError, match="not a screening record"):
        execute(plan(["LGPS"], ["LCO"], VOLTS, str(entries_path)), out)
