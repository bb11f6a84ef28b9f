"""Surface layers removed by heat: the lowest temperature at which Li2CO3 or LiOH leaves a material's surface in
an atmosphere, with or without carbon in contact (Wang et al., Adv. Energy Mater. 2020 §2.3.1: thermal
decomposition of Li2CO3/LiOH, and carbon lowering the temperature to 700 C, ref. [64]).

The equilibrium at each temperature is :func:`ssbkit.interfaces.thermal.in_atmosphere`.  A carbon source buffers
the oxygen potential with CO (:mod:`ssbkit.thermo.atmosphere`) and is used up by the reaction it drives:
Li2CO3 + C -> Li2O + 2 CO takes one C per formula unit.  Where the atmosphere states the carbon present
(``carbon_per_formula``), a shortfall leaves the rest of the layer to go on its own, at the temperature
without carbon (mass balance: the reaction's extent is the carbon present over the carbon it takes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..materials import Material
from ..results import Provenance, Result
from ..thermo.atmosphere import INERT, Atmosphere, carbon_label
from ..thermo.reaction import Reaction
from ..thermo.service import Thermo
from .thermal import AtmosphereReaction, in_atmosphere


@dataclass(frozen=True)
class RemovalTemperature(Result):
    """The lowest temperature at which a surface layer is gone from the equilibrium assemblage.

    Gone: no product holds one of the layer's elements that the atmosphere does not exchange (Li for
    Li2CO3, LiOH) together with oxygen and carbon or hydrogen - no carbonate, hydroxide or hydrate of
    them is left (so LiOH.H2O or a La oxycarbonate on the substrate does not count as removal of Li2CO3,
    but Li2O does).  Only the gases that can carry off the layer's own volatile elements take part
    (O2, and CO2 for a carbonate, H2O for a hydroxide): removal is the layer giving off its own gas at
    the atmosphere's partial pressure, not its conversion by another gas (LiOH taking up traces of CO2).
    ``temperature_K`` None: not removed up to ``searched_up_to_K``.  ``reaction`` is
    the removal reaction just above that temperature.

    With a carbon source in contact, ``carbon_needed_per_formula`` is the carbon the removal takes (mol C per
    formula unit of the layer, Li2CO3 + C -> Li2O + 2 CO: 1).  When the atmosphere states the carbon present
    (``carbon_per_formula``) and it is less, the carbon removes only ``carbon_removed_fraction`` of the layer at
    ``carbon_assisted_K``; the rest goes where the layer leaves without carbon (``temperature_K``, None if it
    does not below ``searched_up_to_K``).
    """

    layer: str
    substrate: str | None
    atmosphere: Atmosphere
    temperature_K: float | None
    searched_up_to_K: float
    resolution_K: float
    reaction: Reaction | None
    provenance: Provenance
    carbon_needed_per_formula: float | None = None
    carbon_assisted_K: float | None = None
    carbon_removed_fraction: float | None = None


def carbon_used(reaction: Reaction | None) -> float:
    """Carbon a reaction takes from the carbon source (its reactant ``C``), mol per formula unit of the layer."""
    return 0.0 if reaction is None else sum(t.amount for t in reaction.reactants if t.formula == "C")


def without_carbon(atmosphere: Atmosphere) -> Atmosphere:
    """The same gas with no carbon source in contact."""
    from dataclasses import replace

    name = atmosphere.name.replace(carbon_label(True, atmosphere.carbon_per_formula), "")
    return replace(atmosphere, name=name, carbon=False, carbon_per_formula=None)


def carbon_share(atmosphere: Atmosphere, reaction: Reaction | None) -> float:
    """The share (0-1) of a layer that the carbon present removes by ``reaction`` (1: a reservoir, or enough)."""
    need = carbon_used(reaction)
    have = atmosphere.carbon_per_formula
    if not atmosphere.carbon or have is None or need <= have * (1.0 + 1e-9):
        return 1.0
    return have / need


def removal_temperature(thermo: Thermo, layer: str | Material, atmosphere: Atmosphere,
                        substrate: str | Material | None = None, t_low: float = 300.0, t_high: float = 1800.0,
                        volumes: Any = None, resolution_K: float = 1.0, experimental: bool = False
                        ) -> RemovalTemperature:
    """Lowest T at which ``layer`` (alone, or in contact with ``substrate``) no longer appears in the
    equilibrium with ``atmosphere`` (a 25 K grid, then bisection to ``resolution_K``)."""
    from dataclasses import replace

    from ..materials import resolve
    from ..thermo.atmosphere import _molecule as molecule
    from ..thermo.hull import reduced_formula

    mat = thermo.material(layer)
    own = reduced_formula(mat.model_formula)
    allowed = set(thermo.comp_dict(mat)) | {"O"} | (set(thermo.comp_dict(thermo.material(substrate)))
                                                    if substrate is not None else set())
    atmosphere = replace(atmosphere, partial_pressures_bar={
        g: p for g, p in atmosphere.partial_pressures_bar.items() if set(molecule(g)) <= allowed or g in INERT})
    cations = {e for e in thermo.comp_dict(mat) if e not in ("O", "C", "H", "N")}

    def contaminant(formula: str) -> bool:
        els = set(thermo.comp_dict(resolve(formula)))
        return formula == own or (bool(els & cations) and "O" in els and bool(els & {"C", "H"}))

    def lowest(atm: Atmosphere) -> tuple[float | None, Reaction | None]:
        def gone(t: float) -> tuple[bool, AtmosphereReaction]:
            r = in_atmosphere(thermo, mat, atm, t, volumes, with_material=substrate, experimental=experimental)
            return not any(contaminant(p) for p in r.products), r

        prev = found = None
        for t in [t_low + 25.0 * k for k in range(int((t_high - t_low) // 25) + 1)]:
            ok, r = gone(t)
            if ok:
                found = t
                break
            prev = t
        if found is None:
            return None, None
        if prev is None:
            return found, r.reaction
        lo, hi = prev, found
        while hi - lo > resolution_K:
            mid = 0.5 * (lo + hi)
            if gone(mid)[0]:
                hi = mid
            else:
                lo = mid
        return hi, gone(hi)[1].reaction

    found, reaction = lowest(atmosphere)
    extra: dict[str, float | None] = {}
    if atmosphere.carbon and found is not None:
        extra["carbon_needed_per_formula"] = round(carbon_used(reaction), 9)
        share = carbon_share(atmosphere, reaction)
        if share < 1.0:  # the carbon present is used up: the rest of the layer must leave on its own
            extra.update(carbon_assisted_K=round(found, 1), carbon_removed_fraction=round(share, 9))
            found, reaction = lowest(without_carbon(atmosphere))
    prov = thermo.provenance("lowest temperature at which the layer leaves the equilibrium assemblage",
                             atmosphere=atmosphere.to_dict(), layer=mat.name,
                             substrate=thermo.material(substrate).name if substrate else None)
    return RemovalTemperature(layer=mat.model_formula,
                              substrate=thermo.material(substrate).model_formula if substrate else None,
                              atmosphere=atmosphere, temperature_K=None if found is None else round(found, 1),
                              searched_up_to_K=t_high, resolution_K=resolution_K, reaction=reaction, provenance=prov,
                              **extra)  # type: ignore[arg-type]
