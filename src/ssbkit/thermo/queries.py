"""Typed results of the thermodynamic queries of :class:`ssbkit.thermo.service.Thermo` (hull, decomposition)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ..results import Provenance, Result
from .reaction import Reaction


@dataclass
class EntryMatch:
    """The data set's lowest-energy entry for a composition (if any)."""

    index: int
    entry_id: str
    e_form_eV_per_atom: float
    polymorphs: int


@dataclass(frozen=True)
class PhaseFraction(Result):
    """One phase of an equilibrium assemblage: reduced formula, entry ID and atom fraction."""

    formula: str
    entry_id: str
    atom_fraction: float


@dataclass(frozen=True)
class Polymorph(Result):
    """One entry with a composition: its formation energy and distance above the hull (eV/atom)."""

    entry_id: str
    e_form_eV_per_atom: float
    e_above_hull_eV_per_atom: float


@dataclass(frozen=True)
class ProductAmount(Result):
    """A decomposition product per formula unit of the material: atoms and formula units."""

    formula: str
    entry_id: str
    amount_atoms: float
    amount_formula_units: float


@dataclass(frozen=True)
class HullResult(Result):
    """Where a composition sits relative to the convex hull.

    Attributes:
        formula: reduced formula.
        chemical_system: e.g. ``Li-P-S``.
        in_data: whether the data holds an entry with this composition.
        e_form_eV_per_atom: formation energy of the lowest-energy entry (None if absent).
        hull_energy_eV_per_atom: formation energy of the hull at this composition.
        e_above_hull_eV_per_atom: distance above the hull (None if absent).
        decomposition: equilibrium phases at this composition (atom fractions).
        polymorphs: every entry with this composition, lowest energy first.
        n_stable_phases: stable phases in the chemical system.
        composition_case: ``in the data``, ``modelled by host X`` or ``not in the data: mixture of ...``.
        charge_surplus_e: net charge with common oxidation states per formula unit (0: balanced; None: unknown).
    """

    formula: str
    chemical_system: str
    in_data: bool
    e_form_eV_per_atom: float | None
    hull_energy_eV_per_atom: float
    e_above_hull_eV_per_atom: float | None
    decomposition: tuple[PhaseFraction, ...]
    polymorphs: tuple[Polymorph, ...]
    n_stable_phases: int
    provenance: Provenance
    composition_case: str = ""
    charge_surplus_e: float | None = None

    _computed: ClassVar[tuple[str, ...]] = ("stable",)

    @property
    def composition(self) -> Any:
        """The pymatgen ``Composition`` of the formula."""
        from pymatgen.core import Composition

        return Composition(self.formula)

    @property
    def stable(self) -> bool:
        """On the hull (within 1e-9 eV/atom)."""
        return self.e_above_hull_eV_per_atom is not None and self.e_above_hull_eV_per_atom <= 1e-9


@dataclass(frozen=True)
class DecompositionResult(Result):
    """Equilibrium phases of a composition, closed or open to Li at a voltage.

    Attributes:
        formula: the material (per formula unit as given).
        voltage_V: None for the closed system, else V vs Li/Li+.
        products: the phases per formula unit of material.
        li_exchanged_per_formula_unit: Li taken up (+) or released (-) from the reservoir.
        reaction_energy_eV_per_atom: energy of decomposition per atom of the material
            (grand potential change at fixed mu_Li when open; <= 0).
        reaction: the balanced reaction.
    """

    formula: str
    voltage_V: float | None
    products: tuple[ProductAmount, ...]
    li_exchanged_per_formula_unit: float
    reaction_energy_eV_per_atom: float
    reaction: Reaction
    in_data: bool
    provenance: Provenance
