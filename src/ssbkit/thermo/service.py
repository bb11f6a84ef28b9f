"""High-level thermodynamic queries on a data source: hull, decomposition, window.

:class:`Thermo` is the entry point for the layers below (interfaces, stack,
screening): it resolves material names, picks the entries covering a
chemical system, memoises one :class:`~ssbkit.thermo.hull.HullEngine` per
entry set and stamps every result with provenance.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import lru_cache
from typing import Any

import numpy as np

from .._version import __version__
from ..data.entryset import chemsys_key
from ..data.protocol import EntrySource
from ..data.source import open_source
from ..errors import FormulaError
from ..materials import Material, resolve
from ..results import Provenance
from .composition import charge_note, doped_note, mixture, nearest_phase, typo_note
from .hull import ChemicalSystem, HullEngine, Phase, reduced_formula
from .lookup import lowest_entry
from .queries import (  # noqa: F401 - re-exported: the results' historical home
    DecompositionResult,
    EntryMatch,
    HullResult,
    PhaseFraction,
    Polymorph,
    ProductAmount,
)
from .reaction import Reaction
from .window import LI, StabilityWindow, stability_window

#: how far below the hull a metastable phase is put to take its window (eV/atom): enough to make it a vertex
METASTABLE_MARGIN_EV = 1e-5


def _clip_zero(x: float, tol: float = 1e-9) -> float:
    """``x`` with LP round-off around zero removed (no ``-0.0`` meV/atom above the hull)."""
    return 0.0 if abs(x) < tol else x


def formula_units(phase: Phase) -> tuple[float, str]:
    """Convert a phase's atoms into formula units of its reduced formula."""
    return phase.amount / atoms_per_formula_unit(phase.formula), phase.formula


@lru_cache(maxsize=None)
def atoms_per_formula_unit(formula: str) -> float:
    """Atoms in one formula unit of ``formula`` (parsed once per formula; pymatgen's ``num_atoms``)."""
    from ..formula import parse

    return float(sum(abs(a) for a in parse(formula).values()))


class Thermo:
    """Thermodynamic queries on one data source.

    Args:
        source: an opened :class:`~ssbkit.data.source.DataSource`, or None to
            resolve ``--entries``/``SSBKIT_ENTRIES``/config.
    """

    def __init__(self, source: EntrySource | None = None) -> None:
        self.source: EntrySource = source or open_source()
        self._engines: dict[int, HullEngine] = {}
        #: elements held open at fixed chemical potentials (eV/atom); see :meth:`in_atmosphere`
        self.open_potentials: dict[str, float] = dict(self.source.open_potentials)
        #: find_entry's answers (the entries do not change): composition (and, with elements open, the
        #: material's whole composition) -> match
        self._entry_matches: dict[tuple, EntryMatch | None] = {}

    def in_atmosphere(self, atmosphere: Any, temperature_K: float = 0.0, volumes: Any = None,
                      experimental: bool = False) -> Thermo:
        """This data at ``temperature_K`` with the atmosphere's elements open (O from O2, C from CO2, H from
        H2O ...; :class:`~ssbkit.thermo.atmosphere.Atmosphere`): hulls, windows, decompositions and reactions
        are then grand potentials per atom of the other elements."""
        from .open import OpenSource

        base = self.at_temperature(temperature_K, volumes, experimental) if temperature_K > 0 else self
        mu = atmosphere.chemical_potentials(temperature_K)
        return Thermo(OpenSource(base.source, mu, atmosphere.name))

    # ------------------------------------------------------------ plumbing
    def with_structure(self, structure: Any, structures: Any = None, relax: bool = True,
                       exclude_formula: str | None = None) -> tuple[Thermo, Any]:
        """This data plus a phase the database does not hold, from its structure (a pymatgen ``Structure``):
        its energy from the machine-learned potential, corrected against known phases of its system
        (:func:`ssbkit.thermo.mlip.predict`).  Returns the new Thermo and the
        :class:`~ssbkit.thermo.mlip.PredictedPhase`."""
        from .edited import AugmentedSource
        from .mlip import predict

        phase = predict(self, structure, structures, relax, exclude_formula)
        return Thermo(AugmentedSource(self.source, [phase])), phase

    def excluding(self, formulas: Any) -> Thermo:
        """This data without the entries of these compositions (suspect phases, leave-one-out tests); the same
        exclusion of the same data is built once (its caches are kept)."""
        from .edited import AugmentedSource

        key = tuple(sorted(formulas))
        memo = self.__dict__.setdefault("_excluding", {})
        if key not in memo:
            memo[key] = Thermo(AugmentedSource(self.source, (), list(key)))
        return memo[key]

    def uncorrected(self, elements: Any, scheme: str | None = None) -> Thermo:
        """This data with the anion corrections of ``elements`` (e.g. ``["S"]``) removed; ``scheme``: the
        correction scheme the data holds (``legacy`` or ``mp2020``; :mod:`ssbkit.data.corrections`); None: the
        source's (stated or applied; the API's MP2020), else legacy, and the result says it was assumed."""
        from ..data.corrections import check_scheme, check_uncorrect
        from .edited import AugmentedSource

        known = self.source.scheme
        assumed = scheme is None and known is None
        scheme = check_scheme(scheme or known or "legacy")
        els = check_uncorrect(list(elements), scheme)
        return Thermo(AugmentedSource(self.source, (), (), els, scheme, assumed))

    @classmethod
    def from_entries(cls, entries: Any, label: str | None = None, corrections: str | None = None) -> Thermo:
        """A Thermo on a list of pymatgen entries (``ComputedEntry``, ``ComputedStructureEntry``, ``PDEntry``):
        total energies, with the list's own elemental references (:func:`ssbkit.data.source.from_entries`).
        ``corrections``: None keeps the entries' energies as given; ``legacy``, ``mp2020`` or ``none`` re-corrects
        them with that scheme (pymatgen's compatibility classes; :func:`ssbkit.data.corrections.apply_scheme`)."""
        from ..data.source import from_entries

        if corrections is not None:
            from ..data.corrections import apply_scheme

            entries = apply_scheme(list(entries), corrections)
            label = label or f"{len(entries)} pymatgen entries ({corrections} corrections)"
        return cls(from_entries(entries, label))

    def at_temperature(self, temperature_K: float, volumes: Any = None, experimental: bool = False) -> Thermo:
        """This data at ``temperature_K``: every phase's Gibbs energy of formation G_f(T) from its 0 K
        energy and volume (:mod:`ssbkit.thermo.gibbs`).  ``volumes``: a
        :class:`~ssbkit.data.volumes.VolumeTable`, a path, or None for the configured one.  ``experimental``:
        compounds with a NIST-JANAF crystal table take its G_f(T) instead (the difference is reported)."""
        from ..data.volumes import VolumeTable, open_volumes
        from ..errors import DataSourceError
        from .gibbs import GibbsModel, TemperatureSource

        table = volumes if isinstance(volumes, VolumeTable) else open_volumes(volumes)
        if table is None:
            raise DataSourceError("temperature needs volumes per atom: configure a volumes table (a CSV of "
                                  "reduced_formula, volume_A3_per_atom; SSBKIT_VOLUMES)", param="volumes")
        models = self.__dict__.setdefault("_gibbs_models", {})
        model = models.get((table.path, experimental))
        if model is None:
            model = models[(table.path, experimental)] = GibbsModel(table, experimental)
        out = Thermo(TemperatureSource(self.source, model, temperature_K))
        return out

    @property
    def temperature_notes(self) -> tuple[str, ...]:
        """What a result at temperature must say (model, clamped temperature, estimated volumes)."""
        src = self.source
        notes = tuple(src.gibbs_notes) + tuple(p.note for p in src.added)
        if src.excluded:
            from ..data.suspect import left_out

            notes += ("left out of the data: " + left_out(src.excluded),)
        if src.uncorrect and src.scheme:
            from ..data.corrections import anion_corrections

            table = anion_corrections(src.scheme)
            assumed = " assumed; state it with the corrections option" if src.scheme_assumed else ""
            notes += ("anion corrections removed (" + src.scheme + f" scheme{assumed}): "
                      + ", ".join(f"{el} {table[el]:+.3f} eV/atom" for el in src.uncorrect),)
        if self.open_potentials:
            label = src.label
            notes += (f"open elements{' (' + label + ')' if label else ''}: "
                      + ", ".join(f"mu_{k} = {v:.3f} eV" for k, v in self.open_potentials.items())
                      + "; energies are grand potentials per atom of the other elements, and reactions leave out "
                      "the gas exchanged (ssbkit air / thermal write it)",)
        return notes

    def phase_diagram(self, elements: Any) -> Any:
        """A pymatgen ``PhaseDiagram`` of the data's entries in the chemical system of ``elements`` (element
        symbols, a chemical system ``"Li-P-S"``, or a material whose elements to take): ``PDEntry`` objects with
        formation energies (elements at 0), named by formula, the entry ID as attribute."""
        from pymatgen.analysis.phase_diagram import PDEntry, PhaseDiagram
        from pymatgen.core import Composition

        if isinstance(elements, str) and "-" in elements:
            els = sorted(e.strip() for e in elements.split("-") if e.strip())
        elif isinstance(elements, (list, tuple, set)):
            els = sorted(set(elements))
        else:
            els = sorted(self.comp_dict(self.material(elements)))
        es = self.source.entries_for(els)
        entries = [PDEntry(Composition(es.composition(int(i))),
                           float(es.e_form_per_atom[i]) * sum(es.composition(int(i)).values()),
                           name=es.formulas[int(i)], attribute=es.entry_ids[int(i)]) for i in es.indices_in(els)]
        entries += [PDEntry(Composition(el), 0.0, name=el, attribute="reference") for el in els]
        return PhaseDiagram(entries)

    def engine_for(self, elements: list[str] | set[str]) -> HullEngine:
        """The hull engine whose entry set covers ``elements`` (its hulls cached on disk when the data allow,
        :func:`~ssbkit.thermo.hull_cache.hull_cache_key`)."""
        from .hull_cache import hull_cache_key

        es = self.source.entries_for(elements)
        eng = self._engines.get(id(es))
        if eng is None:
            eng = HullEngine(es, cache_key=hull_cache_key(self.source, es))
            self._engines[id(es)] = eng
        return eng

    def system(self, elements: list[str] | set[str]) -> ChemicalSystem:
        """The chemical system spanned by ``elements`` (memoised)."""
        return self.engine_for(elements).system(elements)

    def full_system(self, elements: list[str] | set[str]) -> ChemicalSystem:
        """The system over every candidate phase (for one-shot queries; see :meth:`HullEngine.full_system`)."""
        return self.engine_for(elements).full_system(elements)

    def provenance(self, method: str, phases: list[str] | None = None, notes: list[str] | tuple[str, ...] = (),
                   **details: Any) -> Provenance:
        """Provenance of a result computed on this source."""
        from ..data.suspect import flagged

        src = self.source.provenance()
        notes = tuple(n for n in notes if n) + tuple(n for n in flagged(list(phases or ())) if n not in notes)
        if getattr(self.source, "excluded", ()):
            from ..data.suspect import left_out

            notes += ("left out of the data: " + left_out(self.source.excluded),)
        return Provenance(method=method, ssbkit_version=__version__, data_source=src.get("data_source"),
                          data_kind=src.get("data_kind"), data_version=src.get("data_version"),
                          phases_used=tuple(phases or ()), notes=notes, details=details)

    @staticmethod
    def material(name: Any) -> Material:
        """A :class:`Material` from a name or formula, or a pymatgen ``Composition``, entry or ``Structure``."""
        return name if isinstance(name, Material) else resolve(name)

    def comp_dict(self, material: Material) -> dict[str, float]:
        """The material's composition; elements held open (an atmosphere) are left out."""
        return {el: float(a) for el, a in material.amounts.items() if el not in self.open_potentials}

    def find_entry(self, comp: Mapping[str, float], material: Material | None = None) -> EntryMatch | None:
        """Lowest-energy entry with the same reduced composition as ``comp``.

        With elements held open, ``comp`` lacks them; ``material`` then picks, among the entries with
        that composition of the other elements, the one that is this material (its whole composition).
        """
        memo = (tuple(sorted((str(k), float(v)) for k, v in comp.items())),
                tuple(sorted(self.open_potentials.items())),
                None if material is None or not self.open_potentials else str(material.composition))
        if memo not in self._entry_matches:
            self._entry_matches[memo] = lowest_entry(self.source.entries_for(sorted(comp)), comp,
                                                     material if self.open_potentials else None,
                                                     bool(self.open_potentials))
        return self._entry_matches[memo]

    # -------------------------------------------------------------- queries
    def window(self, name: str | Material, voltage_range: tuple[float, float] = (0.0, 5.0),
               as_metastable: bool = False) -> StabilityWindow:
        """Electrochemical stability window of a material (Zheng et al., Batteries & Supercaps 2021 §3.1, Fig. 2a).

        ``as_metastable``: a phase above the hull gets the window it has as a (kinetically stabilised) phase:
        its energy is lowered onto the hull (by ``METASTABLE_MARGIN_EV`` more, so it is a vertex) before the
        Li-uptake profile is taken, the convention of Zhu, He & Mo, ACS Appl. Mater. Interfaces 2015.  Without
        it, the window of a metastable phase is that of its equilibrium decomposition products (pymatgen's
        convention), often of zero width.
        """
        w = self._window(name, voltage_range)
        e_hull = w.e_above_hull_eV_per_atom
        if not as_metastable or e_hull is None or e_hull <= 1e-9 or w.entry_id is None:
            return w
        from .edited import AugmentedSource
        from .mlip import PlacedPhase

        mat = self.material(name)
        match = self.find_entry(self.comp_dict(mat), mat)
        assert match is not None  # w.entry_id is set only when the entry exists
        lowered = PlacedPhase(
            formula=reduced_formula(mat.model_formula),
            e_form_eV_per_atom=match.e_form_eV_per_atom - e_hull - METASTABLE_MARGIN_EV,
            entry_id=f"{match.entry_id}@hull",
            note=f"{reduced_formula(mat.model_formula)}: window as a metastable phase, its energy lowered by "
                 f"{1000 * e_hull:.1f} meV/atom onto the hull (Zhu, He & Mo 2015 convention)")
        w2 = Thermo(AugmentedSource(self.source, [lowered]))._window(mat, voltage_range)
        return replace(w2, e_above_hull_eV_per_atom=e_hull, stable=False, entry_id=w.entry_id)

    def _window(self, name: str | Material, voltage_range: tuple[float, float]) -> StabilityWindow:
        mat = self.material(name)
        comp = self.comp_dict(mat)
        els = sorted(set(comp) | {LI})
        system = self.system(els)
        match = self.find_entry(comp, mat)
        w = stability_window(system, comp, mat.model_formula, voltage_range,
                             own_energy_per_atom=match.e_form_eV_per_atom if match else None,
                             entry_id=match.entry_id if match else None)
        phases = sorted({p for s in w.profile for p in s.phases})
        notes = ((mat.labelled_note,) if mat.note else ()) + w.notes
        from ..data.suspect import flagged

        notes = notes + self.temperature_notes + tuple(flagged(phases))
        case, extra = self._case(mat, comp, match, w, voltage_range)
        surplus, charge = charge_note(mat, comp)
        notes = notes + extra + charge
        w = replace(w, composition_case=case, charge_surplus_e=surplus)
        prov = self.provenance("Li-open grand-potential profile (PhaseDiagram.get_element_profile construction)",
                               phases=phases, chemical_system="-".join(system.elements),
                               material=mat.name, model_formula=mat.model_formula)
        return replace(w, notes=notes, provenance=prov)

    def composition_case(self, mat: Material, comp: Mapping[str, float], match: EntryMatch | None) -> str:
        """Which case a material is in: ``in the data``, ``modelled by host X`` or ``not in the data: mixture of
        ...`` (:mod:`ssbkit.thermo.composition`)."""
        if match is not None:
            if mat.formula != mat.model_formula and reduced_formula(mat.formula) != reduced_formula(mat.model_formula):
                return f"modelled by host {mat.model_formula}"
            return "in the data"
        phases = mixture(self.system(sorted(comp)), comp)
        return f"not in the data: mixture of {', '.join(phases) if phases else 'its hull phases'}"

    def _case(self, mat: Material, comp: Mapping[str, float], match: EntryMatch | None, w: StabilityWindow,
              voltage_range: tuple[float, float]) -> tuple[str, tuple[str, ...]]:
        """The composition case of a window, and what to add when the window is a mixture's."""
        case = self.composition_case(mat, comp, match)
        if match is not None:
            return case, doped_note(self, mat, voltage_range) if case.startswith("modelled by host") else ()
        extra: tuple[str, ...] = typo_note(self, mat, comp)
        if w.oxidation_limit_V is not None and abs(w.oxidation_limit_V - w.reduction_limit_V) < 1e-6:
            extra += (f"{mat.model_formula} is not in the data: its zero-width window is that of the mixture of its "
                     "hull phases, not of a single phase",)
            host = nearest_phase(self.system(sorted(comp)), comp)
            if host is not None:
                hw = self.window(host, voltage_range)
                extra += (f"nearest stoichiometric phase {host}: {hw.reduction_limit_V:.3f}-"
                          f"{'none' if hw.oxidation_limit_V is None else f'{hw.oxidation_limit_V:.3f}'} V",)
        return case, extra

    def hull(self, name: str | Material) -> HullResult:
        """Energy above hull and decomposition of a composition."""
        mat = self.material(name)
        comp = self.comp_dict(mat)
        els = sorted(comp)
        system = self.system(els)
        b = system.vector(comp)
        res = system.solve(b)
        n = float(b.sum())
        hull_pa = res.value / n
        phases = system.phases(res.amounts / n)
        es = system.entries
        match = self.find_entry(comp, mat)
        case = self.composition_case(mat, comp, match)
        case_notes = () if match is not None else \
            (f"{mat.model_formula} is {case}: its energy is the hull energy there",) + typo_note(self, mat, comp)
        if mat.note:
            case_notes = (mat.labelled_note,) + case_notes
        surplus, charge = charge_note(mat, comp)
        polys = []
        if match is not None:
            idx = es.indices_exact(chemsys_key(els))
            mat_c = es.composition_matrix(idx, els)
            target = b / n
            hit = idx[np.all(np.abs(mat_c - target[:, None]) < 1e-6, axis=0)]
            for i in sorted(hit, key=lambda i: es.e_form_per_atom[i]):
                polys.append(Polymorph(entry_id=es.entry_ids[i], e_form_eV_per_atom=float(es.e_form_per_atom[i]),
                                       e_above_hull_eV_per_atom=float(es.e_form_per_atom[i] - hull_pa)))
        return HullResult(
            formula=reduced_formula(mat.model_formula), chemical_system="-".join(els), in_data=match is not None,
            e_form_eV_per_atom=match.e_form_eV_per_atom if match else None, hull_energy_eV_per_atom=hull_pa,
            e_above_hull_eV_per_atom=_clip_zero(match.e_form_eV_per_atom - hull_pa) if match else None,
            decomposition=tuple(PhaseFraction(p.formula, p.entry_id, p.amount) for p in phases),
            polymorphs=tuple(polys), n_stable_phases=len(system.stable),
            provenance=self.provenance("convex hull (LP over stable phases)", phases=[p.formula for p in phases],
                                       notes=self.temperature_notes + case_notes + charge, material=mat.name,
                                       model_formula=mat.model_formula),
            composition_case=case, charge_surplus_e=surplus)

    def decompose(self, name: str | Material, voltage: float | None = None) -> DecompositionResult:
        """Equilibrium decomposition, closed (``voltage=None``) or open to Li at ``voltage`` V vs Li/Li+."""
        mat = self.material(name)
        comp = self.comp_dict(mat)
        natoms = float(sum(comp.values()))
        match = self.find_entry(comp, mat)
        if voltage is None:
            els = sorted(comp)
            system = self.system(els)
            b = system.vector(comp)
            res = system.solve(b)
            phases = system.phases(res.amounts)
            e_own = match.e_form_eV_per_atom * natoms if match else res.value
            energy = (res.value - e_own) / natoms
            li = 0.0
        else:
            if voltage < 0:
                raise FormulaError(f"voltage {voltage:g} V is below 0 V vs Li/Li+: Li metal would plate")
            els = sorted(set(comp) | {LI})
            system = self.system(els)
            g = system.grand(LI)
            mu = -float(voltage)
            lp = g.at(mu)
            bc = g.vector(comp)
            if bc.sum() <= 0:
                raise FormulaError(f"{mat.name} is pure Li: nothing to decompose in a Li-open system")
            res = lp.solve(bc)
            phases = g.phases(res.amounts)
            closed = system.entries.closed_fraction  # whole-phase atoms -> atoms of the composition
            li_products = sum(p.amount * (1.0 if closed is None else float(closed[p.index]))
                              * system.matrix[system.elements.index(LI), int(np.flatnonzero(system.stable == p.index)[0])]
                              for p in phases)
            li = float(li_products - comp.get(LI, 0.0))
            e_own = match.e_form_eV_per_atom * natoms if match else None
            if e_own is None:
                # hull energy of the closed system at this composition
                closed = self.system(sorted(comp))
                e_own = closed.solve(closed.vector(comp)).value
            phi_own = e_own - mu * comp.get(LI, 0.0)
            energy = (res.value - phi_own) / natoms
        reactants = [(1.0, mat.model_formula)]
        prods = [formula_units(p) for p in phases]
        if voltage is not None and abs(li) > 1e-9:
            if li > 0:
                reactants.append((li, "Li"))
            else:
                prods.append((-li, "Li"))
        return DecompositionResult(
            formula=mat.model_formula, voltage_V=voltage,
            products=tuple(ProductAmount(p.formula, p.entry_id, p.amount, formula_units(p)[0]) for p in phases),
            li_exchanged_per_formula_unit=li, reaction_energy_eV_per_atom=float(min(0.0, energy)) if abs(energy) > 1e-12 else 0.0,
            reaction=Reaction.from_terms(reactants, prods), in_data=match is not None,
            provenance=self.provenance("closed-system hull" if voltage is None else "Li-open grand potential hull",
                                       phases=[p.formula for p in phases], notes=self.temperature_notes,
                                       material=mat.name,
                                       model_formula=mat.model_formula))
