"""Chemical formulas without importing pymatgen: the element amounts and the reduced formula, as pymatgen gives them.

A port of pymatgen's ``Composition`` parser (``Composition._parse_formula``) and of its reduced formula
(``Composition.reduced_formula``: integer amounts divided by their greatest common divisor, elements ordered by
Pauling electronegativity, a trailing polyanion bracketed, peroxides and diatomic gases kept whole), so that a
command which only reads formulas (``ssbkit window``) does not spend 0.1 s importing pymatgen.  Where pymatgen's
answer has depended on its version (two elements of equal electronegativity, an element with none, an amount a
hair off an integer), pymatgen itself is asked.  ``tests/oracle/test_formula_oracle.py`` checks both functions
against the installed pymatgen on every formula of the Materials Project data and on generated ones.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import lru_cache

from .elements import ELEMENTS

__all__ = ["parse", "reduced", "reduced_formula"]

_INVALID = re.compile(r"[\s\d.*/]*$")
_GROUP = re.compile(r"([A-Z][a-z]*)\s*([-*\.e\d]*)")
_PAREN = re.compile(r"\(([^\(\)]+)\)\s*([\.e\d]*)")
_BRACKETS = str.maketrans("[]{}", "()()")

#: pymatgen's ``Composition.amount_tolerance``: smaller amounts are dropped, integers are recognised within it
AMOUNT_TOL = 1e-8

#: formulas pymatgen does not reduce further (``Composition.special_formulas``): peroxides, diatomic gases
SPECIAL = {"LiO": "Li2O2", "NaO": "Na2O2", "KO": "K2O2", "HO": "H2O2", "CsO": "Cs2O2", "RbO": "Rb2O2",
           "O": "O2", "N": "N2", "F": "F2", "Cl": "Cl2", "H": "H2"}

#: pymatgen's electronegativity difference below which the last two elements form a polyanion (``reduce_formula``)
POLYANION_DX = 1.65


def parse(formula: str) -> dict[str, float]:
    """Element amounts of ``formula`` in the order and with the floats of pymatgen's ``Composition(formula)``.

    Brackets ``()``, ``[]``, ``{}`` with a multiplier, decimal amounts; ``@`` ignored (``Y3N@C80``).

    Raises:
        ValueError: what pymatgen refuses (no element, leftover text, a negative amount) or a symbol that is not
            one of the 118 elements.
    """
    if _INVALID.match(formula):
        raise ValueError(f"Invalid formula={formula!r}")
    text = formula.replace("@", "").translate(_BRACKETS)
    m = _PAREN.search(text)
    while m:
        factor = float(m[2]) if m[2] != "" else 1.0
        unit = _sym_dict(m[1], factor)
        text = text.replace(m.group(), "".join(f"{el}{amt}" for el, amt in unit.items()), 1)
        m = _PAREN.search(text)
    out: dict[str, float] = {}
    for el, amt in _sym_dict(text, 1).items():
        if el not in ELEMENTS:
            raise ValueError(f"{el!r} is not an element symbol")
        if amt < -AMOUNT_TOL:
            raise ValueError("Amounts in Composition cannot be negative!")
        if abs(amt) >= AMOUNT_TOL:
            out[el] = amt
    return out


def _sym_dict(form: str, factor: float) -> dict[str, float]:
    """pymatgen's ``get_sym_dict``: the element groups of a bracket-free formula, amounts times ``factor``."""
    sym: dict[str, float] = {}
    for match in _GROUP.finditer(form):
        amt = float(match[2]) if match[2].strip() != "" else 1.0
        sym[match[1]] = sym.get(match[1], 0.0) + amt * factor
        form = form.replace(match.group(), "", 1)
    if form.strip():
        raise ValueError(f"{form} is an invalid formula!")
    return sym


def reduced_formula(amounts: Mapping[str, float]) -> str:
    """pymatgen's ``Composition(amounts).reduced_formula`` (``{"Li": 4, "Fe": 4, "P": 4, "O": 16}`` -> ``LiFePO4``)."""
    amts = {el: float(a) for el, a in amounts.items() if abs(a) >= AMOUNT_TOL}
    if _version_dependent(amts):
        from pymatgen.core import Composition

        return Composition(amts).reduced_formula
    if not all(abs(a - round(a)) < AMOUNT_TOL for a in amts.values()):
        return "".join(f"{el}{_number(amts[el], ignore_ones=False)}" for el in _ordered(amts))
    formula, _ = _reduce({el: round(a) for el, a in amts.items()})
    return SPECIAL.get(formula, formula)


@lru_cache(maxsize=16384)
def reduced(formula: str) -> str:
    """The reduced formula of a formula text (memoised): ``reduced_formula(parse(formula))``."""
    return reduced_formula(parse(formula))


def _version_dependent(amts: Mapping[str, float]) -> bool:
    """An order or a number that pymatgen's versions have written differently: an element without an
    electronegativity or outside the table, two elements of equal electronegativity, an amount off an integer by
    less than 1e-6 but not exactly one."""
    xs = []
    for el, a in amts.items():
        row = ELEMENTS.get(el)
        if row is None or row[1] is None or a < 0:
            return True
        if a != round(a) and abs(a - round(a)) < 1e-6:
            return True
        xs.append(row[1])
    return len(set(xs)) != len(xs)


def _ordered(amts: Mapping[str, float]) -> list[str]:
    """Symbols by Pauling electronegativity (all distinct and defined here: see :func:`_version_dependent`)."""
    return sorted(amts, key=lambda el: ELEMENTS[el][1])  # type: ignore[arg-type, return-value]


def _number(x: float, ignore_ones: bool = True) -> str:
    """pymatgen's ``formula_double_format``: '' for 1 (when ``ignore_ones``), an integer, else 8 decimals."""
    if ignore_ones and math.isclose(x, 1, abs_tol=AMOUNT_TOL):
        return ""
    if math.isclose(x, round(x), abs_tol=AMOUNT_TOL, rel_tol=0):
        return str(round(x))
    return str(round(x, 8))


def _reduce(sym_amt: Mapping[str, float]) -> tuple[str, int]:
    """pymatgen's ``reduce_formula``: divide by the greatest common divisor, bracket a trailing polyanion."""
    syms = [el for el in _ordered(sym_amt) if abs(sym_amt[el]) > AMOUNT_TOL]
    factor = 1
    if all(int(a) == a for a in sym_amt.values()):
        factor = abs(math.gcd(*(int(a) for a in sym_amt.values())))
    poly = []
    if len(syms) >= 3 and ELEMENTS[syms[-1]][1] - ELEMENTS[syms[-2]][1] < POLYANION_DX:  # type: ignore[operator]
        form, poly_factor = _reduce({syms[i]: sym_amt[syms[i]] / factor for i in (-2, -1)})
        if poly_factor != 1:
            poly.append(f"({form}){poly_factor}")
    syms = syms[: len(syms) - 2 if poly else len(syms)]
    return "".join(f"{el}{_number(sym_amt[el] * 1.0 / factor)}" for el in syms) + "".join(poly), factor
