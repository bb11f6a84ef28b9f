"""CLI: ``ssbkit web`` - a local web page for stack assessments and windows (Starlette on uvicorn)."""

from __future__ import annotations

import click

from ._common import Checked
from .options import bandgaps_option, entries_option


@click.command("web")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (keep it local).")
@click.option("--port", type=Checked(0, 65535, integer=True), default=8765, show_default=True,
              help="Port (0 = any free port).")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Also answer requests whose Host header is NAME (default: loopback names only). Repeatable.")
@click.option("--request-timeout", type=Checked(1, 3600, "s"), default=120, show_default=True,
              help="Longest computation per request, seconds (then 503).")
@entries_option
@bandgaps_option
def web_cmd(host: str, port: int, allow_hosts: tuple[str, ...], request_timeout: float, entries: str | None,
            bandgaps: str | None) -> None:
    """Serve a web view: a form for stacks and windows, answered with ssbkit's reports."""
    from ..validate import name
    from ..web.server import App, Limits, bind, serve

    hosts = tuple(name(h, "--allow-host name") for h in allow_hosts)
    sock = bind(host, port)  # refuse a bad address before loading data
    app = App(entries, bandgaps, Limits(request_timeout_s=request_timeout))

    def ready(sock) -> None:  # type: ignore[no-untyped-def]
        h, p = sock.getsockname()[:2]
        click.echo(f"ssbkit web view on http://{h}:{p}/  ({app.data_note})  Ctrl-C to stop", err=True)

    serve(app, host, port, ready, hosts, sock=sock)
    click.echo("stopped", err=True)


def register(cli: click.Group) -> None:
    cli.add_command(web_cmd)
