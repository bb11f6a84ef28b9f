"""Queries over the literature datasets: filters, material lookup, interphases, coatings.

Material filters follow the matching rules of :mod:`ssbkit.literature.matching`;
each returned record carries ``match`` (``"exact"`` or ``"family"``) and a
``match_note``.  Exact matches are listed before family matches.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from ..errors import SsbkitError
from ..materials import ABBREVIATIONS
from .loader import canonical_table, load, tables
from .matching import MaterialKey, identify, match_level
from .records import Record

_SOURCES = {"seed1": "zheng2021", "1": "zheng2021", "zheng": "zheng2021", "zheng2021": "zheng2021",
            "seed2": "wang2020", "2": "wang2020", "wang": "wang2020", "wang2020": "wang2020"}

#: per table: filter name -> (kind, record fields); kinds: material, text, exact, ref, topic, source
FILTERS: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {
    "electrolytes": {"family": ("exact", ("family",)), "material": ("material", ("material", "formula", "material_printed")),
                     "ref": ("ref", ("ref",))},
    "cathode-reactions": {"electrolyte": ("material", ("electrolyte",)), "cathode": ("material", ("electrode",)),
                          "method": ("text", ("method",)), "product": ("material", ("products",)), "ref": ("ref", ("ref",))},
    "anode-reactions": {"electrolyte": ("material", ("electrolyte",)), "anode": ("material", ("electrode",)),
                        "method": ("text", ("method",)), "product": ("material", ("products",)), "ref": ("ref", ("ref",))},
    "reactions": {"electrolyte": ("material", ("electrolyte",)), "cathode": ("material", ("electrode",)),
                  "anode": ("material", ("electrode",)), "electrode": ("material", ("electrode",)),
                  "method": ("text", ("method",)), "product": ("material", ("products",)), "ref": ("ref", ("ref",))},
    "coatings": {"cathode": ("material", ("electrode",)), "electrolyte": ("material", ("electrolyte",)),
                 "layer": ("material", ("layer",)), "method": ("text", ("method",)), "ref": ("ref", ("ref",))},
    "interlayers": {"anode": ("material", ("electrode",)), "electrolyte": ("material", ("electrolyte",)),
                    "layer": ("material", ("layer",)), "method": ("text", ("method",)), "ref": ("ref", ("ref",))},
    "garnet-li": {"composition": ("material", ("composition",)), "electrolyte": ("material", ("composition",)),
                  "strategy": ("text", ("garnet_surface", "li_interface_process")), "ref": ("ref", ("ref",))},
    "garnet-cells": {"cathode": ("material", ("components",)), "component": ("material", ("components",)),
                     "ref": ("ref", ("ref",))},
    "numbers": {"topic": ("topic", ("topic",)), "material": ("material", ("materials",)),
                "source": ("source", ("source",)), "section": ("text", ("section",)), "ref": ("ref", ("ref",))},
}
_TOPIC_ALIASES = {"windows": "window", "stability": "window", "asr": "interfacial_resistance",
                  "resistance": "interfacial_resistance", "wetting": "contact_angle", "adhesion": "adhesion",
                  "modulus": "mechanics", "shear": "mechanics", "ea": "activation_energy",
                  "sigma": "conductivity", "thermal": "thermal_reaction", "sintering": "processing",
                  "dendrite": "ccd", "critical-current": "ccd", "thickness": "interphase"}


def filters_for(table: str) -> list[str]:
    """Filter names accepted by :func:`query` for ``table``."""
    return list(FILTERS[canonical_table(table)])


def known_names() -> set[str]:
    """Upper-case names printed in the datasets (for unknown-material checks)."""
    names: set[str] = set()
    for t in ("electrolytes", "reactions", "coatings", "interlayers", "garnet-li", "garnet-cells", "numbers"):
        for r in load(t):
            for f in ("material", "formula", "electrolyte", "electrode", "layer", "composition"):
                v = getattr(r, f, None)
                if isinstance(v, str):
                    names |= identify(v).aliases
            for f in ("components", "materials", "products"):
                for v in getattr(r, f, None) or ():
                    names |= identify(v).aliases
    return names


def material_key(name: str) -> MaterialKey:
    """Identify a user's material name; unknown names raise a one-line error.

    Raises:
        SsbkitError: the name is neither a formula, an abbreviation, a family
            word nor a name printed in the datasets.
    """
    key = identify(name)
    if key.known or key.aliases & known_names():
        return key
    abbrs = ", ".join(sorted(ABBREVIATIONS))
    raise SsbkitError(f"unknown material {name!r}: give a formula (e.g. Li6PS5Cl, any element order) "
                      f"or an abbreviation ({abbrs}, NMC, NCM)")


def _values(rec: Record, fields: Iterable[str]) -> list[str]:
    out: list[str] = []
    for f in fields:
        v = getattr(rec, f, None)
        if v is None:
            continue
        if isinstance(v, (tuple, list)):
            out.extend(str(x) for x in v)
        else:
            out.append(str(v))
    return out


def _best(key: MaterialKey, texts: list[str]) -> tuple[str, str] | None:
    best: tuple[str, str] | None = None
    for t in texts:
        r = identify(t)
        level = match_level(key, r)
        if level == "exact":
            return "exact", f"{key.text} = {t}"
        if level == "family" and best is None:
            best = ("family", f"{key.text} ~ {t} (family {r.family})")
    return best


def _norm_ref(s: str) -> set[str]:
    return {p.strip().strip("[]").strip().lower() for p in s.replace("[", ",").replace("]", ",").split(",") if p.strip(" []")}


def query(table: str, **filters: Any) -> list[Record]:
    """Records of ``table`` that satisfy every filter.

    Material filters (e.g. ``electrolyte="LLZTO"``, ``cathode="NMC811"``) use the
    exact/family matching rules and annotate ``match``/``match_note``; text
    filters (``method``, ``strategy``, ``section``) are case-insensitive
    substrings; ``family`` (electrolytes: sulfide/oxide/halide/other) and
    ``topic`` (numbers) are exact names; ``ref`` matches one printed reference
    (``"57"`` or ``"[57]"``); ``source`` is ``zheng2021``/``wang2020`` (or ``Zheng et al., Batteries & Supercaps 2021``/``Wang et al., Adv. Energy Mater. 2020``).
    None-valued filters are ignored.

    Raises:
        SsbkitError: unknown table, filter, family, topic or material.
    """
    name = canonical_table(table)
    spec = FILTERS[name]
    active = {k.replace("-", "_"): v for k, v in filters.items() if v is not None}
    for k in active:
        if k.replace("_", "-") not in spec and k not in spec:
            raise SsbkitError(f"unknown filter {k!r} for table {name!r}: its filters are "
                              f"{', '.join(spec) or 'none'}")
    records = load(name)
    levels: dict[int, list[tuple[str, str]]] = {i: [] for i in range(len(records))}
    for fname, value in active.items():
        kind, fields = spec[fname]
        keep: dict[int, list[tuple[str, str]]] = {}
        if kind == "material":
            key = material_key(str(value))
        if kind == "exact":
            allowed = sorted({str(getattr(r, fields[0])) for r in records})
            if str(value).lower() not in [a.lower() for a in allowed]:
                raise SsbkitError(f"unknown {fname} {value!r} for table {name!r}: choose one of {', '.join(allowed)}")
        if kind == "topic":
            topics = sorted({r.topic for r in records})  # type: ignore[attr-defined]
            t = str(value).lower().replace("-", "_")
            t = _TOPIC_ALIASES.get(t, _TOPIC_ALIASES.get(t.replace("_", "-"), t))
            if t not in topics:
                raise SsbkitError(f"unknown topic {value!r}: choose one of {', '.join(topics)}")
            value = t
        if kind == "source":
            src = _SOURCES.get(str(value).lower().replace(" ", ""), str(value))
            if src not in _SOURCES.values():
                raise SsbkitError(f"unknown source {value!r}: use zheng2021 (Zheng et al., Batteries & Supercaps 2021) or wang2020 (Wang et al., Adv. Energy Mater. 2020)")
            value = src
        for i in levels:
            rec = records[i]
            if name == "reactions" and fname in ("cathode", "anode") and rec.electrode_role != fname:  # type: ignore[attr-defined]
                continue
            vals = _values(rec, fields)
            if kind == "material":
                m = _best(key, vals)
                if m:
                    keep[i] = levels[i] + [m]
            elif kind == "text":
                if any(str(value).lower() in v.lower() for v in vals):
                    keep[i] = levels[i]
            elif kind == "exact" or kind == "topic" or kind == "source":
                if any(str(value).lower() == v.lower() for v in vals):
                    keep[i] = levels[i]
            elif kind == "ref":
                want = _norm_ref(str(value))
                if any(want & _norm_ref(v) for v in vals):
                    keep[i] = levels[i]
        levels = keep
    out = []
    for i, ms in levels.items():
        rec = records[i]
        if ms:
            level = "exact" if all(m[0] == "exact" for m in ms) else "family"
            rec = dataclasses.replace(rec, match=level, match_note="; ".join(m[1] for m in ms))
        out.append(rec)
    out.sort(key=lambda r: 0 if r.match in (None, "exact") else 1)
    return out


def lookup_material(name: str) -> list[Record]:
    """Every record, in every dataset, that names ``name`` (exact first, then family).

    Looks in Table 1 materials, both sides of Tables 2-5 (and their layers and
    products), Wang et al., Adv. Energy Mater. 2020 Table 1 compositions and Table 2 components, and the
    materials of the numbers dataset.

    Raises:
        SsbkitError: the name is not a material ssbkit understands.
    """
    material_key(name)
    fields_by_table = {
        "electrolytes": ("material", "formula", "material_printed"),
        "reactions": ("electrolyte", "electrode", "products"),
        "coatings": ("electrode", "electrolyte", "layer"),
        "interlayers": ("electrode", "electrolyte", "layer"),
        "garnet-li": ("composition",),
        "garnet-cells": ("components",),
        "numbers": ("materials",),
    }
    key = identify(name)
    out: list[Record] = []
    for t, fields in fields_by_table.items():
        for rec in load(t):
            m = _best(key, _values(rec, fields))
            if m:
                out.append(dataclasses.replace(rec, match=m[0], match_note=m[1]))
    out.sort(key=lambda r: 0 if r.match == "exact" else 1)
    return out


def _pairs(a: str, b: str, table: str, fa: str, fb: str) -> list[Record]:
    ka, kb = material_key(a), material_key(b)
    out = []
    for rec in load(table):
        for k1, k2 in ((ka, kb), (kb, ka)):
            m1 = _best(k1, _values(rec, (fa,)))
            m2 = _best(k2, _values(rec, (fb,)))
            if m1 and m2:
                level = "exact" if m1[0] == m2[0] == "exact" else "family"
                out.append(dataclasses.replace(rec, match=level, match_note=f"{m1[1]}; {m2[1]}"))
                break
    out.sort(key=lambda r: 0 if r.match == "exact" else 1)
    return out


def observed_interphases(a: str, b: str) -> list[Record]:
    """What Zheng et al., Batteries & Supercaps 2021 Tables 2-3 report at the interface of ``a`` and ``b`` (either order).

    ``a``/``b`` are an electrolyte and an electrode (cathode, Li, carbon), as
    abbreviation or formula in any element order; family matches are included
    and flagged (``match="family"``).

    >>> [r.ref for r in observed_interphases("LiCoO2", "LGPS")]
    ['[104]']
    """
    return _pairs(a, b, "reactions", "electrolyte", "electrode")


def coatings_for(cathode: str, electrolyte: str | None = None) -> list[Record]:
    """Zheng et al., Batteries & Supercaps 2021 Table 4 coatings for ``cathode`` (optionally against ``electrolyte``)."""
    if electrolyte is None:
        return query("coatings", cathode=cathode)
    return query("coatings", cathode=cathode, electrolyte=electrolyte)


def interlayers_for(electrolyte: str, anode: str = "Li") -> list[Record]:
    """Zheng et al., Batteries & Supercaps 2021 Table 5 interlayers between ``anode`` (default Li metal) and ``electrolyte``."""
    return query("interlayers", electrolyte=electrolyte, anode=anode)


__all__ = [
    "coatings_for",
    "filters_for",
    "interlayers_for",
    "lookup_material",
    "material_key",
    "observed_interphases",
    "query",
    "tables",
]
