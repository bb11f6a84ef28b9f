"""Intrinsic electrochemical stability windows (Zheng et al., Batteries & Supercaps 2021, §3.1, Fig. 2a).

The window of a Li-containing material is found from its lithiation /
delithiation profile in the Li-open grand-canonical ensemble (Zhu, He & Mo,
Zheng et al., Batteries & Supercaps 2021 refs. [17], [76]; Richards et al., ref. [16a]).  Along the line
``c + n Li`` (``c`` = the material without Li, ``n`` Li atoms per formula
unit) the hull energy ``f(n)`` (eV per formula unit) is convex and piecewise
linear.  On the piece between kinks ``n_k`` and ``n_k+1`` the Li chemical
potential is the slope ``mu_Li = df/dn`` (eV, relative to Li metal) and the
equilibrium voltage is

    V = -mu_Li / e          (V vs Li/Li+).

The material with ``n0`` Li is reduced (takes up Li) below the voltage of
the piece just above ``n0`` and oxidised (releases Li) above the voltage of
the piece just below ``n0``.  This is the same construction as pymatgen's
``PhaseDiagram.get_element_profile``, against which it is tested.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from ..results import Provenance, Result
from .line import LinePoint, scan_line, slopes, walk_line

LI = "Li"


@dataclass(frozen=True)
class ProfileStep(Result):
    """One assemblage of the Li-uptake profile.

    For voltages between ``voltage_V`` and the previous (higher) step's
    voltage, the material's equilibrium with a Li reservoir holds ``phases``
    after gaining ``li_per_formula_unit`` Li (negative = Li released).  At
    ``voltage_V`` it takes up more Li (the plateau to the next step).
    """

    voltage_V: float
    li_per_formula_unit: float
    phases: tuple[str, ...]
    entry_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class StabilityWindow(Result):
    """Electrochemical stability window of one material.

    Attributes:
        formula: the material's formula as used (per formula unit).
        reduction_limit_V: below this voltage the material takes up Li (is reduced).
        oxidation_limit_V: above this voltage it releases Li (is oxidised);
            None when it contains no Li (no Li-extraction reaction exists).
        reduction_products / oxidation_products: phase equilibria just beyond each limit.
        profile: the whole Li-uptake profile, highest voltage first.
        e_above_hull_eV_per_atom: energy above the hull of the closed system
            (0 for a stable phase; None when the formula is not in the data).
        decomposition_energy_eV_per_atom: {voltage: reaction energy with the
            Li reservoir per atom of material (<= 0)} at 0 V and the top of the range.
    """

    formula: str
    reduced_formula: str
    reduction_limit_V: float
    oxidation_limit_V: float | None
    reduction_products: tuple[str, ...]
    oxidation_products: tuple[str, ...]
    profile: tuple[ProfileStep, ...]
    e_above_hull_eV_per_atom: float | None
    in_data: bool
    entry_id: str | None
    decomposition_energy_eV_per_atom: dict[str, float]
    voltage_range_V: tuple[float, float]
    stable: bool
    provenance: Provenance | None = None
    notes: tuple[str, ...] = ()
    composition_case: str = ""
    charge_surplus_e: float | None = None

    _computed: ClassVar[tuple[str, ...]] = ("width_V",)

    @property
    def width_V(self) -> float | None:
        """Window width in volts (None without an oxidation limit)."""
        if self.oxidation_limit_V is None:
            return None
        return self.oxidation_limit_V - self.reduction_limit_V


def li_line(system, composition: dict[str, float]) -> tuple[list[LinePoint], float]:
    """Kinks of the hull along ``c_nonLi + n Li`` for n from 0 to beyond full lithiation.

    Returns the points (``t`` = Li atoms per formula unit) and ``n0``.
    """
    n0 = float(composition.get(LI, 0.0))
    base = {k: v for k, v in composition.items() if k != LI}
    p0 = system.vector(base)
    d = system.vector({LI: 1.0})
    n_closed = float(p0.sum())
    t_max = max(2.0 * n0, 8.0 * n_closed, 1.0)
    li_col = _li_metal_columns(system)
    # the walk starts in a facet an earlier walk of this system found where one holds p0 (an optimal basis
    # there: line.BasisCache), else from the primal simplex at the elements; a programme of its own (its
    # sequence of solves fixed by the query, no polishing needed) only when neither gives a clean walk
    from .lp import PhaseLP

    bases = getattr(system, "walk_bases", None)
    known = start_basis(system, p0)
    lp = start = None
    for _ in range(12):
        pts = walk_line(system.matrix, system.energies, p0, d, 0.0, t_max, None, basis=known, bases=bases) \
            if known is not None else None
        if pts is None:
            if lp is None:
                lp = PhaseLP(system.matrix, system.energies, polish=False)
                start = lp.solve(p0)
            pts = walk_line(system.matrix, system.energies, p0, d, 0.0, t_max, start, bases=bases) or \
                scan_line(lp.solve, p0, d, 0.0, t_max)
        last = pts[-1].result.amounts
        if li_col.size and last[li_col].sum() > 1e-9:
            return pts, n0
        t_max *= 2.0
    return pts, n0  # pragma: no cover - Li metal always appears eventually


def start_basis(system, p0: np.ndarray) -> np.ndarray | None:
    """An optimal basis of ``system``'s hull programme at ``p0`` found without solving it: a facet an earlier walk
    kept that holds ``p0`` (``system.walk_bases``), else :func:`_first_start`; None when neither gives one."""
    bases = getattr(system, "walk_bases", None)
    known = bases.containing(p0, 1e-10 * max(1.0, float(np.abs(p0).sum()))) if bases is not None else None
    return known if known is not None else _first_start(system, p0)


def _first_start(system, p0: np.ndarray) -> np.ndarray | None:
    """An optimal basis at ``p0`` where no kept facet holds it: the primal simplex from the elements
    (:func:`ssbkit.thermo.vertex.primal_optimum`, no programme; the same start whatever came before).  The walk
    reads its start point from the facet that holds the line just after it, so the digits do not depend on
    which optimal basis at ``p0`` it began in."""
    from .line import Facet, dual_tolerance
    from .vertex import primal_optimum

    A, e = system.matrix, system.energies
    first = primal_optimum(A, e, p0, lambda basis: Facet.of(A, e, basis), dual_tolerance(e))
    return None if first is None else first.basis


def _li_metal_columns(system) -> np.ndarray:
    k = system.elements.index(LI)
    return np.flatnonzero(system.matrix[k] > 1 - 1e-12)


def stability_window(system, composition: dict[str, float], formula: str,
                     voltage_range: tuple[float, float] = (0.0, 5.0),
                     own_energy_per_atom: float | None = None,
                     entry_id: str | None = None) -> StabilityWindow:
    """Electrochemical window and Li-uptake profile of ``composition``.

    Args:
        system: the :class:`~ssbkit.thermo.hull.ChemicalSystem` containing Li and the material's elements.
        composition: element -> amount per formula unit (must contain Li for an oxidation limit).
        formula: label of the formula unit.
        voltage_range: (low, high) V vs Li/Li+ for the decomposition energies.
        own_energy_per_atom: formation energy of the material's own entry
            (eV/atom); None when the formula is not in the data (the hull
            energy is then used and the result says so).
        entry_id: ID of the material's entry.
    """
    pts, n0 = li_line(system, composition)
    sl = slopes(pts)
    ts = np.array([p.t for p in pts])
    li_col = _li_metal_columns(system)
    total_atoms = float(sum(composition.values()))
    # profile: every kink except the final Li-metal end point; least Li (highest voltage) first
    labels = [_labels(system, p, li_col) for p in pts[:-1]]
    profile = [ProfileStep(voltage_V=_clean(-sl[k]), li_per_formula_unit=_clean(pts[k].t - n0),
                           phases=tuple(f for f, _ in labels[k]), entry_ids=tuple(i for _, i in labels[k]))
               for k in range(len(pts) - 1)]
    # locate n0
    tol = 1e-7 * max(1.0, n0)
    at_kink = np.flatnonzero(np.abs(ts - n0) <= tol)
    if at_kink.size:
        k0 = int(at_kink[0])
        v_red = -sl[k0] if k0 < len(sl) else 0.0
        v_ox = -sl[k0 - 1] if k0 > 0 else None
        red_k, ox_k = k0 + 1, (k0 - 1 if k0 > 0 else None)
    else:
        k = int(np.searchsorted(ts, n0)) - 1  # piece (ts[k], ts[k+1]) holds n0
        v_red = v_ox = -sl[k]
        red_k, ox_k = k + 1, k
    if n0 <= 0:
        v_ox = None
        ox_k = None

    def products(k: int | None) -> list[str]:
        if k is None or k >= len(pts) - 1:
            return []
        return list(profile[k].phases)

    # hull energy at the material's composition and its own energy
    hull_total = float(np.interp(n0, ts, [p.value for p in pts]))
    hull_pa = hull_total / total_atoms
    in_data = own_energy_per_atom is not None
    e_own_pa = own_energy_per_atom if in_data else hull_pa
    e_hull = _clean(e_own_pa - hull_pa) if in_data else None
    # decomposition energy with the Li reservoir at V: min_n [f(n) + V (n - n0)] - E_own
    vals = np.array([p.value for p in pts])
    dec = {}
    for v in sorted(set(voltage_range)):
        g = vals + v * (ts - n0)
        dec[f"{v:g}V"] = _clean(min(0.0, (g.min() - e_own_pa * total_atoms) / total_atoms))
    own = (profile[int(at_kink[0])].phases if int(at_kink[0]) < len(profile)
           else products_at(system, pts, at_kink, li_col)) if at_kink.size else ()
    stable = bool(at_kink.size and (e_hull is not None and e_hull <= 1e-9) and len(own) == 1)
    return StabilityWindow(
        formula=formula, reduced_formula=_reduced(composition),
        reduction_limit_V=_clean(v_red), oxidation_limit_V=None if v_ox is None else _clean(v_ox),
        reduction_products=tuple(products(red_k)), oxidation_products=tuple(products(ox_k)),
        profile=tuple(profile), e_above_hull_eV_per_atom=e_hull, in_data=in_data, entry_id=entry_id,
        decomposition_energy_eV_per_atom=dec, voltage_range_V=tuple(voltage_range), stable=stable,
        notes=_window_notes(in_data, e_hull, n0))


def _window_notes(in_data: bool, e_hull: float | None, n0: float) -> tuple[str, ...]:
    """What a window's reader must know: a formula not in the data, a metastable phase, no Li to extract."""
    notes = []
    if not in_data:
        notes.append("formula not in the data: its energy is taken as the hull energy at its composition")
    elif e_hull and e_hull > 1e-9:
        notes.append(f"metastable: {e_hull * 1000:.1f} meV/atom above the hull; it decomposes "
                     "even without Li exchange, so the window is the voltage at which its "
                     "decomposition products exchange no Li")
    if n0 <= 0:
        notes.append("contains no Li: no Li-extraction (oxidation) limit exists in the Li-open ensemble")
    return tuple(notes)


def _labels(system, point: LinePoint, li_col: np.ndarray) -> list[tuple[str, str]]:
    """(formula, entry id) of the phases at a point of the Li line, Li metal left out."""
    amounts = point.result.amounts.copy()
    amounts[li_col] = 0.0
    return system.phase_labels(amounts)


def products_at(system, pts: list[LinePoint], at_kink: np.ndarray, li_col: np.ndarray) -> list[str]:
    """Phases at the material's own composition (when it is a kink)."""
    if not at_kink.size:
        return []
    amounts = pts[int(at_kink[0])].result.amounts.copy()
    amounts[li_col] = 0.0
    return [p.formula for p in system.phases(amounts)]


def _clean(x: float) -> float:
    """Round to 1e-9 (LP noise; the data are good to meV) so repeated queries agree exactly."""
    x = round(float(x), 9)
    return 0.0 if x == 0 else x


def _reduced(composition: dict[str, float]) -> str:
    from .hull import reduced_formula  # memoised by formula text

    return reduced_formula("".join(f"{e}{a:.12g}" for e, a in sorted(composition.items())))
