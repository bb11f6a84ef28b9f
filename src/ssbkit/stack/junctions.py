"""Ionic | ionic junctions of a stack: where a space-charge layer forms and how large its step is.

A junction is an interface between two Li-ion conducting layers (cathode, coating, electrolyte, a non-metal
interlayer); Li metal, alloys and carbon take no part.  Anion classes come from the formula (sulfide: S
without O; halide: F, Cl, Br or I without O or S; oxide: O).  Li+ leaves the phase that binds it less:

* oxide | sulfide: the sulfide is depleted (Haruyama et al., Chem. Mater. 2014; Wang et al., Adv. Energy
  Mater. 2020, §3.2 refs. [117-119]), up to ``spacecharge.potential.oxide_sulfide``;
* a cathode against a same-anion (or halide) electrolyte (not a coating: a nanometre oxide film on an oxide
  cathode is part of its surface): the electrolyte is depleted, up to
  ``spacecharge.potential.same_anion`` ("limited in oxide-based" cells, Wang et al. 2020 §3.2).

The step at the cathode's state of charge: an electron-conducting cathode at potential ``U`` pulls Li from the
depleted phase when ``U`` lies above that phase's oxidation limit ``U_ox``, and the step is
``min(U - U_ox, cap)``; below ``U_ox`` no depletion forms.  Against an electronically insulating receiver
(a coating) only the intrinsic step ``cap`` remains, shared with an accumulation layer in the coating
(:mod:`ssbkit.physics.spacecharge`).
"""

from __future__ import annotations

from ..errors import SsbkitError
from ..physics.spacecharge import SpaceChargeResult, space_charge_layer
from .budget import AsrContribution, BudgetBuilder
from .context import AssessmentContext, reduced
from .parse import Layer

_HALOGENS = {"F", "Cl", "Br", "I"}
#: layer roles that conduct Li ions across a junction
_IONIC_ROLES = ("cathode", "coating", "electrolyte", "interlayer")


def anion_class(formula: str) -> str | None:
    """``oxide``, ``sulfide``, ``halide`` or None (metals, alloys, carbon, nitrides ...)."""
    from ..materials import parse_formula

    els = {e.symbol for e in parse_formula(formula)}
    if "Li" not in els and not els & {"Co", "Ni", "Mn", "Fe"}:
        return None
    if "O" in els:
        return "oxide"
    if "S" in els:
        return "sulfide"
    if els & _HALOGENS:
        return "halide"
    return None


def _ionic(layer: Layer) -> bool:
    return layer.role in _IONIC_ROLES and layer.electrode is None and anion_class(layer.formula) is not None


def _depleted(left: Layer, right: Layer) -> tuple[Layer, Layer, str] | None:
    """(depleted, receiving, pair) of a junction, or None when no space charge is modelled."""
    a, b = anion_class(left.formula), anion_class(right.formula)
    if {a, b} == {"oxide", "sulfide"}:
        return (left, right, "oxide_sulfide") if a == "sulfide" else (right, left, "oxide_sulfide")
    for cath, other in ((left, right), (right, left)):
        if cath.role == "cathode" and other.role == "electrolyte":
            return other, cath, "same_anion"
    return None


def _permittivity(budget: BudgetBuilder, layer: Layer) -> tuple[float, str]:
    name = f"permittivity.{reduced(layer.formula)}"
    if name not in budget.params.table:
        name = f"permittivity.{anion_class(layer.formula)}"
    return budget._si(name), name


def space_charge(ctx: AssessmentContext, left: Layer, right: Layer, potentials_V: tuple[float, float] | None,
                 name: str, budget: BudgetBuilder, temperature_K: float) -> AsrContribution | None:
    """The space-charge contribution of the interface ``name`` between ``left`` and ``right``, which sees
    ``potentials_V`` (None when no junction or no step)."""
    if not (_ionic(left) and _ionic(right)):
        return None
    found = _depleted(left, right)
    if found is None:
        return None
    dep, rec, pair = found
    cap_name = f"spacecharge.potential.{pair}"
    cap = budget._si(cap_name)
    names = [cap_name, "spacecharge.carrier_concentration"]
    # a cathode is wired for electrons (carbon, its own conduction when charged): it screens like a metal
    electronic = rec.role == "cathode"
    if electronic:
        top = potentials_V[1] if potentials_V else None
        try:
            u_ox = ctx.window(dep.material, max(5.0, top or 0.0)).oxidation_limit_V if ctx.thermo else None
        except SsbkitError:
            u_ox = None
        if top is None:
            return None
        step = cap if u_ox is None else min(max(top - u_ox, 0.0), cap)
        how = (f"{rec.material.name} at {top:.2f} V pulls Li from {dep.material.name}"
               + (f" (oxidation limit {u_ox:.2f} V)" if u_ox is not None else "")
               + f": step min(U - U_ox, {cap:.2f} V) = {step:.2f} V, all across the depletion layer "
                 "(electrons of the cathode screen the accumulated Li+)")
    else:
        step = cap
        how = (f"{rec.material.name} is an electronic insulator: the intrinsic {pair.replace('_', ' | ')} step "
               f"{cap:.2f} V is shared with an accumulation layer in it")
    if step <= 0:
        return None
    eps, eps_name = _permittivity(budget, dep)
    sig, sig_name = budget.sigma(dep.formula, dep.material.name)
    names += [eps_name] + ([sig_name] if sig_name else [])
    n = budget._si("spacecharge.carrier_concentration")
    kwargs = {}
    if not electronic:
        eps_r, eps_r_name = _permittivity(budget, rec)
        names.append(eps_r_name)
        kwargs = dict(receiver_permittivity=eps_r, receiver_concentration_per_m3=n)
        if rec.role in ("coating", "interlayer"):
            t_name = f"thickness.{reduced(rec.formula)}" if f"thickness.{reduced(rec.formula)}" in budget.params.table \
                else f"thickness.{rec.role}"
            kwargs["receiver_thickness_m"] = budget._si(t_name)
            names.append(t_name)
    from ..parameters import to_si

    res: SpaceChargeResult = space_charge_layer(step, eps, n, to_si(sig, "S/cm"), temperature_K, **kwargs)
    return budget.space_charge(f"{dep.material.name} at {name}", res, names, how)

