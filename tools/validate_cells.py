"""Grade every cell the reviews report (tests/data/reported_cells.yaml) and print the confusion matrix.

    python tools/validate_cells.py [--markdown]      (the embedded data, or SSBKIT_ENTRIES / SSBKIT_BANDGAPS)

An outcome agrees with a grade when: works -> stable, passivated or resistive; poor -> resistive
or degrading; fails -> degrading or incompatible.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from ssbkit.stack.verdicts import WORST_LAST

CELLS = Path(__file__).resolve().parent.parent / "tests" / "data" / "reported_cells.yaml"

GRADES = tuple(v for v in WORST_LAST if v != "unknown") + ("unknown",)
OUTCOMES = ("works", "poor", "fails")
AGREE = {"works": {"stable", "passivated", "resistive"}, "poor": {"resistive", "degrading"},
         "fails": {"degrading", "incompatible"}}


def cells() -> list[dict]:
    return yaml.safe_load(CELLS.read_text("utf-8"))["cells"]


def run(thermo, gaps) -> list[dict]:
    """Each cell with its verdict, the worst interface and whether they agree."""
    from ssbkit.literature.bibliography import cite
    from ssbkit.stack.assess import assess
    from ssbkit.stack.conditions import Conditions
    from ssbkit.stack.verdicts import ORDER

    out = []
    for c in cells():
        a = assess(c["stack"], Conditions.parse(), thermo, gaps)
        worst = max(a.interfaces, key=lambda x: ORDER[x.verdict])
        out.append({**c, "verdict": a.verdict, "agree": a.verdict in AGREE[c["outcome"]],
                    "worst": f"{worst.interface}: {worst.verdict} - {worst.reasons[0]}",
                    "citation": cite(c["review"], c["refs"], c["where"])})
    return out


def matrix(rows: list[dict]) -> dict[str, dict[str, int]]:
    m = {o: dict.fromkeys(GRADES, 0) for o in OUTCOMES}
    for r in rows:
        m[r["outcome"]][r["verdict"]] += 1
    return m


def markdown(rows: list[dict]) -> str:
    m = matrix(rows)
    lines = ["| reported \\ graded | " + " | ".join(GRADES) + " |", "|---" * (len(GRADES) + 1) + "|"]
    lines += [f"| {o} | " + " | ".join(str(m[o][g]) for g in GRADES) + " |" for o in OUTCOMES]
    n = sum(r["agree"] for r in rows)
    lines += ["", f"Agreement: {n} of {len(rows)} cells.", "", "| cell | reported | graded | worst interface | source |",
              "|---|---|---|---|---|"]
    lines += [f"| `{r['stack']}` | {r['outcome']} | {r['verdict']}{'' if r['agree'] else ' ✗'} | "
              f"{r['worst'][:160]} | {r['citation']} |" for r in rows]
    return "\n".join(lines)


if __name__ == "__main__":
    from ssbkit.data.bandgaps import open_bandgaps
    from ssbkit.data.source import open_source  # noqa: F401  (configured through SSBKIT_ENTRIES)
    from ssbkit.cli.options import thermo_for

    rows = run(thermo_for(None), open_bandgaps(None))
    if "--markdown" in sys.argv:
        print(markdown(rows))
    else:
        for r in rows:
            print(f"{'ok ' if r['agree'] else 'XX '} {r['outcome']:6s} {r['verdict']:12s} {r['stack']}")
            if not r["agree"]:
                print("      ", r["worst"][:200])
        print(f"agreement {sum(r['agree'] for r in rows)}/{len(rows)}")
