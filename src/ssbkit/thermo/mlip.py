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
        neighbours: the data's hull phases at the new phase's composition, when all have structures: the energy is
            then their mixture's formation energy plus the potential's energy of the reaction from them (the
            potential's errors largely cancel between similar compounds); empty: the element fit alone.
        element_fit_eV_per_atom: the formation energy by the element fit alone.
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
    neighbours: tuple[str, ...] = ()
    element_fit_eV_per_atom: float | None = None

    @property
    def entry_id(self) -> str:
        """The ID the phase has among the data's entries."""
        return f"{self.model}:{self.formula}"

    @property
    def note(self) -> str:
        mae = "n/a" if self.fit_mae_eV_per_atom is None else f"{1000 * self.fit_mae_eV_per_atom:.0f} meV/atom"
        anchor = (f", anchored on {self.anchored_on} ({1000 * self.anchor_shift_eV_per_atom:+.1f} meV/atom)"
                  if self.anchored_on else "")
        fit = self.element_fit_eV_per_atom
        how = (f"relative to its hull neighbours {' + '.join(self.neighbours)}"
               + (f" (the element fit over {len(self.references)} phases differs by "
                  f"{1000 * (fit - self.e_form_eV_per_atom + self.anchor_shift_eV_per_atom):+.0f} meV/atom)"
                  if fit is not None else "") if self.neighbours else
               f"corrected against {len(self.references)} known phases of its system (leave-one-out error {mae})")
        return (f"{self.formula}: energy from {self.model} ({'relaxed' if self.relaxed else 'as given'}), "
                f"{how}{anchor}")


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


def _spans(refs: list[Any], els: list[str]) -> bool:
    if len(refs) < len(els):
        return False
    x = np.array([[c[4].get(e, 0.0) for e in els] for c in refs])
    return int(np.linalg.matrix_rank(x)) == len(els)


def choose_references(cands: list[Any], els: list[str], max_references: int = MAX_REFERENCES) -> list[Any]:
    """The reference phases for the correction: compounds first (most elements shared with the new phase, then the
    smallest cells), elements only when the compounds alone do not determine every ``mu_i``.

    Elemental phases are poor references: the data's fitted corrections (oxide, sulfide, gas references, U
    values) make a compound's formation energy refer to an effective element energy that differs from the
    element's own computed phase, so mixing both biases the fit (``cands``: (atoms, formula, structure, dH,
    composition) tuples).
    """
    compounds = sorted((c for c in cands if len(c[4]) > 1), key=lambda c: (-len(c[4]), c[0], c[1]))
    elements = sorted((c for c in cands if len(c[4]) == 1), key=lambda c: (c[0], c[1]))
    refs = compounds[:max_references]
    for c in elements:
        if _spans(refs, els):
            break
        refs.append(c)
    return refs


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
    refs = choose_references(cands, els, max_references)
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
    dh_fit = ev.energy_eV_per_atom - sum(comp[e] / tot * mu[i] for i, e in enumerate(els))
    dh_new, neighbours = float(dh_fit), ()
    reaction = _reaction_energy(sysm, comp, table, pot, relax)
    if reaction is not None:
        neighbours, dh_mix, e_mix = reaction
        dh_new = dh_mix + ev.energy_eV_per_atom - e_mix
    return PredictedPhase(formula=own, e_form_eV_per_atom=float(dh_new), model=ev.model, relaxed=relax,
                          references=tuple(c[1] for c in refs),
                          fit_mae_eV_per_atom=float(np.mean(errs)) if errs else None,
                          element_energies_eV={e: float(mu[i]) for i, e in enumerate(els)},
                          neighbours=neighbours, element_fit_eV_per_atom=float(dh_fit))


def _reaction_energy(sysm: Any, comp: dict[str, float], table: Any, pot: Any,
                     relax: bool) -> tuple[tuple[str, ...], float, float] | None:
    """The hull phases at ``comp`` (its decomposition in the data), their mixture's formation energy and the
    potential's energy of that mixture (eV/atom), or None when a neighbour has no structure or is an element."""
    from .hull import reduced_formula

    tot = sum(comp.values())
    res = sysm.solve(sysm.vector(comp))
    phases = sysm.phases(res.amounts / tot)
    if not phases:
        return None
    names, e_mix = [], 0.0
    for p in phases:
        f = reduced_formula(p.formula)
        s = table.get(f)
        if s is None or len(s.composition) < 2:
            return None  # an element's computed phase is not on the data's scale (fitted references)
        e_mix += p.amount * pot.evaluate(s, relax=relax).energy_eV_per_atom
        names.append(f)
    return tuple(names), float(res.value / tot), float(e_mix)
