"""Phases the data does not hold, from structures through the machine-learned potential (CHGNet on CPU)."""

from __future__ import annotations

import json

import pytest

from ssbkit.cli import main
from ssbkit.errors import SsbkitError

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def table(structures_path):
    from ssbkit.data.structures import read_structures

    return read_structures(str(structures_path))


@pytest.mark.parametrize("formula", ["Li2O", "LiCoO2", "Li3PO4"])
def test_leave_one_out_prediction_lands_near_the_data(thermo, table, formula):
    loo = thermo.excluding([formula])
    assert not loo.hull(formula).in_data
    th2, phase = loo.with_structure(table.get(formula), table, relax=False, exclude_formula=formula)
    ref = thermo.hull(formula)
    assert phase.e_form_eV_per_atom == pytest.approx(ref.e_form_eV_per_atom, abs=0.15)
    assert th2.hull(formula).e_above_hull_eV_per_atom < 0.1
    assert phase.fit_mae_eV_per_atom is None or phase.fit_mae_eV_per_atom < 0.15
    assert formula not in phase.references and len(phase.references) >= 2
    if formula == "Li3PO4":  # its hull neighbours have structures: its energy is taken relative to them
        assert phase.neighbours and formula not in phase.neighbours
        assert phase.e_form_eV_per_atom == pytest.approx(ref.e_form_eV_per_atom, abs=0.05)
        assert abs(phase.e_form_eV_per_atom - ref.e_form_eV_per_atom) < abs(phase.element_fit_eV_per_atom
                                                                            - ref.e_form_eV_per_atom) + 0.02
    assert any("CHGNet" in n and ("leave-one-out error" in n or "hull neighbours" in n)
               for n in th2.hull(formula).provenance.notes)


def test_structure_option_on_hull_and_window(capsys, tmp_path, entries_path, structures_path, table):
    cif = tmp_path / "li2o.cif"
    table.get("Li2O").to(filename=str(cif))
    ent = ["--entries", str(entries_path), "--structures", str(structures_path)]
    code = main(["hull", "--structure", str(cif), "--no-relax", "--json", *ent])
    obj = json.loads(capsys.readouterr().out)
    assert code == 0 and obj["formula"] == "Li2O"
    assert any(p["entry_id"].startswith("CHGNet") for p in obj["polymorphs"])
    code = main(["window", "--structure", str(cif), "--no-relax", "--json", *ent])
    w = json.loads(capsys.readouterr().out)
    assert code == 0 and w["formula"] == "Li2O"
    bad = tmp_path / "bad.cif"
    bad.write_text("not a cif\n")
    code = main(["hull", "--structure", str(bad), *ent])
    err = capsys.readouterr().err
    assert code == 2 and "cannot read structure" in err and len(err.strip().splitlines()) == 1


def test_missing_extra_is_one_clear_line(monkeypatch):
    import sys

    from ssbkit.data.potential import Potential

    monkeypatch.setitem(sys.modules, "chgnet.model", None)
    monkeypatch.setattr(Potential, "_instance", None)
    with pytest.raises(SsbkitError, match=r'pip install "ssbkit\[mlip\]"'):
        Potential.get()


def test_structure_files_work_where_a_material_is_expected(capsys, tmp_path, entries_path, structures_path, table):
    """react, anode, coatings and assess take a structure file as a material (energy from the potential)."""
    cif = tmp_path / "Li3PO4.cif"
    table.get("Li3PO4").to(filename=str(cif))
    ent = ["--entries", str(entries_path), "--structures", str(structures_path), "--no-relax", "--json"]
    code = main(["react", str(cif), "LiCoO2", *ent])
    r = json.loads(capsys.readouterr().out)
    assert code == 0 and r["reactant_a"] == "Li3PO4"
    assert any("CHGNet" in n for n in r["provenance"]["notes"])
    code = main(["anode", str(cif), *ent])
    a = json.loads(capsys.readouterr().out)
    assert code == 0 and "Li3PO4" in json.dumps(a)
    code = main(["coatings", "LiCoO2", str(cif), *ent])
    c = json.loads(capsys.readouterr().out)
    assert code == 0 and "Li3PO4" in json.dumps(c)
    code = main(["assess", f"LiCoO2 | {cif} | Li", *ent])
    s = json.loads(capsys.readouterr().out)
    assert code == 0 and s["layers"][1]["formula"] == "Li3PO4"
    assert any("CHGNet" in n for n in s["layers"][1]["window"]["notes"])


def test_evaluations_are_cached_on_disk_by_structure(monkeypatch, tmp_path, table):
    from ssbkit.data import cache
    from ssbkit.data.potential import Potential, structure_hash

    monkeypatch.setenv("SSBKIT_CACHE_DIR", str(tmp_path))
    s = table.get("Li2O")
    pot = Potential.get()
    monkeypatch.setattr(pot, "_cache", {})
    first = pot.evaluate(s, relax=False)
    files = list(tmp_path.glob("potential*"))
    assert len(files) == 1
    monkeypatch.setattr(pot, "_cache", {})
    monkeypatch.setattr(pot.model, "predict_structure", lambda *a, **k: (_ for _ in ()).throw(AssertionError("ran")))
    assert pot.evaluate(s, relax=False).energy_eV_per_atom == first.energy_eV_per_atom  # from disk, model not run
    files[0].write_bytes(files[0].read_bytes()[:-5] + b"xxxxx")  # damaged: recomputed, never trusted
    monkeypatch.setattr(pot, "_cache", {})
    with pytest.raises(AssertionError, match="ran"):
        pot.evaluate(s, relax=False)
    assert structure_hash(s) == structure_hash(s.copy()) and cache.cache_dir() == tmp_path
