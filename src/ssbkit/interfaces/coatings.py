"""Coating and interlayer screening (Zheng et al., Batteries & Supercaps 2021, §4.2, Tables 4-5;
Wang et al., Adv. Energy Mater. 2020, §2.3.3, Table 1).

Each candidate X between a cathode K (at the top voltage V) and an
electrolyte E is judged on

(a) its window: does it cover V?  If not, its decomposition energy at V
    (grand potential, eV/atom) measures by how much;
(b) its reaction energy with each neighbour where it sits: with K at V
    (Li-open), with E in the closed system (reactants at their hull energies,
    so a metastable electrolyte's own decomposition is not charged to X);
(c) electronic insulation (band gap; metals/alloys conduct);
(d) Li-ion conductivity where the knowledge base has it.

Ranking: electronic insulators that contain Li first, then Li-free or
unknown-character insulators, electron conductors last (tier); within a tier
by the weakest link ``max(|dE_window|, |dE_K|, |dE_E|)`` rounded to 10 meV/atom
(differences below DFT accuracy are ties), ties broken by the knowledge
base's conductivity, then by the unrounded weakest link.  Interlayers (E |
X | anode) are ranked in two tiers (0: X and its lithiation products insulate
electrons, 1: they conduct), then by the weakest link: the larger of the
anode's reaction with X (a layer Li reduces by 0.69 eV/atom scores 0.69, even
if its products passivate) and the driving force left on the electrolyte side.
If X (lithiated) conducts electrons, E still sees the anode potential and is
reduced as if bare; otherwise only the chemical reaction of E with X remains.
``improves_on_bare`` compares the electrolyte-side force with the bare
interface's.  The same tie rule applies to both screens (``RANKING_RULE``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from ..errors import SsbkitError
from ..literature.joins import ConductivityRef, conductivity_lookup
from ..materials import parse_formula, same_composition
from ..results import Provenance, Result
from ..thermo.service import Thermo
from .anode import anode_interface, anode_potential
from .candidates import Candidate
from .electronic import Character, classify_phase
from .funnel_result import Funnel
from .reactions import InterfaceCalculator

RANK_TIE_EV = 0.01
RANKING_RULE = ("tier first; then the score rounded to 10 meV/atom (differences below DFT accuracy tie); "
                "ties broken by the knowledge base's Li-ion conductivity (higher first, none last), "
                "then the unrounded score, then the name (alphabetical)")
TIERS = {"coatings": ("Li-containing electronic insulator", "Li-free or unknown electronic character",
                      "electron conductor"),
         "interlayers": ("insulating, also after lithiation", "conducts electrons (itself or once lithiated)")}


@dataclass(frozen=True)
class ScreenRow(Result):
    """One ranked candidate with the figures behind its rank.

    ``score_eV_per_atom`` is the weakest link (the largest driving force the candidate
    sees, eV/atom, >= 0); ``tier`` 0 = Li-containing insulator, 1 = Li-free or unknown
    character, 2 = electron conductor.
    """

    rank: int
    name: str
    formula: str
    score_eV_per_atom: float
    tier: int
    reduction_limit_V: float | None
    oxidation_limit_V: float | None
    covers_potential: bool
    decomposition_eV_per_atom: float
    reaction_with: dict[str, float]
    electronic: Character
    lithiated_conducting_products: tuple[str, ...]
    conductivity: ConductivityRef | None
    reasons: tuple[str, ...]
    source: str
    improves_on_bare: bool | None = None
    #: interlayers: the resistance the (lithiated) layer adds, ``thickness.interlayer / sigma`` (ohm cm2)
    asr_ohm_cm2: float | None = None
    #: interlayers: does Li wet it (True: lithiophilic, reported or by alloying; None: not known)
    li_wets: bool | None = None


@dataclass(frozen=True)
class BareInterface(Result):
    """The interface without the candidate: what the coating or interlayer must improve on."""

    reaction_at_voltage_eV_per_atom: float | None = None
    products_at_voltage: tuple[str, ...] = ()
    reaction_closed_eV_per_atom: float | None = None
    products_closed: tuple[str, ...] = ()
    classification: str | None = None
    anode_potential_V: float | None = None
    anode_potential_note: str | None = None


@dataclass(frozen=True)
class Skipped(Result):
    """A candidate that could not be evaluated, and why."""

    name: str
    reason: str


@dataclass(frozen=True)
class ScreenResult(Result):
    """A ranked coating or interlayer screen."""

    kind: Literal["coatings", "interlayers"]
    neighbours: dict[str, str]
    voltage_V: float
    bare: BareInterface
    rows: tuple[ScreenRow, ...]
    skipped: tuple[Skipped, ...]
    provenance: Provenance
    ranking: str = RANKING_RULE
    tiers: tuple[str, ...] = ()
    #: a whole-database screen's funnel (None: a fixed list of candidates)
    funnel: Funnel | None = None

    def rank_of(self, name_or_formula: str) -> int | None:
        key = name_or_formula.lower()
        for r in self.rows:
            if r.name.lower() == key or r.formula.lower() == key:
                return r.rank
        return None


def _conductivity(c: Candidate) -> ConductivityRef | None:
    return conductivity_lookup(c.name) or conductivity_lookup(c.formula)


def _electronic(formula: str, gaps: Any) -> Character:
    return classify_phase(parse_formula(formula).reduced_formula, gaps)


def _tier(formula: str, electronic: Character) -> int:
    if electronic.conductor:
        return 2
    if electronic.conductor is None or "Li" not in parse_formula(formula):
        return 1
    return 0


def sort_and_rank(rows: list[ScreenRow]) -> tuple[ScreenRow, ...]:
    """Ties (scores within RANK_TIE_EV) broken by higher conductivity, then the unrounded score, then the name."""
    def key(r: ScreenRow) -> tuple[Any, ...]:
        sigma = -math.log10(r.conductivity.conductivity_S_per_cm) if r.conductivity else 99.0
        return (r.tier, round(r.score_eV_per_atom / RANK_TIE_EV), sigma, r.score_eV_per_atom, r.name)
    return tuple(replace(r, rank=i) for i, r in enumerate(sorted(rows, key=key), 1))


def _itself(c: Candidate, skipped: list[Skipped], **neighbours: Any) -> bool:
    """True (and ``c`` listed as skipped) when the candidate is one of its own neighbours (LiCoO2 as a coating on
    LiCoO2): a layer of the same compound is no layer between them."""
    mine = parse_formula(c.formula)
    for role, mat in neighbours.items():
        if same_composition(mine, mat.composition):
            skipped.append(Skipped(c.name, f"{c.formula} is the {role} itself ({mat.name}): no layer between them"))
            return True
    return False


def screen_coatings(thermo: Thermo, cathode: str, electrolyte: str, candidates: Sequence[Candidate],
                    voltage: float = 4.3, gaps: Any | None = None,
                    progress: Callable[[Sequence[Any], Callable[[Any], Any]], list[Any]] | None = None) -> ScreenResult:
    """Rank cathode coatings between ``cathode`` (charged to ``voltage``) and ``electrolyte``."""
    if voltage <= 0:
        raise SsbkitError(f"voltage {voltage:g} V must be above 0 V vs Li/Li+", param="voltage")
    k_mat, e_mat = thermo.material(cathode), thermo.material(electrolyte)
    bare_v = InterfaceCalculator(thermo, k_mat, e_mat).at_voltage(voltage)
    bare_c = InterfaceCalculator(thermo, k_mat, e_mat).closed(use_hull_energy=True)
    bare = BareInterface(reaction_at_voltage_eV_per_atom=bare_v.reaction_energy_eV_per_atom,
                         products_at_voltage=bare_v.products,
                         reaction_closed_eV_per_atom=bare_c.reaction_energy_eV_per_atom, products_closed=bare_c.products)
    skipped: list[Skipped] = []

    def one(c: Candidate) -> ScreenRow | None:
        if _itself(c, skipped, cathode=k_mat, electrolyte=e_mat):
            return None
        try:
            w = thermo.window(c.formula, (0.0, voltage))
            dec = -w.decomposition_energy_eV_per_atom[f"{voltage:g}V"]
            r_k = InterfaceCalculator(thermo, k_mat, c.formula).at_voltage(voltage)
            r_e = InterfaceCalculator(thermo, c.formula, e_mat).closed(use_hull_energy=True)
        except SsbkitError as exc:
            skipped.append(Skipped(c.name, str(exc)))
            return None
        el = _electronic(c.formula, gaps)
        sig = _conductivity(c)
        covers = (w.oxidation_limit_V is None or w.oxidation_limit_V >= voltage) and dec < 1e-3
        score = max(dec, -r_k.reaction_energy_eV_per_atom, -r_e.reaction_energy_eV_per_atom)
        reasons = []
        if covers:
            reasons.append(f"window covers {voltage:g} V" + (f" (oxidised above {w.oxidation_limit_V:.2f} V)"
                                                            if w.oxidation_limit_V is not None else " (no Li to extract)"))
        elif w.oxidation_limit_V is not None and w.oxidation_limit_V < voltage:
            reasons.append(f"oxidised above {w.oxidation_limit_V:.2f} V to {', '.join(w.oxidation_products)}: "
                           f"{-dec:.3f} eV/atom at {voltage:g} V")
        elif w.reduction_limit_V > voltage:
            reasons.append(f"reduced below {w.reduction_limit_V:.2f} V to {', '.join(w.reduction_products)}: "
                           f"{-dec:.3f} eV/atom at {voltage:g} V")
        else:
            reasons.append(f"decomposes by {-dec:.3f} eV/atom at {voltage:g} V (metastable: "
                           f"{(w.e_above_hull_eV_per_atom or 0) * 1000:.0f} meV/atom above the hull)")
        reasons.append(f"with {k_mat.model_formula} at {voltage:g} V: {r_k.reaction_energy_eV_per_atom:.3f} eV/atom"
                       + (f" ({', '.join(r_k.products)})" if r_k.reactive else " (no reaction)"))
        reasons.append(f"with {e_mat.model_formula}: {r_e.reaction_energy_eV_per_atom:.3f} eV/atom"
                       + (f" ({', '.join(r_e.products)})" if r_e.reactive else " (no reaction)"))
        reasons.append(_electronic_reason(el))
        if "Li" not in parse_formula(c.formula):
            reasons.append("contains no Li: not a Li-ion conductor until lithiated")
        if sig:
            reasons.append(f"Li+ conductivity {sig.conductivity_S_per_cm:.2g} S/cm ({sig.citation})")
        return ScreenRow(rank=0, name=c.name, formula=c.formula, score_eV_per_atom=round(score, 6) + 0.0, tier=_tier(c.formula, el),
                         reduction_limit_V=w.reduction_limit_V, oxidation_limit_V=w.oxidation_limit_V,
                         covers_potential=covers,
                         decomposition_eV_per_atom=round(-dec, 6),
                         reaction_with={"cathode": r_k.reaction_energy_eV_per_atom,
                                        "electrolyte": r_e.reaction_energy_eV_per_atom},
                         electronic=el, lithiated_conducting_products=(), conductivity=sig,
                         reasons=tuple(reasons), source=c.source,
                         improves_on_bare=score < -min(bare_v.reaction_energy_eV_per_atom, bare_c.reaction_energy_eV_per_atom))

    run = progress or (lambda items, fn: [fn(x) for x in items])
    rows = [r for r in run(list(candidates), one) if r is not None]
    prov = thermo.provenance("coating screen: window, neighbour reactions, band gap, conductivity",
                             cathode=k_mat.name, electrolyte=e_mat.name, voltage_V=voltage,
                             band_gap_source=getattr(gaps, "source", None))
    return ScreenResult(kind="coatings", neighbours={"cathode": k_mat.model_formula, "electrolyte": e_mat.model_formula},
                        voltage_V=voltage, bare=bare, rows=sort_and_rank(rows), skipped=tuple(skipped), provenance=prov,
                        tiers=TIERS["coatings"])


def _li_side_contact(formula: str, lithiated: Sequence[str]) -> tuple[float, bool | None, list[str]]:
    """The resistance an interlayer adds (``thickness.interlayer`` over the Li-ion conductivity of what Li makes of
    it: ``sigma.li_alloy`` when it alloys, else its table value) and whether Li wets it (a reported contact angle,
    or alloying: Wang et al., Adv. Energy Mater. 2020, §2.3.3), with the reasons."""
    from ..literature.joins import contact_angle
    from ..materials import is_li_alloy
    from ..parameters import Parameters, from_si

    p = Parameters.load()
    alloys = [x for x in lithiated if is_li_alloy(x)]
    row = p.sigma(formula)
    name = "sigma.li_alloy" if alloys else (row.name if row is not None else "sigma.default")
    asr = from_si(p.si("thickness.interlayer") / p.si(name), "ohm cm2")
    why = [f"adds {asr:.3g} ohm cm2 ({p.value('thickness.interlayer'):g} nm at {p.value(name):.2g} S/cm, {name})"]
    ang = contact_angle(formula)
    if ang is not None:
        wets = ang.contact_angle_deg < p.value("lithiophobic_contact_angle")
        why.append(f"Li contact angle {ang.contact_angle_deg:.0f} deg ({ang.citation}): "
                   + ("wets" if wets else "does not wet"))
    elif alloys:
        wets = True
        why.append(f"alloys with Li ({', '.join(alloys)}): lithiophilic (Wang et al., Adv. Energy Mater. 2020, §2.3.3)")
    else:
        wets = None
        why.append("Li wetting not reported")
    return asr, wets, why


def _electronic_reason(el: Character) -> str:
    if el.conductor:
        return f"electron conductor ({el.basis})"
    if el.conductor is False:
        return f"electronic insulator ({el.basis})"
    return "electronic character unknown (no band gap data)"


def screen_interlayers(thermo: Thermo, electrolyte: str, candidates: Sequence[Candidate], anode: str = "Li",
                       gaps: Any | None = None,
                       progress: Callable[[Sequence[Any], Callable[[Any], Any]], list[Any]] | None = None) -> ScreenResult:
    """Rank interlayers between ``electrolyte`` and ``anode`` (Li metal by default)."""
    e_mat = thermo.material(electrolyte)
    v_a, v_note = anode_potential(thermo, anode)
    bare_if = anode_interface(thermo, e_mat, anode, gaps)
    bare_e = -bare_if.reaction_energy_eV_per_atom
    e_reduction_at_va = -thermo.decompose(e_mat, voltage=v_a).reaction_energy_eV_per_atom
    bare = BareInterface(classification=bare_if.classification,
                         reaction_closed_eV_per_atom=bare_if.reaction_energy_eV_per_atom,
                         products_closed=bare_if.products, anode_potential_V=v_a, anode_potential_note=v_note)
    skipped: list[Skipped] = []

    def one(c: Candidate) -> ScreenRow | None:
        if _itself(c, skipped, electrolyte=e_mat, anode=thermo.material(anode)):
            return None
        try:
            li_side = anode_interface(thermo, c.formula, anode, gaps)
            r_e = InterfaceCalculator(thermo, c.formula, e_mat).closed(use_hull_energy=True)
            w = thermo.window(c.formula)
        except SsbkitError as exc:
            skipped.append(Skipped(c.name, str(exc)))
            return None
        # electronic character of what the electrolyte touches: X itself and its lithiation products
        el = _electronic(c.formula, gaps)
        lith_conducting = list(li_side.conducting_products)
        conducts = bool(el.conductor) or bool(lith_conducting)
        chem = -r_e.reaction_energy_eV_per_atom
        e_side = max(chem, e_reduction_at_va if conducts else 0.0)
        # weakest link: what the electrolyte is left with, or what the anode does to the interlayer itself
        score = max(e_side, -li_side.reaction_energy_eV_per_atom)
        reasons = [f"with {thermo.material(anode).model_formula}: {li_side.classification} ({li_side.status}, "
                   f"{li_side.reaction_energy_eV_per_atom:.3f} eV/atom"
                   + (f"; products {', '.join(li_side.products)}" if li_side.products else "") + ")",
                   f"with {e_mat.model_formula}: {r_e.reaction_energy_eV_per_atom:.3f} eV/atom (closed)"
                   + (f" ({', '.join(r_e.products)})" if r_e.reactive else " (no reaction)")]
        if conducts:
            what = ", ".join(([c.formula] if el.conductor else []) + lith_conducting)
            reasons.append(f"electron-conducting ({what}): {e_mat.model_formula} still sees {v_a:.2f} V and is reduced "
                           f"by {e_reduction_at_va:.3f} eV/atom as if bare")
        else:
            reasons.append(f"electronically insulating after lithiation: shields {e_mat.model_formula} from reduction")
        improves = e_side < bare_e - RANK_TIE_EV
        reasons.append(("improves on" if improves else "does not improve on") +
                       f" the bare interface ({bare_if.classification}, {-bare_e:.3f} eV/atom) thermodynamically")
        sig = _conductivity(c)
        if sig:
            reasons.append(f"Li+ conductivity {sig.conductivity_S_per_cm:.2g} S/cm ({sig.citation})")
        asr, wets, more = _li_side_contact(c.formula, li_side.products)
        reasons += more
        tier = 0 if not conducts else 1
        return ScreenRow(rank=0, name=c.name, formula=c.formula, score_eV_per_atom=round(score, 6) + 0.0, tier=tier,
                         reduction_limit_V=w.reduction_limit_V, oxidation_limit_V=w.oxidation_limit_V,
                         covers_potential=li_side.classification == "stable",
                         decomposition_eV_per_atom=li_side.reaction_energy_eV_per_atom,
                         reaction_with={"anode": li_side.reaction_energy_eV_per_atom,
                                        "electrolyte": r_e.reaction_energy_eV_per_atom},
                         electronic=el, lithiated_conducting_products=tuple(lith_conducting), conductivity=sig,
                         reasons=tuple(reasons), source=c.source, improves_on_bare=improves, asr_ohm_cm2=asr,
                         li_wets=wets)

    run = progress or (lambda items, fn: [fn(x) for x in items])
    rows = [r for r in run(list(candidates), one) if r is not None]
    prov = thermo.provenance("interlayer screen: Li-side interphase, electrolyte-side driving force",
                             electrolyte=e_mat.name, anode=anode, band_gap_source=getattr(gaps, "source", None))
    return ScreenResult(kind="interlayers", neighbours={"electrolyte": e_mat.model_formula,
                                                         "anode": thermo.material(anode).model_formula},
                        voltage_V=v_a, bare=bare, rows=sort_and_rank(rows), skipped=tuple(skipped), provenance=prov,
                        tiers=TIERS["interlayers"])
