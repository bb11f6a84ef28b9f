"""The carbonate/hydroxide layer processing leaves on the surface Li touches, as resistance contributions.

From the surface history (:func:`.process.surface_history`: what forms in each step, what a polish, an acid or
a hot step removes), the layer's thickness (:func:`ssbkit.physics.surface_layer.surface_layer`), its ``L /
sigma`` and, since Li does not wet a carbonate or hydroxide, the constriction resistance of a lithiophobic
contact at the stack pressure (Wang et al., Adv. Energy Mater. 2020, §2.2-2.3, Eq. 1).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..literature import joins
from ..parameters import to_si
from ..physics.surface_layer import Exposure, surface_layer
from .budget import AsrContribution, BudgetBuilder
from .process import removes

if TYPE_CHECKING:
    from .heat import HeatFacts
    from .interface_facts import InterfaceFacts

NAMES = ("surface.growth_rate", "surface.activation_energy", "surface.dry_factor")


def _exposures(heat: HeatFacts) -> list[Exposure]:
    """Each step as an exposure: it grows the layer where it formed carbonate or hydroxide, and clears it first
    when it polishes or etches, or when nothing is left after it (in part, when its carbon ran out)."""
    out = []
    for s in heat.surface:
        pp = s.step.atmosphere.partial_pressures_bar
        grows = bool(s.formed)
        out.append(Exposure(s.step.temperature_K, to_si(s.step.duration_h or 0.0, "h"),
                            pp.get("H2O", 0.0) if grows else 0.0, pp.get("CO2", 0.0) if grows else 0.0,
                            removes=removes(s.step) or not s.contaminants_after, kept=s.kept_fraction))
    return out


def surface_terms(heat: HeatFacts, facts: InterfaceFacts, budget: BudgetBuilder,
                  pressure_Pa: float | None) -> list[AsrContribution]:
    """The surface-layer term (and the lithiophobic contact it makes) at the Li-side interface ``facts``."""
    if not heat.surface or not heat.surface[-1].contaminants_after:
        return []
    left = heat.surface[-1].contaminants_after
    host = facts.right if facts.left.formula == "Li" else facts.left
    phase = "Li2CO3" if any("C" in c for c in left) else "LiOH"
    sig, sname = budget.sigma(phase)
    rate, ea, dry = (budget._si(n) for n in NAMES)
    res = surface_layer(_exposures(heat), rate, ea, dry, to_si(sig, "S/cm"))
    if any(s.step.duration_h is None for s in heat.surface if not removes(s.step)):
        budget.notes.append("surface layer: a step without a duration adds no thickness; give durations "
                            "(store 25C 168h air)")
    names = [*NAMES, *([sname] if sname else [])]
    c = AsrContribution(f"surface layer {phase} on {host.material.name} at {facts.name}", "surface layer", "constant",
                        tuple(res.asr_ohm_cm2 for _ in budget.times_h), tuple(res.thickness_nm for _ in budget.times_h),
                        sig, f"{res.equation} (L = {res.thickness_nm:.3g} nm of {', '.join(left)}, as {phase})",
                        tuple(names), budget._estimate(names), "left by processing on the surface Li touches")
    budget.add(c)
    made = [c]
    ang = joins.contact_angle(phase)
    own = joins.contact_angle(host.material.name) or joins.contact_angle(host.formula)
    limit = budget._p("lithiophobic_contact_angle")
    pressed_already = any(c.kind == "contact" for c in facts.contributions)
    if ang is not None and ang.contact_angle_deg >= limit and not (own and own.contact_angle_deg >= limit) \
            and not pressed_already:
        el_sig = joins.material_conductivity(host.material)
        made += budget._constriction(
            "contact", facts.name, el_sig.conductivity_S_per_cm if el_sig else 1e-4, pressure_Pa,
            f"Wang et al., Adv. Energy Mater. 2020 Eq. (1): R = (1/(2 sigma)) sqrt(pi H / F), Li on {phase} "
            f"(contact angle {ang.contact_angle_deg:.0f} deg, {ang.citation})",
            f"Li does not wet the {phase} left on the surface (contact angle {ang.contact_angle_deg:.0f} deg) but no "
            "stack pressure is given: the contact term was not evaluated")
    return made
