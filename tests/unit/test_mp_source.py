"""The Materials Project API source, end to end through the real ``mp_api.client.MPRester``.

No network: every HTTP request the client makes is answered by ``responses``
from the recorded bodies in ``tests/fixtures/mp`` (see the README there).  The
replay honours the query the client sends (``chemsys``/``formula`` filters,
``thermo_types``, ``_fields``) and checks the API key header, so a change in
what mp-api requests shows up here as a failure, not as silently wrong data.
An unmatched request raises ``ConnectionError`` inside ``responses``; nothing
ever leaves the machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import responses  # in the project's test extras; a missing package is a failure, not a skip

from ssbkit.data.mp import DEFAULT_ENDPOINT, MPSource
from ssbkit.errors import DataSourceError

FIX = Path(__file__).resolve().parents[1] / "fixtures" / "mp"
KEY = "0123456789abcdefABCDEF0123456789"  # 32 characters, like a real key
assert len(KEY) == 32


def _load(name: str) -> dict:
    return json.loads((FIX / name).read_text(encoding="utf-8"))


THERMO = _load("thermo_Li-O_GGA_GGA+U.json")
SUMMARY = _load("summary_Li-O.json")
HEARTBEAT = _load("heartbeat.json")


def _entry(doc: dict) -> dict:
    """The entry of a thermo doc (GGA_GGA+U docs hold one, keyed by run type)."""
    return next(iter(doc["entries"].values()))


def _chemsys(doc: dict) -> str:
    return "-".join(sorted(_entry(doc)["composition"]))


def _oracle():
    """pymatgen on the recorded entries: formation energies and hull distances by entry_id."""
    from emmet.core.types.pymatgen_types.computed_entries_adapter import (
        ComputedStructureEntryType,
    )
    from pydantic import TypeAdapter
    from pymatgen.analysis.phase_diagram import PhaseDiagram

    entries = [TypeAdapter(ComputedStructureEntryType).validate_python(e)
               for d in THERMO["data"] for e in d["entries"].values()]
    pd = PhaseDiagram(entries)
    return pd, {str(e.entry_id): e for e in entries}


def _ground_state_gaps() -> dict[str, float]:
    best: dict[str, tuple] = {}
    for d in SUMMARY["data"]:
        f = _reduced(d["formula_pretty"])
        rank = (d["energy_above_hull"], int(d["material_id"].split("-")[-1]))
        if f not in best or rank < best[f][0]:
            best[f] = (rank, d["band_gap"])
    return {f: v[1] for f, v in best.items()}


def _reduced(formula: str) -> str:
    from pymatgen.core import Composition

    return Composition(formula).reduced_formula


def _reduced_doc(doc: dict) -> str:
    return _reduced("".join(f"{el}{n:g}" for el, n in _entry(doc)["composition"].items()))


class RecordedMP:
    """Replays the recorded Materials Project API on one endpoint."""

    def __init__(self, rsps: responses.RequestsMock, endpoint: str = DEFAULT_ENDPOINT, key: str = KEY,
                 thermo_status: int = 200, heartbeat_status: int = 200) -> None:
        self.endpoint = endpoint.rstrip("/")
        self.key = key
        self.thermo_status = thermo_status
        self.queries: list[dict[str, list[str]]] = []
        if heartbeat_status == 200:
            rsps.add(responses.GET, self.endpoint + "/heartbeat", json=HEARTBEAT)
        else:
            rsps.add(responses.GET, self.endpoint + "/heartbeat", status=heartbeat_status,
                     body="<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>",
                     content_type="text/html")
        rsps.add_callback(responses.GET, self.endpoint + "/materials/thermo/", callback=self._thermo)
        rsps.add_callback(responses.GET, self.endpoint + "/materials/summary/", callback=self._summary)

    def _auth(self, request) -> tuple[int, dict, str] | None:
        if request.headers.get("x-api-key") != self.key:
            return 401, {"Content-Type": "application/json"}, json.dumps({"message": "Invalid authentication credentials"})
        return None

    @staticmethod
    def _page(docs: list[dict], meta: dict) -> tuple[int, dict, str]:
        return 200, {"Content-Type": "application/json"}, json.dumps({"data": docs, "meta": {**meta, "total_doc": len(docs)}})

    def _thermo(self, request):
        if (denied := self._auth(request)) is not None:
            return denied
        if self.thermo_status != 200:
            return self.thermo_status, {"Content-Type": "application/json"}, json.dumps({"detail": "Internal Server Error"})
        q = parse_qs(urlparse(request.url).query)
        self.queries.append(q)
        assert q["thermo_types"] == ["GGA_GGA+U"]
        assert q["_fields"] == ["entries,thermo_type"]
        if "chemsys" in q:
            wanted = set(q["chemsys"][0].split(","))
            docs = [d for d in THERMO["data"] if _chemsys(d) in wanted]
        else:  # mp-api asks for a one-element system by formula (no "-" in it)
            wanted = {_reduced(f) for f in q["formula"][0].split(",")}
            docs = [d for d in THERMO["data"] if _reduced_doc(d) in wanted]
        return self._page(docs, THERMO["meta"])

    def _summary(self, request):
        if (denied := self._auth(request)) is not None:
            return denied
        q = parse_qs(urlparse(request.url).query)
        self.queries.append(q)
        assert set(q["_fields"][0].split(",")) == {"material_id", "formula_pretty", "band_gap", "energy_above_hull"}
        assert q["deprecated"] == ["False"]
        wanted = set(q["formula"][0].split(","))
        return self._page([d for d in SUMMARY["data"] if d["formula_pretty"] in wanted], SUMMARY["meta"])


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Fresh cache dir, a key, no endpoint/thermo overrides, and mp-api's heartbeat memo cleared."""
    monkeypatch.setenv("SSBKIT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("MP_API_KEY", KEY)
    for var in ("MP_API_ENDPOINT", "SSBKIT_MP_THERMO_TYPE", "SSBKIT_MP_REFRESH", "SSBKIT_ENTRIES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("SSBKIT_CONFIG", str(tmp_path / "no-config.toml"))
    from mp_api.client.core.client import _Rester

    _Rester._get_heartbeat_info.cache_clear()  # functools.cache per endpoint, process-wide
    yield
    _Rester._get_heartbeat_info.cache_clear()


@pytest.fixture
def rsps():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as r:
        yield r


def _urls(rsps) -> list[str]:
    return [urlparse(c.request.url).path for c in rsps.calls]


def _recorded_energy_per_atom() -> dict[str, float]:
    out = {}
    for d in THERMO["data"]:
        for e in d["entries"].values():
            out[e["entry_id"]] = (e["energy"] + e["correction"]) / sum(e["composition"].values())
    return out


# --------------------------------------------------------------------- fixtures
def test_fixture_entries_decode_as_mp_api_does():
    """The recorded entries validate with the adapter mp-api uses, with MP-like formation energies."""
    pd, entries = _oracle()
    ef = {i: pd.get_form_energy_per_atom(e) for i, e in entries.items()}
    assert ef["mp-1960-GGA"] == pytest.approx(-2.07, abs=0.05)   # Li2O, as on materialsproject.org
    assert ef["mp-841-GGA"] == pytest.approx(-1.65, abs=0.05)    # Li2O2
    assert any("peroxide" in a.name for a in entries["mp-841-GGA"].energy_adjustments)
    assert {d["thermo_type"] for d in THERMO["data"]} == {"GGA_GGA+U"}
    assert HEARTBEAT["db_version"] and HEARTBEAT["version"]


# ---------------------------------------------------------------------- entries
def test_entries_from_recorded_responses(rsps):
    replay = RecordedMP(rsps)
    src = MPSource.from_environment()
    assert src.endpoint == DEFAULT_ENDPOINT
    assert "unknown until the first request" in src.version_label
    assert len(rsps.calls) == 0  # configuring makes no request

    es = src.entryset_for(["O", "Li"])

    # what the real client sent: heartbeat (emmet version check + db version), then one thermo query
    assert _urls(rsps) == ["/heartbeat", "/heartbeat", "/materials/thermo/"]
    (q,) = replay.queries
    assert set(q["chemsys"][0].split(",")) == {"Li", "O", "Li-O"}
    assert rsps.calls[-1].request.headers["x-api-key"] == KEY

    want = _recorded_energy_per_atom()
    assert sorted(es.entry_ids) == sorted(want)
    for i, eid in enumerate(es.entry_ids):
        assert es.raw_energy_per_atom[i] == pytest.approx(want[eid], abs=1e-9)
    pd, entries = _oracle()
    for i, eid in enumerate(es.entry_ids):  # same compositions and formation energies as pymatgen
        assert _reduced(es.formulas[i]) == entries[eid].composition.reduced_formula
        assert es.e_form_per_atom[i] == pytest.approx(pd.get_form_energy_per_atom(entries[eid]), abs=1e-6)
    assert {_reduced(f) for f in es.formulas} >= {"Li", "O2", "Li2O", "Li2O2"}
    assert dict(zip(es.entry_ids, es.e_form_per_atom))["mp-1960-GGA"] == pytest.approx(-2.07, abs=0.05)
    assert src.db_version == HEARTBEAT["db_version"]
    assert src.version_label.startswith(f"Materials Project database {HEARTBEAT['db_version']} via mp-api ")


def test_second_call_hits_memory_then_disk_cache(rsps):
    RecordedMP(rsps)
    src = MPSource.from_environment()
    first = src.entryset_for(["Li", "O"])
    n = len(rsps.calls)
    assert src.entryset_for(["O", "Li", "O"]) is first  # memoised
    assert len(rsps.calls) == n

    fresh = MPSource.from_environment()  # a new process would start like this
    again = fresh.entryset_for(["Li", "O"])
    assert len(rsps.calls) == n  # no HTTP request at all: served from $SSBKIT_CACHE_DIR
    assert fresh._rester is None  # the client was not even built
    assert again.entry_ids == first.entry_ids
    assert list(again.raw_energy_per_atom) == list(first.raw_energy_per_atom)
    assert fresh.db_version == HEARTBEAT["db_version"]  # remembered with the cached entries


def test_refresh_and_other_system_refetch(rsps, monkeypatch):
    replay = RecordedMP(rsps)
    MPSource.from_environment().entryset_for(["Li", "O"])
    li = MPSource.from_environment().entryset_for(["Li"])  # another system: its own query and cache file
    assert replay.queries[-1]["formula"] == ["Li"]  # mp-api queries a unary system by formula
    assert sorted(li.entry_ids) == sorted(i for i, e in _oracle()[1].items() if e.composition.reduced_formula == "Li")
    assert len(li.entry_ids) >= 2  # polymorphs of Li
    monkeypatch.setenv("SSBKIT_MP_REFRESH", "1")
    n = len(replay.queries)
    MPSource.from_environment().entryset_for(["Li", "O"])
    assert len(replay.queries) == n + 1


def test_endpoint_override_on_loopback(rsps, monkeypatch):
    monkeypatch.setenv("MP_API_ENDPOINT", "http://127.0.0.1:8765/")
    RecordedMP(rsps, endpoint="http://127.0.0.1:8765")
    src = MPSource.from_environment()
    assert src.endpoint == "http://127.0.0.1:8765"
    assert len(src.entryset_for(["Li", "O"])) == len(_recorded_energy_per_atom())
    assert all(c.request.url.startswith("http://127.0.0.1:8765/") for c in rsps.calls)


# ----------------------------------------------------------------------- errors
def test_missing_key_is_a_one_line_error(monkeypatch):
    monkeypatch.delenv("MP_API_KEY")
    with pytest.raises(DataSourceError) as ei:
        MPSource.from_environment()
    msg = str(ei.value)
    assert "MP_API_KEY" in msg and "data file" in msg and ei.value.param == "entries" and "\n" not in msg
    assert ei.value.exit_code == 2


def test_malformed_key_and_thermo_type(monkeypatch):
    monkeypatch.setenv("MP_API_KEY", "too-short")
    with pytest.raises(DataSourceError, match="32"):
        MPSource.from_environment()
    monkeypatch.setenv("MP_API_KEY", KEY)
    monkeypatch.setenv("SSBKIT_MP_THERMO_TYPE", "PBE")
    with pytest.raises(DataSourceError, match="thermo type"):
        MPSource.from_environment()


def test_http_401_is_a_one_line_error(rsps, monkeypatch, tmp_path):
    RecordedMP(rsps, key="f" * 32)  # the server knows another key
    with pytest.raises(DataSourceError) as ei:
        MPSource.from_environment().entryset_for(["Li", "O"])
    msg = str(ei.value)
    assert "\n" not in msg
    assert "(401 unauthorized)" in msg and "check MP_API_KEY" in msg
    assert not list((tmp_path / "cache").glob("mp-entries-*"))  # nothing cached on failure


@pytest.mark.parametrize("status,reason", [(500, "500 server error"), (429, "429 rate limited")])
def test_http_500_and_429_are_one_line_errors(rsps, status, reason):
    RecordedMP(rsps, thermo_status=status)  # 429 is retried by mp-api's urllib3 Retry first
    with pytest.raises(DataSourceError) as ei:
        MPSource.from_environment().entryset_for(["Li", "O"])
    msg = str(ei.value)
    assert "\n" not in msg and f"({reason})" in msg and "Li-O" in msg


def test_heartbeat_outage_is_a_one_line_error(rsps):
    RecordedMP(rsps, heartbeat_status=503)
    with pytest.raises(DataSourceError) as ei:
        MPSource.from_environment().entryset_for(["Li", "O"])
    msg = str(ei.value)
    assert "\n" not in msg and DEFAULT_ENDPOINT in msg


def test_unreachable_endpoint_is_a_one_line_error(rsps, monkeypatch):
    monkeypatch.setenv("MP_API_ENDPOINT", "http://127.0.0.1:9")  # nothing registered: responses refuses
    with pytest.raises(DataSourceError) as ei:
        MPSource.from_environment().entryset_for(["Li", "O"])
    msg = str(ei.value)
    assert "\n" not in msg and "cannot reach" in msg and "127.0.0.1:9" in msg


def test_bad_element_and_too_many_elements():
    from ssbkit.errors import FormulaError

    src = MPSource.from_environment()
    with pytest.raises(FormulaError):
        src.entryset_for(["Li", "Xx"])
    with pytest.raises(DataSourceError, match="at most 9"):
        src.entryset_for(["Li", "O", "P", "S", "Cl", "Ge", "La", "Zr", "Ta", "Nb"])


# -------------------------------------------------------------------- band gaps
def test_band_gaps_from_summary_and_cached(rsps):
    replay = RecordedMP(rsps)
    src = MPSource.from_environment()
    gaps = src.band_gaps(["Li2O", "Li2O2", "O", "Li", "Li3O4"])
    want = _ground_state_gaps()  # band gap of the polymorph lowest above the hull
    assert gaps == {f: want[f] for f in ("Li2O", "Li2O2", "O2", "Li")}  # Li3O4: not in MP -> absent
    assert gaps["Li2O"] == pytest.approx(5.0, abs=0.5)
    (q,) = replay.queries
    assert set(q["formula"][0].split(",")) == {"Li2O", "Li2O2", "O2", "Li", "Li3O4"}
    n = len(rsps.calls)
    assert src.band_gaps(["Li2O"]) == {"Li2O": want["Li2O"]}
    assert MPSource.from_environment().band_gaps(["Li2O2", "Li3O4"]) == {"Li2O2": want["Li2O2"]}
    assert len(rsps.calls) == n  # memory, then disk cache (absence cached too)


# ---------------------------------------------------------- through open_source
def test_open_source_mp_and_thermo_hull(rsps, monkeypatch):
    monkeypatch.setenv("MP_API_ENDPOINT", "http://127.0.0.1:8765")
    RecordedMP(rsps, endpoint="http://127.0.0.1:8765")
    from ssbkit.data.source import open_source
    from ssbkit.thermo import Thermo

    src = open_source("mp")
    assert src.kind == "mp" and src.location == "http://127.0.0.1:8765"
    assert "mp-api" in src.version
    assert len(rsps.calls) == 0

    th = Thermo(src)
    pd, entries = _oracle()
    h = th.hull("Li2O")
    assert h.in_data
    assert h.e_above_hull_eV_per_atom == pytest.approx(0.0, abs=1e-6)
    assert h.e_form_eV_per_atom == pytest.approx(pd.get_form_energy_per_atom(entries["mp-1960-GGA"]), abs=1e-6)
    assert h.provenance.data_kind == "mp"
    lio2 = entries["mp-1018789-GGA"]  # metastable superoxide: hull distance and decomposition as pymatgen
    h2 = th.hull("LiO2")
    assert h2.e_above_hull_eV_per_atom == pytest.approx(pd.get_e_above_hull(lio2), abs=1e-6)
    assert {p.formula for p in h2.decomposition} == {
        e.composition.reduced_formula for e in pd.get_decomposition(lio2.composition)}
    assert [urlparse(c.request.url).path for c in rsps.calls].count("/materials/thermo/") == 1


def test_importing_ssbkit_data_does_not_import_mp_api():
    code = "import ssbkit.data.source, ssbkit.data.mp, sys; print('mp_api' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src"), "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip() == "False"


def test_cli_hull_with_entries_mp(rsps, monkeypatch, capsys):
    RecordedMP(rsps)
    from ssbkit.cli import main

    assert main(["hull", "LiO2", "--entries", "mp"]) == 0
    out = capsys.readouterr().out
    assert "LiO2" in out and "Li2O2" in out and "mp-1018789-GGA" in out
    monkeypatch.delenv("MP_API_KEY")
    assert main(["hull", "LiO2", "--entries", "mp"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("ssbkit: error:") and "MP_API_KEY" in err and "\n" not in err


class EchoingMP(RecordedMP):
    """A server that echoes the API key in its error bodies (422), as some proxies and APIs do."""

    def _thermo(self, request):
        key = request.headers.get("x-api-key")
        return 422, {"Content-Type": "application/json"}, json.dumps(
            {"message": f"invalid query for key {key} (x-api-key={key})", "detail": f"key {key} rejected"})

    def _summary(self, request):
        return self._thermo(request)


def test_api_key_never_reaches_any_output(rsps, tmp_path, capsys):
    """Over a run against an endpoint that echoes the key: no key on stdout, stderr, in a report or a cache file."""
    from ssbkit.cli import main

    EchoingMP(rsps)
    report = tmp_path / "r.html"
    codes = [main(["window", "LLZO", "--entries", "mp"]),
             main(["window", "Li2O", "--entries", "mp", "--json"]),
             main(["assess", "LCO | LLZO | Li", "--entries", "mp", "--html", str(report)])]
    out, err = capsys.readouterr()
    assert codes[0] == 2 and "422" in err
    assert KEY not in out and KEY not in err and "[redacted]" in err
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert all(KEY.encode() not in p.read_bytes() for p in written), written
    from ssbkit.redact import redact

    assert redact(f"x {KEY} y") == "x [redacted] y"


def test_entries_recorrected_with_a_scheme_from_recorded_responses(rsps):
    """--corrections none serves the uncorrected energies; mp2020 reproduces what the API served."""
    RecordedMP(rsps)
    raw = {}
    for d in THERMO["data"]:
        for e in d["entries"].values():
            raw[e["entry_id"]] = e["energy"] / sum(e["composition"].values())
    got = {}
    for scheme in ("none", "mp2020"):
        src = MPSource.from_environment()
        src.corrections = scheme
        es = src.entryset_for(["O", "Li"])
        got[scheme] = dict(zip(es.entry_ids, es.raw_energy_per_atom))
    served = _recorded_energy_per_atom()
    for eid, e in raw.items():
        assert got["none"][eid] == pytest.approx(e, abs=1e-9)
        assert got["mp2020"][eid] == pytest.approx(served[eid], abs=2e-3)  # the served MP2020 energies
    assert got["none"]["mp-1960-GGA"] > got["mp2020"]["mp-1960-GGA"]  # the oxide correction is negative
