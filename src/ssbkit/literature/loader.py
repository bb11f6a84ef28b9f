"""Load the packaged literature datasets (YAML under ``ssbkit/literature/data``)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from ..errors import SsbkitError
from ..io import load_yaml
from .records import (
    ElectrolyteRecord,
    GarnetCellRecord,
    GarnetLiRecord,
    LayerRecord,
    NumberRecord,
    ReactionRecord,
    Record,
)

#: dataset name -> (data file, record class, description)
DATASETS: dict[str, tuple[str, type[Record], str]] = {
    "electrolytes": ("seed1_table1_electrolytes.yaml", ElectrolyteRecord,
                     "Zheng et al. 2021, Table 1: inorganic SSEs, RT conductivity (S/cm), activation energy (eV)"),
    "cathode-reactions": ("seed1_table2_cathode_reactions.yaml", ReactionRecord,
                          "Zheng et al. 2021, Table 2: SSE/cathode interphase products and method"),
    "anode-reactions": ("seed1_table3_anode_reactions.yaml", ReactionRecord,
                        "Zheng et al. 2021, Table 3: SSE/anode interphase products and method"),
    "coatings": ("seed1_table4_cathode_coatings.yaml", LayerRecord,
                 "Zheng et al. 2021, Table 4: cathode coatings against SSEs and method"),
    "interlayers": ("seed1_table5_anode_interlayers.yaml", LayerRecord,
                    "Zheng et al. 2021, Table 5: anode interlayers against SSEs and method"),
    "garnet-li": ("seed2_table1_garnet_li.yaml", GarnetLiRecord,
                  "Wang et al. 2020, Table 1: Li/garnet interface strategies, ASR (ohm cm2), j (mA/cm2), Li (mAh/cm2)"),
    "garnet-cells": ("seed2_table2_garnet_cells.yaml", GarnetCellRecord,
                     "Wang et al. 2020, Table 2: garnet-based ASSLB performance"),
    "numbers": ("numbers.yaml", NumberRecord,
                "numbers in the text of both reviews (windows, CCD, ASR, moduli, wetting, thermal reactions ...)"),
}
#: virtual tables: name -> (member datasets, description)
VIRTUAL: dict[str, tuple[tuple[str, ...], str]] = {
    "reactions": (("cathode-reactions", "anode-reactions"), "Zheng et al. 2021, Tables 2+3: interphase products at SSE/electrode interfaces"),
}
_ALIASES = {
    "table1": "electrolytes", "sses": "electrolytes", "electrolyte": "electrolytes",
    "table2": "cathode-reactions", "table3": "anode-reactions", "table4": "coatings",
    "table5": "interlayers", "coating": "coatings", "interlayer": "interlayers",
    "reaction": "reactions", "interphases": "reactions", "number": "numbers", "text": "numbers",
    "garnet-cell": "garnet-cells", "garnet": "garnet-li", "li-garnet": "garnet-li",
}


def tables() -> list[str]:
    """Names of the datasets, in the reviews' order, plus the virtual ``reactions`` (Tables 2+3)."""
    names = list(DATASETS)
    names.insert(3, "reactions")
    return names


def describe() -> dict[str, str]:
    """Dataset name -> one-line description."""
    d = {k: v[2] for k, v in DATASETS.items()}
    d.update({k: v[1] for k, v in VIRTUAL.items()})
    return {k: d[k] for k in tables()}


def canonical_table(name: str) -> str:
    """Canonical dataset name for ``name`` (case/underscore insensitive).

    Raises:
        SsbkitError: unknown table, listing the ones that exist.
    """
    key = name.strip().lower().replace("_", "-").replace(" ", "-")
    key = _ALIASES.get(key, key)
    if key in DATASETS or key in VIRTUAL:
        return key
    raise SsbkitError(f"unknown table {name!r}: choose one of {', '.join(tables())}")


def _tuple(v: Any) -> Any:
    if isinstance(v, list):
        return tuple(_tuple(x) for x in v)
    return v


@cache
def _raw(dataset: str) -> dict[str, Any]:
    fname = DATASETS[dataset][0]
    text = resources.files("ssbkit.literature").joinpath("data", fname).read_text(encoding="utf-8")
    return load_yaml(text)


@cache
def _load(dataset: str) -> tuple[Record, ...]:
    doc = _raw(dataset)
    cls = DATASETS[dataset][1]
    out: list[Record] = []
    families = doc.get("families", {})
    for rec in doc["records"]:
        kw = {k: _tuple(v) for k, v in rec.items()}
        kw.setdefault("source", doc.get("source"))
        kw.setdefault("table", doc.get("table", "text"))
        kw["dataset"] = dataset
        if cls is ElectrolyteRecord:
            fam = families.get(kw["family"], {})
            kw["advantages"] = tuple(fam.get("advantages", ()))
            kw["disadvantages"] = tuple(fam.get("disadvantages", ()))
        if cls is NumberRecord:
            kw["table"] = "text"
            kw.pop("id", None)
            kw["id"] = rec["id"]
        out.append(cls(**kw))
    return tuple(out)


def load(table: str) -> list[Record]:
    """All records of a dataset (``reactions`` = Table 2 rows then Table 3 rows).

    Raises:
        SsbkitError: unknown table.
    """
    name = canonical_table(table)
    if name in VIRTUAL:
        return [r for member in VIRTUAL[name][0] for r in _load(member)]
    return list(_load(name))


def family_notes() -> dict[str, Any]:
    """Zheng et al., Batteries & Supercaps 2021 Table 1 advantages/disadvantages per family, as assigned in the data file."""
    return dict(_raw("electrolytes").get("families", {}))
