"""pymatgen on the same entries: the oracle for hulls, windows and interface reactions."""

from __future__ import annotations

from functools import lru_cache

from pymatgen.analysis.phase_diagram import PDEntry, PhaseDiagram
from pymatgen.core import Composition, Element


def pd_entries(es, elements):
    """PDEntry objects for every entry of ``es`` within ``elements`` (raw energies)."""
    idx = es.indices_in(elements)
    out = []
    for i in idx:
        c = Composition(es.formulas[i])
        out.append(PDEntry(c, float(es.raw_energy_per_atom[i]) * c.num_atoms, name=es.formulas[i]))
    return out


_PD_CACHE: dict = {}


def phase_diagram(es, elements) -> PhaseDiagram:
    key = (id(es), tuple(sorted(elements)))
    if key not in _PD_CACHE:
        _PD_CACHE[key] = PhaseDiagram(pd_entries(es, sorted(elements)))
    return _PD_CACHE[key]


def window_from_profile(pd: PhaseDiagram, comp: Composition):
    """(reduction V, oxidation V or None, reduction phases, oxidation phases) from
    pymatgen's get_element_profile, with the same rule ssbkit documents."""
    prof = pd.get_element_profile(Element("Li"), comp)
    ref = pd.el_refs[Element("Li")].energy_per_atom
    vs = [-(p["chempot"] - ref) for p in prof]
    evo = [p["evolution"] for p in prof]
    names = [sorted({e.composition.reduced_formula for e in p["entries"]} - {"Li"}) for p in prof]
    zero = [k for k, e in enumerate(evo) if abs(e) < 1e-6]
    n0 = comp["Li"]
    if zero:
        k = zero[0]
        v_red = vs[k]
        v_ox = vs[k + 1] if k + 1 < len(prof) else None
        red = names[k - 1] if k > 0 else []
        ox = names[k + 1] if k + 1 < len(prof) else []
    else:
        k = next(j for j, e in enumerate(evo) if e < 0)
        v_red = v_ox = vs[k]
        red = names[k - 1] if k > 0 else []
        ox = names[k]
    if n0 == 0:
        v_ox, ox = None, []
    return v_red, v_ox, red, ox
