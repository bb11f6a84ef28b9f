"""Operating conditions of a cell, parsed and checked in one place (CLI, web and Python API).

>>> c = Conditions.parse(voltage="2.5:4.3", temperature="60C", pressure="5MPa", current="0.5mA/cm2")
>>> round(c.temperature_K, 2), c.pressure_Pa, c.current_density_A_per_m2
(333.15, 5000000.0, 5.0)
>>> Conditions.from_dict(c.to_dict()) == c
True
>>> Conditions.of(voltage_V=(2.5, 4.3), temperature_C=60, pressure_MPa=5, current_density_mA_per_cm2=0.5) == c
True

The Python API and the CLI take the same quantities in the same units: ``Conditions.of`` has the CLI's
units in its argument names (V, C, MPa, mA/cm2), ``Conditions.parse`` the CLI's text; the fields hold SI.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

from ..constants import ROOM_TEMPERATURE_K
from ..errors import SsbkitError
from ..parameters import from_si, to_si
from ..results import Result
from ..units import MIN_TEMPERATURE_K, ZERO_CELSIUS_K, parse_quantity
from ..validate import MAX_SCAN_POINTS, MAX_VOLTAGE_V

__all__ = ["MAX_SCAN_POINTS", "MAX_VOLTAGE_V", "Conditions", "parse_voltage_range"]


def _finite(x: float, what: str, param: str) -> float:
    if not math.isfinite(x):
        raise SsbkitError(f"{what} must be a finite number, got {x!r}", param=param)
    return x


def parse_voltage_range(text: str) -> tuple[float, float]:
    """``"2.5:4.3"`` (or one voltage ``"4.3"``) -> (low, high) in V vs Li/Li+, 0 <= low <= high <= 10."""
    parts = str(text).strip().replace("V", "").replace("v", "").split(":")
    try:
        vals = [float(p) for p in parts]
    except ValueError:
        raise SsbkitError(f"cannot read voltage range {text!r}: use LOW:HIGH in volts vs Li/Li+, e.g. 2.5:4.3",
                          param="voltage") from None
    if len(vals) == 1:
        vals = [vals[0], vals[0]]
    if len(vals) != 2 or not all(math.isfinite(v) for v in vals) or not 0 <= vals[0] <= vals[1] <= MAX_VOLTAGE_V:
        raise SsbkitError(f"voltage range {text!r}: need 0 <= LOW <= HIGH <= {MAX_VOLTAGE_V:g} V vs Li/Li+, "
                          "e.g. 2.5:4.3", param="voltage")
    return vals[0], vals[1]


@dataclass(frozen=True)
class Conditions(Result):
    """Operating conditions (SI).

    Attributes:
        voltage_range_V: cathode potential range vs Li/Li+ (low, high).
        temperature_K: cell temperature.
        pressure_Pa: stack pressure (None: not given).
        current_density_A_per_m2: current density (None: not given).
        step_V: voltage step of the scans.
        voltage_from_user: False when the voltage range is the default (an anode half cell then
            cycles its working electrode over that electrode's own typical range).
    """

    voltage_range_V: tuple[float, float] = (2.5, 4.3)
    temperature_K: float = ROOM_TEMPERATURE_K
    pressure_Pa: float | None = None
    current_density_A_per_m2: float | None = None
    step_V: float = 0.05
    voltage_from_user: bool = True

    _computed: ClassVar[tuple[str, ...]] = ("temperature_C", "pressure_MPa", "current_density_mA_per_cm2")

    def __post_init__(self) -> None:
        lo, hi = self.voltage_range_V
        if not (math.isfinite(lo) and math.isfinite(hi) and 0 <= lo <= hi <= MAX_VOLTAGE_V):
            raise SsbkitError(f"voltage range {lo:g}:{hi:g}: need 0 <= LOW <= HIGH <= {MAX_VOLTAGE_V:g} V vs Li/Li+",
                              param="voltage")
        if _finite(self.temperature_K, "temperature", "temperature") < MIN_TEMPERATURE_K:
            raise SsbkitError(f"temperature {self.temperature_K:g} K is below {MIN_TEMPERATURE_K:g} K: give at least "
                              f"{MIN_TEMPERATURE_K:g} K", param="temperature")
        if self.pressure_Pa is not None and _finite(self.pressure_Pa, "pressure", "pressure") < 0:
            raise SsbkitError("pressure must be >= 0", param="pressure")
        if self.current_density_A_per_m2 is not None and \
                _finite(self.current_density_A_per_m2, "current density", "current") < 0:
            raise SsbkitError("current density must be >= 0", param="current")
        if not (math.isfinite(self.step_V) and 0 < self.step_V <= 1):
            raise SsbkitError(f"voltage step {self.step_V!r} V must be in (0, 1] V", param="step")
        if (hi - lo) / self.step_V + 1 > MAX_SCAN_POINTS:
            raise SsbkitError(f"voltage step {self.step_V:g} V over {lo:g}-{hi:g} V gives more than "
                              f"{MAX_SCAN_POINTS} points: use a larger step", param="step")

    @classmethod
    def parse(cls, voltage: str | None = None, temperature: str | None = None, pressure: str | None = None,
              current: str | None = None, step: str | float | None = None) -> Conditions:
        """From text with units as a user writes it (``"2.5:4.3"``, ``"25C"``, ``"5MPa"``, ``"0.5mA/cm2"``).

        None means "not given" (the default); an empty or blank string is refused.
        """
        for what, value in (("voltage", voltage), ("temperature", temperature), ("pressure", pressure),
                            ("current", current), ("step", step)):
            if isinstance(value, str) and not value.strip():
                raise SsbkitError(f"empty {what}: give a value or leave it out for the default", param=what)
        try:
            step_v = 0.05 if step in (None, "") else float(step)  # type: ignore[arg-type]
        except ValueError:
            raise SsbkitError(f"cannot read voltage step {step!r}: give volts, e.g. 0.05", param="step") from None
        return cls(
            voltage_range_V=parse_voltage_range(voltage or "2.5:4.3"),
            temperature_K=parse_quantity(temperature or "25C", "temperature", name="temperature"),
            pressure_Pa=None if not pressure else parse_quantity(pressure, "pressure", name="pressure"),
            current_density_A_per_m2=None if not current else
            parse_quantity(current, "current_density", name="current density"),
            step_V=step_v, voltage_from_user=voltage not in (None, ""))

    @classmethod
    def of(cls, voltage_V: tuple[float, float] | float = (2.5, 4.3), temperature_C: float | None = None, *,
           temperature_K: float | None = None, pressure_MPa: float | None = None,
           current_density_mA_per_cm2: float | None = None, step_V: float = 0.05) -> Conditions:
        """From numbers in the CLI's units, named with them: voltage range (V vs Li/Li+; one value = a fixed
        potential), temperature in C (or ``temperature_K``; default 25 C), stack pressure in MPa, current density
        in mA/cm2."""
        if temperature_C is not None and temperature_K is not None:
            raise SsbkitError("give temperature_C or temperature_K, not both", param="temperature")
        for what, v in (("temperature", temperature_C), ("temperature", temperature_K), ("pressure", pressure_MPa),
                        ("current", current_density_mA_per_cm2), ("step", step_V)):
            if v is not None and (isinstance(v, bool) or not isinstance(v, (int, float))):
                raise SsbkitError(f"{what} must be a number, got {v!r}", param=what)
        lo, hi = (voltage_V, voltage_V) if isinstance(voltage_V, (int, float)) else tuple(voltage_V)
        t_k = (ROOM_TEMPERATURE_K if temperature_C is None and temperature_K is None else
               temperature_K if temperature_K is not None else float(temperature_C) + ZERO_CELSIUS_K)  # type: ignore[arg-type]
        return cls(voltage_range_V=(float(lo), float(hi)), temperature_K=float(t_k),
                   pressure_Pa=None if pressure_MPa is None else to_si(float(pressure_MPa), "MPa"),
                   current_density_A_per_m2=None if current_density_mA_per_cm2 is None
                   else float(current_density_mA_per_cm2) * 10.0, step_V=float(step_V))

    @property
    def temperature_C(self) -> float:
        return self.temperature_K - ZERO_CELSIUS_K

    @property
    def pressure_MPa(self) -> float | None:
        return None if self.pressure_Pa is None else from_si(self.pressure_Pa, "MPa")

    @property
    def current_density_mA_per_cm2(self) -> float | None:
        return None if self.current_density_A_per_m2 is None else self.current_density_A_per_m2 / 10.0
