"""Li inserted into a host structure: the empty sites it can take, for the topotactic volume of a lithiation.

A lithiation that keeps the host's framework (Li4Ti5O12 -> Li7Ti5O12, TiS2 -> LiTiS2, FePO4 -> LiFePO4) puts Li in
the host's empty interstices.  ssbkit finds them as the centres of the largest empty spheres: on a grid of
``spacing`` (0.25 A) over the cell, the points farthest from every atom, kept when at least ``min_clearance``
(1.6 A, about the Li-O bond of 2.0 A less a margin) from every atom and ``min_separation`` (2.3 A, close to the
shortest Li-Li distance in lithium oxides and sulfides) from each other.  The ``n`` roomiest of them take the
Li, the roomiest first; the cell is then relaxed, positions and cell, with the potential
(:mod:`ssbkit.thermo.volume`), so the sites only need to be the right interstices, not their exact centres.

This is the empty-sphere construction used for interstitial sites in crystals (as in pymatgen's Voronoi
interstitial finder), on a grid instead of the Voronoi vertices.  It does not move the Li the host already holds
(the tetrahedral Li of the spinel moving to octahedral sites as Li4Ti5O12 becomes rock-salt Li7Ti5O12): relaxed
with the potential, moving them by hand gives the same volume within 0.1 % for Li4Ti5O12 (docs/mechanics.md).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import SsbkitError

__all__ = ["empty_sites", "insert_li"]

#: grid spacing (A), smallest distance of a site from any atom (A), smallest distance between two sites (A)
SPACING_A, MIN_CLEARANCE_A, MIN_SEPARATION_A = 0.25, 1.6, 2.3


def empty_sites(structure: Any, *, spacing: float = SPACING_A, min_clearance: float = MIN_CLEARANCE_A,
                min_separation: float = MIN_SEPARATION_A) -> tuple[np.ndarray, np.ndarray]:
    """(fractional coordinates, clearance in A) of the empty sites of ``structure``, roomiest first: grid points
    at least ``min_clearance`` from every atom, each at least ``min_separation`` from every roomier one kept."""
    lat = structure.lattice
    n = [max(4, round(length / spacing)) for length in lat.abc]
    grid = np.stack(np.meshgrid(*[np.arange(k) / k for k in n], indexing="ij"), -1).reshape(-1, 3)
    clear = np.full(len(grid), np.inf)
    for lo in range(0, len(grid), 20000):  # in blocks: the distance matrix of a large cell is large
        clear[lo:lo + 20000] = lat.get_all_distances(grid[lo:lo + 20000], structure.frac_coords).min(axis=1)
    order = [int(i) for i in np.argsort(-clear) if clear[i] >= min_clearance]
    kept: list[int] = []
    for i in order:
        if kept and lat.get_all_distances(grid[i:i + 1], grid[kept]).min() < min_separation:
            continue
        kept.append(i)
    return grid[kept], clear[kept]


def insert_li(structure: Any, n: int) -> tuple[Any, np.ndarray]:
    """``structure`` with ``n`` Li added at its ``n`` roomiest empty sites (:func:`empty_sites`), and those sites'
    clearances (A).

    Raises:
        SsbkitError: the host has fewer than ``n`` such sites (give a smaller amount of Li).
    """
    if n < 1:
        raise SsbkitError(f"inserting {n} Li inserts nothing: give a larger amount of Li")
    sites, clear = empty_sites(structure)
    if len(sites) < n:
        raise SsbkitError(f"{structure.composition.reduced_formula} has {len(sites)} empty sites for Li in a "
                          f"{len(structure)}-atom cell (at least {MIN_CLEARANCE_A:g} A from every atom and "
                          f"{MIN_SEPARATION_A:g} A apart), fewer than the {n} Li asked for: give less Li",
                          param="li_inserted")
    out = structure.copy()
    for f in sites[:n]:
        out.append("Li", f)
    return out, clear[:n]
