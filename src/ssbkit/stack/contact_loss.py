"""Contact lost in a composite electrode as its active particles shrink and swell over the cycles.

Wang et al., Adv. Energy Mater. 2020 §3.4 (refs. [139]-[142]): the volume change of the active material opens
gaps between it and the electrolyte; the interfacial resistance of the composite grows over the cycles while the
electrolyte's own stays (Koerver et al., Chem. Mater. 2017; Wang et al., ACS Appl. Mater. Interfaces 2019).

First-order model, per cycle ``n = t / t_cycle`` (``mechanics.cycle_time``):

* whether the electrolyte debonds from a particle that shrinks by ``|dV/V|`` (the electrode's measured volume
  change over its cycling), and how far along its surface, is :func:`ssbkit.physics.cracking.cracking` with
  the electrolyte's modulus, the particle size and the stack pressure (share ``phi_d`` of the surface);
* the stack pressure ``p`` presses part of each debonded gap shut: the gap's opening is the particle's linear
  strain, closing it elastically takes ``sigma_close = E'_SE |eps|``, so a share ``p / (p + sigma_close)``
  stays in contact;
* contact kept after ``n`` cycles: ``theta(n) = theta_inf + (1 - theta_inf) exp(-n / n_c)`` with
  ``theta_inf = 1 - phi_d sigma_close / (p + sigma_close)`` (``n_c``: ``mechanics.contact_loss_cycles``);
* the interface's resistance ``R`` then crosses a share ``theta`` of the area: the term added is
  ``R (1 / theta - 1)``.
"""

from __future__ import annotations

import math
from typing import Any

from .budget import AsrContribution, BudgetBuilder
from .conditions import Conditions
from .parse import Stack


def contact_loss(stack: Stack, layers: list[Any], interfaces: list[Any], cond: Conditions,
                 budget: BudgetBuilder) -> AsrContribution | None:
    """The contact-loss term of the cathode's composite (None when the cathode's volume change is not known,
    it swells rather than shrinks over the cycle, or nothing debonds)."""
    if not layers or stack.layers[0].role != "cathode" or layers[0].volume_change is None or not interfaces:
        return None
    dv, other, ref = layers[0].volume_change
    el = next((lay for lay in stack.layers[1:] if lay.role == "electrolyte"), None)
    if el is None:
        return None
    if dv >= 0:
        budget.notes.append(_swelling_note(el, dv, other, ref, cond, budget))
        return None
    p = cond.pressure_Pa or 0.0
    res, e_m, basis = _cracking(el, dv, p, budget)
    phi = res.debonded_fraction
    if phi <= 0.0:
        return None
    names = ["mechanics.cycle_time", "mechanics.contact_loss_cycles", *CRACKING_PARAMETERS]
    t_cycle, n_c = budget.value(names[0]), budget.value(names[1])
    eps = abs(res.linear_strain_percent) / 100.0
    close = e_m / (1.0 - budget.value("mechanics.llzo_poisson_ratio") ** 2) * eps
    theta_inf = 1.0 - phi * close / (p + close)
    base = [sum(c.asr_ohm_cm2[k] for c in interfaces[0].contributions) for k in range(len(budget.times_h))]
    asr = []
    for k, t in enumerate(budget.times_h):
        theta = theta_inf + (1.0 - theta_inf) * math.exp(-(t / t_cycle) / n_c)
        asr.append(base[k] * (1.0 / theta - 1.0))
    c = AsrContribution(
        f"contact loss {stack.layers[0].material.name} | {el.material.name}", "contact loss", "none", tuple(asr),
        None, None,
        "R (1/theta - 1), theta = theta_inf + (1 - theta_inf) exp(-t / (t_cycle n_c)), theta_inf = 1 - phi_d "
        "E'|eps| / (p + E'|eps|)", tuple(names), budget.estimated(names),
        f"the cathode shrinks {dv:+g} % ({other}; {ref}): the electrolyte ({basis}) debonds over "
        f"{100 * phi:.0f} % of its surface (G = {res.energy_release_rate_J_per_m2:.3g} J/m2 against "
        f"{res.fracture_energy_J_per_m2:g}); {p / 1e6:g} MPa keeps {100 * p / (p + close):.2g} % of that shut "
        f"(closing it takes {close / 1e6:.3g} MPa); contact kept after {budget.times_h[-1] / t_cycle:.3g} cycles: "
        f"{100 * (theta_inf + (1 - theta_inf) * math.exp(-(budget.times_h[-1] / t_cycle) / n_c)):.3g} % "
        "(Wang et al., Adv. Energy Mater. 2020, §3.4)")
    budget.add(c)
    return c


#: the parameters of :func:`ssbkit.physics.cracking.cracking` the assessment takes from its store
CRACKING_PARAMETERS = ("mechanics.particle_radius", "mechanics.flaw_size", "mechanics.fracture_energy",
                       "mechanics.interface_fracture_energy", "mechanics.cathode_young_modulus",
                       "mechanics.cathode_poisson_ratio", "mechanics.active_fraction", "mechanics.llzo_poisson_ratio")


def _cracking(el: Any, dv: float, pressure: float, budget: BudgetBuilder) -> tuple[Any, float, str]:
    """(the cracking result, the electrolyte's modulus in Pa, its basis) with the store's parameters (the user's
    ``--param`` overrides included), each recorded as used."""
    from ..physics.cracking import cracking

    e_m, basis = electrolyte_modulus(el, budget)
    si = budget.si
    res = cracking(dv / 100.0, e_m, budget.value("mechanics.llzo_poisson_ratio"),
                   fracture_energy_J_per_m2=si("mechanics.fracture_energy"),
                   interface_fracture_energy_J_per_m2=si("mechanics.interface_fracture_energy"),
                   particle_young_modulus_Pa=si("mechanics.cathode_young_modulus"),
                   particle_poisson_ratio=budget.value("mechanics.cathode_poisson_ratio"),
                   particle_radius_m=si("mechanics.particle_radius"), flaw_size_m=si("mechanics.flaw_size"),
                   volume_fraction=budget.value("mechanics.active_fraction"), stack_pressure_Pa=pressure)
    return res, e_m, basis


def electrolyte_modulus(el: Any, budget: BudgetBuilder) -> tuple[float, str]:
    """(Young's modulus in Pa, its basis) of an electrolyte: from the reported shear modulus of its family
    (``E = 2 G (1 + nu)``, nu = 0.26), else the store's sulfide or LLZO value."""
    from ..literature.joins import shear_modulus
    from .junctions import anion_class

    g = shear_modulus(el.material.name) or shear_modulus(el.formula)
    if g is not None:
        return 2.0 * g.shear_modulus_GPa * 1e9 * 1.26, f"E from G = {g.shear_modulus_GPa:g} GPa, {g.citation}"
    name = "mechanics.sulfide_young_modulus" if anion_class(el.formula) == "sulfide" else "mechanics.llzo_young_modulus"
    return budget.si(name), f"E of {'a sulfide' if 'sulfide' in name else 'LLZO'}, {name}"


def _swelling_note(el: Any, dv: float, other: str, ref: str, cond: Conditions, budget: BudgetBuilder) -> str:
    res, _, basis = _cracking(el, dv, cond.pressure_Pa or 0.0, budget)
    what = (f"cracks the electrolyte from the particles' corners ({res.final_crack_length_um:.2g} um cracks; G = "
            f"{res.energy_release_rate_J_per_m2:.3g} J/m2 against {res.fracture_energy_J_per_m2:g})" if res.cracks
            else f"does not crack the electrolyte (G = {res.energy_release_rate_J_per_m2:.3g} J/m2 against "
                 f"{res.fracture_energy_J_per_m2:g})")
    return f"the cathode swells {dv:+g} % ({other}; {ref}) over its cycle and {what}; {basis}"
