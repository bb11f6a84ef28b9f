"""Benchmark: how a whole-database coating screen scales (docs/scaling.md).

Run: ``python benchmarks/scaling.py [--plot docs/img] [--skip-dask]`` (the embedded data, or SSBKIT_ENTRIES).

1. ``ssbkit coatings NMC811 Li3PS4 --candidates all`` end to end, serial and ``--dask local:2``, each in a fresh
   process, ``--repeats`` times, each time first with an empty cache directory and then again as a later session
   reading what the first left (hulls, facets): wall time (median, range), the main process's peak memory, the
   funnel's counts, serial == Dask == later session checked.
2. Time and peak memory against the number of candidates judged: the fixed-list screen of the first N of the
   funnel's insulating pool, each N in a fresh process (data loading and the hulls it needs included).
3. Time per candidate against the number of elements of the system it is judged in (candidate, cathode and
   electrolyte together), from one serial pass with every candidate timed.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _common import REPO, spread

CHILD = r'''
import json, resource, sys, time
t0 = time.perf_counter()
mode, arg = sys.argv[1], sys.argv[2]
from ssbkit.interfaces.funnel_result import FunnelSettings
s = FunnelSettings("coatings", ("NMC811", "Li3PS4"), 4.3)
if mode == "all":
    from ssbkit.screening.funnel import whole_database_screen
    r = whole_database_screen(s, dask=None if arg == "serial" else arg)
    out = {"rows": [x.to_dict() for x in r.rows], "steps": [(st.step, st.passed) for st in r.funnel.steps],
           "fate": r.funnel.fate}
else:
    from ssbkit.interfaces.candidates import Candidate
    from ssbkit.interfaces.coatings import screen_coatings
    from ssbkit.screening.funnel import open_thermo
    th, gaps = open_thermo(s)
    pool = json.load(open(arg))[: int(mode)]
    r = screen_coatings(th, "NMC811", "Li3PS4", [Candidate(f, f, source="data") for f in pool], 4.3, gaps)
    out = {"rows": len(r.rows)}
out["seconds"] = time.perf_counter() - t0
out["peak_MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
'''


def child(*args: str, cache: str | None = None) -> dict:
    """One fresh process; ``cache``: its SSBKIT_CACHE_DIR (None: a new, empty one)."""
    import os
    import tempfile

    env = {**os.environ, "SSBKIT_CACHE_DIR": cache or tempfile.mkdtemp(prefix="ssbkit-scaling-")}
    p = subprocess.run([sys.executable, "-c", CHILD, *args], capture_output=True, text=True, cwd=REPO, check=False,
                       env=env)
    if p.returncode:
        sys.exit(p.stderr[-2000:])
    return json.loads(p.stdout.strip().splitlines()[-1])


def pool_file(path: Path) -> list[str]:
    """The funnel's insulating pool (steps 1-4), written for the children."""
    from ssbkit.interfaces.funnel_result import FunnelSettings
    from ssbkit.screening import funnel as F

    s = FunnelSettings("coatings", ("NMC811", "Li3PS4"), 4.3)
    th, gaps = F.open_thermo(s)
    steps: list = []
    pool = F._insulators(F._hull_candidates(th, s, steps, lambda _m: None), gaps, steps)
    path.write_text(json.dumps(pool))
    return pool


def per_element_times(pool: list[str]) -> dict[int, list[float]]:
    from pymatgen.core import Composition

    from ssbkit.interfaces.funnel_result import FunnelSettings
    from ssbkit.screening import funnel as F

    s = FunnelSettings("coatings", ("NMC811", "Li3PS4"), 4.3)
    F.open_thermo(s)  # data open, hulls not yet built: each candidate pays for its own systems
    host = {"Li", "Ni", "Co", "Mn", "O", "P", "S"}
    out: dict[int, list[float]] = {}
    for f in pool:
        t0 = time.perf_counter()
        F.judge((s, (f,)))
        n = len(host | {e.symbol for e in Composition(f)})
        out.setdefault(n, []).append(time.perf_counter() - t0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--plot", default=None, help="folder for scaling.png")
    ap.add_argument("--skip-dask", action="store_true")
    args = ap.parse_args()
    import os
    import tempfile

    os.environ["SSBKIT_CACHE_DIR"] = tempfile.mkdtemp(prefix="ssbkit-scaling-")  # this process: cold too
    modes = ["serial"] + ([] if args.skip_dask else ["local:2"])
    runs: dict[str, list[dict]] = {m: [] for m in modes}
    later: dict[str, list[dict]] = {m: [] for m in modes}
    for _ in range(args.repeats):  # interleaved; each cold run in an empty cache, then a later session in it
        for mode in modes:
            d = tempfile.mkdtemp(prefix="ssbkit-scaling-")
            runs[mode].append(child("all", mode, cache=d))
            later[mode].append(child("all", mode, cache=d))
    for mode in modes:
        print(f"--candidates all, {mode}, an empty cache: {spread([r['seconds'] for r in runs[mode]])} s; "
              f"a later session (the hulls and facets the first left): "
              f"{spread([r['seconds'] for r in later[mode]])} s; main-process peak "
              f"{max(r['peak_MB'] for r in runs[mode] + later[mode]):.0f} MB")
    first = runs["serial"][0]
    print("later sessions give the same rows:", all(r["rows"] == first["rows"] for rs in later.values() for r in rs))
    print("funnel:", ", ".join(f"{k} {v}" for k, v in first["steps"]))
    print("reviews' coatings:", json.dumps(first["fate"]))
    if "local:2" in runs:
        print("serial == Dask (rows, funnel):", all(r["rows"] == first["rows"] and r["steps"] == first["steps"]
                                                   for r in runs["local:2"]))
    pool_path = Path("/tmp/ssbkit_scaling_pool.json")
    pool = pool_file(pool_path)
    sizes = [n for n in (25, 50, 100, 200, 400, 800) if n <= len(pool)] + [len(pool)]
    scan = {n: child(str(n), str(pool_path)) for n in sizes}  # each with an empty cache
    print("candidates judged -> seconds, peak MB (fresh process each):")
    for n, r in scan.items():
        print(f"  {n:5d}: {r['seconds']:.1f} s, {r['peak_MB']:.0f} MB")
    per_el = per_element_times(pool)
    print("elements in the system -> candidates, median s per candidate (cold systems):")
    for n in sorted(per_el):
        print(f"  {n:2d}: {len(per_el[n]):4d}, {statistics.median(per_el[n]):.3f} s")
    if args.plot:
        plot(scan, per_el, Path(args.plot) / "scaling.png")


def plot(scan: dict[int, dict], per_el: dict[int, list[float]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
    ns = sorted(scan)
    a.plot(ns, [scan[n]["seconds"] for n in ns], "o-", label="time")
    a.set_xlabel("candidates judged (NMC811 | X | Li3PS4, 4.3 V)")
    a.set_ylabel("wall time, s (one process, data loading included)")
    a2 = a.twinx()
    a2.plot(ns, [scan[n]["peak_MB"] for n in ns], "s--", color="tab:red", label="peak memory")
    a2.set_ylabel("peak memory, MB", color="tab:red")
    a.set_title("Time and memory vs candidates")
    els = sorted(per_el)
    b.boxplot([per_el[n] for n in els], positions=els, widths=0.6)
    b.set_yscale("log")
    b.set_xlabel("elements in the system (candidate + cathode + electrolyte)")
    b.set_ylabel("time per candidate, s (cold systems)")
    b.set_title("Time per candidate vs elements")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    print(f"plot written to {path}")


if __name__ == "__main__":
    main()
