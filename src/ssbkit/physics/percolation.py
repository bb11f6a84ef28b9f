"""Composite cathode: percolation of electrons (active material) and ions (electrolyte).

Wang et al., Adv. Energy Mater. 2020 section 3.1 (Bielefeld, Weber, Janek, ref. [116]): in a composite cathode the
active material (AM) carries the electrons and the solid electrolyte (SE) the ions; a
percolation study of the microstructure gives an optimum of 69-79 vol% AM.

Effective medium: generalized effective-medium (GEM) equation of McLachlan
(J. Am. Ceram. Soc. 73, 2187 (1990)) for a conducting phase of volume fraction ``phi``
(conductivity ``sigma_h``) in a poorly conducting one (``sigma_l``), with percolation
threshold ``phi_c`` and exponent ``t``:

    (1-phi)(sigma_l^(1/t) - sigma_m^(1/t)) / (sigma_l^(1/t) + A sigma_m^(1/t))
      + phi (sigma_h^(1/t) - sigma_m^(1/t)) / (sigma_h^(1/t) + A sigma_m^(1/t)) = 0,
    A = (1 - phi_c) / phi_c.

For an insulating second phase (sigma_l = 0) it reduces to the percolation law
``sigma_m = sigma_h ((phi - phi_c) / (1 - phi_c))^t`` above ``phi_c`` and 0 below.

Composite cathode of AM volume fraction ``x`` (of the solid) and porosity ``P``:
``phi_AM = x (1-P)``, ``phi_SE = (1-x)(1-P)``;
electronic: ``s_e(x) = sigma_e,eff / sigma_e,AM`` with threshold ``phi_c,AM``;
ionic: ``s_i(x) = sigma_i,eff / sigma_i,SE`` with threshold ``phi_c,SE``.

Optimum: the composition that maximises the product ``s_e * s_i`` (both carriers must
flow for the electrode reaction; the product, like the ambipolar conductance, vanishes
when either path is cut).  For sigma_l = 0, equal exponents and P = 0 it lies midway
between the two percolation thresholds: ``x* = (1 + phi_c,AM - phi_c,SE) / 2``.

Default parameters and why: ``t = 2.0`` (universal 3D conductivity exponent);
``phi_c,SE = 0.10`` and ``phi_c,AM = 0.55``: the SE particles in composite cathodes are
small and fill the space between the much larger AM particles, so the SE percolates at a
low volume fraction, while the coarse AM particles need a high fraction to form a
connected electronic network with sufficient contact (ref. [116]: small AM particles
percolate more easily).  These defaults are a calibration within physically plausible
bounds, not a prediction: they put the optimum at x* = 72.5 vol% AM, inside the review's
69-79 vol%, and the band where ``s_e s_i >= 80 %`` of its maximum at 67-78 vol%.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..bibliography import WANG, cite
from ..errors import UnitError
from ..parameters import default
from ._base import PhysicsResult, fraction, non_negative, positive

__all__ = [
    "DEFAULT_EXPONENT",
    "DEFAULT_THRESHOLD_AM",
    "DEFAULT_THRESHOLD_SE",
    "CompositeResult",
    "PercolationOptimum",
    "composite_cathode",
    "composite_cathode_optimum",
    "gem_conductivity",
]

DEFAULT_THRESHOLD_AM = default("percolation.threshold_am", "dimensionless")
DEFAULT_THRESHOLD_SE = default("percolation.threshold_se", "dimensionless")
DEFAULT_EXPONENT = default("percolation.exponent", "dimensionless")

_CITE = (cite(WANG, "[116]", "§3.1") + "; GEM equation: McLachlan, "
         "J. Am. Ceram. Soc. 73, 2187 (1990)")
_EQ = ("GEM: (1-phi)(sl^(1/t)-sm^(1/t))/(sl^(1/t)+A sm^(1/t)) + phi(sh^(1/t)-sm^(1/t))/(sh^(1/t)+A sm^(1/t)) = 0, "
       "A=(1-phi_c)/phi_c; sigma_l=0: sm = sh ((phi-phi_c)/(1-phi_c))^t; optimum maximises s_e*s_i")


def gem_conductivity(phi: float, sigma_high: float, sigma_low: float = 0.0, threshold: float = 0.25,
                     exponent: float = DEFAULT_EXPONENT) -> float:
    """Effective conductivity of a two-phase medium from McLachlan's GEM equation (same unit as inputs).

    Args:
        phi: volume fraction of the well-conducting phase, 0-1.
        sigma_high: conductivity of that phase (> 0).
        sigma_low: conductivity of the other phase (>= 0, < sigma_high).
        threshold: percolation threshold phi_c, 0 < phi_c < 1.
        exponent: t > 0.

    Raises:
        UnitError: values out of range.
    """
    phi = fraction(phi, "volume fraction")
    sh = positive(sigma_high, "conductivity of the conducting phase")
    sl = non_negative(sigma_low, "conductivity of the other phase")
    pc = fraction(threshold, "percolation threshold", open_low=True, open_high=True)
    t = positive(exponent, "percolation exponent")
    if sl >= sh:
        raise UnitError("the conducting phase must conduct better than the other phase")
    if sl == 0.0:
        return sh * ((phi - pc) / (1.0 - pc)) ** t if phi > pc else 0.0
    if phi >= 1.0:
        return sh
    if phi <= 0.0:
        return sl
    A = (1.0 - pc) / pc
    hl, hh = sl ** (1.0 / t), sh ** (1.0 / t)

    def g(s: float) -> float:
        return (1 - phi) * (hl - s) / (hl + A * s) + phi * (hh - s) / (hh + A * s)

    lo, hi = hl, hh  # g(lo) >= 0 >= g(hi); g decreasing in s
    for _ in range(200):
        mid = math.sqrt(lo * hi)
        if g(mid) > 0:
            lo = mid
        else:
            hi = mid
        if hi / lo - 1 < 1e-13:
            break
    return (0.5 * (lo + hi)) ** t


def _fractions(x: float, porosity: float) -> tuple[float, float]:
    return x * (1.0 - porosity), (1.0 - x) * (1.0 - porosity)


@dataclass(frozen=True, kw_only=True)
class CompositeResult(PhysicsResult):
    """Effective conductivities of a composite cathode at one composition."""

    active_material_vol_percent: float
    electronic_normalised: float
    ionic_normalised: float
    product_normalised: float
    electronic_conductivity_S_per_m: float
    ionic_conductivity_S_per_m: float


def _params(threshold_am: float, threshold_se: float, exponent: float, porosity: float,
            sigma_e_am: float, sigma_i_se: float, sigma_e_se: float, sigma_i_am: float) -> dict[str, float]:
    return {
        "threshold_am": fraction(threshold_am, "AM percolation threshold", open_low=True, open_high=True),
        "threshold_se": fraction(threshold_se, "SE percolation threshold", open_low=True, open_high=True),
        "exponent": positive(exponent, "percolation exponent"),
        "porosity": fraction(porosity, "porosity", open_high=True),
        "sigma_e_am": positive(sigma_e_am, "electronic conductivity of the active material"),
        "sigma_i_se": positive(sigma_i_se, "ionic conductivity of the electrolyte"),
        "sigma_e_se": non_negative(sigma_e_se, "electronic conductivity of the electrolyte"),
        "sigma_i_am": non_negative(sigma_i_am, "ionic conductivity of the active material"),
    }


def _eval(x: float, p: dict[str, float]) -> tuple[float, float]:
    f_am, f_se = _fractions(x, p["porosity"])
    se = gem_conductivity(f_am, p["sigma_e_am"], p["sigma_e_se"], p["threshold_am"], p["exponent"])
    si = gem_conductivity(f_se, p["sigma_i_se"], p["sigma_i_am"], p["threshold_se"], p["exponent"])
    return se, si


def _inputs(p: dict[str, float]) -> dict[str, float]:
    return {"threshold_active_material": p["threshold_am"], "threshold_electrolyte": p["threshold_se"],
            "exponent": p["exponent"], "porosity": p["porosity"],
            "electronic_conductivity_active_material_S_per_m": p["sigma_e_am"],
            "ionic_conductivity_electrolyte_S_per_m": p["sigma_i_se"],
            "electronic_conductivity_electrolyte_S_per_m": p["sigma_e_se"],
            "ionic_conductivity_active_material_S_per_m": p["sigma_i_am"]}


def composite_cathode(active_fraction: float, *, threshold_am: float = DEFAULT_THRESHOLD_AM,
                      threshold_se: float = DEFAULT_THRESHOLD_SE, exponent: float = DEFAULT_EXPONENT,
                      porosity: float = 0.0, electronic_conductivity_am_S_per_m: float = 1.0,
                      ionic_conductivity_se_S_per_m: float = 1.0, electronic_conductivity_se_S_per_m: float = 0.0,
                      ionic_conductivity_am_S_per_m: float = 0.0) -> CompositeResult:
    """Effective electronic and ionic conductivity of a composite cathode (GEM, see module docstring).

    Citation: Wang et al., Adv. Energy Mater. 2020 section 3.1, ref. [116].

    Args:
        active_fraction: AM volume fraction of the solid, 0-1.
        threshold_am, threshold_se: percolation thresholds of AM and SE (volume fraction of the electrode).
        exponent: percolation exponent t.
        porosity: pore volume fraction.
        electronic_conductivity_am_S_per_m, ionic_conductivity_se_S_per_m: intrinsic conductivities of the
            carrying phases (default 1 S/m, i.e. normalised).
        electronic_conductivity_se_S_per_m, ionic_conductivity_am_S_per_m: the other phase (default 0).
    """
    x = fraction(active_fraction, "active-material fraction")
    p = _params(threshold_am, threshold_se, exponent, porosity, electronic_conductivity_am_S_per_m,
                ionic_conductivity_se_S_per_m, electronic_conductivity_se_S_per_m, ionic_conductivity_am_S_per_m)
    se, si = _eval(x, p)
    ne, ni = se / p["sigma_e_am"], si / p["sigma_i_se"]
    warnings = []
    if ne == 0:
        warnings.append("active material does not percolate: no electronic path")
    if ni == 0:
        warnings.append("electrolyte does not percolate: no ionic path")
    return CompositeResult(model="composite_cathode_gem", equation=_EQ, citation=_CITE,
                           inputs={"active_fraction": x, **_inputs(p)}, warnings=warnings,
                           active_material_vol_percent=100 * x, electronic_normalised=ne, ionic_normalised=ni,
                           product_normalised=ne * ni, electronic_conductivity_S_per_m=se,
                           ionic_conductivity_S_per_m=si)


@dataclass(frozen=True, kw_only=True)
class PercolationOptimum(PhysicsResult):
    """Optimum composition of a composite cathode."""

    optimum_active_material_vol_percent: float
    near_optimal_range_vol_percent: list[float]
    near_optimal_level: float
    percolating_window_vol_percent: list[float]
    electronic_normalised_at_optimum: float
    ionic_normalised_at_optimum: float
    electronic_conductivity_at_optimum_S_per_m: float
    ionic_conductivity_at_optimum_S_per_m: float
    reported_range_vol_percent: list[float]
    inside_reported_range: bool
    curve: list[dict[str, float]]


def composite_cathode_optimum(*, threshold_am: float = DEFAULT_THRESHOLD_AM,
                              threshold_se: float = DEFAULT_THRESHOLD_SE, exponent: float = DEFAULT_EXPONENT,
                              porosity: float = 0.0, electronic_conductivity_am_S_per_m: float = 1.0,
                              ionic_conductivity_se_S_per_m: float = 1.0,
                              electronic_conductivity_se_S_per_m: float = 0.0,
                              ionic_conductivity_am_S_per_m: float = 0.0,
                              near_optimal_level: float = 0.8) -> PercolationOptimum:
    """AM fraction maximising ``s_e * s_i`` (normalised electronic x ionic effective conductivity).

    Equation: GEM / percolation law (module docstring); optimum ``argmax_x s_e(x) s_i(x)``
    (closed form ``(1 + phi_c,AM - phi_c,SE)/2`` for insulating partners, equal t, no porosity).
    Citation: Wang et al., Adv. Energy Mater. 2020 section 3.1, ref. [116] (69-79 vol% AM).

    Raises:
        UnitError: parameters out of range, or no composition where both phases percolate.
    """
    p = _params(threshold_am, threshold_se, exponent, porosity, electronic_conductivity_am_S_per_m,
                ionic_conductivity_se_S_per_m, electronic_conductivity_se_S_per_m, ionic_conductivity_am_S_per_m)
    level = fraction(near_optimal_level, "near-optimal level", open_low=True, open_high=True)
    solid = 1.0 - p["porosity"]
    lo_w, hi_w = p["threshold_am"] / solid, 1.0 - p["threshold_se"] / solid
    both_insulating = p["sigma_e_se"] == 0 and p["sigma_i_am"] == 0
    if both_insulating and lo_w >= hi_w:
        raise UnitError(f"no composition lets both phases percolate (thresholds {p['threshold_am']:g} + "
                        f"{p['threshold_se']:g} >= solid fraction {solid:g})")

    def prod(x: float) -> float:
        se, si = _eval(x, p)
        return (se / p["sigma_e_am"]) * (si / p["sigma_i_se"])

    n = 2000
    xs = [i / n for i in range(n + 1)]
    vals = [prod(x) for x in xs]
    k = max(range(len(xs)), key=vals.__getitem__)
    a, b = xs[max(k - 1, 0)], xs[min(k + 1, n)]
    gr = (math.sqrt(5) - 1) / 2
    for _ in range(80):  # golden-section refinement
        c, d = b - gr * (b - a), a + gr * (b - a)
        if prod(c) >= prod(d):
            b = d
        else:
            a = c
    x_opt = 0.5 * (a + b)
    best = prod(x_opt)
    band = [x for x, v in zip(xs, vals) if v >= level * best]
    se, si = _eval(x_opt, p)
    curve = []
    for i in range(0, 101, 5):
        x = i / 100
        e, s = _eval(x, p)
        curve.append({"active_material_vol_percent": float(i), "electronic_normalised": e / p["sigma_e_am"],
                      "ionic_normalised": s / p["sigma_i_se"],
                      "product_normalised": (e / p["sigma_e_am"]) * (s / p["sigma_i_se"])})
    reported = [69.0, 79.0]
    inside = reported[0] <= 100 * x_opt <= reported[1]
    warnings = []
    if not inside:
        warnings.append(f"optimum {100 * x_opt:.1f} vol% lies outside the 69-79 vol% reported by "
                        + cite(WANG, "[116]", "§3.1"))
    return PercolationOptimum(
        model="composite_cathode_percolation_optimum", equation=_EQ, citation=_CITE,
        inputs={**_inputs(p), "near_optimal_level": level}, warnings=warnings,
        optimum_active_material_vol_percent=100 * x_opt,
        near_optimal_range_vol_percent=[100 * min(band), 100 * max(band)], near_optimal_level=level,
        percolating_window_vol_percent=[100 * max(lo_w, 0.0), 100 * min(hi_w, 1.0)],
        electronic_normalised_at_optimum=se / p["sigma_e_am"], ionic_normalised_at_optimum=si / p["sigma_i_se"],
        electronic_conductivity_at_optimum_S_per_m=se, ionic_conductivity_at_optimum_S_per_m=si,
        reported_range_vol_percent=reported, inside_reported_range=inside, curve=curve)
