"""Chemo-mechanics: volume change of the active material -> strain and stress in a stiff electrolyte.

The largest tension comes from :mod:`ssbkit.physics.cracking` (a particle's corner in a dense composite); the
single-sphere figures below are kept as the idealised bounds they are.

Wang et al., Adv. Energy Mater. 2020 section 3.4 (refs. [137]-[143]): active particles expand and contract on
(de)lithiation inside a dense, stiff electrolyte; the misfit builds stress that cracks
the electrolyte or delaminates the interface.  First-order estimates:

* linear (isotropic) misfit strain: ``eps = (1 + dV/V)^(1/3) - 1``
* fully constrained layer (biaxial, film on a rigid body): ``sigma = E_SE eps / (1 - nu_SE)``
* Eshelby spherical inclusion (particle, bulk modulus K_AM) in an infinite elastic matrix
  (shear modulus G_SE = E / (2 (1 + nu))): interface pressure
  ``p = 12 K_AM G_SE eps / (3 K_AM + 4 G_SE)`` (rigid particle: ``p = 4 G_SE eps``);
  matrix stresses at the interface: radial ``-p``, hoop ``+p/2``.

For expansion (eps > 0) the hoop stress in the electrolyte is tensile (radial cracks); for
contraction (eps < 0) the radial stress is tensile (debonding, contact loss).  The largest
tensile stress is compared with the electrolyte's fracture strength when given.
Elastic only (no plasticity, no crack mechanics: after initiation the fracture toughness
governs, Wang et al., Adv. Energy Mater. 2020 section 3.4 ref. [139]).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..bibliography import WANG, cite
from ..errors import UnitError
from ..parameters import default, from_si
from ._base import PhysicsResult, finite, positive

__all__ = ["LLZO_POISSON_RATIO", "LLZO_YOUNG_MODULUS_PA", "StrainResult", "volume_change_stress"]

#: Young's modulus and Poisson ratio of cubic LLZO (Yu et al., Chem. Mater. 2016, ref. 8 in Wang et al., Adv. Energy Mater. 2020: E about 150 GPa, nu 0.26).
LLZO_YOUNG_MODULUS_PA = default("mechanics.llzo_young_modulus", "Pa")
LLZO_POISSON_RATIO = default("mechanics.llzo_poisson_ratio", "dimensionless")


@dataclass(frozen=True, kw_only=True)
class StrainResult(PhysicsResult):
    """Misfit strain and stress estimates."""

    volume_change_percent: float
    linear_strain: float
    linear_strain_percent: float
    constrained_stress_MPa: float
    inclusion_pressure_MPa: float
    max_tensile_stress_MPa: float
    tensile_mode: str
    fracture_strength_MPa: float | None
    exceeds_fracture_strength: bool | None
    safety_factor: float | None


def volume_change_stress(volume_change_fraction: float, electrolyte_young_modulus_Pa: float = LLZO_YOUNG_MODULUS_PA,
                         electrolyte_poisson_ratio: float = LLZO_POISSON_RATIO, *,
                         active_bulk_modulus_Pa: float | None = None,
                         fracture_strength_Pa: float | None = None) -> StrainResult:
    """Strain and stress in the electrolyte caused by a volume change dV/V of the active material.

    Equations: ``eps = (1 + dV/V)^(1/3) - 1``; ``sigma_c = E eps / (1 - nu)`` (a layer on a rigid body);
    ``p = 12 K G eps / (3K + 4G)`` (one Eshelby sphere in an infinite matrix).  The largest tensile stress is
    the one at a particle's corner in a dense composite (:func:`ssbkit.physics.cracking.cracking`, at the flaw
    size): it falls as the electrolyte's stiffness approaches the particle's (Bucci et al.), where the single
    sphere's hoop stress ``p/2`` would rise with it.
    Citation: Wang et al., Adv. Energy Mater. 2020 section 3.4, refs. [138],[139],[140].

    Args:
        volume_change_fraction: dV/V of the active material (e.g. -0.05 for NCM811 delithiation), > -1, not 0.
        electrolyte_young_modulus_Pa: E of the electrolyte (default LLZO 150 GPa).
        electrolyte_poisson_ratio: nu of the electrolyte (default 0.26), -1 < nu < 0.5.
        active_bulk_modulus_Pa: K of the particle; None = a layered oxide (``mechanics.cathode_young_modulus``).
        fracture_strength_Pa: electrolyte strength for the comparison (optional).

    Raises:
        UnitError: dV/V <= -1 or 0, non-positive moduli, Poisson ratio out of range.
    """
    from .cracking import cracking

    dv = finite(volume_change_fraction, "volume change")
    if dv <= -1.0:
        raise UnitError(f"volume change must be above -100 %, got {dv * 100:g} %")
    E = positive(electrolyte_young_modulus_Pa, "Young's modulus of the electrolyte")
    nu = finite(electrolyte_poisson_ratio, "Poisson ratio")
    if not -1.0 < nu < 0.5:
        raise UnitError(f"Poisson ratio must lie in (-1, 0.5), got {nu:g}")
    nu_p = default("mechanics.cathode_poisson_ratio", "dimensionless")
    if active_bulk_modulus_Pa is not None:
        K = positive(active_bulk_modulus_Pa, "bulk modulus of the active material")
    else:
        K = default("mechanics.cathode_young_modulus", "Pa") / (3.0 * (1.0 - 2.0 * nu_p))
    sf = positive(fracture_strength_Pa, "fracture strength") if fracture_strength_Pa is not None else None
    eps = (1.0 + dv) ** (1.0 / 3.0) - 1.0
    G = E / (2.0 * (1.0 + nu))
    sigma_c = E * eps / (1.0 - nu)
    p = 12.0 * K * G * eps / (3.0 * K + 4.0 * G)
    corner = cracking(dv, E, nu, particle_young_modulus_Pa=3.0 * K * (1.0 - 2.0 * nu_p), particle_poisson_ratio=nu_p)
    tens = max(corner.corner_tension_MPa, 0.0) * 1e6
    mode = ("hoop, at a particle's corner (radial cracks in the electrolyte around an expanding particle)" if eps >= 0
            else "radial, at a particle's corner (debonding / contact loss at a shrinking particle)")
    warnings = list(corner.warnings)
    if tens == 0.0:
        warnings.append("no tension at the particles' corners: the confined composite keeps the electrolyte in "
                        "compression")
    exceeds = None if sf is None else tens > sf
    return StrainResult(
        model="volume_change_stress",
        equation="eps = (1+dV/V)^(1/3) - 1; sigma_c = E eps/(1-nu); p = 12 K G eps/(3K+4G) (Eshelby sphere); "
                 "largest tension: at a particle's corner in the confined composite (physics cracking)",
        citation=cite(WANG, "[138],[139],[140]", "§3.4"),
        inputs={"volume_change_fraction": dv, "electrolyte_young_modulus_Pa": E, "electrolyte_poisson_ratio": nu,
                "active_bulk_modulus_Pa": K, "fracture_strength_Pa": sf}, warnings=warnings,
        volume_change_percent=100 * dv, linear_strain=eps, linear_strain_percent=100 * eps,
        constrained_stress_MPa=from_si(sigma_c, "MPa"), inclusion_pressure_MPa=from_si(p, "MPa"),
        max_tensile_stress_MPa=from_si(tens, "MPa"),
        tensile_mode=mode, fracture_strength_MPa=None if sf is None else from_si(sf, "MPa"), exceeds_fracture_strength=exceeds,
        safety_factor=None if sf is None or tens <= 0 else sf / tens)


def measured_volume_change(formula: str) -> tuple[float, str, str] | None:
    """(percent, lithiated or delithiated phase, reference) of an electrode's measured volume change over its
    (de)lithiation (:func:`ssbkit.data.volumes.measured_volume_changes`), or None when not tabulated."""
    from pymatgen.core import Composition

    from ..data.volumes import measured_volume_changes

    table = measured_volume_changes()
    row = table.get(formula)
    if row is None:
        try:
            want = Composition(formula).reduced_composition
        except (ValueError, KeyError):
            return None
        row = next((r for k, r in table.items() if Composition(k).reduced_composition.almost_equals(want)), None)
    return None if row is None else (row.percent, row.to, row.reference)
