"""The examples in docs/examples run as written (on the embedded default data)."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "docs" / "examples").glob("*.py"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_runs(path, monkeypatch, capsys):
    for var in ("SSBKIT_ENTRIES", "SSBKIT_VOLUMES", "SSBKIT_BANDGAPS", "SSBKIT_STRUCTURES"):
        monkeypatch.delenv(var, raising=False)
    runpy.run_path(str(path), run_name="__main__")
    out = capsys.readouterr().out
    assert "Li3PS4: 1.72-2.36 V (in the data)" in out and "products change at" in out
    assert "600 C in air:" in out and "above the hull" in out


def test_there_is_an_example():
    assert EXAMPLES
