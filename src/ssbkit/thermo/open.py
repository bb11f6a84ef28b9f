"""Grand potentials with any elements open at fixed chemical potentials (O, C, H, N, Li ...).

With elements ``k`` exchanged with reservoirs at ``mu_k`` (eV/atom, in the frame of the phase
energies), phase ``j`` costs, per atom of *closed* elements,

    phi_j = (g_j - sum_k mu_k x_jk) / (1 - sum_k x_jk)

(pymatgen ``GrandPotentialPhaseDiagram`` with several chempots; Ong et al., Chem. Mater. 20, 1798
(2008)).  Phases made only of open elements (O2, CO2, H2O ...) are the reservoir itself and drop out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..data.entryset import EntrySet
from ..data.protocol import EntrySource
from ..errors import FormulaError
from .hull import ChemicalSystem, Phase
from .wrapped import WrappedSource


class OpenSystem:
    """The hull of a chemical system with ``mu`` fixing its open elements."""

    def __init__(self, system: ChemicalSystem, mu: Mapping[str, float]) -> None:
        self.system = system
        self.mu = {k: float(v) for k, v in mu.items() if k in system.elements}
        self.closed = [e for e in system.elements if e not in self.mu]
        if not self.closed:
            raise FormulaError("every element is open: nothing is left to react")
        rows_open = [system.elements.index(k) for k in self.mu]
        rows_closed = [system.elements.index(k) for k in self.closed]
        x_open = system.matrix[rows_open].sum(axis=0) if rows_open else np.zeros(len(system.stable))
        keep = np.flatnonzero(1.0 - x_open > 1e-12)
        self.cols = keep
        self.f_closed = 1.0 - x_open[keep]
        mu_vec = np.array([self.mu[k] for k in self.mu])
        shift = mu_vec @ system.matrix[np.ix_(rows_open, keep)] if rows_open else np.zeros(keep.size)
        self.costs = (system.energies[keep] - shift) / self.f_closed
        self.matrix = system.matrix[np.ix_(rows_closed, keep)] / self.f_closed

    def vector(self, composition: Mapping[str, float]) -> np.ndarray:
        """Closed-element amounts of ``composition`` (open elements dropped)."""
        v = np.zeros(len(self.closed))
        for sym, amt in composition.items():
            if sym in self.mu:
                continue
            if sym not in self.closed:
                raise FormulaError(f"{sym} is not in the chemical system {'-'.join(self.system.elements)}")
            v[self.closed.index(sym)] += float(amt)
        return v

    def grand(self, g_total: float, composition: Mapping[str, float]) -> float:
        """Grand potential per closed atom of a fixed composition with total energy ``g_total`` (eV)."""
        n_closed = sum(a for e, a in composition.items() if e not in self.mu)
        return (g_total - sum(self.mu.get(e, 0.0) * a for e, a in composition.items())) / n_closed

    def phases(self, amounts_closed: np.ndarray) -> list[Phase]:
        """Phases of a solution; amounts are total atoms (open elements included)."""
        full = np.zeros(len(self.system.stable))
        full[self.cols] = amounts_closed / self.f_closed
        return self.system.phases(full)

    def open_uptake(self, amounts_closed: np.ndarray) -> dict[str, float]:
        """Atoms of each open element in the solution's phases (per the solution's closed atoms)."""
        full = np.zeros(len(self.system.stable))
        full[self.cols] = amounts_closed / self.f_closed
        return {k: float(self.system.matrix[self.system.elements.index(k)] @ full) for k in self.mu}


class OpenSource(WrappedSource):
    """A data source with elements held open at fixed chemical potentials (a gas atmosphere).

    Each entry becomes its grand potential per atom of the remaining elements,
    ``(g N - sum_k mu_k n_k) / N_closed``, with the open elements dropped from its composition (and
    entries made only of them removed); the phase keeps its name and whole-phase amounts
    (:attr:`~ssbkit.data.entryset.EntrySet.closed_fraction`).  A :class:`~ssbkit.thermo.service.Thermo`
    on it answers hulls, windows (Li open as well), decompositions and reactions in the atmosphere.
    """

    def __init__(self, base: EntrySource, mu: Mapping[str, float], label: str = "") -> None:
        super().__init__(base)
        self.mu = {k: float(v) for k, v in mu.items()}
        self._label = label
        self._sets: dict[tuple[int, tuple[str, ...]], EntrySet] = {}

    @property
    def open_potentials(self) -> Mapping[str, float]:
        return self.mu

    @property
    def label(self) -> str:
        return self._label

    def entries_for(self, elements: list[str] | set[str]) -> EntrySet:
        closed = sorted(set(elements) - set(self.mu))
        full = sorted(set(closed) | set(self.mu))
        es = self.base.entries_for(full)
        key = (id(es), tuple(full))
        got = self._sets.get(key)
        if got is not None:
            return got
        idx = es.indices_in(full)
        from ..data.volumes import comp_key

        formulas, energies, ids, comps, frac, full = [], [], [], [], [], []
        for i in idx:
            comp = es.composition(int(i))
            keep = {k: v for k, v in comp.items() if k not in self.mu}
            if not keep:
                continue
            n, nc = sum(comp.values()), sum(keep.values())
            g = float(es.e_form_per_atom[i]) * n - sum(self.mu[k] * v for k, v in comp.items() if k in self.mu)
            formulas.append(es.formulas[int(i)])
            energies.append(g / nc)
            ids.append(es.entry_ids[int(i)])
            comps.append(keep)
            frac.append(nc / n)
            full.append(comp_key(comp))
        sub = EntrySet.from_records(formulas, energies, ids, compositions=comps, zero_references=True)
        sub.closed_fraction = np.asarray(frac)
        sub.full_keys = full  # whole compositions, to tell phases apart
        self._sets[key] = sub
        return sub

    def provenance(self) -> dict[str, Any]:
        out = dict(self.base.provenance())
        out["open_chemical_potentials_eV"] = dict(self.mu)
        if self.label:
            out["atmosphere"] = self.label
        return out
