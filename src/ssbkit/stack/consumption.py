"""A coating or interlayer consumed by the interphases at its faces: its own term is what they leave of it.

An interphase that grows into a thin layer is made partly of it.  By mass balance the share of the interphase's
volume that came from the layer is ``s = n_X V_X / sum_products n_i V_i`` (the reaction's solids, each volume from
the volumes table: :func:`ssbkit.stack.interphase_volume.consumed_share`), so an interphase of thickness ``L(t)``
has used ``s L(t)`` of the layer, and what is left is

    t(t) = max(t0 - sum_faces s_f L_f(t), 0),    ASR_layer(t) = t(t) / sigma.

Each interphase stops where it alone would have used the whole layer, ``L <= t0 / s``
(:meth:`ssbkit.stack.budget.BudgetBuilder.interphase`).  The layer is not counted whole beside the interphases made
of it.  Where a volume is missing, ``s = 1`` (the interphase taken as made of the layer alone, the bound used
before the volumes were).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from .budget import BudgetBuilder
from .layer_facts import LayerFacts
from .parse import Layer


def reservoir(left: Layer, right: Layer, reaction: Any) -> tuple[Layer, float] | None:
    """The coating or interlayer of the interface ``left | right`` that its ``reaction`` consumes, and the share
    ``s`` of the interphase's volume made from it (None: no such layer, or it is not a reactant)."""
    from ..data.volumes import open_volumes
    from .interphase_volume import consumed_share

    thin = next((x for x in (left, right) if x.role in ("coating", "interlayer")), None)
    if thin is None:
        return None
    share = consumed_share(reaction, thin.formula, open_volumes()) if reaction is not None else 1.0
    if share is None:
        share = 1.0
    return (thin, share) if share > 0 else None


def consume_layers(layers: Sequence[LayerFacts], interfaces: Sequence[Any], budget: BudgetBuilder) -> list[LayerFacts]:
    """``layers`` with each coating's or interlayer's term replaced by what the interphases at its faces leave of
    it, and those interphases stopped when together they have used it up (module doc); the same terms replaced in
    ``budget`` and on the interfaces' facts."""
    out = []
    for lf in layers:
        c = lf.contribution
        faces = [(f, term) for f in interfaces if f.consumes and f.consumes[0] is lf.layer
                 for term in f.contributions if term.name == f"interphase {f.name}" and term.thickness_nm]
        if c is None or not c.thickness_nm or not c.thickness_nm[0] or not faces:
            out.append(lf)
            continue
        t0, n = c.thickness_nm[0], len(c.thickness_nm)
        grown = _stopped(t0, [(f.consumes[1], list(term.thickness_nm)) for f, term in faces])
        for (f, term), thick in zip(faces, grown):
            if any(abs(a - b) > 1e-12 for a, b in zip(thick, term.thickness_nm)):
                new = replace(term, thickness_nm=tuple(thick), note="; ".join(x for x in (
                    term.note, f"stops when the {lf.name} {lf.layer.role} is used up") if x),
                    asr_ohm_cm2=tuple(a * x / y for a, x, y in zip(term.asr_ohm_cm2, thick, term.thickness_nm)))
                _swap(budget.contributions, term, new)
                _swap(f.contributions, term, new)
        used = [sum(f.consumes[1] * g[k] for (f, _), g in zip(faces, grown)) for k in range(n)]
        left = tuple(t0 - u if u < t0 * (1 - 1e-9) else 0.0 for u in used)
        names = ", ".join(f.name for f, _ in faces)
        note = (f"{t0 - left[0]:.3g} of its {t0:.3g} nm used at t = 0 and {t0 - left[-1]:.3g} nm at the end by the "
                f"interphase at {names}: the rest counts")
        new = replace(c, asr_ohm_cm2=tuple(c.asr_ohm_cm2[0] * x / t0 for x in left), thickness_nm=left,
                      law="consumed" if left[-1] < t0 else c.law, note="; ".join(x for x in (c.note, note) if x),
                      equation=f"{c.equation}, t = t0 - sum s L(t) (the interphases' share s of the layer)")
        _swap(budget.contributions, c, new)
        out.append(replace(lf, contribution=new))
    return out


def _stopped(t0: float, faces: list[tuple[float, list[float]]]) -> list[list[float]]:
    """Each face's interphase thickness over time (nm), held where together they have used the layer's ``t0``
    (``sum s L = t0``, interpolated between the budget's times)."""
    n = len(faces[0][1])
    used = [sum(s * L[k] for s, L in faces) for k in range(n)]
    k = next((k for k in range(n) if used[k] > t0 * (1 + 1e-9)), None)
    if k is None:
        return [list(L) for _, L in faces]
    if k == 0:
        stop = [L[0] * t0 / used[0] for _, L in faces]
    else:
        a = (t0 - used[k - 1]) / (used[k] - used[k - 1])
        stop = [L[k - 1] + a * (L[k] - L[k - 1]) for _, L in faces]
    return [L[:k] + [x] * (n - k) for (_, L), x in zip(faces, stop)]


def _swap(items: list[Any], old: Any, new: Any) -> None:
    """Replace ``old`` (by identity) in ``items``."""
    for i, x in enumerate(items):
        if x is old:
            items[i] = new
