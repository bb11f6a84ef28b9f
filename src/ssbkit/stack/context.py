"""What one assessment works with: the data, the thresholds and parameters, and the caches it shares.

The fact builders (:mod:`.layer_facts`, :mod:`.interface_facts`, :mod:`.heat`) read everything through
this object, so each of them is a function of (context, stack, position) and none keeps state of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pymatgen.core import Composition

from ..errors import SsbkitError
from ..interfaces.anode import anode_interface
from ..interfaces.electronic import classify_phase
from ..materials import parse_formula
from ..parameters import Parameters
from ..thermo.service import Thermo
from .conditions import Conditions
from .parse import Layer, Stack
from .verdicts import Thresholds

#: Cathodes whose usual cut-off voltages differ from the default 2.5-4.3 V (V vs Li/Li+, used when no --voltage
#: is given): the 4.7 V spinel and the 3.45 V olivine.
CATHODE_RANGES: dict[str, tuple[float, float]] = {"Li1Mn1.5Ni0.5O4": (3.5, 4.9), "LiMn1.5Ni0.5O4": (3.5, 4.9),
                                                  "Li2Mn3NiO8": (3.5, 4.9), "LiFePO4": (2.5, 4.0)}

#: The name of the carbon of a composite cathode where it meets the electrolyte (``--carbon``).
CARBON = "C (carbon in the composite cathode)"


def reduced(formula: str) -> str:
    """pymatgen's reduced formula of a layer's formula."""
    return parse_formula(formula).reduced_formula


def electrode_active(formula: str) -> bool:
    """A lithium transition-metal oxide (Li5Co3O8, LiCoO2 ...): (de)lithiates like a cathode."""
    els = {e.symbol for e in Composition(formula)}
    return "Li" in els and "O" in els and bool(els & {"Co", "Ni", "Mn", "Fe", "V", "Cr"})


def fmt_limit(v: float | None) -> str:
    """A window limit in volts, ``inf`` when there is none."""
    return "inf" if v is None else f"{v:.2f}"


@dataclass
class AssessmentContext:
    """The inputs an assessment shares: ``thermo`` may be None (no data: only literature and physics)."""

    thermo: Thermo | None
    gaps: Any | None = None
    params: Parameters = field(default_factory=Parameters.load)
    thresholds: Thresholds = field(default_factory=Thresholds)
    carbon: bool = False
    process: tuple = ()
    progress: Callable[[str], None] = field(default=lambda msg: None)
    #: the frequency range of the impedance spectrum (Hz)
    frequencies_Hz: tuple[float, float] = (1e-3, 1e7)
    _windows: dict[str, Any] = field(default_factory=dict, repr=False)
    _anode: dict[str, Any] = field(default_factory=dict, repr=False)
    _dopant: dict[str, Any] = field(default_factory=dict, repr=False)

    def window(self, formula_or_mat: Any, top: float = 5.0) -> Any:
        """The stability window over 0-``top`` V (memoised per material and range)."""
        key = f"{getattr(formula_or_mat, 'model_formula', formula_or_mat)}@{top}"
        if key not in self._windows:
            assert self.thermo is not None
            self._windows[key] = self.thermo.window(formula_or_mat, (0.0, top))
        return self._windows[key]

    def anode_interface(self, material: Any) -> Any:
        """The Li-metal interphase of ``material`` (memoised: an interlayer next to Li needs it twice)."""
        key = f"{getattr(material, 'name', material)}|{getattr(material, 'model_formula', material)}"
        if key not in self._anode:
            assert self.thermo is not None
            self._anode[key] = anode_interface(self.thermo, material, "Li", self.gaps,
                                               weak_threshold_eV_per_atom=self.thresholds.weak_eV)
        return self._anode[key]

    def dopant(self, material: Any, voltage_V: float) -> Any:
        """What an electron source at ``voltage_V`` does to the dopant of a host-modelled ``material``
        (:func:`ssbkit.thermo.dopant.dopant_reduction`; memoised, None when it has none or nothing happens)."""
        from ..thermo.dopant import dopant_reduction

        key = f"{material.name}|{material.formula}@{voltage_V:.4f}"
        if key not in self._dopant:
            assert self.thermo is not None
            self._dopant[key] = dopant_reduction(self.thermo, material, voltage_V)
        return self._dopant[key]

    def conducts(self, layer: Layer) -> bool | None:
        """Does the layer (after lithiation for interlayers) conduct electrons?"""
        ch = classify_phase(reduced(layer.formula), self.gaps).conductor
        if layer.role == "interlayer" and self.thermo is not None and ch is not True:
            try:
                li = self.anode_interface(layer.material)
                if li.conducting_products and li.classification != "stable":
                    return True
            except SsbkitError:
                return None
        return ch


def electrode_ranges(stack: Stack, cond: Conditions) -> tuple[tuple[float, float], tuple[float, float], str]:
    """The potential ranges of the positive and the negative electrode (V vs Li/Li+), and how they were set."""
    left, right = stack.layers[0], stack.layers[-1]
    r_el = right.electrode
    assert r_el is not None
    rng_r = (r_el.potential_V, r_el.potential_V)
    note = r_el.note
    if left.role == "cathode":
        typical = CATHODE_RANGES.get(reduced(left.formula))
        if typical is not None and not cond.voltage_from_user:
            return typical, rng_r, note + (f"; positive electrode {left.material.name} over its typical range "
                                           f"{typical[0]:g}-{typical[1]:g} V (set --voltage)")
        return cond.voltage_range_V, rng_r, note
    l_el = left.electrode
    assert l_el is not None
    if stack.cell_type == "symmetric":
        return (l_el.potential_V, l_el.potential_V), rng_r, note
    if cond.voltage_from_user:
        return cond.voltage_range_V, rng_r, note
    return l_el.working_range_V, rng_r, note + f"; working electrode {left.material.name} cycled over " \
                                               f"{l_el.working_range_V[0]:g}-{l_el.working_range_V[1]:g} V " \
                                               "(its typical range; set --voltage)"
