"""Whole-stack assessment: will this ASSLB stack work, and where does it fail?

For a stack (any number of layers, :mod:`ssbkit.stack.parse`) under
:class:`~ssbkit.stack.conditions.Conditions`, ssbkit assesses

* every layer: its intrinsic and apparent (kinetic) window (Zheng et al., Batteries &
  Supercaps 2021, §3.1) against the potentials it sees (:mod:`ssbkit.stack.exposure`);
* every interface on three axes - thermodynamic (chemical and Li-open driving force,
  products), kinetic (do the products passivate, are they stable where they sit) and
  evidence (what the reviews report for the pair) - combined into one graded verdict
  (:mod:`ssbkit.stack.verdicts`);
* the anode side: stripping voids, dendrites (CCD, Monroe-Newman) and contact (Wang et al.,
  Adv. Energy Mater. 2020, §2.3-2.5), see :mod:`ssbkit.stack.anode_physics`;
* the area-specific resistance of every interphase, coating, electrolyte and contact over
  time (:mod:`ssbkit.stack.budget`), with the parameters used.

Without thermodynamic data it still reports the knowledge base and physics, and says exactly
what it could not compute.

The pass runs one way: a context (:mod:`.context`), the facts of every layer (:mod:`.layer_facts`) and
interface (:mod:`.interface_facts`) with the resistance contributions they create, the processing facts
(:mod:`.heat`), then one grading pass (:mod:`.grading`) that assigns every verdict.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._version import __version__
from ..bibliography import REVIEWS, citations, ordered, references_of
from ..materials import resolve
from ..parameters import Parameters
from ..results import Provenance
from ..thermo.service import Thermo
from .anode_physics import anode_physics
from .budget import BudgetBuilder, time_grid
from .conditions import Conditions
from .context import AssessmentContext, electrode_ranges
from .exposure import exposure
from .grading import cell_verdict, grade_interface, grade_layer
from .heat import HeatFacts, heat_facts
from .interface_facts import interface_facts
from .layer_facts import layer_facts
from .parse import Layer, Stack
from .report import StackAssessment
from .verdicts import Thresholds

NO_DATA = ("stability windows and interface reactions: no thermodynamic data configured (give a CSV/CSV.gz of "
           "formula + formation energy per atom, a pymatgen ComputedEntry JSON, or the Materials Project API with "
           "MP_API_KEY)")
NO_GAPS = ("band gaps of compound products: no band-gap source configured, only metals and alloys were classified "
           "as electron conductors")


def assess_stack(ctx: AssessmentContext, stack: Stack, cond: Conditions) -> StackAssessment:
    """Facts of every layer and interface, the resistance budget, the processing facts, one grading pass."""
    not_computed = [NO_DATA] if ctx.thermo is None else ([NO_GAPS] if ctx.gaps is None else [])
    left_rng, right_rng, v_note = electrode_ranges(stack, cond)
    conducts = [None] + [ctx.conducts(lay) for lay in stack.layers[1:-1]] + [None]
    exp = exposure(stack, conducts, left_rng, right_rng, ctx.carbon)
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
                                          exp, cond, None, budget, carbon_pots=left_rng))
    for lay in stack.layers:
        if lay.role == "electrolyte":
            budget.electrolyte(lay.material.name, lay.formula)
    heat = heat_facts(ctx, stack, interfaces) if ctx.process else HeatFacts()
    if heat.error:
        not_computed.append(f"processing history: {heat.error}")
    graded_layers = [grade_layer(f, ctx.thresholds) for f in layers]
    graded = [grade_interface(f, k, heat, ctx.thresholds) for k, f in enumerate(interfaces)]
    summary = [f"{x.role} {x.name}: {x.verdict} - {x.reasons[0]}" for x in graded_layers if x.verdict != "stable"]
    summary += [f"{x.interface}: {x.verdict} - {x.reasons[0]}" for x in graded if x.verdict != "stable"]
    used = references_of((graded_layers, graded, physics, ctx.params))
    citations.register(*used)
    return StackAssessment(stack=stack, conditions=cond, anode_potential_V=right_rng[0], anode_potential_note=v_note,
                           layers=tuple(graded_layers), interfaces=tuple(graded),
                           verdict=cell_verdict(graded_layers, graded),
                           summary=tuple(summary or ["every layer and interface is stable under these conditions"]),
                           not_computed=tuple(not_computed),
                           provenance=_provenance(ctx, left_rng, right_rng, ordered((*REVIEWS, *used))),
                           cell_type=stack.cell_type, carbon=ctx.carbon, thresholds=ctx.thresholds,
                           asr_budget=budget.build(cond.current_density_mA_per_cm2), process=ctx.process,
                           thermal_steps=tuple(heat.steps), surface_steps=heat.surface)


def _provenance(ctx: AssessmentContext, left_rng: tuple[float, float], right_rng: tuple[float, float],
                references: tuple[str, ...]) -> Provenance:
    src = ctx.thermo.source.provenance() if ctx.thermo is not None else {}
    return Provenance(method="stack assessment (ssbkit.stack.assess)", ssbkit_version=__version__,
                      data_source=src.get("data_source"), data_kind=src.get("data_kind"),
                      data_version=src.get("data_version"), references=references,
                      notes=("reactant energies: each reactant at its hull energy (a metastable material's own "
                             "decomposition is reported on the layer, not counted as interface reaction)",),
                      details={"thresholds": ctx.thresholds.to_dict(),
                               "band_gap_source": getattr(ctx.gaps, "source", None),
                               "positive_electrode_V": list(left_rng), "negative_electrode_V": list(right_rng)})


class StackAssessor:
    """The assessment with its inputs held (kept for code written against it; :class:`AssessmentRequest` is the
    one entry point the CLI, the web page and :func:`ssbkit.assess` use)."""

    def __init__(self, thermo: Thermo | None, gaps: Any | None = None,
                 progress: Callable[[str], None] | None = None, params: Parameters | None = None,
                 thresholds: Thresholds | None = None, carbon: bool = False, process: tuple = ()) -> None:
        self.ctx = AssessmentContext(thermo, gaps, params or Parameters.load(), thresholds or Thresholds(), carbon,
                                     tuple(process), progress or (lambda msg: None))

    def assess(self, stack: Stack, cond: Conditions) -> StackAssessment:
        return assess_stack(self.ctx, stack, cond)


def assess(stack_text: str, cond: Conditions, thermo: Thermo | None, gaps: Any | None = None,
           progress: Callable[[str], None] | None = None, params: Parameters | None = None,
           thresholds: Thresholds | None = None, carbon: bool = False, process: str | None = None) -> StackAssessment:
    """Parse and assess a stack (:class:`AssessmentRequest`); ``process``: heat-treatment steps
    (:func:`ssbkit.stack.process.parse_process`)."""
    from .request import AssessmentRequest

    return AssessmentRequest(stack_text, cond, params, thresholds or Thresholds(), carbon, process).run(
        thermo, gaps, progress)
