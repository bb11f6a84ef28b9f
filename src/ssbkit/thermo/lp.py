"""Linear-programming core of the convex-hull engine.

The lower convex hull of formation energies is the value function of a linear
programme (the Gibbs minimisation of a closed system)::

    E_hull(b) = min_n  sum_j n_j e_j   s.t.  sum_j n_j a_j = b,  n >= 0

where ``a_j`` is the composition of one atom of phase ``j`` (a column),
``e_j`` its formation energy per atom (eV/atom) and ``b`` the amounts of each
element.  The optimal dual ``mu`` is the vector of elemental chemical
potentials (eV/atom) of the equilibrium at ``b``.  With an open element (Li
exchanged with a reservoir at mu_Li) the same programme with costs
``e_j - mu_Li x_Li,j`` gives the grand-potential hull.

One :class:`PhaseLP` is built per chemical system and re-solved with new
right-hand sides or costs using HiGHS warm starts, so scans over compositions
and voltages reuse the same model.
"""

from __future__ import annotations

import os
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from ..errors import SsbkitError

if TYPE_CHECKING:
    import highspy



@lru_cache(maxsize=1)
def _hs():
    """The highspy module, imported when the first programme is built (a window or hull that needs no
    programme never pays for it)."""
    import highspy

    return highspy


@lru_cache(maxsize=1)
def _rows_at_once() -> bool:
    """Whether this highspy can change several rows' bounds in one call (newer releases)."""
    return hasattr(_hs().Highs, "changeRowsBounds")
_QUIET = threading.Lock()
_BANNER_DONE = False


def _flush_c_stdio() -> None:
    """Flush the C library's stdout buffer (what the solver printed with ``printf``)."""
    import ctypes

    try:
        ctypes.CDLL(None).fflush(None)
    except (OSError, AttributeError):  # pragma: no cover - no C library to flush
        pass


def new_highs() -> highspy.Highs:
    """A HiGHS instance; the first one of the process is built with file descriptor 1 sent to /dev/null.

    Some highspy releases (1.16 on) print a copyright banner on stdout when the first solver of a process is
    built, below Python (C ``printf``), so ``sys.stdout`` redirection cannot catch it and ``--json`` output
    would not be JSON.  The descriptor is restored right after; later instances print nothing (their
    ``output_flag`` is off).
    """
    global _BANNER_DONE
    if _BANNER_DONE:
        return _hs().Highs()
    with _QUIET:
        if _BANNER_DONE:
            return _hs().Highs()
        try:
            sys.stdout.flush()
        except (AttributeError, ValueError, OSError):
            pass
        _flush_c_stdio()
        saved = os.dup(1)
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(null, 1)
                h = _hs().Highs()
                h.setOptionValue("output_flag", False)
                _flush_c_stdio()
            finally:
                os.dup2(saved, 1)
                os.close(null)
        finally:
            os.close(saved)
        _BANNER_DONE = True
        return h


@dataclass
class LPResult:
    """Solution at one composition.

    Attributes:
        value: hull energy of ``b`` (eV for the amounts in ``b``).
        amounts: atoms of each phase (column) in the equilibrium assemblage.
        dual: chemical potentials of the constrained elements (eV/atom).
    """

    value: float
    amounts: np.ndarray
    dual: np.ndarray
    active_matrix: np.ndarray | None = None
    active_costs: np.ndarray | None = None

    def linear_value(self, x: np.ndarray) -> float:
        """Energy of element amounts ``x`` made of this solution's phases: ``e_S . A_S^+ x`` (eV).

        Along a line on which the assemblage does not change, the hull energy is this linear
        function; it depends only on the assemblage, not on where (or after what) it was solved.
        """
        if self.active_matrix is None or self.active_costs is None:
            raise ValueError("no active set recorded")
        n, *_ = np.linalg.lstsq(self.active_matrix, np.asarray(x, dtype=float), rcond=None)
        return float(self.active_costs @ n)


class PhaseLP:
    """A warm-startable hull programme over a fixed set of phases.

    Args:
        matrix: (n_elements, n_phases) composition of one atom of each phase.
        costs: (n_phases,) energy per atom of each phase (eV/atom).
        polish: recompute each answer from its active set (:meth:`_polish`), so that it does not
            depend on the warm start.  A programme whose sequence of solves is fixed (one owned by a
            single query) gives reproducible answers without it.
    """

    def __init__(self, matrix: np.ndarray, costs: np.ndarray, polish: bool = True) -> None:
        self.polish = polish
        self.matrix = np.ascontiguousarray(matrix, dtype=float)
        self.costs = np.asarray(costs, dtype=float).copy()
        m, n = self.matrix.shape
        self.m, self.n = m, n
        h = new_highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("primal_feasibility_tolerance", 1e-10)
        h.setOptionValue("dual_feasibility_tolerance", 1e-10)
        h.setOptionValue("presolve", "off")
        lp = _hs().HighsLp()
        lp.num_col_ = n
        lp.num_row_ = m
        lp.col_cost_ = self.costs
        lp.col_lower_ = np.zeros(n)
        lp.col_upper_ = np.full(n, _hs().kHighsInf)
        lp.row_lower_ = np.zeros(m)
        lp.row_upper_ = np.zeros(m)
        # column-wise sparse form (the non-zero elements of each phase)
        rows, cols = np.nonzero(self.matrix.T)  # ordered by column, then row
        lp.a_matrix_.format_ = _hs().MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.searchsorted(rows, np.arange(n + 1)).astype(np.int32)
        lp.a_matrix_.index_ = cols.astype(np.int32)
        lp.a_matrix_.value_ = self.matrix.T[rows, cols].copy()
        h.passModel(lp)
        self._h = h
        self._rows = np.arange(m, dtype=np.int32)
        self._cols = np.arange(n, dtype=np.int32)
        self._lower = np.zeros(n)
        self._upper = np.full(n, np.inf)
        self.solves = 0

    def set_costs(self, costs: np.ndarray) -> None:
        """Replace the phase energies (e.g. grand potentials at a new mu_Li)."""
        self.costs = np.asarray(costs, dtype=float).copy()
        self._h.changeColsCost(self.n, self._cols, self.costs)

    def set_upper(self, j: int, upper: float) -> None:
        """Bound the amount of phase ``j`` (0 excludes it; inf restores it)."""
        self.set_bounds(j, 0.0, upper)

    def set_bounds(self, j: int, lower: float, upper: float) -> None:
        """Bound column ``j`` to ``[lower, upper]`` (e.g. a mixing ratio to [0, 1], or fixed)."""
        self._h.changeColBounds(int(j), float(lower), float(upper))
        self._lower[int(j)] = lower
        self._upper[int(j)] = upper

    def solve(self, b: np.ndarray) -> LPResult:
        """Hull energy, equilibrium phase amounts and chemical potentials at ``b``."""
        b = np.asarray(b, dtype=float)
        if _rows_at_once():
            self._h.changeRowsBounds(self.m, self._rows, b, b)
        else:  # highspy releases before changeRowsBounds: one row at a time, same model
            for r in range(self.m):
                self._h.changeRowBounds(r, float(b[r]), float(b[r]))
        self._h.run()
        self.solves += 1
        status = self._h.getModelStatus()
        if status != _hs().HighsModelStatus.kOptimal:
            # a cold restart resolves rare warm-start stalls
            self._h.clearSolver()
            self._h.run()
            status = self._h.getModelStatus()
            if status != _hs().HighsModelStatus.kOptimal:
                raise SsbkitError(f"hull programme not solved ({self._h.modelStatusToString(status)}): "
                                  "the composition cannot be formed from the phases in the data")
        sol = self._h.getSolution()
        amounts = np.asarray(sol.col_value)
        amounts = np.where(amounts > 0, amounts, 0.0)
        dual = np.asarray(sol.row_dual)
        if self.polish:
            amounts, dual = self._polish(amounts, dual, b)
        return self._result(amounts, dual)

    def value(self, b: np.ndarray) -> float | None:
        """The hull energy at ``b`` alone (eV; the simplex's objective, no solution read back), or None when the
        programme did not end optimal (:meth:`solve` then restarts it or says why)."""
        b = np.asarray(b, dtype=float)
        if _rows_at_once():
            self._h.changeRowsBounds(self.m, self._rows, b, b)
        else:
            for r in range(self.m):
                self._h.changeRowBounds(r, float(b[r]), float(b[r]))
        self._h.run()
        self.solves += 1
        if self._h.getModelStatus() != _hs().HighsModelStatus.kOptimal:
            return None
        return float(self._h.getInfo().objective_function_value)

    def polished(self, res: LPResult, b: np.ndarray) -> LPResult:
        """``res`` (an answer of this programme at ``b`` solved without polishing) recomputed from its active set
        (:meth:`_polish`): what :meth:`solve` gives with ``polish`` on."""
        amounts, dual = self._polish(res.amounts.copy(), res.dual, np.asarray(b, dtype=float))
        return self._result(amounts, dual)

    def _result(self, amounts: np.ndarray, dual: np.ndarray) -> LPResult:
        active = np.flatnonzero(amounts)
        value = float(self.costs[active] @ amounts[active])
        return LPResult(value=value, amounts=amounts, dual=dual, active_matrix=self.matrix[:, active],
                        active_costs=self.costs[active].copy())

    def _polish(self, amounts: np.ndarray, dual: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Recompute the active phases' amounts from ``A_S n_S = b`` and, when the active set is a full
        basis, the chemical potentials from ``A_S^T mu = e_S`` (least squares).

        The simplex answer depends, in its last digits, on the warm start (what was solved before);
        the active set does not.  Solving the small systems of the active phases makes identical
        inputs give identical numbers, whatever the call order, thread or process.  Each is kept only
        when it is an exact solution (non-negative amounts; dual feasible); otherwise the LP's stands.
        """
        # a boxed column (e.g. a mixing ratio) at one of its bounds is held there exactly; the others are
        # solved for.  (Solving for it too could move it off its bound along a degenerate direction.)
        boxed = np.isfinite(self._upper) | (self._lower != 0.0)
        fixed = np.zeros(self.n, dtype=bool)
        if boxed.any():
            for j in np.flatnonzero(boxed):
                for bound in (self._lower[j], self._upper[j]):
                    if np.isfinite(bound) and abs(amounts[j] - bound) <= 1e-9 * max(1.0, abs(bound)):
                        amounts[j] = bound
                        fixed[j] = True
        rest = b - self.matrix[:, fixed] @ amounts[fixed] if fixed.any() else b
        active = np.flatnonzero((amounts > 1e-9 * max(1e-300, float(amounts.sum()))) & ~fixed)
        if active.size == 0 or active.size > self.m:
            return amounts, dual
        a_s = self.matrix[:, active]
        n_s, _, rank, _ = np.linalg.lstsq(a_s, rest, rcond=None)
        tol = 1e-9 * max(1.0, float(np.abs(b).max()))
        within = np.all(n_s >= self._lower[active] - 1e-9) and np.all(n_s <= self._upper[active] + 1e-9)
        if within and float(np.abs(a_s @ n_s - rest).max()) <= tol:
            amounts = amounts.copy()
            amounts[~fixed] = 0.0
            amounts[active] = np.clip(n_s, self._lower[active], self._upper[active])
        if fixed.any():
            return amounts, dual
        if active.size == self.m and rank == self.m:
            mu = np.linalg.solve(a_s.T, self.costs[active])
            # keep it only if it is the LP's dual up to noise (a degenerate basis has several)
            if float(np.abs(mu - dual).max()) <= 1e-7 * max(1.0, float(np.abs(dual).max())):
                dual = mu
        return amounts, dual


class LazyLP:
    """A :class:`PhaseLP` (no polishing) built when first asked: a caller that may not need the programme
    at all pays nothing for it."""

    def __init__(self, matrix: np.ndarray, costs: np.ndarray) -> None:
        self._args = (matrix, costs)
        self._lp: PhaseLP | None = None

    @property
    def lp(self) -> PhaseLP:
        if self._lp is None:
            self._lp = PhaseLP(*self._args, polish=False)
        return self._lp

    @property
    def solves(self) -> int:
        return 0 if self._lp is None else self._lp.solves

    def solve(self, b: np.ndarray) -> LPResult:
        return self.lp.solve(b)

    def value(self, b: np.ndarray) -> float | None:
        return self.lp.value(b)

    def set_upper(self, j: int, upper: float) -> None:
        self.lp.set_upper(j, upper)

    def polished(self, res: LPResult, b: np.ndarray) -> LPResult:
        return self.lp.polished(res, b)
