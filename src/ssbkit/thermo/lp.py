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

from dataclasses import dataclass

import highspy
import numpy as np
import scipy.sparse as sp

from ..errors import SsbkitError


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


class PhaseLP:
    """A warm-startable hull programme over a fixed set of phases.

    Args:
        matrix: (n_elements, n_phases) composition of one atom of each phase.
        costs: (n_phases,) energy per atom of each phase (eV/atom).
    """

    def __init__(self, matrix: np.ndarray, costs: np.ndarray) -> None:
        self.matrix = np.ascontiguousarray(matrix, dtype=float)
        self.costs = np.asarray(costs, dtype=float).copy()
        m, n = self.matrix.shape
        self.m, self.n = m, n
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.setOptionValue("primal_feasibility_tolerance", 1e-10)
        h.setOptionValue("dual_feasibility_tolerance", 1e-10)
        h.setOptionValue("presolve", "off")
        lp = highspy.HighsLp()
        lp.num_col_ = n
        lp.num_row_ = m
        lp.col_cost_ = self.costs
        lp.col_lower_ = np.zeros(n)
        lp.col_upper_ = np.full(n, highspy.kHighsInf)
        lp.row_lower_ = np.zeros(m)
        lp.row_upper_ = np.zeros(m)
        csc = sp.csc_matrix(self.matrix)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = csc.indptr.astype(np.int32)
        lp.a_matrix_.index_ = csc.indices.astype(np.int32)
        lp.a_matrix_.value_ = csc.data
        h.passModel(lp)
        self._h = h
        self._rows = np.arange(m, dtype=np.int32)
        self._cols = np.arange(n, dtype=np.int32)
        self.solves = 0

    def set_costs(self, costs: np.ndarray) -> None:
        """Replace the phase energies (e.g. grand potentials at a new mu_Li)."""
        self.costs = np.asarray(costs, dtype=float).copy()
        self._h.changeColsCost(self.n, self._cols, self.costs)

    def set_upper(self, j: int, upper: float) -> None:
        """Bound the amount of phase ``j`` (0 excludes it; inf restores it)."""
        self._h.changeColBounds(int(j), 0.0, upper)

    def solve(self, b: np.ndarray) -> LPResult:
        """Hull energy, equilibrium phase amounts and chemical potentials at ``b``."""
        b = np.asarray(b, dtype=float)
        self._h.changeRowsBounds(self.m, self._rows, b, b)
        self._h.run()
        self.solves += 1
        status = self._h.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            # a cold restart resolves rare warm-start stalls
            self._h.clearSolver()
            self._h.run()
            status = self._h.getModelStatus()
            if status != highspy.HighsModelStatus.kOptimal:
                raise SsbkitError(f"hull programme not solved ({self._h.modelStatusToString(status)}): "
                                  "the composition cannot be formed from the phases in the data")
        sol = self._h.getSolution()
        amounts = np.asarray(sol.col_value)
        amounts = np.where(amounts > 0, amounts, 0.0)
        dual = np.asarray(sol.row_dual)
        value = float(self.costs @ amounts)
        return LPResult(value=value, amounts=amounts, dual=dual)
