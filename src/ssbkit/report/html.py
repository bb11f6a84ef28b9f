"""Self-contained HTML report of a stack assessment: tables and inline SVG plots,
no scripts, fonts or images fetched from anywhere (it opens offline)."""

from __future__ import annotations

import html
import json
from types import SimpleNamespace
from typing import Any

from ..stack import knowledge as kb
from .plots import driving_force_chart, mixing_curve, window_chart

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;margin:2rem auto;max-width:1150px;
color:#1d2330;line-height:1.4;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:2px solid #e3e7ef;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.6rem 0;font-size:.9rem}
th,td{border:1px solid #d6dbe6;padding:.35rem .5rem;vertical-align:top;text-align:left}th{background:#f3f5f9}
.badge{display:inline-block;padding:.1rem .55rem;border-radius:.8rem;font-weight:600;font-size:.85rem;color:#fff}
.ok{background:#2e7d32}.caution{background:#ef8f00}.fail{background:#c62828}.unknown{background:#6b7280}
.small{font-size:.82rem;color:#4b5563}.fig{margin:1rem 0;text-align:center}.fig svg{max-width:100%;height:auto}
ul{margin:.2rem 0 .2rem 1.1rem;padding:0}pre{background:#f6f8fa;padding:.8rem;overflow:auto;font-size:.78rem}
.missing{background:#fff7e6;border-left:4px solid #ef8f00;padding:.6rem 1rem}
"""


def _e(x: Any) -> str:
    return html.escape(str(x))


def _badge(v: str) -> str:
    return f'<span class="badge {_e(v)}">{_e(v)}</span>'


def _svg(data: bytes) -> str:
    """Inline SVG markup: XML prologue and the RDF <metadata> block removed."""
    import re

    text = data.decode("utf-8")
    start = text.find("<svg")
    text = text[start:] if start >= 0 else ""
    return re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.DOTALL)


def _reasons(rs: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{_e(r)}</li>" for r in rs) + "</ul>"


def _num(v: Any, fmt: str = "{:.3f}") -> str:
    return "-" if v is None else fmt.format(v)


def render_assessment(a: Any) -> str:
    """HTML text of a :class:`ssbkit.stack.assess.StackAssessment`."""
    c = a.conditions
    parts = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
             f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
             f"<title>ssbkit: {_e(a.stack.label())}</title><style>{_CSS}</style></head><body>"]
    parts.append(f"<h1>{_e(a.stack.label())}</h1>")
    cd = c.to_dict()
    cond_txt = (f"cathode {c.voltage_range_V[0]:g}-{c.voltage_range_V[1]:g} V vs Li/Li+, "
                f"{cd['temperature_C']:.0f} °C"
                + (f", {cd['pressure_MPa']:g} MPa" if cd["pressure_MPa"] is not None else ", no stack pressure given")
                + (f", {cd['current_density_mA_per_cm2']:g} mA/cm²" if cd["current_density_mA_per_cm2"] is not None else ""))
    parts.append(f"<p>{_e(cond_txt)}; anode at {a.anode_potential_V:.2f} V. Overall verdict: {_badge(a.verdict)}</p>")
    parts.append("<ul>" + "".join(f"<li>{_e(s)}</li>" for s in a.summary) + "</ul>")
    if a.not_computed:
        parts.append("<div class='missing'><b>Not computed</b><ul>" + "".join(f"<li>{_e(s)}</li>" for s in a.not_computed)
                     + "</ul></div>")
    # layers
    parts.append("<h2>Layers</h2><table><tr><th>Role</th><th>Material</th><th>Window (V)</th><th>Sees (V)</th>"
                 "<th>Electronic</th><th>σ<sub>RT</sub> (S/cm)</th><th>Verdict</th><th>Why</th></tr>")
    for lay in a.layers:
        w = lay.window
        wtxt = "-" if not w else f"{w['reduction_limit_V']:.2f} – {_num(w['oxidation_limit_V'], '{:.2f}')}"
        seen = "-" if not lay.potentials_seen_V else f"{lay.potentials_seen_V[0]:.2f} – {lay.potentials_seen_V[1]:.2f}"
        el = lay.electronic or {}
        etxt = {True: "conductor", False: "insulator", None: "unknown"}[el.get("electronic_conductor")] if el else "-"
        sig = lay.conductivity
        stxt = "-" if not sig else f"{sig['conductivity_rt_S_per_cm']:.2g} <span class='small'>({_e(sig['source'])})</span>"
        parts.append(f"<tr><td>{_e(lay.role)}</td><td>{_e(lay.name)}<br><span class='small'>{_e(lay.formula)}</span></td>"
                     f"<td>{wtxt}</td><td>{seen}<br><span class='small'>{_e(lay.exposure)}</span></td><td>{etxt}</td>"
                     f"<td>{stxt}</td><td>{_badge(lay.verdict)}</td><td>{_reasons(lay.reasons)}</td></tr>")
    parts.append("</table>")
    if a.windows:
        fig = window_chart(a.windows, None, v_max=max(5.0, c.voltage_range_V[1]), operating=c.voltage_range_V,
                           title="Layer windows vs operating range (seed 1 Fig. 2a style)", fmt="svg")
        parts.append(f"<div class='fig'>{_svg(fig)}</div>")
    # interfaces
    parts.append("<h2>Interfaces</h2><table><tr><th>Interface</th><th>Chemical ΔE (eV/atom)</th>"
                 "<th>Electrochemical ΔE (eV/atom)</th><th>Products</th><th>Interphase</th><th>Verdict</th><th>Why</th></tr>")
    for i in a.interfaces:
        ch = i.chemical or {}
        ec = i.electrochemical or {}
        ectxt = "-" if not ec else f"{ec['worst_reaction_energy_eV_per_atom']:.3f} at {ec['at_voltage_V']:.2f} V"
        parts.append(f"<tr><td>{_e(i.label)}</td><td>{_num(ch.get('reaction_energy_eV_per_atom'))}</td><td>{_e(ectxt)}</td>"
                     f"<td>{_e(', '.join(i.products) or '-')}</td><td>{_e(i.interphase_type or '-')}</td>"
                     f"<td>{_badge(i.verdict)}</td><td>{_reasons(i.reasons)}</td></tr>")
    parts.append("</table>")
    scans = [(i.label, [SimpleNamespace(**s) for s in i.scan]) for i in a.interfaces if len(i.scan) > 1]
    if scans:
        fig = driving_force_chart(scans, None, operating=c.voltage_range_V,
                                  title="Driving force vs voltage per interface (seed 1 Fig. 6a style)", fmt="svg")
        parts.append(f"<div class='fig'>{_svg(fig)}</div>")
    mix = []
    for i in a.interfaces:
        if i.kinks:
            l, r = i.label.split(" | ", 1)
            mix.append(SimpleNamespace(reactant_a=l, reactant_b=r, voltage_V=None,
                                       kinks=[SimpleNamespace(**k) for k in i.kinks]))
    if mix:
        fig = mixing_curve(mix, None, title="Chemical reaction energy vs mixing ratio", fmt="svg")
        parts.append(f"<div class='fig'>{_svg(fig)}</div>")
    # literature
    lit = [(i.label, r) for i in a.interfaces for r in i.literature]
    if lit:
        parts.append("<h2>What the seeds report</h2><table><tr><th>Interface</th><th>Reported</th><th>Method</th>"
                     "<th>Source</th></tr>")
        for label, r in lit:
            parts.append(f"<tr><td>{_e(label)}</td><td>{_e(kb.describe(r))}</td><td>{_e(r.get('method', ''))}</td>"
                         f"<td>{_e(r.get('source'))} {_e(r.get('table'))} ref. {_e(r.get('ref'))}"
                         f"{' (' + _e(r.get('match_note')) + ')' if r.get('match_note') else ''}</td></tr>")
        parts.append("</table>")
    # physics
    phys = [(i.label, i.physics) for i in a.interfaces if i.physics]
    if phys:
        parts.append("<h2>Anode physics</h2>")
        for label, p in phys:
            parts.append(f"<h3>{_e(label)}</h3><table><tr><th>Model</th><th>Result</th><th>Source</th></tr>")
            v = p.get("voids")
            if v:
                res = (f"limit {v['limiting_current_density_mA_per_cm2']:.3g} mA/cm² "
                       f"(diffusion {v['diffusion_limit_mA_per_cm2']:.3g}, creep {v['creep_limit_mA_per_cm2']:.3g})"
                       + ("" if v.get("voids_form") is None else f"; voids form: {v['voids_form']}"))
                parts.append(f"<tr><td>stripping voids</td><td>{_e(res)}</td><td>{_e(v.get('citation'))}</td></tr>")
            cc = p.get("ccd") or {}
            if cc.get("ccd_mA_per_cm2") is not None:
                res = f"{cc['ccd_mA_per_cm2']:.3g} mA/cm² ({cc['method']})" + (
                    f"; dendrite risk {cc['dendrite_risk']}" if cc.get("dendrite_risk") else "")
                src = "; ".join(f"{q.get('source')} {q.get('ref')}" for q in cc.get("points", []))
                parts.append(f"<tr><td>critical current density</td><td>{_e(res)}</td><td>{_e(src)}</td></tr>")
            elif cc.get("note"):
                parts.append(f"<tr><td>critical current density</td><td>{_e(cc['note'])}</td><td></td></tr>")
            m = p.get("monroe_newman")
            if m:
                res = f"G_SE/G_Li = {m['modulus_ratio']:.1f} (needs ≥ {m['required_ratio']:g}): " + \
                    ("suppresses" if m["suppresses_dendrites"] else "does not suppress")
                parts.append(f"<tr><td>Monroe-Newman</td><td>{_e(res)}</td><td>{_e(m.get('source'))}</td></tr>")
            ct = p.get("contact")
            if ct:
                res = f"ASR {ct['asr_ohm_cm2']:.3g} Ω cm² at {ct['pressure_Pa'] / 1e6:g} MPa" + \
                    ("" if ct.get("applicable") else " (outside Eq. 1's validity: contact complete)")
                parts.append(f"<tr><td>constriction resistance (Eq. 1)</td><td>{_e(res)}</td><td>{_e(ct.get('citation'))}</td></tr>")
            if p.get("interphase_growth_law"):
                parts.append(f"<tr><td>interphase growth</td><td>{_e(p['interphase_growth_law'])}</td>"
                             f"<td>seed 1 Fig. 7a, ref. [16c]</td></tr>")
            if p.get("note"):
                parts.append(f"<tr><td colspan='3'>{_e(p['note'])}</td></tr>")
            parts.append("</table>")
    parts.append("<h2>Provenance</h2><pre>" + _e(json.dumps(a.provenance, indent=2, default=str)) + "</pre>")
    parts.append("<p class='small'>Generated by ssbkit. Thermodynamics: formation energies from the configured data "
                 "source; knowledge base: Zheng et al., Batteries & Supercaps 2021 and Wang et al., Adv. Energy Mater. 2020.</p>")
    parts.append("</body></html>")
    return "\n".join(parts)
