"""What the knowledge base says about a layer or a pair, as typed, cited facts.

The joins the interfaces, stack and screening layers need: interphases reported for a
pair (Zheng et al., Batteries & Supercaps 2021, Tables 2-3), coatings and interlayers
used on a pair (Tables 4-5), room-temperature conductivities (Table 1 and the text),
critical current densities and shear moduli (Wang et al., Adv. Energy Mater. 2020,
§2.5).  Material identity is decided in one place, :func:`ssbkit.literature.match_level`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar, Literal

from ..errors import SsbkitError
from ..results import Result
from ..units import ZERO_CELSIUS_K
from .matching import MaterialKey, match_level
from .records import Record

Match = Literal["exact", "family"]


@dataclass(frozen=True)
class ReportedFact(Result):
    """A reported interphase, coating or interlayer for a pair of materials.

    Attributes:
        kind: ``interphase`` (Tables 2-3), ``coating`` (Table 4) or ``interlayer`` (Table 5).
        what: the products or the layer, as the review gives them.
        pair: the pair the review reports it for (electrolyte | electrode).
        method: how it was found (XPS, DFT, ...).
        citation: the work and where the review prints it.
        references: bibliography keys.
        match: ``exact`` or ``family`` (a close material of the same family).
        match_note: what matched what.
        same_layer: for coatings/interlayers: the record's layer is the layer of the stack.
    """

    kind: Literal["interphase", "coating", "interlayer"]
    what: str
    pair: str
    method: str
    citation: str
    references: tuple[str, ...]
    match: Match | None = None
    match_note: str | None = None
    same_layer: bool = False

    _computed: ClassVar[tuple[str, ...]] = ("text",)

    @property
    def text(self) -> str:
        """``interphase Li2S, Li3P`` or ``coating LiNbO3 (this layer)``."""
        return f"{self.kind} {self.what}" + (" (this layer)" if self.same_layer else "")


@dataclass(frozen=True)
class ConductivityRef(Result):
    """A reported room-temperature Li-ion conductivity."""

    conductivity_S_per_cm: float
    material: str
    citation: str


@dataclass(frozen=True)
class CcdPoint(Result):
    """A reported critical current density (mA/cm2) at a temperature (None: room temperature assumed)."""

    ccd_mA_per_cm2: float
    temperature_K: float | None
    qualifier: str | None
    material: str
    match: Match
    citation: str


@dataclass(frozen=True)
class ShearModulus(Result):
    """A reported shear modulus (GPa) for the electrolyte's family."""

    shear_modulus_GPa: float
    material: str
    match: Match
    qualifier: str | None
    citation: str


def _safe(fn: Any, *args: Any) -> list[Any]:
    try:
        return list(fn(*args))
    except SsbkitError:
        return []


def _key(name: str) -> MaterialKey | None:
    from .query import material_key

    try:
        return material_key(name)
    except SsbkitError:
        return None


def _level(key: MaterialKey, other: str) -> Match | None:
    """Match level of a record's material name against the query key (None when unparseable or unrelated)."""
    from .query import material_key

    try:
        return match_level(key, material_key(other))  # type: ignore[return-value]
    except Exception:  # an unparseable printed name: no literature match
        return None


def _fact(rec: Record, kind: Literal["interphase", "coating", "interlayer"]) -> ReportedFact:
    d = rec.to_dict()
    if kind == "interphase":
        what = ", ".join(d.get("products") or []) or str(d.get("products_printed"))
    else:
        what = str(d.get("layer") or d.get("layer_printed"))
    return ReportedFact(kind=kind, what=what, pair=f"{d.get('electrolyte')} | {d.get('electrode')}",
                        method=str(d.get("method") or ""), citation=rec.citation,
                        references=tuple(rec.references), match=rec.match,  # type: ignore[arg-type]
                        match_note=rec.match_note)


def observed(a: str, b: str) -> list[ReportedFact]:
    """Interphase products reported for the pair (Zheng et al. 2021, Tables 2-3), either order."""
    from .query import observed_interphases

    return [_fact(r, "interphase") for r in _safe(observed_interphases, a, b)]


def reported_coatings(cathode: str, electrolyte: str) -> list[ReportedFact]:
    """Table 4 rows (coatings) for this cathode/electrolyte pair."""
    from .query import coatings_for

    return [_fact(r, "coating") for r in _safe(coatings_for, cathode, electrolyte)]


def reported_interlayers(electrolyte: str, anode: str = "Li") -> list[ReportedFact]:
    """Table 5 rows (interlayers) for this electrolyte/anode pair."""
    from .query import interlayers_for

    return [_fact(r, "interlayer") for r in _safe(interlayers_for, electrolyte, anode)]


def mark_layer(facts: list[ReportedFact], layer: str) -> list[ReportedFact]:
    """The facts with ``same_layer`` set where the record's layer is ``layer``, those first."""
    key = _key(layer)
    marked = [replace(f, same_layer=key is not None and _level(key, f.what) == "exact") for f in facts]
    return sorted(marked, key=lambda f: not f.same_layer)


def _numbers(topic: str) -> list[Any]:
    from .loader import load

    return [r for r in load("numbers") if getattr(r, "topic", None) == topic]


def conductivity_lookup(name: str) -> ConductivityRef | None:
    """Room-temperature Li+ conductivity (S/cm) reported for ``name`` (Table 1, then the text), or None."""
    from ..constants import ROOM_TEMPERATURE_K
    from .arrhenius import conductivity

    for res in _safe(conductivity, name, ROOM_TEMPERATURE_K):
        return ConductivityRef(conductivity_S_per_cm=float(res.conductivity_rt_S_per_cm), material=res.material,
                               citation=res.citation)
    key = _key(name)
    if key is None:
        return None
    for rec in _numbers("conductivity"):
        if rec.key != "conductivity_S_per_cm" or rec.qualifier:
            continue
        if any(_level(key, m) == "exact" for m in rec.materials):
            return ConductivityRef(conductivity_S_per_cm=float(rec.value), material=rec.materials[0],
                                   citation=rec.citation)
    return None


def conductivity_of(*keys: str | None) -> ConductivityRef | None:
    """:func:`conductivity_lookup` of the first of ``keys`` (names or formulas, None skipped) the reviews report."""
    return next((ref for k in dict.fromkeys(keys) if k and (ref := conductivity_lookup(k))), None)


def material_conductivity(material: Any) -> ConductivityRef | None:
    """The reported conductivity of a resolved material: by its name, its nominal formula, then (a doped
    material modelled by its ordered host, ``Li6.5La3Zr1.5Ta0.5O12``) the host's, which ``material`` names."""
    return conductivity_of(material.name, material.formula, material.model_formula)


@dataclass(frozen=True)
class ContactAngle(Result):
    """A reported contact angle of Li on a surface (degrees)."""

    contact_angle_deg: float
    material: str
    match: Match
    conditions: str | None
    citation: str


def contact_angle(surface: str) -> ContactAngle | None:
    """Contact angle of Li reported for ``surface`` (Wang et al. 2020 §2.2-2.3): as-prepared
    surfaces before treated ones, exact matches before family matches; None when none is reported."""
    key = _key(surface)
    if key is None:
        return None
    found = []
    for rec in _numbers("contact_angle"):
        if rec.key != "contact_angle_deg" or rec.qualifier:
            continue
        for m in rec.materials:
            if m == "Li":
                continue
            lvl = _level(key, m)
            if lvl is not None:
                found.append(ContactAngle(float(rec.value), m, lvl, getattr(rec, "conditions", None), rec.citation))
    found.sort(key=lambda c: (c.conditions is not None, c.match != "exact"))
    return found[0] if found else None


def ccd_points(electrolyte: str) -> list[CcdPoint]:
    """Critical current densities reported for the electrolyte (exact or family match)."""
    key = _key(electrolyte)
    if key is None:
        return []
    out = []
    for rec in _numbers("ccd"):
        if rec.key != "current_density_mA_per_cm2" or len(rec.materials) != 1:
            continue
        lvl = _level(key, rec.materials[0])
        if lvl is None:
            continue
        t_c = rec.temperature_C
        out.append(CcdPoint(ccd_mA_per_cm2=float(rec.value), qualifier=rec.qualifier,
                            temperature_K=None if t_c is None else float(t_c) + ZERO_CELSIUS_K,
                            material=rec.materials[0], match=lvl, citation=rec.citation))
    return out


def shear_modulus(electrolyte: str) -> ShearModulus | None:
    """Shear modulus reported for the electrolyte's family (GPa), or None."""
    key = _key(electrolyte)
    if key is None:
        return None
    for rec in _numbers("mechanics"):
        if rec.key != "shear_modulus_GPa":
            continue
        for m in rec.materials:
            lvl = _level(key, m)
            if lvl is not None:
                return ShearModulus(shear_modulus_GPa=float(rec.value), material=m, match=lvl,
                                    qualifier=rec.qualifier, citation=rec.citation)
    return None
