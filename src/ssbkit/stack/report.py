"""Typed results of a stack assessment: per layer, per interface, the anode physics and the whole cell."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from ..interfaces.anode import AnodeInterface
from ..interfaces.electronic import Character
from ..interfaces.reactions import InterfaceReaction
from ..literature.joins import CcdPoint, ConductivityRef, ReportedFact, ShearModulus
from ..physics.contact import ConstrictionResult
from ..physics.dendrites import MonroeResult
from ..physics.voids import VoidResult
from ..results import InterphaseType, Provenance, Result, Verdict
from ..thermo.reaction import Reaction
from ..thermo.window import StabilityWindow
from .conditions import Conditions
from .parse import Role, Stack


@dataclass(frozen=True)
class LayerReport(Result):
    """One layer: the potentials it sees, its window, decomposition, electronic character, conductivity."""

    role: Role
    name: str
    formula: str
    potentials_seen_V: tuple[float, float] | None
    exposure: str
    window: StabilityWindow | None
    covered: bool | None
    decomposition_eV_per_atom: float | None
    electronic: Character | None
    conductivity: ConductivityRef | None
    verdict: Verdict
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class ScanPoint(Result):
    """The most exergonic Li-open reaction at one voltage."""

    voltage_V: float
    reaction_energy_eV_per_atom: float
    mixing_ratio: float
    products: tuple[str, ...]


@dataclass(frozen=True)
class WorstReaction(Result):
    """The most exergonic Li-open reaction over the potentials an interface sees."""

    reaction_energy_eV_per_atom: float
    at_voltage_V: float
    mixing_ratio: float
    products: tuple[str, ...]
    reaction: Reaction
    voltage_range_V: tuple[float, float]


@dataclass(frozen=True)
class CcdEstimate(Result):
    """Critical current density at the cell temperature from the reported values."""

    ccd_mA_per_cm2: float
    method: str
    points: tuple[CcdPoint, ...]
    activation_energy_eV: float | None = None
    warnings: tuple[str, ...] = ()
    current_to_ccd_ratio: float | None = None
    dendrite_risk: Literal["low", "moderate", "high"] | None = None


@dataclass(frozen=True)
class AnodePhysics(Result):
    """Voids, dendrites, contact and growth at a Li-metal anode (Wang et al., Adv. Energy Mater. 2020, §2)."""

    voids: VoidResult | None = None
    ccd: CcdEstimate | None = None
    monroe_newman: MonroeResult | None = None
    shear_modulus: ShearModulus | None = None
    contact: ConstrictionResult | None = None
    contact_conductivity: ConductivityRef | None = None
    growth_law: str | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class InterfaceReport(Result):
    """One interface: chemical and electrochemical reaction, interphase, literature, physics, verdict."""

    left: str
    right: str
    side: Literal["cathode", "anode"]
    potentials_V: tuple[float, float] | None
    chemical: InterfaceReaction | None
    electrochemical: WorstReaction | None
    anode: AnodeInterface | None
    interphase_type: InterphaseType | None
    products: tuple[str, ...]
    product_character: tuple[Character, ...]
    literature: tuple[ReportedFact, ...]
    physics: AnodePhysics | None
    verdict: Verdict
    reasons: tuple[str, ...]
    scan: tuple[ScanPoint, ...] = ()

    _computed: ClassVar[tuple[str, ...]] = ("interface",)

    @property
    def interface(self) -> str:
        """``left | right``."""
        return f"{self.left} | {self.right}"

    @property
    def label(self) -> str:
        return self.interface


@dataclass(frozen=True)
class StackAssessment(Result):
    """The graded assessment of a whole stack."""

    stack: Stack
    conditions: Conditions
    anode_potential_V: float
    anode_potential_note: str
    layers: tuple[LayerReport, ...]
    interfaces: tuple[InterfaceReport, ...]
    verdict: Verdict
    summary: tuple[str, ...]
    not_computed: tuple[str, ...]
    provenance: Provenance
