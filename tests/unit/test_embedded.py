"""The embedded default data equals the published files it was built from, where it overlaps.

The package ships every row of the formation-energy table, every band gap and every volume, and the
structures of the 2018 hull's stable phases (plus named materials): each is compared with the shared
Materials Project files, and the windows and interface reactions of the reviews' materials come out the
same on both sources.
"""

from __future__ import annotations

import json
import lzma
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from ssbkit.data import embedded

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def file_thermo(entries_path):
    from ssbkit.data.source import open_source
    from ssbkit.thermo import Thermo

    return Thermo(open_source(str(entries_path)))


@pytest.fixture(scope="module")
def embedded_thermo():
    from ssbkit.data.source import embedded_source
    from ssbkit.thermo import Thermo

    return Thermo(embedded_source())


def test_size_licence_and_manifest():
    files = [p for p in embedded.EMBEDDED_DIR.iterdir() if p.is_file()]
    total = sum(p.stat().st_size for p in files)
    assert total <= 10 * 1024 * 1024, f"embedded data is {total / 1e6:.2f} MB: at most 10 MB"
    lic = (embedded.EMBEDDED_DIR / "LICENSE-DATA.md").read_text()
    assert "CC BY 4.0" in lic and "Jain" in lic and "Dunn" in lic and "Saal" in lic and "Kirklin" in lic
    m = embedded.manifest()
    assert m["entries"]["rows"] == 132752 and m["structures"]["structures"] >= 17000


def test_entries_equal_the_published_table(entries_path):
    from ssbkit.data.cache import file_sha256
    from ssbkit.data.readers import read_entries_file

    assert embedded.manifest()["inputs"]["entries"]["sha256"] == file_sha256(Path(entries_path))
    ref = read_entries_file(Path(entries_path))
    emb = embedded.entryset()
    assert emb.formulas == ref.formulas and emb.entry_ids == ref.entry_ids and emb.elements == ref.elements
    assert np.array_equal(emb.raw_energy_per_atom, ref.raw_energy_per_atom)  # bit for bit
    assert np.array_equal(emb.e_form_per_atom, ref.e_form_per_atom)
    assert np.array_equal(emb.comp_ptr, ref.comp_ptr) and np.array_equal(emb.comp_el, ref.comp_el)
    assert np.array_equal(emb.comp_amt, ref.comp_amt)
    # the precomputed chemical-system index is the one the table gives
    assert emb._chemsys == ref._chemsys and emb.chemsys_keys == ref.chemsys_keys
    for key in ("La-Li-O-Zr", "Li", "Co-Li-O", "Ge-Li-P-S"):
        assert np.array_equal(np.sort(emb.indices_exact(key)), np.sort(ref.indices_exact(key)))


def test_band_gaps_equal_the_published_table(bandgaps_path):
    from ssbkit.data.bandgaps import _read

    ref = _read(Path(bandgaps_path))
    from ssbkit.data.bandgaps import embedded_table

    emb = embedded_table()
    assert len(emb) == len(ref)
    for f in ("Li2S", "LiCl", "Co3O4", "Li3PO4", "LiNbO3", "Li7La3Zr2O12"):
        assert emb.get(f).values_eV == tuple(ref[f])
    assert all(tuple(v) == emb.get(k).values_eV for k, v in ref.items())


def test_volumes_equal_the_published_table(volumes_path):
    from ssbkit.data.volumes import read_volumes

    ref = read_volumes(str(volumes_path))
    from ssbkit.data.volumes import embedded_table

    emb = embedded_table()
    assert emb.volumes == ref.volumes
    assert emb.element_volumes == pytest.approx(ref.element_volumes, rel=1e-12)
    assert emb.estimator_mae == pytest.approx(ref.estimator_mae, rel=1e-12)


def test_structures_are_the_published_cifs(structures_path, file_thermo):
    """Each embedded structure is the shared file's CIF for that formula; the stable phases of the reviews'
    chemical systems that have a structure in the file are all there."""
    from ssbkit.data.structures import read_structures
    from ssbkit.thermo.hull import reduced_formula

    ref = read_structures(str(structures_path))
    from ssbkit.data.structures import embedded_table

    emb = embedded_table()
    assert emb.formulas() <= ref.formulas()
    for f in emb.formulas():
        assert emb._cif[f][1] == ref._cif[f][1]
    for els in (["Li", "La", "Zr", "O"], ["Li", "P", "S", "Cl"], ["Li", "Co", "O"], ["Li", "Ge", "P", "S"],
                ["Li", "Nb", "O"], ["Li", "Ti", "O"]):
        sysm = file_thermo.system(els)
        stable = {reduced_formula(sysm.entries.formulas[int(i)]) for i in sysm.stable}
        assert stable & ref.formulas() <= emb.formulas(), els
    named = {"Li7La3Zr2O12", "Li6PS5Cl", "Li10GeP2S12", "Li7P3S11", "Li3OCl"} & ref.formulas()
    assert len(named) >= 3 and named <= emb.formulas()  # named metastable hosts, where the file has them


def test_windows_and_reactions_of_the_reviews_materials_are_the_same(file_thermo, embedded_thermo):
    from seed_materials import interface_pairs, window_materials

    from ssbkit.interfaces.reactions import react

    mats = window_materials()
    assert len(mats) >= 40
    for m in mats:
        a, b = file_thermo.window(m), embedded_thermo.window(m)
        assert (a.reduction_limit_V, a.oxidation_limit_V) == (b.reduction_limit_V, b.oxidation_limit_V), m
        assert a.reduction_products == b.reduction_products and a.oxidation_products == b.oxidation_products
        assert file_thermo.hull(m).e_above_hull_eV_per_atom == embedded_thermo.hull(m).e_above_hull_eV_per_atom
    for e, c in interface_pairs()[:12]:
        for v in (None, 3.0):
            ra, rb = react(file_thermo, e, c, v), react(embedded_thermo, e, c, v)
            assert ra.reaction_energy_eV_per_atom == rb.reaction_energy_eV_per_atom, (e, c, v)
            assert str(ra.reaction) == str(rb.reaction)


def test_a_configured_source_takes_precedence(toy_csv, monkeypatch, tmp_path):
    from ssbkit.data.source import open_source

    monkeypatch.setenv("SSBKIT_CONFIG", str(tmp_path / "none.toml"))
    monkeypatch.delenv("SSBKIT_ENTRIES", raising=False)
    monkeypatch.delenv("MP_API_KEY", raising=False)
    assert open_source().kind == "embedded"
    monkeypatch.setenv("SSBKIT_ENTRIES", str(toy_csv))
    assert open_source().kind == "file" and open_source().location == str(toy_csv.resolve())
    monkeypatch.delenv("SSBKIT_ENTRIES")
    (tmp_path / "c.toml").write_text(f'entries = "{toy_csv}"\n')
    monkeypatch.setenv("SSBKIT_CONFIG", str(tmp_path / "c.toml"))
    assert open_source().kind == "file"


def test_fresh_process_with_an_empty_home_computes(tmp_path):
    """No SSBKIT_* variables, an empty home and cache: a real window, its source named."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SSBKIT_") and k != "MP_API_KEY"}
    env.update(HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path / ".cache"))
    r = subprocess.run([sys.executable, "-m", "ssbkit", "window", "LLZO", "--json"], capture_output=True,
                       text=True, env=env, timeout=300, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["reduction_limit_V"] == pytest.approx(0.0489, abs=1e-3)
    assert "embedded default" in d["provenance"]["data_source"]


def test_a_damaged_embedded_file_is_one_line(monkeypatch, tmp_path):
    from ssbkit.errors import DataSourceError

    bad = tmp_path / "embedded"
    bad.mkdir()
    (bad / "entries.npz").write_bytes(b"PK\x03\x04 not a zip")
    monkeypatch.setattr(embedded, "EMBEDDED_DIR", bad)
    embedded.entryset.cache_clear()
    try:
        with pytest.raises(DataSourceError, match="reinstall ssbkit"):
            embedded.entryset()
    finally:
        embedded.entryset.cache_clear()


def test_the_structures_file_is_xz_json_lines():
    with lzma.open(embedded.EMBEDDED_DIR / "structures.jsonl.xz", "rt") as fh:
        rec = json.loads(fh.readline())
    assert {"formula", "cif", "material_id"} <= set(rec)


def test_a_structure_command_without_the_mlip_extra_is_one_line(tmp_path):
    """A lean install (no CHGNet): hull --structure says which extra to install, exit 2, nothing else."""
    code = ("import sys; sys.modules['chgnet'] = None; sys.modules['chgnet.model'] = None\n"
            "from ssbkit.cli import main\n"
            f"sys.exit(main(['hull', '--structure', {str(Path(__file__).parents[2] / 'docs/examples/my_phase.cif')!r}]))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and 'pip install "ssbkit[mlip]"' in r.stderr and "Traceback" not in r.stderr


def test_the_solver_banner_never_reaches_stdout(tmp_path):
    """The first HiGHS instance of a process is built with fd 1 silenced (highspy 1.16 prints a banner there)."""
    code = "from ssbkit.thermo.lp import new_highs; import highspy; new_highs(); print('ok')"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.stdout == "ok\n", r.stdout


def test_a_formula_keeps_its_lowest_energy_structure(tmp_path):
    """Where the file gives several structures of a formula, the one of lowest formation energy is kept (the
    shared file's first Si line is a polymorph 0.49 eV/atom above diamond; its first LiFePO4 is Cmcm)."""
    from ssbkit.data.structures import embedded_table, read_structures

    t = embedded_table()
    assert t._cif["Si"][0] == "mp-149" and t.get("Si").get_space_group_info()[0] == "Fd-3m"
    assert t.get("LiFePO4").get_space_group_info()[0] == "Pnma"  # olivine
    cif = t._cif["Si"][1]
    p = tmp_path / "s.jsonl"
    p.write_text("\n".join(json.dumps({"material_id": mid, "formula": "Si2", "cif": cif,
                                       "e_form_eV_per_atom_mp_legacy": e})
                           for mid, e in (("hi", 0.49), ("lo", 0.0), ("mid", 0.2))) + "\n")
    assert read_structures(str(p))._cif["Si"][0] == "lo"


def test_formulas_are_read_when_first_looked_at_and_phases_name_the_same():
    """The embedded formulas are decoded on first use (a window does not need them: its phases are named from
    the composition arrays, the same reduced formulas as from the source's text); a wrong count is one error."""
    from ssbkit.data.entryset import PackedStrings
    from ssbkit.errors import DataSourceError
    from ssbkit.thermo.hull import reduced_formula

    embedded.entryset.cache_clear()
    try:
        es = embedded.entryset()
        assert isinstance(es.formulas, PackedStrings) and es.formulas._items is None
        rng = np.random.default_rng(7)
        for i in rng.choice(len(es), 400, replace=False).tolist():
            assert reduced_formula(es.cell_formula(i)) == reduced_formula(es.formulas[i])
    finally:
        embedded.entryset.cache_clear()
    bad = PackedStrings(lambda: np.frombuffer(b"LiCoO2\0Li2O", dtype=np.uint8), 3, "test formulas")
    assert len(bad) == 3
    with pytest.raises(DataSourceError, match="hold 2 entries, not 3"):
        bad[0]
    good = PackedStrings(lambda: np.frombuffer(b"LiCoO2\0Li2O", dtype=np.uint8), 2)
    assert list(good) == ["LiCoO2", "Li2O"] and good == ["LiCoO2", "Li2O"] and good[-1] == "Li2O"


def test_dropping_entries_keeps_the_index_and_the_laziness():
    """``EntrySet.without`` (the suspect phases left out) builds its chemical-system index from the parent's
    (:meth:`ChemIndex.subset`), equal to one built from the kept entries' keys, and reads formulas and IDs
    through the parent when looked at; the embedded band gaps are read per formula, the same values."""
    import numpy as np

    from ssbkit.data import embedded
    from ssbkit.data.entryset import ChemIndex, Taken

    es = embedded.entryset()
    keep = np.random.default_rng(1).random(len(es)) > 0.02
    idx = np.flatnonzero(keep)
    per = es._chemsys
    built = ChemIndex.of([per[i] for i in idx])
    sub = es._index.subset(keep)
    assert sub.keys.tolist() == built.keys.tolist() and sub.order.tolist() == built.order.tolist()
    assert sub.bounds.tolist() == built.bounds.tolist()
    less = es.without(np.flatnonzero(~keep))
    assert isinstance(less.formulas, Taken) and len(less) == len(idx)
    for j in (0, 17, len(idx) - 1):
        assert less.formulas[j] == es.formulas[idx[j]] and less.entry_ids[j] == es.entry_ids[idx[j]]
    gaps, _ = embedded.bandgaps()
    z = np.load(embedded._path("bandgaps.npz"))
    names = embedded._strings(z["formulas"])
    k = names.index("Li2O")
    assert gaps["Li2O"] == [float(v) for v in z["values"][z["ptr"][k]:z["ptr"][k + 1]]] and len(gaps) == len(names)
