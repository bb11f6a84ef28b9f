"""Shared pieces of the physics models: the result base class, constants, checks.

Every model returns a small frozen dataclass derived from :class:`PhysicsResult`.
Its ``to_dict()`` puts the model name first, then the computed values (keys name
their units), then the equation, the citation, the SI inputs used and any
warnings.  Invalid physical input raises :class:`ssbkit.errors.UnitError` with a
one-line message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Final

from ..constants import ROOM_TEMPERATURE_K
from ..errors import UnitError
from ..results import Result
from ..units import (
    AVOGADRO_PER_MOL,
    BOLTZMANN_EV_PER_K,
    ELEMENTARY_CHARGE_C,
    FARADAY_C_PER_MOL,
    GAS_CONSTANT_J_PER_MOL_K,
    ZERO_CELSIUS_K,
)

#: Molar volume of bcc Li at room temperature, m3/mol (M = 6.941 g/mol, rho = 0.534 g/cm3).
LI_MOLAR_VOLUME_M3_PER_MOL: Final = 6.941e-3 / 534.0
#: Volume per Li atom, m3 (Omega_Li in Wang et al., Adv. Energy Mater. 2020 Eqs. 3 and 5).
LI_ATOMIC_VOLUME_M3: Final = LI_MOLAR_VOLUME_M3_PER_MOL / AVOGADRO_PER_MOL
#: Melting point of Li, K (180.5 C).
LI_MELTING_POINT_K: Final = 453.65

__all__ = [
    "AVOGADRO_PER_MOL",
    "BOLTZMANN_EV_PER_K",
    "ELEMENTARY_CHARGE_C",
    "FARADAY_C_PER_MOL",
    "GAS_CONSTANT_J_PER_MOL_K",
    "LI_ATOMIC_VOLUME_M3",
    "LI_MELTING_POINT_K",
    "LI_MOLAR_VOLUME_M3_PER_MOL",
    "ROOM_TEMPERATURE_K",
    "ZERO_CELSIUS_K",
    "PhysicsResult",
    "finite",
    "fraction",
    "non_negative",
    "or_default",
    "positive",
    "temperature",
]


@dataclass(frozen=True, kw_only=True)
class PhysicsResult(Result):
    """Base of every physics result.

    Subclasses add their values as fields whose names carry units
    (``asr_ohm_cm2``, ``contact_angle_deg`` ...).
    """

    model: str
    equation: str
    citation: str
    inputs: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: bibliography keys of the works the model rests on (``ssbkit cite KEY`` prints each); taken from the
    #: citation when not given, and registered with :data:`ssbkit.bibliography.citations`
    references: tuple[str, ...] = ()

    _TRAILING: ClassVar[tuple[str, ...]] = ("equation", "citation", "references", "inputs", "warnings")

    def __post_init__(self) -> None:
        from ..bibliography import citations

        if not self.references:
            object.__setattr__(self, "references", tuple(getattr(self.citation, "keys", ())))
        citations.register(*self.references)

    def to_dict(self) -> dict[str, Any]:
        """Plain dict: ``model``, the values, then equation, citation, inputs, warnings."""
        d = super().to_dict()
        head = {"model": d.pop("model")}
        tail = {name: d.pop(name) for name in self._TRAILING}
        return {**head, **d, **tail}


def _checked(value: float, label: str, lo: float | None = None, *, lo_open: bool = False, hi: float | None = None,
             hi_open: bool = False, unit: str = "") -> float:
    """:func:`ssbkit.validate.number` (the one range check of ssbkit), raising :class:`UnitError`."""
    from ..errors import SsbkitError
    from ..validate import number

    try:
        return number(value, label, lo, hi, unit=unit, lo_open=lo_open, hi_open=hi_open)
    except SsbkitError as exc:
        raise UnitError(str(exc)) from None


def finite(value: float, label: str) -> float:
    """``value`` as float, or :class:`UnitError` if it is not a finite number."""
    return _checked(value, label)


def positive(value: float, label: str) -> float:
    """``value`` if it is finite and > 0, else :class:`UnitError`."""
    return _checked(value, label, 0.0, lo_open=True)


def non_negative(value: float, label: str) -> float:
    """``value`` if it is finite and >= 0, else :class:`UnitError`."""
    return _checked(value, label, 0.0)


def temperature(value_K: float, label: str = "temperature") -> float:
    """A thermodynamic temperature in K: finite and above 0 K (Arrhenius laws diverge at 0 K)."""
    return _checked(value_K, label, 0.0, lo_open=True, unit="K")


def or_default(value: float | None, name: str, unit: str) -> float:
    """``value``, or the parameter table's ``name`` in ``unit`` when it is None (the models' cited defaults)."""
    from ..parameters import default

    return default(name, unit) if value is None else value


def fraction(value: float, label: str, *, open_low: bool = False, open_high: bool = False) -> float:
    """A number in [0, 1] (ends optionally open)."""
    return _checked(value, label, 0.0, lo_open=open_low, hi=1.0, hi_open=open_high)
