"""CLI: ``ssbkit react`` (two materials, closed / at a voltage / voltage scan) and ``ssbkit anode``."""

from __future__ import annotations

from typing import Any

import click

from .. import validate
from ..errors import SsbkitError
from ._common import VOLTAGE, Checked, echo_json, guide_missing, scan_spec, show
from .options import (
    bandgaps_option,
    entries_option,
    json_option,
    structure_options,
    temperature_options,
    thermo_at,
    thermo_for,
    with_progress,
    with_structures,
)


@click.command("react")
@click.argument("a")
@click.argument("b")
@click.option("--voltage", type=VOLTAGE, default=None, help="Li open at this potential (V vs Li/Li+).")
@click.option("--scan", "scan", metavar="START:STOP:STEP", default=None,
              help="Scan voltages (V vs Li/Li+), e.g. 0:5:0.05; prints the most negative reaction at each.")
@click.option("--include-decomposition", is_flag=True,
              help="With --voltage/--scan: include each reactant's own decomposition with the Li reservoir.")
@click.option("--plot", "plot_path", metavar="FILE.png|svg|pdf",
              help="Reaction energy vs mixing ratio, or (with --scan) driving force vs voltage.")
@click.option("--kinks", is_flag=True,
              help="With --scan: also give every kink of the mixing line at each voltage (slower).")
@temperature_options
@structure_options
@entries_option
@bandgaps_option
@json_option
def react_cmd(a: str, b: str, voltage: float | None, scan: str | None, include_decomposition: bool,
              plot_path: str | None, kinks: bool, temperature: str | None, volumes: str | None, experimental: bool,
              atmosphere: str | None, humidity: str | None, open_mu: str | None, exclude: str | None,
              uncorrect: str | None, corrections: str | None, structure: str | None, structures: str | None,
              no_relax: bool, entries: str | None, bandgaps: str | None, as_json: bool) -> None:
    """Reactivity of A and B in contact (Zheng et al. 2021, Tables 2-3, Fig. 6a).

    With --scan: the exact breakpoints of the driving force (the voltages at which the products
    change, with the products on each side) and the grid read from them; --json gives one
    VoltageProfile per pair (breakpoints, pieces, points).  A and B may be comma-separated lists
    (all pairs are computed, one figure),
    e.g. ssbkit react LLZO,LLTO LiCoO2,LiMn2O4,LiFePO4 --scan 0:5:0.05 --plot fig6a.png.
    A material may be a structure file (new.cif): its energy then comes from the machine-learned potential.
    """
    from ..data.bandgaps import open_bandgaps
    from ..interfaces.reactions import InterfaceCalculator, in_context

    if voltage is not None and scan is not None:
        raise click.UsageError("give either --voltage or --scan, not both")
    if plot_path and not plot_path.lower().endswith((".png", ".svg", ".pdf")):
        raise click.BadParameter("give a .png, .svg or .pdf file name", param_hint="--plot")
    voltages = scan_spec(scan) if scan is not None else None
    names_a = [validate.name(x, "material A") for x in a.split(",")]
    names_b = [validate.name(y, "material B") for y in b.split(",")]
    th = thermo_at(entries, temperature, volumes, experimental, atmosphere, humidity, open_mu, exclude,
                   uncorrect, corrections)
    th, named = with_structures(th, [*names_a, *names_b], structure, structures, no_relax)
    names_a, names_b = named[:len(names_a)], named[len(names_a):]
    pairs = [(x, y) for x in names_a for y in names_b]
    gaps = open_bandgaps(bandgaps)
    calcs = [InterfaceCalculator(th, x, y, include_decomposition) for x, y in pairs]
    if voltages is None:
        out: list[Any] = [in_context(c.closed() if voltage is None else c.at_voltage(voltage), gaps) for c in calcs]
    else:
        out = with_progress(calcs, "scan", lambda c: _profile(c, voltages, kinks, gaps))
    labels = [f"{c.a.model_formula} | {c.b.model_formula}" for c in calcs]
    if plot_path:
        from ..views import plots

        fig = plots.mixing_curve(out) if voltages is None else \
            plots.driving_force_chart([(lab, p.points) for lab, p in zip(labels, out)],
                                      breakpoints=[p.breakpoints for p in out])
        plots.save(fig, plot_path)
    if as_json:
        echo_json(out[0] if len(out) == 1 else out)
        return
    for label, res in zip(labels, out):
        show(res, as_json, label=label)
    if plot_path:
        click.echo(f"plot written to {plot_path}")


def _profile(calc: Any, voltages: list[float], kinks: bool, gaps: Any) -> Any:
    """The pair's exact profile; with ``kinks`` every voltage solved in full as well."""
    from dataclasses import replace

    from ..interfaces.reactions import in_context

    prof = calc.profile(voltages)
    if kinks:
        prof = replace(prof, kinks_per_voltage=tuple(in_context(r, gaps) for r in calc.scan(voltages, kinks=True)))
    return prof


@click.command("anode")
@click.argument("electrolyte")
@click.option("--anode", default="Li", show_default=True, help="Anode material (Li metal by default).")
@click.option("--weak-threshold", type=Checked(0.0, 1.0, "eV/atom"), default=0.05, show_default=True,
              help="Reductions weaker than this (eV/atom) are reported as stable (weakly reduced).")
@structure_options
@entries_option
@bandgaps_option
@json_option
def anode_cmd(electrolyte: str, anode: str, weak_threshold: float, structure: str | None, structures: str | None,
              no_relax: bool, entries: str | None, bandgaps: str | None, as_json: bool) -> None:
    """Interphase type at the ELECTROLYTE | Li interface: stable, SEI or MCI (Wenzel, Zheng et al. 2021, Fig. 7a).
    ELECTROLYTE may be a structure file (new.cif): its energy then comes from the machine-learned potential."""
    from ..data.bandgaps import open_bandgaps
    from ..interfaces.anode import anode_interface

    if weak_threshold < 0:
        raise SsbkitError("--weak-threshold must be >= 0 eV/atom")
    th, (electrolyte, anode) = with_structures(thermo_for(entries), [electrolyte, anode], structure, structures,
                                               no_relax)
    r = anode_interface(th, electrolyte, anode, open_bandgaps(bandgaps), weak_threshold)
    show(r, as_json)
    if not as_json:
        guide_missing(r)


def register(cli: click.Group) -> None:
    cli.add_command(react_cmd)
    cli.add_command(anode_cmd)
