"""Impedance spectrum of a cell from its resistance budget: every contribution an R || C element in series.

Each contribution ``k`` of the budget has an area-specific resistance ``R_k`` and a characteristic capacitance
``C_k`` per area; its impedance is ``Z_k = R_k / (1 + j omega R_k C_k)`` (an element without a capacitance is a
plain resistor), and the cell's is ``Z = sum_k Z_k`` (the series "Voigt" circuit of the brick-layer and interface
analyses, J. T. S. Irvine, D. C. Sinclair, A. R. West, Adv. Mater. 1990, 2, 132).  At low frequency
``Z -> sum R_k``: the budget's total.  Capacitances by kind (what sets each arc's frequency,
``f_k = 1 / (2 pi R_k C_k)``):

* electrolyte bulk: the geometric capacitance ``eps eps0 / L`` (pF/cm2);
* grain boundaries: ``eps eps0 d_grain / (L delta_gb)`` (brick layer, nF/cm2);
* thin layers (interphases, coatings, surface layers) and space charge: ``eps eps0 / thickness`` (uF/cm2);
* charge transfer, contact and voids: the double-layer capacitance of the contact (uF/cm2).

The same circuit in impedance.py (``p(R1,C1)-p(R2,C2)-...``, ECSHackWeek) gives the same spectrum (tested).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import UnitError
from ..parameters import from_si, to_si
from ._base import PhysicsResult, finite, positive

EQUATION = "Z = sum_k R_k / (1 + j 2 pi f R_k C_k) (series R||C elements)"
CITATION = "J. T. S. Irvine, D. C. Sinclair, A. R. West, Adv. Mater. 1990, 2, 132 (brick-layer impedance)"


@dataclass(frozen=True)
class Element:
    """One R || C element: name, resistance (ohm cm2) and capacitance (F/cm2; None: a plain resistor)."""

    name: str
    resistance_ohm_cm2: float
    capacitance_F_per_cm2: float | None

    @property
    def peak_frequency_Hz(self) -> float | None:
        if not self.capacitance_F_per_cm2 or self.resistance_ohm_cm2 <= 0:
            return None
        return 1.0 / (2 * math.pi * self.resistance_ohm_cm2 * self.capacitance_F_per_cm2)


@dataclass(frozen=True, kw_only=True)
class ImpedanceResult(PhysicsResult):
    """The spectrum: frequencies (Hz) and Z' and Z'' (ohm cm2, Z'' negative for a capacitive arc)."""

    frequencies_Hz: tuple[float, ...]
    z_real_ohm_cm2: tuple[float, ...]
    z_imag_ohm_cm2: tuple[float, ...]
    elements: tuple[dict, ...]
    dc_resistance_ohm_cm2: float


def frequency_grid(f_min_Hz: float, f_max_Hz: float, per_decade: int = 10) -> tuple[float, ...]:
    """Log-spaced frequencies from ``f_max`` down to ``f_min`` (at least 50 points)."""
    lo, hi = positive(f_min_Hz, "lowest frequency"), positive(f_max_Hz, "highest frequency")
    if lo >= hi:
        raise UnitError(f"frequency range {lo:g}-{hi:g} Hz is reversed or empty: give LOW:HIGH with LOW < HIGH, "
                        "e.g. 1mHz:10MHz")
    decades = math.log10(hi / lo)
    n = max(50, int(round(decades * per_decade)) + 1)
    return tuple(hi * (lo / hi) ** (i / (n - 1)) for i in range(n))


def spectrum(elements: Sequence[Element], frequencies_Hz: Sequence[float]) -> ImpedanceResult:
    """``Z(f)`` of ``elements`` in series (module doc)."""
    if not elements:
        raise UnitError("no elements: the impedance of an empty circuit is undefined")
    fs = [positive(f, "frequency") for f in frequencies_Hz]
    for e in elements:
        finite(e.resistance_ohm_cm2, f"resistance of {e.name}")
        if e.resistance_ohm_cm2 < 0:
            raise UnitError(f"resistance of {e.name} must be non-negative, got {e.resistance_ohm_cm2:g}")
        if e.capacitance_F_per_cm2 is not None:
            positive(e.capacitance_F_per_cm2, f"capacitance of {e.name}")
    re_, im_ = [], []
    for f in fs:
        z = 0j
        w = 2 * math.pi * f
        for e in elements:
            c = e.capacitance_F_per_cm2
            z += e.resistance_ohm_cm2 / (1 + 1j * w * e.resistance_ohm_cm2 * c) if c else e.resistance_ohm_cm2
        re_.append(z.real)
        im_.append(z.imag)
    return ImpedanceResult(
        model="impedance spectrum (series R||C)", equation=EQUATION, citation=CITATION,
        inputs={"frequencies": len(fs)}, frequencies_Hz=tuple(fs), z_real_ohm_cm2=tuple(re_),
        z_imag_ohm_cm2=tuple(im_), dc_resistance_ohm_cm2=sum(e.resistance_ohm_cm2 for e in elements),
        elements=tuple({"name": e.name, "resistance_ohm_cm2": e.resistance_ohm_cm2,
                        "capacitance_F_per_cm2": e.capacitance_F_per_cm2, "peak_frequency_Hz": e.peak_frequency_Hz}
                       for e in elements))


def layer_capacitance(permittivity: float, thickness_m: float) -> float:
    """``eps eps0 / L`` of a layer, in F/cm2."""
    from ..units import VACUUM_PERMITTIVITY_F_PER_M

    return from_si(positive(permittivity, "permittivity") * VACUUM_PERMITTIVITY_F_PER_M /
                   positive(thickness_m, "thickness"), "F/cm2")


def per_cm2(value_uF: float) -> float:
    """A capacitance in uF/cm2 as F/cm2."""
    return from_si(to_si(value_uF, "uF/cm2"), "F/cm2")


_FREQ_UNITS = {"Hz": 1.0, "kHz": 1e3, "MHz": 1e6, "GHz": 1e9, "mHz": 1e-3, "uHz": 1e-6, "µHz": 1e-6}


def parse_frequency(text: str) -> float:
    """``"10MHz"``, ``"1mHz"``, ``"100"`` (Hz) -> Hz (the prefix's case matters: mHz is milli, MHz mega)."""
    import re

    m = re.fullmatch(r"\s*([0-9.]+(?:[eE][-+]?[0-9]+)?)\s*([a-zA-Zµ]*)\s*", str(text))
    if not m:
        raise UnitError(f"cannot read frequency {text!r}: give a number with Hz, kHz, MHz or mHz, e.g. 10MHz")
    unit = m.group(2) or "Hz"
    if unit not in _FREQ_UNITS:
        raise UnitError(f"unknown frequency unit {unit!r} in {text!r}: use Hz, kHz, MHz, GHz or mHz "
                        "(mHz is milli, MHz mega)")
    return positive(float(m.group(1)) * _FREQ_UNITS[unit], "frequency")


def parse_frequency_range(text: str) -> tuple[float, float]:
    """``"1mHz:10MHz"`` -> (1e-3, 1e7) Hz; refused when reversed, empty or beyond 1 uHz - 1 THz."""
    lo_text, sep, hi_text = str(text or "").partition(":")
    if not sep:
        raise UnitError(f"cannot read frequency range {text!r}: give LOW:HIGH, e.g. 1mHz:10MHz")
    lo, hi = parse_frequency(lo_text), parse_frequency(hi_text)
    if lo >= hi:
        raise UnitError(f"frequency range {text!r} is reversed or empty: give LOW:HIGH with LOW < HIGH, "
                        "e.g. 1mHz:10MHz")
    if lo < 1e-6 or hi > 1e12:
        raise UnitError(f"frequency range {text!r} is outside 1 uHz - 1 THz")
    return lo, hi
