"""Plots of typed results (matplotlib).  Each function returns a :class:`matplotlib.figure.Figure`.

Figures are built without pyplot, so no backend is chosen or switched here (inline plots in
Jupyter keep working, servers need no display).  :func:`save` writes a figure atomically as
PNG, SVG or PDF without dates in its metadata (the same input gives the same file);
:func:`svg_markup` gives inline SVG for HTML reports.

Colours: one neutral colour for material bars; a distinct colour per interface in the curves;
the verdict colours (green/amber/red) are kept for verdicts, in the HTML report only.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from matplotlib.figure import Figure

from ..io import atomic_write
from .chem import plot_formula

if TYPE_CHECKING:
    from ..interfaces.apparent import ApparentWindow
    from ..interfaces.reactions import InterfaceReaction
    from ..physics.impedance import ImpedanceResult
    from ..stack.budget import AsrBudget
    from ..thermo.window import StabilityWindow

#: Qualitative palette for distinct series (no verdict meaning).
SERIES = ["#1f77b4", "#9467bd", "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#2ca02c", "#ff7f0e", "#d62728"]
BAR = "#5b7fa6"
OPERATING = "#ffe9a8"
_RC = {"svg.fonttype": "none", "svg.hashsalt": "ssbkit"}


def _figure(width: float, height: float) -> Figure:
    return Figure(figsize=(width, height), layout="constrained")


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _decade(value: float, _pos: int | None = None) -> str:
    """A log axis's tick label as plain text, ``10³``, ``10⁻²`` (matplotlib's default is mathtext, whose parser
    took about a second of an HTML report)."""
    import math

    if value <= 0:
        return ""
    e = math.log10(value)
    return "10" + str(round(e)).translate(_SUPERSCRIPT) if abs(e - round(e)) < 1e-9 else ""


def _log_labels(*axes: Any) -> None:
    """Plain-text decade labels on the log axes given (``ax.xaxis``, ``ax.yaxis``); minor ticks labelled as plain
    numbers (200, 500) where the axis spans too few decades to read it from them alone."""
    from matplotlib.ticker import FuncFormatter, LogFormatter

    for axis in axes:
        axis.set_major_formatter(FuncFormatter(_decade))
        axis.set_minor_formatter(LogFormatter(labelOnlyBase=False, minor_thresholds=(2, 0.5)))


def window_chart(windows: Sequence[StabilityWindow], v_max: float = 5.0,
                 operating: tuple[float, float] | None = None, title: str | None = None,
                 apparent: Sequence[ApparentWindow] | None = None) -> Figure:
    """Stability windows as bars, one per material (Zheng et al., Batteries & Supercaps 2021, Fig. 2a).

    Each bar spans the reduction to the oxidation limit (V vs Li/Li+); the phase equilibria
    beyond each limit are written at its ends; ``operating`` shades an operating range.
    With ``apparent`` (one per window) a second, hatched bar beside each shows the apparent
    (kinetic) window the passivating products give (§3.1).
    """
    n = len(windows)
    fig = _figure(max(4.5, 1.7 * n + 1.5), 6.2)
    ax = fig.subplots()
    if operating:
        ax.axhspan(operating[0], operating[1], color=OPERATING, alpha=0.6, zorder=0, label="operating range")
    for i, w in enumerate(windows):
        lo = max(0.0, w.reduction_limit_V)
        hi = min(w.oxidation_limit_V if w.oxidation_limit_V is not None else v_max, v_max)
        x = i - 0.17 if apparent else i
        ax.bar(x, hi - lo, bottom=lo, width=0.3 if apparent else 0.55, color=BAR, alpha=0.9, zorder=2,
               edgecolor="black", linewidth=0.6, label="intrinsic" if i == 0 and apparent else None)
        if apparent:
            a = apparent[i]
            alo = max(0.0, a.apparent_reduction_V)
            ahi = min(a.apparent_oxidation_V if a.apparent_oxidation_V is not None else v_max, v_max)
            ax.bar(i + 0.17, ahi - alo, bottom=alo, width=0.3, color="white", hatch="///", edgecolor=BAR, zorder=2,
                   linewidth=0.8, label="apparent (passivated)" if i == 0 else None)
        ax.text(i, lo - 0.06, f"{w.reduction_limit_V:.2f} V\n" + "\n".join(plot_formula(p) for p in w.reduction_products[:4]),
                ha="center", va="top", fontsize=7)
        top = f"{w.oxidation_limit_V:.2f} V" if w.oxidation_limit_V is not None else "no Li to extract"
        ox = [plot_formula(p) for p in w.oxidation_products[:4]]
        ax.text(i, hi + 0.06, "\n".join(ox) + ("\n" if ox else "") + top, ha="center", va="bottom", fontsize=7)
    ax.set_xticks(range(n))
    ax.set_xticklabels([plot_formula(w.formula) for w in windows], rotation=30 if n > 4 else 0,
                       ha="right" if n > 4 else "center")
    ax.set_ylabel("Potential (V vs Li/Li⁺)")
    ax.set_ylim(-1.4, v_max + 1.4)
    ax.set_xlim(-0.7, n - 0.3)
    ax.axhline(0, color="grey", lw=0.5)
    ax.set_title(title or ("Intrinsic and apparent electrochemical windows" if apparent
                           else "Intrinsic electrochemical stability windows"))
    ax.grid(axis="y", alpha=0.3, zorder=1)
    if operating or apparent:
        ax.legend(loc="upper right", fontsize=8)
    return fig


def mixing_curve(reactions: Sequence[InterfaceReaction], title: str | None = None) -> Figure:
    """Reaction energy vs mixing ratio; kinks numbered, with a table of their products below.

    The x axis runs from pure B (x = 0) to pure A (x = 1), the reactants named at both ends.
    """
    n_rows = sum(max(0, len(r.kinks) - 2) for r in reactions)
    fig = _figure(8.0, 4.8 + 0.22 * n_rows)
    ax, tab = fig.subplots(2, 1, height_ratios=[4.8, max(0.4, 0.22 * n_rows)])
    rows = []
    for i, r in enumerate(reactions):
        color = SERIES[i % len(SERIES)]
        xs = [k.mixing_ratio for k in r.kinks]
        ys = [k.reaction_energy_eV_per_atom for k in r.kinks]
        where = f" at {r.voltage_V:g} V" if r.voltage_V is not None else " (closed)"
        ax.plot(xs, ys, "o-", color=color, label=f"{plot_formula(r.reactant_a)} | {plot_formula(r.reactant_b)}{where}")
        best = min(r.kinks, key=lambda k: k.reaction_energy_eV_per_atom)
        ax.plot([best.mixing_ratio], [best.reaction_energy_eV_per_atom], "*", ms=14, color=color)
        for k in r.kinks[1:-1]:
            rows.append(k)
            ax.annotate(str(len(rows)), (k.mixing_ratio, k.reaction_energy_eV_per_atom), textcoords="offset points",
                        xytext=(0, -13), ha="center", fontsize=8, color=color, fontweight="bold")
    if len(reactions) == 1:
        r = reactions[0]
        ax.set_xlabel(f"x, atom fraction of {plot_formula(r.reactant_a)}")
        ax.text(0.0, -0.13, plot_formula(r.reactant_b), transform=ax.transAxes, ha="left", va="top", fontsize=9)
        ax.text(1.0, -0.13, plot_formula(r.reactant_a), transform=ax.transAxes, ha="right", va="top", fontsize=9)
    else:
        ax.set_xlabel("x, atom fraction of A (A | B as labelled)")
    ax.set_ylabel("Reaction energy (eV/atom)")
    ax.axhline(0, color="grey", lw=0.5)
    ax.set_xlim(-0.02, 1.02)
    ax.set_title(title or "Reaction energy vs mixing ratio")
    ax.legend(fontsize=8, loc="lower right")
    ax.grid(alpha=0.3)
    tab.axis("off")
    if rows:
        cells = [[str(i), f"{k.mixing_ratio:.3f}", f"{k.reaction_energy_eV_per_atom:.3f}",
                  ", ".join(plot_formula(p) for p in k.products[:5])] for i, k in enumerate(rows, 1)]
        t = tab.table(cellText=cells, colLabels=["#", "x", "eV/atom", "products"], loc="upper center",
                      cellLoc="left", colWidths=[0.05, 0.1, 0.12, 0.73])
        t.auto_set_font_size(False)
        t.set_fontsize(7)
    return fig


def driving_force_chart(scans: Sequence[tuple[str, Sequence[object]]], operating: tuple[float, float] | None = None,
                        title: str | None = None, breakpoints: Sequence[Sequence[object]] | None = None) -> Figure:
    """Driving force for interphase formation vs voltage for several pairs
    (Zheng et al., Batteries & Supercaps 2021, Fig. 6a, ref. 109).

    ``scans``: (label ``A | B``, points with ``voltage_V`` and ``reaction_energy_eV_per_atom``);
    ``breakpoints``: per pair, the exact breakpoints (marked where the products change).
    """
    fig = _figure(7.5, 4.8)
    ax = fig.subplots()
    if operating:
        ax.axvspan(operating[0], operating[1], color=OPERATING, alpha=0.6, zorder=0, label="operating range")
    for i, (label, pts) in enumerate(scans):
        vs = [p.voltage_V for p in pts]  # type: ignore[attr-defined]
        es = [p.reaction_energy_eV_per_atom for p in pts]  # type: ignore[attr-defined]
        pretty = " | ".join(plot_formula(s.strip()) for s in label.split("|"))
        ax.plot(vs, es, "-", lw=2, color=SERIES[i % len(SERIES)], label=pretty)
        if breakpoints is not None and i < len(breakpoints):
            bx = [(b.voltage_V, b.reaction_energy_eV_per_atom) for b in breakpoints[i]  # type: ignore[attr-defined]
                  if b.products_change]  # type: ignore[attr-defined]
            if bx:
                ax.plot(*zip(*bx), "o", ms=3.5, color=SERIES[i % len(SERIES)], zorder=3)
    if breakpoints is not None and any(breakpoints):
        ax.plot([], [], "o", ms=3.5, color="grey", label="products change")
    ax.set_xlabel("Potential (V vs Li/Li⁺)")
    ax.set_ylabel("Reaction energy (eV/atom)")
    ax.axhline(0, color="grey", lw=0.5)
    ax.set_title(title or "Driving force for interphase formation vs voltage")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    return fig


def thermal_chart(scan: object, title: str | None = None) -> Figure:
    """Driving force vs temperature (interface reaction and the whole mixture), products marked where they change."""
    pts = scan.points  # type: ignore[attr-defined]
    fig = _figure(7.5, 4.8)
    ax = fig.subplots()
    tc = [p.temperature_K - 273.15 for p in pts]
    ax.plot(tc, [p.reaction_energy_eV_per_atom for p in pts], "-", lw=2, color=SERIES[0], label="interface reaction")
    ax.plot(tc, [p.mixture_energy_eV_per_atom for p in pts], "--", lw=1.5, color=SERIES[1],
            label="mixture with the atmosphere")
    prev = None
    for p, x in zip(pts, tc):
        if prev is not None and set(p.mixture_products) != set(prev):
            ax.axvline(x, color="grey", lw=0.5, ls=":")
            ax.annotate(", ".join(plot_formula(f) for f in p.mixture_products[:3]), (x, p.mixture_energy_eV_per_atom),
                        fontsize=6, rotation=90, va="bottom")
        prev = p.mixture_products
    onset = scan.onset_temperature_K  # type: ignore[attr-defined]
    if onset is not None:
        ax.axvline(onset - 273.15, color=SERIES[0], lw=1, ls="-.", label="onset")
    a, b = pts[0].reactant_a, pts[0].reactant_b
    atm = pts[0].atmosphere.name if pts[0].atmosphere else "closed"
    ax.set_xlabel("Temperature (°C)")
    ax.set_ylabel("Reaction energy (eV/atom)")
    ax.axhline(0, color="grey", lw=0.5)
    ax.set_title(title or f"{plot_formula(a)} | {plot_formula(b)} in {atm}")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    return fig


def asr_chart(budget: AsrBudget, title: str | None = None) -> Figure:
    """Area-specific resistance of every contribution vs time, and the total (log scale)."""
    fig = _figure(7.5, 4.8)
    ax = fig.subplots()
    t = budget.times_h
    for c in budget.contributions:
        ys = [max(v, 1e-6) for v in c.asr_ohm_cm2]
        ax.plot(t, ys, lw=1.2, ls="--" if c.estimate else "-", label=f"{c.name} ({c.law})" if c.law != "none"
                else c.name)
    ax.plot(t, [max(v, 1e-6) for v in budget.total_ohm_cm2], color="black", lw=2.2, label="total")
    ax.set_yscale("log")
    _log_labels(ax.yaxis)
    ax.set_xlabel("Time (h)")
    ax.set_ylabel("ASR (Ω cm²)")
    ax.set_title(title or "Resistance budget (dashed: rests on estimated parameters)")
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5))
    return fig


def eis_chart(z: ImpedanceResult, title: str | None = None) -> Figure:
    """Nyquist plot (-Z'' vs Z', equal axes) and Bode plot (|Z| and phase vs frequency) of a spectrum."""
    import math

    fig = _figure(10.0, 4.2)
    nyq, bode = fig.subplots(1, 2)
    re_, im_ = z.z_real_ohm_cm2, [-v for v in z.z_imag_ohm_cm2]
    nyq.plot(re_, im_, marker=".", ms=3, lw=1)
    nyq.set_aspect("equal", adjustable="datalim")
    nyq.set_xlabel("Z' (Ω cm²)")
    nyq.set_ylabel("-Z'' (Ω cm²)")
    nyq.set_title("Nyquist")
    nyq.grid(alpha=0.3)
    mag = [math.hypot(a, b) for a, b in zip(z.z_real_ohm_cm2, z.z_imag_ohm_cm2)]
    phase = [-math.degrees(math.atan2(b, a)) for a, b in zip(z.z_real_ohm_cm2, z.z_imag_ohm_cm2)]
    bode.loglog(z.frequencies_Hz, mag, color="C0")
    _log_labels(bode.xaxis, bode.yaxis)
    bode.set_xlabel("Frequency (Hz)")
    bode.set_ylabel("|Z| (Ω cm²)", color="C0")
    ph = bode.twinx()
    ph.semilogx(z.frequencies_Hz, phase, color="C3", lw=1)
    _log_labels(ph.xaxis)
    ph.set_ylabel("-phase (deg)", color="C3")
    bode.set_title("Bode")
    bode.grid(alpha=0.3, which="both")
    fig.suptitle(title or "Impedance of the resistance budget at t = 0 (series R||C elements)")
    return fig


def render(fig: Figure, fmt: str) -> bytes:
    """Figure as PNG, SVG or PDF bytes without dates (reproducible)."""
    import matplotlib

    metadata = {"svg": {"Date": None}, "pdf": {"CreationDate": None, "ModDate": None}, "png": {}}[fmt]
    buf = io.BytesIO()
    with matplotlib.rc_context(_RC):
        fig.savefig(buf, format=fmt, dpi=150, metadata=metadata)
    return buf.getvalue()


def save(fig: Figure, path: str | Path) -> Path:
    """Write ``fig`` atomically; the format follows the extension (.png, .svg, .pdf)."""
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in ("png", "svg", "pdf"):
        from ..errors import SsbkitError

        raise SsbkitError(f"cannot write a plot as {path}: use .png, .svg or .pdf", param="plot")
    return atomic_write(path, render(fig, fmt))


def svg_markup(fig: Figure) -> str:
    """Inline SVG for HTML: the XML prologue and the RDF metadata block removed."""
    text = render(fig, "svg").decode("utf-8")
    start = text.find("<svg")
    text = text[start:] if start >= 0 else ""
    return re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.DOTALL)
