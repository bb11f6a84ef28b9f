"""Facts about one layer of a stack: the potentials it sees, its intrinsic and apparent window, how far it
decomposes beyond its own decomposition there, and its own resistance.  No verdict: :mod:`.grading` turns
these facts into one.

The windows are those of Zheng et al., Batteries & Supercaps 2021, §3.1 (intrinsic: thermodynamic limits;
apparent: extended while the first products passivate); the exposure (which electrode potentials reach the
layer through electron-conducting neighbours) is :mod:`.exposure`'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ..errors import SsbkitError
from ..interfaces.apparent import ApparentWindow, apparent_window
from ..interfaces.electronic import Character, classify_phase
from ..literature import joins
from .budget import AsrContribution, BudgetBuilder
from .context import AssessmentContext, reduced
from .exposure import Exposure
from .parse import Layer, Stack

Status = Literal["li reference", "no data", "error", "electrode", "unexposed", "exposed"]


@dataclass(frozen=True)
class Side:
    """One side of a window that the potentials seen go beyond.

    Attributes:
        at_V: the potential beyond the limit (V vs Li/Li+).
        beyond_eV_per_atom: decomposition energy there beyond the layer's own decomposition (<= 0).
        apparent_covers: whether the apparent window covers that potential.
        limit_reason: why the apparent limit is where it is.
        what: ``reduced below X V to ...`` / ``oxidised above ...``.
        grown_ohm_cm2: where the layer meets an electron source on this side through a mixed-conducting
            interphase, the resistance that interphase adds after the budget's time (ohm cm2), and
        grown_at: that interface's name (set by :func:`with_growth`; None when no such interface).
    """

    at_V: float
    beyond_eV_per_atom: float
    apparent_covers: bool
    limit_reason: str
    what: str
    grown_ohm_cm2: float | None = None
    grown_at: str = ""
    #: the reviews' observation of what the layer becomes on this side, where it passivates (or stays unchanged)
    #: although the computed products do not (:mod:`ssbkit.interfaces.observed_lithiation`; "" when none), and
    #: whether the layer was seen unchanged
    observed: str = ""
    observed_unchanged: bool = False


@dataclass(frozen=True)
class LayerFacts:
    """Everything known about one layer before it is graded."""

    layer: Layer
    status: Status
    potentials_V: tuple[float, float] | None
    exposure: str
    electronic: Character | None
    conductivity: joins.ConductivityRef | None
    window: Any = None
    apparent: ApparentWindow | None = None
    covered: bool | None = None
    decomposition_eV_per_atom: float | None = None
    sides: tuple[Side, ...] = ()
    message: str = ""
    contribution: AsrContribution | None = None
    #: an electrode's measured volume change over its cycling (percent, the other phase, reference) and the
    #: limit above which it cracks and loses contact (``mechanics.volume_change_limit``)
    volume_change: tuple[float, str, str] | None = None
    volume_limit_percent: float | None = None

    @property
    def name(self) -> str:
        return self.layer.material.name


def lithiated_products(ctx: AssessmentContext, stack: Stack, i: int) -> tuple[tuple[str, float], ...] | None:
    """The products (formula, atoms) of an interlayer that touches Li metal and alloys with it (Li alloys with Au,
    Si, Sn ...; Li2O and an alloy from ZnO, SnO2), intercalates into it (graphite to LiC12/LiC6) or is reported
    lithiated (Al2O3 to lithiated alumina, :mod:`ssbkit.interfaces.observed_lithiation`): the layer Li crosses is
    the lithiated one.  None when none of these forms (Li2CO3, MoS2 ...: taken as they are)."""
    near = [stack.layers[j] for j in (i - 1, i + 1) if 0 <= j < len(stack.layers)]
    if ctx.thermo is None or not any(x.electrode is not None and x.formula == "Li" for x in near):
        return None
    from pymatgen.core import Composition

    try:
        a = ctx.anode_interface(stack.layers[i].material)
    except SsbkitError:
        return None
    if a.reaction is None:
        return None
    from ..interfaces.observed_lithiation import observed_lithiation

    if observed_lithiation(a.electrolyte) is not None and a.classification != "stable":
        return tuple((p, Composition(p).num_atoms) for p in a.products)  # as reported (its reasons say so)
    out = tuple((t.formula, t.amount * Composition(t.formula).num_atoms) for t in a.reaction.products
                if t.formula != "Li")
    from ..materials import is_li_alloy, is_lithiated_graphite

    if out and all(is_lithiated_graphite(f) for f, _ in out):  # graphite itself lithiates at ~0.1 V: a few meV
        return out  # per atom, about 0.1 eV per Li, so Li metal fills it (not Li2CO3's Li2O + a little LiC12)
    if a.classification == "stable":
        return None
    return out if any(is_li_alloy(f) for f, _ in out) else None


def layer_facts(ctx: AssessmentContext, stack: Stack, i: int, exp: Exposure, budget: BudgetBuilder) -> LayerFacts:
    """The facts of layer ``i``; a coating's or interlayer's own resistance is added to ``budget``."""
    lay = stack.layers[i]
    seen = exp.potentials(exp.layer_sees[i])
    contribution = None
    if lay.role in ("coating", "interlayer"):
        contribution = budget.layer(lay.role, lay.material.name, reduced(lay.formula),  # type: ignore[arg-type]
                                    lithiated=lithiated_products(ctx, stack, i))
    base: dict[str, Any] = dict(
        layer=lay, potentials_V=seen, exposure=exp.why[i], contribution=contribution,
        conductivity=joins.material_conductivity(lay.material),
        electronic=classify_phase(reduced(lay.formula), ctx.gaps) if lay.electrode is None else None)
    electrode_pot = exp.positive if i == 0 else exp.negative
    if lay.electrode is not None and lay.formula == "Li":
        return LayerFacts(**{**base, "potentials_V": electrode_pot, "exposure": "reference electrode"},
                          status="li reference", covered=True, decomposition_eV_per_atom=0.0,
                          message=lay.electrode.note)
    if ctx.thermo is None:
        return LayerFacts(**base, status="no data", message="no thermodynamic data")
    try:
        w = ctx.window(lay.material if lay.electrode is None else lay.formula, max(5.0, (seen or (0, 0))[1]))
    except SsbkitError as exc:
        return LayerFacts(**base, status="error", message=str(exc))
    if lay.role == "cathode" or lay.electrode is not None:
        from ..physics.mechanics import measured_volume_change

        return LayerFacts(**{**base, "potentials_V": electrode_pot}, status="electrode", window=w,
                          message=f" ({lay.electrode.note})" if lay.electrode else "",
                          volume_change=measured_volume_change(reduced(lay.formula)),
                          volume_limit_percent=ctx.params.value("mechanics.volume_change_limit"))
    app = apparent_window(w, ctx.gaps)
    if seen is None:
        return LayerFacts(**base, status="unexposed", window=w, apparent=app, covered=True,
                          decomposition_eV_per_atom=0.0)
    return _exposed(ctx, base, lay, w, app, seen)


def _exposed(ctx: AssessmentContext, base: dict[str, Any], lay: Layer, w: Any, app: ApparentWindow,
             seen: tuple[float, float]) -> LayerFacts:
    """A layer that sees electrode potentials: which sides of its window they go beyond, and by how much."""
    from ..interfaces.observed_lithiation import observed_lithiation
    from .context import fmt_limit

    assert ctx.thermo is not None
    own = ctx.thermo.decompose(lay.material).reaction_energy_eV_per_atom
    beyond = {v: min(0.0, ctx.thermo.decompose(lay.material, voltage=v).reaction_energy_eV_per_atom - own)
              for v in sorted(set(seen))}
    ox_ok = w.oxidation_limit_V is None or w.oxidation_limit_V >= seen[1] - 1e-6
    red_ok = w.reduction_limit_V <= seen[0] + 1e-6
    sides = []
    if not red_ok:
        obs = observed_lithiation(reduced(lay.formula))
        covers = app.apparent_reduction_V <= seen[0] + 1e-6
        sides.append(Side(seen[0], beyond[seen[0]], covers, app.reduction.reason,
                          f"reduced below {w.reduction_limit_V:.2f} V to {', '.join(w.reduction_products) or '-'}",
                          observed=obs.sentence() if obs is not None and not covers else "",
                          observed_unchanged=obs is not None and obs.products == (reduced(lay.formula),)))
    if not ox_ok:
        sides.append(Side(seen[1], beyond[seen[1]],
                          app.apparent_oxidation_V is None or app.apparent_oxidation_V >= seen[1] - 1e-6,
                          app.oxidation.reason, f"oxidised above {fmt_limit(w.oxidation_limit_V)} V to "
                                                f"{', '.join(w.oxidation_products) or '-'}"))
    return LayerFacts(**base, status="exposed", window=w, apparent=app, covered=ox_ok and red_ok,
                      decomposition_eV_per_atom=min(beyond.values()), sides=tuple(sides))


def with_growth(layers: list[LayerFacts], interfaces: list[Any]) -> list[LayerFacts]:
    """Each layer's uncovered sides linked to the mixed-conducting interphase that consumes it there: the
    interface of that layer on the same electrode side (``negative`` for a reduced side) whose products conduct
    electrons and which meets an electron source.  The layer's decomposition and that interphase are one process,
    so the layer is graded by the same growth (:func:`ssbkit.stack.grading._layer_window`)."""
    from dataclasses import replace

    out = []
    for f in layers:
        sides = []
        for s in f.sides:
            want = "negative" if s.what.startswith("reduced") else "positive"
            grown = [(x.name, sum(c.asr_end_ohm_cm2 for c in x.contributions if c.kind == "interphase"))
                     for x in interfaces if x.side == want and x.kinetic is not None and x.kinetic.conducting_products
                     and x.kinetic.electron_source and f.layer in (x.left, x.right)]
            sides.append(replace(s, grown_ohm_cm2=max(g for _, g in grown), grown_at=grown[0][0]) if grown else s)
        out.append(replace(f, sides=tuple(sides)) if f.sides else f)
    return out
