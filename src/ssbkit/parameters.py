"""The one parameter store: the resistance budget's parameters and the physics models' defaults, cited.

The table ships as ``ssbkit/data_files/parameters.yaml``: every parameter has a value, a unit, the
temperature it applies to, the range the literature spans, a basis (``measured``, ``reported``, ``derived``
or ``estimate``) and its reference.  Units are converted once, here, by pint (:meth:`Parameters.si` gives
the SI value), so no code multiplies by a bare factor.  Users override any entry (``--param
sigma.Li2S=1e-9``, ``--param thickness.coating=5nm``, ``--param voids.creep_stress_exponent=5``, or a YAML
file ``{name: value}``), in the table's unit or any unit pint converts; Li-ion conductivities of products
the table lacks are added the same way (``sigma.Li5B7S13=1e-5``).

>>> p = Parameters.load()
>>> p.value("thickness.coating"), p.unit("thickness.coating")
(10.0, 'nm')
>>> p.with_overrides({"thickness.coating": "5nm"}).value("thickness.coating")
5.0
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict

from .bibliography import cite
from .errors import SsbkitError
from .io import load_yaml
from .results import Result

Basis = Literal["measured", "reported", "derived", "estimate", "user"]

#: How the table's unit spellings read to pint.
_PINT = {"ohm cm2": "ohm * cm ** 2", "1": "dimensionless", "deg": "degree", "cm3/mol": "cm ** 3 / mol"}


@cache
def _ureg() -> Any:
    import pint

    return pint.UnitRegistry()


def _powers(text: str) -> str:
    """Powers written as trailing digits, for pint: ``cm2`` -> ``cm**2``."""
    import re

    return re.sub(r"([A-Za-z])(\d)", r"\1**\2", text)


def _pint_unit(unit: str) -> str:
    """A table or CLI unit spelling for pint: ``cm2`` -> ``cm**2``, ``ohm cm2`` -> ``ohm * cm**2``."""
    return _powers(_PINT.get(unit, unit))


def _quantity(value: float, unit: str) -> Any:
    return _ureg().Quantity(value, _pint_unit(unit))


def _units_file() -> str:
    """The unit cache's file name: one per pint version (read from its metadata, without importing pint)."""
    from importlib.metadata import version

    return f"units-pint-{version('pint')}.json"


_UNITS_LOCK = threading.Lock()


def _good(v: Any) -> bool:
    return isinstance(v, list) and len(v) == 2 and isinstance(v[0], (int, float)) and not isinstance(v[0], bool) \
        and math.isfinite(v[0]) and v[0] > 0 and isinstance(v[1], str)


@cache
def _known_units() -> dict[str, list[Any]]:
    """What pint said of each unit in earlier runs, ``{unit: [SI factor, dimensionality]}`` (a file in the cache
    directory, one per pint version, sealed with its SHA-256): importing pint and building its registry
    takes about 0.4 s, more than the rest of a typical assessment's set-up.  A file with anything else in it is not
    trusted (it is rebuilt)."""
    from .io import read_sealed_json

    got = read_sealed_json(_units_file())
    if not isinstance(got, dict) or not all(isinstance(k, str) and _good(v) for k, v in got.items()):
        return {}
    return dict(got)


@cache
def _unit(unit: str) -> tuple[float, str] | None:
    """(SI factor, dimensionality) of ``unit`` by pint, remembered across runs (:func:`_known_units`); None for a
    unit with an offset (degC), which only pint converts."""
    known = _known_units()
    got = known.get(unit)
    if got is None:
        from .io import write_sealed_json

        one, two = (_quantity(x, unit).to_base_units() for x in (1.0, 2.0))
        f = float(one.magnitude)
        if not (math.isfinite(f) and f > 0 and math.isclose(float(two.magnitude), 2.0 * f, rel_tol=1e-12)):
            return None
        with _UNITS_LOCK:  # threads (a Dask worker's) add units one at a time; the file gets a snapshot
            got = known[unit] = [f, str(one.dimensionality)]
            snapshot = dict(known)
        write_sealed_json(_units_file(), snapshot)
    return float(got[0]), str(got[1])


def _factor(unit: str) -> float:
    info = _unit(unit)
    return info[0] if info is not None else float(_quantity(1.0, unit).to_base_units().magnitude)


def to_si(value: float, unit: str) -> float:
    """``value`` in ``unit`` (a table unit: ``nm``, ``S/cm``, ``ohm cm2``, ``eV``, ``h`` ...) in SI base units
    (pint; the factor of each unit computed once)."""
    return value * _factor(unit)


def from_si(value: float, unit: str) -> float:
    """An SI value in ``unit`` (the inverse of :func:`to_si`)."""
    return value / _factor(unit)


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
    raw = load_yaml(resources.files("ssbkit").joinpath("data_files/parameters.yaml").read_text("utf-8"))
    out = {}
    for name, body in raw["parameters"].items():
        row = _Row.model_validate(body)
        out[name] = Parameter(name, float(row.value), row.unit, row.basis, _source(row), row.temperature_K,
                              row.range, row.note)
    return out


def _parse_value(name: str, unit: str, value: Any) -> float:
    """A user's value for ``name``: a number in the table's ``unit``, or a number with any unit pint converts."""
    if isinstance(value, bool):
        raise SsbkitError(f"parameter {name}: {value!r} is not a number", param="param")
    if isinstance(value, (int, float)):
        x = float(value)
    else:
        text = str(value).strip()
        try:
            x = float(text)
        except ValueError:
            x = _with_unit(name, unit, text)
    if not math.isfinite(x) or x <= 0:
        raise SsbkitError(f"parameter {name}: {value!r} must be a finite number > 0 ({unit})", param="param")
    if unit == "1" and x > 1:
        raise SsbkitError(f"parameter {name}: {value!r} is a ratio and must be <= 1", param="param")
    if unit == "deg" and x >= 180:
        raise SsbkitError(f"parameter {name}: {value!r} degrees must be < 180", param="param")
    return x


def _with_unit(name: str, unit: str, text: str) -> float:
    """``"10nm"``, ``"1e-9 S/m"``, ``"5 um"`` in the table's unit (pint)."""

    import pint

    spelled = {"ohmcm2": "ohm * cm ** 2", "ohm cm2": "ohm * cm ** 2", "µm": "um"}
    for k, v in spelled.items():
        text = text.replace(k, v)
    text = _powers(text)
    try:
        q = _ureg().Quantity(text)
        if not isinstance(q, pint.Quantity):
            raise ValueError(text)
        return float(q.to(_pint_unit(unit)).magnitude)
    except pint.DimensionalityError:
        raise SsbkitError(f"parameter {name}: {text!r} is not in units of {unit}", param="param") from None
    except (pint.UndefinedUnitError, ValueError, TypeError, AttributeError, AssertionError):
        raise SsbkitError(f"parameter {name}: cannot read {text!r} as a number in {unit}", param="param") from None


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
        from .io import read_text

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
                    from .materials import parse_formula

                    formula = parse_formula(name[6:]).reduced_formula
                    name = f"sigma.{formula}"
                    base = table.get(name) or Parameter(name, 0.0, "S/cm", "user", None)
                else:
                    from .suggest import did_you_mean

                    names = sorted(k for k in table if not k.startswith("sigma."))
                    raise SsbkitError(f"unknown parameter {name!r}{did_you_mean(name, names)}: use sigma.FORMULA or "
                                      f"one of {', '.join(names)}", param="param")
            table[name] = replace(base, value=_parse_value(name, base.unit, value), basis="user",
                                  source="set by the user")
        return Parameters(table)

    def get(self, name: str) -> Parameter:
        return self.table[name]

    def value(self, name: str) -> float:
        return self.table[name].value

    def unit(self, name: str) -> str:
        return self.table[name].unit

    def si(self, name: str) -> float:
        """The value of ``name`` in SI base units (m, S/m, ohm m2, m3/mol, J/mol, Pa, K, m/s ...)."""
        p = self.table[name]
        return to_si(p.value, p.unit)

    def value_in(self, name: str, unit: str) -> float:
        """The value of ``name`` in ``unit`` (a model's argument unit, e.g. eV, J/mol, m2/s)."""
        p = self.table[name]
        a, b = _unit(p.unit), _unit(unit)
        if a is not None and b is not None and a[1] == b[1]:
            return p.value * a[0] / b[0]
        return float(_quantity(p.value, p.unit).to(_pint_unit(unit)).magnitude)  # pint says what does not fit

    def group(self, prefix: str) -> dict[str, float]:
        """The SI values of the parameters ``PREFIX.NAME`` as ``{NAME: value}`` (a model's defaults)."""
        return {k[len(prefix) + 1:]: self.si(k) for k in self.table if k.startswith(prefix + ".")}

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


def default(name: str, unit: str) -> float:
    """A physics model's default from the shipped store, in ``unit`` (``default("contact.li_hardness", "Pa")``):
    the models' module constants are read from here, so the store is the one place a default is written."""
    return Parameters(_table()).value_in(name, unit)
