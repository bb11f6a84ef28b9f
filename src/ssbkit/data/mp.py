"""The Materials Project API as a data source (``--entries mp``).

Entries are fetched per chemical system, on demand, through the official
client ``mp_api.client.MPRester`` (``get_entries_in_chemsys``: every entry of
the system and of all its subsystems), converted to an
:class:`~ssbkit.data.entryset.EntrySet`, cached on disk in
``$SSBKIT_CACHE_DIR`` (key: endpoint, sorted chemical system, thermo type) and
memoised in memory.  A system that is in the disk cache is served without any
network request -- the client is not even constructed.

What the client sends (mp-api 0.46.x) for the default thermo type
``GGA_GGA+U`` (the MP2020-corrected GGA/GGA+U energies the interface-stability
literature uses, self-consistent across subsystems):

* ``GET {endpoint}/heartbeat`` (no key; twice when the client is built: emmet
  version check and database version), answering
  ``{"version": ..., "db_version": ..., "access_controlled_batch_ids": [...]}``;
* ``GET {endpoint}/materials/thermo/?chemsys=Li,O,Li-O&thermo_types=GGA_GGA%2BU
  &_fields=entries,thermo_type&_limit=1000`` (header ``x-api-key``),
  answering ``{"data": [{"entries": {"GGA": <ComputedStructureEntry dict>}, ...}], "meta": {...}}``.

``band_gaps`` sends ``GET {endpoint}/materials/summary/?formula=...&deprecated=False
&_fields=material_id,formula_pretty,band_gap,energy_above_hull&_limit=1000``.

The thermo type ``GGA_GGA+U_R2SCAN`` (mp-api's own default) is served by the
client from MP's pre-built phase diagrams in a Delta table on AWS S3 rather
than by the REST API; it works when online but is not covered by the recorded
test fixtures.  ``R2SCAN`` uses the REST path like ``GGA_GGA+U``.

Environment:
    MP_API_KEY: the API key (32 characters), required.
    MP_API_ENDPOINT: API root, default ``https://api.materialsproject.org``.
    SSBKIT_MP_THERMO_TYPE: ``GGA_GGA+U`` (default), ``R2SCAN`` or ``GGA_GGA+U_R2SCAN``.
    SSBKIT_MP_REFRESH: ``1`` to ignore (and rewrite) the disk cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import warnings
from datetime import UTC, datetime
from typing import Any

from ..errors import DataSourceError, FormulaError
from ..redact import redact, register
from . import cache
from .entryset import EntrySet, chemsys_key

DEFAULT_ENDPOINT = "https://api.materialsproject.org"
DEFAULT_THERMO_TYPE = "GGA_GGA+U"
THERMO_TYPES = ("GGA_GGA+U", "R2SCAN", "GGA_GGA+U_R2SCAN")
CACHE_SCHEMA = 1
SUMMARY_FIELDS = ["material_id", "formula_pretty", "band_gap", "energy_above_hull"]
MAX_ELEMENTS = 9  # mp-api refuses larger systems (URI length)

_REASONS = {400: "bad request", 401: "unauthorized", 403: "forbidden", 404: "not found",
            414: "request too long", 422: "invalid query", 429: "rate limited",
            500: "server error", 502: "bad gateway", 503: "service unavailable", 504: "gateway timeout"}


def mp_api_version() -> str:
    """Installed mp-api version (without importing it), or ``"not installed"``."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mp-api")
    except PackageNotFoundError:
        return "not installed"


def _one_line(text: str, limit: int = 160) -> str:
    s = " ".join(str(text).split())
    return s if len(s) <= limit else s[: limit - 3] + "..."


def _causes(exc: BaseException):
    seen = set()
    e: BaseException | None = exc
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        yield e
        e = e.__cause__ or e.__context__


class MPSource:
    """Entries and band gaps from the Materials Project API, cached per chemical system.

    Args:
        api_key: Materials Project API key (32 characters).
        endpoint: API root URL.
        thermo_type: MP energy-mixing scheme of the entries (see module docstring).
        refresh: ignore cached results (they are rewritten after the fetch).
    """

    def __init__(self, api_key: str, endpoint: str = DEFAULT_ENDPOINT,
                 thermo_type: str = DEFAULT_THERMO_TYPE, refresh: bool = False) -> None:
        if not api_key:
            raise DataSourceError("no Materials Project API key: set MP_API_KEY or use a data file", param="entries")
        if len(api_key) != 32:
            raise DataSourceError(f"MP_API_KEY has {len(api_key)} characters, Materials Project keys have 32: "
                                  "copy it again from https://next-gen.materialsproject.org/api")
        if thermo_type not in THERMO_TYPES:
            raise DataSourceError(f"unknown Materials Project thermo type {thermo_type!r}: "
                                  f"use one of {', '.join(THERMO_TYPES)}")
        if not re.match(r"^https?://[^\s/]+", endpoint or ""):
            raise DataSourceError(f"MP_API_ENDPOINT {endpoint!r} is not an http(s) URL")
        register(api_key)  # never printed, logged, cached or written into a report
        self._api_key = api_key
        self.endpoint = endpoint.rstrip("/")
        self.thermo_type = thermo_type
        self.refresh = refresh
        self._rester: Any = None
        self._server_db_version: str | None = None
        self._db_versions: set[str] = set()
        self._entries: dict[str, EntrySet] = {}
        self._gaps: dict[str, float | None] = {}
        self._lock = threading.RLock()
        #: a correction scheme re-applied to the served entries (``legacy``, ``mp2020``, ``none``), None: as served
        self.corrections: str | None = None

    def __repr__(self) -> str:  # never show the key
        return f"MPSource(endpoint={self.endpoint!r}, thermo_type={self.thermo_type!r})"

    # ------------------------------------------------------------ construction
    @classmethod
    def from_environment(cls) -> MPSource:
        """Configure from ``MP_API_KEY``, ``MP_API_ENDPOINT``, ``SSBKIT_MP_THERMO_TYPE``, ``SSBKIT_MP_REFRESH``.

        Makes no network request.

        Raises:
            DataSourceError: no (or a malformed) API key, unknown thermo type.
        """
        key = (os.environ.get("MP_API_KEY") or "").strip()
        if not key:
            raise DataSourceError("the Materials Project API needs an API key: set MP_API_KEY "
                                  "(see https://next-gen.materialsproject.org/api) or use a data file", param="entries")
        endpoint = (os.environ.get("MP_API_ENDPOINT") or "").strip() or DEFAULT_ENDPOINT
        ttype = (os.environ.get("SSBKIT_MP_THERMO_TYPE") or "").strip() or DEFAULT_THERMO_TYPE
        refresh = (os.environ.get("SSBKIT_MP_REFRESH") or "").strip().lower() in ("1", "true", "yes")
        return cls(key, endpoint=endpoint, thermo_type=ttype, refresh=refresh)

    # -------------------------------------------------------------- provenance
    @property
    def db_version(self) -> str | None:
        """Materials Project database version(s) of the data served so far (None before any)."""
        if not self._db_versions:
            return self._server_db_version
        return ", ".join(sorted(self._db_versions))

    @property
    def version_label(self) -> str:
        """Human-readable version: database version once known, mp-api version, thermo type."""
        db = self.db_version
        base = f"via mp-api {mp_api_version()}, {self.thermo_type} entries"
        if db:
            return f"Materials Project database {db} {base}"
        return f"Materials Project API {base}; database version unknown until the first request"

    # ----------------------------------------------------------------- client
    def _error(self, exc: BaseException, what: str) -> DataSourceError:
        """One-line DataSourceError for an exception raised by mp-api/requests."""
        import requests

        text = redact(str(exc))
        m = re.search(r"status code (\d{3})", text) or re.search(r"too many (\d{3}) error responses", text)
        if m:
            code = int(m.group(1))
            reason = _REASONS.get(code, "error")
            if code in (401, 403):
                hint = "check MP_API_KEY"
            elif code == 429:
                hint = "too many requests, wait a minute and retry"
            elif code >= 500:
                hint = "the API is unavailable, retry later or use a data file"
            else:
                detail = text.split("message:", 1)[-1] if "message:" in text else text
                hint = _one_line(detail, 100)
            return DataSourceError(f"Materials Project API request failed ({code} {reason}) while {what}: {hint}")
        for e in _causes(exc):
            if isinstance(e, (requests.ConnectionError, requests.Timeout)):
                return DataSourceError(f"cannot reach the Materials Project API at {self.endpoint} while {what}: "
                                       "check the network or MP_API_ENDPOINT, or use a data file")
        for e in _causes(exc):
            if isinstance(e, requests.JSONDecodeError) or type(e).__name__ == "JSONDecodeError":
                return DataSourceError(f"the Materials Project API at {self.endpoint} sent a non-JSON answer while "
                                       f"{what} (service down, or MP_API_ENDPOINT is not an MP API): "
                                       "retry later or use a data file")
        for e in _causes(exc):
            if isinstance(e, (ValueError, KeyError)) and not type(e).__module__.startswith("mp_api"):
                return DataSourceError(f"unexpected answer from {self.endpoint} while {what} "
                                       f"({_one_line(type(e).__name__ + ': ' + str(e), 100)}): "
                                       "check MP_API_ENDPOINT or update mp-api")
        return DataSourceError(f"Materials Project API request failed while {what}: {_one_line(text, 120)}")

    def _client(self) -> Any:
        """The MPRester (built on first use; building it sends the heartbeat requests)."""
        if self._rester is None:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    from mp_api.client import MPRester
            except ImportError as exc:
                raise DataSourceError(f"the Materials Project API needs the mp-api package ({exc}): "
                                      "pip install mp-api, or use a data file") from None
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    self._rester = MPRester(api_key=self._api_key, endpoint=self.endpoint + "/",
                                            mute_progress_bars=True, use_document_model=False,
                                            notify_db_version=False)
            except DataSourceError:
                raise
            except Exception as exc:
                raise self._error(exc, "connecting") from None
            self._server_db_version = str(getattr(self._rester, "db_version", "") or "") or None
        return self._rester

    # ----------------------------------------------------------------- caching
    def _cache_key(self, kind: str, name: str) -> str:
        parts = [CACHE_SCHEMA, kind, self.endpoint, name, self.thermo_type]
        if kind == "entries" and self.corrections:
            parts.append(self.corrections)
        blob = json.dumps(parts, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()

    def _meta(self) -> dict[str, Any]:
        return {"endpoint": self.endpoint, "thermo_type": self.thermo_type,
                "db_version": self._server_db_version, "mp_api_version": mp_api_version(),
                "fetched_utc": datetime.now(UTC).isoformat(timespec="seconds")}

    def _usable(self, payload: Any) -> bool:
        """A cached payload is used unless refreshing, or the live server has a newer database."""
        if self.refresh or not isinstance(payload, dict):
            return False
        if self._server_db_version and payload.get("db_version") not in (None, self._server_db_version):
            return False
        return True

    # ---------------------------------------------------------------- entries
    def entryset_for(self, elements: list[str]) -> EntrySet:
        """All entries of the chemical system spanned by ``elements`` and its subsystems.

        Energies are the corrected energies per atom of the thermo type (eV/atom).

        Raises:
            DataSourceError: no data for the system, too many elements, HTTP/auth/network errors.
        """
        els = sorted({str(e).strip() for e in elements if str(e).strip()})
        if not els:
            raise DataSourceError("no elements given for a Materials Project query")
        if len(els) > MAX_ELEMENTS:
            raise DataSourceError(f"the Materials Project API serves at most {MAX_ELEMENTS}-element systems "
                                  f"in one query; {chemsys_key(els)} has {len(els)}")
        from pymatgen.core import Element

        bad = [e for e in els if not Element.is_valid_symbol(e)]
        if bad:
            raise FormulaError(f"{', '.join(bad)} is not a chemical element symbol")
        key = chemsys_key(els)
        with self._lock:
            es = self._entries.get(key)
            if es is not None:
                return es
            ck = self._cache_key("entries", key)
            hit = cache.load("mp-entries", ck, lazy=("formulas", "entry_ids"))
            if hit is not None and self._usable(hit.meta):
                try:
                    es = EntrySet.from_arrays(hit.arrays)
                    if hit.meta.get("db_version"):
                        self._db_versions.add(str(hit.meta["db_version"]))
                    self._entries[key] = es
                    return es
                except (KeyError, ValueError, TypeError, IndexError):  # inconsistent arrays: fetch again
                    pass
            es, db = self._fetch_entries(els)
            cache.store("mp-entries", ck, es.to_arrays(), {"chemsys": key, **self._meta()})
            if db:
                self._db_versions.add(db)
            self._entries[key] = es
            return es

    def _fetch_entries(self, els: list[str]) -> tuple[EntrySet, str | None]:
        from .readers import entries_to_entryset

        mpr = self._client()
        what = f"fetching the {chemsys_key(els)} entries"
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                entries = mpr.get_entries_in_chemsys(
                    els, additional_criteria={"thermo_types": [self.thermo_type]})
        except Exception as exc:
            raise self._error(exc, what) from None
        entries = [e for e in (entries or []) if e is not None]
        if entries and self.corrections:
            from .corrections import apply_scheme

            entries = apply_scheme(entries, self.corrections)
        if not entries:
            raise DataSourceError(f"the Materials Project has no {self.thermo_type} entries in the "
                                  f"{chemsys_key(els)} system: check the elements or use a data file")
        entries.sort(key=lambda e: (str(getattr(e, "entry_id", "")), e.composition.reduced_formula))
        present = {el.symbol for e in entries for el in e.composition.elements}
        missing = [e for e in els if e not in present]
        if missing:
            raise DataSourceError(f"the Materials Project returned no {self.thermo_type} entry containing "
                                  f"{', '.join(missing)} for the {chemsys_key(els)} system")
        return entries_to_entryset(entries), self._server_db_version

    # --------------------------------------------------------------- band gaps
    def band_gaps(self, formulas: list[str]) -> dict[str, float]:
        """Band gap (eV) of the ground-state polymorph of each formula, by reduced formula.

        The polymorph with the lowest ``energy_above_hull`` is used (ties: the
        lower material ID).  Formulas the Materials Project does not have are
        left out of the result.

        Raises:
            FormulaError: an unparsable formula.
            DataSourceError: HTTP/auth/network errors.
        """
        from pymatgen.core import Composition

        reduced: list[str] = []
        for f in formulas:
            try:
                r = Composition(f).reduced_formula
            except Exception:
                raise FormulaError(f"cannot parse formula {f!r}") from None
            if r not in reduced:
                reduced.append(r)
        with self._lock:
            todo = []
            for r in reduced:
                if r in self._gaps:
                    continue
                hit = cache.load("mp-bandgap", self._cache_key("bandgap", r))
                payload = hit.meta if hit is not None else None
                if self._usable(payload) and "band_gap" in payload and \
                        (payload["band_gap"] is None or isinstance(payload["band_gap"], (int, float))):
                    self._gaps[r] = payload["band_gap"]
                    if payload.get("db_version"):
                        self._db_versions.add(str(payload["db_version"]))
                else:
                    todo.append(r)
            if todo:
                found = self._fetch_gaps(todo)
                for r in todo:
                    self._gaps[r] = found.get(r)
                    cache.store("mp-bandgap", self._cache_key("bandgap", r),
                                meta={"formula": r, "band_gap": found.get(r), **self._meta()})
                if self._server_db_version:
                    self._db_versions.add(self._server_db_version)
            return {r: float(g) for r in reduced if (g := self._gaps.get(r)) is not None}

    def _fetch_gaps(self, reduced: list[str]) -> dict[str, float]:
        mpr = self._client()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                docs = mpr.materials.summary.search(formula=reduced, deprecated=False, fields=SUMMARY_FIELDS)
        except Exception as exc:
            raise self._error(exc, "fetching band gaps") from None
        best: dict[str, tuple[float, int, float]] = {}
        for d in docs or []:
            d = d if isinstance(d, dict) else d.model_dump()
            if d.get("band_gap") is None or not d.get("formula_pretty"):
                continue
            from pymatgen.core import Composition

            r = Composition(d["formula_pretty"]).reduced_formula
            ehull = d.get("energy_above_hull")
            num = re.search(r"(\d+)$", str(d.get("material_id", "")))
            rank = (float(ehull) if ehull is not None else float("inf"), int(num.group(1)) if num else 0)
            if r not in best or rank < best[r][:2]:
                best[r] = (*rank, float(d["band_gap"]))
        return {r: v[2] for r, v in best.items()}
