"""Benchmark: the embedded default data (size, load time) and a fresh install's first commands.

Run: ``python benchmarks/embedded.py [--repeats 5]`` (no SSBKIT_* variables needed; they are removed).

* size of each embedded file and the total (limit 10 MB);
* load time of each table in a fresh Python process (the time from ``import`` of the loader to the loaded
  table, numpy's import included), the first process after the page cache was dropped where the machine
  allows it ("cold"), then ``--repeats`` more ("warm": median and range);
* the whole ``ssbkit window LLZO --json`` and the README's main job, end to end, with an empty home and
  cache directory the first time (cold) and then warm (median and range).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import time, sys
t0 = time.perf_counter()
from ssbkit.data import embedded
obj = getattr(embedded, sys.argv[1])()  # raw tables: loading is what is timed
print(f"{time.perf_counter() - t0:.4f}")
"""
MAIN_JOB = ["assess", "LiNi0.8Co0.1Mn0.1O2 | LiNbO3 | Li6PS5Cl | Li", "--voltage", "2.5:4.3", "--temperature",
            "25C", "--pressure", "5MPa", "--current", "0.5mA/cm2", "--json"]


def _env(home: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SSBKIT_")}
    env.update(HOME=home, SSBKIT_CACHE_DIR=os.path.join(home, ".cache", "ssbkit"))
    return env


def _drop_page_cache() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def _spread(xs: list[float]) -> str:
    return f"median {statistics.median(xs):.3f} s (range {min(xs):.3f}-{max(xs):.3f}, n={len(xs)})"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    from ssbkit.data import embedded

    sizes = {p.name: p.stat().st_size for p in sorted(embedded.EMBEDDED_DIR.iterdir())}
    total = sum(sizes.values())
    print(f"embedded files in {embedded.EMBEDDED_DIR}:")
    for name, n in sizes.items():
        print(f"  {name:24s} {n / 1e6:6.2f} MB")
    print(f"  total                    {total / 1e6:6.2f} MB (limit 10 MB)")
    dropped = _drop_page_cache()
    print(f"page cache dropped before the first load: {'yes' if dropped else 'no (not permitted here)'}")
    with tempfile.TemporaryDirectory() as home:
        for table in ("entryset", "bandgaps", "volumes", "structures"):
            runs = [float(subprocess.run([sys.executable, "-c", CHILD, table], env=_env(home), check=True,
                                         capture_output=True, text=True).stdout) for _ in range(args.repeats + 1)]
            print(f"load {table:10s}: first {runs[0]:.3f} s; then {_spread(runs[1:])}")
        for label, argv in (("ssbkit window LLZO --json", ["window", "LLZO", "--json"]), ("main job", MAIN_JOB)):
            with tempfile.TemporaryDirectory() as fresh:
                times = []
                for _ in range(args.repeats + 1):
                    t0 = time.perf_counter()
                    subprocess.run([sys.executable, "-m", "ssbkit", *argv], env=_env(fresh), check=True,
                                   capture_output=True)
                    times.append(time.perf_counter() - t0)
            print(f"{label}: empty home {times[0]:.2f} s; warm {_spread(times[1:])}")


if __name__ == "__main__":
    main()
