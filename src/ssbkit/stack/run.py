"""The assessment pass: the facts of every layer and interface with the resistance contributions they create,
the processing facts, then one grading pass (:mod:`.grading`) that assigns every verdict."""

from __future__ import annotations

from .._version import __version__
from ..bibliography import REVIEWS, citations, ordered, references_of
from ..data import suspect
from ..data.volumes import open_volumes
from ..materials import resolve
from ..results import Provenance
from .anode_physics import anode_physics, with_microstructure_ccd
from .budget import BudgetBuilder, time_grid
from .conditions import Conditions
from .consumption import consume_layers
from .contact_loss import contact_loss
from .context import AssessmentContext, electrode_ranges
from .exposure import exposure
from .grading import cell_verdict, grade_interface, grade_layer
from .heat import HeatFacts, heat_facts
from .impedance import budget_spectrum
from .interface_facts import interface_facts
from .interphase_volume import interphase_volume
from .layer_facts import layer_facts, with_growth
from .parse import Layer, Stack
from .report import StackAssessment
from .surface import surface_terms

NO_DATA = ("stability windows and interface reactions: no thermodynamic data configured (give a CSV/CSV.gz of "
           "formula + formation energy per atom, a pymatgen ComputedEntry JSON, or the Materials Project API with "
           "MP_API_KEY)")
NO_GAPS = ("band gaps of compound products: no band-gap source configured, only metals and alloys were classified "
           "as electron conductors")


def assess_stack(ctx: AssessmentContext, stack: Stack, cond: Conditions) -> StackAssessment:
    """Facts of every layer and interface, the resistance budget, the processing facts, one grading pass."""
    not_computed = [NO_DATA] if ctx.thermo is None else ([NO_GAPS] if ctx.gaps is None else [])
    positive_V, negative_V, v_note = electrode_ranges(stack, cond)
    conducts = [None] + [ctx.conducts(lay) for lay in stack.layers[1:-1]] + [None]
    exp = exposure(stack, conducts, positive_V, negative_V, ctx.carbon)
    physics = anode_physics(stack, cond, ctx.params)
    budget = BudgetBuilder(ctx.params, time_grid(ctx.thresholds.time_h))
    layers = [layer_facts(ctx, stack, i, exp, budget) for i in range(len(stack.layers))]
    interfaces = []
    for i, (a, b) in enumerate(stack.interfaces):
        ctx.progress(f"{a.material.name} | {b.material.name}")
        interfaces.append(interface_facts(ctx, stack, i, a, b, exp, cond, physics, budget))
    el_idx = next((i for i, lay in enumerate(stack.layers) if lay.role == "electrolyte"), None)
    if ctx.carbon and stack.layers[0].role == "cathode" and el_idx is not None:
        interfaces.append(interface_facts(ctx, stack, -1, stack.layers[el_idx], Layer("interlayer", resolve("C")),
                                          exp, cond, None, budget, carbon_pots=positive_V))
    for lay in stack.layers:
        if lay.role == "electrolyte":
            budget.electrolyte(lay.material.name, lay.formula, lay.material.model_formula)
    heat = heat_facts(ctx, stack, interfaces) if ctx.process else HeatFacts()
    if heat.error:
        not_computed.append(f"processing history: {heat.error}")
    elif heat.surface_at is not None:
        host = interfaces[heat.surface_at].left.formula
        for f in interfaces:  # every face of that layer Li touches (both in a symmetric cell)
            if "Li" in (f.left.formula, f.right.formula) and host in (f.left.formula, f.right.formula):
                f.contributions += surface_terms(heat, f, budget, cond.pressure_Pa)
    contact_loss(stack, layers, interfaces, cond, budget)
    volumes = open_volumes()
    for f in interfaces:
        if f.physics is not None:
            f.physics = with_microstructure_ccd(f.physics, stack, f.contributions, ctx.params, cond)
        if f.reacted is not None and f.reacted.thermo.driving_force_eV_per_atom is not None and \
                f.reacted.thermo.driving_force_eV_per_atom < -ctx.thresholds.stable_eV:
            f.volume = interphase_volume(f.reacted.reaction, volumes)
    layers = consume_layers(layers, interfaces, budget)
    graded_layers = [grade_layer(f, ctx.thresholds) for f in with_growth(layers, interfaces)]
    graded = [grade_interface(f, k, heat, ctx.thresholds, ctx.params) for k, f in enumerate(interfaces)]
    summary = [f"{x.role} {x.name}: {x.verdict} - {x.reasons[0]}" for x in graded_layers if x.verdict != "stable"]
    summary += [f"{x.interface}: {x.verdict} - {x.reasons[0]}" for x in graded if x.verdict != "stable"]
    built = budget.build(cond.current_density_mA_per_cm2)
    used = references_of((graded_layers, graded, physics, ctx.params))
    citations.register(*used)
    return StackAssessment(stack=stack, conditions=cond, anode_potential_V=negative_V[0], anode_potential_note=v_note,
                           layers=tuple(graded_layers), interfaces=tuple(graded),
                           verdict=cell_verdict(graded_layers, graded),
                           summary=tuple(summary or ["every layer and interface is stable under these conditions"]),
                           not_computed=tuple(not_computed),
                           provenance=_provenance(ctx, positive_V, negative_V, ordered((*REVIEWS, *used))),
                           cell_type=stack.cell_type, carbon=ctx.carbon, thresholds=ctx.thresholds,
                           asr_budget=built, impedance=budget_spectrum(built, ctx.params, ctx.frequencies_Hz),
                           process=ctx.process,
                           thermal_steps=tuple(heat.steps), surface_steps=heat.surface)


def _provenance(ctx: AssessmentContext, positive_V: tuple[float, float], negative_V: tuple[float, float],
                references: tuple[str, ...]) -> Provenance:
    src = ctx.thermo.source.provenance() if ctx.thermo is not None else {}
    left_out = tuple(getattr(ctx.thermo.source, "excluded", ()) or ()) if ctx.thermo is not None else ()
    extra = (f"suspect database phases left out of the data: {suspect.left_out(left_out)} (keep them with "
             "--keep-suspect; docs/thermo.md)",) if left_out else ()
    return Provenance(method="stack assessment (ssbkit.stack.assess)", ssbkit_version=__version__,
                      data_source=src.get("data_source"), data_kind=src.get("data_kind"),
                      data_version=src.get("data_version"), references=references,
                      notes=("reactant energies: each reactant at its hull energy (a metastable material's own "
                             "decomposition is reported on the layer, not counted as interface reaction)", *extra),
                      details={"thresholds": ctx.thresholds.to_dict(),
                               "band_gap_source": getattr(ctx.gaps, "source", None),
                               "positive_electrode_V": list(positive_V), "negative_electrode_V": list(negative_V)})


