"""Options shared by the thermodynamic commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

entries_option = click.option(
    "--entries", "entries", metavar="PATH|mp", default=None,
    help="Thermodynamic data: CSV/CSV.gz (formula, formation energy eV/atom), pymatgen ComputedEntry "
         "JSON, or 'mp' (Materials Project API, key in MP_API_KEY). Default: $SSBKIT_ENTRIES.")

bandgaps_option = click.option(
    "--bandgaps", "bandgaps", metavar="PATH|mp", default=None,
    help="Band gaps for the electronic character of products: CSV/CSV.gz (pretty_formula, band_gap eV) "
         "or 'mp'. Default: $SSBKIT_BANDGAPS.")

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON only.")


def thermo_for(entries: str | None) -> Any:
    """Open the data source and return a :class:`ssbkit.thermo.Thermo`."""
    from ..data.source import open_source
    from ..thermo import Thermo

    return Thermo(open_source(entries))


def with_progress(items: list[Any], label: str, fn: Callable[[Any], Any], quiet: bool = False) -> list[Any]:
    """Apply ``fn`` to items with a progress bar on stderr (counts and ETA) when there are several."""
    if len(items) < 4 or quiet:
        return [fn(x) for x in items]
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    out = []
    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as prog:
        task = prog.add_task(label, total=len(items))
        for x in items:
            out.append(fn(x))
            prog.advance(task)
    return out
