"""Terminal text of the physics models' results (``ssbkit physics ...``): plain lines, units in every figure,
the equation and its source last.  Each function takes the result (or results) and what the text names beside
it, and returns the lines; :func:`ssbkit.views.render.render` picks the function by the result's type."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..units import ZERO_CELSIUS_K


def _cite(r: Any) -> list[str]:
    return [f"  equation: {r.equation}", f"  source:   {r.citation}"]


def _warn(r: Any) -> list[str]:
    return [f"  warning: {w}" for w in getattr(r, "warnings", []) or []]


def contact(results: Sequence[Any], conductivity: float, hardness: float, **_: Any) -> list[str]:
    out = [f"Constriction resistance (sigma = {conductivity / 100:.3g} S/cm, H = {hardness / 1e6:.3g} MPa)"]
    for r in results:
        p = f"{r.pressure_Pa / 1e6:.4g} MPa" if r.pressure_Pa is not None else "-"
        asr = f"{r.asr_ohm_cm2:.4g} ohm cm2" if r.asr_ohm_cm2 is not None else "- (no area)"
        flag = "" if r.applicable else "  [Eq. 1 not applicable: contact complete]"
        if r.crowding_factor is not None:
            flag += f"  (crowding x {r.crowding_factor:.3g})"
        out.append(f"  F = {r.force_N:.4g} N  p = {p}  R_int = {r.resistance_ohm:.4g} ohm  ASR = {asr}{flag}")
    out += _cite(results[0])
    seen: set[str] = set()
    for r in results:
        for w in r.warnings:
            key = w.split(":")[0] if "real contact area" in w else w
            if key not in seen:
                seen.add(key)
                out.append(f"  warning: {w}")
    return out


def wetting(r: Any, **_: Any) -> list[str]:
    return [f"Wetting of Li (gamma_Li = {r.surface_energy_J_per_m2:.3g} J/m2)",
            f"  work of adhesion {r.work_of_adhesion_J_per_m2:.4g} J/m2  <->  contact angle "
            f"{r.contact_angle_deg:.1f} deg ({r.wetting})", *_cite(r), *_warn(r)]


def voids(r: Any, temperature: float, pressure: float, **_: Any) -> list[str]:
    out = [f"Stripping void limit at {temperature - ZERO_CELSIUS_K:.1f} C, {pressure / 1e6:.4g} MPa",
           f"  j_lim = {r.limiting_current_density_mA_per_cm2:.4g} mA/cm2 (vacancy diffusion "
           f"{r.diffusion_limit_mA_per_cm2:.4g} + creep {r.creep_limit_mA_per_cm2:.3g}); "
           f"Li self-diffusivity {r.self_diffusivity_m2_per_s * 1e4:.3g} cm2/s"]
    if r.current_density_mA_per_cm2 is not None:
        verdict = "VOIDS FORM" if r.voids_form else "no voids"
        out.append(f"  j = {r.current_density_mA_per_cm2:.4g} mA/cm2 -> {verdict} (j / j_lim = {r.ratio_to_limit:.3g})")
    return out + _cite(r) + _warn(r)


def monroe(r: Any, **_: Any) -> list[str]:
    return [f"Monroe-Newman: G_SE / G_Li = {r.electrolyte_shear_modulus_GPa:.3g} / {r.li_shear_modulus_GPa:.3g} "
            f"= {r.modulus_ratio:.3g} (needs >= {r.required_ratio:g}): "
            f"{'suppresses' if r.suppresses_dendrites else 'does not suppress'} dendrites", *_cite(r), *_warn(r)]


def nucleation(r: Any, **_: Any) -> list[str]:
    out = ["Raj-Wolfenstine nucleation (energies per Li atom)",
           f"  opposing  2 gamma Omega/r_c + sigma_F Omega = {r.surface_term_eV:.4g} + {r.fracture_term_eV:.4g} "
           f"= {r.opposing_force_eV:.4g} eV"]
    if r.current_density_mA_per_cm2 is not None:
        out.append(f"  driving   j rho d (1-alpha)|e| = {r.driving_force_eV:.4g} eV at "
                   f"{r.current_density_mA_per_cm2:.4g} mA/cm2 -> {'nucleates' if r.nucleates else 'no nucleation'}")
    out.append(f"  critical current density {r.critical_current_density_mA_per_cm2:.4g} mA/cm2")
    return out + _cite(r)


def dendrite_growth(r: Any, **_: Any) -> list[str]:
    return [f"Dendrite growth: local j = {r.local_current_density_mA_per_cm2:.4g} mA/cm2; "
            f"Delta mu = {r.electrochemical_term_eV:.4g} - {r.mechanical_term_eV:.4g} = {r.driving_force_eV:.4g} "
            f"eV per Li -> {'grows' if r.grows else 'does not grow'}",
            f"  critical mean current density {r.critical_current_density_mA_per_cm2:.4g} mA/cm2", *_cite(r),
            *_warn(r)]


def ccd(r: Any, **_: Any) -> list[str]:
    out = [f"CCD = A exp(-Ea/kT): apparent activation energy Ea = {r.activation_energy_eV:.4f} eV "
           f"({r.activation_energy_kJ_per_mol:.1f} kJ/mol), A = {r.prefactor_mA_per_cm2:.4g} mA/cm2"]
    out += [f"  {p['temperature_C']:7.1f} C  CCD {p['ccd_mA_per_cm2']:.4g} mA/cm2  fit {p['fitted_ccd_mA_per_cm2']:.4g}"
            for p in r.points]
    out += [f"  {p['temperature_C']:7.1f} C  predicted CCD {p['ccd_mA_per_cm2']:.4g} mA/cm2" for p in r.predictions]
    return out + _cite(r) + _warn(r)


def growth(r: Any, **_: Any) -> list[str]:
    out = [f"Interphase growth: {r.classification} -> {r.law} law"]
    out += [f"  t = {p['time_h']:10.4g} h   L = {p['thickness_nm']:10.4g} nm   ASR = {p['asr_ohm_cm2']:.4g} ohm cm2"
            for p in r.points]
    return out + _cite(r) + _warn(r)


def arrhenius_fit(fit: Any, form: str, temperatures: Sequence[float] = (), **_: Any) -> list[str]:
    out = [f"Arrhenius fit ({form}): Ea = {fit.activation_energy_eV:.4f} eV "
           f"({fit.activation_energy_kJ_per_mol:.1f} kJ/mol), {fit.n_points} points, "
           f"rms residual {fit.rms_residual_ln:.3g} in ln"]
    out += [f"  {t - ZERO_CELSIUS_K:7.1f} C  sigma = {fit.predict(t) / 100:.4g} S/cm" for t in temperatures or []]
    return out + _cite(fit) + _warn(fit)


def arrhenius(results: Sequence[Any], form: str, conductivity: float, activation_energy: float,
              reference_temperature: float, **_: Any) -> list[str]:
    out = [f"Arrhenius ({form}): sigma_ref = {conductivity / 100:.4g} S/cm at "
           f"{reference_temperature - ZERO_CELSIUS_K:.1f} C, Ea = {activation_energy:.4g} eV"]
    out += [f"  {r.temperature_C:7.1f} C  sigma = {r.conductivity_S_per_cm:.4g} S/cm  (x{r.ratio_to_reference:.3g})"
            for r in results]
    out += _cite(results[0])
    for r in results:
        out += _warn(r)
    return out


def interdiffusion(r: Any, species: str, **_: Any) -> list[str]:
    out = [f"{species} in {r.host}: diffusion length {r.length_nm:.4g} nm over {len(r.steps)} step(s)"]
    out += [f"  {st.temperature_K - ZERO_CELSIUS_K:7.1f} C  {st.duration_s / 3600:g} h  "
            f"D = {st.diffusivity_m2_per_s * 1e4:.3g} cm2/s  sqrt(Dt) = {st.length_m * 1e9:.4g} nm" for st in r.steps]
    out.append(f"  D0 = {r.parameters.d0_m2_per_s:.3g} m2/s, Ea = {r.parameters.activation_energy_eV:g} eV "
               f"({r.parameters.basis})")
    return out + _cite(r)


def bricklayer(r: Any, **_: Any) -> list[str]:
    return [f"Brick layer: sigma_total = {r.total_conductivity_S_per_cm:.4g} S/cm "
            f"(grain boundaries {100 * r.grain_boundary_resistance_fraction:.1f} % of the resistance)", *_cite(r),
            *_warn(r)]


def percolation(r: Any, at: Any = None, **_: Any) -> list[str]:
    lo, hi = r.near_optimal_range_vol_percent
    w0, w1 = r.percolating_window_vol_percent
    out = [f"Composite cathode: optimum {r.optimum_active_material_vol_percent:.1f} vol% active material "
           f"(s_e s_i >= {100 * r.near_optimal_level:.0f} % of max for {lo:.1f}-{hi:.1f} vol%; "
           "Wang et al., Adv. Energy Mater. 2020, §3.1: 69-79 vol%)",
           f"  both phases percolate for {w0:.1f}-{w1:.1f} vol% AM; at the optimum s_e = "
           f"{r.electronic_normalised_at_optimum:.3g}, s_i = {r.ionic_normalised_at_optimum:.3g}"]
    if at is not None:
        out.append(f"  at {at.active_material_vol_percent:.1f} vol%: s_e = {at.electronic_normalised:.3g}, "
                   f"s_i = {at.ionic_normalised:.3g}, product {at.product_normalised:.3g}")
    return out + _cite(r) + _warn(r)


def strain(r: Any, **_: Any) -> list[str]:
    out = [f"Volume change {r.volume_change_percent:+.3g} % -> linear strain {r.linear_strain_percent:+.3g} %",
           f"  constrained stress E eps/(1-nu) = {r.constrained_stress_MPa:.4g} MPa; Eshelby interface pressure "
           f"{r.inclusion_pressure_MPa:.4g} MPa",
           f"  largest tensile stress {r.max_tensile_stress_MPa:.4g} MPa ({r.tensile_mode})"]
    if r.fracture_strength_MPa is not None:
        out.append(f"  fracture strength {r.fracture_strength_MPa:.4g} MPa -> "
                   f"{'EXCEEDED: cracking or debonding expected' if r.exceeds_fracture_strength else 'not exceeded'}")
    return out + _cite(r) + _warn(r)


def cracking(results: Sequence[Any], **_: Any) -> list[str]:
    r0 = results[0]
    out = [f"Particle volume change {r0.volume_change_percent:+.3g} % (linear {r0.linear_strain_percent:+.3g} %): "
           f"{r0.mode}",
           f"  {'E_SE':>8} {'s':>6} {'corner':>10} {'G':>9} {'G_c':>6} {'cracks':>6} {'nucleates at':>13} "
           f"{'crack':>8}",
           f"  {'GPa':>8} {'':>6} {'MPa':>10} {'J/m2':>9} {'J/m2':>6} {'':>6} {'dV/V %':>13} {'um':>8}"]
    for r in results:
        nuc = "never" if r.nucleation_volume_change_percent is None else f"{r.nucleation_volume_change_percent:+.3g}"
        out.append(f"  {r.inputs['electrolyte_young_modulus_Pa'] / 1e9:8.3g} {r.corner_exponent:6.3f} "
                   f"{r.corner_tension_MPa:10.4g} {r.energy_release_rate_J_per_m2:9.3g} {r.fracture_energy_J_per_m2:6.3g} "
                   f"{'yes' if r.cracks else 'no':>6} {nuc:>13} {r.final_crack_length_um:8.3g}")
    out.append(f"  (s: corner singularity; corner: tension at the flaw, {r0.inputs['flaw_size_m'] * 1e6:g} um; crack "
               f"length capped at the particle radius, {r0.crack_length_cap_um:g} um)")
    out += [(f"  composite layer: {r.layer_volume_change_percent:+.3g} % volume change, delamination G = "
             f"{r.layer_delamination_J_per_m2:.3g} J/m2 (film on a rigid body; E_SE "
             f"{r.inputs['electrolyte_young_modulus_Pa'] / 1e9:.3g} GPa)") for r in results]
    seen: list[str] = []
    for r in results:
        seen += [w for w in r.warnings if w not in seen]
    return out + _cite(r0) + [f"  warning: {w}" for w in seen]


def ccd_microstructure(r: Any, **_: Any) -> list[str]:
    bulk = "none (no electronic conduction)" if r.bulk_plating_mA_per_cm2 is None else \
        f"{r.bulk_plating_mA_per_cm2:.3g} mA/cm2"
    return [f"Critical current density {r.ccd_mA_per_cm2:.3g} mA/cm2, limited by {r.limited_by}",
            f"  root growth from a {r.effective_flaw_depth_um:.3g} um flaw: {r.root_growth_mA_per_cm2:.3g} mA/cm2"
            + (" (pores connected through the layer)" if r.pores_connected else ""),
            f"  nucleation at a grain boundary: {r.grain_boundary_mA_per_cm2:.3g} mA/cm2",
            f"  plating inside (t_e = {r.electronic_transference:.2g}): {bulk}", *_cite(r), *_warn(r)]


def spacecharge(r: Any, **_: Any) -> list[str]:
    screen = ("the receiving side conducts electrons: the whole step in the depletion layer"
              if r.screening == "electronic" else "shared with an accumulation layer in the insulating coating")
    return [f"Space-charge layer: step {r.potential_V:.3g} V of {r.total_potential_V:.3g} V ({screen})",
            f"  depletion width {r.width_nm:.3g} nm, ASR {r.asr_ohm_cm2:.4g} ohm cm2 "
            f"(the same thickness of bulk: {r.bulk_asr_ohm_cm2:.3g} ohm cm2), capacitance "
            f"{r.capacitance_uF_per_cm2:.3g} uF/cm2", *_cite(r), *_warn(r)]


def renderers() -> dict[type, Any]:
    """Result type -> its text (the physics results' classes, imported here only)."""
    from ..physics.ccd_microstructure import MicrostructureCcd
    from ..physics.contact import ConstrictionResult
    from ..physics.cracking import CrackingResult
    from ..physics.dendrites import (
        CCDFit,
        GrowthDrivingForceResult,
        MonroeResult,
        NucleationResult,
    )
    from ..physics.growth import GrowthResult
    from ..physics.interdiffusion import InterdiffusionResult
    from ..physics.mechanics import StrainResult
    from ..physics.percolation import PercolationOptimum
    from ..physics.spacecharge import SpaceChargeResult
    from ..physics.transport import ArrheniusFit, ArrheniusResult, BrickLayerResult
    from ..physics.voids import VoidResult
    from ..physics.wetting import WettingResult

    return {ConstrictionResult: contact, WettingResult: wetting, VoidResult: voids, MonroeResult: monroe,
            NucleationResult: nucleation, GrowthDrivingForceResult: dendrite_growth, CCDFit: ccd, GrowthResult: growth,
            ArrheniusFit: arrhenius_fit, ArrheniusResult: arrhenius, InterdiffusionResult: interdiffusion,
            BrickLayerResult: bricklayer, PercolationOptimum: percolation, StrainResult: strain,
            SpaceChargeResult: spacecharge, CrackingResult: cracking, MicrostructureCcd: ccd_microstructure}


#: results whose text takes the whole list (one line per element)
LISTED = ("ConstrictionResult", "ArrheniusResult", "CrackingResult")
