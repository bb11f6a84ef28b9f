"""Stack parsing, assessment and coating/interlayer screening (issue: whole-stack assessment)."""

from __future__ import annotations

import json

import pytest

from ssbkit.cli import main
from ssbkit.errors import SsbkitError
from ssbkit.interfaces.candidates import default_candidates, load_candidates
from ssbkit.stack.assess import StackAssessor
from ssbkit.stack.conditions import Conditions
from ssbkit.stack.parse import parse_stack


# ----------------------------------------------------------------- parsing (no data)
def test_parse_roles():
    s = parse_stack("LiNi0.8Co0.1Mn0.1O2 | LiNbO3 | Li6PS5Cl | LiF | Li")
    assert [l.role for l in s.layers] == ["cathode", "coating", "electrolyte", "interlayer", "anode"]
    s = parse_stack("LCO | LiNbO3 | LGPS | Li")
    assert [l.role for l in s.layers] == ["cathode", "coating", "electrolyte", "anode"]
    assert s.layer("electrolyte").formula == "Li10GeP2S12"
    s = parse_stack("LCO | LGPS | LiH2PO4 | Li")
    assert [l.role for l in s.layers] == ["cathode", "electrolyte", "interlayer", "anode"]
    s = parse_stack("LCO | *Li3PO4 | LiF | Li")
    assert s.layer("electrolyte").formula == "Li3PO4" and s.layer("interlayer").formula == "LiF"


@pytest.mark.parametrize("text,needle", [
    ("LCO | Li", "2 layer"),
    ("LCO | LPSCl | LCO", "two cathodes"),
    ("LPSCl | LLZO | Li", "not an electrode"),
    ("LCO | LPSCl | LLZO", "not an anode"),
    ("", "empty stack"),
    ("LCO || LGPS | Li", "empty layer"),
    ("LCO | Al2O3 | ZnO | Li", "mark it with a leading '*'"),
    ("*LCO | LGPS | Li", "cannot be the first"),
    ("LCO | LGPS | Xy | Li", "unknown element"),
])
def test_parse_errors(text, needle):
    with pytest.raises(SsbkitError, match=needle.replace("*", r"\*")):
        parse_stack(text)


def test_candidates(tmp_path):
    cath = default_candidates("cathode")
    names = {c.name for c in cath}
    assert {"LiNbO3", "Li4Ti5O12", "Li2SiO3", "LiAlO2", "Li3PO4", "Li2CO3", "Li2ZrO3", "LLTO-type"} <= names
    anode = {c.name for c in default_candidates("anode")}
    assert {"LiH2PO4", "LiF", "Au", "Si", "Ge", "ZnO", "Al2O3", "Cr", "MoS2", "Cu6Sn5"} <= anode
    allc = default_candidates()
    assert len(allc) >= 35 and all(c.source for c in allc)
    y = tmp_path / "c.yaml"
    y.write_text("- LiNbO3\n- {name: my-oxide, formula: Li2TiO3}\n")
    assert [c.formula for c in load_candidates(y)] == ["LiNbO3", "Li2TiO3"]
    t = tmp_path / "c.txt"
    t.write_text("# mine\nLi3BO3\nLiTaO3  # note\n")
    assert [c.name for c in load_candidates(t)] == ["Li3BO3", "LiTaO3"]
    c = tmp_path / "c.csv"
    c.write_text("name,formula,roles\nx,LiAlO2,cathode\n")
    assert load_candidates(c)[0].roles == ("cathode",)
    bad = tmp_path / "bad.csv"
    bad.write_text("foo\nbar\n")
    with pytest.raises(SsbkitError, match="'name' column"):
        load_candidates(bad)
    t.write_text("Qx2O\n")
    with pytest.raises(SsbkitError, match="unknown element"):
        load_candidates(t)


# ------------------------------------------------------------- first run: nothing configured
def _nothing_configured(monkeypatch, tmp_path):
    for var in ("SSBKIT_ENTRIES", "SSBKIT_BANDGAPS", "SSBKIT_VOLUMES", "SSBKIT_STRUCTURES", "MP_API_KEY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("SSBKIT_CONFIG", str(tmp_path / "none.toml"))


def test_first_run_computes_on_the_embedded_data(capsys, monkeypatch, tmp_path):
    _nothing_configured(monkeypatch, tmp_path)
    html = tmp_path / "r.html"
    code = main(["assess", "LiNi0.8Co0.1Mn0.1O2 | LiNbO3 | Li6PS5Cl | Li", "--pressure", "5MPa",
                 "--current", "0.5mA/cm2", "--json", "--html", str(html)])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["provenance"]["data_kind"] == "embedded"
    assert "embedded default" in out["provenance"]["data_source"]
    assert not any("no thermodynamic data" in s for s in out["not_computed"])
    assert all(lay["window"] is not None for lay in out["layers"][:3])
    assert {i["verdict"] for i in out["interfaces"]} <= {"stable", "passivated", "resistive", "degrading",
                                                           "incompatible"}
    li = out["interfaces"][-1]
    assert li["chemical"] is not None and li["literature"] and li["physics"]["voids"]["voids_form"] is True
    assert html.exists() and "embedded default" in html.read_text()


def test_assess_without_thermodynamics_is_honest():
    """The Python API still runs with no thermodynamics at all (thermo=None): literature and physics only."""
    from ssbkit.stack.assess import assess
    from ssbkit.stack.conditions import Conditions

    a = assess("LiNi0.8Co0.1Mn0.1O2 | LiNbO3 | Li6PS5Cl | Li", Conditions.parse(None, "25C", "5MPa", "0.5mA/cm2"),
               None).to_dict()
    assert any("no thermodynamic data" in s for s in a["not_computed"])
    for lay in a["layers"]:
        assert lay["window"] is None  # nothing invented
    li = a["interfaces"][-1]
    assert li["chemical"] is None and li["electrochemical"] is None
    assert li["literature"] and li["physics"]["voids"]["voids_form"] is True
    assert a["layers"][2]["conductivity"]["conductivity_S_per_cm"] == pytest.approx(1.9e-3)


# ------------------------------------------------------------- with the shared data
pytestmark_integration = pytest.mark.integration


@pytest.mark.integration
def test_assess_nmc_lnbo_lpscl_li(thermo, gaps):
    a = StackAssessor(thermo, gaps).assess(parse_stack("LiNi0.8Co0.1Mn0.1O2 | LiNbO3 | Li6PS5Cl | Li"),
                                           Conditions(pressure_Pa=5e6, current_density_A_per_m2=5.0))
    assert [i.label for i in a.interfaces] == ["LiNi0.8Co0.1Mn0.1O2 | LiNbO3", "LiNbO3 | Li6PS5Cl", "Li6PS5Cl | Li"]
    roles = {l.role: l for l in a.layers}
    # LiNbO3 is an electronic insulator: the electrolyte only sees the anode potential
    assert roles["electrolyte"].potentials_seen_V == (0.0, 0.0)
    assert roles["coating"].covered is False  # oxidised above 3.76 V in this data
    li = a.interfaces[-1]
    assert li.interphase_type == "SEI" and li.verdict in ("passivated", "resistive")
    assert li.physics.voids.voids_form is True  # 0.5 mA/cm2 at 5 MPa
    assert a.interfaces[1].electrochemical is None  # shielded: chemical reaction only
    # scanned from NMC811's own reduction limit (2.62 V on this data): below it the cathode itself would convert
    lo, hi = a.interfaces[0].electrochemical.voltage_range_V
    assert 2.5 < lo < 2.7 and hi == 4.3 and any(r.startswith(f"scanned from {lo:.2f} V") for r in a.interfaces[0].reasons)
    assert "Ni" not in a.interfaces[0].products  # no nickel metal from an over-lithiated NMC at 2.5 V
    assert a.verdict in ("passivated", "resistive")  # voids at 0.5 mA/cm2 make it at least resistive
    assert a.provenance.data_source.endswith("mp2018_formation_energies.csv.gz") or \
        a.provenance.data_source == "Materials Project 2018.06 formation energies (embedded default)"
    # seed 1 Table 4 on NMC | Li6PS5Cl: the LiNbO3 rows are flagged as this layer and listed first
    lit = a.interfaces[0].literature
    flags = [r.same_layer for r in lit if r.kind == "coating"]
    assert any(flags) and not all(flags) and flags == sorted(flags, reverse=True)
    assert all(r.what == "LiNbO3" for r in lit if r.same_layer)
    why = next(r for r in a.interfaces[0].reasons if r.startswith("the reviews report"))
    assert why.startswith("the reviews report: coating LiNbO3 (this layer)")


@pytest.mark.integration
def test_bare_sulfide_on_nmc_fails_and_coating_helps(thermo, gaps):
    bare = StackAssessor(thermo, gaps).assess(parse_stack("LiNi0.8Co0.1Mn0.1O2 | Li6PS5Cl | Li"), Conditions())
    assert bare.interfaces[0].verdict in ("degrading", "incompatible")
    assert bare.interfaces[0].electrochemical.reaction_energy_eV_per_atom < -0.3
    assert any("oxidised above" in r for r in bare.layers[1].reasons)  # the sulfide sees 4.3 V


@pytest.mark.integration
def test_garnet_ccd_temperature(thermo, gaps):
    cold = StackAssessor(thermo, gaps).assess(parse_stack("LiCoO2 | LLZO | Li"),
                                             Conditions(temperature_K=303.15, current_density_A_per_m2=1.0))
    hot = StackAssessor(thermo, gaps).assess(parse_stack("LiCoO2 | LLZO | Li"),
                                            Conditions(temperature_K=433.15, current_density_A_per_m2=1.0))
    c_cold = cold.interfaces[-1].physics.ccd
    c_hot = hot.interfaces[-1].physics.ccd
    # every garnet-family record enters one least-squares Arrhenius line (not a two-point line through
    # Sharafi's 30 and 160 C values): oracle is numpy's polyfit of ln CCD against 1/T over the same records
    import numpy as np

    from ssbkit.literature.joins import ccd_points
    recs = [p for p in ccd_points("LLZO") if not p.qualifier]
    assert len(recs) >= 4 and len(c_cold.points) == len(recs)
    t = np.array([p.temperature_K or 298.15 for p in recs])
    slope, icpt = np.polyfit(1.0 / t, np.log([p.ccd_mA_per_cm2 for p in recs]), 1)
    for T, c in ((303.15, c_cold), (433.15, c_hot)):
        assert c.ccd_mA_per_cm2 == pytest.approx(np.exp(icpt + slope / T), rel=1e-6)
    assert c_hot.activation_energy_eV == pytest.approx(-slope * 8.617333262e-5, rel=1e-4)
    assert 0.02 < c_cold.ccd_mA_per_cm2 < 0.2 and 5 < c_hot.ccd_mA_per_cm2 < 30   # seed 2 §2.5.2: 0.05 and 14
    assert c_cold.spread_factor > 1.0 and "all 4 reported CCDs" in c_cold.method
    assert c_cold.dendrite_risk == "high" and c_hot.dendrite_risk == "low"
    assert cold.interfaces[-1].verdict == "degrading"  # current above the CCD
    assert cold.interfaces[-1].interphase_type == "stable"  # LLZO | Li: weakly reduced
    assert cold.interfaces[-1].physics.monroe_newman is not None


# Table 4 of seed 1: cathode | electrolyte -> coating; the model used for each printed name
TABLE4 = [
    ("LiCoO2", "Li3PS4", "Li2CO3"), ("LiCoO2", "Li3PS4", "Li2SiO3"), ("LiCoO2", "Li10GeP2S12", "LiNbO3"),
    ("LiCoO2", "Li13GeP3S16", "Li4Ti5O12"), ("NMC811", "Li3PS4", "LiAlO2"), ("NMC811", "Li6PS5Cl", "LiNbO3"),
    ("NMC811", "Li6PS5Br", "LiNbO3"), ("NMC811", "Li6PS5Cl", "LLTO-type"), ("NMC811", "Li10GeP2S12", "LiNbO3"),
    ("NCA", "Li3PS4", "Li4Ti5O12"), ("NCA", "Li10GeP2S12", "LiNbO3"), ("NCA", "Li10GeP2S12", "Li2ZrO3"),
    ("LNMO", "Li10GeP2S12", "LiNbO3"), ("LNMO", "Li3PS4", "Li3PO4"), ("LiCoO2", "LLZO", "Nb"),
    ("NMC811", "LLZO", "Li-Ti-O"),
]
# measured with the shared MP data at 4.3 V; the others are oxidised well below 4.3 V in that data (docs/stack.md)
TOP5 = {("LiCoO2", "Li3PS4", "Li2CO3"), ("LiCoO2", "Li10GeP2S12", "LiNbO3"), ("LiCoO2", "Li13GeP3S16", "Li4Ti5O12"),
        ("NMC811", "Li6PS5Cl", "LiNbO3"), ("NMC811", "Li6PS5Br", "LiNbO3"), ("NMC811", "Li10GeP2S12", "LiNbO3"),
        ("NCA", "Li3PS4", "Li4Ti5O12"), ("NCA", "Li10GeP2S12", "LiNbO3"), ("LNMO", "Li10GeP2S12", "LiNbO3"),
        ("LNMO", "Li3PS4", "Li3PO4")}


@pytest.mark.integration
@pytest.mark.parametrize("cathode,electrolyte,coating", TABLE4)
def test_table4_coating_rank(thermo, gaps, cathode, electrolyte, coating):
    from ssbkit.interfaces.coatings import screen_coatings

    res = screen_coatings(thermo, cathode, electrolyte, default_candidates("cathode"), 4.3, gaps)
    rank = res.rank_of(coating)
    assert rank is not None
    if (cathode, electrolyte, coating) in TOP5:
        assert rank <= 5, [(r.name, r.score_eV_per_atom) for r in res.rows[:6]]
    else:
        assert rank > 5  # documented shortfall: a change here must update docs/stack.md
    best = res.rows[0]
    bare = -min(res.bare.reaction_at_voltage_eV_per_atom, res.bare.reaction_closed_eV_per_atom)
    if "LLZO" in electrolyte:
        # seed 1 §3.3 (ref. [109]): LLZO | LiCoO2 is the most stable oxide pair; NMC similar
        assert bare < 0.06
    else:
        assert best.score_eV_per_atom < bare  # the best coating beats the bare sulfide | oxide contact
    assert all(r.reasons for r in res.rows)
    # a candidate that is a neighbour itself is no layer between them: skipped, with the reason
    own = [s for s in res.skipped if "itself" in s.reason]
    assert [s.name for s in own] == (["LiCoO2"] if cathode == "LiCoO2" else [])
    assert res.rank_of("LiCoO2") is None if cathode == "LiCoO2" else True


@pytest.mark.integration
def test_table5_interlayers(thermo, gaps):
    from ssbkit.interfaces.coatings import screen_interlayers

    lgps = screen_interlayers(thermo, "LGPS", default_candidates("anode"), gaps=gaps)
    row = next(r for r in lgps.rows if r.name == "LiH2PO4")
    assert row.improves_on_bare and lgps.bare.classification == "MCI"
    # a layer that Li reduces (Li3PO4 -> Li2O + Li3P, -0.69 eV/atom) never scores 0, even though it passivates
    li3po4 = next(r for r in lgps.rows if r.name == "Li3PO4")
    assert li3po4.reaction_with["anode"] < -0.5 and li3po4.score_eV_per_atom >= -li3po4.reaction_with["anode"] - 1e-6
    assert all(r.score_eV_per_atom >= -r.reaction_with["anode"] - 1e-6 for r in lgps.rows)
    assert lgps.rows[0].score_eV_per_atom < 0.01 and lgps.rank_of("LiF") < lgps.rank_of("Li3PO4")
    # the stated order: tier, then rounded score, then conductivity, unrounded score, name
    keys = [(r.tier, round(r.score_eV_per_atom / 0.01)) for r in lgps.rows]
    assert keys == sorted(keys) and "then the name" in lgps.ranking and len(lgps.tiers) == 2
    latp = screen_interlayers(thermo, "LATP", default_candidates("anode"), gaps=gaps)
    for name in ("Ge", "Cr", "ZnO"):  # Table 5 for LATP: electron conductors after lithiation
        r = next(x for x in latp.rows if x.name == name)
        assert r.improves_on_bare is False
        assert any("electron-conducting" in why for why in r.reasons)


@pytest.mark.integration
def test_cli_assess_coatings_interlayers(capsys, entries_path, bandgaps_path, tmp_path):
    ent = ["--entries", str(entries_path), "--bandgaps", str(bandgaps_path)]
    code = main(["assess", "LCO | LiNbO3 | LGPS | LiH2PO4 | Li", "--voltage", "0:5", "--temperature", "60C",
                 "--pressure", "5MPa", "--current", "0.2mA/cm2", "--json", *ent])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and len(out["interfaces"]) == 4 and out["conditions"]["temperature_C"] == pytest.approx(60)
    code = main(["coatings", "NMC811", "Li6PS5Cl", "--voltage", "4.3", "--json", *ent])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["rows"][0]["rank"] == 1 and "reasons" in out["rows"][0]
    cand = tmp_path / "mine.txt"
    cand.write_text("LiNbO3\nLiTaO3\n")
    code = main(["coatings", "LCO", "LGPS", "--candidates", str(cand), "--json", *ent])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and [r["name"] for r in out["rows"]] and len(out["rows"]) == 2
    code = main(["coatings", "NMC811", "LPSCl", "--all", "--json", *ent])  # every default candidate
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and len(out["rows"]) + len(out["skipped"]) >= 35
    code = main(["interlayers", "LGPS", "--json", "--top", "3", *ent])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["bare"]["classification"] == "MCI" and out["ranking"].startswith("tier first")


@pytest.mark.integration
def test_nothing_reacts_is_not_shown_as_a_reaction(capsys, entries_path):
    ent = ["--entries", str(entries_path)]
    assert main(["react", "LiF", "Li3PO4", *ent]) == 0
    out = capsys.readouterr().out
    assert "no exergonic reaction" in out and "->" not in out   # no "Li3PO4 -> Li3PO4" rows
    assert main(["react", "LLZO", "LCO", *ent]) == 0
    out = capsys.readouterr().out
    assert "(no reaction: LiCoO2)" in out and "LiCoO2 -> LiCoO2" not in out
    assert main(["screen", "--electrolytes", "LiF,LLZO", "--electrodes", "Li", "--scan", "0:1:1", "--json", *ent]) == 0
    rows = {r["electrolyte"]: r for r in json.loads(capsys.readouterr().out)["ranking"]}
    assert rows["LiF"]["reacts"] is False and rows["LiF"]["products"] == [] and rows["LiF"]["at_voltage_V"] is None
    assert rows["LLZO"]["reacts"] is True and "Li2O" in rows["LLZO"]["products"]
    assert main(["screen", "--electrolytes", "LiF", "--electrodes", "Li", "--scan", "0:1:1", *ent]) == 0
    assert "(no reaction)" in capsys.readouterr().out


@pytest.mark.parametrize("args,needle", [
    (["assess", "LCO | Li"], "2 layer"),
    (["assess", "LCO | LGPS | Li", "--param", "sigma.Li2S=-1"], "> 0"),
    (["assess", "LCO | LGPS | Li", "--param", "nonsense=1"], "unknown parameter"),
    (["assess", "LCO | LGPS | Li", "--param", "novalue"], "NAME=VALUE"),
    (["assess", "LCO | LGPS | Li", "--time", "nan"], "time"),
    (["assess", "LCO | LGPS | Li", "--asr-threshold", "-5"], "out of range"),
    (["assess", "LCO | LGPS | LCO"], "two cathodes"),
    (["assess", "LCO | LGPS | Li", "--voltage", "4:3"], "LOW <= HIGH"),
    (["assess", "LCO | LGPS | Li", "--temperature", "-300C"], "below absolute zero"),
    (["assess", "LCO | LGPS | Li", "--pressure", "5 bananas"], "unknown unit"),
    (["assess", "LCO | LGPS | Li", "--current", "1mA"], "unknown unit"),
    (["assess", "LCO | LGPS | Li", "--html", "x.pdf"], "--html"),
    (["coatings", "LCO", "LGPS", "--candidates", "/nope.yaml"], "does not exist"),
    (["coatings", "LCO", "LGPS", "--top", "0"], "--top"),
])
def test_cli_bad_input(capsys, entries_path, args, needle):
    code = main([*args, "--entries", str(entries_path)])
    out, err = capsys.readouterr()
    assert code == 2 and needle in err and err.count("\n") == 1 and out == ""


@pytest.mark.integration
def test_fractional_abbreviation_and_alloy_anode(thermo, gaps):
    # NMC111 is written with 1/3 fractions; LiIn is an alloy anode at its own lithiation potential
    a = StackAssessor(thermo, gaps).assess(parse_stack("NMC111 | LYC | LiIn"), Conditions())
    assert a.anode_potential_V == pytest.approx(0.62) and a.cell_type == "half"
    assert a.layers[0].formula == "LiNi1/3Co1/3Mn1/3O2" and a.layers[0].window is not None
    assert a.interfaces[-1].anode is None and a.interfaces[-1].thermodynamic.at_voltage_V == pytest.approx(0.62)
