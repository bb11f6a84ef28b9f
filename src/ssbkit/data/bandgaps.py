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
import os
import statistics
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import DataSourceError
from . import cache


@dataclass(frozen=True)
class BandGap:
    """Band gap of one reduced formula (eV)."""

    formula: str
    band_gap_eV: float
    values_eV: tuple[float, ...]
    source: str


class BandGapTable:
    """Band gaps by reduced formula."""

    def __init__(self, gaps: dict[str, list[float]], source: str, version: str) -> None:
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


def _read(path: Path) -> dict[str, list[float]]:
    from pymatgen.core import Composition

    opener = gzip.open if path.suffix == ".gz" else open
    out: dict[str, list[float]] = {}
    try:
        with opener(path, "rt", encoding="utf-8", newline="") as fh:  # type: ignore[operator]
            reader = csv.DictReader(fh)
            cols = [c.lower() for c in (reader.fieldnames or [])]
            fcol = next((c for c in ("pretty_formula", "reduced_formula", "formula") if c in cols), None)
            if fcol is None or "band_gap" not in cols:
                raise DataSourceError(f"{path} needs a formula column (pretty_formula/formula) and band_gap (eV)")
            names = {c.lower(): c for c in reader.fieldnames or []}
            reduced: dict[str, str] = {}
            for row in reader:
                f = row[names[fcol]].strip()
                try:
                    gap = float(row[names["band_gap"]])
                except ValueError:
                    continue
                r = reduced.get(f)
                if r is None:
                    try:
                        r = Composition(f).reduced_formula
                    except Exception:
                        continue
                    reduced[f] = r
                out.setdefault(r, []).append(gap)
    except (OSError, UnicodeDecodeError, EOFError, gzip.BadGzipFile, csv.Error) as exc:
        raise DataSourceError(f"cannot read band gaps from {path}: {exc}") from None
    return out


@lru_cache(maxsize=4)
def _load(path_str: str, mtime_ns: int) -> BandGapTable:
    path = Path(path_str)
    digest = cache.file_sha256(path)
    gaps = cache.load("bandgaps", digest)
    if gaps is None:
        gaps = _read(path)
        cache.store("bandgaps", digest, gaps)
    return BandGapTable(gaps, str(path), f"sha256:{digest}")


def open_bandgaps(spec: str | None = None) -> BandGapTable | None:
    """The configured band-gap table, or None when none is configured."""
    from .source import read_config

    spec = spec or os.environ.get("SSBKIT_BANDGAPS") or read_config().get("bandgaps")
    if not spec:
        return None
    if str(spec).lower() == "mp":
        from .mp import MPSource

        mp = MPSource.from_environment()
        return MPBandGaps(mp)  # type: ignore[return-value]
    path = Path(str(spec)).expanduser()
    if not path.exists():
        raise DataSourceError(f"band-gap file {path} does not exist", param="bandgaps")
    return _load(str(path.resolve()), path.stat().st_mtime_ns)


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
