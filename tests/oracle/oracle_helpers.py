"""pymatgen on the same entries: the oracle for hulls, windows and interface reactions."""

from __future__ import annotations

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


def interface_minimum(es, a: str, b: str, voltage: float | None, pd=None, use_hull_energy: bool = False):
    """(x, energy, sorted product formulas without Li) of pymatgen's most negative kink.

    ``pd``: the phase diagram to use (default: from every entry of ``es`` in the system, cached); the
    grand-potential diagram is built from its entries.  ``use_hull_energy`` applies to the closed case.
    """
    import warnings

    from pymatgen.analysis.interface_reactions import (
        GrandPotentialInterfacialReactivity,
        InterfacialReactivity,
    )
    from pymatgen.analysis.phase_diagram import GrandPotentialPhaseDiagram

    ca, cb = Composition(a), Composition(b)
    els = {e.symbol for e in ca} | {e.symbol for e in cb}
    if voltage is not None:
        els |= {"Li"}
    pd = pd if pd is not None else phase_diagram(es, els)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if voltage is None:
            ir = InterfacialReactivity(ca, cb, pd, norm=True, use_hull_energy=use_hull_energy)
        else:
            gpd = GrandPotentialPhaseDiagram(pd.all_entries, {Element("Li"): -voltage})
            ir = GrandPotentialInterfacialReactivity(ca, cb, gpd, pd, include_no_mixing_energy=False,
                                                     norm=True, use_hull_energy=True)
        kinks = ir.get_kinks()
    k = min(kinks, key=lambda k: (k[2], k[1]))
    prods = sorted({c.reduced_formula for c in k[3].products if abs(k[3].get_coeff(c)) > 1e-9} - {"Li"})
    return float(k[1]), float(k[2]), prods, kinks


def gibbs_dataset(entries_path, structures_path, systems, folder):
    """The same entries for ssbkit and GibbsComputedStructureEntry: for every reduced formula within one of
    ``systems`` (sets of elements) that has a structure, the lowest formation energy of the table; every
    element at 0 (the references: G_f(T) = 0 whatever the structure; the table has no zero rows for O, H, N).

    Writes ``entries.csv`` and ``volumes.csv`` (the structures' volumes per atom) into ``folder`` and returns
    (entries path, volumes path, {reduced formula: energy eV/atom}, {reduced formula: Structure}).
    """
    import csv
    import gzip
    import json
    import warnings

    from pymatgen.core import Lattice, Structure

    systems = [set(s) for s in systems]
    elements = set().union(*systems)
    best: dict[str, float] = {}
    with gzip.open(entries_path, "rt") as fh:
        for row in csv.DictReader(fh):
            c = Composition(row["formula"])
            els = {e.symbol for e in c}
            if any(els <= s for s in systems):
                rf, e = c.reduced_formula, float(row["target"])
                if rf not in best or e < best[rf]:
                    best[rf] = e
    structs: dict[str, Structure] = {}
    with gzip.open(structures_path, "rt") as fh:
        for line in fh:
            rec = json.loads(line)
            rf = Composition(rec["formula"]).reduced_formula
            if rf in best and rf not in structs:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    structs[rf] = Structure.from_str(rec["cif"], fmt="cif")
    for el in elements:
        structs[el] = Structure(Lattice.cubic(3.0), [el], [[0, 0, 0]])
        best[el] = 0.0
    keep = {rf: best[rf] for rf in structs}
    ent, vol = folder / "entries.csv", folder / "volumes.csv"
    with open(ent, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["formula", "target"])
        w.writerows([rf, repr(e)] for rf, e in sorted(keep.items()))
    with open(vol, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["reduced_formula", "volume_A3_per_atom"])
        w.writerows([rf, repr(st.volume / len(st))] for rf, st in sorted(structs.items()))
    return ent, vol, keep, structs
