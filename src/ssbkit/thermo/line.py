"""Exact kinks of the hull energy along a straight line in composition space.

Along ``b(t) = p0 + t d`` the hull energy ``f(t)`` is convex and piecewise
linear; its kinks are the critical compositions where the phase assemblage
changes (pymatgen ``PhaseDiagram.get_critical_compositions``).  They are found
exactly, without a grid, by intersecting supporting lines (tangents from the
LP duals): if the hull at the intersection of the tangents at ``a`` and ``b``
lies on them, there is exactly one kink there; otherwise the interval is split.
Each linear piece costs about two LP solves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .lp import LPResult

SLOPE_TOL = 1e-9   # eV per unit t: slopes closer than this are one linear piece
T_TOL = 1e-7       # kinks closer than this (relative to the range) to a point are that point
VALUE_TOL = 1e-9   # eV: hull value on the tangent within this is "on it"


@dataclass
class LinePoint:
    """The hull at one point of the line.

    Attributes:
        t: line parameter.
        value: hull energy at ``b(t)`` (eV).
        slope: a subgradient df/dt from the LP duals.
        result: the LP solution.
    """

    t: float
    value: float
    slope: float
    result: LPResult


def scan_line(solve: Callable[[np.ndarray], LPResult], p0: np.ndarray, d: np.ndarray,
              t0: float, t1: float) -> list[LinePoint]:
    """Kinks of the hull along ``p0 + t d`` for ``t`` in [t0, t1], endpoints included.

    Args:
        solve: hull programme at element amounts ``b`` (returns value and duals).
        p0: start point (element amounts).
        d: direction (element amounts per unit ``t``).
        t0, t1: parameter range.

    Returns:
        Points sorted by ``t``: both endpoints and every kink in between.
    """

    def ev(t: float) -> LinePoint:
        r = solve(p0 + t * d)
        return LinePoint(t=t, value=r.value, slope=float(r.dual @ d), result=r)

    a, b = ev(t0), ev(t1)
    scale = max(1.0, abs(a.value), abs(b.value))
    pts: dict[float, LinePoint] = {a.t: a, b.t: b}
    stack = [(a, b)]
    while stack:
        lo, hi = stack.pop()
        if hi.slope - lo.slope <= SLOPE_TOL * scale:
            continue
        t = (hi.value - lo.value + lo.slope * lo.t - hi.slope * hi.t) / (lo.slope - hi.slope)
        eps = T_TOL * max(1.0, abs(t1 - t0))
        if not (lo.t + eps < t < hi.t - eps):
            # the tangents meet at an end point: one tangent passes through both end
            # values, so by convexity f is that line on [lo, hi]: no interior kink
            continue
        tangent = lo.value + lo.slope * (t - lo.t)
        mid = ev(t)
        pts[t] = mid
        if mid.value > tangent + VALUE_TOL * scale:  # hull above both tangents: split
            stack.append((lo, mid))
            stack.append((mid, hi))
    ordered = [pts[k] for k in sorted(pts)]
    return _exact_kinks(ev, p0, d, _drop_collinear(_merge_close(ordered, T_TOL * max(1.0, abs(t1 - t0)))))


def _exact_kinks(ev: Callable[[float], LinePoint], p0: np.ndarray, d: np.ndarray,
                 points: list[LinePoint]) -> list[LinePoint]:
    """Place every interior kink at the intersection of its two pieces' exact lines.

    Each linear piece is solved once in its middle, where its phase assemblage S is unique; its
    line is then ``e_S . A_S^+ (p0 + t d)`` (:meth:`LPResult.linear_value`), a function of S alone.
    So the kinks (and every window and reaction energy read from them) do not depend on which
    tangents the search happened to intersect, i.e. on the call history, thread or process.  The
    kink keeps the LP solution found there (its products).
    """
    if len(points) <= 2:
        return points
    lines = []
    for p, q in zip(points, points[1:]):
        mid = ev(0.5 * (p.t + q.t)).result
        try:
            lines.append((mid.linear_value(p0), mid.linear_value(d)))
        except (ValueError, np.linalg.LinAlgError):
            return points
    out = [points[0]]
    for k in range(1, len(points) - 1):
        (c1, s1), (c2, s2) = lines[k - 1], lines[k]
        p = points[k]
        if s2 - s1 > SLOPE_TOL * max(1.0, abs(s1), abs(s2)):
            t = (c1 - c2) / (s2 - s1)
            if abs(t - p.t) <= 1e-6 * max(1.0, abs(p.t)):
                p = LinePoint(t=t, value=c1 + s1 * t, slope=p.slope, result=p.result)
        out.append(p)
    out.append(points[-1])
    return out


def _merge_close(points: list[LinePoint], eps: float) -> list[LinePoint]:
    """Drop points within ``eps`` of the previous kept point (the end points are kept)."""
    out = [points[0]]
    for p in points[1:-1]:
        if p.t - out[-1].t > eps and points[-1].t - p.t > eps:
            out.append(p)
    out.append(points[-1])
    return out


def _drop_collinear(points: list[LinePoint]) -> list[LinePoint]:
    """Keep the end points and the points where the slope really changes."""
    if len(points) <= 2:
        return points
    keep = [points[0]]
    for k in range(1, len(points) - 1):
        p, q, r = keep[-1], points[k], points[k + 1]
        s1 = (q.value - p.value) / (q.t - p.t)
        s2 = (r.value - q.value) / (r.t - q.t)
        scale = max(1.0, abs(s1), abs(s2))
        if s2 - s1 > 1e-7 * scale:
            keep.append(q)
    keep.append(points[-1])
    return keep


def slopes(points: list[LinePoint]) -> list[float]:
    """Slope of each linear piece between consecutive points (eV per unit t)."""
    return [(q.value - p.value) / (q.t - p.t) for p, q in zip(points, points[1:])]


def walk_line(matrix: np.ndarray, costs: np.ndarray, p0: np.ndarray, d: np.ndarray, t0: float, t1: float,
              start: LPResult | None, max_pivots: int = 500, basis: np.ndarray | None = None,
              bases: BasisCache | None = None) -> list[LinePoint] | None:
    """The kinks of the hull along ``p0 + t d`` by one parametric walk (Gass & Saaty 1955, on the right-hand
    side): from the optimal basis at ``t0`` the basic amounts are linear in ``t``, ``x_B = B^-1 (p0 + t d)``; the
    basis stays optimal until an amount reaches zero, where one dual-simplex pivot (the phase that leaves, the
    one whose reduced cost runs out first enters) gives the next basis.  Every kink costs one pivot on an
    (elements x elements) matrix instead of about two programme solves (:func:`scan_line`).

    ``start``: the programme's solution at ``t0``, or ``basis``: an optimal basis there (from ``bases``,
    :meth:`BasisCache.containing`).  ``bases``: where the bases the walk goes through are kept (each is dual
    feasible, a facet of the hull, whatever the point) with what depends on the basis alone: its inverse, the
    duals, the reduced costs and the pivot taken from it for each leaving phase (:class:`Facet`).  Returns the
    points as :func:`scan_line` does, or None when the walk cannot be set up or continued cleanly (a degenerate
    start, numerical trouble): the caller then uses :func:`scan_line`.
    """
    A = np.asarray(matrix, dtype=float)
    e = np.asarray(costs, dtype=float)
    n = A.shape[1]
    if basis is None:
        basis = _start_basis(A, e, start) if start is not None else None
    if basis is None:
        return None
    scale = max(1.0, float(np.abs(p0).sum() + abs(t1) * np.abs(d).sum()))
    tol_x = 1e-10 * scale
    tol_red = dual_tolerance(e)
    pts: list[LinePoint] = []
    t = t0
    facet = _facet(A, e, basis, bases, tol_red)
    for _ in range(max_pivots):
        if facet is None:
            return None  # not an optimal basis: leave it to the programme
        basis, binv, y = facet.basis, facet.binv, facet.y  # a kept facet: its phases in the order kept
        # x_B(t) = u + t w; the ratio test over at most (elements) amounts, in plain floats (the same IEEE
        # operations as the array form, without its per-call cost)
        u, w = (binv @ p0).tolist(), (binv @ d).tolist()
        x = [a + t * b for a, b in zip(u, w)]
        if min(x) < -1e-8 * scale:
            return None  # not a feasible basis at t: leave it to the programme
        lo, fall = t - tol_x, -1e-14 * scale
        ahead = [(i, -a / b) for i, (a, b) in enumerate(zip(u, w)) if b < fall]
        ahead = [(i, s) for i, s in ahead if s > lo]
        first = min((s for _, s in ahead), default=np.inf)
        if not pts and (first > t + tol_x or first >= t1 - tol_x):
            # the start point from the facet that holds the line just after it (after any degenerate pivots
            # at the start): the same whichever optimal basis at the start the walk was given
            pts.append(_point(t, basis, x, y, d, e, n))
        if first >= t1 - tol_x:
            pts.append(_point(t1, basis, [a + t1 * b for a, b in zip(u, w)], y, d, e, n))
            return _drop_collinear(_merge_close(pts, T_TOL * max(1.0, abs(t1 - t0))))
        t_next = max(first, t)
        ties = [i for i, s in ahead if s <= t_next + tol_x]
        cols = facet.cols
        leave = min(ties, key=lambda i: cols[i])  # Bland's rule among ties: no cycling
        x_kink = [a + t_next * b for a, b in zip(u, w)]
        for i in ties:
            x_kink[i] = 0.0
        if pts and t_next - pts[-1].t > tol_x:
            pts.append(_point(t_next, basis, x_kink, y, d, e, n))
        nxt = facet.pivot(A, leave)
        if nxt is None:
            return None
        if not isinstance(nxt, Facet):
            prev, nxt = facet, _facet(A, e, nxt, bases, tol_red)
            if nxt is not None and bases is not None and bases.holds(prev) and bases.holds(nxt):
                prev.link(leave, nxt)  # the next walk through here pivots without looking the basis up
        facet = nxt
        t = t_next
    return None


def least_ratio(candidates: np.ndarray, ratio: np.ndarray) -> int:
    """The entering phase of a dual-simplex pivot: the least ratio, ties (within 1e-12) to the smallest phase
    index (Bland's rule)."""
    best = ratio.min()
    return int(candidates[ratio <= best + 1e-12 * max(1.0, abs(best))].min())


def dual_tolerance(costs: np.ndarray) -> float:
    """The least reduced cost (eV) a basis may have and still count as optimal: ``-1e-8 max(1, |e|)``."""
    return -1e-8 * max(1.0, float(np.abs(costs).max()))


def _facet(A: np.ndarray, e: np.ndarray, basis: np.ndarray, bases: BasisCache | None,
           tol_red: float) -> Facet | None:
    """The kept facet of ``basis``, or a new one (kept in ``bases`` when given); None when ``basis`` is singular
    or not dual feasible (some phase below its hyperplane by more than ``-tol_red``)."""
    hit = bases.get(basis) if bases is not None else None
    if hit is not None:
        return hit
    f = Facet.of(A, e, basis)
    if f is None or f.red.min() < tol_red:
        return None
    return bases.add(f) if bases is not None else f


class Facet:
    """An optimal basis of the hull programme and what depends on it alone: the inverse ``B^-1``, the duals
    ``y = B^-T e_B`` (chemical potentials of the facet), the reduced costs ``e - A^T y`` and, for each leaving
    position, the basis the dual-simplex pivot leads to (the entering phase: least ratio of reduced cost to
    ``-(B^-1 A)`` in that row, ties to the lowest index)."""

    __slots__ = ("_next", "basis", "binv", "cols", "red", "y")

    def __init__(self, basis: np.ndarray, binv: np.ndarray, y: np.ndarray, red: np.ndarray) -> None:
        self.basis, self.binv, self.y, self.red = basis, binv, y, red
        self.cols: list[int] = basis.tolist()
        for a in (basis, binv, y, red):
            a.setflags(write=False)  # shared between walks: read-only
        self._next: dict[int, Facet | np.ndarray | None] = {}

    @classmethod
    def of(cls, A: np.ndarray, e: np.ndarray, basis: np.ndarray, binv: np.ndarray | None = None) -> Facet | None:
        """The facet of ``basis`` (None: singular); ``binv``: its inverse when already computed."""
        b = np.array(basis, dtype=np.int64)
        if binv is None:  # the phases in index order: one record, one inverse per phase set, whatever the path
            b.sort()
            try:
                binv = np.linalg.inv(A[:, b])
            except np.linalg.LinAlgError:
                return None
        y = binv.T @ e[b]
        return cls(b, binv, y, e - A.T @ y)

    def pivot(self, A: np.ndarray, leave: int) -> Facet | np.ndarray | None:
        """The next basis when position ``leave`` leaves: a kept :class:`Facet` once linked, else the basis
        (None: no phase can enter)."""
        if leave in self._next:
            return self._next[leave]
        alpha = self.binv[leave] @ A
        alpha[self.basis] = 0.0
        enter = (alpha < -1e-12).nonzero()[0]
        if enter.size == 0:
            self._next[leave] = None
            return None
        j = least_ratio(enter, self.red[enter] / -alpha[enter])
        nb = self.basis.copy()
        nb[leave] = j
        return nb

    def link(self, leave: int, nxt: Facet) -> None:
        """Remember that position ``leave`` leaving leads to ``nxt``."""
        self._next[leave] = nxt


def _start_basis(A: np.ndarray, e: np.ndarray, start: LPResult) -> np.ndarray | None:
    """An optimal basis at the start: the phases present, completed with phases of zero reduced cost (on the
    supporting hyperplane of the programme's duals) to a full set of independent columns."""
    m, _ = A.shape
    x = start.amounts
    present = list(np.flatnonzero(x > 1e-12 * max(1.0, float(x.sum()))))
    red = e - A.T @ start.dual
    zero = [int(j) for j in np.argsort(np.abs(red)) if abs(red[j]) <= 1e-7 and j not in present]
    basis: list[int] = []
    for j in [*present, *zero]:
        trial = basis + [int(j)]
        if np.linalg.matrix_rank(A[:, trial], tol=1e-9) == len(trial):
            basis = trial
        if len(basis) == m:
            return np.asarray(basis, dtype=np.int64)
    return None


def _point(t: float, basis: np.ndarray, x_b: list[float], y: np.ndarray, d: np.ndarray, e: np.ndarray,
           n: int) -> LinePoint:
    amounts = np.zeros(n)
    amounts[basis] = [v if v > 0 else 0.0 for v in x_b]
    active = amounts.nonzero()[0]
    value = float(e[active] @ amounts[active])
    return LinePoint(t=t, value=value, slope=float(y @ d),
                     result=LPResult(value=value, amounts=amounts, dual=y, active_matrix=None, active_costs=None))


class BasisCache:
    """The optimal bases a chemical system's walks have gone through, as :class:`Facet` records.

    An optimal basis of the hull programme is dual feasible (no phase below the hyperplane of its chemical
    potentials) whatever the point; it is optimal at every point where its amounts ``B^-1 b`` are
    non-negative: a facet of the hull.  A later walk through a point inside a kept facet starts there
    instead of solving the programme, and follows the pivots earlier walks took from each facet.  Among the
    kept facets that contain the point the one with the least sorted phase list is taken (several do only
    where the point lies on a shared face, and they give the same hull there).
    """

    #: bases kept per system, at most
    LIMIT = 4096

    def __init__(self) -> None:
        self._keys: dict[tuple[int, ...], Facet] = {}
        self._facets: list[Facet] = []
        self._ids: set[int] = set()
        self._stack: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self._facets)

    def get(self, basis: np.ndarray) -> Facet | None:
        """The kept facet with the phases of ``basis`` (None: not kept)."""
        return self._keys.get(tuple(sorted(basis.tolist())))

    def facets(self) -> list[Facet]:
        """The kept facets, in the order found."""
        return list(self._facets)

    def holds(self, facet: Facet) -> bool:
        """True when ``facet`` is one of the kept records."""
        return id(facet) in self._ids

    def add(self, facet: Facet) -> Facet:
        """Keep ``facet`` (unless full); returns the kept record with its phases (an earlier one if any)."""
        key = tuple(sorted(facet.basis.tolist()))
        kept = self._keys.get(key)
        if kept is not None:
            return kept
        if len(self._facets) < self.LIMIT:
            self._keys[key] = facet
            self._facets.append(facet)
            self._ids.add(id(facet))
            self._stack = None
        return facet

    def containing(self, b: np.ndarray, tol: float) -> np.ndarray | None:
        """A kept basis whose amounts at ``b`` are all at least ``-tol`` (None: none is)."""
        if not self._facets:
            return None
        if self._stack is None:
            self._stack = np.stack([f.binv for f in self._facets])
        amounts = self._stack @ np.asarray(b, dtype=float)
        inside = np.flatnonzero(amounts.min(axis=1) >= -tol)
        if inside.size == 0:
            return None
        best = min(inside.tolist(), key=lambda k: tuple(sorted(self._facets[k].basis.tolist())))
        return self._facets[best].basis
