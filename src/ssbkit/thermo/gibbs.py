"""Gibbs energies of formation at temperature, from the 0 K formation energies.

Solids (Bartel et al., Nat. Commun. 9, 4168 (2018), Eq. 4; the model behind pymatgen's
``GibbsComputedStructureEntry``)::

    G_f(T)/atom = dH_f + G^d(T) - sum_i x_i G_i(T)
    G^d(T) = (-2.48e-4 ln V - 8.94e-5 m / V) T + 0.181 ln T - 0.882          (eV/atom)

with ``dH_f`` the 0 K formation energy per atom (the entry), ``V`` the volume per atom (A^3),
``m`` the reduced mass of Bartel's Eq. 6 (amu), ``x_i`` atom fractions and ``G_i(T)`` the
elements' tabulated Gibbs energies (eV/atom; pymatgen's ``g_els.json``).  Molecular gases that the
data holds as 0 K solids (CO2, H2O, NH3, H2S, HCl ...; pymatgen's ``g_gases.json``, NIST-JANAF) get
their experimental standard Gibbs energy of formation at T and 1 bar instead.  Elements sit at 0 (the
reference) and keep their 0 K offset when they are not the reference polymorph.  Li-graphite intercalation
compounds (LiC6, LiC12) keep their 0 K formation energy: formation entropy 0 (:data:`GIC_NOTE`), where
pymatgen's ``GibbsComputedStructureEntry`` applies the descriptor; every result at temperature says so.

The descriptor is fitted for 300-1800 K; pymatgen accepts 300-2000 K.  Temperatures from 0 to
300 K (room temperature, 298.15 K) are evaluated at 300 K and the result says so; 0 K is the 0 K
data itself.  Linear interpolation between the tables' 100 K steps, as pymatgen does.
"""

from __future__ import annotations

import itertools
import math
import os
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from ..data.entryset import EntrySet
from ..data.protocol import EntrySource
from ..data.volumes import VolumeTable
from ..errors import SsbkitError
from ..materials import is_lithiated_graphite
from .wrapped import WrappedSource

T_MIN_MODEL = 300.0
#: why Li-graphite intercalation compounds (LiC6, LiC12) take no SISSO term
GIC_NOTE = ("the SISSO descriptor, fitted on ionic and metallic solids, gives each of their 6-12 carbon atoms a "
            "compound's vibrational entropy, about -1.3 eV per Li at 900 K for LiC12, while the measured entropy of "
            "Li intercalation into graphite is of order 10 J/(mol K) per Li (0.1 eV at 1000 K; Reynier, Yazami and "
            "Fultz, J. Electrochem. Soc. 2004): their formation entropy is taken as 0")
T_MAX_MODEL = 2000.0


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]:
    """pymatgen's tables of the elements' G(T) and the gases' G_f(T), read from its package data (``g_els.json``,
    ``nist_gas_gf.json``): the modules that load them also import its structure matcher and, in older releases,
    every VASP input set (0.3-1 s); those modules where the files are not found."""
    import json
    from importlib.util import find_spec

    spec = find_spec("pymatgen")
    for root in (spec.submodule_search_locations or []) if spec is not None else []:
        for sub in ("core", "entries"):  # where newer and older releases keep them
            try:
                with open(os.path.join(root, sub, "data", "g_els.json"), "rb") as a, \
                        open(os.path.join(root, sub, "data", "nist_gas_gf.json"), "rb") as b:
                    return json.load(a), json.load(b)
            except OSError:
                continue
    try:
        from pymatgen.core.entries import G_ELEMS, G_GASES
    except ImportError:
        from pymatgen.entries.computed_entries import G_ELEMS, G_GASES
    return G_ELEMS, G_GASES


def _interp(table: dict[str, float], t: float) -> float:
    ts = sorted(float(k) for k in table)
    vs = [table[k] for k in sorted(table, key=float)]
    return float(np.interp(t, ts, vs))


def element_g(symbol: str, t: float) -> float:
    """Tabulated G_i(T) of an element (eV/atom), linear between the 100 K steps."""
    g_els, _ = _tables()
    col = {k: row[symbol] for k, row in g_els.items() if symbol in row}
    if not col:
        raise SsbkitError(f"no tabulated Gibbs energy for element {symbol}: it cannot be taken to temperature")
    return _interp(col, t)


def gas_formulas() -> frozenset[str]:
    """Integer formulas (pymatgen's convention, e.g. ``H3N``) of the gases with tabulated G(T)."""
    return frozenset(_tables()[1])


def gas_g(integer_formula: str, t: float) -> float:
    """Standard Gibbs energy of formation of a gas molecule at T and 1 bar (eV per formula unit)."""
    table = _tables()[1].get(integer_formula)
    if table is None:
        raise SsbkitError(f"no tabulated Gibbs energy for gas {integer_formula}")
    return _interp(table, t)


def reduced_mass(comp: dict[str, float]) -> float:
    """Bartel's Eq. 6 (amu): ``sum_pairs (a_i + a_j) m_i m_j / (m_i + m_j) / ((n - 1) N)``."""
    from pymatgen.core import Element

    n = len(comp)
    if n < 2:
        return 0.0
    tot = sum(comp.values())
    s = 0.0
    for (ei, ai), (ej, aj) in itertools.combinations(comp.items(), 2):
        mi, mj = float(Element(ei).atomic_mass), float(Element(ej).atomic_mass)
        s += (ai + aj) * mi * mj / (mi + mj)
    return s / ((n - 1) * tot)


def g_delta(volume: float, mass: float, t: float) -> float:
    """Bartel's G^delta(T) (eV/atom) for volume per atom (A^3) and reduced mass (amu)."""
    return (-2.48e-4 * math.log(volume) - 8.94e-5 * mass / volume) * t + 0.181 * math.log(t) - 0.882


@lru_cache(maxsize=1)
def _janaf_tables() -> list[dict]:
    """The NIST-JANAF crystal tables shipped with ssbkit (``data_files/janaf_crystals.json.gz``, written by
    ``tools/build_janaf.py``; M. W. Chase, Jr., NIST-JANAF Thermochemical Tables, 1998, public domain)."""
    import gzip
    import json
    from importlib import resources

    raw = resources.files("ssbkit").joinpath("data_files/janaf_crystals.json.gz").read_bytes()
    return list(json.loads(gzip.decompress(raw))["tables"])


@lru_cache(maxsize=1)
def _janaf_index() -> dict[tuple[tuple[str, float], ...], tuple[str, float]]:
    """Composition key -> (NIST-JANAF table index, atoms per formula unit) of each crystal (``cr,l`` preferred:
    it spans the melting point)."""
    from ..data.volumes import comp_key

    return {comp_key(t["composition"]): (t["index"], float(t["atoms"])) for t in _janaf_tables()}


@lru_cache(maxsize=512)
def _janaf_table(table_index: str) -> tuple[np.ndarray, np.ndarray]:
    """(T in K, delta-f G in kJ/mol) of one JANAF table, rows with a value."""
    t = next(x for x in _janaf_tables() if x["index"] == table_index)
    return np.asarray(t["T_K"], dtype=float), np.asarray(t["dfG_kJ_per_mol"], dtype=float)


def experimental_g(comp: dict[str, float], t: float) -> float | None:
    """NIST-JANAF standard Gibbs energy of formation of a crystalline compound at T (eV/atom), or None."""
    from ..data.volumes import comp_key

    hit = _janaf_index().get(comp_key(comp))
    if hit is None:
        return None
    ts, gs = _janaf_table(hit[0])
    if not ts.size or t < ts.min() or t > ts.max():
        return None
    return float(np.interp(t, ts, gs)) / 96.48533212 / hit[1]  # kJ/mol per formula unit -> eV/atom


@dataclass
class GibbsSet:
    """An entry set at temperature, with what was assumed.

    Attributes:
        entries: the entries with G_f(T) per atom as their energies.
        temperature_K: the temperature asked for.
        model_temperature_K: the temperature the model was evaluated at (300 K below 300 K).
        estimated_volumes: formulas whose volume came from the estimator.
        gases: formulas given their tabulated gas G(T).
        experimental: formula -> experimental minus SISSO G_f (eV/atom) for the phases given their
            NIST-JANAF values (with ``experimental=True``).
        notes: what the result should say.
    """

    entries: EntrySet
    temperature_K: float
    model_temperature_K: float
    estimated_volumes: tuple[str, ...] = ()
    gases: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)
    experimental: dict[str, float] = field(default_factory=dict)


class GibbsModel:
    """Takes the entries of a chemical system to temperature (memoised per system and temperature)."""

    def __init__(self, volumes: VolumeTable, experimental: bool = False) -> None:
        self.volumes = volumes
        self.experimental = experimental
        self._static: dict[tuple[int, tuple[str, ...]], tuple] = {}
        self._sets: dict[tuple[int, tuple[str, ...], float], GibbsSet] = {}

    def _prepare(self, es: EntrySet, elements: tuple[str, ...]) -> tuple:
        key = (id(es), elements)
        got = self._static.get(key)
        if got is not None:
            return got
        from pymatgen.core import Composition

        idx = es.indices_in(list(elements))
        comps = [es.composition(int(i)) for i in idx]
        dh = es.e_form_per_atom[idx].copy()
        slope = np.zeros(len(idx))
        frac = np.zeros((len(idx), len(elements)))
        kind = np.zeros(len(idx), dtype=int)  # 0 solid, 1 element, 2 gas, 3 graphite intercalation compound
        gas_fu: list[tuple[str, float] | None] = [None] * len(idx)
        estimated: set[str] = set()
        gases = gas_formulas()
        pos = {e: k for k, e in enumerate(elements)}
        for r, comp in enumerate(comps):
            tot = sum(comp.values())
            for e, a in comp.items():
                frac[r, pos[e]] = a / tot
            if len(comp) == 1:
                kind[r] = 1
                continue
            integer, factor = Composition(comp).get_integer_formula_and_factor()
            if integer in gases:
                kind[r] = 2
                gas_fu[r] = (integer, factor / tot)
                continue
            if is_lithiated_graphite(integer):
                kind[r] = 3
                continue
            v, _, est = self.volumes.lookup(comp)
            if est:
                estimated.add(Composition(comp).reduced_formula)
            m = reduced_mass(comp)
            slope[r] = -2.48e-4 * math.log(v) - 8.94e-5 * m / v
        got = (idx, comps, dh, slope, frac, kind, gas_fu, tuple(sorted(estimated)))
        self._static[key] = got
        return got

    def at(self, es: EntrySet, elements: list[str] | set[str], temperature_K: float) -> GibbsSet:
        """The entries of the system spanned by ``elements`` with G_f(T) per atom (eV/atom)."""
        from ..validate import number

        t_req = number(temperature_K, "temperature", lo=0.0, hi=T_MAX_MODEL, unit="K")
        els = tuple(sorted(set(elements)))
        key = (id(es), els, t_req)
        got = self._sets.get(key)
        if got is not None:
            return got
        t = max(t_req, T_MIN_MODEL)
        idx, comps, dh, slope, frac, kind, gas_fu, estimated = self._prepare(es, els)
        g_el = np.array([element_g(e, t) for e in els])
        g = dh + slope * t + 0.181 * math.log(t) - 0.882 - frac @ g_el
        g = np.where((kind == 1) | (kind == 3), dh, g)
        exp_diff: dict[str, float] = {}
        if self.experimental:
            from pymatgen.core import Composition

            for r in np.flatnonzero(kind == 0):
                ge = experimental_g(comps[r], t)
                if ge is not None:
                    exp_diff[Composition(comps[r]).reduced_formula] = round(float(ge - g[r]), 6)
                    g[r] = ge
        gas_names = []
        for r in np.flatnonzero(kind == 2):
            integer, per_atom = gas_fu[r]
            g[r] = gas_g(integer, t) * per_atom
            gas_names.append(integer)
        sub = EntrySet.from_records([es.formulas[int(i)] for i in idx], g, [es.entry_ids[int(i)] for i in idx],
                                    compositions=comps)
        notes = [f"Gibbs energies at {t_req:g} K: 0 K formation energies + Bartel et al. (2018) SISSO G^delta "
                 f"(volumes from {self.volumes.path}); elements from tabulated G(T); gases from NIST-JANAF"]
        if t_req < T_MIN_MODEL:
            notes.append(f"{t_req:g} K is below the descriptor's range (300-1800 K): evaluated at 300 K")
        if estimated:
            notes.append(f"volumes estimated (MAE {self.volumes.estimator_mae:.2f} A^3/atom) for: "
                         + ", ".join(estimated[:12]) + (f" and {len(estimated) - 12} more" if len(estimated) > 12 else ""))
        gics = sorted({es.formulas[int(i)] for i in idx[kind == 3]})
        if gics and t > T_MIN_MODEL:
            notes.append("graphite intercalation compounds (" + ", ".join(gics[:6]) + ") keep their 0 K formation "
                         "energy: " + GIC_NOTE)
        if exp_diff:
            notes.append("experimental NIST-JANAF G_f(T) (minus SISSO, meV/atom) for: "
                         + ", ".join(f"{f} ({1000 * d:+.0f})" for f, d in sorted(exp_diff.items())))
        got = GibbsSet(sub, t_req, t, estimated, tuple(sorted(set(gas_names))), tuple(notes), exp_diff)
        self._sets[key] = got
        return got


class TemperatureSource(WrappedSource):
    """A data source seen at temperature: each chemical system's entries with G_f(T) (a
    :class:`~ssbkit.thermo.service.Thermo` built on it answers hulls, windows and reactions at T)."""

    def __init__(self, base: EntrySource, model: GibbsModel, temperature_K: float) -> None:
        super().__init__(base)
        self.model = model
        self.temperature_K = float(temperature_K)
        self.last: GibbsSet | None = None

    @property
    def gibbs_notes(self) -> tuple[str, ...]:
        return tuple(self.last.notes) if self.last is not None else ()

    def entries_for(self, elements: list[str] | set[str]) -> EntrySet:
        gs = self.model.at(self.base.entries_for(elements), elements, self.temperature_K)
        # the notes of the largest system asked for (it holds every phase a smaller query can use)
        if self.last is None or len(gs.entries) >= len(self.last.entries):
            self.last = gs
        return gs.entries

    def gibbs_set(self, elements: list[str] | set[str]) -> GibbsSet:
        return self.model.at(self.base.entries_for(elements), elements, self.temperature_K)

    def provenance(self) -> dict[str, object]:
        out = dict(self.base.provenance())
        out["temperature_K"] = self.temperature_K
        out["volumes"] = self.model.volumes.path
        return out
