"""CLI: ``ssbkit screen`` - electrolytes x electrodes over a voltage grid, resumable, Dask optional."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import SsbkitError
from ..stack.conditions import parse_voltage_range
from ._common import scan_spec, show
from .options import _entries_path, json_option


@click.command("screen")
@click.option("--electrolytes", required=True, metavar="A,B,...|@FILE", help="Electrolytes (comma list or @file).")
@click.option("--electrodes", required=True, metavar="X,Y,...|@FILE", help="Electrodes/coatings (comma list or @file).")
@click.option("--scan", "scan", default="0:5:0.05", show_default=True, metavar="START:STOP:STEP",
              help="Voltage grid (V vs Li/Li+).")
@click.option("--window", "window", default=None, metavar="LOW:HIGH",
              help="Rank pairs by their worst reaction within this voltage range (default: the whole grid).")
@click.option("--out", "out", default=None, metavar="FILE.jsonl",
              help="Append results per pair; rerun with the same file to resume an interrupted screen.")
@click.option("--dask", "dask", default=None, metavar="local[:N]|tcp://HOST:PORT",
              help="Run on Dask: a local cluster of N worker processes, or an existing scheduler.")
@click.option("--entries", "entries", metavar="PATH", default=None, callback=_entries_path,
              help="Thermodynamic data file (workers read it too). Default: $SSBKIT_ENTRIES.")
@click.option("--restart", is_flag=True, help="Discard what --out holds and screen afresh.")
@click.option("--kinks", is_flag=True,
              help="Also record every kink of the mixing line at each voltage (slower; default: the most "
                   "exergonic reaction per voltage and the exact breakpoints).")
@json_option
def screen_cmd(electrolytes: str, electrodes: str, scan: str, window: str | None, out: str | None,
               dask: str | None, entries: str | None, restart: bool, kinks: bool, as_json: bool) -> None:
    """Screen every ELECTROLYTE x ELECTRODE pair: closed reaction and Li-open scan (Zheng et al. 2021, Fig. 6a)."""
    from ..data.source import configured_spec, open_source
    from ..screening.pairs import execute, plan, read_list, screen_parameters, summarize

    spec = configured_spec(entries) or "embedded"
    if spec == "mp":
        raise SsbkitError("screen needs a data file or the embedded data (workers read it): use --entries PATH, "
                          "not the API")
    src = open_source(spec)  # validates the file once, here
    spec = src.location if src.kind == "file" else "embedded"
    volts = scan_spec(scan)
    win = parse_voltage_range(window) if window else None
    if out and not out.endswith((".jsonl", ".json")):
        raise click.BadParameter("give a .jsonl file name", param_hint="--out")
    if out and Path(out).parent and not Path(out).parent.exists():
        raise SsbkitError(f"cannot write {out}: directory {Path(out).parent} does not exist")
    tasks = plan(read_list(electrolytes), read_list(electrodes), volts, spec, kinks=kinks)
    params = screen_parameters(volts, src.location, src.version, kinks=kinks)
    if restart and not out:
        raise click.BadParameter("--restart needs --out", param_hint="--restart")
    from ..screening.pairs import read_done
    from ..views import progress

    already = 0 if (not out or restart or not progress.enabled()) else len(read_done(Path(out), params)[0])
    with progress.bar("screen", len(tasks), min(already, len(tasks))) as advance:
        records = execute(tasks, Path(out) if out else None, dask, on_result=lambda r: advance(1),
                          parameters=params, restart=restart)
    from ..screening.pairs import PairScreen

    res = PairScreen(pairs=len(tasks), voltages=len(volts), window_V=win, results_file=out,
                     ranking=tuple(summarize(records, win)), parameters=params)
    show(res, as_json)


def register(cli: click.Group) -> None:
    cli.add_command(screen_cmd)
