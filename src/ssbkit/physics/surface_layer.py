"""Carbonate and hydroxide layers grown on a Li-ion conductor by exposure to air, and their resistance.

Garnets (and other Li-rich oxides) take up water and CO2 from air: Li+/H+ exchange gives LiOH, which
carbonates to Li2CO3 (Wang et al., Adv. Energy Mater. 2020, §2.2, refs. [27, 28, 54-56]).  The layer grows by
diffusion through itself, parabolically, at a rate set by the water in the gas (the exchange step) with a small
dry-CO2 path, thermally activated:

    L^2 = L0^2 + sum_i k(T_i, p_i) t_i,
    k = k_ref (p_H2O / p_H2O,ref + f_dry p_CO2 / p_CO2,ref) exp(-E_a/k_B (1/T - 1/T_ref)),

with ``k_ref`` the rate in air of 50 % relative humidity at 25 C.  A step that removes the layer (polishing, an
acid, or one where the layer is no longer stable: :func:`ssbkit.stack.process.surface_history`) sets ``L`` back
to 0.  The layer's resistance is ``L / sigma`` of the carbonate (or hydroxide), and Li does not wet it (contact
angle 142 deg on Li2CO3, 125 deg on LiOH, Wang et al. 2020 §2.2, ref. [56]).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..bibliography import cite
from ..constants import arrhenius
from ..parameters import from_si
from ._base import (
    PhysicsResult,
    fraction,
    non_negative,
    positive,
    temperature,
)

CITATION = cite("wang2020", "[27,28,54-56]", "§2.2")
EQUATION = ("L^2 = L0^2 + sum k t, k = k_ref (pH2O/pH2O_ref + f_dry pCO2/pCO2_ref) exp(-Ea/kB (1/T - 1/T_ref)); "
            "ASR = L / sigma")
#: reference gas: air of 50 % relative humidity at 25 C (bar)
P_H2O_REF_BAR = 0.5 * 0.03169
P_CO2_REF_BAR = 4.2e-4
T_REF_K = 298.15


@dataclass(frozen=True, kw_only=True)
class SurfaceLayerResult(PhysicsResult):
    """Thickness of the layer after each exposure (nm), the final thickness and its ASR."""

    thickness_after_steps_nm: tuple[float, ...]
    thickness_nm: float
    asr_ohm_cm2: float
    conductivity_S_per_cm: float


@dataclass(frozen=True)
class Exposure:
    """One exposure: temperature (K), time (s), water and CO2 partial pressures (bar) that grow the layer (0 where
    the step forms none); ``removes``: the step takes the layer off first (polishing, acid) or leaves none (the
    layer is not stable in it); ``kept``: the share of the thickness a partial removal leaves."""

    temperature_K: float
    time_s: float
    p_h2o_bar: float
    p_co2_bar: float
    removes: bool = False
    #: the share of the layer's thickness left after the step's own removal (a carbon source that ran out)
    kept: float = 1.0


def surface_layer(exposures: Sequence[Exposure], rate_m2_per_s: float, activation_energy_eV: float,
                  dry_factor: float, conductivity_S_per_m: float) -> SurfaceLayerResult:
    """The carbonate/hydroxide layer after ``exposures`` (module doc); ``rate_m2_per_s``: ``k_ref``."""
    k_ref = non_negative(rate_m2_per_s, "surface-layer growth rate")
    ea = non_negative(activation_energy_eV, "activation energy")
    f_dry = non_negative(dry_factor, "dry-CO2 factor")
    sigma = positive(conductivity_S_per_m, "surface-layer conductivity")
    L2, after = 0.0, []
    for e in exposures:
        T = temperature(e.temperature_K)
        t = non_negative(e.time_s, "exposure time")
        if e.removes:
            L2 = 0.0
        else:
            L2 *= fraction(e.kept, "share of the layer kept") ** 2
        gas = non_negative(e.p_h2o_bar, "water pressure") / P_H2O_REF_BAR + \
            f_dry * non_negative(e.p_co2_bar, "CO2 pressure") / P_CO2_REF_BAR
        L2 += arrhenius(k_ref * gas, ea, T, T_REF_K) * t
        after.append(from_si(math.sqrt(L2), "nm"))
    L = math.sqrt(L2)
    return SurfaceLayerResult(model="surface carbonate/hydroxide layer", equation=EQUATION, citation=CITATION,
                              inputs={"rate_m2_per_s": k_ref, "activation_energy_eV": ea, "dry_factor": f_dry,
                                      "conductivity_S_per_m": sigma, "exposures": [vars(e) for e in exposures]},
                              thickness_after_steps_nm=tuple(after), thickness_nm=from_si(L, "nm"),
                              asr_ohm_cm2=from_si(L / sigma, "ohm cm2"),
                              conductivity_S_per_cm=from_si(sigma, "S/cm"))
