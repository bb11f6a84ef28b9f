"""Benchmark: loading and indexing the formation-energy table, first time and from the on-disk cache.

Run: ``SSBKIT_ENTRIES=../shared/data/mp2018_formation_energies.csv.gz python benchmarks/load.py``
Each load runs in a fresh Python process (as a user's next command would), with an empty cache
directory for the first and the cache it left for the second. Targets: < 3 s first, < 0.5 s cached.
Also prints the whole ``ssbkit window LGPS`` command time with a warm cache.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

from _common import entries_path

CHILD = """
import time, sys
t0 = time.perf_counter()
from ssbkit.data.source import open_source
src = open_source(sys.argv[1])
n = len(src._entries)
print(f"{time.perf_counter() - t0:.3f} {n}")
"""


def _run(cache_dir: str, path: str) -> tuple[float, int]:
    env = {**os.environ, "SSBKIT_CACHE_DIR": cache_dir}
    out = subprocess.run([sys.executable, "-c", CHILD, path], env=env, capture_output=True, text=True, check=True)
    secs, n = out.stdout.split()
    return float(secs), int(n)


def main() -> None:
    path = entries_path()
    with tempfile.TemporaryDirectory() as cache_dir:
        first, n = _run(cache_dir, path)
        cached = min(_run(cache_dir, path)[0] for _ in range(3))
        env = {**os.environ, "SSBKIT_CACHE_DIR": cache_dir, "SSBKIT_ENTRIES": path}
        import time

        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "ssbkit", "window", "LGPS", "--json"], env=env, check=True,
                       capture_output=True)
        cmd = time.perf_counter() - t0
    print(f"entries: {n} rows from {path}")
    print(f"first load + index (empty cache): {first:.2f} s (target < 3 s)")
    print(f"later load (on-disk cache, best of 3): {cached:.3f} s (target < 0.5 s)")
    print(f"whole 'ssbkit window LGPS --json' command, warm cache: {cmd:.2f} s")


if __name__ == "__main__":
    main()
