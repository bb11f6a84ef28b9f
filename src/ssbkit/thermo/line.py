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
    feasible, a facet of the hull, whatever the point).  Returns the points as :func:`scan_line` does, or None
    when the walk cannot be set up or continued cleanly (a degenerate start, numerical trouble): the caller
    then uses :func:`scan_line`.
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
    pts: list[LinePoint] = []
    t = t0
    for _ in range(max_pivots):
        hit = bases.get(basis) if bases is not None else None
        if hit is not None:  # a facet walked before: its inverse as kept (same phases, their order as kept)
            basis, binv = hit
        else:
            try:
                binv = np.linalg.inv(A[:, basis])
            except np.linalg.LinAlgError:
                return None
        u, w, y = binv @ p0, binv @ d, binv.T @ e[basis]
        x = u + t * w
        red = e - A.T @ y
        if x.min() < -1e-8 * scale or red.min() < -1e-8 * max(1.0, float(np.abs(e).max())):
            return None  # not a feasible, optimal basis: leave it to the programme
        if bases is not None and hit is None:
            bases.add(basis, binv)
        if not pts:
            pts.append(_point(t, basis, x, y, d, e, n))
        falling = np.flatnonzero(w < -1e-14 * scale)
        steps = -u[falling] / w[falling]
        ahead = steps > t - tol_x
        if not np.any(ahead) or steps[ahead].min() >= t1 - tol_x:
            pts.append(_point(t1, basis, u + t1 * w, y, d, e, n))
            return _drop_collinear(_merge_close(pts, T_TOL * max(1.0, abs(t1 - t0))))
        t_next = float(max(steps[ahead].min(), t))
        ties = falling[ahead][steps[ahead] <= t_next + tol_x]
        leave = int(min(ties, key=lambda i: basis[i]))  # Bland's rule among ties: no cycling
        x_kink = u + t_next * w
        x_kink[ties] = 0.0
        if t_next - pts[-1].t > tol_x:
            pts.append(_point(t_next, basis, x_kink, y, d, e, n))
        alpha = binv[leave] @ A
        alpha[basis] = 0.0
        enter = np.flatnonzero(alpha < -1e-12)
        if enter.size == 0:
            return None
        ratio = red[enter] / -alpha[enter]
        best = ratio.min()
        j = int(enter[np.flatnonzero(ratio <= best + 1e-12 * max(1.0, abs(best)))].min())
        basis = basis.copy()
        basis[leave] = j
        t = t_next
    return None


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


def _point(t: float, basis: np.ndarray, x_b: np.ndarray, y: np.ndarray, d: np.ndarray, e: np.ndarray,
           n: int) -> LinePoint:
    amounts = np.zeros(n)
    amounts[basis] = np.where(x_b > 0, x_b, 0.0)
    active = np.flatnonzero(amounts)
    value = float(e[active] @ amounts[active])
    return LinePoint(t=t, value=value, slope=float(y @ d),
                     result=LPResult(value=value, amounts=amounts, dual=y, active_matrix=None, active_costs=None))


class BasisCache:
    """The optimal bases a chemical system's walks have gone through, with their inverses.

    An optimal basis of the hull programme is dual feasible (no phase below the hyperplane of its chemical
    potentials) whatever the point; it is optimal at every point where its amounts ``B^-1 b`` are
    non-negative: a facet of the hull.  A later walk through a point inside a kept facet starts there
    instead of solving the programme.  Among the kept facets that contain the point the one with the least
    sorted phase list is taken (several do only where the point lies on a shared face, and they give the
    same hull there).
    """

    #: bases kept per system, at most
    LIMIT = 4096

    def __init__(self) -> None:
        self._keys: dict[tuple[int, ...], int] = {}
        self._bases: list[np.ndarray] = []
        self._inverses: list[np.ndarray] = []
        self._stack: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self._bases)

    def get(self, basis: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
        """The kept (basis, inverse) with the phases of ``basis`` (None: not kept)."""
        k = self._keys.get(tuple(sorted(int(j) for j in basis)))
        return None if k is None else (self._bases[k], self._inverses[k])

    def add(self, basis: np.ndarray, inverse: np.ndarray) -> None:
        key = tuple(sorted(int(j) for j in basis))
        if key in self._keys or len(self._bases) >= self.LIMIT:
            return
        b, inv = np.array(basis, dtype=np.int64), np.array(inverse, dtype=float)
        b.setflags(write=False)
        inv.setflags(write=False)  # handed out by get(): read-only
        self._keys[key] = len(self._bases)
        self._bases.append(b)
        self._inverses.append(inv)
        self._stack = None

    def containing(self, b: np.ndarray, tol: float) -> np.ndarray | None:
        """A kept basis whose amounts at ``b`` are all at least ``-tol`` (None: none is)."""
        if not self._bases:
            return None
        if self._stack is None:
            self._stack = np.stack(self._inverses)
        amounts = self._stack @ np.asarray(b, dtype=float)
        inside = np.flatnonzero(amounts.min(axis=1) >= -tol)
        if inside.size == 0:
            return None
        best = min(inside.tolist(), key=lambda k: tuple(sorted(self._bases[k].tolist())))
        return self._bases[best]
