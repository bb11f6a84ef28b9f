"""What the knowledge base (the seeds' tables and numbers) says about a layer or a pair.

Thin adapters over :mod:`ssbkit.literature` used by the stack assessment and
the screens; every value carries its seed file, table/section and reference.
"""

from __future__ import annotations

from typing import Any

from ..errors import SsbkitError
from ..units import ZERO_CELSIUS_K


def _safe(fn: Any, *args: Any) -> list[Any]:
    try:
        return list(fn(*args))
    except SsbkitError:
        return []


def conductivity_lookup(name: str) -> tuple[float, str] | None:
    """Room-temperature Li+ conductivity (S/cm) and its source, or None."""
    from .. import literature as lit

    for res in _safe(lit.conductivity, name, 298.15):
        d = res.to_dict()
        sig = d.get("conductivity_rt_S_per_cm") or d.get("conductivity_S_per_cm")
        if sig:
            return float(sig), f"{d.get('source')} {d.get('table', 'Table 1')} {d.get('ref') or ''}".strip()
    key = _key(name)
    if key is None:
        return None
    for rec in lit.load("numbers"):
        d = rec.to_dict()
        if d.get("topic") != "conductivity" or d.get("key") != "conductivity_S_per_cm" or d.get("qualifier"):
            continue
        if any(_same(key, m) for m in d.get("materials") or []):
            return float(d["value"]), f"{d['source']} {d.get('section', '')} {d.get('ref') or ''}".strip()
    return None


def _key(name: str) -> Any:
    from .. import literature as lit

    try:
        return lit.material_key(name)
    except SsbkitError:
        return None


def _same(key: Any, other: str) -> bool:
    from .. import literature as lit

    try:
        return lit.match_level(key, lit.material_key(other)) == "exact"
    except Exception:  # unparseable name: no literature match
        return False


def _family(key: Any, other: str) -> str | None:
    from .. import literature as lit

    try:
        return lit.match_level(key, lit.material_key(other))
    except Exception:  # unparseable name: no literature match
        return None


def observed(a: str, b: str) -> list[dict[str, Any]]:
    """Interphase products reported for the pair (seed 1 Tables 2-3), either order."""
    from .. import literature as lit

    return [r.to_dict() for r in _safe(lit.observed_interphases, a, b)]


def reported_coatings(cathode: str, electrolyte: str) -> list[dict[str, Any]]:
    """Seed 1 Table 4 rows for this cathode/electrolyte pair."""
    from .. import literature as lit

    return [r.to_dict() for r in _safe(lit.coatings_for, cathode, electrolyte)]


def describe(rec: dict[str, Any]) -> str:
    """What a reported record says, as text: ``interphase Li2S, Li3P`` or ``coating LiNbO3 (this layer)``."""
    what = rec.get("products") or rec.get("layer") or rec.get("products_printed")
    if isinstance(what, (list, tuple)):
        what = ", ".join(what)
    if rec.get("dataset") in ("coatings", "interlayers"):
        kind = "coating" if rec["dataset"] == "coatings" else "interlayer"
        return f"{kind} {what}" + (" (this layer)" if rec.get("same_layer") else "")
    return f"interphase {what}" if rec.get("products") else str(what)


def mark_layer(rows: list[dict[str, Any]], layer: str) -> list[dict[str, Any]]:
    """Flag the Table 4/5 rows whose layer is ``layer`` (``same_layer``) and list them first."""
    key = _key(layer)
    for r in rows:
        r["same_layer"] = key is not None and any(_same(key, str(r.get(f))) for f in ("layer", "layer_printed")
                                                  if r.get(f))
    return sorted(rows, key=lambda r: not r["same_layer"])


def reported_interlayers(electrolyte: str, anode: str = "Li") -> list[dict[str, Any]]:
    """Seed 1 Table 5 rows for this anode/electrolyte pair."""
    from .. import literature as lit

    return [r.to_dict() for r in _safe(lit.interlayers_for, electrolyte, anode)]


def _numbers(topic: str) -> list[dict[str, Any]]:
    from .. import literature as lit

    return [r.to_dict() for r in lit.load("numbers") if r.to_dict().get("topic") == topic]


def ccd_points(electrolyte: str) -> list[dict[str, Any]]:
    """Critical current densities reported for the electrolyte (exact or family match).

    Returns dicts with ``ccd_mA_per_cm2``, ``temperature_K`` (None when the
    seed gives none; room temperature is then assumed by the caller and said
    so), ``match`` and the source fields.
    """
    key = _key(electrolyte)
    if key is None:
        return []
    out = []
    for d in _numbers("ccd"):
        if d.get("key") != "current_density_mA_per_cm2" or len(d.get("materials") or []) != 1:
            continue
        lvl = _family(key, d["materials"][0])
        if lvl is None:
            continue
        t_c = d.get("temperature_C")
        out.append({"ccd_mA_per_cm2": float(d["value"]), "qualifier": d.get("qualifier"),
                    "temperature_K": None if t_c is None else float(t_c) + ZERO_CELSIUS_K,
                    "material": d["materials"][0], "match": lvl, "source": d["source"],
                    "section": d.get("section"), "ref": d.get("ref"), "quantity": d.get("quantity")})
    return out


def shear_modulus(electrolyte: str) -> dict[str, Any] | None:
    """Shear modulus reported for the electrolyte's family (GPa), or None."""
    key = _key(electrolyte)
    if key is None:
        return None
    for d in _numbers("mechanics"):
        if d.get("key") != "shear_modulus_GPa":
            continue
        for m in d.get("materials") or []:
            lvl = _family(key, m)
            if lvl is not None:
                return {"shear_modulus_GPa": float(d["value"]), "material": m, "match": lvl,
                        "source": d["source"], "section": d.get("section"), "ref": d.get("ref"),
                        "qualifier": d.get("qualifier")}
    return None
