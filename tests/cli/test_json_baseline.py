"""Restructuring keeps behaviour: the --json of the command variants of test_json_models.py, on the embedded
data and without provenance, differs from the recorded baseline (tools/record_json_baseline.py) only by added
keys.  A deliberate change of a result re-records the baseline in the same commit, and says why."""

from __future__ import annotations

import gzip
import sys
import json
import math
from pathlib import Path

import pytest

from test_json_models import _cases

BASELINE = Path(__file__).resolve().parents[1] / "data" / "json_baseline.json.gz"


sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from record_json_baseline import strip as _strip  # noqa: E402 - the tool that recorded the baseline


def _diff(old, new, path="$"):
    """Where ``new`` departs from ``old`` other than by added keys (floats to 1e-9 relative, or one unit of the
    ninth decimal the outputs are rounded to: two algorithms for the same exact value may round either way)."""
    if isinstance(old, dict):
        if not isinstance(new, dict):
            return [f"{path}: was an object"]
        return [d for k, v in old.items() for d in (_diff(v, new[k], f"{path}.{k}") if k in new
                                                     else [f"{path}.{k}: removed"])]
    if isinstance(old, list):
        if not isinstance(new, list) or len(new) != len(old):
            return [f"{path}: list length {len(old)} -> {len(new) if isinstance(new, list) else type(new).__name__}"]
        return [d for i, (a, b) in enumerate(zip(old, new)) for d in _diff(a, b, f"{path}[{i}]")]
    if isinstance(old, float) and isinstance(new, (int, float)):
        return [] if math.isclose(old, new, rel_tol=1e-9, abs_tol=1.5e-9) else [f"{path}: {old!r} -> {new!r}"]
    return [] if old == new else [f"{path}: {old!r} -> {new!r}"]


@pytest.fixture(scope="module")
def baseline():
    with gzip.open(BASELINE, "rt", encoding="utf-8") as fh:
        return json.load(fh)


def test_the_baseline_covers_the_variants(baseline):
    assert len(baseline) >= 31 and set(baseline) == {" ".join(a) for a, _ in _cases()}


@pytest.mark.parametrize("argv", [a for a, _ in _cases()], ids=lambda a: " ".join(a)[:50])
def test_json_differs_from_the_baseline_only_by_added_keys(capsys, monkeypatch, baseline, argv):
    from ssbkit.cli import main

    for var in ("SSBKIT_ENTRIES", "SSBKIT_BANDGAPS", "SSBKIT_VOLUMES", "SSBKIT_STRUCTURES"):
        monkeypatch.delenv(var, raising=False)
    code = main([*argv, "--json"])
    out = capsys.readouterr().out
    assert code == 0
    diffs = _diff(baseline[" ".join(argv)], _strip(json.loads(out)))
    assert not diffs, diffs[:10]
