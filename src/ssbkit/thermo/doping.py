"""Doped compositions: supercells of a host with substitutions, charge-compensated, ordered and evaluated.

What researchers make are doped hosts (Ta-, Al-, Ga-LLZO; Wang et al., Chem. Rev. 2020, §2.1;
Zheng et al., Batteries & Supercaps 2021, §4).  The database holds the undoped host only, so:

1. the host's structure (from the structures table, or given) gets a supercell just large enough for the
   substitution to be a whole number of atoms (site fraction ``f`` of the ``n`` host sites:
   ``f * n * m`` integral for a supercell of ``m`` cells);
2. each substitution changes the cell's charge by ``n_d (q_d - q_s)`` (common oxidation states of dopant
   ``d`` and replaced species ``s``); the change is compensated by vacancies of a stated species (by
   default Li vacancies for a positive change, vacancies of the main anion for a negative one):
   ``n_vac = |dq| / |q_vac|``, which must also be whole;
3. the disordered supercell (partial occupancies) is ordered with pymatgen's
   ``OrderDisorderedStructureTransformation`` (orderings ranked by their Ewald energy), the lowest few
   distinct orderings are evaluated with the machine-learned potential (:mod:`ssbkit.data.potential`),
   and the lowest-energy one is taken;
4. its energy is placed on the data's hull by :func:`ssbkit.thermo.mlip.predict` (relative to its hull
   neighbours when they have structures, else by the element fit) and then anchored on the host: the
   potential's remaining error on the undoped host, predicted the same way (its predicted formation
   energy minus the data's, ``r``), is removed from the doped phase, ``dH_doped = dH_pred - r``, since a
   dilute dopant leaves the host's structure type and its error in place (no anchoring when the host is
   itself one of the neighbours: its error cancels already);
5. the doped phase's energy above the hull is reported, and its window as a metastable phase (its energy
   lowered onto the hull, the convention of Zhu, He & Mo, ACS Appl. Mater. Interfaces 2015), beside the
   undoped host's window taken the same way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from ..errors import SsbkitError
from ..results import Provenance, Result
from .mlip import PredictedPhase
from .substitution import _dopant_charge, _host_charges, parse_substitution, pick_site
from .window import StabilityWindow

#: largest supercell built (atoms); a substitution needing more is refused with the fractions that fit
MAX_ATOMS = 200
#: orderings evaluated with the potential by default
ORDERINGS = 3



@dataclass(frozen=True)
class Substitution(Result):
    """One substitution: ``dopant`` on the sites of ``site``.

    Attributes:
        site_fraction: fraction of the ``site`` atoms replaced (0-1); ``site`` picked when not given
            (:func:`pick_site`).
        per_formula_unit: dopant atoms per formula unit of the host.
        dopant_oxidation / site_oxidation: the charges used for compensation (e).
    """

    dopant: str
    site: str
    site_fraction: float
    per_formula_unit: float
    dopant_oxidation: int
    site_oxidation: int
    #: how the site was chosen: given, as in a doped material the package names, or by charge and radius
    site_basis: str = "given"

    @property
    def label(self) -> str:
        return f"{self.dopant}:{self.site}={self.site_fraction:g}"


@dataclass(frozen=True)
class Ordering(Result):
    """One ordering of the doped supercell: its Ewald rank and energy, and the potential's energy."""

    rank: int
    ewald_energy_eV: float
    energy_eV_per_atom: float


@dataclass(frozen=True)
class DopedPhase(Result):
    """A doped host evaluated with the machine-learned potential and placed on the data's hull.

    Attributes:
        host: the host's reduced formula; formula: the doped phase's reduced formula.
        per_host_formula_unit: the doped composition per formula unit of the host (e.g. Li6.5La3Zr1.5Ta0.5O12).
        compensation: how the charge was balanced (e.g. ``2 Li vacancies``).
        supercell: scaling of the host cell along a, b, c; supercell_atoms: atoms after doping.
        orderings: the orderings evaluated (Ewald rank; potential's energy, eV/atom), lowest first.
        predicted: the phase's corrected energy (method, references, fit error, host anchor).
        host_residual_eV_per_atom: the potential's error on the undoped host, removed from the doped phase (None: not
            anchored, when the host is itself a reference neighbour of the doped phase).
        e_above_hull_eV_per_atom: the doped phase above the data's hull; decomposition: the hull phases there.
        host_e_above_hull_eV_per_atom: the undoped host above the hull (data).
        window / host_window: windows as metastable phases (energy lowered onto the hull), V vs Li/Li+.
    """

    host: str
    formula: str
    per_host_formula_unit: str
    substitutions: tuple[Substitution, ...]
    compensation: str
    supercell: tuple[int, int, int]
    supercell_atoms: int
    orderings: tuple[Ordering, ...]
    predicted: PredictedPhase
    host_residual_eV_per_atom: float | None
    e_above_hull_eV_per_atom: float
    decomposition: tuple[str, ...]
    host_e_above_hull_eV_per_atom: float | None
    window: StabilityWindow
    host_window: StabilityWindow
    provenance: Provenance

    _table = "orderings"


def _scalings(structure: Any, m: int) -> tuple[int, int, int]:
    """The diagonal supercell of ``m`` cells closest to equal edge lengths."""
    best, score = (m, 1, 1), math.inf
    a, b, c = structure.lattice.abc
    for i in range(1, m + 1):
        if m % i:
            continue
        for j in range(1, m // i + 1):
            if (m // i) % j:
                continue
            k = m // i // j
            ls = (a * i, b * j, c * k)
            s = max(ls) / min(ls)
            if s < score - 1e-9:
                best, score = (i, j, k), s
    return best


def _whole(x: float) -> int | None:
    r = round(x)
    return int(r) if abs(x - r) < 1e-6 else None


def _substitutions(host: Any, specs: list[tuple[str, int | None, str, float, bool]], counts: dict[str, int],
                   charges: dict[str, int], per_fu: float) -> list[tuple[str, int, str, float]]:
    """Each substitution as (dopant, dopant charge, site, site fraction), checked against the host."""
    subs: list[tuple[str, int, str, float]] = []
    for dop, q, site, x, fu in specs:
        if site is None:
            site = pick_site(host.composition.reduced_formula, dop, q, charges)[0]
        if site not in counts:
            raise SsbkitError(f"{host.composition.reduced_formula} has no {site} to replace", param="substitute")
        if dop in counts:
            raise SsbkitError(f"{dop} is already in {host.composition.reduced_formula}: substitute an element it "
                              "does not hold", param="substitute")
        qs = charges[site]
        qd = q if q is not None else _dopant_charge(dop, qs)
        frac = x / (counts[site] / per_fu) if fu else x
        if frac > 1 + 1e-9:
            raise SsbkitError(f"{dop}:{site}: {x:g} per formula unit is more than the {counts[site] / per_fu:g} {site} "
                              "sites", param="substitute")
        subs.append((dop, qd, site, frac))
    if len({s[0] for s in subs}) < len(subs):
        raise SsbkitError("each dopant once: combine the amounts of a repeated dopant", param="substitute")
    return subs


def _vacancies(dq: int, m: int, mode: str, counts: dict[str, int], charges: dict[str, int], anions: list[str]
               ) -> tuple[str | None, int | None]:
    """The compensating vacancies for a charge change ``dq`` (e per supercell): (element, count); count None when
    it is not a whole number in this supercell."""
    if dq == 0:
        vac_el, n_vac = None, 0
    else:
        if mode.lower() == "none":
            raise SsbkitError(f"the substitutions change the charge by {dq / m:+g} e per cell: name the "
                              "compensating vacancies (an element of the host), or substitute isovalently",
                              param="compensate")
        if mode:
            vac_el = mode
            if vac_el not in counts:
                raise SsbkitError(f"compensation by {vac_el} vacancies: the host has no {vac_el}", param="compensate")
        else:
            vac_el = "Li" if dq > 0 and "Li" in counts else (anions[0] if dq < 0 and anions else None)
            if vac_el is None:
                raise SsbkitError("the charge change cannot be compensated by vacancies here: name the "
                                  "compensating element", param="compensate")
        qv = charges[vac_el]
        if (dq > 0) != (qv > 0):
            raise SsbkitError(f"{vac_el} vacancies {'add' if qv < 0 else 'remove'} positive charge, but the "
                              f"substitutions {'add' if dq > 0 else 'remove'} it: compensate with "
                              f"{'cation' if dq > 0 else 'anion'} vacancies", param="compensate")
        n_vac = _whole(dq / qv)
    return vac_el, n_vac


def _occupied(host: Any, m: int, scale: Any, counts: dict[str, int], charges: dict[str, int],
              subs: list[tuple[str, int, str, float]], n_dop: list[Any], vac_el: str | None, n_vac: int) -> Any:
    """The supercell with the dopants' and vacancies' partial occupancies on their sites."""
    from pymatgen.core import Species

    sc = host.copy()
    sc.make_supercell(scale)
    occ: dict[str, dict[Any, float]] = {el: {Species(el, charges[el]): 1.0} for el in counts}
    total = {el: counts[el] * m for el in counts}
    for n, (dop, qd, site, _) in zip(n_dop, subs):
        occ[site][Species(dop, qd)] = n / total[site]  # type: ignore[operator]
        occ[site][Species(site, charges[site])] -= n / total[site]  # type: ignore[operator]
    if vac_el is not None:
        left = occ[vac_el][Species(vac_el, charges[vac_el])] - n_vac / total[vac_el]
        if left < -1e-9:
            raise SsbkitError(f"not enough {vac_el} left to compensate: lower the dopant amounts", param="compensate")
        occ[vac_el][Species(vac_el, charges[vac_el])] = left
    for i, site in enumerate(sc):
        sp = {k: v for k, v in occ[site.specie.symbol].items() if v > 1e-12}
        sc.replace(i, sp)
    return sc


def build_disordered(host: Any, specs: list[tuple[str, int | None, str, float, bool]], compensate: str | None = None,
                     max_atoms: int = MAX_ATOMS) -> tuple[Any, tuple[Substitution, ...], str, tuple[int, int, int]]:
    """The host supercell with partial occupancies for the substitutions and the compensating vacancies.

    Returns (disordered structure with oxidation states, substitutions, compensation text, scaling).
    ``compensate``: element whose vacancies balance the charge (None: Li for a positive change if the host has Li,
    else the main anion for a negative change; ``"none"``: the substitutions must be isovalent).
    """

    host = host.copy()
    host.remove_oxidation_states()
    charges = _host_charges(host)
    counts = {el.symbol: int(round(a)) for el, a in host.composition.items()}
    per_fu = host.composition.get_reduced_composition_and_factor()[1]
    subs = _substitutions(host, specs, counts, charges, per_fu)
    bases = ["given" if site else pick_site(host.composition.reduced_formula, dop, q, charges)[1]
             for dop, q, site, _, _ in specs]
    anions = sorted((el for el, q in charges.items() if q < 0), key=lambda e: -counts[e])
    mode = (compensate or "").strip()
    for m in range(1, 65):
        if len(host) * m > 2 * max_atoms:  # compensating vacancies never remove half of a cell
            break
        n_dop = [_whole(frac * counts[site] * m) for _, _, site, frac in subs]
        if any(n is None or n == 0 for n in n_dop):
            continue
        dq = sum(n * (qd - charges[site]) for n, (_, qd, site, _) in zip(n_dop, subs))  # type: ignore[operator]
        vac_el, n_vac = _vacancies(dq, m, mode, counts, charges, anions)
        if n_vac is None:
            continue
        atoms = len(host) * m - n_vac
        if atoms > max_atoms:
            break
        sc = _occupied(host, m, scale := _scalings(host, m), counts, charges, subs, n_dop, vac_el, n_vac)
        per_fu_sc = per_fu * m
        out = tuple(Substitution(dopant=dop, site=site, site_fraction=round(frac, 9),
                                 per_formula_unit=round(n / per_fu_sc, 9), dopant_oxidation=qd,  # type: ignore[operator]
                                 site_oxidation=charges[site], site_basis=basis)
                    for n, (dop, qd, site, frac), basis in zip(n_dop, subs, bases))
        comp_text = "isovalent: none needed" if vac_el is None else f"{n_vac} {vac_el} vacancies per supercell"
        return sc, out, comp_text, scale
    raise SsbkitError(f"these amounts need a supercell of more than {max_atoms} atoms (the host cell has {len(host)}): "
                      f"use site fractions that are multiples of 1/{min(counts[s[2]] for s in subs)} of a cell's sites, "
                      "or a larger limit", param="substitute")


def orderings(disordered: Any, n: int = ORDERINGS) -> list[tuple[int, float, Any]]:
    """The ``n`` lowest-Ewald distinct orderings: (rank, Ewald energy eV, ordered structure without charges)."""
    import warnings

    from pymatgen.transformations.standard_transformations import (
        OrderDisorderedStructureTransformation,
    )

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ranked = OrderDisorderedStructureTransformation(algo=2).apply_transformation(
            disordered, return_ranked_list=max(4 * n, 8))
    out: list[tuple[int, float, Any]] = []
    seen: list[float] = []
    for r in ranked:
        e = float(r["energy"])
        if any(abs(e - s) < 1e-6 * max(1.0, abs(e)) for s in seen):
            continue  # symmetry-equivalent orderings have the same Ewald energy
        seen.append(e)
        s = r["structure"].copy()
        s.remove_oxidation_states()
        out.append((len(seen), e, s))
        if len(out) == n:
            break
    return out


def _per_host_fu(comp: Any, n_fu: float) -> str:
    """The doped composition per formula unit of the host (``n_fu`` host formula units in the supercell)."""
    from pymatgen.core import Composition

    return Composition({el: round(a / n_fu, 4) for el, a in comp.items()}).formula.replace(" ", "")


def _host_residual(thermo: Any, phase: Any, host_formula: str, host_structure: Any, host_hull: Any, table: Any,
                   relax: bool, pot: Any, say: Any) -> float | None:
    """The potential's error on the undoped host, by the method the doped phase used (eV/atom; None when the
    host is one of the doped phase's reference neighbours, or its own neighbours lack structures)."""
    from .mlip import predict

    if phase.neighbours and host_formula in phase.neighbours:
        return None  # taken relative to the host itself: its error cancels already
    elif phase.neighbours:
        say("the host relative to its own neighbours")
        host_pred = predict(thermo.excluding([host_formula]), host_structure, table, relax=relax)
        return host_pred.e_form_eV_per_atom - host_hull.e_form_eV_per_atom if host_pred.neighbours else None
    else:
        mu = phase.element_energies_eV
        hc = {el.symbol: float(a) for el, a in host_structure.composition.items()}
        tot = sum(hc.values())
        e_host = pot.evaluate(host_structure, relax=relax).energy_eV_per_atom
        return e_host - sum(hc[e] / tot * mu[e] for e in hc) - host_hull.e_form_eV_per_atom


def dope(thermo: Any, host: Any, substitutions: list[str], compensate: str | None = None, n_orderings: int = ORDERINGS,
         structures: Any = None, host_structure: Any = None, relax: bool = True, max_atoms: int = MAX_ATOMS,
         voltage_range: tuple[float, float] = (0.0, 5.0), progress: Any = None) -> DopedPhase:
    """Dope ``host`` (a name, formula or pymatgen ``Structure``) and place the doped phase on ``thermo``'s hull.

    Args:
        substitutions: ``["Ta:Zr=0.25"]`` ... (see :func:`parse_substitution`).
        host_structure: the host's structure (None: the structures table's entry for the host's formula).
        progress: called with a short message before each slow step (evaluations with the potential).
    """
    from ..data.potential import Potential
    from ..data.structures import StructureTable, open_structures
    from .edited import AugmentedSource
    from .hull import reduced_formula
    from .mlip import predict

    if not substitutions:
        raise SsbkitError("give at least one substitution, e.g. Ta:Zr=0.25", param="substitute")
    if not 1 <= int(n_orderings) <= 20:
        raise SsbkitError(f"orderings must be 1-20, got {n_orderings}", param="orderings")
    specs = [parse_substitution(s) for s in substitutions]
    if host_structure is None and hasattr(host, "lattice"):
        host_structure = host
    mat = thermo.material(host if host_structure is None else host_structure.composition)
    host_formula = reduced_formula(mat.model_formula)
    table = structures if isinstance(structures, StructureTable) else open_structures(structures)
    if host_structure is None:
        host_structure = table.get(host_formula) if table is not None else None
        if host_structure is None:
            raise SsbkitError(f"no structure of {host_formula} in the structures table: give the host's CIF",
                              param="structure")
    disordered, subs, comp_text, scale = build_disordered(host_structure, specs, compensate, max_atoms)
    say = progress or (lambda msg: None)
    say("ordering the supercell (Ewald)")
    ords = orderings(disordered, n_orderings)
    pot = Potential.get()
    evals = []
    for k, (rank, e_ew, s) in enumerate(ords, start=1):
        say(f"ordering {k}/{len(ords)}: {len(s)} atoms with {pot.name}{' (relaxing)' if relax else ''}")
        evals.append((pot.evaluate(s, relax=relax).energy_eV_per_atom, rank, e_ew, s))
    evals.sort(key=lambda t: t[0])
    best = evals[0][3]
    say("correcting against the reference phases")
    phase = predict(thermo, best, table, relax=relax)
    # the host on the same footing: the potential's error on the undoped host, by the method the doped phase used
    host_hull = thermo.hull(host_formula)
    if host_hull.e_form_eV_per_atom is None:
        raise SsbkitError(f"{host_formula} is not in the data: the doped phase cannot be anchored on it", param="host")
    residual = _host_residual(thermo, phase, host_formula, host_structure, host_hull, table, relax, pot, say)
    if residual is not None:
        phase = replace(phase, e_form_eV_per_atom=phase.e_form_eV_per_atom - residual, anchored_on=host_formula,
                        anchor_shift_eV_per_atom=-residual)
    th = type(thermo)(AugmentedSource(thermo.source, [phase]))
    hull = th.hull(phase.formula)
    window = th.window(phase.formula, voltage_range, as_metastable=True)
    host_window = thermo.window(host_formula, voltage_range, as_metastable=True)
    comp = best.composition
    n_fu = host_structure.composition.get_reduced_composition_and_factor()[1] * scale[0] * scale[1] * scale[2]
    per_fu = _per_host_fu(comp, n_fu)
    notes = (phase.note, f"orderings: {len(evals)} of the lowest Ewald energy evaluated; the lowest by the potential "
             f"is used (spread {1000 * (evals[-1][0] - evals[0][0]):.1f} meV/atom)",
             f"anchored on {host_formula}: the potential's error on the host ({1000 * residual:+.1f} meV/atom) removed"
             if residual is not None else f"not anchored on {host_formula}: "
             + ("the host is one of the reference neighbours" if phase.neighbours and host_formula in phase.neighbours
                else "the host's own neighbours lack structures"))
    prov = thermo.provenance("supercell substitution + Ewald ordering (pymatgen) + machine-learned potential, "
                             "corrected against reference phases and anchored on the host",
                             phases=list(hull.provenance.phases_used), notes=notes, host=host_formula,
                             substitutions=[s.label for s in subs])
    return DopedPhase(
        host=host_formula, formula=phase.formula, per_host_formula_unit=per_fu, substitutions=subs,
        compensation=comp_text, supercell=scale, supercell_atoms=len(best),
        orderings=tuple(Ordering(rank=r, ewald_energy_eV=e_ew, energy_eV_per_atom=e) for e, r, e_ew, _ in evals),
        predicted=phase, host_residual_eV_per_atom=None if residual is None else float(residual),
        e_above_hull_eV_per_atom=float(hull.e_above_hull_eV_per_atom or 0.0),
        decomposition=tuple(p.formula for p in hull.decomposition),
        host_e_above_hull_eV_per_atom=host_hull.e_above_hull_eV_per_atom,
        window=window, host_window=host_window, provenance=prov)
