"""Volumes per atom of solid phases, for Gibbs energies at temperature.

The SISSO descriptor of Bartel et al. (Nat. Commun. 9, 4168 (2018)) needs each solid's volume per
atom.  ssbkit reads them from a table the user configures (``--volumes PATH``, ``SSBKIT_VOLUMES`` or
``volumes = ...`` in the config file): a CSV or CSV.gz with ``reduced_formula`` and
``volume_A3_per_atom`` (a ``source`` column is kept for provenance).  A formula that is not in the
table gets an estimate from a linear model fitted on the table itself, ``V = sum_i x_i v_i`` (atom
fractions x_i, one fitted volume v_i per element); its error is measured on every tenth row held
out, and every result says which phases used it.
"""

from __future__ import annotations

import csv
import gzip
import io
import math
import os
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import DataSourceError

MAX_VOLUME = 1000.0  # A^3/atom: anything larger is not a solid's volume per atom


def comp_key(comp: dict[str, float]) -> tuple[tuple[str, float], ...]:
    """A composition as sorted (element, atom fraction rounded to 1e-6): the same for every multiple."""
    tot = sum(comp.values())
    return tuple(sorted((el, round(a / tot, 6)) for el, a in comp.items() if a > 0))


@dataclass
class VolumeTable:
    """Volumes per atom by composition, with a fitted estimator for the rest.

    Attributes:
        path: the file read.
        volumes: composition key -> (A^3/atom, source label) (a dict, or :class:`~ssbkit.data.packed.PackedVolumes`).
        element_volumes: fitted v_i per element (A^3/atom).
        estimator_mae: mean absolute error of the estimator on the held-out rows (A^3/atom).
        estimator_mape: the same, relative (fraction).
    """

    path: str
    volumes: dict[tuple[tuple[str, float], ...], tuple[float, str]]
    element_volumes: dict[str, float]
    estimator_mae: float
    estimator_mape: float

    def lookup(self, comp: dict[str, float]) -> tuple[float, str, bool]:
        """(volume per atom, source, estimated?) for a composition."""
        got = self.volumes.get(comp_key(comp))
        if got is not None:
            return got[0], got[1], False
        tot = sum(comp.values())
        missing = [el for el in comp if el not in self.element_volumes]
        if missing:
            raise DataSourceError(f"no volume for {''.join(comp)} and none can be estimated ({', '.join(missing)} "
                                  f"not in the volumes table {self.path}): add it to the table")
        v = sum(a / tot * self.element_volumes[el] for el, a in comp.items())
        return float(v), "estimate", True


def _fit(rows: list[tuple[dict[str, float], float]]) -> tuple[dict[str, float], float, float]:
    els = sorted({e for c, _ in rows for e in c})
    pos = {e: i for i, e in enumerate(els)}

    def matrix(sub: list[tuple[dict[str, float], float]]) -> tuple[np.ndarray, np.ndarray]:
        x = np.zeros((len(sub), len(els)))
        for r, (c, _) in enumerate(sub):
            tot = sum(c.values())
            for e, a in c.items():
                x[r, pos[e]] = a / tot
        return x, np.array([v for _, v in sub])

    train = [r for k, r in enumerate(rows) if k % 10]
    test = rows[::10]
    x, y = matrix(train)
    coef, *_ = np.linalg.lstsq(x, y, rcond=None)
    xt, yt = matrix(test)
    err = np.abs(xt @ coef - yt)
    x, y = matrix(rows)
    coef, *_ = np.linalg.lstsq(x, y, rcond=None)  # the estimator itself uses every row
    return {e: float(coef[pos[e]]) for e in els}, float(err.mean()), float((err / yt).mean())


def read_volumes(path: str) -> VolumeTable:
    """Read and check a volumes table; one-line errors for a bad file or row."""
    from ..io import regular_file
    from .entryset import parse_simple_formula

    p = regular_file(path, "volumes file", param="volumes")
    try:
        raw = p.read_bytes()
        text = (gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw).decode("utf-8-sig")
    except (OSError, EOFError, UnicodeDecodeError, gzip.BadGzipFile) as exc:
        raise DataSourceError(f"cannot read volumes file {p}: {exc}", param="volumes") from None
    reader = csv.DictReader(io.StringIO(text))
    cols = reader.fieldnames or []
    if "reduced_formula" not in cols or "volume_A3_per_atom" not in cols:
        raise DataSourceError(f"volumes file {p} needs columns reduced_formula and volume_A3_per_atom "
                              f"(it has: {', '.join(cols) or 'none'})", param="volumes")
    rows: list[tuple[dict[str, float], float, str]] = []
    for line, row in enumerate(reader, start=2):
        try:
            comp = parse_simple_formula((row.get("reduced_formula") or "").strip())
            v = float(row.get("volume_A3_per_atom") or "nan")
        except (ValueError, Exception) as exc:  # noqa: BLE001 - one line naming the row
            raise DataSourceError(f"volumes file {p} line {line}: {exc}", param="volumes") from None
        if not (math.isfinite(v) and 0 < v <= MAX_VOLUME):
            raise DataSourceError(f"volumes file {p} line {line}: volume {row.get('volume_A3_per_atom')!r} is not "
                                  f"a positive number of A^3/atom (at most {MAX_VOLUME:g})", param="volumes")
        rows.append((comp, v, (row.get("source") or "table").strip() or "table"))
    if not rows:
        raise DataSourceError(f"volumes file {p} holds no rows", param="volumes")
    return build_table(str(p), rows)


def build_table(label: str, rows: list[tuple[dict[str, float], float, str]]) -> VolumeTable:
    """A volume table from checked rows (composition, A^3/atom, source label), estimator fitted on them."""
    vols = {comp_key(comp): (v, src) for comp, v, src in rows}
    el_v, mae, mape = _fit([(comp, v) for comp, v, _ in rows])
    return VolumeTable(path=label, volumes=vols, element_volumes=el_v, estimator_mae=mae, estimator_mape=mape)


_TABLES: dict[Any, VolumeTable] = {}


def embedded_table() -> VolumeTable:
    """The package's embedded volumes (:mod:`ssbkit.data.embedded`) as a table."""
    from . import embedded

    if "embedded" not in _TABLES:
        vols, fit, mae, mape = embedded.volumes()
        _TABLES["embedded"] = VolumeTable(path=embedded.VOLUMES_LABEL, volumes=vols, element_volumes=fit,
                                          estimator_mae=mae, estimator_mape=mape)
    return _TABLES["embedded"]


def open_volumes(spec: str | None = None) -> VolumeTable | None:
    """The configured volumes table (``spec``, ``SSBKIT_VOLUMES``, config ``volumes``), else the embedded one."""
    from .source import read_config

    if spec is not None and not spec.strip():
        raise DataSourceError("empty volumes path: give a CSV of reduced_formula, volume_A3_per_atom",
                              param="volumes")
    spec = spec or os.environ.get("SSBKIT_VOLUMES") or read_config().get("volumes")
    if not spec:
        return embedded_table()
    from ..io import file_cached

    return file_cached(_TABLES, spec, read_volumes)


@dataclass(frozen=True)
class MeasuredVolumeChange:
    """A measured volume change of an electrode over its (de)lithiation (``data_files/volume_changes.yaml``).

    Attributes:
        formula: the as-made phase.
        to: the (de)lithiated end phase.
        percent: typical measured change, % of the as-made volume.
        range_percent: the spread of the measured values (%).
        li_removed: fraction of the host's Li removed at the end point (delithiation), else None.
        voltage_V: the (start, end) voltages the value refers to (V vs Li/Li+).
        reference: where the value is from.
    """

    formula: str
    to: str
    percent: float
    range_percent: tuple[float, float]
    li_removed: float | None
    voltage_V: tuple[float, float]
    reference: str


_MEASURED: dict[str, MeasuredVolumeChange] = {}


def measured_volume_changes() -> dict[str, MeasuredVolumeChange]:
    """The package's table of measured volume changes, by formula (Si +280 %, graphite +10 %, LTO +0.2 %, LFP
    -6.5 %, LiCoO2 +2 % to Li0.5CoO2, NCM811 -5.1 % to 4.3 V; each with its reference)."""
    if not _MEASURED:
        from importlib import resources

        from ..io import load_yaml

        text = resources.files("ssbkit").joinpath("data_files/volume_changes.yaml").read_text("utf-8")
        for f, row in load_yaml(text)["volume_changes"].items():
            lo, hi = (float(x) for x in row["range"])
            a, b = (float(x) for x in row["voltage"])
            _MEASURED[f] = MeasuredVolumeChange(
                formula=f, to=str(row["to"]), percent=float(row["percent"]), range_percent=(lo, hi),
                li_removed=None if row.get("li_removed") is None else float(row["li_removed"]),
                voltage_V=(a, b), reference=str(row["reference"]))
    return _MEASURED
