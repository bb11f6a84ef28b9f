"""The cited parameter table of the resistance budget, and user overrides.

The table ships as ``ssbkit/stack/data/parameters.yaml``: every parameter has a value, a
unit, the temperature it applies to, the range the literature spans, a basis
(``measured``, ``reported``, ``derived`` or ``estimate``) and its reference.  Users
override any entry (``--param sigma.Li2S=1e-9``, ``--param thickness.coating=5nm``, or
a YAML file ``{name: value}``); Li-ion conductivities of products the table lacks are
added the same way (``sigma.Li5B7S13=1e-5``).

>>> p = Parameters.load()
>>> p.value("thickness.coating"), p.unit("thickness.coating")
(10.0, 'nm')
>>> p.with_overrides({"thickness.coating": "5nm"}).value("thickness.coating")
5.0
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict

from ..errors import SsbkitError
from ..bibliography import cite
from ..results import Result

Basis = Literal["measured", "reported", "derived", "estimate", "user"]

#: Unit conversion factors to the table's unit, for values given with a unit.
_UNITS: dict[str, dict[str, float]] = {
    "nm": {"nm": 1.0, "um": 1e3, "µm": 1e3, "mm": 1e6, "m": 1e9},
    "um": {"nm": 1e-3, "um": 1.0, "µm": 1.0, "mm": 1e3, "m": 1e6},
    "S/cm": {"S/cm": 1.0, "S/m": 1e-2, "mS/cm": 1e-3},
    "nm/h": {"nm/h": 1.0, "um/h": 1e3},
    "ohm cm2": {"ohm cm2": 1.0, "ohmcm2": 1.0},
}


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid")
    value: float
    unit: str
    temperature_K: float | None = None
    range: tuple[float, float] | None = None
    basis: Literal["measured", "reported", "derived", "estimate"]
    reference: str | None = None
    review: str | None = None
    refs: str | None = None
    where: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Parameter(Result):
    """One parameter as used: value in ``unit``, its basis and source."""

    name: str
    value: float
    unit: str
    basis: Basis
    source: str | None
    temperature_K: float | None = None
    range: tuple[float, float] | None = None
    note: str | None = None


def _source(row: _Row) -> str | None:
    if row.review:
        return cite(row.review, row.refs, row.where)
    return row.reference


@cache
def _table() -> dict[str, Parameter]:
    raw = yaml.safe_load(resources.files("ssbkit.stack").joinpath("data/parameters.yaml").read_text("utf-8"))
    out = {}
    for name, body in raw["parameters"].items():
        row = _Row.model_validate(body)
        out[name] = Parameter(name, float(row.value), row.unit, row.basis, _source(row), row.temperature_K,
                              row.range, row.note)
    return out


def _parse_value(name: str, unit: str, value: Any) -> float:
    if isinstance(value, bool):
        raise SsbkitError(f"parameter {name}: {value!r} is not a number", param="param")
    if isinstance(value, (int, float)):
        x = float(value)
    else:
        text = str(value).strip()
        # split a trailing unit: "10nm", "1e-9S/cm", "5 nm"
        i = len(text)
        while i > 0 and not (text[i - 1].isdigit() or text[i - 1] == "."):
            i -= 1
        num, given = text[:i].strip(), text[i:].strip()
        try:
            x = float(num)
        except ValueError:
            raise SsbkitError(f"parameter {name}: cannot read {value!r} as a number in {unit}", param="param") from None
        if given and given != unit:
            factors = _UNITS.get(unit, {})
            if given not in factors:
                raise SsbkitError(f"parameter {name}: unit {given!r} not understood; give it in {unit}", param="param")
            x *= factors[given]
    if not math.isfinite(x) or x <= 0:
        raise SsbkitError(f"parameter {name}: {value!r} must be a finite number > 0 ({unit})", param="param")
    if unit == "1" and x > 1:
        raise SsbkitError(f"parameter {name}: {value!r} is a ratio and must be <= 1", param="param")
    if unit == "deg" and x >= 180:
        raise SsbkitError(f"parameter {name}: {value!r} degrees must be < 180", param="param")
    return x


@dataclass(frozen=True)
class Parameters:
    """The table with the user's overrides applied."""

    table: dict[str, Parameter]

    @classmethod
    def load(cls, overrides: dict[str, Any] | None = None) -> Parameters:
        """The shipped table, with ``overrides`` ({name: value or "value unit"}) applied."""
        return cls(dict(_table())).with_overrides(overrides or {})

    @classmethod
    def from_file(cls, path: str, overrides: dict[str, Any] | None = None) -> Parameters:
        """The table with the overrides of a YAML file ``{name: value}`` and then ``overrides``."""
        from ..io import read_text

        try:
            data = yaml.safe_load(read_text(path, what="parameter file"))
        except yaml.YAMLError as exc:
            raise SsbkitError(f"parameter file {path}: not valid YAML ({str(exc).splitlines()[0]})",
                              param="params") from None
        if data is None:
            raise SsbkitError(f"parameter file {path} is empty: give NAME: VALUE lines", param="params")
        if not isinstance(data, dict):
            raise SsbkitError(f"parameter file {path}: give a mapping NAME: VALUE", param="params")
        return cls.load({**{str(k): v for k, v in data.items()}, **(overrides or {})})

    def with_overrides(self, overrides: dict[str, Any]) -> Parameters:
        table = dict(self.table)
        for name, value in overrides.items():
            name = str(name).strip()
            base = table.get(name)
            if base is None:
                if name.startswith("sigma.") and len(name) > 6:
                    from ..materials import parse_formula

                    formula = parse_formula(name[6:]).reduced_formula
                    name = f"sigma.{formula}"
                    base = table.get(name) or Parameter(name, 0.0, "S/cm", "user", None)
                else:
                    known = ", ".join(sorted(k for k in table if not k.startswith("sigma.")))
                    raise SsbkitError(f"unknown parameter {name!r}: use sigma.FORMULA or one of {known}",
                                      param="param")
            table[name] = replace(base, value=_parse_value(name, base.unit, value), basis="user",
                                  source="set by the user")
        return Parameters(table)

    def get(self, name: str) -> Parameter:
        return self.table[name]

    def value(self, name: str) -> float:
        return self.table[name].value

    def unit(self, name: str) -> str:
        return self.table[name].unit

    def sigma(self, formula: str) -> Parameter | None:
        """The table's Li-ion conductivity entry for a (reduced) formula, or None."""
        return self.table.get(f"sigma.{formula}")


def parse_assignments(items: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``["sigma.Li2S=1e-9", "thickness.coating=5nm"]`` -> {name: value}; one line per bad item."""
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = str(item).partition("=")
        if not sep or not name.strip() or not value.strip():
            raise SsbkitError(f"parameter {item!r}: write NAME=VALUE, e.g. sigma.Li2S=1e-9 or thickness.coating=5nm",
                              param="param")
        out[name.strip()] = value.strip()
    return out
