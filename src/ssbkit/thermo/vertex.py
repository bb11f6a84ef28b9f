"""Which candidates of one exact chemical system are vertices of its lower hull, by a dual simplex that moves
from candidate to candidate.

A candidate ``j`` (one atom of composition ``a_j``, energy ``e_j``) is stable when it lies below the hull of
every other phase at its own composition by more than ``tol``: ``e_j < v_j - tol`` with
``v_j = min e.x  s.t.  A x = a_j, x >= 0, x_j = 0``.  :mod:`ssbkit.thermo.hull` asks the hull programme
(HiGHS) once per candidate.  Here one optimal basis of the programme over *all* columns is carried from one
candidate's composition to the next: a basis stays dual feasible when only the right-hand side changes, so
a few dual-simplex pivots (Bland's rule: no cycling) reach the optimum at ``a_j``.  If ``j`` is not in that
optimum with a positive amount, the others alone reach ``v_j`` and ``j`` is not stable; otherwise ``j`` is
barred (held at zero: a basic variable above its bound of 0 leaves) and the pivots continue to ``v_j``.

Every pivot keeps the basis invertible and dual feasible; when one would not (numerical trouble), or when
the value lies within ``margin`` of the decision, :meth:`VertexTest.decide` returns None and the caller asks
the programme, as before.  So the decisions are the programme's (tests/unit/test_thermo.py compares the
stable sets of 400 chemical systems of the data and of a made-up system with ties).

Dantzig, Linear Programming and Extensions (1963), ch. 11 (the dual simplex method); Bland, Math. Oper.
Res. 2, 103 (1977) (the smallest-index rule).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .line import BasisCache, Facet, _start_basis, dual_tolerance, least_ratio
from .lp import LPResult

#: dual-simplex pivots per candidate before the programme is asked instead
MAX_PIVOTS = 60


class VertexTest:
    """The dual simplex over the columns ``A`` (elements x phases, one atom each) with energies ``e``.

    ``solve``: the hull programme over every column at a composition (:meth:`ssbkit.thermo.lp.PhaseLP.solve`),
    used once to find the first optimal basis."""

    def __init__(self, A: np.ndarray, e: np.ndarray, solve: Callable[[np.ndarray], LPResult]) -> None:
        self.A, self.e, self._solve = A, e, solve
        self.tol_red = dual_tolerance(e)
        self.bases = BasisCache()
        self.facet: Facet | None = None

    def decide(self, col: int, tol: float, margin: float) -> bool | None:
        """True: column ``col`` is below the others' hull at its composition by more than ``tol``; False: it is
        not; None: undecided here (numerical trouble, or the value within ``margin`` of the decision)."""
        b = self.A[:, col]
        if self.facet is None:
            self.facet = self._primal_start(b)
            if self.facet is None:  # no elements' columns, or the pivots ran out: the programme's optimum
                start = _start_basis(self.A, self.e, self._solve(b))
                self.facet = None if start is None else self._facet(start, None)
            if self.facet is None:
                return None
        got = self._optimum(self.facet, b, None)
        if got is None:
            self.facet = None
            return None
        self.facet, x = got
        scale = max(1.0, float(np.abs(b).sum()))
        where = (self.facet.basis == col).nonzero()[0]
        if where.size and x[int(where[0])] > 1e-10 * scale:  # on the hull: the others alone, with col barred
            barred = self._optimum(self.facet, b, col)
            if barred is None:
                return None
            facet, x = barred
        else:
            facet = self.facet
        value = float(self.e[facet.basis] @ x)
        if abs(self.e[col] - (value - tol)) <= margin:
            return None
        return bool(self.e[col] < value - tol)

    def _primal_start(self, b: np.ndarray) -> Facet | None:
        return primal_optimum(self.A, self.e, b, self._kept, self.tol_red)

    def _kept(self, basis: np.ndarray) -> Facet | None:
        """The kept record of ``basis`` (dual feasible or not), or a new one; None when singular."""
        f = self.bases.get(basis)
        if f is None:
            f = Facet.of(self.A, self.e, basis)
            if f is not None:
                f = self.bases.add(f)
        return f

    def _facet(self, basis: np.ndarray, barred: int | None) -> Facet | None:
        """The kept facet of ``basis`` (or a new one), if it is dual feasible for every column but ``barred``."""
        f = self._kept(basis)
        if f is None:
            return None
        red = f.red
        if red.min() < self.tol_red:
            if barred is None:
                return None
            rest = red.copy()
            rest[barred] = np.inf  # held at zero: any reduced cost is optimal for it
            if rest.min() < self.tol_red:
                return None
        return f

    def _optimum(self, facet: Facet, b: np.ndarray, barred: int | None) -> tuple[Facet, np.ndarray] | None:
        """Dual-simplex pivots from ``facet`` to an optimal basis at ``b`` with ``barred`` held at zero:
        (facet, basic amounts), or None."""
        A = self.A
        tol_x = 1e-10 * max(1.0, float(np.abs(b).sum()))
        for _ in range(MAX_PIVOTS):
            x = facet.binv @ b
            cols = facet.cols
            bad = [i for i, v in enumerate(x.tolist()) if v < -tol_x or (cols[i] == barred and v > tol_x)]
            if not bad:
                return facet, x
            r = min(bad, key=lambda i: cols[i])  # Bland: the smallest phase index leaves
            alpha = facet.binv[r] @ A
            alpha[facet.basis] = 0.0
            if barred is not None:
                alpha[barred] = 0.0  # never enters again
            up = cols[r] == barred and x[r] > tol_x  # the barred phase goes down to its bound of zero
            enter = (alpha > 1e-12).nonzero()[0] if up else (alpha < -1e-12).nonzero()[0]
            if enter.size == 0:
                return None  # no other phase mix reaches b: leave it to the programme
            k = least_ratio(enter, facet.red[enter] / np.abs(alpha[enter]))
            nb = facet.basis.copy()
            nb[r] = k
            nxt = self._facet(nb, barred)
            if nxt is None:
                return None
            facet = nxt
        return None


def primal_optimum(A: np.ndarray, e: np.ndarray, b: np.ndarray, kept: Callable[[np.ndarray], Facet | None],
                   tol_red: float) -> Facet | None:
    """An optimal basis of the hull programme at ``b`` by the primal simplex from the elements' own columns
    (energy 0, ``x = b``: feasible): the phase of most negative reduced cost enters, the ratio test picks the
    one that leaves (ties to the smallest phase index).  ``kept``: the record of a basis (None: singular).
    None without the elements' columns or after MAX_PIVOTS.  The same start whatever was solved before."""
    m = A.shape[0]
    unit = []
    for r in range(m):
        hit = ((A[r] == 1.0) & (e == 0.0)).nonzero()[0]
        if hit.size == 0:
            return None
        unit.append(int(hit[0]))
    facet = kept(np.asarray(unit, dtype=np.int64))
    for _ in range(MAX_PIVOTS):
        if facet is None:
            return None
        red = facet.red
        k = int(np.argmin(red))
        if red[k] >= tol_red:
            return facet
        d = facet.binv @ A[:, k]
        x = facet.binv @ b
        rows = (d > 1e-12).nonzero()[0]
        if rows.size == 0:
            return None
        ratio = x[rows] / d[rows]
        best = ratio.min()
        ties = rows[ratio <= best + 1e-12 * max(1.0, abs(best))]
        cols = facet.cols
        r = int(min(ties.tolist(), key=lambda i: cols[i]))
        nb = facet.basis.copy()
        nb[r] = k
        facet = kept(nb)
    return None
