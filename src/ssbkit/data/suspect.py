"""Database phases whose presence in a result deserves a warning: each with the reason.

They decide headline numbers on the Materials Project 2018 data (e.g. LiS4 sets the oxidation limit
of the thiophosphates) while being questionable as equilibrium solids at battery interfaces.  They are
flagged in every result that uses them; ``--exclude suspect`` (or a list of formulas) removes them.
The default keeps them (the numbers then match other tools on the same data) and says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..errors import SsbkitError

#: reduced formula -> why it is suspect
SUSPECT_PHASES: dict[str, str] = {
    "LiS4": "a lithium polysulfide with no known crystalline phase (the Li-S system has Li2S only); it sets the "
            "sulfides' oxidation limits on this data",
    "S8O": "a molecular sulfur oxide computed as a 0 K crystal",
    "ClO2": "a gas molecule (chlorine dioxide) computed as a 0 K crystal",
    "NO2": "a gas molecule (nitrogen dioxide, boiling at 21 C) computed as a 0 K crystal",
    "LiN3": "lithium azide: energetic, decomposes explosively; not formed at electrolyte interfaces",
    "LiClO4": "a perchlorate: oxidation of chlorides to it is kinetically out of reach at interfaces",
    "CS14": "a carbon-sulfur cluster computed as a crystal; not an experimentally known phase",
}


#: the name of the class of chlorine and bromine oxo compounds in exclusion lists (no formula: a rule)
OXOHALOGEN = "Cl/Br oxo compounds"
#: classes of suspect phases, by a rule on the composition: name -> why
SUSPECT_CLASSES: dict[str, str] = {
    OXOHALOGEN: "chlorine or bromine above -1 (a chlorate, perchlorate, bromate or halogen oxide): oxidising a "
                "halide to it at a cathode is kinetically out of reach, as for LiClO4 and ClO2 (Zheng et al., "
                "Batteries & Supercaps 2021 §3.3: chloride electrolytes are stable against oxide cathodes without "
                "a coating)",
}
_HOLDS = {OXOHALOGEN: "chlorates, perchlorates, bromates, chlorine oxides"}
#: everything the default exclusion leaves out: the listed phases and the classes
SUSPECT_EXCLUDE: tuple[str, ...] = (*SUSPECT_PHASES, *SUSPECT_CLASSES)
#: the highest common oxidation state of the elements that can carry a positive charge in an oxo compound
_HIGHEST = {"H": 1, "Li": 1, "Na": 1, "K": 1, "Rb": 1, "Cs": 1, "Be": 2, "Mg": 2, "Ca": 2, "Sr": 2, "Ba": 2,
            "B": 3, "Al": 3, "Ga": 3, "In": 3, "Tl": 3, "Sc": 3, "Y": 3, "La": 3, "C": 4, "Si": 4, "Ge": 4,
            "Sn": 4, "Pb": 4, "Ti": 4, "Zr": 4, "Hf": 4, "Ce": 4, "N": 5, "P": 5, "As": 5, "Sb": 5, "Bi": 5,
            "V": 5, "Nb": 5, "Ta": 5, "S": 6, "Se": 6, "Te": 6, "Cr": 6, "Mo": 6, "W": 6, "Mn": 7, "Re": 7,
            "Fe": 3, "Co": 3, "Ni": 3, "Cu": 2, "Zn": 2, "Ag": 1, "Au": 3, "Cd": 2, "Hg": 2}
_HALIDE = {"F": 1, "Cl": 1, "Br": 1, "I": 1}


def _charge(element: str) -> float:
    """The charge the rule gives ``element``: O -2, halogens -1, any other its highest common oxidation state
    (+4 where not listed)."""
    return -2.0 if element == "O" else -_HALIDE[element] if element in _HALIDE else _HIGHEST.get(element, 4)


def oxohalogen(comp: dict[str, float]) -> bool:
    """True when Cl or Br must be above -1 in ``comp`` (element -> amount): with O at -2, every halogen at -1
    and every other element at its highest common oxidation state (:func:`_charge`) the anions outweigh the
    cations.  Oxychlorides (Li3OCl, LaOCl) balance and are not flagged; LiClO4, Y(ClO4)3, ClO3 are."""
    if "O" not in comp or not ("Cl" in comp or "Br" in comp):
        return False
    return sum(n * _charge(e) for e, n in comp.items()) < -1e-6


def oxohalogen_mask(elements: Sequence[str], comp_ptr: Any, comp_el: Any, comp_amt: Any) -> Any:
    """:func:`oxohalogen` of every entry of a set at once (compositions in CSR form: entry ``i`` holds
    ``comp_el[comp_ptr[i]:comp_ptr[i+1]]`` in the amounts ``comp_amt``; ``elements`` names the indices)."""
    import numpy as np

    charge = np.array([_charge(e) for e in elements])
    ptr, el, amt = np.asarray(comp_ptr), np.asarray(comp_el), np.asarray(comp_amt, dtype=float)
    if len(ptr) < 2:
        return np.zeros(0, dtype=bool)
    starts, filled = ptr[:-1], np.diff(ptr) > 0

    def row_sum(values: Any) -> Any:
        out = np.zeros(len(starts))
        out[filled] = np.add.reduceat(values, starts[filled]) if len(values) else 0.0
        return out
    has = {e: row_sum((el == elements.index(e)) * 1.0) > 0 if e in elements else np.zeros(len(starts), bool)
           for e in ("O", "Cl", "Br")}
    return has["O"] & (has["Cl"] | has["Br"]) & (row_sum(charge[el] * amt) < -1e-6)


def suspect_reason(formula: str) -> str | None:
    """Why ``formula`` (a reduced formula) is a suspect phase, or None."""
    if formula in SUSPECT_PHASES:
        return SUSPECT_PHASES[formula]
    if "O" in formula and ("Cl" in formula or "Br" in formula):
        from ..materials import formula_amounts

        try:
            comp = formula_amounts(formula)
        except (SsbkitError, ValueError):  # a name that is no formula is no suspect phase
            return None
        if oxohalogen(comp):
            return SUSPECT_CLASSES[OXOHALOGEN]
    return None


def flagged(phases: list[str] | tuple[str, ...]) -> list[str]:
    """One note per suspect phase among ``phases``."""
    return [f"suspect database phase {p}: {why} (the exclude option leaves it out)"
            for p in dict.fromkeys(phases) if (why := suspect_reason(p)) is not None]


def left_out(names: Sequence[str]) -> str:
    """The phases and classes of ``names`` as one phrase: formulas first, then each class with what it holds."""
    forms = [n for n in names if n not in SUSPECT_CLASSES]
    classes = [f"{n} ({_HOLDS[n]})" for n in names if n in SUSPECT_CLASSES]
    return ", ".join(forms + classes)


def expand(spec: list[str] | tuple[str, ...]) -> list[str]:
    """Formulas (and classes) to exclude: ``suspect`` stands for the curated list and the classes."""
    out: list[str] = []
    for s in spec:
        out += list(SUSPECT_EXCLUDE) if s.strip().lower() == "suspect" else [s.strip()]
    return [s for s in dict.fromkeys(out) if s]
