"""The one grading pass: facts in, verdicts out.  Every verdict word of an assessment is assigned here.

Rules are small functions of the facts and the thresholds, returning ``(verdict, reason)`` or None, applied
once, in order (the rules, the grades and the thresholds are documented in :mod:`.verdicts`):

* a layer takes the first base rule that applies (:data:`LAYER_RULES`), then its own resistance
  (:func:`layer_resistance`);
* an interface takes the first base rule that applies (:data:`INTERFACE_RULES`), then every aggravating rule
  (:data:`AGGRAVATING_RULES`: anode physics, processing) can only make it worse, each adding its reason;
* the cell takes the worst of its layers and interfaces.

A new rule is one function added to one of these tuples.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..bibliography import REVIEWS, WANG, cite, get
from ..results import Verdict
from .budget import AsrContribution
from .heat import HeatFacts
from .interface_facts import InterfaceFacts
from .layer_facts import LayerFacts
from .report import InterfaceReport, LayerReport
from .verdicts import Thresholds, worse

Grade = tuple[Verdict, str]


def _work(citation: str) -> str:
    """The short name of the first work a citation names (the work itself, not the review that cites it)."""
    keys = [k for k in getattr(citation, "keys", ()) if k not in REVIEWS]
    return get(keys[0]).short if keys else str(citation).split(" (ref.")[0]


# ---------------------------------------------------------------------------------------------- layers
def _layer_not_computed(f: LayerFacts, th: Thresholds) -> list[Grade] | None:
    if f.status in ("no data", "error"):
        return [("unknown", f"window not computed: {f.message}")]
    return None


def _layer_reference(f: LayerFacts, th: Thresholds) -> list[Grade] | None:
    if f.status == "li reference":
        return [("stable", f.message)]
    if f.status == "electrode":
        out: list[Grade] = [("stable", "electrode active material: (de)lithiation over its operating range is "
                                       "intended" + f.message)]
        if f.volume_change is not None and f.volume_limit_percent is not None:
            dv, other, ref = f.volume_change
            big = abs(dv) > f.volume_limit_percent
            out.append(("resistive" if big else "stable",
                        f"volume change {dv:+g} % to {other} ({ref})" + (
                            f": beyond {f.volume_limit_percent:g} %, cracking of the electrode and the electrolyte and "
                            "lost contact, not the interface reaction, limit it (Zheng et al., Batteries & "
                            "Supercaps 2021, §3.4)" if big else "")))
        return out
    if f.status == "unexposed":
        return [("stable", "no electrochemical exposure: " + f.exposure)]
    return None


def _layer_window(f: LayerFacts, th: Thresholds) -> list[Grade]:
    """The intrinsic window against the potentials seen, side by side: weakly beyond it is kinetically stable,
    covered by the apparent window ``passivated``, beyond both ``degrading`` (``resistive`` when the
    mixed-conducting interphase that consumes it there adds no more than ``asr_ohm_cm2`` within ``time_h``,
    the rule :func:`_mixed_conducting` applies to that interface)."""
    from .context import fmt_limit

    w, app, seen = f.window, f.apparent, f.potentials_V
    assert seen is not None and app is not None
    window_txt = f"window {w.reduction_limit_V:.2f}-{fmt_limit(w.oxidation_limit_V)} V"
    apparent_txt = f"apparent window {app.apparent_reduction_V:.2f}-{fmt_limit(app.apparent_oxidation_V)} V"
    span = f"{seen[0]:.2f}-{seen[1]:.2f} V ({f.exposure})"
    grades: list[Grade] = [("stable", f"{window_txt} {'does not cover' if f.sides else 'covers'} {span}")]
    for s in f.sides:
        e, v = s.beyond_eV_per_atom, s.at_V
        if e > -th.weak_eV:
            grades.append(("stable", f"{s.what}, but by only {e:.3f} eV/atom at {v:.2f} V beyond its own "
                                     f"decomposition (< {th.weak_eV * 1000:.0f} meV/atom): kinetically stable in "
                                     "practice"))
        elif s.apparent_covers:
            grades.append(("passivated", f"{s.what} ({e:.3f} eV/atom at {v:.2f} V); {apparent_txt} covers it: "
                                         f"{s.limit_reason}"))
        elif s.observed:
            grades.append(("stable" if s.observed_unchanged else "passivated",
                           f"{s.what} ({e:.3f} eV/atom at {v:.2f} V); {apparent_txt} does not cover it, but it is "
                           f"not what is seen: {s.observed}"))
        elif _ended_by_gas_only(f, s):
            grades.append(("passivated", f"{s.what} ({e:.3f} eV/atom at {v:.2f} V); {apparent_txt} does not cover "
                                         f"it only because a gas leaves ({s.limit_reason}): the gas forms as fast as "
                                         "the insulating products grow, which is self-limiting; how much is judged "
                                         "at the interface"))
        elif s.grown_ohm_cm2 is not None and s.grown_ohm_cm2 <= th.asr_ohm_cm2:
            grades.append(("resistive", f"{s.what} ({e:.3f} eV/atom at {v:.2f} V); {apparent_txt} does not cover "
                                        f"it: {s.limit_reason}; the mixed-conducting interphase at {s.grown_at} adds "
                                        f"{s.grown_ohm_cm2:.3g} ohm cm2 within {th.time_h:g} h (no more than the "
                                        f"resistance threshold {th.asr_ohm_cm2:g} ohm cm2): it keeps growing, "
                                        "degrading over a longer life"))
        else:
            grades.append(("degrading", f"{s.what} ({e:.3f} eV/atom at {v:.2f} V); {apparent_txt} does not cover "
                                        f"it: {s.limit_reason}"))
    if worse(*(g[0] for g in grades)) != "stable" and len(grades) > 1:
        grades = [(grades[1][0], grades[0][1] + ": " + grades[1][1])] + grades[2:]
    if w.e_above_hull_eV_per_atom and w.e_above_hull_eV_per_atom > 1e-3:
        grades.append(("stable", f"{w.e_above_hull_eV_per_atom * 1000:.0f} meV/atom above the hull (metastable)"))
    return grades


def _ended_by_gas_only(f: LayerFacts, side: Any) -> bool:
    """The apparent limit on this side of ``f`` is ended by leaving gases alone (N2 from LiPON ...): the other
    products insulate."""
    app = f.apparent
    if app is None:
        return False
    lim = app.reduction if side.what.startswith("reduced") else app.oxidation
    return bool(lim.ended_by) and all(b.endswith("(gas)") for b in lim.ended_by)


#: Base rules of a layer, in order: the first that applies sets its grade and first reasons.
LAYER_RULES: tuple[Callable[[LayerFacts, Thresholds], list[Grade] | None], ...] = (
    _layer_not_computed, _layer_reference, _layer_window)


def layer_resistance(f: LayerFacts, verdict: Verdict, th: Thresholds) -> Grade | None:
    """A coating or interlayer whose own resistance after ``time_h`` exceeds the threshold is ``resistive``."""
    if f.layer.role not in ("coating", "interlayer") or verdict in ("degrading", "unknown") or f.contribution is None:
        return None
    c = f.contribution
    asr = max(c.asr_ohm_cm2)  # a layer its interphases use (law consumed) adds most at the start
    what = f"the {f.layer.role} itself adds {asr:.3g} ohm cm2" + (
        f" at t = 0 and {c.asr_end_ohm_cm2:.3g} at the end (the interphases at its faces use "
        f"{'it up' if c.asr_end_ohm_cm2 == 0 else 'part of it'})" if c.law == "consumed" else "")
    if asr > th.asr_ohm_cm2:
        return "resistive", f"{what} (threshold {th.asr_ohm_cm2:g} ohm cm2): resistive"
    return "stable", what


def grade_layer(f: LayerFacts, th: Thresholds) -> LayerReport:
    """The graded report of one layer."""
    grades = next(g for rule in LAYER_RULES if (g := rule(f, th)) is not None)
    verdict = worse(*(g[0] for g in grades))
    extra = layer_resistance(f, verdict, th)
    if extra is not None:
        verdict = worse(verdict, extra[0])
        grades.append(extra)
    lay = f.layer
    return LayerReport(lay.role, lay.material.name, lay.formula, f.potentials_V, f.exposure, f.window, f.covered,
                       f.decomposition_eV_per_atom, f.electronic, f.conductivity, verdict,
                       tuple(g[1] for g in grades), f.apparent)


# ------------------------------------------------------------------------------------------ interfaces
@dataclass
class InterfaceView:
    """What the interface rules read: the facts, the interphase resistance after ``time_h`` (contact and
    interphase terms created at this interface) and the processing facts that concern it."""

    facts: InterfaceFacts
    asr_ohm_cm2: float
    heat: HeatFacts
    index: int
    params: Any = None


def _not_computed(x: InterfaceView, th: Thresholds) -> Grade | None:
    if x.facts.reacted is None:
        return "unknown", "reaction not computed"
    return None


def _no_reaction(x: InterfaceView, th: Thresholds) -> Grade | None:
    if x.facts.reacted.thermo.driving_force_eV_per_atom > -th.stable_eV:  # type: ignore[union-attr, operator]
        return "stable", f"no reaction beyond {th.stable_eV * 1000:.0f} meV/atom"
    return None


def _mixed_conducting(x: InterfaceView, th: Thresholds) -> Grade | None:
    """Electron-conducting products with an electron source: a mixed-conducting interphase that keeps growing.
    ``incompatible`` when, beyond ``incompatible_eV``, it grows fast enough to add more than
    ``incompatible_asr_ohm_cm2`` within ``time_h`` (unless the reviews report working cells: then
    ``degrading``); ``degrading`` when it grows slower; ``resistive`` when it adds no more than
    ``asr_ohm_cm2`` within ``time_h`` (it keeps growing: a longer ``time_h`` makes it ``degrading``)."""
    k, e = x.facts.kinetic, x.facts.reacted.thermo.driving_force_eV_per_atom  # type: ignore[union-attr]
    assert k is not None and e is not None
    if not (k.conducting_products and k.electron_source):
        return None
    grown = sum(c.asr_end_ohm_cm2 for c in x.facts.contributions if c.kind == "interphase")
    why = (f"electron-conducting products ({', '.join(k.conducting_products)}) in contact with an electron source: "
           f"a mixed-conducting interphase that keeps growing ({grown:.3g} ohm cm2 after {th.time_h:g} h)")
    if e <= -th.incompatible_eV and grown > th.incompatible_asr_ohm_cm2:
        if x.facts.evidence.reported_working:
            return "degrading", why + (f"; driving force {e:.3f} eV/atom and its growth would make it incompatible, "
                                       "but the reviews report working cells with this pair")
        return "incompatible", why + (f"; driving force {e:.3f} eV/atom, beyond {th.incompatible_asr_ohm_cm2:g} "
                                      f"ohm cm2 within {th.time_h:g} h")
    if grown <= th.asr_ohm_cm2:
        return "resistive", why + (f"; driving force {e:.3f} eV/atom, but it adds no more than the resistance "
                                   f"threshold {th.asr_ohm_cm2:g} ohm cm2 within {th.time_h:g} h: a resistance "
                                   "that rises with time (degrading over a longer life)")
    return "degrading", why + f"; driving force {e:.3f} eV/atom, growing slower than incompatible"


def gas_released(f: InterfaceFacts, params: Any) -> float | None:
    """umol/cm2 of gas molecules released by the interphase of ``f`` after the budget's time: its thickness
    times ``interphase_atom_density`` times the gas atoms' share of the products, two atoms per molecule."""
    from ..parameters import from_si, to_si

    r = f.reacted
    grown = [c for c in f.contributions if c.kind == "interphase" and c.thickness_nm]
    if r is None or r.reaction is None or not grown:
        return None
    from pymatgen.core import Composition

    from ..interfaces.apparent import LEAVING_GASES

    atoms = {t.formula: t.amount * Composition(t.formula).num_atoms for t in r.reaction.products}
    share = sum(a for p, a in atoms.items() if p in LEAVING_GASES) / (sum(atoms.values()) or 1.0)
    mol_per_m2 = params.si("interphase_atom_density") * to_si(grown[0].thickness_nm[-1], "nm") * share / 2.0
    return from_si(mol_per_m2, "umol/cm2")


def _unstable_products(x: InterfaceView, th: Thresholds) -> Grade | None:
    """Products not stable where they sit keep reacting (``degrading``).  A gas released by an otherwise
    passivating interphase is judged by how much: it leaves only as fast as the self-limiting layer grows, and
    below ``gas_release_limit`` after ``time_h`` the interface is graded as the layer is, the gas stated."""
    k = x.facts.kinetic
    if k is None or not k.unstable_products:
        return None
    gas_only = all(p.endswith("(gas)") for p in k.unstable_products) and not k.conducting_products
    if gas_only and x.params is not None:
        amount = gas_released(x.facts, x.params)
        limit = x.params.value("gas_release_limit")
        if amount is not None and amount <= limit:
            verdict, why = _self_limiting(x, th)
            return verdict, why + (f"; {', '.join(k.unstable_products)} released as the layer grows: "
                                   f"{amount:.2g} umol/cm2 after {th.time_h:g} h (below {limit:g} umol/cm2)")
    return "degrading", (f"products not stable where they sit ({', '.join(k.unstable_products)}): they keep "
                         "reacting")


def _self_limiting(x: InterfaceView, th: Thresholds) -> Grade:
    """A self-limiting interphase: ``resistive`` beyond the resistance threshold, else ``passivated``."""
    k = x.facts.kinetic
    assert k is not None
    why = ("no electron source: growth limited to solid-state interdiffusion" if k.conducting_products and
           not k.electron_source else "electronically insulating products: the interphase passivates (self-limiting)")
    why += f"; it does not grow at the cell's temperature: it {x.facts.held}" if x.facts.held else ""
    if x.asr_ohm_cm2 > th.asr_ohm_cm2:
        return "resistive", why + (f"; but it adds {x.asr_ohm_cm2:.3g} ohm cm2 after {th.time_h:g} h (threshold "
                                   f"{th.asr_ohm_cm2:g} ohm cm2)")
    return "passivated", why + f"; {x.asr_ohm_cm2:.3g} ohm cm2 after {th.time_h:g} h"


#: Base rules of an interface, in order: the first that applies sets its grade.
INTERFACE_RULES: tuple[Callable[[InterfaceView, Thresholds], Grade | None], ...] = (
    _not_computed, _no_reaction, _mixed_conducting, _unstable_products, _self_limiting)


# ------------------------------------------------------------------------------- aggravating rules
def _voids(x: InterfaceView, th: Thresholds) -> list[Grade]:
    """Stripping voids make a Li contact at least ``resistive`` (Wang et al., Adv. Energy Mater. 2020, §2.4)."""
    v = x.facts.physics.voids if x.facts.physics else None
    if v is None or x.facts.reacted is None:
        return []
    if v.voids_form:
        return [("resistive", f"stripping voids: {v.current_density_mA_per_cm2:.3g} mA/cm2 exceeds the vacancy/creep "
                              f"limit {v.limiting_current_density_mA_per_cm2:.3g} mA/cm2 ({cite(WANG, None, '§2.4')})")]
    if v.voids_form is False:
        return [("stable", f"no stripping voids below {v.limiting_current_density_mA_per_cm2:.3g} mA/cm2")]
    return []


def _dendrites(x: InterfaceView, th: Thresholds) -> list[Grade]:
    """A current above the critical current density makes a Li contact ``degrading`` (§2.5); Monroe-Newman is
    reported beside it."""
    p = x.facts.physics
    if p is None or x.facts.reacted is None:
        return []
    out: list[Grade] = []
    c = p.ccd
    if c is not None:
        ccd = f"{c.ccd_mA_per_cm2:.3g} mA/cm2" + (f" (x/÷ {c.spread_factor:.2g} scatter of the records)"
                                                  if c.spread_factor and c.spread_factor > 1.05 else "")
        src = f"{c.method}: " + "; ".join(sorted({_work(pt.citation) for pt in c.points + c.lower_bounds}))
        if c.dendrite_risk == "high":
            out.append(("degrading", f"dendrites: current exceeds the critical current density {ccd} ({src})"))
        elif c.dendrite_risk == "moderate":
            out.append(("stable", f"dendrites: current is above half the critical current density {ccd} ({src})"))
        elif c.dendrite_risk == "low":
            out.append(("stable", f"dendrites: current well below the critical current density {ccd} ({src})"))
        elif c.current_to_ccd_ratio is not None:
            out.append(("stable", "dendrites: current above half the reported lower bound of the CCD; the CCD "
                                  f"itself is unknown ({src})"))
    out += _microstructure(p, c is None)
    m = p.monroe_newman
    if m is not None:
        out.append(("stable", f"Monroe-Newman: G_SE/G_Li = {m.modulus_ratio:.1f} (needs >= {m.required_ratio:g}): "
                              + ("suppresses" if m.suppresses_dendrites else "does not suppress") + " dendrites by "
                              "shear modulus alone"))
    return out


def _microstructure(p: Any, decides: bool) -> list[Grade]:
    """The CCD from the electrolyte's microstructure and the interface's resistance, beside the reported ones; it
    decides the dendrite risk only where the reviews report no CCD for the electrolyte (``decides``)."""
    m = p.ccd_microstructure
    if m is None:
        return []
    j = p.voids.current_density_mA_per_cm2 if p.voids is not None else None
    text = (f"microstructure CCD {m.ccd_mA_per_cm2:.3g} mA/cm2, limited by {m.limited_by} (Wang et al., Adv. "
            "Energy Mater. 2020, §2.5; porosity, grain size, flaws and electronic conductivity: ssbkit physics "
            "ccd-microstructure)")
    if decides and j is not None and j >= m.ccd_mA_per_cm2:
        return [("degrading", f"dendrites: current exceeds the {text}")]
    return [("stable", ("dendrites: " if decides else "cross-check: ") + text)]


def _processing(x: InterfaceView, th: Thresholds) -> list[Grade]:
    """A thermal reaction at a processing step (with the other layer, or with the atmosphere) makes the
    interface at least ``resistive`` (Wang et al., Adv. Energy Mater. 2020, §3.2.2-3.3); cation diffusion is
    reported."""
    out: list[Grade] = []
    for s in x.facts.processing:
        r = s.reaction
        if r.reaction_energy_eV_per_atom < -th.stable_eV:
            out.append(("resistive", f"processing ({s.step.label}): reacts by {r.reaction_energy_eV_per_atom:.3f} "
                                     f"eV/atom to {', '.join(r.products)} ({cite(WANG, None, '§3.2.2')})"))
        elif r.mixture_energy_eV_per_atom < -th.stable_eV:
            out.append(("resistive", f"processing ({s.step.label}): the layers react with the atmosphere by "
                                     f"{r.mixture_energy_eV_per_atom:.3f} eV/atom to {', '.join(r.mixture_products)} "
                                     f"({cite(WANG, None, '§3.2.2-3.3')})"))
        else:
            out.append(("stable", f"processing ({s.step.label}): no reaction"))
    out += [("stable", d) for d in x.heat.diffusion.get(x.index, [])]
    return out


def _surface(x: InterfaceView, th: Thresholds) -> list[Grade]:
    """Carbonate or hydroxide left by processing on the surface Li touches: at least ``resistive`` (poor
    wetting; Wang et al., Adv. Energy Mater. 2020, §2.2)."""
    if x.heat.surface_at != x.index:
        return []
    left = x.heat.surface[-1].contaminants_after if x.heat.surface else ()
    if left:
        return [("resistive", f"surface after processing: {', '.join(left)} on {x.facts.left.formula} (poor Li "
                              f"wetting, high interfacial resistance: {cite(WANG, None, '§2.2')})")]
    return [("stable", "surface after processing: no carbonate or hydroxide left")]


def _dopant(x: InterfaceView, th: Thresholds) -> list[Grade]:
    """The dopant of a host-modelled layer reduced by the electron source: reduced in the lattice (Nb5+ in
    Nb-LLZO), a mixed-conducting layer that grows: ``resistive``, ``degrading`` once it adds more than the
    resistance threshold within ``time_h``; reduced only to a metal (Ta, Al, Ga): hindered, stated (Wang et al.,
    Adv. Energy Mater. 2020 §2.2, refs. [52, 53])."""
    d, term = x.facts.dopant, x.facts.dopant_term
    if d is None:
        return []
    if term is None:
        return [("stable", d.sentence())]
    grown = term.asr_end_ohm_cm2
    tail = f" ({grown:.3g} ohm cm2 after {th.time_h:g} h)"
    return [("degrading" if grown > th.asr_ohm_cm2 else "resistive", d.sentence() + tail)]


def _suspect_products(x: InterfaceView, th: Thresholds) -> list[Grade]:
    """A grade that rests on a suspect database phase (LiS4, ClO2 ...: :mod:`ssbkit.data.suspect`) says so, so
    that a user can rerun without it; the grade itself is left as computed."""
    from ..data.suspect import flagged

    r = x.facts.reacted
    if r is None or r.thermo.driving_force_eV_per_atom > -th.stable_eV:  # type: ignore[operator]
        return []
    return [("stable", f"the reaction rests on a {note}") for note in flagged(list(r.thermo.products))]


#: Rules that can only make an interface worse, applied in this order, each adding its reasons.
AGGRAVATING_RULES: tuple[Callable[[InterfaceView, Thresholds], list[Grade]], ...] = (
    _voids, _dendrites, _processing, _surface, _dopant, _suspect_products)


def interphase_resistance(contributions: list[AsrContribution]) -> float:
    """The resistance after ``time_h`` an interface adds itself: its interphase and Li-contact terms."""
    return sum(c.asr_end_ohm_cm2 for c in contributions if c.kind in ("interphase", "contact", "voids"))


def grade_interface(f: InterfaceFacts, index: int, heat: HeatFacts, th: Thresholds,
                    params: Any = None) -> InterfaceReport:
    """The graded report of one interface (``params``: the parameter store, for the amount-based rules)."""
    x = InterfaceView(f, interphase_resistance(f.contributions), heat, index, params)
    extra: dict[str, Any] = dict(chemical=None, electrochemical=None, anode=None, interphase_type=None, products=(),
                                 product_character=(), scan=())
    if f.reacted is None:
        verdict: Verdict = "unknown"
        reasons = [f"reactions not computed: {f.error}"]
        asr = None
    else:
        r, k = f.reacted, f.kinetic
        assert k is not None
        extra.update(r.extra)
        verdict, why = next(g for rule in INTERFACE_RULES if (g := rule(x, th)) is not None)
        reasons = [why, *r.notes]
        e = r.thermo.driving_force_eV_per_atom
        if verdict != "stable":
            reasons.insert(1, f"reacts by {e:.3f} eV/atom; products {', '.join(r.thermo.products) or '-'}")
        if k.unknown_products:
            reasons.append(f"electronic character unknown for {', '.join(k.unknown_products)} (no band gap): not "
                           "counted as conductors")
        if f.evidence.facts:
            reasons.append("the reviews report: " + f.evidence.summary)
        if f.volume is not None:
            reasons.append(f.volume.sentence())
        asr = x.asr_ohm_cm2
    for rule in AGGRAVATING_RULES:
        for v, why in rule(x, th):
            verdict = worse(verdict, v)
            reasons.append(why)
    if f.reacted is not None and extra["interphase_type"] is None and verdict != "unknown":
        k = f.kinetic
        assert k is not None
        extra["interphase_type"] = ("stable" if f.reacted.thermo.driving_force_eV_per_atom > -th.stable_eV else
                                    "MCI" if k.conducting_products and k.electron_source else "SEI")
    return InterfaceReport(left=f.left.material.name, right=f.right_name, side=f.side,  # type: ignore[arg-type]
                           potentials_V=f.potentials_V, literature=f.literature, physics=f.physics, verdict=verdict,
                           reasons=tuple(reasons), evidence=f.evidence, asr_end_ohm_cm2=asr,
                           thermodynamic=f.reacted.thermo if f.reacted else None, kinetic=f.kinetic,
                           interphase_volume=f.volume, dopant_reduction=f.dopant, **extra)


def cell_verdict(layers: list[LayerReport], interfaces: list[InterfaceReport]) -> Verdict:
    """The cell takes the worst grade of its layers and interfaces."""
    return worse(*(x.verdict for x in layers), *(x.verdict for x in interfaces))


