"""Chemical interphases that need cations to cross the interface: as thick as the processing let them grow.

A purely chemical reaction between two solids (no electron source) forms its products only as far as their
atoms can meet.  Li moves fast in every electrolyte and electrode at room temperature; other cations in an
oxide do not.  When a product of the reaction takes non-Li elements from both sides (La4Al2O9 from Al2O3 on
LLZO, ZrC from carbon on LLZO), its layer can be no thicker than the interdiffusion length of the processing
history, ``L = sqrt(sum_i D(T_i) t_i)`` (:func:`ssbkit.physics.interdiffusion.diffusion_length`), with the one
measured non-Li diffusivity in a garnet ssbkit tabulates (Co in LLZO, 1.65 eV) taken for every cation.  A
200-300 C Li-attach step of an hour moves cations less than 0.1 nm; a 700 C co-sintering step about 100 nm
(Wang et al., Adv. Energy Mater. 2020 §3.2-3.3: interdiffusion at co-sintering temperatures).

Such a layer does not grow in operation either (cations move even less at the operating temperature): its term
is constant.  Sulfides and halides are left out: their anions and cations exchange at room temperature (Sakuda et al., Chem.
Mater. 2010), and their interfaces keep the default thickness.  Without a processing history the default
thickness (``thickness.chemical_interphase``) holds: ssbkit does not know whether the interface was heated.
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


def cation_limit(left: str, right: str, products: Sequence[str], process: Sequence[Any]) -> tuple[float, str] | None:
    """(largest thickness in m, note) of a chemical interphase between ``left`` and ``right`` whose products need
    cations from both sides, over the ``process`` steps (:class:`~ssbkit.stack.process.ProcessStep`); None when
    the rule does not apply (a sulfide or halide side, no crossing product, no history)."""
    if not process or (_els(left) | _els(right)) & _SOFT:
        return None
    crossing = crossing_products(left, right, products)
    if not crossing:
        return None
    from ..physics.interdiffusion import diffusion_length

    schedule = [(st.temperature_K, 3600.0 * (st.duration_h if st.duration_h is not None else DEFAULT_STEP_H))
                for st in process]
    res = diffusion_length(schedule, "Co", "Li7La3Zr2O12")
    undated = any(st.duration_h is None for st in process)
    note = (f"needs cations from both sides ({', '.join(crossing)}): at most the interdiffusion length of the "
            f"processing, {res.length_nm:.2g} nm (D of Co in LLZO for every cation"
            f"{'; steps without a duration taken as 1 h' if undated else ''})")
    return res.length_m, note
