"""Temperature and atmospheres: the seeds' thermal and air statements, chemical potentials, the CLI
(thermal, air, anneal, hull --temperature) and its refusals."""

from __future__ import annotations

import json
import math

import pytest

from ssbkit.cli import main
from ssbkit.errors import SsbkitError
from ssbkit.thermo.atmosphere import K_B_EV, parse_atmosphere

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def warm(thermo, volumes_path):
    import os

    before = os.environ.get("SSBKIT_VOLUMES")
    os.environ.setdefault("SSBKIT_VOLUMES", str(volumes_path))
    yield thermo
    if before is None:  # not left behind for the modules that run after this one
        os.environ.pop("SSBKIT_VOLUMES", None)


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_chemical_potentials_from_the_gases():
    from ssbkit.thermo.gibbs import gas_g

    t = 1000.0
    mu = parse_atmosphere("O2=0.21,CO2=1e-3,H2O=0.01").chemical_potentials(t)
    assert mu["O"] == pytest.approx(0.5 * K_B_EV * t * math.log(0.21))
    assert mu["C"] + 2 * mu["O"] == pytest.approx(gas_g("CO2", t) + K_B_EV * t * math.log(1e-3))
    assert 2 * mu["H"] + mu["O"] == pytest.approx(gas_g("H2O", t) + K_B_EV * t * math.log(0.01))
    assert gas_g("CO2", 300) == pytest.approx(-394.4e3 / 96485.33, abs=0.01)  # JANAF: -394.4 kJ/mol
    with_c = parse_atmosphere("ar", carbon=True).chemical_potentials(t)  # CO swept off to 1e-6 bar
    assert with_c["C"] == 0.0 and with_c["O"] == pytest.approx(gas_g("CO", t) + K_B_EV * t * math.log(1e-6))
    closed = parse_atmosphere("O2=1e-6,CO=1", carbon=True).chemical_potentials(t)  # a closed crucible
    assert closed["C"] == 0.0 and closed["O"] == pytest.approx(gas_g("CO", t))


@pytest.mark.parametrize("spec,msg", [("O2=-0.2", "partial pressure of O2"), ("O2=abc", "partial pressure of O2"),
                                      ("Xe2Q=1", "unknown gas"), ("CO=0.1,CO2=0.1,O2=0.2", "over-determines"),
                                      ("O2 0.2", "GAS=PRESSURE_BAR"), ("", "empty atmosphere"),
                                      ("O2=0.2,O2=0.3", "given twice"), ("O2=inf", "partial pressure")])
def test_bad_atmospheres_are_refused(spec, msg):
    with pytest.raises(SsbkitError, match=msg):
        parse_atmosphere(spec)


def test_seed2_lco_llzo_in_air(warm):
    """Wang et al. 2020 §3.2.2: LiCoO2 | Al-LLZO from 500 C to Li2CO3, LaCoO3 and La2Zr2O7 (docs/thermal.md: Li2CO3
    and La2Zr2O7 hold - the latter from 550 C; Co goes to Co3O4, not LaCoO3, on these energies)."""
    from ssbkit.interfaces.thermal import ThermalCalculator

    air = parse_atmosphere("air")
    at500 = ThermalCalculator(warm, "LiCoO2", "Li7La3Zr2O12", air).at(773.15)
    assert "Li2CO3" in at500.mixture_products and at500.mixture_energy_eV_per_atom < -0.1
    at600 = ThermalCalculator(warm, "LiCoO2", "Li6.25Al0.25La3Zr2O12", air).at(873.15)
    assert {"Li2CO3", "La2Zr2O7"} <= set(at600.mixture_products)
    # closed (no gas): the 0 K answer of the issue, nearly inert
    closed = ThermalCalculator(warm, "LiCoO2", "Li7La3Zr2O12").at(0.0)
    assert -0.01 < closed.reaction_energy_eV_per_atom < 0


def test_seed2_nmc111_llzo_at_600c(warm):
    from ssbkit.interfaces.thermal import ThermalCalculator

    r = ThermalCalculator(warm, "LiNi0.33Co0.33Mn0.33O2", "Li7La3Zr2O12", parse_atmosphere("air")).at(873.15)
    assert "La2Zr2O7" in r.mixture_products
    assert "CO2" in {t.formula for t in r.mixture_reaction.reactants}  # air carbonates the garnet


def test_seed2_llzo_in_humid_air_at_25c(warm):
    from ssbkit.interfaces.thermal import in_atmosphere

    humid = in_atmosphere(warm, "LLZO", parse_atmosphere("air", 50), 298.15)
    assert set(humid.products) & {"Li2CO3", "LiOH", "LiH3O2"} and humid.reaction_energy_eV_per_atom < -0.5
    dry = in_atmosphere(warm, "LLZO", parse_atmosphere("dry-air"), 298.15)
    assert "Li2CO3" in dry.products
    assert any("below the descriptor's range" in n for n in humid.provenance.notes)


def test_seed2_surface_layers_removed_in_the_right_order(warm):
    from ssbkit.interfaces.removal import removal_temperature

    ar, ar_c = parse_atmosphere("ar"), parse_atmosphere("ar", carbon=True)
    li2co3 = removal_temperature(warm, "Li2CO3", ar).temperature_K
    lioh = removal_temperature(warm, "LiOH", ar).temperature_K
    on_llzo = removal_temperature(warm, "Li2CO3", ar, substrate="LLZO").temperature_K
    with_c = removal_temperature(warm, "Li2CO3", ar_c, substrate="LLZO").temperature_K
    assert lioh < li2co3 and with_c < on_llzo  # Wang et al. 2020: LiOH 500 C < Li2CO3 900 C; 700 C with carbon
    assert 700 < lioh < 1000 and 1000 < li2co3 < 1400


def test_the_carbon_present_limits_what_it_removes(warm):
    """A finite carbon source (mol C per formula unit of the layer): enough of it removes Li2CO3 where a reservoir
    does (Li2CO3 + C -> Li2O + 2 CO takes one C); less removes that share there, and the rest leaves only where it
    would without carbon (mass balance, not an infinite reservoir)."""
    from ssbkit.interfaces.removal import removal_temperature

    reservoir = removal_temperature(warm, "Li2CO3", parse_atmosphere("ar", carbon=True), substrate="LLZO")
    without = removal_temperature(warm, "Li2CO3", parse_atmosphere("ar"), substrate="LLZO")
    need = reservoir.carbon_needed_per_formula
    assert need == pytest.approx(1.0, abs=1e-6) and reservoir.carbon_removed_fraction is None
    ample = removal_temperature(warm, "Li2CO3", parse_atmosphere("ar", carbon_per_formula=2.0), substrate="LLZO")
    assert ample.temperature_K == reservoir.temperature_K and ample.carbon_removed_fraction is None
    short = removal_temperature(warm, "Li2CO3", parse_atmosphere("ar", carbon_per_formula=0.25), substrate="LLZO")
    assert short.carbon_assisted_K == reservoir.temperature_K
    assert short.carbon_removed_fraction == pytest.approx(0.25 / need)
    assert short.temperature_K == without.temperature_K > reservoir.temperature_K
    assert "C" not in {t.formula for t in short.reaction.reactants}
    with pytest.raises(SsbkitError, match="carbon amount"):
        parse_atmosphere("ar", carbon_per_formula=-1)


def test_a_carbon_step_removes_the_share_its_carbon_allows():
    """``anneal 700C 1h ar carbon``: the stored carbonate goes; ``carbon=X`` with less carbon than the layer takes
    leaves a thinner layer (a lower, not vanishing, Li | LLZO resistance); a bad amount is one line."""
    import ssbkit

    def one_side(process):
        a = ssbkit.assess("Li | LLZO | Li", process=process)
        return sum(c.asr_start_ohm_cm2 for c in a.asr_budget.contributions if c.kind == "surface layer") / 2

    stored = one_side("store 25C 168h air")
    assert one_side("store 25C 168h air; anneal 700C 1h ar carbon") == 0.0
    less, least = (one_side(f"store 25C 168h air; anneal 700C 1h ar carbon={x}") for x in (1.0, 0.2))
    assert 0.0 < less < least < stored
    with pytest.raises(SsbkitError, match="carbon amount"):
        ssbkit.assess("Li | LLZO | Li", process="store 25C 168h air; anneal 700C 1h ar carbon=-2")


def test_the_carbon_buffer_takes_the_co_pressure_given(warm):
    """With carbon the oxygen potential is that of graphite + CO: at the CO partial pressure the atmosphere gives
    (1 bar: a closed crucible), else swept off to 1e-6 bar (a flowing gas); less CO, easier removal."""
    from ssbkit.interfaces.removal import removal_temperature
    from ssbkit.thermo.gibbs import gas_g

    t = 900.0
    mu = parse_atmosphere("O2=1e-6,CO=1e-3", carbon=True).chemical_potentials(t)
    assert mu["C"] == 0.0 and mu["O"] == pytest.approx(gas_g("CO", t) + K_B_EV * t * math.log(1e-3))
    temps = [removal_temperature(warm, "Li2CO3", parse_atmosphere(spec, carbon=True), substrate="LLZO").temperature_K
             for spec in ("O2=1e-6,CO=1", "O2=1e-6,CO=0.1", "O2=1e-6,CO=1e-3", "ar")]
    assert temps == sorted(temps, reverse=True) and temps[0] - temps[-1] > 100
    # the default (ar, CO swept off) removes it below the reported 700 C, below the 900 C without carbon
    without = removal_temperature(warm, "Li2CO3", parse_atmosphere("ar"), substrate="LLZO").temperature_K
    assert temps[-1] < 973.15 < without


def test_carbon_removes_li2co3_as_co_without_lithiating_graphite(warm):
    """Li2CO3 + C -> Li2O + 2 CO, not LiC12: a graphite intercalation compound keeps its 0 K formation energy at
    temperature (the SISSO term would give each of its 12 carbons a compound's entropy, about -1.3 eV per Li at
    900 K), and the garnet under the carbonate is not consumed by the carbon."""
    from ssbkit.interfaces.removal import removal_temperature

    th = warm.at_temperature(900.0)
    e = th.find_entry(th.comp_dict(th.material("LiC12")), th.material("LiC12")).e_form_eV_per_atom
    e0 = warm.find_entry(warm.comp_dict(warm.material("LiC12")), warm.material("LiC12")).e_form_eV_per_atom
    assert e == pytest.approx(e0)
    assert any("graphite intercalation" in n for n in th.temperature_notes)
    ar_c = parse_atmosphere("ar", carbon=True)
    alone = removal_temperature(warm, "Li2CO3", ar_c)
    assert {t.formula for t in alone.reaction.products} == {"Li2O", "CO"}
    on = removal_temperature(warm, "Li2CO3", ar_c, substrate="LLZO")
    assert not any("C12" in t.formula or "C6" in t.formula for t in on.reaction.products)
    assert sum(t.amount for t in on.reaction.reactants if t.formula == "C") <= 2.0


def test_thermal_cli_json_shapes_and_plot(capsys, entries_path, volumes_path, tmp_path):
    ent = ["--entries", str(entries_path), "--volumes", str(volumes_path)]
    code, out, err = run(capsys, "thermal", "LCO", "LLZO", "--temperature", "500C", "--json", *ent)
    assert code == 0, err
    one = json.loads(out)
    for key in ("temperature_K", "reaction_energy_eV_per_atom", "mixing_ratio", "products"):
        assert key in one
    assert one["temperature_K"] == pytest.approx(773.15)
    png = tmp_path / "t.png"
    code, out, err = run(capsys, "thermal", "LCO", "LLZO", "--temperature", "400C:600C:100K", "--json", "--plot",
                         str(png), *ent)
    scan = json.loads(out)
    assert code == 0 and [p["temperature_K"] for p in scan["points"]] == pytest.approx([673.15, 773.15, 873.15])
    assert "onset_temperature_K" in scan and png.read_bytes()[:4] == b"\x89PNG"
    from ssbkit.interfaces.thermal import ThermalReaction, ThermalScan

    assert ThermalScan.from_dict(scan).to_dict() == scan and ThermalReaction.from_dict(one).to_dict() == one


def test_hull_at_temperature_cli(capsys, entries_path, volumes_path):
    code, out, _ = run(capsys, "hull", "LLZO", "--temperature", "700C", "--json", "--entries", str(entries_path),
                       "--volumes", str(volumes_path))
    obj = json.loads(out)
    assert code == 0 and obj["e_above_hull_eV_per_atom"] >= 0
    assert any("Gibbs energies at 973.15 K" in n for n in obj["provenance"]["notes"])
    code, out0, _ = run(capsys, "hull", "LLZO", "--json", "--entries", str(entries_path))
    assert json.loads(out0)["e_above_hull_eV_per_atom"] != obj["e_above_hull_eV_per_atom"]


def test_air_and_anneal_cli(capsys, entries_path, volumes_path):
    ent = ["--entries", str(entries_path), "--volumes", str(volumes_path)]
    code, out, _ = run(capsys, "air", "LLZO", "--humidity", "50%", "--temperature", "25C", *ent)
    assert code == 0 and "LLZO" not in out and "Li7La3Zr2O12" in out
    code, out, _ = run(capsys, "anneal", "Li2CO3", "--on", "LLZO", "--atmosphere", "ar", "--carbon", "--json", *ent)
    obj = json.loads(out)
    assert code == 0 and obj["temperature_K"] is not None and obj["substrate"] == "Li7La3Zr2O12"


@pytest.mark.parametrize("args,msg", [
    (["thermal", "LCO", "LLZO", "--temperature", "-300C"], "below absolute zero"),
    (["thermal", "LCO", "LLZO", "--temperature", "25C:2500C"], "temperature"),
    (["thermal", "LCO", "LLZO", "--temperature", "900C:25C"], "must not exceed"),
    (["thermal", "LCO", "LLZO", "--atmosphere", "O2=-1"], "partial pressure of O2"),
    (["thermal", "LCO", "LLZO", "--atmosphere", "O2=abc"], "partial pressure of O2"),
    (["thermal", "LCO", "LLZO", "--atmosphere", "Qq2=1"], "unknown gas"),
    (["air", "LLZO", "--humidity", "150%"], "humidity"),
    (["air", "LLZO", "--humidity", "-5"], "humidity"),
    (["hull", "LLZO", "--temperature", "abc"], "temperature"),
    (["thermal", "LCO", "LLZO", "--volumes", "/nonexistent.csv"], "volumes"),
])
def test_bad_input_one_line_exit_2(capsys, entries_path, volumes_path, args, msg):
    extra = ["--entries", str(entries_path)] + ([] if "--volumes" in args else ["--volumes", str(volumes_path)]) \
        if args[0] != "hull" else ["--entries", str(entries_path)]
    code, out, err = run(capsys, *args, *extra)
    assert code == 2 and msg in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err


def test_volumes_table_estimator_and_bad_rows(tmp_path, volumes_path):
    from ssbkit.data.volumes import read_volumes

    table = read_volumes(str(volumes_path))
    assert len(table.volumes) > 40000 and 0 < table.estimator_mae < 5 and table.estimator_mape < 0.2
    v, src, est = table.lookup({"Li": 7, "La": 3, "Zr": 2, "O": 12})
    assert 10 < v < 20 and not est
    _, src, est = table.lookup({"Li": 7.3, "La": 3, "Zr": 2, "O": 12.1})
    assert est and src == "estimate"
    bad = tmp_path / "v.csv"
    bad.write_text("reduced_formula,volume_A3_per_atom\nLi2O,-3\n")
    with pytest.raises(SsbkitError, match="line 2"):
        read_volumes(str(bad))
    bad.write_text("formula,v\nLi2O,3\n")
    with pytest.raises(SsbkitError, match="needs columns"):
        read_volumes(str(bad))


def test_process_parsing_and_refusals():
    from ssbkit.stack.process import parse_process

    steps = parse_process("sinter 700C 2h air; anneal 500C 60min ar")
    assert [s.name for s in steps] == ["sinter", "anneal"]
    assert steps[0].temperature_K == pytest.approx(973.15) and steps[1].duration_h == pytest.approx(1.0)
    assert steps[1].atmosphere.partial_pressures_bar["O2"] == 1e-6
    for bad, msg in [("", "empty processing history"), ("sinter", "NAME TEMPERATURE"), ("sinter 700C 2h 3h", "two durations"),
                     ("sinter -400C", "below absolute zero"), ("sinter 700C 2h O2=-1", "partial pressure")]:
        with pytest.raises(SsbkitError, match=msg):
            parse_process(bad)


def test_assess_with_a_processing_history(warm, gaps):
    from ssbkit.stack.assess import assess
    from ssbkit.stack.conditions import Conditions

    a = assess("LCO | LLZO | Li", Conditions.parse("3:4.2", "25C", "5MPa", "0.1mA/cm2"), warm, gaps,
               process="sinter 700C 2h air; anneal 500C 1h ar")
    assert len(a.process) == 2 and len(a.thermal_steps) == 2
    assert "Li2CO3" in a.surface_steps[-1].contaminants_after
    li_side = next(x for x in a.interfaces if x.side == "negative")
    assert li_side.verdict in ("resistive", "degrading", "incompatible")
    assert any("surface after processing: Li2CO3" in r for r in li_side.reasons)
    cath = next(x for x in a.interfaces if x.side == "positive")
    assert any("processing (sinter 700 C" in r for r in cath.reasons)
    from ssbkit.stack.report import StackAssessment

    d = a.to_dict()
    assert StackAssessment.from_dict(d).to_dict() == d
    plain = assess("LCO | LLZO | Li", Conditions.parse("3:4.2", "25C", "5MPa", "0.1mA/cm2"), warm, gaps)
    assert not plain.process and not any("processing" in r for x in plain.interfaces for r in x.reasons)


def test_an_inert_gas_step_does_not_make_the_layers_react_with_the_atmosphere(warm, gaps):
    """Issue: an argon anneal was reported to carbonate a cathode | garnet interface.  The traces of CO2 and
    water in high-purity Ar supply too little to build a layer (as on the Li-side surface): in an inert gas the
    layers react with each other and may give off oxygen, nothing more."""
    from ssbkit.stack.process import supplied
    from ssbkit.thermo.atmosphere import parse_atmosphere

    assert supplied(parse_atmosphere("ar"), ("LiCoO2", "Li7La3Zr2O12")).partial_pressures_bar == {"O2": 1e-6}
    assert "CO2" in supplied(parse_atmosphere("ar"), ("Li2CO3", "Li7La3Zr2O12")).partial_pressures_bar
    assert supplied(parse_atmosphere("air"), ("LiCoO2",)) == parse_atmosphere("air")
    from ssbkit.stack.assess import assess
    from ssbkit.stack.conditions import Conditions

    def cathode_side(process):
        a = assess("LCO | LLZO | Li", Conditions.parse("3:4.2", "25C", "5MPa", "0.1mA/cm2"), warm, gaps,
                   process=process)
        return next(x for x in a.interfaces if x.side == "positive")

    ar, air = cathode_side("anneal 500C 1h ar"), cathode_side("anneal 500C 1h air")
    assert "processing (anneal 500 C 1 h in ar): no reaction" in ar.reasons and ar.verdict == "passivated"
    assert not any("Li2CO3" in r for r in ar.reasons)
    assert any("react with the atmosphere" in r and "Li2CO3" in r for r in air.reasons) and air.verdict == "resistive"


def test_interdiffusion_lengths_and_refusals(capsys):
    from ssbkit.errors import UnitError
    from ssbkit.physics.interdiffusion import diffusion_length

    r = diffusion_length([(973.15, 7200.0)], "Co")
    assert r.steps[0].diffusivity_m2_per_s == pytest.approx(9.46e-18)  # 9.46e-14 cm2/s at 700 C (the source)
    assert r.length_nm == pytest.approx(math.sqrt(9.46e-18 * 7200) * 1e9)
    two = diffusion_length([(973.15, 7200.0), (773.15, 3600.0)], "Co")
    assert two.length_m ** 2 == pytest.approx(sum(s.length_m ** 2 for s in two.steps))
    with pytest.raises(UnitError, match="no measured diffusion parameters for La"):
        diffusion_length([(973.15, 3600.0)], "La")
    given = diffusion_length([(973.15, 3600.0)], "La", d0_m2_per_s=1e-6, activation_energy_eV=3.0)
    assert given.parameters.basis == "given"
    code = main(["physics", "interdiffusion", "--species", "Co", "--schedule", "700C 2h", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["length_nm"] == pytest.approx(r.length_nm)
    assert main(["physics", "interdiffusion", "--schedule", "700C"]) == 2


def test_process_reports_co_diffusion(warm, gaps):
    from ssbkit.stack.assess import assess
    from ssbkit.stack.conditions import Conditions

    a = assess("LCO | LLZO | Li", Conditions.parse("3:4.2", "25C", "5MPa", "0.1mA/cm2"), warm, gaps,
               process="sinter 700C 2h air")
    cath = next(x for x in a.interfaces if x.side == "positive")
    assert any(r.startswith("Co diffuses about 261 nm into LLZO") for r in cath.reasons), cath.reasons


def test_experimental_janaf_option_reports_the_difference(warm):
    from ssbkit.interfaces.removal import removal_temperature
    from ssbkit.thermo.gibbs import experimental_g

    # JANAF: delta-f G of Li2CO3(cr) at 298.15 K is -1132.12 kJ/mol
    assert experimental_g({"Li": 2, "C": 1, "O": 3}, 298.15) * 6 * 96.48533212 == pytest.approx(-1132.12, abs=0.01)
    assert experimental_g({"Li": 7, "La": 3, "Zr": 2, "O": 12}, 700) is None  # no table: SISSO stays
    hot = warm.at_temperature(700, experimental=True)
    note = next(n for n in hot.hull("Li2CO3").provenance.notes if n.startswith("experimental NIST-JANAF"))
    assert "Li2CO3 (+" in note and "Li2O (" in note
    ar = parse_atmosphere("ar")
    exp_co3 = removal_temperature(warm, "Li2CO3", ar, experimental=True).temperature_K
    exp_oh = removal_temperature(warm, "LiOH", ar, experimental=True).temperature_K
    assert exp_oh < exp_co3 < removal_temperature(warm, "Li2CO3", ar).temperature_K


def test_the_shipped_janaf_tables_are_the_janaf_package_s():
    """The NIST-JANAF crystal tables shipped with ssbkit equal those the janaf package reads (the test extra
    installs it): same tables chosen, same rows."""
    import numpy as np
    from janaf import Table

    from ssbkit.thermo.gibbs import _janaf_table, _janaf_tables

    tables = _janaf_tables()
    assert len(tables) >= 300
    for t in tables[::25]:
        df = Table(index=t["index"]).df
        ok = np.isfinite(df["T(K)"].to_numpy()) & np.isfinite(df["delta-f G"].to_numpy())
        ts, gs = _janaf_table(t["index"])
        assert np.array_equal(ts, df["T(K)"].to_numpy()[ok]) and np.array_equal(gs, df["delta-f G"].to_numpy()[ok])


def test_hull_window_decompose_react_in_an_atmosphere(warm, capsys, entries_path, volumes_path):
    from ssbkit.interfaces import InterfaceCalculator
    from ssbkit.interfaces.thermal import in_atmosphere

    air = parse_atmosphere("dry-air")
    th = warm.in_atmosphere(air, 773.15)
    for m in ("Li7La3Zr2O12", "LiCoO2", "Li2O", "Li3PO4"):
        h = th.hull(m)
        direct = in_atmosphere(warm, m, air, 773.15)
        assert h.e_above_hull_eV_per_atom == pytest.approx(-direct.reaction_energy_eV_per_atom, abs=1e-6), m
        assert {p.formula for p in h.decomposition} == set(direct.products), m
    d = th.decompose("Li7La3Zr2O12")
    assert {p.formula for p in d.products} == set(in_atmosphere(warm, "LLZO", air, 773.15).products)
    assert d.products[0].amount_formula_units > 0.5  # whole formula units of the real phases, not closed atoms
    # open O only: the oxide's Li-open window moves with the oxygen potential
    lean = warm.in_atmosphere(parse_atmosphere("O2=1e-20"), 773.15).window("LiCoO2")
    rich = warm.in_atmosphere(parse_atmosphere("O2=1"), 773.15).window("LiCoO2")
    assert lean.reduction_limit_V != rich.reduction_limit_V
    r = InterfaceCalculator(th, "LLZO", "LiCoO2").closed()
    assert any("open elements (dry-air)" in n for n in r.provenance.notes)
    code = main(["hull", "LLZO", "--atmosphere", "dry-air", "--temperature", "500C", "--json", "--entries",
                 str(entries_path), "--volumes", str(volumes_path)])
    obj = json.loads(capsys.readouterr().out)
    assert code == 0 and obj["e_above_hull_eV_per_atom"] == pytest.approx(
        -in_atmosphere(warm, "LLZO", air, 773.15).reaction_energy_eV_per_atom, abs=1e-6)
    assert main(["window", "LLZO", "--humidity", "50", "--entries", str(entries_path)]) == 2


def test_the_gibbs_tables_are_pymatgens():
    """The elements' G(T) and the gases' G_f(T) read from pymatgen's package data equal the tables its modules load
    (where this release keeps them)."""
    from ssbkit.thermo.gibbs import _tables

    try:
        from pymatgen.core.entries import G_ELEMS, G_GASES
    except ImportError:
        from pymatgen.entries.computed_entries import G_ELEMS, G_GASES
    els, gases = _tables()
    assert els == G_ELEMS and gases == G_GASES and "CO2" in gases
