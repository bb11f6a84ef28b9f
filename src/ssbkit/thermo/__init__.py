"""Thermodynamics from first-principles energies: hulls, decompositions, Li-open
grand potentials, electrochemical windows (Zheng et al., Batteries & Supercaps 2021, §3.1)."""

from .hull import ChemicalSystem, GrandSystem, HullEngine, Phase
from .service import DecompositionResult, HullResult, Thermo
from .window import ProfileStep, StabilityWindow, stability_window

__all__ = [
    "ChemicalSystem",
    "DecompositionResult",
    "GrandSystem",
    "HullEngine",
    "HullResult",
    "Phase",
    "ProfileStep",
    "StabilityWindow",
    "Thermo",
    "stability_window",
]
