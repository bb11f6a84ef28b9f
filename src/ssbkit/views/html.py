"""HTML of typed results through Jinja2 templates (``views/templates``), self-contained and offline:
inline SVG figures, no scripts, fonts or images fetched from anywhere."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .._version import __version__
from ..bibliography import REVIEWS, cite, get
from ..stack.report import StackAssessment
from ..thermo.window import StabilityWindow
from . import plots
from .chem import html_formula, html_formulas


def _num(v: Any, fmt: str = "%.3f") -> str:
    return "-" if v is None else fmt % v


def _formulas(v: Any) -> Markup:
    if isinstance(v, (list, tuple)):
        return Markup(", ").join(html_formula(str(x)) for x in v)
    return html_formulas(str(v))


@cache
def _env() -> Environment:
    env = Environment(loader=PackageLoader("ssbkit.views", "templates"), autoescape=select_autoescape(["j2", "html"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = _num
    env.filters["formula"] = lambda v: html_formula(str(v))
    env.filters["formulas"] = _formulas
    env.globals["version"] = __version__
    return env


def _render(template: str, **context: Any) -> str:
    context.setdefault("back", None)
    return _env().get_template(template).render(**context)


def assessment(a: StackAssessment, back: str | None = None) -> str:
    """The self-contained HTML report of a stack assessment (tables, inline SVG figures, sources)."""
    from ..io import to_json

    c = a.conditions
    windows = [lay.window for lay in a.layers if lay.window is not None]
    window_fig = scan_fig = mix_fig = None
    if windows:
        apparent = [lay.apparent for lay in a.layers if lay.window is not None]
        window_fig = Markup(plots.svg_markup(plots.window_chart(
            windows, v_max=max(5.0, c.voltage_range_V[1]), operating=c.voltage_range_V,
            title="Layer windows (intrinsic; hatched: apparent) vs operating range",
            apparent=apparent if all(x is not None for x in apparent) else None)))
    scans = [(i.interface, i.scan) for i in a.interfaces if len(i.scan) > 1]
    if scans:
        scan_fig = Markup(plots.svg_markup(plots.driving_force_chart(
            scans, operating=c.voltage_range_V, title="Driving force vs voltage per interface")))
    mixes = [i.chemical for i in a.interfaces if i.chemical is not None and i.chemical.kinks]
    if mixes:
        mix_fig = Markup(plots.svg_markup(plots.mixing_curve(mixes, title="Chemical reaction energy vs mixing ratio")))
    asr_fig = None
    if a.asr_budget is not None and a.asr_budget.contributions:
        asr_fig = Markup(plots.svg_markup(plots.asr_chart(a.asr_budget)))
    eis_fig = Markup(plots.svg_markup(plots.eis_chart(a.impedance))) if a.impedance is not None else None
    return _render("report.html.j2", a=a, back=back, window_fig=window_fig, scan_fig=scan_fig, mix_fig=mix_fig,
                   asr_fig=asr_fig, eis_fig=eis_fig,
                   provenance=json.dumps(json.loads(to_json(a.provenance)), indent=2),
                   reviews=[get(k) for k in REVIEWS],
                   references=[get(k) for k in (a.provenance.references or REVIEWS)],
                   growth_citation=cite("zheng2021", "[16c]", "Fig. 7a"))


def index(data_note: str) -> str:
    """The web page's forms."""
    return _render("index.html.j2", data_note=data_note)


def windows_page(windows: Sequence[StabilityWindow], data_note: str) -> str:
    """Windows chart and table."""
    fig = Markup(plots.svg_markup(plots.window_chart(windows)))
    return _render("windows.html.j2", windows=windows, figure=fig, data_note=data_note, back="new query")


def error_page(message: str) -> str:
    """A one-line error as a page."""
    return _render("error.html.j2", message=message, back="back")
