"""Ion transport: Arrhenius temperature dependence and the brick-layer model.

Arrhenius (Zheng et al., Batteries & Supercaps 2021 section 2, Table 1, "activation energy
(<= 0.5 eV)"; Wang et al., Adv. Energy Mater. 2020 section 2.5.2, ref. [59] for the temperature dependence of the CCD):

* plain form     ``sigma(T) = A exp(-Ea / (k_B T))``; extrapolated from a reference value
  ``sigma(T) = sigma_ref exp(-Ea/k_B (1/T - 1/T_ref))``
* sigma*T form   ``sigma(T) T = A exp(-Ea / (k_B T))`` (hopping conduction, Nernst-Einstein);
  ``sigma(T) = sigma_ref (T_ref / T) exp(-Ea/k_B (1/T - 1/T_ref))``

Fits are least squares of ``ln(y)`` (or ``ln(y T)``) against ``1/T``; two points give the
line through both.

Brick-layer model (Zheng et al., Batteries & Supercaps 2021 section 3.2.1: grain-boundary resistance of LLZO; Li diffusion
in LLZO grain boundaries 1/2-1/3 of the bulk, ref. [90]): cubic grains of size ``d``
separated by boundaries of thickness ``delta << d``; when conduction along the boundaries
is negligible (sigma_gb << sigma_bulk) the grain and boundary resistances add in series:

    1 / sigma_total = 1 / sigma_bulk + (delta_gb / d_grain) / sigma_gb
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..bibliography import ZHENG, cite
from ..constants import arrhenius, arrhenius_prefactor_form
from ..errors import UnitError
from ..parameters import from_si
from ._base import (
    BOLTZMANN_EV_PER_K,
    ROOM_TEMPERATURE_K,
    ZERO_CELSIUS_K,
    PhysicsResult,
    finite,
    positive,
    temperature,
)

__all__ = [
    "ArrheniusFit",
    "ArrheniusResult",
    "BrickLayerResult",
    "arrhenius_conductivity",
    "brick_layer_conductivity",
    "fit_arrhenius",
]

_FORMS = ("plain", "sigma_T")


def _check_form(form: str) -> str:
    if form not in _FORMS:
        raise UnitError(f"unknown Arrhenius form {form!r}: use 'plain' (A exp(-Ea/kT)) or 'sigma_T' (A/T exp(-Ea/kT))")
    return form


@dataclass(frozen=True, kw_only=True)
class ArrheniusFit(PhysicsResult):
    """Least-squares Arrhenius fit ``ln(y [T]) = ln(A) - Ea / (k_B T)``."""

    activation_energy_eV: float
    activation_energy_kJ_per_mol: float
    prefactor: float
    form: str
    n_points: int
    rms_residual_ln: float
    temperatures_K: list[float]
    values: list[float]
    fitted_values: list[float]

    def predict(self, temperature_K: float) -> float:
        """Value of the fitted law at ``temperature_K`` (same unit as the fitted values)."""
        T = temperature(temperature_K)
        y = arrhenius_prefactor_form(self.prefactor, self.activation_energy_eV, T)
        return y / T if self.form == "sigma_T" else y


def fit_arrhenius(temperatures_K: Sequence[float], values: Sequence[float], form: str = "plain", *,
                  model: str = "arrhenius_fit", citation: str | None = None,
                  value_name: str = "value") -> ArrheniusFit:
    """Fit ``y = A exp(-Ea/kT)`` (or ``y T = A exp(-Ea/kT)``) through two or more (T, y) points.

    Least squares of ``ln(y)`` against ``1/T``; with two points the line passes through both.
    Citation: Wang et al., Adv. Energy Mater. 2020 section 2.5.2, ref. [59] (CCD vs temperature);
    Zheng et al., Batteries & Supercaps 2021 section 2 (activation energies of SSEs).

    Raises:
        UnitError: fewer than two points, a temperature <= 0 K, a non-positive value, or all
            points at the same temperature.
    """
    _check_form(form)
    Ts = [temperature(t) for t in temperatures_K]
    ys = [positive(v, value_name) for v in values]
    if len(Ts) != len(ys):
        raise UnitError("temperatures and values must have the same length")
    if len(Ts) < 2:
        raise UnitError(f"an Arrhenius fit needs at least two (temperature, {value_name}) points, got {len(Ts)}")
    xs = [1.0 / t for t in Ts]
    ls = [math.log(y * t) if form == "sigma_T" else math.log(y) for y, t in zip(ys, Ts)]
    n = len(xs)
    mx, ml = sum(xs) / n, sum(ls) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    if sxx <= 0 or max(Ts) - min(Ts) < 1e-9:
        raise UnitError("an Arrhenius fit needs points at two or more different temperatures")
    slope = sum((x - mx) * (l - ml) for x, l in zip(xs, ls)) / sxx
    intercept = ml - slope * mx
    Ea = -slope * BOLTZMANN_EV_PER_K
    A = math.exp(intercept)
    resid = [l - (intercept + slope * x) for x, l in zip(xs, ls)]
    rms = math.sqrt(sum(r * r for r in resid) / n)
    fitted = [math.exp(intercept + slope * x) / (t if form == "sigma_T" else 1.0) for x, t in zip(xs, Ts)]
    warnings: list[str] = []
    if Ea < 0:
        warnings.append(f"{value_name} decreases with temperature: negative apparent activation energy")
    eq = ("ln(y) = ln(A) - Ea/(k_B T)" if form == "plain" else "ln(y T) = ln(A) - Ea/(k_B T)") + \
        " (least squares in 1/T)"
    return ArrheniusFit(
        model=model, equation=eq,
        citation=citation or cite(ZHENG, None, "§2 (activation energies of SSEs)"),
        inputs={"temperatures_K": Ts, "values": ys, "form": form}, warnings=warnings,
        activation_energy_eV=Ea, activation_energy_kJ_per_mol=Ea * 96.48533212, prefactor=A, form=form,
        n_points=n, rms_residual_ln=rms, temperatures_K=Ts, values=ys, fitted_values=fitted)


@dataclass(frozen=True, kw_only=True)
class ArrheniusResult(PhysicsResult):
    """Conductivity extrapolated with an Arrhenius law."""

    conductivity_S_per_m: float
    conductivity_S_per_cm: float
    temperature_K: float
    temperature_C: float
    ratio_to_reference: float


def arrhenius_conductivity(reference_conductivity_S_per_m: float, activation_energy_eV: float,
                           temperature_K: float, reference_temperature_K: float = ROOM_TEMPERATURE_K,
                           form: str = "plain") -> ArrheniusResult:
    """Conductivity at ``temperature_K`` from a reference value and an activation energy.

    Equation (plain): ``sigma(T) = sigma_ref exp(-Ea/k_B (1/T - 1/T_ref))``;
    (sigma_T): ``sigma(T) = sigma_ref (T_ref/T) exp(-Ea/k_B (1/T - 1/T_ref))``.
    Citation: Zheng et al., Batteries & Supercaps 2021 section 2 and Table 1 (RT conductivities,
    activation energies <= 0.5 eV).

    Raises:
        UnitError: non-positive conductivity, negative activation energy, temperature <= 0 K.
    """
    s0 = positive(reference_conductivity_S_per_m, "conductivity")
    Ea = finite(activation_energy_eV, "activation energy")
    if Ea < 0:
        raise UnitError(f"activation energy must be non-negative, got {Ea:g} eV")
    T = temperature(temperature_K)
    T0 = temperature(reference_temperature_K, "reference temperature")
    _check_form(form)
    factor = arrhenius(1.0, Ea, T, T0)
    if form == "sigma_T":
        factor *= T0 / T
    warnings = []
    if Ea > 2.0:
        warnings.append(f"activation energy {Ea:g} eV is unusually large for ion conduction: check the unit")
    eq = ("sigma(T) = sigma_ref exp(-Ea/k_B (1/T - 1/T_ref))" if form == "plain"
          else "sigma(T) = sigma_ref (T_ref/T) exp(-Ea/k_B (1/T - 1/T_ref))")
    return ArrheniusResult(
        model="arrhenius_conductivity", equation=eq, citation=cite(ZHENG, None, "§2 and Table 1"),
        inputs={"reference_conductivity_S_per_m": s0, "activation_energy_eV": Ea, "temperature_K": T,
                "reference_temperature_K": T0, "form": form}, warnings=warnings,
        conductivity_S_per_m=s0 * factor, conductivity_S_per_cm=from_si(s0 * factor, "S/cm"), temperature_K=T,
        temperature_C=T - ZERO_CELSIUS_K, ratio_to_reference=factor)


@dataclass(frozen=True, kw_only=True)
class BrickLayerResult(PhysicsResult):
    """Total conductivity of a polycrystal in the series brick-layer model."""

    total_conductivity_S_per_m: float
    total_conductivity_S_per_cm: float
    grain_boundary_resistance_fraction: float
    bulk_conductivity_S_per_m: float
    grain_boundary_conductivity_S_per_m: float


def brick_layer_conductivity(bulk_conductivity_S_per_m: float, grain_boundary_conductivity_S_per_m: float,
                             grain_boundary_thickness_m: float, grain_size_m: float) -> BrickLayerResult:
    """Series brick-layer model: ``1/sigma_tot = 1/sigma_bulk + (delta_gb/d_grain)/sigma_gb``.

    Valid for ``delta_gb << d_grain`` and ``sigma_gb << sigma_bulk`` (conduction along the
    boundaries neglected).  Citation: Zheng et al., Batteries & Supercaps 2021 section 3.2.1
    (grain and grain-boundary resistance of LLZO, refs. [89],[90]).

    Raises:
        UnitError: any non-positive input.
    """
    sb = positive(bulk_conductivity_S_per_m, "bulk conductivity")
    sg = positive(grain_boundary_conductivity_S_per_m, "grain-boundary conductivity")
    delta = positive(grain_boundary_thickness_m, "grain-boundary thickness")
    d = positive(grain_size_m, "grain size")
    r_b = 1.0 / sb
    r_g = (delta / d) / sg
    tot = 1.0 / (r_b + r_g)
    warnings = []
    if delta >= 0.1 * d:
        warnings.append("grain-boundary thickness is not << grain size: the brick-layer series model is crude here")
    if sg > 0.1 * sb:
        warnings.append("grain-boundary conductivity is not << bulk: conduction along the boundaries "
                        "(neglected here) may matter")
    return BrickLayerResult(
        model="brick_layer_series", equation="1/sigma_tot = 1/sigma_bulk + (delta_gb/d_grain)/sigma_gb",
        citation=cite(ZHENG, "[89],[90]", "§3.2.1"),
        inputs={"bulk_conductivity_S_per_m": sb, "grain_boundary_conductivity_S_per_m": sg,
                "grain_boundary_thickness_m": delta, "grain_size_m": d}, warnings=warnings,
        total_conductivity_S_per_m=tot, total_conductivity_S_per_cm=from_si(tot, "S/cm"),
        grain_boundary_resistance_fraction=r_g / (r_b + r_g), bulk_conductivity_S_per_m=sb,
        grain_boundary_conductivity_S_per_m=sg)
