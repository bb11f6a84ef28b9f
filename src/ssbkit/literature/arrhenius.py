"""Arrhenius extrapolation of Zheng et al., Batteries & Supercaps 2021 Table 1 conductivities.

sigma(T) = sigma_RT * exp(-E_a / k_B * (1/T - 1/T_RT)),  T_RT = 298.15 K,

with sigma_RT the room-temperature conductivity (S/cm) and E_a the activation
energy (eV) of Zheng et al., Batteries & Supercaps 2021 Table 1, k_B in eV/K
(:data:`ssbkit.units.BOLTZMANN_EV_PER_K`).  The review's "RT" is taken as 298.15 K.
"""

from __future__ import annotations

from ..constants import ROOM_TEMPERATURE_K
from ..constants import arrhenius as _arrhenius
from ..errors import SsbkitError
from ..units import ZERO_CELSIUS_K
from .loader import load
from .query import _best, _values, material_key
from .records import ConductivityResult, ElectrolyteRecord


def arrhenius(sigma_rt_S_per_cm: float, activation_energy_eV: float, temperature_K: float,
              reference_temperature_K: float = ROOM_TEMPERATURE_K) -> float:
    """sigma(T) in S/cm from sigma at ``reference_temperature_K`` and E_a in eV."""
    if temperature_K <= 0:
        raise SsbkitError(f"temperature must be above 0 K, got {temperature_K:g} K")
    return _arrhenius(sigma_rt_S_per_cm, activation_energy_eV, temperature_K, reference_temperature_K)


def conductivity(material: str, temperature_K: float = ROOM_TEMPERATURE_K) -> list[ConductivityResult]:
    """Ionic conductivity of ``material`` at ``temperature_K`` from Zheng et al., Batteries & Supercaps 2021 Table 1.

    Uses the Table 1 rows that are the same material (exact match: same reduced
    composition or abbreviation, e.g. ``LGPS``, ``Li3PS4`` also finds the
    75Li2S·25P2S5 glass).  Family members (e.g. LLZO for LLZTO) are never
    substituted silently: they are named in the error instead.

    Returns:
        One result per matching row with a usable activation energy.

    Raises:
        SsbkitError: unknown material, no Table 1 row, or E_a printed as N/A or
            only as a bound ("< 0.6 eV").
    """
    key = material_key(material)
    rows: list[ElectrolyteRecord] = load("electrolytes")  # type: ignore[assignment]
    exact, family = [], []
    for r in rows:
        m = _best(key, _values(r, ("material", "formula", "material_printed")))
        if m and m[0] == "exact":
            exact.append((r, m))
        elif m:
            family.append(r)
    if not exact:
        if family:
            names = ", ".join(f"{r.material} {r.ref}" for r in family)
            raise SsbkitError(f"Table 1 of Zheng et al. 2021 has no row for {material!r}; same family: {names} "
                              "(ask for one of them by name)")
        names = ", ".join(r.material for r in rows if r.formula or r.material == "LiPON")
        raise SsbkitError(f"Table 1 of Zheng et al. 2021 has no row for {material!r}: it lists {names}")
    results, skipped = [], []
    for r, (level, note) in exact:
        if r.activation_energy_eV is None:
            skipped.append(f"{r.material} {r.ref}: E_a printed as {r.activation_energy_printed}")
            continue
        if r.activation_energy_qualifier:
            skipped.append(f"{r.material} {r.ref}: E_a printed only as a bound ({r.activation_energy_printed})")
            continue
        sigma = arrhenius(r.conductivity_S_per_cm, r.activation_energy_eV, temperature_K)
        results.append(ConductivityResult(
            material=r.material, material_printed=r.material_printed, formula=r.formula,
            temperature_K=temperature_K, temperature_C=temperature_K - ZERO_CELSIUS_K,
            conductivity_S_per_cm=sigma, conductivity_rt_S_per_cm=r.conductivity_S_per_cm,
            reference_temperature_K=ROOM_TEMPERATURE_K, activation_energy_eV=r.activation_energy_eV,
            activation_energy_printed=r.activation_energy_printed, source=r.source, table=r.table,
            ref=r.ref, row=r.row, match=level, match_note=note,
            method="Arrhenius: sigma(T) = sigma_RT*exp(-Ea/kB*(1/T - 1/298.15 K))",
            correction_note=r.correction_note))
    if not results:
        raise SsbkitError(f"cannot extrapolate {material!r}: Table 1 of Zheng et al. 2021 gives no activation energy "
                          f"({'; '.join(skipped)})")
    return results
