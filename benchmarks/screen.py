"""Benchmark: the 60 x 15 x 101 screen (lists in benchmarks/lists/, the reviews' electrolytes x
cathodes and coatings, 4-8 elements per pair), serial and on Dask, against the full per-voltage engine
and pymatgen.

Run: ``python benchmarks/screen.py [--repeats 5] [--dask local:2] [--baseline FILE.jsonl]``

Prints:
- the wall time of ``ssbkit screen`` (a fresh process each time, warm entries cache): median and range
  over ``--repeats`` runs, and its peak resident memory;
- equality of every energy with the full engine (each voltage solved with every kink of the mixing
  line): on ``--check-every``-th pair in this run, and on all 900 against ``--baseline``, a results
  file written by an earlier version (records are matched by pair);
- serial vs ``--dask``: how many of the 900 records differ (byte for byte);
- the per-reaction ratio against pymatgen at its best (phase diagrams from stable entries, cached per
  system; one grand-potential diagram and InterfacialReactivity per voltage), measured in the same run
  on ``--pm-pairs`` pairs x 11 voltages, interleaved with ssbkit's own per-pair profile.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import REPO, StablePD, entries_path, interleaved, spread
from interfaces import pm_reaction, same

from ssbkit.data.source import open_source
from ssbkit.interfaces import InterfaceCalculator, voltage_grid
from ssbkit.screening.pairs import read_list
from ssbkit.thermo import Thermo

LISTS = REPO / "benchmarks" / "lists"


def run_screen(out: Path, dask: str | None = None) -> float:
    cmd = [sys.executable, "-m", "ssbkit", "screen", "--electrolytes", f"@{LISTS / 'screen_electrolytes.txt'}",
           "--electrodes", f"@{LISTS / 'screen_electrodes.txt'}", "--scan", "0:5:0.05", "--out", str(out),
           "--restart", "--json", "--entries", entries_path()]
    if dask:
        cmd += ["--dask", dask]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    return time.perf_counter() - t0


def records(path: Path) -> dict[str, str]:
    rows = path.read_text().splitlines()[1:]
    return {"|".join((json.loads(r)["electrolyte"], json.loads(r)["electrode"])): r for r in rows}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--dask", default="local:2")
    ap.add_argument("--baseline", default=None, help="results file of an earlier version (all 900 pairs)")
    ap.add_argument("--check-every", type=int, default=15, help="check every N-th pair against the full engine")
    ap.add_argument("--pm-pairs", type=int, default=4)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    serial = tmp / "serial.jsonl"
    times = [run_screen(serial) for _ in range(args.repeats)]
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    recs = records(serial)
    n_pts = sum(len(json.loads(r)["scan"]) + 1 for r in recs.values())
    print(f"screen 60 x 15 x 101 serial: {spread(times)} s for {len(recs)} pairs, {n_pts} reactions "
          f"({1e3 * min(times) / n_pts:.3f} ms each at best); peak memory {peak:.0f} MiB (target < 15 s)")

    # equality with the full per-voltage engine, in this run
    th = Thermo(open_source(entries_path()))
    volts = voltage_grid(0.0, 5.0, 0.05)
    worst = 0.0
    n = differ = 0
    keys = sorted(recs)[:: args.check_every]
    for key in keys:
        a, b = key.split("|")
        rec = json.loads(recs[key])
        if not rec["scan"]:
            continue
        full = InterfaceCalculator(th, a, b).scan(volts, kinks=True)
        for s, r in zip(rec["scan"], full):
            d = abs(s["reaction_energy_eV_per_atom"] - r.reaction_energy_eV_per_atom)
            worst = max(worst, d)
            n += 1
            differ += d > 1e-6
    print(f"vs the full engine (every kink, each voltage), {len(keys)} pairs in this run: {differ}/{n} energies "
          f"differ by > 1e-6 eV/atom (largest difference {worst:.1e})")
    if args.baseline:
        base = records(Path(args.baseline))
        worst, n, differ, prod = 0.0, 0, 0, 0
        for key, row in base.items():
            old, new = json.loads(row), json.loads(recs[key])
            for s, t in [(old["closed"], new["closed"])] + list(zip(old["scan"], new["scan"])):
                d = abs(s["reaction_energy_eV_per_atom"] - t["reaction_energy_eV_per_atom"])
                worst, n, differ = max(worst, d), n + 1, differ + (d > 1e-6)
                prod += sorted(s["products"]) != sorted(t["products"])
        print(f"vs baseline {args.baseline}: {len(base)} pairs, {differ}/{n} energies differ by > 1e-6 eV/atom "
              f"(largest {worst:.1e}); product sets differ at {prod} points (equal-energy ties)")

    if args.dask:
        dist = tmp / "dask.jsonl"
        t = run_screen(dist, args.dask)
        other = records(dist)
        diff = sum(recs[k] != other.get(k) for k in recs)
        same_header = serial.read_text().splitlines()[0] == dist.read_text().splitlines()[0]
        print(f"--dask {args.dask}: {t:.1f} s; records differing from serial: {diff}/{len(recs)}; "
              f"headers equal: {same_header}")

    # per-reaction ratio against pymatgen, interleaved, in this run
    es = open_source(entries_path())._entries
    stable = StablePD(es)
    elys = read_list(f"@{LISTS / 'screen_electrolytes.txt'}")
    elds = read_list(f"@{LISTS / 'screen_electrodes.txt'}")
    sample = [(elys[(7 * i) % len(elys)], elds[(3 * i) % len(elds)]) for i in range(args.pm_pairs)]
    sub = volts[::10]
    ratios, agree, total = [], 0, 0
    for a, b in sample:
        for v in sub:
            pm_reaction(stable, a, b, v)  # cache the diagram: pymatgen at its best
        res: dict[str, object] = {}
        t_pm, t_ss = interleaved(lambda: res.__setitem__("pm", [pm_reaction(stable, a, b, v) for v in sub]),
                                 lambda: res.__setitem__("ss", InterfaceCalculator(th, a, b).profile(sub).points),
                                 repeats=args.repeats)
        for o, p in zip(res["ss"], res["pm"]):
            total += 1
            agree += same(o, p)
        ratios += [(p / len(sub)) / (s / len(sub)) for p, s in zip(t_pm, t_ss)]
    per_ss = min(times) / n_pts
    print(f"pymatgen (stable entries, cached diagrams), {len(sample)} pairs x {len(sub)} voltages: equal "
          f"{agree}/{total}; same-pair ratio pymatgen/ssbkit {spread(ratios)}x")
    pm_per = []
    for a, b in sample[:2]:
        t0 = time.perf_counter()
        for v in sub:
            pm_reaction(stable, a, b, v)
        pm_per.append((time.perf_counter() - t0) / len(sub))
    print(f"per reaction: pymatgen {1e3 * sum(pm_per) / len(pm_per):.1f} ms vs the whole screen's "
          f"{1e3 * per_ss:.3f} ms per reaction (closed and Li-open, hull building included): "
          f"{sum(pm_per) / len(pm_per) / per_ss:.0f}x")


if __name__ == "__main__":
    main()
