"""Exact driving force of an interface reaction vs voltage: breakpoints, pieces, any grid.

With Li exchanged at ``mu_Li = -e V``, each phase's grand potential per non-Li atom is linear in
``V``; so is the energy of any fixed reaction.  The most exergonic reaction of A and B,

    D(V) = min_x [ Phi_hull(x a' + (1-x) b', V) - x Phi_A(V) - (1-x) Phi_B(V) ]      (eV/atom)

(Zheng et al., Batteries & Supercaps 2021, Fig. 6a; pymatgen ``GrandPotentialInterfacialReactivity``)
is piecewise linear in ``V``: between the breakpoints of the end members ``Phi_A``, ``Phi_B`` (their
Li-open decompositions, the window construction) it is the minimum of one line per reaction, a
concave function whose breakpoints :func:`ssbkit.thermo.parametric.concave_pieces` finds exactly.
One programme per pair (:class:`ssbkit.thermo.mixing.MixingLP`) solves the most exergonic mixture
directly, about twice per linear piece; the products change only at breakpoints, and every voltage
of a grid is read from its piece.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from ..errors import SsbkitError
from ..results import Provenance, Result
from ..thermo.mixing import TIE_EV, MixingLP, Vertex, energy
from ..thermo.parametric import Line, Piece, concave_pieces, locate
from ..thermo.reaction import Reaction
from .reaction_results import InterfaceReaction, Kink, clean, fractional

#: An :class:`ssbkit.interfaces.reactions.InterfaceCalculator` (not imported: it imports this module).
InterfaceCalculator = Any

LI = "Li"

TIE_RULE = (f"of reactions within {TIE_EV:g} eV/atom per unit mixing ratio of the minimum, the lowest "
            "mixing ratio; at a breakpoint, the lower-ratio side")


@dataclass(frozen=True)
class ProfilePoint(Result):
    """The most exergonic Li-open reaction at one voltage (read from its piece)."""

    voltage_V: float
    reaction_energy_eV_per_atom: float
    mixing_ratio: float
    products: tuple[str, ...]
    reaction: Reaction
    li_exchanged: float
    entry_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProfilePiece(Result):
    """A voltage range over which one reaction is the most exergonic; its energy is linear in V."""

    voltage_low_V: float
    voltage_high_V: float
    energy_low_eV_per_atom: float
    energy_high_eV_per_atom: float
    mixing_ratio: float
    products: tuple[str, ...]
    reaction: Reaction
    li_exchanged: float


@dataclass(frozen=True)
class Breakpoint(Result):
    """A voltage at which the driving force changes slope: the reaction (or an end member's) changes."""

    voltage_V: float
    reaction_energy_eV_per_atom: float
    products_below: tuple[str, ...]
    products_above: tuple[str, ...]
    mixing_ratio_below: float
    mixing_ratio_above: float

    _computed: ClassVar[tuple[str, ...]] = ("products_change",)

    @property
    def products_change(self) -> bool:
        """The products differ on the two sides (otherwise only an end member's decomposition changes)."""
        return set(self.products_below) != set(self.products_above)


@dataclass(frozen=True)
class VoltageProfile(Result):
    """Driving force of A | B vs voltage, exact: pieces, breakpoints and the requested grid.

    Attributes:
        voltage_range_V: the range covered (V vs Li/Li+).
        pieces: the linear pieces in order of voltage.
        breakpoints: every interior breakpoint with the products on each side.
        points: the grid, each point read from its piece.
        energy_basis: per what the energy is counted and which reactant energies are used.
        tie_rule: how equal-energy reactions are decided.
        lp_solves: programmes solved (the cost of the answer).
        kinks_per_voltage: every kink at each grid voltage (only when asked for).
    """

    reactant_a: str
    reactant_b: str
    voltage_range_V: tuple[float, float]
    pieces: tuple[ProfilePiece, ...]
    breakpoints: tuple[Breakpoint, ...]
    points: tuple[ProfilePoint, ...]
    energy_basis: str
    tie_rule: str
    lp_solves: int
    provenance: Provenance
    kinks_per_voltage: tuple[InterfaceReaction, ...] = ()

    _table: ClassVar[str | None] = "points"


@dataclass
class _Exact:
    """A piece with its vertex and the kink describing it (internal)."""

    piece: Piece
    kink: Kink

    def energy(self, v: float) -> float:
        return energy(self.piece.line, self.piece.vertex, v)


class ProfileBuilder:
    """Builds the exact profile of one calculator's pair (one programme, reused for every piece)."""

    def __init__(self, calc: InterfaceCalculator) -> None:
        self.calc = calc
        sysm = calc.open_system
        g = sysm.grand(LI)
        self.g = g
        fa = fractional(calc.ca, drop=LI)
        fb = fractional(calc.cb, drop=LI)
        if not fa or not fb:
            which = calc.a.model_formula if not fa else calc.b.model_formula
            raise SsbkitError(f"{which} is pure Li, the open element itself: take the closed reaction "
                              "(no voltage) or the Li-metal interface classification instead", param="voltage")
        # grand potential per non-Li atom: (e - mu x_Li)/(1 - x_Li) with mu = -V
        self.lp = MixingLP(g.matrix, g.e / g.f_closed, g.x_open / g.f_closed, g.vector(fa), g.vector(fb))
        self.li_per_closed = g.x_open / g.f_closed
        na = sum(v for k, v in calc.ca.items() if k != LI)
        nb = sum(v for k, v in calc.cb.items() if k != LI)
        self.f1 = na / sum(calc.ca.values())
        self.f2 = nb / sum(calc.cb.values())
        self.li_a = calc.ca.get(LI, 0.0) / na
        self.li_b = calc.cb.get(LI, 0.0) / nb

    def _end_pieces(self, which: float, v0: float, v1: float) -> list[Piece]:
        """Grand potential of one reactant vs voltage: its own Li-open decomposition (in its own chemical
        system, memoised per composition), or its own energy with ``include_decomposition``."""
        calc = self.calc
        comp, match = (calc.ca, calc.match_a) if which == 1.0 else (calc.cb, calc.match_b)
        if calc.include_decomposition:
            n_closed = sum(v for k, v in comp.items() if k != LI)
            # Phi_own(V) = (E_own - mu n_Li)/n_closed, mu = -V
            e_own = calc._own_grand(comp, match, 0.0) * n_closed
            return [Piece(v0, v1, Line(e_own / n_closed, comp.get(LI, 0.0) / n_closed), None)]
        frac = fractional(comp, drop=LI)
        own = calc.thermo.system(sorted(set(comp) | {LI})).grand(LI)
        return own.voltage_pieces(frac, v0, v1)

    def build(self, v0: float, v1: float) -> list[_Exact]:
        """Exact pieces of D(V) on [v0, v1]."""
        ends_a = self._end_pieces(1.0, v0, v1)
        ends_b = self._end_pieces(0.0, v0, v1)
        cuts = sorted({v0, v1, *(p.hi for p in ends_a[:-1]), *(p.hi for p in ends_b[:-1])})
        out: list[_Exact] = []
        for r0, r1 in zip(cuts, cuts[1:]) if len(cuts) > 1 else [(v0, v1)]:
            mid = 0.5 * (r0 + r1)
            fa = locate(ends_a, mid).line
            fb = locate(ends_b, mid).line
            for p in concave_pieces(lambda v, fa=fa, fb=fb: self.lp.best(v, fa, fb), r0, r1):
                out.append(_Exact(p, self._kink(p.vertex, energy(p.line, p.vertex, 0.5 * (p.lo + p.hi)))))
        return out

    def _kink(self, vertex: Vertex, e: float) -> Kink:
        x = vertex.x
        phases = self.g.phases(vertex.amounts)
        x_orig = x * self.f2 / (x * self.f2 + (1 - x) * self.f1) if (x * self.f2 + (1 - x) * self.f1) > 0 else x
        li_products = float(self.li_per_closed @ vertex.amounts)
        li_reactants = x * self.li_a + (1 - x) * self.li_b
        return self.calc._kink(x_orig, x, e, phases, li_exchanged=li_products - li_reactants, closed_basis=True)


def _lower_ratio_first(p: Piece, q: Piece) -> bool:
    return p.vertex.x <= q.vertex.x


def read_grid(pieces: list[_Exact], voltages: Sequence[float]) -> list[tuple[float, _Exact]]:
    """Each voltage with the piece that holds it (the lower-ratio side at a breakpoint)."""
    plain = [e.piece for e in pieces]
    index = {id(e.piece): e for e in pieces}
    return [(float(v), index[id(locate(plain, float(v), _lower_ratio_first))]) for v in voltages]


def point(v: float, ex: _Exact) -> ProfilePoint:
    k = ex.kink
    e = ex.energy(v)
    return ProfilePoint(voltage_V=v, reaction_energy_eV_per_atom=clean(min(e, 0.0) if abs(e) < 1e-9 else e),
                        mixing_ratio=k.mixing_ratio, products=k.products, reaction=k.reaction,
                        li_exchanged=k.li_exchanged, entry_ids=k.entry_ids)


def profile(calc: InterfaceCalculator, voltages: Sequence[float]) -> VoltageProfile:
    """The exact profile of ``calc``'s pair over the range of ``voltages``, and the grid read from it."""
    vs = [float(v) for v in voltages]
    if not vs:
        raise SsbkitError("no voltages given", param="scan")
    if min(vs) < 0:
        raise SsbkitError(f"voltage {min(vs):g} V is below 0 V vs Li/Li+: Li metal would plate", param="voltage")
    v0, v1 = min(vs), max(vs)
    builder = ProfileBuilder(calc)
    pieces = builder.build(v0, v1)
    out_pieces = tuple(ProfilePiece(voltage_low_V=e.piece.lo, voltage_high_V=e.piece.hi,
                                    energy_low_eV_per_atom=clean(e.energy(e.piece.lo)),
                                    energy_high_eV_per_atom=clean(e.energy(e.piece.hi)),
                                    mixing_ratio=e.kink.mixing_ratio, products=e.kink.products,
                                    reaction=e.kink.reaction, li_exchanged=e.kink.li_exchanged) for e in pieces)
    bps = tuple(Breakpoint(voltage_V=q.piece.lo, reaction_energy_eV_per_atom=clean(q.energy(q.piece.lo)),
                           products_below=p.kink.products, products_above=q.kink.products,
                           mixing_ratio_below=p.kink.mixing_ratio, mixing_ratio_above=q.kink.mixing_ratio)
                for p, q in zip(pieces, pieces[1:]))
    pts = tuple(point(v, ex) for v, ex in read_grid(pieces, vs))
    which = ("reactants' own decomposition with the reservoir included" if calc.include_decomposition
             else "reactants at their Li-open hull (own decomposition excluded)")
    prov = calc.thermo.provenance(
        "exact Li-open driving force vs voltage (parametric programme, one per pair)",
        phases=sorted({p for e in pieces for p in e.kink.products}), reactant_a=calc.a.name,
        reactant_b=calc.b.name, model_formulas=[calc.a.model_formula, calc.b.model_formula],
        notes=[m.labelled_note for m in (calc.a, calc.b) if m.note] + list(calc.thermo.temperature_notes))
    return VoltageProfile(reactant_a=calc.a.model_formula, reactant_b=calc.b.model_formula,
                          voltage_range_V=(v0, v1), pieces=out_pieces, breakpoints=bps, points=pts,
                          energy_basis=f"eV per atom of non-Li elements (Li-open grand potential); {which}",
                          tie_rule=TIE_RULE, lp_solves=builder.lp.solves, provenance=prov)


def best_closed(calc: InterfaceCalculator, use_hull_energy: bool = True) -> Kink:
    """The most exergonic chemical (closed) reaction of the pair by one programme (no kink list)."""
    sysm = calc.closed_system
    fa, fb = fractional(calc.ca), fractional(calc.cb)
    lp = MixingLP(sysm.matrix, sysm.energies, None, sysm.vector(fa), sysm.vector(fb))
    la, _ = lp.end(1.0)
    lb, _ = lp.end(0.0)
    if not use_hull_energy:
        if calc.match_a:
            la = Line(calc.match_a.e_form_eV_per_atom, 0.0)
        if calc.match_b:
            lb = Line(calc.match_b.e_form_eV_per_atom, 0.0)
    line, vx = lp.best(0.0, la, lb)
    e = energy(line, vx, 0.0)
    phases = sysm.phases(vx.amounts)
    return calc._kink(vx.x, vx.x, e, phases, li_exchanged=0.0)

