"""One request object for the main job: what the CLI, the web page and the Python API fill in.

Each front end reads its own input (flags, form fields, keyword arguments) into :class:`AssessmentRequest`
(:meth:`AssessmentRequest.from_text` for text with units, as a user types it), and runs it: so every option
reaches every front end the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import SsbkitError
from ..parameters import Parameters, parse_assignments
from ..thermo.service import Thermo
from .conditions import Conditions
from .context import AssessmentContext
from .parse import parse_stack
from .process import parse_process
from .report import StackAssessment
from .run import assess_stack
from .verdicts import Thresholds


@dataclass(frozen=True)
class AssessmentRequest:
    """Everything a user asks of one assessment, whoever asks (the CLI, the web page, the Python API).

    Attributes:
        stack: the stack text, ``"CATHODE | [COATING |] ELECTROLYTE | ANODE"``.
        conditions: voltage window, temperature, pressure, current density, scan step.
        params: resistance-budget parameters (None: the cited defaults).
        thresholds: grading thresholds, including the time at which the budget is judged (hours).
        carbon: a composite cathode with carbon.
        process: the processing history, ``"sinter 700C 2h air; anneal 500C 1h ar"`` (None: none).
        frequencies_Hz: the frequency range of the impedance spectrum.
        keep_suspect: keep the suspect database phases (:mod:`ssbkit.data.suspect`: LiS4, ClO2 ...); by default
            they are left out of the data and the result says so.
    """

    stack: str
    conditions: Conditions = field(default_factory=Conditions)
    params: Parameters | None = None
    thresholds: Thresholds = field(default_factory=Thresholds)
    carbon: bool = False
    process: str | None = None
    frequencies_Hz: tuple[float, float] = (1e-3, 1e7)
    keep_suspect: bool = False

    def run(self, thermo: Thermo | None, gaps: Any | None = None,
            progress: Callable[[str], None] | None = None) -> StackAssessment:
        """Assess on ``thermo``'s data (None: literature and physics only) with band gaps ``gaps``."""
        if thermo is not None and not self.keep_suspect:
            from ..data.suspect import SUSPECT_EXCLUDE

            thermo = thermo.excluding(list(SUSPECT_EXCLUDE))
        ctx = AssessmentContext(thermo, gaps, self.params or Parameters.load(), self.thresholds, self.carbon,
                                parse_process(self.process) if self.process else (),
                                progress or (lambda msg: None), self.frequencies_Hz)
        return assess_stack(ctx, parse_stack(self.stack), self.conditions)



    @classmethod
    def from_text(cls, stack: str, *, voltage: str | None = None, temperature: str | None = None,
                  pressure: str | None = None, current: str | None = None, step: str | None = None,
                  time: str | float | None = None, asr_threshold: str | float | None = None,
                  incompatible_threshold: str | float | None = None, params: Sequence[str] = (),
                  params_file: str | None = None, carbon: bool = False, process: str | None = None,
                  frequencies: str | None = None, keep_suspect: bool = False,
                  cycles: str | int | None = None) -> AssessmentRequest:
        """From text with units (``time="500h"``; a bare number of hours), as a user types it on any front end;
        None (or, for the optional ones, an empty string) means the default.  ``cycles``: judge the budget after
        that many cycles instead of a time (``cycles x mechanics.cycle_time``)."""
        from .. import validate
        from ..units import parse_quantity

        if not str(stack or "").strip():
            raise SsbkitError("give a stack, e.g. 'LiCoO2 | LiNbO3 | Li6PS5Cl | Li'", param="stack")
        cond = Conditions.parse(voltage=voltage, temperature=temperature, pressure=pressure, current=current,
                                step=step)
        th = Thresholds()
        kw: dict[str, float] = {}
        if time not in (None, ""):
            kw["time_h"] = parse_quantity(time, "time", default_unit="h", name="time") / 3600.0  # type: ignore[arg-type]
        if asr_threshold not in (None, ""):
            kw["asr_ohm_cm2"] = validate.number(asr_threshold, "resistance threshold", 0.0, 1e6, unit="ohm cm2",
                                                lo_open=True, param="threshold")
        if incompatible_threshold not in (None, ""):
            kw["incompatible_eV"] = validate.number(incompatible_threshold, "incompatible threshold", 0.0, 10.0,
                                                    unit="eV/atom", lo_open=True, param="threshold")
        overrides = parse_assignments(list(params))
        table = Parameters.from_file(params_file, overrides) if params_file else Parameters.load(overrides)
        if cycles not in (None, ""):
            if time not in (None, ""):
                raise SsbkitError("give a time or a number of cycles, not both", param="cycles")
            n = validate.number(cycles, "number of cycles", 1, 1e5, param="cycles")
            if n != int(n):
                raise SsbkitError(f"number of cycles must be a whole number, got {cycles!r}", param="cycles")
            kw["time_h"] = n * table.value_in("mechanics.cycle_time", "h")
        from ..physics.impedance import parse_frequency_range

        rng = parse_frequency_range(frequencies) if frequencies not in (None, "") else (1e-3, 1e7)
        if process:
            parse_process(process)  # refused here, before any work, when it cannot be read
        return cls(str(stack), cond, table, Thresholds(**{**th.to_dict(), **kw}), bool(carbon),
                   process if process else None, rng, bool(keep_suspect))
