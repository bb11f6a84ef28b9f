"""Doped formulas as the tables print them (Li6.4La3Zr1.4Ta0.6O12, Li1.3Al0.3Ti1.7(PO4)3): which ordered host of a
doped family (the abbreviations' garnet and NASICON hosts) models them, as it models the abbreviations."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .elements import is_metal, is_metalloid
from .formula import parse

#: the share of the host's non-Li cations that dopants may replace or add before a formula is its own material
DOPANT_SHARE = 0.25


def doped_host(comp: Mapping[Any, float], hosts: Iterable[str]) -> str | None:
    """The host among ``hosts`` (ordered formulas of doped families) that ``comp`` is a doped variant of, or None.

    Scaled to the host's amount of its non-metal framework (O, P, S ...), the composition has the host's
    framework exactly (2 %), Li, every host cation at half its amount or more, dopant elements (not in the host)
    adding up to at most :data:`DOPANT_SHARE` of the host's non-Li cations, and a fractional amount somewhere
    (Li6.4La3Zr1.4Ta0.6O12, Li7La2.75Ca0.25Zr1.75Nb0.25O12, Li1.3Al0.3Ti1.7(PO4)3: a disordered doped phase;
    an integer formula such as Li5La3Ta2O12 is a compound of its own).  ``comp``: element amounts (symbols or
    pymatgen elements as keys)."""
    els = {getattr(e, "symbol", e): float(a) for e, a in comp.items()}
    if "Li" not in els:
        return None
    for host in hosts:
        h = parse(host)
        frame = {e for e in h if e != "Li" and not is_metal(e) and not is_metalloid(e)}
        frame_c = {e for e in els if e != "Li" and not is_metal(e) and not is_metalloid(e)}
        if frame_c != frame:
            continue
        k = sum(h[e] for e in frame) / sum(els[e] for e in frame)
        if any(abs(els[e] * k - h[e]) > 0.02 * h[e] for e in frame):
            continue
        cations = {e: a for e, a in h.items() if e != "Li" and e not in frame}
        if any(els.get(e, 0.0) * k < 0.5 * a for e, a in cations.items()):
            continue
        dopant = sum(a * k for e, a in els.items() if e not in h)
        if dopant <= 1e-9 or dopant > DOPANT_SHARE * sum(cations.values()):
            continue
        if all(abs(a * k - round(a * k)) < 1e-6 for a in els.values()):
            continue
        return host
    return None
