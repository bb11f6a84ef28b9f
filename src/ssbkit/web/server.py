"""A local web view: a form for a cell stack or electrolytes, answered with the same
self-contained report the CLI writes, plus JSON endpoints.

Routes (GET):

* ``/``: the forms;
* ``/assess?stack=...&voltage=2.5:4.3&temperature=25C&pressure=5MPa&current=0.5mA/cm2``: HTML report;
* ``/window?formulas=LGPS,LLZO``: windows chart (seed 1 Fig. 2a) and table;
* ``/api/assess?...`` and ``/api/window?...``: the same as JSON.

Bad input answers 400 with the same one-line message as the CLI.  The server
binds to 127.0.0.1 by default and uses no external resources (no scripts,
fonts or CDNs), so it works offline.
"""

from __future__ import annotations

import html
import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

from .. import __version__
from ..errors import SsbkitError

_STYLE = """body{font-family:system-ui,-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;max-width:900px;
margin:2rem auto;padding:0 1rem;color:#1d2330}label{display:block;margin:.5rem 0 .15rem;font-weight:600}
input{width:100%;padding:.4rem;font-size:1rem;box-sizing:border-box}.row{display:flex;gap:1rem}.row>div{flex:1}
button{margin-top:1rem;padding:.5rem 1.2rem;font-size:1rem}fieldset{margin:1.2rem 0;border:1px solid #d6dbe6;
padding:1rem}.err{background:#fdecea;border-left:4px solid #c62828;padding:.6rem 1rem}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #d6dbe6;padding:.3rem .5rem;text-align:left}
.small{color:#4b5563;font-size:.85rem}"""


def _page(title: str, body: str) -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'><style>{_STYLE}</style></head>"
            f"<body>{body}<p class='small'>ssbkit {__version__}</p></body></html>")


def _form(data_note: str) -> str:
    return f"""<h1>ssbkit</h1><p>Interfaces of all-solid-state Li batteries. {html.escape(data_note)}</p>
<form action="/assess" method="get"><fieldset><legend>Assess a cell stack</legend>
<label for="stack">Stack (cathode | [coating |] electrolyte [| interlayer] | anode)</label>
<input id="stack" name="stack" value="LiNi0.8Co0.1Mn0.1O2 | LiNbO3 | Li6PS5Cl | Li">
<div class="row"><div><label for="voltage">Cathode range (V)</label><input id="voltage" name="voltage" value="2.5:4.3"></div>
<div><label for="temperature">Temperature</label><input id="temperature" name="temperature" value="25C"></div>
<div><label for="pressure">Pressure</label><input id="pressure" name="pressure" value="5MPa"></div>
<div><label for="current">Current density</label><input id="current" name="current" value="0.5mA/cm2"></div></div>
<button id="assess" type="submit">Assess</button></fieldset></form>
<form action="/window" method="get"><fieldset><legend>Electrochemical windows</legend>
<label for="formulas">Materials (comma separated)</label><input id="formulas" name="formulas" value="LGPS, Li3PS4, LLZO, LLTO, LATP">
<button id="windows" type="submit">Windows</button></fieldset></form>"""


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
        from ..cli.stack import _range
        from ..stack.assess import Conditions, StackAssessor
        from ..stack.parse import parse_stack
        from ..units import parse_quantity

        stack = q.get("stack", "").strip()
        if not stack:
            raise SsbkitError("give a stack, e.g. 'LiCoO2 | LiNbO3 | Li6PS5Cl | Li'")
        cond = Conditions(
            voltage_range_V=_range(q.get("voltage") or "2.5:4.3"),
            temperature_K=parse_quantity(q.get("temperature") or "25C", "temperature", name="temperature"),
            pressure_Pa=parse_quantity(q["pressure"], "pressure", name="pressure") if q.get("pressure") else None,
            current_density_A_per_m2=parse_quantity(q["current"], "current_density", name="current")
            if q.get("current") else None)
        with self.lock:
            return StackAssessor(self.thermo, self.gaps).assess(parse_stack(stack), cond)

    def _windows(self, q: dict[str, str]) -> list[Any]:
        if self.thermo is None:
            raise SsbkitError("no thermodynamic data configured: start the server with --entries PATH")
        names = [n.strip() for n in (q.get("formulas") or "").split(",") if n.strip()]
        if not names:
            raise SsbkitError("give one or more materials, e.g. LGPS, LLZO")
        if len(names) > 30:
            raise SsbkitError("at most 30 materials per request")
        with self.lock:
            return [self.thermo.window(n) for n in names]

    def handle(self, path: str, query: dict[str, str]) -> tuple[int, str, str]:
        """(status, content type, body) for a GET request."""
        from ..cli._common import to_json
        from ..report.html import _svg, render_assessment
        from ..report.plots import window_chart

        try:
            if path == "/":
                return 200, "text/html", _page("ssbkit", _form(self.data_note))
            if path == "/assess":
                return 200, "text/html", render_assessment(self._assessment(query)).replace(
                    "<body>", "<body><p><a href='/'>&larr; new query</a></p>", 1)
            if path == "/api/assess":
                return 200, "application/json", to_json(self._assessment(query))
            if path in ("/window", "/api/window"):
                ws = self._windows(query)
                if path == "/api/window":
                    return 200, "application/json", to_json(ws)
                rows = "".join(f"<tr><td>{html.escape(w.formula)}</td><td>{w.reduction_limit_V:.3f}</td>"
                               f"<td>{'-' if w.oxidation_limit_V is None else f'{w.oxidation_limit_V:.3f}'}</td>"
                               f"<td>{html.escape(', '.join(w.reduction_products))}</td>"
                               f"<td>{html.escape(', '.join(w.oxidation_products))}</td></tr>" for w in ws)
                fig = _svg(window_chart(ws, None, fmt="svg"))
                body = (f"<p><a href='/'>&larr; new query</a></p><h1>Electrochemical windows</h1>{fig}<table><tr>"
                        f"<th>Material</th><th>Reduction (V)</th><th>Oxidation (V)</th><th>Reduced to</th>"
                        f"<th>Oxidised to</th></tr>{rows}</table><p class='small'>{html.escape(self.data_note)}</p>")
                return 200, "text/html", _page("ssbkit windows", body)
            return 404, "text/html", _page("not found", f"<div class='err'>no page {html.escape(path)}</div>")
        except SsbkitError as exc:
            msg = " ".join(str(exc).split())
            if path.startswith("/api/"):
                return 400, "application/json", json.dumps({"error": msg})
            return 400, "text/html", _page("ssbkit: error", f"<p><a href='/'>&larr; back</a></p>"
                                                            f"<div class='err' id='error'>{html.escape(msg)}</div>")


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
