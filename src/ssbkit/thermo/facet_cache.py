"""The hull facets Li-line walks found, kept on disk beside the stable phases (cache kind ``facets``).

A walk (:func:`ssbkit.thermo.line.walk_line`) starts in a kept facet that holds its start point instead of
solving the hull programme (:class:`ssbkit.thermo.line.BasisCache`).  The facets a session found are written
at exit with the stable phases (:meth:`ssbkit.thermo.hull.HullEngine.save`), each as the entry indices of its
phases, so a later session starts its walks as the same session would, as a pickled pymatgen
``PhaseDiagram`` keeps its facets.

Nothing read back is trusted: each facet is rebuilt from the data (its phases must be stable phases of the
system, its matrix invertible, no phase below its hyperplane by more than the walk's tolerance); a facet
that fails is dropped and the file rewritten at exit.  A facet only decides where a walk starts; the walk
checks that its amounts are non-negative at the start point, so a kept facet can change no result
(``tests/unit/test_line_scan.py``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .line import Facet, dual_tolerance

KIND = "facets"
#: facets written per data set, at most (about 2 MB of entry indices)
MAX_ROWS = 50_000


def load(cache_key: str) -> dict[str, np.ndarray]:
    """Chemical system -> (facets, elements) array of entry indices, as an earlier session saved them
    (empty when there is no file or it does not fit)."""
    from ..data.cache import _warn
    from ..data.cache import load as load_payload

    got = load_payload(KIND, cache_key)
    if got is None:
        return {}
    systems, ptr, rows = (got.arrays.get(k) for k in ("systems", "ptr", "rows"))
    try:
        if systems is None or ptr is None or rows is None or len(ptr) != len(systems) + 1 \
                or int(ptr[0]) != 0 or int(ptr[-1]) != rows.size:
            raise ValueError("arrays do not match")
        out = {}
        for k, key in enumerate(systems):
            part = rows[int(ptr[k]):int(ptr[k + 1])].astype(np.int64)
            out[str(key)] = part.reshape(-1, len(str(key).split("-")))  # ValueError when not whole rows
        return out
    except (ValueError, TypeError):
        _warn("the cached hull facets do not fit the data: rebuilt")
        return {}


def on_new_system(engine: Any, system: Any, key: str) -> None:
    """Give a system the facets an earlier session saved for it (read once per engine, when first needed)."""
    if engine.cache_key is None:
        return
    if engine.saved_facets is None:
        engine.saved_facets = load(str(engine.cache_key))
    before = len(system.walk_bases) if system.walk_bases is not None else 0
    if attach(system, engine.saved_facets.get(key)):
        engine.facets_written = -1  # some did not fit: the file is rewritten at exit
    elif engine.facets_written >= 0 and system.walk_bases is not None:
        engine.facets_written += len(system.walk_bases) - before  # read back, nothing new to write


def save(engine: Any) -> None:
    """Write the engine's facets when it found new ones (systems not opened this session keep theirs)."""
    if engine.cache_key is None:
        return
    systems = engine.open_systems()
    total = sum(len(s.walk_bases) for s in systems.values() if s.walk_bases is not None)
    if total == engine.facets_written:
        return
    by_system = dict(engine.saved_facets or {})
    by_system.update({k: rows_of(s) for k, s in systems.items()})
    store(str(engine.cache_key), by_system)
    engine.facets_written = total


def attach(system: Any, rows: np.ndarray | None) -> int:
    """Add the saved facets ``rows`` (entry indices) of ``system`` to its ``walk_bases``, each rebuilt and
    checked; returns how many were dropped."""
    if rows is None or not len(rows) or system.walk_bases is None:
        return 0
    col_of = {int(i): j for j, i in enumerate(system.stable.tolist())}
    A, e = system.matrix, system.energies
    tol = dual_tolerance(e)
    cols = [[col_of.get(int(i)) for i in row] for row in rows.tolist()]
    fit = [sorted(c) for c in cols if None not in c and len(set(c)) == len(c) == A.shape[0]]
    dropped = len(cols) - len(fit)
    if not fit:
        return dropped
    idx = np.asarray(fit, dtype=np.int64)
    try:  # one stacked inversion (the same LAPACK solve per matrix as one at a time)
        inverses: list[np.ndarray | None] = list(np.linalg.inv(np.transpose(A[:, idx], (1, 0, 2))))
    except np.linalg.LinAlgError:  # a singular one among them: one at a time
        inverses = [None] * len(idx)
    for b, binv in zip(idx, inverses):
        f = Facet.of(A, e, b, binv)
        if f is None or f.red.min() < tol:
            dropped += 1
            continue
        system.walk_bases.add(f)
    return dropped


def rows_of(system: Any) -> np.ndarray:
    """The kept facets of ``system`` as rows of entry indices."""
    bases = system.walk_bases
    if bases is None or not len(bases):
        return np.zeros((0, len(system.elements)), dtype=np.int64)
    return np.stack([system.stable[f.basis] for f in bases.facets()]).astype(np.int64)


def store(cache_key: str, by_system: dict[str, np.ndarray]) -> None:
    """Write the facets of every system (atomic; at most :data:`MAX_ROWS`)."""
    from ..data.cache import store as store_payload

    keys, parts, n = [], [], 0
    for key in sorted(by_system):
        part = by_system[key]
        if not len(part) or n + len(part) > MAX_ROWS:
            continue
        keys.append(key)
        parts.append(part.reshape(-1))
        n += len(part)
    ptr = np.concatenate([[0], np.cumsum([p.size for p in parts])]).astype(np.int64)
    rows = np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, dtype=np.int64)
    store_payload(KIND, cache_key, {"systems": keys, "ptr": ptr, "rows": rows}, {"rows": n})
