"""Chemical interphases that need cations to cross the interface: as thick as the processing let them grow.

A purely chemical reaction between two solids (no electron source) forms its products only as far as their
atoms can meet.  Li moves fast in every electrolyte and electrode at room temperature; other cations in an
oxide do not.  When a product of the reaction takes non-Li elements from both sides (La4Al2O9 from Al2O3 on
LLZO, ZrC from carbon on LLZO), its layer can be no thicker than the interdiffusion length of the processing
history, ``L = sqrt(sum_i D(T_i) t_i)`` (:func:`ssbkit.physics.interdiffusion.diffusion_length`), with the one
measured non-Li diffusivity in a garnet ssbkit tabulates (Co in LLZO, 1.65 eV) taken for every cation.  A
200-300 C Li-attach step of an hour moves cations less than 0.1 nm; a 700 C co-sintering step about 100 nm
(Wang et al., Adv. Energy Mater. 2020 §3.2-3.3: interdiffusion at co-sintering temperatures).

Such a layer does not grow in operation either: the cell's own temperature over the assessment time is one more
step of the schedule, and at 25-100 C it moves cations by far less than an atomic distance.  Its term is constant,
with or without a processing history.  Without one, the default thickness (``thickness.chemical_interphase``)
holds: ssbkit does not know whether the interface was heated.  Sulfides and halides are left out: their anions
and cations exchange at room temperature (Sakuda et al., Chem. Mater. 2010), and their interphases grow by their
law.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..materials import parse_formula

#: a step given without a duration is taken to last this long (h)
DEFAULT_STEP_H = 1.0
_SOFT = {"S", "Se", "Te", "F", "Cl", "Br", "I"}


def _els(formula: str) -> set[str]:
    return {e.symbol for e in parse_formula(formula)}


def crossing_products(left: str, right: str, products: Sequence[str]) -> list[str]:
    """Products that take non-Li elements from both sides (each side holding some the other lacks)."""
    a, b = _els(left) - {"Li"}, _els(right) - {"Li"}
    only_a, only_b = a - b, b - a
    return [p for p in products if (_els(p) & only_a) and (_els(p) & only_b)]


def cation_limit(left: str, right: str, products: Sequence[str], process: Sequence[Any],
                 operation: tuple[float, float] = (298.15, 100.0)) -> tuple[float | None, str] | None:
    """(largest thickness in m, note) of a chemical interphase between ``left`` and ``right`` whose products need
    cations from both sides, over the ``process`` steps (:class:`~ssbkit.stack.process.ProcessStep`) and the
    ``operation`` (cell temperature K, assessment time h); the thickness is None without a history (the default
    holds, and the layer does not grow).  None when the rule does not apply (a sulfide or halide side, no crossing
    product)."""
    if (_els(left) | _els(right)) & _SOFT:
        return None
    crossing = crossing_products(left, right, products)
    if not crossing:
        return None
    from ..physics.interdiffusion import diffusion_length

    schedule = [(st.temperature_K, 3600.0 * (st.duration_h if st.duration_h is not None else DEFAULT_STEP_H))
                for st in process or ()]
    run = diffusion_length([(operation[0], 3600.0 * operation[1])], "Co", "Li7La3Zr2O12")
    why = (f"needs cations from both sides ({', '.join(crossing)}): they cross {run.length_nm:.2g} nm in operation "
           f"({operation[0] - 273.15:.0f} C, {operation[1]:.3g} h; D of Co in LLZO for every cation)")
    if not schedule:
        return None, f"{why}: the layer keeps its default thickness and does not grow"
    res = diffusion_length(schedule + [(operation[0], 3600.0 * operation[1])], "Co", "Li7La3Zr2O12")
    undated = any(st.duration_h is None for st in process)
    note = (f"{why}; at most the interdiffusion length of the processing and operation, {res.length_nm:.2g} nm"
            f"{' (steps without a duration taken as 1 h)' if undated else ''}")
    return res.length_m, note
