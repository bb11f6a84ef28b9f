"""Facts of a processing history (sintering, annealing, storage): what every non-Li interface forms at each
step, how far cations diffuse, and what is left on the surface Li will touch.  No verdict: :mod:`.grading`
folds these facts into the interfaces' grades (Wang et al., Adv. Energy Mater. 2020, §3.2.2-3.3 for the
thermal reactions, §2.2 for the Li-side surface).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import SsbkitError
from .context import AssessmentContext, reduced
from .interface_facts import InterfaceFacts
from .parse import Layer, Stack


@dataclass
class HeatFacts:
    """The processing facts of a stack (``error``: why they could not be computed)."""

    steps: list[Any] = field(default_factory=list)
    diffusion: dict[int, list[str]] = field(default_factory=dict)
    surface: tuple = ()
    surface_at: int | None = None
    error: str = ""


def cation_diffusion(left: Layer, right: Layer, steps: tuple) -> list[str]:
    """Diffusion lengths over the processing steps (with durations) of the tabulated species that one side
    holds and the other hosts (Co into LLZO; :mod:`ssbkit.physics.interdiffusion`)."""
    from ..physics.interdiffusion import PARAMETERS, diffusion_length

    schedule = [(st.temperature_K, st.duration_h * 3600.0) for st in steps if st.duration_h]
    out = []
    for src, host in ((left, right), (right, left)):
        for (species, host_formula), p in PARAMETERS.items():
            if species == "Li" or reduced(host.formula) != reduced(host_formula):
                continue
            if species in {el.symbol for el in src.material.composition}:
                if not schedule:
                    out.append(f"{species} diffusion into {host.material.name}: give step durations to compute it")
                    continue
                r = diffusion_length(schedule, species, host_formula)
                out.append(f"{species} diffuses about {r.length_nm:.3g} nm into {host.material.name} during processing "
                           f"(D0 {p.d0_m2_per_s:.3g} m2/s, Ea {p.activation_energy_eV:g} eV; {p.source})")
    return out


def heat_facts(ctx: AssessmentContext, stack: Stack, interfaces: list[InterfaceFacts]) -> HeatFacts:
    """The thermal reaction of every non-Li interface at every step (kept on the interface's facts), the cation
    diffusion there, and the surface history of the layer Li touches."""
    from ..interfaces.thermal import ThermalCalculator
    from .process import ThermalStep, supplied, surface_history

    out = HeatFacts()
    if ctx.thermo is None:
        out.error = "no thermodynamic data"
        return out
    try:
        for k, f in enumerate(interfaces):
            if f.right_name != f.right.material.name or "Li" in (f.left.formula, f.right.formula):
                continue
            for st in ctx.process:
                ctx.progress(f"{st.name} {f.name}")
                gas = supplied(st.atmosphere, (f.left.formula, f.right.formula))
                r = ThermalCalculator(ctx.thermo, f.left.material, f.right.material, gas).at(st.temperature_K)
                step = ThermalStep(step=st, interface=f.name, reaction=r)
                f.processing.append(step)
                out.steps.append(step)
            out.diffusion[k] = cation_diffusion(f.left, f.right, ctx.process)
        k = next((k for k, f in enumerate(interfaces) if f.side == "negative"), None)
        if k is not None and interfaces[k].left.formula != "Li":
            out.surface = surface_history(ctx.thermo, interfaces[k].left.formula, ctx.process)
            out.surface_at = k
    except SsbkitError as exc:
        for f in interfaces:
            f.processing.clear()
        return HeatFacts(error=str(exc))
    return out
