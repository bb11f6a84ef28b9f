"""The chemical-system index of an entry set: which entries hold exactly which elements."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np


class ChemIndex:
    """Chemical system key (``"La-Li-O-Zr"``) -> indices of the entries of exactly that system, held as the
    sorted unique keys, the entries ordered by key and each key's bounds: a binary search, no dict of
    130,000 slices to build at start-up."""

    def __init__(self, keys: Sequence[str], order: np.ndarray, bounds: np.ndarray) -> None:
        self.keys = np.asarray(keys, dtype=str)
        self.order = np.asarray(order, dtype=np.int64)
        self.bounds = np.asarray(bounds, dtype=np.int64)
        if len(self.bounds) != len(self.keys) + 1 or (len(self.keys) > 1 and not np.all(self.keys[1:] > self.keys[:-1])) \
                or self.bounds[0] != 0 or self.bounds[-1] != len(self.order) or np.any(np.diff(self.bounds) < 0) \
                or (len(self.order) and (self.order.min() < 0 or self.order.max() >= len(self.order))):
            raise ValueError("chemical system index")

    @classmethod
    def of(cls, chemsys: Sequence[str]) -> ChemIndex:
        """The index of one key per entry."""
        uniq, inverse = np.unique(np.asarray(chemsys, dtype=str), return_inverse=True)
        order = np.argsort(inverse, kind="stable")
        return cls(uniq, order, np.searchsorted(inverse[order], np.arange(len(uniq) + 1)))

    def codes(self) -> np.ndarray:
        """The keys as a 2-D ``uint32`` array of code points (the cache stores numbers only; read back as a view)."""
        return np.ascontiguousarray(self.keys).view(np.uint32).reshape(len(self.keys), -1)

    @staticmethod
    def keys_of(codes: np.ndarray) -> np.ndarray:
        """The keys of :meth:`codes`, a view (nothing copied)."""
        if codes.dtype != np.uint32 or codes.ndim != 2:
            raise ValueError("chemical system key codes")
        return np.ascontiguousarray(codes).view(f"<U{max(codes.shape[1], 1)}").reshape(len(codes))

    def get(self, key: str, default: Any = None) -> Any:
        j = int(np.searchsorted(self.keys, key))
        if j < len(self.keys) and self.keys[j] == key:
            return self.order[self.bounds[j]:self.bounds[j + 1]]
        return default

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys.tolist())

    def __len__(self) -> int:
        return len(self.keys)

    def subset(self, keep: np.ndarray) -> ChemIndex:
        """The index of the entries where ``keep`` (one bool per entry) is true, numbered in the order they are
        kept; the same as :meth:`of` on their keys, without sorting the keys again."""
        keep = np.asarray(keep, dtype=bool)
        new = np.cumsum(keep) - 1
        kept = keep[self.order]
        counts = np.bincount(np.repeat(np.arange(len(self.keys)), np.diff(self.bounds))[kept],
                             minlength=len(self.keys))
        used = counts > 0
        return ChemIndex(self.keys[used], new[self.order[kept]], np.concatenate([[0], np.cumsum(counts[used])]))

    def per_entry(self, n: int) -> list[str]:
        """The key of each of the ``n`` entries (inverse of :meth:`of`)."""
        out = [""] * n
        for j, k in enumerate(self.keys.tolist()):
            for i in self.order[self.bounds[j]:self.bounds[j + 1]].tolist():
                out[i] = k
        return out
