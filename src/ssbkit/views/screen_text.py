"""Terminal text of the coating, interlayer and pair screens (a whole-database screen's funnel included)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

from ..constants import REACTS_EV
from .text import _v

if TYPE_CHECKING:
    from ..interfaces.coatings import BareInterface, ScreenResult
    from ..screening.pairs import PairScreen


def bare_line(b: BareInterface) -> str:
    """One sentence for the bare (uncoated) interface of a screen."""
    if b.classification is not None:
        return (f"bare interface: {b.classification}, {b.reaction_closed_eV_per_atom:.3f} eV/atom at "
                f"{b.anode_potential_V or 0.0:g} V -> {', '.join(b.products_closed) or 'no reaction'}")
    parts = []
    if b.reaction_at_voltage_eV_per_atom is not None:
        parts.append(f"{b.reaction_at_voltage_eV_per_atom:.3f} eV/atom at the voltage -> "
                     + (", ".join(b.products_at_voltage) or "no reaction"))
    if b.reaction_closed_eV_per_atom is not None:
        parts.append(f"{b.reaction_closed_eV_per_atom:.3f} eV/atom closed -> "
                     + (", ".join(b.products_closed) or "no reaction"))
    return "bare interface: " + "; ".join(parts)


def screen(con: Console, res: ScreenResult, title: str, top: int | None) -> None:
    """A ranked coating / interlayer screen with the reasons of each rank."""
    t = Table(title=title)
    for col in ("#", "Candidate", "Tier", "Score", "Window V", "Reactions", "Electronic", "σ S/cm"):
        t.add_column(col, no_wrap=True, min_width=len(col))
    rows = res.rows if top is None else res.rows[:top]
    for r in rows:
        lo, hi = r.reduction_limit_V, r.oxidation_limit_V
        win = "-" if lo is None else f"{lo:.2f}-" + ("inf" if hi is None else f"{hi:.2f}")
        rx = "\n".join(f"{k[:4]}. " + (f"{v:+.3f}" if v < -REACTS_EV else "none") for k, v in r.reaction_with.items())
        sig = "-" if r.conductivity is None else f"{r.conductivity.conductivity_S_per_cm:.1e}"
        score = 0.0 if abs(r.score_eV_per_atom) < 5e-4 else r.score_eV_per_atom
        t.add_row(str(r.rank), r.name, str(r.tier), f"{score:.3f}", win, rx, r.electronic.label, sig)
    con.print(t)
    tiers = ", ".join(f"{i}: {t}" for i, t in enumerate(res.tiers))
    what = ("the largest driving force the candidate sees: its own decomposition at the voltage or its reaction "
            "with a neighbour" if res.kind == "coatings" else
            "the larger of the anode's reaction with the interlayer and the driving force left on the electrolyte")
    con.print(f"Score (eV/atom, lower is better) = {what}. Tiers: {tiers}. Order: {res.ranking}. Why:",
              highlight=False)
    for r in rows:
        con.print(f"  {r.rank}. {r.name}: " + "; ".join(r.reasons), highlight=False)
    if top is not None and len(res.rows) > top:
        con.print(f"  ... {len(res.rows) - top} more (--top N shows more; --json gives every row)", highlight=False)
    if res.funnel is not None:
        funnel(con, res.funnel)
    con.print(bare_line(res.bare), highlight=False)
    for s in res.skipped:
        con.print(f"[yellow]skipped {s.name}:[/yellow] {s.reason}")
    for n in res.provenance.notes:
        con.print(n, style="bright_black", highlight=False)


def funnel(con: Console, f: Any) -> None:
    """The steps of a whole-database screen, with how many pass each, and where the reviews' compounds left."""
    t = Table(title=f"Funnel over {f.data_entries} entries of the data")
    for col in ("Step", "Passed", "Criterion"):
        t.add_column(col)
    for st in f.steps:
        t.add_row(st.step, str(st.passed), st.criterion)
    con.print(t)
    if f.fate:
        con.print("The reviews' compounds for this role: " + "; ".join(f"{k} {v}" for k, v in f.fate.items()),
                  highlight=False)


def pair_screen(con: Console, res: PairScreen) -> None:
    win = res.window_V
    t = Table(title=f"{res.pairs} pairs x {res.voltages} voltages"
              + (f", worst within {win[0]:g}-{win[1]:g} V" if win else ""))
    for col in ("Electrolyte", "Electrode", "Worst eV/atom", "At V", "Products", "Products change at V"):
        t.add_column(col)
    for r in res.ranking:
        ch = r.product_changes_V
        changes = ", ".join(f"{v:.3f}" for v in ch[:4]) + (f" (+{len(ch) - 4})" if len(ch) > 4 else "")
        if r.error is not None:
            t.add_row(r.electrolyte, r.electrode, "error", "", r.error, "")
            continue
        if r.reacts is False:
            t.add_row(r.electrolyte, r.electrode, _v(r.worst_reaction_energy_eV_per_atom), "-", "(no reaction)",
                      changes)
            continue
        at = "closed" if r.at_voltage_V is None else f"{r.at_voltage_V:.2f}"
        t.add_row(r.electrolyte, r.electrode, _v(r.worst_reaction_energy_eV_per_atom), at, ", ".join(r.products),
                  changes)
    con.print(t)
    if res.results_file:
        con.print(f"results: {res.results_file} (rerun the same command to resume)")
