"""Space-charge layers at ionic | ionic interfaces (oxide cathode | sulfide electrolyte, with or without a coating).

When two Li-ion conductors meet, Li+ moves from the phase where it is bound less (a sulfide) to the one where
it is bound more (an oxide) until the electrochemical potential of Li+ is equal: a potential step ``dphi``
forms, with a Li+-depleted layer on the giving side and an accumulation layer on the receiving side
(Wang et al., Adv. Energy Mater. 2020, §3.2, Fig. 11, refs. [117-119]; Luntz, Voss and Reuter, J. Phys. Chem.
Lett. 2015; Haruyama et al., Chem. Mater. 2014, 26, 4248; J. Maier, Prog. Solid State Chem. 1995, 23, 171).

**Depletion side (Mott-Schottky).**  The mobile carriers are depleted against a fixed background of
concentration ``N`` (m^-3); Poisson's equation gives the width and potential profile

    lambda = sqrt(2 eps_r eps_0 dphi / (e N)),   phi(x) = dphi (1 - x / lambda)^2   (0 <= x <= lambda),

the carrier concentration follows Boltzmann, ``c(x) = c_b exp(-e phi(x) / k T)``, and the layer's
area-specific resistance is

    ASR = int_0^lambda dx / sigma(x) = (lambda / sigma_b) F(a),   a = e dphi / (k T),
    F(a) = int_0^1 exp(a u^2) du = sqrt(pi) erfi(sqrt(a)) / (2 sqrt(a))

(``F -> 1`` for small ``a``: the layer then conducts as the bulk).  Its capacitance per area is
``C = eps_r eps_0 / lambda``.

**Accumulation side (Gouy-Chapman).**  The charge an accumulation layer of carrier concentration ``n``
holds at potential ``phi_a`` is ``Q = sqrt(8 eps_r eps_0 k T n) sinh(e phi_a / 2 k T)``; it conducts better
than its bulk and adds no resistance.

**Sharing the step.**  If the receiving side conducts electrons (a charged cathode), its electrons screen
the accumulated Li+ within an atomic distance: the whole step drops across the depletion layer.  If it is an
electronic insulator (an oxide coating), the step splits so that the two sides hold equal and opposite
charge, ``Q_dep(phi_d) = Q_acc(dphi - phi_d)``: the coating takes part of the step and the depletion in
the sulfide shrinks exponentially -- how LiNbO3 and Li4Ti5O12 buffer layers lower the resistance of an
oxide cathode on a sulfide (Takada et al., ACS Energy Lett. 2018, Wang et al. 2020 ref. [119]).  A coating
thinner than three Debye lengths ``3 L_D`` lets the cathode's electrons screen behind it: the depletion then
takes back the share ``1 - t / (3 L_D)`` of what the coating held (a sub-nanometre coating acts as none).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..bibliography import cite
from ..parameters import from_si, to_si
from ..units import BOLTZMANN_EV_PER_K, ELEMENTARY_CHARGE_C, VACUUM_PERMITTIVITY_F_PER_M
from ._base import PhysicsResult, non_negative, positive, temperature

CITATION = cite("wang2020", "[117-119]", "§3.2, Fig. 11")
EQUATION = ("lambda = sqrt(2 eps eps0 dphi/(e N)); ASR = (lambda/sigma_b) F(e dphi/kT), "
            "F(a) = sqrt(pi) erfi(sqrt a)/(2 sqrt a); C = eps eps0/lambda (Mott-Schottky depletion)")


def _depletion_factor(a: float) -> float:
    """``F(a) = int_0^1 exp(a u^2) du`` (1 at a = 0)."""
    if a < 1e-9:
        return 1.0
    if a > 600:  # erfi overflows: asymptotic form exp(a)/(2a) (1 + 1/(2a))
        raise OverflowError
    # imported where a junction needs it (0.16 s that other cells do not pay)
    from scipy.special import erfi

    return math.sqrt(math.pi) * float(erfi(math.sqrt(a))) / (2.0 * math.sqrt(a))


@dataclass(frozen=True, kw_only=True)
class SpaceChargeResult(PhysicsResult):
    """The Li+-depleted layer on one side of an interface.

    Attributes:
        potential_V: the potential step across the depletion layer (V).
        total_potential_V: the whole step at the interface (V); the rest drops in the accumulation layer.
        width_nm: depletion width ``lambda`` (nm).
        asr_ohm_cm2: its area-specific resistance.
        bulk_asr_ohm_cm2: what the same thickness of bulk would give (``lambda / sigma_b``).
        capacitance_uF_per_cm2: ``eps_r eps_0 / lambda``.
        screening: ``electronic`` (the receiving side conducts electrons: the whole step in the depletion
            layer) or ``shared`` (split with an accumulation layer in an insulating receiving side).
    """

    potential_V: float
    total_potential_V: float
    width_nm: float
    asr_ohm_cm2: float
    bulk_asr_ohm_cm2: float
    capacitance_uF_per_cm2: float
    screening: str


def _charge_depletion(phi: float, eps: float, n: float) -> float:
    """C/m2 held by a Mott-Schottky depletion layer at potential ``phi``."""
    return math.sqrt(2.0 * eps * VACUUM_PERMITTIVITY_F_PER_M * ELEMENTARY_CHARGE_C * n * max(phi, 0.0))


def _charge_accumulation(phi: float, eps: float, n: float, kt_eV: float) -> float:
    """C/m2 held by a Gouy-Chapman accumulation layer at ``phi``."""
    kt_J = kt_eV * ELEMENTARY_CHARGE_C
    return math.sqrt(8.0 * eps * VACUUM_PERMITTIVITY_F_PER_M * kt_J * n) * math.sinh(max(phi, 0.0) / (2 * kt_eV))


def space_charge_layer(potential_V: float, permittivity: float, carrier_concentration_per_m3: float,
                       conductivity_S_per_m: float, temperature_K: float = 298.15, *,
                       receiver_permittivity: float | None = None,
                       receiver_concentration_per_m3: float | None = None,
                       receiver_thickness_m: float | None = None) -> SpaceChargeResult:
    """The Li+-depleted layer of an interface with a potential step ``potential_V`` (module doc).

    Args:
        potential_V: the step ``dphi`` between the two phases (V, >= 0).
        permittivity: relative permittivity of the depleted (giving) phase.
        carrier_concentration_per_m3: concentration ``N`` of the fixed charge the depletion exposes (m^-3).
        conductivity_S_per_m: bulk Li-ion conductivity of the depleted phase (S/m).
        temperature_K: temperature.
        receiver_permittivity, receiver_concentration_per_m3: the receiving phase when it is an electronic
            insulator (a coating): the step is shared (module doc).  Without them the receiving side conducts
            electrons and the whole step drops in the depletion layer.
        receiver_thickness_m: thickness of an insulating receiving layer (a coating): it holds at most the
            accumulation charge that fits in it.
    """
    dphi = non_negative(potential_V, "space-charge potential")
    eps = positive(permittivity, "relative permittivity")
    n = positive(carrier_concentration_per_m3, "carrier concentration")
    sigma = positive(conductivity_S_per_m, "conductivity")
    T = temperature(temperature_K)
    kt = BOLTZMANN_EV_PER_K * T
    phi_d, screening, warnings = dphi, "electronic", []
    if receiver_permittivity is not None or receiver_concentration_per_m3 is not None:
        eps_a = positive(receiver_permittivity if receiver_permittivity is not None else eps, "receiver permittivity")
        n_a = positive(receiver_concentration_per_m3 if receiver_concentration_per_m3 is not None else n,
                       "receiver carrier concentration")
        debye = math.sqrt(eps_a * VACUUM_PERMITTIVITY_F_PER_M * kt / (2.0 * ELEMENTARY_CHARGE_C * n_a))
        fill = 1.0
        if receiver_thickness_m is not None:
            fill = min(1.0, positive(receiver_thickness_m, "receiver thickness") / (3.0 * debye))
        screening = "shared"
        if dphi > 0:
            # only a shared junction (a coating) solves for its split
            from scipy.optimize import brentq

            f = lambda p: _charge_depletion(p, eps, n) - _charge_accumulation(dphi - p, eps_a, n_a, kt)
            phi_d = brentq(f, 0.0, dphi, xtol=1e-9) if f(dphi) > 0 else dphi
            # a coating thinner than its accumulation layer lets the cathode's electrons screen behind it
            phi_d += (1.0 - fill) * (dphi - phi_d)
    a = phi_d / kt
    lam = math.sqrt(2.0 * eps * VACUUM_PERMITTIVITY_F_PER_M * max(phi_d, 1e-12) / (ELEMENTARY_CHARGE_C * n))
    try:
        factor = _depletion_factor(a)
    except OverflowError:
        factor = math.inf
    bulk = lam / sigma
    asr = bulk * factor
    if not math.isfinite(asr) or from_si(asr, "ohm cm2") > 1e9:
        warnings.append(f"depletion of {phi_d:.2f} V blocks the interface (ASR > 1e9 ohm cm2): capped")
        asr = to_si(1e9, "ohm cm2")
    cap = eps * VACUUM_PERMITTIVITY_F_PER_M / lam
    return SpaceChargeResult(
        model="space-charge layer (Mott-Schottky depletion)", equation=EQUATION, citation=CITATION,
        inputs={"potential_V": dphi, "permittivity": eps, "carrier_concentration_per_m3": n,
                "conductivity_S_per_m": sigma, "temperature_K": T, "receiver_permittivity": receiver_permittivity,
                "receiver_concentration_per_m3": receiver_concentration_per_m3,
                "receiver_thickness_m": receiver_thickness_m},
        warnings=warnings, potential_V=phi_d, total_potential_V=dphi, width_nm=from_si(lam, "nm"),
        asr_ohm_cm2=from_si(asr, "ohm cm2"), bulk_asr_ohm_cm2=from_si(bulk, "ohm cm2"),
        capacitance_uF_per_cm2=from_si(cap, "uF/cm2"),
        screening=screening)
