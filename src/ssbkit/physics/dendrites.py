"""Li dendrites in solid electrolytes: Monroe-Newman, Raj-Wolfenstine, current focusing, CCD(T).

Units of the electrochemo-mechanical models (Wang et al., Adv. Energy Mater. 2020 Eqs. (3)-(5))
-----------------------------------------------------------------
Both sides of Eq. (3) and both terms of Eq. (5) are energies *per Li atom*:

* ``j [A/m2] * rho [ohm m] * d [m]`` is a voltage; times ``|e|`` [C] it is J per Li atom
  (numerically the same number in eV as the voltage in V).
* ``|e| * k_int [ohm m2] * j [A/m2] * h/w`` is likewise J per Li atom.
* ``Omega_Li`` is therefore the volume *per Li atom*, V_m / N_A = 2.16e-29 m3
  (Wang et al., Adv. Energy Mater. 2020 calls it "lithium density per volume"; the units require the atomic volume),
  so ``sigma_F [Pa] * Omega_Li [m3]`` and ``gamma [J/m2] * Omega_Li / r_c`` are J per atom.
* ``gamma`` in Eq. (3) is the Li | electrolyte interfacial (surface) energy in J/m2 (Wang et al., Adv. Energy Mater. 2020
  writes "normal strain"; the units require an energy per area), ``r_c`` the radius of the
  Li embryo.

ssbkit reports these energies in eV per Li atom and in J per Li atom.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..bibliography import WANG, cite
from ..constants import arrhenius_prefactor_form
from ..errors import UnitError
from ..parameters import default, from_si
from ._base import (
    ELEMENTARY_CHARGE_C,
    LI_ATOMIC_VOLUME_M3,
    ZERO_CELSIUS_K,
    PhysicsResult,
    finite,
    non_negative,
    positive,
    temperature,
)
from .transport import fit_arrhenius

__all__ = [
    "LI_SHEAR_MODULUS_PA",
    "CCDFit",
    "GrowthDrivingForceResult",
    "MonroeResult",
    "NucleationResult",
    "ccd_arrhenius",
    "current_focusing",
    "dendrite_growth_driving_force",
    "monroe_newman",
    "raj_wolfenstine_nucleation",
]

#: Shear modulus of polycrystalline Li, Pa (Voigt-Reuss-Hill average of the single-crystal
#: elastic constants; reported values 3.4-4.9 GPa).
LI_SHEAR_MODULUS_PA = default("dendrites.li_shear_modulus", "Pa")
#: Monroe-Newman: the electrolyte's shear modulus over Li's that suppresses dendrites.
MONROE_RATIO = default("dendrites.monroe_ratio", "dimensionless")
#: Raj-Wolfenstine defaults: interface energy (J/m2), embryo radius (m), fracture stress (Pa).
INTERFACE_ENERGY_J_PER_M2 = default("dendrites.interface_energy", "J/m2")
EMBRYO_RADIUS_M = default("dendrites.embryo_radius", "m")
FRACTURE_STRESS_PA = default("dendrites.fracture_stress", "Pa")

_E = ELEMENTARY_CHARGE_C


@dataclass(frozen=True, kw_only=True)
class MonroeResult(PhysicsResult):
    """Monroe-Newman shear-modulus criterion."""

    electrolyte_shear_modulus_GPa: float
    li_shear_modulus_GPa: float
    modulus_ratio: float
    required_ratio: float
    suppresses_dendrites: bool


def monroe_newman(electrolyte_shear_modulus_Pa: float, li_shear_modulus_Pa: float = LI_SHEAR_MODULUS_PA,
                  required_ratio: float = MONROE_RATIO) -> MonroeResult:
    """Monroe-Newman criterion: dendrites are suppressed when ``G_SE >= 2 G_Li``.

    Citation: Wang et al., Adv. Energy Mater. 2020 section 2.5, refs. [7] (Monroe & Newman 2005),
    [8] (garnet G about 60 GPa).  G_Li defaults to 4.2 GPa (polycrystalline Li; literature
    3.4-4.9 GPa).  Wang et al., Adv. Energy Mater. 2020 section 2.5.2 (ref. [110]) notes that polycrystalline garnets short
    despite G_SE/G_Li of about 14: the criterion is necessary-looking but not sufficient.

    Raises:
        UnitError: non-positive moduli or ratio.
    """
    g_se = positive(electrolyte_shear_modulus_Pa, "electrolyte shear modulus")
    g_li = positive(li_shear_modulus_Pa, "Li shear modulus")
    req = positive(required_ratio, "required modulus ratio")
    ratio = g_se / g_li
    ok = ratio >= req
    warnings = []
    if ok:
        warnings.append("the criterion is met, yet Wang et al., Adv. Energy Mater. 2020 (refs. [100],[110]) reports dendrites in garnets with "
                        "G about 60 GPa: grain boundaries, pores, cracks and electronic leakage control the CCD")
    return MonroeResult(
        model="monroe_newman", equation="dendrite suppression if G_SE >= 2 G_Li",
        citation=cite(WANG, "[7],[8],[110]", "§2.5"),
        inputs={"electrolyte_shear_modulus_Pa": g_se, "li_shear_modulus_Pa": g_li, "required_ratio": req},
        warnings=warnings, electrolyte_shear_modulus_GPa=from_si(g_se, "GPa"), li_shear_modulus_GPa=from_si(g_li, "GPa"),
        modulus_ratio=ratio, required_ratio=req, suppresses_dendrites=ok)


@dataclass(frozen=True, kw_only=True)
class NucleationResult(PhysicsResult):
    """Both sides of the Raj-Wolfenstine nucleation inequality (Wang et al., Adv. Energy Mater. 2020 Eq. 3)."""

    driving_force_eV: float
    opposing_force_eV: float
    surface_term_eV: float
    fracture_term_eV: float
    critical_current_density_mA_per_cm2: float
    critical_current_density_A_per_m2: float
    current_density_mA_per_cm2: float | None
    nucleates: bool | None


def raj_wolfenstine_nucleation(resistivity_ohm_m: float, grain_size_m: float, *,
                               current_density_A_per_m2: float | None = None, alpha: float = 0.0,
                               interface_energy_J_per_m2: float = INTERFACE_ENERGY_J_PER_M2,
                               embryo_radius_m: float = EMBRYO_RADIUS_M,
                               fracture_stress_Pa: float = FRACTURE_STRESS_PA,
                               li_atomic_volume_m3: float = LI_ATOMIC_VOLUME_M3) -> NucleationResult:
    """Raj-Wolfenstine nucleation criterion, Wang et al., Adv. Energy Mater. 2020 Eq. (3).

    Equation: ``j rho d (1 - alpha) |e| >= 2 gamma Omega_Li / r_c + sigma_F Omega_Li``, so the
    critical current density is ``j_c = (2 gamma Omega_Li / r_c + sigma_F Omega_Li) / (rho d (1-alpha) |e|)``.
    Citation: Wang et al., Adv. Energy Mater. 2020 Eq. (3), ref. [86] (Raj & Wolfenstine 2017).

    Args:
        resistivity_ohm_m: overall resistivity rho of the electrolyte, ohm m (1 / conductivity).
        grain_size_m: crystallite size d, m.
        current_density_A_per_m2: applied current density j, A/m2 (optional).
        alpha: d'/d, the distance of the grain boundary from the Li electrode relative to d (0 <= alpha < 1).
        interface_energy_J_per_m2: gamma, Li | electrolyte interfacial energy (default 0.5 J/m2).
        embryo_radius_m: r_c, size of the Li embryo (default 10 nm).
        fracture_stress_Pa: sigma_F of the ceramic (default 100 MPa, order of LLZO strength).
        li_atomic_volume_m3: Omega_Li, volume per Li atom (default 2.16e-29 m3).

    Raises:
        UnitError: non-positive resistivity, size, radius or atomic volume; alpha outside [0, 1).
    """
    rho = positive(resistivity_ohm_m, "resistivity")
    d = positive(grain_size_m, "grain size")
    a = finite(alpha, "alpha")
    if not 0.0 <= a < 1.0:
        raise UnitError(f"alpha = d'/d must lie in [0, 1), got {a:g}")
    gamma = non_negative(interface_energy_J_per_m2, "interface energy")
    rc = positive(embryo_radius_m, "embryo radius")
    sF = non_negative(fracture_stress_Pa, "fracture stress")
    omega = positive(li_atomic_volume_m3, "Li atomic volume")
    j = non_negative(current_density_A_per_m2, "current density") if current_density_A_per_m2 is not None else None
    surface = 2.0 * gamma * omega / rc
    fracture = sF * omega
    opposing = surface + fracture
    per_j = rho * d * (1.0 - a) * _E  # J per atom per (A/m2)
    jc = opposing / per_j
    driving = per_j * j if j is not None else 0.0
    inputs = {"resistivity_ohm_m": rho, "grain_size_m": d, "alpha": a, "current_density_A_per_m2": j,
              "interface_energy_J_per_m2": gamma, "embryo_radius_m": rc, "fracture_stress_Pa": sF,
              "li_atomic_volume_m3": omega}
    return NucleationResult(
        model="raj_wolfenstine_nucleation",
        equation="j rho d (1-alpha) |e| >= 2 gamma Omega_Li / r_c + sigma_F Omega_Li",
        citation=cite(WANG, "[86]", "Eq. (3)"), inputs=inputs,
        warnings=[] if j is not None else ["no current density given: driving force reported as 0"],
        driving_force_eV=driving / _E, opposing_force_eV=opposing / _E, surface_term_eV=surface / _E,
        fracture_term_eV=fracture / _E, critical_current_density_mA_per_cm2=jc / 10.0,
        critical_current_density_A_per_m2=jc, current_density_mA_per_cm2=None if j is None else j / 10.0,
        nucleates=None if j is None else driving >= opposing)


def current_focusing(current_density_A_per_m2: float, tip_height_m: float, nucleus_width_m: float) -> float:
    """Local current density at a protrusion tip, Wang et al., Adv. Energy Mater. 2020 Eq. (4): ``j_int = j h / w``, A/m2.

    Citation: Wang et al., Adv. Energy Mater. 2020 Eq. (4), ref. [86] (St. Venant's principle).
    """
    j = non_negative(current_density_A_per_m2, "current density")
    h = positive(tip_height_m, "tip height")
    w = positive(nucleus_width_m, "nucleus width")
    return j * h / w


@dataclass(frozen=True, kw_only=True)
class GrowthDrivingForceResult(PhysicsResult):
    """Current focusing (Eq. 4) and the growth driving force (Eq. 5)."""

    local_current_density_mA_per_cm2: float
    electrochemical_term_eV: float
    mechanical_term_eV: float
    driving_force_eV: float
    driving_force_J: float
    critical_current_density_mA_per_cm2: float
    grows: bool


def dendrite_growth_driving_force(current_density_A_per_m2: float, interface_asr_ohm_m2: float,
                                  tip_height_m: float, nucleus_width_m: float,
                                  fracture_stress_Pa: float = FRACTURE_STRESS_PA,
                                  li_atomic_volume_m3: float = LI_ATOMIC_VOLUME_M3) -> GrowthDrivingForceResult:
    """Growth driving force of a Li protrusion, Wang et al., Adv. Energy Mater. 2020 Eqs. (4)-(5).

    Equations: ``j_int = j h / w``;  ``Delta mu = |e| k_int j h / w - sigma_F Omega_Li`` (J per Li
    atom; growth when > 0); critical ``j* = sigma_F Omega_Li w / (|e| k_int h)``.
    Citation: Wang et al., Adv. Energy Mater. 2020 Eqs. (4),(5), ref. [86].

    Args:
        current_density_A_per_m2: mean current density j through the electrolyte, A/m2.
        interface_asr_ohm_m2: k_int, interfacial area-specific resistance, ohm m2 (1 ohm cm2 = 1e-4 ohm m2).
        tip_height_m: h, distance of the tip from the Li surface, m.
        nucleus_width_m: w, width of the nucleus, m.
        fracture_stress_Pa: sigma_F, back stress of the ceramic (default 100 MPa).
        li_atomic_volume_m3: Omega_Li, volume per Li atom (default 2.16e-29 m3).

    Raises:
        UnitError: negative current density or fracture stress, non-positive ASR, height, width or volume.
    """
    j = non_negative(current_density_A_per_m2, "current density")
    k = positive(interface_asr_ohm_m2, "interfacial ASR")
    h = positive(tip_height_m, "tip height")
    w = positive(nucleus_width_m, "nucleus width")
    sF = non_negative(fracture_stress_Pa, "fracture stress")
    omega = positive(li_atomic_volume_m3, "Li atomic volume")
    j_int = j * h / w
    elec = _E * k * j_int
    mech = sF * omega
    dmu = elec - mech
    j_star = mech * w / (_E * k * h)
    return GrowthDrivingForceResult(
        model="dendrite_growth_driving_force",
        equation="j_int = j h / w (Eq. 4); Delta mu = |e| k_int j h / w - sigma_F Omega_Li (Eq. 5)",
        citation=cite(WANG, "[86]", "Eqs. (4), (5)"),
        inputs={"current_density_A_per_m2": j, "interface_asr_ohm_m2": k, "tip_height_m": h,
                "nucleus_width_m": w, "fracture_stress_Pa": sF, "li_atomic_volume_m3": omega},
        warnings=["after incipient growth the opposing force is set by fracture toughness, not strength "
                  "(Wang et al., Adv. Energy Mater. 2020 section 2.5.1)"] if dmu > 0 else [],
        local_current_density_mA_per_cm2=j_int / 10.0, electrochemical_term_eV=elec / _E,
        mechanical_term_eV=mech / _E, driving_force_eV=dmu / _E, driving_force_J=dmu,
        critical_current_density_mA_per_cm2=j_star / 10.0, grows=dmu > 0)


@dataclass(frozen=True, kw_only=True)
class CCDFit(PhysicsResult):
    """Arrhenius fit of the critical current density against temperature."""

    activation_energy_eV: float
    activation_energy_kJ_per_mol: float
    prefactor_mA_per_cm2: float
    points: list[dict[str, float]]
    predictions: list[dict[str, float]]
    rms_residual_ln: float

    def predict_mA_per_cm2(self, temperature_K: float) -> float:
        """CCD at ``temperature_K`` from the fitted law, mA/cm2."""
        T = temperature(temperature_K)
        return arrhenius_prefactor_form(self.prefactor_mA_per_cm2, self.activation_energy_eV, T)


def ccd_arrhenius(temperatures_K: Sequence[float], ccd_A_per_m2: Sequence[float],
                  predict_at_K: Sequence[float] = ()) -> CCDFit:
    """Apparent activation energy of the critical current density, ``CCD = A exp(-Ea / (k_B T))``.

    Least squares in ``ln(CCD)`` vs ``1/T`` through two or more points; with two points the
    line passes through both.  Wang et al., Adv. Energy Mater. 2020 section 2.5.2 (ref. [59], Sharafi et al. 2016): LLZO CCD
    rises from 50 uA/cm2 at 30 C to 14 mA/cm2 at 160 C (Ea = 0.49 eV).  The review notes the CCD
    rises faster near the Li melting point, so the fit is an *apparent* activation energy.
    Citation: Wang et al., Adv. Energy Mater. 2020 section 2.5.2 and Fig. 10B, ref. [59].

    Raises:
        UnitError: fewer than two points, temperature <= 0 K, non-positive CCD.
    """
    fit = fit_arrhenius(temperatures_K, ccd_A_per_m2, "plain", model="ccd_arrhenius",
                        citation=cite(WANG, "[59]", "§2.5.2, Fig. 10B"), value_name="critical current density")
    pts = [{"temperature_K": t, "temperature_C": t - ZERO_CELSIUS_K, "ccd_mA_per_cm2": y / 10.0,
            "fitted_ccd_mA_per_cm2": yf / 10.0}
           for t, y, yf in zip(fit.temperatures_K, fit.values, fit.fitted_values)]
    preds = []
    warnings = list(fit.warnings)
    for t in predict_at_K:
        T = temperature(t)
        preds.append({"temperature_K": T, "temperature_C": T - ZERO_CELSIUS_K,
                      "ccd_mA_per_cm2": fit.predict(T) / 10.0})
        if T >= 453.65:
            warnings.append(f"{T:.1f} K is above the melting point of Li: the Arrhenius extrapolation is meaningless")
        elif T > max(fit.temperatures_K) or T < min(fit.temperatures_K):
            warnings.append(f"{T - ZERO_CELSIUS_K:.1f} C lies outside the fitted range: extrapolation")
    return CCDFit(model="ccd_arrhenius", equation="ln(CCD) = ln(A) - Ea/(k_B T) (least squares in 1/T)",
                  citation=fit.citation, inputs={"temperatures_K": fit.temperatures_K,
                                                 "ccd_A_per_m2": fit.values,
                                                 "predict_at_K": [float(t) for t in predict_at_K]},
                  warnings=warnings, activation_energy_eV=fit.activation_energy_eV,
                  activation_energy_kJ_per_mol=fit.activation_energy_kJ_per_mol,
                  prefactor_mA_per_cm2=fit.prefactor / 10.0, points=pts, predictions=preds,
                  rms_residual_ln=fit.rms_residual_ln)
