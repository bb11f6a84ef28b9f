"""The Li-metal interphase type after Wenzel et al.

Zheng et al., Batteries & Supercaps 2021 §3.4 and Fig. 7a, ref. [16c]; Wang et al., Adv. Energy Mater. 2020
(Wang et al., Adv. Energy Mater. 2020) §2.1 and Fig. 2, ref. [45].  Three types:

* **stable** - the electrolyte takes up no Li at 0 V vs Li/Li+ (sharp 2D interface);
* **SEI** - it is reduced, and every reduction product is an electronic
  insulator: a thin, passivating, metastable interphase;
* **MCI** - it is reduced and some product conducts electrons (metal, Li
  alloy, reduced Ti/Ge/Zr phase): a mixed-conducting interphase that keeps
  growing into the electrolyte.

The products are the electrolyte's phase equilibria at 0 V (in contact with
excess Li), the driving force is the grand-potential energy of that reduction
per atom of electrolyte, *beyond* the electrolyte's own decomposition.  A
reduction weaker than ``weak_threshold_eV_per_atom`` (default 0.05 eV/atom)
is reported as "stable (weakly reduced)": thermodynamically reduced, but with
too little driving force to proceed at room temperature in practice (Wang et al., Adv. Energy Mater. 2020
§2.1: garnets form an ~6 nm self-limiting tetragonal layer, ref. [51]); the
products it would give are reported all the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ..literature.joins import ReportedFact, observed
from ..results import Provenance, Result
from ..thermo.reaction import Reaction
from ..thermo.service import Thermo
from .electronic import Character, classify_phase
from .observed_lithiation import observed_lithiation
from .reactions import InterfaceCalculator, InterfaceReaction

WEAK_THRESHOLD_EV = 0.05


@dataclass(frozen=True)
class AnodeInterface(Result):
    """Interphase between an electrolyte and a Li-metal (or other) anode.

    Attributes:
        classification: ``stable``, ``SEI`` or ``MCI`` (Wenzel et al.).
        status: ``thermodynamically stable``, ``weakly reduced``, ``kinetically stable`` (reduced in the data, seen
            unchanged: :mod:`ssbkit.interfaces.observed_lithiation`) or ``reduced``.
        products: the 0 V phase equilibria (or the closed reaction products for another anode).
        reaction_energy_eV_per_atom: driving force of the reduction beyond the electrolyte's own decomposition.
        closed: the closed (no Li exchange) reaction with the anode.
        product_character: electronic character of each product.
        observed: what the reviews report for the pair.
    """

    electrolyte: str
    anode: str
    classification: Literal["stable", "SEI", "MCI"]
    status: Literal["thermodynamically stable", "weakly reduced", "kinetically stable", "reduced"]
    products: tuple[str, ...]
    conducting_products: tuple[str, ...]
    unknown_character: tuple[str, ...]
    reaction_energy_eV_per_atom: float
    self_decomposition_eV_per_atom: float
    li_uptake_per_formula_unit: float
    reduction_limit_V: float | None
    reaction: Reaction
    closed: InterfaceReaction
    product_character: tuple[Character, ...]
    reasons: tuple[str, ...]
    provenance: Provenance
    observed: tuple[ReportedFact, ...] = ()


def _characters(products: list[str], gaps: Any) -> dict[str, Character]:
    return {p: classify_phase(p, gaps) for p in products}


def _classify(anode: str, reduction: float, e_self: float, li_uptake: float, products: list[str],
              red_limit: float | None, conducting: list[str], weak_threshold_eV_per_atom: float
              ) -> tuple[str, str, list[str], list[str]]:
    """Stable / SEI / MCI from the reduction energy (eV/atom), the Li taken up and the products' character
    (Wenzel et al.; Zheng et al., Batteries & Supercaps 2021, §3.4, Fig. 7a): (classification, status, products
    shown, reasons)."""
    why: list[str] = []
    reduced = (li_uptake > 1e-6 or anode != "Li") and reduction < -1e-4
    if not reduced:
        classification, status = "stable", "thermodynamically stable"
        why.append("no reduction by Li at 0 V vs Li/Li+" if anode == "Li"
                       else "no exergonic reaction with the anode")
        if e_self < -1e-6:
            why.append(f"the electrolyte itself is metastable ({-e_self * 1000:.1f} meV/atom above the hull) "
                           f"but its decomposition products take up no Li")
        products_out = products if reduced else ([] if anode == "Li" and li_uptake <= 1e-6 else products)
    elif -reduction < weak_threshold_eV_per_atom:
        classification, status = "stable", "weakly reduced"
        why.append(f"reduced below {red_limit:.3f} V but with only {reduction * 1000:.1f} meV/atom "
                       f"(< {weak_threshold_eV_per_atom * 1000:.0f} meV/atom): kinetically stable in practice")
        if conducting:
            why.append(f"if it proceeded, electron-conducting products would form ({', '.join(conducting)})")
        products_out = products
    else:
        products_out = products
        if conducting:
            classification, status = "MCI", "reduced"
            why.append(f"reduced by Li ({reduction:.3f} eV/atom); electron-conducting products: "
                           f"{', '.join(conducting)} -> mixed-conducting interphase keeps growing")
        else:
            classification, status = "SEI", "reduced"
            why.append(f"reduced by Li ({reduction:.3f} eV/atom); all products electronically insulating "
                           f"-> passivating SEI")
    return classification, status, products_out, why


def anode_interface(thermo: Thermo, electrolyte: str, anode: str = "Li", gaps: Any | None = None,
                    weak_threshold_eV_per_atom: float = WEAK_THRESHOLD_EV) -> AnodeInterface:
    """Classify the electrolyte | anode interface (stable / SEI / MCI).

    Args:
        thermo: thermodynamic data.
        electrolyte: formula or abbreviation.
        anode: ``Li`` (default) or another anode material (then the closed
            chemical reaction with it is used).
        gaps: a band-gap table (``ssbkit.data.bandgaps.open_bandgaps()``) or None.
        weak_threshold_eV_per_atom: reductions weaker than this are "weakly reduced".
    """
    mat = thermo.material(electrolyte)
    reasons: list[str] = []
    calc = InterfaceCalculator(thermo, mat, anode)
    closed = calc.closed()
    an = thermo.material(anode)
    if an.model_formula == "Li":
        w = thermo.window(mat)
        d0 = thermo.decompose(mat, voltage=0.0)
        own = thermo.find_entry(thermo.comp_dict(mat), mat)
        e_self = -(w.e_above_hull_eV_per_atom or 0.0) if own else 0.0
        total = d0.reaction_energy_eV_per_atom
        reduction = min(0.0, total - e_self)
        li_uptake = d0.li_exchanged_per_formula_unit
        products = [p.formula for p in d0.products]
        reaction = d0.reaction
        red_limit = w.reduction_limit_V
    else:
        e_self = 0.0
        reduction = closed.reaction_energy_eV_per_atom
        li_uptake = 0.0
        products = list(closed.products)
        reaction = closed.reaction
        red_limit = None
        reasons.append(f"anode {an.model_formula}: closed chemical reaction with the electrolyte used")
    obs = observed_lithiation(mat.model_formula) if an.model_formula == "Li" and reduction < -1e-4 else None
    computed = products
    unchanged = obs is not None and list(obs.products) == [mat.model_formula]
    if obs is not None:  # the reported product wins over the computed end point, which is named
        products = [] if unchanged else list(obs.products)
    chars = _characters(products, gaps)
    conducting = [p for p, c in chars.items() if c.conductor]
    unknown = [p for p, c in chars.items() if c.conductor is None]
    if unchanged:
        classification, status, products_out = "stable", "kinetically stable", []
        why = [f"computed: reduced by Li ({reduction:.3f} eV/atom) to {', '.join(computed)}, which is not observed "
               "(below): kinetically stable"]
    else:
        classification, status, products_out, why = _classify(an.model_formula, reduction, e_self, li_uptake,
                                                              products, red_limit, conducting,
                                                              weak_threshold_eV_per_atom)
    reasons += why
    if obs is not None:
        reasons.append(f"{obs.sentence()} (computed end point: {', '.join(computed)})")
    if unknown:
        reasons.append(f"no electronic data for {', '.join(unknown)}: classification assumes they insulate; "
                       "configure a band-gap source to classify them")
    if gaps is None:
        reasons.append("no band-gap source configured: only metals/alloys/elements were classified")
    prov = thermo.provenance("Wenzel interphase classification on Li-open 0 V equilibrium",
                             phases=products, electrolyte=mat.name, anode=an.name,
                             band_gap_source=getattr(gaps, "source", None),
                             band_gap_version=getattr(gaps, "version", None),
                             weak_threshold_eV_per_atom=weak_threshold_eV_per_atom,
                             notes=([mat.labelled_note] if mat.note else []) + ([obs.citation] if obs else []))
    return AnodeInterface(
        electrolyte=mat.model_formula, anode=an.model_formula, classification=classification, status=status,
        products=tuple(products_out), conducting_products=tuple(p for p in conducting if p in products_out),
        unknown_character=tuple(unknown), reaction_energy_eV_per_atom=round(reduction, 9) + 0.0,
        self_decomposition_eV_per_atom=round(e_self, 9) + 0.0, li_uptake_per_formula_unit=round(li_uptake, 9) + 0.0,
        reduction_limit_V=red_limit, reaction=reaction, closed=closed,
        product_character=tuple(chars.values()), reasons=tuple(reasons), provenance=prov,
        observed=tuple(observed(mat.model_formula, an.model_formula)))


def anode_potential(thermo: Thermo | None, anode: str) -> tuple[float, str]:
    """Potential of the anode vs Li/Li+ (V) and how it was found: 0 for Li metal, else its lithiation potential."""
    mat = Thermo.material(anode)
    if mat.model_formula == "Li":
        return 0.0, "Li metal (0 V by definition)"
    if thermo is None:
        return 0.0, f"no thermodynamic data: {anode} assumed at 0 V vs Li/Li+"
    w = thermo.window(mat)
    return max(0.0, w.reduction_limit_V), f"lithiation potential of {mat.model_formula} from the data"
