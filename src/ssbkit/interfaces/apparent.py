"""Apparent (kinetic) electrochemical window: the intrinsic window widened by passivating products.

Zheng et al., Batteries & Supercaps 2021, §3.1: "the measured electrochemical window is the
sum of the intrinsic electrochemical windows of SSEs and interphases".  Below its reduction
limit (above its oxidation limit) an electrolyte decomposes; if the phases it forms are
electronic insulators and solids, they cover it and stop the reaction, so the electrolyte
survives further until the assemblage formed at some potential contains an electron
conductor or a gas (Zhu, He and Mo, ACS Appl. Mater. Interfaces 2015, ref. 76 of Zheng
et al. 2021; Fig. 7: stable / SEI / mixed-conducting).

The rule, on the Li-uptake profile of the material (the equilibrium assemblage in each
voltage interval, :class:`~ssbkit.thermo.window.ProfileStep`):

* apparent reduction limit: going down from the intrinsic reduction limit, the upper
  bound of the first interval whose assemblage holds an electron conductor (or a phase
  of unknown character: never guessed as insulating); 0 V when none does;
* apparent oxidation limit: going up from the intrinsic oxidation limit, the lower bound
  of the first interval whose assemblage holds a conductor, a gas that leaves (N2, F2, Cl2,
  H2: their evolution does not passivate) or an unknown phase; None (no limit found up to
  the top of the profile) when none does.  Oxygen is the exception: O2 release from an oxide
  lattice is kinetically sluggish at cell temperatures (§3.1: "the decomposition reaction is
  sluggish"), so the solid oxides left behind are counted as passivating and the release is
  named in the reason.

Each limit carries the products that passivate it and the phase that ends it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ..bibliography import ZHENG, cite
from ..results import Provenance, Result
from ..thermo.window import ProfileStep, StabilityWindow
from .electronic import Character, classify_phase

#: Elemental gases at room conditions (products that are not solids).
GASES = frozenset({"O2", "N2", "F2", "Cl2", "H2"})
#: Gases whose evolution ends passivation (O2 release from oxides is kinetically sluggish: not counted).
LEAVING_GASES = GASES - {"O2"}
_CITATION = cite(ZHENG, "[76]", "§3.1, Fig. 7")


@dataclass(frozen=True)
class ApparentLimit(Result):
    """One side of an apparent window.

    Attributes:
        limit_V: the apparent limit, V vs Li/Li+ (None: no limit found on the oxidation side).
        passivated_by: the insulating phases formed between the intrinsic and the apparent limit.
        ended_by: the phase(s) that end passivation (electron conductors, gases, unknown), empty if none.
        reason: one line.
    """

    limit_V: float | None
    passivated_by: tuple[str, ...]
    ended_by: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class ApparentWindow(Result):
    """Intrinsic and apparent (kinetic) window of one material."""

    formula: str
    intrinsic_reduction_V: float
    intrinsic_oxidation_V: float | None
    reduction: ApparentLimit
    oxidation: ApparentLimit
    provenance: Provenance | None = None

    _computed: ClassVar[tuple[str, ...]] = ("apparent_reduction_V", "apparent_oxidation_V")

    @property
    def apparent_reduction_V(self) -> float:
        return self.reduction.limit_V if self.reduction.limit_V is not None else 0.0

    @property
    def apparent_oxidation_V(self) -> float | None:
        return self.oxidation.limit_V

    def covers(self, low: float, high: float, tol: float = 1e-6) -> bool:
        """Does the apparent window cover ``low``-``high`` V?"""
        ox = self.apparent_oxidation_V
        return self.apparent_reduction_V <= low + tol and (ox is None or ox >= high - tol)


def _blocking(phases: tuple[str, ...], gaps: Any | None, memo: dict[str, Character]) -> tuple[str, ...]:
    out = []
    for p in phases:
        if p in LEAVING_GASES:
            out.append(f"{p} (gas)")
            continue
        if p == "O2":
            continue
        ch = memo.get(p) or memo.setdefault(p, classify_phase(p, gaps))
        if ch.conductor is True:
            out.append(f"{p} (conductor)")
        elif ch.conductor is None:
            out.append(f"{p} (unknown character)")
    return tuple(out)


def _side(steps: list[tuple[float, float, ProfileStep]], start: float, gaps: Any | None, memo: dict[str, Character],
          reduction: bool) -> ApparentLimit:
    """Walk the intervals (lo, hi, step) away from the intrinsic limit ``start``."""
    passivating: list[str] = []
    for lo, hi, step in steps:
        blockers = _blocking(step.phases, gaps, memo)
        if blockers:
            limit = hi if reduction else lo
            if not passivating:
                return ApparentLimit(start, (), blockers, "the first products already " +
                                     ("conduct electrons or evolve gas" if blockers else "") +
                                     f": {', '.join(blockers)}")
            return ApparentLimit(limit, tuple(passivating), blockers,
                                 f"passivated by {', '.join(passivating)} until {', '.join(blockers)} form at "
                                 f"{limit:.2f} V")
        for p in step.phases:
            if p not in passivating and p != "O2":
                passivating.append(p)
        if "O2" in step.phases and "O2 released (kinetically sluggish)" not in passivating:
            passivating.append("O2 released (kinetically sluggish)")
    if reduction:
        return ApparentLimit(0.0, tuple(passivating), (), "insulating products down to 0 V: passivated to Li metal"
                             if passivating else "no reduction down to 0 V")
    return ApparentLimit(None, tuple(passivating), (), "insulating solid products up to the top of the profile")


def apparent_window(window: StabilityWindow, gaps: Any | None) -> ApparentWindow:
    """The apparent window of ``window``'s material from its Li-uptake profile and the products' character."""
    prof = sorted(window.profile, key=lambda s: -s.voltage_V)  # highest first
    intervals: list[tuple[float, float, ProfileStep]] = []
    upper = float("inf")
    for s in prof:
        intervals.append((s.voltage_V, upper, s))
        upper = s.voltage_V
    red_lim, ox_lim = window.reduction_limit_V, window.oxidation_limit_V
    memo: dict[str, Character] = {}
    below = [iv for iv in intervals if iv[1] <= red_lim + 1e-9]  # descending voltage
    red = _side(below, red_lim, gaps, memo, reduction=True)
    if ox_lim is None:
        ox = ApparentLimit(None, (), (), "no Li to extract: no oxidation limit")
    else:
        above = sorted((iv for iv in intervals if iv[0] >= ox_lim - 1e-9 and iv[2].li_per_formula_unit < 0),
                       key=lambda iv: iv[0])  # ascending voltage
        ox = _side(above, ox_lim, gaps, memo, reduction=False)
    from .._version import __version__

    prov = Provenance(method="apparent window (ssbkit.interfaces.apparent)", ssbkit_version=__version__,
                      data_source=window.provenance.data_source if window.provenance else None,
                      data_version=window.provenance.data_version if window.provenance else None,
                      references=(ZHENG, f"{ZHENG}-ref76"),
                      notes=(_CITATION,))
    return ApparentWindow(window.formula, red_lim, ox_lim, red, ox, prov)
