"""Terminal text of typed results (rich tables and lines).  Each function prints to a Console."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..constants import REACTS_EV

if TYPE_CHECKING:
    from ..interfaces.anode import AnodeInterface
    from ..interfaces.apparent import ApparentWindow
    from ..interfaces.profile import VoltageProfile
    from ..interfaces.reactions import InterfaceReaction
    from ..interfaces.removal import RemovalTemperature
    from ..interfaces.thermal import (
        AtmosphereReaction,
        ThermalReaction,
        ThermalScan,
    )
    from ..stack.report import StackAssessment
    from ..thermo.doping import DopedPhase
    from ..thermo.service import DecompositionResult, HullResult
    from ..thermo.window import StabilityWindow

#: verdict colours (used for verdicts only)
VERDICT_STYLE = {"stable": "green", "passivated": "cyan", "resistive": "yellow", "degrading": "red",
                 "incompatible": "bold red", "unknown": "bright_black"}


def _v(v: float | None, spec: str = ".3f") -> str:
    return "-" if v is None else format(v, spec)


def _verdict(v: str) -> str:
    return f"[{VERDICT_STYLE[v]}]{v}[/]"


def windows(con: Console, ws: Sequence[StabilityWindow], profile: bool = False) -> None:
    """Windows table, notes, optional Li-uptake profiles and the data source."""
    t = Table(title="Electrochemical stability windows (V vs Li/Li+)")
    for col in ("Material", "Reduction", "Oxidation", "Reduced to", "Oxidised to", "E_hull meV/at"):
        t.add_column(col)
    for w in ws:
        eh = "n/a" if w.e_above_hull_eV_per_atom is None else f"{w.e_above_hull_eV_per_atom * 1000:.1f}"
        t.add_row(w.formula, _v(w.reduction_limit_V), _v(w.oxidation_limit_V),
                  ", ".join(w.reduction_products) or "(stable vs Li)", ", ".join(w.oxidation_products) or "-", eh)
    con.print(t)
    for w in ws:
        for note in w.notes:
            con.print(f"[dim]{w.formula}: {note}[/dim]")
        if profile:
            pt = Table(title=f"{w.formula}: Li-uptake profile")
            for col in ("V vs Li/Li+", "Li per f.u.", "Phases"):
                pt.add_column(col)
            for s in w.profile:
                pt.add_row(f"{s.voltage_V:.3f}", f"{s.li_per_formula_unit:+.3f}", ", ".join(s.phases))
            con.print(pt)
    prov = ws[0].provenance if ws else None
    if prov is not None:
        con.print(f"[dim]data: {prov.data_source} ({(prov.data_version or '')[:19]})[/dim]")


def apparent_windows(con: Console, apps: Sequence[ApparentWindow]) -> None:
    """Intrinsic vs apparent window of each material, with what passivates and what ends it."""
    t = Table(title="Intrinsic and apparent (kinetic) windows, V vs Li/Li+ (Zheng et al. 2021, §3.1)")
    for col in ("Material", "Intrinsic", "Apparent", "Reduction side", "Oxidation side"):
        t.add_column(col)
    for a in apps:
        ox = "inf" if a.intrinsic_oxidation_V is None else f"{a.intrinsic_oxidation_V:.2f}"
        aox = "inf" if a.apparent_oxidation_V is None else f"{a.apparent_oxidation_V:.2f}"
        t.add_row(a.formula, f"{a.intrinsic_reduction_V:.2f}-{ox}", f"{a.apparent_reduction_V:.2f}-{aox}",
                  a.reduction.reason, a.oxidation.reason)
    con.print(t)


def hull(con: Console, r: HullResult) -> None:
    eh = "not in data" if r.e_above_hull_eV_per_atom is None else f"{r.e_above_hull_eV_per_atom * 1000:.1f} meV/atom"
    con.print(f"[bold]{r.formula}[/bold] in {r.chemical_system} ({r.n_stable_phases} stable phases)")
    con.print(f"  energy above hull: {eh}; hull formation energy {r.hull_energy_eV_per_atom:.4f} eV/atom")
    con.print("  decomposition: " + " + ".join(f"{d.atom_fraction:.3f} {d.formula}" for d in r.decomposition))
    for p in r.polymorphs:
        con.print(f"  polymorph {p.entry_id}: E_f {p.e_form_eV_per_atom:.4f}, "
                  f"E_hull {p.e_above_hull_eV_per_atom * 1000:.1f} meV/atom")
    for note in r.provenance.notes:
        con.print(f"[dim]  {escape(note)}[/dim]")


def doped(con: Console, d: DopedPhase) -> None:
    """A doped phase beside its host: energy above hull, windows (as metastable phases), orderings, method."""
    con.print(f"[bold]{d.per_host_formula_unit}[/bold] ({d.formula}): "
              + ", ".join(s.label for s in d.substitutions)
              + f"; {d.compensation}; supercell {'x'.join(map(str, d.supercell))} of {d.host}, {d.supercell_atoms} atoms")
    for sub in d.substitutions:
        if sub.site_basis != "given":
            con.print(f"  site of {sub.dopant}: {sub.site_basis}", highlight=False)
    t = Table(title="Doped phase vs host (windows as metastable phases, V vs Li/Li+)")
    for col in ("Phase", "E_hull meV/at", "Reduction", "Oxidation", "Reduced to", "Oxidised to"):
        t.add_column(col)
    host_eh = "n/a" if d.host_e_above_hull_eV_per_atom is None else f"{d.host_e_above_hull_eV_per_atom * 1000:.1f}"
    for label, eh, w in ((f"{d.host} (data)", host_eh, d.host_window),
                         (f"{d.formula} (potential)", f"{d.e_above_hull_eV_per_atom * 1000:.1f}", d.window)):
        t.add_row(label, eh, _v(w.reduction_limit_V), _v(w.oxidation_limit_V), ", ".join(w.reduction_products) or "-",
                  ", ".join(w.oxidation_products) or "-")
    con.print(t)
    con.print("  decomposes to: " + (", ".join(d.decomposition) or "-"))
    con.print("  orderings (Ewald rank: potential energy eV/atom): "
              + "; ".join(f"#{o.rank}: {o.energy_eV_per_atom:.4f}" for o in d.orderings))
    for note in d.provenance.notes:
        con.print(f"[dim]  {escape(note)}[/dim]")


def decomposition(con: Console, r: DecompositionResult) -> None:
    where = "closed system" if r.voltage_V is None else f"{r.voltage_V:g} V vs Li/Li+"
    con.print(f"[bold]{r.formula}[/bold] ({where}): {r.reaction}")
    con.print(f"  reaction energy {r.reaction_energy_eV_per_atom:.4f} eV/atom; "
              f"Li exchanged {r.li_exchanged_per_formula_unit:+.3f} per formula unit")


def _observed(con: Console, facts: Sequence[object], indent: str = "") -> None:
    for f in facts:
        con.print(f"[dim]{indent}reported: {f.text} ({f.method}; {f.citation})[/dim]", highlight=False)  # type: ignore[attr-defined]


def reaction(con: Console, r: InterfaceReaction) -> None:
    """Kinks of one reaction, the most exergonic one starred, products' character, literature."""
    where = "closed system (no Li exchange)" if r.voltage_V is None else f"{r.voltage_V:g} V vs Li/Li+"
    con.print(f"[bold]{r.reactant_a} | {r.reactant_b}[/bold], {where}")
    con.print(f"[dim]energies: {r.energy_basis}[/dim]")
    t = Table()
    for col in ("x (A)", "E_rxn eV/atom", "Products", "Reaction"):
        t.add_column(col)
    for k in r.kinks:
        star = " *" if k.mixing_ratio == r.mixing_ratio and k.reaction_energy_eV_per_atom == r.reaction_energy_eV_per_atom \
            and r.reactive else ""
        if k.reaction_energy_eV_per_atom >= -REACTS_EV:  # nothing reacts at this ratio: not a reaction
            alone = r.reactant_a if k.mixing_ratio >= 1.0 else r.reactant_b if k.mixing_ratio <= 0.0 else "mixture"
            t.add_row(f"{k.mixing_ratio:.4f}", f"{k.reaction_energy_eV_per_atom:.4f}", ", ".join(k.products),
                      f"(no reaction: {alone})" if alone != "mixture" else "(no reaction)")
            continue
        t.add_row(f"{k.mixing_ratio:.4f}{star}", f"{k.reaction_energy_eV_per_atom:.4f}", ", ".join(k.products),
                  str(k.reaction))
    if r.reactive:
        con.print(t)
    if r.reactive:
        con.print(f"most exergonic (*): {r.reaction_energy_eV_per_atom:.4f} eV/atom at x = {r.mixing_ratio:.4f}")
    else:
        con.print("no exergonic reaction: the two are in equilibrium (mixtures only)")
    if r.product_character:
        cond = [c.formula for c in r.product_character if c.conductor]
        con.print(f"electron-conducting products: {', '.join(cond) or 'none'}")
    _observed(con, r.observed)


def profile(con: Console, label: str, prof: VoltageProfile) -> None:
    """The exact driving force vs voltage: breakpoints with the products on each side, then the grid."""
    t = Table(title=f"{label}: breakpoints of the driving force, {prof.voltage_range_V[0]:g}-"
                    f"{prof.voltage_range_V[1]:g} V ({len(prof.pieces)} linear pieces)")
    for col in ("V", "E_rxn eV/atom", "Products below", "Products above"):
        t.add_column(col)
    for b in prof.breakpoints:
        if not b.products_change:
            continue
        below = ", ".join(b.products_below) if b.reaction_energy_eV_per_atom < -REACTS_EV else "(no reaction)"
        t.add_row(f"{b.voltage_V:.4f}", f"{b.reaction_energy_eV_per_atom:.4f}", below, ", ".join(b.products_above))
    if any(b.products_change for b in prof.breakpoints):
        con.print(t)
    else:
        con.print(f"{label}: the same products over the whole range")
    scan(con, label, prof.points)
    con.print(f"[dim]energies: {prof.energy_basis}; ties: {prof.tie_rule}[/dim]")


def scan(con: Console, label: str, results: Sequence[Any]) -> None:
    """Most exergonic reaction per voltage (every 25th row of long grids)."""
    t = Table(title=f"{label}: driving force vs voltage")
    for col in ("V", "E_rxn eV/atom", "x (A)", "Products"):
        t.add_column(col)
    step = max(1, len(results) // 25)
    for r in results[::step]:
        reacts = r.reaction_energy_eV_per_atom < -REACTS_EV
        prods = ", ".join(r.products) if reacts else "(no reaction)"
        t.add_row(f"{r.voltage_V:.2f}", f"{r.reaction_energy_eV_per_atom:.4f}", f"{r.mixing_ratio:.3f}", prods)
    con.print(t)
    if step > 1:
        con.print(f"[dim](every {step}th voltage shown; the JSON output gives all {len(results)})[/dim]")


def anode(con: Console, r: AnodeInterface) -> None:
    con.print(f"[bold]{r.electrolyte} | {r.anode}[/bold]: [bold]{r.classification}[/bold] ({r.status})")
    con.print(f"  0 V products: {', '.join(r.products) or 'none'}; reaction {r.reaction}")
    con.print(f"  driving force {r.reaction_energy_eV_per_atom:.4f} eV/atom (beyond self-decomposition "
              f"{r.self_decomposition_eV_per_atom:.4f}); reduction below {r.reduction_limit_V} V")
    for c in r.product_character:
        kind = {True: "electron conductor", False: "insulator", None: "unknown"}[c.conductor]
        con.print(f"  {c.formula}: {kind} ({c.basis})")
    for reason in r.reasons:
        con.print(f"  - {reason}")
    _observed(con, r.observed, "  ")


def assessment(con: Console, a: StackAssessment) -> None:
    """Verdict line, conditions, layer and interface tables (three axes), the resistance budget, every reason,
    the anode physics (Monroe-Newman, CCD, voids) and what was not computed."""
    c = a.conditions
    pos = a.provenance.details.get("positive_electrode_V") or list(c.voltage_range_V)
    con.print(f"[bold]{a.stack.label()}[/bold]  ({a.cell_type} cell{', composite cathode with carbon' if a.carbon else ''})"
              f"  verdict: {_verdict(a.verdict)}")
    con.print(f"positive electrode {pos[0]:g}-{pos[1]:g} V, {c.temperature_C:.0f} C"
              + (f", {c.pressure_MPa:g} MPa" if c.pressure_MPa is not None else "")
              + (f", {c.current_density_mA_per_cm2:g} mA/cm2" if c.current_density_mA_per_cm2 is not None else "")
              + f"; negative electrode at {a.anode_potential_V:.2f} V ({a.anode_potential_note})", highlight=False)
    con.print("reactant energies: each reactant at its hull energy (own decomposition reported on the layer)",
              style="bright_black")
    for note in a.provenance.notes[1:]:
        con.print(note, style="bright_black", highlight=False)
    t = Table(title="Layers")
    for col in ("Role", "Material", "Window V", "Apparent V", "Sees V", "Verdict"):
        t.add_column(col)
    for lay in a.layers:
        w = lay.window
        wt = "-" if not w else f"{w.reduction_limit_V:.2f}-" + ("inf" if w.oxidation_limit_V is None
                                                                 else f"{w.oxidation_limit_V:.2f}")
        ap = lay.apparent
        at = "-" if not ap else f"{ap.apparent_reduction_V:.2f}-" + ("inf" if ap.apparent_oxidation_V is None
                                                                      else f"{ap.apparent_oxidation_V:.2f}")
        seen = "-" if not lay.potentials_seen_V else f"{lay.potentials_seen_V[0]:.2f}-{lay.potentials_seen_V[1]:.2f}"
        t.add_row(lay.role, lay.name, wt, at, seen, _verdict(lay.verdict))
    con.print(t)
    t = Table(title="Interfaces: thermodynamic | kinetic | evidence axes")
    for col in ("Interface", "Driving eV/at", "Products", "Passivates", "Reported", "ASR Ω cm²", "Verdict"):
        t.add_column(col)
    for i in a.interfaces:
        th, k, ev = i.thermodynamic, i.kinetic, i.evidence
        drive = "-" if th is None or th.driving_force_eV_per_atom is None else (
            f"{th.driving_force_eV_per_atom:.3f}" + (f" @{th.at_voltage_V:.2f}V" if th.at_voltage_V is not None
                                                     else " (chem.)"))
        prods = "-" if th is None or th.driving_force_eV_per_atom is None or \
            th.driving_force_eV_per_atom > -a.thresholds.stable_eV else ", ".join(th.products)
        pas = "-" if k is None or k.passivates is None else ("yes" if k.passivates else "no") + \
            ("" if k.electron_source else " (no e- source)")
        rep = "-" if ev is None or not ev.facts else ("works (" if ev.reported_working else "reacts (") + \
            f"{len(ev.facts)})"
        asr = "-" if i.asr_end_ohm_cm2 is None else f"{i.asr_end_ohm_cm2:.3g}"
        t.add_row(i.interface, drive, prods, pas, rep, asr, _verdict(i.verdict))
    con.print(t)
    if a.asr_budget is not None:
        budget(con, a)
    con.print("[bold]Why[/bold]")
    items = [(x.verdict, f"{x.role} {x.name}", (f"sees: {x.exposure}",) + x.reasons) for x in a.layers] + \
        [(x.verdict, x.interface, x.reasons) for x in a.interfaces]
    for verdict, label, reasons in items:
        con.print(f"[{VERDICT_STYLE[verdict]}]{verdict:>12}[/] {label}")
        for r in reasons:
            con.print(f"               - {escape(r)}", highlight=False)
    for s in a.not_computed:
        con.print(f"[yellow]not computed:[/yellow] {s}", highlight=False)
    from ..stack.verdicts import WORST_LAST

    con.print(f"grades: {' < '.join(v for v in WORST_LAST if v != 'unknown')}; thresholds "
              f"{a.thresholds.stable_eV * 1000:g} meV/atom (reaction), {a.thresholds.incompatible_eV:g} eV/atom "
              f"(incompatible), {a.thresholds.asr_ohm_cm2:g} ohm cm2 after {a.thresholds.time_h:g} h (resistive)",
              style="bright_black", highlight=False)


def references(con: Console, keys: Sequence[str]) -> None:
    """A References section: each work's key and short form (``ssbkit cite KEY`` prints it in full)."""
    from ..bibliography import get

    if not keys:
        return
    con.print("References (ssbkit cite KEY prints one in full):", style="bold", highlight=False)
    for k in keys:
        con.print(f"  {k}: {get(k).short}", highlight=False)


def processing(con: Console, a: StackAssessment) -> None:
    """The processing history: thermal reactions per step and interface, and the anode-side surface."""
    if not a.process:
        return
    t = Table(title="Processing history")
    for col in ("Step", "Interface", "Interface eV/atom", "Mixture products"):
        t.add_column(col)
    for s in a.thermal_steps:
        t.add_row(s.step.label, s.interface, f"{s.reaction.reaction_energy_eV_per_atom:.4f}",
                  ", ".join(s.reaction.mixture_products))
    if a.thermal_steps:
        con.print(t)
    for s in a.surface_steps:
        left = ", ".join(s.contaminants_after) or "clean"
        eq = ", ".join(s.exposure.products)
        if s.formed:
            what = f"forms {', '.join(s.formed)} (equilibrium: {eq})"
        elif set(s.exposure.products) - {s.material}:
            what = f"forms nothing (equilibrium with the gas: {eq}; an inert gas or a stable surface adds none)"
        else:
            what = "unchanged"
        con.print(f"  {s.step.label}: {s.material} surface {what}; after: {left}")

def budget(con: Console, a: StackAssessment) -> None:
    """The ASR budget: every contribution at t = 0 and at the end time, the total, the overpotential, estimates."""
    b = a.asr_budget
    assert b is not None
    t = Table(title=f"Area-specific resistance, Ω cm² (t = 0 and {b.times_h[-1]:g} h)")
    for col in ("Contribution", "Law", "t = 0", f"t = {b.times_h[-1]:g} h", "Basis"):
        t.add_column(col)
    for c in b.contributions:
        t.add_row(c.name, c.law, f"{c.asr_start_ohm_cm2:.3g}", f"{c.asr_end_ohm_cm2:.3g}",
                  "estimate" if c.estimate else "cited")
    t.add_row("[bold]total[/bold]", "", f"{b.total_start_ohm_cm2:.3g}", f"{b.total_end_ohm_cm2:.3g}", "")
    con.print(t)
    if b.overpotential_start_V is not None:
        con.print(f"overpotential at {b.current_density_mA_per_cm2:g} mA/cm2: {b.overpotential_start_V * 1000:.3g} mV "
                  f"at t = 0, {b.overpotential_end_V * 1000:.3g} mV after {b.times_h[-1]:g} h", highlight=False)
    est = [p.name for p in b.parameters if p.basis == "estimate"]
    if est:
        con.print(f"estimated parameters (set them with --param NAME=VALUE): {', '.join(est)}", style="bright_black",
                  highlight=False)
    for n in b.notes:
        con.print(f"note: {n}", style="bright_black", highlight=False)
    z = a.impedance
    if z is not None:
        arcs = sorted((e for e in z.elements if e["peak_frequency_Hz"]), key=lambda e: -e["resistance_ohm_cm2"])[:3]
        con.print(f"impedance (t = 0, {len(z.frequencies_Hz)} points, {z.frequencies_Hz[-1]:.3g}-"
                  f"{z.frequencies_Hz[0]:.3g} Hz): low-frequency Z' {z.z_real_ohm_cm2[-1]:.4g} ohm cm2; largest arcs "
                  + ", ".join(f"{e['name']} {e['resistance_ohm_cm2']:.3g} ohm cm2 at {e['peak_frequency_Hz']:.3g} Hz"
                              for e in arcs) + " (--plot-eis FILE)", highlight=False)


def _c(kelvin: float | None) -> str:
    return "-" if kelvin is None else f"{kelvin - 273.15:.0f} C ({kelvin:.6g} K)"


def thermal(con: Console, r: ThermalReaction | ThermalScan) -> None:
    """A thermal reaction at one temperature, or a scan with its onset."""
    from ..interfaces.thermal import ThermalScan

    pts = r.points if isinstance(r, ThermalScan) else (r,)
    first = pts[0]
    atm = first.atmosphere.name if first.atmosphere else "closed (no gas)"
    con.print(f"[bold]{first.reactant_a} | {first.reactant_b}[/bold] heated in {atm}")
    t = Table()
    for col in ("T", "Interface eV/atom", "Mixture eV/atom", "Mixture products", "A alone", "B alone"):
        t.add_column(col)
    step = max(1, len(pts) // 30)
    for p in pts[::step]:
        t.add_row(_c(p.temperature_K), f"{p.reaction_energy_eV_per_atom:.4f}", f"{p.mixture_energy_eV_per_atom:.4f}",
                  ", ".join(p.mixture_products), f"{p.energy_a_with_atmosphere_eV_per_atom:.4f}",
                  f"{p.energy_b_with_atmosphere_eV_per_atom:.4f}")
    con.print(t)
    if isinstance(r, ThermalScan):
        con.print(f"onset (interface reaction below -{r.threshold_eV_per_atom:g} eV/atom): {_c(r.onset_temperature_K)}"
                  + ("" if r.onset_temperature_K is not None else " - not in the range"))
        if r.product_changes_K:
            con.print("mixture products change at: " + ", ".join(_c(x) for x in r.product_changes_K[:8]))
    last = pts[-1]
    if last.mixture_reaction is not None:
        con.print(f"at {_c(last.temperature_K)}: {last.mixture_reaction}")
    if last.reaction_energy_eV_per_atom < -REACTS_EV:
        con.print(f"interface reaction: {last.reaction}")
    con.print(f"[dim]energies: {last.energy_basis}[/dim]")
    for n in last.provenance.notes:
        con.print(f"[dim]{escape(n)}[/dim]")


def atmosphere_reaction(con: Console, r: AtmosphereReaction) -> None:
    con.print(f"[bold]{r.material}[/bold] in {r.atmosphere.name} at {_c(r.temperature_K)}: "
              + ("stable" if r.stable else f"reacts, {r.reaction_energy_eV_per_atom:.4f} eV/atom"))
    con.print(f"  products: {', '.join(r.products)}")
    con.print(f"  {r.reaction}")
    con.print("  chemical potentials (eV/atom): " + ", ".join(f"{k} {v:.3f}" for k, v in r.chemical_potentials_eV.items()))
    for n in r.provenance.notes:
        con.print(f"[dim]{escape(n)}[/dim]")


def removal(con: Console, r: RemovalTemperature) -> None:
    where = f" on {r.substrate}" if r.substrate else ""
    if r.temperature_K is None:
        con.print(f"[bold]{r.layer}[/bold]{where} in {r.atmosphere.name}: not removed up to {_c(r.searched_up_to_K)}")
        return
    con.print(f"[bold]{r.layer}[/bold]{where} in {r.atmosphere.name}: removed above {_c(r.temperature_K)} "
              f"(within {r.resolution_K:g} K)")
    if r.reaction is not None:
        con.print(f"  {r.reaction}")
    _removal_carbon(con, r)


def _removal_carbon(con: Console, r: RemovalTemperature) -> None:
    """What the carbon in contact did: how much the removal takes, and the share a short supply removed."""
    if r.carbon_needed_per_formula is None:
        return
    if r.carbon_removed_fraction is None:
        con.print(f"  carbon used: {r.carbon_needed_per_formula:.4g} C per formula unit of {r.layer}")
        return
    rest = "its own removal above" if r.temperature_K is not None else "nothing up to"
    when = _c(r.temperature_K if r.temperature_K is not None else r.searched_up_to_K)
    con.print(f"  the carbon present ({r.atmosphere.carbon_per_formula:g} C per formula unit) removes "
              f"{100 * r.carbon_removed_fraction:.3g} % of the layer above {_c(r.carbon_assisted_K)}; the removal "
              f"there takes {r.carbon_needed_per_formula:.4g} C; the rest awaits {rest} {when}")

