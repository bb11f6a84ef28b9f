"""A local web view on Starlette and uvicorn: a form for a cell stack or electrolytes, answered with
the same self-contained report the CLI writes, plus JSON endpoints.

Routes (GET; anything else answers 405):

* ``/``: the forms;
* ``/assess?stack=...&voltage=2.5:4.3&temperature=25C&pressure=5MPa&current=0.5mA/cm2``: HTML report;
* ``/window?formulas=LGPS,LLZO``: windows chart (Zheng et al. 2021, Fig. 2a) and table;
* ``/api/assess?...`` and ``/api/window?...``: the same as JSON (the models of ``ssbkit assess --json``
  and ``ssbkit window --json``).

What keeps it up (all limits are :class:`Limits` fields):

* bad input answers 400 with ``{"error": one line}`` (HTML pages: an error page), unknown paths 404,
  other methods 405, bodies 413, unknown ``Host`` headers 400: only loopback names are served by
  default (``localhost``, ``127.0.0.1``, ``::1`` and the bound address), which stops DNS rebinding;
  ``--allow-host`` adds names;
* a connection that has not sent a complete request head within ``header_timeout_s`` is closed, an
  idle keep-alive connection after ``keep_alive_s`` (so slow or half-open clients hold no worker);
  a computation that runs longer than ``request_timeout_s`` answers 503;
* requests are served concurrently: each worker thread has its own thermodynamic engine (the entry
  data is shared read-only; the LP state is per thread), so there is no global lock;
* every answer passes through the API-key redaction of :mod:`ssbkit.redact`; unexpected errors are
  logged as one line, never as a traceback to the client.

Pages render through :mod:`ssbkit.views`; conditions are parsed by
:meth:`ssbkit.stack.conditions.Conditions.parse`, the same checks as the CLI.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .._version import __version__
from ..errors import SsbkitError
from ..redact import redact

#: How the web page names the inputs a domain error is about.
FIELDS = {"entries": "start the server with --entries PATH or SSBKIT_ENTRIES", "voltage": "field 'Cathode range'",
          "temperature": "field 'Temperature'", "pressure": "field 'Pressure'", "current": "field 'Current density'",
          "step": "parameter 'step'", "formulas": "field 'Materials'", "stack": "field 'Stack'"}
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
log = logging.getLogger("ssbkit.web")


@dataclass(frozen=True)
class Limits:
    """Limits of the web server (seconds, bytes, counts)."""

    header_timeout_s: float = 10.0
    keep_alive_s: float = 5.0
    request_timeout_s: float = 120.0
    max_body_bytes: int = 1024
    max_query_chars: int = 4096
    max_materials: int = 30
    max_connections: int = 256
    threads: int = 8
    allowed_hosts: tuple[str, ...] = field(default=LOOPBACK_HOSTS)


def _message(exc: SsbkitError) -> str:
    msg = " ".join(str(redact(str(exc))).split())
    where = FIELDS.get(exc.param or "")
    return f"{msg} ({where})" if where else msg


class App:
    """The web view's logic, independent of the HTTP plumbing (so it is testable directly).

    Each thread that serves requests gets its own :class:`ssbkit.thermo.Thermo` over the shared,
    read-only entry data, so requests run concurrently without a lock.
    """

    def __init__(self, entries: str | None = None, bandgaps: str | None = None, limits: Limits | None = None) -> None:
        from ..data.bandgaps import open_bandgaps
        from ..data.source import configured_spec, open_source

        spec = configured_spec(entries)
        self.source = open_source(spec)  # nothing configured: the embedded default data
        self.gaps = open_bandgaps(bandgaps)
        self.limits = limits or Limits()
        self._local = threading.local()

    @property
    def thermo(self) -> Any:
        """This thread's engine (None without data)."""
        if self.source is None:
            return None
        th = getattr(self._local, "thermo", None)
        if th is None:
            from ..thermo import Thermo

            th = self._local.thermo = Thermo(self.source)
        return th

    @property
    def data_note(self) -> str:
        if self.source is None:
            return "No thermodynamic data configured: reports show the literature and physics only."
        return f"Data: {self.source.location}."

    def _assessment(self, q: dict[str, str]) -> Any:
        """The assessment with every option the command line has (an empty field means "not given")."""
        from ..stack.request import AssessmentRequest

        opt = {k: (q.get(k) or None) for k in ("voltage", "temperature", "pressure", "current", "step", "time",
                                               "asr_threshold", "incompatible_threshold", "process",
                                               "frequencies", "cycles")}
        if opt["cycles"]:
            opt["time"] = None  # a number of cycles replaces the form's time
        params = [p for p in (q.get("param") or "").replace(";", ",").split(",") if p.strip()]
        carbon = (q.get("carbon") or "").strip().lower() in ("1", "on", "true", "yes")
        request = AssessmentRequest.from_text(q.get("stack", "").strip(), params=params, carbon=carbon, **opt)
        return request.run(self.thermo, self.gaps)

    def _windows(self, q: dict[str, str]) -> list[Any]:
        from ..validate import name

        if self.source is None:
            raise SsbkitError("no thermodynamic data configured", param="entries")
        raw = q.get("formulas") or ""
        if not raw.strip():
            raise SsbkitError("give one or more materials, e.g. LGPS, LLZO", param="formulas")
        names = [name(n, param="formulas") for n in raw.split(",")]
        if len(names) > self.limits.max_materials:
            raise SsbkitError(f"at most {self.limits.max_materials} materials per request", param="formulas")
        return [self.thermo.window(n) for n in names]

    def handle(self, path: str, query: dict[str, str]) -> tuple[int, str, str]:
        """(status, content type, body) for a GET request."""
        from ..io import to_json
        from ..views import html

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
            return self.error(path, 404, f"no page {path}")
        except SsbkitError as exc:
            return self.error(path, 400, _message(exc))

    @staticmethod
    def error(path: str, status: int, message: str) -> tuple[int, str, str]:
        """An error answer: JSON under /api/, an HTML page elsewhere."""
        from ..views import html

        msg = " ".join(str(redact(message)).split())
        if path.startswith("/api/"):
            return status, "application/json", json.dumps({"error": msg})
        return status, "text/html", html.error_page(msg)


_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _hostname(header: str) -> str:
    """The host name of a ``Host`` header, lower case, without port or IPv6 brackets."""
    name = header.split("]")[0].lstrip("[") if header.startswith("[") else header.rsplit(":", 1)[0]
    return name.lower()


def create_app(app: App, extra_hosts: tuple[str, ...] = ()) -> Any:
    """The Starlette application around ``app`` with the host, method, size and time guards."""
    import anyio
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    limits = app.limits
    allowed = {h.lower().strip("[]") for h in (*limits.allowed_hosts, *extra_hosts) if h}
    limiter = anyio.CapacityLimiter(limits.threads)

    def respond(status: int, ctype: str, body: str, extra: dict[str, str] | None = None) -> Response:
        headers = {"Content-Security-Policy": _CSP, "X-Content-Type-Options": "nosniff", "Server": f"ssbkit/{__version__}",
                   **(extra or {})}
        return Response(redact(body), status_code=status, media_type=ctype, headers=headers)

    async def endpoint(request: Request) -> Response:
        path = request.url.path
        host = _hostname(request.headers.get("host") or "")
        if host not in allowed:
            return respond(*app.error(path, 400, f"host {host[:60]!r} is not served: open the page on "
                                                  f"http://127.0.0.1 or start ssbkit web with --allow-host NAME"))
        if request.method not in ("GET", "HEAD"):
            return respond(*app.error(path, 405, f"method {request.method} is not allowed: use GET"),
                           extra={"Allow": "GET, HEAD"})
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > limits.max_body_bytes):
            return respond(*app.error(path, 413, "request body too large"))
        if len(request.url.query) > limits.max_query_chars:
            return respond(*app.error(path, 414, f"query longer than {limits.max_query_chars} characters"))
        query = {k: v for k, v in request.query_params.multi_items()}
        try:
            with anyio.fail_after(limits.request_timeout_s):
                status, ctype, body = await anyio.to_thread.run_sync(app.handle, path, query, limiter=limiter,
                                                                     abandon_on_cancel=True)
        except TimeoutError:
            return respond(*app.error(path, 503, f"the computation took longer than {limits.request_timeout_s:g} s: "
                                                 "ask for fewer materials or a coarser step"))
        except Exception as exc:  # noqa: BLE001 - one line in the log, never a traceback to the client
            log.error("ssbkit web: %s on %s: %s", type(exc).__name__, path, redact(str(exc))[:200])
            return respond(*app.error(path, 500, f"internal error ({type(exc).__name__}); please report it"))
        return respond(status, ctype, body)

    methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]
    routes = [Route("/{path:path}", endpoint, methods=methods)]
    return Starlette(routes=routes)


def _guarded_protocol(header_timeout_s: float) -> type:
    """uvicorn's h11 protocol with a deadline for the request head (slow or half-open clients are closed)."""
    import h11
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class GuardedH11(H11Protocol):  # type: ignore[misc]
        _head_timer: asyncio.TimerHandle | None = None

        def _arm(self) -> None:
            if self._head_timer is None:
                self._head_timer = self.loop.call_later(header_timeout_s, self._head_deadline)

        def _head_deadline(self) -> None:
            self._head_timer = None
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self.transport.close()

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self.conn.their_state is h11.IDLE:
                self._arm()
            elif self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def connection_lost(self, exc: Exception | None) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None
            super().connection_lost(exc)

    return GuardedH11


def make_server(app: App, host: str = "127.0.0.1", port: int = 8765, extra_hosts: tuple[str, ...] = (),
                ready: Callable[[Any], None] | None = None) -> Any:
    """A configured ``uvicorn.Server`` (not started); ``ready`` is called once it listens."""
    import uvicorn

    class _Server(uvicorn.Server):  # type: ignore[misc]
        async def startup(self, sockets: Any = None) -> None:
            await super().startup(sockets)
            if self.started and ready is not None:
                ready(self)

    hosts = tuple(extra_hosts) + ((host,) if host not in ("0.0.0.0", "::") else ())
    config = uvicorn.Config(create_app(app, hosts), host=host, port=port,
                            http=_guarded_protocol(app.limits.header_timeout_s),
                            timeout_keep_alive=int(max(1, app.limits.keep_alive_s)),
                            limit_concurrency=app.limits.max_connections, access_log=False, log_level="warning",
                            lifespan="off", server_header=False, date_header=False, ws="none")
    return _Server(config)


def bind(host: str, port: int) -> Any:
    """A listening TCP socket on ``host``:``port`` (port 0: any free port); one-line error if it cannot bind."""
    import socket

    if not host.strip():
        raise SsbkitError("empty host: give an address to listen on, e.g. 127.0.0.1", param="host")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, kind, proto, _, addr = infos[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(addr)
        sock.listen(128)
    except OSError as exc:
        raise SsbkitError(f"cannot listen on {host}:{port}: {exc.strerror or exc}", param="host") from None
    sock.setblocking(False)
    return sock


def bound_port(sock: Any) -> int:
    """The port a bound socket listens on (useful with port 0)."""
    return int(sock.getsockname()[1])


def serve(app: App, host: str = "127.0.0.1", port: int = 8765, ready: Callable[[Any], None] | None = None,
          extra_hosts: tuple[str, ...] = (), sock: Any = None) -> None:
    """Serve until interrupted (Ctrl-C) on ``sock`` (default: a new :func:`bind`); ``ready`` gets the socket."""
    sock = sock if sock is not None else bind(host, port)
    server = make_server(app, host, port, extra_hosts, ready=lambda _s: ready(sock) if ready else None)
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING, format="%(message)s")
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()


class ServerThread:
    """A server on a background thread (tests, notebooks): ``with ServerThread(app) as url: ...``."""

    def __init__(self, app: App, host: str = "127.0.0.1", port: int = 0, extra_hosts: tuple[str, ...] = ()) -> None:
        self.sock = bind(host, port)
        self.server = make_server(app, host, bound_port(self.sock), extra_hosts)
        self.host = host
        self._thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{bound_port(self.sock)}"

    def __enter__(self) -> str:
        import time

        self._thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise OSError("the web server did not start")
            time.sleep(0.02)
        return self.url

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self._thread.join(timeout=10)
        self.sock.close()
