"""Contact of Li metal with a solid electrolyte under stack pressure.

Electrical constriction resistance (Holm; Wang et al., Adv. Energy Mater. 2020 Eq. (1), refs. [60], [65]):

    R_int = (rho / 2) * sqrt(pi * H / F) = 1 / (2 sigma) * sqrt(pi * H_Li / F)

``sigma`` is the ionic conductivity of the electrolyte (the Li side is a metal and
its resistance is negligible), ``H`` the (Vickers) hardness of the softer body,
Li (H_Li <= 5 MPa per Wang et al., Adv. Energy Mater. 2020 section 2.3.2), and ``F`` the applied force.  It is
the spreading resistance of one circular contact spot of radius
``a = sqrt(F / (pi H))`` whose real area ``F / H`` is set by plastic yielding of
Li.  For ``n`` equal spots sharing the force, ``R = (rho/2) sqrt(pi H / (n F))``.

Limit of validity (Wang et al., Adv. Energy Mater. 2020: "the equation is not applicable at a very high
force"): the real contact area ``F / H`` cannot exceed the apparent area ``A``.
When ``F / (H A) >= 1`` (for a pressure ``p``: when ``p >= H``) contact is
complete, the constriction picture no longer applies and the remaining
interfacial resistance is charge transfer and residual surface layers, not
constriction.  ssbkit still evaluates Eq. (1) there but flags it
(``applicable = False``) and warns.

Spot crowding (``crowding=True``, what the assessment uses): as the spots grow they share the current
lines of their neighbours, and the constriction of a spot of radius ``a`` in a cell of equal area, radius
``b = sqrt(A / (n pi))``, is Eq. (1) times ``psi = (1 - a/b)^1.5`` (Cooper, Mikic & Yovanovich, Int. J. Heat
Mass Transfer 1969).  With ``a = sqrt(F / (n pi H))``, ``a/b = sqrt(p / H)``:

    R_int = (1 / (2 sigma)) * sqrt(pi * H / (n F)) * (1 - sqrt(p / H))^1.5

which falls continuously to zero as the pressure reaches the hardness, where contact is complete (the
measured resistance "decreases continuously, and reaches nearly zero under 400 MPa", Wang et al. 2020
§2.3.2, Fig. 4H, ref. [57]).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..bibliography import WANG, cite
from ..errors import UnitError
from ..parameters import default, from_si
from ._base import PhysicsResult, positive

__all__ = [
    "CONTACT_COMPLETE_THRESHOLD",
    "LI_HARDNESS_PA",
    "ConstrictionResult",
    "asr_vs_pressure",
    "constriction_resistance",
    "pressed_contact",
]

#: Vickers hardness of Li used by Wang et al., Adv. Energy Mater. 2020 section 2.3.2 (H_Li <= 5 MPa), Pa.
LI_HARDNESS_PA = default("contact.li_hardness", "Pa")
#: Real-to-apparent area ratio F/(H A) at and above which Eq. (1) is flagged as not applicable.
CONTACT_COMPLETE_THRESHOLD = 1.0

_EQ = "R_int = (1/(2 sigma)) * sqrt(pi H / (n F)); ASR = R_int * A; F = p * A"
_EQ_CROWDED = _EQ + "; crowded spots: x (1 - sqrt(p / H))^1.5 (Cooper, Mikic & Yovanovich 1969)"
_CITE = cite(WANG, "[57],[60],[65]", "Eq. (1), §2.3.2")


@dataclass(frozen=True, kw_only=True)
class ConstrictionResult(PhysicsResult):
    """Constriction resistance of Li | solid electrolyte under load."""

    resistance_ohm: float
    asr_ohm_cm2: float | None
    force_N: float
    pressure_Pa: float | None
    contact_spot_radius_m: float
    real_contact_area_m2: float
    real_to_apparent_area_ratio: float | None
    applicable: bool
    crowding_factor: float | None = None


def _load(force_N: float | None, pressure_Pa: float | None, area_m2: float | None
          ) -> tuple[float, float | None, float | None]:
    """(force N, pressure Pa or None, area m2 or None) from a force, or a pressure and an area."""
    if force_N is not None and pressure_Pa is not None:
        raise UnitError("give either a force or a pressure (with an area), not both")
    A = positive(area_m2, "area") if area_m2 is not None else None
    if pressure_Pa is not None:
        p = positive(pressure_Pa, "pressure")
        if A is None:
            raise UnitError("a pressure needs an area to give a force (F = p * A): give the electrode area")
        return p * A, p, A
    if force_N is not None:
        F = positive(force_N, "force")
        return F, (F / A if A is not None else None), A
    raise UnitError("give a force, or a pressure and an area")


def constriction_resistance(conductivity_S_per_m: float, hardness_Pa: float = LI_HARDNESS_PA, *,
                            force_N: float | None = None, pressure_Pa: float | None = None,
                            area_m2: float | None = None, n_contact_spots: int = 1,
                            complete_contact_threshold: float = CONTACT_COMPLETE_THRESHOLD,
                            crowding: bool = False) -> ConstrictionResult:
    """Constriction resistance R_int of Wang et al., Adv. Energy Mater. 2020 Eq. (1), optionally as an ASR.

    Equation: ``R_int = 1/(2 sigma) * sqrt(pi H / (n F))`` (Holm's single-spot
    constriction resistance for ``n = 1``), ``ASR = R_int * A``, ``F = p * A``.
    Citation: Wang et al., Adv. Energy Mater. 2020 Eq. (1), refs. [57],[60],[65].

    Args:
        conductivity_S_per_m: ionic conductivity of the solid electrolyte, S/m
            (3e-4 S/cm = 0.03 S/m for Li6.25Al0.25La3Zr2O12).
        hardness_Pa: Vickers hardness of the softer body (Li: 5 MPa, Wang et al., Adv. Energy Mater. 2020).
        force_N: applied force, N.  Give either the force, or pressure and area.
        pressure_Pa: stack pressure, Pa (needs ``area_m2``; F = p * A).
        area_m2: apparent electrode area, m2 (needed for the ASR and the validity check).
        n_contact_spots: number of equal contact spots sharing the force (default 1, as in Eq. 1).
        complete_contact_threshold: F/(H A) at or above which Eq. (1) is flagged not applicable.
        crowding: multiply by ``psi = (1 - sqrt(F / (H A)))^1.5`` (spots sharing current lines; needs the area),
            so that the resistance falls to zero at complete contact instead of being flagged.

    Returns:
        A :class:`ConstrictionResult`; ``applicable`` is False (with a warning) when the
        real contact area F/H reaches the apparent area (without crowding).

    Raises:
        UnitError: non-positive conductivity, hardness, force, pressure or area.
    """
    sigma = positive(conductivity_S_per_m, "conductivity")
    H = positive(hardness_Pa, "hardness")
    if isinstance(n_contact_spots, bool) or int(n_contact_spots) != n_contact_spots or n_contact_spots < 1:
        raise UnitError(f"number of contact spots must be a positive integer, got {n_contact_spots!r}")
    n = int(n_contact_spots)
    F, p, A = _load(force_N, pressure_Pa, area_m2)
    R = (1.0 / (2.0 * sigma)) * math.sqrt(math.pi * H / (n * F))
    a = math.sqrt(F / (n * math.pi * H))
    real_area = F / H
    ratio = real_area / A if A is not None else None
    warnings: list[str] = []
    applicable = True
    psi = None
    if crowding:
        if ratio is None:
            raise UnitError("spot crowding needs the electrode area (a/b = sqrt(F / (H A))): give the area")
        psi = max(0.0, 1.0 - math.sqrt(min(ratio, 1.0))) ** 1.5
        R *= psi
        if ratio >= complete_contact_threshold:
            warnings.append(f"pressure {from_si(F / A, 'MPa'):.4g} MPa >= hardness {from_si(H, 'MPa'):.4g} MPa: "
                            "contact is complete, no constriction left")
    elif ratio is not None and ratio >= complete_contact_threshold:
        applicable = False
        warnings.append(
            f"real contact area F/H is {ratio:.3g} x the apparent area (pressure {from_si(F / A, 'MPa'):.4g} MPa >= "
            f"hardness {from_si(H, 'MPa'):.4g} MPa): contact is complete and Eq. (1) no longer applies "
            "(Wang et al. 2020: 'not applicable at a very high force'); the value shown is the formal Eq. (1) "
            "result, not the real interfacial resistance")
    if A is not None and a > math.sqrt(A / math.pi) and applicable and not crowding:
        warnings.append("contact-spot radius exceeds the electrode radius")
    if ratio is None:
        warnings.append("no electrode area given: the validity limit F/(H A) < 1 was not checked")
    inputs = {"conductivity_S_per_m": sigma, "hardness_Pa": H, "force_N": F,
              "pressure_Pa": p, "area_m2": A, "n_contact_spots": n,
              "complete_contact_threshold": complete_contact_threshold, "crowding": crowding}
    return ConstrictionResult(
        model="constriction_resistance", equation=_EQ_CROWDED if crowding else _EQ, citation=_CITE, inputs=inputs, warnings=warnings,
        resistance_ohm=R, asr_ohm_cm2=from_si(R * A, "ohm cm2") if A is not None else None, force_N=F,
        pressure_Pa=p, contact_spot_radius_m=a, real_contact_area_m2=real_area,
        real_to_apparent_area_ratio=ratio, applicable=applicable, crowding_factor=psi)


def pressed_contact(conductivity_S_per_m: float, pressure_Pa: float, hardness_Pa: float, spot_spacing_m: float,
                    area_m2: float = 1e-4) -> ConstrictionResult:
    """Li pressed onto an electrolyte over ``area_m2`` (default 1 cm2): ``n = A / spacing^2`` equal spots that yield
    at ``hardness_Pa`` and crowd as they grow (:func:`constriction_resistance` with ``crowding=True``), the
    contact term of the assessment (``contact.asperity_hardness``, ``contact.spot_spacing``)."""
    spots = max(1, round(area_m2 / positive(spot_spacing_m, "spot spacing") ** 2))
    return constriction_resistance(conductivity_S_per_m, hardness_Pa, pressure_Pa=pressure_Pa, area_m2=area_m2,
                                   n_contact_spots=spots, crowding=True)


def asr_vs_pressure(conductivity_S_per_m: float, pressures_Pa: list[float], area_m2: float,
                    hardness_Pa: float = LI_HARDNESS_PA, n_contact_spots: int = 1) -> list[ConstrictionResult]:
    """Constriction ASR (Wang et al., Adv. Energy Mater. 2020 Eq. 1) at each stack pressure over ``area_m2``; ASR falls as p^-1/2."""
    return [constriction_resistance(conductivity_S_per_m, hardness_Pa, pressure_Pa=p, area_m2=area_m2,
                                    n_contact_spots=n_contact_spots) for p in pressures_Pa]
