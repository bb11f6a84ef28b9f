"""Exact breakpoints of a linear programme's value as a function of one cost parameter.

When the costs of a linear programme depend linearly on a parameter ``t`` (the grand potentials
``e_j - mu x_j`` depend on ``mu``), its optimal value ``f(t) = min_v L_v(t)`` is the minimum of one
line per vertex ``v`` of the (fixed) feasible region: a concave, piecewise-linear function.  Its
breakpoints are found exactly, without a grid, by intersecting supporting lines (the line of the
optimal vertex at ``t``): if ``f`` at the intersection of the lines at ``a`` and ``b`` lies on them,
``f`` is their minimum on ``[a, b]`` and the intersection is its only breakpoint there; otherwise
the interval is split.  Each linear piece costs about two solves.

Because every piece is a vertex's own line, its value anywhere in the piece is exact, and a grid
of any density is read from the pieces without another solve.  Gass & Saaty, Naval Res. Logist.
Q. 2, 39 (1955) (parametric linear programming); the same construction gives pymatgen's
``get_element_profile`` transitions.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

SLOPE_TOL = 1e-9   # relative: lines whose slopes differ by less are parallel
VALUE_TOL = 1e-9   # relative: a value within this of the lines is on them
T_TOL = 1e-9       # relative to the range: an intersection this close to an end is at the end


@dataclass(frozen=True)
class Line:
    """``value(t) = intercept + slope * t``."""

    intercept: float
    slope: float

    def at(self, t: float) -> float:
        return self.intercept + self.slope * t


@dataclass(frozen=True)
class Piece:
    """One linear piece ``[lo, hi]`` of the value function, with the optimal vertex on it."""

    lo: float
    hi: float
    line: Line
    vertex: Any


def _same(a: Line, b: Line, scale: float) -> bool:
    return abs(a.slope - b.slope) <= SLOPE_TOL * scale and abs(a.intercept - b.intercept) <= VALUE_TOL * scale


def concave_pieces(ev: Callable[[float], tuple[Line, Any]], t0: float, t1: float) -> list[Piece]:
    """Linear pieces of the concave piecewise-linear ``f`` on ``[t0, t1]``, in order of ``t``.

    Args:
        ev: the programme solved at ``t``: the optimal vertex's line (exact on the vertex's whole
            piece) and the vertex itself (whatever the caller needs: amounts, products).
        t0, t1: the parameter range (``t0 <= t1``).

    Returns:
        Pieces covering ``[t0, t1]``; consecutive pieces have different lines and meet at the
        exact intersection of their lines (a breakpoint).  ``t0 == t1`` gives one piece.
    """
    la, va = ev(t0)
    if t1 <= t0:
        return [Piece(t0, t0, la, va)]
    lb, vb = ev(t1)
    span = t1 - t0
    segs: list[tuple[float, float, Line, Any]] = []
    stack = [(t0, la, va, t1, lb, vb)]
    while stack:
        a, la, va, b, lb, vb = stack.pop()
        scale = max(1.0, abs(la.at(a)), abs(lb.at(b)), abs(la.slope), abs(lb.slope))
        if la.slope - lb.slope <= SLOPE_TOL * scale:
            segs.append((a, b, la, va))  # parallel tangents of a concave f: one line on [a, b]
            continue
        t = (lb.intercept - la.intercept) / (la.slope - lb.slope)
        eps = T_TOL * max(1.0, span)
        if t <= a + eps:   # the line at b passes through f(a): f is that line on [a, b]
            segs.append((a, b, lb, vb))
            continue
        if t >= b - eps:
            segs.append((a, b, la, va))
            continue
        lm, vm = ev(t)
        if lm.at(t) >= la.at(t) - VALUE_TOL * scale:  # f(t) on both tangents: f = min(la, lb) on [a, b]
            segs.append((a, t, la, va))
            segs.append((t, b, lb, vb))
            continue
        stack.append((t, lm, vm, b, lb, vb))
        stack.append((a, la, va, t, lm, vm))
    segs.sort(key=lambda s: (s[0], s[1]))
    return _merge(segs, t0, t1)


def _merge(segs: list[tuple[float, float, Line, Any]], t0: float, t1: float) -> list[Piece]:
    """Join consecutive segments on one line; put each breakpoint at the exact intersection."""
    runs: list[list[Any]] = []
    for a, b, line, v in segs:
        scale = max(1.0, abs(line.intercept), abs(line.slope))
        if runs and _same(runs[-1][2], line, scale):
            runs[-1][1] = b
            continue
        if b - a <= 0 and runs:
            continue  # a zero-length segment at a breakpoint adds nothing
        runs.append([a, b, line, v])
    pieces: list[Piece] = []
    for k, (a, b, line, v) in enumerate(runs):
        lo = t0 if k == 0 else pieces[-1].hi
        if k + 1 < len(runs):
            nxt = runs[k + 1][2]
            ds = line.slope - nxt.slope
            hi = (nxt.intercept - line.intercept) / ds if ds > 0 else b
            hi = min(max(hi, lo), t1)
        else:
            hi = t1
        pieces.append(Piece(lo, hi, line, v))
    return [p for p in pieces if p.hi > p.lo] or pieces[:1]


def locate(pieces: Sequence[Piece], t: float, prefer: Callable[[Piece, Piece], bool] | None = None) -> Piece:
    """The piece holding ``t``; at a breakpoint (within 1e-12 relative) the piece ``prefer`` picks of the two."""
    starts = [p.lo for p in pieces]
    i = max(0, min(len(pieces) - 1, bisect_right(starts, t) - 1))
    p = pieces[i]
    if prefer is not None:
        tol = 1e-12 * max(1.0, abs(t))
        if i > 0 and abs(t - p.lo) <= tol and prefer(pieces[i - 1], p):
            return pieces[i - 1]
        if i + 1 < len(pieces) and abs(pieces[i + 1].lo - t) <= tol and not prefer(p, pieces[i + 1]):
            return pieces[i + 1]
    return p
