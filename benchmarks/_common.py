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


def interleaved(*fns, repeats: int = 5) -> list[list[float]]:
    """Time each of ``fns`` once per round, ``repeats`` rounds, the order rotating from round to round
    (A B, then B A, ...) so that drift in machine load hits all; returns one list of seconds per
    function, paired by round."""
    out: list[list[float]] = [[] for _ in fns]
    for r in range(repeats):
        k = r % len(fns)
        order = list(range(len(fns)))[k:] + list(range(len(fns)))[:k]
        if r % 2:
            order.reverse()
        for i in order:
            t0 = time.perf_counter()
            fns[i]()
            out[i].append(time.perf_counter() - t0)
    return out


def spread(values: list[float]) -> str:
    """``median (min-max, n)`` of a list of numbers."""
    import statistics

    v = sorted(values)
    return f"{statistics.median(v):.3g} (range {v[0]:.3g}-{v[-1]:.3g}, n={len(v)})"


def paired_ratio(slow: list[float], fast: list[float]) -> str:
    """Median and range of the per-round ratios ``slow/fast`` (the ratio of each interleaved pair)."""
    return spread([s / f for s, f in zip(slow, fast)]) + "x"


def forget_ssbkit_memos() -> None:
    """Empty every memo of ssbkit's loaded modules (``functools`` caches: parsed formulas, resolved names,
    reduced formulas ...), so that a mode meant to start cold or as a new session does not find the answers of
    the previous round in memory.  pymatgen's own memos are left as they are (the comparison can only lose)."""
    import sys

    for name, mod in list(sys.modules.items()):
        if not name.startswith("ssbkit") or mod is None:
            continue
        for obj in list(vars(mod).values()):
            if callable(getattr(obj, "cache_clear", None)) and getattr(obj, "__module__", "") == name:
                obj.cache_clear()


class StablePD:
    """pymatgen's best use for repeated queries: one ``PhaseDiagram`` per chemical system built once from
    every entry, then rebuilt from its ``stable_entries`` only (the phases any answer can contain), cached."""

    def __init__(self, es) -> None:  # es: ssbkit EntrySet (the same energies ssbkit uses)
        self.es = es
        self._pd: dict[tuple[str, ...], object] = {}

    def get(self, elements):
        from oracle_helpers import pd_entries
        from pymatgen.analysis.phase_diagram import PhaseDiagram

        key = tuple(sorted(elements))
        pd = self._pd.get(key)
        if pd is None:
            full = PhaseDiagram(pd_entries(self.es, list(key)))
            pd = PhaseDiagram(list(full.stable_entries))
            self._pd[key] = pd
        return pd
