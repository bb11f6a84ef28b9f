"""The package's embedded default data: what ssbkit computes with when nothing is configured.

Derived from public Materials Project data by ``tools/build_embedded.py`` (``MANIFEST.json`` beside the
files records the inputs' SHA-256, the counts and the sizes; ``LICENSE-DATA.md`` the licence):

* every row of the Materials Project formation-energy set of database release 2018.06
  (132,752 computed polymorphs, legacy corrections applied; A. Dunn et al., npj Comput. Mater. 6, 138
  (2020)), as compressed arrays, energies bit-identical to the published table;
* the Materials Project GGA(+U) band gaps of every calculation, by reduced formula;
* volumes per atom (Materials Project structures, OQMD where none: J. E. Saal et al., JOM 65, 1501
  (2013); S. Kirklin et al., npj Comput. Mater. 1, 15010 (2015));
* the CIF of every phase stable on that hull that has a Materials Project structure, and of the named
  materials of ssbkit (A. Jain et al., APL Mater. 1, 011002 (2013)).

A source the user configures (``--entries``/``SSBKIT_ENTRIES``/config file/``MP_API_KEY``, and likewise
for band gaps, volumes and structures) always takes precedence; every result names the source it used.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Mapping
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DataSourceError

#: Where the files are (inside the installed package).
EMBEDDED_DIR = Path(__file__).resolve().parents[1] / "data_files" / "embedded"
#: The label every result's provenance carries for each embedded table.
ENTRIES_LABEL = "Materials Project 2018.06 formation energies (embedded default)"
BANDGAPS_LABEL = "Materials Project GGA(+U) band gaps (embedded default)"
VOLUMES_LABEL = "volumes per atom from Materials Project structures and OQMD (embedded default)"
STRUCTURES_LABEL = "Materials Project structures of the 2018 hull's stable phases (embedded default)"
#: How the file reader would name rows of the published table: IDs are rebuilt the same way.
_ID_STEM = "mp2018_formation_energies"
#: How to replace the defaults (for messages).
HOW_TO_CONFIGURE = ("give --entries PATH|mp, set SSBKIT_ENTRIES, or write entries = \"PATH\" in the config file "
                    "(ssbkit data shows what is used)")


def _path(name: str) -> Path:
    p = EMBEDDED_DIR / name
    if not p.is_file():
        raise DataSourceError(f"the embedded default data file {name} is missing from the installed package "
                              f"({EMBEDDED_DIR}): reinstall ssbkit, or configure a source ({HOW_TO_CONFIGURE})",
                              param="entries")
    return p


def _strings(arr: np.ndarray) -> list[str]:
    from .cache import unpack_strings

    return unpack_strings(arr)


def _npz(name: str, keys: tuple[str, ...] | None = None, skip: tuple[str, ...] = ()) -> dict[str, np.ndarray]:
    """The arrays of an embedded ``.npz`` (``keys``: only these; ``skip``: all but these)."""
    try:
        with np.load(_path(name), allow_pickle=False) as z:
            return {k: z[k] for k in (keys if keys is not None else z.files) if k not in skip}
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
        raise DataSourceError(f"the embedded default data file {name} is unreadable ({exc}): reinstall ssbkit",
                              param="entries") from None


def _npz_array(name: str, key: str) -> np.ndarray:
    """One array of an embedded ``.npz`` (a module-level function: a lazy reader of it pickles)."""
    return _npz(name, keys=(key,))[key]


@lru_cache(maxsize=1)
def manifest() -> dict[str, Any]:
    """The build record: inputs (file names and SHA-256), counts, sizes."""
    return dict(json.loads(_path("MANIFEST.json").read_text(encoding="utf-8")))


def version() -> str:
    """The data version as provenance states it: the SHA-256 of the published table the arrays came from
    (the same as a source configured with that file states)."""
    return f"sha256:{manifest()['inputs']['entries']['sha256']}"


@lru_cache(maxsize=1)
def entryset() -> Any:
    """The embedded formation energies as an :class:`~ssbkit.data.entryset.EntrySet`."""
    from .entryset import ChemIndex, EntrySet, NumberedIds, PackedStrings

    z = _npz("entries.npz", skip=("formulas",))  # the formulas are read when first looked at
    n = len(z["raw_energy_per_atom"])
    formulas = PackedStrings(partial(_npz_array, "entries.npz", "formulas"), n, "embedded formulas")
    arr = {"elements": _strings(z["elements"]), "formulas": formulas,
           "entry_ids": NumberedIds(_ID_STEM, n),
           "comp_ptr": z["comp_ptr"].astype(np.int64), "comp_el": z["comp_el"].astype(np.int32),
           "comp_amt": z["comp_amt"].astype(np.float64), "raw_energy_per_atom": z["raw_energy_per_atom"]}
    try:
        # the chemical-system index, precomputed by tools/build_embedded.py
        arr["chem_index"] = ChemIndex(_strings(z["chem_keys"]), z["chem_order"], z["chem_bounds"])
        return EntrySet.from_arrays(arr)
    except (KeyError, ValueError, TypeError, IndexError) as exc:
        raise DataSourceError(f"the embedded formation energies are inconsistent ({exc}): reinstall ssbkit",
                              param="entries") from None


@lru_cache(maxsize=1)
def bandgaps() -> tuple[Mapping[str, list[float]], str]:
    """The embedded band gaps: every calculation's gap (eV) by reduced formula (read when asked), and the data
    version."""
    from .packed import PackedGaps

    z = _npz("bandgaps.npz")
    try:
        gaps = PackedGaps(_strings(z["formulas"]), z["ptr"], z["values"])
    except ValueError as exc:
        raise DataSourceError(f"the embedded band gaps are inconsistent ({exc}): reinstall ssbkit",
                              param="bandgaps") from None
    return gaps, f"sha256:{manifest()['inputs']['bandgaps']['sha256']}"


@lru_cache(maxsize=1)
def volumes() -> tuple[Mapping[Any, tuple[float, str]], dict[str, float], float, float]:
    """The embedded volumes per atom: (volumes by composition key with their source, the estimator's
    per-element volumes, its mean absolute and relative errors), fitted as for a configured table."""
    from .packed import PackedVolumes

    z = _npz("volumes.npz")
    try:
        vols = PackedVolumes(_strings(z["elements"]), z["key_ptr"], z["key_el"], z["key_frac"], z["key_volume"],
                             ["oqmd" if s < 0 else f"mp-{s}" for s in z["key_source"].tolist()])
    except ValueError as exc:
        raise DataSourceError(f"the embedded volumes are inconsistent ({exc}): reinstall ssbkit",
                              param="volumes") from None
    fit = dict(zip(_strings(z["fit_elements"]), z["fit_volumes"].tolist(), strict=True))
    mae, mape = z["fit_errors"].tolist()
    return vols, fit, mae, mape


@lru_cache(maxsize=1)
def structures() -> dict[str, tuple[str, str]]:
    """The embedded structures: reduced formula -> (material ID, CIF text)."""
    import lzma

    out: dict[str, tuple[str, str]] = {}
    try:
        with lzma.open(_path("structures.jsonl.xz"), "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                out.setdefault(rec["reduced_formula"], (str(rec["material_id"]), rec["cif"]))
    except (OSError, EOFError, lzma.LZMAError, ValueError, KeyError) as exc:
        raise DataSourceError(f"the embedded structures are unreadable ({exc}): reinstall ssbkit",
                              param="structures") from None
    return out
