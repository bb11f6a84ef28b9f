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

from ..parameters import Parameters
from ..thermo.service import Thermo
from .conditions import Conditions
from .context import AssessmentContext
from .parse import Stack
from .report import StackAssessment
from .run import NO_DATA, NO_GAPS, assess_stack  # noqa: F401 - the pass, and what it reports without data
from .verdicts import Thresholds


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
           thresholds: Thresholds | None = None, carbon: bool = False, process: str | None = None,
           keep_suspect: bool = False) -> StackAssessment:
    """Parse and assess a stack (:class:`AssessmentRequest`); ``process``: heat-treatment steps
    (:func:`ssbkit.stack.process.parse_process`); ``keep_suspect``: keep the suspect database phases."""
    from .request import AssessmentRequest

    return AssessmentRequest(stack_text, cond, params, thresholds or Thresholds(), carbon, process,
                             keep_suspect=keep_suspect).run(thermo, gaps, progress)
