"""Facts about one interface of a stack, on the three axes, and the resistance contributions it creates.

Three builders, one per kind of interface, each returning the thermodynamic axis (driving force over the
potentials the interface sees, products), what the kinetic axis needs (the products' electronic
character) and the reaction; :func:`interface_facts` adds the kinetic axis (Zheng et al., Batteries &
Supercaps 2021, §3.4, Fig. 7: passivating vs mixed-conducting interphase), the evidence axis (what the
reviews report for the pair) and the resistance contributions, joined to the interface by object.  No
verdict: :mod:`.grading` turns these facts into one.

* Li metal against a layer: the Li-metal interphase (:func:`ssbkit.interfaces.anode.anode_interface`);
* another electrode (Li-In, graphite, Si, LTO ...) against a layer: the layer's decomposition at the
  electrode's potentials, beyond its own;
* two layers (or a cathode and a layer): the most exergonic reaction, closed and open to Li over the
  potentials the interface sees.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from pymatgen.core import Composition

from ..errors import SsbkitError
from ..interfaces.apparent import GASES, LEAVING_GASES, apparent_window
from ..interfaces.electronic import Character, characters
from ..interfaces.reactions import InterfaceCalculator, voltage_grid
from ..literature import joins
from ..materials import resolve
from ..thermo.reaction import Reaction
from .budget import AsrContribution, BudgetBuilder, Law
from .conditions import Conditions
from .context import CARBON, AssessmentContext, electrode_active, fmt_limit, reduced
from .exposure import Exposure
from .junctions import anion_class, space_charge
from .parse import Layer, Stack, is_cathode
from .report import (
    AnodePhysics,
    EvidenceAxis,
    KineticAxis,
    ScanPoint,
    ThermoAxis,
    WorstReaction,
)


@dataclass
class Reacted:
    """What one builder found: the thermodynamic axis, the products' character, the reaction, what the report
    shows of it (``extra``: chemical, electrochemical, anode, products ...) and its opening notes."""

    thermo: ThermoAxis
    character: tuple[Character, ...]
    reaction: Reaction | None
    extra: dict[str, Any]
    notes: list[str]


@dataclass
class InterfaceFacts:
    """Everything known about one interface before it is graded."""

    left: Layer
    right: Layer
    right_name: str
    side: str
    potentials_V: tuple[float, float] | None
    literature: tuple[joins.ReportedFact, ...]
    evidence: EvidenceAxis
    physics: AnodePhysics | None
    reacted: Reacted | None = None
    kinetic: KineticAxis | None = None
    error: str = ""
    contributions: list[AsrContribution] = field(default_factory=list)
    processing: list[Any] = field(default_factory=list)
    #: the reaction's formation volume and the interphase's delamination thickness (:mod:`.interphase_volume`)
    volume: Any = None
    #: what the electron source does to the dopant of a host-modelled layer (:mod:`ssbkit.thermo.dopant`) and
    #: the budget term of its reduced layer (None when the dopant is not reduced in the lattice)
    dopant: Any = None
    dopant_term: AsrContribution | None = None
    #: the coating or interlayer its interphase grows into and the share of the interphase's volume made from it
    #: (:mod:`ssbkit.stack.consumption`)
    consumes: tuple[Layer, float] | None = None
    #: why its interphase does not grow: the atoms it needs cannot cross at the cell's temperature
    #: (:func:`ssbkit.stack.cation_transport.cation_limit`); None when it may grow
    held: str | None = None

    @property
    def name(self) -> str:
        return f"{self.left.material.name} | {self.right_name}"


def _literature(stack: Stack, left: Layer, right: Layer) -> list[joins.ReportedFact]:
    roles = (left.role, right.role)
    facts = joins.observed(left.material.name, right.material.name)
    el = stack.layer("electrolyte")
    if "coating" in roles and el is not None:
        layer = left if left.role == "coating" else right
        facts += joins.mark_layer(joins.reported_coatings(stack.layers[0].material.name, el.material.name),
                                  layer.material.name)
    if "interlayer" in roles and el is not None:
        layer = left if left.role == "interlayer" else right
        facts += joins.mark_layer(joins.reported_interlayers(el.material.name, stack.layers[-1].material.name),
                                  layer.material.name)
    return facts


def _amounts(reaction: Reaction | None, products: tuple[str, ...]) -> list[tuple[str, float]]:
    """(formula, atoms) of each product, Li metal excluded (weights of the conductivity mean)."""
    if reaction is not None and reaction.products:
        out = [(t.formula, t.amount * Composition(t.formula).num_atoms) for t in reaction.products if t.formula != "Li"]
        if out:
            return out
    return [(p, 1.0) for p in products if p != "Li"]


def li_anode(ctx: AssessmentContext, other: Layer) -> Reacted:
    """Li metal against ``other``: the Li-metal interphase (stable / SEI / MCI) and the closed reaction."""
    assert ctx.thermo is not None
    chem = InterfaceCalculator(ctx.thermo, other.material, "Li").closed(use_hull_energy=True)
    a = ctx.anode_interface(other.material)
    energy = a.reaction_energy_eV_per_atom if a.classification != "stable" else 0.0
    axis = ThermoAxis(energy, chem.reaction_energy_eV_per_atom, a.reaction_energy_eV_per_atom, 0.0, a.products)
    extra = dict(chemical=chem, anode=a, interphase_type=a.classification, products=a.products,
                 product_character=a.product_character)
    return Reacted(axis, a.product_character, a.reaction, extra,
                   [f"{a.classification} ({a.status}): " + a.reasons[0], *a.reasons[1:]])


def electrode(ctx: AssessmentContext, other: Layer, el: Layer, pots: tuple[float, float], step_V: float) -> Reacted:
    """An electrode other than Li metal against ``other``: ``other``'s decomposition at the electrode's
    potentials beyond its own decomposition, and the closed reaction with the electrode."""
    assert ctx.thermo is not None
    chem = InterfaceCalculator(ctx.thermo, other.material, el.formula).closed(use_hull_energy=True)
    own = ctx.thermo.decompose(other.material).reaction_energy_eV_per_atom
    grid = voltage_grid(pots[0], pots[1], step_V) if pots[1] > pots[0] else [pots[0]]
    worst = min((ctx.thermo.decompose(other.material, voltage=v) for v in grid),
                key=lambda d: (d.reaction_energy_eV_per_atom, d.voltage_V))
    energy = min(0.0, worst.reaction_energy_eV_per_atom - own)
    products = tuple(p.formula for p in worst.products)
    character = characters(products, ctx.gaps)
    axis = ThermoAxis(energy, chem.reaction_energy_eV_per_atom, energy, worst.voltage_V, products)
    note = (f"{other.material.name} reduced at the {el.material.name} potential ({pots[0]:.2f}-{pots[1]:.2f} V): "
            f"decomposition beyond its own {energy:.3f} eV/atom; chemical reaction with {el.formula}: "
            f"{chem.reaction_energy_eV_per_atom:.3f} eV/atom")
    return Reacted(axis, character, worst.reaction,
                   dict(chemical=chem, products=products, product_character=character), [note])


def shared(ctx: AssessmentContext, left: Layer, right: Layer, pots: tuple[float, float] | None,
           step_V: float) -> Reacted:
    """Two layers (or a cathode and a layer): the closed reaction, and the most exergonic Li-open reaction over
    the potentials the interface sees (none when electronically shielded)."""
    assert ctx.thermo is not None
    calc = InterfaceCalculator(ctx.thermo, left.material if left.electrode is None else left.formula,
                               right.material if right.electrode is None else right.formula)
    chem = calc.closed(use_hull_energy=True)
    electro, scan, notes = None, (), []
    energy, products, reaction = chem.reaction_energy_eV_per_atom, chem.products, chem.reaction
    if pots is not None:
        pots, floor_note = _above_conversion(ctx, left, right, pots)
        notes += floor_note
        res = calc.scan(voltage_grid(pots[0], pots[1], step_V) if pots[1] > pots[0] else [pots[0]])
        scan = tuple(ScanPoint(r.voltage_V, r.reaction_energy_eV_per_atom, r.mixing_ratio, r.products) for r in res)
        w = min(res, key=lambda r: (r.reaction_energy_eV_per_atom, r.voltage_V))
        electro = WorstReaction(w.reaction_energy_eV_per_atom, w.voltage_V, w.mixing_ratio,  # type: ignore[arg-type]
                                w.products, w.reaction, pots)
        if w.reaction_energy_eV_per_atom < energy:
            energy, products, reaction = w.reaction_energy_eV_per_atom, w.products, w.reaction
        notes.append(f"worst at {electro.at_voltage_V:.2f} V within {pots[0]:.2f}-{pots[1]:.2f} V; "
                     f"chemical (no Li exchange): {chem.reaction_energy_eV_per_atom:.3f} eV/atom")
    else:
        notes.append("electronically shielded: only the chemical reaction applies")
    axis = ThermoAxis(energy, chem.reaction_energy_eV_per_atom,
                      electro.reaction_energy_eV_per_atom if electro else None,
                      electro.at_voltage_V if electro else None, products)
    character = characters(products, ctx.gaps)
    return Reacted(axis, character, reaction, dict(chemical=chem, electrochemical=electro, products=products,
                                                   product_character=character, scan=scan), notes)


def _above_conversion(ctx: AssessmentContext, left: Layer, right: Layer,
                      pots: tuple[float, float]) -> tuple[tuple[float, float], list[str]]:
    """The potentials at which a cathode's interface is scanned: from the cathode's own reduction limit up, when
    that lies above the bottom of its range.  Below it the cathode would take up Li and convert (LiCoO2 to CoO +
    Li2O, NMC to Ni ...): a conversion of an intercalation electrode, hindered within its operating range as the
    conversions of electrolytes and dopants are, so the products it would lend an interface reaction are not
    counted."""
    cat = next((x for x in (left, right) if x.role == "cathode"), None)
    if cat is None:
        return pots, []
    try:
        red = ctx.window(cat.material, max(5.0, pots[1])).reduction_limit_V
    except SsbkitError:
        return pots, []
    if red is None or red <= pots[0]:
        return pots, []
    lo = min(red, pots[1])
    return (lo, pots[1]), [f"scanned from {lo:.2f} V: below it {cat.material.name} itself would take up Li and "
                           "convert, hindered within its operating range"]


def unstable_products(ctx: AssessmentContext, products: tuple[str, ...], pots: tuple[float, float]) -> tuple[str, ...]:
    """Products that are not stable over ``pots`` (leaving gases; phases whose apparent window misses it).
    Electrode-active products (cathode-type lithium transition-metal compounds) are meant to (de)lithiate and
    are not counted."""
    if pots[1] - pots[0] < 1e-9:
        return tuple(f"{p} (gas)" for p in products if p in LEAVING_GASES)
    out = []
    for p in products:
        if p in LEAVING_GASES:
            out.append(f"{p} (gas)")
            continue
        if p in GASES or p == "Li" or is_cathode(resolve(p)):
            continue
        try:
            app = apparent_window(ctx.window(p, max(5.0, pots[1])), ctx.gaps)
        except SsbkitError:
            continue
        if not app.covers(pots[0] + 0.05, pots[1] - 0.05):
            out.append(f"{p} (apparent window {app.apparent_reduction_V:.2f}-{fmt_limit(app.apparent_oxidation_V)} V)")
    return tuple(out)


def driving_V(ctx: AssessmentContext, a: Layer, b: Layer, pots: tuple[float, float], energy: float) -> float:
    """Voltage driving the interphase growth: how far the electrode potential lies beyond the window of the
    non-electrode layer (the reaction energy in eV/atom as volts when the layer's window covers it).

    An oxidation that releases O2 from an oxide lattice needs an overpotential before it runs
    (``oxygen_release_overpotential``): the drive above the oxidation limit is reduced by it, so an oxide
    coating a little beyond its window (LiNbO3 at 4.3 V) does not keep growing, as coated cells show
    (Zheng et al., Batteries & Supercaps 2021, §4.2.1, Table 4).

    Between two such layers the one the potential goes farther beyond drives it, whichever side it is on (the
    two faces of a symmetric cell get the same drive)."""
    drives = [d for x in (a, b) if x.electrode is None and x.role != "cathode"
              and (d := _beyond_window(ctx, x, pots)) is not None]
    return max(drives) if drives else abs(energy)


def _beyond_window(ctx: AssessmentContext, x: Layer, pots: tuple[float, float]) -> float | None:
    """How far (V) ``pots`` lie beyond the window of ``x`` (:func:`driving_V`); None when within it or unknown."""
    if ctx.thermo is None:
        return None
    try:
        w = ctx.window(x.material, max(5.0, pots[1]))
    except SsbkitError:
        return None
    over = (pots[1] - w.oxidation_limit_V) if w.oxidation_limit_V is not None else 0.0
    held = over > 0 and "O2" in w.oxidation_products  # an oxide gives up O2 only past an overpotential
    if held:
        over = max(0.0, over - ctx.params.si("oxygen_release_overpotential"))
    beyond = max(w.reduction_limit_V - pots[0], over)
    return max(beyond, 0.0) if beyond > 1e-3 or held else None


def kinetic_axis(ctx: AssessmentContext, r: Reacted, pots: tuple[float, float] | None, carbon: bool) -> KineticAxis:
    """Does the interphase passivate: electron source, conducting and unstable products, growth law."""
    source = pots is not None
    conducting = tuple(c.formula for c in r.character if c.conductor is True and not electrode_active(c.formula))
    unknown = tuple(c.formula for c in r.character if c.conductor is None)
    reacts = r.thermo.driving_force_eV_per_atom <= -ctx.thresholds.stable_eV  # type: ignore[operator]
    unstable = unstable_products(ctx, r.thermo.products, pots) if (reacts and pots is not None) else ()
    law: Law = ("linear" if conducting else "parabolic") if source else "constant"
    if carbon:
        note = "the electrolyte in the composite cathode meets carbon: an electron source at the cathode potential"
    elif not reacts:
        note = "no interphase forms"
    elif not source:
        note = "no electron source: the interphase is set by the chemical reaction and does not grow"
    else:
        note = ("electron-conducting products: a mixed-conducting interphase, linear growth" if conducting else
                "electronically insulating products: a passivating interphase, parabolic growth")
    return KineticAxis(source, conducting, unknown, unstable,
                       None if not reacts else (not conducting and not unstable) or not source,
                       law if reacts else "none", note)


def interface_facts(ctx: AssessmentContext, stack: Stack, i: int, left: Layer, right: Layer, exp: Exposure,
                    cond: Conditions, physics: AnodePhysics | None, budget: BudgetBuilder,
                    carbon_pots: tuple[float, float] | None = None) -> InterfaceFacts:
    """The facts of the interface between ``left`` and ``right`` (position ``i``; -1 for the carbon of a composite
    cathode against the electrolyte, at ``carbon_pots``)."""
    n = len(stack.layers)
    sees = exp.interface_sees[i] if i >= 0 else frozenset({"positive"})
    pots = carbon_pots or exp.potentials(sees)
    ends = ((left, i), (right, i + 1)) if i >= 0 else ()
    li_electrode = next((x for x, j in ends if x.electrode is not None and x.formula == "Li" and j in (0, n - 1)),
                        None)
    el = next((x for x, j in ends if x.electrode is not None and j in (0, n - 1)), None)
    phys = physics if li_electrode is not None and (right is stack.layers[-1] or stack.cell_type == "symmetric") \
        else None
    literature = tuple(_literature(stack, left, right)) if i >= 0 else ()
    working = any(f.same_layer and f.kind in ("coating", "interlayer") for f in literature)
    evidence = EvidenceAxis(literature, working, "; ".join(f"{f.text} ({f.method}; {f.citation})"
                                                           for f in literature[:4]) or "nothing reported")
    facts = InterfaceFacts(left, right, CARBON if carbon_pots else right.material.name,
                           "positive" if "positive" in sees else ("negative" if "negative" in sees else "none"), pots,
                           literature, evidence, phys)
    if ctx.thermo is None:
        facts.error = "no thermodynamic data"
        return facts
    try:
        if li_electrode is not None:
            other = right if li_electrode is left else left
            facts.reacted = li_anode(ctx, other)
            if phys is not None:
                from ..physics import growth_law_for

                facts.physics = replace(phys, growth_law=growth_law_for(facts.reacted.extra["anode"].classification)[1])
        elif el is not None and pots is not None:
            facts.reacted = electrode(ctx, right if el is left else left, el, pots, cond.step_V)
        else:
            facts.reacted = shared(ctx, left, right, pots, cond.step_V)
    except SsbkitError as exc:
        facts.error = str(exc)
        return facts
    facts.kinetic = kinetic_axis(ctx, facts.reacted, pots, carbon_pots is not None)
    _contributions(ctx, stack, facts, li_electrode, cond, budget)
    return facts


def attach_step(ctx: AssessmentContext) -> tuple[float, float | None] | None:
    """(temperature K, pressure Pa) of the last ``attach`` step of the processing history (None: none)."""
    step = next((st for st in reversed(ctx.process) if st.name.lower() == "attach"), None)
    return (step.temperature_K, step.pressure_Pa) if step is not None else None


def cathode_sulfide(facts: InterfaceFacts) -> bool:
    """A bare cathode (an oxide) against a sulfide layer: the interface of Sakuda et al.'s interdiffusion."""
    pair = {(facts.left.role, anion_class(facts.left.formula)), (facts.right.role, anion_class(facts.right.formula))}
    return any(r == "cathode" and a == "oxide" for r, a in pair) and any(r != "cathode" and a == "sulfide"
                                                                          for r, a in pair)


def _converted_whole(ctx: AssessmentContext, stack: Stack, facts: InterfaceFacts, li_electrode: Layer | None) -> bool:
    """Li metal against an interlayer it alloys with: the interlayer converts whole to its lithiated products,
    which its own budget term already is (a finite reservoir: nothing grows beyond it)."""
    if li_electrode is None:
        return False
    other = facts.right if li_electrode is facts.left else facts.left
    if other.role not in ("coating", "interlayer"):
        return False
    from .layer_facts import lithiated_products

    return lithiated_products(ctx, stack, stack.layers.index(other)) is not None


def _dopant_layer(ctx: AssessmentContext, facts: InterfaceFacts, budget: BudgetBuilder) -> None:
    """A host-modelled layer (``Nb-LLZO``) whose dopant the interface's electron source reduces in the lattice:
    a mixed-conducting reduced layer growing linearly, driven by how far the potential lies below the onset
    (:mod:`ssbkit.thermo.dopant`; Wang et al., Adv. Energy Mater. 2020 §2.2, refs. [52, 53])."""
    if facts.potentials_V is None:
        return
    for lay in (facts.left, facts.right):
        if lay.electrode is not None or lay.role == "cathode":
            continue
        try:
            d = ctx.dopant(lay.material, facts.potentials_V[0])
        except SsbkitError:
            continue
        if d is None:
            continue
        facts.dopant = d
        if d.in_lattice:
            els = ", ".join(s.element for s in d.dopants if s.mode == "in lattice")
            facts.dopant_term = budget.interphase(
                f"{facts.name}, {els} reduced", "linear", [(p, 1.0) for p in d.layer_products if p != "Li"],
                d.drive_V, note=f"the dopant {els} of {lay.material.name} reduced in the lattice by the electron source")
            facts.contributions.append(facts.dopant_term)
        return


def _contributions(ctx: AssessmentContext, stack: Stack, facts: InterfaceFacts, li_electrode: Layer | None,
                   cond: Conditions, budget: BudgetBuilder) -> None:
    """The interphase (when it reacts) and, at Li metal, the contact terms: added to the budget and kept on the
    interface's facts."""
    r, k = facts.reacted, facts.kinetic
    assert r is not None and k is not None
    if k.growth_law != "none" and cathode_sulfide(facts):
        facts.contributions.append(budget.interdiffusion(
            facts.name, "bare cathode against a sulfide: Co/Ni/Mn, P and S interdiffuse (Sakuda et al., Chem. "
                        "Mater. 2010)"))
    elif k.growth_law != "none" and _converted_whole(ctx, stack, facts, li_electrode):
        pass  # the interlayer's own term is its lithiated products (layer_facts.lithiated_products): not counted twice
    elif k.growth_law != "none":
        driving = driving_V(ctx, facts.left, facts.right, facts.potentials_V, r.thermo.driving_force_eV_per_atom) \
            if facts.potentials_V is not None else None  # type: ignore[arg-type]
        from .cation_transport import cation_limit
        from .consumption import reservoir

        limit = cation_limit(facts.left.formula, facts.right.formula, r.thermo.products, ctx.process,
                             (cond.temperature_K, ctx.thresholds.time_h), r.reaction,
                             electron_source=k.electron_source)
        facts.consumes = reservoir(facts.left, facts.right, r.reaction)
        facts.held = limit.held if limit else None
        facts.contributions.append(budget.interphase(
            facts.name, "constant" if limit else k.growth_law, _amounts(r.reaction, r.thermo.products), driving,
            note=limit.note if limit else "", formed_m=limit.length_m if limit else None,
            reservoir=(facts.consumes[0].role, reduced(facts.consumes[0].formula), facts.consumes[1])
            if facts.consumes else None))
    _dopant_layer(ctx, facts, budget)
    sc = space_charge(ctx, facts.left, facts.right, facts.potentials_V, facts.name, budget, cond.temperature_K)
    if sc is not None:
        facts.contributions.append(sc)
    if li_electrode is not None:
        other = facts.right if li_electrode is facts.left else facts.left
        ang = joins.contact_angle(other.material.name) or joins.contact_angle(other.formula)
        el = stack.layer("electrolyte")
        sig_behind = joins.material_conductivity(el.material) if el else None
        v = facts.physics.voids if facts.physics else None
        voids = bool(v and v.voids_form)
        share = min(1.0, v.limiting_current_density_mA_per_cm2 / v.current_density_mA_per_cm2) \
            if voids and v and v.current_density_mA_per_cm2 else 1.0
        facts.contributions += budget.li_contact(facts.name, ang.contact_angle_deg if ang else None,
                                                 ang.citation if ang else None,
                                                 sig_behind.conductivity_S_per_cm if sig_behind else 1e-4,
                                                 cond.pressure_Pa, voids, share, attach_step(ctx))
