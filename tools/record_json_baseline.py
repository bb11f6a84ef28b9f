"""Record the --json of the 31 command variants of tests/cli/test_json_models.py on the embedded data
(provenance removed), as the baseline a restructuring must keep: tests/data/json_baseline.json.gz.

    python tools/record_json_baseline.py
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "cli"))


def strip(obj):
    """The JSON without provenance (versions, data sources and timings may change without a change of result)."""
    if isinstance(obj, dict):
        return {k: strip(v) for k, v in obj.items() if k != "provenance"}
    if isinstance(obj, list):
        return [strip(v) for v in obj]
    return obj


def run(argv: list[str]) -> object:
    from ssbkit.cli import main

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        code = main([*argv, "--json"])
    assert code == 0, argv
    return strip(json.loads(buf.getvalue()))


def main() -> None:
    for var in ("SSBKIT_ENTRIES", "SSBKIT_BANDGAPS", "SSBKIT_VOLUMES", "SSBKIT_STRUCTURES"):
        os.environ.pop(var, None)
    from test_json_models import _cases

    out = {" ".join(argv): run(argv) for argv, _ in _cases()}
    path = REPO / "tests" / "data" / "json_baseline.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump(out, fh, sort_keys=True)
    print(f"{len(out)} outputs -> {path} ({path.stat().st_size / 1e3:.0f} kB)")


if __name__ == "__main__":
    main()
