"""Chemical formulas for people: subscripts in plots (Unicode subscript digits) and in HTML.

>>> plot_formula("Li7La3Zr2O12")
'Li₇La₃Zr₂O₁₂'
>>> str(html_formula("LiTi2(PO4)3"))
'LiTi<sub>2</sub>(PO<sub>4</sub>)<sub>3</sub>'
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_NUM = re.compile(r"(?<=[A-Za-z\)\]])(\d+(?:\.\d+)?)")
_FORMULA = re.compile(r"^[A-Z][A-Za-z0-9().\[\]]*$")


def is_formula(text: str) -> bool:
    """True for text that looks like one chemical formula (``Li3PS4``), not a name or a sentence."""
    return bool(_FORMULA.match(text)) and any(c.isdigit() for c in text)


_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def plot_formula(text: str) -> str:
    """A plot label with subscripts for a formula (other text unchanged): Unicode subscript digits, which the
    default font draws, rather than mathtext, whose parser took about 10 ms a label (2 s of an HTML report)."""
    if not is_formula(text):
        return text
    return _NUM.sub(lambda m: m.group(1).translate(_SUBSCRIPT), text)


def html_formula(text: str) -> Markup:
    """HTML with ``<sub>`` subscripts for a formula (other text escaped as is)."""
    if not is_formula(text):
        return escape(text)
    return Markup(_NUM.sub(lambda m: f"<sub>{m.group(1)}</sub>", str(escape(text))))


def html_formulas(text: str) -> Markup:
    """Subscripts for every formula-like word in a text (products lists, reactions)."""
    parts = re.split(r"([A-Za-z0-9().\[\]]+)", text)
    return Markup("").join(html_formula(p) if is_formula(p) else escape(p) for p in parts)
