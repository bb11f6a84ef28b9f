"""Tables read from packed arrays when asked: the embedded data's band gaps and volumes (:mod:`ssbkit.data.embedded`)
and the band-gap cache.  Building every Python entry up front took about 0.5 s of each assessment; these answer
one formula or one chemical system at a time from the arrays.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np


class PackedGaps(Mapping[str, list[float]]):
    """Band gaps by reduced formula read from packed arrays when asked: every calculation's gap (eV) of formula
    ``names[i]`` is ``values[ptr[i]:ptr[i + 1]]`` (building 87,000 lists up front took 0.4 s of each assessment).

    Raises:
        ValueError: arrays that do not fit together, a formula twice, a non-finite gap.
    """

    def __init__(self, names: Sequence[str], ptr: np.ndarray, values: np.ndarray) -> None:
        ptr, values = np.asarray(ptr, dtype=np.int64), np.asarray(values, dtype=float)
        if len(ptr) != len(names) + 1 or ptr[0] != 0 or ptr[-1] != len(values) or np.any(np.diff(ptr) < 0) \
                or not np.all(np.isfinite(values)):
            raise ValueError("inconsistent arrays")
        self._pos = dict(zip(names, range(len(names)), strict=True))
        if len(self._pos) != len(names):
            raise ValueError("a formula given twice")
        self._ptr, self._values = ptr, values

    def __getitem__(self, formula: str) -> list[float]:
        i = self._pos[formula]
        return self._values[self._ptr[i]:self._ptr[i + 1]].tolist()

    def __iter__(self) -> Iterator[str]:
        return iter(self._pos)

    def __len__(self) -> int:
        return len(self._pos)


class PackedVolumes(Mapping[Any, tuple[float, str]]):
    """Volumes by composition key (:func:`comp_key`) read from packed arrays: row ``i`` has the elements
    ``elements[el[ptr[i]:ptr[i + 1]]]`` with atom fractions ``frac[...]``, its volume (A^3/atom) and source.  The
    keys of one chemical system are made when the system is first asked for (making all 49,000 took 0.15 s of
    every assessment); rows are found by their element set, held as two 64-bit masks.

    Raises:
        ValueError: arrays that do not fit together.
    """

    def __init__(self, elements: list[str], ptr: np.ndarray, el: np.ndarray, frac: np.ndarray, volume: np.ndarray,
                 source: list[str]) -> None:
        ptr, el = np.asarray(ptr, dtype=np.int64), np.asarray(el, dtype=np.int64)
        n = len(ptr) - 1
        if n < 0 or ptr[0] != 0 or ptr[-1] != len(el) or len(frac) != len(el) or np.any(np.diff(ptr) < 1) \
                or len(volume) != n or len(source) != n or len(el) and (el.min() < 0 or el.max() >= len(elements)) \
                or len(elements) > 128:
            raise ValueError("inconsistent arrays")
        self._els, self._pos = elements, {e: i for i, e in enumerate(elements)}
        self._ptr, self._el, self._frac = ptr, el, np.asarray(frac, dtype=float)
        self._vol, self._src = np.asarray(volume, dtype=float), source
        bit = np.left_shift(np.uint64(1), (el % 64).astype(np.uint64))
        lo = np.where(el < 64, bit, np.uint64(0))
        hi = np.where(el >= 64, bit, np.uint64(0))
        starts = ptr[:-1]
        self._lo = np.bitwise_or.reduceat(lo, starts) if n else lo[:0]
        self._hi = np.bitwise_or.reduceat(hi, starts) if n else hi[:0]
        self._groups: dict[tuple[int, int], dict[Any, tuple[float, str]]] = {}

    def _key(self, i: int) -> tuple[tuple[str, float], ...]:
        a, b = self._ptr[i], self._ptr[i + 1]
        return tuple(zip([self._els[k] for k in self._el[a:b].tolist()], self._frac[a:b].tolist(), strict=True))

    def _group(self, lo: int, hi: int) -> dict[Any, tuple[float, str]]:
        got = self._groups.get((lo, hi))
        if got is None:
            rows = np.flatnonzero((self._lo == np.uint64(lo)) & (self._hi == np.uint64(hi))).tolist()
            got = self._groups[(lo, hi)] = {self._key(i): (float(self._vol[i]), self._src[i]) for i in rows}
        return got

    def __getitem__(self, key: Any) -> tuple[float, str]:
        lo = hi = 0
        for e, _ in key:
            k = self._pos.get(e)
            if k is None:
                raise KeyError(key)
            if k < 64:
                lo |= 1 << k
            else:
                hi |= 1 << (k - 64)
        return self._group(lo, hi)[key]

    def __iter__(self) -> Iterator[Any]:
        return (self._key(i) for i in range(len(self._vol)))

    def __len__(self) -> int:
        return len(self._vol)
