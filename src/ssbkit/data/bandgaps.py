"""Band gaps of phases, for the electronic character of interphase products.

Source: a CSV/CSV.gz with a formula column (``pretty_formula``, ``formula``,
``reduced_formula``) and ``band_gap`` (eV), e.g. the Materials Project's GGA(+U)
gaps per calculation; or the Materials Project API (``mp``, key in
``MP_API_KEY``).  Chosen by ``--bandgaps PATH|mp``, ``SSBKIT_BANDGAPS`` or
``bandgaps = ...`` in the config file.  A formula with several calculations
(polymorphs) gets the median gap; all values are kept for reporting.
GGA underestimates gaps; treat small values as lower bounds.
"""

from __future__ import annotations

import csv
import gzip
import math
import os
import statistics
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import DataSourceError, SsbkitError
from . import cache
from .packed import PackedGaps


@dataclass(frozen=True)
class BandGap:
    """Band gap of one reduced formula (eV)."""

    formula: str
    band_gap_eV: float
    values_eV: tuple[float, ...]
    source: str


class BandGapTable:
    """Band gaps by reduced formula."""

    def __init__(self, gaps: Mapping[str, list[float]], source: str, version: str) -> None:
        self._gaps = gaps
        self.source = source
        self.version = version

    def get(self, reduced_formula: str) -> BandGap | None:
        vals = self._gaps.get(reduced_formula)
        if not vals:
            return None
        return BandGap(reduced_formula, float(statistics.median(vals)), tuple(vals), self.source)

    def __len__(self) -> int:
        return len(self._gaps)


#: Plausible band gaps, eV (the widest known, LiF, is about 14 eV).
GAP_RANGE_EV = (0.0, 30.0)


def _read(path: Path) -> dict[str, list[float]]:
    """Gaps by reduced formula; every row validated (known elements, positive amounts, 0-30 eV)."""
    from ..materials import parse_formula
    from .readers import bad_rows_error

    opener = gzip.open if path.suffix == ".gz" else open
    out: dict[str, list[float]] = {}
    bad: list[tuple[int, str, str]] = []
    try:
        with opener(path, "rt", encoding="utf-8-sig", newline="") as fh:  # type: ignore[operator]
            reader = csv.reader(fh)
            try:
                header = [h.strip().lower() for h in next(reader)]
            except StopIteration:
                raise DataSourceError(f"band-gap file {path} is empty", param="bandgaps") from None
            fcol = next((header.index(c) for c in ("pretty_formula", "reduced_formula", "formula") if c in header),
                        None)
            if fcol is None or "band_gap" not in header:
                raise DataSourceError(f"{path} needs a header with a formula column (pretty_formula/formula) and "
                                      "band_gap (eV)", param="bandgaps")
            gcol = header.index("band_gap")
            reduced: dict[str, str] = {}
            for rownum, row in enumerate(reader, start=2):
                if not row or all(not c.strip() for c in row):
                    continue
                try:
                    f = row[fcol].strip()
                    gap = float(row[gcol])
                    if not (math.isfinite(gap) and GAP_RANGE_EV[0] <= gap <= GAP_RANGE_EV[1]):
                        raise ValueError(f"band gap {row[gcol].strip()} eV outside {GAP_RANGE_EV[0]:g}-"
                                         f"{GAP_RANGE_EV[1]:g} eV")
                    r = reduced.get(f)
                    if r is None:
                        r = parse_formula(f).reduced_formula
                        reduced[f] = r
                except (ValueError, IndexError, SsbkitError) as exc:
                    bad.append((rownum, ",".join(row), str(exc) if str(exc) else "unreadable"))
                    continue
                out.setdefault(r, []).append(gap)
    except (OSError, UnicodeDecodeError, EOFError, gzip.BadGzipFile, csv.Error, zlib.error) as exc:
        raise DataSourceError(f"cannot read band gaps from {path}: {exc}", param="bandgaps") from None
    if bad:
        raise bad_rows_error(path, bad, param="bandgaps")
    if not out:
        raise DataSourceError(f"band-gap file {path} holds no rows", param="bandgaps")
    return out


@lru_cache(maxsize=4)
def _load(path_str: str, digest: str) -> BandGapTable:
    path = Path(path_str)
    key = cache.key_of(digest, path.name)
    hit = cache.load("bandgaps", key)
    gaps = None
    if hit is not None:
        try:
            gaps = PackedGaps(hit.arrays["formulas"], hit.arrays["ptr"], hit.arrays["values"])
        except (KeyError, ValueError, TypeError) as exc:
            cache._warn(f"cached band gaps for {path.name} are inconsistent ({exc}); rebuilt")
            gaps = None
    if gaps is None:
        gaps = _read(path)
        names = list(gaps)
        ptr = np.cumsum([0] + [len(gaps[k]) for k in names]).astype(np.int64)
        vals = np.asarray([v for k in names for v in gaps[k]], dtype=float)
        cache.store("bandgaps", key, {"formulas": names, "ptr": ptr, "values": vals},
                    {"file": path.name, "sha256": digest})
    return BandGapTable(gaps, str(path), f"sha256:{digest}")


@lru_cache(maxsize=1)
def embedded_table() -> BandGapTable:
    """The package's embedded band gaps (:mod:`ssbkit.data.embedded`) as a table."""
    from . import embedded

    gaps, version = embedded.bandgaps()
    return BandGapTable(gaps, embedded.BANDGAPS_LABEL, version)


def open_bandgaps(spec: str | None = None) -> BandGapTable | None:
    """The configured band-gap table (``spec``, ``SSBKIT_BANDGAPS``, config ``bandgaps``), else the embedded one."""
    from ..io import regular_file
    from .source import read_config

    if spec is not None and not spec.strip():
        raise DataSourceError("empty band-gap path: give a CSV of pretty_formula, band_gap (eV) or 'mp'",
                              param="bandgaps")
    spec = spec or os.environ.get("SSBKIT_BANDGAPS") or read_config().get("bandgaps")
    if not spec:
        return embedded_table()
    if str(spec).lower() == "mp":
        from .mp import MPSource

        mp = MPSource.from_environment()
        return MPBandGaps(mp)  # type: ignore[return-value]
    path = Path(str(spec)).expanduser()
    regular_file(path, "band-gap file", param="bandgaps")
    if not path.name.lower().endswith((".csv", ".csv.gz")):
        raise DataSourceError(f"unknown band-gap file type {path.name!r}: use .csv or .csv.gz", param="bandgaps")
    try:
        digest = cache.file_sha256(path)
    except OSError as exc:
        raise DataSourceError(f"cannot read {path}: {exc.strerror or exc}", param="bandgaps") from None
    return _load(str(path.resolve()), digest)


class MPBandGaps:
    """Band gaps fetched from the Materials Project API on demand."""

    def __init__(self, mp: object) -> None:
        self._mp = mp
        self.source = getattr(mp, "endpoint", "Materials Project API")
        self._memo: dict[str, BandGap | None] = {}

    @property
    def version(self) -> str:
        """Database version, known after the first request."""
        return str(getattr(self._mp, "version_label", ""))

    def get(self, reduced_formula: str) -> BandGap | None:
        if reduced_formula not in self._memo:
            gaps = self._mp.band_gaps([reduced_formula])  # type: ignore[attr-defined]
            g = gaps.get(reduced_formula)
            self._memo[reduced_formula] = None if g is None else BandGap(reduced_formula, float(g), (float(g),), self.source)
        return self._memo[reduced_formula]
