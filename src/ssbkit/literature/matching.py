"""Material identity and matching rules for the literature records.

A name (from a record or from a user) becomes a :class:`MaterialKey`: its
compositions (reduced, any element order), its *family* and its aliases.

Matching rules (documented in ``docs/literature.md``):

* **exact** - the same reduced composition (``S4PLi3`` = ``Li3PS4`` =
  ``75Li2S·25P2S5``), or the same name/abbreviation (``LLZO`` = ``LLZO``,
  ``NMC`` = ``NCM``), or one member of a printed set (``Li6PS5X (X = Cl, Br, I)``
  contains ``Li6PS5Cl``; ``LiF or LiI`` contains ``LiF``).
* **family** - the same chemical family, else the same chemical system:
  ``garnet`` (Li-La-O with Zr/Ta/Nb/Te/Hf/Sn: LLZO, LLZTO, Li5La3Ta2O12 ...),
  ``perovskite LLTO``, ``NASICON LATP``, ``NASICON LAGP``, ``LiPON``,
  ``Li2S-P2S5`` (Li-P-S only: Li3PS4, Li7P3S11, glasses, ``Li2S-P2S5``),
  ``argyrodite`` (Li-P-S-halogen, halogen/S >= 0.15), ``LGPS-type`` (Li-P-S with
  Ge/Sn/Si), ``NMC`` (Li-Ni-Mn-Co-O, incl. a bare ``NMC``/``NCM``), ``NCA``,
  ``anti-perovskite``, ``halide Li3MX6``, ``borohydride``; otherwise the chemical
  system, e.g. ``Li-Mn-O`` so that LiMn2O4 (LMO) finds LiMnO2 as a family match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pymatgen.core import Composition, Element

from ..errors import FormulaError
from ..materials import (
    canonical_abbreviation,
    parse_formula,
    pseudo_binary,
    resolve,
    same_composition,
)

HALOGENS = {"F", "Cl", "Br", "I"}

#: words that name a family rather than a compound
FAMILY_WORDS = {
    "GARNET": "garnet", "ARGYRODITE": "argyrodite", "NMC": "NMC", "NCM": "NMC",
    "NASICON": None, "LI2S-P2S5": "Li2S-P2S5", "LPS-GLASS": "Li2S-P2S5",
    "ANTI-PEROVSKITE": "anti-perovskite", "ANTIPEROVSKITE": "anti-perovskite",
    "PEROVSKITE": "perovskite LLTO", "LGPS-TYPE": "LGPS-type", "BOROHYDRIDE": "borohydride",
}
#: plain-word names of elemental electrodes
_WORD_FORMULAS = {
    "LITHIUM": "Li", "LI METAL": "Li", "LITHIUM METAL": "Li", "ACETYLENE CARBON": "C",
    "CARBON": "C", "INDIUM": "In",
}


@dataclass(frozen=True)
class MaterialKey:
    """What a material name denotes.

    Attributes:
        text: the name as given.
        label: a display label (abbreviation or normalised formula).
        compositions: reduced compositions it stands for (several for printed sets).
        family: family name (see module docstring) or None.
        aliases: upper-case names that identify it exactly.
    """

    text: str
    label: str
    compositions: tuple[Composition, ...]
    family: str | None
    aliases: frozenset[str]

    @property
    def known(self) -> bool:
        return bool(self.compositions) or self.family is not None


def _norm(text: str) -> str:
    return " ".join(text.replace("–", "-").replace("−", "-").split()).upper()


def family_of(comp: Composition) -> str:
    """Family of a composition (rules in the module docstring)."""
    els = {e.symbol for e in comp.elements}
    amt = {e.symbol: comp[e] for e in comp.elements}
    hal = els & HALOGENS
    if {"La", "O"} <= els and els & {"Zr", "Ta", "Nb", "Te", "Hf", "Sn"} and not els & {"P", "S", "Co", "Ni", "Mn", "Fe", "Ti"}:
        return "garnet"
    if {"Li", "La", "Ti", "O"} <= els <= {"Li", "La", "Ti", "O", "Al", "Sr", "Nd", "Nb"}:
        return "perovskite LLTO"
    if {"Li", "Ti", "P", "O"} <= els <= {"Li", "Al", "Ti", "P", "O"}:
        return "NASICON LATP"
    if {"Li", "Ge", "P", "O"} <= els <= {"Li", "Al", "Ge", "P", "O"}:
        return "NASICON LAGP"
    if {"Li", "P", "O", "N"} <= els <= {"Li", "P", "O", "N", "Si"}:
        return "LiPON"
    if els == {"Li", "P", "S"}:
        return "Li2S-P2S5"
    if {"Li", "P", "S"} <= els and hal and sum(amt[h] for h in hal) / amt["S"] >= 0.15 \
            and els <= {"Li", "P", "S", "Si", "Ge", "Sn", "Sb", "Se", "O", "Zn"} | HALOGENS:
        return "argyrodite"
    if {"Li", "P", "S"} <= els and els & {"Ge", "Sn", "Si"} and els <= {"Li", "P", "S", "Ge", "Sn", "Si", "Cl", "O"}:
        return "LGPS-type"
    if els == {"Li", "Ni", "Mn", "Co", "O"}:
        return "NMC"
    if els == {"Li", "Ni", "Co", "Al", "O"}:
        return "NCA"
    if {"Li", "O"} <= els and hal and els <= {"Li", "O", "H", "Ba"} | HALOGENS:
        return "anti-perovskite"
    if "Li" in els and hal and len(els - HALOGENS - {"Li"}) == 1 and els & {"Y", "In", "Sc", "Er", "Zr", "Ho"}:
        return "halide Li3MX6"
    if {"B", "H"} <= els and "Li" in els:
        return "borohydride"
    return "-".join(sorted(els))


def _parse_pseudo(text: str) -> Composition | None:
    """'70Li2S·30P2S5', '3LiBH4·LiI', 'LiBH4·(NH3·BH3)' -> summed composition (None if not one)."""
    try:
        return pseudo_binary(text)
    except FormulaError:
        return None


def _try_formula(text: str) -> Composition | None:
    if "·" in text or "•" in text:
        return _parse_pseudo(text)
    try:
        return parse_formula(text)
    except FormulaError:
        return None


_ELEMENT_SYSTEM = re.compile(r"^[A-Z][a-z]?(-[A-Z][a-z]?)+$")


@lru_cache(maxsize=4096)
def identify(text: str) -> MaterialKey:
    """Identify a material name; never raises (an unknown name has no composition/family)."""
    raw = text.strip()
    aliases = {_norm(raw)}
    name = re.sub(r"\s*\((unresolved)\)$", "", raw)
    name = re.sub(r"\s+(glass-ceramic|glass|powder|pellet)$", "", name, flags=re.IGNORECASE)
    name = re.sub(r"^[βγαctg]-", "", name)
    aliases.add(_norm(name))
    up = _norm(name)
    # set notation: Li6PS5X (X = Cl, Br, I)
    m = re.match(r"^(.*)X\s*\(X\s*=\s*([A-Za-z ,]+)\)$", name)
    if m:
        comps = tuple(c for c in (_try_formula(m.group(1) + x.strip()) for x in m.group(2).split(",")) if c)
        fam = family_of(comps[0]) if comps else None
        return MaterialKey(raw, name, tuple(c.reduced_composition for c in comps), fam, frozenset(aliases))
    # alternatives: "LiF or LiI", "LiCoO2+LiNbO3"
    if re.search(r"\s(or|and)\s|\+", name, flags=re.IGNORECASE):
        parts = [p.strip() for p in re.split(r"\s+(?:or|and)\s+|\+", name, flags=re.IGNORECASE) if p.strip()]
        keys = [identify(p) for p in parts]
        comps = tuple(c for k in keys for c in k.compositions)
        fams = {k.family for k in keys if k.family}
        return MaterialKey(raw, name, comps, fams.pop() if len(fams) == 1 else None,
                           frozenset(aliases | {a for k in keys for a in k.aliases}))
    if up in _WORD_FORMULAS:
        comp = Composition(_WORD_FORMULAS[up])
        aliases.add(_WORD_FORMULAS[up].upper())
        return MaterialKey(raw, _WORD_FORMULAS[up], (comp,), family_of(comp), frozenset(aliases))
    if up in FAMILY_WORDS:
        fam = FAMILY_WORDS[up]
        if up in ("NMC", "NCM"):
            aliases |= {"NMC", "NCM"}
        return MaterialKey(raw, name, (), fam, frozenset(aliases))
    # "Al-doped Li7La3Zr2O12": same family as the host, not the same composition
    m = re.match(r"^([A-Z][a-z]?)-doped\s+(.+)$", name)
    if m:
        host = _try_formula(m.group(2))
        if host is not None:
            return MaterialKey(raw, name, (), family_of(host + Composition(m.group(1)) * 0.1), frozenset(aliases))
    abbr = canonical_abbreviation(name)
    if abbr is not None and abbr not in ("NMC",):
        mat = resolve(name)
        aliases.add(abbr)
        comp = parse_formula(mat.formula)  # Material.nominal_composition cannot read '1/3'
        return MaterialKey(raw, abbr, (comp.reduced_composition,), family_of(comp), frozenset(aliases))
    if _ELEMENT_SYSTEM.match(name) and all(Element.is_valid_symbol(s) for s in name.split("-")):
        els = name.split("-")
        fam = family_of(Composition({e: 1 for e in els}))
        return MaterialKey(raw, name, (), fam, frozenset(aliases))
    # pseudo-binary system without amounts: "Li2S-P2S5", "Li2O-ZrO2"
    if "-" in name and not name.startswith("-"):
        parts = name.split("-")
        comps = [_try_formula(p) for p in parts]
        if all(c is not None for c in comps) and all(re.search(r"\d", p) or len(p) <= 2 for p in parts):
            total = sum(comps, Composition())
            return MaterialKey(raw, name, (), family_of(total), frozenset(aliases))
    comp = _try_formula(name)
    if comp is not None:
        return MaterialKey(raw, comp.reduced_formula, (comp.reduced_composition,), family_of(comp), frozenset(aliases))
    return MaterialKey(raw, name, (), None, frozenset(aliases))


def _same(a: Composition, b: Composition) -> bool:
    return same_composition(a, b)


def match_level(query: MaterialKey, record: MaterialKey) -> str | None:
    """``"exact"``, ``"family"`` or None for a query against a record's material."""
    if query.aliases & record.aliases:
        return "exact"
    for qc in query.compositions:
        for rc in record.compositions:
            if _same(qc, rc):
                return "exact"
    if query.family is not None and query.family == record.family:
        return "family"
    return None


def match_text(query: str | MaterialKey, record_text: str) -> tuple[str, str] | None:
    """Match a query against a record's printed/corrected name; returns (level, note) or None."""
    q = query if isinstance(query, MaterialKey) else identify(query)
    r = identify(record_text)
    level = match_level(q, r)
    if level is None:
        return None
    note = f"{q.text} = {record_text}" if level == "exact" else f"{q.text} ~ {record_text} (family {r.family})"
    return level, note
