"""CLI: ``ssbkit react`` (two materials, closed / at a voltage / voltage scan) and ``ssbkit anode``."""

from __future__ import annotations

from typing import Any

import click
from rich.console import Console
from rich.table import Table

from ..errors import SsbkitError
from ._common import echo_json
from .options import entries_option, json_option, thermo_for, with_progress

bandgaps_option = click.option(
    "--bandgaps", "bandgaps", metavar="PATH|mp", default=None,
    help="Band gaps for the electronic character of products: CSV/CSV.gz (pretty_formula, band_gap eV) "
         "or 'mp'. Default: $SSBKIT_BANDGAPS.")


def _scan_spec(text: str) -> list[float]:
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


def _attach(results: list[Any], gaps: Any) -> None:
    from ..interfaces.electronic import classify_phase

    for r in results:
        if gaps is not None:
            r.product_character = {p: classify_phase(p, gaps).to_dict() for p in r.products}
        try:
            from ..literature import observed_interphases  # type: ignore[attr-defined]

            r.observed = [rec.to_dict() for rec in observed_interphases(r.reactant_a, r.reactant_b)]
        except (ImportError, AttributeError, SsbkitError):
            pass


@click.command("react")
@click.argument("a")
@click.argument("b")
@click.option("--voltage", type=float, default=None, help="Li open at this potential (V vs Li/Li+).")
@click.option("--scan", "scan", metavar="START:STOP:STEP", default=None,
              help="Scan voltages (V vs Li/Li+), e.g. 0:5:0.05; prints the most negative reaction at each.")
@click.option("--include-decomposition", is_flag=True,
              help="With --voltage/--scan: include each reactant's own decomposition with the Li reservoir.")
@click.option("--plot", "plot_path", metavar="FILE.png",
              help="Reaction energy vs mixing ratio, or (with --scan) driving force vs voltage.")
@entries_option
@bandgaps_option
@json_option
def react_cmd(a: str, b: str, voltage: float | None, scan: str | None, include_decomposition: bool,
              plot_path: str | None, entries: str | None, bandgaps: str | None, as_json: bool) -> None:
    """Reactivity of A and B in contact (seed 1 Tables 2-3, Fig. 6a).

    A and B may be comma-separated lists (all pairs are computed, one figure),
    e.g. ssbkit react LLZO,LLTO LiCoO2,LiMn2O4,LiFePO4 --scan 0:5:0.05 --plot fig6a.png
    """
    from ..data.bandgaps import open_bandgaps
    from ..interfaces.reactions import InterfaceCalculator

    if voltage is not None and scan is not None:
        raise click.UsageError("give either --voltage or --scan, not both")
    if plot_path and not plot_path.lower().endswith((".png", ".svg")):
        raise click.BadParameter("give a .png or .svg file name", param_hint="--plot")
    if voltage is not None and voltage < 0:
        raise SsbkitError(f"--voltage {voltage:g} is below 0 V vs Li/Li+")
    voltages = _scan_spec(scan) if scan else None
    pairs = [(x.strip(), y.strip()) for x in a.split(",") if x.strip() for y in b.split(",") if y.strip()]
    th = thermo_for(entries)
    gaps = open_bandgaps(bandgaps)
    calcs = [InterfaceCalculator(th, x, y, include_decomposition) for x, y in pairs]
    out: list[Any] = []
    if voltages is None:
        res = [c.closed() if voltage is None else c.at_voltage(voltage) for c in calcs]
        _attach(res, gaps)
        out = res
    else:
        items = [(c, v) for c in calcs for v in voltages]
        flat = with_progress(items, "scan", lambda cv: cv[0].at_voltage(cv[1]), quiet=as_json)
        n = len(voltages)
        out = [flat[i * n:(i + 1) * n] for i in range(len(calcs))]
        for scan_res in out:
            _attach(scan_res, gaps)
    if plot_path:
        from ..report.plots import driving_force_chart, mixing_curve

        if voltages is None:
            mixing_curve(out, plot_path)
        else:
            driving_force_chart([(f"{c.a.model_formula} | {c.b.model_formula}", r) for c, r in zip(calcs, out)],
                                plot_path)
    if as_json:
        echo_json(out[0] if len(out) == 1 else out)
        return
    con = Console()
    if voltages is None:
        for r in out:
            where = "closed system (no Li exchange)" if r.voltage_V is None else f"{r.voltage_V:g} V vs Li/Li+"
            con.print(f"[bold]{r.reactant_a} | {r.reactant_b}[/bold], {where}")
            t = Table()
            for col in ("x (A)", "E_rxn eV/atom", "Products", "Reaction"):
                t.add_column(col)
            for k in r.kinks:
                star = " *" if k.mixing_ratio == r.mixing_ratio and k.reaction_energy_eV_per_atom == r.reaction_energy_eV_per_atom else ""
                t.add_row(f"{k.mixing_ratio:.4f}{star}", f"{k.reaction_energy_eV_per_atom:.4f}", ", ".join(k.products), k.reaction)
            con.print(t)
            verdict = "reactive" if r.reactive else "no exergonic reaction"
            con.print(f"most exergonic (*): {r.reaction_energy_eV_per_atom:.4f} eV/atom at x = {r.mixing_ratio:.4f} -> {verdict}")
            if r.product_character:
                cond = [p for p, c in r.product_character.items() if c["electronic_conductor"]]
                con.print(f"electron-conducting products: {', '.join(cond) or 'none'}")
            for obs in r.observed:
                con.print(f"[dim]reported ({obs.get('table')}, {obs.get('ref')}): {obs.get('products') or obs.get('reaction_products')}[/dim]")
    else:
        for c, res in zip(calcs, out):
            t = Table(title=f"{c.a.model_formula} | {c.b.model_formula}: driving force vs voltage")
            for col in ("V", "E_rxn eV/atom", "x (A)", "Products"):
                t.add_column(col)
            step = max(1, len(res) // 25)
            for r in res[::step]:
                t.add_row(f"{r.voltage_V:.2f}", f"{r.reaction_energy_eV_per_atom:.4f}", f"{r.mixing_ratio:.3f}", ", ".join(r.products))
            con.print(t)
            if step > 1:
                con.print(f"[dim](every {step}th voltage shown; --json gives all {len(res)})[/dim]")
    if plot_path:
        con.print(f"plot written to {plot_path}")


@click.command("anode")
@click.argument("electrolyte")
@click.option("--anode", default="Li", show_default=True, help="Anode material (Li metal by default).")
@click.option("--weak-threshold", type=float, default=0.05, show_default=True,
              help="Reductions weaker than this (eV/atom) are reported as stable (weakly reduced).")
@entries_option
@bandgaps_option
@json_option
def anode_cmd(electrolyte: str, anode: str, weak_threshold: float, entries: str | None, bandgaps: str | None,
              as_json: bool) -> None:
    """Interphase type at the ELECTROLYTE | Li interface: stable, SEI or MCI (Wenzel, seed 1 Fig. 7a)."""
    from ..data.bandgaps import open_bandgaps
    from ..interfaces.anode import anode_interface

    if weak_threshold < 0:
        raise SsbkitError("--weak-threshold must be >= 0 eV/atom")
    th = thermo_for(entries)
    gaps = open_bandgaps(bandgaps)
    r = anode_interface(th, electrolyte, anode, gaps, weak_threshold)
    try:
        from ..literature import observed_interphases  # type: ignore[attr-defined]

        r.observed = [rec.to_dict() for rec in observed_interphases(r.electrolyte, r.anode)]
    except (ImportError, AttributeError, SsbkitError):
        pass
    if as_json:
        echo_json(r)
        return
    con = Console()
    con.print(f"[bold]{r.electrolyte} | {r.anode}[/bold]: [bold]{r.classification}[/bold] ({r.status})")
    con.print(f"  0 V products: {', '.join(r.products) or 'none'}; reaction {r.reaction}")
    con.print(f"  driving force {r.reaction_energy_eV_per_atom:.4f} eV/atom (beyond self-decomposition "
              f"{r.self_decomposition_eV_per_atom:.4f}); reduction below {r.reduction_limit_V} V")
    for p, c in r.product_character.items():
        con.print(f"  {p}: {'electron conductor' if c['electronic_conductor'] else 'insulator' if c['electronic_conductor'] is False else 'unknown'} ({c['basis']})")
    for reason in r.reasons:
        con.print(f"  - {reason}")
    for obs in r.observed:
        con.print(f"[dim]  reported ({obs.get('table')}, {obs.get('ref')}): {obs.get('products') or obs.get('reaction_products')}[/dim]")


def register(cli: click.Group) -> None:
    cli.add_command(react_cmd)
    cli.add_command(anode_cmd)
