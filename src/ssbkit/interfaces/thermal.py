"""Thermal reactions of two materials in a gas atmosphere: co-sintering, annealing, air at temperature.

Wang et al., Adv. Energy Mater. 2020 §3.2.2-3.3 (LiCoO2 | Al-LLZO to Li2CO3, LaCoO3 and La2Zr2O7
from 500 C; NMC | LLZO at 600 C to La2Zr2O7 and LaNiO3) and Zheng et al., Batteries & Supercaps 2021
§3.3 and §4.3.  At temperature T every phase has its Gibbs energy of formation G_f(T)
(:mod:`ssbkit.thermo.gibbs`); the atmosphere fixes the chemical potentials of O, C, H, N
(:mod:`ssbkit.thermo.atmosphere`), which are open (:mod:`ssbkit.thermo.open`).  The most exergonic
reaction of A and B with the atmosphere,

    dPhi = min_x [ Phi_hull(x a' + (1-x) b') - x Phi_A - (1-x) Phi_B ]          (eV per closed atom)

takes A and B as what each becomes alone in the atmosphere at T (their hull in the open system), so
that it is the energy of the interface reaction; each reactant's own reaction with the gas (e.g.
LLZO + CO2 -> Li2CO3 + ...) is reported beside it.  The products are the whole equilibrium
assemblage at the most exergonic mixture.  Solved as one programme with the mixing ratio as a
variable (:mod:`ssbkit.thermo.mixing`).  ``a'``, ``b'`` are A and B without the open
elements; the reported mixing ratio is the atom fraction of A (all atoms).  Gases taken up or
released are written into the reaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from ..errors import SsbkitError
from ..materials import Material
from ..results import Provenance, Result
from ..thermo.atmosphere import ELEMENTAL, INERT, Atmosphere, _molecule
from ..thermo.mixing import MixingLP, energy
from ..thermo.open import OpenSystem
from ..thermo.reaction import Reaction
from ..thermo.service import Thermo, formula_units

DEFAULT_THRESHOLD_EV = 0.01


@dataclass(frozen=True)
class ThermalReaction(Result):
    """A and B heated together at one temperature, in an atmosphere (or closed).

    Attributes:
        temperature_K: the temperature.
        reaction_energy_eV_per_atom: the most exergonic reaction, eV per atom of closed elements
            (<= 0; 0: nothing reacts).
        mixing_ratio: atom fraction of A in that mixture.
        products: solid products, largest amount first.
        reaction: balanced, per formula unit of A (of B when A does not take part), gases included.
        energy_a_with_atmosphere_eV_per_atom: A alone with the atmosphere (its own decomposition or
            uptake; eV per closed atom).
        energy_b_with_atmosphere_eV_per_atom: the same for B.
        chemical_potentials_eV: mu of the open elements (eV/atom, standard states at T).
        mixture_fraction_a: formula-unit fraction of A in the mixture below (a co-sintered powder).
        mixture_products: the equilibrium assemblage of that mixture with the atmosphere at T.
        mixture_reaction: the mixture's reaction, gases included.
        mixture_energy_eV_per_atom: its energy with A and B at their own Gibbs energies (reactions with
            the atmosphere included; eV per closed atom).
    """

    reactant_a: str
    reactant_b: str
    temperature_K: float
    reaction_energy_eV_per_atom: float
    mixing_ratio: float
    products: tuple[str, ...]
    reaction: Reaction
    energy_a_with_atmosphere_eV_per_atom: float
    energy_b_with_atmosphere_eV_per_atom: float
    atmosphere: Atmosphere | None
    chemical_potentials_eV: dict[str, float]
    energy_basis: str
    provenance: Provenance
    mixture_fraction_a: float = 0.5
    mixture_products: tuple[str, ...] = ()
    mixture_reaction: Reaction | None = None
    mixture_energy_eV_per_atom: float = 0.0


@dataclass(frozen=True)
class ThermalScan(Result):
    """A and B over a temperature range: each temperature, the onset and where the products change.

    ``onset_temperature_K``: the lowest temperature at which the reaction energy is below
    ``-threshold_eV_per_atom`` (None: not in the range).  ``product_changes_K``: the temperatures at
    which the mixture's equilibrium products differ from those at the temperature before.
    """

    reactant_a: str
    reactant_b: str
    atmosphere: Atmosphere | None
    points: tuple[ThermalReaction, ...]
    onset_temperature_K: float | None
    threshold_eV_per_atom: float
    product_changes_K: tuple[float, ...]
    provenance: Provenance

    _table: ClassVar[str | None] = "points"


def _gas_terms(delta: dict[str, float], atm: Atmosphere) -> list[tuple[float, str]]:
    """Express an exchange of open-element atoms as gas molecules (+: taken up, -: released).

    Each gas stands for the element it fixes in :func:`ssbkit.thermo.atmosphere.chemical_potentials`
    (elemental gases first, then each compound gas its one new element); the compound gases are
    settled first, in reverse order, then the elemental ones take what is left.
    """
    fixes: list[tuple[str, str]] = []
    known: set[str] = set()
    gases = sorted((g for g in atm.partial_pressures_bar if g not in INERT), key=lambda g: (g not in ELEMENTAL, g))
    for g in gases:
        mol = _molecule(g)
        new = ELEMENTAL[g] if g in ELEMENTAL else next(e for e in mol if e not in known)
        known.add(new)
        fixes.append((g, new))
    order = list(reversed(fixes))
    if atm.carbon:  # graphite fixes C and CO buffers O: settle the others, then CO, then C
        order = [(g, e) for g, e in order if e not in ("C", "O")] + [("CO", "O"), ("C", "C")]
    left = dict(delta)
    terms: list[tuple[float, str]] = []
    for g, e in order:
        mol = _molecule(g)
        n = left.get(e, 0.0) / mol[e]
        if abs(n) > 1e-9:
            terms.append((n, g))
            for k, a in mol.items():
                left[k] = left.get(k, 0.0) - n * a
    return terms[::-1]


def own_energy(th: Thermo, comp: dict[str, float]) -> float:
    """Total energy (G_f at the Thermo's temperature, eV) of one formula unit: its own lowest entry, else
    the hull at that composition."""
    match = th.find_entry(comp)
    if match is not None:
        return match.e_form_eV_per_atom * sum(comp.values())
    sysm = th.full_system(sorted(comp))
    return sysm.solve(sysm.vector(comp)).value


class ThermalCalculator:
    """Thermal reactivity of A and B (one chemical system per temperature).

    Args:
        thermo: the 0 K data (a :class:`~ssbkit.thermo.service.Thermo`).
        a, b: the two materials.
        atmosphere: the gases (None: closed, nothing exchanged).
        volumes: the volumes table or path for G(T) (None: the configured one).
    """

    def __init__(self, thermo: Thermo, a: str | Material, b: str | Material, atmosphere: Atmosphere | None = None,
                 volumes: Any = None, mixture_fraction_a: float = 0.5, experimental: bool = False) -> None:
        self.experimental = experimental
        from ..validate import number

        self.mixture_fraction_a = number(mixture_fraction_a, "mixture fraction of A", 0.0, 1.0, lo_open=True,
                                         hi_open=True, param="ratio")
        self.thermo = thermo
        self.a, self.b = thermo.material(a), thermo.material(b)
        self.ca, self.cb = thermo.comp_dict(self.a), thermo.comp_dict(self.b)
        self.atmosphere = atmosphere
        self.volumes = volumes

    def at(self, temperature_K: float) -> ThermalReaction:
        """The most exergonic reaction at ``temperature_K`` (K)."""
        from ..validate import number

        t = number(temperature_K, "temperature", 0.0, 2000.0, unit="K", param="temperature")
        th = self.thermo if t == 0 else self.thermo.at_temperature(t, self.volumes, self.experimental)
        mu = self.atmosphere.chemical_potentials(t) if self.atmosphere else {}
        els = sorted(set(self.ca) | set(self.cb) | set(mu))
        sysm = th.full_system(els)
        osys = OpenSystem(sysm, mu)
        for m, c in ((self.a, self.ca), (self.b, self.cb)):
            if not any(e not in osys.mu for e in c):
                raise SsbkitError(f"{m.model_formula} is made only of elements the atmosphere holds open: "
                                  "give it as a gas of the atmosphere instead", param="atmosphere")
        na = sum(v for e, v in self.ca.items() if e not in osys.mu)
        nb = sum(v for e, v in self.cb.items() if e not in osys.mu)
        va, vb = osys.vector(self.ca) / na, osys.vector(self.cb) / nb
        phi_a = osys.grand(own_energy(th, self.ca), self.ca)
        phi_b = osys.grand(own_energy(th, self.cb), self.cb)
        lp = MixingLP(osys.matrix, osys.costs, None, va, vb)
        hull_a, _ = lp.end(1.0)
        hull_b, _ = lp.end(0.0)
        line, vx = lp.best(0.0, hull_a, hull_b)
        e = energy(line, vx, 0.0)
        x = vx.x
        phases = osys.phases(vx.amounts)
        # reaction per formula unit of A (of B when x = 0)
        fu_a, fu_b = x / na, (1 - x) / nb
        norm = fu_a if fu_a > 1e-12 else fu_b
        reactants = [(fu_a / norm, self.a.model_formula), (fu_b / norm, self.b.model_formula)]
        prods = [(n / norm, f) for n, f in (formula_units(p) for p in phases)]
        notes = list(th.temperature_notes)
        if self.atmosphere:
            uptake = osys.open_uptake(vx.amounts)
            delta = {k: (uptake[k] - fu_a * self.ca.get(k, 0.0) - fu_b * self.cb.get(k, 0.0)) / norm for k in osys.mu}
            for n, g in _gas_terms(delta, self.atmosphere):
                (reactants if n > 0 else prods).append((abs(n), g))
        y = self.mixture_fraction_a
        mix_phases, mix_energy, mixture_reaction = self._mixture(osys, na, nb, phi_a, phi_b)
        f_a = na / sum(self.ca.values())
        f_b = nb / sum(self.cb.values())
        den = x * f_b + (1 - x) * f_a
        x_rep = x * f_b / den if den > 0 else x
        clean = 0.0 if abs(e) < 1e-9 else round(e, 9)
        where = f"in {self.atmosphere.name}" if self.atmosphere else "closed (no gas exchanged)"
        prov = self.thermo.provenance(
            "thermal reaction: Gibbs energies at T (Bartel SISSO), open elements at the atmosphere's chemical "
            "potentials, most exergonic mixture by one programme", phases=[p.formula for p in phases],
            notes=notes, temperature_K=t, reactant_a=self.a.name, reactant_b=self.b.name,
            atmosphere=self.atmosphere.to_dict() if self.atmosphere else None)
        return ThermalReaction(
            reactant_a=self.a.model_formula, reactant_b=self.b.model_formula, temperature_K=t,
            reaction_energy_eV_per_atom=min(0.0, clean), mixing_ratio=round(x_rep, 9),
            products=tuple(p.formula for p in phases) if clean < 0 else (),
            reaction=Reaction.from_terms(reactants, prods),
            energy_a_with_atmosphere_eV_per_atom=round(min(0.0, hull_a.intercept - phi_a), 9),
            energy_b_with_atmosphere_eV_per_atom=round(min(0.0, hull_b.intercept - phi_b), 9),
            atmosphere=self.atmosphere, chemical_potentials_eV={k: round(v, 9) for k, v in mu.items()},
            mixture_fraction_a=y, mixture_products=tuple(p.formula for p in mix_phases),
            mixture_reaction=mixture_reaction, mixture_energy_eV_per_atom=round(min(0.0, mix_energy), 9),
            energy_basis=f"eV per atom of elements not exchanged with the gas; {where}; each reactant taken as "
                         "what it becomes alone in the atmosphere (its own reaction with the gas is reported "
                         "separately), so the energy is that of the interface reaction",
            provenance=prov)

    def _mixture(self, osys: Any, na: float, nb: float, phi_a: float, phi_b: float) -> tuple[Any, float, Reaction]:
        """The mixture (formula-unit fraction ``mixture_fraction_a`` of A) in equilibrium with the atmosphere: its
        phases, its reaction energy beyond each reactant's own (eV per atom not exchanged with the gas), and the
        reaction per formula unit of A."""
        from ..thermo.lp import PhaseLP

        y = self.mixture_fraction_a
        mix = {k: y * self.ca.get(k, 0.0) + (1 - y) * self.cb.get(k, 0.0) for k in set(self.ca) | set(self.cb)}
        n_mix = y * na + (1 - y) * nb
        res = PhaseLP(osys.matrix, osys.costs).solve(osys.vector(mix))
        mix_phases = osys.phases(res.amounts)
        mix_energy = (res.value - y * na * phi_a - (1 - y) * nb * phi_b) / n_mix
        m_react = [(y, self.a.model_formula), (1 - y, self.b.model_formula)]
        m_prods = [formula_units(p) for p in mix_phases]
        if self.atmosphere:
            up = osys.open_uptake(res.amounts)
            delta = {k: up[k] - mix.get(k, 0.0) for k in osys.mu}
            for n, g in _gas_terms(delta, self.atmosphere):
                (m_react if n > 0 else m_prods).append((abs(n), g))
        scale = 1.0 / y
        mixture_reaction = Reaction.from_terms([(n * scale, f) for n, f in m_react],
                                               [(n * scale, f) for n, f in m_prods])
        return mix_phases, mix_energy, mixture_reaction

    def scan(self, temperatures_K: Sequence[float], threshold_eV_per_atom: float = DEFAULT_THRESHOLD_EV) -> ThermalScan:
        """Every temperature, the onset (first reaction energy below ``-threshold``) and product changes."""
        return self.scan_from([self.at(t) for t in temperatures_K], threshold_eV_per_atom)

    def scan_from(self, points: Sequence[ThermalReaction], threshold_eV_per_atom: float = DEFAULT_THRESHOLD_EV
                  ) -> ThermalScan:
        """The scan of already computed points (in order of temperature)."""
        from ..validate import number

        thr = number(threshold_eV_per_atom, "threshold", 0.0, 10.0, unit="eV/atom", param="threshold")
        pts = tuple(points)
        onset = next((p.temperature_K for p in pts if p.reaction_energy_eV_per_atom < -thr), None)
        changes = tuple(q.temperature_K for p, q in zip(pts, pts[1:])
                        if set(p.mixture_products) != set(q.mixture_products))
        prov = self.thermo.provenance("thermal reaction vs temperature", notes=pts[-1].provenance.notes if pts else (),
                                      reactant_a=self.a.name, reactant_b=self.b.name)
        return ThermalScan(reactant_a=self.a.model_formula, reactant_b=self.b.model_formula,
                           atmosphere=self.atmosphere, points=pts, onset_temperature_K=onset,
                           threshold_eV_per_atom=thr, product_changes_K=changes, provenance=prov)

@dataclass(frozen=True)
class AtmosphereReaction(Result):
    """What one material becomes in an atmosphere at a temperature (air exposure, annealing).

    ``reaction_energy_eV_per_atom`` is per atom of the material's elements not exchanged with the gas
    (<= 0; 0: it is stable in that atmosphere); ``products`` the equilibrium assemblage.
    """

    material: str
    temperature_K: float
    atmosphere: Atmosphere
    reaction_energy_eV_per_atom: float
    products: tuple[str, ...]
    reaction: Reaction
    chemical_potentials_eV: dict[str, float]
    provenance: Provenance

    @property
    def stable(self) -> bool:
        return self.reaction_energy_eV_per_atom > -1e-6

    _computed: ClassVar[tuple[str, ...]] = ("stable",)


def in_atmosphere(thermo: Thermo, name: str | Material, atmosphere: Atmosphere, temperature_K: float,
                  volumes: Any = None, with_material: str | Material | None = None,
                  fraction: float = 0.5, experimental: bool = False) -> AtmosphereReaction:
    """Equilibrium of ``name`` (or of its mixture with ``with_material``, formula-unit fraction ``fraction``
    of ``name``) with ``atmosphere`` at ``temperature_K``; energy with the material(s) at their own G(T)."""
    from ..thermo.lp import PhaseLP
    from ..validate import number

    t = number(temperature_K, "temperature", 0.0, 2000.0, unit="K", param="temperature")
    th = thermo if t == 0 else thermo.at_temperature(t, volumes, experimental)
    mat = thermo.material(name)
    parts = [(1.0 if with_material is None else fraction, mat)]
    if with_material is not None:
        parts.append((1.0 - fraction, thermo.material(with_material)))
    comps = [(f, thermo.comp_dict(m)) for f, m in parts]
    mu = atmosphere.chemical_potentials(t)
    els = sorted(set().union(*(set(c) for _, c in comps)) | set(mu))
    osys = OpenSystem(th.full_system(els), mu)
    total: dict[str, float] = {}
    g_own = 0.0
    for f, c in comps:
        for k, v in c.items():
            total[k] = total.get(k, 0.0) + f * v
        g_own += f * own_energy(th, c)
    n_closed = sum(v for k, v in total.items() if k not in osys.mu)
    if n_closed <= 0:
        raise SsbkitError(f"{mat.model_formula} is made only of elements the atmosphere holds open",
                          param="atmosphere")
    res = PhaseLP(osys.matrix, osys.costs).solve(osys.vector(total))
    e = (res.value - osys.grand(g_own, total) * n_closed) / n_closed
    phases = osys.phases(res.amounts)
    lead = parts[0][0]
    react = [(f / lead, m.model_formula) for f, m in parts]
    prods = [(n / lead, fml) for n, fml in (formula_units(p) for p in phases)]
    up = osys.open_uptake(res.amounts)
    for n, g in _gas_terms({k: (up[k] - total.get(k, 0.0)) / lead for k in osys.mu}, atmosphere):
        (react if n > 0 else prods).append((abs(n), g))
    prov = thermo.provenance("equilibrium with a gas atmosphere: Gibbs energies at T, open elements at the "
                             "atmosphere's chemical potentials", phases=[p.formula for p in phases],
                             notes=th.temperature_notes, temperature_K=t, atmosphere=atmosphere.to_dict())
    label = mat.model_formula if with_material is None else \
        f"{mat.model_formula} on {thermo.material(with_material).model_formula}"
    return AtmosphereReaction(material=label, temperature_K=t, atmosphere=atmosphere,
                              reaction_energy_eV_per_atom=min(0.0, round(e, 9)) if abs(e) > 1e-9 else 0.0,
                              products=tuple(p.formula for p in phases), reaction=Reaction.from_terms(react, prods),
                              chemical_potentials_eV={k: round(v, 9) for k, v in mu.items()}, provenance=prov)
