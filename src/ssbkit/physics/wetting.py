"""Wetting of a solid electrolyte by Li: contact angle from the work of adhesion.

Young-Dupre equation:

    W_ad = gamma_Li * (1 + cos(theta))   <=>   theta = arccos(W_ad / gamma_Li - 1)

Wang et al., Adv. Energy Mater. 2020 section 2.2 (ref. [56], Sharafi et al., Chem. Mater. 2017) quotes DFT
works of adhesion of Li of 0.10 J/m2 on Li2CO3 and 0.67 J/m2 on clean
Li6.25Al0.25La3Zr2O12, "corresponding to contact angles of 142 deg and 62 deg".

Surface energy of Li
--------------------
Both angles are reproduced (141.5 and 62.8 deg) with ``gamma_Li = 0.46 J/m2``,
the DFT (PBE) surface energy of the low-index bcc Li surfaces (about
0.46 J/m2 for Li(100); e.g. Tran et al., Sci. Data 3, 160080 (2016), Materials
Project surface energies), i.e. the same kind of calculation as the works of
adhesion of ref. [56].  Taken on its own, a single pair (W_ad, theta) of the review
implies gamma = 0.472 J/m2 (Li2CO3, 142 deg) and 0.456 J/m2 (LLZO, 62 deg).
The surface tension of *liquid* Li near its melting point is lower
(about 0.40 J/m2) and gives 138.6 deg and 47.5 deg; 0.525 J/m2 gives 144.0 deg
and 74.0 deg, outside the review's 62 deg.  Pass ``surface_energy_J_per_m2`` to use another value.

Limits: ``W_ad > 2 gamma`` means complete wetting (theta = 0, flagged);
``W_ad = 0`` means no adhesion (theta = 180 deg, flagged); ``W_ad < 0`` is
unphysical and rejected.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..bibliography import WANG, cite
from ..errors import UnitError
from ..parameters import default
from ._base import PhysicsResult, finite, non_negative, positive

__all__ = ["LI_SURFACE_ENERGY_J_PER_M2", "WettingResult", "contact_angle", "work_of_adhesion"]

#: Surface energy of Li used for Young-Dupre, J/m2 (DFT Li(100); reproduces Wang et al., Adv. Energy Mater. 2020 section 2.2).
LI_SURFACE_ENERGY_J_PER_M2 = default("wetting.li_surface_energy", "J/m2")

_EQ = "W_ad = gamma_Li * (1 + cos(theta))  (Young-Dupre)"
_CITE = (cite(WANG, "[56]", "§2.2, Fig. 4A,D") + "; gamma_Li = 0.46 J/m2 (DFT Li(100) surface energy, "
         "Tran et al., Sci. Data 3, 160080 (2016))")


@dataclass(frozen=True, kw_only=True)
class WettingResult(PhysicsResult):
    """Contact angle and work of adhesion of Li on a substrate."""

    contact_angle_deg: float
    work_of_adhesion_J_per_m2: float
    surface_energy_J_per_m2: float
    wetting: str  # "complete", "wetting" (< 90 deg), "non-wetting" (>= 90 deg), "no adhesion"


def _label(theta_deg: float) -> str:
    if theta_deg <= 0.0:
        return "complete"
    if theta_deg >= 180.0:
        return "no adhesion"
    return "wetting" if theta_deg < 90.0 else "non-wetting"


def contact_angle(work_of_adhesion_J_per_m2: float,
                  surface_energy_J_per_m2: float = LI_SURFACE_ENERGY_J_PER_M2) -> WettingResult:
    """Contact angle of Li from the work of adhesion (Young-Dupre).

    Equation: ``theta = arccos(W_ad / gamma_Li - 1)``.
    Citation: Wang et al., Adv. Energy Mater. 2020 section 2.2, ref. [56].

    Args:
        work_of_adhesion_J_per_m2: W_ad of Li on the substrate, J/m2 (>= 0).
        surface_energy_J_per_m2: surface energy of Li, J/m2 (default 0.46).

    Returns:
        A :class:`WettingResult`.  W_ad >= 2 gamma gives 0 deg (complete wetting) with a
        warning; W_ad = 0 gives 180 deg (no adhesion) with a warning.

    Raises:
        UnitError: negative work of adhesion or non-positive surface energy.
    """
    W = non_negative(work_of_adhesion_J_per_m2, "work of adhesion")
    g = positive(surface_energy_J_per_m2, "surface energy of Li")
    warnings: list[str] = []
    c = W / g - 1.0
    if c >= 1.0:
        theta = 0.0
        if c > 1.0:
            warnings.append(f"work of adhesion {W:g} J/m2 exceeds 2*gamma_Li = {2 * g:g} J/m2: complete wetting "
                            "(spreading), Young-Dupre has no finite angle; reported 0 deg")
    elif c <= -1.0:
        theta = 180.0
        warnings.append("zero work of adhesion: no adhesion, contact angle 180 deg")
    else:
        theta = math.degrees(math.acos(c))
    return WettingResult(model="young_dupre_contact_angle", equation=_EQ, citation=_CITE,
                         inputs={"work_of_adhesion_J_per_m2": W, "surface_energy_J_per_m2": g},
                         warnings=warnings, contact_angle_deg=theta, work_of_adhesion_J_per_m2=W,
                         surface_energy_J_per_m2=g, wetting=_label(theta))


def work_of_adhesion(contact_angle_deg: float,
                     surface_energy_J_per_m2: float = LI_SURFACE_ENERGY_J_PER_M2) -> WettingResult:
    """Work of adhesion from a contact angle (Young-Dupre), ``W_ad = gamma (1 + cos theta)``.

    Citation: Wang et al., Adv. Energy Mater. 2020 section 2.2, ref. [56] (e.g. Li/LiOH, 125 deg).

    Raises:
        UnitError: angle outside 0-180 deg or non-positive surface energy.
    """
    th = finite(contact_angle_deg, "contact angle")
    if not 0.0 <= th <= 180.0:
        raise UnitError(f"contact angle must lie between 0 and 180 degrees, got {th:g}")
    g = positive(surface_energy_J_per_m2, "surface energy of Li")
    W = g * (1.0 + math.cos(math.radians(th)))
    W = max(W, 0.0)
    return WettingResult(model="young_dupre_work_of_adhesion", equation=_EQ, citation=_CITE,
                         inputs={"contact_angle_deg": th, "surface_energy_J_per_m2": g}, warnings=[],
                         contact_angle_deg=th, work_of_adhesion_J_per_m2=W, surface_energy_J_per_m2=g,
                         wetting=_label(th))
