"""Gibbs energies at temperature vs pymatgen's GibbsComputedStructureEntry on the same energies and structures.

Both sides get the same entries: for every reduced formula of the chemical systems below that has a
structure in the shared structures file, the lowest-energy entry of the shared formation energies; the
volumes ssbkit reads are those of the same structures.  pymatgen builds GibbsComputedStructureEntry
(Bartel SISSO) objects and a PhaseDiagram; energy above hull and decomposition must agree within
1 meV/atom at 300, 700 and 1100 K.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.integration

MATERIALS = ["Li2O", "Li2O2", "LiOH", "Li2CO3", "LiCoO2", "LiFePO4", "LiNiO2", "Li3PO4", "LiNbO3", "LiTaO3",
             "Li2ZrO3", "La2Zr2O7", "Li4SiO4", "Li2SiO3", "LiAlO2", "Li3BO3", "LiBO2", "Li3N", "LiF", "Li2S",
             "Li3OCl", "Li4Ti5O12", "Li2TiO3", "La2O3", "ZrO2", "Co3O4", "CoO", "Li6Zr2O7", "Li7La3Zr2O12",
             "Li2MnO3", "LiMnO2", "NiO", "Li5La3Ta2O12", "LaAlO3", "Li2SO4"]
TEMPERATURES = [300, 700, 1100]


@pytest.fixture(scope="module")
def oracle_data(tmp_path_factory, entries_path, structures_path):
    from oracle_helpers import gibbs_dataset
    from pymatgen.core import Composition

    systems = [{e.symbol for e in Composition(m)} for m in MATERIALS]
    return gibbs_dataset(entries_path, structures_path, systems, tmp_path_factory.mktemp("gibbs"))


def _pymatgen(keep, structs, elements, temp):
    from pymatgen.analysis.phase_diagram import PhaseDiagram
    from pymatgen.core import Composition
    from pymatgen.entries.computed_entries import GibbsComputedStructureEntry

    entries = []
    for rf, e in keep.items():
        if {el.symbol for el in Composition(rf)} <= set(elements):
            s = structs[rf]
            entries.append(GibbsComputedStructureEntry(s, formation_enthalpy_per_atom=e, temp=temp, entry_id=rf))
    return PhaseDiagram(entries)


@pytest.mark.parametrize("temp", TEMPERATURES)
def test_hull_at_temperature_matches_gibbs_computed_structure_entry(oracle_data, temp):
    from pymatgen.core import Composition

    from ssbkit.data.source import open_source
    from ssbkit.data.volumes import read_volumes
    from ssbkit.thermo import Thermo

    ent, vol, keep, structs = oracle_data
    th = Thermo(open_source(str(ent))).at_temperature(temp, read_volumes(str(vol)))
    checked = 0
    for m in MATERIALS:
        rf = Composition(m).reduced_formula
        if rf not in keep:
            continue
        els = sorted({e.symbol for e in Composition(m)})
        pd = _pymatgen(keep, structs, els, temp)
        entry = next(e for e in pd.all_entries if e.entry_id == rf)
        decomp, e_hull = pd.get_decomp_and_e_above_hull(entry, allow_negative=True)
        ours = th.hull(m)
        assert ours.e_above_hull_eV_per_atom == pytest.approx(max(0.0, e_hull), abs=1e-3), (m, temp)
        if e_hull > 1e-3:
            assert sorted(p.formula for p in ours.decomposition) == sorted(e.composition.reduced_formula
                                                                             for e in decomp), (m, temp)
        checked += 1
    assert checked >= 30


OPEN_MATERIALS = ["Li7La3Zr2O12", "LiCoO2", "Li2CO3", "LiOH", "Li2O", "LiAlO2", "La2Zr2O7", "Li2ZrO3", "Li3BO3",
                  "Li4SiO4"]


@pytest.mark.parametrize("temp", [300, 700, 1100])
def test_open_system_in_air_matches_grand_potential_phase_diagram(oracle_data, temp):
    """Each material in air (O, C, H open at the air's chemical potentials) vs pymatgen's
    GrandPotentialPhaseDiagram of GibbsComputedStructureEntry objects: products and energy."""
    from pymatgen.analysis.phase_diagram import GrandPotentialPhaseDiagram
    from pymatgen.core import Composition, Element
    from pymatgen.entries.computed_entries import GibbsComputedStructureEntry

    from ssbkit.data.source import open_source
    from ssbkit.data.volumes import read_volumes
    from ssbkit.interfaces.thermal import in_atmosphere
    from ssbkit.thermo import Thermo
    from ssbkit.thermo.atmosphere import parse_atmosphere

    ent, vol, keep, structs = oracle_data
    th = Thermo(open_source(str(ent)))
    table = read_volumes(str(vol))
    air = parse_atmosphere("air")
    mu = air.chemical_potentials(temp)
    checked = 0
    for m in OPEN_MATERIALS:
        rf = Composition(m).reduced_formula
        if rf not in keep:
            continue
        els = {e.symbol for e in Composition(m)} | set(mu)
        entries = [GibbsComputedStructureEntry(structs[f], formation_enthalpy_per_atom=e, temp=temp, entry_id=f)
                   for f, e in keep.items() if {x.symbol for x in Composition(f)} <= els]
        gpd = GrandPotentialPhaseDiagram(entries, {Element(k): v for k, v in mu.items()})
        comp = Composition(m)
        closed = Composition({el: a for el, a in comp.items() if el.symbol not in mu})
        decomp = gpd.get_decomposition(closed)
        own = next(e for e in entries if e.entry_id == rf)
        g_own = own.energy_per_atom * comp.num_atoms  # the structure's cell may hold several formula units
        phi_own = (g_own - sum(mu[el.symbol] * a for el, a in comp.items() if el.symbol in mu)) / closed.num_atoms
        e_pm = gpd.get_hull_energy_per_atom(closed) - phi_own
        ours = in_atmosphere(th, m, air, temp, table)
        assert ours.reaction_energy_eV_per_atom == pytest.approx(min(0.0, e_pm), abs=1e-3), (m, temp)
        assert sorted(set(ours.products)) == sorted({e.original_entry.composition.reduced_formula for e in decomp}), \
            (m, temp)
        checked += 1
    assert checked >= 8
