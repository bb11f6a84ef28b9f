"""Interphases that need atoms other than Li to cross the interface: as thick as the processing let them grow.

A reaction between two solids forms its products only as far as their atoms can meet.  Li moves fast in every
electrolyte and electrode at room temperature (and electrons through an electrode); other cations and the oxide
ions of an oxide do not.  Two cases need them to cross:

* a product takes non-Li elements found on one side only from both sides (La4Al2O9 from Al2O3 on LLZO, ZrC from
  carbon on LLZO, LaPO4 from LiFePO4 on LLZO);
* by mass balance, the products of one side hold more of an element both sides share than that side gives (O in
  an oxide | oxide pair: NMC811 + LiNbO3 + Li -> Li3NbO4 + NiO + Li2MnO3 + LiCoO2 needs the O that the cathode
  gives up to reach the niobate, whose Li3NbO4 holds 4 O per Nb against LiNbO3's 3).  A product is a side's when
  its non-Li elements found on one side only are that side's; Li2O and O2, with none, are nobody's.

Such a layer can be no thicker than the interdiffusion length of the processing history, ``L = sqrt(sum_i D(T_i)
t_i)`` (:func:`ssbkit.physics.interdiffusion.diffusion_length`), with the one measured non-Li diffusivity in a
garnet ssbkit tabulates (Co in LLZO, 1.65 eV) taken for every cation and for oxygen.  This holds for a
chemical interphase and for an electrochemical one at a cathode alike: the electrode's electrons and Li make the
reaction possible, not the other atoms' transport.  A
200-300 C Li-attach step of an hour moves cations less than 0.1 nm; a 700 C co-sintering step about 100 nm
(Wang et al., Adv. Energy Mater. 2020 §3.2-3.3: interdiffusion at co-sintering temperatures).

Such a layer does not grow in operation either: the cell's own temperature over the assessment time is one more
step of the schedule, and at 25-100 C it moves cations by far less than an atomic distance.  Its term is constant,
with or without a processing history.  Without one, the default thickness (``thickness.chemical_interphase``)
holds: ssbkit does not know whether the interface was heated.

Sulfides and halides against an electron source (a bare cathode, Li metal) are left out: there the layer forms on
contact and grows (Co, P and S interdiffuse at LiCoO2 | Li2S-P2S5, Sakuda et al., Chem. Mater. 2010; Nishio et
al., ACS Appl. Mater. Interfaces 2022 find the mixed layer on contact, 2800 times the resistance that a 10 nm
Li3PO4 buffer leaves), and so are two sulfides or halides in contact (their soft anions exchange).  Between two
electronic insulators of which one is an oxide (an oxide coating or oxide electrolyte and a sulfide or halide)
the exchange of anions the hull predicts (Li2ZrO3 + LGPS -> Li2S + ZrO2 + Li3PO4 + Li4GeS4) needs the oxide's
ions to move like any cation, and is held the same way; such a pair given without a history was pressed
cold (sulfides and halides are cold-pressed, not sintered), so the layer is the interdiffusion length of the
operation alone.  A history that heats the pair gives it that history's interdiffusion length.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from ..materials import parse_formula

#: a step given without a duration is taken to last this long (h)
DEFAULT_STEP_H = 1.0
_SOFT = {"S", "Se", "Te", "F", "Cl", "Br", "I"}
#: anions: a product that takes one of these from one side only needs anions, not only cations, to cross
_ANIONS = _SOFT | {"O", "N"}


def _els(formula: str) -> set[str]:
    return {e.symbol for e in parse_formula(formula)}


def crossing_products(left: str, right: str, products: Sequence[str], reaction: Any = None) -> list[str]:
    """Products that take non-Li elements from both sides (each side holding some the other lacks); with the
    balanced ``reaction`` (:class:`~ssbkit.thermo.reaction.Reaction`), also the products of a side that hold more
    of a shared element than that side gives (module doc)."""
    a, b = _els(left) - {"Li"}, _els(right) - {"Li"}
    only_a, only_b = a - b, b - a
    out = [p for p in products if (_els(p) & only_a) and (_els(p) & only_b)]
    if out or reaction is None or not (a & b):
        return out
    return _short_of_shared(left, right, reaction, only_a, only_b, a & b)


def _short_of_shared(left: str, right: str, reaction: Any, only_a: set[str], only_b: set[str],
                     shared: set[str]) -> list[str]:
    """The products of a side whose shared elements that side cannot give (mass balance over ``reaction``); none
    when a side is not among the reaction's reactants (a layer modelled by another formula: no balance to make)."""
    from pymatgen.core import Composition

    from ..materials import same_composition

    out: list[str] = []
    for side, own in ((left, only_a), (right, only_b)):
        comp = parse_formula(side)
        terms = [t for t in reaction.reactants if t.formula != "Li" and same_composition(parse_formula(t.formula), comp)]
        if not terms:
            return []
        given = sum((t.amount * parse_formula(t.formula) for t in terms), Composition())
        mine = [t for t in reaction.products if (_els(t.formula) & own) and not (_els(t.formula) - own - shared - {"Li"})]
        held = sum((t.amount * parse_formula(t.formula) for t in mine), Composition())
        if any(held[el] > given[el] * (1 + 1e-6) + 1e-9 for el in shared):
            out += [t.formula for t in mine if _els(t.formula) & shared]
    return out


class Limit(NamedTuple):
    """What holds an interphase: its largest thickness (m; None without a history), the budget note, and why it is
    held (``needs cations from both sides (La4Al2O9)``), the phrase the grading repeats."""

    length_m: float | None
    note: str
    held: str


def cation_limit(left: str, right: str, products: Sequence[str], process: Sequence[Any],
                 operation: tuple[float, float] = (298.15, 100.0), reaction: Any = None,
                 electron_source: bool = True) -> Limit | None:
    """(largest thickness in m, note, why) of a chemical interphase between ``left`` and ``right`` whose products need
    cations from both sides, over the ``process`` steps (:class:`~ssbkit.stack.process.ProcessStep`) and the
    ``operation`` (cell temperature K, assessment time h); the thickness is None without a history (the default
    holds, and the layer does not grow), except for an oxide and a sulfide or halide between insulators (pressed
    cold: the operation's length).  ``reaction``: the balanced reaction, for the shared-element balance (module doc);
    ``electron_source``: whether either side supplies electrons.  None when the rule does not apply (a sulfide or
    halide side with an electron source, two sulfide or halide sides, no crossing product)."""
    soft_sides = [bool(_els(x) & _SOFT) for x in (left, right)]
    soft = any(soft_sides)
    if soft and (electron_source or all(soft_sides)):
        return None
    cations = crossing_products(left, right, products)
    crossing = cations or crossing_products(left, right, products, reaction)
    if not crossing:
        return None
    from ..physics.interdiffusion import diffusion_length

    schedule = [(st.temperature_K, 3600.0 * (st.duration_h if st.duration_h is not None else DEFAULT_STEP_H))
                for st in process or ()]
    run = diffusion_length([(operation[0], 3600.0 * operation[1])], "Co", "Li7La3Zr2O12")
    only = (_els(left) ^ _els(right)) - {"Li"}
    ions = bool(cations) and not any(_els(p) & only & _ANIONS for p in crossing)
    held = f"needs {'cations' if ions else 'atoms other than Li'} from both sides ({', '.join(crossing)})"
    why = (f"{held}: they cross {run.length_nm:.2g} nm in operation ({operation[0] - 273.15:.0f} C, "
           f"{operation[1]:.3g} h; D of Co in LLZO for every {'cation' if ions else 'atom'})")
    if not schedule and soft:
        return Limit(run.length_m, f"{why}; assembled cold (a sulfide or halide is pressed, not sintered): "
                     f"at most {run.length_nm:.2g} nm", held)
    if not schedule:
        return Limit(None, f"{why}: the layer keeps its default thickness and does not grow", held)
    res = diffusion_length(schedule + [(operation[0], 3600.0 * operation[1])], "Co", "Li7La3Zr2O12")
    undated = any(st.duration_h is None for st in process)
    note = (f"{why}; at most the interdiffusion length of the processing and operation, {res.length_nm:.2g} nm"
            f"{' (steps without a duration taken as 1 h)' if undated else ''}")
    return Limit(res.length_m, note, held)
