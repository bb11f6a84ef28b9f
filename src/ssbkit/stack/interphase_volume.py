"""The volume change of an interface reaction, and whether its interphase covers, cracks or spalls.

Zheng et al., Batteries & Supercaps 2021 §3.4 and Wang et al., Adv. Energy Mater. 2020 §3.4: the products of an
interface reaction rarely fill the volume of what they replace; a layer that grows with a misfit cracks or comes
off, and fresh surface keeps reacting.

* **formation volume**: ``dV/V = (sum_products n_i V_i - sum_reactants n_j V_j) / sum_reactants n_j V_j`` over
  the solids (gases leave), each ``V`` the formula unit's volume from the volumes table (``ssbkit data``:
  the Materials Project's lowest-energy structure, OQMD, or the table's fitted estimate);
* **the layer it replaces**: the film grows into the layer it consumes, so its volume ratio is taken against
  the solids it replaces, Li metal (brought by the electrode, whose side recedes) left out:
  ``R = V_products / V_replaced``;
* **Pilling-Bedworth rule** (N. B. Pilling and R. E. Bedworth, J. Inst. Met. 1923, 29, 529), the classic
  criterion for a reaction layer growing on what it consumes: ``R < 1`` the film cannot cover (it cracks open
  and fresh surface keeps reacting), ``1 <= R <= 2`` it covers, ``R > 2`` its compressive stress makes a thick
  scale buckle and spall off (a thin interphase can hold: LiPON's, at R = 2.6 on these data, protects Li).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..interfaces.apparent import GASES as ELEMENTAL_GASES
from ..results import Result

#: formulas that leave a solid reaction as gases (not counted in the solid volume): the elemental gases and the
#: molecular ones a reaction with carbonates, hydroxides or sulfates gives off
GASES = ELEMENTAL_GASES | frozenset({"CO2", "H2O", "SO2", "NO2", "CO"})


@dataclass(frozen=True)
class InterphaseVolume(Result):
    """Volume change of an interface reaction and whether its interphase covers (Pilling-Bedworth).

    Attributes:
        volume_change_percent: solids of the products against those of the reactants, percent.
        volume_ratio: R, the products' solids over the solids they replace (Li metal left out).
        estimated_phases: phases whose volume is the table's estimate, not a structure's.
        gases: gaseous products left out of the solid volume.
        coverage: ``cracks open`` (R < 1), ``covers`` (1 <= R <= 2) or ``spalls`` (R > 2).
    """

    volume_change_percent: float
    volume_ratio: float
    estimated_phases: tuple[str, ...]
    gases: tuple[str, ...]
    coverage: str

    def sentence(self) -> str:
        """One line for the interface's reasons."""
        out = f"the interphase forms with a volume change of {self.volume_change_percent:+.3g} % (products against "
        out += "reactants" + (f"; {', '.join(self.gases)} leave as gas" if self.gases else "")
        out += f"; estimated volumes for {', '.join(self.estimated_phases)}" if self.estimated_phases else ""
        what = {"cracks open": "it cannot cover the surface, cracks open and leaves fresh surface to react",
                "covers": "it covers the surface it grows on",
                "spalls": "it covers under strong compression (a thick scale would buckle and spall off; a thin "
                          "interphase can hold, as LiPON's does on Li)"}[self.coverage]
        return (f"{out}); {self.volume_ratio:.2f} times the volume it replaces: {what} (Pilling-Bedworth rule; "
                "Zheng et al., Batteries & Supercaps 2021, §3.4)")


def _solids(terms: Any, table: Any) -> tuple[float, list[str], list[str]]:
    """Volume (A^3) of the solid ``terms`` (amounts in formula units) from the volumes ``table``, the formulas whose
    volume is the table's estimate, and the gases left out; LookupError when a solid has no volume."""
    from ..errors import SsbkitError
    from ..materials import parse_formula

    total, est, gas = 0.0, [], []
    for t in terms:
        if t.formula in GASES:
            gas.append(t.formula)
            continue
        try:
            comp = parse_formula(t.formula)
            v, _, guessed = table.lookup({str(e): float(a) for e, a in comp.items()})
        except (SsbkitError, ValueError):  # a name that is no formula, or no volume: no figure at all
            raise LookupError(t.formula) from None
        total += t.amount * comp.num_atoms * v
        if guessed:
            est.append(t.formula)
    return total, est, gas


def interphase_volume(reaction: Any, table: Any) -> InterphaseVolume | None:
    """The formation volume of ``reaction`` (a :class:`ssbkit.thermo.reaction.Reaction`) with the volumes
    ``table`` (:class:`ssbkit.data.volumes.VolumeTable`), and its Pilling-Bedworth ratio; None when there is no
    reaction or no volume for a solid."""
    if reaction is None or table is None or not reaction.products:
        return None
    try:
        v0, est0, _ = _solids(reaction.reactants, table)
        vf, _, _ = _solids([t for t in reaction.reactants if t.formula != "Li"], table)
        v1, est1, gas = _solids(reaction.products, table)
    except LookupError:
        return None
    if v0 <= 0 or vf <= 0:
        return None
    ratio = v1 / vf
    coverage = "cracks open" if ratio < 1.0 else ("covers" if ratio <= 2.0 else "spalls")
    return InterphaseVolume(volume_change_percent=100.0 * (v1 - v0) / v0, volume_ratio=ratio,
                            estimated_phases=tuple(dict.fromkeys(est0 + est1)), gases=tuple(dict.fromkeys(gas)),
                            coverage=coverage)


def consumed_share(reaction: Any, formula: str, table: Any) -> float | None:
    """The share of an interphase's volume made from the reactant ``formula`` (a coating or interlayer it grows
    into): ``s = n_X V_X / sum_products n_i V_i`` over the solids, each ``V`` from the volumes ``table``.  An
    interphase of thickness ``L`` has used ``s L`` of that layer (mass balance).  0 when ``formula`` is not a
    reactant, None when there is no reaction or a volume is missing."""
    from ..thermo.hull import reduced_formula

    if reaction is None or table is None or not reaction.products:
        return None
    mine = [t for t in reaction.reactants if t.formula != "Li" and reduced_formula(t.formula) == reduced_formula(formula)]
    if not mine:
        return 0.0
    try:
        vx, v1 = _solids(mine, table)[0], _solids(reaction.products, table)[0]
    except LookupError:
        return None
    return min(vx / v1, 1.0) if v1 > 0 else None
