"""Whole-stack assessment: will this ASSLB stack work, and where does it fail?

For a stack ``cathode | [coating |] electrolyte [| interlayer] | anode`` under
:class:`~ssbkit.stack.conditions.Conditions`, ssbkit assesses

* every layer: its electrochemical window (Zheng et al., Batteries & Supercaps 2021,
  §3.1, Fig. 2a) against the potentials it sees; an electron-blocking coating or
  interlayer shields the electrolyte behind it from electrochemical oxidation /
  reduction (only chemical reaction remains);
* every interface: chemical (closed) and electrochemical (Li-open, over the
  potentials it sees) driving force, products, interphase type (§3.3-3.4, Fig. 6a,
  Fig. 7a; Wenzel classification at Li metal) and what the reviews report for the
  pair (Tables 2-5);
* the anode side: stripping voids, dendrites (CCD, Monroe-Newman) and contact
  (Wang et al., Adv. Energy Mater. 2020, §2.3-2.5), see :mod:`ssbkit.stack.anode_physics`;

and gives a verdict per layer and interface with its reasons (rules in
:mod:`ssbkit.stack.verdicts`).  Without thermodynamic data it still reports the
knowledge base and physics, and says exactly what it could not compute.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import __version__
from ..errors import SsbkitError
from ..interfaces.anode import anode_interface, anode_potential
from ..interfaces.electronic import characters, classify_phase
from ..interfaces.reactions import InterfaceCalculator, voltage_grid
from ..literature import joins
from ..literature.bibliography import REVIEWS
from ..materials import parse_formula
from ..physics import growth_law_for
from ..results import Provenance, Verdict
from ..thermo.service import Thermo
from .anode_physics import anode_physics
from .conditions import Conditions
from .parse import Layer, Stack, parse_stack
from .report import (
    AnodePhysics,
    InterfaceReport,
    LayerReport,
    ScanPoint,
    StackAssessment,
    WorstReaction,
)
from .verdicts import STABLE_EV, STRONG_EV, WENZEL, judge, worse

NO_DATA = ("stability windows and interface reactions: no thermodynamic data configured (give a CSV/CSV.gz of "
           "formula + formation energy per atom, a pymatgen ComputedEntry JSON, or the Materials Project API with "
           "MP_API_KEY)")
NO_GAPS = ("band gaps of compound products: no band-gap source configured, only metals and alloys were classified "
           "as electron conductors")


def _fmt(v: float | None) -> str:
    return "inf" if v is None else f"{v:.2f}"


def _reduced(formula: str) -> str:
    return parse_formula(formula).reduced_formula


class StackAssessor:
    """Runs the assessment; ``thermo`` may be None (no data configured)."""

    def __init__(self, thermo: Thermo | None, gaps: Any | None = None,
                 progress: Callable[[str], None] | None = None) -> None:
        self.thermo = thermo
        self.gaps = gaps
        self.progress = progress or (lambda msg: None)

    def assess(self, stack: Stack, cond: Conditions) -> StackAssessment:
        not_computed: list[str] = []
        v_a, v_note = anode_potential(self.thermo, stack.layers[-1].material.name)
        if self.thermo is None:
            not_computed.append(NO_DATA)
        elif self.gaps is None:
            not_computed.append(NO_GAPS)
        shields = self._shielding(stack)
        layers = tuple(self._layer(stack, lay, cond, v_a, shields) for lay in stack.layers)
        interfaces = []
        for left, right in stack.interfaces:
            self.progress(f"{left.material.name} | {right.material.name}")
            interfaces.append(self._interface(stack, left, right, cond, v_a, shields))
        verdict = worse(*(x.verdict for x in layers), *(x.verdict for x in interfaces))
        summary = [f"{x.role} {x.name}: {x.verdict} - {x.reasons[0]}" for x in layers if x.verdict != "ok"]
        summary += [f"{x.interface}: {x.verdict} - {x.reasons[0]}" for x in interfaces if x.verdict != "ok"]
        src = self.thermo.source.provenance() if self.thermo is not None else {}
        prov = Provenance(method="stack assessment (ssbkit.stack.assess)", ssbkit_version=__version__,
                          data_source=src.get("data_source"), data_kind=src.get("data_kind"),
                          data_version=src.get("data_version"), references=REVIEWS,
                          details={"thresholds_eV_per_atom": {"stable": STABLE_EV, "strong": STRONG_EV},
                                   "band_gap_source": getattr(self.gaps, "source", None)})
        return StackAssessment(stack=stack, conditions=cond, anode_potential_V=v_a, anode_potential_note=v_note,
                               layers=layers, interfaces=tuple(interfaces), verdict=verdict,
                               summary=tuple(summary or ["every layer and interface is stable under these conditions"]),
                               not_computed=tuple(not_computed), provenance=prov)

    # ------------------------------------------------------------ shielding
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

    def _shielding(self, stack: Stack) -> dict[str, bool]:
        """Is the electrolyte shielded from the cathode / anode potential by an insulating layer?"""
        coat, inter = stack.layer("coating"), stack.layer("interlayer")
        return {"cathode": coat is not None and self._conducts(coat) is False,
                "anode": inter is not None and self._conducts(inter) is False}

    # ---------------------------------------------------------------- layers
    def _exposure(self, stack: Stack, lay: Layer, cond: Conditions, v_a: float,
                  shields: dict[str, bool]) -> tuple[tuple[float, float] | None, str]:
        lo, hi = cond.voltage_range_V
        if lay.role in ("cathode", "coating"):
            return (lo, hi), "cathode potential"
        if lay.role in ("interlayer", "anode"):
            return (v_a, v_a), "anode potential"
        seen: list[float] = []
        faces = []
        if not shields["cathode"]:
            seen += [lo, hi]
            faces.append("cathode potential" + (" through an electron-conducting coating"
                                                if stack.layer("coating") else ""))
        else:
            faces.append("not the cathode potential: the coating blocks electrons")
        if not shields["anode"]:
            seen += [v_a]
            faces.append("anode potential" + (" through an electron-conducting interlayer"
                                              if stack.layer("interlayer") else ""))
        else:
            faces.append("not the anode potential: the interlayer blocks electrons")
        return ((min(seen), max(seen)) if seen else None), "; ".join(faces)

    def _layer(self, stack: Stack, lay: Layer, cond: Conditions, v_a: float,
               shields: dict[str, bool]) -> LayerReport:
        seen, exposure = self._exposure(stack, lay, cond, v_a, shields)
        conductivity = joins.conductivity_lookup(lay.material.name) or joins.conductivity_lookup(lay.formula)
        electronic = classify_phase(_reduced(lay.formula), self.gaps) if lay.role != "anode" else None

        def report(window: Any, covered: bool | None, dec: float | None, verdict: Verdict,
                   reasons: list[str], potentials: tuple[float, float] | None = seen,
                   how: str = exposure) -> LayerReport:
            return LayerReport(lay.role, lay.material.name, lay.formula, potentials, how, window, covered, dec,
                               electronic, conductivity, verdict, tuple(reasons))

        if self.thermo is None:
            return report(None, None, None, "unknown", ["window not computed: no thermodynamic data"])
        if lay.role == "anode" and lay.formula == "Li":
            return report(None, True, 0.0, "ok", ["Li metal is the 0 V reference"], (0.0, 0.0), "reference electrode")
        try:
            w = self.thermo.window(lay.material, (0.0, max(cond.voltage_range_V[1], 0.0)))
        except SsbkitError as exc:
            return report(None, None, None, "unknown", [f"window not computed: {exc}"])
        if seen is None:
            return report(w, True, 0.0, "ok", ["no electrochemical exposure: " + exposure])
        if lay.role == "cathode":  # the cathode is meant to (de)lithiate: report its window, do not judge it
            return report(w, None, None, "ok", ["active material: (de)lithiation over the operating range is intended"])
        dec = min([0.0] + [self.thermo.decompose(lay.material, voltage=v).reaction_energy_eV_per_atom
                           for v in sorted(set(seen))])
        ox_ok = w.oxidation_limit_V is None or w.oxidation_limit_V >= seen[1] - 1e-6
        red_ok = w.reduction_limit_V <= seen[0] + 1e-6
        covered = ox_ok and red_ok
        verdict: Verdict
        if covered:
            verdict, reasons = "ok", [f"window {w.reduction_limit_V:.2f}-{_fmt(w.oxidation_limit_V)} V covers "
                                      f"{seen[0]:.2f}-{seen[1]:.2f} V ({exposure})"]
        else:
            side = []
            if not red_ok:
                side.append(f"reduced below {w.reduction_limit_V:.2f} V to {', '.join(w.reduction_products) or '-'}")
            if not ox_ok:
                side.append(f"oxidised above {_fmt(w.oxidation_limit_V)} V to {', '.join(w.oxidation_products) or '-'}")
            verdict = "caution" if -dec < STRONG_EV else "fail"
            wenzel = None
            if not red_ok and lay.role == "electrolyte" and not shields["anode"] and stack.layers[-1].formula == "Li" \
                    and stack.layer("interlayer") is None:
                wenzel = anode_interface(self.thermo, lay.material, "Li", self.gaps)
                if ox_ok:
                    verdict = WENZEL[wenzel.classification]
            reasons = [f"window {w.reduction_limit_V:.2f}-{_fmt(w.oxidation_limit_V)} V does not cover "
                       f"{seen[0]:.2f}-{seen[1]:.2f} V ({exposure}): " + "; ".join(side)
                       + f"; up to {dec:.3f} eV/atom"]
            if wenzel is not None:
                reasons.append(f"at the Li anode this reduction forms a {wenzel.classification} interphase "
                               f"({wenzel.status}; see the interface)")
            elif verdict == "caution":
                reasons.append("small decomposition energy: kinetically limited in practice "
                               "(Zheng et al., Batteries & Supercaps 2021, §3.1)")
        if w.e_above_hull_eV_per_atom and w.e_above_hull_eV_per_atom > 1e-3:
            reasons.append(f"{w.e_above_hull_eV_per_atom * 1000:.0f} meV/atom above the hull (metastable)")
        return report(w, covered, dec, verdict, reasons)

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

    def _interface(self, stack: Stack, left: Layer, right: Layer, cond: Conditions, v_a: float,
                   shields: dict[str, bool]) -> InterfaceReport:
        lo, hi = cond.voltage_range_V
        roles = (left.role, right.role)
        literature = tuple(self._literature(stack, left, right))
        pots: tuple[float, float] | None
        if left.role == "cathode":
            side, pots = "cathode", (lo, hi)
        elif right.role == "anode":
            side, pots = "anode", (v_a, v_a)
        elif "coating" in roles:
            side, pots = "cathode", None if shields["cathode"] else (lo, hi)
        else:
            side, pots = "anode", None if shields["anode"] else (v_a, v_a)
        physics = anode_physics(stack, cond) if right.role == "anode" else None
        lit_reason = ["the reviews report: " + "; ".join(f"{f.text} ({f.method}; {f.citation})"
                                                          for f in literature[:4])] if literature else []

        def report(verdict: Verdict, reasons: list[str], **kw: Any) -> InterfaceReport:
            verdict, reasons = _physics_verdict(physics, verdict, reasons + lit_reason)
            base: dict[str, Any] = dict(chemical=None, electrochemical=None, anode=None, interphase_type=None,
                                        products=(), product_character=(), scan=())
            base.update(kw)
            return InterfaceReport(left=left.material.name, right=right.material.name, side=side,  # type: ignore[arg-type]
                                   potentials_V=pots, literature=literature, physics=physics, verdict=verdict,
                                   reasons=tuple(reasons), **base)

        if self.thermo is None:
            return report("unknown", ["reactions not computed: no thermodynamic data"])
        try:
            calc = InterfaceCalculator(self.thermo, left.material, right.material)
            chem = calc.closed(use_hull_energy=True)
            if right.role == "anode" and right.formula == "Li":
                a = anode_interface(self.thermo, left.material, "Li", self.gaps)
                reasons = [f"{a.classification} ({a.status}): " + a.reasons[0], *a.reasons[1:]]
                if a.classification == "SEI":
                    reasons.append("passivating SEI: interfacial resistance grows parabolically, then stabilises")
                if physics is not None:
                    from dataclasses import replace

                    physics = replace(physics, growth_law=growth_law_for(a.classification)[1])
                return report(WENZEL[a.classification], reasons, chemical=chem, anode=a,
                              interphase_type=a.classification, products=a.products,
                              product_character=a.product_character)
            electro = None
            scan: tuple[ScanPoint, ...] = ()
            worst_e, worst_products = chem.reaction_energy_eV_per_atom, chem.products
            if pots is not None and "Li" not in (left.formula, right.formula):
                grid = voltage_grid(pots[0], pots[1], cond.step_V) if pots[1] > pots[0] else [pots[0]]
                res = calc.scan(grid)
                scan = tuple(ScanPoint(r.voltage_V, r.reaction_energy_eV_per_atom, r.mixing_ratio, r.products)
                             for r in res)
                w = min(res, key=lambda r: (r.reaction_energy_eV_per_atom, r.voltage_V))
                electro = WorstReaction(w.reaction_energy_eV_per_atom, w.voltage_V, w.mixing_ratio,  # type: ignore[arg-type]
                                        w.products, w.reaction, pots)
                if w.reaction_energy_eV_per_atom < worst_e:
                    worst_e, worst_products = w.reaction_energy_eV_per_atom, w.products
        except SsbkitError as exc:
            return report("unknown", [f"reactions not computed: {exc}"])
        character = characters(worst_products, self.gaps)
        kind, verdict, reasons = judge(worst_e, character)
        if pots is None:
            reasons.append("electronically shielded: only the chemical reaction applies")
        elif electro:
            reasons.append(f"worst at {electro.at_voltage_V:.2f} V within {pots[0]:.2f}-{pots[1]:.2f} V; "
                           f"chemical (no Li exchange): {chem.reaction_energy_eV_per_atom:.3f} eV/atom")
        return report(verdict, reasons, chemical=chem, electrochemical=electro, interphase_type=kind,
                      products=worst_products, product_character=character, scan=scan)


def _physics_verdict(physics: AnodePhysics | None, verdict: Verdict,
                     reasons: list[str]) -> tuple[Verdict, list[str]]:
    """Fold the anode physics into an interface verdict (voids: caution; current above the CCD: fail)."""
    if physics is None:
        return verdict, reasons
    v = physics.voids
    if v is not None and v.voids_form:
        verdict = worse(verdict, "caution")
        reasons.append(f"stripping voids: {v.current_density_mA_per_cm2:.3g} mA/cm2 exceeds the vacancy/creep "
                       f"limit {v.limiting_current_density_mA_per_cm2:.3g} mA/cm2 (Wang et al., Adv. Energy Mater. "
                       "2020, §2.4)")
    elif v is not None and v.voids_form is False:
        reasons.append(f"no stripping voids below {v.limiting_current_density_mA_per_cm2:.3g} mA/cm2")
    c = physics.ccd
    if c is not None and c.dendrite_risk == "high":
        verdict = worse(verdict, "fail")
        reasons.append(f"dendrites: current exceeds the critical current density {c.ccd_mA_per_cm2:.3g} mA/cm2 "
                       f"({c.method})")
    elif c is not None and c.dendrite_risk == "moderate":
        verdict = worse(verdict, "caution")
        reasons.append(f"dendrites: current is above half the critical current density {c.ccd_mA_per_cm2:.3g} mA/cm2")
    elif c is not None and c.dendrite_risk == "low":
        reasons.append(f"dendrites: current well below the critical current density {c.ccd_mA_per_cm2:.3g} mA/cm2")
    m = physics.monroe_newman
    if m is not None:
        reasons.append(f"Monroe-Newman: G_SE/G_Li = {m.modulus_ratio:.1f} (needs >= {m.required_ratio:g}): "
                       + ("suppresses" if m.suppresses_dendrites else "does not suppress") + " dendrites by shear "
                       "modulus alone")
    return verdict, reasons


def assess(stack_text: str, cond: Conditions, thermo: Thermo | None, gaps: Any | None = None,
           progress: Callable[[str], None] | None = None) -> StackAssessment:
    """Parse and assess a stack (see :class:`StackAssessor`)."""
    return StackAssessor(thermo, gaps, progress).assess(parse_stack(stack_text), cond)
