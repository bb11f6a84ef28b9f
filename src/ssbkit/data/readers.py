"""Readers for entry files: formation-energy tables (CSV, CSV.gz) and pymatgen JSON.

* CSV / CSV.gz: one row per entry with a formula column (``formula``,
  ``composition``, ``pretty_formula``, ``reduced_formula``), an energy per
  atom column (``target``, ``formation_energy_per_atom``, ``e_form``,
  ``energy_per_atom``; eV/atom) and optionally an ID column (``id``,
  ``entry_id``, ``material_id``, ``task_id``).  Rows without an ID get
  ``<file stem>:<row number>``.
* JSON / JSON.gz: a list of pymatgen ``ComputedEntry`` /
  ``ComputedStructureEntry`` dicts (as written by ``monty.serialization.dumpfn``
  or the Materials Project API), or ``{"entries": [...]}``.  The corrected
  energy per atom is used.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import math
import zlib
from pathlib import Path
from typing import Any

from ..errors import DataSourceError, FormulaError
from ..io import regular_file
from .entryset import EntrySet, parse_simple_formula

FORMULA_COLUMNS = ("formula", "composition", "pretty_formula", "reduced_formula", "full_formula")
ENERGY_COLUMNS = ("target", "formation_energy_per_atom", "e_form", "e_form_per_atom",
                  "formation_energy", "energy_per_atom")
ID_COLUMNS = ("id", "entry_id", "material_id", "task_id", "mp_id")


#: Plausible energies per atom, eV/atom: formation energies (the most negative known is about -4.6) and
#: total energies (any code's absolute scale).  Values outside are refused as corrupt rows, never used.
FORMATION_RANGE_EV = (-10.0, 10.0)
TOTAL_RANGE_EV = (-1e5, 1e3)
MAX_BAD_ROWS_SHOWN = 3


def _open_text(path: Path) -> io.TextIOBase:
    """Open a (gzipped) UTF-8 text file; a UTF-8 byte-order mark is accepted."""
    try:
        if path.suffix == ".gz":
            fh = gzip.open(path, "rt", encoding="utf-8-sig", newline="")
            fh.peek(1) if hasattr(fh, "peek") else None  # type: ignore[func-returns-value]
            return fh  # type: ignore[return-value]
        return open(path, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise DataSourceError(f"cannot read {path}: {exc.strerror or exc}") from None


def check_row(formula: str, energy_text: str, formation: bool) -> tuple[dict[str, float], float]:
    """Validate one data row: known elements with positive finite amounts, a finite plausible energy.

    ``formation``: the energy column is a formation energy (elements are their own references, so an
    elemental row cannot be negative).

    Raises:
        ValueError: the reason, for the row report.
    """
    if not formula:
        raise ValueError("empty formula")
    if any(ord(c) < 32 for c in formula):
        raise ValueError("control character in the formula")
    try:
        comp = parse_simple_formula(formula)
    except FormulaError as exc:
        raise ValueError(str(exc)) from None
    try:
        e = float(energy_text)
    except ValueError:
        raise ValueError(f"energy {energy_text.strip()!r} is not a number") from None
    lo, hi = FORMATION_RANGE_EV if formation else TOTAL_RANGE_EV
    if not math.isfinite(e) or not lo <= e <= hi:
        raise ValueError(f"energy {energy_text.strip()} eV/atom is outside the plausible range {lo:g} to {hi:g}")
    if formation and len(comp) == 1 and e < -1e-6:
        raise ValueError(f"elemental row with formation energy {e:g} eV/atom < 0 (an element is its own reference)")
    return comp, e


def bad_rows_error(path: Path, bad: list[tuple[int, str, str]], item: str = "row", where: str = "line",
                   param: str = "entries") -> DataSourceError:
    """One line naming the first bad rows (or entries) by line (or position) and the count."""
    shown = "; ".join(f"{where} {n} ({text[:40]!r}: {why})" for n, text, why in bad[:MAX_BAD_ROWS_SHOWN])
    more = f" and {len(bad) - MAX_BAD_ROWS_SHOWN} more" if len(bad) > MAX_BAD_ROWS_SHOWN else ""
    plural = "entries" if item == "entry" else f"{item}s"
    return DataSourceError(f"{path.name}: {len(bad)} bad {item if len(bad) == 1 else plural}: {shown}{more}; "
                           "fix or remove them", param=param)


def read_csv(path: Path) -> EntrySet:
    """Read a formation-energy table; see the module docstring for the columns.  Every row is validated."""
    try:
        with _open_text(path) as fh:
            reader = csv.reader(fh)
            try:
                header = [h.strip().lower() for h in next(reader)]
            except StopIteration:
                raise DataSourceError(f"{path} is empty: give a CSV with formula and energy-per-atom columns") from None
            fcol = next((header.index(c) for c in FORMULA_COLUMNS if c in header), None)
            ecol = next((header.index(c) for c in ENERGY_COLUMNS if c in header), None)
            icol = next((header.index(c) for c in ID_COLUMNS if c in header), None)
            if fcol is None or ecol is None:
                raise DataSourceError(
                    f"{path} has columns {header[:6]}: it needs a header with a formula column "
                    f"({'/'.join(FORMULA_COLUMNS[:2])}) and an energy-per-atom column ({'/'.join(ENERGY_COLUMNS[:3])})")
            formation = header[ecol] != "energy_per_atom"
            formulas: list[str] = []
            energies: list[float] = []
            ids: list[str] = []
            comps: list[dict[str, float]] = []
            bad: list[tuple[int, str, str]] = []
            stem = path.name.split(".")[0]
            for rownum, row in enumerate(reader, start=2):
                if not row or all(not c.strip() for c in row):
                    continue
                try:
                    if len(row) <= max(fcol, ecol):
                        raise ValueError("missing columns")
                    comp, e = check_row(row[fcol].strip(), row[ecol], formation)
                except ValueError as exc:
                    bad.append((rownum, ",".join(row), str(exc)))
                    continue
                comps.append(comp)
                formulas.append(row[fcol].strip())
                energies.append(e)
                rid = row[icol].strip() if icol is not None and icol < len(row) else ""
                ids.append(rid if rid else f"{stem}:{rownum - 1}")
    except (UnicodeDecodeError, gzip.BadGzipFile, EOFError, OSError, csv.Error, zlib.error) as exc:
        raise DataSourceError(f"{path} is not a readable CSV{' (corrupt gzip?)' if path.suffix == '.gz' else ''}: "
                              f"{exc}; re-download or regenerate it") from None
    if bad:
        raise bad_rows_error(path, bad)
    return EntrySet.from_records(formulas, energies, ids, compositions=comps)


def entries_to_entryset(entries: list[Any]) -> EntrySet:
    """Build an :class:`EntrySet` from pymatgen ``ComputedEntry``-like objects."""
    formulas, energies, ids, comps = [], [], [], []
    for k, e in enumerate(entries):
        comp = {el.symbol: float(a) for el, a in e.composition.items()}
        comps.append(comp)
        formulas.append("".join(f"{el}{'' if abs(a - 1) < 1e-9 else (int(a) if abs(a - round(a)) < 1e-9 else a)}"
                                for el, a in comp.items()))
        energies.append(float(e.energy_per_atom))
        ids.append(str(getattr(e, "entry_id", None) or f"entry:{k}"))
    return EntrySet.from_records(formulas, energies, ids, compositions=comps)


#: The only classes an entries JSON may name (read as plain data: no module named in a file is imported).
ENTRY_CLASSES = frozenset({"ComputedEntry", "ComputedStructureEntry", "GibbsComputedStructureEntry"})
#: Where pymatgen has kept these classes (the module name changed between releases).
ENTRY_MODULES = frozenset({"pymatgen.entries.computed_entries", "pymatgen.core.entries"})


def _adjustment(a: Any) -> float:
    """Energy (eV) of one serialized pymatgen EnergyAdjustment, read as data."""
    if not isinstance(a, dict):
        raise ValueError("an energy adjustment is not an object")
    if "value" in a:
        return float(a["value"])
    if "adj_per_atom" in a:
        return float(a["adj_per_atom"]) * float(a["n_atoms"])
    if "adj_per_deg" in a:
        return float(a["adj_per_deg"]) * float(a["temp"]) * float(a["n_atoms"])
    raise ValueError(f"unknown energy adjustment {a.get('@class', '?')}")


def entry_record(d: Any) -> tuple[dict[str, float], float, float, str | None]:
    """(composition, corrected energy eV, uncorrected energy eV, entry_id) of one serialized entry dict.

    Read as plain data: ``@module`` must be one of pymatgen's entry modules and ``@class`` one of
    :data:`ENTRY_CLASSES` (or absent); nothing named in the file is imported.

    Raises:
        ValueError: the reason, for the row report.
    """
    if not isinstance(d, dict):
        raise ValueError("not an object")
    mod, cls = d.get("@module"), d.get("@class")
    if mod is not None and (mod not in ENTRY_MODULES or cls not in ENTRY_CLASSES):
        raise ValueError(f"{mod}.{cls} is not a pymatgen ComputedEntry")
    comp_raw = d.get("composition")
    if not isinstance(comp_raw, dict) or not comp_raw:
        raise ValueError("no composition")
    comp = {str(k): float(v) for k, v in comp_raw.items() if not str(k).startswith("@")}
    from pymatgen.core import Element

    from ..materials import MAX_AMOUNT

    for el, v in comp.items():
        if not Element.is_valid_symbol(el):
            raise ValueError(f"unknown element {el!r}")
        if not (math.isfinite(v) and 0 < v <= MAX_AMOUNT):
            raise ValueError(f"amount {v:g} of {el} must be positive and at most {MAX_AMOUNT:g}")
    energy = float(d["energy"])
    if "correction" in d:
        corr = float(d["correction"])
    else:
        corr = sum(_adjustment(a) for a in d.get("energy_adjustments") or [])
    eid = d.get("entry_id")
    return comp, energy + corr, energy, None if eid is None else str(eid)


def read_json(path: Path, corrections: str | None = None) -> EntrySet:
    """Read pymatgen ComputedEntry JSON (a list, or a dict with an ``entries`` list), validating every entry.

    ``corrections``: re-correct the entries with this scheme (:func:`ssbkit.data.corrections.apply_scheme`), from
    their uncorrected energies and calculation parameters (``parameters``, ``data``, ``structure``), which are
    read as plain data."""
    try:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8-sig") as fh:  # type: ignore[operator]
            raw = json.load(fh)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, EOFError, gzip.BadGzipFile, zlib.error,
            RecursionError) as exc:
        raise DataSourceError(f"{path} is not readable JSON: {str(exc).splitlines()[0]}; check the file") from None
    if isinstance(raw, dict) and "entries" in raw:
        raw = raw["entries"]
    if not isinstance(raw, list) or not raw:
        raise DataSourceError(f"{path} must hold a non-empty list of pymatgen ComputedEntry dicts")
    formulas, energies, ids, comps = [], [], [], []
    bad: list[tuple[int, str, str]] = []
    stem = path.name.split(".")[0]
    for k, d in enumerate(raw):
        try:
            comp, e, _, eid = entry_record(d)
            n = sum(comp.values())
            e_pa = e / n
            if not math.isfinite(e_pa) or not TOTAL_RANGE_EV[0] <= e_pa <= TOTAL_RANGE_EV[1]:
                raise ValueError(f"energy {e_pa:g} eV/atom is outside the plausible range")
        except (ValueError, TypeError, KeyError, OverflowError, FormulaError) as exc:
            bad.append((k + 1, json.dumps(d)[:40] if isinstance(d, (dict, list)) else repr(d), str(exc)))
            continue
        comps.append(comp)
        formulas.append("".join(f"{el}{'' if abs(a - 1) < 1e-9 else f'{a:.12g}'}" for el, a in comp.items()))
        energies.append(e_pa)
        ids.append(eid or f"{stem}:{k + 1}")
    if bad:
        raise bad_rows_error(path, bad, item="entry", where="entry")
    if corrections:
        energies = _recorrected(raw, comps, corrections)
    return EntrySet.from_records(formulas, energies, ids, compositions=comps)


def _recorrected(raw: list[Any], comps: list[dict[str, float]], scheme: str) -> list[float]:
    """Energies per atom of the entries ``raw`` (already validated) re-corrected with ``scheme``."""
    from pymatgen.core import Composition
    from pymatgen.entries.computed_entries import ComputedEntry

    from .corrections import apply_scheme

    entries = []
    for d, comp in zip(raw, comps):
        _, _, uncorrected, eid = entry_record(d)
        params = d.get("parameters") if isinstance(d.get("parameters"), dict) else {}
        data = d.get("data") if isinstance(d.get("data"), dict) else {}
        entries.append(ComputedEntry(Composition(comp), uncorrected, parameters=params, data=data, entry_id=eid))
    out = apply_scheme(entries, scheme)
    return [float(e.energy) / sum(c.values()) for e, c in zip(out, comps)]  # type: ignore[attr-defined]


def read_entries_file(path: Path, corrections: str | None = None) -> EntrySet:
    """Dispatch on the file name: ``.csv``/``.csv.gz`` or ``.json``/``.json.gz``."""
    name = path.name.lower()
    check_entries_path(path)
    if name.endswith((".csv", ".csv.gz")):
        return read_csv(path)
    if name.endswith((".json", ".json.gz")):
        return read_json(path, corrections)
    raise DataSourceError(f"unknown entries file type {path.name!r}: use .csv, .csv.gz, .json or .json.gz")


ENTRY_SUFFIXES = (".csv", ".csv.gz", ".json", ".json.gz")


def check_entries_path(path: Path) -> None:
    """Refuse before reading: a missing path, a folder, FIFO or device, or a file type ssbkit does not read."""
    regular_file(path, "entries file", param="entries")
    if not path.name.lower().endswith(ENTRY_SUFFIXES):
        raise DataSourceError(f"unknown entries file type {path.name!r}: use .csv, .csv.gz, .json or .json.gz "
                              "(the type is decided by the file name)", param="entries")
