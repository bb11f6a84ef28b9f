"""The most exergonic reaction of two compositions as one linear programme.

The reaction energy of a mixture of ``a`` and ``b`` (amounts per atom of the counted elements) at
ratio ``x`` is ``g(x) = F(b + x (a - b)) - x F_a - (1 - x) F_b``, with ``F`` the hull (or
grand-potential hull) value.  ``g`` is convex and piecewise linear in ``x``, and its minimum is a
linear programme with ``x`` as one more variable::

    min  c . n - x (F_a - F_b) - F_b     s.t.   A n - x (a - b) = b,   n >= 0,   0 <= x <= 1

instead of one programme per kink of ``g`` (Richards et al., Chem. Mater. 28, 266 (2016); pymatgen
``InterfacialReactivity``, which lists every kink).  ``F_a`` and ``F_b`` are the same programme with
``x`` fixed at 1 and 0.

Costs may depend linearly on a parameter ``t`` (``c = c0 + t c1``: grand potentials at a voltage),
so every optimal vertex has an exact line in ``t`` (:mod:`ssbkit.thermo.parametric`).

Ties.  Among optimal mixtures the lowest ``x`` is taken: the programme minimises the energy plus
``TIE_EV * x`` (1e-8 eV per unit ratio) and reports the energy without it.  Each pair owns its
programme, so the answer depends on the pair alone, not on what was solved before, in which
process or on which worker.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .lp import PhaseLP
from .parametric import Line

#: Tie rule: eV per unit mixing ratio added to the objective, so the lowest ratio wins a tie.
TIE_EV = 1e-8


@dataclass(frozen=True)
class Vertex:
    """An optimal mixture: ratio ``x`` of ``a`` and the phase amounts (per unit of counted atoms)."""

    x: float
    amounts: np.ndarray


class MixingLP:
    """A pair's own programme over the phases of its chemical system.

    Args:
        matrix: (n_elements, n_phases) composition of one counted atom of each phase.
        c0, c1: phase costs ``c0 + t c1`` (eV per counted atom; ``c1`` None: independent of ``t``).
        a, b: the two reactants (element amounts per counted atom).
    """

    def __init__(self, matrix: np.ndarray, c0: np.ndarray, c1: np.ndarray | None, a: np.ndarray,
                 b: np.ndarray) -> None:
        self.c0 = np.asarray(c0, dtype=float)
        self.c1 = np.zeros_like(self.c0) if c1 is None else np.asarray(c1, dtype=float)
        self.b = np.asarray(b, dtype=float)
        self.d = np.asarray(a, dtype=float) - self.b
        self.n = self.c0.size
        full = np.hstack([np.asarray(matrix, dtype=float), -self.d[:, None]])
        self.lp = PhaseLP(full, np.append(self.c0, 0.0), polish=False)
        self.lp.set_bounds(self.n, 0.0, 1.0)
        self._fixed: float | None = None

    @property
    def solves(self) -> int:
        return self.lp.solves

    def _phase_line(self, amounts: np.ndarray) -> Line:
        n = amounts[: self.n]
        return Line(float(self.c0 @ n), float(self.c1 @ n))

    def end(self, which: float, t: float = 0.0) -> tuple[Line, Vertex]:
        """The hull of ``b`` (``which`` = 0) or ``a`` (1) at ``t``: the vertex's exact line and the vertex."""
        if self._fixed != which:
            self.lp.set_bounds(self.n, which, which)
            self._fixed = which
        self.lp.set_costs(np.append(self.c0 + t * self.c1, 0.0))
        res = self.lp.solve(self.b)
        return self._phase_line(res.amounts), Vertex(float(which), res.amounts[: self.n].copy())

    def best(self, t: float, fa: Line, fb: Line) -> tuple[Line, Vertex]:
        """The most exergonic mixture at ``t`` with end energies ``fa(t)``, ``fb(t)`` (lines valid at ``t``).

        Returns the vertex's line of the reaction energy ``g`` (tie term included, so that lines of
        different vertices compare as the programme does) and the vertex.
        """
        if self._fixed is not None:
            self.lp.set_bounds(self.n, 0.0, 1.0)
            self._fixed = None
        x_cost = -(fa.at(t) - fb.at(t)) + TIE_EV
        self.lp.set_costs(np.append(self.c0 + t * self.c1, x_cost))
        res = self.lp.solve(self.b)
        x = float(min(1.0, max(0.0, res.amounts[self.n])))
        ph = self._phase_line(res.amounts)
        line = Line(ph.intercept - x * (fa.intercept - fb.intercept) + TIE_EV * x - fb.intercept,
                    ph.slope - x * (fa.slope - fb.slope) - fb.slope)
        return line, Vertex(x, res.amounts[: self.n].copy())


def energy(line: Line, vertex: Vertex, t: float) -> float:
    """Reaction energy of ``vertex`` at ``t`` without the tie term (eV per counted atom)."""
    return line.at(t) - TIE_EV * vertex.x
