"""Quantities with units, parsed at the boundary (CLI flags, literature records).

Everything inside ssbkit is an SI float; this module turns text such as
``"5MPa"``, ``"60C"``, ``"0.5mA/cm2"`` or ``"24 kJ/mol"`` into SI numbers and
back.  A bare number is accepted only where a default unit is given.

>>> parse_quantity("5MPa", "pressure")
5000000.0
>>> round(parse_quantity("60C", "temperature"), 2)
333.15
>>> parse_quantity("0.5mA/cm2", "current_density")
5.0
"""

from __future__ import annotations

import math
import re
from typing import Final

from .errors import UnitError

#: Physical constants (CODATA 2018).
ELEMENTARY_CHARGE_C: Final = 1.602176634e-19
BOLTZMANN_EV_PER_K: Final = 8.617333262e-5
BOLTZMANN_J_PER_K: Final = 1.380649e-23
AVOGADRO_PER_MOL: Final = 6.02214076e23
GAS_CONSTANT_J_PER_MOL_K: Final = 8.314462618
FARADAY_C_PER_MOL: Final = 96485.33212
EV_TO_KJ_PER_MOL: Final = 96.48533212
VACUUM_PERMITTIVITY_F_PER_M: Final = 8.8541878128e-12
ZERO_CELSIUS_K: Final = 273.15
#: The lowest temperature accepted anywhere (K): below it no model of ssbkit means anything, and a value such as
#: 1e-300 K is a typo that would give 0 S/cm or overflow an Arrhenius factor.
MIN_TEMPERATURE_K: Final = 1.0

# kind -> {unit spelling: factor to SI}; temperature is handled separately.
_UNITS: dict[str, dict[str, float]] = {
    "pressure": {  # Pa
        "pa": 1.0, "kpa": 1e3, "mpa": 1e6, "gpa": 1e9, "bar": 1e5, "mbar": 1e2,
        "atm": 101325.0, "psi": 6894.757293168, "n/m2": 1.0, "n/mm2": 1e6,
    },
    "force": {"n": 1.0, "kn": 1e3, "mn": 1e-3, "kgf": 9.80665},  # N
    "current_density": {  # A/m2
        "a/m2": 1.0, "a/cm2": 1e4, "ma/cm2": 10.0, "ua/cm2": 1e-2, "µa/cm2": 1e-2,
        "μa/cm2": 1e-2, "na/cm2": 1e-5, "ma/m2": 1e-3,
    },
    "current": {"a": 1.0, "ma": 1e-3, "ua": 1e-6, "µa": 1e-6, "μa": 1e-6},  # A
    "conductivity": {  # S/m
        "s/m": 1.0, "s/cm": 100.0, "ms/cm": 0.1, "us/cm": 1e-4, "µs/cm": 1e-4,
        "μs/cm": 1e-4, "ms/m": 1e-3,
    },
    "length": {  # m
        "m": 1.0, "cm": 1e-2, "mm": 1e-3, "um": 1e-6, "µm": 1e-6, "μm": 1e-6,
        "nm": 1e-9, "a": 1e-10, "å": 1e-10, "angstrom": 1e-10,
    },
    "area": {"m2": 1.0, "cm2": 1e-4, "mm2": 1e-6, "um2": 1e-12},  # m2
    "energy_per_area": {"j/m2": 1.0, "mj/m2": 1e-3, "n/m": 1.0, "mn/m": 1e-3},  # J/m2
    "voltage": {"v": 1.0, "mv": 1e-3},  # V
    "time": {"s": 1.0, "sec": 1.0, "second": 1.0, "seconds": 1.0, "min": 60.0, "mins": 60.0, "minute": 60.0,
             "minutes": 60.0, "h": 3600.0, "hr": 3600.0, "hrs": 3600.0, "hour": 3600.0, "hours": 3600.0,
             "d": 86400.0, "day": 86400.0, "days": 86400.0, "w": 604800.0, "week": 604800.0, "weeks": 604800.0},
    "energy_ev": {  # eV (per particle); molar energies converted with N_A
        "ev": 1.0, "mev": 1e-3, "kj/mol": 1.0 / EV_TO_KJ_PER_MOL,
        "j/mol": 1e-3 / EV_TO_KJ_PER_MOL, "kcal/mol": 4.184 / EV_TO_KJ_PER_MOL,
    },
    "modulus": {"pa": 1.0, "kpa": 1e3, "mpa": 1e6, "gpa": 1e9},  # Pa
    "diffusivity": {"m2/s": 1.0, "cm2/s": 1e-4},  # m2/s
    "area_resistance": {"ohm m2": 1.0, "ohm*m2": 1.0, "ohm cm2": 1e-4, "ohm*cm2": 1e-4, "ohmcm2": 1e-4},
    "capacity_per_area": {"mah/cm2": 36.0, "ah/m2": 3600.0, "c/m2": 1.0},  # C/m2
    "dimensionless": {"": 1.0, "%": 0.01},
    "concentration": {"1/m3": 1.0, "/m3": 1.0, "m-3": 1.0, "1/cm3": 1e6, "/cm3": 1e6, "cm-3": 1e6},  # 1/m3
}

#: Largest magnitude accepted per kind, in SI (beyond it a value is a typo or an attack, not physics):
#: 5000 K, 1 TPa, 1e6 N, 1e5 A/m2 (10 A/cm2), 1e3 A, 1e8 S/m, 1 m, 10 m2, 1e3 J/m2, 1e3 V, 1e4 years,
#: 100 eV, 1e13 Pa, 1 m2/s, 1e6 ohm m2, 1e8 C/m2, 1e31 m-3, and 1e3 for plain numbers.
MAX_MAGNITUDE: dict[str, float] = {
    "temperature": 5000.0, "pressure": 1e12, "force": 1e6, "current_density": 1e5, "current": 1e3,
    "conductivity": 1e8, "length": 1.0, "area": 10.0, "energy_per_area": 1e3, "voltage": 1e3,
    "time": 3.15576e11, "energy_ev": 100.0, "modulus": 1e13, "diffusivity": 1.0, "area_resistance": 1e6,
    "capacity_per_area": 1e8, "dimensionless": 1e3, "concentration": 1e31,
}

_TEMPERATURE_UNITS = {"k": "K", "c": "C", "°c": "C", "degc": "C", "f": "F", "°f": "F"}

_NUMBER = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")


def known_units(kind: str) -> list[str]:
    """Unit spellings accepted for ``kind`` (for error messages and help)."""
    if kind == "temperature":
        return ["K", "C", "F"]
    if kind not in _UNITS:
        raise KeyError(kind)
    return sorted(_UNITS[kind])


def _normalise_unit(unit: str) -> str:
    u = unit.strip().lower().replace("^", "").replace("⁻¹", "-1").replace("²", "2")
    u = u.replace("·", " ").replace("ω", "ohm").replace("Ω".lower(), "ohm")
    u = re.sub(r"\s+", " ", u)
    # "mA cm-2" -> "ma/cm2", "S cm-1" -> "s/cm"
    m = re.fullmatch(r"([a-zµμ]+) ([a-z]+)-([12])", u)
    if m:
        u = f"{m.group(1)}/{m.group(2)}{'' if m.group(3) == '1' else m.group(3)}"
    return u


def parse_quantity(value: str | float, kind: str, default_unit: str | None = None,
                   name: str | None = None) -> float:
    """Parse a number with a unit into SI.

    Args:
        value: text such as ``"5 MPa"`` or a bare number.
        kind: one of ``temperature`` (K), ``pressure`` (Pa), ``force`` (N),
            ``current_density`` (A/m2), ``current`` (A), ``conductivity`` (S/m),
            ``length`` (m), ``area`` (m2), ``energy_per_area`` (J/m2),
            ``voltage`` (V), ``time`` (s), ``energy_ev`` (eV per particle),
            ``modulus`` (Pa), ``diffusivity`` (m2/s), ``area_resistance`` (ohm m2),
            ``capacity_per_area`` (C/m2), ``dimensionless``.
        default_unit: unit assumed for a bare number; without it a bare number
            is an error (never a silent guess).
        name: what the quantity is called, for the error message.

    Returns:
        The value in SI units (temperature in kelvin).

    Raises:
        UnitError: unparseable text, unknown unit, or a temperature below 0 K.
    """
    label = name or kind.replace("_", " ")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number, unit = float(value), ""
    else:
        m = _NUMBER.match(str(value))
        if not m:
            raise UnitError(f"cannot read {label} {value!r}: expected a number with a unit, "
                            f"e.g. {_example(kind)}")
        number, unit = float(m.group(1)), m.group(2)
    if not math.isfinite(number):
        raise UnitError(f"{label} {value!r} is not a finite number")
    if unit == "":
        if default_unit is None:
            raise UnitError(f"{label} {value!r} has no unit: write it with one, e.g. {_example(kind)}")
        unit = default_unit
    if kind == "temperature":
        key = _TEMPERATURE_UNITS.get(unit.strip().lower())
        if key is None:
            raise UnitError(f"unknown temperature unit {unit!r} in {value!r}: use K, C or F")
        kelvin = {"K": number, "C": number + ZERO_CELSIUS_K,
                  "F": (number - 32.0) * 5.0 / 9.0 + ZERO_CELSIUS_K}[key]
        if kelvin < 0:
            raise UnitError(f"temperature {value!r} is below absolute zero")
        if kelvin < MIN_TEMPERATURE_K:
            raise UnitError(f"temperature {value!r} is below {MIN_TEMPERATURE_K:g} K: give a temperature of at least "
                            f"{MIN_TEMPERATURE_K:g} K, e.g. 25C")
        return _bounded(kelvin, kind, label, value)
    table = _UNITS.get(kind)
    if table is None:
        raise KeyError(f"unknown quantity kind {kind!r}")
    factor = table.get(_normalise_unit(unit))
    if factor is None:
        raise UnitError(f"unknown unit {unit!r} for {label} in {value!r}: use one of "
                        f"{', '.join(known_units(kind))}")
    return _bounded(number * factor, kind, label, value)


def _bounded(si: float, kind: str, label: str, value: object) -> float:
    """``si`` unless its magnitude exceeds :data:`MAX_MAGNITUDE` for ``kind`` (or is not finite)."""
    limit = MAX_MAGNITUDE.get(kind)
    if not math.isfinite(si) or (limit is not None and abs(si) > limit):
        unit = {"temperature": "K", "pressure": "Pa", "current_density": "A/m2", "conductivity": "S/m",
                "length": "m", "time": "s", "energy_ev": "eV", "modulus": "Pa"}.get(kind, "SI units")
        raise UnitError(f"{label} {value!r} is outside the physically meaningful range (|value| <= {limit:g} {unit})")
    return si


def _example(kind: str) -> str:
    return {
        "temperature": "60C or 333K", "pressure": "5MPa", "force": "100N",
        "current_density": "0.5mA/cm2", "conductivity": "3e-4S/cm", "length": "10um",
        "energy_per_area": "0.67J/m2", "voltage": "4.3V", "time": "10h",
        "energy_ev": "0.3eV or 24kJ/mol", "modulus": "60GPa", "diffusivity": "1e-11cm2/s",
        "area_resistance": "10ohm cm2", "area": "1cm2", "current": "1mA",
        "capacity_per_area": "1mAh/cm2", "dimensionless": "0.7",
    }.get(kind, "1")


def to_unit(value_si: float, kind: str, unit: str) -> float:
    """Convert an SI value to ``unit`` (the inverse of :func:`parse_quantity`)."""
    if kind == "temperature":
        key = _TEMPERATURE_UNITS[unit.strip().lower()]
        return {"K": value_si, "C": value_si - ZERO_CELSIUS_K,
                "F": (value_si - ZERO_CELSIUS_K) * 9.0 / 5.0 + 32.0}[key]
    return value_si / _UNITS[kind][_normalise_unit(unit)]


def celsius(kelvin: float) -> float:
    """Kelvin to degrees Celsius."""
    return kelvin - ZERO_CELSIUS_K


def require_positive(value: float, label: str, allow_zero: bool = False) -> float:
    """Return ``value`` or raise :class:`UnitError` naming ``label`` if it is not > 0."""
    if not math.isfinite(value) or value < 0 or (value == 0 and not allow_zero):
        raise UnitError(f"{label} must be {'non-negative' if allow_zero else 'positive'}, got {value:g}")
    return value
