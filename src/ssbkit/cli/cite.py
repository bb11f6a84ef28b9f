"""CLI: ``ssbkit cite`` - the references behind ssbkit's literature facts (the two reviews and their reference lists)."""

from __future__ import annotations

import click

from ..errors import SsbkitError
from ._common import echo_json
from .options import json_option


@click.command("cite")
@click.argument("keys", nargs=-1)
@click.option("--all", "all_refs", is_flag=True, help="Every reference (the two reviews, then their reference lists).")
@click.option("--bibtex", is_flag=True, help="BibTeX entries instead of reference lines.")
@json_option
def cite_cmd(keys: tuple[str, ...], all_refs: bool, bibtex: bool, as_json: bool) -> None:
    """Print references by KEY: zheng2021, wang2020, zheng2021-ref34, wang2020-ref57 ...

    Every literature fact ssbkit shows names its work and its reference number in one of
    the two reviews; this prints the full reference (--bibtex: BibTeX; --json: CSL-JSON).
    """
    from ..literature import bibliography as bib

    if all_refs and keys:
        raise click.UsageError("give KEYs or --all, not both")
    if not all_refs and not keys:
        raise click.UsageError("give one or more KEYs (e.g. zheng2021-ref34) or --all")
    if bibtex and as_json:
        raise click.UsageError("give --bibtex or --json, not both")
    refs = bib.references() if all_refs else [bib.get(k) for k in keys]
    if not refs:
        raise SsbkitError("no references found")
    if as_json:
        echo_json(bib.as_csl([r.key for r in refs]))
    elif bibtex:
        click.echo("\n\n".join(r.bibtex() for r in refs))
    else:
        for r in refs:
            where = f" [reference {r.reference_number} of {bib.short(r.cited_in)}]" if r.cited_in else ""
            click.echo(f"{r.key}: {r.full}{where}")


def register(cli: click.Group) -> None:
    cli.add_command(cite_cmd)
