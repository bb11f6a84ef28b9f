"""Convex hulls of chemical systems, built once and reused across queries.

Stability of an entry depends only on entries of its own chemical system and
its subsystems (phases with other elements cannot appear in its
decomposition).  So the set of stable phases is computed once per *exact*
chemical system ("Li-P-S" alone), memoised, and the hull of any larger system
is the union of the stable sets of its subsystems: a query for
Li-P-S-Cl-Ni-Co-Mn-O reuses everything learnt for Li-P-S, Li-Co-O and so on.

Energies are formation energies per atom (eV/atom) relative to the elemental
references of the data set; this is the Materials Project convention
(Zheng et al., Batteries & Supercaps 2021, §3.1, refs. [16a], [17], [76]).
"""

from __future__ import annotations

import atexit
import itertools
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from ..data.entryset import EntrySet, chemsys_key
from ..errors import FormulaError
from ..formula import reduced as reduced_formula
from .line import BasisCache
from .lp import LazyLP, LPResult, PhaseLP
from .parametric import Line, Piece, concave_pieces
from .vertex import VertexTest

STABILITY_TOL_EV = 1e-9  # eV/atom below the others' hull to count as a vertex
#: eV/atom: a simplex value farther than this from the stability decision decides it as it stands (its
#: warm-start noise is ~1e-12); closer, it is polished first (:meth:`PhaseLP.polished`)
DECISION_MARGIN_EV = 1e-6
AMOUNT_TOL = 1e-9


#: engines whose hulls are written to the cache when the process ends (weakly held: a discarded engine is freed)
_ALIVE: weakref.WeakSet[HullEngine] = weakref.WeakSet()


@atexit.register
def _save_all() -> None:
    for eng in list(_ALIVE):
        eng.save()


class HullEngine:
    """Per-data-set cache of stable phases by exact chemical system.

    Args:
        entries: the indexed entry set.
    """

    def __init__(self, entries: EntrySet, cache_key: str | None = None) -> None:
        self.entries = entries
        self._stable_exact: dict[str, np.ndarray] = {}
        self._systems: dict[str, ChemicalSystem] = {}
        self._full: dict[str, ChemicalSystem] = {}
        self._distinct: dict[str, np.ndarray] = {}
        self.lp_solves = 0
        #: the on-disk cache of the stable phases (:mod:`ssbkit.data.cache`, kind ``hulls``): the data's content
        #: key; None: not cached (data edited for one question, the API's per-system sets, G(T))
        self.cache_key = cache_key
        self._saved = 0
        #: the facets an earlier session saved (:mod:`.facet_cache`; read when the first system opens) and how
        #: many this session wrote
        self.saved_facets: dict[str, np.ndarray] | None = None
        self.facets_written = 0
        #: entry index -> reduced formula of the phases named so far (stable ones kept on disk with the hulls)
        self.names: dict[int, str] = {}
        if cache_key is not None:
            self._load()
            _ALIVE.add(self)

    def _load(self) -> None:
        """The stable phases an earlier run found in these data; a file that does not fit them is rebuilt."""
        from ..data.cache import _warn, load

        got = load("hulls", str(self.cache_key))
        if got is None:
            return
        keys, ptr, idx = got.arrays.get("keys"), got.arrays.get("ptr"), got.arrays.get("idx")
        n = len(self.entries)
        if (keys is None or ptr is None or idx is None or got.meta.get("entries") != n or len(ptr) != len(keys) + 1
                or (idx.size and (int(idx.min()) < 0 or int(idx.max()) >= n)) or int(ptr[-1]) != idx.size):
            _warn("the cached convex hulls do not fit the data: rebuilt")
            return
        for k, key in enumerate(keys):
            self._stable_exact[str(key)] = idx[int(ptr[k]):int(ptr[k + 1])].astype(np.int64)
        names = got.arrays.get("names")
        if names is not None and len(names) == idx.size:
            self.names = dict(zip(idx.tolist(), names))
        self._saved = len(keys)

    def save(self) -> None:
        """Write the stable phases and the walks' facets found so far to the cache (when there are new ones;
        atomic)."""
        from . import facet_cache

        facet_cache.save(self)
        if self.cache_key is None or len(self._stable_exact) <= self._saved:
            return
        from ..data.cache import store

        keys = sorted(self._stable_exact)
        parts = [self._stable_exact[k] for k in keys]
        ptr = np.concatenate([[0], np.cumsum([len(p) for p in parts])]).astype(np.int64)
        idx = np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, dtype=np.int64)
        names = [self.name(int(i)) for i in idx]
        try:
            store("hulls", str(self.cache_key), {"keys": keys, "ptr": ptr, "idx": idx, "names": names},
                  {"entries": len(self.entries)})
        except OSError:
            return  # a read-only cache: the hulls are rebuilt next time
        self._saved = len(keys)

    # -------------------------------------------------------------- stability
    def _candidates(self, key: str) -> np.ndarray:
        """Lowest-energy entry of each distinct composition in exact system ``key`` (kept once found)."""
        got = self._distinct.get(key)
        if got is None:
            got = self._distinct[key] = self._lowest_of_each(key)
            got.setflags(write=False)
        return got

    def _lowest_of_each(self, key: str) -> np.ndarray:
        idx = self.entries.indices_exact(key)
        if len(idx) == 0:
            return idx
        els = key.split("-")
        mat = self.entries.composition_matrix(idx, els)
        keys = np.round(mat.T, 8)
        e = self.entries.e_form_per_atom[idx]
        best: dict[bytes, int] = {}
        for j in range(len(idx)):
            k = keys[j].tobytes()
            cur = best.get(k)
            if cur is None or e[j] < e[cur]:
                best[k] = j
        return idx[sorted(best.values())]

    def distinct(self, key: str) -> np.ndarray:
        """Entry indices of the lowest-energy entry of each distinct composition in exact system ``key``."""
        return self._candidates(key)

    def stable_exact(self, key: str) -> np.ndarray:
        """Entry indices of the stable phases whose chemical system is exactly ``key``."""
        got = self._stable_exact.get(key)
        if got is not None:
            return got
        els = key.split("-")
        cand = self._candidates(key)
        if len(els) == 1 or len(cand) == 0:
            if len(cand):
                e = self.entries.e_form_per_atom[cand]
                cand = cand[[int(np.argmin(e))]]
            self._stable_exact[key] = cand
            return cand
        sub = [self.stable_exact("-".join(s)) for r in range(1, len(els))
               for s in itertools.combinations(els, r) if self.entries.indices_exact("-".join(s)).size]
        base = np.concatenate(sub) if sub else np.zeros(0, dtype=np.int64)
        cols = np.concatenate([base, cand])
        mat = self.entries.composition_matrix(cols, els)
        e = self.entries.e_form_per_atom[cols]
        # each candidate against the hull of the lower-order phases and the other candidates: a dual simplex
        # carried from candidate to candidate (.vertex) decides, the programme where it cannot or the value lies
        # near the decision.  The programme's value depends on the warm start only in its last digits: it is
        # recomputed from its active set (polished, reproducible whatever was solved before) near the decision
        lp = LazyLP(mat, e)
        screen = VertexTest(mat, e, lp.solve)
        keep = []
        nb = len(base)
        for j in range(len(cand)):
            col = nb + j
            if e[col] >= 0 - STABILITY_TOL_EV and np.all(mat[:, col] > 0):
                # positive formation energy: above the elemental references
                continue
            stable = screen.decide(col, STABILITY_TOL_EV, DECISION_MARGIN_EV)
            if stable is None:
                lp.set_upper(col, 0.0)
                value = lp.value(mat[:, col])
                if value is None or abs(e[col] - (value - STABILITY_TOL_EV)) <= DECISION_MARGIN_EV:
                    res = lp.solve(mat[:, col])
                    value = lp.polished(res, mat[:, col]).value
                lp.set_upper(col, np.inf)
                stable = e[col] < value - STABILITY_TOL_EV
            if stable:
                keep.append(cand[j])
        self.lp_solves += lp.solves
        out = np.asarray(keep, dtype=np.int64)
        self._stable_exact[key] = out
        return out

    def stable_indices(self, elements: Iterable[str]) -> np.ndarray:
        """Stable phases of the system spanned by ``elements`` (entry indices)."""
        els = sorted(set(elements))
        self.entries.indices_in(els)  # validates elements and references
        parts = [self.stable_exact("-".join(s)) for r in range(1, len(els) + 1)
                 for s in itertools.combinations(els, r) if self.entries.indices_exact("-".join(s)).size]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def candidate_indices(self, elements: Iterable[str]) -> np.ndarray:
        """The lowest-energy entry of every distinct composition of the system (stable or not)."""
        els = sorted(set(elements))
        self.entries.indices_in(els)
        parts = [self._candidates("-".join(s)) for r in range(1, len(els) + 1)
                 for s in itertools.combinations(els, r) if self.entries.indices_exact("-".join(s)).size]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def full_system(self, elements: Iterable[str]) -> ChemicalSystem:
        """The system over every candidate phase, without first sorting out the stable ones.

        One-shot queries (a hull at a new temperature) are cheaper this way: the programme itself
        ignores the phases above the hull, while finding the stable set costs one programme per phase.
        """
        key = chemsys_key(elements)
        sysm = self._full.get(key)
        if sysm is None:
            sysm = ChemicalSystem(self, key.split("-"), columns=self.candidate_indices(key.split("-")))
            self._full[key] = sysm
        return sysm

    def system(self, elements: Iterable[str]) -> ChemicalSystem:
        """The (memoised) :class:`ChemicalSystem` spanned by ``elements``."""
        key = chemsys_key(elements)
        sysm = self._systems.get(key)
        if sysm is None:
            from . import facet_cache

            sysm = ChemicalSystem(self, key.split("-"))
            self._systems[key] = sysm
            facet_cache.on_new_system(self, sysm, key)
        return sysm

    def name(self, i: int) -> str:
        """The reduced formula of entry ``i`` (kept once found; read from the hull cache for stable phases)."""
        got = self.names.get(i)
        if got is None:
            got = self.names[i] = reduced_formula(self.entries.cell_formula(i))
        return got

    def open_systems(self) -> dict[str, ChemicalSystem]:
        """The systems opened so far, by chemical-system key."""
        return dict(self._systems)


@dataclass(frozen=True)
class Phase:
    """A phase in an equilibrium assemblage.

    Attributes:
        index: entry index in the data set.
        entry_id: the source's identifier.
        formula: reduced formula.
        amount: atoms of this phase (in the units of the query).
        e_form_eV_per_atom: formation energy per atom.
    """

    index: int
    entry_id: str
    formula: str
    amount: float
    e_form_eV_per_atom: float

    def to_dict(self) -> dict[str, object]:
        return {"formula": self.formula, "entry_id": self.entry_id, "amount_atoms": self.amount,
                "e_form_eV_per_atom": self.e_form_eV_per_atom}


class ChemicalSystem:
    """The hull of one chemical system, over its stable phases only.

    Attributes:
        elements: element symbols (row order of compositions).
        stable: entry indices of the stable phases (column order).
        matrix: (n_elements, n_stable) composition of one atom of each phase.
        energies: formation energy per atom of each stable phase (eV/atom).
    """

    def __init__(self, engine: HullEngine, elements: list[str], columns: np.ndarray | None = None) -> None:
        self.engine = engine
        self.entries = engine.entries
        self.elements = list(elements)
        self.stable = engine.stable_indices(self.elements) if columns is None else columns
        self.matrix = self.entries.composition_matrix(self.stable, self.elements)
        self.energies = self.entries.e_form_per_atom[self.stable].copy()
        self._pos = {s: i for i, s in enumerate(self.elements)}
        self._grand: dict[str, GrandSystem] = {}
        #: the hull's facets that Li-line walks have found (:class:`~ssbkit.thermo.line.BasisCache`)
        self.walk_bases = BasisCache()
        self._labels: dict[int, tuple[str, str]] = {}

    @cached_property
    def lp(self) -> PhaseLP:
        """The closed-system hull programme."""
        return PhaseLP(self.matrix, self.energies)

    def vector(self, composition: Mapping[str, float]) -> np.ndarray:
        """Amounts of each element of the system (raises if an element is outside it)."""
        v = np.zeros(len(self.elements))
        for sym, amt in composition.items():
            sym = str(sym)
            if sym not in self._pos:
                raise FormulaError(f"{sym} is not in the chemical system {'-'.join(self.elements)}")
            v[self._pos[sym]] += float(amt)
        return v

    def solve(self, b: np.ndarray) -> LPResult:
        """Closed-system hull at element amounts ``b``."""
        res = self.lp.solve(b)
        self.engine.lp_solves += 1
        return res

    def phases(self, amounts: np.ndarray, scale: float = 1.0) -> list[Phase]:
        """Phases with non-zero amounts, largest first."""
        out = []
        for j, amount in self._present(amounts, scale):
            formula, entry_id = self.label(j)
            out.append(Phase(index=int(self.stable[j]), entry_id=entry_id, formula=formula, amount=amount,
                             e_form_eV_per_atom=float(self.energies[j])))
        out.sort(key=lambda p: (-round(p.amount, 9), p.formula))
        return out

    def phase_labels(self, amounts: np.ndarray) -> list[tuple[str, str]]:
        """(reduced formula, entry id) of the phases with non-zero amounts, in the order of :meth:`phases`."""
        found = [(-round(a, 9), self.label(j)) for j, a in self._present(amounts, 1.0)]
        found.sort(key=lambda x: (x[0], x[1][0]))
        return [lab for _, lab in found]

    def label(self, j: int) -> tuple[str, str]:
        """(reduced formula, entry id) of the phase in column ``j`` (kept once found)."""
        lab = self._labels.get(j)
        if lab is None:
            i = int(self.stable[j])
            lab = self._labels[j] = (self.engine.name(i), self.entries.entry_ids[i])
        return lab

    def _present(self, amounts: np.ndarray, scale: float) -> list[tuple[int, float]]:
        """(column, atoms of the whole phase) of every phase with a non-zero amount."""
        nz = np.flatnonzero(amounts > AMOUNT_TOL * max(1.0, float(amounts.sum())))
        closed = self.entries.closed_fraction  # elements held open: back to whole-phase atoms
        vals = amounts[nz] * scale
        if closed is not None:
            vals = vals / closed[self.stable[nz]]
        return list(zip(nz.tolist(), vals.tolist()))

    def hull_energy_per_atom(self, composition: Mapping[str, float]) -> float:
        """Formation energy of the hull at ``composition`` (eV/atom)."""
        b = self.vector(composition)
        return self.solve(b).value / b.sum()

    def grand(self, open_element: str = "Li") -> GrandSystem:
        """The grand-potential system with ``open_element`` exchanged with a reservoir."""
        g = self._grand.get(open_element)
        if g is None:
            g = GrandSystem(self, open_element)
            self._grand[open_element] = g
        return g


class GrandSystem:
    """Grand-potential hull with one element open (Zheng et al., Batteries & Supercaps 2021 §3.1 and §3.3, refs. [17], [109]).

    The grand potential of phase j per atom of *closed* elements is
    ``phi_j = (e_j - mu x_open,j) / (1 - x_open,j)`` with ``e_j`` its formation
    energy per atom and ``mu`` the open element's chemical potential relative
    to its elemental reference (mu_Li = -e V for Li at V volts vs Li/Li+).
    Compositions are normalised over closed elements, as in pymatgen's
    ``GrandPotentialPhaseDiagram``.
    """

    def __init__(self, system: ChemicalSystem, open_element: str) -> None:
        self.system = system
        self.open_element = open_element
        k = system.elements.index(open_element) if open_element in system.elements else None
        self.closed = [s for s in system.elements if s != open_element]
        self._rows = [system.elements.index(s) for s in self.closed]
        x_open = system.matrix[k] if k is not None else np.zeros(len(system.stable))
        keep = np.flatnonzero(1.0 - x_open > 1e-12)
        self.cols = keep  # positions in system.stable
        self.x_open = x_open[keep]
        f = 1.0 - self.x_open
        self.f_closed = f
        self.matrix = system.matrix[np.ix_(self._rows, keep)] / f
        self.e = system.energies[keep]
        self._lp: PhaseLP | None = None
        self._mu: float | None = None
        self._profiles: dict[tuple[object, ...], list[Piece]] = {}

    def costs(self, mu: float) -> np.ndarray:
        """Grand potential per closed-element atom of each phase at ``mu`` (eV)."""
        return (self.e - mu * self.x_open) / self.f_closed

    def at(self, mu: float) -> PhaseLP:
        """The programme with costs set for chemical potential ``mu`` (eV)."""
        if self._lp is None:
            self._lp = PhaseLP(self.matrix, self.costs(mu))
            self._mu = mu
        elif self._mu != mu:
            self._lp.set_costs(self.costs(mu))
            self._mu = mu
        return self._lp

    def voltage_pieces(self, composition: Mapping[str, float], v0: float, v1: float) -> list[Piece]:
        """Exact grand potential of ``composition`` (per closed atom, eV) vs voltage on ``[v0, v1]``.

        Only for Li open (``mu_Li = -e V``).  Each piece's line is ``Phi(V)`` of one assemblage; the
        breakpoints are the Li-profile voltages (pymatgen ``get_element_profile``).  Solved on a fresh
        programme, and memoised, so the answer depends on the composition and range alone.
        """
        key = (tuple(sorted((str(k), float(v)) for k, v in composition.items())), float(v0), float(v1))
        got = self._profiles.get(key)
        if got is None:
            b = self.vector(composition)
            c0, c1 = self.e / self.f_closed, self.x_open / self.f_closed  # costs at mu = -V: c0 + V c1
            lp = PhaseLP(self.matrix, c0 + v0 * c1, polish=False)

            def ev(v: float) -> tuple[Line, np.ndarray]:
                lp.set_costs(c0 + v * c1)
                n = lp.solve(b).amounts
                return Line(float(c0 @ n), float(c1 @ n)), n

            got = concave_pieces(ev, float(v0), float(v1))
            self._profiles[key] = got
        return got

    def vector(self, composition: Mapping[str, float]) -> np.ndarray:
        """Closed-element amounts of ``composition`` (open element dropped)."""
        v = np.zeros(len(self.closed))
        for sym, amt in composition.items():
            sym = str(sym)
            if sym == self.open_element:
                continue
            if sym not in self.closed:
                raise FormulaError(f"{sym} is not in the chemical system {'-'.join(self.system.elements)}")
            v[self.closed.index(sym)] += float(amt)
        return v

    def phases(self, amounts_closed: np.ndarray, scale: float = 1.0) -> list[Phase]:
        """Phases of a grand-potential solution; amounts are total atoms (open element included)."""
        full = np.zeros(len(self.system.stable))
        full[self.cols] = amounts_closed / self.f_closed
        return self.system.phases(full, scale)
