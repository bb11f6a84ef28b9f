"""The reviews' tables and text numbers as cited, unit-normalised records.

Datasets (see ``docs/literature.md``): Zheng et al., Batteries & Supercaps 2021
Tables 1-5 as ``electrolytes``, ``cathode-reactions``, ``anode-reactions``
(``reactions`` = both), ``coatings``, ``interlayers``; Wang et al., Adv. Energy Mater. 2020
(Wang et al., Adv. Energy Mater. 2020) Tables 1-2 as ``garnet-li``, ``garnet-cells``;
and ``numbers`` from the text of both.

>>> from ssbkit import literature
>>> len(literature.load("electrolytes"))
34
>>> literature.observed_interphases("Li", "LLZO")[0].products
('LiOH', 'Li2CO3')
"""

from __future__ import annotations

from .arrhenius import arrhenius, conductivity
from .loader import DATASETS, canonical_table, describe, family_notes, load, tables
from .matching import MaterialKey, family_of, identify, match_level
from .query import (
    coatings_for,
    filters_for,
    interlayers_for,
    lookup_material,
    material_key,
    observed_interphases,
    query,
)
from .records import (
    SEED1,
    SEED2,
    ConductivityResult,
    ElectrolyteRecord,
    GarnetCellRecord,
    GarnetLiRecord,
    LayerRecord,
    NumberRecord,
    ReactionRecord,
    Record,
)

__all__ = [
    "DATASETS",
    "SEED1",
    "SEED2",
    "ConductivityResult",
    "ElectrolyteRecord",
    "GarnetCellRecord",
    "GarnetLiRecord",
    "LayerRecord",
    "MaterialKey",
    "NumberRecord",
    "ReactionRecord",
    "Record",
    "arrhenius",
    "canonical_table",
    "coatings_for",
    "conductivity",
    "describe",
    "family_notes",
    "family_of",
    "filters_for",
    "identify",
    "interlayers_for",
    "load",
    "lookup_material",
    "match_level",
    "material_key",
    "observed_interphases",
    "query",
    "tables",
]
