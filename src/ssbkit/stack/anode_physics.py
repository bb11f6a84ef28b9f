"""Voids, dendrites and contact at a Li-metal anode, with the reviews' numbers for the electrolyte.

Stripping voids: :func:`ssbkit.physics.void_limit` (Wang et al., Adv. Energy Mater. 2020, §2.4);
critical current density at the cell temperature from every reported value of the electrolyte's
family (a least-squares Arrhenius fit when the records span two or more temperatures, else their
median; §2.5);
the Monroe-Newman criterion with the reported shear modulus; the constriction resistance of
Wang et al., Adv. Energy Mater. 2020 Eq. 1 under the stack pressure.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import replace

from ..constants import ROOM_TEMPERATURE_K
from ..literature.joins import ccd_points, material_conductivity, shear_modulus
from ..parameters import Parameters, to_si
from ..physics import ccd_arrhenius, monroe_newman, void_limit
from ..physics.contact import pressed_contact
from ..physics.voids import defaults as void_defaults
from .conditions import Conditions
from .parse import Stack
from .report import AnodePhysics, CcdEstimate


def _ccd(electrolyte: str, cond: Conditions) -> CcdEstimate | None:
    """The CCD at the cell temperature from every record of the electrolyte's family in the knowledge base.

    All unqualified records (exact and family matches; a record without a temperature is a room-temperature
    one, :data:`ROOM_TEMPERATURE_K`) enter one least-squares Arrhenius fit ``ln CCD = ln A - E_a/(k_B T)``
    when they span two or more temperatures; the scatter of the records about the line is reported as the
    multiplicative ``spread_factor`` = exp(rms residual of ln CCD).  At a single temperature the median of
    the records is used (their range is the spread).  Records that are bounds ("> 0.78") are not fitted but
    are listed.  Wang et al., Adv. Energy Mater. 2020, §2.5.2 and Fig. 10B.
    """
    T = cond.temperature_K
    every = ccd_points(electrolyte)
    pts = sorted((p for p in every if not p.qualifier),
                 key=lambda p: (p.temperature_K or ROOM_TEMPERATURE_K, p.ccd_mA_per_cm2, p.citation))
    bounds = tuple(p for p in every if p.qualifier)
    if not pts:
        lows = [p for p in bounds if p.qualifier in (">", ">=")]
        if not lows:
            return None
        best = max(lows, key=lambda p: p.ccd_mA_per_cm2)
        est = CcdEstimate(ccd_mA_per_cm2=best.ccd_mA_per_cm2, lower_bounds=bounds, points=(),
                          method=f"reported lower bound only (CCD {best.qualifier} {best.ccd_mA_per_cm2:g} mA/cm2)")
        if cond.current_density_A_per_m2 is None:
            return est
        ratio = cond.current_density_mA_per_cm2 / best.ccd_mA_per_cm2  # type: ignore[operator]
        return replace(est, current_to_ccd_ratio=ratio, dendrite_risk="low" if ratio < 0.5 else None)
    temps = [p.temperature_K or ROOM_TEMPERATURE_K for p in pts]
    distinct = sorted({round(t, 2) for t in temps})
    family = "exact formula" if all(p.match == "exact" for p in pts) else "family"
    if len(distinct) >= 2:
        fit = ccd_arrhenius(temps, [p.ccd_mA_per_cm2 * 10.0 for p in pts], predict_at_K=[T])
        warnings = list(fit.warnings)
        if any(p.temperature_K is None for p in pts):
            warnings.append("records without a temperature taken at room temperature (25 C)")
        est = CcdEstimate(ccd_mA_per_cm2=fit.predictions[0]["ccd_mA_per_cm2"],
                          method=f"least-squares Arrhenius fit through all {len(pts)} reported CCDs of the "
                                 f"{family} at {len(distinct)} temperatures",
                          points=tuple(pts), activation_energy_eV=fit.activation_energy_eV,
                          spread_factor=math.exp(fit.rms_residual_ln), lower_bounds=bounds,
                          warnings=tuple(warnings))
    else:
        vals = sorted(p.ccd_mA_per_cm2 for p in pts)
        warn = () if abs(T - distinct[0]) < 15 else \
            (f"reported at {distinct[0] - 273.15:.0f} C only; {T - 273.15:.0f} C not extrapolated",)
        est = CcdEstimate(ccd_mA_per_cm2=statistics.median(vals),
                          method=(f"reported value at {distinct[0] - 273.15:.0f} C" if len(pts) == 1 else
                                  f"median of {len(pts)} reported values at {distinct[0] - 273.15:.0f} C "
                                  f"(range {vals[0]:.3g}-{vals[-1]:.3g} mA/cm2)"),
                          points=tuple(pts), spread_factor=vals[-1] / vals[0], lower_bounds=bounds, warnings=warn)
    if cond.current_density_A_per_m2 is None:
        return est
    ratio = cond.current_density_mA_per_cm2 / est.ccd_mA_per_cm2  # type: ignore[operator]
    risk = "high" if ratio >= 1 else ("moderate" if ratio >= 0.5 else "low")
    return replace(est, current_to_ccd_ratio=ratio, dendrite_risk=risk)


def anode_physics(stack: Stack, cond: Conditions, params: Parameters | None = None) -> AnodePhysics:
    """Voids, CCD, Monroe-Newman and contact at the anode of ``stack`` (Li metal only); the void model's
    parameters from ``params`` (the store with the user's overrides)."""
    anode = stack.layers[-1]
    el = stack.layer("electrolyte")
    if anode.formula != "Li" or el is None:
        return AnodePhysics(notes=(f"void/dendrite models apply to Li-metal anodes; not evaluated for "
                                   f"{anode.material.name}",))
    notes: list[str] = []
    p = cond.pressure_Pa
    voids = void_limit(cond.temperature_K, p or 0.0, cond.current_density_A_per_m2, **void_defaults(params))
    if p is None:
        notes.append("no stack pressure given: creep supply of Li not counted (p = 0)")
    ccd = _ccd(el.material.name, cond)
    if ccd is None:
        notes.append(f"the reviews report no critical current density for {el.material.name}")
    g = shear_modulus(el.material.name)
    sig = material_conductivity(el.material)
    store = params or Parameters.load()
    contact = None
    if sig and p:
        contact = pressed_contact(to_si(sig.conductivity_S_per_cm, "S/cm"), p, store.si("contact.asperity_hardness"),
                                  store.si("contact.spot_spacing"))
    monroe = monroe_newman(to_si(g.shear_modulus_GPa, "GPa"), store.si("dendrites.li_shear_modulus"),
                           store.value("dendrites.monroe_ratio")) if g else None
    return AnodePhysics(voids=voids, ccd=ccd, monroe_newman=monroe, shear_modulus=g,
                        contact=contact, contact_conductivity=sig if contact else None, notes=tuple(notes))


#: budget terms that make up the Li | electrolyte interface's own resistance (k_int of the CCD models)
LI_SIDE_KINDS = ("interphase", "charge transfer", "contact", "voids", "surface layer")


def with_microstructure_ccd(physics: AnodePhysics, stack: Stack, contributions: list, params: Parameters,
                            cond: Conditions) -> AnodePhysics:
    """``physics`` with the CCD from the electrolyte's microstructure (:mod:`ssbkit.physics.ccd_microstructure`):
    k_int is this interface's own resistance at t = 0 (its interphase, contact, voids and surface-layer terms:
    an interlayer that wets lowers it), the conductivity the reviews report for the electrolyte, and the
    microstructure parameters of the store (``ccd.*``, ``grain_size``, settable with ``--param``)."""
    from ..physics.ccd_microstructure import ccd_microstructure
    from .junctions import anion_class

    el = stack.layer("electrolyte")
    sig = material_conductivity(el.material) if el is not None else None
    k_int = sum(c.asr_start_ohm_cm2 for c in contributions if c.kind in LI_SIDE_KINDS)
    if el is None or sig is None or k_int <= 0:
        return physics
    tough = "ccd.fracture_toughness.sulfide" if anion_class(el.formula) == "sulfide" else "ccd.fracture_toughness"
    res = ccd_microstructure(
        ionic_conductivity_S_per_m=to_si(sig.conductivity_S_per_cm, "S/cm"), interface_asr_ohm_m2=to_si(k_int, "ohm cm2"),
        porosity=params.si("ccd.porosity"), grain_size_m=params.si("grain_size"), flaw_depth_m=params.si("ccd.flaw_depth"),
        electronic_conductivity_S_per_m=params.si("ccd.electronic_conductivity"),
        fracture_toughness_Pa_m05=params.si(tough), pore_size_m=params.si("ccd.pore_size"),
        grain_boundary_conductivity_ratio=params.si("grain_boundary_conductivity_ratio"),
        thickness_m=params.si("thickness.electrolyte"), test_time_s=params.si("ccd.test_time"))
    return replace(physics, ccd_microstructure=res)
