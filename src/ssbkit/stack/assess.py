"""Whole-stack assessment: will this ASSLB stack work, and where does it fail?

For a stack ``cathode | [coating |] electrolyte [| interlayer] | anode`` at an
operating cathode potential range, a temperature, a stack pressure and a
current density, ssbkit assesses

* every layer: its electrochemical window (Zheng et al., Batteries & Supercaps 2021,
  §3.1, Fig. 2a) against the potentials it sees; an electron-blocking coating
  or interlayer shields the electrolyte behind it from electrochemical
  oxidation / reduction (only chemical reaction remains);
* every interface: chemical (closed) and electrochemical (Li-open, over the
  potentials it sees) driving force, products, interphase type (seed 1 §3.3-3.4,
  Fig. 6a, Fig. 7a; Wenzel classification at Li metal), what the seeds report
  for the pair (Tables 2-5);
* the anode side: stripping voids (Wang et al., Adv. Energy Mater. 2020, §2.4),
  dendrites (CCD vs temperature from the knowledge base, Monroe-Newman; §2.5),
  contact resistance under stack pressure (Eq. 1), interphase growth law;

and gives a verdict per layer and interface with its reasons.  Thresholds:
reaction energies within 10 meV/atom of zero are "stable"; beyond 100 meV/atom,
or with electron-conducting products, "fail"; in between "caution".  Without
thermodynamic data it still reports the knowledge base and physics, and says
exactly what it could not compute.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .. import __version__
from ..errors import SsbkitError
from ..interfaces.anode import anode_interface
from ..interfaces.electronic import classify_phase
from ..interfaces.reactions import InterfaceCalculator, voltage_grid
from ..thermo.service import Thermo
from . import knowledge as kb
from .parse import Layer, Stack
from .screen import anode_potential

STABLE_EV = 0.01
STRONG_EV = 0.10
WEAK_EV = 0.05  # below this, even an electron-conducting interphase is only a caution
ROOM_K = 298.15
_ORDER = {"ok": 0, "unknown": 1, "caution": 2, "fail": 3}


@dataclass
class Conditions:
    """Operating conditions (SI).

    Attributes:
        voltage_range_V: cathode potential range vs Li/Li+ (low, high).
        temperature_K: cell temperature.
        pressure_Pa: stack pressure (None: not given).
        current_density_A_per_m2: current density (None: not given).
        step_V: voltage step of the scans.
    """

    voltage_range_V: tuple[float, float] = (2.5, 4.3)
    temperature_K: float = ROOM_K
    pressure_Pa: float | None = None
    current_density_A_per_m2: float | None = None
    step_V: float = 0.05

    def to_dict(self) -> dict[str, Any]:
        return {"voltage_range_V": list(self.voltage_range_V), "temperature_K": self.temperature_K,
                "temperature_C": self.temperature_K - 273.15, "pressure_Pa": self.pressure_Pa,
                "pressure_MPa": None if self.pressure_Pa is None else self.pressure_Pa / 1e6,
                "current_density_A_per_m2": self.current_density_A_per_m2,
                "current_density_mA_per_cm2": None if self.current_density_A_per_m2 is None
                else self.current_density_A_per_m2 / 10.0, "step_V": self.step_V}


@dataclass
class LayerReport:
    role: str
    name: str
    formula: str
    potentials_seen_V: list[float] | None
    exposure: str
    window: dict[str, Any] | None
    covered: bool | None
    decomposition_eV_per_atom: float | None
    electronic: dict[str, Any] | None
    conductivity: dict[str, Any] | None
    verdict: str
    reasons: list[str]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class InterfaceReport:
    left: str
    right: str
    side: str
    potentials_V: list[float] | None
    chemical: dict[str, Any] | None
    electrochemical: dict[str, Any] | None
    interphase_type: str | None
    products: list[str]
    product_character: dict[str, Any]
    literature: list[dict[str, Any]]
    physics: dict[str, Any]
    verdict: str
    reasons: list[str]
    scan: list[dict[str, Any]] = field(default_factory=list)
    kinks: list[dict[str, Any]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.left} | {self.right}"

    def to_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["interface"] = self.label
        return d


@dataclass
class StackAssessment:
    stack: Stack
    conditions: Conditions
    anode_potential_V: float
    layers: list[LayerReport]
    interfaces: list[InterfaceReport]
    verdict: str
    summary: list[str]
    not_computed: list[str]
    provenance: dict[str, Any]
    windows: list[Any] = field(default_factory=list, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {"stack": self.stack.label(), "layers_parsed": [lay.to_dict() for lay in self.stack.layers],
                "conditions": self.conditions.to_dict(), "anode_potential_V": self.anode_potential_V,
                "verdict": self.verdict, "summary": self.summary, "layers": [lay.to_dict() for lay in self.layers],
                "interfaces": [i.to_dict() for i in self.interfaces], "not_computed": self.not_computed,
                "provenance": self.provenance}


def _worse(*verdicts: str) -> str:
    return max(verdicts, key=lambda v: _ORDER[v])


def _character(products: list[str], gaps: Any) -> dict[str, dict[str, Any]]:
    return {p: classify_phase(p, gaps).to_dict() for p in products}


def _judge(energy: float, character: dict[str, dict[str, Any]]) -> tuple[str, str, list[str]]:
    """(interphase type, verdict, reasons) from a worst reaction energy and product character."""
    conducting = [p for p, c in character.items() if c["electronic_conductor"]]
    if energy > -STABLE_EV:
        return "stable", "ok", [f"no reaction beyond {STABLE_EV * 1000:.0f} meV/atom"]
    kind = "mixed-conducting" if conducting else "passivating (electronically insulating)"
    reasons = [f"reacts by {energy:.3f} eV/atom; products {', '.join(character) or '-'}"]
    if conducting:
        reasons.append(f"electron-conducting products ({', '.join(conducting)}): the interphase can keep growing")
        return kind, ("fail" if energy <= -WEAK_EV else "caution"), reasons
    if energy <= -STRONG_EV:
        reasons.append(f"strong driving force (beyond {STRONG_EV:.2f} eV/atom): a resistive interphase forms")
        return kind, "fail", reasons
    reasons.append("mild reaction with insulating products: likely self-limiting")
    return kind, "caution", reasons


class StackAssessor:
    """Runs the assessment; ``thermo`` may be None (no data configured)."""

    def __init__(self, thermo: Thermo | None, gaps: Any | None = None,
                 progress: Callable[[str], None] | None = None) -> None:
        self.thermo = thermo
        self.gaps = gaps
        self.progress = progress or (lambda msg: None)

    # ---------------------------------------------------------------- public
    def assess(self, stack: Stack, cond: Conditions) -> StackAssessment:
        lo, hi = cond.voltage_range_V
        if not (0 <= lo <= hi):
            raise SsbkitError(f"--voltage {lo:g}:{hi:g}: need 0 <= LOW <= HIGH (V vs Li/Li+)")
        not_computed: list[str] = []
        anode = stack.layers[-1]
        v_a, v_note = anode_potential(self.thermo, anode.material.name)
        if self.thermo is None:
            not_computed += [
                "stability windows of the layers (no thermodynamic data)",
                "chemical and electrochemical interface reactions and interphase types (no thermodynamic data)",
                "configure data with --entries PATH (CSV/CSV.gz of formula + formation energy per atom, or pymatgen "
                "ComputedEntry JSON), --entries mp with MP_API_KEY, or SSBKIT_ENTRIES",
            ]
        if self.gaps is None and self.thermo is not None:
            not_computed.append("band gaps of compound products (no band-gap source): only metals/alloys classified; "
                                "configure --bandgaps PATH|mp or SSBKIT_BANDGAPS")
        shields = self._shielding(stack)
        windows: list[Any] = []
        layers = [self._layer(stack, lay, cond, v_a, shields, windows) for lay in stack.layers]
        interfaces = []
        for left, right in stack.interfaces:
            self.progress(f"{left.material.name} | {right.material.name}")
            interfaces.append(self._interface(stack, left, right, cond, v_a, shields))
        verdict = _worse(*(x.verdict for x in layers), *(x.verdict for x in interfaces))
        summary = [f"{x.role} {x.name}: {x.verdict} - {x.reasons[0]}" for x in layers if x.verdict != "ok"]
        summary += [f"{x.label}: {x.verdict} - {x.reasons[0]}" for x in interfaces if x.verdict != "ok"]
        if not summary:
            summary = ["every layer and interface is stable under these conditions"]
        prov: dict[str, Any] = {"ssbkit_version": __version__, "method": "stack assessment (ssbkit.stack.assess)",
                                "anode_potential_note": v_note, "thresholds_eV_per_atom":
                                {"stable": STABLE_EV, "strong": STRONG_EV},
                                "knowledge_base": ["000_b696854b0b79fc77.txt", "001_2dd48e6c264f94e2.txt"]}
        if self.thermo is not None:
            prov.update(self.thermo.source.provenance())
        if self.gaps is not None:
            prov["band_gap_source"] = getattr(self.gaps, "source", None)
        return StackAssessment(stack=stack, conditions=cond, anode_potential_V=v_a, layers=layers,
                               interfaces=interfaces, verdict=verdict, summary=summary, not_computed=not_computed,
                               provenance=prov, windows=windows)

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
        out = {"cathode": False, "anode": False}
        coat = stack.layer("coating")
        inter = stack.layer("interlayer")
        if coat is not None:
            out["cathode"] = self._conducts(coat) is False
        if inter is not None:
            out["anode"] = self._conducts(inter) is False
        return out

    # ---------------------------------------------------------------- layers
    def _layer(self, stack: Stack, lay: Layer, cond: Conditions, v_a: float, shields: dict[str, bool],
               windows: list[Any]) -> LayerReport:
        lo, hi = cond.voltage_range_V
        if lay.role in ("cathode", "coating"):
            seen, exposure = [lo, hi], "cathode potential"
        elif lay.role in ("interlayer", "anode"):
            seen, exposure = [v_a, v_a], "anode potential"
        else:
            seen = []
            faces = []
            if not shields["cathode"]:
                seen += [lo, hi]
                faces.append("cathode potential" + (" through an electron-conducting coating" if stack.layer("coating") else ""))
            if not shields["anode"]:
                seen += [v_a]
                faces.append("anode potential" + (" through an electron-conducting interlayer" if stack.layer("interlayer") else ""))
            exposure = " and ".join(faces) if faces else "shielded on both sides by electron-blocking layers"
            seen = [min(seen), max(seen)] if seen else []
        reasons: list[str] = []
        cond_kb = kb.conductivity_lookup(lay.material.name) or kb.conductivity_lookup(lay.formula)
        conductivity = None
        if cond_kb:
            conductivity = {"conductivity_rt_S_per_cm": cond_kb[0], "source": cond_kb[1]}
        electronic = classify_phase(_reduced(lay.formula), self.gaps).to_dict() if lay.role != "anode" else None
        if self.thermo is None:
            return LayerReport(lay.role, lay.material.name, lay.formula, seen or None, exposure, None, None, None,
                               electronic, conductivity, "unknown", ["window not computed: no thermodynamic data"])
        if lay.role == "anode" and lay.formula == "Li":
            return LayerReport(lay.role, lay.material.name, lay.formula, [0.0, 0.0], "reference electrode", None, True,
                               0.0, None, None, "ok", ["Li metal is the 0 V reference"])
        try:
            w = self.thermo.window(lay.material, (0.0, max(hi, 0.0)))
        except SsbkitError as exc:
            return LayerReport(lay.role, lay.material.name, lay.formula, seen or None, exposure, None, None, None,
                               electronic, conductivity, "unknown", [f"window not computed: {exc}"])
        windows.append(w)
        window = {"reduction_limit_V": w.reduction_limit_V, "oxidation_limit_V": w.oxidation_limit_V,
                  "reduction_products": w.reduction_products, "oxidation_products": w.oxidation_products,
                  "e_above_hull_eV_per_atom": w.e_above_hull_eV_per_atom, "in_data": w.in_data}
        if not seen:
            return LayerReport(lay.role, lay.material.name, lay.formula, None, exposure, window, True, 0.0, electronic,
                               conductivity, "ok", ["no electrochemical exposure: " + exposure])
        if lay.role == "cathode":
            # the cathode is meant to (de)lithiate: report its window, do not judge it
            return LayerReport(lay.role, lay.material.name, lay.formula, seen, exposure, window, None, None, electronic,
                               conductivity, "ok", ["active material: (de)lithiation over the operating range is intended"])
        dec = self._decomposition_over(lay, seen, cond.step_V)
        ox_ok = w.oxidation_limit_V is None or w.oxidation_limit_V >= seen[1] - 1e-6
        red_ok = w.reduction_limit_V <= seen[0] + 1e-6
        covered = ox_ok and red_ok
        if covered:
            verdict, reasons = "ok", [f"window {w.reduction_limit_V:.2f}-{_fmt(w.oxidation_limit_V)} V covers "
                                      f"{seen[0]:.2f}-{seen[1]:.2f} V ({exposure})"]
        else:
            side = []
            if not red_ok:
                side.append(f"reduced below {w.reduction_limit_V:.2f} V to {', '.join(w.reduction_products) or '-'}")
            if not ox_ok:
                side.append(f"oxidised above {_fmt(w.oxidation_limit_V)} V to {', '.join(w.oxidation_products) or '-'}")
            mag = -dec
            verdict = "caution" if mag < STRONG_EV else "fail"
            wenzel = None
            if not red_ok and lay.role == "electrolyte" and not shields["anode"] and stack.layers[-1].formula == "Li" \
                    and stack.layer("interlayer") is None:
                wenzel = anode_interface(self.thermo, lay.material, "Li", self.gaps)
                if ox_ok:
                    verdict = {"stable": "ok", "SEI": "caution", "MCI": "fail"}[wenzel.classification]
            reasons = [f"window {w.reduction_limit_V:.2f}-{_fmt(w.oxidation_limit_V)} V does not cover "
                       f"{seen[0]:.2f}-{seen[1]:.2f} V ({exposure}): " + "; ".join(side)
                       + f"; up to {dec:.3f} eV/atom"]
            if wenzel is not None:
                reasons.append(f"at the Li anode this reduction forms a {wenzel.classification} interphase "
                               f"({wenzel.status}; see the interface)")
            elif verdict == "caution":
                reasons.append("small decomposition energy: kinetically limited in practice (seed 1 §3.1)")
        if w.e_above_hull_eV_per_atom and w.e_above_hull_eV_per_atom > 1e-3:
            reasons.append(f"{w.e_above_hull_eV_per_atom * 1000:.0f} meV/atom above the hull (metastable)")
        return LayerReport(lay.role, lay.material.name, lay.formula, seen, exposure, window, covered, dec,
                           electronic, conductivity, verdict, reasons)

    def _decomposition_over(self, lay: Layer, seen: list[float], step: float) -> float:
        assert self.thermo is not None
        vs = {seen[0], seen[1]}
        worst = 0.0
        for v in vs:
            d = self.thermo.decompose(lay.material, voltage=v)
            worst = min(worst, d.reaction_energy_eV_per_atom)
        return worst

    # ------------------------------------------------------------ interfaces
    def _interface(self, stack: Stack, left: Layer, right: Layer, cond: Conditions, v_a: float,
                   shields: dict[str, bool]) -> InterfaceReport:
        lo, hi = cond.voltage_range_V
        roles = (left.role, right.role)
        literature = kb.observed(left.material.name, right.material.name)
        if "coating" in roles and stack.layer("electrolyte") is not None:
            layer = left if left.role == "coating" else right
            literature += kb.mark_layer(kb.reported_coatings(stack.layers[0].material.name,
                                                             stack.layer("electrolyte").material.name),
                                        layer.material.name)
        if "interlayer" in roles and stack.layer("electrolyte") is not None:
            layer = left if left.role == "interlayer" else right
            literature += kb.mark_layer(kb.reported_interlayers(stack.layer("electrolyte").material.name,
                                                                stack.layers[-1].material.name),
                                        layer.material.name)
        # which potentials does this interface see electrochemically?
        if left.role == "cathode":
            side, pots = "cathode", [lo, hi]
        elif right.role == "anode":
            side, pots = "anode", [v_a, v_a]
        elif "coating" in roles:
            side, pots = "cathode", None if shields["cathode"] else [lo, hi]
        else:
            side, pots = "anode", None if shields["anode"] else [v_a, v_a]
        physics = self._anode_physics(stack, cond, v_a) if right.role == "anode" else {}
        if self.thermo is None:
            verdict, reasons = "unknown", ["reactions not computed: no thermodynamic data"]
            if literature:
                reasons.append("the seeds report for this pair: " + "; ".join(_lit_line(r) for r in literature[:4]))
            verdict, reasons = self._physics_verdict(physics, verdict, reasons)
            return InterfaceReport(left.material.name, right.material.name, side, pots, None, None, None, [], {},
                                   literature, physics, verdict, reasons)
        try:
            if right.role == "anode" and right.formula == "Li":
                return self._li_interface(left, right, literature, physics, pots)
            calc = InterfaceCalculator(self.thermo, left.material, right.material)
            chem = calc.closed(use_hull_energy=True)
            chemical = {"reaction_energy_eV_per_atom": chem.reaction_energy_eV_per_atom, "mixing_ratio": chem.mixing_ratio,
                        "products": chem.products, "reaction": chem.reaction}
            kinks = [k.to_dict() for k in chem.kinks]
            electro = None
            scan: list[dict[str, Any]] = []
            worst_e, worst_products = chem.reaction_energy_eV_per_atom, chem.products
            if pots is not None and "Li" not in (left.formula, right.formula):
                grid = voltage_grid(pots[0], pots[1], cond.step_V) if pots[1] > pots[0] else [pots[0]]
                res = calc.scan(grid)
                scan = [{"voltage_V": r.voltage_V, "reaction_energy_eV_per_atom": r.reaction_energy_eV_per_atom,
                         "mixing_ratio": r.mixing_ratio, "products": r.products} for r in res]
                w = min(res, key=lambda r: (r.reaction_energy_eV_per_atom, r.voltage_V))
                electro = {"worst_reaction_energy_eV_per_atom": w.reaction_energy_eV_per_atom, "at_voltage_V": w.voltage_V,
                           "mixing_ratio": w.mixing_ratio, "products": w.products, "reaction": w.reaction,
                           "voltage_range_V": pots}
                if w.reaction_energy_eV_per_atom < worst_e:
                    worst_e, worst_products = w.reaction_energy_eV_per_atom, w.products
        except SsbkitError as exc:
            return InterfaceReport(left.material.name, right.material.name, side, pots, None, None, None, [], {},
                                   literature, physics, "unknown", [f"reactions not computed: {exc}"])
        character = _character(worst_products, self.gaps)
        kind, verdict, reasons = _judge(worst_e, character)
        if pots is None:
            reasons.append("electronically shielded: only the chemical reaction applies")
        elif electro:
            reasons.append(f"worst at {electro['at_voltage_V']:.2f} V within {pots[0]:.2f}-{pots[1]:.2f} V; "
                           f"chemical (no Li exchange): {chemical['reaction_energy_eV_per_atom']:.3f} eV/atom")
        if literature:
            reasons.append("the seeds report: " + "; ".join(_lit_line(r) for r in literature[:4]))
        verdict, reasons = self._physics_verdict(physics, verdict, reasons)
        return InterfaceReport(left.material.name, right.material.name, side, pots, chemical, electro, kind,
                               worst_products, character, literature, physics, verdict, reasons, scan, kinks)

    def _li_interface(self, left: Layer, right: Layer, literature: list[dict[str, Any]], physics: dict[str, Any],
                      pots: list[float] | None) -> InterfaceReport:
        assert self.thermo is not None
        a = anode_interface(self.thermo, left.material, "Li", self.gaps)
        calc = InterfaceCalculator(self.thermo, left.material, right.material)
        chem = calc.closed(use_hull_energy=True)
        chemical = {"reaction_energy_eV_per_atom": chem.reaction_energy_eV_per_atom, "mixing_ratio": chem.mixing_ratio,
                    "products": chem.products, "reaction": chem.reaction}
        electro = {"worst_reaction_energy_eV_per_atom": a.reaction_energy_eV_per_atom, "at_voltage_V": 0.0,
                   "products": a.products, "reaction": a.reaction, "classification": a.classification,
                   "status": a.status, "li_uptake_per_formula_unit": a.li_uptake_per_formula_unit,
                   "reduction_limit_V": a.reduction_limit_V}
        verdict = {"stable": "ok", "SEI": "caution", "MCI": "fail"}[a.classification]
        reasons = [f"{a.classification} ({a.status}): " + a.reasons[0]] + a.reasons[1:]
        if a.classification == "SEI":
            reasons.append("passivating SEI: interfacial resistance grows parabolically, then stabilises")
        if literature:
            reasons.append("the seeds report: " + "; ".join(_lit_line(r) for r in literature[:4]))
        verdict, reasons = self._physics_verdict(physics, verdict, reasons)
        kind = {"stable": "stable", "SEI": "SEI", "MCI": "MCI"}[a.classification]
        from ..physics import growth_law_for

        physics["interphase_growth_law"] = growth_law_for(a.classification)[1]
        return InterfaceReport(left.material.name, right.material.name, "anode", pots, chemical, electro, kind,
                               a.products, a.product_character, literature, physics, verdict, reasons,
                               [], [k.to_dict() for k in chem.kinks])

    # --------------------------------------------------------------- physics
    def _anode_physics(self, stack: Stack, cond: Conditions, v_a: float) -> dict[str, Any]:
        """Voids, dendrites and contact at the anode (Li metal or Li-rich anodes)."""
        from ..physics import (
            ccd_arrhenius,
            constriction_resistance,
            monroe_newman,
            void_limit,
        )

        out: dict[str, Any] = {}
        anode = stack.layers[-1]
        el = stack.layer("electrolyte")
        if anode.formula != "Li" or el is None:
            out["note"] = "void/dendrite models apply to Li-metal anodes; not evaluated for " + anode.material.name
            return out
        T, p, j = cond.temperature_K, cond.pressure_Pa, cond.current_density_A_per_m2
        v = void_limit(T, p or 0.0, j)
        out["voids"] = v.to_dict()
        if p is None:
            out["voids"]["note"] = "no --pressure given: creep supply of Li not counted (p = 0)"
        # CCD from the knowledge base
        pts = kb.ccd_points(el.material.name)
        with_t = {}
        for pnt in pts:
            if pnt["temperature_K"] is not None and pnt["qualifier"] in (None, ""):
                with_t[pnt["temperature_K"]] = pnt
        ccd: dict[str, Any] = {}
        if len(with_t) >= 2:
            ts = sorted(with_t)
            fit = ccd_arrhenius(ts, [with_t[t]["ccd_mA_per_cm2"] * 10.0 for t in ts], predict_at_K=[T])
            ccd = {"ccd_mA_per_cm2": fit.predictions[0]["ccd_mA_per_cm2"], "method": "Arrhenius fit through reported CCDs",
                   "activation_energy_eV": fit.activation_energy_eV, "points": [
                       {"temperature_K": t, "ccd_mA_per_cm2": with_t[t]["ccd_mA_per_cm2"], "material": with_t[t]["material"],
                        "match": with_t[t]["match"], "ref": with_t[t]["ref"], "source": with_t[t]["source"]} for t in ts],
                   "warnings": fit.warnings}
        else:
            rt = [pnt for pnt in pts if pnt["qualifier"] in (None, "") and (pnt["temperature_K"] is None or
                                                                        abs(pnt["temperature_K"] - ROOM_K) < 15)]
            exact = [pnt for pnt in rt if pnt["match"] == "exact"] or rt
            if exact:
                pnt = exact[0]
                ccd = {"ccd_mA_per_cm2": pnt["ccd_mA_per_cm2"], "method": "reported value (room temperature)",
                       "points": [pnt], "warnings": [] if abs(T - ROOM_K) < 15 else
                       [f"reported at room temperature only; {T - 273.15:.0f} C not extrapolated"]}
        if ccd:
            out["ccd"] = ccd
            if j is not None:
                ratio = (j / 10.0) / ccd["ccd_mA_per_cm2"]
                ccd["current_to_ccd_ratio"] = ratio
                ccd["dendrite_risk"] = "high" if ratio >= 1 else ("moderate" if ratio >= 0.5 else "low")
        else:
            out["ccd"] = {"note": f"the knowledge base reports no critical current density for {el.material.name}"}
        g = kb.shear_modulus(el.material.name)
        if g:
            m = monroe_newman(g["shear_modulus_GPa"] * 1e9)
            out["monroe_newman"] = {**m.to_dict(), "source": f"{g['source']} {g['section']} {g['ref']} ({g['match']} match)"}
        sig = kb.conductivity_lookup(el.material.name)
        if sig and p:
            c = constriction_resistance(sig[0] * 100.0, pressure_Pa=p, area_m2=1e-4)
            out["contact"] = {**c.to_dict(), "conductivity_source": sig[1], "area_cm2": 1.0}
        return out

    def _physics_verdict(self, physics: dict[str, Any], verdict: str, reasons: list[str]) -> tuple[str, list[str]]:
        voids = physics.get("voids")
        if voids and voids.get("voids_form"):
            verdict = _worse(verdict, "caution")
            reasons.append(f"stripping voids: {voids['current_density_mA_per_cm2']:.3g} mA/cm2 exceeds the "
                           f"vacancy/creep limit {voids['limiting_current_density_mA_per_cm2']:.3g} mA/cm2 (seed 2 §2.4)")
        elif voids and voids.get("voids_form") is False:
            reasons.append(f"no stripping voids below {voids['limiting_current_density_mA_per_cm2']:.3g} mA/cm2")
        ccd = physics.get("ccd", {})
        risk = ccd.get("dendrite_risk")
        if risk == "high":
            verdict = _worse(verdict, "fail")
            reasons.append(f"dendrites: current exceeds the critical current density {ccd['ccd_mA_per_cm2']:.3g} mA/cm2 "
                           f"({ccd['method']})")
        elif risk == "moderate":
            verdict = _worse(verdict, "caution")
            reasons.append(f"dendrites: current is above half the critical current density {ccd['ccd_mA_per_cm2']:.3g} mA/cm2")
        elif risk == "low":
            reasons.append(f"dendrites: current well below the critical current density {ccd['ccd_mA_per_cm2']:.3g} mA/cm2")
        if verdict == "unknown" and (voids or ccd.get("ccd_mA_per_cm2")):
            pass
        return verdict, reasons


def _reduced(formula: str) -> str:
    from ..materials import parse_formula

    return parse_formula(formula).reduced_formula


def _fmt(v: float | None) -> str:
    return "inf" if v is None else f"{v:.2f}"


def _lit_line(rec: dict[str, Any]) -> str:
    """One reported record as text: interphase products, or a coating/interlayer used on the pair."""
    method = rec.get("method") or ""
    return f"{kb.describe(rec)} ({rec.get('table')}, {method}, ref. {rec.get('ref')})".replace(" , ", " ")


def assess(stack_text: str, cond: Conditions, thermo: Thermo | None, gaps: Any | None = None,
           progress: Callable[[str], None] | None = None) -> StackAssessment:
    """Parse and assess a stack (see :class:`StackAssessor`)."""
    from .parse import parse_stack

    return StackAssessor(thermo, gaps, progress).assess(parse_stack(stack_text), cond)
