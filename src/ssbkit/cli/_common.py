"""Helpers shared by the CLI modules: error lines with flag hints, JSON output, unit options."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from ..errors import SsbkitError
from ..io import to_json
from ..redact import redact
from ..units import MIN_TEMPERATURE_K, parse_quantity


def fail(message: str) -> int:
    """Print a one-line error (secrets redacted) and return exit code 2."""
    line = " ".join(str(redact(str(message))).split())
    click.echo(f"ssbkit: error: {line}", err=True)
    return 2


#: How the CLI gives each input a domain error is about (errors name the input, the CLI names the flag).
HINTS = {
    "entries": "give --entries PATH|mp or set SSBKIT_ENTRIES",
    "bandgaps": "give --bandgaps PATH|mp or set SSBKIT_BANDGAPS",
    "voltage": "see --voltage",
    "dask": "see --dask",
    "out": "see --out and --restart",
    "step": "see --step",
    "plot": "see --plot",
    "param": "see --param",
    "params": "see --params",
    "threshold": "see --time, --asr-threshold, --incompatible-threshold",
    "substitute": "see --substitute",
    "compensate": "see --compensate",
    "structure": "see --structure",
    "structures": "give --structures PATH or set SSBKIT_STRUCTURES",
    "volumes": "give --volumes PATH or set SSBKIT_VOLUMES",
    "carbon": "see --carbon-amount",
}

#: What the CLI says, once, after a text result that lacked some data (the domain says what is missing; the
#: CLI says how to supply it).
MISSING_DATA = {
    "no band gap": "band gaps: give --bandgaps PATH|mp or set SSBKIT_BANDGAPS (a CSV of formula, band_gap in eV)",
    "has no entries containing": "thermodynamic data: give --entries PATH|mp or set SSBKIT_ENTRIES",
    "no thermodynamic data": "thermodynamic data: give --entries PATH|mp or set SSBKIT_ENTRIES",
    "reference structures": "structures: give --structures PATH or set SSBKIT_STRUCTURES (JSON lines of formula, cif)",
}


def guide_missing(result: Any) -> None:
    """After a text result: one line on stderr per kind of missing data it mentions, saying how to supply it."""
    blob = to_json(result)
    for marker, how in MISSING_DATA.items():
        if marker in blob:
            click.echo(f"ssbkit: to fill the gaps: {how}", err=True)


def message(exc: SsbkitError) -> str:
    """The error's one line, with the CLI's hint for the input it names."""
    hint = HINTS.get(exc.param or "")
    text = str(exc)
    return f"{text} ({hint})" if hint and hint.split()[-1] not in text else text


class Checked(click.ParamType):
    """A number option checked by :mod:`ssbkit.validate`: finite, inside its physical range (``nan`` and
    ``inf`` refused), optionally a whole number."""

    name = "number"

    def __init__(self, lo: float | None = None, hi: float | None = None, unit: str = "", *, lo_open: bool = False,
                 hi_open: bool = False, integer: bool = False) -> None:
        self.lo, self.hi, self.unit = lo, hi, unit
        self.lo_open, self.hi_open, self.integer = lo_open, hi_open, integer
        self.name = "integer" if integer else "number"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from .. import validate

        what = f"--{param.name.replace('_', '-')}" if param is not None and param.name else "value"
        if param is not None and param.opts:
            what = max(param.opts, key=len)
        try:
            if self.integer:
                return validate.integer(value, what, None if self.lo is None else int(self.lo),
                                        None if self.hi is None else int(self.hi))
            return validate.number(value, what, self.lo, self.hi, unit=self.unit, lo_open=self.lo_open,
                                   hi_open=self.hi_open)
        except SsbkitError as exc:
            raise click.BadParameter(str(exc).replace(f"{what} ", "", 1), ctx=ctx, param=param) from None


#: Potentials vs Li/Li+ (V): 0 to 10.
VOLTAGE = Checked(0.0, 10.0, "V vs Li/Li+")


class Quantity(click.ParamType):
    """A quantity option with units (``500h``, ``2d``, ``30min``), converted to ``unit``; a bare number keeps the
    option's historical meaning (``default_unit``).  Checked inside [lo, hi] in ``unit`` (open ends optional)."""

    name = "quantity"

    def __init__(self, kind: str, unit: str, default_unit: str | None = None, lo: float | None = None,
                 hi: float | None = None, *, lo_open: bool = False) -> None:
        self.kind, self.unit, self.default_unit = kind, unit, default_unit or unit
        self.lo, self.hi, self.lo_open = lo, hi, lo_open

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from .. import validate
        from ..units import to_unit

        if isinstance(value, float):
            return value
        what = max(param.opts, key=len) if param is not None and param.opts else "value"
        try:
            if not str(value).strip():
                raise SsbkitError(f"empty value: give a number with a unit, e.g. 500{self.unit}")
            si = parse_quantity(value, self.kind, default_unit=self.default_unit,
                                name=self.kind.replace("_", " "))
        except SsbkitError as exc:
            raise click.BadParameter(str(exc), ctx=ctx, param=param) from None
        try:
            return validate.number(to_unit(si, self.kind, self.unit), what, self.lo, self.hi, unit=self.unit,
                                   lo_open=self.lo_open)
        except SsbkitError as exc:
            raise click.BadParameter(str(exc).replace(f"{what} ", "", 1), ctx=ctx, param=param) from None


def echo_json(obj: Any) -> None:
    """Print ``obj`` (a result or a list of results) as JSON and nothing else."""
    click.echo(to_json(obj))


def show(result: Any, as_json: bool, **context: Any) -> None:
    """Print a command's result: JSON under ``--json``, else its text (:func:`ssbkit.views.render.emit`; ``context``:
    what the text names beside the result)."""
    if as_json:
        echo_json(result)
        return
    from ..views.render import emit

    emit(result, "text", **context)


def quantity(kind: str, default_unit: str | None = None, name: str | None = None) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """A click callback that parses a unit-bearing option into SI."""

    def _cb(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is None:
            return None
        label = name or f"--{param.name.replace('_', '-')}" if param.name else kind
        if not str(value).strip():
            raise click.BadParameter("empty value: give a number with a unit", ctx=ctx, param=param)
        return parse_quantity(value, kind, default_unit=default_unit, name=label)

    return _cb


def scan_spec(text: str) -> list[float]:
    """``START:STOP:STEP`` (or ``START:STOP``, step 0.05 V) -> the voltage grid in V vs Li/Li+."""
    from ..interfaces.reactions import voltage_grid

    parts = text.split(":")
    try:
        nums = [float(p) for p in parts]
    except ValueError:
        raise SsbkitError(f"cannot read --scan {text!r}: use START:STOP:STEP in volts, e.g. 0:5:0.05") from None
    if len(nums) == 2:
        nums.append(0.05)
    if len(nums) != 3:
        raise SsbkitError(f"cannot read --scan {text!r}: use START:STOP:STEP in volts, e.g. 0:5:0.05")
    return voltage_grid(*nums)


MAX_TEMPERATURE_POINTS = 1000


def temperatures(spec: str) -> list[float]:
    """``T`` or ``START:STOP[:STEP]`` with units (``25C:1100C:25K``; default step 25 K) -> kelvin."""
    from ..units import parse_quantity
    from ..validate import number

    parts = [p.strip() for p in str(spec).split(":")]
    if not all(parts) or len(parts) > 3:
        raise SsbkitError(f"cannot read --temperature {spec!r}: give T (700C) or START:STOP[:STEP] (25C:1100C:25K)",
                          param="temperature")
    ts = [parse_quantity(p, "temperature", default_unit="K", name="--temperature") for p in parts[:2]]
    for t in ts:
        number(t, "temperature", MIN_TEMPERATURE_K, 2000.0, unit="K", param="temperature")
    if len(ts) == 1:
        return ts
    step = parse_quantity(parts[2], "temperature", default_unit="K", name="--temperature step") if len(parts) == 3 \
        else 25.0
    if step <= 0:
        raise SsbkitError("the temperature step must be > 0 K", param="temperature")
    lo, hi = ts
    if lo > hi:
        raise SsbkitError("in --temperature START:STOP, START must not exceed STOP", param="temperature")
    n = int((hi - lo) / step + 1e-9) + 1
    if n > MAX_TEMPERATURE_POINTS:
        raise SsbkitError(f"--temperature gives {n} points: at most {MAX_TEMPERATURE_POINTS}; use a larger step",
                          param="temperature")
    out = [round(lo + k * step, 6) for k in range(n)]
    if hi - out[-1] > 1e-6:
        out.append(hi)
    return out


def atmosphere_spec(spec: str | None, humidity: str | None, carbon: bool, open_mu: str | None = None,
                    carbon_amount: str | None = None) -> Any:
    """The atmosphere of ``--atmosphere``, ``--humidity``, ``--carbon`` (``carbon_amount``: ``--carbon-amount``,
    mol C per formula unit) and ``--open``."""
    from ..thermo.atmosphere import parse_atmosphere, with_open

    carbon = carbon or carbon_amount is not None
    if open_mu is not None:
        base = None if spec is None and humidity is None and not carbon else \
            atmosphere_spec(spec or "air", humidity, carbon, carbon_amount=carbon_amount)
        return with_open(base, open_mu)
    spec = spec or "air"

    rh = None
    if humidity is not None:
        h = humidity.strip().rstrip("%").strip()
        if not h:
            raise SsbkitError("empty --humidity: give a relative humidity in percent, 0-100", param="humidity")
        rh = h
    return parse_atmosphere(spec, rh, carbon, carbon_amount)  # type: ignore[arg-type]
