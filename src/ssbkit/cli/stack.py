"""CLI: ``ssbkit assess`` (whole stack), ``ssbkit coatings``, ``ssbkit interlayers``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import click

from ..errors import DataSourceError
from ..io import atomic_write
from ._common import Checked, Quantity, echo_json, guide_missing, show
from .options import (
    bandgaps_option,
    entries_option,
    json_option,
    structure_options,
    thermo_for,
    with_progress,
    with_structures,
)


def _gaps(bandgaps: str | None) -> Any:
    from ..data.bandgaps import open_bandgaps

    return open_bandgaps(bandgaps)


@click.command("assess")
@click.argument("stack")
@click.option("--voltage", "voltage", default=None, metavar="LOW:HIGH",
              help="Positive-electrode potential range, V vs Li/Li+ [default: 2.5:4.3 for a cathode; the working "
                   "electrode's own range in an anode half cell].")
@click.option("--temperature", default="25C", show_default=True, help="Cell temperature (C, K or F).")
@click.option("--pressure", default=None, help="Stack pressure, e.g. 5MPa.")
@click.option("--current", default=None, help="Current density, e.g. 0.5mA/cm2.")
@click.option("--step", default="0.05", show_default=True, help="Voltage step of the scans (V).")
@click.option("--carbon", is_flag=True, help="Composite cathode with carbon: the electrolyte in the cathode meets "
                                             "the cathode potential and an electron source.")
@click.option("--time", "time_h", type=Quantity("time", "h", lo=0.0, hi=1e6, lo_open=True), default="100h",
              show_default=True, help="Time at which the resistance budget is judged, with a unit (500h, 2d, 30min, "
                                      "1week); a bare number is in hours.")
@click.option("--cycles", type=Checked(1, 1e5, integer=True), default=None,
              help="Judge the budget after N cycles instead of --time (N x mechanics.cycle_time, 20 h: C/10 "
                   "charge and discharge); the composite cathode's contact loss grows per cycle.")
@click.option("--asr-threshold", type=Checked(0.0, 1e6, "ohm cm2", lo_open=True), default=100.0, show_default=True,
              help="An interface or layer adding more than this (ohm cm2) is 'resistive'.")
@click.option("--incompatible-threshold", type=Checked(0.0, 10.0, "eV/atom", lo_open=True), default=0.10, show_default=True,
              help="Driving force (eV/atom) beyond which electron-conducting products are 'incompatible'.")
@click.option("--param", "param_items", multiple=True, metavar="NAME=VALUE",
              help="Override a parameter of the resistance budget, e.g. sigma.Li2S=1e-9 or thickness.coating=5nm "
                   "(repeatable; see docs/asr.md).")
@click.option("--params", "params_file", default=None, metavar="FILE.yaml",
              help="YAML file of parameter overrides {NAME: VALUE}.")
@click.option("--process", "process", default=None, metavar="\"STEP T [DURATION] [ATMOSPHERE] [carbon]; ...\"",
              help="Processing history, e.g. \"store 25C 168h air; polish 25C ar; anneal 500C 1h ar\": thermal "
                   "reactions at the interfaces, and the carbonate/hydroxide layer on the surface Li touches "
                   "(grown in air, cleared by polish/acid steps or where it is unstable) with its resistance.")
@click.option("--html", "html_path", default=None, metavar="FILE.html", help="Write a self-contained HTML report.")
@click.option("--plot", "plot_path", default=None, metavar="FILE.png|svg|pdf",
              help="Plot the ASR of every contribution vs time.")
@click.option("--plot-eis", "eis_path", default=None, metavar="FILE.png|svg|pdf",
              help="Plot the impedance spectrum (Nyquist and Bode) of the budget at t = 0.")
@click.option("--keep-suspect", "keep_suspect", is_flag=True,
              help="Keep the suspect database phases (LiS4, ClO2 ...: docs/thermo.md), left out by default.")
@click.option("--eis-range", "eis_range", default=None, metavar="LOW:HIGH",
              help="Frequency range of the impedance spectrum, e.g. 1mHz:10MHz (the default; mHz milli, MHz mega).")
@structure_options
@entries_option
@bandgaps_option
@json_option
def assess_cmd(stack: str, voltage: str | None, temperature: str, pressure: str | None, current: str | None,
               step: str, carbon: bool, time_h: float, cycles: int | None, asr_threshold: float,
               incompatible_threshold: float,
               param_items: tuple[str, ...], params_file: str | None, process: str | None, html_path: str | None,
               plot_path: str | None, eis_path: str | None, keep_suspect: bool, eis_range: str | None,
               structure: str | None, structures: str | None, no_relax: bool,
               entries: str | None, bandgaps: str | None, as_json: bool) -> None:
    """Assess a cell STACK from the positive to the negative electrode, any number of layers.

    \b
    "CATHODE | [COATING |] ELECTROLYTE [| ELECTROLYTE ...] [| INTERLAYER] | ANODE"
    Anodes: Li, Li-In, graphite, Si, LTO, or Cu (anode-free); symmetric cells: "Li | LLZO | Li".
    Each interface is graded stable / passivated / resistive / degrading / incompatible from
    thermodynamics, passivation and the reviews' evidence, with its resistance over time.

    Example: ssbkit assess "LiNi0.8Co0.1Mn0.1O2 | LiNbO3 | Li6PS5Cl | Li" --pressure 5MPa --current 0.5mA/cm2

    A layer may be a structure file (new.cif), or a formula added with --structure: its energy then comes from
    the machine-learned potential.
    """
    from ..stack.request import AssessmentRequest

    if html_path and not html_path.lower().endswith((".html", ".htm")):
        raise click.BadParameter("give a .html file name", param_hint="--html")
    for path, flag in ((plot_path, "--plot"), (eis_path, "--plot-eis")):
        if path and not path.lower().endswith((".png", ".svg", ".pdf")):
            raise click.BadParameter("give a .png, .svg or .pdf file name", param_hint=flag)
    thermo = thermo_for(entries)
    layers = [x.strip() for x in stack.split("|")]
    thermo, named = with_structures(thermo, layers, structure, structures, no_relax)
    request = AssessmentRequest.from_text(
        " | ".join(str(n) for n in named), voltage=voltage, temperature=temperature, pressure=pressure,
        current=current, step=step, time=_explicit_time(time_h, cycles), cycles=cycles, asr_threshold=asr_threshold,
        incompatible_threshold=incompatible_threshold, params=param_items, params_file=params_file, carbon=carbon,
        process=process, frequencies=eis_range, keep_suspect=keep_suspect)
    from ..views import progress

    with progress.status("assessing") as say:
        result = request.run(thermo, _gaps(bandgaps), progress=say)
    if html_path:
        from ..views import html  # Jinja2 and matplotlib: only for a report

        atomic_write(html_path, html.assessment(result))
    if plot_path:
        from ..views import plots

        plots.save(plots.asr_chart(result.asr_budget), plot_path)  # type: ignore[arg-type]
    if eis_path and result.impedance is not None:
        from ..views import plots

        plots.save(plots.eis_chart(result.impedance), eis_path)
    show(result, as_json)
    if as_json:
        return
    guide_missing(result)
    if html_path:
        click.echo(f"HTML report written to {html_path}")
    if plot_path:
        click.echo(f"plot written to {plot_path}")


def _explicit_time(time_h: float, cycles: int | None) -> float | None:
    """The --time given, None when it is only the default and --cycles sets the time."""
    source = click.get_current_context().get_parameter_source("time_h")
    if cycles is not None and source == click.core.ParameterSource.DEFAULT:
        return None
    return time_h


def _candidates(path: str | None, role: str, all_roles: bool) -> list[Any]:
    from ..interfaces.candidates import default_candidates, load_candidates

    if path:
        return load_candidates(path)
    return default_candidates(None if all_roles else role)


def _screen_thermo(entries: str | None, keep_suspect: bool) -> Any:
    """The data of a coating or interlayer screen: the suspect database phases left out unless kept."""
    from ..data.suspect import SUSPECT_EXCLUDE

    th = thermo_for(entries)
    return th if keep_suspect else th.excluding(list(SUSPECT_EXCLUDE))


def _run_screen(label: str, screen: Any, role: str, cand_path: str | None, all_roles: bool, top: int | None,
                entries: str | None, bandgaps: str | None, as_json: bool, title: Any, th: Any = None,
                whole: Any = None) -> None:
    """Shared body of ``coatings`` and ``interlayers``: candidates, data, progress, output (``whole``: the
    whole-database options, :func:`_whole_database`)."""
    if top is not None and top < 1:
        raise click.BadParameter("must be >= 1", param_hint="--top")
    if cand_path == "all":
        _whole_database(label, whole, th, entries, bandgaps, as_json, title, top)
        return
    if whole is not None and whole.given:
        raise click.UsageError(f"{', '.join(whole.given)}: for --candidates all only (a whole-database screen)")
    cands = _candidates(cand_path, role, all_roles)
    res = screen(th if th is not None else thermo_for(entries), cands, _gaps(bandgaps),
                 progress=lambda items, fn: with_progress(list(items), label, fn))
    show(res, as_json, title=title(res), top=top)
    if not as_json:
        guide_missing(res)


@dataclass
class WholeOptions:
    """The options of a whole-database screen (``--candidates all``)."""

    neighbours: tuple[str, str]
    voltage: float
    hull_tolerance: float | None
    reaction_tolerance: float | None
    li_free: bool
    dask: str | None
    keep_suspect: bool

    @property
    def given(self) -> list[str]:
        return [flag for flag, v in (("--hull-tolerance", self.hull_tolerance), ("--reaction-tolerance",
                                     self.reaction_tolerance), ("--li-free", self.li_free or None),
                                     ("--dask", self.dask)) if v is not None]


def _whole_database(kind: str, w: WholeOptions, th: Any, entries: str | None, bandgaps: str | None, as_json: bool,
                    title: Any, top: int | None) -> None:
    """Every compound of the data through the funnel (:mod:`ssbkit.screening.funnel`), progress on stderr."""
    from ..interfaces.funnel_result import FunnelSettings
    from ..screening.funnel import whole_database_screen
    from ..views import progress

    if th is not None and getattr(th.source, "added", ()):
        raise click.UsageError("--candidates all screens the data as it is: leave out --structure and structure "
                               "files")
    settings = FunnelSettings(kind, w.neighbours, w.voltage,
                              0.0 if w.hull_tolerance is None else w.hull_tolerance,
                              w.li_free, 0.1 if w.reaction_tolerance is None else w.reaction_tolerance,
                              entries, bandgaps, w.keep_suspect)
    with progress.status(f"{kind}: every compound of the data") as say:
        res = whole_database_screen(settings, th, _gaps(bandgaps), dask=w.dask, progress=say)
    show(res, as_json, title=title(res), top=top if top is not None else (None if as_json else 25))


def _screen_options(own: str, other: str) -> Any:
    """The options ``coatings`` and ``interlayers`` share: candidates, --all, --top, data, --json."""

    def deco(f: Any) -> Any:
        for opt in (json_option, bandgaps_option, entries_option, structure_options,
                    click.option("--keep-suspect", "keep_suspect", is_flag=True,
                                 help="Keep the suspect database phases (LiS4, ClO2 ...), left out by default."),
                    click.option("--top", type=Checked(1, 100000, integer=True), default=None, help="Show only the best N."),
                    click.option("--all", "all_roles", is_flag=True,
                                 help=f"Screen every default candidate, {other} materials included."),
                    click.option("--candidates", "cand_path", default=None, metavar="FILE|all",
                                 help="Candidates file (YAML, CSV or one formula per line), or 'all': every "
                                      "compound of the data through a funnel (docs/scaling.md); "
                                      f"default: the reviews' {own}."),
                    click.option("--hull-tolerance", "hull_tolerance", default=None, metavar="EV",
                                 type=Checked(0.0, 1.0, "eV/atom"),
                                 help="With --candidates all: admit compounds up to this far above the hull "
                                      "(eV/atom; default 0: on it)."),
                    click.option("--reaction-tolerance", "reaction_tolerance", default=None, metavar="EV",
                                 type=Checked(0.0, 5.0, "eV/atom"),
                                 help="With --candidates all: the deepest reaction with a neighbour a survivor "
                                      "may have (eV/atom; default 0.1)."),
                    click.option("--li-free", "li_free", is_flag=True,
                                 help="With --candidates all: admit compounds without Li."),
                    click.option("--dask", "dask", default=None, metavar="local[:N]|tcp://HOST:PORT",
                                 help="With --candidates all: judge the candidates on a Dask cluster (a local "
                                      "one of N workers, or a running scheduler).")):
            f = opt(f)
        return f

    return deco


@click.command("coatings")
@click.argument("cathode")
@click.argument("electrolyte")
@click.option("--voltage", type=Checked(0.0, 10.0, "V vs Li/Li+", lo_open=True), default=4.3, show_default=True, help="Top cathode potential, V vs Li/Li+.")
@_screen_options("coatings", "interlayer")
def coatings_cmd(cathode: str, electrolyte: str, voltage: float, cand_path: str | None, all_roles: bool,
                 top: int | None, structure: str | None, structures: str | None, no_relax: bool, entries: str | None,
                 bandgaps: str | None, as_json: bool, keep_suspect: bool, hull_tolerance: float | None,
                 reaction_tolerance: float | None, li_free: bool, dask: str | None) -> None:
    """Rank coatings between CATHODE (charged to --voltage) and ELECTROLYTE (Zheng et al. 2021, Table 4).
    CATHODE or ELECTROLYTE may be a structure file (new.cif)."""
    from ..interfaces.coatings import screen_coatings

    th, (cathode, electrolyte) = with_structures(_screen_thermo(entries, keep_suspect), [cathode, electrolyte],
                                                 structure, structures, no_relax)
    _run_screen("coatings", lambda th, cands, gaps, **kw: screen_coatings(th, cathode, electrolyte, cands, voltage,
                                                                          gaps, **kw),
                "cathode", cand_path, all_roles, top, entries, bandgaps, as_json,
                lambda res: f"Coatings for {res.neighbours['cathode']} | ? | {res.neighbours['electrolyte']} "
                            f"at {voltage:g} V", th,
                WholeOptions((cathode, electrolyte), voltage, hull_tolerance, reaction_tolerance, li_free, dask,
                             keep_suspect))


@click.command("interlayers")
@click.argument("electrolyte")
@click.option("--anode", default="Li", show_default=True, help="Anode material.")
@_screen_options("interlayers", "coating")
def interlayers_cmd(electrolyte: str, anode: str, cand_path: str | None, all_roles: bool, top: int | None,
                    structure: str | None, structures: str | None, no_relax: bool, entries: str | None,
                    bandgaps: str | None, as_json: bool, keep_suspect: bool, hull_tolerance: float | None,
                    reaction_tolerance: float | None, li_free: bool, dask: str | None) -> None:
    """Rank interlayers between ELECTROLYTE and the anode (Zheng et al. 2021, Table 5, Wang et al. 2020, Table 1).
    ELECTROLYTE may be a structure file (new.cif)."""
    from ..interfaces.coatings import screen_interlayers

    th, (electrolyte, anode) = with_structures(_screen_thermo(entries, keep_suspect), [electrolyte, anode],
                                               structure, structures, no_relax)
    _run_screen("interlayers", lambda th, cands, gaps, **kw: screen_interlayers(th, electrolyte, cands, anode, gaps,
                                                                                **kw),
                "anode", cand_path, all_roles, top, entries, bandgaps, as_json,
                lambda res: f"Interlayers for {res.neighbours['anode']} | ? | {res.neighbours['electrolyte']}", th,
                WholeOptions((electrolyte, anode), 0.0, hull_tolerance, reaction_tolerance, li_free, dask,
                             keep_suspect))


@click.command("data")
@entries_option
@bandgaps_option
@json_option
def data_cmd(entries: str | None, bandgaps: str | None, as_json: bool) -> None:
    """Show which data ssbkit uses (the configured sources, else the embedded defaults) and how to change them."""
    import os

    from ..data import embedded
    from ..data.source import config_path, configured_spec, read_config

    def origin(option: str | None, env: str, key: str) -> str:
        if option:
            return "option"
        if os.environ.get(env):
            return env
        if read_config().get(key):
            return f"config file {config_path()}"
        return "embedded default"

    spec = configured_spec(entries)
    info: dict[str, Any] = {"config_file": str(config_path()), "config_exists": config_path().exists()}
    try:
        from ..data.source import open_source

        src = open_source(entries)
        info["entries"] = {**src.provenance(), "from": "MP_API_KEY" if spec == "mp" and not entries and not
                           os.environ.get("SSBKIT_ENTRIES") else origin(entries, "SSBKIT_ENTRIES", "entries")}
        if src._entries is not None:
            info["entries"]["n_entries"] = len(src._entries)
    except DataSourceError as exc:
        info["entries"] = {"error": str(exc)}
    labels = {"bandgaps": embedded.BANDGAPS_LABEL, "volumes": embedded.VOLUMES_LABEL,
              "structures": embedded.STRUCTURES_LABEL}
    for key, env, given in (("bandgaps", "SSBKIT_BANDGAPS", bandgaps), ("volumes", "SSBKIT_VOLUMES", None),
                            ("structures", "SSBKIT_STRUCTURES", None)):
        where = origin(given, env, key)
        info[key] = {"source": labels[key] if where == "embedded default" else
                     (given or os.environ.get(env) or str(read_config().get(key))), "from": where}
    m = embedded.manifest()
    info["embedded"] = {"folder": str(embedded.EMBEDDED_DIR), "entries": m["entries"]["rows"],
                        "band_gap_formulas": m["bandgaps"]["formulas"], "volumes": m["volumes"]["rows"],
                        "structures": m["structures"]["structures"], "size_bytes": m["total_bytes"],
                        "licence": "CC BY 4.0 (LICENSE-DATA.md in the folder)",
                        "cite": "A. Jain et al., APL Mater. 1, 011002 (2013); A. Dunn et al., npj Comput. Mater. 6, "
                                "138 (2020); OQMD volumes: J. E. Saal et al., JOM 65, 1501 (2013)"}
    if as_json:
        echo_json(info)
        return
    from rich.console import Console

    from ..views.sources import data_sources

    data_sources(Console(), info, str(config_path()))


def register(cli: click.Group) -> None:
    cli.add_command(assess_cmd)
    cli.add_command(coatings_cmd)
    cli.add_command(interlayers_cmd)
    cli.add_command(data_cmd)
