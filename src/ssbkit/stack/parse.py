"""Parse a cell stack: ``"CATHODE | [COATING |] ELECTROLYTE [| INTERLAYER] | ANODE"``.

Three layers are cathode | electrolyte | anode; five add a coating and an
interlayer.  With four layers the electrolyte is the middle layer that is a
known solid electrolyte (seed 1 Table 1 or a standard abbreviation); mark it
with a leading ``*`` when that is ambiguous (``"LCO | *LGPS | LiH2PO4 | Li"``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from ..errors import SsbkitError
from ..materials import Material, canonical_abbreviation, resolve
from ..results import Result

_ELECTROLYTE_ABBR = {"LGPS", "LPS", "LPSCL", "LPSBR", "LPSI", "LSPS", "LLZO", "LLZTO", "LLTO", "LATP", "LAGP",
                     "LIPON", "LYC", "LYB", "LIC"}
_ELECTROLYTE_FORMULAS = {"Li3PS4", "Li7P3S11", "Li6PS5Cl", "Li6PS5Br", "Li6PS5I", "Li10GeP2S12", "Li10SnP2S12",
                         "Li4SnS4", "Li4GeS4", "Li7La3Zr2O12", "Li3OCl", "Li3OBr", "Li3InCl6", "Li3YCl6", "Li3YBr6",
                         "Li3PO4", "LiTi2(PO4)3", "LiGe2(PO4)3", "LiLaTi2O6", "Li7PS6", "Li3N"}


Role = Literal["cathode", "coating", "electrolyte", "interlayer", "anode"]


@dataclass(frozen=True)
class Layer(Result):
    """One layer of the stack: its role and the resolved material."""

    role: Role
    material: Material

    @property
    def formula(self) -> str:
        """The model formula used for thermodynamics."""
        return self.material.model_formula


@dataclass(frozen=True)
class Stack(Result):
    """A cell stack from cathode to anode."""

    layers: tuple[Layer, ...]

    _computed: ClassVar[tuple[str, ...]] = ("text",)

    @property
    def text(self) -> str:
        """``LiCoO2 | LiNbO3 | Li6PS5Cl | Li``."""
        return self.label()

    def layer(self, role: str) -> Layer | None:
        return next((lay for lay in self.layers if lay.role == role), None)

    @property
    def interfaces(self) -> list[tuple[Layer, Layer]]:
        return list(zip(self.layers, self.layers[1:]))

    def label(self) -> str:
        return " | ".join(lay.material.name for lay in self.layers)


def _is_electrolyte(mat: Material) -> bool:
    if mat.abbreviation and mat.abbreviation in _ELECTROLYTE_ABBR:
        return True
    from pymatgen.core import Composition

    red = mat.composition.reduced_formula
    return any(Composition(f).reduced_formula == red for f in _ELECTROLYTE_FORMULAS)


def parse_stack(text: str) -> Stack:
    """Parse the stack text; raises :class:`SsbkitError` with a one-line reason."""
    parts = [p.strip() for p in text.split("|")]
    if any(not p for p in parts):
        raise SsbkitError(f"empty layer in stack {text!r}: write e.g. \"LiNi0.8Co0.1Mn0.1O2 | LiNbO3 | Li6PS5Cl | Li\"")
    if not 3 <= len(parts) <= 5:
        raise SsbkitError(f"stack {text!r} has {len(parts)} layers: give 3 to 5, "
                          "\"CATHODE | [COATING |] ELECTROLYTE [| INTERLAYER] | ANODE\"")
    marked = [i for i, p in enumerate(parts) if p.startswith("*")]
    names = [p.lstrip("*").strip() for p in parts]
    mats = []
    for n in names:
        mats.append(resolve(n))
    if len(marked) > 1:
        raise SsbkitError("mark only one layer as the electrolyte with '*'")
    n = len(parts)
    if marked:
        e = marked[0]
        if e in (0, n - 1):
            raise SsbkitError("the electrolyte ('*') cannot be the first (cathode) or last (anode) layer")
    elif n == 3:
        e = 1
    elif n == 5:
        e = 2
    else:
        cands = [i for i in (1, 2) if _is_electrolyte(mats[i])]
        if len(cands) != 1:
            raise SsbkitError(f"cannot tell which of {names[1]!r} and {names[2]!r} is the electrolyte: "
                              "mark it with a leading '*', e.g. \"LiCoO2 | *LGPS | LiH2PO4 | Li\"")
        e = cands[0]
    if n == 5 and e != 2:
        raise SsbkitError("in a 5-layer stack the electrolyte is the middle layer")
    roles: list[Role] = []
    for i in range(n):
        if i == 0:
            roles.append("cathode")
        elif i == n - 1:
            roles.append("anode")
        elif i == e:
            roles.append("electrolyte")
        elif i < e:
            roles.append("coating")
        else:
            roles.append("interlayer")
    if canonical_abbreviation(names[-1]) is None and mats[-1].model_formula not in ("Li",) and "Li" not in mats[-1].model_formula:
        pass  # non-Li anodes (In, graphite, Si ...) are allowed
    return Stack(tuple(Layer(r, m) for r, m in zip(roles, mats)))
