"""Voids, dendrites and contact at a Li-metal anode, with the reviews' numbers for the electrolyte.

Stripping voids: :func:`ssbkit.physics.void_limit` (Wang et al., Adv. Energy Mater. 2020, §2.4);
critical current density at the cell temperature from the reported values (an Arrhenius fit
through reported CCDs at two or more temperatures, else the room-temperature value; §2.5);
the Monroe-Newman criterion with the reported shear modulus; the constriction resistance of
seed 2 Eq. 1 under the stack pressure.
"""

from __future__ import annotations

from ..constants import ROOM_TEMPERATURE_K
from ..literature.joins import ccd_points, conductivity_lookup, shear_modulus
from ..physics import ccd_arrhenius, constriction_resistance, monroe_newman, void_limit
from .conditions import Conditions
from .parse import Stack
from .report import AnodePhysics, CcdEstimate


def _ccd(electrolyte: str, cond: Conditions) -> CcdEstimate | None:
    T = cond.temperature_K
    pts = [p for p in ccd_points(electrolyte) if not p.qualifier]
    with_t = {p.temperature_K: p for p in pts if p.temperature_K is not None}
    est: CcdEstimate | None = None
    if len(with_t) >= 2:
        ts = sorted(with_t)
        fit = ccd_arrhenius(ts, [with_t[t].ccd_mA_per_cm2 * 10.0 for t in ts], predict_at_K=[T])
        est = CcdEstimate(ccd_mA_per_cm2=fit.predictions[0]["ccd_mA_per_cm2"],
                          method="Arrhenius fit through reported CCDs", points=tuple(with_t[t] for t in ts),
                          activation_energy_eV=fit.activation_energy_eV, warnings=tuple(fit.warnings))
    else:
        rt = [p for p in pts if p.temperature_K is None or abs(p.temperature_K - ROOM_TEMPERATURE_K) < 15]
        exact = [p for p in rt if p.match == "exact"] or rt
        if exact:
            warn = () if abs(T - ROOM_TEMPERATURE_K) < 15 else \
                (f"reported at room temperature only; {T - 273.15:.0f} C not extrapolated",)
            est = CcdEstimate(ccd_mA_per_cm2=exact[0].ccd_mA_per_cm2, method="reported value (room temperature)",
                              points=(exact[0],), warnings=warn)
    if est is None or cond.current_density_A_per_m2 is None:
        return est
    from dataclasses import replace

    ratio = cond.current_density_mA_per_cm2 / est.ccd_mA_per_cm2  # type: ignore[operator]
    risk = "high" if ratio >= 1 else ("moderate" if ratio >= 0.5 else "low")
    return replace(est, current_to_ccd_ratio=ratio, dendrite_risk=risk)


def anode_physics(stack: Stack, cond: Conditions) -> AnodePhysics:
    """Voids, CCD, Monroe-Newman and contact at the anode of ``stack`` (Li metal only)."""
    anode = stack.layers[-1]
    el = stack.layer("electrolyte")
    if anode.formula != "Li" or el is None:
        return AnodePhysics(notes=(f"void/dendrite models apply to Li-metal anodes; not evaluated for "
                                   f"{anode.material.name}",))
    notes: list[str] = []
    p = cond.pressure_Pa
    voids = void_limit(cond.temperature_K, p or 0.0, cond.current_density_A_per_m2)
    if p is None:
        notes.append("no stack pressure given: creep supply of Li not counted (p = 0)")
    ccd = _ccd(el.material.name, cond)
    if ccd is None:
        notes.append(f"the reviews report no critical current density for {el.material.name}")
    g = shear_modulus(el.material.name)
    sig = conductivity_lookup(el.material.name)
    contact = None
    if sig and p:
        contact = constriction_resistance(sig.conductivity_S_per_cm * 100.0, pressure_Pa=p, area_m2=1e-4)
    return AnodePhysics(voids=voids, ccd=ccd,
                        monroe_newman=monroe_newman(g.shear_modulus_GPa * 1e9) if g else None, shear_modulus=g,
                        contact=contact, contact_conductivity=sig if contact else None, notes=tuple(notes))
