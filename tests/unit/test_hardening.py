"""Hardening: property-based tests of formulas, units, ranges and readers; the cache under random byte
flips; file modes under the umask; reproducible plots; the web server's guards and a loopback load test."""

from __future__ import annotations

import concurrent.futures
import http.client
import json
import math
import os
import random
import socket
import statistics
import time
import urllib.error
import urllib.request

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssbkit import validate
from ssbkit.errors import FormulaError, SsbkitError
from ssbkit.materials import parse_formula
from ssbkit.units import parse_quantity

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SYMBOLS = ["Li", "O", "P", "S", "Cl", "La", "Zr", "Co", "Ni", "Mn", "Ge", "Ti", "Al", "N", "F", "C", "B", "Nb"]


# ------------------------------------------------------------------------------------------ formulas
@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(SYMBOLS), st.integers(1, 500)), min_size=1, max_size=6, unique_by=lambda t: t[0]))
def test_formula_round_trip(parts):
    text = "".join(f"{el}{n}" for el, n in parts)
    comp = parse_formula(text)
    assert {str(el): amt for el, amt in comp.items()} == {el: float(n) for el, n in parts}


@SETTINGS
@given(st.text(max_size=40))
def test_any_text_parses_or_fails_cleanly(text):
    """Whatever is typed: a composition with positive finite amounts, or a one-line FormulaError."""
    try:
        comp = parse_formula(text)
    except FormulaError as exc:
        assert "\n" not in str(exc) and str(exc)
        return
    assert comp.num_atoms > 0 and all(math.isfinite(a) and a > 0 for a in comp.values())


@SETTINGS
@given(st.sampled_from(SYMBOLS), st.one_of(st.just("0"), st.just("0.0"), st.just("0/3"), st.just("1/0"),
                                           st.from_regex(r"[1-9]e[0-9]{1,3}", fullmatch=True),
                                           st.from_regex(r"-[1-9]", fullmatch=True),
                                           st.integers(10_001, 10**30).map(str)))
def test_bad_amounts_are_refused_with_the_input_echoed(el, amount):
    text = f"{el}{amount}O2"
    with pytest.raises(FormulaError) as ei:
        parse_formula(text)
    assert text in str(ei.value) or repr(text) in str(ei.value)


# ------------------------------------------------------------------------------------- units, ranges
@SETTINGS
@given(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(["MPa", "C", "mA/cm2", "S/cm", "um", "h"]))
def test_quantities_finite_and_bounded_or_refused(x, unit):
    kind = {"MPa": "pressure", "C": "temperature", "mA/cm2": "current_density", "S/cm": "conductivity",
            "um": "length", "h": "time"}[unit]
    try:
        v = parse_quantity(f"{x!r}{unit}", kind)
    except SsbkitError as exc:
        assert "\n" not in str(exc)
        return
    assert math.isfinite(v)


@SETTINGS
@given(st.floats(allow_nan=True, allow_infinity=True))
def test_voltage_range(x):
    try:
        v = validate.voltage(x)
    except SsbkitError as exc:
        assert not (math.isfinite(x) and 0 <= x <= validate.MAX_VOLTAGE_V), exc
        return
    assert v == x and 0 <= v <= validate.MAX_VOLTAGE_V


@SETTINGS
@given(st.floats(-1, 12, allow_nan=False), st.floats(-1, 12, allow_nan=False), st.floats(1e-6, 12))
def test_grids_bounded(a, b, step):
    try:
        g = validate.grid(a, b, step)
    except SsbkitError:
        return
    assert 1 <= len(g) <= validate.MAX_SCAN_POINTS and g[0] == round(a, 10) and g[-1] <= b + 1e-9
    assert all(0 <= v <= validate.MAX_VOLTAGE_V for v in g)


# ------------------------------------------------------------------------------------------- readers
ROW = st.tuples(st.sampled_from(["Li2O", "Li0O", "Xx2O", "LiO2", "Li1e400O", "", "Li-1O", "O", "Li"]),
                st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(repr), st.sampled_from(["", "abc"])))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(ROW, max_size=6), st.booleans())
def test_csv_reader_accepts_only_valid_rows(tmp_path, rows, bom):
    """A table is read only when every row is valid; otherwise one line names the first bad row's line."""
    from ssbkit.data.readers import FORMATION_RANGE_EV, read_csv

    p = tmp_path / "t.csv"
    text = "formula,formation_energy_per_atom\nLi,0\nO2,0\n" + "".join(f"{f},{e}\n" for f, e in rows)
    p.write_bytes(("\ufeff" if bom else "").encode() + text.encode())

    def valid(f, e):
        try:
            x = float(e)
        except ValueError:
            return False
        ok_f = f in ("Li2O", "LiO2", "O", "Li")
        ok_e = math.isfinite(x) and FORMATION_RANGE_EV[0] <= x <= FORMATION_RANGE_EV[1]
        return ok_f and ok_e and not (f in ("O", "Li") and x < -1e-6)

    blank = [i for i, (f, e) in enumerate(rows) if not f.strip() and not e.strip()]  # an empty row is skipped
    bad = [i for i, (f, e) in enumerate(rows) if i not in blank and not valid(f, e)]
    if bad:
        with pytest.raises(SsbkitError) as ei:
            read_csv(p)
        assert f"line {bad[0] + 4} " in str(ei.value) and "\n" not in str(ei.value)
    else:
        es = read_csv(p)
        assert len(es) == 2 + len(rows) - len(blank) and np.all(np.isfinite(es.raw_energy_per_atom))


def test_entries_json_imports_no_module(tmp_path, capsys):
    """A JSON naming another module is refused as data, never imported."""
    import sys

    from ssbkit.data.readers import read_json

    p = tmp_path / "e.json"
    p.write_text(json.dumps([{"@module": "ssbkit_evil_module_xyz", "@class": "ComputedEntry",
                              "composition": {"Li": 1}, "energy": -1.9, "correction": 0}]))
    with pytest.raises(SsbkitError, match="is not a pymatgen ComputedEntry"):
        read_json(p)
    assert "ssbkit_evil_module_xyz" not in sys.modules


# --------------------------------------------------------------------------------------------- cache
@pytest.mark.integration
def test_cache_byte_flips_never_change_a_number(tmp_path, monkeypatch, entries_path, capsys):
    """100 random single-byte flips in the cache file: the answer is unchanged (the damaged file is
    discarded and rebuilt, with a warning) - never a traceback, never another number."""
    import gzip

    from ssbkit.data import source as src_mod
    from ssbkit.data.cache import path_for
    from ssbkit.thermo import Thermo

    monkeypatch.setenv("SSBKIT_CACHE_DIR", str(tmp_path / "cache"))
    small = tmp_path / "lco.csv"  # the Li-Co-O entries of the shared data: a small file, a quick rebuild
    with gzip.open(entries_path, "rt") as fh:
        head, *rows = fh.read().splitlines()
    keep = [r for r in rows if set(parse_formula(r.split(",")[0]).as_dict()) <= {"Li", "Co", "O"}]
    small.write_text("\n".join([head, *keep]) + "\n")

    def answer():
        src_mod._open_cached.cache_clear()
        th = Thermo(src_mod.open_source(str(small)))
        w = th.window("LiCoO2")
        return (w.reduction_limit_V, w.oxidation_limit_V, w.e_above_hull_eV_per_atom,
                th.hull("LiCoO2").e_above_hull_eV_per_atom)

    base = answer()
    files = list((tmp_path / "cache").glob("entries-*"))
    assert len(files) == 1
    pristine = files[0].read_bytes()
    rng = random.Random(20261122)
    rebuilt = 0
    for _ in range(100):
        blob = bytearray(pristine)
        i = rng.randrange(len(blob))
        blob[i] ^= 1 << rng.randrange(8)
        files[0].write_bytes(bytes(blob))
        assert answer() == base
        err = capsys.readouterr().err
        rebuilt += "discarded and rebuilt" in err
        assert files[0].read_bytes() == pristine  # rebuilt to the same bytes
    assert rebuilt == 100  # every flip was detected (the checksum covers every byte)
    assert path_for("entries", "x").suffix == ".ssbc"
    assert not list((tmp_path / "cache").glob("*.pkl"))


def test_cache_holds_no_pickle_and_orphans_go(tmp_path, monkeypatch):
    from ssbkit.data import cache

    monkeypatch.setenv("SSBKIT_CACHE_DIR", str(tmp_path))
    cache.store("t", "k", {"a": np.arange(3.0), "names": ["x", "y"]}, {"m": 1})
    blob = cache.path_for("t", "k").read_bytes()
    assert b"pickle" not in blob and blob.startswith(cache.MAGIC)
    hit = cache.load("t", "k")
    assert hit.arrays["names"] == ["x", "y"] and list(hit.arrays["a"]) == [0.0, 1.0, 2.0] and hit.meta == {"m": 1}
    orphan = tmp_path / ".tmp-old"
    orphan.write_text("x")
    os.utime(orphan, (time.time() - 7200, time.time() - 7200))
    older = tmp_path / "entries-v3-0123456789abcdef.ssbc"  # a cache file of an earlier format: never read again
    older.write_bytes(b"SSBKITC3\n")
    cache.store("t", "k2", {"a": np.zeros(1)})
    assert not orphan.exists() and not older.exists() and cache.path_for("t", "k").exists()
    cache.path_for("t", "k").write_bytes(b"\x80\x04junk")  # a pickle-looking foreign file
    assert cache.load("t", "k") is None and not cache.path_for("t", "k").exists()


# --------------------------------------------------------------------------------- files and plots
def test_files_follow_the_umask(tmp_path):
    from ssbkit.io import atomic_write

    target = tmp_path / "r.json"
    target.write_text("old")
    target.chmod(0o644)
    old = os.umask(0o022)
    try:
        atomic_write(target, "new")
        assert target.stat().st_mode & 0o777 == 0o644
        os.umask(0o077)
        atomic_write(target, "newer")
        assert target.stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)


def test_plots_are_reproducible():
    from ssbkit.views import plots

    def svg():
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots()
        ax.plot([0, 1], [1, 0])
        try:
            return plots.render(fig, "svg"), plots.render(fig, "pdf")
        finally:
            plt.close(fig)

    a, b = svg(), svg()
    assert a == b and b"Date" not in a[0] and b"CreationDate" not in a[1]


# ----------------------------------------------------------------------------------------------- web
@pytest.fixture(scope="module")
def web(entries_path, bandgaps_path):
    from ssbkit.web.server import App, Limits, ServerThread

    app = App(str(entries_path), str(bandgaps_path), Limits(header_timeout_s=1.0, keep_alive_s=1.0))
    with ServerThread(app) as url:
        yield url


def _get(url, headers=None, method="GET"):
    req = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


@pytest.mark.integration
def test_foreign_host_and_methods_refused(web):
    status, body = _get(web + "/api/window?formulas=LLZO", headers={"Host": "evil.example:8765"})
    assert status == 400 and "is not served" in json.loads(body)["error"]
    assert _get(web + "/api/window?formulas=LLZO", headers={"Host": "localhost"})[0] == 200
    status, body = _get(web + "/api/window?formulas=LLZO", method="POST")
    assert status == 405 and json.loads(body)["error"].startswith("method POST")
    status, body = _get(web + "/api/window?formulas=LiNi1%2F0O2")
    assert status == 400 and "divides by zero" in json.loads(body)["error"]


@pytest.mark.integration
def test_slow_connections_do_not_block_and_are_closed(web):
    host, port = web.split("//")[1].split(":")
    slow = []
    for _ in range(100):
        s = socket.create_connection((host, int(port)), timeout=10)
        s.sendall(b"GET /api/window?formulas=LLZO HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # no blank line: head unfinished
        slow.append(s)
    try:
        t0 = time.perf_counter()
        status, body = _get(web + "/api/window?formulas=LLZO")
        took = time.perf_counter() - t0
        assert status == 200 and json.loads(body)[0]["reduction_limit_V"] == pytest.approx(0.049, abs=1e-3)
        print(f"\nnormal request with 100 slow connections open: {took * 1000:.0f} ms")
        time.sleep(2.5)  # past the 1 s head deadline: the server has closed them
        closed = 0
        for s in slow:
            s.settimeout(2)
            try:
                closed += s.recv(1) == b""
            except (ConnectionResetError, TimeoutError, socket.timeout):
                closed += 0
        assert closed == 100
    finally:
        for s in slow:
            s.close()


@pytest.mark.integration
def test_loopback_load(web):
    """500 requests, 16 at a time, all answered correctly (latency printed, not asserted)."""
    formulas = ["LLZO", "Li3PS4", "LGPS", "Li6PS5Cl", "LiPON", "LATP", "Li3InCl6", "LiNbO3"]
    expected = {f: json.loads(_get(web + f"/api/window?formulas={f}")[1])[0]["reduction_limit_V"] for f in formulas}
    host, port = web.split("//")[1].split(":")

    def one(i):
        f = formulas[i % len(formulas)]
        t0 = time.perf_counter()
        conn = http.client.HTTPConnection(host, int(port), timeout=60)
        conn.request("GET", f"/api/window?formulas={f}")
        r = conn.getresponse()
        raw = r.read()
        conn.close()
        ok = r.status == 200 and json.loads(raw)[0]["reduction_limit_V"] == expected[f]
        if not ok:
            print(f, r.status, raw[:300])
        return ok, time.perf_counter() - t0

    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        results = list(pool.map(one, range(500)))
    wrong = [i for i, (ok, _) in enumerate(results) if not ok]
    assert not wrong, [(i, formulas[i % len(formulas)]) for i in wrong[:10]]
    lat = sorted(t for _, t in results)
    p50, p95 = statistics.median(lat), lat[int(0.95 * len(lat)) - 1]
    print(f"\n500 requests at 16 concurrent: p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms")


