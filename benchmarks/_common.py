"""Benchmark helpers: locate the shared data through the environment, time things."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
for _sub in ("tests", "tests/oracle", "tests/unit"):  # oracle helpers, seed material lists, Table 4 pairs
    sys.path.insert(0, str(REPO / _sub))


def entries_path() -> str:
    p = os.environ.get("SSBKIT_ENTRIES") or str(REPO.parent / "shared" / "data" / "mp2018_formation_energies.csv.gz")
    if not Path(p).exists():
        sys.exit(f"benchmark: set SSBKIT_ENTRIES to the formation-energy table (not found: {p})")
    return p


def bandgaps_path() -> str:
    p = os.environ.get("SSBKIT_BANDGAPS") or str(REPO.parent / "shared" / "data" / "mp_band_gaps.csv.gz")
    if not Path(p).exists():
        sys.exit(f"benchmark: set SSBKIT_BANDGAPS to the band-gap table (not found: {p})")
    return p


class Timer:
    def __enter__(self) -> Timer:
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.t0
