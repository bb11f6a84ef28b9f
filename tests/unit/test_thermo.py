"""Unit tests of the thermodynamic engine on a hand-made Li-O system (no shared data)."""

from __future__ import annotations

import gzip
import json

import pytest

from ssbkit.data.readers import read_entries_file
from ssbkit.data.source import open_source
from ssbkit.errors import DataSourceError, FormulaError
from ssbkit.thermo import Thermo


@pytest.fixture
def toy(toy_csv):
    return Thermo(open_source(str(toy_csv)))


def test_reader_and_formation_energies(toy_csv):
    es = read_entries_file(toy_csv)
    assert len(es) == 7
    assert es.entry_ids[3] == "toy-Li2O"
    # elemental references are the lowest elemental entries: Li (0), not Li2 (0.05)
    assert es.e_form_per_atom[es.entry_ids.index("toy-Li-hi")] == pytest.approx(0.05)
    assert set(es.chemsys_keys) == {"Li", "O", "Li-O"}


def test_hull_stable_and_polymorphs(toy):
    r = toy.hull("Li2O")
    assert r.stable and r.e_above_hull_eV_per_atom == pytest.approx(0.0, abs=1e-9)
    assert [p.entry_id for p in r.polymorphs] == ["toy-Li2O", "toy-Li2O-poly"]
    assert r.polymorphs[1].e_above_hull_eV_per_atom == pytest.approx(0.1)
    # LiO3 (-0.2 eV/atom) lies above Li2O2 + O2: 1/4 * ... decomposition
    r2 = toy.hull("LiO3")
    assert not r2.stable
    assert {d.formula for d in r2.decomposition} == {"Li2O2", "O2"}
    # hull energy of LiO3 = 1/2 * E(Li2O2 per atom * 4 atoms)/4 ... = (2 atoms Li2O2-half at -1.6)/4
    assert r2.hull_energy_eV_per_atom == pytest.approx(-1.6 * 2 / 4)
    assert r2.e_above_hull_eV_per_atom == pytest.approx(-0.2 + 0.8)


def test_window_li2o2_by_hand(toy):
    # f(n) along O2 + n Li: 0 (O2), -6.4 (Li2O2, n=2), -12.0 (2 Li2O, n=4): slopes -3.2, -2.8, 0
    w = toy.window("Li2O2")
    assert w.reduction_limit_V == pytest.approx(2.8)
    assert w.oxidation_limit_V == pytest.approx(3.2)
    assert w.reduction_products == ("Li2O",)
    assert w.oxidation_products == ("O2",)
    assert [round(s.voltage_V, 6) for s in w.profile] == [3.2, 2.8, 0.0]
    assert [round(s.li_per_formula_unit, 6) for s in w.profile] == [-2.0, 0.0, 2.0]


def test_window_li2o_stable_against_li(toy):
    w = toy.window("Li2O")
    assert w.reduction_limit_V == 0.0
    assert w.reduction_products == ()
    assert w.oxidation_limit_V == pytest.approx(2.8)
    assert w.oxidation_products == ("Li2O2",)
    assert w.stable


def test_window_without_li_has_no_oxidation_limit(toy):
    w = toy.window("O2")
    assert w.oxidation_limit_V is None
    assert w.reduction_limit_V == pytest.approx(3.2)


def test_decompose_open_li(toy):
    r = toy.decompose("Li2O2", voltage=1.0)  # below 2.8 V: Li2O2 + 2 Li -> 2 Li2O
    assert r.li_exchanged_per_formula_unit == pytest.approx(2.0)
    assert [p.formula for p in r.products] == ["Li2O"]
    # grand potential change per atom of Li2O2: (-12 - (-6.4) - (-1)*... )/4
    # phi(products) = -12 + 1*4 (mu=-1, 4 Li) ; phi(Li2O2) = -6.4 + 1*2
    assert r.reaction_energy_eV_per_atom == pytest.approx(((-12.0 + 4.0) - (-6.4 + 2.0)) / 4)
    r3 = toy.decompose("Li2O2", voltage=3.0)  # inside the window
    assert r3.reaction_energy_eV_per_atom == 0.0
    assert r3.li_exchanged_per_formula_unit == pytest.approx(0.0, abs=1e-9)


def test_unknown_element_and_missing_data(toy):
    with pytest.raises(FormulaError, match="unknown element"):
        toy.window("Xq2O")
    with pytest.raises(FormulaError, match="no entries containing P"):
        toy.window("Li3PO4")


def test_corrupt_and_bad_files(tmp_path):
    bad = tmp_path / "bad.csv.gz"
    bad.write_bytes(b"not gzip at all")
    with pytest.raises(DataSourceError, match="not a readable CSV"):
        read_entries_file(bad)
    cols = tmp_path / "cols.csv"
    cols.write_text("a,b\n1,2\n")
    with pytest.raises(DataSourceError, match="formula column"):
        read_entries_file(cols)
    row = tmp_path / "row.csv"
    row.write_text("formula,target\nLi2O,-2\nLi2O,abc\n")
    with pytest.raises(DataSourceError, match="line 3"):
        read_entries_file(row)
    with pytest.raises(DataSourceError, match="does not exist"):
        open_source(str(tmp_path / "missing.csv"))
    with pytest.raises(DataSourceError, match="unknown entries file type"):
        p = tmp_path / "x.txt"
        p.write_text("x")
        read_entries_file(p)


def test_json_entries(tmp_path):
    from monty.serialization import dumpfn
    from pymatgen.entries.computed_entries import ComputedEntry

    # total energies (not formation energies): references are subtracted
    entries = [ComputedEntry("Li", -1.9, entry_id="j-Li"), ComputedEntry("O2", -9.86, entry_id="j-O2"),
               ComputedEntry("Li2O", 3 * (-2.0) + 2 * -1.9 + -4.93, entry_id="j-Li2O")]
    p = tmp_path / "entries.json"
    dumpfn(entries, p)
    th = Thermo(open_source(str(p)))
    r = th.hull("Li2O")
    assert r.e_form_eV_per_atom == pytest.approx(-2.0)
    assert r.polymorphs[0].entry_id == "j-Li2O"
    gz = tmp_path / "entries.json.gz"
    with gzip.open(gz, "wt") as fh:
        json.dump([e.as_dict() for e in entries], fh)
    assert Thermo(open_source(str(gz))).hull("Li2O").stable


def test_cache_is_invalidated_by_content(tmp_path, monkeypatch, toy_csv):
    from ssbkit.data import cache, source

    monkeypatch.setenv("SSBKIT_CACHE_DIR", str(tmp_path / "cache"))
    source._open_cached.cache_clear()
    s1 = open_source(str(toy_csv))
    assert any((tmp_path / "cache").iterdir())
    text = toy_csv.read_text().replace("Li2O,-2.0", "Li2O,-2.5")
    toy_csv.write_text(text)
    source._open_cached.cache_clear()
    s2 = open_source(str(toy_csv))
    assert s1.version != s2.version
    assert Thermo(s2).hull("Li2O").e_form_eV_per_atom == pytest.approx(-2.5)
    assert len(list((tmp_path / "cache").iterdir())) == 2
    assert cache.load("entries", "0" * 64) is None


def test_the_entries_cache_keeps_the_index_and_reads_strings_lazily(tmp_path, monkeypatch, toy_csv):
    """A configured file's entries come back from the cache with their chemical-system index as written (no
    re-sort), their formation energies as computed, and their formulas and IDs decoded only when read: the same
    answers; a string array whose count does not match is discarded."""
    import numpy as np

    from ssbkit.data import cache, source
    from ssbkit.data.entryset import EntrySet

    monkeypatch.setenv("SSBKIT_CACHE_DIR", str(tmp_path / "cache"))
    source._open_cached.cache_clear()
    first = open_source(str(toy_csv))
    key = cache.key_of(cache.file_sha256(toy_csv), toy_csv.name)
    hit = cache.load("entries", key, lazy=("formulas", "entry_ids"))
    assert "chem_keys" in hit.arrays and "chemsys" not in hit.arrays and "e_form_per_atom" in hit.arrays
    assert isinstance(hit.arrays["formulas"], cache.PackedStrings) and hit.arrays["formulas"]._items is None
    again = EntrySet.from_arrays(hit.arrays)
    assert list(again.formulas) == list(first._entries.formulas)
    assert list(again.entry_ids) == list(first._entries.entry_ids)
    assert np.array_equal(again.indices_exact("Li-O"), first._entries.indices_exact("Li-O"))
    assert np.array_equal(again.e_form_per_atom, first._entries.e_form_per_atom)
    source._open_cached.cache_clear()
    assert Thermo(open_source(str(toy_csv))).window("Li2O2").to_dict() == Thermo(first).window("Li2O2").to_dict()
    # a string array whose count does not match its text is refused (load() then discards the file)
    buf = bytearray(160)
    buf[0:10] = b"Li2O\x00Li2O2"
    buf[64:72] = np.array([3], dtype=np.int64).tobytes()
    table = {"formulas": ["|u1", [10], 0, 10], "formulas.__n": ["<i8", [1], 64, 8]}
    for lazy in ((), ("formulas",)):
        with pytest.raises(ValueError, match="has 2 items, header says 3"):
            cache._views(bytes(buf), table, ["formulas"], lazy)


def test_provenance(toy):
    w = toy.window("Li2O2")
    p = w.provenance
    assert p.data_source.endswith("toy.csv")
    assert p.data_version.startswith("sha256:")
    assert p.ssbkit_version and "Li2O" in p.phases_used


def test_host_modelled_nasicons_show_the_doped_window_beside(thermo):
    """LATP and LAGP are computed as their ordered hosts; the doped compositions' windows (as the mixtures of
    their hull phases) are shown beside: about 4.2 V, as the reviews report (Zheng et al. 2021 Table 1)."""
    import re

    for name, lo, hi in (("LATP", 4.1, 4.3), ("LAGP", 4.1, 4.3)):
        w = thermo.window(name)
        note = next(n for n in w.notes if n.startswith("the doped composition"))
        ox = float(re.search(r"-(\d+\.\d+) V$", note).group(1))
        assert lo <= ox <= hi and w.oxidation_limit_V > ox


def test_doped_garnet_names_mean_the_doped_compositions(thermo):
    from ssbkit.materials import resolve

    for name, formula in (("Al-LLZO", "Li6.25Al0.25La3Zr2O12"), ("Ga-LLZO", "Li6.25Ga0.25La3Zr2O12"),
                          ("Ta-LLZO", "Li6.4La3Zr1.4Ta0.6O12"), ("Nb-LLZO", "Li6.5La3Zr1.5Nb0.5O12")):
        m = resolve(name)
        assert m.formula == formula and m.model_formula == "Li7La3Zr2O12"
        assert any(n.startswith(f"the doped composition {formula}") for n in thermo.window(name).notes)


@pytest.mark.parametrize("formula", ["Li7La3Zr2O12", "Li10GeP2S12", "Li3PS4", "LiCoO2", "Li3YCl6", "Li6PS5Cl"])
def test_parametric_walk_equals_the_programme_scan(thermo, formula):
    """The window's Li-uptake line walked by pivots (walk_line) has the kinks, values and phases of the
    programme-solved scan (scan_line) it replaced."""
    import numpy as np

    from ssbkit.materials import parse_formula
    from ssbkit.thermo.line import scan_line, walk_line
    from ssbkit.thermo.lp import PhaseLP

    comp = {e.symbol: float(a) for e, a in parse_formula(formula).items()}
    system = thermo.system(sorted(set(comp) | {"Li"}))
    p0 = system.vector({k: v for k, v in comp.items() if k != "Li"})
    d = system.vector({"Li": 1.0})
    t1 = 8.0 * p0.sum()
    lp = PhaseLP(system.matrix, system.energies, polish=False)
    walked = walk_line(system.matrix, system.energies, p0, d, 0.0, t1, lp.solve(p0))
    scanned = scan_line(PhaseLP(system.matrix, system.energies, polish=False).solve, p0, d, 0.0, t1)
    assert walked is not None and len(walked) == len(scanned) >= 3
    for a, b in zip(walked, scanned):
        assert a.t == pytest.approx(b.t, abs=1e-7) and a.value == pytest.approx(b.value, abs=1e-7)
        assert set(np.flatnonzero(a.result.amounts > 1e-9)) == set(np.flatnonzero(b.result.amounts > 1e-9))


def test_convex_hulls_are_cached_on_disk_and_a_bad_cache_is_rebuilt(monkeypatch, tmp_path, capsys):
    """A later session reads the stable phases an earlier one found (same answers); a cache file that does not
    fit the data, or is damaged, is rebuilt with a one-line warning; data edited for one question is not cached."""
    import numpy as np

    from ssbkit.data.cache import path_for, store
    from ssbkit.data.source import open_source
    from ssbkit.thermo import Thermo

    monkeypatch.setenv("SSBKIT_CACHE_DIR", str(tmp_path))
    src = open_source()
    first = Thermo(src)
    w1 = first.window("Li7La3Zr2O12")
    eng = first.engine_for(["Li"])
    assert eng.cache_key is not None
    eng.save()
    path = path_for("hulls", eng.cache_key)
    assert path.exists()
    later = Thermo(src)
    e2 = later.engine_for(["Li"])
    assert e2._stable_exact and set(e2._stable_exact) == set(eng._stable_exact)
    assert np.array_equal(e2.stable_exact("La-Li-O-Zr"), eng.stable_exact("La-Li-O-Zr"))
    assert e2.lp_solves == 0 and later.window("Li7La3Zr2O12").to_dict() == w1.to_dict()
    # a file for other data (wrong entry count) is not trusted
    store("hulls", eng.cache_key, {"keys": ["Li"], "ptr": np.array([0, 1]), "idx": np.array([10 ** 9])},
          {"entries": 3})
    third = Thermo(src).engine_for(["Li"])
    assert not third._stable_exact and "do not fit the data" in capsys.readouterr().err
    # a flipped byte: the checksum fails, the file is discarded
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    path.write_bytes(bytes(raw))
    assert not Thermo(src).engine_for(["Li"])._stable_exact
    # data edited for one question: no cache
    assert Thermo(src).uncorrected(["S"]).engine_for(["Li", "S"]).cache_key is None


def test_the_walks_facets_are_kept_on_disk_checked_on_reading_and_change_no_result(monkeypatch, tmp_path, capsys):
    """A later session starts its Li-line walks in the facets an earlier one saved (thermo.facet_cache): no
    programme solve for a window asked before, the same JSON to the last digit; rows that are not facets of
    the hull (a phase below their hyperplane, a phase not stable, a repeated phase) are dropped on reading,
    the answers unchanged, and the file rewritten at exit."""
    import json

    import numpy as np

    from ssbkit.data.cache import path_for
    from ssbkit.data.source import open_source
    from ssbkit.thermo import Thermo, facet_cache

    monkeypatch.setenv("SSBKIT_CACHE_DIR", str(tmp_path))
    src = open_source()
    names = ["Li7La3Zr2O12", "Li3PS4", "LiNbO3", "Li6PS5Cl"]

    def windows(th):
        return [json.dumps(th.window(n).to_dict(), sort_keys=True, default=str) for n in names]

    first = Thermo(src)
    w1 = windows(first)
    eng = first.engine_for(["Li"])
    eng.save()
    path = path_for(facet_cache.KIND, eng.cache_key)
    saved = facet_cache.load(eng.cache_key)
    sysm = first.system(["La", "Li", "O", "Zr"])
    assert len(saved["La-Li-O-Zr"]) == len(sysm.walk_bases) > 0
    later = Thermo(src)
    le = later.engine_for(["Li"])
    assert windows(later) == w1
    assert le.lp_solves == 0 and len(later.system(["La", "Li", "O", "Zr"]).walk_bases) == len(sysm.walk_bases)
    # not facets: a non-stable entry, a repeated phase, a basis with phases below its hyperplane
    good = saved["La-Li-O-Zr"]
    unstable = next(i for i in range(len(src._entries)) if i not in set(sysm.stable.tolist()))
    bad = np.array([[unstable, *good[0][1:]], [good[0][0]] * good.shape[1]])
    cols = np.argsort(sysm.energies)[::-1][:good.shape[1]]  # the highest-energy stable phases
    bad = np.vstack([bad, sysm.stable[cols][None, :]])
    facet_cache.store(eng.cache_key, {**saved, "La-Li-O-Zr": np.vstack([good, bad])})
    third = Thermo(src)
    assert windows(third) == w1
    e3 = third.engine_for(["Li"])
    assert e3.facets_written == -1 and len(third.system(["La", "Li", "O", "Zr"]).walk_bases) == len(good)
    e3.save()
    assert len(facet_cache.load(eng.cache_key)["La-Li-O-Zr"]) == len(good)
    # a damaged file: discarded with a warning, the answers unchanged
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    path.write_bytes(bytes(raw))
    assert windows(Thermo(src)) == w1 and "damaged" in capsys.readouterr().err


def test_the_vertex_test_gives_the_programmes_stable_phases(monkeypatch):
    """Which candidates of a chemical system are stable, by the dual simplex carried from candidate to
    candidate (thermo.vertex), equals the hull programme's answer asked for every candidate: on 400 chemical
    systems of the default data (with all their subsystems) and on a made-up system with phases exactly on
    the hull of others (ties, which the programme decides)."""
    import random

    import numpy as np

    import ssbkit.thermo.vertex as vertex
    from ssbkit.data.entryset import EntrySet
    from ssbkit.data.source import open_source
    from ssbkit.thermo.hull import HullEngine

    def stable_sets(es, keys, programme_only):
        if programme_only:
            monkeypatch.setattr(vertex.VertexTest, "decide", lambda self, *a, **k: None)
        eng = HullEngine(es)
        out = {k: sorted(eng.stable_exact(k).tolist()) for k in keys}
        monkeypatch.undo()
        return out, eng.lp_solves

    es = open_source()._entries
    rng = random.Random(7)
    keys = rng.sample(sorted(k for k in es._index if k.count("-") >= 2), 400)
    fast, solves = stable_sets(es, keys, False)
    slow, reference_solves = stable_sets(es, keys, True)
    assert fast == slow and sum(map(len, fast.values())) > 100
    assert solves < reference_solves / 4  # the programme is asked far less often
    # ties: CuZn2 on the segment from CuZn to CuZn3 (the programme decides: not stable); Cu3Zn above the hull
    on_hull = -1.0 + (2 / 3 - 0.5) / 0.25 * 0.4
    rows = [("Cu", 0.0), ("Zn", 0.0), ("Sn", 0.0), ("Cu1Zn1", -1.0), ("Cu1Zn3", -0.6), ("Cu1Zn2", on_hull),
            ("Cu3Zn1", -0.4), ("Cu1Zn1Sn1", -0.9), ("Cu2Zn2Sn2", -0.9)]
    toy = EntrySet.from_records([f for f, _ in rows], [v for _, v in rows], [f for f, _ in rows],
                                zero_references=True)
    names = lambda idx: sorted(toy.formulas[i] for i in idx)  # noqa: E731
    fast, _ = stable_sets(toy, ["Cu-Zn", "Cu-Sn-Zn"], False)
    slow, _ = stable_sets(toy, ["Cu-Zn", "Cu-Sn-Zn"], True)
    assert fast == slow
    assert names(fast["Cu-Zn"]) == ["Cu1Zn1", "Cu1Zn3"] and names(fast["Cu-Sn-Zn"]) == ["Cu1Zn1Sn1"]
