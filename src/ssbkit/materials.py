"""Material names: the field's abbreviations and formula variants.

A user may write ``LGPS``, ``Li10GeP2S12``, ``P2S12GeLi10`` or ``NMC811``; every
layer resolves names here.  Each abbreviation has the nominal formula used in
the literature and, where that formula is disordered (fractional occupancies
that no DFT database holds), an *ordered model formula* used for
thermodynamics, as in the first-principles work the reviews cite (Zheng et al., Batteries & Supercaps 2021,
refs. [16a], [17], [76], [109]).  The model substitution is always reported, never silent.  The table is
:mod:`ssbkit.abbreviations`; formulas are read without importing pymatgen (:mod:`ssbkit.formula`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .abbreviations import _GENERIC, ABBREVIATIONS, canonical_abbreviation, known_names
from .doped import doped_host
from .elements import is_symbol
from .errors import FormulaError
from .formula import parse as _parse_text
from .formula import reduced_formula
from .results import Result
from .validate import name as validate_name

if TYPE_CHECKING:
    from pymatgen.core import Composition


@dataclass(frozen=True)
class Material(Result):
    """A resolved material name.

    Attributes:
        name: what the user typed.
        formula: nominal formula (as reported in the literature).
        model_formula: ordered formula used for thermodynamics.
        abbreviation: the abbreviation, if the name was one.
        note: why ``model_formula`` differs from ``formula`` (empty if equal).
    """

    name: str
    formula: str
    model_formula: str
    abbreviation: str | None = None
    note: str = ""

    @property
    def composition(self) -> Composition:
        """Composition of the model formula (what thermodynamics uses), a pymatgen ``Composition``."""
        return parse_formula(self.model_formula)

    @property
    def amounts(self) -> dict[str, float]:
        """The model formula's element amounts (symbol -> atoms per formula unit as written), read without
        pymatgen: the same numbers in the same order as :attr:`composition`."""
        return formula_amounts(self.model_formula)

    @property
    def labelled_note(self) -> str:
        """The note prefixed by the abbreviation (or the name as typed), for result notes."""
        return f"{self.abbreviation or self.name.strip()}: {self.note}" if self.note else ""

    @property
    def nominal_composition(self) -> Composition:
        """Composition of the nominal formula."""
        return parse_formula(self.formula)


_FRACTION = re.compile(r"(\d+)/(\d+)")
_ELEMENT = re.compile(r"[A-Z][a-z]?")
# pseudo-binary (glass) notation: 75Li2S-25P2S5, 70Li2S·30P2S5, 0.8Li2S-0.2P2S5 (molar ratio),
# and adducts with a dot: 3LiBH4·LiI, LiBH4·(NH3·BH3) (a missing amount is 1, as in CuSO4·5H2O)
_PSEUDO_SEP = re.compile(r"\s*[-·•⋅*]\s*")
_PSEUDO_PART = re.compile(r"^(\d+(?:\.\d+)?)?\s*([A-Z].*)$")


def pseudo_binary(text: str) -> Composition | None:
    """Composition of a pseudo-binary written as molar parts, e.g. ``75Li2S-25P2S5`` -> Li3PS4.

    A pymatgen ``Composition`` (:func:`_pseudo_amounts` gives the element amounts).
    """
    amts = _pseudo_amounts(text)
    return None if amts is None else _composition(amts)


def _pseudo_amounts(text: str) -> dict[str, float] | None:
    """Element amounts of a pseudo-binary written as molar parts, e.g. ``75Li2S-25P2S5`` -> Li3PS4.

    Returns None when ``text`` is not in that notation.  With a dash every
    part needs its molar amount (``Li2S-P2S5`` names a system, not a
    material); with a dot (``3LiBH4·LiI``) a missing amount is 1.

    Raises:
        FormulaError: a dash part without an amount, a zero amount, or an unparseable part.
    """
    raw = text.strip()
    if "·(" in raw or "•(" in raw:  # LiBH4·(NH3·BH3): the bracket only groups the adduct
        raw = raw.replace("(", "").replace(")", "")
    parts = [p for p in _PSEUDO_SEP.split(raw) if p]
    if len(parts) < 2 or len(parts) != len(_PSEUDO_SEP.findall(raw)) + 1:
        return None
    dash = "-" in raw
    matches = []
    for part in parts:
        m = _PSEUDO_PART.match(part)
        if m is None or (dash and m.group(1) is None):
            raise FormulaError(f"cannot parse {text!r}: in the pseudo-binary notation every part needs its "
                               "molar amount, e.g. 75Li2S-25P2S5 or 70Li2S-30P2S5")
        if m.group(1) is not None and float(m.group(1)) <= 0:
            raise FormulaError(f"cannot parse {text!r}: molar amount {m.group(1)} of {m.group(2)} must be positive")
        matches.append(m)
    # decimal amounts (0.8Li2S-0.2P2S5) scaled to integers so the formula reads like 80Li2S-20P2S5
    decimals = max(len((m.group(1) or "").partition(".")[2]) for m in matches)
    total: dict[str, float] = {}
    for m in matches:
        n = round(float(m.group(1) or 1) * 10**decimals)
        for el, a in formula_amounts(m.group(2)).items():
            total[el] = total.get(el, 0.0) + a * n
    return total


#: Largest amount of one element in a formula (atoms per formula unit as written).
MAX_AMOUNT = 10_000.0
_AMOUNT_TOKEN = re.compile(r"([A-Z][a-z]?)|([(\[])|([)\]])|(\d+/\d+|\d+\.\d*|\.\d+|\d+)")


def check_amounts(raw: str, text: str) -> None:
    """Refuse zero, negative, non-finite, overflowing amounts, zero denominators and exponent notation.

    ``raw`` is one formula (no pseudo-binary parts); ``text`` is what the user typed (echoed in the error).

    Raises:
        FormulaError: with the input echoed and what to write instead.
    """
    pos, prev, depth = 0, "start", 0
    for m in _AMOUNT_TOKEN.finditer(raw):
        if m.start() != pos:
            break
        pos = m.end()
        el, opn, cls, amt = m.groups()
        if el:
            prev = "element"
        elif opn:
            depth += 1
            prev = "open"
        elif cls:
            depth -= 1
            if depth < 0:
                raise FormulaError(f"cannot parse formula {text!r}: it closes a bracket it never opened")
            prev = "close"
        else:
            if prev not in ("element", "close"):
                raise FormulaError(f"cannot parse formula {text!r}: amount {amt} does not follow an element or a bracket; "
                                   "write e.g. Li6PS5Cl or Li(PO3)3")
            if "/" in amt:
                num, den = (int(x) for x in amt.split("/"))
                if den == 0:
                    raise FormulaError(f"formula {text!r} divides by zero ({amt}): give a non-zero denominator")
                value = num / den
            else:
                value = float(amt)
            if value <= 0:
                raise FormulaError(f"formula {text!r} has amount {amt} after {raw[:m.start()][-2:]!r}: every "
                                   "amount must be positive (leave an element out instead of giving it 0)")
            if value > MAX_AMOUNT:
                raise FormulaError(f"formula {text!r} has amount {amt}, more than {MAX_AMOUNT:g} atoms of one "
                                   "element: write the formula per formula unit")
            prev = "amount"
    if pos != len(raw):
        rest = raw[pos:]
        if re.match(r"[eE][-+]?\d", rest) and prev == "amount":
            raise FormulaError(f"formula {text!r} uses exponent notation ({rest[:6]!r}): write amounts as plain "
                               "decimals, e.g. Li0.001 rather than Li1e-3")
        raise FormulaError(f"cannot parse formula {text!r} at {rest[:10]!r}: use element symbols with positive "
                           "amounts, e.g. Li6PS5Cl or LiNi1/3Co1/3Mn1/3O2")
    if depth != 0:
        raise FormulaError(f"cannot parse formula {text!r}: it opens a bracket it never closes")


def _expand_fractions(formula: str) -> str:
    return _FRACTION.sub(lambda m: repr(int(m.group(1)) / int(m.group(2))), formula)


def parse_formula(text: str) -> Composition:
    """Parse a chemical formula (any element order, parentheses, fractions like ``1/3``) into a pymatgen
    ``Composition`` (:func:`formula_amounts` gives the amounts without importing pymatgen).

    Raises:
        FormulaError: unparseable text or an unknown element symbol.
    """
    return _parse_formula(text) if isinstance(text, str) else _composition(_parse_uncached(text))


def formula_amounts(text: str) -> dict[str, float]:
    """The element amounts of a formula (symbol -> atoms per formula unit as written), in the order and with the
    numbers of :func:`parse_formula`'s ``Composition``, read without pymatgen (memoised; a fresh dict each call).

    Raises:
        FormulaError: unparseable text or an unknown element symbol.
    """
    return dict(_parse_items(text)) if isinstance(text, str) else _parse_uncached(text)


@lru_cache(maxsize=8192)
def _parse_items(text: str) -> tuple[tuple[str, float], ...]:
    """:func:`formula_amounts` of a string, memoised (errors are not kept)."""
    return tuple(_parse_uncached(text).items())


@lru_cache(maxsize=8192)
def _parse_formula(text: str) -> Composition:
    """:func:`parse_formula` of a string, memoised (a Composition does not change; errors are not kept)."""
    return _composition(dict(_parse_items(text)))


def _composition(amounts: dict[str, float]) -> Composition:
    from pymatgen.core import Composition

    return Composition(amounts)


def _parse_uncached(text: str) -> dict[str, float]:
    raw = validate_name(text, "formula")
    for sym in _ELEMENT.findall(raw):
        if not is_symbol(sym):
            raise FormulaError(f"unknown element {sym!r} in {text!r}{did_you_mean(text)}: check the spelling "
                               "(element symbols are case-sensitive, e.g. Co not CO)")
    exp = re.search(r"\d[eE][-+]?\d+", raw)
    if exp:
        raise FormulaError(f"formula {text!r} uses exponent notation ({exp.group(0)}): write amounts as plain "
                           "decimals, e.g. Li0.001 rather than Li1e-3")
    neg = re.search(r"(?<=[A-Za-z)\]])\s*-\s*(\d[\d./]*)", raw)
    if neg and not re.match(r"\d", raw):
        raise FormulaError(f"formula {text!r} has a negative amount (-{neg.group(1)}): amounts must be positive; "
                           "glass notation needs a molar amount on every part, e.g. 75Li2S-25P2S5")
    if _PSEUDO_SEP.search(raw):
        parts = _pseudo_amounts(raw)
        if parts is not None:
            return parts
    if re.search(r"\s", raw):
        raise FormulaError(f"formula {text!r} contains a space: write one formula without spaces "
                           "(several materials go in separate arguments or, for a stack, between |)")
    check_amounts(raw, text)
    cleaned = _expand_fractions(raw)
    try:
        comp = _parse_text(cleaned)
    except (ValueError, OverflowError) as exc:
        raise FormulaError(f"cannot parse formula {text!r}: {exc}; write e.g. Li6PS5Cl or LiNi0.8Co0.1Mn0.1O2") from None
    if not comp or sum(comp.values()) <= 0 or not all(math.isfinite(a) and a > 0 for a in comp.values()):
        raise FormulaError(f"formula {text!r} has no atoms or a non-positive amount")
    return comp


def _from_pymatgen(obj: object) -> str:
    """The formula of a pymatgen ``Composition``, entry (``.composition``) or ``Structure`` (its reduced formula)."""
    from pymatgen.core import Composition, Structure

    if isinstance(obj, Structure):
        return obj.composition.reduced_formula
    comp = obj if isinstance(obj, Composition) else getattr(obj, "composition", None)
    if not isinstance(comp, Composition):
        raise FormulaError(f"cannot use a {type(obj).__name__} as a material: give a name, a formula, or a pymatgen "
                           "Composition, entry or Structure")
    return "".join(f"{el.symbol}{'' if abs(a - 1) < 1e-9 else f'{a:.10g}'}" for el, a in comp.items())


def resolve(name: str) -> Material:
    """Resolve an abbreviation or formula into a :class:`Material` (memoised for strings: a Material is frozen).

    >>> resolve("LATP").model_formula
    'LiTi2(PO4)3'
    """
    return _resolve(name) if isinstance(name, str) else _resolve_uncached(name)


@lru_cache(maxsize=8192)
def _resolve(name: str) -> Material:
    return _resolve_uncached(name)


def _resolve_uncached(name: str) -> Material:
    """:func:`resolve`, every time.

    >>> _resolve_uncached("S4PLi3").composition.reduced_formula
    'Li3PS4'
    """
    if not isinstance(name, str):
        name = _from_pymatgen(name)
    validate_name(name)
    abbr = canonical_abbreviation(name)
    if abbr is not None:
        formula, model, note = ABBREVIATIONS[abbr]
        generic = _GENERIC.get(name.strip().upper().replace(" ", ""))
        if generic:
            note = f"{generic}; {note}" if note else generic
        return Material(name=name, formula=formula, model_formula=model, abbreviation=abbr, note=note)
    comp = formula_amounts(name)  # validates
    if _PSEUDO_SEP.search(name.strip()):
        reduced = reduced_formula(comp)
        return Material(name=name, formula=reduced, model_formula=reduced,
                        note=f"pseudo-binary {name.strip()} (molar ratio) = {reduced}")
    # keep the formula as the user wrote it (per formula unit as written; parse_formula refuses inner spaces)
    formula = name.strip()
    host = doped_host(comp, _doped_hosts())
    if host is not None:
        extra = ", ".join(sorted(set(comp) - set(formula_amounts(host))))
        return Material(name=name, formula=formula, model_formula=host,
                        note=f"doped {formula} ({extra}) modelled by its ordered host {host}, as the abbreviations "
                             "of its family are (an ordered database holds no fractional occupancy)")
    return Material(name=name, formula=formula, model_formula=formula)


def _doped_hosts() -> tuple[str, ...]:
    """The ordered hosts of the doped families the abbreviations name (garnet LLZO, NASICON LiTi2(PO4)3 and
    LiGe2(PO4)3)."""
    return tuple(dict.fromkeys(model for formula, model, note in ABBREVIATIONS.values()
                               if formula != model and "-doped" in note))


def same_composition(a: Composition, b: Composition) -> bool:
    """True when two compositions are the same material: equal reduced compositions within 0.1 %.

    The one identity rule of ssbkit (names, literature records, stack layers all use it).
    """
    return a.reduced_composition.almost_equals(b.reduced_composition, rtol=1e-3, atol=1e-4)


def same_material(a: str, b: str) -> bool:
    """True when two names denote the same reduced composition (any element order)."""
    try:
        ca, cb = resolve(a).nominal_composition, resolve(b).nominal_composition
    except FormulaError:
        return False
    return same_composition(ca, cb)


#: Elements that are gases (or, for the noble gases, form no compound of interest) in their standard state:
#: a layer or a list entry made only of them is not a material of a cell.
GASEOUS_ELEMENTS = frozenset({"H", "N", "O", "F", "Cl", "He", "Ne", "Ar", "Kr", "Xe", "Rn"})
NOBLE_GASES = frozenset({"He", "Ne", "Ar", "Kr", "Xe", "Rn", "Og"})


def check_solid(mat: Material, what: str = "layer") -> Material:
    """``mat`` unless it cannot be a solid of a cell: a noble gas anywhere in it, or only gaseous elements
    (O2, N2, Cl2 ...); one-line :class:`FormulaError` otherwise."""
    els = set(mat.amounts)
    noble = sorted(els & NOBLE_GASES)
    if noble:
        raise FormulaError(f"{what} {mat.name!r} contains the noble gas {', '.join(noble)}: it is not a cell material; "
                           "give a solid (electrode, electrolyte, coating or interlayer)")
    if els <= GASEOUS_ELEMENTS:
        raise FormulaError(f"{what} {mat.name!r} is a gas ({'-'.join(sorted(els))} only), not a cell material; give a "
                           "solid (electrode, electrolyte, coating or interlayer)")
    return mat


def _same(text: str, candidate: str) -> bool:
    """Whether ``text`` (a formula, parsed directly so that an unparseable one never recurses into
    :func:`resolve`) is the same material as the known name ``candidate``."""
    import warnings

    from pymatgen.core import Composition

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            comp = Composition(text)
    except Exception:  # noqa: BLE001 - not a formula: not the same as any
        return False
    try:
        return same_composition(comp, resolve(candidate).nominal_composition)
    except FormulaError:
        return False


def did_you_mean(text: str, candidates: Iterable[str] = ()) -> str:
    """``" (did you mean X?)"`` for a name among the known names and ``candidates`` (:mod:`ssbkit.suggest`)."""
    from .suggest import did_you_mean as _suggest

    return _suggest(text, [*known_names(), *candidates], _same)


#: elements that make a phase a compound rather than a Li alloy (intermetallic)
NONMETALS = frozenset({"H", "B", "C", "N", "O", "F", "P", "S", "Cl", "Se", "Br", "I", "Te"})


def is_li_alloy(formula: str) -> bool:
    """A Li intermetallic (Li15Si4, LiZn, Li9Al4 ...): Li and metals or metalloids only."""
    els = set(formula_amounts(formula))
    return "Li" in els and len(els) > 1 and not els & NONMETALS


def is_lithiated_graphite(formula: str) -> bool:
    """A Li-graphite intercalation compound (LiC6, LiC12): Li and C only, at least 6 C per Li (Li2C2, a
    carbide, is not one)."""
    comp = formula_amounts(formula)
    els = set(comp)
    return els == {"Li", "C"} and comp["C"] >= 6 * comp["Li"] - 1e-9
