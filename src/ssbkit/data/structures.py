"""Crystal structures of known phases, by formula: references for the machine-learned potential.

Read from what the user configures: ``--structures PATH``, ``SSBKIT_STRUCTURES`` or ``structures = ...``
in the config file, else the package's embedded structures; a JSON-lines file (optionally gzipped or xz) with ``formula`` and ``cif`` per line (and
``material_id`` if known), the layout of a Materials Project structure export.  Only the lines of the
formulas asked for are parsed.  Where a formula has several structures, the one of lowest
``e_form_eV_per_atom_mp_legacy`` (its ground state in that build) is kept, else the first given: the file's
first line for a formula is often a high-energy polymorph (Si: +0.49 eV/atom; LiFePO4: Cmcm, not olivine).
"""

from __future__ import annotations

import gzip
import json
import lzma
import math
import os
from dataclasses import dataclass, field
from typing import Any

from ..errors import DataSourceError


@dataclass
class StructureTable:
    """Structures by reduced formula (a formula's lowest-energy one where the file gives energies, else the
    first given)."""

    path: str
    _cif: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)

    def formulas(self) -> set[str]:
        return set(self._cif)

    def get(self, reduced_formula: str) -> Any | None:
        """The pymatgen ``Structure`` of a formula, or None."""
        got = self._cif.get(reduced_formula)
        if got is None:
            return None
        import warnings

        from pymatgen.core import Structure

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                return Structure.from_str(got[1], fmt="cif")
            except Exception as exc:  # noqa: BLE001 - a bad CIF names its line's formula
                raise DataSourceError(f"structure of {reduced_formula} in {self.path} is not a readable CIF: {exc}",
                                      param="structures") from None

    def material_id(self, reduced_formula: str) -> str | None:
        got = self._cif.get(reduced_formula)
        return got[0] if got else None


def read_structures(path: str) -> StructureTable:
    """Index a structures file (one JSON object per line with ``formula`` and ``cif``)."""
    import warnings

    with warnings.catch_warnings():  # pymatgen warns about noble-gas electronegativities while reducing formulas
        warnings.simplefilter("ignore")
        return _read_structures(path)


def _read_structures(path: str) -> StructureTable:
    from pymatgen.core import Composition

    from ..io import regular_file

    p = regular_file(path, "structures file", param="structures")
    table = StructureTable(path=str(p))
    best: dict[str, float] = {}
    try:
        opener = gzip.open if p.name.endswith(".gz") else lzma.open if p.name.endswith(".xz") else open
        with opener(p, "rt", encoding="utf-8") as fh:  # type: ignore[operator]
            for lineno, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                    rf = Composition(rec["formula"]).reduced_formula
                    cif = rec["cif"]
                except (ValueError, KeyError, TypeError) as exc:
                    raise DataSourceError(f"structures file {p} line {lineno} is not a structure record "
                                          f"({exc}): JSON with formula and cif expected", param="structures") from None
                if not isinstance(cif, str):
                    continue
                energy = rec.get("e_form_eV_per_atom_mp_legacy")
                e = float(energy) if isinstance(energy, (int, float)) and math.isfinite(energy) else math.inf
                if rf not in table._cif or e < best.get(rf, math.inf):  # a formula's lowest-energy structure
                    table._cif[rf] = (str(rec.get("material_id") or f"{p.name}:{lineno}"), cif)
                    best[rf] = e
    except (OSError, EOFError, gzip.BadGzipFile, lzma.LZMAError, UnicodeDecodeError) as exc:
        raise DataSourceError(f"cannot read structures file {p}: {exc}", param="structures") from None
    if not table._cif:
        raise DataSourceError(f"structures file {p} holds no structures", param="structures")
    return table


_TABLES: dict[Any, StructureTable] = {}


def embedded_table() -> StructureTable:
    """The package's embedded structures (:mod:`ssbkit.data.embedded`) as a table."""
    from . import embedded

    if "embedded" not in _TABLES:
        _TABLES["embedded"] = StructureTable(path=embedded.STRUCTURES_LABEL, _cif=dict(embedded.structures()))
    return _TABLES["embedded"]


def open_structures(spec: str | None = None) -> StructureTable | None:
    """The configured structures table (``spec``, ``SSBKIT_STRUCTURES``, config ``structures``), else the
    embedded one (the stable phases' structures, :mod:`ssbkit.data.embedded`)."""
    from .source import read_config

    spec = spec or os.environ.get("SSBKIT_STRUCTURES") or read_config().get("structures")
    if not spec:
        return embedded_table()
    from ..io import file_cached

    return file_cached(_TABLES, spec, read_structures)
