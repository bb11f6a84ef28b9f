"""New phases from structures: the potential's energy, corrected against known phases, on the user's hull.

A universal potential's energies carry a systematic, element-dependent offset from the DFT data
(different functional corrections, training-set bias).  It is removed the way fitted elemental
reference energies remove a functional's error: the potential evaluates the stable phases of the same
chemical system that have structures (from the configured structures table), and per-element
energies ``mu_i`` are fitted by least squares to

    dH_f,j = E_j^pot - sum_i x_ij mu_i        (eV/atom; x_ij atom fractions)

over those references.  The new phase then gets ``dH_f = E^pot - sum_i x_i mu_i`` and joins the data as
one more entry, so window, hull, react, anode, coatings and assess treat it like any phase, and every
result says where its energy came from.  The fit's own error is measured leave-one-out over the
references and reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import SsbkitError
from ..results import Result

MAX_REFERENCES = 16


@dataclass(frozen=True)
class PredictedPhase(Result):
    """A phase placed on the hull from its structure.

    Attributes:
        formula: reduced formula.
        e_form_eV_per_atom: formation energy per atom on the data's scale.
        model: the potential.
        relaxed: whether the structure was relaxed by the potential first.
        references: the known phases the correction was fitted on.
        fit_mae_eV_per_atom: leave-one-out mean absolute error of the correction over the references.
        element_energies_eV: the fitted per-element energies mu_i.
        anchored_on: a known phase whose remaining error was removed too (a doped phase's host), or None.
        anchor_shift_eV_per_atom: the shift that anchoring applied.
    """

    formula: str
    e_form_eV_per_atom: float
    model: str
    relaxed: bool
    references: tuple[str, ...]
    fit_mae_eV_per_atom: float | None
    element_energies_eV: dict[str, float] = field(default_factory=dict)
    anchored_on: str | None = None
    anchor_shift_eV_per_atom: float = 0.0

    @property
    def entry_id(self) -> str:
        """The ID the phase has among the data's entries."""
        return f"{self.model}:{self.formula}"

    @property
    def note(self) -> str:
        mae = "n/a" if self.fit_mae_eV_per_atom is None else f"{1000 * self.fit_mae_eV_per_atom:.0f} meV/atom"
        anchor = (f", anchored on {self.anchored_on} ({1000 * self.anchor_shift_eV_per_atom:+.1f} meV/atom)"
                  if self.anchored_on else "")
        return (f"{self.formula}: energy from {self.model} ({'relaxed' if self.relaxed else 'as given'}), corrected "
                f"against {len(self.references)} known phases of its system (leave-one-out error {mae}){anchor}")


@dataclass(frozen=True)
class PlacedPhase(Result):
    """A phase added to the data at a stated energy (e.g. a metastable phase lowered onto the hull)."""

    formula: str
    e_form_eV_per_atom: float
    entry_id: str
    note: str


def _fit(rows: list[tuple[dict[str, float], float, float]], els: list[str]) -> tuple[np.ndarray, float]:
    """mu per element from (fractions, E_pot, dH) rows; returns (mu, residual rms)."""
    x = np.array([[r[0].get(e, 0.0) for e in els] for r in rows])
    y = np.array([r[1] - r[2] for r in rows])
    mu, *_ = np.linalg.lstsq(x, y, rcond=None)
    return mu, float(np.sqrt(np.mean((x @ mu - y) ** 2)))


def predict(thermo: Any, structure: Any, structures: Any = None, relax: bool = True,
            exclude_formula: str | None = None, max_references: int = MAX_REFERENCES) -> PredictedPhase:
    """Place ``structure`` (a pymatgen Structure) on the hull of ``thermo``'s data (see the module doc).

    Args:
        structures: a :class:`~ssbkit.data.structures.StructureTable` or path (None: the configured one).
        exclude_formula: a formula not to use as a reference (leave-one-out tests).
    """
    from ..data.potential import Potential
    from ..data.structures import StructureTable, open_structures

    table = structures if isinstance(structures, StructureTable) else open_structures(structures)
    if table is None:
        raise SsbkitError("structures need reference structures of known phases: configure a structures table "
                          "(JSON lines of formula and cif; SSBKIT_STRUCTURES)", param="structures")
    comp = {el.symbol: float(a) for el, a in structure.composition.items()}
    els = sorted(comp)
    sysm = thermo.system(els)
    from .hull import reduced_formula

    own = reduced_formula(structure.composition.reduced_formula)
    cands = []
    for j, i in enumerate(sysm.stable):
        f = reduced_formula(sysm.entries.formulas[int(i)])
        if f in (own, exclude_formula):
            continue
        s = table.get(f)
        if s is not None:
            cands.append((len(s), f, s, float(sysm.energies[j]), sysm.entries.composition(int(i))))
    cands.sort(key=lambda c: (c[0], c[1]))
    refs = cands[:max_references]
    covered = {e for c in refs for e in c[4]}
    if covered != set(els) or len(refs) < len(els):
        raise SsbkitError(f"not enough reference structures for {'-'.join(els)} ({len(refs)} with structures, covering "
                          f"{', '.join(sorted(covered)) or 'nothing'}): add structures of its known phases",
                          param="structures")
    pot = Potential.get()
    rows = []
    for _, f, s, dh, c in refs:
        tot = sum(c.values())
        rows.append(({k: v / tot for k, v in c.items()}, pot.evaluate(s, relax=False).energy_eV_per_atom, dh))
    mu, _ = _fit(rows, els)
    errs = []
    for k in range(len(rows)):
        rest = rows[:k] + rows[k + 1:]
        x = np.array([[r[0].get(e, 0.0) for e in els] for r in rest])
        if len(rest) >= len(els) and np.linalg.matrix_rank(x) == len(els):
            m, _ = _fit(rest, els)
            f0, e0, dh0 = rows[k]
            errs.append(abs(e0 - sum(f0.get(e, 0.0) * m[i] for i, e in enumerate(els)) - dh0))
    ev = pot.evaluate(structure, relax=relax)
    tot = sum(comp.values())
    dh_new = ev.energy_eV_per_atom - sum(comp[e] / tot * mu[i] for i, e in enumerate(els))
    return PredictedPhase(formula=own, e_form_eV_per_atom=float(dh_new), model=ev.model, relaxed=relax,
                          references=tuple(c[1] for c in refs),
                          fit_mae_eV_per_atom=float(np.mean(errs)) if errs else None,
                          element_energies_eV={e: float(mu[i]) for i, e in enumerate(els)})
