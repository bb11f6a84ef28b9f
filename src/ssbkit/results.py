"""Typed, immutable results that round-trip to JSON.

Every public result of ssbkit is a frozen dataclass deriving from :class:`Result`.
``to_dict()`` gives the JSON-ready dict that ``--json`` prints (nested results,
tuples as lists, non-finite floats as None, and the read-only properties named in
``_computed``); ``from_dict()`` validates such a dict back into the object with
pydantic (unknown keys are refused, computed keys are ignored):

>>> p = Provenance(method="convex hull", ssbkit_version="0.1.0", phases_used=("Li2O",))
>>> Provenance.from_dict(p.to_dict()) == p
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache
from typing import Any, ClassVar, Literal, TypeVar

T = TypeVar("T", bound="Result")

#: Graded verdict of a layer, an interface or a cell (worst first: incompatible > degrading > resistive >
#: unknown > passivated > stable); the rules are in :mod:`ssbkit.stack.verdicts`.
Verdict = Literal["stable", "passivated", "resistive", "degrading", "incompatible", "unknown"]
#: Interphase type at an interface (Wenzel et al. for Li metal; passivating / mixed-conducting elsewhere).
#: The interphase types of Zheng et al., Batteries & Supercaps 2021, Fig. 7a (Wenzel et al.): a stable interface, a
#: solid-electrolyte interphase (SEI: electronically insulating, passivating) or a mixed-conducting interphase
#: (MCI: keeps growing).  One vocabulary for every interface (Li metal, electrodes, layers).
InterphaseType = Literal["stable", "SEI", "MCI"]
#: Kind of data source behind a result.
DataKind = Literal["file", "mp", "entries", "embedded"]


@cache
def _adapter(cls: type) -> Any:
    """pydantic's ``TypeAdapter`` of ``cls`` (pydantic imported when a result is first read back, not at start-up)."""
    from pydantic import TypeAdapter

    return TypeAdapter(cls)


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    """The dataclass fields of ``cls`` followed by its computed properties (the keys of ``to_dict``)."""
    from dataclasses import fields

    return tuple(f.name for f in fields(cls)) + tuple(cls._computed)  # type: ignore[attr-defined]


class Result:
    """Mixin for frozen dataclasses: ``to_dict`` / ``from_dict`` through pydantic.

    Subclasses list read-only properties to emit in ``_computed``.
    """

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}  # pydantic's ConfigDict is this dict
    _computed: ClassVar[tuple[str, ...]] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (what ``--json`` prints): one pass over the fields and computed properties."""
        return {name: _plain_value(getattr(self, name)) for name in _field_names(type(self))}

    #: the field listed one row per item by :meth:`to_dataframe` (None: the result is one row)
    _table: ClassVar[str | None] = None

    def to_dataframe(self) -> Any:
        """A pandas DataFrame: one row per item of the result's main sequence (``_table``), else one row;
        nested fields flattened with dotted names."""
        import pandas as pd

        rows = getattr(self, self._table) if self._table else [self]
        return pd.json_normalize([r.to_dict() if isinstance(r, Result) else r for r in rows])

    def _repr_html_(self) -> str:
        """Jupyter display: the table of :meth:`to_dataframe` (at most 60 rows)."""
        import html

        df = self.to_dataframe()
        head = f"<p><b>{html.escape(type(self).__name__)}</b>" + (f" ({len(df)} rows)" if self._table else "") + "</p>"
        return head + df.head(60).to_html(index=False)

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        """Validate ``data`` (as made by :meth:`to_dict`) back into the result."""
        return _adapter(cls).validate_python(_strip_computed(cls, data))


def _plain_value(v: Any) -> Any:
    """JSON-ready form of one value: nested results as dicts, tuples as lists, keys as text, non-finite floats as
    None."""
    if isinstance(v, float):
        return v if math.isfinite(v) else None
    if isinstance(v, Result):
        return v.to_dict()
    if isinstance(v, (list, tuple)):
        return [_plain_value(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _plain_value(x) for k, x in v.items()}
    return v


def _strip_computed(cls: type, data: Any) -> Any:
    """Drop the computed keys of ``cls`` and of its nested result types from ``data``."""
    import dataclasses
    import typing

    if not (isinstance(data, dict) and dataclasses.is_dataclass(cls)):
        return data
    hints = typing.get_type_hints(cls)
    out = {}
    for k, v in data.items():
        if k in getattr(cls, "_computed", ()):
            continue
        out[k] = _strip_nested(hints.get(k), v)
    return out


def _strip_nested(tp: Any, v: Any) -> Any:
    import dataclasses
    import typing

    if tp is None:
        return v
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _strip_computed(tp, v)
    args = typing.get_args(tp)
    origin = typing.get_origin(tp)
    if origin in (list, tuple) and isinstance(v, list):
        if origin is tuple and args and args[-1] is not Ellipsis:
            return [_strip_nested(a, x) for a, x in zip(args, v)]
        return [_strip_nested(args[0] if args else None, x) for x in v]
    if origin is dict and isinstance(v, dict) and len(args) == 2:
        return {k: _strip_nested(args[1], x) for k, x in v.items()}
    if args and isinstance(v, dict):  # Union / Optional: the dataclass member decides
        for a in args:
            if isinstance(a, type) and dataclasses.is_dataclass(a):
                return _strip_computed(a, v)
    return v


@dataclass(frozen=True)
class Provenance(Result):
    """Where a result comes from.

    Attributes:
        method: what was computed and how (e.g. "Li-open grand potential hull").
        ssbkit_version: version of ssbkit that computed it.
        data_source: location of the thermodynamic data (file path or API), None without data.
        data_kind: ``file`` (a CSV/JSON file), ``mp`` (Materials Project API) or ``entries`` (in memory).
        data_version: content hash or database release of the data.
        phases_used: the phases (reduced formulas) the result rests on.
        references: bibliography keys (``zheng2021``, ``wang2020-ref57`` ...) of the literature used.
        notes: modelling notes (ordered host models, energies taken at the hull ...).
        details: method parameters (thresholds, materials, band-gap source ...).
    """

    method: str
    ssbkit_version: str
    data_source: str | None = None
    data_kind: DataKind | None = None
    data_version: str | None = None
    phases_used: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)

