"""Print the parameter store (src/ssbkit/data_files/parameters.yaml) as the markdown table of docs/asr.md.

    python tools/params_table.py            (paste over the table in docs/asr.md; tests/unit/test_parameters.py
                                             checks that every parameter is listed there)
"""

from __future__ import annotations

from ssbkit.parameters import Parameters


def table() -> str:
    rows = ["| Name | Value | Unit | Range | Basis | Source / note |", "|---|---|---|---|---|---|"]
    for name, p in sorted(Parameters.load().table.items()):
        rng = f"{p.range[0]:g}-{p.range[1]:g}" if p.range else "-"
        note = "; ".join(x for x in (p.source, p.note) if x).replace("|", "\\|").replace("\n", " ")
        rows.append(f"| `{name}` | {p.value:g} | {p.unit} | {rng} | {p.basis} | {note} |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(table())
