"""The impedance spectrum of an assessed cell: its resistance budget at t = 0 as series R || C elements, with the
capacitance each kind of contribution has (:mod:`ssbkit.physics.impedance`)."""

from __future__ import annotations

from ..parameters import Parameters, from_si, to_si
from ..physics.impedance import (
    Element,
    ImpedanceResult,
    frequency_grid,
    layer_capacitance,
    per_cm2,
    spectrum,
)
from .budget import AsrBudget, AsrContribution

#: the frequency range of the spectrum unless the user gives one (Hz)
DEFAULT_RANGE_HZ = (1e-3, 1e7)


def _permittivity(params: Parameters, name: str) -> float:
    from ..materials import resolve
    from .junctions import anion_class

    try:
        cls = anion_class(resolve(name).model_formula) or "oxide"
    except Exception:  # noqa: BLE001 - a name that is not a material: the oxide default
        cls = "oxide"
    return params.si(f"permittivity.{cls}")


def _capacitance(c: AsrContribution, params: Parameters) -> float | None:
    """F/cm2 of a contribution (module doc of :mod:`ssbkit.physics.impedance`)."""
    if c.kind == "space charge" and c.capacitance_uF_per_cm2:
        return per_cm2(c.capacitance_uF_per_cm2)
    if c.kind in ("charge transfer", "contact", "voids", "contact loss"):
        return from_si(params.si("impedance.double_layer_capacitance"), "F/cm2")
    if c.kind in ("electrolyte bulk", "grain boundary"):
        name = c.name.split(" ", 2)[-1]
        eps, L = _permittivity(params, name), params.si("thickness.electrolyte")
        if c.kind == "electrolyte bulk":
            return layer_capacitance(eps, L)
        return layer_capacitance(eps, L * params.si("grain_boundary_thickness") / params.si("grain_size"))
    if c.thickness_nm and c.thickness_nm[0] > 0:
        return layer_capacitance(params.si("permittivity.oxide"), to_si(c.thickness_nm[0], "nm"))
    return None


def budget_spectrum(budget: AsrBudget, params: Parameters,
                    range_Hz: tuple[float, float] = DEFAULT_RANGE_HZ) -> ImpedanceResult:
    """Z(f) of the budget at t = 0 over ``range_Hz`` (10 points per decade, at least 50)."""
    elements = [Element(c.name, c.asr_start_ohm_cm2, _capacitance(c, params))
                for c in budget.contributions if c.asr_start_ohm_cm2 > 0]
    return spectrum(elements or [Element("none", 0.0, None)], frequency_grid(*range_Hz))
