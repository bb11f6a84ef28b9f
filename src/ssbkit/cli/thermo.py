"""CLI: ``ssbkit window``, ``ssbkit hull``, ``ssbkit decompose``."""

from __future__ import annotations

import click
from rich.console import Console

from ..views import text
from ._common import VOLTAGE, Checked, echo_json
from .options import (
    bandgaps_option,
    entries_option,
    json_option,
    temperature_options,
    thermo_at,
    with_progress,
)


def structure_options(f):
    """``--structure FILE.cif`` (a phase the data does not hold), ``--structures PATH``, ``--no-relax``."""
    f = click.option("--no-relax", "no_relax", is_flag=True,
                     help="With --structure: evaluate the structure as given (no relaxation by the potential).")(f)
    f = click.option("--structures", "structures", metavar="PATH", default=None,
                     help="Structures of known phases (JSON lines of formula, cif) for the potential's correction. "
                          "Default: $SSBKIT_STRUCTURES.")(f)
    return click.option("--structure", "structure", metavar="FILE.cif", default=None,
                        help="A structure the data does not hold: its energy from the machine-learned potential "
                             "(CHGNet, ssbkit[mlip]), placed on the hull of the data.")(f)


def _with_structure(th, structure: str | None, structures: str | None, no_relax: bool):
    """(thermo, formula) with the structure's phase added, or (thermo, None)."""
    if structure is None:
        return th, None
    from ..errors import SsbkitError
    from ..io import regular_file

    path = regular_file(structure, "structure file", param="structure")
    try:
        import warnings

        from pymatgen.core import Structure

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            s = Structure.from_file(str(path))
    except Exception as exc:  # noqa: BLE001 - any unreadable structure file: one line
        raise SsbkitError(f"cannot read structure {structure}: {str(exc).splitlines()[0] if str(exc) else exc}",
                          param="structure") from None
    th2, phase = th.with_structure(s, structures, relax=not no_relax)
    return th2, phase.formula


@click.command("window")
@click.argument("formulas", nargs=-1, required=False)
@click.option("--vmax", type=Checked(0.0, 10.0, "V vs Li/Li+", lo_open=True), default=5.0, show_default=True,
              help="Top of the voltage range (V vs Li/Li+) for decomposition energies and plots.")
@click.option("--plot", "plot_path", metavar="FILE.png|svg|pdf", help="Write a window chart (Zheng et al. 2021, Fig. 2a style).")
@click.option("--profile", "show_profile", is_flag=True, help="Also print the whole Li-uptake profile.")
@click.option("--apparent", is_flag=True,
              help="Also the apparent (kinetic) window: widened by the passivating products (needs band gaps).")
@bandgaps_option
@temperature_options
@structure_options
@entries_option
@json_option
def window_cmd(formulas: tuple[str, ...], vmax: float, plot_path: str | None, show_profile: bool, apparent: bool,
               bandgaps: str | None, temperature: str | None, volumes: str | None, experimental: bool,
               atmosphere: str | None, humidity: str | None, open_mu: str | None, exclude: str | None, structure: str | None,
               structures: str | None, no_relax: bool, entries: str | None, as_json: bool) -> None:
    """Intrinsic electrochemical stability window of each FORMULA (or abbreviation: LGPS, LLZO, ...).

    With --apparent, also the apparent window: the intrinsic one extended as long as the
    decomposition products are electronic insulators (Zheng et al. 2021, §3.1).
    """
    if vmax <= 0:
        raise click.BadParameter("must be > 0 V", param_hint="--vmax")
    if plot_path and not plot_path.lower().endswith((".png", ".svg", ".pdf")):
        raise click.BadParameter("give a .png, .svg or .pdf file name", param_hint="--plot")
    th = thermo_at(entries, temperature, volumes, experimental, atmosphere, humidity, open_mu, exclude)
    th, added = _with_structure(th, structure, structures, no_relax)
    formulas = tuple(formulas) + ((added,) if added and added not in formulas else ())
    if not formulas:
        raise click.UsageError("give FORMULAS, or --structure FILE.cif")
    windows = with_progress(list(formulas), "windows", lambda f: th.window(f, (0.0, vmax)), quiet=as_json)
    apps = None
    if apparent:
        from ..data.bandgaps import open_bandgaps
        from ..interfaces.apparent import apparent_window

        gaps = open_bandgaps(bandgaps)
        apps = [apparent_window(w, gaps) for w in windows]
    if plot_path:
        from ..views import plots

        plots.save(plots.window_chart(windows, v_max=vmax, apparent=apps), plot_path)
    if as_json:
        if apps is not None:
            items = [{"window": w, "apparent": a} for w, a in zip(windows, apps)]
            echo_json(items[0] if len(items) == 1 else items)
        else:
            echo_json(windows[0] if len(windows) == 1 else windows)
        return
    con = Console()
    text.windows(con, windows, show_profile)
    if apps is not None:
        text.apparent_windows(con, apps)
    if plot_path:
        con.print(f"plot written to {plot_path}")


@click.command("hull")
@click.argument("formula", required=False)
@temperature_options
@structure_options
@entries_option
@json_option
def hull_cmd(formula: str | None, temperature: str | None, volumes: str | None, experimental: bool,
             atmosphere: str | None, humidity: str | None, open_mu: str | None, exclude: str | None, structure: str | None,
             structures: str | None, no_relax: bool, entries: str | None, as_json: bool) -> None:
    """Energy above the convex hull and decomposition of FORMULA (at 0 K, or at --temperature), or of the
    phase of --structure FILE.cif (energy from the machine-learned potential)."""
    th = thermo_at(entries, temperature, volumes, experimental, atmosphere, humidity, open_mu, exclude)
    th, added = _with_structure(th, structure, structures, no_relax)
    formula = formula or added
    if not formula:
        raise click.UsageError("give FORMULA, or --structure FILE.cif")
    r = th.hull(formula)
    if as_json:
        echo_json(r)
        return
    text.hull(Console(), r)


@click.command("decompose")
@click.argument("formula")
@click.option("--voltage", type=VOLTAGE, default=None, help="Open to Li at this potential (V vs Li/Li+).")
@temperature_options
@entries_option
@json_option
def decompose_cmd(formula: str, voltage: float | None, temperature: str | None, volumes: str | None, experimental: bool,
    atmosphere: str | None, humidity: str | None, open_mu: str | None, exclude: str | None,
                  entries: str | None, as_json: bool) -> None:
    """Equilibrium decomposition of FORMULA, closed or at --voltage (Li exchanged with a reservoir)."""
    r = thermo_at(entries, temperature, volumes, experimental, atmosphere, humidity, open_mu, exclude).decompose(formula, voltage)
    if as_json:
        echo_json(r)
        return
    text.decomposition(Console(), r)


def register(cli: click.Group) -> None:
    """Add the thermodynamic commands to the ``ssbkit`` group."""
    cli.add_command(window_cmd)
    cli.add_command(hull_cmd)
    cli.add_command(decompose_cmd)
