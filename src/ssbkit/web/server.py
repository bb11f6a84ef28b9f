"""A local web view: a form for a cell stack or electrolytes, answered with the same
self-contained report the CLI writes, plus JSON endpoints.

Routes (GET):

* ``/``: the forms;
* ``/assess?stack=...&voltage=2.5:4.3&temperature=25C&pressure=5MPa&current=0.5mA/cm2``: HTML report;
* ``/window?formulas=LGPS,LLZO``: windows chart (Zheng et al. 2021, Fig. 2a) and table;
* ``/api/assess?...`` and ``/api/window?...``: the same as JSON (the models of ``ssbkit assess --json``
  and ``ssbkit window --json``).

Bad input answers 400 with a one-line message.  The server binds to 127.0.0.1 by default and uses no
external resources (no scripts, fonts or CDNs), so it works offline.  Pages render through
:mod:`ssbkit.views`; conditions are parsed by :meth:`ssbkit.stack.conditions.Conditions.parse`, the same
checks as the CLI.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

from .. import __version__
from ..errors import SsbkitError
from ..io import to_json
from ..views import html

#: How the web page names the inputs a domain error is about.
FIELDS = {"entries": "start the server with --entries PATH or SSBKIT_ENTRIES", "voltage": "field 'Cathode range'",
          "temperature": "field 'Temperature'", "pressure": "field 'Pressure'", "current": "field 'Current density'",
          "step": "parameter 'step'"}


def _message(exc: SsbkitError) -> str:
    msg = " ".join(str(exc).split())
    where = FIELDS.get(exc.param or "")
    return f"{msg} ({where})" if where else msg


class App:
    """The web view's logic, independent of the HTTP plumbing (so it is testable directly)."""

    def __init__(self, entries: str | None = None, bandgaps: str | None = None) -> None:
        from ..data.bandgaps import open_bandgaps
        from ..data.source import configured_spec, open_source
        from ..thermo import Thermo

        spec = configured_spec(entries)
        self.thermo = Thermo(open_source(spec)) if spec else None
        self.gaps = open_bandgaps(bandgaps)
        self.lock = threading.Lock()  # the LP models are not thread-safe

    @property
    def data_note(self) -> str:
        if self.thermo is None:
            return "No thermodynamic data configured: reports show the literature and physics only."
        return f"Data: {self.thermo.source.location}."

    def _assessment(self, q: dict[str, str]) -> Any:
        from ..stack.assess import StackAssessor
        from ..stack.conditions import Conditions
        from ..stack.parse import parse_stack

        stack = q.get("stack", "").strip()
        if not stack:
            raise SsbkitError("give a stack, e.g. 'LiCoO2 | LiNbO3 | Li6PS5Cl | Li'")
        cond = Conditions.parse(voltage=q.get("voltage"), temperature=q.get("temperature"),
                                pressure=q.get("pressure"), current=q.get("current"), step=q.get("step"))
        with self.lock:
            return StackAssessor(self.thermo, self.gaps).assess(parse_stack(stack), cond)

    def _windows(self, q: dict[str, str]) -> list[Any]:
        if self.thermo is None:
            raise SsbkitError("no thermodynamic data configured", param="entries")
        names = [n.strip() for n in (q.get("formulas") or "").split(",") if n.strip()]
        if not names:
            raise SsbkitError("give one or more materials, e.g. LGPS, LLZO")
        if len(names) > 30:
            raise SsbkitError("at most 30 materials per request")
        with self.lock:
            return [self.thermo.window(n) for n in names]

    def handle(self, path: str, query: dict[str, str]) -> tuple[int, str, str]:
        """(status, content type, body) for a GET request."""
        try:
            if path == "/":
                return 200, "text/html", html.index(self.data_note)
            if path == "/assess":
                return 200, "text/html", html.assessment(self._assessment(query), back="new query")
            if path == "/api/assess":
                return 200, "application/json", to_json(self._assessment(query))
            if path == "/api/window":
                return 200, "application/json", to_json(self._windows(query))
            if path == "/window":
                return 200, "text/html", html.windows_page(self._windows(query), self.data_note)
            return 404, "text/html", html.error_page(f"no page {path}")
        except SsbkitError as exc:
            msg = _message(exc)
            if path.startswith("/api/"):
                return 400, "application/json", json.dumps({"error": msg})
            return 400, "text/html", html.error_page(msg)


def make_handler(app: App) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = f"ssbkit/{__version__}"

        def do_GET(self) -> None:
            u = urlparse(self.path)
            q = {k: v[-1] for k, v in parse_qs(u.query).items()}
            status, ctype, body = app.handle(u.path, q)
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", f"{ctype}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, fmt: str, *args: Any) -> None:
            pass

    return Handler


def serve(app: App, host: str = "127.0.0.1", port: int = 8765,
          ready: Callable[[ThreadingHTTPServer], None] | None = None) -> None:
    """Serve until interrupted; ``ready`` gets the server once it is listening."""
    httpd = ThreadingHTTPServer((host, port), make_handler(app))
    if ready is not None:
        ready(httpd)
    try:
        httpd.serve_forever()
    finally:
        httpd.server_close()
