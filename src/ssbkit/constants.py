"""Constants and laws shared by several layers: room temperature and the Arrhenius law.

>>> round(arrhenius(1e-3, 0.3, 333.15), 6)
0.00341
"""

from __future__ import annotations

import math
from typing import Final

from .units import BOLTZMANN_EV_PER_K

#: Room temperature, K: the reference of every "RT" value in the reviews and of the Arrhenius forms.
ROOM_TEMPERATURE_K: Final = 298.15


def arrhenius(value_at_reference: float, activation_energy_eV: float, temperature_K: float,
              reference_temperature_K: float = ROOM_TEMPERATURE_K) -> float:
    """Arrhenius law referenced to a temperature.

    ``y(T) = y(T_ref) * exp(-E_a / k_B * (1/T - 1/T_ref))`` with k_B in eV/K
    (:data:`ssbkit.units.BOLTZMANN_EV_PER_K`); ``y`` in any unit (returned in the same).
    Used for Li-ion conductivities (Zheng et al., Batteries & Supercaps 2021, §2 and Table 1),
    Li self-diffusion and critical current densities (Wang et al., Adv. Energy Mater. 2020, §2.4-2.5).
    """
    return value_at_reference * math.exp(-activation_energy_eV / BOLTZMANN_EV_PER_K
                                         * (1.0 / temperature_K - 1.0 / reference_temperature_K))


def arrhenius_prefactor_form(prefactor: float, activation_energy_eV: float, temperature_K: float) -> float:
    """The same law written with its prefactor: ``y(T) = A exp(-E_a / (k_B T))`` (``y`` in the unit of ``A``)."""
    return prefactor * math.exp(-activation_energy_eV / (BOLTZMANN_EV_PER_K * temperature_K))

#: A reaction counts as one when it releases more than this, eV/atom; above it the mixture is in equilibrium
#: (the figure is the numerical floor of the convex-hull arithmetic, not a physical tolerance).
REACTS_EV: Final = 1e-3
