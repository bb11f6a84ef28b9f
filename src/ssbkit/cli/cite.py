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
@click.option("--result", "result_path", default=None, metavar="FILE.json",
              help="The works a result rests on: a file written with --json by any command (or - for stdin).")
@json_option
def cite_cmd(keys: tuple[str, ...], all_refs: bool, bibtex: bool, result_path: str | None, as_json: bool) -> None:
    """Print references by KEY: zheng2021, wang2020, zheng2021-ref34, wang2020-ref57 ...

    Every literature fact ssbkit shows names its work and its reference number in one of
    the two reviews; this prints the full reference (--bibtex: BibTeX; --json: CSL-JSON).
    """
    from .. import bibliography as bib

    if sum(map(bool, (all_refs, keys, result_path))) > 1:
        raise click.UsageError("give KEYs, --all or --result, only one of them")
    if not all_refs and not keys and not result_path:
        raise click.UsageError("give one or more KEYs (e.g. zheng2021-ref34), --all, or --result FILE.json")
    if result_path:
        keys = _result_keys(result_path)
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
        from ..views.literature import reference_lines

        click.echo(reference_lines(refs))


def _result_keys(path: str) -> tuple[str, ...]:
    """The bibliography keys in a result's JSON (its ``references`` fields, provenance included)."""
    import json
    import sys

    from .. import bibliography as bib
    from ..io import read_text

    text = sys.stdin.read() if path == "-" else read_text(path, what="result file")
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise SsbkitError(f"{path} is not JSON ({exc.args[0] if exc.args else exc}): give a file written with "
                          "--json") from None
    keys = bib.references_of(data)
    if not keys:
        raise SsbkitError(f"{path} names no references: give a result written with --json by an ssbkit command")
    return keys


def register(cli: click.Group) -> None:
    cli.add_command(cite_cmd)
