"""CLI: ssbkit lit TABLE [filters] [--json|--csv] and ssbkit conductivity."""

from __future__ import annotations

import json

import pytest

from ssbkit.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_lit_lists_tables(capsys) -> None:
    code, out, _ = run(capsys, "lit")
    assert code == 0 and "electrolytes" in out and "garnet-cells" in out and "numbers" in out


def test_electrolytes_family_json(capsys) -> None:
    code, out, err = run(capsys, "lit", "electrolytes", "--family", "sulfide", "--json")
    assert code == 0 and err == ""
    recs = json.loads(out)
    assert len(recs) == 16 and all(r["family"] == "sulfide" for r in recs)
    assert {"source", "table", "ref", "conductivity_S_per_cm", "activation_energy_eV"} <= set(recs[0])


def test_electrolytes_readable(capsys) -> None:
    code, out, _ = run(capsys, "lit", "electrolytes", "--family", "oxide")
    assert code == 0 and "Li7La3Zr2O12" in out and "ref. 57 in" in out and "Murugan et al." in out


def test_reactions_electrolyte(capsys) -> None:
    code, out, _ = run(capsys, "lit", "reactions", "--electrolyte", "Li6PS5Cl", "--json")
    recs = json.loads(out)
    assert code == 0 and len(recs) == 7
    assert {r["table"] for r in recs} == {"Table 2", "Table 3"}
    assert any(r["electrolyte"].startswith("Li6PS5X") and r["match"] == "exact" for r in recs)  # member of the printed set
    code, out, _ = run(capsys, "lit", "reactions", "--cathode", "LCO", "--electrolyte", "LGPS", "--json")
    assert [r["ref"] for r in json.loads(out)] == ["[104]"]
    code, out, _ = run(capsys, "lit", "reactions", "--anode", "Li", "--electrolyte", "LLZTO", "--json")
    recs = json.loads(out)
    assert recs[0]["match"] == "family" and "garnet" in recs[0]["match_note"]


def test_coatings_nmc_family_reported(capsys) -> None:
    code, out, _ = run(capsys, "lit", "coatings", "--cathode", "NMC811", "--json")
    recs = json.loads(out)
    assert code == 0 and len(recs) == 7 and {r["match"] for r in recs} == {"family"}
    code, out, _ = run(capsys, "lit", "coatings", "--cathode", "NMC")
    assert code == 0 and "exact" in out


def test_interlayers_garnet_li_cells_numbers(capsys) -> None:
    code, out, _ = run(capsys, "lit", "interlayers", "--electrolyte", "LATP", "--json")
    assert [r["layer"] for r in json.loads(out)] == ["Ge", "Cr", "AN", "ZnO"]
    code, out, _ = run(capsys, "lit", "garnet-li", "--json")
    assert len(json.loads(out)) == 24
    code, out, _ = run(capsys, "lit", "garnet-cells", "--json")
    assert len(json.loads(out)) == 11
    code, out, _ = run(capsys, "lit", "numbers", "--topic", "ccd", "--json")
    recs = json.loads(out)
    assert code == 0 and all(r["topic"] == "ccd" for r in recs)
    assert any(r.get("current_density_mA_per_cm2") == 14.0 for r in recs)


def test_csv(capsys) -> None:
    code, out, _ = run(capsys, "lit", "coatings", "--csv")
    lines = out.strip().splitlines()
    assert code == 0 and lines[0].startswith("dataset,source,table,ref") and len(lines) == 18


def test_lookup(capsys) -> None:
    code, out, _ = run(capsys, "lit", "--lookup", "LNMO", "--json")
    recs = json.loads(out)
    assert code == 0 and recs and recs[0]["match"] == "exact"


@pytest.mark.parametrize("args,needle", [
    (("lit", "foo"), "unknown table 'foo': choose one of electrolytes"),
    (("lit", "coatings", "--anode", "Li"), "filter --anode does not apply to table 'coatings': its filters are --cathode"),
    (("lit", "electrolytes", "--family", "polymer"), "unknown family 'polymer'"),
    (("lit", "numbers", "--topic", "nope"), "unknown topic 'nope': choose one of"),
    (("lit", "reactions", "--electrolyte", "Qq9"), "unknown material 'Qq9'"),
    (("conductivity", "Qq9"), "unknown material 'Qq9'"),
    (("conductivity", "LiCoO2"), "Table 1 of Zheng et al. 2021 has no row for 'LiCoO2': it lists"),
    (("conductivity", "Li3InCl6", "--temperature", "60C"), "N/A"),
    (("conductivity", "LGPS", "--temperature", "60"), "has no unit"),
    (("lit", "coatings", "--json", "--csv"), "only one of --json and --csv"),
    (("lit", "coatings", "--bogus", "x"), "No such option"),
])
def test_errors_one_line_exit_2(capsys, args, needle) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ssbkit: error: ") and needle in lines[0]
    assert "Traceback" not in err


def test_conductivity(capsys) -> None:
    code, out, _ = run(capsys, "conductivity", "LGPS", "--temperature", "60C", "--json")
    (r,) = json.loads(out)
    assert code == 0 and r["ref"] == "[29]" and r["source"] == "zheng2021" and r["citation"].startswith("Kamaya et al., Nat. Mater. 2011 (ref. 29 in Zheng et al.")
    assert abs(r["temperature_K"] - 333.15) < 1e-9 and 0.03 < r["conductivity_S_per_cm"] < 0.036
    code, out, _ = run(capsys, "conductivity", "S4PLi3", "-T", "273.15K")
    assert code == 0 and "β-Li3PS4" in out and "75Li2S·25P2S5" in out and "[24]" in out
