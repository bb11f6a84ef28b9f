"""Option parsers of ``ssbkit physics``: quantities with units, lists of them, rates, angles, fractions and
(temperature, value) points, each refused with one line when out of range."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import click

from ..errors import UnitError
from ..units import parse_quantity
from ._common import quantity

#: ``--json`` of the physics commands
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON only (keys name units).")


def param_default(name: str, unit: str) -> str:
    """A parameter's table value as option text (``150 GPa``), for an option's default."""
    from ..parameters import Parameters

    return f"{Parameters.load().value_in(name, unit or 'dimensionless'):g}{' ' + unit if unit else ''}"


def positive(kind: str, default_unit: str | None = None, allow_zero: bool = False) -> Callable[..., Any]:
    """Click callback: parse a unit-bearing option into SI and require it to be > 0 (or >= 0)."""
    base = quantity(kind, default_unit)

    def _cb(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is None:
            return None
        v = base(ctx, param, value)
        label = f"--{param.name.replace('_', '-')}" if param.name else kind
        if v < 0 or (v == 0 and not allow_zero):
            raise UnitError(f"{label} must be {'non-negative' if allow_zero else 'positive'}, got {value!r}")
        return v

    return _cb


def list_of(kind: str, default_unit: str | None = None, allow_zero: bool = False) -> Callable[..., Any]:
    """Click callback: comma-separated list of quantities, each parsed into SI."""

    def _cb(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is None:
            return None
        label = f"--{param.name.replace('_', '-')}" if param.name else kind
        out = []
        for item in str(value).split(","):
            if not item.strip():
                raise UnitError(f"{label}: empty item in {value!r}")
            v = parse_quantity(item, kind, default_unit=default_unit, name=label)
            if kind != "temperature" and (v < 0 or (v == 0 and not allow_zero)):
                raise UnitError(f"{label} must be {'non-negative' if allow_zero else 'positive'}, got {item.strip()!r}")
            out.append(v)
        return out

    return _cb


_NUM = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")


def parse_rate(text: str, power: int, label: str) -> float:
    """'1e-18m2/s', '0.5nm2/h' (power 2) or '5nm/h', '1e-12m/s' (power 1) -> SI (m^power/s)."""
    m = _NUM.match(str(text))
    example = "1e-18m2/s or 0.1nm2/h" if power == 2 else "1e-12m/s or 5nm/h"
    if not m:
        raise UnitError(f"cannot read {label} {text!r}: expected a number with a unit, e.g. {example}")
    number, unit = float(m.group(1)), m.group(2).replace(" ", "").replace("^", "").replace("²", "2")
    if "/" not in unit:
        raise UnitError(f"{label} {text!r} needs a unit of length{'^2' if power == 2 else ''} per time, e.g. {example}")
    lu, tu = unit.split("/", 1)
    if power == 2:
        if not lu.endswith("2"):
            raise UnitError(f"{label} {text!r} is a parabolic rate constant: use length^2/time, e.g. {example}")
        lu = lu[:-1]
    lf = parse_quantity(f"1{lu}", "length", name=label)
    tf = parse_quantity(f"1{tu}", "time", name=label)
    return number * lf ** power / tf


def rate_cb(power: int) -> Callable[..., Any]:
    def _cb(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is None:
            return None
        label = f"--{param.name.replace('_', '-')}" if param.name else "rate"
        v = parse_rate(value, power, label)
        if v < 0:
            raise UnitError(f"{label} must be non-negative, got {value!r}")
        return v

    return _cb


def angle_cb(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if value is None:
        return None
    m = _NUM.match(str(value))
    if not m or m.group(2).lower() not in ("", "deg", "°", "degree", "degrees"):
        raise UnitError(f"cannot read --contact-angle {value!r}: give degrees, e.g. 62 or 62deg")
    return float(m.group(1))


def fraction_cb(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """A fraction: bare number (0.05) or percent (5%)."""
    if value is None:
        return None
    label = f"--{param.name.replace('_', '-')}" if param.name else "fraction"
    return parse_quantity(value, "dimensionless", default_unit="", name=label)


#: the largest volume change an electrode shows (Si -> Li15Si4 is +280 %), as a fraction
MAX_VOLUME_CHANGE = 4.0


def volume_change_cb(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """A volume change dV/V: a fraction (0.075) or percent (7.5%), above -100 % and at most +400 %."""
    x = fraction_cb(ctx, param, value)
    if x is not None and not (-1.0 < x <= MAX_VOLUME_CHANGE):
        label = f"--{param.name.replace('_', '-')}" if param.name else "volume change"
        as_percent = "%" not in str(value) and MAX_VOLUME_CHANGE < x <= 100 * MAX_VOLUME_CHANGE
        hint = f" (did you mean {value}%?)" if as_percent else ""
        raise UnitError(f"{label} {value} is {100 * x:g} %: give a fraction (0.075) or a percent (7.5%) above "
                        f"-100 % and at most +{100 * MAX_VOLUME_CHANGE:g} %{hint}")
    return x


def points_cb(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """'30C:0.05,160C:14' -> [(303.15, '0.05'), (433.15, '14')] (values parsed later with --unit)."""
    if value is None:
        return None
    out = []
    for item in str(value).split(","):
        if ":" not in item:
            raise UnitError(f"cannot read --points item {item.strip()!r}: write TEMPERATURE:VALUE, e.g. 30C:0.05")
        t, v = item.split(":", 1)
        out.append((parse_quantity(t, "temperature", name="--points temperature"), v.strip()))
    return out
