"""Whole-stack assessment: will this ASSLB stack work, and where does it fail?

For a stack (any number of layers, :mod:`ssbkit.stack.parse`) under
:class:`~ssbkit.stack.conditions.Conditions`, ssbkit assesses

* every layer: its intrinsic and apparent (kinetic) window (Zheng et al., Batteries &
  Supercaps 2021, §3.1) against the potentials it sees (:mod:`ssbkit.stack.exposure`);
* every interface on three axes - thermodynamic (chemical and Li-open driving force,
  products), kinetic (do the products passivate, are they stable where they sit) and
  evidence (what the reviews report for the pair) - combined into one graded verdict
  (:mod:`ssbkit.stack.verdicts`);
* the anode side: stripping voids, dendrites (CCD, Monroe-Newman) and contact (Wang et al.,
  Adv. Energy Mater. 2020, §2.3-2.5), see :mod:`ssbkit.stack.anode_physics`;
* the area-specific resistance of every interphase, coating, electrolyte and contact over
  time (:mod:`ssbkit.stack.budget`), with the parameters used.

Without thermodynamic data it still reports the knowledge base and physics, and says exactly
what it could not compute.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from pymatgen.core import Composition

from .._version import __version__
from ..errors import SsbkitError
from ..interfaces.anode import anode_interface
from ..interfaces.apparent import GASES, LEAVING_GASES, ApparentWindow, apparent_window
from ..interfaces.electronic import characters, classify_phase
from ..interfaces.reactions import InterfaceCalculator, voltage_grid
from ..literature import joins
from ..literature.bibliography import REVIEWS
from ..materials import parse_formula, resolve
from ..results import Provenance, Verdict
from ..thermo.reaction import Reaction
from ..thermo.service import Thermo
from .anode_physics import anode_physics
from .budget import BudgetBuilder, Law, time_grid
from .conditions import Conditions
from .exposure import Exposure, exposure
from .parameters import Parameters
from .parse import Layer, Stack, is_cathode, parse_stack
from .report import (
    AnodePhysics,
    EvidenceAxis,
    InterfaceReport,
    KineticAxis,
    LayerReport,
    ScanPoint,
    StackAssessment,
    ThermoAxis,
    WorstReaction,
)
from .verdicts import Thresholds, grade, worse

NO_DATA = ("stability windows and interface reactions: no thermodynamic data configured (give a CSV/CSV.gz of "
           "formula + formation energy per atom, a pymatgen ComputedEntry JSON, or the Materials Project API with "
           "MP_API_KEY)")
NO_GAPS = ("band gaps of compound products: no band-gap source configured, only metals and alloys were classified "
           "as electron conductors")
CARBON = "C (carbon in the composite cathode)"


def _fmt(v: float | None) -> str:
    return "inf" if v is None else f"{v:.2f}"


def _reduced(formula: str) -> str:
    return parse_formula(formula).reduced_formula


def _electrode_active(formula: str) -> bool:
    """A lithium transition-metal oxide (Li5Co3O8, LiCoO2 ...): (de)lithiates like a cathode."""
    els = {e.symbol for e in Composition(formula)}
    return "Li" in els and "O" in els and bool(els & {"Co", "Ni", "Mn", "Fe", "V", "Cr"})


def _amounts(reaction: Reaction | None, products: tuple[str, ...]) -> list[tuple[str, float]]:
    """(formula, atoms) of each product, Li metal excluded (weights of the conductivity mean)."""
    if reaction is not None and reaction.products:
        out = [(t.formula, t.amount * Composition(t.formula).num_atoms) for t in reaction.products if t.formula != "Li"]
        if out:
            return out
    return [(p, 1.0) for p in products if p != "Li"]


class StackAssessor:
    """Runs the assessment; ``thermo`` may be None (no data configured)."""

    def __init__(self, thermo: Thermo | None, gaps: Any | None = None,
                 progress: Callable[[str], None] | None = None, params: Parameters | None = None,
                 thresholds: Thresholds | None = None, carbon: bool = False, process: tuple = ()) -> None:
        self.process = tuple(process)
        self.thermo = thermo
        self.gaps = gaps
        self.progress = progress or (lambda msg: None)
        self.params = params or Parameters.load()
        self.th = thresholds or Thresholds()
        self.carbon = carbon
        self._windows: dict[str, Any] = {}

    # ------------------------------------------------------------ helpers
    def _window(self, formula_or_mat: Any, top: float = 5.0) -> Any:
        key = f"{getattr(formula_or_mat, 'model_formula', formula_or_mat)}@{top}"
        if key not in self._windows:
            self._windows[key] = self.thermo.window(formula_or_mat, (0.0, top))  # type: ignore[union-attr]
        return self._windows[key]

    def _conducts(self, layer: Layer) -> bool | None:
        """Does the layer (after lithiation for interlayers) conduct electrons?"""
        ch = classify_phase(_reduced(layer.formula), self.gaps).conductor
        if layer.role == "interlayer" and self.thermo is not None and ch is not True:
            try:
                li = anode_interface(self.thermo, layer.formula, "Li", self.gaps)
                if li.conducting_products and li.classification != "stable":
                    return True
            except SsbkitError:
                return None
        return ch

    def _electrode_ranges(self, stack: Stack, cond: Conditions) -> tuple[tuple[float, float], tuple[float, float],
                                                                         str]:
        left, right = stack.layers[0], stack.layers[-1]
        r_el = right.electrode
        assert r_el is not None
        rng_r = (r_el.potential_V, r_el.potential_V)
        note = r_el.note
        if left.role == "cathode":
            return cond.voltage_range_V, rng_r, note
        l_el = left.electrode
        assert l_el is not None
        if stack.cell_type == "symmetric":
            return (l_el.potential_V, l_el.potential_V), rng_r, note
        if cond.voltage_from_user:
            return cond.voltage_range_V, rng_r, note
        return l_el.working_range_V, rng_r, note + f"; working electrode {left.material.name} cycled over " \
                                                   f"{l_el.working_range_V[0]:g}-{l_el.working_range_V[1]:g} V " \
                                                   "(its typical range; set --voltage)"

    # ------------------------------------------------------------ main
    def assess(self, stack: Stack, cond: Conditions) -> StackAssessment:
        not_computed: list[str] = []
        if self.thermo is None:
            not_computed.append(NO_DATA)
        elif self.gaps is None:
            not_computed.append(NO_GAPS)
        left_rng, right_rng, v_note = self._electrode_ranges(stack, cond)
        conducts = [None] + [self._conducts(lay) for lay in stack.layers[1:-1]] + [None]
        exp = exposure(stack, conducts, left_rng, right_rng, self.carbon)
        physics = anode_physics(stack, cond)
        times = time_grid(self.th.time_h)
        budget = BudgetBuilder(self.params, times)
        layers = [self._layer(stack, i, exp, budget) for i in range(len(stack.layers))]
        interfaces = []
        pairs = list(stack.interfaces)
        for i, (a, b) in enumerate(pairs):
            self.progress(f"{a.material.name} | {b.material.name}")
            interfaces.append(self._interface(stack, i, a, b, exp, cond, physics, budget))
        el_idx = next((i for i, lay in enumerate(stack.layers) if lay.role == "electrolyte"), None)
        if self.carbon and stack.layers[0].role == "cathode" and el_idx is not None:
            carbon = Layer("interlayer", resolve("C"))
            interfaces.append(self._interface(stack, -1, stack.layers[el_idx], carbon, exp, cond, None, budget,
                                              carbon_pots=left_rng))
        for lay in stack.layers:
            if lay.role == "electrolyte":
                budget.electrolyte(lay.material.name, lay.formula)
        asr_budget = budget.build(cond.current_density_mA_per_cm2)
        # grades that depend on the budget
        interfaces = [self._grade_interface(x, asr_budget) for x in interfaces]
        layers = [self._grade_layer(x, asr_budget) for x in layers]
        thermal_steps: tuple = ()
        surface_steps: tuple = ()
        if self.process:
            interfaces, thermal_steps, surface_steps = self._processing(stack, interfaces, not_computed)
        verdict = worse(*(x.verdict for x in layers), *(x.verdict for x in interfaces))
        summary = [f"{x.role} {x.name}: {x.verdict} - {x.reasons[0]}" for x in layers if x.verdict != "stable"]
        summary += [f"{x.interface}: {x.verdict} - {x.reasons[0]}" for x in interfaces if x.verdict != "stable"]
        src = self.thermo.source.provenance() if self.thermo is not None else {}
        prov = Provenance(method="stack assessment (ssbkit.stack.assess)", ssbkit_version=__version__,
                          data_source=src.get("data_source"), data_kind=src.get("data_kind"),
                          data_version=src.get("data_version"), references=REVIEWS,
                          notes=("reactant energies: each reactant at its hull energy (a metastable material's own "
                                 "decomposition is reported on the layer, not counted as interface reaction)",),
                          details={"thresholds": self.th.to_dict(),
                                   "band_gap_source": getattr(self.gaps, "source", None),
                                   "positive_electrode_V": list(left_rng), "negative_electrode_V": list(right_rng)})
        return StackAssessment(stack=stack, conditions=cond, anode_potential_V=right_rng[0], anode_potential_note=v_note,
                               layers=tuple(layers), interfaces=tuple(interfaces), verdict=verdict,
                               summary=tuple(summary or ["every layer and interface is stable under these conditions"]),
                               not_computed=tuple(not_computed), provenance=prov, cell_type=stack.cell_type,
                               carbon=self.carbon, thresholds=self.th, asr_budget=asr_budget,
                               process=self.process, thermal_steps=thermal_steps, surface_steps=surface_steps)

    # ------------------------------------------------------------ processing
    def _processing(self, stack: Stack, interfaces: list[InterfaceReport], not_computed: list[str]
                    ) -> tuple[list[InterfaceReport], tuple, tuple]:
        """Thermal reactions of every non-Li interface at every step, and the anode-side surface history."""
        from ..errors import SsbkitError
        from ..interfaces.thermal import ThermalCalculator
        from .process import ThermalStep, surface_history

        if self.thermo is None:
            not_computed.append("processing history: no thermodynamic data")
            return interfaces, (), ()
        steps: list[ThermalStep] = []
        surface: tuple = ()
        out = []
        try:
            for x in interfaces:
                lay_l = next((lay for lay in stack.layers if lay.material.name == x.left), None)
                lay_r = next((lay for lay in stack.layers if lay.material.name == x.right), None)
                if lay_l is None or lay_r is None or "Li" in (lay_l.formula, lay_r.formula):
                    out.append(x)
                    continue
                reasons = list(x.reasons)
                verdict = x.verdict
                for st in self.process:
                    self.progress(f"{st.name} {x.interface}")
                    r = ThermalCalculator(self.thermo, lay_l.material, lay_r.material, st.atmosphere).at(
                        st.temperature_K)
                    steps.append(ThermalStep(step=st, interface=x.interface, reaction=r))
                    if r.reaction_energy_eV_per_atom < -self.th.stable_eV:
                        verdict = worse(verdict, "resistive")
                        reasons.append(f"processing ({st.label}): reacts by {r.reaction_energy_eV_per_atom:.3f} "
                                       f"eV/atom to {', '.join(r.products)} (Wang et al., Adv. Energy Mater. 2020, "
                                       "§3.2.2)")
                    elif r.mixture_energy_eV_per_atom < -self.th.stable_eV:
                        verdict = worse(verdict, "resistive")
                        reasons.append(f"processing ({st.label}): the layers react with the atmosphere by "
                                       f"{r.mixture_energy_eV_per_atom:.3f} eV/atom to "
                                       f"{', '.join(r.mixture_products)} (Wang et al., Adv. Energy Mater. 2020, "
                                       "§3.2.2-3.3)")
                    else:
                        reasons.append(f"processing ({st.label}): no reaction")
                reasons += _cation_diffusion(lay_l, lay_r, self.process)
                out.append(replace(x, verdict=verdict, reasons=tuple(reasons)))
            anode_side = next((x for x in out if x.side == "anode"), None)
            el = next((lay for lay in stack.layers if lay.material.name == (anode_side.left if anode_side else None)),
                      None)
            if anode_side is not None and el is not None and el.formula != "Li":
                surface = surface_history(self.thermo, el.formula, self.process)
                left = surface[-1].contaminants_after if surface else ()
                k = out.index(anode_side)
                if left:
                    out[k] = replace(anode_side, verdict=worse(anode_side.verdict, "resistive"), reasons=(
                        *anode_side.reasons, f"surface after processing: {', '.join(left)} on {el.formula} "
                        "(poor Li wetting, high interfacial resistance: Wang et al., Adv. Energy Mater. 2020, §2.2)"))
                else:
                    out[k] = replace(anode_side, reasons=(*anode_side.reasons,
                                                          "surface after processing: no carbonate or hydroxide left"))
        except SsbkitError as exc:
            not_computed.append(f"processing history: {exc}")
            return interfaces, (), ()
        return out, tuple(steps), surface

    # ---------------------------------------------------------------- layers
    def _layer(self, stack: Stack, i: int, exp: Exposure, budget: BudgetBuilder) -> LayerReport:
        lay = stack.layers[i]
        seen = exp.potentials(exp.layer_sees[i])
        how = exp.why[i]
        if lay.role in ("coating", "interlayer"):
            budget.layer(lay.role, lay.material.name, _reduced(lay.formula))  # type: ignore[arg-type]
        conductivity = joins.conductivity_lookup(lay.material.name) or joins.conductivity_lookup(lay.formula)
        electronic = classify_phase(_reduced(lay.formula), self.gaps) if lay.electrode is None else None

        def report(window: Any, covered: bool | None, dec: float | None, verdict: Verdict, reasons: list[str],
                   potentials: tuple[float, float] | None = seen, apparent: ApparentWindow | None = None,
                   exposure_text: str = how) -> LayerReport:
            return LayerReport(lay.role, lay.material.name, lay.formula, potentials, exposure_text, window, covered,
                               dec, electronic, conductivity, verdict, tuple(reasons), apparent)

        if lay.electrode is not None and lay.formula == "Li":
            pot = exp.left if i == 0 else exp.right
            return report(None, True, 0.0, "stable", [lay.electrode.note], pot, exposure_text="reference electrode")
        if self.thermo is None:
            return report(None, None, None, "unknown", ["window not computed: no thermodynamic data"])
        try:
            top = max(5.0, (seen or (0, 0))[1])
            w = self._window(lay.material if lay.electrode is None else lay.formula, top)
        except SsbkitError as exc:
            return report(None, None, None, "unknown", [f"window not computed: {exc}"])
        if lay.role == "cathode" or lay.electrode is not None:
            pot = exp.left if i == 0 else exp.right
            return report(w, None, None, "stable", ["electrode active material: (de)lithiation over its operating "
                                                    "range is intended" + (f" ({lay.electrode.note})"
                                                                           if lay.electrode else "")], pot)
        app = apparent_window(w, self.gaps)
        if seen is None:
            return report(w, True, 0.0, "stable", ["no electrochemical exposure: " + how], apparent=app)
        own = self.thermo.decompose(lay.material).reaction_energy_eV_per_atom
        beyond = {v: min(0.0, self.thermo.decompose(lay.material, voltage=v).reaction_energy_eV_per_atom - own)
                  for v in sorted(set(seen))}
        dec = min(beyond.values())
        ox_ok = w.oxidation_limit_V is None or w.oxidation_limit_V >= seen[1] - 1e-6
        red_ok = w.reduction_limit_V <= seen[0] + 1e-6
        window_txt = f"window {w.reduction_limit_V:.2f}-{_fmt(w.oxidation_limit_V)} V"
        apparent_txt = f"apparent window {app.apparent_reduction_V:.2f}-{_fmt(app.apparent_oxidation_V)} V"
        span = f"{seen[0]:.2f}-{seen[1]:.2f} V ({how})"
        # per side: intrinsic window, weak decomposition (kinetically stable), apparent window
        sides = []
        if not red_ok:
            sides.append(("reduction", seen[0], beyond[seen[0]], app.apparent_reduction_V <= seen[0] + 1e-6,
                          app.reduction, f"reduced below {w.reduction_limit_V:.2f} V to "
                                         f"{', '.join(w.reduction_products) or '-'}"))
        if not ox_ok:
            sides.append(("oxidation", seen[1], beyond[seen[1]],
                          app.apparent_oxidation_V is None or app.apparent_oxidation_V >= seen[1] - 1e-6,
                          app.oxidation, f"oxidised above {_fmt(w.oxidation_limit_V)} V to "
                                         f"{', '.join(w.oxidation_products) or '-'}"))
        reasons: list[str] = []
        verdict: Verdict = "stable"
        if not sides:
            reasons = [f"{window_txt} covers {span}"]
        else:
            reasons = [f"{window_txt} does not cover {span}"]
        for _side, v, e, app_ok, limit, what in sides:
            if e > -self.th.weak_eV:
                reasons.append(f"{what}, but by only {e:.3f} eV/atom at {v:.2f} V beyond its own decomposition "
                               f"(< {self.th.weak_eV * 1000:.0f} meV/atom): kinetically stable in practice")
            elif app_ok:
                verdict = worse(verdict, "passivated")
                reasons.append(f"{what} ({e:.3f} eV/atom at {v:.2f} V); {apparent_txt} covers it: {limit.reason}")
            else:
                verdict = worse(verdict, "degrading")
                reasons.append(f"{what} ({e:.3f} eV/atom at {v:.2f} V); {apparent_txt} does not cover it: "
                               f"{limit.reason}")
        if verdict != "stable":
            reasons = [reasons[0] + ": " + reasons[1]] + reasons[2:] if len(reasons) > 1 else reasons
        if w.e_above_hull_eV_per_atom and w.e_above_hull_eV_per_atom > 1e-3:
            reasons.append(f"{w.e_above_hull_eV_per_atom * 1000:.0f} meV/atom above the hull (metastable)")
        return report(w, ox_ok and red_ok, dec, verdict, reasons, apparent=app)

    def _grade_layer(self, lay: LayerReport, budget: Any) -> LayerReport:
        if lay.role not in ("coating", "interlayer") or lay.verdict in ("degrading", "unknown"):
            return lay
        asr = sum(c.asr_end_ohm_cm2 for c in budget.contributions if c.name == f"{lay.role} {lay.name}")
        if asr > self.th.asr_ohm_cm2:
            return replace(lay, verdict=worse(lay.verdict, "resistive"),
                           reasons=lay.reasons + (f"the {lay.role} itself adds {asr:.3g} ohm cm2 (threshold "
                                                  f"{self.th.asr_ohm_cm2:g} ohm cm2): resistive",))
        return replace(lay, reasons=lay.reasons + (f"the {lay.role} itself adds {asr:.3g} ohm cm2",))

    # ------------------------------------------------------------ interfaces
    def _literature(self, stack: Stack, left: Layer, right: Layer) -> list[joins.ReportedFact]:
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

    def _unstable(self, products: tuple[str, ...], pots: tuple[float, float]) -> tuple[str, ...]:
        """Products that are not stable over ``pots`` (leaving gases; phases whose apparent window misses it).
        Electrode-active products (cathode-type lithium transition-metal compounds) are meant to
        (de)lithiate and are not counted."""
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
                app = apparent_window(self._window(p, max(5.0, pots[1])), self.gaps)
            except SsbkitError:
                continue
            if not app.covers(pots[0] + 0.05, pots[1] - 0.05):
                out.append(f"{p} (apparent window {app.apparent_reduction_V:.2f}-{_fmt(app.apparent_oxidation_V)} V)")
        return tuple(out)

    def _driving_V(self, stack: Stack, a: Layer, b: Layer, pots: tuple[float, float], energy: float) -> float:
        """Voltage driving the interphase growth: how far the electrode potential lies beyond the window of the
        non-electrode layer (the reaction energy in eV/atom as volts when the layer's window covers it)."""
        other = b if a.electrode is not None or a.role == "cathode" else a
        if self.thermo is not None and other.electrode is None and other.role != "cathode":
            try:
                w = self._window(other.material, max(5.0, pots[1]))
                beyond = max(w.reduction_limit_V - pots[0],
                             (pots[1] - w.oxidation_limit_V) if w.oxidation_limit_V is not None else 0.0)
                if beyond > 1e-3:
                    return beyond
            except SsbkitError:
                pass
        return abs(energy)

    def _interface(self, stack: Stack, i: int, left: Layer, right: Layer, exp: Exposure, cond: Conditions,
                   physics: AnodePhysics | None, budget: BudgetBuilder,
                   carbon_pots: tuple[float, float] | None = None) -> InterfaceReport:
        n = len(stack.layers)
        sees = exp.interface_sees[i] if i >= 0 else frozenset({"left"})
        pots = carbon_pots or exp.potentials(sees)
        side = "cathode" if "left" in sees else ("anode" if "right" in sees else "none")
        li_electrode = next((x for x, j in ((left, i), (right, i + 1)) if x.electrode is not None and
                             x.formula == "Li" and j in (0, n - 1)), None) if i >= 0 else None
        at_li_anode = li_electrode is not None
        electrode = next((x for x, j in ((left, i), (right, i + 1)) if x.electrode is not None and
                          j in (0, n - 1)), None) if i >= 0 else None
        phys = physics if at_li_anode and (right is stack.layers[-1] or stack.cell_type == "symmetric") else None
        literature = tuple(self._literature(stack, left, right)) if i >= 0 else ()
        working = any(f.same_layer and f.kind in ("coating", "interlayer") for f in literature)
        evidence = EvidenceAxis(literature, working, "; ".join(f"{f.text} ({f.method}; {f.citation})"
                                                               for f in literature[:4]) or "nothing reported")
        rname = CARBON if carbon_pots else right.material.name

        def report(verdict: Verdict, reasons: list[str], **kw: Any) -> InterfaceReport:
            base: dict[str, Any] = dict(chemical=None, electrochemical=None, anode=None, interphase_type=None,
                                        products=(), product_character=(), scan=())
            base.update(kw)
            return InterfaceReport(left=left.material.name, right=rname, side=side,  # type: ignore[arg-type]
                                   potentials_V=pots, literature=literature, physics=phys, verdict=verdict,
                                   reasons=tuple(reasons), evidence=evidence, **base)

        if self.thermo is None:
            return report("unknown", ["reactions not computed: no thermodynamic data"])
        try:
            if at_li_anode:
                other = right if li_electrode is left else left
                calc = InterfaceCalculator(self.thermo, other.material, "Li")
                chem = calc.closed(use_hull_energy=True)
                a = anode_interface(self.thermo, other.material, "Li", self.gaps,
                                    weak_threshold_eV_per_atom=self.th.weak_eV)
                if phys is not None:
                    from ..physics import growth_law_for

                    phys = replace(phys, growth_law=growth_law_for(a.classification)[1])
                energy = a.reaction_energy_eV_per_atom if a.classification != "stable" else 0.0
                thermo_axis = ThermoAxis(energy, chem.reaction_energy_eV_per_atom, a.reaction_energy_eV_per_atom, 0.0,
                                         a.products)
                character = a.product_character
                products, reaction = a.products, a.reaction
                extra: dict[str, Any] = dict(chemical=chem, anode=a, interphase_type=a.classification,
                                             products=a.products, product_character=a.product_character)
                lead = [f"{a.classification} ({a.status}): " + a.reasons[0], *a.reasons[1:]]
            elif electrode is not None and pots is not None:
                other = right if electrode is left else left
                chem = InterfaceCalculator(self.thermo, other.material, electrode.formula).closed(use_hull_energy=True)
                own = self.thermo.decompose(other.material).reaction_energy_eV_per_atom
                grid = voltage_grid(pots[0], pots[1], cond.step_V) if pots[1] > pots[0] else [pots[0]]
                decs = [self.thermo.decompose(other.material, voltage=v) for v in grid]
                worst = min(decs, key=lambda d: (d.reaction_energy_eV_per_atom, d.voltage_V))
                energy = min(0.0, worst.reaction_energy_eV_per_atom - own)
                products = tuple(p.formula for p in worst.products)
                reaction = worst.reaction
                thermo_axis = ThermoAxis(energy, chem.reaction_energy_eV_per_atom, energy, worst.voltage_V, products)
                character = characters(products, self.gaps)
                extra = dict(chemical=chem, products=products, product_character=character)
                lead = [f"{other.material.name} reduced at the {electrode.material.name} potential "
                        f"({pots[0]:.2f}-{pots[1]:.2f} V): decomposition beyond its own {energy:.3f} eV/atom; "
                        f"chemical reaction with {electrode.formula}: {chem.reaction_energy_eV_per_atom:.3f} eV/atom"]
            else:
                a_mat = left.material if left.electrode is None else left.formula
                b_mat = right.material if right.electrode is None else right.formula
                calc = InterfaceCalculator(self.thermo, a_mat, b_mat)
                chem = calc.closed(use_hull_energy=True)
                electro = None
                scan: tuple[ScanPoint, ...] = ()
                energy, products, reaction = chem.reaction_energy_eV_per_atom, chem.products, chem.reaction
                if pots is not None:
                    grid = voltage_grid(pots[0], pots[1], cond.step_V) if pots[1] > pots[0] else [pots[0]]
                    res = calc.scan(grid)
                    scan = tuple(ScanPoint(r.voltage_V, r.reaction_energy_eV_per_atom, r.mixing_ratio, r.products)
                                 for r in res)
                    w = min(res, key=lambda r: (r.reaction_energy_eV_per_atom, r.voltage_V))
                    electro = WorstReaction(w.reaction_energy_eV_per_atom, w.voltage_V, w.mixing_ratio,  # type: ignore[arg-type]
                                            w.products, w.reaction, pots)
                    if w.reaction_energy_eV_per_atom < energy:
                        energy, products, reaction = w.reaction_energy_eV_per_atom, w.products, w.reaction
                thermo_axis = ThermoAxis(energy, chem.reaction_energy_eV_per_atom,
                                         electro.reaction_energy_eV_per_atom if electro else None,
                                         electro.at_voltage_V if electro else None, products)
                character = characters(products, self.gaps)
                extra = dict(chemical=chem, electrochemical=electro, products=products, product_character=character,
                             scan=scan)
                lead = []
                if pots is None:
                    lead.append("electronically shielded: only the chemical reaction applies")
                elif electro:
                    lead.append(f"worst at {electro.at_voltage_V:.2f} V within {pots[0]:.2f}-{pots[1]:.2f} V; "
                                f"chemical (no Li exchange): {chem.reaction_energy_eV_per_atom:.3f} eV/atom")
        except SsbkitError as exc:
            return report("unknown", [f"reactions not computed: {exc}"])
        source = pots is not None
        conducting = tuple(c.formula for c in character if c.conductor is True and not _electrode_active(c.formula))
        unknown = tuple(c.formula for c in character if c.conductor is None)
        reacts = energy <= -self.th.stable_eV
        unstable = self._unstable(products, pots) if (reacts and pots is not None) else ()
        law: Law = "none"
        if reacts:
            law = ("linear" if conducting else "parabolic") if source else "constant"
        if carbon_pots:
            note = "the electrolyte in the composite cathode meets carbon: an electron source at the cathode potential"
        elif not reacts:
            note = "no interphase forms"
        elif not source:
            note = "no electron source: the interphase is set by the chemical reaction and does not grow"
        else:
            note = ("electron-conducting products: a mixed-conducting interphase, linear growth" if conducting else
                    "electronically insulating products: a passivating interphase, parabolic growth")
        kinetic = KineticAxis(source, conducting, unknown, unstable,
                              None if not reacts else (not conducting and not unstable) or not source, law, note)
        loc = f"{left.material.name} | {rname}"
        if reacts:
            driving = self._driving_V(stack, left, right, pots, energy) if pots is not None else None
            budget.interphase(loc, law, _amounts(reaction, products), driving)
        if at_li_anode:
            other = right if li_electrode is left else left
            ang = joins.contact_angle(other.material.name) or joins.contact_angle(other.formula)
            el = stack.layer("electrolyte")
            sig_behind = (joins.conductivity_lookup(el.material.name) if el else None)
            voids = bool(phys and phys.voids and phys.voids.voids_form)
            budget.li_contact(loc, ang.contact_angle_deg if ang else None, ang.citation if ang else None,
                              sig_behind.conductivity_S_per_cm if sig_behind else 1e-4, cond.pressure_Pa, voids)
        return report("unknown", lead, thermodynamic=thermo_axis, kinetic=kinetic, **extra)

    def _grade_interface(self, x: InterfaceReport, budget: Any) -> InterfaceReport:
        if x.thermodynamic is None or x.kinetic is None:
            return x
        loc = x.interface
        asr = sum(c.asr_end_ohm_cm2 for c in budget.contributions
                  if c.name.endswith(loc) and c.kind in ("interphase", "contact", "voids"))
        t, k = x.thermodynamic, x.kinetic
        verdict, why = grade(t.driving_force_eV_per_atom, k.conducting_products, k.electron_source,
                             k.unstable_products, asr, x.evidence.reported_working if x.evidence else False, self.th)
        reasons = why + list(x.reasons)
        if t.driving_force_eV_per_atom is not None and verdict != "stable":
            reasons.insert(1, f"reacts by {t.driving_force_eV_per_atom:.3f} eV/atom; products "
                              f"{', '.join(t.products) or '-'}")
        if k.unknown_products:
            reasons.append(f"electronic character unknown for {', '.join(k.unknown_products)} (no band gap): "
                           "not counted as conductors")
        if x.evidence and x.evidence.facts:
            reasons.append("the reviews report: " + x.evidence.summary)
        verdict, reasons = _physics_verdict(x.physics, verdict, reasons)
        return replace(x, verdict=verdict, reasons=tuple(reasons), asr_end_ohm_cm2=asr,
                       interphase_type=x.interphase_type or (
                           None if verdict == "unknown" else
                           "stable" if t.driving_force_eV_per_atom is not None and
                           t.driving_force_eV_per_atom > -self.th.stable_eV else
                           "mixed-conducting" if k.conducting_products and k.electron_source else "passivating"))


def _cation_diffusion(left: Layer, right: Layer, steps: tuple) -> list[str]:
    """Diffusion lengths over the processing steps (with durations) of the tabulated species that one side
    holds and the other hosts (Co into LLZO; :mod:`ssbkit.physics.interdiffusion`)."""
    from ..physics.interdiffusion import PARAMETERS, diffusion_length

    schedule = [(st.temperature_K, st.duration_h * 3600.0) for st in steps if st.duration_h]
    out = []
    for src, host in ((left, right), (right, left)):
        for (species, host_formula), p in PARAMETERS.items():
            if species == "Li" or _reduced(host.formula) != _reduced(host_formula):
                continue
            if species in {el.symbol for el in src.material.composition}:
                if not schedule:
                    out.append(f"{species} diffusion into {host.material.name}: give step durations to compute it")
                    continue
                r = diffusion_length(schedule, species, host_formula)
                out.append(f"{species} diffuses about {r.length_nm:.3g} nm into {host.material.name} during processing "
                           f"(D0 {p.d0_m2_per_s:.3g} m2/s, Ea {p.activation_energy_eV:g} eV; {p.source})")
    return out


def _physics_verdict(physics: AnodePhysics | None, verdict: Verdict,
                     reasons: list[str]) -> tuple[Verdict, list[str]]:
    """Fold the anode physics into an interface verdict (voids: at least resistive; current above the CCD:
    degrading)."""
    if physics is None:
        return verdict, reasons
    v = physics.voids
    if v is not None and v.voids_form:
        verdict = worse(verdict, "resistive")
        reasons.append(f"stripping voids: {v.current_density_mA_per_cm2:.3g} mA/cm2 exceeds the vacancy/creep "
                       f"limit {v.limiting_current_density_mA_per_cm2:.3g} mA/cm2 (Wang et al., Adv. Energy Mater. "
                       "2020, §2.4)")
    elif v is not None and v.voids_form is False:
        reasons.append(f"no stripping voids below {v.limiting_current_density_mA_per_cm2:.3g} mA/cm2")
    c = physics.ccd
    if c is not None:
        ccd = f"{c.ccd_mA_per_cm2:.3g} mA/cm2" + (f" (x/÷ {c.spread_factor:.2g} scatter of the records)"
                                                  if c.spread_factor and c.spread_factor > 1.05 else "")
        src = f"{c.method}: " + "; ".join(sorted({p.citation.split(" (ref.")[0] for p in c.points + c.lower_bounds}))
        if c.dendrite_risk == "high":
            verdict = worse(verdict, "degrading")
            reasons.append(f"dendrites: current exceeds the critical current density {ccd} ({src})")
        elif c.dendrite_risk == "moderate":
            reasons.append(f"dendrites: current is above half the critical current density {ccd} ({src})")
        elif c.dendrite_risk == "low":
            reasons.append(f"dendrites: current well below the critical current density {ccd} ({src})")
        elif c.current_to_ccd_ratio is not None:
            reasons.append(f"dendrites: current above half the reported lower bound of the CCD; the CCD itself is "
                           f"unknown ({src})")
    m = physics.monroe_newman
    if m is not None:
        reasons.append(f"Monroe-Newman: G_SE/G_Li = {m.modulus_ratio:.1f} (needs >= {m.required_ratio:g}): "
                       + ("suppresses" if m.suppresses_dendrites else "does not suppress") + " dendrites by shear "
                       "modulus alone")
    return verdict, reasons


def assess(stack_text: str, cond: Conditions, thermo: Thermo | None, gaps: Any | None = None,
           progress: Callable[[str], None] | None = None, params: Parameters | None = None,
           thresholds: Thresholds | None = None, carbon: bool = False, process: str | None = None) -> StackAssessment:
    """Parse and assess a stack (see :class:`StackAssessor`); ``process``: heat-treatment steps
    (:func:`ssbkit.stack.process.parse_process`)."""
    from .process import parse_process

    steps = parse_process(process) if process else ()
    return StackAssessor(thermo, gaps, progress, params, thresholds, carbon, steps).assess(parse_stack(stack_text),
                                                                                            cond)
