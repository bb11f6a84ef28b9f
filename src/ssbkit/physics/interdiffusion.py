"""Interdiffusion during heat treatment: diffusion lengths over a schedule of steps.

``D(T) = D0 exp(-Ea / k T)`` (m^2/s) and, over steps of duration ``t_i`` at ``T_i``, the diffusion
length ``L = sqrt(sum_i D(T_i) t_i)`` (m; the 1D ``sqrt(D t)`` measure, so ``L`` accumulates as the
square root of the summed ``D t``).  Wang et al., Adv. Energy Mater. 2020 §3.2.2-3.3 (Co, La, Zr and Al
crossing the LiCoO2 | LLZO interface during co-sintering); Zheng et al., Batteries & Supercaps 2021 §3.3
(elemental interdiffusion at oxide cathode interfaces).

Parameters (``PARAMETERS``), each with its basis:

* Co in LLZO: ``D(700 C) = 9.46e-14 cm^2/s``, ``Ea = 1.65 eV`` (measured; ChemRxiv preprint 2023,
  "Co incorporation into LLZO", https://chemrxiv.org/engage/chemrxiv/article-details/642050a491074bccd04fa1b6).
* Li in LLZO: ``D(25 C) = 1.33e-8 cm^2/s`` (from conductivity spectra; Ahmad, RSC Adv. 5, 25824 (2015)),
  with the conductivity activation energy 0.31 eV of LLZO (Murugan et al., Angew. Chem. Int. Ed.
  2007; Zheng et al. 2021 Table 1).

No measured values were found for La, Zr or Al in LLZO: ssbkit does not guess them; give ``D0`` and
``Ea`` (the CLI's ``--d0``/``--activation-energy``) to compute their lengths.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..constants import arrhenius_prefactor_form
from ..errors import UnitError
from ..parameters import from_si, to_si
from ..results import Result
from ._base import BOLTZMANN_EV_PER_K, PhysicsResult, positive, temperature

_CO_URL = "https://chemrxiv.org/engage/chemrxiv/article-details/642050a491074bccd04fa1b6"


@dataclass(frozen=True)
class DiffusionParameters(Result):
    """``D0`` (m^2/s) and ``Ea`` (eV) of one species in one host, with where they come from."""

    species: str
    host: str
    d0_m2_per_s: float
    activation_energy_eV: float
    basis: str
    source: str

    def d(self, temperature_K: float) -> float:
        return arrhenius_prefactor_form(self.d0_m2_per_s, self.activation_energy_eV, temperature_K)


def _from_point(d_cm2_s: float, t_k: float, ea: float) -> float:
    """D0 (m^2/s) from one D (cm^2/s) at T (K) and Ea (eV)."""
    return to_si(d_cm2_s, "cm2/s") * math.exp(ea / (BOLTZMANN_EV_PER_K * t_k))


PARAMETERS: dict[tuple[str, str], DiffusionParameters] = {
    ("Co", "Li7La3Zr2O12"): DiffusionParameters(
        "Co", "Li7La3Zr2O12", _from_point(9.46e-14, 973.15, 1.65), 1.65, "measured (D at 700 C and Ea)",
        f"ChemRxiv preprint 2023, Co incorporation into LLZO ({_CO_URL})"),
    ("Li", "Li7La3Zr2O12"): DiffusionParameters(
        "Li", "Li7La3Zr2O12", _from_point(1.33e-8, 298.15, 0.31), 0.31,
        "D at 25 C from conductivity spectra; Ea of the conductivity",
        "Ahmad, RSC Adv. 5, 25824 (2015); Ea: Murugan et al., Angew. Chem. Int. Ed. 2007 (ref. 57 in Zheng et al., "
        "Batteries & Supercaps 2021, Table 1)"),
}


@dataclass(frozen=True)
class DiffusionStep(Result):
    """One step: temperature (K), duration (s), D (m^2/s) and the length it alone would give (m)."""

    temperature_K: float
    duration_s: float
    diffusivity_m2_per_s: float
    length_m: float


@dataclass(frozen=True, kw_only=True)
class InterdiffusionResult(PhysicsResult):
    """Diffusion length of one species over a heat-treatment schedule."""

    species: str
    host: str
    parameters: DiffusionParameters
    steps: tuple[DiffusionStep, ...]
    length_m: float
    length_nm: float


def parameters_for(species: str, host: str = "Li7La3Zr2O12") -> DiffusionParameters:
    """The tabulated parameters, or a one-line error naming what is tabulated."""
    p = PARAMETERS.get((species, host))
    if p is None:
        have = ", ".join(f"{s} in {h}" for s, h in PARAMETERS)
        raise UnitError(f"no measured diffusion parameters for {species} in {host} (tabulated: {have}): give D0 and "
                        "Ea to compute it")
    return p


def diffusion_length(schedule: Sequence[tuple[float, float]], species: str = "Co", host: str = "Li7La3Zr2O12",
                     d0_m2_per_s: float | None = None, activation_energy_eV: float | None = None
                     ) -> InterdiffusionResult:
    """``L = sqrt(sum_i D(T_i) t_i)`` over ``schedule`` = [(temperature K, duration s), ...].

    ``d0_m2_per_s`` and ``activation_energy_eV`` (both) replace the tabulated parameters.
    """
    if (d0_m2_per_s is None) != (activation_energy_eV is None):
        raise UnitError("give both D0 and Ea, or neither (tabulated parameters)")
    if d0_m2_per_s is not None:
        p = DiffusionParameters(species, host, positive(d0_m2_per_s, "D0"), positive(activation_energy_eV, "Ea"),
                                "given", "given by the user")
    else:
        p = parameters_for(species, host)
    if not schedule:
        raise UnitError("empty schedule: give at least one step (temperature, duration)")
    steps = []
    total = 0.0
    for t_k, dur in schedule:
        t_k = temperature(t_k)
        dur = positive(dur, "duration")
        d = p.d(t_k)
        total += d * dur
        steps.append(DiffusionStep(t_k, dur, d, math.sqrt(d * dur)))
    length = math.sqrt(total)
    return InterdiffusionResult(
        model="interdiffusion", species=species, host=host, parameters=p, steps=tuple(steps), length_m=length,
        length_nm=from_si(length, "nm"), equation="D(T) = D0 exp(-Ea/kT); L = sqrt(sum_i D(T_i) t_i)",
        citation=p.source, inputs={"schedule": [[t, s] for t, s in schedule]})
