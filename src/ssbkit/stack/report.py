"""Typed results of a stack assessment: per layer, per interface, the anode physics and the whole cell."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from ..interfaces.anode import AnodeInterface
from ..interfaces.apparent import ApparentWindow
from ..interfaces.electronic import Character
from ..interfaces.reactions import InterfaceReaction
from ..literature.joins import CcdPoint, ConductivityRef, ReportedFact, ShearModulus
from ..physics.ccd_microstructure import MicrostructureCcd
from ..physics.contact import ConstrictionResult
from ..physics.dendrites import MonroeResult
from ..physics.impedance import ImpedanceResult
from ..physics.voids import VoidResult
from ..results import InterphaseType, Provenance, Result, Verdict
from ..thermo.dopant import DopantReduction
from ..thermo.reaction import Reaction
from ..thermo.window import StabilityWindow
from .budget import AsrBudget, Law
from .conditions import Conditions
from .interphase_volume import InterphaseVolume
from .parse import CellType, Role, Stack
from .process import ProcessStep, SurfaceStep, ThermalStep
from .verdicts import Thresholds


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
    apparent: ApparentWindow | None = None


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
    """Critical current density (mA/cm2) at the cell temperature from the reported values.

    ``points``: every record used; ``spread_factor``: the records' multiplicative scatter about the
    estimate (exp of the rms ln residual of the Arrhenius fit, or max/min at one temperature);
    ``lower_bounds``: records reported as bounds, not fitted.
    """

    ccd_mA_per_cm2: float
    method: str
    points: tuple[CcdPoint, ...]
    activation_energy_eV: float | None = None
    spread_factor: float | None = None
    lower_bounds: tuple[CcdPoint, ...] = ()
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
    #: the CCD from the electrolyte's microstructure and this interface's own resistance
    #: (:mod:`ssbkit.physics.ccd_microstructure`), beside the family's reported CCDs in ``ccd``
    ccd_microstructure: MicrostructureCcd | None = None


@dataclass(frozen=True)
class ThermoAxis(Result):
    """Thermodynamic axis: the driving force over the potentials the interface sees, and the products.

    ``reactant_energies`` states which energies the reactants were given: ``hull`` (their
    energy on the convex hull, so a metastable reactant's own decomposition is not counted
    as interface reaction) - the choice of ``assess``.
    """

    driving_force_eV_per_atom: float | None
    chemical_eV_per_atom: float | None
    electrochemical_eV_per_atom: float | None
    at_voltage_V: float | None
    products: tuple[str, ...]
    reactant_energies: Literal["hull", "own entry"] = "hull"


@dataclass(frozen=True)
class KineticAxis(Result):
    """Kinetic axis: does the interphase passivate?"""

    electron_source: bool
    conducting_products: tuple[str, ...]
    unknown_products: tuple[str, ...]
    unstable_products: tuple[str, ...]
    passivates: bool | None
    growth_law: Law
    note: str


@dataclass(frozen=True)
class EvidenceAxis(Result):
    """Evidence axis: what the reviews and their references report for the pair."""

    facts: tuple[ReportedFact, ...]
    reported_working: bool
    summary: str


@dataclass(frozen=True)
class InterfaceReport(Result):
    """One interface: chemical and electrochemical reaction, interphase, literature, physics, verdict."""

    left: str
    right: str
    side: Literal["positive", "negative", "none"]
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
    thermodynamic: ThermoAxis | None = None
    kinetic: KineticAxis | None = None
    evidence: EvidenceAxis | None = None
    asr_end_ohm_cm2: float | None = None
    #: the reaction's volume change and the thickness at which its interphase delaminates
    interphase_volume: InterphaseVolume | None = None
    #: what the electron source does to the dopant of a host-modelled layer (Nb-LLZO: reduced in the lattice)
    dopant_reduction: DopantReduction | None = None

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
    cell_type: CellType = "full"
    carbon: bool = False
    thresholds: Thresholds = Thresholds()
    asr_budget: AsrBudget | None = None
    process: tuple[ProcessStep, ...] = ()
    thermal_steps: tuple[ThermalStep, ...] = ()
    surface_steps: tuple[SurfaceStep, ...] = ()
    #: the impedance spectrum of the budget at t = 0 (series R || C elements, :mod:`ssbkit.stack.impedance`)
    impedance: ImpedanceResult | None = None
