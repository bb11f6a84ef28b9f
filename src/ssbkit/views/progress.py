"""Progress of long work, on stderr only (rich), never on stdout; silent when stderr is not a terminal.

Every command whose work may take more than a couple of seconds (relaxations with the potential, ``dope``,
screens, scans over many materials) reports through these two helpers, so ``--json`` output on stdout stays
pure JSON and logs or pipes get nothing they did not ask for.  ``SSBKIT_PROGRESS=always`` forces the display
(e.g. for a terminal that does not say it is one), ``never`` turns it off.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def enabled() -> bool:
    """Whether progress is shown: stderr is a terminal (or ``SSBKIT_PROGRESS=always``)."""
    mode = os.environ.get("SSBKIT_PROGRESS", "").strip().lower()
    if mode in ("never", "0", "off", "no"):
        return False
    if mode in ("always", "1", "on", "yes"):
        return True
    try:
        return bool(sys.stderr.isatty())
    except (AttributeError, ValueError):
        return False


def _console() -> Any:
    from rich.console import Console

    return Console(stderr=True, force_terminal=True if enabled() else None)


@contextmanager
def status(label: str) -> Iterator[Callable[[str], None]]:
    """A spinner with the elapsed time for work of unknown length; yields ``say(message)`` to update it."""
    if not enabled():
        yield lambda msg: None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=_console(),
                  transient=True) as prog:
        task = prog.add_task(label, total=None)
        yield lambda msg: prog.update(task, description=f"{label}: {msg}")


@contextmanager
def bar(label: str, total: int, completed: int = 0) -> Iterator[Callable[[int], None]]:
    """A bar with counts and ETA; yields ``advance(n=1)``."""
    if not enabled():
        yield lambda n=1: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=_console(),
                  transient=True) as prog:
        task = prog.add_task(label, total=total, completed=completed)
        yield lambda n=1: prog.advance(task, n)


def each(items: Iterable[T], label: str, fn: Callable[[T], R], minimum: int = 4) -> list[R]:
    """``[fn(x) for x in items]`` with a bar when there are at least ``minimum`` items."""
    items = list(items)
    if len(items) < minimum:
        return [fn(x) for x in items]
    out: list[R] = []
    with bar(label, len(items)) as advance:
        for x in items:
            out.append(fn(x))
            advance(1)
    return out
