"""Balanced reactions as objects: reactants and products with coefficients; text on demand.

>>> r = Reaction.from_terms([(1.0, "Li2O2"), (2.0, "Li")], [(2.0, "Li2O")])
>>> str(r)
'Li2O2 + 2 Li -> 2 Li2O'
>>> Reaction.from_dict(r.to_dict()) == r
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from ..results import Result


def format_amount(x: float) -> str:
    """Compact coefficient for reaction text (integers without decimals, else 4 significant figures)."""
    if abs(x - round(x)) < 1e-6:
        return str(int(round(x)))
    return f"{x:.4g}"


@dataclass(frozen=True)
class Term(Result):
    """``amount`` formula units of ``formula`` (reduced formula)."""

    formula: str
    amount: float


@dataclass(frozen=True)
class Reaction(Result):
    """A balanced reaction ``reactants -> products`` (amounts in formula units)."""

    reactants: tuple[Term, ...]
    products: tuple[Term, ...]

    _computed: ClassVar[tuple[str, ...]] = ("text",)

    @classmethod
    def from_terms(cls, reactants: Iterable[tuple[float, str]], products: Iterable[tuple[float, str]]) -> Reaction:
        """From ``(amount, formula)`` pairs; zero amounts are dropped."""
        return cls(reactants=tuple(Term(f, float(a)) for a, f in reactants if a > 1e-9),
                   products=tuple(Term(f, float(a)) for a, f in products if a > 1e-9))

    @property
    def text(self) -> str:
        """``a A + b B -> c C`` with coefficients of 1 omitted; ``(nothing)`` for an empty side."""
        def side(terms: tuple[Term, ...]) -> str:
            parts = [t.formula if format_amount(t.amount) == "1" else f"{format_amount(t.amount)} {t.formula}"
                     for t in terms]
            return " + ".join(parts) if parts else "(nothing)"
        return f"{side(self.reactants)} -> {side(self.products)}"

    def __str__(self) -> str:
        return self.text

    def to_pymatgen(self) -> Any:
        """This reaction as a pymatgen ``BalancedReaction`` (raises a one-line error if it is not balanced, as
        when an open element's exchange with a gas is left out)."""
        from pymatgen.analysis.reaction_calculator import (
            BalancedReaction,
            ReactionError,
        )
        from pymatgen.core import Composition

        from ..errors import SsbkitError

        def side(terms: tuple[Term, ...]) -> dict[Any, float]:
            out: dict[Any, float] = {}
            for t in terms:
                c = Composition(t.formula)
                out[c] = out.get(c, 0.0) + t.amount
            return out

        try:
            return BalancedReaction(side(self.reactants), side(self.products))
        except ReactionError as exc:
            raise SsbkitError(f"{self.text} is not balanced for pymatgen ({exc}): the exchange with an open "
                              "reservoir is left out of it") from None
