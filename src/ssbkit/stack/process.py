"""A cell's processing history: heat-treatment steps, what they do to its interfaces and surfaces.

``"sinter 700C 2h air; anneal 500C 1h ar"``: each step is a name, a temperature, an optional
duration, an optional atmosphere (preset or ``O2=0.21,CO2=4e-4``; default air) and ``carbon`` at the end
when a carbon source touches the surface (``anneal 700C 1h ar carbon``).  ``polish``, ``acid``, ``hcl`` or
``h3po3`` steps clear the surface first.  For every step:

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
from ..parameters import from_si
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
    #: a pressure applied in the step (``attach 25C 150MPa``: Li pressed on), Pa
    pressure_Pa: float | None = None

    @property
    def label(self) -> str:
        t = f"{self.temperature_K - 273.15:.0f} C"
        d = f" {self.duration_h:g} h" if self.duration_h is not None else ""
        p = f" at {from_si(self.pressure_Pa, 'MPa'):g} MPa" if self.pressure_Pa is not None else ""
        return f"{self.name} {t}{d}{p} in {self.atmosphere.name}"


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
    #: what this step formed on the surface (nothing in an inert gas, or where the surface is stable)
    formed: tuple[str, ...] = ()
    #: the share of the layer left after the step (below 1 where the carbon present removed part of it)
    kept_fraction: float = 1.0


#: steps done in a glovebox unless an atmosphere is given: Li attachment and polishing
GLOVEBOX_STEPS = frozenset({"attach", "polish", "wet-polish"})


def parse_process(text: str) -> tuple[ProcessStep, ...]:
    """Steps separated by ``;``: ``NAME TEMPERATURE [DURATION] [PRESSURE] [ATMOSPHERE] [carbon[=MOL]]``
    (``carbon=0.5``: the carbon in contact, mol C per formula unit of the surface layer; ``carbon``: as much as
    the removal takes).

    ``attach`` is the step where Li is put on (its temperature and pressure set the Li contact); ``attach``
    and ``polish`` steps default to argon (a glovebox), every other step to air."""
    parts = [p.strip() for p in (text or "").split(";") if p.strip()]
    if not parts:
        raise SsbkitError("empty processing history: give steps such as \"sinter 700C 2h air; anneal 500C 1h ar\"",
                          param="process")
    if len(parts) > MAX_STEPS:
        raise SsbkitError(f"the processing history has {len(parts)} steps: at most {MAX_STEPS}", param="process")
    return tuple(_step(part) for part in parts)


def _step(part: str) -> ProcessStep:
    from ..errors import UnitError
    from ..thermo.atmosphere import parse_atmosphere
    from ..units import parse_quantity
    from ..validate import number

    tok = part.split()
    last = tok[-1].lower() if len(tok) > 2 else ""
    carbon = last == "carbon" or last.startswith("carbon=")
    per_formula = None
    if carbon:
        tok = tok[:-1]
        if "=" in last:  # carbon=0.5: the carbon present, mol C per formula unit of the surface layer
            given = last.partition("=")[2]
            try:
                per_formula = number(given, "carbon amount", 0.0, 1000.0, unit="mol C per formula unit",
                                     lo_open=True, param="process")
            except SsbkitError:
                raise SsbkitError(f"process step {part!r}: carbon={given} is not a carbon amount: give a number above 0 and at most "
                                  "1000 (mol C per formula unit of the surface layer), e.g. carbon=0.5",
                                  param="process") from None
    if len(tok) < 2 or len(tok) > 5:
        raise SsbkitError(f"cannot read process step {part!r}: give NAME TEMPERATURE [DURATION] [PRESSURE] "
                          "[ATMOSPHERE] [carbon[=MOL]], e.g. sinter 700C 2h air or attach 25C 150MPa", param="process")
    t = number(parse_quantity(tok[1], "temperature", name="process temperature"), "process temperature",
               0.0, 2000.0, unit="K", lo_open=True, param="process")
    duration = pressure = None
    atm = "ar" if tok[0].lower() in GLOVEBOX_STEPS else "air"
    for extra in tok[2:]:
        if not (extra[0].isdigit() or extra[0] == "."):
            atm = extra
            continue
        try:
            value = parse_quantity(extra, "time", name="process duration")
        except UnitError:
            value = None
        if value is not None:
            if duration is not None:
                raise SsbkitError(f"process step {part!r} has two durations", param="process")
            duration = number(value / 3600.0, "process duration", 0.0, 1e5, unit="h", lo_open=True, param="process")
            continue
        try:
            p = parse_quantity(extra, "pressure", name="process pressure")
        except UnitError:
            raise SsbkitError(f"process step {part!r}: cannot read {extra!r} as a duration (2h) or a pressure "
                              "(150MPa)", param="process") from None
        if pressure is not None:
            raise SsbkitError(f"process step {part!r} has two pressures", param="process")
        pressure = number(p, "process pressure", 0.0, 1e10, unit="Pa", lo_open=True, param="process")
    return ProcessStep(name=tok[0], temperature_K=t, duration_h=duration,
                       atmosphere=parse_atmosphere(atm, carbon=carbon, carbon_per_formula=per_formula),
                       pressure_Pa=pressure)


def _contaminants(products: tuple[str, ...]) -> tuple[str, ...]:
    """Carbonates, hydroxides and hydrates of Li among ``products`` (what wets Li poorly)."""
    from ..materials import resolve

    out = []
    for p in products:
        els = {el.symbol for el in resolve(p).composition}
        if "Li" in els and "O" in els and els & {"C", "H"}:
            out.append(p)
    return tuple(out)


#: step names that take a surface layer off mechanically or chemically before the step's own exposure
#: (Wang et al., Adv. Energy Mater. 2020, §2.3.1: physical polishing, HCl and H3PO3 treatments)
REMOVING_STEPS = frozenset({"polish", "wet-polish", "acid", "hcl", "h3po3", "etch"})
#: below this partial pressure (bar) a reactive gas cannot supply a layer (high-purity Ar, N2, vacuum)
SUPPLY_LIMIT_BAR = 1e-5


def inert(atmosphere) -> bool:
    """An atmosphere that supplies no reactive gas in amounts that could build a layer (high-purity Ar, N2,
    vacuum): a step in it can remove carbonate or hydroxide, never add them."""
    return not atmosphere.carbon and all(p <= SUPPLY_LIMIT_BAR for g, p in atmosphere.partial_pressures_bar.items()
                                         if g not in ("N2",))


def supplied(atmosphere: Atmosphere, formulas: tuple[str, ...]) -> Atmosphere:
    """The gases of ``atmosphere`` that can take part in a reaction of layers ``formulas``: all of them, unless it
    is inert (:func:`inert`); then only O2 and N2, and the gases of elements the layers hold (a layer can give
    them off).  The traces of CO2 and water in high-purity Ar cannot supply a carbonate or hydroxide between two
    layers, as they cannot on a surface."""
    if not inert(atmosphere):
        return atmosphere
    from dataclasses import replace

    from ..materials import parse_formula
    from ..thermo.atmosphere import _molecule

    held = {e.symbol for f in formulas for e in parse_formula(f)}
    keep = {g: p for g, p in atmosphere.partial_pressures_bar.items() if set(_molecule(g)) <= held | {"O", "N"}}
    return replace(atmosphere, partial_pressures_bar=keep)


def removes(step: ProcessStep) -> bool:
    return step.name.lower() in REMOVING_STEPS


def surface_history(thermo, electrolyte: str, steps: tuple[ProcessStep, ...]) -> tuple[SurfaceStep, ...]:
    """The anode-side surface of ``electrolyte`` through the steps: contaminants formed and removed.  A
    polishing or acid step (:data:`REMOVING_STEPS`) clears the surface first; a step in an inert atmosphere adds
    nothing (the gas cannot supply a layer)."""
    from ..interfaces.thermal import in_atmosphere

    out = []
    present: tuple[str, ...] = ()
    for st in steps:
        if removes(st):
            present = ()
        r = in_atmosphere(thermo, electrolyte, st.atmosphere, st.temperature_K)
        formed = _contaminants(r.products) if not (r.stable or inert(st.atmosphere)) else ()
        share = 1.0
        if formed:
            present = tuple(sorted(set(present) | set(formed)))
        elif present:
            present, share = _taken_off(thermo, electrolyte, present, st)
        out.append(SurfaceStep(step=st, material=r.material, exposure=r, contaminants_after=present, formed=formed,
                               kept_fraction=share))
    return tuple(out)


def _taken_off(thermo, electrolyte: str, present: tuple[str, ...], st: ProcessStep) -> tuple[tuple[str, ...], float]:
    """What a step that forms nothing leaves of the contaminants ``present`` (on the electrolyte, in its
    atmosphere), and the share of the layer left: a carbon source with less carbon than the removal takes removes
    only its share (:func:`ssbkit.interfaces.removal.carbon_share`), unless the layer also leaves on its own."""
    from ..interfaces.removal import carbon_share, without_carbon
    from ..interfaces.thermal import in_atmosphere

    kept: list[str] = []
    left: list[float] = []  # the share of each kept contaminant left; the layer is as thick as the most left
    for c in present:
        rr = in_atmosphere(thermo, c, st.atmosphere, st.temperature_K, with_material=electrolyte)
        if _contaminants(rr.products):
            kept.append(c)
            left.append(1.0)
            continue
        part = carbon_share(st.atmosphere, rr.reaction)
        if part < 1.0 and _contaminants(in_atmosphere(thermo, c, without_carbon(st.atmosphere), st.temperature_K,
                                                      with_material=electrolyte).products):
            kept.append(c)  # the carbon ran out: the rest of this layer stays
            left.append(1.0 - part)
    return tuple(kept), max(left, default=1.0)
