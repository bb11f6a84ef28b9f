"""The key under which the convex hulls of a data set are cached on disk (:class:`~ssbkit.thermo.hull.HullEngine`
writes and reads them; :mod:`ssbkit.data.cache` stores them, checksummed)."""

from __future__ import annotations

from typing import Any


def hull_cache_key(source: Any, es: Any) -> str | None:
    """The on-disk key of the convex hulls of ``es`` (the entry set ``source`` serves): the data's content (file
    or embedded data, its corrections, the phases left out) and the stability rule.  None for data edited
    otherwise (phases added, corrections removed), the API's per-system sets and Gibbs energies at
    temperature: those are not cached."""
    from ..data.cache import key_of
    from .edited import AugmentedSource
    from .hull import STABILITY_TOL_EV

    src, left_out = source, ()
    if isinstance(src, AugmentedSource):
        if src.added or src.uncorrect or src._whole() is not es:
            return None
        src, left_out = src.base, tuple(sorted(src.excluded))
    elif getattr(src, "_entries", None) is not es:
        return None
    if getattr(src, "_entries", None) is None or not getattr(src, "version", None):
        return None
    return key_of("hulls-1", str(src.version), str(getattr(src, "scheme", "")), str(len(es)), *left_out,
                  repr(STABILITY_TOL_EV))
