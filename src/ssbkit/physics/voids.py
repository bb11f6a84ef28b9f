"""Void formation at the Li | solid-electrolyte interface during stripping.

Wang et al., Adv. Energy Mater. 2020 section 2.4 (Krauskopf, Hartmann, Zeier, Janek, ref. [57]): stripping Li
leaves a Li vacancy in the metal for every Li+ that crosses into the
electrolyte.  If vacancies diffuse away from the interface fast enough, the
interface stays flat; above a limiting current density they supersaturate and
pile up into pores, contact is lost and the resistance rises.  Stack pressure
helps because creep of Li pushes metal back to the interface.  Voids form when
the Li flux demanded by the current exceeds the Li flux the metal can supply:

    j > j_lim(T, p) = j_diff(T) + j_creep(p, T)

Vacancy-diffusion supply (ssbkit's first-order steady-state form of the [57] picture)
-------------------------------------------------------------------------------------
Vacancies injected at the interface at the rate ``j / F`` diffuse to sinks at a
distance ``L`` (default 50 um, the order of a Li foil thickness).  Pores nucleate
when the interfacial vacancy fraction exceeds the equilibrium one by the factor
``S`` (excess supersaturation ``S - 1``, default 1).  With
``D_V x_V = D* / f`` (``D*`` tracer self-diffusion coefficient of Li, ``f = 0.727``
the bcc correlation factor, ``x_V`` the equilibrium vacancy site fraction):

    j_diff = F * (S - 1) * D_V * x_V * c_Li / L = F * (S - 1) * D*(T) * c_Li / (f * L)
    D*(T) = D*_298 * exp(-E_D / k_B * (1/T - 1/298.15 K))

with ``c_Li = 1 / V_m = 7.69e4 mol/m3``, ``D*_298 = 5.6e-11 cm2/s`` and
``E_D = 0.55 eV`` (NMR and tracer self-diffusion of bcc Li, Messer and Noack
1975; Lodding, Mundy and Ott 1970; the room-temperature value used by ref.
[57]).  With these defaults j_diff(25 C) = 0.11 mA/cm2, the order of the
0.1 mA/cm2 at which ref. [57] strips Li from LLZO (Wang et al., Adv. Energy Mater. 2020 Table 1).

Creep supply (power-law creep of Li)
------------------------------------
Li creeps with ``eps_dot = A sigma^n exp(-Q / (R T))``; n = 6.56 and
Q = 37 kJ/mol (Masias, Felten, Garcia-Mendez, Wolfenstine, Sakamoto,
J. Mater. Sci. 54, 2585 (2019); LePage et al., J. Electrochem. Soc. 166, A89
(2019)).  Creep of a Li layer of thickness ``L_c`` toward the interface moves
the metal at ``eps_dot * L_c``, equivalent to ``j_creep = F eps_dot L_c / V_m``.
The product ``A * L_c`` depends on geometry and is not known a priori; ssbkit
anchors it to the review: "pressures in GPa range are expected to achieve stable
current densities ranging to 10 mA/cm2" (Wang et al., Adv. Energy Mater. 2020 section 2.4, ref. [57]):

    j_creep = j_ref * (p / p_ref)^n * exp(-Q / R * (1/T - 1/T_ref)),
    j_ref = 10 mA/cm2 at p_ref = 1 GPa, T_ref = 298.15 K.

Limits: solid Li only (T below 453.65 K); the creep anchor is an
extrapolation of the review's statement, and stack-pressure experiments on other
electrolytes (a few MPa already raise the critical stripping current in
sulfide cells) show a weaker pressure dependence than n = 6.56 implies.  Give
your own ``creep_reference_*`` / ``creep_stress_exponent`` where you have data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..bibliography import WANG, cite
from ..constants import arrhenius
from ..errors import UnitError
from ._base import (
    FARADAY_C_PER_MOL,
    GAS_CONSTANT_J_PER_MOL_K,
    LI_MELTING_POINT_K,
    LI_MOLAR_VOLUME_M3_PER_MOL,
    ROOM_TEMPERATURE_K,
    PhysicsResult,
    non_negative,
    positive,
    temperature,
)

__all__ = ["DEFAULTS", "VoidResult", "li_self_diffusivity", "void_limit"]

#: The model's arguments and the parameters of the store (:mod:`ssbkit.parameters`, with their values, units,
#: bases and sources) that give their defaults, in the argument's unit.
PARAMETERS: dict[str, tuple[str, str]] = {
    "self_diffusivity_298K_m2_per_s": ("voids.self_diffusivity_298K", "m2/s"),
    "diffusion_activation_energy_eV": ("voids.diffusion_activation_energy", "eV"),
    "correlation_factor": ("voids.correlation_factor", "dimensionless"),
    "diffusion_length_m": ("voids.diffusion_length", "m"),
    "supersaturation_excess": ("voids.supersaturation_excess", "dimensionless"),
    "creep_stress_exponent": ("voids.creep_stress_exponent", "dimensionless"),
    "creep_activation_energy_J_per_mol": ("voids.creep_activation_energy", "J/mol"),
    "creep_reference_current_density_A_per_m2": ("voids.creep_reference_current_density", "A/m2"),
    "creep_reference_pressure_Pa": ("voids.creep_reference_pressure", "Pa"),
    "creep_reference_temperature_K": ("voids.creep_reference_temperature", "K"),
}


def defaults(params: Any = None) -> dict[str, float]:
    """The model's defaults from the parameter store (``params``: a :class:`~ssbkit.parameters.Parameters` with
    the user's overrides; None: the shipped table)."""
    from ..parameters import Parameters

    p = params or Parameters.load()
    return {arg: p.value_in(name, unit) for arg, (name, unit) in PARAMETERS.items()}


#: The shipped defaults (SI units).
DEFAULTS: dict[str, float] = defaults()

_EQ = ("voids if j > j_lim = j_diff + j_creep; j_diff = F (S-1) D*(T) c_Li / (f L), "
       "D*(T) = D*_298 exp(-E_D/k (1/T - 1/298.15)); "
       "j_creep = j_ref (p/p_ref)^n exp(-Q/R (1/T - 1/T_ref)) (power-law creep, eps_dot = A sigma^n exp(-Q/RT))")
_CITE = (cite(WANG, "[57]", "§2.4, Fig. 5C,D") + "; Li self-diffusion: Messer & "
         "Noack 1975, Lodding et al. 1970; Li creep: Masias et al., J. Mater. Sci. 54, 2585 (2019)")


@dataclass(frozen=True, kw_only=True)
class VoidResult(PhysicsResult):
    """Vacancy-diffusion / creep limit of stripping and the void verdict."""

    current_density_mA_per_cm2: float | None
    limiting_current_density_mA_per_cm2: float
    diffusion_limit_mA_per_cm2: float
    creep_limit_mA_per_cm2: float
    limiting_current_density_A_per_m2: float
    self_diffusivity_m2_per_s: float
    voids_form: bool | None
    ratio_to_limit: float | None
    dominant_supply: str
    temperature_K: float
    pressure_Pa: float


def li_self_diffusivity(temperature_K: float,
                        self_diffusivity_298K_m2_per_s: float = DEFAULTS["self_diffusivity_298K_m2_per_s"],
                        activation_energy_eV: float = DEFAULTS["diffusion_activation_energy_eV"]) -> float:
    """Tracer self-diffusion coefficient of bcc Li, m2/s: ``D*_298 exp(-E_D/k (1/T - 1/298.15 K))``."""
    T = temperature(temperature_K)
    D0 = positive(self_diffusivity_298K_m2_per_s, "self-diffusivity of Li")
    Ea = non_negative(activation_energy_eV, "activation energy")
    return arrhenius(D0, Ea, T, ROOM_TEMPERATURE_K)


def _self_diffusivity(T: float, f: float, given: float | None, vacancy: float | None, site_fraction: float | None,
                      activation_energy_eV: float, at_298K: float) -> tuple[float, str]:
    """The Li tracer self-diffusivity D* at ``T`` (m2/s) and where it comes from: given, from a vacancy
    diffusivity (D* = f x_V D_V), or the Arrhenius default."""
    if vacancy is not None:
        if given is not None:
            raise UnitError("give either the self-diffusivity or the vacancy diffusivity of Li, not both")
        if site_fraction is None:
            raise UnitError("a vacancy diffusivity needs the vacancy site fraction x_V (D* = f x_V D_V)")
        return f * positive(site_fraction, "vacancy site fraction") * positive(vacancy, "vacancy diffusivity"), \
            "given vacancy diffusivity"
    if given is not None:
        return positive(given, "self-diffusivity of Li"), "given self-diffusivity"
    return li_self_diffusivity(T, at_298K, activation_energy_eV), "Arrhenius default"


def _void_warnings(T: float, p: float) -> list[str]:
    """Where the model is out of its range: molten Li, or a creep term extrapolated beyond 100 MPa."""
    out = []
    if T >= LI_MELTING_POINT_K:
        out.append(f"temperature {T:.1f} K is at or above the melting point of Li (453.65 K): "
                   "the solid-state vacancy/creep model does not apply")
    if p >= 1e8:
        out.append("stack pressure >= 100 MPa: creep term is an extrapolation anchored on the review's "
                   "'GPa range for 10 mA/cm2' statement (ref. [57])")
    return out


def void_limit(temperature_K: float, pressure_Pa: float = 0.0, current_density_A_per_m2: float | None = None, *,
               self_diffusivity_m2_per_s: float | None = None,
               self_diffusivity_298K_m2_per_s: float = DEFAULTS["self_diffusivity_298K_m2_per_s"],
               vacancy_diffusivity_m2_per_s: float | None = None, vacancy_site_fraction: float | None = None,
               diffusion_activation_energy_eV: float = DEFAULTS["diffusion_activation_energy_eV"],
               diffusion_length_m: float = DEFAULTS["diffusion_length_m"],
               supersaturation_excess: float = DEFAULTS["supersaturation_excess"],
               correlation_factor: float = DEFAULTS["correlation_factor"],
               creep_stress_exponent: float = DEFAULTS["creep_stress_exponent"],
               creep_activation_energy_J_per_mol: float = DEFAULTS["creep_activation_energy_J_per_mol"],
               creep_reference_current_density_A_per_m2: float = DEFAULTS["creep_reference_current_density_A_per_m2"],
               creep_reference_pressure_Pa: float = DEFAULTS["creep_reference_pressure_Pa"],
               creep_reference_temperature_K: float = DEFAULTS["creep_reference_temperature_K"]) -> VoidResult:
    """Limiting stripping current density before voids form, and whether ``j`` forms voids.

    Equation: ``j_lim = F (S-1) D*(T) c_Li / (f L) + j_ref (p/p_ref)^n exp(-Q/R (1/T - 1/T_ref))``;
    voids form when ``j > j_lim``.  See the module docstring for the derivation and sources.
    Citation: Wang et al., Adv. Energy Mater. 2020 section 2.4, ref. [57].

    Args:
        temperature_K: temperature, K (> 0; solid Li below 453.65 K).
        pressure_Pa: stack pressure on the Li, Pa (>= 0).
        current_density_A_per_m2: stripping current density, A/m2 (1 mA/cm2 = 10 A/m2); optional.
        self_diffusivity_m2_per_s: tracer self-diffusivity D* at ``temperature_K`` (overrides the Arrhenius default).
        self_diffusivity_298K_m2_per_s: D* at 298 K of the Arrhenius default (5.6e-11 cm2/s).
        vacancy_diffusivity_m2_per_s: vacancy diffusivity D_V; needs ``vacancy_site_fraction`` x_V
            (D* = f x_V D_V).  Alternative to ``self_diffusivity_m2_per_s``.
        vacancy_site_fraction: equilibrium vacancy site fraction x_V (with D_V).
        diffusion_activation_energy_eV: E_D of Li self-diffusion (default 0.55 eV).
        diffusion_length_m: distance L to vacancy sinks (default 50 um).
        supersaturation_excess: S - 1 at which pores nucleate (default 1).
        correlation_factor: f (bcc: 0.727).
        creep_stress_exponent: n of power-law creep (default 6.56).
        creep_activation_energy_J_per_mol: Q of creep (default 37 kJ/mol).
        creep_reference_current_density_A_per_m2, creep_reference_pressure_Pa, creep_reference_temperature_K:
            anchor of the creep term (default 100 A/m2 = 10 mA/cm2 at 1 GPa and 298.15 K).

    Raises:
        UnitError: temperature <= 0 K, negative pressure or current density, non-positive parameters.
    """
    T = temperature(temperature_K)
    p = non_negative(pressure_Pa, "pressure")
    j = non_negative(current_density_A_per_m2, "current density") if current_density_A_per_m2 is not None else None
    L = positive(diffusion_length_m, "diffusion length")
    S1 = positive(supersaturation_excess, "supersaturation excess")
    f = positive(correlation_factor, "correlation factor")
    n = positive(creep_stress_exponent, "creep stress exponent")
    Q = non_negative(creep_activation_energy_J_per_mol, "creep activation energy")
    j_ref = non_negative(creep_reference_current_density_A_per_m2, "creep reference current density")
    p_ref = positive(creep_reference_pressure_Pa, "creep reference pressure")
    T_ref = temperature(creep_reference_temperature_K, "creep reference temperature")
    warnings: list[str] = []
    D, source = _self_diffusivity(T, f, self_diffusivity_m2_per_s, vacancy_diffusivity_m2_per_s,
                                  vacancy_site_fraction, diffusion_activation_energy_eV, self_diffusivity_298K_m2_per_s)
    c_li = 1.0 / LI_MOLAR_VOLUME_M3_PER_MOL
    j_diff = FARADAY_C_PER_MOL * S1 * D * c_li / (f * L)
    j_creep = (j_ref * (p / p_ref) ** n
               * math.exp(-Q / GAS_CONSTANT_J_PER_MOL_K * (1.0 / T - 1.0 / T_ref))) if p > 0 else 0.0
    j_lim = j_diff + j_creep
    warnings += _void_warnings(T, p)
    voids = None if j is None else j > j_lim
    ratio = None if j is None else j / j_lim
    inputs = {"temperature_K": T, "pressure_Pa": p, "current_density_A_per_m2": j,
              "self_diffusivity_source": source, "self_diffusivity_m2_per_s": D,
              "diffusion_activation_energy_eV": diffusion_activation_energy_eV,
              "diffusion_length_m": L, "supersaturation_excess": S1, "correlation_factor": f,
              "li_molar_volume_m3_per_mol": LI_MOLAR_VOLUME_M3_PER_MOL,
              "creep_stress_exponent": n, "creep_activation_energy_J_per_mol": Q,
              "creep_reference_current_density_A_per_m2": j_ref, "creep_reference_pressure_Pa": p_ref,
              "creep_reference_temperature_K": T_ref}
    return VoidResult(
        model="stripping_void_limit", equation=_EQ, citation=_CITE, inputs=inputs, warnings=warnings,
        current_density_mA_per_cm2=None if j is None else j / 10.0,
        limiting_current_density_mA_per_cm2=j_lim / 10.0, diffusion_limit_mA_per_cm2=j_diff / 10.0,
        creep_limit_mA_per_cm2=j_creep / 10.0, limiting_current_density_A_per_m2=j_lim,
        self_diffusivity_m2_per_s=D, voids_form=voids, ratio_to_limit=ratio,
        dominant_supply="vacancy diffusion" if j_diff >= j_creep else "creep",
        temperature_K=T, pressure_Pa=p)
