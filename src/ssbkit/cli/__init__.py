"""The ``ssbkit`` command line.

Each area registers its subcommands in its own module (``cli/thermo.py``,
``cli/lit.py``, ``cli/physics.py`` ...).  Errors a user can fix
(:class:`ssbkit.errors.SsbkitError`, click usage errors) print one line and
exit with code 2; no traceback.
"""

from __future__ import annotations

import sys

import click

from .._version import __version__
from ..errors import SsbkitError
from ._common import fail, message

#: Each command and the module that defines it: a command's module (and what it imports) is loaded
#: only when that command runs, so ``ssbkit window`` does not pay for plotting, the web server or Dask.
COMMANDS = {
    "window": "thermo", "hull": "thermo", "decompose": "thermo", "dope": "thermo", "volume": "thermo",
    "react": "interfaces", "anode": "interfaces",
    "lit": "lit", "conductivity": "lit",
    "physics": "physics",
    "assess": "stack", "coatings": "stack", "interlayers": "stack", "data": "stack",
    "screen": "screening", "web": "web", "cite": "cite",
    "thermal": "thermal", "air": "thermal", "anneal": "thermal",
}


class LazyGroup(click.Group):
    """A command group that imports a command's module on first use (``COMMANDS``)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            from importlib import import_module

            import_module(f"{__name__}.{COMMANDS[cmd_name]}").register(self)
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None,
                                                                         list[str]]:
        """As click's, with a did-you-mean over every command (click suggests only among those loaded)."""
        name = args[0] if args else ""
        known = self.list_commands(ctx)
        if name and not name.startswith("-") and name not in known:
            from difflib import get_close_matches

            near = get_close_matches(name, known, n=1)
            raise click.UsageError(f"No such command {name!r}." + (f" Did you mean {near[0]!r}?" if near else ""),
                                   ctx=ctx)
        return super().resolve_command(ctx, args)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="ssbkit")
def cli() -> None:
    """ssbkit: interfaces of all-solid-state lithium batteries.

    Thermodynamic commands read entries from --entries PATH|mp or the
    SSBKIT_ENTRIES environment variable (a CSV/CSV.gz of formula + formation
    energy per atom, a pymatgen ComputedEntry JSON, or 'mp' for the Materials
    Project API with MP_API_KEY).
    """


class _Redacting:
    """A text stream that passes everything through :func:`ssbkit.redact.redact` (the API key never prints)."""

    def __init__(self, stream: object) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from ..redact import redact

        return self._stream.write(redact(text))  # type: ignore[attr-defined, no-any-return]

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code.

    Output streams are redacted when a secret (``MP_API_KEY``) is known; files are created with the
    user's umask.
    """
    from ..redact import secrets

    if secrets() and not isinstance(sys.stdout, _Redacting):
        out, err = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = _Redacting(out), _Redacting(err)  # type: ignore[assignment]
        try:
            return _main(argv)
        finally:
            sys.stdout, sys.stderr = out, err
    return _main(argv)


def _main(argv: list[str] | None) -> int:
    import warnings

    warnings.filterwarnings("ignore", category=UserWarning, module="pymatgen")
    warnings.filterwarnings("ignore", message=".*electronegativity.*")
    try:
        cli.main(args=argv, prog_name="ssbkit", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("ssbkit: interrupted", err=True)
        return 130
    except click.exceptions.Exit as exc:
        return int(exc.exit_code or 0)
    except click.UsageError as exc:
        msg = exc.format_message().replace("\n", " ")
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else " (see 'ssbkit --help')"  # the whole path
        click.echo(f"ssbkit: error: {msg}{hint}", err=True)
        return 2
    except click.ClickException as exc:
        click.echo(f"ssbkit: error: {exc.format_message()}", err=True)
        return exc.exit_code if exc.exit_code else 1
    except SsbkitError as exc:
        return fail(message(exc))
    except BrokenPipeError:
        return 0
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
