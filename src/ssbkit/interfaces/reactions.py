"""Chemical and electrochemical reactivity of two materials in contact.

Zheng et al., Batteries & Supercaps 2021 §3.3-3.4, Tables 2-3 and Fig. 6a; refs.
[16a] (Richards et al., Chem. Mater. 2016) and [109] (Miara et al., Chem.
Mater. 2015).  The reaction energy of a mixture of A and B at atom fraction
``x`` of A is

    dE(x) = E_hull(x a + (1-x) b) - x E_A - (1-x) E_B        (eV/atom)

in the closed system (``E_A`` = energy of A's own lowest-energy entry, or
the hull energy when A is not in the data), and, with Li exchanged with a
reservoir at ``mu_Li = -e V``,

    dPhi(x) = Phi_hull(x a' + (1-x) b') - x Phi_hull(a') - (1-x) Phi_hull(b')

per atom of non-Li elements, ``a'``, ``b'`` being A and B without Li
(normalised), as in pymatgen's ``InterfacialReactivity`` and
``GrandPotentialInterfacialReactivity`` (defaults: reactants at their own
grand-potential hull, i.e. the interface reaction excludes each side's own
decomposition; set ``include_decomposition=True`` to include it).  The
most negative kink is the most exergonic reaction; ``mixing_ratio`` is
reported as the atom fraction of A including Li, as pymatgen does.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np

from ..materials import Material
from ..thermo.composition import charge_note
from ..thermo.hull import ChemicalSystem, Phase
from ..thermo.line import scan_line
from ..thermo.reaction import Reaction
from ..thermo.service import Thermo, formula_units
from .electronic import characters
from .reaction_results import InterfaceReaction, Kink, clean, fractional

if TYPE_CHECKING:
    from .profile import VoltageProfile

LI = "Li"


def in_context(result: InterfaceReaction, gaps: Any | None) -> InterfaceReaction:
    """The result with the electronic character of its products and the reviews' reports for the pair."""
    from ..literature.joins import observed

    return replace(result, product_character=characters(result.products, gaps) if gaps is not None else (),
                   observed=tuple(observed(result.reactant_a, result.reactant_b)))


class InterfaceCalculator:
    """Reactivity between two materials on a :class:`~ssbkit.thermo.service.Thermo`.

    One chemical system (hull) is built per pair and reused for every
    voltage; the Li-open programme is re-costed per voltage (warm start).
    """

    def __init__(self, thermo: Thermo, a: str | Material, b: str | Material,
                 include_decomposition: bool = False) -> None:
        self.thermo = thermo
        self.a = thermo.material(a)
        self.b = thermo.material(b)
        self.ca = thermo.comp_dict(self.a)
        self.cb = thermo.comp_dict(self.b)
        self.include_decomposition = include_decomposition
        els = sorted(set(self.ca) | set(self.cb))
        self.closed_system: ChemicalSystem = thermo.system(els)
        self._open_system: ChemicalSystem | None = None
        self.match_a = thermo.find_entry(self.ca, self.a)
        self.match_b = thermo.find_entry(self.cb, self.b)

    # --------------------------------------------------------------- closed
    def closed(self, use_hull_energy: bool = False) -> InterfaceReaction:
        """Chemical reactivity (no Li exchange): reaction energy vs mixing ratio.

        Args:
            use_hull_energy: take each reactant at its hull energy, so that the
                result excludes a metastable reactant's own decomposition
                (pymatgen ``use_hull_energy=True``); default: its own entry.
        """
        sysm = self.closed_system
        fa, fb = fractional(self.ca), fractional(self.cb)
        va, vb = sysm.vector(fa), sysm.vector(fb)
        e_a = self.match_a.e_form_eV_per_atom if self.match_a and not use_hull_energy else None
        e_b = self.match_b.e_form_eV_per_atom if self.match_b and not use_hull_energy else None
        pts = scan_line(sysm.solve, vb, va - vb, 0.0, 1.0)
        if e_a is None:
            e_a = pts[-1].value
        if e_b is None:
            e_b = pts[0].value
        kinks = []
        for p in pts:
            x = p.t
            energy = p.value - x * e_a - (1 - x) * e_b
            phases = sysm.phases(p.result.amounts)
            kinks.append(self._kink(x, x, energy, phases, li_exchanged=0.0))
        notes = []
        if use_hull_energy:
            notes.append("reactants taken at their hull energies (own decomposition excluded)")
        else:
            for mat, match in ((self.a, self.match_a), (self.b, self.match_b)):
                if not match:
                    case = self.thermo.composition_case(mat, self.thermo.comp_dict(mat), None)
                    notes.append(f"{mat.model_formula} is {case}: its hull energy is used")
        which = "reactants at their hull energies" if use_hull_energy else "reactants at their own lowest-energy entries"
        return self._result(None, kinks, f"eV per atom of A+B mixture (closed system); {which}", notes)

    # ----------------------------------------------------------------- open
    @property
    def open_system(self) -> ChemicalSystem:
        if self._open_system is None:
            els = sorted(set(self.ca) | set(self.cb) | {LI})
            self._open_system = self.thermo.system(els)
        return self._open_system

    def at_voltage(self, voltage: float) -> InterfaceReaction:
        """Electrochemical reactivity with Li exchanged at ``voltage`` (V vs Li/Li+)."""
        from ..errors import SsbkitError

        if voltage < 0:
            raise SsbkitError(f"voltage {voltage:g} V is below 0 V vs Li/Li+: Li metal would plate")
        sysm = self.open_system
        g = sysm.grand(LI)
        mu = -float(voltage)
        fa, fb = fractional(self.ca, drop=LI), fractional(self.cb, drop=LI)
        if not fa or not fb:
            which = self.a.model_formula if not fa else self.b.model_formula
            raise SsbkitError(f"{which} is pure Li, the open element itself: take the closed reaction "
                              "(no voltage) or the Li-metal interface classification instead", param="voltage")
        va, vb = g.vector(fa), g.vector(fb)
        lp = g.at(mu)
        pts = scan_line(lp.solve, vb, va - vb, 0.0, 1.0)
        phi_a, phi_b = pts[-1].value, pts[0].value
        notes = []
        if self.include_decomposition:
            phi_a = self._own_grand(self.ca, self.match_a, mu)
            phi_b = self._own_grand(self.cb, self.match_b, mu)
            notes.append("reactant decomposition with the Li reservoir included (no-mixing energy)")
        # conversion of x (closed-element basis) to atom fraction of A incl. Li
        f1 = sum(v for k, v in self.ca.items() if k != LI) / sum(self.ca.values())
        f2 = sum(v for k, v in self.cb.items() if k != LI) / sum(self.cb.values())
        li_row = sysm.elements.index(LI)
        kinks = []
        for p in pts:
            x = p.t
            energy = p.value - x * phi_a - (1 - x) * phi_b
            phases = g.phases(p.result.amounts)
            # x closed atoms of A are x/f1 atoms of A; (1-x) of B are (1-x)/f2 atoms of B
            x_orig = x * f2 / (x * f2 + (1 - x) * f1)
            li_products = sum(ph.amount * _li_fraction(sysm, ph, li_row) for ph in phases)
            # reactant Li per closed atom of mixture
            li_reactants = x * self.ca.get(LI, 0.0) / sum(v for k, v in self.ca.items() if k != LI) + \
                (1 - x) * self.cb.get(LI, 0.0) / sum(v for k, v in self.cb.items() if k != LI)
            kinks.append(self._kink(x_orig, x, energy, phases, li_exchanged=li_products - li_reactants,
                                    closed_basis=True))
        which = ("reactants' own decomposition with the reservoir included" if self.include_decomposition
                 else "reactants at their Li-open hull (own decomposition excluded)")
        return self._result(float(voltage), kinks,
                            f"eV per atom of non-Li elements (Li-open grand potential); {which}", notes)

    def _own_grand(self, comp: dict[str, float], match: Any, mu: float) -> float:
        n_closed = sum(v for k, v in comp.items() if k != LI)
        if match is not None:
            e_tot = match.e_form_eV_per_atom * sum(comp.values())
        else:
            closed = self.thermo.system(sorted(comp))
            e_tot = closed.solve(closed.vector(comp)).value
        return (e_tot - mu * comp.get(LI, 0.0)) / n_closed

    def profile(self, voltages: Sequence[float]) -> VoltageProfile:
        """Exact driving force vs voltage over the range of ``voltages``: pieces, breakpoints (with the
        products on each side) and ``voltages`` read from them (:mod:`ssbkit.interfaces.profile`)."""
        from .profile import profile

        return profile(self, voltages)

    def scan(self, voltages: Sequence[float], kinks: bool = False) -> list[InterfaceReaction]:
        """Most exergonic reaction at each voltage (Zheng et al., Batteries & Supercaps 2021 Fig. 6a).

        Read from the exact profile (one programme per pair); each result's ``kinks`` holds that reaction
        only.  ``kinks=True`` solves every voltage in full (every kink of the mixing line, slower).
        """
        if kinks:
            return [self.at_voltage(v) for v in voltages]
        prof = self.profile(voltages)
        basis = prof.energy_basis
        notes = ["read from the exact voltage profile; full kink lists with kinks=True"]
        out = []
        for p in prof.points:
            k = Kink(mixing_ratio=p.mixing_ratio, reaction_energy_eV_per_atom=p.reaction_energy_eV_per_atom,
                     products=p.products, reaction=p.reaction, li_exchanged=p.li_exchanged,
                     entry_ids=p.entry_ids)
            out.append(self._result(p.voltage_V, [k], basis, notes))
        return out

    # -------------------------------------------------------------- helpers
    def _kink(self, x_report: float, x_basis: float, energy: float, phases: list[Phase],
              li_exchanged: float, closed_basis: bool = False) -> Kink:
        """Build a kink; the reaction is written per formula unit of A (of B at x=0)."""
        a_f, b_f = self.a.model_formula, self.b.model_formula
        if closed_basis:
            na = sum(v for k, v in self.ca.items() if k != LI)
            nb = sum(v for k, v in self.cb.items() if k != LI)
        else:
            na, nb = sum(self.ca.values()), sum(self.cb.values())
        fu_a, fu_b = x_basis / na, (1 - x_basis) / nb
        norm = fu_a if fu_a > 1e-12 else fu_b
        reactants = [(fu_a / norm, a_f), (fu_b / norm, b_f)]
        prods = [(n / norm, f) for n, f in (formula_units(p) for p in phases)]
        li = li_exchanged / norm
        if li > 1e-9:
            reactants.append((li, "Li"))
        elif li < -1e-9:
            prods.append((-li, "Li"))
        return Kink(mixing_ratio=clean(x_report), reaction_energy_eV_per_atom=clean(min(energy, 0.0) if abs(energy) < 1e-9 else energy),
                    products=tuple(p.formula for p in phases), reaction=Reaction.from_terms(reactants, prods),
                    li_exchanged=clean(li), entry_ids=tuple(p.entry_id for p in phases))

    @functools.cached_property
    def _charge_notes(self) -> tuple[str, ...]:
        """Charge-balance notes of the reactants (common oxidation states), computed once."""
        return tuple(n for m in (self.a, self.b) for n in charge_note(m, self.thermo.comp_dict(m))[1])

    def _result(self, voltage: float | None, kinks: list[Kink], basis: str, notes: list[str]) -> InterfaceReaction:
        best = min(kinks, key=lambda k: (k.reaction_energy_eV_per_atom, k.mixing_ratio))
        prov = self.thermo.provenance(
            "closed-system interfacial reactivity (InterfacialReactivity construction)" if voltage is None
            else "Li-open interfacial reactivity (GrandPotentialInterfacialReactivity construction)",
            phases=sorted({p for k in kinks for p in k.products}),
            reactant_a=self.a.name, reactant_b=self.b.name,
            model_formulas=[self.a.model_formula, self.b.model_formula],
            notes=list(notes) + [m.labelled_note for m in (self.a, self.b) if m.note]
            + list(self._charge_notes) + list(self.thermo.temperature_notes))
        return InterfaceReaction(reactant_a=self.a.model_formula, reactant_b=self.b.model_formula, voltage_V=voltage,
                                 reaction_energy_eV_per_atom=best.reaction_energy_eV_per_atom,
                                 mixing_ratio=best.mixing_ratio, products=best.products, reaction=best.reaction,
                                 kinks=tuple(kinks), energy_basis=basis, provenance=prov)


def _li_fraction(sysm: ChemicalSystem, phase: Phase, li_row: int) -> float:
    """Li atoms per (whole-phase) atom of ``phase``."""
    col = int(np.flatnonzero(sysm.stable == phase.index)[0])
    closed = sysm.entries.closed_fraction
    return float(sysm.matrix[li_row, col]) * (1.0 if closed is None else float(closed[phase.index]))


def react(thermo: Thermo, a: str, b: str, voltage: float | None = None,
          include_decomposition: bool = False) -> InterfaceReaction:
    """Reactivity of ``a`` and ``b``: closed when ``voltage`` is None, else Li-open at ``voltage`` V."""
    calc = InterfaceCalculator(thermo, a, b, include_decomposition)
    return calc.closed() if voltage is None else calc.at_voltage(voltage)


def voltage_grid(start: float, stop: float, step: float) -> list[float]:
    """Inclusive voltage grid (V), e.g. 0:5:0.05 -> 101 points; checked by :func:`ssbkit.validate.grid`
    (finite, 0-10 V vs Li/Li+, START <= STOP, STEP > 0, at most 10,001 points)."""
    from ..validate import grid

    return grid(start, stop, step)
