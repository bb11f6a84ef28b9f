"""One validation layer for the numbers and names that enter ssbkit (CLI, web and Python API).

Every value a user gives passes here before it reaches a calculation: it must be a finite number
inside its physical range (``nan``, ``inf``, ``1e309`` and out-of-range values are refused with one
line that names the input and its range, never turned into a silent guess), a scan must hold at
most :data:`MAX_SCAN_POINTS` points, and a material name must not be empty or blank.

>>> voltage(4.3)
4.3
>>> grid(0, 1, 0.25)
[0.0, 0.25, 0.5, 0.75, 1.0]
>>> number(float("nan"), "voltage", 0, 10)
Traceback (most recent call last):
...
ssbkit.errors.SsbkitError: voltage nan is not a finite number: give a number between 0 and 10
"""

from __future__ import annotations

import math
from typing import Any, Final

from .errors import FormulaError, SsbkitError

#: Highest potential accepted anywhere, V vs Li/Li+ (no electrode or electrolyte is studied beyond it).
MAX_VOLTAGE_V: Final = 10.0
#: Most points a voltage scan may hold (0-10 V at 1 mV).
MAX_SCAN_POINTS: Final = 10_001
#: Longest material name or formula accepted, characters.
MAX_NAME_CHARS: Final = 200


def _fmt(x: float) -> str:
    return f"{x:g}"


def number(value: Any, what: str, lo: float | None = None, hi: float | None = None, *, unit: str = "",
           lo_open: bool = False, hi_open: bool = False, param: str | None = None) -> float:
    """``value`` as a finite float inside [lo, hi] (open ends with ``lo_open``/``hi_open``), or one-line error.

    Args:
        value: a number or numeric text.
        what: how the input is called in the message (``"voltage"``, ``"--time"``).
        lo, hi: the physical range (None: unbounded on that side).
        unit: printed after the range.
        param: the input's domain name, for the CLI/web hint.
    """
    u = f" {unit}" if unit else ""
    if lo is not None and hi is not None:
        ends = {(False, False): "", (True, False): f" (above {_fmt(lo)})", (False, True): f" (below {_fmt(hi)})",
                (True, True): " (neither end)"}[(lo_open, hi_open)]
        rng = f"between {_fmt(lo)} and {_fmt(hi)}{u}{ends}"
    elif lo is not None:
        rng = f"{'above' if lo_open else 'at least'} {_fmt(lo)}{u}"
    elif hi is not None:
        rng = f"{'below' if hi_open else 'at most'} {_fmt(hi)}{u}"
    else:
        rng = "a finite number"
    if isinstance(value, bool):
        raise SsbkitError(f"{what} {value!r} is not a number: give a number {rng}", param=param)
    try:
        x = float(value)
    except (TypeError, ValueError, OverflowError):
        raise SsbkitError(f"cannot read {what} {value!r}: give a number {rng}", param=param) from None
    if not math.isfinite(x):
        raise SsbkitError(f"{what} {value} is not a finite number: give a number {rng}", param=param)
    if lo is not None and (x < lo or (lo_open and x == lo)):
        raise SsbkitError(f"{what} {_fmt(x)}{u} is out of range: give a number {rng}", param=param)
    if hi is not None and (x > hi or (hi_open and x == hi)):
        raise SsbkitError(f"{what} {_fmt(x)}{u} is out of range: give a number {rng}", param=param)
    return x


def integer(value: Any, what: str, lo: int | None = None, hi: int | None = None, *, param: str | None = None) -> int:
    """``value`` as an int inside [lo, hi], or one-line error."""
    x = number(value, what, lo, hi, param=param)
    if x != int(x):
        raise SsbkitError(f"{what} {_fmt(x)} must be a whole number", param=param)
    return int(x)


def voltage(value: Any, what: str = "voltage", param: str | None = "voltage") -> float:
    """A potential in V vs Li/Li+, 0 <= V <= :data:`MAX_VOLTAGE_V`."""
    return number(value, what, 0.0, MAX_VOLTAGE_V, unit="V vs Li/Li+", param=param)


def grid(start: Any, stop: Any, step: Any, what: str = "voltage scan", lo: float = 0.0,
         hi: float = MAX_VOLTAGE_V, max_points: int = MAX_SCAN_POINTS, param: str | None = "scan") -> list[float]:
    """Inclusive grid START, START+STEP, ... <= STOP inside [lo, hi] with at most ``max_points`` points."""
    a = number(start, f"{what} start", lo, hi, unit="V", param=param)
    b = number(stop, f"{what} stop", lo, hi, unit="V", param=param)
    s = number(step, f"{what} step", 0.0, hi - lo if hi > lo else None, unit="V", lo_open=True, param=param)
    if b < a:
        raise SsbkitError(f"{what} {_fmt(a)}:{_fmt(b)}:{_fmt(s)}: START must not exceed STOP", param=param)
    count = (b - a) / s + 1e-9
    if count + 1 > max_points:
        raise SsbkitError(f"{what} {_fmt(a)}:{_fmt(b)}:{_fmt(s)} has {count + 1:.3g} points, more than "
                          f"{max_points}: use a larger STEP", param=param)
    n = math.floor(count) + 1
    return [round(a + i * s, 10) for i in range(n)]


def name(text: Any, what: str = "material name", param: str | None = None) -> str:
    """A material name or formula: not empty or blank, no control characters, at most :data:`MAX_NAME_CHARS`."""
    if not isinstance(text, str):
        raise FormulaError(f"{what} must be text, got {type(text).__name__}", param=param)
    s = text.strip()
    if not s:
        raise FormulaError(f"empty {what}: give a formula such as Li3PS4 or an abbreviation such as LGPS",
                           param=param)
    if any(ord(c) < 32 or ord(c) == 127 for c in s):
        raise FormulaError(f"{what} {s!r} contains a control character: type the formula plainly", param=param)
    if len(s) > MAX_NAME_CHARS:
        raise FormulaError(f"{what} {s[:40]!r}... is longer than {MAX_NAME_CHARS} characters", param=param)
    return s
