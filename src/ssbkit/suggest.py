"""Did-you-mean for material names: abbreviations, the materials ssbkit knows by name, and the data's formulas.

Two kinds of typo are common in battery-materials names, and both are caught:

* a character slip in a name or formula (``LLZ0`` for LLZO, ``Li6PS5CL`` for Li6PS5Cl): close strings by
  :func:`difflib.get_close_matches` (Ratcliff-Obershelp similarity) after folding case and the digit 0 into
  the letter O;
* amounts written on the wrong element (``Li6PSCl5`` for Li6PS5Cl): the same elements with the same multiset
  of amounts, a permutation, found among known formulas of the same chemical system.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable

#: How similar (0-1) a candidate must be to be offered.
CUTOFF = 0.75
_TOKEN = re.compile(r"([A-Z][a-z]?)(\d*\.?\d*)")


def _fold(text: str) -> str:
    """Case folded, the digit 0 read as the letter O, spaces and dashes dropped (``LLZ0`` -> ``LLZO``)."""
    return re.sub(r"[\s_-]", "", text).upper().replace("0", "O")


def _amounts(formula: str) -> tuple[tuple[str, ...], tuple[float, ...]] | None:
    """(sorted elements, sorted amounts) of a flat formula, or None when it is not one."""
    pos, els, amts = 0, [], []
    for m in _TOKEN.finditer(formula):
        if m.start() != pos or not m.group(0):
            break
        pos = m.end()
        els.append(m.group(1))
        try:
            amts.append(float(m.group(2)) if m.group(2) else 1.0)
        except ValueError:
            return None
    if pos != len(formula) or not els or len(set(els)) != len(els):
        return None
    return tuple(sorted(els)), tuple(sorted(amts))


def suggestions(text: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` candidates that ``text`` is probably a typo of, best first (none equal to ``text``)."""
    text = str(text).strip()
    cands = [c for c in dict.fromkeys(candidates) if c and c != text]
    if not text or not cands:
        return []
    perm = _amounts(text)
    if perm is not None:  # amounts on the wrong elements: nothing else is as likely
        got = [c for c in cands if _amounts(c) == perm]
        if got:
            return got[:n]
    out: list[str] = []
    folded: dict[str, str] = {}
    for c in cands:
        folded.setdefault(_fold(c), c)
    exact = folded.get(_fold(text))
    if exact is not None:  # the same but for case or 0/O: nothing else is as likely
        return [exact]
    out += [folded[k] for k in difflib.get_close_matches(_fold(text), list(folded), n=n, cutoff=CUTOFF)]
    return list(dict.fromkeys(out))[:n]


def did_you_mean(text: str, candidates: Iterable[str], same: Callable[[str, str], bool] | None = None) -> str:
    """``" (did you mean X or Y?)"`` for ``text`` among ``candidates``, or ``""`` when nothing is close;
    ``same(text, candidate)``: candidates that denote the same material as ``text`` are not offered."""
    got = [c for c in suggestions(text, candidates) if same is None or not same(text, c)]
    if not got:
        return ""
    return f" (did you mean {' or '.join(got)}?)"
