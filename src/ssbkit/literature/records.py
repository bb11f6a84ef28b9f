"""Typed records of the reviews' tables and text numbers.

Every record keeps the review's printed text (``*_printed`` fields) next to the
normalised value whose unit is in the field name (``conductivity_S_per_cm``,
``activation_energy_eV``, ``asr_ohm_cm2`` ...), the ``source`` review table, the
``table`` (or section) and the reference number(s) ``ref`` as printed, e.g.
``"[16a]"``.  Corrections of OCR-like errors are explained in
``correction_note``.  Query functions set ``match`` (``"exact"`` or
``"family"``) and ``match_note`` when a record was found by material name.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, ClassVar

from ..bibliography import cite, ref_keys
from ..results import Result

SEED1 = "zheng2021"  # bibliography key of Zheng et al., Batteries & Supercaps 2021
SEED2 = "wang2020"  # bibliography key of Wang et al., Adv. Energy Mater. 2020


@dataclass(frozen=True, kw_only=True)
class Record(Result):
    """Fields common to all literature records.

    Attributes:
        dataset: ssbkit dataset name (``electrolytes``, ``coatings`` ...).
        source: bibliography key of the review, ``"zheng2021"`` or ``"wang2020"``.
        table: ``"Table 1"`` ... or ``"text"`` for the numbers dataset.
        ref: reference number(s) exactly as printed, e.g. ``"[16a, 211]"``.
        row: 1-based row number in the printed table (None for text numbers).
        correction_note: why a value differs from the printed one (None if not corrected).
        match: ``"exact"`` or ``"family"`` when found by a material query, else None.
        match_note: what matched what, e.g. ``"LLZTO ~ LLZO (family garnet)"``.
    """

    dataset: str
    source: str
    table: str
    ref: str | None
    row: int | None = None
    correction_note: str | None = None
    match: str | None = None
    match_note: str | None = None

    _computed: ClassVar[tuple[str, ...]] = ("citation", "references")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict; keys carry units; ``match`` keys only when set; ``citation`` names the work."""
        d = super().to_dict()
        if d.get("match") is None:
            d.pop("match", None)
            d.pop("match_note", None)
        return d

    @property
    def where(self) -> str:
        """Table or section of the review that prints the record."""
        section = getattr(self, "section", None)
        return section or self.table

    @property
    def citation(self) -> str:
        """``Kato et al., Nat. Energy 2016 (ref. 34 in Zheng et al., Batteries & Supercaps 2021, Table 1)``."""
        return cite(self.source, self.ref, self.where)

    @property
    def references(self) -> list[str]:
        """Bibliography keys of the works behind the record (the review itself when no number is printed)."""
        return ref_keys(self.source, self.ref) or [self.source]

    @property
    def corrected(self) -> bool:
        """True when some value was corrected from the printed text."""
        return bool(self.correction_note)

    @classmethod
    def field_names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


@dataclass(frozen=True, kw_only=True)
class ElectrolyteRecord(Record):
    """Zheng et al., Batteries & Supercaps 2021 Table 1: an inorganic SSE with its RT conductivity and activation energy.

    ``conductivity_S_per_cm`` is the room-temperature value (S/cm) as printed;
    ``activation_energy_eV`` is the printed E_a converted to eV (kJ/mol divided by
    96.48533212, :data:`ssbkit.units.EV_TO_KJ_PER_MOL`), None where printed N/A.
    ``family`` is the chemistry group of Zheng et al., Batteries & Supercaps 2021 §2.1-2.4 (sulfide, oxide, halide,
    other); ``family_printed`` is the Type label printed on that row, if any.
    """

    material_printed: str
    material: str
    formula: str | None
    family_printed: str | None
    family: str
    conductivity_printed: str
    conductivity_S_per_cm: float
    activation_energy_printed: str
    activation_energy_value_printed: float | None
    activation_energy_unit_printed: str | None
    activation_energy_qualifier: str | None
    activation_energy_eV: float | None
    advantages_printed_on_row: tuple[str, ...] = ()
    disadvantages_printed_on_row: tuple[str, ...] = ()
    advantages: tuple[str, ...] = ()
    disadvantages: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ReactionRecord(Record):
    """Zheng et al., Batteries & Supercaps 2021 Tables 2-3: interphase products observed/computed at an SSE/electrode interface.

    ``electrode_role`` is ``"cathode"`` (Table 2) or ``"anode"`` (Table 3).
    ``products`` lists every species printed; ``product_alternatives`` holds the
    'Or' alternatives when the review gives them.  ``methods`` splits ``method``
    (e.g. ``"XPS + SAM"``).
    """

    electrolyte_printed: str
    electrolyte: str
    electrode_printed: str
    electrode: str
    electrode_role: str
    products_printed: str
    products: tuple[str, ...]
    product_alternatives: tuple[tuple[str, ...], ...] | None
    method: str
    methods: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class LayerRecord(Record):
    """Zheng et al., Batteries & Supercaps 2021 Tables 4-5: a coating (cathode side) or interlayer (anode side) and its method."""

    electrode_printed: str
    electrode: str
    electrode_role: str
    electrolyte_printed: str
    electrolyte: str
    layer_printed: str
    layer: str
    method: str


@dataclass(frozen=True, kw_only=True)
class GarnetLiRecord(Record):
    """Wang et al., Adv. Energy Mater. 2020 Table 1: a Li/garnet interface strategy and its performance.

    ``asr_ohm_cm2`` is the interfacial area-specific resistance (ohm cm2),
    ``current_density_mA_per_cm2`` the cycling current density (mA/cm2) and
    ``li_deposited_mAh_per_cm2`` the Li electrodeposited per cycle (mAh/cm2);
    '<'/'≈' go to the ``*_qualifier`` fields, '–' is None.
    """

    composition_printed: str
    composition: str
    dopant_note: str | None
    garnet_surface: str
    li_interface_process: str | None
    asr_printed: str
    asr_ohm_cm2: float | None
    asr_qualifier: str | None
    current_density_printed: str
    current_density_mA_per_cm2: float | None
    current_density_qualifier: str | None
    li_deposited_printed: str
    li_deposited_mAh_per_cm2: float | None
    li_deposited_qualifier: str | None


@dataclass(frozen=True, kw_only=True)
class GarnetCellRecord(Record):
    """Wang et al., Adv. Energy Mater. 2020 Table 2: performance of a garnet-based ASSLB.

    ``temperature_C`` (degrees C; None for 'RT' or blank), ``loading_mg_per_cm2``,
    either ``current_density_mA_per_cm2`` or ``c_rate_C``, ``voltage_min_V``/
    ``voltage_max_V``, ``capacity_mAh_per_g`` (and ``capacity_mAh_per_g_max`` for a
    printed range), ``cycles``.
    """

    reference_printed: str
    cathode_composition_printed: str
    components: tuple[str, ...]
    temperature_printed: str | None
    temperature_C: float | None
    loading_printed: str
    loading_mg_per_cm2: float | None
    current_printed: str
    current_density_mA_per_cm2: float | None
    c_rate_C: float | None
    voltage_range_printed: str | None
    voltage_min_V: float | None
    voltage_max_V: float | None
    capacity_printed: str
    capacity_mAh_per_g: float
    capacity_mAh_per_g_max: float | None
    cycles_printed: str | None
    cycles: int | None


@dataclass(frozen=True, kw_only=True)
class NumberRecord(Record):
    """A number from the reviews' text (not in their tables).

    ``value``/``value_max`` are in the unit named by ``key`` (e.g. ``voltage_V``,
    ``current_density_mA_per_cm2``); ``value_max`` is set only for a printed range.
    ``unit`` is the unit used to normalise (differs from ``unit_printed`` only where
    corrected, with a ``correction_note``).  ``to_dict`` also emits ``{key: value}``.
    """

    id: str
    section: str
    topic: str
    quantity: str
    materials: tuple[str, ...]
    printed: str
    value_printed: str
    unit_printed: str
    unit: str
    key: str
    value: float
    value_max: float | None = None
    qualifier: str | None = None
    products: tuple[str, ...] | None = None
    conditions: str | None = None
    limit: str | None = None
    temperature_C: float | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = super().to_dict()
        d[self.key] = self.value
        if self.value_max is not None:
            d[f"{self.key}_max"] = self.value_max
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NumberRecord:
        """Inverse of :meth:`to_dict` (the ``{key: value}`` convenience keys are dropped)."""
        key = data.get("key")
        rest = {k: v for k, v in data.items() if k not in (key, f"{key}_max")}
        return super().from_dict(rest)


@dataclass(frozen=True, kw_only=True)
class ConductivityResult(Result):
    """sigma(T) from Zheng et al., Batteries & Supercaps 2021 Table 1 by Arrhenius extrapolation.

    sigma(T) = sigma_RT * exp(-E_a / k_B * (1/T - 1/T_RT)), T_RT = 298.15 K.
    """

    material: str
    material_printed: str
    formula: str | None
    temperature_K: float
    temperature_C: float
    conductivity_S_per_cm: float
    conductivity_rt_S_per_cm: float
    reference_temperature_K: float
    activation_energy_eV: float
    activation_energy_printed: str
    source: str
    table: str
    ref: str | None
    row: int | None
    match: str
    match_note: str | None
    method: str
    correction_note: str | None = None

    _computed: ClassVar[tuple[str, ...]] = ("citation",)

    @property
    def citation(self) -> str:
        """The work the room-temperature value and activation energy come from."""
        return cite(self.source, self.ref, self.table)
