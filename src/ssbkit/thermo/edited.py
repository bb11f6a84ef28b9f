"""A data source edited for one question: phases added, compositions left out, anion corrections removed.

Phases added are placed at a stated formation energy (a structure through the machine-learned potential,
:mod:`ssbkit.thermo.mlip`; a metastable phase lowered onto the hull).  Corrections removed follow
:mod:`ssbkit.data.corrections`: every compound's formation energy per atom rises by
``-sum_X c_X n_X / N`` for the anions ``X`` named (``c_X`` < 0 eV per anion atom of the scheme the data
holds), the elements stay at 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .mlip import PlacedPhase, PredictedPhase
from .wrapped import WrappedSource


class AugmentedSource(WrappedSource):
    """A data source with phases added (predicted from structures) and/or compositions left out."""

    def __init__(self, base: Any, added: Sequence[PredictedPhase | PlacedPhase] = (),
                 excluded: Sequence[str] = (), uncorrect: Sequence[str] = (), scheme: str = "legacy",
                 scheme_assumed: bool = False) -> None:
        from ..data.volumes import comp_key
        from ..materials import formula_amounts

        if isinstance(base, AugmentedSource):  # one layer: the phases added and left out accumulate
            added, excluded = [*base.added, *added], [*base.excluded, *excluded]
            if base.uncorrect:
                uncorrect = tuple(dict.fromkeys([*base.uncorrect, *uncorrect]))
                scheme, scheme_assumed = base.scheme, base.scheme_assumed
            base = base.base
        super().__init__(base)
        self._added_phases = list(added)
        self._added = [(formula_amounts(p.formula), p) for p in added]
        from ..data.suspect import OXOHALOGEN, SUSPECT_CLASSES

        #: the Cl/Br oxo compounds left out by their rule (:func:`ssbkit.data.suspect.oxohalogen`), not by formula
        self._oxohalogen = OXOHALOGEN in excluded
        self._excluded_comps = [formula_amounts(f) for f in excluded
                                if f not in SUSPECT_CLASSES]
        self._excluded = {comp_key(c) for c in self._excluded_comps}
        self._whole_set: Any = None
        self._excluded_names = tuple(excluded)
        self._uncorrect = tuple(uncorrect)
        self._scheme = scheme
        #: whether the scheme was assumed (the data did not say which it holds)
        self._scheme_assumed = scheme_assumed
        self._sets: dict[tuple[int, tuple[str, ...]], Any] = {}

    @property
    def added(self) -> list[PredictedPhase | PlacedPhase]:
        return self._added_phases

    @property
    def excluded(self) -> tuple[str, ...]:
        return self._excluded_names

    @property
    def uncorrect(self) -> tuple[str, ...]:
        return self._uncorrect

    @property
    def scheme(self) -> str | None:
        return self._scheme if self._uncorrect else self.base.scheme

    @property
    def scheme_assumed(self) -> bool:
        return self._scheme_assumed

    def entries_for(self, elements: Any) -> Any:
        from ..data.corrections import correction_eV
        from ..data.entryset import EntrySet
        from ..data.suspect import oxohalogen
        from ..data.volumes import comp_key

        whole = self._whole()
        if whole is not None:
            return whole
        els = tuple(sorted(set(elements)))
        es = self.base.entries_for(list(els))
        key = (id(es), els)
        got = self._sets.get(key)
        if got is not None:
            return got
        formulas, energies, ids, comps = [], [], [], []
        for i in es.indices_in(list(els)):
            c = es.composition(int(i))
            if (self._excluded and comp_key(c) in self._excluded) or (self._oxohalogen and oxohalogen(c)):
                continue
            formulas.append(es.formulas[int(i)])
            e = float(es.e_form_per_atom[i])
            if self.uncorrect:
                e -= correction_eV(c, self.uncorrect, self.scheme) / sum(c.values())
            energies.append(e)
            ids.append(es.entry_ids[int(i)])
            comps.append(c)
        for c, p in self._added:
            if set(c) <= set(els):
                formulas.append(p.formula)
                energies.append(p.e_form_eV_per_atom)
                ids.append(p.entry_id)
                comps.append(c)
        got = self._sets[key] = EntrySet.from_records(formulas, energies, ids, compositions=comps,
                                                      zero_references=True)
        return got

    def _whole(self) -> Any:
        """With compositions left out only, over a base that serves one whole entry set (a file, the embedded
        data): that set without them, built once, so that one hull engine and its caches serve every system.
        None otherwise (phases added, corrections removed, the API: a set per system, as before)."""
        if self._added or self._uncorrect or getattr(self.base, "_entries", None) is None:
            return None
        if self._whole_set is None:
            from ..data.volumes import comp_key

            es = self.base._entries
            drop = [int(i) for c in self._excluded_comps for i in es.indices_exact("-".join(sorted(c)))
                    if comp_key(es.composition(int(i))) in self._excluded]
            if self._oxohalogen:  # the rule over every entry at once (its compositions in CSR form)
                from ..data.suspect import oxohalogen_mask

                drop += oxohalogen_mask(es.elements, es.comp_ptr, es.comp_el, es.comp_amt).nonzero()[0].tolist()
            self._whole_set = es.without(sorted(set(drop)))
        return self._whole_set

    def provenance(self) -> Mapping[str, Any]:
        out = dict(self.base.provenance())
        if self.added:
            out["predicted_phases"] = [p.note for p in self.added]
        if self.excluded:
            out["excluded_phases"] = list(self.excluded)
        if self.uncorrect:
            out["corrections_removed"] = f"{self.scheme}: {', '.join(self.uncorrect)}"
        return out
