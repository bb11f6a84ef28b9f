"""Screening at scale: many electrolyte x electrode pairs over a voltage grid.

One task is one pair: its chemical system's hull is built once and reused for
every voltage (and cached per worker process for the pairs that share it).
Tasks run in this process, or on a Dask cluster (``LocalCluster`` or a
scheduler address).  Results are appended to a JSON-lines file as each pair
finishes, so an interrupted screen resumes where it stopped; a half-written
last line (a kill during a write) is discarded on resume.

Each record: ``electrolyte``, ``electrode``, ``closed`` (most exergonic
chemical reaction), ``scan`` (most negative Li-open reaction energy per
voltage, Zheng et al., Batteries & Supercaps 2021 Fig. 6a), ``breakpoints`` (the exact
voltages at which the driving force changes slope, with the products on each side),
``worst`` over the grid, provenance, and with ``kinks`` every kink per voltage.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from ..constants import REACTS_EV
from ..errors import SsbkitError
from ..results import Result

_THERMO_CACHE: dict[str, Any] = {}


@dataclass(frozen=True)
class PairTask:
    """One pair to screen (picklable: sent to Dask workers)."""

    electrolyte: str
    electrode: str
    voltages: tuple[float, ...]
    entries_spec: str
    kinks: bool = False

    @property
    def key(self) -> str:
        return f"{self.electrolyte}|{self.electrode}"


def _thermo(spec: str) -> Any:
    """One Thermo per process and data source (hulls reused across that worker's pairs)."""
    th = _THERMO_CACHE.get(spec)
    if th is None:
        from ..data.source import open_source
        from ..thermo import Thermo

        th = Thermo(open_source(spec))
        _THERMO_CACHE[spec] = th
    return th


def run_pair(task: PairTask) -> dict[str, Any]:
    """Screen one pair; errors become a record with ``error`` (the screen goes on).

    The closed reaction and the Li-open driving force come from the pair's own programme: the most
    exergonic mixture directly (:mod:`ssbkit.thermo.mixing`), and the exact breakpoints in voltage
    with the grid read from them (:mod:`ssbkit.interfaces.profile`).  So a record depends on the pair
    alone, never on what the process solved before.  ``task.kinks`` adds every kink per voltage.
    """
    from ..interfaces.profile import best_closed
    from ..interfaces.reactions import InterfaceCalculator

    out: dict[str, Any] = {"electrolyte": task.electrolyte, "electrode": task.electrode}
    try:
        th = _thermo(task.entries_spec)
        calc = InterfaceCalculator(th, task.electrolyte, task.electrode)
        closed = best_closed(calc, use_hull_energy=True)
        out["closed"] = {"reaction_energy_eV_per_atom": closed.reaction_energy_eV_per_atom,
                         "mixing_ratio": closed.mixing_ratio, "products": list(closed.products),
                         "reaction": closed.reaction.text}
        scan: list[dict[str, Any]] = []
        breaks: list[dict[str, Any]] = []
        if "Li" not in (calc.a.model_formula, calc.b.model_formula) and task.voltages:
            prof = calc.profile(task.voltages)
            scan = [{"voltage_V": p.voltage_V, "reaction_energy_eV_per_atom": p.reaction_energy_eV_per_atom,
                     "mixing_ratio": p.mixing_ratio, "products": list(p.products)} for p in prof.points]
            breaks = [{"voltage_V": b.voltage_V, "reaction_energy_eV_per_atom": b.reaction_energy_eV_per_atom,
                       "products_below": list(b.products_below), "products_above": list(b.products_above)}
                      for b in prof.breakpoints]
            if task.kinks:
                out["kinks"] = [{"voltage_V": r.voltage_V, "kinks": [k.to_dict() for k in r.kinks]}
                                for r in calc.scan(task.voltages, kinks=True)]
        out["scan"] = scan
        out["breakpoints"] = breaks
        cands = [(closed.reaction_energy_eV_per_atom, None, closed.products)] + \
            [(s["reaction_energy_eV_per_atom"], s["voltage_V"], s["products"]) for s in scan]
        e, v, p = _worst(cands)
        out["worst"] = {"reaction_energy_eV_per_atom": e, "voltage_V": v, "products": list(p), "reacts": bool(p)}
        out["provenance"] = th.provenance("pair screen: most exergonic closed reaction + exact Li-open profile",
                                          model_formulas=[calc.a.model_formula, calc.b.model_formula]).to_dict()
    except SsbkitError as exc:
        out["error"] = str(exc)
    return out


#: Version of the results-file layout (a header line with the parameters, then one record per pair).
SCREEN_FORMAT = 2


def screen_parameters(voltages: Sequence[float], data_source: str, data_version: str,
                      window: tuple[float, float] | None = None, kinks: bool = False) -> dict[str, Any]:
    """Every parameter a screen's records depend on: the grid, the data (location and content hash), the
    method and the ssbkit version.  Written as the first line of a results file and checked on resume."""
    from .._version import __version__

    return {"format": SCREEN_FORMAT, "voltages_V": [float(v) for v in voltages], "data_source": data_source,
            "data_version": data_version, "kinks": bool(kinks),
            "method": "most exergonic closed reaction (hull energies) + exact Li-open profile read on the grid",
            "ssbkit_version": __version__}


def _check_record(rec: Any, n_voltages: int | None) -> None:
    if not isinstance(rec, dict) or not isinstance(rec.get("electrolyte"), str) or \
            not isinstance(rec.get("electrode"), str):
        raise ValueError("no electrolyte/electrode names")
    if "error" in rec:
        return
    closed, scan = rec.get("closed"), rec.get("scan")
    if not isinstance(closed, dict) or not isinstance(scan, list) or "worst" not in rec:
        raise ValueError("missing closed/scan/worst fields")
    if n_voltages is not None and scan and len(scan) != n_voltages:
        raise ValueError(f"{len(scan)} scan points, the header says {n_voltages}")
    for item in [closed, *scan]:
        e = item.get("reaction_energy_eV_per_atom") if isinstance(item, dict) else None
        if not isinstance(e, (int, float)) or not math.isfinite(e):
            raise ValueError("a reaction energy is missing or not finite")


def read_done(path: Path, parameters: dict[str, Any] | None = None) -> tuple[dict[str, dict[str, Any]], int]:
    """Records already in a results file, keyed ``electrolyte|electrode``; drops a torn last line.

    The first line must be the parameter header; with ``parameters`` given, it must equal them (a
    rerun with another grid, other data or another ssbkit version does not mix records).  Every
    record is checked; a malformed one is reported by line number.

    Returns (records, number of bytes of valid content).
    """
    done: dict[str, dict[str, Any]] = {}
    if not path.exists():
        return done, 0
    from ..io import regular_file

    regular_file(path, "results file", param="out")
    with open(path, "rb") as fh:
        data = fh.read()
    if not data:
        return done, 0
    lines = data.splitlines(keepends=True)
    pos = 0
    n_v: int | None = None
    for lineno, line in enumerate(lines, start=1):
        if not line.endswith(b"\n"):
            break  # torn write
        try:
            rec = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise SsbkitError(f"{path} line {lineno} is not JSON: use another results file or start it afresh",
                              param="out") from None
        if lineno == 1:
            header = rec.get("screen_parameters") if isinstance(rec, dict) else None
            if not isinstance(header, dict):
                raise SsbkitError(f"{path} has no parameter header (not a results file of this ssbkit): use "
                                  "another results file or start it afresh", param="out")
            if parameters is not None and header != parameters:
                diff = [k for k in sorted(set(header) | set(parameters)) if header.get(k) != parameters.get(k)]
                raise SsbkitError(f"{path} was made with other parameters ({', '.join(diff)} differ): records "
                                  "are not mixed; use another results file or start it afresh", param="out")
            n_v = len(header.get("voltages_V") or []) or None
        else:
            try:
                _check_record(rec, n_v)
            except ValueError as exc:
                raise SsbkitError(f"{path} line {lineno} is not a valid screening record ({exc}): use another "
                                  "results file or start it afresh", param="out") from None
            done[f"{rec['electrolyte']}|{rec['electrode']}"] = rec
        pos += len(line)
    return done, pos


def plan(electrolytes: Sequence[str], electrodes: Sequence[str], voltages: Sequence[float],
         entries_spec: str, kinks: bool = False) -> list[PairTask]:
    """All pairs (materials validated up front: a bad name fails before any work)."""
    from ..materials import resolve

    for name in list(electrolytes) + list(electrodes):
        resolve(name)
    if not electrolytes or not electrodes:
        raise SsbkitError("give at least one electrolyte and one electrode")
    return [PairTask(e, k, tuple(voltages), entries_spec, kinks) for e in electrolytes for k in electrodes]


def execute(tasks: Sequence[PairTask], out_path: Path | None = None, dask: str | None = None,
            on_result: Callable[[dict[str, Any]], None] | None = None,
            parameters: dict[str, Any] | None = None, restart: bool = False) -> list[dict[str, Any]]:
    """Run tasks (resuming from ``out_path``), serially or on Dask; returns all records in task order.

    Args:
        tasks: pairs to screen.
        out_path: JSON-lines results file: a header line with ``parameters``, then records appended as
            pairs finish (resume support).  An exclusive lock keeps a second writer out.
        dask: None (this process), ``"local"`` / ``"local:N"`` (a LocalCluster of N worker
            processes) or a scheduler address ``tcp://host:port``.
        on_result: called with each new record (progress display).
        parameters: the screen's parameters (:func:`screen_parameters`); required with ``out_path``.
        restart: discard what ``out_path`` holds and start afresh.
    """
    import fcntl

    done: dict[str, dict[str, Any]] = {}
    fh = None
    if out_path is not None:
        if parameters is None:
            raise SsbkitError("a results file needs the screen's parameters", param="out")
        if out_path.is_dir():
            raise SsbkitError(f"results file {out_path} is a folder: give a file name", param="out")
        fh = open(out_path, "a+b")
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            raise SsbkitError(f"results file {out_path} is being written by another screen: wait for it or use "
                              "another results file", param="out") from None
        try:
            if restart:
                fh.truncate(0)
            done, valid = read_done(out_path, parameters)
            fh.truncate(valid)  # drop a torn last line before appending
            if valid == 0:
                fh.write((json.dumps({"screen_parameters": parameters}) + "\n").encode("utf-8"))
                fh.flush()
        except BaseException:
            fh.close()
            raise
    todo = [t for t in tasks if t.key not in done]

    def record(rec: dict[str, Any]) -> None:
        done[f"{rec['electrolyte']}|{rec['electrode']}"] = rec
        if fh is not None:
            fh.write((json.dumps(rec) + "\n").encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        if on_result is not None:
            on_result(rec)

    try:
        if dask is None:
            for t in todo:
                record(run_pair(t))
        else:
            _run_dask(todo, dask, record)
    finally:
        if fh is not None:
            fh.close()
    return [done[t.key] for t in tasks if t.key in done]


def _run_dask(todo: Sequence[PairTask], dask: str, record: Callable[[dict[str, Any]], None]) -> None:
    from dask.distributed import as_completed

    from .cluster import dask_client

    with dask_client(dask) as client:
        futures = client.map(run_pair, list(todo), pure=False)
        for fut in as_completed(futures):
            record(fut.result())


@dataclass(frozen=True)
class RankedPair(Result):
    """One pair of a screen: its most exergonic reaction (within the ranking window), or the error."""

    electrolyte: str
    electrode: str
    worst_reaction_energy_eV_per_atom: float | None = None
    at_voltage_V: float | None = None
    products: tuple[str, ...] = ()
    closed_reaction_energy_eV_per_atom: float | None = None
    error: str | None = None
    reacts: bool | None = None
    product_changes_V: tuple[float, ...] = ()


@dataclass(frozen=True)
class PairScreen(Result):
    """A finished screen: its size, ranking window, results file and the pairs, most stable first."""

    pairs: int
    voltages: int
    window_V: tuple[float, float] | None
    results_file: str | None
    ranking: tuple[RankedPair, ...]
    parameters: dict[str, Any] | None = None

    _table: ClassVar[str | None] = "ranking"


def _worst(cands: list[tuple[float, float | None, Any]]) -> tuple[float, float | None, tuple[str, ...]]:
    """The most exergonic candidate (energy, voltage or None for closed, products); lowest voltage wins ties.

    Nothing reacts (every energy above -REACTS_EV): the energy is kept, but no voltage and no products are
    given, so a pair in equilibrium is never shown as a reaction (the "products" of a non-reaction are the
    reactants themselves).
    """
    e, v, p = min(cands, key=lambda c: (c[0], -1 if c[1] is None else c[1]))
    if e >= -REACTS_EV:
        return e, None, ()
    return e, v, tuple(p)


def summarize(records: Iterable[dict[str, Any]], window: tuple[float, float] | None = None) -> list[RankedPair]:
    """One row per pair: the most negative reaction energy (within ``window`` volts, if given), sorted best first."""
    rows = []
    for r in records:
        if "error" in r:
            rows.append(RankedPair(r["electrolyte"], r["electrode"], error=r["error"]))
            continue
        scan = [s for s in r["scan"] if window is None or window[0] - 1e-9 <= s["voltage_V"] <= window[1] + 1e-9]
        cands = [(r["closed"]["reaction_energy_eV_per_atom"], None, r["closed"]["products"])] + \
            [(s["reaction_energy_eV_per_atom"], s["voltage_V"], s["products"]) for s in scan]
        e, v, p = _worst(cands)
        changes = tuple(b["voltage_V"] for b in r.get("breakpoints", ())
                        if set(b["products_below"]) != set(b["products_above"])
                        and (window is None or window[0] <= b["voltage_V"] <= window[1]))
        rows.append(RankedPair(r["electrolyte"], r["electrode"], worst_reaction_energy_eV_per_atom=e,
                               at_voltage_V=v, products=tuple(p), reacts=bool(p), product_changes_V=changes,
                               closed_reaction_energy_eV_per_atom=r["closed"]["reaction_energy_eV_per_atom"]))
    rows.sort(key=lambda x: (x.worst_reaction_energy_eV_per_atom is None, -(x.worst_reaction_energy_eV_per_atom or 0.0)))
    return rows


def read_list(value: str) -> list[str]:
    """Comma-separated names, or ``@file`` with one name per line (``#`` comments)."""
    if value.startswith("@"):
        from ..io import read_text

        names = [ln.split("#", 1)[0].strip() for ln in read_text(value[1:], what="list file").splitlines()]
    else:
        names = [v.strip() for v in value.split(",")]
    names = [n for n in names if n]
    if not names:
        raise SsbkitError(f"empty material list {value!r}: give names separated by commas, or @FILE")
    from ..materials import check_solid, resolve
    from ..validate import name

    out = [name(n) for n in names]
    for n in out:
        if not n.startswith("@"):
            check_solid(resolve(n), "list entry")
    return out
