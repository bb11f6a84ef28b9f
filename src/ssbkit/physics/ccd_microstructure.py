"""Critical current density (CCD) of a Li | electrolyte interface from the electrolyte's microstructure.

Wang et al., Adv. Energy Mater. 2020 §2.5: Li penetrates along flaws, pores and grain boundaries and plates
where the electrolyte leaks electrons; "intimate Li/SE interface, well-sintered SEs with less connected pores,
high ionic conductivity, and low electronic conductivity should be helpful".  Three first-order limits, each a
current density; the CCD is the lowest and the result names it:

1. **Root growth from a surface flaw** (Eqs. (4)-(5), ref. [86]; Porz et al., ref. [93]): Li plating into a
   flaw of depth ``c`` and aspect ratio ``h/w`` focuses the current ``j_int = j h / w`` and pressurises the Li
   there; it grows once ``|e| k_int j h / w >= sigma_F Omega_Li``, with the flaw's Griffith strength
   ``sigma_F = K_Ic / (1.12 sqrt(pi c))`` (the review's §2.5.1: after initiation toughness, not strength,
   opposes it):  ``j_root = K_Ic Omega_Li / (1.12 sqrt(pi c) |e| k_int (h/w)) (1 - p)``.
   Pores open to the surface deepen the flaw: isolated pores of size ``d_p`` join into clusters of depth
   ``xi = d_p (1 - p / p_c)^-0.88`` (3D percolation) and run through the whole layer once the porosity reaches
   ``p_c``, where sintering leaves the pores connected (final-stage sintering closes them near 92 % density:
   R. L. Coble, J. Appl. Phys. 1961, 32, 787); ``c = max(c_flaw, xi)``; the dense share ``1 - p`` of the
   surface carries the current.
2. **Nucleation at a grain boundary** (Eq. (3), ref. [86], Raj and Wolfenstine): the potential drop across one
   grain ``j rho d`` reaches ``2 gamma Omega / r_c + sigma_F Omega``:
   ``j_gb = (2 gamma Omega / r_c + sigma_F Omega) / (rho d |e|)``; ``rho`` the resistivity with grain
   boundaries (series brick layer) and pores (Bruggeman, ``(1 - p)^-1.5``), ``d`` the grain size.
3. **Plating inside the electrolyte** (sporadic bulk plating, Han et al., ref. [88]): a share
   ``t_e = sigma_e / (sigma_e + sigma_i)`` of the current crosses as electrons and plates Li inside; the cell
   shorts once that Li lines the grain boundaries across the layer, ``Q = (3 delta / d) L F / V_m`` per area,
   within the test's time ``t``: ``j_e = Q / (t_e t)``.

Inputs carry units; defaults are cited parameters (``ccd.*`` in the parameter table).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..bibliography import WANG, cite
from ..errors import UnitError
from ..parameters import default, from_si
from ._base import (
    ELEMENTARY_CHARGE_C,
    FARADAY_C_PER_MOL,
    LI_ATOMIC_VOLUME_M3,
    LI_MOLAR_VOLUME_M3_PER_MOL,
    PhysicsResult,
    fraction,
    or_default,
    positive,
)

__all__ = ["MicrostructureCcd", "PORE_CORRELATION_EXPONENT", "ccd_microstructure"]

#: correlation-length exponent of 3D percolation (D. Stauffer and A. Aharony, Introduction to Percolation
#: Theory, 1994)
PORE_CORRELATION_EXPONENT = 0.88
#: Griffith's edge-flaw factor
EDGE = 1.12


@dataclass(frozen=True, kw_only=True)
class MicrostructureCcd(PhysicsResult):
    """The CCD and the three limits it is the lowest of (mA/cm2)."""

    ccd_mA_per_cm2: float
    limited_by: str
    root_growth_mA_per_cm2: float
    grain_boundary_mA_per_cm2: float
    #: None when the electrolyte conducts no electrons (no limit)
    bulk_plating_mA_per_cm2: float | None
    effective_flaw_depth_um: float
    pores_connected: bool
    electronic_transference: float


def ccd_microstructure(*, ionic_conductivity_S_per_m: float, interface_asr_ohm_m2: float,
                       porosity: float | None = None, grain_size_m: float | None = None,
                       flaw_depth_m: float | None = None, electronic_conductivity_S_per_m: float | None = None,
                       fracture_toughness_Pa_m05: float | None = None, pore_size_m: float | None = None,
                       grain_boundary_conductivity_ratio: float | None = None,
                       thickness_m: float | None = None, test_time_s: float | None = None) -> MicrostructureCcd:
    """The CCD of a Li | electrolyte interface from microstructure, conductivities and the interface's ASR.

    Equations: see the module doc (root growth from a flaw, Eqs. (4)-(5); grain-boundary nucleation, Eq. (3);
    bulk plating through electronic leakage).  Citation: Wang et al., Adv. Energy Mater. 2020 §2.5, refs. [86],
    [88], [93], [107]-[110].

    Args:
        ionic_conductivity_S_per_m: bulk Li-ion conductivity of the electrolyte, S/m (> 0).
        interface_asr_ohm_m2: the Li | electrolyte interfacial ASR k_int, ohm m2 (> 0; an interlayer that
            wets lowers it).
        porosity: volume fraction of pores, 0 <= p < 1 (default ``ccd.porosity``).
        grain_size_m: grain size d (default ``grain_size``).
        flaw_depth_m: depth of the deepest surface flaw c (default ``ccd.flaw_depth``).
        electronic_conductivity_S_per_m: sigma_e (default ``ccd.electronic_conductivity``).
        fracture_toughness_Pa_m05: K_Ic (default ``ccd.fracture_toughness``).
        pore_size_m: d_p (default ``ccd.pore_size``); grain_boundary_conductivity_ratio: sigma_gb / sigma_bulk
            (default ``grain_boundary_conductivity_ratio``); thickness_m: L (``thickness.electrolyte``);
        test_time_s: how long the test plates (``ccd.test_time``).

    Raises:
        UnitError: a conductivity, ASR, size or toughness <= 0 (sigma_e may be 0); porosity outside [0, 1).
    """
    si = positive(ionic_conductivity_S_per_m, "ionic conductivity")
    k = positive(interface_asr_ohm_m2, "interfacial ASR")
    if k > 100.0:
        raise UnitError(f"interfacial ASR {k * 1e4:g} ohm cm2 is beyond any working interface: give at most 1e6 "
                        "ohm cm2")
    p = fraction(or_default(porosity, "ccd.porosity", "dimensionless"), "porosity", open_high=True)
    d = positive(or_default(grain_size_m, "grain_size", "m"), "grain size")
    c0 = positive(or_default(flaw_depth_m, "ccd.flaw_depth", "m"), "flaw depth")
    se = or_default(electronic_conductivity_S_per_m, "ccd.electronic_conductivity", "S/m")
    if not (math.isfinite(se) and se >= 0):
        raise UnitError(f"electronic conductivity must be >= 0, got {se!r}")
    kic = positive(or_default(fracture_toughness_Pa_m05, "ccd.fracture_toughness", "Pa*m**0.5"), "fracture toughness")
    dp = positive(or_default(pore_size_m, "ccd.pore_size", "m"), "pore size")
    ratio = positive(or_default(grain_boundary_conductivity_ratio, "grain_boundary_conductivity_ratio", "dimensionless"),
                     "grain-boundary conductivity ratio")
    L = positive(or_default(thickness_m, "thickness.electrolyte", "m"), "electrolyte thickness")
    t = positive(or_default(test_time_s, "ccd.test_time", "s"), "test time")
    aspect = default("ccd.flaw_aspect_ratio", "dimensionless")
    pc = default("ccd.pore_percolation", "dimensionless")
    delta = default("grain_boundary_thickness", "m")
    omega, e = LI_ATOMIC_VOLUME_M3, ELEMENTARY_CHARGE_C

    connected = p >= pc
    xi = L if connected else (dp * (1.0 - p / pc) ** -PORE_CORRELATION_EXPONENT if p > 0 else 0.0)
    c = min(max(c0, xi), L)
    sigma_f = kic / (EDGE * math.sqrt(math.pi * c))
    j_root = sigma_f * omega / (e * k * aspect) * (1.0 - p)

    j_gb = _grain_boundary_limit(si, ratio, delta, d, p)
    te = se / (se + si)
    q = (3.0 * delta / d) * L * FARADAY_C_PER_MOL / LI_MOLAR_VOLUME_M3_PER_MOL
    j_e = math.inf if te == 0 else q / (te * t)
    limits = {"root growth from a surface flaw": j_root, "nucleation at a grain boundary": j_gb,
              "plating inside the electrolyte (electronic leakage)": j_e}
    which = min(limits, key=limits.__getitem__)
    warnings = ["pores connected through the layer (porosity at or above the percolation share): Li runs "
                "through them"] if connected else []
    return MicrostructureCcd(
        model="ccd_microstructure",
        equation="CCD = min(j_root, j_gb, j_e); j_root = K_Ic Omega (1-p) / (1.12 sqrt(pi c) e k_int h/w); "
                 "j_gb = (2 gamma Omega/r_c + sigma_F Omega) / (rho d e); j_e = (3 delta/d) L F / (V_m t_e t)",
        citation=cite(WANG, "[86],[88],[93],[107]-[110]", "§2.5"),
        inputs={"ionic_conductivity_S_per_m": si, "interface_asr_ohm_m2": k, "porosity": p, "grain_size_m": d,
                "flaw_depth_m": c0, "electronic_conductivity_S_per_m": se, "fracture_toughness_Pa_m05": kic,
                "pore_size_m": dp, "grain_boundary_conductivity_ratio": ratio, "thickness_m": L, "test_time_s": t,
                "flaw_aspect_ratio": aspect, "pore_percolation": pc},
        warnings=warnings, ccd_mA_per_cm2=from_si(limits[which], "mA/cm2"), limited_by=which,
        root_growth_mA_per_cm2=from_si(j_root, "mA/cm2"), grain_boundary_mA_per_cm2=from_si(j_gb, "mA/cm2"),
        bulk_plating_mA_per_cm2=from_si(j_e, "mA/cm2") if math.isfinite(j_e) else None,
        effective_flaw_depth_um=from_si(c, "um"), pores_connected=connected, electronic_transference=te)


def _grain_boundary_limit(sigma: float, ratio: float, delta: float, d: float, p: float) -> float:
    """Raj and Wolfenstine (Eq. 3): the current density (A/m2) whose drop across one grain ``j rho d`` pays for
    a Li embryo, ``rho`` with grain boundaries (series brick layer) and pores (Bruggeman)."""
    from .dendrites import EMBRYO_RADIUS_M, FRACTURE_STRESS_PA, INTERFACE_ENERGY_J_PER_M2

    omega = LI_ATOMIC_VOLUME_M3
    rho = (1.0 / sigma + (delta / d) / (sigma * ratio)) * (1.0 - p) ** -1.5
    return (2.0 * INTERFACE_ENERGY_J_PER_M2 * omega / EMBRYO_RADIUS_M + FRACTURE_STRESS_PA * omega) / \
        (rho * d * ELEMENTARY_CHARGE_C)
