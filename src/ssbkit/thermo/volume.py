"""Volume change of an electrode material over a voltage range: ``ssbkit volume``.

Two ways, the first where it applies (``method="auto"``):

* **topotactic** (an insertion host that keeps its framework: LiFePO4, LiCoO2 ...): Li is removed from the
  material's own structure (a supercell with at least four Li sites, the removed sites spread evenly), the
  full and the delithiated cells are both relaxed, positions and cell, with the machine-learned potential
  (CHGNet, :mod:`ssbkit.data.potential`; cached per structure and Li content), and the volume per formula unit
  read.  Comparing two cells relaxed by the same potential cancels most of its volume error.  Each end is the
  material at the equilibrium Li content of its voltage (the Li-uptake profile of :mod:`ssbkit.thermo.window`:
  LiFePO4 from 4 to 3 V runs from FePO4 back to LiFePO4): Li removed from the structure, or, above the as-made
  content, inserted into the host's roomiest empty sites (:mod:`ssbkit.thermo.insertion`; Li4Ti5O12 ->
  Li7Ti5O12, TiS2 -> LiTiS2); a given amount (``li_removed``, a fraction of the host's Li, or ``li_inserted``,
  Li per formula unit) runs from the material as made;
  ``auto`` does so for a Li host with an oxide or sulfide framework (Li4Ti5O12, LiMn2O4), and a Li-free
  host (TiS2, FePO4) is lithiated topotactically when asked (``method="topotactic"``).
* **phases** (alloying and conversion electrodes: Si, Sn, Al, In, FeS2 ...): the equilibrium phases along the
  Li path (the same profile), each phase's volume per atom from the volumes table
  (:mod:`ssbkit.data.volumes`), ``V = sum_i n_i N_i v_i`` per formula unit of the starting material (``n_i``
  moles of phase ``i`` with ``N_i`` atoms per formula and ``v_i`` A^3 per atom).  Equilibrium phases are the
  data's ground states: a metastable lithiated phase (Li15Si4) or a topotactic end member that is not the ground
  state (olivine FePO4) is not followed, which is why insertion hosts use the first method.

``volume_change_percent = 100 (V_end / V_start - 1)``.  Wang et al., Adv. Energy Mater. 2020 §3.4 (Fig. 13A,
ref. [138]); Zheng et al., Batteries & Supercaps 2021 §3.4 (Si, ref. [132]).  Measured values for comparison:
:func:`ssbkit.data.volumes.measured_volume_changes`.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ..errors import SsbkitError, UnitError
from ..results import Provenance, Result

__all__ = ["VolumeChange", "VolumePoint", "volume_change"]

LI = "Li"
MIN_LI_SITES = 4
#: anions of a framework that keeps its shape when Li enters (oxides, sulfides): ``auto`` inserts Li into a Li
#: host holding one of them; an intermetallic or a Li-free host is lithiated by its phases unless asked
FRAMEWORK = frozenset({"O", "S", "Se"})


@dataclass(frozen=True)
class VolumePoint(Result):
    """One state along the path: from ``voltage_V`` on (towards the end voltage), ``phases`` hold
    ``li_per_formula_unit`` more Li than the starting material (negative: removed) and occupy
    ``volume_A3_per_formula_unit`` (A^3 per formula unit of the starting material).  ``basis``: where the
    volume comes from."""

    voltage_V: float
    li_per_formula_unit: float
    phases: tuple[str, ...]
    volume_A3_per_formula_unit: float
    basis: str


@dataclass(frozen=True)
class VolumeChange(Result):
    """Volume change of a material between two voltages (V vs Li/Li+), with its path.

    Attributes:
        volume_change_percent: 100 (V_end / V_start - 1).
        method: ``topotactic`` (Li removed from the relaxed structure) or ``phases`` (equilibrium phases).
        path: the states from the start voltage to the end voltage.
        measured_percent, measured_range_percent, measured_reference: the measured value for this material
            (:func:`ssbkit.data.volumes.measured_volume_changes`), when tabulated.
        error_percent_points: computed minus measured (percentage points), when tabulated.
    """

    material: str
    formula: str
    voltage_range_V: tuple[float, float]
    method: str
    volume_change_percent: float
    path: tuple[VolumePoint, ...]
    measured_percent: float | None = None
    measured_to: str | None = None
    measured_range_percent: tuple[float, float] | None = None
    measured_reference: str | None = None
    error_percent_points: float | None = None
    notes: tuple[str, ...] = ()
    provenance: Provenance | None = None


def _structure_of(formula: str, structures: Any) -> tuple[Any, Any]:
    """(the structures table, the formula's structure or None)."""
    from ..data.structures import StructureTable, open_structures

    table = structures if isinstance(structures, StructureTable) else open_structures(structures)
    return table, None if table is None else table.get(formula)


def _topotactic_possible(comp: dict[str, float], formula: str, structures: Any, need_li: bool = True) -> bool:
    if (need_li and comp.get(LI, 0.0) <= 0) or importlib.util.find_spec("chgnet") is None:
        return False
    return _structure_of(formula, structures)[1] is not None


def volume_change(thermo: Any, name: Any, voltage: tuple[float, float], *, method: str = "auto",
                  li_removed: float | None = None, li_inserted: float | None = None, structures: Any = None,
                  progress: Callable[[str], None] | None = None) -> VolumeChange:
    """Volume change of ``name`` from ``voltage[0]`` to ``voltage[1]`` (V vs Li/Li+; either order).

    Args:
        thermo: a :class:`~ssbkit.thermo.service.Thermo`.
        method: ``auto`` (topotactic for a Li host with a structure when the potential is installed: a
            delithiation, or a lithiation of an oxide or sulfide framework; else phases), ``topotactic`` or
            ``phases``.
        li_removed: fraction (0-1] of the host's Li removed at the end (topotactic); None: the equilibrium Li
            content at the end voltage.
        li_inserted: Li per formula unit inserted at the end (topotactic, into the host's empty sites,
            :mod:`ssbkit.thermo.insertion`); None: the equilibrium Li uptake.
        structures: a structures table or path (None: the configured one, else the embedded one).
        progress: called with a line before a slow relaxation.

    Raises:
        UnitError: voltages outside 0-10 V or equal, li_removed outside (0, 1], li_inserted not positive and
            finite (or both given), an unknown method.
        SsbkitError: topotactic asked for but not possible (no Li, no structure, no potential).
    """
    from .hull import reduced_formula

    a, b = (float(v) for v in voltage)
    if not all(np.isfinite([a, b])) or not (0.0 <= a <= 10.0 and 0.0 <= b <= 10.0) or a == b:
        raise UnitError(f"voltage range {a:g}:{b:g} V: give two different voltages between 0 and 10 V vs Li/Li+")
    if method not in ("auto", "topotactic", "phases"):
        raise UnitError(f"unknown method {method!r}: use auto, topotactic or phases")
    if li_removed is not None and not (np.isfinite(li_removed) and 0.0 < li_removed <= 1.0):
        raise UnitError(f"Li removed must be a fraction of the host's Li in (0, 1], got {li_removed:g}")
    if li_inserted is not None and not (np.isfinite(li_inserted) and 0.0 < li_inserted <= 100.0):
        raise UnitError(f"Li inserted must be a positive number of Li per formula unit (at most 100), got "
                        f"{li_inserted:g}")
    if li_removed is not None and li_inserted is not None:
        raise UnitError("give the Li removed or the Li inserted, not both")
    mat = thermo.material(name)
    comp = thermo.comp_dict(mat)
    formula = reduced_formula(mat.model_formula)
    w = thermo.window(mat, (0.0, 5.0))
    if method == "auto":
        down = li_removed is not None or _li_at(w, b) < _li_at(w, a) - 1e-9
        up = li_inserted is not None or (_li_at(w, b) > _li_at(w, a) + 1e-9 and bool(set(comp) & FRAMEWORK))
        method = "topotactic" if (down or up) and _topotactic_possible(comp, formula, structures,
                                                                       li_inserted is None) else "phases"
    if method == "topotactic":
        path, notes = _topotactic(thermo, comp, formula, w, (a, b), (li_removed, li_inserted), structures,
                                  progress)
    else:
        if li_removed is not None or li_inserted is not None:
            raise UnitError("the Li removed or inserted applies to the topotactic method only")
        path, notes = _phases(comp, w, (a, b))
    change = 100.0 * (path[-1].volume_A3_per_formula_unit / path[0].volume_A3_per_formula_unit - 1.0)
    meas = _measured(mat)
    direction = None if meas is None else _direction(comp, w, meas, method, path)
    if meas is not None and direction is None:
        notes += ((f"not compared with the measured {meas.percent:+g} % from {meas.formula} to {meas.to}: this path "
                   f"runs between other Li contents ({path[0].li_per_formula_unit:+.3g} to "
                   f"{path[-1].li_per_formula_unit:+.3g} Li per formula unit)"),)
    elif meas is not None and direction == "reverse":
        notes += ((f"the measured {meas.percent:+g} % from {meas.formula} to {meas.to} taken the other way: "
                   f"{_reversed(meas.percent):+.3g} % from {meas.to} to {meas.formula}"),)
        meas = replace(meas, to=meas.formula, percent=_reversed(meas.percent),
                       range_percent=tuple(sorted(_reversed(x) for x in meas.range_percent)))
    compared = direction is not None
    phases = sorted({p for s in path for p in s.phases})
    prov = thermo.provenance(f"volume change along the Li path ({method})", phases=phases,
                             notes=((mat.labelled_note,) if mat.note else ()) + notes, material=mat.name)
    return VolumeChange(
        material=mat.name, formula=mat.model_formula, voltage_range_V=(a, b), method=method,
        volume_change_percent=float(change), path=tuple(path),
        measured_percent=None if meas is None else meas.percent, measured_to=None if meas is None else meas.to,
        measured_range_percent=None if meas is None else meas.range_percent,
        measured_reference=None if meas is None else meas.reference,
        error_percent_points=float(change - meas.percent) if compared else None,
        notes=((mat.labelled_note,) if mat.note else ()) + notes, provenance=prov)


def _measured_end(comp: dict[str, float], meas: Any) -> float | None:
    """Li per formula unit of the material at the measured row's end (its fraction removed, or its end phase)."""
    from ..materials import formula_amounts

    if meas.li_removed is not None:
        return -meas.li_removed * comp.get(LI, 0.0)
    to = formula_amounts(meas.to)
    el = _counting_element(comp)
    if not to.get(el):
        return None
    return to.get(LI, 0.0) / to[el] * comp[el] - comp.get(LI, 0.0)


def _close(x: float, want: float) -> bool:
    return abs(x - want) <= 0.05 * max(1.0, abs(want))


def _same_end(comp: dict[str, float], meas: Any, li_per_fu: float) -> bool:
    """Whether a topotactic path ends at the measured row's Li content (its fraction removed, or its end phase)."""
    want = _measured_end(comp, meas)
    return want is not None and _close(li_per_fu, want)


def _direction(comp: dict[str, float], w: Any, meas: Any, method: str, path: list[VolumePoint]) -> str | None:
    """``forward`` when the path runs between the measured row's two states (the material as made, and its end),
    ``reverse`` when it runs between them the other way, else None (another Li content: not compared).  A
    topotactic path's end is the row's Li content; an equilibrium-phase path's ends are the data's equilibrium
    states at the row's voltages (Si -> Li21Si5 for the measured Li15Si4, a metastable phase)."""
    if method == "topotactic":
        def at_start(x: float) -> bool:
            return _close(x, 0.0)

        def at_end(x: float) -> bool:
            return _same_end(comp, meas, x)
    else:
        start, end = (_li_at(w, v) for v in meas.voltage_V)

        def at_start(x: float) -> bool:
            return _close(x, start)

        def at_end(x: float) -> bool:
            return _close(x, end)
    x0, x1 = path[0].li_per_formula_unit, path[-1].li_per_formula_unit
    if at_start(x0) and at_end(x1):
        return "forward"
    if at_end(x0) and at_start(x1):
        return "reverse"
    return None


def _reversed(percent: float) -> float:
    """A volume change in percent taken the other way: ``100 (1 / (1 + p/100) - 1)``."""
    return 100.0 * (1.0 / (1.0 + percent / 100.0) - 1.0)


def _measured(mat: Any) -> Any:
    """The measured row whose formula has the material's nominal or model composition."""
    from ..data.volumes import comp_key, measured_volume_changes
    from ..materials import formula_amounts

    keys = {comp_key(formula_amounts(f)) for f in (mat.formula, mat.model_formula)}
    return next((row for f, row in measured_volume_changes().items()
                 if comp_key(formula_amounts(f)) in keys), None)


def _step_at(w: Any, v: float) -> Any:
    """The profile step holding at voltage ``v``: the one with the highest kink voltage at or below ``v``."""
    below = [s for s in w.profile if s.voltage_V <= v + 1e-9]
    return max(below, key=lambda s: s.voltage_V) if below else min(w.profile, key=lambda s: s.voltage_V)


def _li_at(w: Any, v: float) -> float:
    return float(_step_at(w, v).li_per_formula_unit)


def _phases(comp: dict[str, float], w: Any, voltage: tuple[float, float]) -> tuple[list[VolumePoint], tuple[str, ...]]:
    from ..data.entryset import parse_simple_formula
    from ..data.volumes import open_volumes

    table = open_volumes()
    a, b = voltage
    lo, hi = min(a, b), max(a, b)
    down = a > b
    kinks = sorted({s.voltage_V for s in w.profile if lo < s.voltage_V < hi}, reverse=down)
    # each state with the voltage it is entered at, from a towards b (a step holds above its kink voltage)
    states = [(a, _step_at(w, a))] + [(v, _step_at(w, v - 1e-6 if down else v + 1e-6)) for v in kinks]
    path, estimated = [], set()
    els = sorted(set(comp) | {LI})
    for at, s in states:
        if path and s.phases == path[-1].phases:
            continue
        comps = [parse_simple_formula(p) for p in s.phases]
        m = np.array([[c.get(e, 0.0) for c in comps] for e in els])
        target = np.array([comp.get(e, 0.0) + (s.li_per_formula_unit if e == LI else 0.0) for e in els])
        x, *_ = np.linalg.lstsq(m, target, rcond=None)
        vol, basis = 0.0, "volumes table"
        for xi, c, p in zip(x, comps, s.phases):
            v, _, est = table.lookup(c)
            vol += float(xi) * sum(c.values()) * v
            if est:
                estimated.add(p)
                basis = "volumes table, estimated"
        path.append(VolumePoint(voltage_V=float(at), li_per_formula_unit=float(s.li_per_formula_unit),
                                phases=tuple(s.phases), volume_A3_per_formula_unit=float(vol), basis=basis))
    notes = [(f"volumes per atom of the equilibrium phases (each phase's ground state in the data) from {table.path}; "
              "a metastable lithiated phase or a topotactic end member that is not the ground state is not followed")]
    if estimated:
        notes.append("volume estimated from the elements' fitted volumes for " + ", ".join(sorted(estimated)))
    return path, tuple(notes)


def _topotactic(thermo: Any, comp: dict[str, float], formula: str, w: Any, voltage: tuple[float, float],
                amount: tuple[float | None, float | None], structures: Any,
                progress: Callable[[str], None] | None) -> tuple[list[VolumePoint], tuple[str, ...]]:
    """The path of a topotactic (de)lithiation between the equilibrium Li contents at the two voltages (each
    relative to the material as made: Li removed from its structure or inserted into its empty sites), or, when
    an amount is given, from the material as made to Li removed (``amount[0]``, a fraction of its Li) or inserted
    (``amount[1]``, Li per formula unit)."""
    from ..data.potential import Potential

    table, s0 = _structure_of(formula, structures)
    if s0 is None:
        raise SsbkitError(f"no structure of {formula} in {getattr(table, 'path', 'the structures table')}: give "
                          f"a structures table holding it, or use the phases method", param="structures")
    a, b = voltage
    li_removed, li_inserted = amount
    if li_removed is not None:
        if comp.get(LI, 0.0) <= 0:
            raise SsbkitError(f"{formula} holds no Li to remove: the topotactic method removes Li from the "
                              f"structure or inserts it on lithiation; use the phases method", param="method")
        ends = [(0.0, "as made"), (-li_removed * comp.get(LI, 0.0), "as given")]
    elif li_inserted is not None:
        ends = [(0.0, "as made"), (li_inserted, "as given")]
    else:
        ends = [(_li_at(w, v), f"the equilibrium Li content at {v:g} V") for v in (a, b)]
        if abs(ends[1][0] - ends[0][0]) <= 1e-9:
            raise SsbkitError(f"{formula} takes up or releases no Li from {a:g} to {b:g} V in these data: give the "
                              f"Li removed or inserted, or use the phases method", param="li_removed")
    # the as-made end is relaxed in the cell the other end is made from (an insertion's cell for a Li-free host)
    size = next(x for x, _ in ends if abs(x) > 1e-9)
    states = [_state(s0, comp, formula, x, basis, size) for x, basis in ends]
    pot = Potential.get()
    if progress is not None:
        progress(f"relaxing {states[0][3]} and {states[1][3]} ({len(states[0][0])} and {len(states[1][0])} atoms) "
                 f"with {pot.name} (cached after the first run)")
    path, what = [], []
    for v, (cell, x, desc, label) in zip((a, b), states):
        # volumes need the cell converged: a tighter force/stress tolerance than the energy-only default
        relaxed = pot.evaluate(cell, relax=True, fmax=VOLUME_FMAX, steps=VOLUME_STEPS)
        n_fu = _formula_units(cell, comp)
        path.append(VolumePoint(voltage_V=v, li_per_formula_unit=float(x), phases=(label,),
                                volume_A3_per_formula_unit=float(relaxed.structure.volume / n_fu),
                                basis=f"{pot.name} relaxed"))
        what.append(f"{desc} ({len(cell)}-atom cell)")
    notes = (f"topotactic: {what[0]} to {what[1]}; every cell relaxed (positions and cell) with {pot.name}",)
    return path, notes


def _state(s0: Any, comp: dict[str, float], formula: str, x: float, basis: str,
           size: float) -> tuple[Any, float, str, str]:
    """(cell, Li per formula unit added, description, label) of the material holding ``x`` more Li per formula
    unit than as made: Li removed from its supercell (x < 0), inserted into its empty sites (x > 0), or the
    supercell itself (x = 0), sized for a change of ``size`` Li per formula unit (:func:`_base_cell`)."""
    if abs(x) <= 1e-9:
        return _base_cell(s0, comp, size), 0.0, f"{formula} as made", formula
    if x < 0:
        return _removed(s0, comp, formula, -x / comp.get(LI, 1.0), basis)
    return _inserted(s0, comp, formula, x, basis)


def _base_cell(s0: Any, comp: dict[str, float], x: float) -> Any:
    """The supercell a change of ``x`` Li per formula unit is made in: at least MIN_LI_SITES Li sites for a removal
    (x < 0), room for at least MIN_LI_SITES inserted Li for an insertion."""
    if x < 0:
        return _supercell(s0)
    return _supercell(s0, lambda c: round(x * _formula_units(c, comp)))


def _removed(s0: Any, comp: dict[str, float], formula: str, li_removed: float,
             basis: str) -> tuple[Any, float, str, str]:
    """(delithiated cell, Li per formula unit added (negative), description, state) of a Li removal (the material
    holds Li: :func:`_topotactic` refuses a removal from a Li-free host)."""
    n0 = comp[LI]
    li_removed = min(1.0, li_removed)
    cell = _base_cell(s0, comp, -1.0)
    li_sites = [i for i, site in enumerate(cell) if site.specie.symbol == LI]
    k = round(li_removed * len(li_sites))
    if k == 0:
        raise SsbkitError(f"removing {li_removed:g} of the Li of a {len(li_sites)}-Li cell removes no site: give a "
                          f"larger fraction")
    removed = [li_sites[int(j)] for j in np.unique(np.round(np.linspace(0, len(li_sites) - 1, k)).astype(int))]
    delith = cell.copy()
    delith.remove_sites(removed)
    x = len(removed) / len(li_sites)
    return (delith, -x * n0, f"{formula} with {len(removed)} of {len(li_sites)} Li sites removed ({basis})",
            f"{formula} with {x:.3g} of its Li removed")


def _inserted(s0: Any, comp: dict[str, float], formula: str, li_inserted: float,
              basis: str) -> tuple[Any, float, str, str]:
    """(lithiated cell, Li per formula unit added, description, state) of a Li insertion into the host's empty
    sites (:func:`ssbkit.thermo.insertion.insert_li`)."""
    from .insertion import insert_li

    cell = _base_cell(s0, comp, li_inserted)
    n_fu = _formula_units(cell, comp)
    k = round(li_inserted * n_fu)
    lith, _ = insert_li(cell, k)
    desc = f"{formula} with {k} Li inserted into its empty sites ({k / n_fu:.3g} per formula unit, {basis})"
    return lith, k / n_fu, desc, f"{formula} with {k / n_fu:.3g} Li inserted per formula unit"


def _counting_element(comp: dict[str, float]) -> str:
    """The element formula units are counted by: the first non-Li element in alphabetical order."""
    return next(e for e in sorted(comp) if e != LI and comp[e] > 0)


def _formula_units(cell: Any, comp: dict[str, float]) -> float:
    """Formula units of the material in ``cell``, counted by its first non-Li element."""
    el = _counting_element(comp)
    return sum(1 for site in cell if site.specie.symbol == el) / comp[el]


#: force (and scaled stress) tolerance, eV/A, and step limit of the relaxations a volume is read from
VOLUME_FMAX, VOLUME_STEPS = 0.02, 1000
#: the largest supercell the topotactic method builds
MAX_CELL_ATOMS = 400


def _supercell(structure: Any, li_sites: Callable[[Any], float] | None = None) -> Any:
    """The structure repeated along its shortest axes until ``li_sites(cell)`` (default: its Li sites) reaches
    MIN_LI_SITES."""
    count = li_sites or (lambda c: sum(1 for site in c if site.specie.symbol == LI))
    s = structure.copy()
    while count(s) < MIN_LI_SITES:
        if len(s) > MAX_CELL_ATOMS:
            raise SsbkitError(f"{structure.composition.reduced_formula}: no cell up to {MAX_CELL_ATOMS} atoms holds "
                              f"{MIN_LI_SITES} Li for the topotactic method: use the phases method", param="method")
        scale = [1, 1, 1]
        scale[int(np.argmin(s.lattice.abc))] = 2
        s.make_supercell(scale)
    return s
