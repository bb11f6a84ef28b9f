"""Where thermodynamic entries come from, and the provenance they carry.

The source is chosen, in order, by the ``--entries PATH|mp`` option, the
``SSBKIT_ENTRIES`` environment variable, ``entries = ...`` in the user
config file ``$SSBKIT_CONFIG`` (default ``~/.config/ssbkit/config.toml``),
or, when none of these is set but ``MP_API_KEY`` is, the Materials Project; with nothing configured, the
package's embedded default data (:mod:`ssbkit.data.embedded`: the Materials Project 2018.06 formation
energies).  ``mp`` means the Materials Project API (key in ``MP_API_KEY``), fetched per
chemical system on demand and cached on disk.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, ClassVar

from .._version import __version__
from ..errors import DataSourceError, SsbkitError
from . import cache
from .entryset import EntrySet

#: What a user can give as thermodynamic data (the CLI and the web say how to give it).
DATA_KINDS = ("a CSV/CSV.gz of formula + formation energy per atom, a pymatgen ComputedEntry JSON, "
              "or the Materials Project API with MP_API_KEY set")


def config_path() -> Path:
    """The user config file (TOML)."""
    return Path(os.environ.get("SSBKIT_CONFIG") or Path.home() / ".config" / "ssbkit" / "config.toml")


def read_config() -> dict[str, Any]:
    """The user config as a dict ({} if absent); a malformed file is an error."""
    p = config_path()
    if not p.exists():
        return {}
    try:
        return tomllib.loads(p.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataSourceError(f"config file {p} is not valid TOML ({exc}); fix or remove it") from None


def configured_spec(explicit: str | None = None) -> str | None:
    """The entries spec from the option, the environment or the config file (None if none)."""
    if explicit:
        return explicit
    env = os.environ.get("SSBKIT_ENTRIES")
    if env:
        return env
    cfg = read_config().get("entries")
    if cfg:
        return str(cfg)
    if os.environ.get("MP_API_KEY"):
        return "mp"  # a Materials Project key and nothing else configured: use the API
    return None


@dataclass
class DataSource:
    """A resolved data source.

    Attributes:
        kind: ``"file"``, ``"mp"``, ``"entries"`` (in memory) or ``"embedded"`` (the package's default data).
        location: absolute file path, the API URL, or the embedded data's label.
        version: content SHA-256 for files; database version for the API.
    """

    kind: str
    location: str
    version: str
    _entries: EntrySet | None = field(default=None, repr=False)
    _mp: Any = field(default=None, repr=False)
    #: the energies' correction scheme: applied (entries with calculation parameters, the API) or stated (tables)
    corrections: str | None = None

    @property
    def scheme(self) -> str | None:
        """The correction scheme the energies hold, when known (the API serves MP2020-corrected energies; the
        embedded 2018 table holds the legacy ones)."""
        return self.corrections or {"mp": "mp2020", "embedded": "legacy"}.get(self.kind)

    # what a source that only serves its data says (:class:`~ssbkit.data.protocol.EntrySource`)
    open_potentials: ClassVar[Mapping[str, float]] = MappingProxyType({})
    label: ClassVar[str] = ""
    added: ClassVar[tuple[Any, ...]] = ()
    excluded: ClassVar[tuple[str, ...]] = ()
    uncorrect: ClassVar[tuple[str, ...]] = ()
    scheme_assumed: ClassVar[bool] = False
    gibbs_notes: ClassVar[tuple[str, ...]] = ()

    def provenance(self) -> dict[str, Any]:
        """Provenance fields common to every result computed from this source."""
        version = self.version
        if self.kind == "mp" and self._mp is not None:
            version = getattr(self._mp, "version_label", version)  # known after the first request
        out = {
            "data_source": self.location,
            "data_kind": self.kind,
            "data_version": version,
            "ssbkit_version": __version__,
        }
        if self.corrections:
            out["corrections"] = self.corrections
        return out

    def entries_for(self, elements: list[str] | set[str]) -> EntrySet:
        """The entry set that covers ``elements`` (whole file or entry list, or fetched from the API)."""
        if self._entries is not None:
            return self._entries
        return self._mp.entryset_for(sorted(set(elements)))


def _load_file(path: Path, digest: str, corrections: str | None = None) -> EntrySet:
    """The entry set of ``path`` (content hash ``digest``): from the cache when it holds this file, else read.

    The cache key is the content hash *and* the file name: the reader, and the IDs of rows
    without one (``<file stem>:<row>``), depend on the name, so a byte-identical file under
    another name is read afresh.
    """
    from .readers import read_entries_file

    applied = corrections if corrections and path.name.lower().endswith((".json", ".json.gz")) else None
    key = cache.key_of(digest, path.name + (f"#{applied}" if applied else ""))
    hit = cache.load("entries", key, lazy=("formulas", "entry_ids"))
    meta = {"file": path.name, "sha256": digest, "corrections": applied}
    if hit is not None:
        try:
            return EntrySet.from_arrays(hit.arrays)
        except (KeyError, ValueError, TypeError, IndexError) as exc:
            cache._warn(f"cached entries for {path.name} are inconsistent ({exc}); rebuilt")
    es = read_entries_file(path, applied)
    cache.store("entries", key, es.to_arrays(), meta)
    return es


@lru_cache(maxsize=8)
def _open_cached(path_str: str, digest: str, corrections: str | None = None) -> DataSource:
    """One open source per (path, content, scheme): an edit that keeps size and time stamp is still seen."""
    path = Path(path_str)
    return DataSource(kind="file", location=str(path), version=f"sha256:{digest}",
                      _entries=_load_file(path, digest, corrections), corrections=corrections)


def open_source(spec: str | None = None, corrections: str | None = None) -> DataSource:
    """Resolve and open the configured data source.

    ``corrections``: the energies' correction scheme (:mod:`ssbkit.data.corrections`): re-applied with
    pymatgen's compatibility classes to entries that carry their calculation parameters (ComputedEntry JSON,
    the Materials Project API); for a formation-energy table, the scheme it holds (stated, not applied).

    Raises:
        DataSourceError: nothing configured, missing/corrupt file, no API key.
    """
    if spec is not None and not spec.strip():
        raise DataSourceError(f"empty entries path: give {DATA_KINDS}", param="entries")
    if corrections is not None:
        from .corrections import check_scheme

        corrections = check_scheme(corrections)
    spec = configured_spec(spec)
    if not spec:
        return embedded_source(corrections)
    if spec.strip().lower() in ("embedded", "default"):
        return embedded_source(corrections)
    if spec.strip().lower() in ("mp", "materials-project", "materialsproject"):
        from .mp import MPSource

        mp = MPSource.from_environment()
        mp.corrections = corrections
        return DataSource(kind="mp", location=mp.endpoint, version=mp.version_label, _mp=mp, corrections=corrections)
    if not spec.strip():
        raise DataSourceError(f"empty entries path: give {DATA_KINDS}", param="entries")
    from .readers import check_entries_path

    path = Path(spec).expanduser()
    try:
        check_entries_path(path)
    except SsbkitError as exc:
        raise DataSourceError(f"{exc} (give {DATA_KINDS})", param="entries") from None
    try:
        digest = cache.file_sha256(path)
    except OSError as exc:
        raise DataSourceError(f"cannot read {path}: {exc.strerror or exc}", param="entries") from None
    return _open_cached(str(path.resolve()), digest, corrections)


def embedded_source(corrections: str | None = None) -> DataSource:
    """The package's embedded default data (:mod:`ssbkit.data.embedded`) as a source; its energies hold the
    legacy Materials Project corrections (stated when another scheme is named)."""
    from . import embedded

    return DataSource(kind="embedded", location=embedded.ENTRIES_LABEL, version=embedded.version(),
                      _entries=embedded.entryset(), corrections=corrections)


def from_entries(entries: Any, label: str | None = None) -> DataSource:
    """A data source of pymatgen entries in memory (``ComputedEntry``, ``ComputedStructureEntry``, ``PDEntry``
    or anything with ``composition``, ``energy`` and optionally ``entry_id``): total energies in eV, elemental
    references taken from the list itself (it must hold every element's reference entry)."""
    import hashlib
    import math

    from .entryset import EntrySet

    items = list(entries)
    if not items:
        raise DataSourceError("no entries given: pass a non-empty list of pymatgen entries")
    formulas, energies, ids, comps = [], [], [], []
    h = hashlib.sha256()
    for k, e in enumerate(items):
        try:
            comp = {el.symbol: float(a) for el, a in e.composition.items() if float(a) > 0}
            energy = float(e.energy)
        except (AttributeError, TypeError, ValueError):
            raise DataSourceError(f"entry {k + 1} is not a pymatgen entry (needs composition and energy): "
                                  f"{type(e).__name__}") from None
        n = sum(comp.values())
        if not comp or not math.isfinite(energy):
            raise DataSourceError(f"entry {k + 1} ({e.composition}) has no atoms or a non-finite energy")
        formula = "".join(f"{el}{a:.12g}" for el, a in comp.items())
        formulas.append(formula)
        energies.append(energy / n)
        comps.append(comp)
        ids.append(str(getattr(e, "entry_id", None) or f"entry:{k + 1}"))
        h.update(f"{formula} {energy!r} {ids[-1]}\n".encode())
    es = EntrySet.from_records(formulas, energies, ids, compositions=comps)
    return DataSource(kind="entries", location=label or f"{len(items)} pymatgen entries (in memory)",
                      version=f"sha256:{h.hexdigest()}", _entries=es)
