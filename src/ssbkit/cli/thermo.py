"""CLI: ``ssbkit window``, ``ssbkit hull``, ``ssbkit decompose``."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from ._common import echo_json
from .options import entries_option, json_option, thermo_for, with_progress


def _fmt_v(v: float | None) -> str:
    return "-" if v is None else f"{v:.3f}"


@click.command("window")
@click.argument("formulas", nargs=-1, required=True)
@click.option("--vmax", type=float, default=5.0, show_default=True,
              help="Top of the voltage range (V vs Li/Li+) for decomposition energies and plots.")
@click.option("--plot", "plot_path", metavar="FILE.png", help="Write a window chart (seed 1 Fig. 2a style).")
@click.option("--profile", "show_profile", is_flag=True, help="Also print the whole Li-uptake profile.")
@entries_option
@json_option
def window_cmd(formulas: tuple[str, ...], vmax: float, plot_path: str | None, show_profile: bool,
               entries: str | None, as_json: bool) -> None:
    """Intrinsic electrochemical stability window of each FORMULA (or abbreviation: LGPS, LLZO, ...)."""
    if vmax <= 0:
        raise click.BadParameter("must be > 0 V", param_hint="--vmax")
    if plot_path and not plot_path.lower().endswith((".png", ".svg")):
        raise click.BadParameter("give a .png or .svg file name", param_hint="--plot")
    th = thermo_for(entries)
    windows = with_progress(list(formulas), "windows", lambda f: th.window(f, (0.0, vmax)), quiet=as_json)
    if plot_path:
        from ..report.plots import window_chart

        window_chart(windows, plot_path, v_max=vmax)
    if as_json:
        echo_json(windows[0] if len(windows) == 1 else windows)
        return
    con = Console()
    t = Table(title="Electrochemical stability windows (V vs Li/Li+)")
    for col in ("Material", "Reduction", "Oxidation", "Reduced to", "Oxidised to", "E_hull meV/at"):
        t.add_column(col)
    for w in windows:
        eh = "n/a" if w.e_above_hull_eV_per_atom is None else f"{w.e_above_hull_eV_per_atom * 1000:.1f}"
        t.add_row(w.formula, _fmt_v(w.reduction_limit_V), _fmt_v(w.oxidation_limit_V),
                  ", ".join(w.reduction_products) or "(stable vs Li)", ", ".join(w.oxidation_products) or "-", eh)
    con.print(t)
    for w in windows:
        for note in w.notes:
            con.print(f"[dim]{w.formula}: {note}[/dim]")
        if show_profile:
            pt = Table(title=f"{w.formula}: Li-uptake profile")
            for col in ("V vs Li/Li+", "Li per f.u.", "Phases"):
                pt.add_column(col)
            for s in w.profile:
                pt.add_row(f"{s.voltage_V:.3f}", f"{s.li_per_formula_unit:+.3f}", ", ".join(s.phases))
            con.print(pt)
    con.print(f"[dim]data: {windows[0].provenance.get('data_source')} ({windows[0].provenance.get('data_version', '')[:19]})[/dim]")
    if plot_path:
        con.print(f"plot written to {plot_path}")


@click.command("hull")
@click.argument("formula")
@entries_option
@json_option
def hull_cmd(formula: str, entries: str | None, as_json: bool) -> None:
    """Energy above the convex hull and decomposition of FORMULA."""
    th = thermo_for(entries)
    r = th.hull(formula)
    if as_json:
        echo_json(r)
        return
    con = Console()
    eh = "not in data" if r.e_above_hull_eV_per_atom is None else f"{r.e_above_hull_eV_per_atom * 1000:.1f} meV/atom"
    con.print(f"[bold]{r.formula}[/bold] in {r.chemical_system} ({r.n_stable_phases} stable phases)")
    con.print(f"  energy above hull: {eh}; hull formation energy {r.hull_energy_eV_per_atom:.4f} eV/atom")
    con.print("  decomposition: " + " + ".join(f"{d['atom_fraction']:.3f} {d['formula']}" for d in r.decomposition))
    for p in r.polymorphs:
        con.print(f"  polymorph {p['entry_id']}: E_f {p['e_form_eV_per_atom']:.4f}, "
                  f"E_hull {p['e_above_hull_eV_per_atom'] * 1000:.1f} meV/atom")


@click.command("decompose")
@click.argument("formula")
@click.option("--voltage", type=float, default=None, help="Open to Li at this potential (V vs Li/Li+).")
@entries_option
@json_option
def decompose_cmd(formula: str, voltage: float | None, entries: str | None, as_json: bool) -> None:
    """Equilibrium decomposition of FORMULA, closed or at --voltage (Li exchanged with a reservoir)."""
    th = thermo_for(entries)
    r = th.decompose(formula, voltage)
    if as_json:
        echo_json(r)
        return
    con = Console()
    where = "closed system" if voltage is None else f"{voltage:g} V vs Li/Li+"
    con.print(f"[bold]{r.formula}[/bold] ({where}): {r.reaction}")
    con.print(f"  reaction energy {r.reaction_energy_eV_per_atom:.4f} eV/atom; "
              f"Li exchanged {r.li_exchanged_per_formula_unit:+.3f} per formula unit")


def register(cli: click.Group) -> None:
    """Add the thermodynamic commands to the ``ssbkit`` group."""
    cli.add_command(window_cmd)
    cli.add_command(hull_cmd)
    cli.add_command(decompose_cmd)
