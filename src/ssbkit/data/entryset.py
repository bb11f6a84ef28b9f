"""An indexed, array-backed set of thermodynamic entries.

Every entry is a composition plus an energy per atom.  Energies are stored as
*formation* energies per atom (eV/atom), relative to the lowest-energy
elemental entry of each element in the set, so that tables of formation
energies (elemental references at 0) and total-energy entries (pymatgen
``ComputedEntry``) are handled alike.  Entries are indexed by chemical system
("Li-P-S"), so that a query for a 4-7 element system only touches entries of
its subsystems.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import DataSourceError, FormulaError
from .cache import ListLike, PackedStrings
from .chemindex import ChemIndex

_TOKEN = re.compile(r"([A-Z][a-z]?)(\d+\.?\d*|\.\d+)?")


def parse_simple_formula(formula: str) -> dict[str, float]:
    """Fast parser for flat formulas such as ``Li12P4S16`` or ``Li0.5CoO2`` (a data row's formula).

    Falls back to :func:`ssbkit.materials.parse_formula` for brackets and fractions.  Every
    element must be a known symbol with a positive amount of at most
    :data:`ssbkit.materials.MAX_AMOUNT`; exponents, zero and negative amounts are refused.

    Raises:
        FormulaError: with the formula echoed.
    """
    from ..elements import is_symbol
    from ..materials import MAX_AMOUNT, formula_amounts

    if any(c in formula for c in "([/"):
        return formula_amounts(formula)
    out: dict[str, float] = {}
    pos = 0
    for m in _TOKEN.finditer(formula):
        if m.start() != pos:
            break
        pos = m.end()
        sym = m.group(1)
        if sym not in _KNOWN and not is_symbol(sym):
            raise FormulaError(f"unknown element {sym!r} in formula {formula!r}")
        _KNOWN.add(sym)
        amt = float(m.group(2)) if m.group(2) else 1.0
        if not 0 < amt <= MAX_AMOUNT:
            raise FormulaError(f"formula {formula!r} has amount {m.group(2)} of {sym}: amounts must be positive "
                               f"and at most {MAX_AMOUNT:g}")
        out[sym] = out.get(sym, 0.0) + amt
    if pos != len(formula) or not out:
        raise FormulaError(f"cannot parse formula {formula!r}: element symbols with positive amounts expected")
    return out


_KNOWN: set[str] = set()


def chemsys_key(elements: Iterable[str]) -> str:
    """Canonical chemical-system key: sorted symbols joined by '-' (``Li-O-P``)."""
    return "-".join(sorted(set(elements)))


class Taken(ListLike, Sequence[str]):
    """The items of ``base`` at ``index``, read when looked at: a set with a few entries dropped stays as lazy
    as the set it came from (130,000 formulas are not copied to leave out the suspect phases)."""

    def __init__(self, base: Sequence[str], index: np.ndarray) -> None:
        self.base, self.index = base, np.asarray(index, dtype=np.int64)

    def __len__(self) -> int:
        return len(self.index)

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self.base[int(k)] for k in self.index[i]]
        return self.base[int(self.index[i])]


class NumberedIds(ListLike, Sequence[str]):
    """Entry IDs ``STEM:1`` ... ``STEM:n`` (a row's number in its table), made when read."""

    def __init__(self, stem: str, n: int) -> None:
        self.stem, self.n = stem, n

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [f"{self.stem}:{k + 1}" for k in range(*i.indices(self.n))]
        k = int(i) + (self.n if int(i) < 0 else 0)
        if not 0 <= k < self.n:
            raise IndexError(i)
        return f"{self.stem}:{k + 1}"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, NumberedIds):
            return (self.stem, self.n) == (other.stem, other.n)
        return super().__eq__(other)

    __hash__ = None  # type: ignore[assignment]


@dataclass
class EntrySet:
    """Entries as arrays, indexed by chemical system.

    Attributes:
        elements: element symbols; column order of the composition arrays.
        formulas: formula of each entry as given by the source.
        entry_ids: identifier of each entry (source ID or ``<source>:<row>``).
        comp_ptr, comp_el, comp_amt: CSR-style composition storage; entry ``i``
            has elements ``comp_el[comp_ptr[i]:comp_ptr[i+1]]`` (indices into
            ``elements``) with amounts ``comp_amt[...]`` (atoms per cell).
        e_form_per_atom: formation energy per atom, eV/atom, relative to the
            elemental references of this set.
        raw_energy_per_atom: energy per atom as given by the source (eV/atom).
        element_refs: energy per atom of each element's reference (eV/atom)
            in the source's own scale; NaN where the set has no elemental entry.
    """

    elements: list[str]
    formulas: Sequence[str]
    entry_ids: Sequence[str]
    comp_ptr: np.ndarray
    comp_el: np.ndarray
    comp_amt: np.ndarray
    e_form_per_atom: np.ndarray
    raw_energy_per_atom: np.ndarray
    element_refs: np.ndarray
    _index: Any = field(default=None, repr=False)
    _el_pos: dict[str, int] = field(default_factory=dict, repr=False)
    #: with elements held open (grand potentials): the fraction of each entry's atoms left in its
    #: composition, so that amounts convert back to the whole phase (None: nothing open)
    closed_fraction: np.ndarray | None = field(default=None, repr=False)
    #: with elements held open: each entry's whole composition key, to tell phases apart (None: nothing open)
    full_keys: list[Any] | None = field(default=None, repr=False)
    _exact_cm: dict[tuple[str, tuple[str, ...]], np.ndarray] = field(default_factory=dict, init=False, repr=False,
                                                                      compare=False)

    # ------------------------------------------------------------------ build
    @classmethod
    def from_records(cls, formulas: Sequence[str], energies_per_atom: Sequence[float],
                     entry_ids: Sequence[str] | None = None,
                     compositions: Sequence[dict[str, float]] | None = None,
                     zero_references: bool = False) -> EntrySet:
        """Build from parallel sequences (formula, energy per atom in eV/atom, id).

        ``zero_references``: the energies are already relative to the elements (kept as given, every
        element's reference at 0), e.g. grand potentials with some elements open.
        """
        n = len(formulas)
        if n == 0:
            raise DataSourceError("the data source holds no entries")
        comps = compositions if compositions is not None else [parse_simple_formula(f) for f in formulas]
        el_pos: dict[str, int] = {}
        ptr = np.zeros(n + 1, dtype=np.int64)
        els: list[int] = []
        amts: list[float] = []
        for i, comp in enumerate(comps):
            for sym, amt in comp.items():
                if amt <= 0:
                    continue
                if sym not in el_pos:
                    el_pos[sym] = len(el_pos)
                els.append(el_pos[sym])
                amts.append(amt)
            ptr[i + 1] = len(els)
        elements = list(el_pos)
        raw = np.asarray(energies_per_atom, dtype=float)
        if raw.shape != (n,) or not np.all(np.isfinite(raw)):
            bad = int(np.flatnonzero(~np.isfinite(raw))[0]) if raw.shape == (n,) else -1
            raise DataSourceError(f"entry {bad} has a missing or non-numeric energy: fix or remove that row")
        ids = list(entry_ids) if entry_ids is not None else [str(i) for i in range(n)]
        es = cls(elements=elements, formulas=list(formulas), entry_ids=ids, comp_ptr=ptr,
                 comp_el=np.asarray(els, dtype=np.int32), comp_amt=np.asarray(amts, dtype=float),
                 e_form_per_atom=np.zeros(n), raw_energy_per_atom=raw,
                 element_refs=np.full(len(elements), np.nan))
        es._finish(zero_references=zero_references)
        return es

    def _finish(self, chemsys: Sequence[str] | None = None, zero_references: bool = False,
                index: ChemIndex | None = None, formation: tuple[np.ndarray, np.ndarray] | None = None) -> None:
        """Compute elemental references, formation energies and the chemsys index.

        ``chemsys`` (one key per entry, from the cache) skips recomputing keys; ``index`` (the embedded
        data's precomputed :class:`ChemIndex`) skips building it; ``formation`` (formation energies and
        elemental references as computed here before, from the cache) skips computing them.
        """
        n = len(self.formulas)
        self._el_pos = {s: i for i, s in enumerate(self.elements)}
        if formation is not None:
            self.e_form_per_atom, self.element_refs = formation
            self._index_of(chemsys, index)
            return
        nel = np.diff(self.comp_ptr)
        refs = np.full(len(self.elements), np.nan)
        single = np.flatnonzero(nel == 1)
        # the lowest energy of each element's own entries (fmin ignores the NaN start)
        np.fmin.at(refs, self.comp_el[self.comp_ptr[single]], self.raw_energy_per_atom[single])
        if zero_references:
            refs = np.zeros(len(self.elements))
        self.element_refs = refs
        # formation energy per atom = raw - sum_j x_j ref_j (NaN refs -> NaN)
        totals = np.add.reduceat(self.comp_amt, self.comp_ptr[:-1]) if n else np.zeros(0)
        ref_contrib = self.comp_amt * refs[self.comp_el]
        ref_sum = np.add.reduceat(ref_contrib, self.comp_ptr[:-1]) if n else np.zeros(0)
        self.e_form_per_atom = self.raw_energy_per_atom - ref_sum / totals
        self._index_of(chemsys, index)

    def _index_of(self, chemsys: Sequence[str] | None, index: ChemIndex | None) -> None:
        """The chemical-system index: ``index`` as given, else built from ``chemsys`` or the compositions."""
        n = len(self.formulas)
        if index is None:
            if chemsys is None:
                els = self.elements
                chemsys = ["-".join(sorted([els[j] for j in self.comp_el[self.comp_ptr[i]:self.comp_ptr[i + 1]]]))
                           for i in range(n)]
            index = ChemIndex.of(chemsys)
        elif len(index.order) != n:
            raise ValueError("chemical system index length")
        self._index = index

    @property
    def _chemsys(self) -> list[str]:
        """The chemical system key of every entry."""
        return self._index.per_entry(len(self.formulas))

    def without(self, drop: Sequence[int]) -> EntrySet:
        """This set without the entries ``drop``, the energies kept as formation energies relative to this set's
        references (every element's reference at 0, as :meth:`from_records` with ``zero_references``)."""
        keep = np.ones(len(self.formulas), dtype=bool)
        keep[np.asarray(list(drop), dtype=np.int64)] = False
        idx = np.flatnonzero(keep)
        counts = np.diff(self.comp_ptr)
        rows = np.repeat(keep, counts)
        ptr = np.concatenate([[0], np.cumsum(counts[idx])]).astype(np.int64)
        es = EntrySet(elements=list(self.elements), formulas=Taken(self.formulas, idx),
                      entry_ids=Taken(self.entry_ids, idx), comp_ptr=ptr, comp_el=self.comp_el[rows],
                      comp_amt=self.comp_amt[rows], e_form_per_atom=np.zeros(len(idx)),
                      raw_energy_per_atom=np.asarray(self.e_form_per_atom[idx], dtype=float),
                      element_refs=np.zeros(len(self.elements)))
        es._finish(zero_references=True, index=self._index.subset(keep))
        return es

    # ----------------------------------------------------------------- query
    def __len__(self) -> int:
        return len(self.formulas)

    @property
    def chemsys_keys(self) -> list[str]:
        """All chemical systems that hold at least one entry."""
        return list(self._index)

    def has_element(self, symbol: str) -> bool:
        """True when at least one entry contains ``symbol``."""
        return symbol in self._el_pos

    def has_reference(self, symbol: str) -> bool:
        """True when the set holds an elemental entry for ``symbol``."""
        pos = self._el_pos.get(symbol)
        return pos is not None and bool(np.isfinite(self.element_refs[pos]))

    def cell_formula(self, i: int) -> str:
        """A formula of entry ``i`` written from its composition arrays (the cell, in the arrays' element order;
        the source's own text is :attr:`formulas`).  With elements held open the arrays keep only the closed
        part: the source's formula is returned."""
        if self.closed_fraction is not None:
            return self.formulas[i]
        sl = slice(self.comp_ptr[i], self.comp_ptr[i + 1])
        return "".join(f"{self.elements[e]}{a!r}" for e, a in zip(self.comp_el[sl].tolist(), self.comp_amt[sl].tolist()))

    def composition(self, i: int) -> dict[str, float]:
        """Composition of entry ``i`` (symbol -> atoms in the cell)."""
        sl = slice(self.comp_ptr[i], self.comp_ptr[i + 1])
        return {self.elements[e]: float(a) for e, a in zip(self.comp_el[sl], self.comp_amt[sl])}

    def indices_in(self, elements: Iterable[str]) -> np.ndarray:
        """Indices of every entry whose elements are a subset of ``elements``."""
        els = sorted(set(elements))
        for sym in els:
            if sym not in self._el_pos:
                raise FormulaError(f"the data source has no entries containing {sym}: "
                                   "use a data source that covers it", param="entries")
            if not self.has_reference(sym):
                raise FormulaError(f"the data source has no elemental reference entry for {sym}: "
                                   "add the element's ground state to your entries")
        found = []
        for r in range(1, len(els) + 1):
            for sub in itertools.combinations(els, r):
                idx = self._index.get("-".join(sub))
                if idx is not None:
                    found.append(idx)
        return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)

    def indices_exact(self, key: str) -> np.ndarray:
        """Indices of entries whose chemical system is exactly ``key``."""
        return self._index.get(key, np.zeros(0, dtype=np.int64))

    def exact_composition_matrix(self, key: str, elements: Sequence[str]) -> np.ndarray:
        """:meth:`composition_matrix` of the entries of exactly the chemical system ``key`` (memoised, read-only:
        every lookup of a formula in a system needs it)."""
        got = self._exact_cm.get((key, tuple(elements)))
        if got is None:
            got = self._exact_cm[(key, tuple(elements))] = self.composition_matrix(self.indices_exact(key), elements)
            got.setflags(write=False)
        return got

    def composition_matrix(self, idx: np.ndarray, elements: Sequence[str]) -> np.ndarray:
        """Atoms of each element (rows, in ``elements`` order) per atom of each entry (columns).

        Columns are normalised to one atom, so that column ``j`` times
        ``e_form_per_atom[idx[j]]`` is the energy of one atom of entry ``j``.
        """
        idx = np.asarray(idx, dtype=np.int64)
        mat = np.zeros((len(elements), len(idx)))
        if not len(idx):
            return mat
        row_of = np.full(len(self.elements), -1, dtype=np.int64)  # the data's element index -> row
        for k, sym in enumerate(elements):
            if sym in self._el_pos:
                row_of[self._el_pos[sym]] = k
        starts = self.comp_ptr[idx]
        counts = self.comp_ptr[idx + 1] - starts
        col = np.repeat(np.arange(len(idx)), counts)
        first = np.cumsum(counts) - counts  # where each entry's elements start in the flat selection
        flat = starts[col] + (np.arange(int(counts.sum())) - first[col])
        rows = row_of[self.comp_el[flat]]
        if rows.min() < 0:
            missing = self.elements[int(self.comp_el[flat][rows < 0][0])]
            raise KeyError(missing)
        amts = self.comp_amt[flat]
        tot = np.add.reduceat(amts, first)  # each entry's atoms, summed in order
        mat[rows, col] = amts / tot[col]
        return mat

    # ----------------------------------------------------------------- cache
    def to_arrays(self) -> dict[str, Any]:
        """Arrays for the on-disk cache (see :mod:`ssbkit.data.cache`): numeric arrays and string lists."""
        return {
            "elements": list(self.elements), "formulas": list(self.formulas), "entry_ids": list(self.entry_ids),
            "comp_ptr": np.asarray(self.comp_ptr, dtype=np.int64), "comp_el": np.asarray(self.comp_el, dtype=np.int32),
            "comp_amt": np.asarray(self.comp_amt, dtype=float),
            "raw_energy_per_atom": np.asarray(self.raw_energy_per_atom, dtype=float),
            # the chemical-system index as built (read back without sorting 130,000 keys again)
            "chem_keys": self._index.codes(), "chem_order": self._index.order, "chem_bounds": self._index.bounds,
            # computed from the energies above on building; kept so that a later load need not redo it
            "e_form_per_atom": np.asarray(self.e_form_per_atom, dtype=float),
            "element_refs": np.asarray(self.element_refs, dtype=float),
        }

    @classmethod
    def from_arrays(cls, arr: dict[str, Any]) -> EntrySet:
        """Inverse of :meth:`to_arrays`; checks that the arrays are consistent.

        Raises:
            ValueError: arrays of the wrong shape or type, pointers out of range, non-finite values.
        """
        n = len(arr["formulas"])
        ptr = np.asarray(arr["comp_ptr"])
        el = np.asarray(arr["comp_el"])
        amt = np.asarray(arr["comp_amt"])
        raw = np.asarray(arr["raw_energy_per_atom"])
        nel = len(arr["elements"])
        if ptr.dtype.kind != "i" or el.dtype.kind != "i" or amt.dtype.kind != "f" or raw.dtype.kind != "f":
            raise ValueError("array types")
        if len(arr["entry_ids"]) != n or raw.shape != (n,) or ptr.shape != (n + 1,) or \
                ("chem_index" not in arr and "chem_keys" not in arr and len(arr["chemsys"]) != n):
            raise ValueError("array lengths")
        if ptr[0] != 0 or ptr[-1] != len(el) or len(el) != len(amt) or np.any(np.diff(ptr) < 1):
            raise ValueError("composition pointers")
        if len(el) and (el.min() < 0 or el.max() >= nel):
            raise ValueError("element indices")
        if not (np.all(np.isfinite(amt)) and np.all(amt > 0) and np.all(np.isfinite(raw))):
            raise ValueError("non-finite or non-positive values")
        forms = arr["formulas"]
        es = cls(elements=list(arr["elements"]), formulas=forms if isinstance(forms, PackedStrings) else list(forms),
                 entry_ids=ids if isinstance(ids := arr["entry_ids"], (NumberedIds, PackedStrings)) else list(ids), comp_ptr=ptr, comp_el=el.astype(np.int32),
                 comp_amt=amt, e_form_per_atom=np.zeros(n), raw_energy_per_atom=raw,
                 element_refs=np.full(nel, np.nan))
        idx = arr.get("chem_index")
        if idx is None and "chem_keys" in arr:
            keys = arr["chem_keys"]
            keys = ChemIndex.keys_of(keys) if isinstance(keys, np.ndarray) and keys.dtype == np.uint32 else keys
            idx = ChemIndex(keys, arr["chem_order"], arr["chem_bounds"])
        formation = None
        if "e_form_per_atom" in arr and "element_refs" in arr:
            formation = (np.asarray(arr["e_form_per_atom"]), np.asarray(arr["element_refs"]))
            if formation[0].shape != (n,) or formation[1].shape != (nel,) or formation[0].dtype.kind != "f" \
                    or formation[1].dtype.kind != "f":
                raise ValueError("formation energy arrays")
        es._finish(None if idx is not None else list(arr["chemsys"]), index=idx, formation=formation)
        return es
