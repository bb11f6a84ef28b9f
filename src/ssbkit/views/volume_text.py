"""Terminal text of a volume change (``ssbkit volume``)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table


def volume_change(con: Console, r: Any) -> None:
    """The change, its path (state, Li, volume per formula unit), the measured value beside, notes."""
    a, b = r.voltage_range_V
    con.print(f"[bold]{r.formula}[/bold] from {a:g} to {b:g} V vs Li/Li+: volume change "
              f"[bold]{r.volume_change_percent:+.1f} %[/bold] ({r.method})", highlight=False)
    t = Table(title="Path (volumes per formula unit of the starting material)")
    for col in ("from V", "Li per f.u.", "phases", "volume A^3/f.u.", "basis"):
        t.add_column(col)
    for p in r.path:
        t.add_row(f"{p.voltage_V:.3f}", f"{p.li_per_formula_unit:+.3g}", ", ".join(p.phases),
                  f"{p.volume_A3_per_formula_unit:.2f}", p.basis)
    con.print(t)
    if r.measured_percent is not None:
        lo, hi = r.measured_range_percent
        inside = "inside" if lo <= r.volume_change_percent <= hi else "outside"
        verdict = (f"computed {r.error_percent_points:+.1f} points, {inside} the range"
                   if r.error_percent_points is not None else "not compared (another Li content, below)")
        con.print(f"  measured: {r.measured_percent:+.3g} % to {r.measured_to} (range {lo:+.3g} to {hi:+.3g} %; "
                  f"{escape(r.measured_reference)}): {verdict}", highlight=False)
    for note in r.notes:
        con.print(f"[dim]  {escape(note)}[/dim]", highlight=False)
