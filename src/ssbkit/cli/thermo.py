"""CLI: ``ssbkit window``, ``ssbkit hull``, ``ssbkit decompose``."""

from __future__ import annotations

import click

from ._common import VOLTAGE, Checked, echo_json, show
from .options import (
    bandgaps_option,
    entries_option,
    json_option,
    structure_options,
    temperature_options,
    thermo_at,
    with_progress,
    with_structure,
    with_structures,
)


@click.command("window")
@click.argument("formulas", nargs=-1, required=False)
@click.option("--vmax", type=Checked(0.0, 10.0, "V vs Li/Li+", lo_open=True), default=5.0, show_default=True,
              help="Top of the voltage range (V vs Li/Li+) for decomposition energies and plots.")
@click.option("--plot", "plot_path", metavar="FILE.png|svg|pdf", help="Write a window chart (Zheng et al. 2021, Fig. 2a style).")
@click.option("--profile", "show_profile", is_flag=True, help="Also print the whole Li-uptake profile.")
@click.option("--metastable", is_flag=True,
              help="A phase above the hull gets its window as a metastable phase (energy lowered onto the hull; "
                   "Zhu, He & Mo 2015) instead of its decomposition products' window.")
@click.option("--apparent", is_flag=True,
              help="Also the apparent (kinetic) window: widened by the passivating products (needs band gaps).")
@bandgaps_option
@temperature_options
@structure_options
@entries_option
@json_option
def window_cmd(formulas: tuple[str, ...], vmax: float, plot_path: str | None, show_profile: bool, metastable: bool,
               apparent: bool,
               bandgaps: str | None, temperature: str | None, volumes: str | None, experimental: bool,
               atmosphere: str | None, humidity: str | None, open_mu: str | None, exclude: str | None,
    uncorrect: str | None, corrections: str | None, structure: str | None,
               structures: str | None, no_relax: bool, entries: str | None, as_json: bool) -> None:
    """Intrinsic electrochemical stability window of each FORMULA (or abbreviation: LGPS, LLZO, ...).

    With --apparent, also the apparent window: the intrinsic one extended as long as the
    decomposition products are electronic insulators (Zheng et al. 2021, §3.1).
    """
    if vmax <= 0:
        raise click.BadParameter("must be > 0 V", param_hint="--vmax")
    if plot_path and not plot_path.lower().endswith((".png", ".svg", ".pdf")):
        raise click.BadParameter("give a .png, .svg or .pdf file name", param_hint="--plot")
    th = thermo_at(entries, temperature, volumes, experimental, atmosphere, humidity, open_mu, exclude,
                   uncorrect, corrections)
    th, added = with_structure(th, structure, structures, no_relax)
    th, named = with_structures(th, list(formulas), None, structures, no_relax)
    formulas = tuple(str(n) for n in named) + ((added,) if added and added not in named else ())
    if not formulas:
        raise click.UsageError("give FORMULAS, or --structure FILE.cif")
    windows = with_progress(list(formulas), "windows", lambda f: th.window(f, (0.0, vmax), metastable))
    apps = None
    if apparent:
        from ..data.bandgaps import open_bandgaps
        from ..interfaces.apparent import apparent_window

        gaps = open_bandgaps(bandgaps)
        apps = [apparent_window(w, gaps) for w in windows]
    if plot_path:
        from ..views import plots

        plots.save(plots.window_chart(windows, v_max=vmax, apparent=apps), plot_path)
    if as_json and apps is not None:
        items = [{"window": w, "apparent": a} for w, a in zip(windows, apps)]
        echo_json(items[0] if len(items) == 1 else items)
        return
    show(windows[0] if as_json and len(windows) == 1 else windows, as_json, profile=show_profile, apparent=apps)
    if plot_path and not as_json:
        click.echo(f"plot written to {plot_path}")


@click.command("hull")
@click.argument("formula", required=False)
@temperature_options
@structure_options
@entries_option
@json_option
def hull_cmd(formula: str | None, temperature: str | None, volumes: str | None, experimental: bool,
             atmosphere: str | None, humidity: str | None, open_mu: str | None, exclude: str | None,
    uncorrect: str | None, corrections: str | None, structure: str | None,
             structures: str | None, no_relax: bool, entries: str | None, as_json: bool) -> None:
    """Energy above the convex hull and decomposition of FORMULA (at 0 K, or at --temperature), or of the
    phase of --structure FILE.cif (energy from the machine-learned potential)."""
    th = thermo_at(entries, temperature, volumes, experimental, atmosphere, humidity, open_mu, exclude,
                   uncorrect, corrections)
    th, added = with_structure(th, structure, structures, no_relax)
    th, (formula,) = with_structures(th, [formula], None, structures, no_relax)
    formula = formula or added
    if not formula:
        raise click.UsageError("give FORMULA, or --structure FILE.cif")
    show(th.hull(formula), as_json)


@click.command("decompose")
@click.argument("formula")
@click.option("--voltage", type=VOLTAGE, default=None, help="Open to Li at this potential (V vs Li/Li+).")
@temperature_options
@entries_option
@json_option
def decompose_cmd(formula: str, voltage: float | None, temperature: str | None, volumes: str | None, experimental: bool,
    atmosphere: str | None, humidity: str | None, open_mu: str | None, exclude: str | None,
    uncorrect: str | None, corrections: str | None,
                  entries: str | None, as_json: bool) -> None:
    """Equilibrium decomposition of FORMULA, closed or at --voltage (Li exchanged with a reservoir)."""
    r = thermo_at(entries, temperature, volumes, experimental, atmosphere, humidity, open_mu, exclude,
                   uncorrect, corrections).decompose(formula, voltage)
    show(r, as_json)


@click.command("dope")
@click.argument("host", required=False)
@click.option("--substitute", "substitutions", multiple=True, required=True, metavar="DOPANT[:SITE]=X",
              help="A substitution: Ta:Zr=0.25 (a quarter of the Zr sites), Al:Li=0.25fu (0.25 Al per formula unit of "
                   "the host); a charge may be given, Ta5+:Zr=0.25. Without SITE (Ta=0.25) the site is picked: as "
                   "in the doped materials ssbkit names (Al-LLZO: Li; LLZTO: Zr), else by charge and ionic radius "
                   "(stated). Repeat for several.")
@click.option("--compensate", default=None, metavar="ELEMENT|none",
              help="Vacancies of this element balance the charge (default: Li for a higher-valent dopant, the main "
                   "anion for a lower-valent one; 'none': the substitution must be isovalent).")
@click.option("--orderings", "n_orderings", type=click.IntRange(1, 20), default=3, show_default=True,
              help="Orderings (lowest Ewald energy first) evaluated with the potential.")
@click.option("--max-atoms", type=click.IntRange(1, 1000), default=200, show_default=True,
              help="Largest supercell to build.")
@click.option("--vmax", type=Checked(0.0, 10.0, "V vs Li/Li+", lo_open=True), default=5.0, show_default=True,
              help="Top of the voltage range (V vs Li/Li+).")
@structure_options
@entries_option
@json_option
def dope_cmd(host: str | None, substitutions: tuple[str, ...], compensate: str | None, n_orderings: int, max_atoms: int,
             vmax: float, structure: str | None, structures: str | None, no_relax: bool, entries: str | None,
             as_json: bool) -> None:
    """A doped HOST (LLZO, Li2ZrO3 ...; or the host's --structure FILE.cif): supercell with the substitutions and
    charge-compensating vacancies, orderings ranked by Ewald energy, energies from the machine-learned potential
    (CHGNet, ssbkit[mlip]) placed on the data's hull; energy above hull and window beside the undoped host's."""
    from ..thermo.doping import dope
    from .options import read_structure, thermo_for

    if host is None and structure is None:
        raise click.UsageError("give HOST, or the host's --structure FILE.cif")
    host_structure = read_structure(structure) if structure else None
    th = thermo_for(entries)
    from ..views import progress

    with progress.status("dope") as say:
        d = dope(th, host if host is not None else host_structure, list(substitutions), compensate, n_orderings,
                 structures, host_structure, relax=not no_relax, max_atoms=max_atoms, voltage_range=(0.0, vmax),
                 progress=say)
    show(d, as_json)


def _voltage_range(text: str) -> tuple[float, float]:
    parts = text.replace(" ", "").split(":")
    try:
        a, b = (float(x.removesuffix("V").removesuffix("v")) for x in parts)
    except ValueError:
        raise click.BadParameter(f"{text!r}: give START:END in V vs Li/Li+, e.g. 3:4.3 (charge) or 1.5:0 "
                                 f"(lithiation)", param_hint="--voltage") from None
    return a, b


@click.command("volume")
@click.argument("material")
@click.option("--voltage", "voltage", required=True, metavar="START:END",
              help="From START to END, V vs Li/Li+: 3:4.3 charges a cathode, 1.5:0 lithiates an anode.")
@click.option("--method", type=click.Choice(["auto", "topotactic", "phases"]), default="auto", show_default=True,
              help="topotactic: Li removed from the material's structure (or inserted into its empty sites on "
                   "lithiation), relaxed with the potential (ssbkit[mlip]); phases: the equilibrium phases along "
                   "the Li path with their volumes; auto: topotactic for a Li host with a structure when the "
                   "potential is installed (on lithiation, an oxide or sulfide host).")
@click.option("--li-removed", type=Checked(0.0, 1.0, "fraction of the host's Li", lo_open=True), default=None,
              help="Topotactic: the fraction of the host's Li removed at END (default: the equilibrium Li content "
                   "at END).")
@click.option("--li-inserted", type=Checked(0.0, 100.0, "Li per formula unit", lo_open=True), default=None,
              help="Topotactic: Li per formula unit inserted into the host's empty sites at END (default: the "
                   "equilibrium Li uptake from START to END).")
@click.option("--structures", default=None, metavar="PATH",
              help="Structures table (JSON lines of formula and cif; default SSBKIT_STRUCTURES, else the embedded "
                   "stable phases).")
@entries_option
@json_option
def volume_cmd(material: str, voltage: str, method: str, li_removed: float | None, li_inserted: float | None,
               structures: str | None, entries: str | None, as_json: bool) -> None:
    """Volume change of MATERIAL over --voltage START:END, with its path (phases or Li contents and their volumes)
    and the measured value beside when tabulated (Wang et al., Adv. Energy Mater. 2020, §3.4)."""
    from ..thermo.volume import volume_change
    from ..views import progress
    from .options import thermo_for

    rng = _voltage_range(voltage)
    th = thermo_for(entries)
    with progress.status("volume") as say:
        r = volume_change(th, material, rng, method=method, li_removed=li_removed, li_inserted=li_inserted,
                          structures=structures, progress=say)
    show(r, as_json)


def register(cli: click.Group) -> None:
    """Add the thermodynamic commands to the ``ssbkit`` group."""
    cli.add_command(dope_cmd)
    cli.add_command(volume_cmd)
    cli.add_command(window_cmd)
    cli.add_command(hull_cmd)
    cli.add_command(decompose_cmd)
