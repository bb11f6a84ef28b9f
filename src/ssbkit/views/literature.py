"""Text of the reviews' records and references (``ssbkit lit``, ``ssbkit conductivity``, ``ssbkit cite``): readable
columns per table, citations, corrections, CSV; the commands print what these return."""

from __future__ import annotations

from typing import Any

#: readable columns per table: (header, record field or dict key)
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "electrolytes": [("#", "row"), ("family", "family"), ("material", "material"), ("sigma_RT [S/cm]", "conductivity_S_per_cm"),
                     ("Ea [eV]", "activation_energy_eV"), ("Ea printed", "activation_energy_printed"), ("source", "citation")],
    "cathode-reactions": [("#", "row"), ("electrolyte", "electrolyte"), ("cathode", "electrode"), ("products", "products_printed"),
                          ("method", "method"), ("source", "citation")],
    "anode-reactions": [("#", "row"), ("electrolyte", "electrolyte"), ("anode", "electrode"), ("products", "products_printed"),
                        ("method", "method"), ("source", "citation")],
    "reactions": [("table", "table"), ("#", "row"), ("electrolyte", "electrolyte"), ("electrode", "electrode"),
                  ("products", "products_printed"), ("method", "method"), ("source", "citation")],
    "coatings": [("#", "row"), ("cathode", "electrode"), ("electrolyte", "electrolyte"), ("coating", "layer"), ("method", "method"), ("source", "citation")],
    "interlayers": [("#", "row"), ("anode", "electrode"), ("electrolyte", "electrolyte"), ("interlayer", "layer"), ("method", "method"), ("source", "citation")],
    "garnet-li": [("#", "row"), ("composition", "composition_printed"), ("garnet surface", "garnet_surface"),
                  ("Li/LLZO interface", "li_interface_process"), ("ASR [ohm cm2]", "asr_printed"),
                  ("j [mA/cm2]", "current_density_printed"), ("Li [mAh/cm2]", "li_deposited_printed"), ("source", "citation")],
    "garnet-cells": [("#", "row"), ("cathode", "cathode_composition_printed"), ("T", "temperature_printed"), ("current", "current_printed"),
                     ("V range", "voltage_range_printed"), ("capacity [mAh/g]", "capacity_printed"), ("cycles", "cycles_printed"),
                     ("source", "citation")],
    "numbers": [("id", "id"), ("section", "section"), ("topic", "topic"), ("quantity", "quantity"), ("materials", "materials"),
                ("value", "_value"), ("source", "citation")],
}

def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.4g}"
    if isinstance(v, (list, tuple)):
        return ", ".join(_cell(x) for x in v)
    return str(v)


def _number_value(d: dict[str, Any]) -> str:
    q = f"{d['qualifier']} " if d.get("qualifier") else ""
    rng = f"–{_cell(d['value_max'])}" if d.get("value_max") is not None else ""
    return f"{q}{_cell(d['value'])}{rng} ({d['key']}); printed {d['value_printed']} {d['unit_printed']}"


def records_table(table: str, dicts: list[dict[str, Any]], title: str) -> None:
    """Print records (``to_dict()`` of literature records) as a rich table with their sources."""
    from rich.console import Console
    from rich.table import Table

    cols = list(COLUMNS[table])
    if any("match" in d for d in dicts):
        cols.append(("match", "match"))
    cols.append(("corr.", "_corr"))
    t = Table(title=title, show_lines=False, expand=False)
    for head, _ in cols:
        t.add_column(head, overflow="fold")
    for d in dicts:
        row = []
        for _, key in cols:
            if key == "_value":
                row.append(_number_value(d))
            elif key == "_corr":
                row.append("*" if d.get("correction_note") else "")
            elif key == "match" and d.get("match"):
                row.append(f"{d['match']}: {d.get('match_note', '')}")
            else:
                row.append(_cell(d.get(key)))
        t.add_row(*row)
    import sys

    console = Console(soft_wrap=False, width=None if sys.stdout.isatty() else 200)
    console.print(t)
    notes = [(d.get("row") or d.get("id"), d["correction_note"]) for d in dicts if d.get("correction_note")]
    if notes:
        console.print("* corrected from the printed text (see correction_note with --json):", style="dim")
    if not dicts:
        console.print("no records match", style="yellow")


def records_csv(dicts: list[dict[str, Any]]) -> str:
    """Records as CSV: the union of their keys as columns, lists joined with "; "."""
    import csv
    import io

    keys: list[str] = []
    for d in dicts:
        for k in d:
            if k not in keys:
                keys.append(k)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=keys, lineterminator="\n")
    w.writeheader()
    for d in dicts:
        w.writerow({k: ("; ".join(map(str, v)) if isinstance(v, list) else ("" if v is None else v)) for k, v in d.items()})
    return buf.getvalue()


def lookup_lines(dicts: list[dict[str, Any]]) -> str:
    """One line per record that names a material (``ssbkit lit --lookup``)."""
    return "\n".join(f"{r['dataset']:<18} {r['table']:<8} {r.get('ref') or '':<14} {r['match']:<6} {r['match_note']}"
                     for r in dicts)


def table_list(described: dict[str, str]) -> str:
    """The tables ``ssbkit lit`` knows, one per line."""
    return "\n".join(f"{n:<18} {desc}" for n, desc in described.items())


def conductivity_lines(results: list[Any]) -> str:
    """Each Arrhenius conductivity with its source (``ssbkit conductivity``)."""
    out = []
    for r in results:
        out.append(f"{r.material} at {r.temperature_K:.2f} K ({r.temperature_C:.1f} °C): "
                   f"sigma = {r.conductivity_S_per_cm:.3g} S/cm  "
                   f"[sigma_RT = {r.conductivity_rt_S_per_cm:.3g} S/cm, Ea = {r.activation_energy_eV:.4g} eV "
                   f"(printed {r.activation_energy_printed})]")
        out.append(f"  source: {r.citation}, row {r.row}; match {r.match} ({r.match_note}); {r.method}")
        if r.correction_note:
            out.append(f"  note: {r.correction_note}")
    return "\n".join(out)


def reference_lines(refs: list[Any]) -> str:
    """One line per bibliography item: key, full reference, where the review cites it."""
    from ..bibliography import short

    return "\n".join(f"{r.key}: {r.full}" + (f" [reference {r.reference_number} of {short(r.cited_in)}]"
                                             if r.cited_in else "") for r in refs)
