"""One render: ``render(result, fmt)`` is where a result's format is chosen, for every command.

``fmt`` is ``json`` (the result's ``to_dict``, what ``--json`` prints), ``text`` (the terminal text, picked by
the result's type), ``csv`` (results with a table: their ``to_dataframe``) or ``html`` (the stack
assessment's report).  A list of results renders as one JSON array, or as the text of its element type.
:func:`emit` prints it (stdout; rich text when stdout is a terminal).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from ..errors import SsbkitError
from ..io import to_json

FORMATS = ("text", "json", "csv", "html")


def _rich_renderers() -> dict[str, Callable[..., None]]:
    """Result class name -> a function printing its text on a rich Console (:mod:`ssbkit.views.text`).  Keyed
    by name so that rendering one result imports only the text views, not every result's module."""
    from . import screen_text, text, volume_text

    def assessment(con: Any, a: Any, **_: Any) -> None:
        text.assessment(con, a)
        text.processing(con, a)
        text.references(con, a.provenance.references)

    def windows(con: Any, ws: Any, profile: bool = False, apparent: Any = None, **_: Any) -> None:
        text.windows(con, ws, profile)
        if apparent:
            text.apparent_windows(con, apparent)

    def reaction(con: Any, r: Any, label: str = "", **_: Any) -> None:
        text.profile(con, label, r) if type(r).__name__ == "VoltageProfile" else text.reaction(con, r)

    return {"StabilityWindow": windows, "HullResult": lambda con, r, **_: text.hull(con, r),
            "DecompositionResult": lambda con, r, **_: text.decomposition(con, r),
            "DopedPhase": lambda con, r, **_: text.doped(con, r), "InterfaceReaction": reaction,
            "VoltageProfile": reaction, "AnodeInterface": lambda con, r, **_: text.anode(con, r),
            "StackAssessment": assessment,
            "ScreenResult": lambda con, r, title="", top=None, **_: screen_text.screen(con, r, title, top),
            "PairScreen": lambda con, r, **_: screen_text.pair_screen(con, r),
            "ThermalReaction": lambda con, r, **_: text.thermal(con, r),
            "ThermalScan": lambda con, r, **_: text.thermal(con, r),
            "AtmosphereReaction": lambda con, r, **_: text.atmosphere_reaction(con, r),
            "RemovalTemperature": lambda con, r, **_: text.removal(con, r),
            "VolumeChange": lambda con, r, **_: volume_text.volume_change(con, r)}


def _kind(result: Any) -> type:
    return type(result[0]) if isinstance(result, (list, tuple)) and result else type(result)


def _text(result: Any, con: Any, **context: Any) -> None:
    kind = _kind(result)
    if kind.__module__.startswith("ssbkit.physics."):  # the physics models' results: plain lines
        from . import physics_text

        physics = physics_text.renderers()
        if kind in physics:
            items = list(result) if isinstance(result, (list, tuple)) else [result]
            if kind.__name__ in physics_text.LISTED:
                lines = physics[kind](items, **context)
            else:
                lines = [ln for x in items for ln in physics[kind](x, **context)]
            con.out("\n".join(lines), highlight=False)
            return
    fn = _rich_renderers().get(kind.__name__)
    if fn is None:
        raise SsbkitError(f"no text view for {kind.__name__}: ask for JSON instead")
    fn(con, result, **context)


def render(result: Any, fmt: str = "text", **context: Any) -> str:
    """``result`` as text, JSON, CSV or HTML (``context``: what a text view names beside the result)."""
    if fmt == "json":
        return to_json(result)
    if fmt == "csv":
        if not hasattr(result, "to_dataframe"):
            raise SsbkitError(f"{type(result).__name__} has no table: use json or text")
        return str(result.to_dataframe().to_csv(index=False))
    if fmt == "html":
        from . import html

        return str(html.assessment(result))
    if fmt != "text":
        raise SsbkitError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    from rich.console import Console

    buf = io.StringIO()
    _text(result, Console(file=buf, width=100, color_system=None), **context)
    return buf.getvalue()


def emit(result: Any, fmt: str = "text", **context: Any) -> None:
    """Print ``result`` in ``fmt`` on stdout (text through rich, so a terminal gets its colours and width)."""
    import sys

    if fmt == "text":
        from rich.console import Console

        _text(result, Console(), **context)
        return
    sys.stdout.write(render(result, fmt, **context) + "\n")
