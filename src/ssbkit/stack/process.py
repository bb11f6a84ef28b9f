"""A cell's processing history: heat-treatment steps, what they do to its interfaces and surfaces.

``"sinter 700C 2h air; anneal 500C 1h ar"``: each step is a name, a temperature, an optional
duration and an optional atmosphere (preset or ``O2=0.21,CO2=4e-4``; default air).  For every step:

* the thermal reaction at each interface between two layers that are not Li metal (a cathode and a
  garnet co-sintered, Wang et al., Adv. Energy Mater. 2020 §3.2.2-3.3), from
  :class:`~ssbkit.interfaces.thermal.ThermalCalculator`;
* the surface of the electrolyte that will face the anode: what it becomes in the step's atmosphere
  (Li2CO3, LiOH ...: §2.2), and whether a later, hotter step removes it (§2.3.1).

The assessment folds these into the verdicts: an exergonic thermal interface reaction makes an
interface at least ``resistive`` (its products sit between the layers from the start); a carbonate or
hydroxide left on the Li-side surface makes the Li contact at least ``resistive`` (poor wetting, Wang et al., Adv. Energy Mater. 2020
§2.2-2.3).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import SsbkitError
from ..interfaces.thermal import AtmosphereReaction, ThermalReaction
from ..results import Result
from ..thermo.atmosphere import Atmosphere

MAX_STEPS = 20


@dataclass(frozen=True)
class ProcessStep(Result):
    """One heat treatment: name, temperature (K), duration (h, None if not given), atmosphere."""

    name: str
    temperature_K: float
    duration_h: float | None
    atmosphere: Atmosphere

    @property
    def label(self) -> str:
        t = f"{self.temperature_K - 273.15:.0f} C"
        d = f" {self.duration_h:g} h" if self.duration_h is not None else ""
        return f"{self.name} {t}{d} in {self.atmosphere.name}"


@dataclass(frozen=True)
class ThermalStep(Result):
    """What one step does at one interface."""

    step: ProcessStep
    interface: str
    reaction: ThermalReaction


@dataclass(frozen=True)
class SurfaceStep(Result):
    """What one step does to the anode-side surface of the electrolyte (contaminants present after it)."""

    step: ProcessStep
    material: str
    exposure: AtmosphereReaction
    contaminants_after: tuple[str, ...]


def parse_process(text: str) -> tuple[ProcessStep, ...]:
    """Steps separated by ``;``: ``NAME TEMPERATURE [DURATION] [ATMOSPHERE]``."""
    from ..thermo.atmosphere import parse_atmosphere
    from ..units import parse_quantity
    from ..validate import number

    parts = [p.strip() for p in (text or "").split(";") if p.strip()]
    if not parts:
        raise SsbkitError("empty processing history: give steps such as \"sinter 700C 2h air; anneal 500C 1h ar\"",
                          param="process")
    if len(parts) > MAX_STEPS:
        raise SsbkitError(f"the processing history has {len(parts)} steps: at most {MAX_STEPS}", param="process")
    steps = []
    for part in parts:
        tok = part.split()
        if len(tok) < 2 or len(tok) > 4:
            raise SsbkitError(f"cannot read process step {part!r}: give NAME TEMPERATURE [DURATION] [ATMOSPHERE], "
                              "e.g. sinter 700C 2h air", param="process")
        t = number(parse_quantity(tok[1], "temperature", name="process temperature"), "process temperature",
                   0.0, 2000.0, unit="K", lo_open=True, param="process")
        duration = None
        atm = "air"
        for extra in tok[2:]:
            if extra[0].isdigit() or extra[0] == ".":
                if duration is not None:
                    raise SsbkitError(f"process step {part!r} has two durations", param="process")
                duration = number(parse_quantity(extra, "time", name="process duration") / 3600.0,
                                  "process duration", 0.0, 1e5, unit="h", lo_open=True, param="process")
            else:
                atm = extra
        steps.append(ProcessStep(name=tok[0], temperature_K=t, duration_h=duration, atmosphere=parse_atmosphere(atm)))
    return tuple(steps)


def _contaminants(products: tuple[str, ...]) -> tuple[str, ...]:
    """Carbonates, hydroxides and hydrates of Li among ``products`` (what wets Li poorly)."""
    from ..materials import resolve

    out = []
    for p in products:
        els = {el.symbol for el in resolve(p).composition}
        if "Li" in els and "O" in els and els & {"C", "H"}:
            out.append(p)
    return tuple(out)


def surface_history(thermo, electrolyte: str, steps: tuple[ProcessStep, ...]) -> tuple[SurfaceStep, ...]:
    """The anode-side surface of ``electrolyte`` through the steps: contaminants formed and removed."""
    from ..interfaces.thermal import in_atmosphere

    out = []
    present: tuple[str, ...] = ()
    for st in steps:
        r = in_atmosphere(thermo, electrolyte, st.atmosphere, st.temperature_K)
        formed = _contaminants(r.products) if not r.stable else ()
        if formed:
            present = tuple(sorted(set(present) | set(formed)))
        elif present:
            kept = []
            for c in present:  # does this step take it off (on the electrolyte, in this atmosphere)?
                rr = in_atmosphere(thermo, c, st.atmosphere, st.temperature_K, with_material=electrolyte)
                if _contaminants(rr.products):
                    kept.append(c)
            present = tuple(kept)
        out.append(SurfaceStep(step=st, material=r.material, exposure=r, contaminants_after=present))
    return tuple(out)
