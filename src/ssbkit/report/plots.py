"""Plots (matplotlib, Agg backend): stability windows, reaction energy vs mixing ratio,
driving force vs voltage.  Analysis never happens here; these functions draw
result objects.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import matplotlib

matplotlib.use("Agg")
matplotlib.rcParams["svg.fonttype"] = "none"  # keep SVG text as text (small, searchable)
matplotlib.rcParams["svg.hashsalt"] = "ssbkit"  # reproducible SVG ids
import matplotlib.pyplot as plt

_COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf",
           "#7f7f7f", "#bcbd22"]


def _save(fig: Any, path: str | None, fmt: str | None = None) -> bytes:
    buf = io.BytesIO()
    if fmt is None:
        fmt = "svg" if path and path.lower().endswith(".svg") else "png"
    fig.savefig(buf, format=fmt, dpi=150, bbox_inches="tight")
    plt.close(fig)
    data = buf.getvalue()
    if path:
        from ..cli._common import atomic_write

        atomic_write(path, data)
    return data


def window_chart(windows: Sequence[Any], path: str | None = None, v_max: float = 5.0,
                 operating: tuple[float, float] | None = None, title: str | None = None,
                 fmt: str | None = None) -> bytes:
    """Stability windows as bars, one per material (Zheng et al., Batteries & Supercaps 2021, Fig. 2a).

    Each bar spans reduction to oxidation limit (V vs Li/Li+); the phase
    equilibria beyond each limit are written at its ends.  ``operating``
    shades an operating voltage range.  Returns the image bytes; writes them
    atomically to ``path`` when given (PNG, or SVG by extension).
    """
    n = len(windows)
    fig, ax = plt.subplots(figsize=(max(4.0, 1.6 * n + 1.5), 6.0))
    if operating:
        ax.axhspan(operating[0], operating[1], color="#ffe9a8", alpha=0.6, zorder=0, label="operating range")
    for i, w in enumerate(windows):
        lo = max(0.0, w.reduction_limit_V)
        hi = w.oxidation_limit_V if w.oxidation_limit_V is not None else v_max
        hi = min(hi, v_max)
        color = _COLORS[i % len(_COLORS)]
        ax.bar(i, hi - lo, bottom=lo, width=0.55, color=color, alpha=0.85, zorder=2,
               edgecolor="black", linewidth=0.6)
        ax.text(i, lo - 0.06, f"{w.reduction_limit_V:.2f} V\n" + "\n".join(w.reduction_products[:4]),
                ha="center", va="top", fontsize=7)
        top = f"{w.oxidation_limit_V:.2f} V" if w.oxidation_limit_V is not None else "no Li to extract"
        ax.text(i, hi + 0.06, "\n".join(w.oxidation_products[:4]) + ("\n" if w.oxidation_products else "") + top,
                ha="center", va="bottom", fontsize=7)
    ax.set_xticks(range(n))
    ax.set_xticklabels([w.formula for w in windows], rotation=30 if n > 4 else 0, ha="right" if n > 4 else "center")
    ax.set_ylabel("Potential (V vs Li/Li$^+$)")
    ax.set_ylim(-1.4, v_max + 1.4)
    ax.set_xlim(-0.7, n - 0.3)
    ax.axhline(0, color="grey", lw=0.5)
    ax.set_title(title or "Intrinsic electrochemical stability windows")
    ax.grid(axis="y", alpha=0.3, zorder=1)
    if operating:
        ax.legend(loc="upper right", fontsize=8)
    return _save(fig, path, fmt)


def mixing_curve(reactions: Sequence[Any], path: str | None = None, title: str | None = None,
                 fmt: str | None = None) -> bytes:
    """Reaction energy vs mixing ratio for one or more interface results (kinks joined by lines).

    Each result needs ``kinks`` (objects with ``mixing_ratio``,
    ``reaction_energy_eV_per_atom`` and ``products``), ``reactant_a``,
    ``reactant_b`` and ``voltage_V``.
    """
    fig, ax = plt.subplots(figsize=(7.5, 4.8))
    for i, r in enumerate(reactions):
        xs = [k.mixing_ratio for k in r.kinks]
        ys = [k.reaction_energy_eV_per_atom for k in r.kinks]
        lab = f"{r.reactant_a} | {r.reactant_b}" + (f" at {r.voltage_V:g} V" if r.voltage_V is not None else " (closed)")
        color = _COLORS[i % len(_COLORS)]
        ax.plot(xs, ys, "o-", color=color, label=lab)
        kmin = min(r.kinks, key=lambda k: k.reaction_energy_eV_per_atom)
        ax.plot([kmin.mixing_ratio], [kmin.reaction_energy_eV_per_atom], "*", ms=14, color=color)
        if len(reactions) == 1:
            for k in r.kinks[1:-1]:
                ax.annotate(", ".join(k.products[:4]), (k.mixing_ratio, k.reaction_energy_eV_per_atom),
                            textcoords="offset points", xytext=(0, -14), ha="center", fontsize=7)
    ax.set_xlabel("Mixing ratio x (atom fraction of A)")
    ax.set_ylabel("Reaction energy (eV/atom)")
    ax.axhline(0, color="grey", lw=0.5)
    ax.set_xlim(-0.02, 1.02)
    ax.set_title(title or "Reaction energy vs mixing ratio")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    return _save(fig, path, fmt)


def driving_force_chart(scans: Sequence[tuple[str, Sequence[Any]]], path: str | None = None,
                        operating: tuple[float, float] | None = None, title: str | None = None,
                        fmt: str | None = None) -> bytes:
    """Driving force for interphase formation vs voltage for several pairs
    (Zheng et al., Batteries & Supercaps 2021, Fig. 6a, ref. [109]).

    ``scans`` is a list of (label, results) with results having ``voltage_V``
    and ``reaction_energy_eV_per_atom``.
    """
    fig, ax = plt.subplots(figsize=(7.5, 4.8))
    if operating:
        ax.axvspan(operating[0], operating[1], color="#ffe9a8", alpha=0.6, zorder=0, label="operating range")
    for i, (label, results) in enumerate(scans):
        vs = [r.voltage_V for r in results]
        es = [r.reaction_energy_eV_per_atom for r in results]
        ax.plot(vs, es, "-", lw=2, color=_COLORS[i % len(_COLORS)], label=label)
    ax.set_xlabel("Potential (V vs Li/Li$^+$)")
    ax.set_ylabel("Reaction energy (eV/atom)")
    ax.axhline(0, color="grey", lw=0.5)
    ax.set_title(title or "Driving force for interphase formation vs voltage")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    return _save(fig, path, fmt)
