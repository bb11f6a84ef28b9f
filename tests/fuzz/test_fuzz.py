"""The fuzz corpus (tests/fuzz/corpus.tsv, written by tools/make_fuzz_corpus.py): at least 500 bad or odd
inputs across every command and the web API.  Each must be refused cleanly: exit code 2 and exactly one
``ssbkit: error:`` line (CLI), or a 4xx answer with a one-line JSON error (web); never a traceback, a hang
(30 s alarm) or an accepted input."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import harness  # noqa: E402

CASES = harness.load()
CLI = [(c, t) for c, k, t in CASES if k == "cli"]
WEB = [(c, t) for c, k, t in CASES if k == "web"]


def test_corpus_size():
    assert len(CASES) >= 500 and len(WEB) >= 50
    assert len({c for c, _, _ in CASES}) == len(CASES)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return harness.make_files(tmp_path_factory.mktemp("fuzz"))


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    d = tmp_path_factory.mktemp("fuzz-cwd")
    old = os.getcwd()
    os.chdir(d)
    yield d
    os.chdir(old)


@pytest.mark.integration
@pytest.mark.parametrize("case,text", CLI, ids=[c for c, _ in CLI])
def test_cli_refuses(case, text, files, workdir, entries_path):
    out = harness.run_cli(case, text, files)
    assert out.problem is None, f"{text!r}: {out.problem}\nstdout: {out.stdout[:300]}\nstderr: {out.stderr[:500]}"
    assert not list(workdir.iterdir()), "a refused command wrote a file"


@pytest.fixture(scope="module")
def server(entries_path, bandgaps_path):
    from ssbkit.web.server import App, ServerThread

    with ServerThread(App(str(entries_path), str(bandgaps_path))) as url:
        yield url


@pytest.mark.integration
@pytest.mark.parametrize("case,text", WEB, ids=[c for c, _ in WEB])
def test_web_refuses(case, text, files, server):
    out = harness.run_web(case, text, server, files)
    assert out.problem is None, f"{text!r}: {out.problem}"
