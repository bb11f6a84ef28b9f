"""CLI: ``ssbkit web`` - a local web page for stack assessments and windows."""

from __future__ import annotations

import click

from ..errors import SsbkitError
from .options import bandgaps_option, entries_option


@click.command("web")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (keep it local).")
@click.option("--port", type=int, default=8765, show_default=True, help="Port (0 = any free port).")
@entries_option
@bandgaps_option
def web_cmd(host: str, port: int, entries: str | None, bandgaps: str | None) -> None:
    """Serve a web view: a form for stacks and windows, answered with ssbkit's reports."""
    from ..web.server import App, serve

    if not 0 <= port <= 65535:
        raise click.BadParameter("must be 0-65535", param_hint="--port")
    app = App(entries, bandgaps)

    def ready(httpd) -> None:  # type: ignore[no-untyped-def]
        h, p = httpd.server_address[:2]
        click.echo(f"ssbkit web view on http://{h}:{p}/  ({app.data_note})  Ctrl-C to stop", err=True)

    try:
        serve(app, host, port, ready)
    except OSError as exc:
        raise SsbkitError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    except KeyboardInterrupt:
        click.echo("stopped", err=True)


def register(cli: click.Group) -> None:
    cli.add_command(web_cmd)
