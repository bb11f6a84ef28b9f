"""Parse a cell stack: ``"ELECTRODE | [layers ... |] ELECTROLYTE [| ELECTROLYTE ...] [| layers ...] | ELECTRODE"``.

Any number of layers (at least three).  The first and last layers are the electrodes:

* the left one is the positive (working) electrode: a cathode (LiCoO2, NMC811, LFP, S ...)
  or, in an anode half cell or a symmetric cell, an anode material;
* the right one is the negative electrode: Li, Li-In (0.62 V vs Li/Li+), graphite, Si,
  Li4Ti5O12, or a bare current collector (Cu, Ni, stainless steel: an anode-free cell,
  where Li plates on the collector).

Middle layers that are known solid electrolytes (Zheng et al. 2021, Table 1 and standard
abbreviations) are electrolytes - two or more make a multilayer electrolyte (``LPSCl | LGPS``).
Mark an electrolyte with a leading ``*`` when it is not recognised.  Layers between the
positive electrode and the first electrolyte are coatings; the others are interlayers.

Cell types: ``full``, ``half`` (against Li or Li-In), ``symmetric`` (the same electrode on
both sides, e.g. ``Li | LLZO | Li``: no layer is treated as a cathode) and ``anode-free``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from pymatgen.core import Composition

from ..errors import SsbkitError
from ..materials import Material, check_solid, resolve
from ..results import Result

_ELECTROLYTE_ABBR = {"LGPS", "LPS", "LPSCL", "LPSBR", "LPSI", "LSPS", "LLZO", "LLZTO", "AL-LLZO", "GA-LLZO", "NB-LLZO", "LLCZN",
                     "LLTO", "LATP", "LAGP",
                     "LIPON", "LYC", "LYB", "LIC"}
_ELECTROLYTE_FORMULAS = {"Li3PS4", "Li7P3S11", "Li6PS5Cl", "Li6PS5Br", "Li6PS5I", "Li10GeP2S12", "Li10SnP2S12",
                         "Li4SnS4", "Li4GeS4", "Li7La3Zr2O12", "Li3OCl", "Li3OBr", "Li3InCl6", "Li3YCl6", "Li3YBr6",
                         "Li3PO4", "LiTi2(PO4)3", "LiGe2(PO4)3", "LiLaTi2O6", "Li7PS6", "Li3N", "Li2PO2N",
                         "Li10SiP2S12", "Li9.54Si1.74P1.44S11.7Cl0.3", "Li6.4La3Zr1.4Ta0.6O12"}
_CATHODE_ABBR = {"LCO", "LFP", "LMO", "LNO", "LNMO", "LCP", "NMC111", "NMC532", "NMC622", "NMC811", "NCA"}
_REDOX_TM = {"Co", "Ni", "Mn", "Fe", "V", "Cr", "Cu", "Mo"}

Role = Literal["cathode", "coating", "electrolyte", "interlayer", "anode"]
CellType = Literal["full", "half", "symmetric", "anode-free"]


@dataclass(frozen=True)
class Electrode(Result):
    """What an anode-type electrode is: model formula, potential vs Li/Li+, working range in a half cell."""

    kind: Literal["li", "li-in", "graphite", "si", "lto", "collector"]
    model_formula: str
    potential_V: float
    working_range_V: tuple[float, float]
    note: str


#: Anode-type electrodes (upper-case name without spaces, hyphens or dashes -> electrode).
ELECTRODES: dict[str, Electrode] = {}
for _names, _el in (
        (("LI", "LIMETAL"), Electrode("li", "Li", 0.0, (0.0, 0.0), "Li metal (0 V by definition)")),
        (("LIIN", "INLI", "IN"), Electrode("li-in", "LiIn", 0.62, (0.62, 0.62),
                                           "Li-In alloy: 0.62 V vs Li/Li+ on its two-phase plateau")),
        (("GRAPHITE", "C", "LIC6"), Electrode("graphite", "C", 0.1, (0.05, 1.5),
                                             "lithiated graphite (LiC6): about 0.1 V vs Li/Li+ at full charge")),
        (("SI", "LI15SI4"), Electrode("si", "Si", 0.1, (0.05, 1.0),
                                      "lithiated Si: about 0.1 V vs Li/Li+ at full lithiation")),
        (("LTO", "LI4TI5O12"), Electrode("lto", "Li4Ti5O12", 1.55, (1.0, 2.5),
                                         "Li4Ti5O12: 1.55 V vs Li/Li+ plateau")),
        (("CU", "NI", "SS", "STAINLESSSTEEL", "ANODEFREE", "NONE"),
         Electrode("collector", "Li", 0.0, (0.0, 0.0),
                   "anode-free: Li plates on the current collector, the electrolyte meets Li metal at 0 V"))):
    for _n in _names:
        ELECTRODES[_n] = _el


def electrode_of(name: str) -> Electrode | None:
    """The anode-type electrode ``name`` stands for (``Li``, ``Li-In``, ``graphite``, ``Si``, ``LTO``, ``Cu`` ...)."""
    key = name.strip().upper().replace(" ", "").replace("-", "").replace("–", "").replace("/", "")
    return ELECTRODES.get(key)


@dataclass(frozen=True)
class Layer(Result):
    """One layer of the stack: its role and the resolved material (``electrode`` for anode-type electrodes)."""

    role: Role
    material: Material
    electrode: Electrode | None = None

    @property
    def formula(self) -> str:
        """The model formula used for thermodynamics (Li for a current collector: Li plates on it)."""
        return self.electrode.model_formula if self.electrode else self.material.model_formula


@dataclass(frozen=True)
class Stack(Result):
    """A cell stack from the positive to the negative electrode."""

    layers: tuple[Layer, ...]
    cell_type: CellType = "full"

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


def is_electrolyte(mat: Material) -> bool:
    """A known solid electrolyte (abbreviation or formula of Zheng et al. 2021 Table 1 and common ones)."""
    if mat.abbreviation and mat.abbreviation in _ELECTROLYTE_ABBR:
        return True
    red = mat.composition.reduced_formula
    return any(Composition(f).reduced_formula == red for f in _ELECTROLYTE_FORMULAS)


def is_cathode(mat: Material) -> bool:
    """A cathode active material: a known abbreviation, or a lithium/transition-metal oxide, sulfide,
    fluoride or phosphate of a redox-active metal (Co, Ni, Mn, Fe, V, Cr, Cu, Mo), or TiS2 / S / FeS2."""
    if mat.abbreviation in _CATHODE_ABBR:
        return True
    if is_electrolyte(mat):
        return False
    els = {e.symbol for e in mat.composition}
    if els & _REDOX_TM and els & {"O", "S", "F", "Se"}:
        return True
    return mat.composition.reduced_formula in ("TiS2", "S", "FeS2", "Li2S")


def _resolve(name: str) -> tuple[Material, Electrode | None]:
    el = electrode_of(name)
    if el is not None:
        return Material(name=name, formula=el.model_formula, model_formula=el.model_formula, note=el.note), el
    return resolve(name), None


def parse_stack(text: str) -> Stack:
    """Parse the stack text; raises :class:`SsbkitError` with a one-line reason."""
    example = "e.g. \"LiNi0.8Co0.1Mn0.1O2 | LiNbO3 | Li6PS5Cl | Li\""
    if not str(text).strip():
        raise SsbkitError(f"empty stack: give the layers from cathode to anode, {example}")
    parts = [p.strip() for p in str(text).split("|")]
    if any(not p for p in parts):
        raise SsbkitError(f"empty layer in stack {text!r}: {example}")
    if len(parts) < 3:
        raise SsbkitError(f"stack {text!r} has {len(parts)} layer(s): give at least ELECTRODE | ELECTROLYTE | "
                          f"ELECTRODE, {example}")
    if len(parts) > 12:
        raise SsbkitError(f"stack {text!r} has {len(parts)} layers: at most 12 are assessed")
    marked = {i for i, p in enumerate(parts) if p.startswith("*")}
    names = [p.lstrip("*").strip() for p in parts]
    n = len(parts)
    resolved = [_resolve(nm) if i in (0, n - 1) else (resolve(nm), None) for i, nm in enumerate(names)]
    for i, (m, _) in enumerate(resolved):
        check_solid(m, f"layer {i + 1}")
    if marked & {0, n - 1}:
        raise SsbkitError("the electrolyte ('*') cannot be the first or last layer: those are the electrodes")
    left, right = resolved[0], resolved[-1]
    # the right electrode must be an anode-type electrode
    if right[1] is None:
        if is_cathode(right[0]):
            why = "two cathodes" if is_cathode(left[0]) else "a cathode on the anode side"
            raise SsbkitError(f"stack {text!r} has {why}: write it from the positive electrode to the negative one "
                              "(Li, Li-In, graphite, Si, Li4Ti5O12 or a Cu collector)")
        raise SsbkitError(f"the last layer {names[-1]!r} is not an anode: end the stack with Li, Li-In, graphite, Si, "
                          "Li4Ti5O12 or a current collector (Cu) for an anode-free cell")
    if left[1] is None and not is_cathode(left[0]):
        if is_electrolyte(left[0]):
            raise SsbkitError(f"the first layer {names[0]!r} is an electrolyte, not an electrode: start the stack with "
                              f"the cathode (or the working electrode), {example}")
    middle = range(1, n - 1)
    electrolytes = [i for i in middle if i in marked or (not marked and is_electrolyte(resolved[i][0]))]
    if marked:
        electrolytes = sorted(marked)
    if not electrolytes:
        if n == 3:
            electrolytes = [1]
        else:
            from ..materials import did_you_mean

            hints = "".join(did_you_mean(names[i], sorted(_ELECTROLYTE_FORMULAS)) for i in middle)
            raise SsbkitError(f"no known solid electrolyte among {', '.join(repr(names[i]) for i in middle)}{hints}: "
                              "if it is one, mark it with a leading '*', e.g. \"LiCoO2 | *Li2.9B0.9S0.1O3.1 | Li\"")
    first = electrolytes[0]
    cathode_left = left[1] is None
    roles: list[Role] = []
    for i in range(n):
        if i == 0:
            roles.append("cathode" if cathode_left else "anode")
        elif i == n - 1:
            roles.append("anode")
        elif i in electrolytes:
            roles.append("electrolyte")
        elif i < first and cathode_left:
            roles.append("coating")
        else:
            roles.append("interlayer")
    layers = tuple(Layer(r, m, e if r == "anode" else None) for r, (m, e) in zip(roles, resolved))
    if not cathode_left and left[1] is not None and right[1] is not None and left[1].kind == right[1].kind:
        cell: CellType = "symmetric"
    elif right[1].kind == "collector":
        cell = "anode-free"
    elif right[1].kind in ("li", "li-in"):
        cell = "half"
    else:
        cell = "full"
    return Stack(layers, cell)
