"""Typed results of interface reactions: one kink of the mixing line, and a reaction of two materials.

Kept apart (with two small helpers both use) from the calculators (:mod:`ssbkit.interfaces.reactions`, :mod:`ssbkit.interfaces.profile`)
so that both use them without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..constants import REACTS_EV
from ..literature.joins import ReportedFact
from ..results import Provenance, Result
from ..thermo.reaction import Reaction
from .electronic import Character


@dataclass(frozen=True)
class Kink(Result):
    """One critical mixing ratio along the A-B tie line.

    Attributes:
        mixing_ratio: atom fraction of A (Li included).
        reaction_energy_eV_per_atom: reaction energy (closed: per atom of
            mixture; open: per atom of non-Li elements).
        products: product phases (reduced formulas), largest amount first.
        reaction: the balanced reaction (per formula unit of A, or of B at x=0).
        li_exchanged: Li taken from (+) or given to (-) the reservoir per the
            reaction as written (0 in a closed system).
    """

    mixing_ratio: float
    reaction_energy_eV_per_atom: float
    products: tuple[str, ...]
    reaction: Reaction
    li_exchanged: float = 0.0
    entry_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class InterfaceReaction(Result):
    """Reactivity of A and B, closed (``voltage_V`` None) or open to Li at ``voltage_V``.

    The headline fields describe the most exergonic kink.  ``energy_basis``
    states which reactant energies were used (own entry or hull energy) and per
    what the energy is counted.  ``product_character`` and ``observed`` are
    filled by :func:`in_context` (band gaps; what the reviews report).
    """

    reactant_a: str
    reactant_b: str
    voltage_V: float | None
    reaction_energy_eV_per_atom: float
    mixing_ratio: float
    products: tuple[str, ...]
    reaction: Reaction
    kinks: tuple[Kink, ...]
    energy_basis: str
    provenance: Provenance
    product_character: tuple[Character, ...] = ()
    observed: tuple[ReportedFact, ...] = ()

    _computed: ClassVar[tuple[str, ...]] = ("reactive",)
    _table: ClassVar[str | None] = "kinks"

    @property
    def reactive(self) -> bool:
        """True when some mixture has a negative reaction energy (< -1 meV/atom)."""
        return self.reaction_energy_eV_per_atom < -REACTS_EV


def fractional(comp: dict[str, float], drop: str | None = None) -> dict[str, float]:
    """Atom fractions of ``comp`` without the element ``drop`` (empty when nothing is left)."""
    c = {k: v for k, v in comp.items() if k != drop and v > 0}
    tot = sum(c.values())
    return {k: v / tot for k, v in c.items()} if tot > 0 else {}


def clean(x: float, nd: int = 9) -> float:
    """``x`` rounded to ``nd`` decimals, without ``-0.0`` (energies and ratios as reported)."""
    x = round(float(x), nd)
    return 0.0 if x == 0 else x
