"""Electronic character of interphase products: electron conductor or insulator.

Used for the Li-metal interphase type after Wenzel et al. (Zheng et al., Batteries & Supercaps 2021,
Zheng et al., Batteries & Supercaps 2021, Fig. 7a, ref. [16c]; Wang et al., Adv. Energy Mater. 2020,
Fig. 2, ref. [45]): an interphase containing electron-conducting products
(metals, Li alloys such as Li15Ge4, reduced Ti oxides) keeps growing (MCI);
one made of electronic insulators (Li2S, Li3P, LiCl, Li2O) passivates (SEI).

Rules, in order:
1. an element or a compound of metals/metalloids only (no O, S, Se, Te, N, P,
   As, H, C, B, F, Cl, Br, I) is a metal or alloy: conductor;
2. a non-metallic element (S, P, Se, I, O2 ...) is an insulator;
3. a measured band gap (``data/measured_gaps.yaml``: Co3O4, CuO, NiO ... where GGA gives 0 eV or far too
   little) decides, with its source;
4. otherwise the band gap of the data (median over calculations) decides: <= 0.1 eV is a
   conductor (GGA gaps are lower bounds), larger is an insulator;
5. no data: unknown, said so, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pymatgen.core import Composition, Element

from ..results import Result

CONDUCTOR_GAP_EV = 0.1
ANION_FORMERS = {"O", "S", "Se", "Te", "N", "P", "As", "H", "C", "B", "F", "Cl", "Br", "I", "Si"}
_NONMETAL_ELEMENTS = {"H", "B", "N", "O", "F", "P", "S", "Cl", "Se", "Br", "I", "He", "Ne", "Ar", "Kr", "Xe"}
_CONDUCTING_NONMETALS = {"C", "Si", "Ge", "As", "Te", "Sb"}  # graphite, semimetals, small-gap semiconductors


@dataclass(frozen=True)
class Character(Result):
    """Electronic character of one phase: conductor (True), insulator (False) or unknown (None)."""

    formula: str
    conductor: bool | None
    band_gap_eV: float | None
    basis: str

    @property
    def label(self) -> str:
        """``conductor``, ``insulator`` or ``unknown``."""
        return {True: "conductor", False: "insulator", None: "unknown"}[self.conductor]


@lru_cache(maxsize=1)
def measured_gaps() -> dict[str, tuple[float, str]]:
    """Reduced formula -> (measured band gap eV, source with note)."""
    from importlib import resources

    from ..io import load_yaml

    raw = load_yaml(resources.files("ssbkit.interfaces").joinpath("data/measured_gaps.yaml").read_text("utf-8"))
    return {f: (float(v["gap_eV"]), raw["source"] + (f"; {v['note']}" if v.get("note") else ""))
            for f, v in raw["gaps"].items()}


def classify_phase(formula: str, gaps: Any | None) -> Character:
    """Electronic character of ``formula`` (reduced formula) with an optional band-gap table."""
    comp = Composition(formula)
    els = {e.symbol for e in comp}
    if len(els) == 1:
        sym = next(iter(els))
        if sym in _NONMETAL_ELEMENTS:
            return Character(formula, False, None, "non-metallic element")
        if sym in _CONDUCTING_NONMETALS or Element(sym).is_metal or Element(sym).is_metalloid:
            return Character(formula, True, 0.0, "metal or semimetal element")
    if not (els & (ANION_FORMERS - {"Si"})) and all(Element(e).is_metal or Element(e).is_metalloid or e in ("Si", "Ge")
                                                  for e in els):
        return Character(formula, True, 0.0, "intermetallic / Li alloy")
    known = measured_gaps().get(formula)
    if known is not None:
        return Character(formula, known[0] <= CONDUCTOR_GAP_EV, known[0], f"measured band gap {known[0]:g} eV "
                                                                         f"({known[1]})")
    if gaps is not None:
        g = gaps.get(formula)
        if g is not None:
            return Character(formula, g.band_gap_eV <= CONDUCTOR_GAP_EV, g.band_gap_eV,
                             f"band gap {g.band_gap_eV:.2f} eV (median of {len(g.values_eV)} calculation(s))")
    return Character(formula, None, None, "no band gap data")


def characters(formulas: list[str] | tuple[str, ...], gaps: Any | None) -> tuple[Character, ...]:
    """Electronic character of each phase (reduced formulas), in order."""
    return tuple(classify_phase(f, gaps) for f in formulas)
