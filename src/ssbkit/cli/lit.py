"""``ssbkit lit TABLE [filters]`` and ``ssbkit conductivity MATERIAL --temperature T``.

Output: a readable table (rich), ``--json`` (a JSON list of records, nothing
else) or ``--csv``.  Unknown tables, filters and materials print one line and
exit with code 2 (:class:`ssbkit.errors.SsbkitError`).
"""

from __future__ import annotations

from typing import Any

import click

from ..errors import SsbkitError
from ..views import literature as literature_text
from ._common import echo_json, quantity

_FILTER_OPTIONS = ["family", "material", "electrolyte", "cathode", "anode", "electrode", "layer", "product", "method",
                   "composition", "strategy", "component", "topic", "source", "section", "ref"]


def _emit_machine(dicts: list[dict[str, Any]], as_json: bool, as_csv: bool) -> bool:
    """Print records as JSON or CSV when asked; return whether anything was printed."""
    if as_json:
        echo_json(dicts)
    elif as_csv:
        click.echo(literature_text.records_csv(dicts), nl=False)
    return as_json or as_csv


def _filter_option(name: str) -> Any:
    return click.option(f"--{name}", name, default=None, metavar="TEXT",
                        help=f"filter on {name} (see the table list in 'ssbkit lit --help')")

def _with_filters(f: Any) -> Any:
    for opt in reversed(_FILTER_OPTIONS):
        f = _filter_option(opt)(f)
    return f

@click.command("lit", context_settings={"max_content_width": 100})
@click.argument("table", required=False)
@click.option("--json", "as_json", is_flag=True, help="print only JSON: a list of records")
@click.option("--csv", "as_csv", is_flag=True, help="print CSV")
@click.option("--lookup", default=None, metavar="MATERIAL", help="ignore TABLE: every record naming MATERIAL")
@_with_filters
def lit_cmd(table: str | None, as_json: bool, as_csv: bool, lookup: str | None, **filters: Any) -> None:
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
        if not _emit_machine(dicts, as_json, as_csv) and dicts:
            click.echo(literature_text.lookup_lines(dicts))
        return
    if table is None:
        click.echo(literature_text.table_list(L.describe()))
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
        literature_text.records_table(name, dicts, f"{name}: {L.describe()[name]} ({len(dicts)} records)")

@click.command("conductivity")
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
    click.echo(literature_text.conductivity_lines(results))


def register(cli: click.Group) -> None:
    """Add ``lit`` and ``conductivity`` to the ``ssbkit`` command group."""
    cli.add_command(lit_cmd)
    cli.add_command(conductivity_cmd)
