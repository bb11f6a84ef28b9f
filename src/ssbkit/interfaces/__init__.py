"""Interfaces: what forms where two materials meet (Zheng et al., Batteries & Supercaps 2021 §3.3-3.4, Tables 2-3, Fig. 6a, Fig. 7a)."""

from .anode import AnodeInterface, anode_interface
from .electronic import Character, classify_phase
from .reactions import InterfaceCalculator, InterfaceReaction, Kink, react, voltage_grid

__all__ = [
    "AnodeInterface",
    "Character",
    "InterfaceCalculator",
    "InterfaceReaction",
    "Kink",
    "anode_interface",
    "classify_phase",
    "react",
    "voltage_grid",
]
