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
from pathlib import Path
from typing import Any

from ..errors import DataSourceError, FormulaError
from .entryset import EntrySet, parse_simple_formula

FORMULA_COLUMNS = ("formula", "composition", "pretty_formula", "reduced_formula", "full_formula")
ENERGY_COLUMNS = ("target", "formation_energy_per_atom", "e_form", "e_form_per_atom",
                  "formation_energy", "energy_per_atom")
ID_COLUMNS = ("id", "entry_id", "material_id", "task_id", "mp_id")


def _open_text(path: Path) -> io.TextIOBase:
    try:
        if path.suffix == ".gz":
            fh = gzip.open(path, "rt", encoding="utf-8", newline="")
            fh.peek(1) if hasattr(fh, "peek") else None  # type: ignore[func-returns-value]
            return fh  # type: ignore[return-value]
        return open(path, encoding="utf-8", newline="")
    except OSError as exc:
        raise DataSourceError(f"cannot read {path}: {exc.strerror or exc}") from None


def read_csv(path: Path) -> EntrySet:
    """Read a formation-energy table; see the module docstring for the columns."""
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
                    f"{path} has columns {header[:6]}: it needs a formula column ({'/'.join(FORMULA_COLUMNS[:2])}) "
                    f"and an energy-per-atom column ({'/'.join(ENERGY_COLUMNS[:3])})")
            formulas: list[str] = []
            energies: list[float] = []
            ids: list[str] = []
            comps: list[dict[str, float]] = []
            stem = path.name.split(".")[0]
            for rownum, row in enumerate(reader, start=2):
                if not row or all(not c.strip() for c in row):
                    continue
                try:
                    f = row[fcol].strip()
                    e = float(row[ecol])
                    comps.append(parse_simple_formula(f))
                except (IndexError, ValueError, FormulaError):
                    raise DataSourceError(f"{path} line {rownum} is not a valid entry ({','.join(row)[:60]!r}): "
                                          "fix or remove that row") from None
                formulas.append(f)
                energies.append(e)
                ids.append(row[icol].strip() if icol is not None and row[icol].strip() else f"{stem}:{rownum - 1}")
    except (UnicodeDecodeError, gzip.BadGzipFile, EOFError, OSError, csv.Error) as exc:
        raise DataSourceError(f"{path} is not a readable CSV{' (corrupt gzip?)' if path.suffix == '.gz' else ''}: "
                              f"{exc}; re-download or regenerate it") from None
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


def read_json(path: Path) -> EntrySet:
    """Read pymatgen ComputedEntry JSON (a list, or a dict with an ``entries`` list)."""
    from monty.json import MontyDecoder

    try:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as fh:  # type: ignore[operator]
            raw = json.load(fh)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, EOFError, gzip.BadGzipFile) as exc:
        raise DataSourceError(f"{path} is not readable JSON: {exc}; check the file") from None
    if isinstance(raw, dict) and "entries" in raw:
        raw = raw["entries"]
    if not isinstance(raw, list) or not raw:
        raise DataSourceError(f"{path} must hold a non-empty list of pymatgen ComputedEntry dicts")
    try:
        entries = MontyDecoder().process_decoded(raw)
        if not all(hasattr(e, "energy_per_atom") and hasattr(e, "composition") for e in entries):
            raise TypeError("not ComputedEntry objects")
    except Exception as exc:
        raise DataSourceError(f"{path} does not hold pymatgen ComputedEntry dicts ({exc}); "
                              "write entries with monty.serialization.dumpfn(entries, path)") from None
    return entries_to_entryset(entries)


def read_entries_file(path: Path) -> EntrySet:
    """Dispatch on the file name: ``.csv``/``.csv.gz`` or ``.json``/``.json.gz``."""
    name = path.name.lower()
    if not path.exists():
        raise DataSourceError(f"entries file {path} does not exist", param="entries")
    if path.is_dir():
        raise DataSourceError(f"entries path {path} is a directory: give a CSV, CSV.gz, JSON or JSON.gz file")
    if name.endswith((".csv", ".csv.gz")):
        return read_csv(path)
    if name.endswith((".json", ".json.gz")):
        return read_json(path)
    raise DataSourceError(f"unknown entries file type {path.name!r}: use .csv, .csv.gz, .json or .json.gz")
