"""Growth of an interphase between Li (or an electrode) and a solid electrolyte.

Which law applies follows from the electronic conduction of the interphase, after
Wenzel et al. (Zheng et al., Batteries & Supercaps 2021 section 3.4 and Fig. 7a, ref. [16c];
Wang et al., Adv. Energy Mater. 2020 section 2.1 and Fig. 2, ref. [45]):

* ``stable``: thermodynamically stable, sharp 2D interface: no interphase grows
  (thickness stays at its initial value).
* ``SEI`` (metastable solid-electrolyte interphase, electronically insulating): the
  reaction needs electrons to cross the growing layer, so growth is diffusion limited
  and *parabolic*:  ``L^2 = L0^2 + k_p t``  (k_p in m2/s; in the convention
  ``L = sqrt(2 k t)``, k_p = 2 k).  Growth slows down, as seen for Li7P3S11.
* ``MCI`` (mixed ionic-electronic conducting interphase): the layer does not limit the
  supply of electrons, the reaction front advances at a constant rate, growth is
  *linear*:  ``L = L0 + k_l t`` (k_l in m/s), until the electrolyte is consumed (LGPS, LATP,
  LAGP, LLTO against Li).

Resistance of the interphase (uniform layer, ionic conductivity sigma_int):
``ASR(t) = L(t) / sigma_int`` (ohm m2; x 1e4 for ohm cm2).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..bibliography import WANG, ZHENG, cite
from ..errors import UnitError
from ..parameters import from_si
from ._base import PhysicsResult, non_negative, positive

__all__ = ["GrowthResult", "growth_law_for", "interphase_growth"]

_ALIASES = {
    "stable": "stable", "thermodynamically stable": "stable", "non-reactive": "stable", "none": "stable",
    "sei": "SEI", "metastable sei": "SEI", "solid-electrolyte interphase": "SEI",
    "solid electrolyte interphase": "SEI", "passivating": "SEI",
    "mci": "MCI", "mixed conducting interphase": "MCI", "mixed-conducting interphase": "MCI",
    "mixed conducting": "MCI", "mixed-conducting": "MCI",
}
_LAW = {"stable": "none", "SEI": "parabolic", "MCI": "linear"}


def growth_law_for(classification: str | None = None, electronically_conducting: bool | None = None) -> tuple[str, str]:
    """(classification, law) from a Wenzel classification or the electronic conduction of the interphase.

    ``"stable"`` -> ``"none"``, ``"SEI"`` -> ``"parabolic"``, ``"MCI"`` -> ``"linear"``;
    ``electronically_conducting=True`` -> MCI/linear, ``False`` -> SEI/parabolic.

    Raises:
        UnitError: unknown classification, neither given, or the two contradict each other.
    """
    cls = None
    if classification is not None:
        key = " ".join(str(classification).strip().lower().split())
        cls = _ALIASES.get(key)
        if cls is None:
            raise UnitError(f"unknown interface classification {classification!r}: use stable, SEI or MCI")
    if electronically_conducting is not None:
        from_e = "MCI" if electronically_conducting else "SEI"
        if cls is not None and cls != "stable" and cls != from_e:
            raise UnitError(f"classification {cls} contradicts electronically_conducting={electronically_conducting}")
        cls = cls or from_e
    if cls is None:
        raise UnitError("give the interface classification (stable, SEI, MCI) or whether the interphase "
                        "conducts electrons")
    return cls, _LAW[cls]


@dataclass(frozen=True, kw_only=True)
class GrowthResult(PhysicsResult):
    """Interphase thickness and resistance over time."""

    classification: str
    law: str
    points: list[dict[str, float]]
    final_thickness_nm: float
    final_asr_ohm_cm2: float


def interphase_growth(times_s: Sequence[float], interphase_conductivity_S_per_m: float, *,
                      classification: str | None = None, electronically_conducting: bool | None = None,
                      parabolic_rate_m2_per_s: float | None = None, linear_rate_m_per_s: float | None = None,
                      initial_thickness_m: float = 0.0, max_thickness_m: float | None = None) -> GrowthResult:
    """Thickness and area-specific resistance of a growing interphase at each time.

    Equations: parabolic (SEI) ``L = sqrt(L0^2 + k_p t)``; linear (MCI) ``L = L0 + k_l t``;
    stable: ``L = L0``; ``ASR = L / sigma_int``; with a finite reservoir (a thin coating or interlayer that
    the reaction consumes) ``L = min(L, L_max)``: growth stops when the layer is used up.
    Citation: Zheng et al., Batteries & Supercaps 2021 section 3.4, Fig. 7a, ref. [16c]; Wang et al., Adv. Energy Mater. 2020
    (Wang et al., Adv. Energy Mater. 2020) section 2.1, Fig. 2, ref. [45].

    Args:
        times_s: times, s (>= 0).
        interphase_conductivity_S_per_m: ionic conductivity of the interphase, S/m.
        classification: "stable", "SEI" or "MCI" (what :mod:`ssbkit.interfaces` produces).
        electronically_conducting: alternative to ``classification``.
        parabolic_rate_m2_per_s: k_p for SEI growth, m2/s.
        linear_rate_m_per_s: k_l for MCI growth, m/s.
        initial_thickness_m: L0, m.
        max_thickness_m: L_max, m: the thickness of the layer the reaction consumes (None: unlimited).

    Raises:
        UnitError: missing/negative rate for the law that applies, negative time, non-positive conductivity.
    """
    cls, law = growth_law_for(classification, electronically_conducting)
    sigma = positive(interphase_conductivity_S_per_m, "interphase conductivity")
    L0 = non_negative(initial_thickness_m, "initial thickness")
    ts = [non_negative(t, "time") for t in times_s]
    if not ts:
        raise UnitError("give at least one time")
    warnings: list[str] = []
    if law == "parabolic":
        if parabolic_rate_m2_per_s is None:
            raise UnitError("an SEI grows parabolically: give the parabolic rate constant k_p (m2/s, L^2 = k_p t)")
        k = non_negative(parabolic_rate_m2_per_s, "parabolic rate constant")
        thick = [math.sqrt(L0 * L0 + k * t) for t in ts]
        eq = "L = sqrt(L0^2 + k_p t); ASR = L / sigma_int"
        if linear_rate_m_per_s is not None:
            warnings.append("linear rate ignored: an SEI grows parabolically")
    elif law == "linear":
        if linear_rate_m_per_s is None:
            raise UnitError("an MCI grows linearly: give the linear rate constant k_l (m/s, L = k_l t)")
        k = non_negative(linear_rate_m_per_s, "linear rate constant")
        thick = [L0 + k * t for t in ts]
        eq = "L = L0 + k_l t; ASR = L / sigma_int"
        warnings.append("mixed-conducting interphase: growth continues until the electrolyte is consumed "
                        "(short circuit/self-discharge risk)")
        if parabolic_rate_m2_per_s is not None:
            warnings.append("parabolic rate ignored: an MCI grows linearly")
    else:
        k = 0.0
        thick = [L0 for _ in ts]
        eq = "L = L0 (no interphase growth); ASR = L / sigma_int"
    if max_thickness_m is not None:
        cap = positive(max_thickness_m, "reservoir thickness")
        if any(L > cap for L in thick):
            warnings.append(f"growth stops when the {from_si(cap, 'nm'):.3g} nm layer it consumes is used up")
        thick = [min(L, cap) for L in thick]
        eq += f"; L <= L_max = {from_si(cap, 'nm'):.3g} nm"
    pts = [{"time_s": t, "time_h": from_si(t, "h"), "thickness_nm": from_si(L, "nm"), "asr_ohm_cm2": from_si(L / sigma, "ohm cm2")}
           for t, L in zip(ts, thick)]
    return GrowthResult(
        model="interphase_growth", equation=eq,
        citation=cite(ZHENG, "[16c]", "§3.4, Fig. 7a") + "; " + cite(WANG, "[45]", "§2.1, Fig. 2"),
        inputs={"times_s": ts, "interphase_conductivity_S_per_m": sigma, "classification": cls,
                "parabolic_rate_m2_per_s": parabolic_rate_m2_per_s, "linear_rate_m_per_s": linear_rate_m_per_s,
                "initial_thickness_m": L0, "max_thickness_m": max_thickness_m}, warnings=warnings,
        classification=cls, law=law, points=pts, final_thickness_nm=pts[-1]["thickness_nm"],
        final_asr_ohm_cm2=pts[-1]["asr_ohm_cm2"])
