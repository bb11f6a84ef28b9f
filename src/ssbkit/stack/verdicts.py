"""Verdict rules of the stack assessment: thresholds and how energies and physics become verdicts.

Thresholds (eV/atom): a reaction within ``STABLE_EV`` of zero is stable (``ok``); with
insulating products it is a ``caution`` up to ``STRONG_EV`` and a ``fail`` beyond (a
resistive interphase forms); with electron-conducting products (a mixed-conducting
interphase that keeps growing, Zheng et al., Batteries & Supercaps 2021, §3.4, Fig. 7a)
it is a ``fail`` from ``WEAK_EV`` on.  At a Li anode the Wenzel class decides: stable
``ok``, SEI ``caution``, MCI ``fail``.  Stripping voids are a ``caution``; a current above
the critical current density a ``fail``, above half of it a ``caution``.
"""

from __future__ import annotations

from ..interfaces.electronic import Character
from ..results import InterphaseType, Verdict

STABLE_EV = 0.01
STRONG_EV = 0.10
WEAK_EV = 0.05  # below this, even an electron-conducting interphase is only a caution
ORDER: dict[str, int] = {"ok": 0, "unknown": 1, "caution": 2, "fail": 3}
WENZEL: dict[str, Verdict] = {"stable": "ok", "SEI": "caution", "MCI": "fail"}


def worse(*verdicts: Verdict) -> Verdict:
    """The worst of the verdicts (fail > caution > unknown > ok)."""
    return max(verdicts, key=lambda v: ORDER[v])


def judge(energy: float, character: tuple[Character, ...]) -> tuple[InterphaseType, Verdict, list[str]]:
    """(interphase type, verdict, reasons) from the worst reaction energy and the products' character."""
    conducting = [c.formula for c in character if c.conductor]
    if energy > -STABLE_EV:
        return "stable", "ok", [f"no reaction beyond {STABLE_EV * 1000:.0f} meV/atom"]
    kind: InterphaseType = "mixed-conducting" if conducting else "passivating"
    reasons = [f"reacts by {energy:.3f} eV/atom; products {', '.join(c.formula for c in character) or '-'}"]
    if conducting:
        reasons.append(f"electron-conducting products ({', '.join(conducting)}): the interphase can keep growing")
        return kind, ("fail" if energy <= -WEAK_EV else "caution"), reasons
    if energy <= -STRONG_EV:
        reasons.append(f"strong driving force (beyond {STRONG_EV:.2f} eV/atom): a resistive interphase forms")
        return kind, "fail", reasons
    reasons.append("mild reaction with electronically insulating products: likely self-limiting")
    return kind, "caution", reasons
