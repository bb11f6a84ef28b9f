"""A real Dask cluster: a scheduler and two workers started as separate processes, the way a user starts them
(``dask scheduler``, ``dask worker``); a pair screen and a whole-database coating screen on it equal serial, and
no process is left behind.  Whole-database screens: the funnel, bad input."""

from __future__ import annotations

import gzip
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time

import pytest

from ssbkit.cli import main
from ssbkit.interfaces.funnel_result import FunnelSettings
from ssbkit.screening.funnel import whole_database_screen
from ssbkit.screening.pairs import execute, plan

pytestmark = pytest.mark.integration

#: the elements of the small data file the whole-database screens run on here (the full run is in docs/scaling.md)
ELEMENTS = {"Li", "Ni", "Co", "Mn", "O", "P", "S", "F", "Al", "Nb", "Ti", "B", "Si", "Zr", "La"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def cluster():
    """``tcp://127.0.0.1:PORT`` of a scheduler with two single-threaded workers, each its own process."""
    from dask.distributed import Client

    port = _free_port()
    addr = f"tcp://127.0.0.1:{port}"
    dask = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
    procs = [subprocess.Popen([*dask, "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)]
    worker = [sys.executable, "-m", "distributed.cli.dask_worker", addr, "--nthreads", "1", "--no-dashboard",
              "--no-nanny"]
    procs += [subprocess.Popen(worker, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
              for _ in range(2)]
    try:
        deadline = time.time() + 60
        while True:
            try:
                with Client(addr, timeout=5) as c:
                    c.wait_for_workers(2, timeout=max(1, deadline - time.time()))
                    assert len(c.scheduler_info()["workers"]) == 2
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.5)
        yield addr, procs
    finally:
        try:  # the way a user stops a cluster: the scheduler and its workers shut down together
            with Client(addr, timeout=5) as c:
                c.shutdown()
        except OSError:
            pass
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait(timeout=10)
        assert all(p.poll() is not None for p in procs)


@pytest.fixture(scope="module")
def small_entries(entries_path, tmp_path_factory):
    """The shared table restricted to :data:`ELEMENTS` (a whole-database screen in seconds)."""
    out = tmp_path_factory.mktemp("funnel") / "entries.csv"
    with gzip.open(entries_path, "rt") as fh:
        lines = fh.read().splitlines()
    keep = [ln for ln in lines[1:] if set(re.findall(r"[A-Z][a-z]?", ln.split(",")[0])) <= ELEMENTS]
    out.write_text("\n".join([lines[0], *keep]) + "\n")
    return out


def test_pair_screen_on_a_cluster_equals_serial(cluster, entries_path):
    addr, procs = cluster
    tasks = plan(["Li3PS4", "LLZO"], ["LiCoO2", "LiFePO4"], [0.0, 2.0, 4.0], str(entries_path))
    serial = execute(tasks)
    remote = execute(tasks, dask=addr)
    assert [(r["scan"], r["closed"]) for r in serial] == [(r["scan"], r["closed"]) for r in remote]
    assert all(p.poll() is None for p in procs)  # the user's cluster keeps running after the screen


def test_whole_database_coatings_on_a_cluster_equal_serial(cluster, small_entries, bandgaps_path):
    addr, _ = cluster
    s = FunnelSettings("coatings", ("NMC811", "Li3PS4"), 4.3, entries=str(small_entries),
                       bandgaps=str(bandgaps_path))
    serial = whole_database_screen(s)
    remote = whole_database_screen(s, dask=addr)
    assert serial.rows and [r.to_dict() for r in serial.rows] == [r.to_dict() for r in remote.rows]
    assert serial.funnel == remote.funnel
    counts = [st.passed for st in serial.funnel.steps]
    assert [st.step for st in serial.funnel.steps] == ["compositions", "lithium", "hull", "insulating", "potential",
                                                       "reactions"]
    assert counts == sorted(counts, reverse=True) and counts[-1] == len(serial.rows)
    # every survivor passed every step: insulating, its window covers 4.3 V, no reaction beyond 0.1 eV/atom
    for r in serial.rows:
        assert r.electronic.conductor is False and r.covers_potential
        assert min(r.reaction_with.values()) >= -0.1 - 1e-9 and "Li" in r.formula
    assert [r.rank for r in serial.rows] == list(range(1, len(serial.rows) + 1))
    # LiNbO3 is oxidised below 4.3 V in these data: it leaves at the potential step, as the funnel says
    assert serial.funnel.fate["LiNbO3"].startswith("left at 'potential'")
    # a looser hull tolerance and Li-free compounds admit more
    wide = whole_database_screen(FunnelSettings("coatings", ("NMC811", "Li3PS4"), 4.3, hull_tolerance_eV_per_atom=0.02,
                                                li_free=True, entries=str(small_entries), bandgaps=str(bandgaps_path)))
    assert wide.funnel.steps[1].step == "hull" and wide.funnel.steps[1].passed > counts[2]


def test_whole_database_interlayers_and_json(small_entries, bandgaps_path, capsys):
    code = main(["interlayers", "LLZO", "--candidates", "all", "--entries", str(small_entries),
                 "--bandgaps", str(bandgaps_path), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["kind"] == "interlayers" and out["rows"]
    assert [s["step"] for s in out["funnel"]["steps"]] == ["compositions", "lithium", "hull", "potential", "reactions"]
    assert out["funnel"]["steps"][-1]["passed"] == len(out["rows"])
    assert "LiF" in out["funnel"]["fate"]


@pytest.mark.parametrize("argv,message", [
    (["--candidates", "all", "--dask", "tcp://127.0.0.1:9"], "cannot reach the Dask scheduler"),
    (["--candidates", "all", "--dask", "bogus"], "use local, local:N"),
    (["--candidates", "all", "--entries", "mp"], "MP_API_KEY"),
    (["--hull-tolerance", "0.05"], "for --candidates all only"),
    (["--candidates", "all", "--hull-tolerance", "-1"], "hull"),
])
def test_whole_database_bad_input(argv, message, capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("MP_API_KEY", raising=False)
    monkeypatch.chdir(tmp_path)
    t0 = time.time()
    code = main(["coatings", "NMC811", "Li3PS4", *argv, "--json"])
    cap = capsys.readouterr()
    assert code == 2 and cap.out == "" and message in cap.err and len(cap.err.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []
    assert time.time() - t0 < 25  # refused before the work (an unreachable scheduler: after the connect timeout)
