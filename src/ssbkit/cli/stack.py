"""CLI: ``ssbkit assess`` (whole stack), ``ssbkit coatings``, ``ssbkit interlayers``."""

from __future__ import annotations

from typing import Any

import click
from rich.console import Console
from rich.table import Table

from ..errors import DataSourceError, SsbkitError
from ..units import parse_quantity
from ._common import atomic_write, echo_json
from .interfaces import bandgaps_option
from .options import entries_option, json_option, with_progress

_STYLE = {"ok": "green", "caution": "yellow", "fail": "red", "unknown": "bright_black"}


def _range(text: str) -> tuple[float, float]:
    parts = text.replace("V", "").replace("v", "").split(":")
    try:
        vals = [float(p) for p in parts]
    except ValueError:
        raise SsbkitError(f"cannot read --voltage {text!r}: use LOW:HIGH in volts vs Li/Li+, e.g. 2.5:4.3") from None
    if len(vals) == 1:
        vals = [vals[0], vals[0]]
    if len(vals) != 2 or not 0 <= vals[0] <= vals[1] or vals[1] > 10:
        raise SsbkitError(f"--voltage {text!r}: need 0 <= LOW <= HIGH <= 10 V vs Li/Li+, e.g. 2.5:4.3")
    return vals[0], vals[1]


def _thermo_or_none(entries: str | None, con: Console | None) -> Any:
    """Thermo on the configured data, or None when nothing is configured (first run)."""
    from ..data.source import configured_spec, open_source
    from ..thermo import Thermo

    if entries is None and configured_spec(None) is None:
        return None
    return Thermo(open_source(entries))


def _gaps(bandgaps: str | None) -> Any:
    from ..data.bandgaps import open_bandgaps

    return open_bandgaps(bandgaps)


@click.command("assess")
@click.argument("stack")
@click.option("--voltage", "voltage", default="2.5:4.3", show_default=True, metavar="LOW:HIGH",
              help="Cathode operating potential range, V vs Li/Li+.")
@click.option("--temperature", default="25C", show_default=True, help="Cell temperature (C, K or F).")
@click.option("--pressure", default=None, help="Stack pressure, e.g. 5MPa.")
@click.option("--current", default=None, help="Current density, e.g. 0.5mA/cm2.")
@click.option("--step", type=float, default=0.05, show_default=True, help="Voltage step of the scans (V).")
@click.option("--html", "html_path", default=None, metavar="FILE.html", help="Write a self-contained HTML report.")
@entries_option
@bandgaps_option
@json_option
def assess_cmd(stack: str, voltage: str, temperature: str, pressure: str | None, current: str | None, step: float,
               html_path: str | None, entries: str | None, bandgaps: str | None, as_json: bool) -> None:
    """Assess a cell STACK: "CATHODE | [COATING |] ELECTROLYTE [| INTERLAYER] | ANODE".

    Example: ssbkit assess "LiNi0.8Co0.1Mn0.1O2 | LiNbO3 | Li6PS5Cl | Li" --pressure 5MPa --current 0.5mA/cm2
    """
    from ..stack.assess import Conditions, StackAssessor
    from ..stack.parse import parse_stack

    if html_path and not html_path.lower().endswith((".html", ".htm")):
        raise click.BadParameter("give a .html file name", param_hint="--html")
    if not 0 < step <= 1:
        raise click.BadParameter("must be in (0, 1] V", param_hint="--step")
    cond = Conditions(voltage_range_V=_range(voltage),
                      temperature_K=parse_quantity(temperature, "temperature", name="--temperature"),
                      pressure_Pa=None if pressure is None else parse_quantity(pressure, "pressure", name="--pressure"),
                      current_density_A_per_m2=None if current is None else
                      parse_quantity(current, "current_density", name="--current"), step_V=step)
    if cond.pressure_Pa is not None and cond.pressure_Pa < 0:
        raise SsbkitError("--pressure must be >= 0")
    if cond.current_density_A_per_m2 is not None and cond.current_density_A_per_m2 < 0:
        raise SsbkitError("--current must be >= 0")
    parsed = parse_stack(stack)
    con = Console(stderr=True)
    thermo = _thermo_or_none(entries, con)
    gaps = _gaps(bandgaps)
    assessor = StackAssessor(thermo, gaps)
    if not as_json and con.is_terminal:
        with con.status("assessing interfaces ..."):
            result = assessor.assess(parsed, cond)
    else:
        result = assessor.assess(parsed, cond)
    if html_path:
        from ..report.html import render_assessment

        atomic_write(html_path, render_assessment(result))
    if as_json:
        echo_json(result)
        return
    out = Console()
    out.print(f"[bold]{result.stack.label()}[/bold]  verdict: [{_STYLE[result.verdict]}]{result.verdict}[/]")
    cd = cond.to_dict()
    out.print(f"cathode {cond.voltage_range_V[0]:g}-{cond.voltage_range_V[1]:g} V, {cd['temperature_C']:.0f} C"
              + (f", {cd['pressure_MPa']:g} MPa" if cd["pressure_MPa"] is not None else "")
              + (f", {cd['current_density_mA_per_cm2']:g} mA/cm2" if cd["current_density_mA_per_cm2"] is not None else "")
              + f"; anode at {result.anode_potential_V:.2f} V")
    t = Table(title="Layers")
    for col in ("Role", "Material", "Window V", "Sees V", "Verdict"):
        t.add_column(col)
    for lay in result.layers:
        w = lay.window
        wt = "-" if not w else f"{w['reduction_limit_V']:.2f}-" + ("inf" if w["oxidation_limit_V"] is None else f"{w['oxidation_limit_V']:.2f}")
        seen = "-" if not lay.potentials_seen_V else f"{lay.potentials_seen_V[0]:.2f}-{lay.potentials_seen_V[1]:.2f}"
        t.add_row(lay.role, lay.name, wt, seen, f"[{_STYLE[lay.verdict]}]{lay.verdict}[/]")
    out.print(t)
    t = Table(title="Interfaces")
    for col in ("Interface", "Chem. eV/at", "Electrochem. eV/at", "Interphase", "Verdict"):
        t.add_column(col)
    for i in result.interfaces:
        ch = "-" if not i.chemical else f"{i.chemical['reaction_energy_eV_per_atom']:.3f}"
        ec = "-" if not i.electrochemical else (f"{i.electrochemical['worst_reaction_energy_eV_per_atom']:.3f} "
                                                f"@{i.electrochemical['at_voltage_V']:.2f}V")
        t.add_row(i.label, ch, ec, i.interphase_type or "-", f"[{_STYLE[i.verdict]}]{i.verdict}[/]")
    out.print(t)
    out.print("[bold]Why[/bold]")
    for item, label in [(x, f"{x.role} {x.name}") for x in result.layers] + [(x, x.label) for x in result.interfaces]:
        out.print(f"[{_STYLE[item.verdict]}]{item.verdict:>7}[/] {label}")
        for r in item.reasons:
            out.print(f"          - {r}", highlight=False)
    for s in result.not_computed:
        out.print(f"[yellow]not computed:[/yellow] {s}")
    if html_path:
        out.print(f"HTML report written to {html_path}")


def _candidates(path: str | None, role: str, all_roles: bool) -> list[Any]:
    from ..stack.candidates import default_candidates, load_candidates

    if path:
        return load_candidates(path)
    return default_candidates(None if all_roles else role)


def _bare_line(bare: dict[str, Any]) -> str:
    """One sentence for the bare (uncoated) interface of a screen."""
    if "classification" in bare:
        return (f"bare interface: {bare['classification']}, {bare['reaction_energy_eV_per_atom']:.3f} eV/atom at "
                f"{bare.get('anode_potential_V', 0.0):g} V -> {', '.join(bare.get('products') or []) or 'no reaction'}")
    parts = []
    if "reaction_at_voltage_eV_per_atom" in bare:
        parts.append(f"{bare['reaction_at_voltage_eV_per_atom']:.3f} eV/atom at the voltage -> "
                     + (", ".join(bare.get("products_at_voltage") or []) or "no reaction"))
    if "reaction_closed_eV_per_atom" in bare:
        parts.append(f"{bare['reaction_closed_eV_per_atom']:.3f} eV/atom closed -> "
                     + (", ".join(bare.get("products_closed") or []) or "no reaction"))
    return "bare interface: " + ("; ".join(parts) if parts else str(bare))


def _print_screen(res: Any, title: str, top: int | None) -> None:
    out = Console()
    t = Table(title=title)
    for col in ("#", "Candidate", "Score", "Window V", "Reactions", "Electronic", "σ S/cm"):
        t.add_column(col, no_wrap=True, min_width=len(col))
    rows = res.rows if top is None else res.rows[:top]
    for r in rows:
        lo, hi = r.window_V
        win = "-" if lo is None else f"{lo:.2f}-" + ("inf" if hi is None else f"{hi:.2f}")
        rx = "\n".join(f"{k[:4]}. {v:+.3f}" for k, v in r.reaction_with.items())
        el = {True: "conductor", False: "insulator", None: "unknown"}[r.electronic.get("electronic_conductor")]
        sig = "-" if r.conductivity_S_per_cm is None else f"{r.conductivity_S_per_cm:.1e}"
        score = 0.0 if abs(r.score_eV_per_atom) < 5e-4 else r.score_eV_per_atom
        t.add_row(str(r.rank), r.name, f"{score:.3f}", win, rx, el, sig)
    out.print(t)
    out.print("Score (eV/atom): the largest driving force the candidate sees, its own decomposition at its potential "
              "or its reaction with a neighbour; lower is better. Reactions in eV/atom; σ: Li-ion conductivity from "
              "the knowledge base. Why:", highlight=False)
    for r in rows:
        out.print(f"  {r.rank}. {r.name}: " + "; ".join(r.reasons), highlight=False)
    out.print(_bare_line(res.bare), highlight=False)
    for s in res.skipped:
        out.print(f"[yellow]skipped {s['name']}:[/yellow] {s['reason']}")


def _run_screen(label: str, screen: Any, role: str, cand_path: str | None, all_roles: bool, top: int | None,
                entries: str | None, bandgaps: str | None, as_json: bool, title: Any) -> None:
    """Shared body of ``coatings`` and ``interlayers``: candidates, data, progress, output."""
    from ..stack.knowledge import conductivity_lookup
    from .options import thermo_for

    if top is not None and top < 1:
        raise click.BadParameter("must be >= 1", param_hint="--top")
    cands = _candidates(cand_path, role, all_roles)
    res = screen(thermo_for(entries), cands, _gaps(bandgaps), conductivity=conductivity_lookup,
                 progress=lambda items, fn: with_progress(list(items), label, fn, quiet=as_json))
    if as_json:
        echo_json(res)
        return
    _print_screen(res, title(res), top)


def _screen_options(own: str, other: str) -> Any:
    """The options ``coatings`` and ``interlayers`` share: candidates, --all, --top, data, --json."""

    def deco(f: Any) -> Any:
        for opt in (json_option, bandgaps_option, entries_option,
                    click.option("--top", type=int, default=None, help="Show only the best N."),
                    click.option("--all", "all_roles", is_flag=True,
                                 help=f"Screen every default candidate, {other} materials included."),
                    click.option("--candidates", "cand_path", default=None, metavar="FILE",
                                 help="Candidates file (YAML, CSV or one formula per line); "
                                      f"default: the seeds' {own}.")):
            f = opt(f)
        return f

    return deco


@click.command("coatings")
@click.argument("cathode")
@click.argument("electrolyte")
@click.option("--voltage", type=float, default=4.3, show_default=True, help="Top cathode potential, V vs Li/Li+.")
@_screen_options("coatings", "interlayer")
def coatings_cmd(cathode: str, electrolyte: str, voltage: float, cand_path: str | None, all_roles: bool,
                 top: int | None, entries: str | None, bandgaps: str | None, as_json: bool) -> None:
    """Rank coatings between CATHODE (charged to --voltage) and ELECTROLYTE (seed 1 Table 4)."""
    from ..stack.screen import screen_coatings

    _run_screen("coatings", lambda th, cands, gaps, **kw: screen_coatings(th, cathode, electrolyte, cands, voltage,
                                                                          gaps, **kw),
                "cathode", cand_path, all_roles, top, entries, bandgaps, as_json,
                lambda res: f"Coatings for {res.neighbours['cathode']} | ? | {res.neighbours['electrolyte']} "
                            f"at {voltage:g} V")


@click.command("interlayers")
@click.argument("electrolyte")
@click.option("--anode", default="Li", show_default=True, help="Anode material.")
@_screen_options("interlayers", "coating")
def interlayers_cmd(electrolyte: str, anode: str, cand_path: str | None, all_roles: bool, top: int | None,
                    entries: str | None, bandgaps: str | None, as_json: bool) -> None:
    """Rank interlayers between ELECTROLYTE and the anode (seed 1 Table 5, seed 2 Table 1)."""
    from ..stack.screen import screen_interlayers

    _run_screen("interlayers", lambda th, cands, gaps, **kw: screen_interlayers(th, electrolyte, cands, anode, gaps,
                                                                                **kw),
                "anode", cand_path, all_roles, top, entries, bandgaps, as_json,
                lambda res: f"Interlayers for {res.neighbours['anode']} | ? | {res.neighbours['electrolyte']}")


@click.command("data")
@entries_option
@bandgaps_option
@json_option
def data_cmd(entries: str | None, bandgaps: str | None, as_json: bool) -> None:
    """Show which data sources ssbkit would use, and how to configure them."""
    import os

    from ..data.source import HOW_TO_CONFIGURE, config_path, configured_spec

    spec = configured_spec(entries)
    info: dict[str, Any] = {"entries": spec, "entries_from": "--entries" if entries else
                            ("SSBKIT_ENTRIES" if os.environ.get("SSBKIT_ENTRIES") else
                             ("config file" if spec and spec != "mp" else ("MP_API_KEY" if spec == "mp" else None))),
                            "bandgaps": bandgaps or os.environ.get("SSBKIT_BANDGAPS"),
                            "config_file": str(config_path()), "config_exists": config_path().exists()}
    if spec:
        from ..data.source import open_source

        try:
            src = open_source(entries)
            info.update(src.provenance())
            if src.kind == "file" and src._entries is not None:
                info["n_entries"] = len(src._entries)
        except DataSourceError as exc:
            info["error"] = str(exc)
    if as_json:
        echo_json(info)
        return
    out = Console()
    for k, v in info.items():
        out.print(f"{k}: {v}")
    if not spec:
        out.print(f"[yellow]no thermodynamic data configured[/yellow]: {HOW_TO_CONFIGURE}; or write "
                  f"'entries = \"/path/to/file.csv.gz\"' in {config_path()}")


def register(cli: click.Group) -> None:
    cli.add_command(assess_cmd)
    cli.add_command(coatings_cmd)
    cli.add_command(interlayers_cmd)
    cli.add_command(data_cmd)
