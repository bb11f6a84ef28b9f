"""The pymatgen-native Python API: Thermo from entries, pymatgen objects as materials, tables for Jupyter."""

from __future__ import annotations

import pytest
from pymatgen.analysis.phase_diagram import PDEntry, PhaseDiagram
from pymatgen.core import Composition, Lattice, Structure
from pymatgen.entries.computed_entries import ComputedEntry

from ssbkit.errors import SsbkitError
from ssbkit.thermo import Thermo

ENTRIES = [PDEntry(Composition("Li"), -1.9), PDEntry(Composition("O2"), -9.86), PDEntry(Composition("Li2O"), -14.3),
           PDEntry(Composition("Li2O2"), -19.5), PDEntry(Composition("LiO2"), -14.0),
           ComputedEntry("Li4O4", -39.5, entry_id="my-dft-1")]


def test_thermo_from_entries_matches_pymatgen():
    th = Thermo.from_entries(ENTRIES)
    pd = PhaseDiagram(ENTRIES)
    for e in ENTRIES:
        if e.composition.is_element:
            continue
        h = th.hull(e.composition)
        best = min((x for x in ENTRIES if x.composition.reduced_formula == e.composition.reduced_formula),
                   key=lambda x: x.energy_per_atom)
        assert h.e_above_hull_eV_per_atom == pytest.approx(pd.get_e_above_hull(best), abs=1e-9)
    assert th.hull("Li2O2").polymorphs[0].entry_id == "my-dft-1"  # the lower of the two Li2O2 entries
    assert th.source.kind == "entries" and th.provenance("x").data_version.startswith("sha256:")
    with pytest.raises(SsbkitError, match="no entries"):
        Thermo.from_entries([])
    with pytest.raises(SsbkitError, match="not a pymatgen entry"):
        Thermo.from_entries([object()])


def test_pymatgen_objects_are_materials(thermo):
    s = Structure(Lattice.cubic(4.6), ["Li", "Li", "O"], [[0, 0, 0], [0.5, 0.5, 0.5], [0.25, 0.25, 0.25]])
    by_name = thermo.hull("Li2O")
    for obj in (Composition("Li2O"), s, ComputedEntry("Li2O", -14.0)):
        assert thermo.hull(obj).e_above_hull_eV_per_atom == by_name.e_above_hull_eV_per_atom
    assert thermo.window(Composition("Li7La3Zr2O12")).reduction_limit_V == thermo.window("LLZO").reduction_limit_V
    with pytest.raises(SsbkitError, match="cannot use a int as a material"):
        thermo.hull(42)


def test_tables_for_jupyter(thermo):
    from ssbkit.interfaces import InterfaceCalculator

    prof = InterfaceCalculator(thermo, "LLZO", "LiCoO2").profile([0.0, 2.5, 5.0])
    df = prof.to_dataframe()
    assert list(df["voltage_V"]) == [0.0, 2.5, 5.0] and "reaction_energy_eV_per_atom" in df.columns
    html = prof._repr_html_()
    assert html.startswith("<p><b>VoltageProfile</b> (3 rows)") and "<table" in html
    one = thermo.hull("LLZO").to_dataframe()
    assert len(one) == 1 and "e_above_hull_eV_per_atom" in one.columns


def test_conditions_take_the_cli_units():
    from ssbkit.errors import SsbkitError
    from ssbkit.stack.conditions import Conditions

    a = Conditions.of(voltage_V=(3.0, 4.2), temperature_C=80, pressure_MPa=2.5, current_density_mA_per_cm2=1.0)
    b = Conditions.parse(voltage="3.0:4.2", temperature="80C", pressure="2.5MPa", current="1mA/cm2")
    assert a == b and a.pressure_MPa == 2.5 and a.current_density_mA_per_cm2 == 1.0 and a.temperature_C == pytest.approx(80)
    assert Conditions.of(4.3, temperature_K=300.0).voltage_range_V == (4.3, 4.3)
    for bad in ({"pressure_MPa": float("nan")}, {"temperature_C": "hot"}, {"temperature_C": 25, "temperature_K": 300},
                {"current_density_mA_per_cm2": -1.0}, {"voltage_V": (4.3, 2.5)}):
        with pytest.raises(SsbkitError):
            Conditions.of(**bad)


def test_pymatgen_objects_out(thermo):
    from pymatgen.analysis.phase_diagram import PhaseDiagram
    from pymatgen.core import Composition

    pd = thermo.phase_diagram("Li-P-S")
    assert isinstance(pd, PhaseDiagram)
    li3ps4 = min((e for e in pd.all_entries if e.composition.reduced_formula == "Li3PS4"), key=lambda e: e.energy_per_atom)
    assert thermo.hull("Li3PS4").e_above_hull_eV_per_atom == pytest.approx(pd.get_e_above_hull(li3ps4), abs=1e-6)
    assert thermo.hull("Li3PS4").composition == Composition("Li3PS4")
    r = thermo.decompose("Li3PS4", 0.0).reaction.to_pymatgen()
    assert {c.reduced_formula for c in r.reactants} == {"Li3PS4", "Li"} and "Li2S" in str(r)
