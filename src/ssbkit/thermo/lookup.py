"""Finding a composition's own entry in the data: the lowest-energy polymorph with its reduced composition."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..data.entryset import chemsys_key
from .queries import EntryMatch


def lowest_entry(es: Any, comp: Mapping[str, float], material: Any, open_elements: bool) -> EntryMatch | None:
    """The lowest-energy entry of ``es`` with the reduced composition ``comp``; with elements held open
    (``open_elements``), among those the one whose whole composition is ``material``'s (None without it)."""
    els = sorted(comp)
    key = chemsys_key(els)
    idx = es.indices_exact(key)
    if idx.size == 0:
        return None
    mat = es.exact_composition_matrix(key, els)
    target = np.array([comp[e] for e in els], dtype=float)
    target = target / target.sum()
    hit = idx[np.all(np.abs(mat - target[:, None]) < 1e-6, axis=0)]
    full_keys = es.full_keys
    if full_keys is not None and open_elements:
        from ..data.volumes import comp_key

        if material is None:
            return None  # which of the phases with this composition of the other elements: unknown
        want = comp_key(material.amounts)
        hit = hit[[full_keys[int(i)] == want for i in hit]] if hit.size else hit
    if hit.size == 0:
        return None
    e = es.e_form_per_atom[hit]
    j = int(np.argmin(e))
    return EntryMatch(index=int(hit[j]), entry_id=es.entry_ids[int(hit[j])],
                      e_form_eV_per_atom=float(e[j]), polymorphs=int(hit.size))
