"""Cracking of the electrolyte around an expanding (or debonding at a shrinking) active particle in a dense,
confined composite electrode.

Wang et al., Adv. Energy Mater. 2020 §3.4 (ref. [139], Bucci et al., J. Mater. Chem. A 2017): as a particle
expands, most of the microstructure is in compression; only regions near the particles' corners are in
tension, and cracks start there.  A compliant electrolyte stretches and shears around the particle; one whose
stiffness is close to the particle's takes more compression and less tension, so crack nucleation is delayed
and the final crack is shorter in stiffer electrolytes.  The first-order model here has the same three
ingredients:

1. **Confined composite sphere** (Lamé; Hashin's composite-sphere cell with a rigid outer boundary, the
   dense electrode held by its neighbours): a particle of radius ``a`` with the free linear strain
   ``eps* = (1 + dV/V)^(1/3) - 1``, optional shells (a buffer coating), electrolyte out to
   ``b = a / f^(1/3)`` (``f`` the active volume fraction), ``u(b) = 0``.  In each shell ``u = A r + B / r^2``,
   so the electrolyte's stress at its inner surface splits into a uniform mean part ``3 K_m A`` (the
   confinement: compressive for an expanding particle) and a deviatoric part, hoop ``+2 mu_m B / r^3`` and
   radial ``-4 mu_m B / r^3``.
2. **Corner concentration**: a faceted particle's 90-degree corner bonded into the electrolyte is a
   bimaterial wedge whose stresses go as ``r^(-s)``; ``s`` is the smallest root of the Williams/Bogy
   eigen-problem (D. B. Bogy and K. C. Wang, Int. J. Solids Struct. 1971, 7, 993), 0 when the two moduli
   match and about 0.38 for a rigid particle.  The deviatoric part is concentrated, at distance ``L`` from
   the corner, by ``(r1 / max(L, rho))^s``; ``rho`` is the corner's rounding (a buffer coating's thickness).
   Tension at the corner: ``sigma(L) = sigma_mean + sigma_dev (r1 / max(L, rho))^s``.
3. **Griffith criterion** for an edge flaw of length ``L`` there: ``G(L) = 1.12^2 pi L sigma(L)^2 / E'``
   (``E' = E / (1 - nu^2)``); a crack nucleates from the flaw ``c`` when ``G(c) >= G_c`` and runs until
   ``G`` falls below ``G_c`` (its final length), capped at the particle radius.

Expansion loads the electrolyte in hoop tension (radial cracks); contraction pulls the electrolyte off the
particle (radial tension: debonding, with the interface's fracture energy).  An expanding particle is held by
its neighbours (``u(b) = 0``); a shrinking one is followed by them under the stack pressure
(``sigma_rr(b) = -p``), which presses the interface shut.  Linear elasticity: the stresses
scale with ``eps*``, so the volume change at which a crack nucleates is ``eps* sqrt(G_c / G(c))``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..bibliography import WANG, cite
from ..errors import UnitError
from ..parameters import from_si
from ._base import PhysicsResult, finite, fraction, or_default, positive

__all__ = ["CrackingResult", "corner_exponent", "cracking"]

#: Griffith's edge-flaw factor (a crack at a free-ish surface)
EDGE_FLAW_FACTOR = 1.12


def _wedge_parts(lam: float, theta: float, kappa: float) -> tuple[np.ndarray, ...]:
    """Angular parts of sigma_tt, sigma_rt, 2 mu u_r, 2 mu u_t for the Airy function
    ``r^(lam+1) [A cos((lam+1)t) + B sin((lam+1)t) + C cos((lam-1)t) + D sin((lam-1)t)]`` (plane strain,
    ``kappa = 3 - 4 nu``)."""
    p, m = lam + 1.0, lam - 1.0
    c1, s1, c2, s2 = math.cos(p * theta), math.sin(p * theta), math.cos(m * theta), math.sin(m * theta)
    f = np.array([c1, s1, c2, s2])
    df = np.array([-p * s1, p * c1, -m * s2, m * c2])
    k2 = np.array([p * p, p * p, m * m, m * m])
    s_tt = lam * (lam + 1.0) * f
    s_rt = -lam * df
    s_rr = (lam + 1.0 - k2) * f
    u_r = ((kappa + 1.0) * s_rr - (3.0 - kappa) * s_tt) / (4.0 * lam)
    coef = ((kappa + 1.0) * lam * (lam + 1.0) - (3.0 - kappa) * (lam + 1.0 - k2)) / 4.0 \
        - ((kappa + 1.0) * (lam + 1.0 - k2) - (3.0 - kappa) * lam * (lam + 1.0)) / (4.0 * lam)
    u_t = coef * np.array([s1 / p, -c1 / p, s2 / m, -c2 / m])
    return s_tt, s_rt, u_r, u_t


def _wedge_det(lam: float, angle: float, e1: float, nu1: float, e2: float, nu2: float) -> float:
    """Determinant of the bonded-wedge problem: material 1 in ``0 < theta < angle``, material 2 in the rest
    of the plane, tractions and displacements continuous across both interfaces."""
    mu1, mu2 = e1 / (2.0 * (1.0 + nu1)), e2 / (2.0 * (1.0 + nu2))
    m = np.zeros((8, 8))
    for k, (t1, t2) in enumerate(((angle, angle), (0.0, 2.0 * math.pi))):
        a, b = _wedge_parts(lam, t1, 3.0 - 4.0 * nu1), _wedge_parts(lam, t2, 3.0 - 4.0 * nu2)
        for q, (sa, sb) in enumerate(((1.0, 1.0), (1.0, 1.0), (1.0 / mu1, 1.0 / mu2), (1.0 / mu1, 1.0 / mu2))):
            m[4 * k + q, :4] = a[q] * sa
            m[4 * k + q, 4:] = -b[q] * sb
    return float(np.linalg.det(m))


@lru_cache(maxsize=256)
def _exponent(e1: float, nu1: float, e2: float, nu2: float, angle: float) -> float:
    from scipy.optimize import brentq

    grid = np.linspace(0.02, 0.999, 300)
    vals = [_wedge_det(x, angle, e1, nu1, e2, nu2) for x in grid]
    for i in range(len(grid) - 1):
        if vals[i] == 0.0 or vals[i] * vals[i + 1] < 0.0:
            lam = brentq(_wedge_det, grid[i], grid[i + 1], args=(angle, e1, nu1, e2, nu2), xtol=1e-10)
            return float(1.0 - lam)
    return 0.0


def corner_exponent(particle_young_modulus_Pa: float, particle_poisson_ratio: float,
                    matrix_young_modulus_Pa: float, matrix_poisson_ratio: float,
                    corner_angle_deg: float = 90.0) -> float:
    """Singularity strength ``s`` (stresses ~ ``r^-s``) at the corner of a particle bonded into a matrix.

    The smallest root ``lambda`` in (0, 1) of the bonded bimaterial wedge eigen-problem (Williams expansion,
    D. B. Bogy and K. C. Wang, Int. J. Solids Struct. 1971, 7, 993), plane strain; ``s = 1 - lambda``, 0 when
    there is no root (matched moduli: no concentration).
    """
    e1 = positive(particle_young_modulus_Pa, "particle Young's modulus")
    e2 = positive(matrix_young_modulus_Pa, "electrolyte Young's modulus")
    angle = finite(corner_angle_deg, "corner angle")
    if not 0.0 < angle < 360.0:
        raise UnitError(f"corner angle must lie in (0, 360) degrees, got {angle:g}")
    scale = max(e1, e2)
    return _exponent(round(e1 / scale, 9), _nu(particle_poisson_ratio), round(e2 / scale, 9),
                     _nu(matrix_poisson_ratio), math.radians(angle))


def _nu(value: float) -> float:
    nu = finite(value, "Poisson ratio")
    if not -1.0 < nu < 0.5:
        raise UnitError(f"Poisson ratio must lie in (-1, 0.5), got {nu:g}")
    return round(nu, 9)


def confined_shells(eps: float, radii: list[float], bulk: list[float], shear: list[float],
                    outer_radius: float, outer_pressure: float | None = None) -> tuple[float, float]:
    """(mean stress, deviatoric hoop stress) in Pa of the outermost shell at its inner radius.

    Phase 0 is the particle (free strain ``eps``, ``u = C r``); phase ``i`` fills ``radii[i-1] < r < radii[i]``
    (the last out to ``outer_radius``) with ``u = A_i r + B_i / r^2``; ``u`` and ``sigma_rr`` are continuous
    at every radius.  At ``outer_radius`` either ``u = 0`` (confined) or, given ``outer_pressure`` (Pa),
    ``sigma_rr = -outer_pressure`` (the cell follows the particle under that pressure).  Mean stress
    ``3 K A``, deviatoric hoop ``2 mu B / r^3`` (radial: -2x).
    """
    n = len(bulk)
    size = 1 + 2 * (n - 1)

    def u(i: int, r: float) -> np.ndarray:
        v = np.zeros(size)
        if i == 0:
            v[0] = r
        else:
            v[2 * i - 1], v[2 * i] = r, 1.0 / r ** 2
        return v

    def srr(i: int, r: float) -> np.ndarray:
        v = np.zeros(size)
        if i == 0:
            v[0] = 3.0 * bulk[0]
        else:
            v[2 * i - 1], v[2 * i] = 3.0 * bulk[i], -4.0 * shear[i] / r ** 3
        return v

    m, rhs = np.zeros((size, size)), np.zeros(size)
    for i, r in enumerate(radii):
        m[2 * i] = u(i, r) - u(i + 1, r)
        m[2 * i + 1] = srr(i, r) - srr(i + 1, r)
        rhs[2 * i + 1] = 3.0 * bulk[0] * eps if i == 0 else 0.0
    if outer_pressure is None:
        m[-1] = u(n - 1, outer_radius)
    else:
        m[-1], rhs[-1] = srr(n - 1, outer_radius), -outer_pressure
    sol = np.linalg.solve(m, rhs)
    a, b = sol[-2], sol[-1]
    return float(3.0 * bulk[-1] * a), float(2.0 * shear[-1] * b / radii[-1] ** 3)


@dataclass(frozen=True, kw_only=True)
class CrackingResult(PhysicsResult):
    """Crack nucleation and extension in the electrolyte around one active particle."""

    volume_change_percent: float
    linear_strain_percent: float
    mode: str
    corner_exponent: float
    mean_stress_MPa: float
    deviatoric_stress_MPa: float
    corner_tension_MPa: float
    energy_release_rate_J_per_m2: float
    fracture_energy_J_per_m2: float
    cracks: bool
    nucleation_volume_change_percent: float | None
    final_crack_length_um: float
    crack_length_cap_um: float
    #: the composite layer's own volume change (its active share times the particles' mean volume change) and the
    #: energy release rate for its delamination from the layer below, a film on a rigid body (upper bound)
    layer_volume_change_percent: float
    layer_delamination_J_per_m2: float

    @property
    def debonded_fraction(self) -> float:
        """Share of the particle's surface the crack runs along on contraction (final length / radius), 0
        on expansion (the crack runs into the electrolyte, not along the interface)."""
        return 0.0 if self.volume_change_percent > 0 else min(1.0, self.final_crack_length_um / self.crack_length_cap_um)


def cracking(volume_change_fraction: float, electrolyte_young_modulus_Pa: float | None = None,
             electrolyte_poisson_ratio: float | None = None, *, fracture_energy_J_per_m2: float | None = None,
             interface_fracture_energy_J_per_m2: float | None = None,
             particle_young_modulus_Pa: float | None = None, particle_poisson_ratio: float | None = None,
             particle_radius_m: float | None = None, flaw_size_m: float | None = None,
             volume_fraction: float | None = None, buffer_young_modulus_Pa: float | None = None,
             buffer_thickness_m: float = 0.0, stack_pressure_Pa: float = 0.0,
             partner_volume_change_fraction: float | None = None, partner_share: float = 0.0,
             layer_thickness_m: float | None = None) -> CrackingResult:
    """Does the electrolyte crack (or debond) around a particle whose volume changes by ``dV/V``?

    Equations: the module doc (confined composite sphere, bimaterial corner ``r^-s``, Griffith edge flaw).
    Citation: Wang et al., Adv. Energy Mater. 2020 §3.4, ref. [139] (Bucci et al., J. Mater. Chem. A 2017).

    Args:
        volume_change_fraction: dV/V of the active particle (> -1, not 0): + expands, - shrinks.
        electrolyte_*: E and nu of the electrolyte (default LLZO); particle_*: of the particle (a layered oxide).
        fracture_energy_J_per_m2, interface_fracture_energy_J_per_m2: G_c of the electrolyte (cracks on
            expansion) and of the interface (debonds on contraction); ``mechanics.*`` defaults.
        particle_radius_m, flaw_size_m, volume_fraction: a, c and the active fraction 0 < f < 1.
        buffer_young_modulus_Pa, buffer_thickness_m: a coating between particle and electrolyte (its thickness
            also rounds the corner).
        stack_pressure_Pa: a shrinking particle's neighbours follow it under this pressure (``sigma_rr(b) =
            -p``), which presses the interface shut.
        partner_volume_change_fraction, partner_share: a second active material blended in (its dV/V, its
            share x of the active volume): the layer changes by ``f ((1 - x) eps_1 + x eps_2)`` and delaminates
            with ``G = (1 - nu^2) sigma^2 h / (2 E_c)``, ``sigma = E_c eps_layer / (1 - nu)`` (Hutchinson and
            Suo, Adv. Appl. Mech. 1992, 29, 63; ``E_c`` the Voigt-Reuss-Hill mean); layer_thickness_m: h.

    Raises:
        UnitError: a modulus, radius, flaw or energy <= 0; f outside (0, 1); dV/V <= -1 or 0; a buffer
            without its modulus or one that leaves no electrolyte; a partner share without its volume change.
    """
    dv = finite(volume_change_fraction, "volume change")
    if dv <= -1.0 or dv == 0.0:
        raise UnitError(f"volume change must be above -100 % and not 0, got {dv * 100:g} %")
    e_m = positive(or_default(electrolyte_young_modulus_Pa, "mechanics.llzo_young_modulus", "Pa"), "electrolyte Young's modulus")
    nu_m = _nu(or_default(electrolyte_poisson_ratio, "mechanics.llzo_poisson_ratio", "dimensionless"))
    e_p = positive(or_default(particle_young_modulus_Pa, "mechanics.cathode_young_modulus", "Pa"), "particle Young's modulus")
    nu_p = _nu(or_default(particle_poisson_ratio, "mechanics.cathode_poisson_ratio", "dimensionless"))
    a, c, f, b, t = _geometry(particle_radius_m, flaw_size_m, volume_fraction, buffer_young_modulus_Pa,
                              buffer_thickness_m)
    expanding = dv > 0
    gc = positive(or_default(fracture_energy_J_per_m2 if expanding else interface_fracture_energy_J_per_m2,
                      "mechanics.fracture_energy" if expanding else "mechanics.interface_fracture_energy", "J/m2"),
                  "fracture energy")
    eps = (1.0 + dv) ** (1.0 / 3.0) - 1.0
    p = finite(stack_pressure_Pa, "stack pressure")
    if p < 0:
        raise UnitError(f"stack pressure must be >= 0, got {p:g} Pa")
    buffer = (positive(buffer_young_modulus_Pa, "buffer Young's modulus"), t) if t else None
    mean, dev = _cell_stress(eps, (e_p, nu_p), (e_m, nu_m), buffer, a, b, None if expanding else p)
    s = corner_exponent(e_p, nu_p, e_m, nu_m)
    corner, g0, final = _griffith(mean, dev, s, a + t, t, e_m / (1.0 - nu_m ** 2), c, gc)
    nuc = None
    if g0 > 0:
        e_n = abs(eps) * math.sqrt(gc / g0) * (1 if expanding else -1)
        nuc = 100.0 * ((1.0 + e_n) ** 3 - 1.0) if e_n > -1 else None
    layer_dv, layer_g = _layer(eps, f, e_p, e_m, nu_m, partner_volume_change_fraction, partner_share,
                               layer_thickness_m)
    warnings = [w for w, on in (("linear strain above 5 %: linear elasticity is a rough estimate", abs(eps) > 0.05),
                                ("particle and electrolyte moduli match: no corner concentration", s == 0.0)) if on]
    return CrackingResult(
        model="cracking",
        equation="confined composite sphere (Lame, u(b) = 0, b = a f^-1/3); sigma(L) = sigma_mean + sigma_dev "
                 "(r1/max(L, rho))^s with s from the bonded 90-degree wedge; G = 1.12^2 pi L sigma^2 / E'; "
                 "cracks when G(c) >= G_c",
        citation=cite(WANG, "[139]", "§3.4"),
        inputs={"volume_change_fraction": dv, "electrolyte_young_modulus_Pa": e_m, "electrolyte_poisson_ratio": nu_m,
                "fracture_energy_J_per_m2": gc, "particle_young_modulus_Pa": e_p, "particle_poisson_ratio": nu_p,
                "particle_radius_m": a, "flaw_size_m": c, "volume_fraction": f,
                "buffer_young_modulus_Pa": buffer_young_modulus_Pa, "buffer_thickness_m": t, "stack_pressure_Pa": p},
        warnings=warnings, volume_change_percent=100.0 * dv, linear_strain_percent=100.0 * eps,
        mode=("expansion: radial cracks in the electrolyte from the particle's corners" if expanding else
              "contraction: the electrolyte debonds from the particle (contact loss)"),
        corner_exponent=s, mean_stress_MPa=from_si(mean, "MPa"), deviatoric_stress_MPa=from_si(dev, "MPa"),
        corner_tension_MPa=from_si(corner, "MPa"), energy_release_rate_J_per_m2=g0, fracture_energy_J_per_m2=gc,
        cracks=g0 >= gc, nucleation_volume_change_percent=nuc, final_crack_length_um=from_si(final, "um"),
        crack_length_cap_um=from_si(a, "um"), layer_volume_change_percent=layer_dv,
        layer_delamination_J_per_m2=layer_g)


def _geometry(radius: float | None, flaw: float | None, share: float | None, buffer_modulus: float | None,
              buffer_thickness: float) -> tuple[float, float, float, float, float]:
    """(a, c, f, b, t) in m (f a fraction): particle radius, flaw, active fraction, cell radius, buffer."""
    a = positive(or_default(radius, "mechanics.particle_radius", "m"), "particle radius")
    c = positive(or_default(flaw, "mechanics.flaw_size", "m"), "flaw size")
    f = fraction(or_default(share, "mechanics.active_fraction", "dimensionless"), "active volume fraction",
                 open_low=True, open_high=True)
    t = finite(buffer_thickness, "buffer thickness")
    if t < 0 or (t > 0) != (buffer_modulus is not None):
        raise UnitError("a buffer coating needs both its modulus and a thickness > 0")
    b = a / f ** (1.0 / 3.0)
    if a + t >= b:
        raise UnitError(f"a buffer of {t * 1e6:g} um leaves no electrolyte between particles of {a * 1e6:g} um "
                        f"at an active fraction of {f:g}")
    return a, c, f, b, t


def _cell_stress(eps: float, particle: tuple[float, float], matrix: tuple[float, float],
                 buffer: tuple[float, float] | None, a: float, b: float, pressure: float | None) -> tuple[float, float]:
    """(mean, deviatoric opening stress) in Pa of the electrolyte at its inner surface: hoop for an expanding
    particle (radial cracks), radial (-2x the hoop) for a shrinking one (debonding); ``buffer``: (E, t)."""
    moduli = [particle] + ([(buffer[0], matrix[1])] if buffer else []) + [matrix]
    bulk = [e / (3.0 * (1.0 - 2.0 * nu)) for e, nu in moduli]
    shear = [e / (2.0 * (1.0 + nu)) for e, nu in moduli]
    radii = [a, a + buffer[1]] if buffer else [a]
    mean, hoop = confined_shells(eps, radii, bulk, shear, b, pressure)
    return mean, hoop if eps > 0 else -2.0 * hoop


def _griffith(mean: float, dev: float, s: float, r1: float, rho: float, e_eff: float, c: float,
              gc: float) -> tuple[float, float, float]:
    """(tension at the flaw in Pa, G there in J/m2, final crack length in m) of an edge flaw at the corner:
    ``sigma(L) = mean + dev (r1 / max(L, rho))^s``, ``G(L) = 1.12^2 pi L sigma^2 / E'``, grown from ``c`` while
    ``G >= G_c`` up to the particle's radius."""

    def sigma(length: float) -> float:
        return mean + dev * (r1 / max(length, rho, 1e-30)) ** s

    def g(length: float) -> float:
        return EDGE_FLAW_FACTOR ** 2 * math.pi * length * max(sigma(length), 0.0) ** 2 / e_eff

    g0, final = g(c), 0.0
    if g0 >= gc:
        for length in np.geomspace(c, max(r1 - rho, c), 200):
            if g(float(length)) < gc:
                break
            final = float(length)
    return sigma(c), g0, final


def _layer(eps: float, f: float, e_p: float, e_m: float, nu: float, partner: float | None, share: float,
           thickness: float | None) -> tuple[float, float]:
    """(volume change %, delamination energy release rate J/m2) of the composite layer (see :func:`cracking`)."""
    x = fraction(share, "partner share")
    if x > 0 and partner is None:
        raise UnitError("a partner share needs the partner's volume change")
    eps2 = 0.0
    if partner is not None:
        dv2 = finite(partner, "partner volume change")
        if dv2 <= -1.0:
            raise UnitError(f"partner volume change must be above -100 %, got {dv2 * 100:g} %")
        eps2 = (1.0 + dv2) ** (1.0 / 3.0) - 1.0
    h = positive(or_default(thickness, "mechanics.composite_thickness", "m"), "composite layer thickness")
    e_layer = f * ((1.0 - x) * eps + x * eps2)
    e_c = 0.5 * (f * e_p + (1.0 - f) * e_m + 1.0 / (f / e_p + (1.0 - f) / e_m))
    sigma = e_c * e_layer / (1.0 - nu)
    return 100.0 * ((1.0 + e_layer) ** 3 - 1.0), (1.0 - nu ** 2) * sigma ** 2 * h / (2.0 * e_c)
