"""Thermodynamics from first-principles energies: hulls, decompositions, Li-open
grand potentials, electrochemical windows (seed 1, 000_b696854b0b79fc77.txt, §3.1)."""

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
