"""``ssbkit lit TABLE [filters]`` and ``ssbkit conductivity MATERIAL --temperature T``.

Output: a readable table (rich), ``--json`` (a JSON list of records, nothing
else) or ``--csv``.  Unknown tables, filters and materials print one line and
exit with code 2 (:class:`ssbkit.errors.SsbkitError`).
"""

from __future__ import annotations

import csv
import io
from typing import Any

import click

from ..errors import SsbkitError
from ._common import echo_json, quantity

#: readable columns per table: (header, record field or dict key)
_COLUMNS: dict[str, list[tuple[str, str]]] = {
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
_FILTER_OPTIONS = ["family", "material", "electrolyte", "cathode", "anode", "electrode", "layer", "product", "method",
                   "composition", "strategy", "component", "topic", "source", "section", "ref"]


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


def _print_table(table: str, dicts: list[dict[str, Any]], title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    cols = list(_COLUMNS[table])
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


def _emit_machine(dicts: list[dict[str, Any]], as_json: bool, as_csv: bool) -> bool:
    """Print records as JSON or CSV when asked; return whether anything was printed."""
    if as_json:
        echo_json(dicts)
    elif as_csv:
        click.echo(_csv(dicts), nl=False)
    return as_json or as_csv


def _csv(dicts: list[dict[str, Any]]) -> str:
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


def register(cli: click.Group) -> None:
    """Add ``lit`` and ``conductivity`` to the ``ssbkit`` command group."""

    def _filter_option(name: str):
        return click.option(f"--{name}", name, default=None, metavar="TEXT",
                            help=f"filter on {name} (see the table list in 'ssbkit lit --help')")

    def _with_filters(f):
        for opt in reversed(_FILTER_OPTIONS):
            f = _filter_option(opt)(f)
        return f

    @cli.command("lit", context_settings={"max_content_width": 100})
    @click.argument("table", required=False)
    @click.option("--json", "as_json", is_flag=True, help="print only JSON: a list of records")
    @click.option("--csv", "as_csv", is_flag=True, help="print CSV")
    @click.option("--lookup", default=None, metavar="MATERIAL", help="ignore TABLE: every record naming MATERIAL")
    @_with_filters
    def lit(table: str | None, as_json: bool, as_csv: bool, lookup: str | None, **filters: Any) -> None:
        """Literature tables and numbers of the two reviews (Zheng et al. 2021; Wang et al. 2020), as cited.

        \b
        Tables and their filters:
          electrolytes       --family --material --ref          (Zheng et al. 2021, Table 1)
          cathode-reactions  --electrolyte --cathode --method --product --ref (Table 2)
          anode-reactions    --electrolyte --anode --method --product --ref   (Table 3)
          reactions          Tables 2+3: --electrolyte --cathode --anode --electrode ...
          coatings           --cathode --electrolyte --layer --method --ref   (Table 4)
          interlayers        --electrolyte --anode --layer --method --ref     (Table 5)
          garnet-li          --composition --strategy --ref     (Wang et al. 2020, Table 1)
          garnet-cells       --cathode --component --ref        (Wang et al. 2020, Table 2)
          numbers            --topic --material --source --section --ref (text numbers)
        Material filters match formulas in any element order and abbreviations
        (LGPS, LLZTO, NMC811 ...); family matches are marked in the output.

        \b
        Examples:
          ssbkit lit electrolytes --family sulfide
          ssbkit lit reactions --electrolyte Li6PS5Cl
          ssbkit lit coatings --cathode NMC --json
          ssbkit lit numbers --topic ccd
        """
        from .. import literature as L

        if as_json and as_csv:
            raise SsbkitError("give only one of --json and --csv")
        active = {k: v for k, v in filters.items() if v is not None}
        if lookup is not None:
            if active:
                raise SsbkitError("--lookup takes no other filters")
            recs = L.lookup_material(lookup)
            name = "reactions"
            dicts = [r.to_dict() for r in recs]
            if not _emit_machine(dicts, as_json, as_csv):
                for r in dicts:
                    click.echo(f"{r['dataset']:<18} {r['table']:<8} {r.get('ref') or '':<14} {r['match']:<6} {r['match_note']}")
            return
        if table is None:
            for n, desc in L.describe().items():
                click.echo(f"{n:<18} {desc}")
            return
        name = L.canonical_table(table)
        allowed = L.filters_for(name)
        for k in active:
            if k not in allowed:
                raise SsbkitError(f"filter --{k} does not apply to table {name!r}: its filters are "
                                  + ", ".join(f"--{a}" for a in allowed))
        recs = L.query(name, **active)
        dicts = [r.to_dict() for r in recs]
        if not _emit_machine(dicts, as_json, as_csv):
            _print_table(name, dicts, f"{name}: {L.describe()[name]} ({len(dicts)} records)")

    @cli.command("conductivity")
    @click.argument("material")
    @click.option("--temperature", "-T", "temperature_K", default="25C", show_default=True,
                  callback=quantity("temperature", name="--temperature"),
                  help="temperature with unit, e.g. 60C or 333K")
    @click.option("--json", "as_json", is_flag=True, help="print only JSON: a list of results")
    def conductivity_cmd(material: str, temperature_K: float, as_json: bool) -> None:
        """Ionic conductivity of MATERIAL at a temperature (Zheng et al. 2021, Table 1, Arrhenius).

        sigma(T) = sigma_RT * exp(-Ea/kB * (1/T - 1/298.15 K)).  Example:
        ssbkit conductivity LGPS --temperature 60C
        """
        from .. import literature as L

        results = L.conductivity(material, temperature_K)
        if as_json:
            echo_json(results)
            return
        for r in results:
            click.echo(f"{r.material} at {r.temperature_K:.2f} K ({r.temperature_C:.1f} °C): "
                       f"sigma = {r.conductivity_S_per_cm:.3g} S/cm  "
                       f"[sigma_RT = {r.conductivity_rt_S_per_cm:.3g} S/cm, Ea = {r.activation_energy_eV:.4g} eV "
                       f"(printed {r.activation_energy_printed})]")
            click.echo(f"  source: {r.citation}, row {r.row}; match {r.match} ({r.match_note}); "
                       f"{r.method}")
            if r.correction_note:
                click.echo(f"  note: {r.correction_note}")
