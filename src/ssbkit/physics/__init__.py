"""Interface physics of all-solid-state Li batteries as small, documented models.

One mechanism per function; SI units inside, units in every parameter name; each
result is a small dataclass whose ``to_dict()`` names units in its keys and carries
the model name, equation, citation (seed file, equation and reference numbers),
the inputs used and any warnings.  See ``docs/physics.md``.

Modules: :mod:`.contact` (constriction resistance, seed 2 Eq. 1), :mod:`.wetting`
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
    "PhysicsResult",
    "ConstrictionResult", "constriction_resistance", "asr_vs_pressure",
    "WettingResult", "contact_angle", "work_of_adhesion",
    "VoidResult", "void_limit", "li_self_diffusivity",
    "MonroeResult", "NucleationResult", "GrowthDrivingForceResult", "CCDFit", "monroe_newman",
    "raj_wolfenstine_nucleation", "current_focusing", "dendrite_growth_driving_force", "ccd_arrhenius",
    "GrowthResult", "interphase_growth", "growth_law_for",
    "ArrheniusFit", "ArrheniusResult", "BrickLayerResult", "fit_arrhenius", "arrhenius_conductivity",
    "brick_layer_conductivity",
    "CompositeResult", "PercolationOptimum", "composite_cathode", "composite_cathode_optimum", "gem_conductivity",
    "StrainResult", "volume_change_stress",
]
