"""Interface physics of all-solid-state Li batteries as small, documented models.

One mechanism per function; SI units inside, units in every parameter name; each
result is a small dataclass whose ``to_dict()`` names units in its keys and carries
the model name, equation, citation (review, equation and reference numbers),
the inputs used and any warnings.  See ``docs/physics.md``.

Modules: :mod:`.contact` (constriction resistance, Wang et al., Adv. Energy Mater. 2020 Eq. 1), :mod:`.wetting`
(Young-Dupre), :mod:`.voids` (stripping void limit), :mod:`.dendrites` (Monroe-Newman,
Raj-Wolfenstine Eqs. 3-5, CCD vs temperature), :mod:`.growth` (parabolic/linear
interphase growth), :mod:`.transport` (Arrhenius, brick layer), :mod:`.percolation`
(composite cathode), :mod:`.mechanics` (volume-change stress).
"""

from __future__ import annotations

from ._base import PhysicsResult
from .contact import ConstrictionResult, asr_vs_pressure, constriction_resistance
from .dendrites import (
    CCDFit,
    GrowthDrivingForceResult,
    MonroeResult,
    NucleationResult,
    ccd_arrhenius,
    current_focusing,
    dendrite_growth_driving_force,
    monroe_newman,
    raj_wolfenstine_nucleation,
)
from .growth import GrowthResult, growth_law_for, interphase_growth
from .mechanics import StrainResult, volume_change_stress
from .percolation import (
    CompositeResult,
    PercolationOptimum,
    composite_cathode,
    composite_cathode_optimum,
    gem_conductivity,
)
from .transport import (
    ArrheniusFit,
    ArrheniusResult,
    BrickLayerResult,
    arrhenius_conductivity,
    brick_layer_conductivity,
    fit_arrhenius,
)
from .voids import VoidResult, li_self_diffusivity, void_limit
from .wetting import WettingResult, contact_angle, work_of_adhesion

__all__ = [
    "ArrheniusFit",
    "ArrheniusResult",
    "BrickLayerResult",
    "CCDFit",
    "CompositeResult",
    "ConstrictionResult",
    "GrowthDrivingForceResult",
    "GrowthResult",
    "MonroeResult",
    "NucleationResult",
    "PercolationOptimum",
    "PhysicsResult",
    "StrainResult",
    "VoidResult",
    "WettingResult",
    "arrhenius_conductivity",
    "asr_vs_pressure",
    "brick_layer_conductivity",
    "ccd_arrhenius",
    "composite_cathode",
    "composite_cathode_optimum",
    "constriction_resistance",
    "contact_angle",
    "current_focusing",
    "dendrite_growth_driving_force",
    "fit_arrhenius",
    "gem_conductivity",
    "growth_law_for",
    "interphase_growth",
    "li_self_diffusivity",
    "monroe_newman",
    "raj_wolfenstine_nucleation",
    "void_limit",
    "volume_change_stress",
    "work_of_adhesion",
]
