"""Reduction of the dopant of a host-modelled electrolyte by an electron source (Li metal, an alloy interlayer).

A doped electrolyte that ssbkit models by its ordered host (``Nb-LLZO``, ``LLZTO``, ``Al-LLZO`` ...: the host's
window and reactions, :mod:`ssbkit.materials`) can still be reduced through its dopant.  The review states it:
"large interfacial resistance was only observed in Nb-doped Li7La3Zr2O12, while Al- and Ta-doped Li7La3Zr2O12
exhibited small interfacial resistances" (Wang et al., Adv. Energy Mater. 2020, §2.2, refs. [52, 53]; Zhu et al.,
Adv. Energy Mater. 2019: dopant-dependent stability with Li metal).

The doped composition (as the mixture of its hull phases) is followed down its Li-uptake profile to the potential
the interface sees.  For each dopant element (in the doped formula, not in the host's) the phase holding it
before and after, and its oxidation state in each (pymatgen's charge-balance guess; 0 in a metal or
intermetallic), say what happens:

* **reduced in the lattice**: the dopant's oxidation state falls and it stays in a Li-containing ionic phase
  (Nb5+ -> Nb3+ in LiNbO2): Li and electrons enter the garnet without a new cation framework, so the reduction
  runs at room temperature and the reduced, mixed-valent layer conducts electrons: a mixed-conducting layer
  that grows (Zhu et al. 2019, as above);
* **reduced to a metal**: the dopant would leave the lattice as a metal or intermetallic (Ta, ZrAl2, Ga ...):
  a conversion that needs cation diffusion out of the host framework, hindered at room temperature, as the
  host's own reduction to Zr3O is (Wang et al. 2020 §2.1); reported, not counted;
* **not reduced**: nothing.

Stated limits: the doped composition is taken as the hull mixture of its phases (the doped garnet itself is
not in the data), so the reduction limit is the mixture's; a dopant in two phases is judged by the first.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from ..bibliography import cite
from ..errors import SsbkitError
from ..materials import Material
from ..results import Result

#: elements that make a compound ionic (a cation in it has a positive oxidation state)
ANIONS = frozenset({"O", "S", "Se", "Te", "N", "F", "Cl", "Br", "I", "P", "H", "C"})

Mode = Literal["in lattice", "to metal", "not reduced"]


@dataclass(frozen=True)
class DopantState(Result):
    """One dopant element: the phase holding it before (no Li exchange) and at the potential, its oxidation
    state in each, and what the change is."""

    element: str
    before: str
    before_state: float
    after: str
    after_state: float
    mode: Mode
    #: the highest potential (V vs Li/Li+) where the dopant is in its reduced phase (a kink of the doped
    #: composition's Li-uptake profile; None: not reduced)
    onset_V: float | None = None


@dataclass(frozen=True)
class DopantReduction(Result):
    """What an electron source at ``voltage_V`` does to the dopants of a host-modelled material.

    Attributes:
        material: the name as typed (``Nb-LLZO``); composition: its doped (nominal) formula; host: the model.
        voltage_V: the potential the interface sees (V vs Li/Li+).
        reduction_limit_V: the doped composition's reduction limit (V vs Li/Li+; its hull mixture).
        products: the doped composition's phases at ``voltage_V``.
        dopants: per dopant element, before and its first reduced phase on the way down from the limit (the step
            that runs first; a later conversion of that phase to the metal is not counted).
        in_lattice: some dopant is reduced in the lattice (a mixed-conducting layer forms).
        drive_V: how far the potential lies below the onset of the in-lattice reduction (V; the drive of its
            growth; 0 when no dopant is reduced in the lattice).
    """

    material: str
    composition: str
    host: str
    voltage_V: float
    reduction_limit_V: float
    products: tuple[str, ...]
    dopants: tuple[DopantState, ...]
    in_lattice: bool
    drive_V: float
    citation: str = ""
    #: the doped composition's phases where the first dopant is reduced in the lattice (the reduced layer's
    #: make-up for its conductivity; () when none is)
    layer_products: tuple[str, ...] = ()

    def sentence(self) -> str:
        """One line for the report."""
        parts = []
        for d in self.dopants:
            if d.mode == "not reduced":
                parts.append(f"{d.element} not reduced ({d.before})")
            else:
                parts.append(f"{d.element}{_sign(d.before_state)} in {d.before} -> {d.element}{_sign(d.after_state)} "
                             f"in {d.after} ({d.mode})")
        what = ("a reduced, electron-conducting surface layer that grows (drive "
                f"{self.drive_V:.2f} V)" if self.in_lattice else
                "a conversion hindered at room temperature: not counted" if any(d.mode == "to metal"
                                                                               for d in self.dopants) else
                "nothing forms")
        return (f"dopant of {self.material} ({self.composition}, window from the host {self.host}) at "
                f"{self.voltage_V:.2f} V, below the doped composition's reduction limit {self.reduction_limit_V:.2f} V: "
                f"{'; '.join(parts)}: {what} ({self.citation})")

    def short(self) -> str:
        """One clause per dopant, for a window's notes."""
        parts = []
        for d in self.dopants:
            if d.mode == "in lattice":
                parts.append(f"{d.element} reduced in the lattice below {d.onset_V:.2f} V ({d.element}"
                             f"{_sign(d.before_state)} -> {_sign(d.after_state)}, {d.after}): against Li metal a "
                             "mixed-conducting layer grows")
            elif d.mode == "to metal":
                parts.append(f"{d.element} reduced only to {d.after} below {d.onset_V:.2f} V: a conversion hindered "
                             "at room temperature")
            else:
                parts.append(f"{d.element} not reduced")
        return "dopant at 0 V: " + "; ".join(parts) + f" ({self.citation})"


def _sign(state: float) -> str:
    return "0" if abs(state) < 1e-9 else f"{state:+g}"


def dopants(mat: Material) -> tuple[str, ...]:
    """Elements of the doped (nominal) formula that the model formula lacks; () when the material is its own
    model."""
    if mat.formula == mat.model_formula:
        return ()
    from ..materials import formula_amounts

    return tuple(sorted(set(formula_amounts(mat.formula)) - set(mat.amounts)))


#: the oxidation state of the elements around a dopant, where it is the one every common compound has (the
#: dopant takes the rest; P as in phosphates, C as in carbonates)
FIXED_STATES = {"Li": 1, "Na": 1, "K": 1, "H": 1, "Mg": 2, "Ca": 2, "Sr": 2, "Ba": 2, "La": 3, "Y": 3, "Sc": 3,
                "O": -2, "S": -2, "Se": -2, "F": -1, "Cl": -1, "Br": -1, "I": -1, "N": -3, "P": 5, "C": 4}


@lru_cache(maxsize=512)
def oxidation_state(formula: str, element: str) -> float:
    """The oxidation state of ``element`` in ``formula``: 0 in an element, alloy or intermetallic; the charge
    left to it when every other element has its :data:`FIXED_STATES` value; else the first charge-balanced guess
    of pymatgen (averaged over sites)."""
    from ..formula import parse

    comp = parse(formula)
    els = set(comp)
    if not els & ANIONS:
        return 0.0
    others = els - {element}
    if others <= FIXED_STATES.keys():
        return -sum(FIXED_STATES[e] * comp[e] for e in others) / comp[element]
    from pymatgen.core import Composition

    guesses = Composition(comp).oxi_state_guesses(max_sites=-50)
    if not guesses:
        raise SsbkitError(f"no charge-balanced oxidation states for {formula}")
    return float(guesses[0][element])


def _holder(products: tuple[str, ...], element: str) -> str | None:
    from ..formula import parse

    return next((p for p in products if element in parse(p)), None)


def dopant_reduction(thermo: Any, mat: Material, voltage_V: float, window: Any = None) -> DopantReduction | None:
    """What an electron source at ``voltage_V`` does to the dopants of ``mat`` (module doc); None when ``mat``
    has no dopant (it is its own model) or the potential lies above the doped composition's reduction limit.
    ``window``: the doped composition's window when already computed (its Li-uptake profile is read: each
    assemblage below the limit, highest voltage first, holds down from the previous step's voltage)."""
    els = dopants(mat)
    if not els:
        return None
    nominal = Material(name=mat.formula, formula=mat.formula, model_formula=mat.formula)
    w = window if window is not None else thermo._window(nominal, (0.0, 5.0))
    limit = w.reduction_limit_V
    if voltage_V >= limit - 1e-6:
        return None
    prof = w.profile
    i0 = max((k for k, st in enumerate(prof) if st.li_per_formula_unit <= 1e-9), default=0)
    own = prof[i0].phases
    # (upper voltage of the assemblage, its phases) for every assemblage the interface's potential reaches
    below = [(prof[k - 1].voltage_V, prof[k].phases) for k in range(i0 + 1, len(prof))
             if prof[k - 1].voltage_V > voltage_V]
    states = []
    for e in els:
        b = _holder(own, e)
        if b is None:
            continue
        sb = oxidation_state(b, e)
        # the dopant's first reduced phase on the way down from the limit: the step that happens first
        first = next(((h, v) for v, ps in below if (h := _holder(ps, e)) and oxidation_state(h, e) < sb - 1e-6),
                     None)
        if first is None:
            states.append(DopantState(e, b, sb, b, sb, "not reduced"))
            continue
        a = first[0]
        sa = oxidation_state(a, e)
        states.append(DopantState(e, b, sb, a, sa, "to metal" if abs(sa) < 1e-9 else "in lattice", first[1]))
    at = tuple(p.formula for p in thermo.decompose(nominal, voltage=voltage_V).products)
    onsets = [s.onset_V for s in states if s.mode == "in lattice" and s.onset_V is not None]
    drive = max(onsets, default=voltage_V) - voltage_V
    layer = next((ps for v, ps in below if v == max(onsets)), ()) if onsets else ()
    return DopantReduction(mat.name, mat.formula, mat.model_formula, voltage_V, limit, at, tuple(states),
                           bool(onsets), drive, cite("wang2020", "[52,53]", "§2.2"), layer)
