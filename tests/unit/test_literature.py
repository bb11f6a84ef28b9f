"""ssbkit.literature: row counts, unit round trips, corrections, lookups, Arrhenius."""

from __future__ import annotations

import math
import re
from fractions import Fraction

import pytest

from ssbkit import literature as L
from ssbkit.errors import SsbkitError
from ssbkit.units import EV_TO_KJ_PER_MOL, parse_quantity

S1, S2 = "zheng2021", "wang2020"

# Rows counted in the seed text (tab-separated rows of each printed table).
ROW_COUNTS = {"electrolytes": 34, "cathode-reactions": 25, "anode-reactions": 14, "reactions": 39,
              "coatings": 17, "interlayers": 13, "garnet-li": 24, "garnet-cells": 11}


@pytest.mark.parametrize("table,n", sorted(ROW_COUNTS.items()))
def test_row_counts(table: str, n: int) -> None:
    recs = L.load(table)
    assert len(recs) == n
    if table != "reactions":
        assert [r.row for r in recs] == list(range(1, n + 1))


def test_tables_and_sources() -> None:
    assert L.tables() == ["electrolytes", "cathode-reactions", "anode-reactions", "reactions", "coatings",
                          "interlayers", "garnet-li", "garnet-cells", "numbers"]
    for t in L.tables():
        for r in L.load(t):
            d = r.to_dict()
            assert d["source"] in (S1, S2) and d["table"] and "ref" in d
            if t not in ("numbers",):
                assert re.fullmatch(r"\[[0-9a-z, ]+\]", d["ref"]), d["ref"]
    assert {r.source for r in L.load("garnet-li")} == {S2}
    assert {r.source for r in L.load("numbers")} == {S1, S2}
    assert len({r.id for r in L.load("numbers")}) == len(L.load("numbers")) > 100


def _printed_number(text: str) -> float:
    m = re.fullmatch(r"([\d.]+)×10\^(-?\d+)", text)
    return float(m.group(1)) * 10 ** int(m.group(2)) if m else float(text)


def test_table1_normalisation_round_trip() -> None:
    for r in L.load("electrolytes"):
        assert math.isclose(r.conductivity_S_per_cm, _printed_number(r.conductivity_printed), rel_tol=1e-12)
        if r.activation_energy_value_printed is None:
            assert r.activation_energy_printed == "N/A" and r.activation_energy_eV is None
            continue
        assert str(r.activation_energy_value_printed).rstrip("0").rstrip(".") in r.activation_energy_printed.replace("0.60", "0.6")
        if r.activation_energy_unit_printed == "kJ/mol":
            back = r.activation_energy_eV * EV_TO_KJ_PER_MOL
            assert round(back, 1) == r.activation_energy_value_printed
            assert math.isclose(r.activation_energy_eV, parse_quantity(f"{r.activation_energy_value_printed} kJ/mol", "energy_ev"), rel_tol=5e-4)  # stored to 4 significant figures
        else:
            assert r.activation_energy_eV == r.activation_energy_value_printed


def test_24_kj_per_mol_is_0249_ev() -> None:
    lgps = [r for r in L.load("electrolytes") if r.material == "Li10GeP2S12"][0]
    assert lgps.activation_energy_printed == "24 kJ mol-1"
    assert round(lgps.activation_energy_eV, 3) == 0.249
    assert round(24 / 96.485, 3) == 0.249


_KEY_KIND = {
    "voltage_V": ("voltage", "V"), "voltage_V_vs_SHE": ("voltage", "V"), "conductivity_S_per_cm": ("conductivity", "S/cm"),
    "activation_energy_eV": ("energy_ev", "eV"), "asr_ohm_cm2": ("area_resistance", "ohm cm2"),
    "current_density_mA_per_cm2": ("current_density", "mA/cm2"), "work_of_adhesion_J_per_m2": ("energy_per_area", "J/m2"),
    "shear_modulus_GPa": ("modulus", "GPa"), "youngs_modulus_GPa": ("modulus", "GPa"), "modulus_GPa": ("modulus", "GPa"),
    "yield_strength_MPa": ("pressure", "MPa"), "stress_MPa": ("pressure", "MPa"), "hardness_MPa": ("pressure", "MPa"),
    "pressure_MPa": ("pressure", "MPa"), "thickness_nm": ("length", "nm"), "time_h": ("time", "h"),
}
_LOCAL = {"kohm": 1e3, "kohm cm2": 1e3, "mAh g-1": 1.0, "°": 1.0, "%": 1.0, "vol%": 1.0, "times": 1.0, "": 1.0,
          "eV/atom": 1.0, "kJ/mol": 1.0, "eV/nm2": 1.0}


def _parts(vp: str) -> list[float]:
    return [float(Fraction(p)) for p in re.split(r"(?<=\d)–", vp)]


def test_numbers_round_trip() -> None:
    for r in L.load("numbers"):
        vals = _parts(r.value_printed)
        norm = [r.value] + ([r.value_max] if r.value_max is not None else [])
        assert len(vals) == len(norm), r.id
        for v, n in zip(vals, norm):
            if r.unit in _LOCAL:
                expect = v * _LOCAL[r.unit]
            elif r.key in _KEY_KIND:
                kind, unit = _KEY_KIND[r.key]
                si = parse_quantity(f"{v} {r.unit}", kind)
                expect = si / parse_quantity(f"1 {unit}", kind)
            elif r.key in ("temperature_C", "melting_point_C"):
                expect = parse_quantity(f"{v} {r.unit}", "temperature") - 273.15
            else:
                raise AssertionError(f"{r.id}: no conversion for {r.unit!r}")
            assert math.isclose(n, expect, rel_tol=1e-9, abs_tol=1e-9), (r.id, n, expect)
    corrected_units = {r.id for r in L.load("numbers") if r.unit_printed in ("μm cm-2", "μA cm-1")}
    assert len(corrected_units) == 2
    assert all(r.correction_note for r in L.load("numbers") if r.id in corrected_units)


def test_garnet_tables_round_trip() -> None:
    for r in L.load("garnet-li"):
        for p, v, q in ((r.asr_printed, r.asr_ohm_cm2, r.asr_qualifier),
                        (r.current_density_printed, r.current_density_mA_per_cm2, r.current_density_qualifier),
                        (r.li_deposited_printed, r.li_deposited_mAh_per_cm2, r.li_deposited_qualifier)):
            if p == "–":
                assert v is None
            else:
                assert float(p.lstrip("<≈")) == v and (q or "") == p[: len(p) - len(p.lstrip("<≈"))]
    for r in L.load("garnet-cells"):
        if r.current_printed.endswith("μA cm-2"):
            assert math.isclose(r.current_density_mA_per_cm2, float(r.current_printed.split()[0]) / 1000)
        elif r.current_printed.endswith(" C"):
            assert r.c_rate_C == float(r.current_printed.split()[0])


def test_printed_values_exact() -> None:
    t1 = L.load("electrolytes")
    assert t1[0].material_printed == "70Li2S·30P2S5 glass" and t1[0].activation_energy_printed == "43.5 kJ mol-1"
    s2 = L.load("garnet-li")
    assert [r.asr_printed for r in s2][:5] == ["109", "49", "26", "7.0", "2"]
    numbers = {(r.key, r.value) for r in L.load("numbers")}
    for item in [("voltage_V", 0.05), ("voltage_V", 1.752), ("voltage_V", 3.71), ("voltage_V", 4.2), ("voltage_V", 5.5),
                 ("reaction_energy_eV_per_atom", -1.25), ("reaction_energy_kJ_per_mol", -3014.0),
                 ("work_of_adhesion_J_per_m2", 0.10), ("work_of_adhesion_J_per_m2", 0.67),
                 ("contact_angle_deg", 142.0), ("contact_angle_deg", 62.0), ("contact_angle_deg", 125.0),
                 ("contact_angle_deg", 95.0), ("asr_ohm_cm2", 1192.0), ("asr_ohm_cm2", 32.0), ("asr_ohm_cm2", 14.0),
                 ("current_density_mA_per_cm2", 0.7), ("current_density_mA_per_cm2", 2.2),
                 ("current_density_mA_per_cm2", 14.0), ("current_density_mA_per_cm2", 0.05),
                 ("current_density_mA_per_cm2", 0.12), ("current_density_mA_per_cm2", 0.3),
                 ("shear_modulus_GPa", 60.0), ("youngs_modulus_GPa", 2.7), ("yield_strength_MPa", 12.2),
                 ("reduction_percent", 50.0), ("melting_point_C", 700.0), ("conductivity_S_per_cm", 2e-6),
                 ("cathode_fraction_vol_percent", 69.0), ("temperature_C", 500.0), ("temperature_C", 1085.0)]:
        assert item in numbers, item


def test_corrections_documented() -> None:
    t1 = {r.material_printed: r for r in L.load("electrolytes")}
    expect = {"Li7Zr3Zr2O12": "Li7La3Zr2O12", "Li1.0SnP2S12": "Li10SnP2S12", "Li7PS11": "Li7P3S11",
              "Li1.54Si1.74P0.54Sn1.7Cl0.3": "Li9.54Si1.74P1.44S11.7Cl0.3", "Li7PS8": "Li7PS6",
              "40Li2S·28Si2·30LiI glass": "40Li2S·28SiS2·30LiI glass", "β-Li3P2S4": "β-Li3PS4",
              "Li7P2.9Mn0.1S0.17O0.3": "Li7P2.9Mn0.1S10.7I0.3", "3LiBH4·Li": "3LiBH4·LiI"}
    for printed, corrected in expect.items():
        assert t1[printed].material == corrected and t1[printed].correction_note
    assert t1["Li3.25Ge0.25P0.75S4"].family_printed == "Oxide" and t1["Li3.25Ge0.25P0.75S4"].family == "sulfide"
    assert t1["Li1.5Al0.5Ge1.5(PO4)3"].family_printed == "Halide" and t1["Li1.5Al0.5Ge1.5(PO4)3"].family == "oxide"
    assert t1["Li3OCl0.5Br0.5"].family_printed == "Other" and t1["Li3OCl0.5Br0.5"].family == "halide"
    assert "§2.1" in t1["Li7PS11"].correction_note
    for r in L.load("electrolytes"):
        if r.material != r.material_printed:
            assert r.correction_note, r.material_printed
    t3 = {r.electrolyte_printed: r for r in L.load("anode-reactions")}
    assert t3["Li3P2S11"].electrolyte == "Li7P3S11"
    ccd = [r for r in L.load("numbers") if r.unit_printed == "μm cm-2"][0]
    assert ccd.unit == "uA/cm2" and ccd.value == 0.05 and ccd.correction_note


def test_family_counts() -> None:
    fams = [r.family for r in L.load("electrolytes")]
    assert (fams.count("sulfide"), fams.count("oxide"), fams.count("halide"), fams.count("other")) == (16, 8, 5, 5)
    assert L.query("electrolytes", family="Sulfide")[0].advantages[0] == "High ionic conductivity"


ABBREVIATIONS = ["LGPS", "LPS", "LPSCl", "LLZO", "LLZTO", "LATP", "LAGP", "LLTO", "LiPON", "LCO", "LFP", "LMO",
                 "LNMO", "NMC111", "NMC532", "NMC622", "NMC811", "NCA", "LTO"]


@pytest.mark.parametrize("name", ABBREVIATIONS)
def test_every_abbreviation_finds_records(name: str) -> None:
    recs = L.lookup_material(name)
    assert recs, name
    assert all(r.match in ("exact", "family") for r in recs)


@pytest.mark.parametrize("name,exact_in", [
    ("LGPS", "Li10GeP2S12"), ("LPS", "β-Li3PS4"), ("LPSCl", "Li6PS5Cl"), ("LLZO", "Li7La3Zr2O12"),
    ("LATP", None), ("LAGP", "Li1.5Al0.5Ge1.5(PO4)3"), ("LiPON", "LiPON"),
])
def test_abbreviation_exact_in_table1(name: str, exact_in: str | None) -> None:
    recs = L.query("electrolytes", material=name)
    if exact_in:
        assert any(r.match == "exact" and r.material == exact_in for r in recs)
    else:
        assert recs and all(r.match == "family" for r in recs)


@pytest.mark.parametrize("formula", ["Li10GeP2S12", "P2S12GeLi10", "S12P2Li10Ge", "GeLi10P2S12"])
def test_formula_any_order(formula: str) -> None:
    recs = L.query("electrolytes", material=formula)
    assert recs[0].material == "Li10GeP2S12" and recs[0].match == "exact"


@pytest.mark.parametrize("formula,expected", [
    ("S4PLi3", "Li3PS4"), ("O12Zr2La3Li7", "LLZO"), ("ClS5PLi6", "Li6PS5Cl"), ("O2CoLi", "LiCoO2"),
    ("PO4FeLi", "LiFePO4"), ("O12Ti5Li4", "Li4Ti5O12"), ("O4Mn1.5Ni0.5Li", "LiNi0.5Mn1.5O4"),
])
def test_formula_lookup_any_order(formula: str, expected: str) -> None:
    recs = L.lookup_material(formula)
    assert any(r.match == "exact" for r in recs)


def test_cathode_abbreviations() -> None:
    assert {r.ref for r in L.observed_interphases("LCO", "Li6PS5Cl")} == {"[16a]", "[103]"}
    assert {r.ref for r in L.observed_interphases("LFP", "LLZO")} == {"[16a]"}
    lmo = L.observed_interphases("LMO", "LLZO")
    assert lmo[0].match == "exact" and lmo[0].ref == "[113]" and {r.match for r in lmo[1:]} == {"family"}
    assert [r.layer for r in L.coatings_for("LNMO")] == ["LiNbO3", "Li3PO4"]
    assert [r.layer for r in L.coatings_for("NCA", "LGPS")] == ["LiNbO3", "Li2O-ZrO2"]
    assert any(r.match == "exact" and r.layer == "Li4Ti5O12" for r in L.lookup_material("LTO"))
    for n in ("NMC111", "NMC532", "NMC622", "NMC811", "LiNi0.8Co0.1Mn0.1O2", "NCM", "NMC"):
        coats = L.coatings_for(n)
        assert len(coats) == 7, n
    assert all(r.match == "family" for r in L.coatings_for("NMC622"))
    assert all(r.match == "exact" for r in L.coatings_for("NMC"))
    nmc811 = L.observed_interphases("NMC811", "Li6PS5Cl")
    assert nmc811[0].match == "exact" and nmc811[0].ref == "[105a]"


def test_observed_interphases_either_order_and_family() -> None:
    a = L.observed_interphases("Li", "LLZO")
    b = L.observed_interphases("O12Zr2La3Li7", "lithium")
    assert [r.products for r in a] == [r.products for r in b] == [("LiOH", "Li2CO3")]
    fam = L.observed_interphases("LLZTO", "Li")
    assert fam[0].match == "family" and "garnet" in fam[0].match_note
    lgps = L.observed_interphases("Li", "LGPS")[0]
    assert "Li15Ge4" in lgps.products and lgps.product_alternatives is not None
    lps = L.observed_interphases("Li", "Li3PS4")
    assert [r.match for r in lps][:2] == ["exact", "exact"]
    assert any(r.electrolyte.startswith("77.5") and r.match == "family" for r in lps)
    assert {r.ref for r in L.observed_interphases("Li", "Li6PS5Br")} >= {"[119c]"}


def test_li2s_p2s5_family() -> None:
    for q in ("Li3PS4", "Li7P3S11", "LPS"):
        recs = L.coatings_for("LCO", q)
        assert any(r.electrolyte == "Li2S-P2S5" and r.match == "family" for r in recs), q
    recs = L.query("interlayers", electrolyte="Li2S-P2S5")
    assert {r.electrolyte for r in recs} == {"Li2S-P2S5", "Li7P3S11", "Li3PS4"}
    assert [r.match for r in recs if r.electrolyte == "Li2S-P2S5"] == ["exact"]


def test_interlayers_for() -> None:
    llzo = L.interlayers_for("LLZO")
    assert [r.layer for r in llzo] == ["Al2O3", "MoS2", "PDMS", "g-C3N4", "Cu6Sn5"]
    assert all(r.match == "exact" for r in llzo)
    assert all(r.match == "family" for r in L.interlayers_for("Li6.4La3Zr1.4Ta0.6O12"))
    assert [r.layer for r in L.interlayers_for("LATP")] == ["Ge", "Cr", "AN", "ZnO"]


def test_query_filters_and_errors() -> None:
    assert len(L.query("numbers", topic="ccd")) >= 10
    assert all(r.topic == "window" for r in L.query("numbers", topic="windows"))
    assert len(L.query("reactions", electrolyte="Li6PS5Cl", anode="Li")) == 2
    assert {r.electrode_role for r in L.query("reactions", cathode="LCO")} == {"cathode"}
    assert [r.row for r in L.query("garnet-li", ref="73")] == [17, 18]
    assert len(L.query("garnet-li", strategy="coating")) == 12
    assert L.query("numbers", source="seed2", topic="percolation")[0].value_max == 79.0
    with pytest.raises(SsbkitError, match="unknown table 'foo': choose one of electrolytes"):
        L.load("foo")
    with pytest.raises(SsbkitError, match="unknown filter 'cathode' for table 'electrolytes'"):
        L.query("electrolytes", cathode="LCO")
    with pytest.raises(SsbkitError, match="unknown family 'polymer'.*halide"):
        L.query("electrolytes", family="polymer")
    with pytest.raises(SsbkitError, match="unknown topic"):
        L.query("numbers", topic="nope")
    with pytest.raises(SsbkitError, match="unknown material 'Qq9'"):
        L.lookup_material("Qq9")


def test_to_dict_units_in_keys() -> None:
    d = L.load("electrolytes")[12].to_dict()
    assert {"source", "table", "ref", "conductivity_S_per_cm", "activation_energy_eV"} <= set(d)
    assert "match" not in d
    n = [r for r in L.load("numbers") if r.key == "voltage_V" and r.value_max == 2.5][0].to_dict()
    assert n["voltage_V"] == 2.0 and n["voltage_V_max"] == 2.5
    g = L.load("garnet-li")[0].to_dict()
    assert g["asr_ohm_cm2"] == 109 and g["current_density_mA_per_cm2"] == 0.046 and g["li_deposited_mAh_per_cm2"] == 0.092


def test_conductivity_arrhenius() -> None:
    (rt,) = L.conductivity("LGPS")
    assert math.isclose(rt.conductivity_S_per_cm, 1.2e-2)
    (r,) = L.conductivity("LGPS", 333.15)
    ea = 24 / EV_TO_KJ_PER_MOL
    expect = 1.2e-2 * math.exp(-ea / 8.617333262e-5 * (1 / 333.15 - 1 / 298.15))
    assert math.isclose(r.conductivity_S_per_cm, expect, rel_tol=1e-3)
    assert r.source == S1 and r.ref == "[29]" and r.table == "Table 1"
    two = L.conductivity("Li3PS4", 273.15)
    assert {x.material for x in two} == {"β-Li3PS4", "75Li2S·25P2S5 glass"}
    assert all(x.conductivity_S_per_cm < x.conductivity_rt_S_per_cm for x in two)
    with pytest.raises(SsbkitError, match="N/A"):
        L.conductivity("Li3InCl6", 333.15)
    with pytest.raises(SsbkitError, match="bound"):
        L.conductivity("Li2.99Ba0.005ClO", 333.15)
    with pytest.raises(SsbkitError, match="same family.*Li7La3Zr2O12"):
        L.conductivity("LLZTO", 333.15)
    with pytest.raises(SsbkitError, match="no row"):
        L.conductivity("LiCoO2", 333.15)


def test_the_fast_yaml_reader_reads_every_packaged_file_as_safe_load_does():
    """The package's YAML is read through libyaml's parser (:func:`ssbkit.io.load_yaml`): the same data as
    ``yaml.safe_load`` for every file shipped."""
    from importlib import resources
    from pathlib import Path

    import yaml

    from ssbkit.io import load_yaml

    root = Path(str(resources.files("ssbkit")))
    files = sorted(root.rglob("*.yaml"))
    assert len(files) >= 10
    for f in files:
        text = f.read_text("utf-8")
        assert load_yaml(text) == yaml.safe_load(text), f.name
