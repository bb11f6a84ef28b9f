"""Which case a composition is in, and whether it balances its charges.

* ``in the data``: an entry with this composition exists (its lowest-energy one is used);
* ``modelled by host X``: a disordered or doped material named by an abbreviation is computed as an
  ordered host (LLZO's Ta/Al variants, LATP ...; the material table says which);
* ``not in the data``: the composition is taken as the equilibrium mixture of its hull phases; its
  window is then the mixture's (often zero-width), reported with the nearest stoichiometric phase's.

Charge balance: each element's common oxidation states (pymatgen's ``Element.common_oxidation_states``, :mod:`ssbkit.elements`);
the surplus is the smallest ``|sum_i n_i q_i|`` over their combinations (charges per formula unit as
written); 0 means balanced.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..materials import Material

#: combinations tried at most (elements with several common states)
MAX_COMBINATIONS = 20000


def charge_surplus(comp: Mapping[str, float]) -> float | None:
    """The smallest absolute net charge with common oxidation states (e per formula unit), or None when an
    element has no common oxidation state (noble gases) or there are too many combinations."""
    return _charge_surplus(tuple((str(k), float(v)) for k, v in comp.items()))


@lru_cache(maxsize=4096)
def _charge_surplus(items: tuple[tuple[str, float], ...]) -> float | None:
    from ..elements import common_oxidation_states

    comp = dict(items)
    states = []
    for el in comp:
        s = common_oxidation_states(el) or ((0,) if el in ("C", "Si", "Ge") else ())
        if not s:
            return None
        states.append(s)
    n = 1
    for s in states:
        n *= len(s)
    if n > MAX_COMBINATIONS:
        return None
    amounts = list(comp.values())
    return float(min(abs(sum(a * q for a, q in zip(amounts, combo))) for combo in itertools.product(*states)))


def mixture(system: Any, comp: Mapping[str, float]) -> list[str]:
    """The hull phases of ``comp`` in its closed system (largest first), from an optimal basis of the hull
    programme found without solving it where possible (the start of a window's walk,
    :func:`ssbkit.thermo.window.start_basis`); the programme otherwise."""
    import numpy as np

    from .window import start_basis

    A, b = system.matrix, system.vector(comp)
    tol = 1e-10 * max(1.0, float(np.abs(b).sum()))
    basis = start_basis(system, b)
    if basis is not None:
        x = np.linalg.solve(A[:, basis], b)
        if x.min() >= -tol:
            amounts = np.zeros(A.shape[1])
            amounts[basis] = np.maximum(x, 0.0)
            return [p.formula for p in system.phases(amounts)]
    return [p.formula for p in system.phases(system.solve(b).amounts)]


def nearest_phase(system: object, comp: Mapping[str, float]) -> str | None:
    """The phase of the data holding exactly the elements of ``comp`` closest to it (L1 in atom fractions; the
    stable ones first, else any entry)."""
    from .hull import reduced_formula

    els = sorted(comp)
    tot = sum(comp.values())
    target = {e: comp[e] / tot for e in els}
    best, dist = None, None
    entries = system.entries  # type: ignore[attr-defined]
    stable = [int(i) for i in system.stable if set(entries.composition(int(i))) == set(els)]  # type: ignore[attr-defined]
    pool = stable or [int(i) for i in entries.indices_exact("-".join(els))]
    for i in pool:
        c = entries.composition(int(i))
        if set(c) != set(els):
            continue
        t = sum(c.values())
        d = sum(abs(c[e] / t - target[e]) for e in els)
        if dist is None or d < dist:
            best, dist = reduced_formula(entries.formulas[int(i)]), d
    return best


def typo_note(thermo: Any, mat: Any, comp: Mapping[str, float]) -> tuple[str, ...]:
    """For a formula the data does not hold: the data's formulas of the same elements it is probably a typo of
    (amounts on the wrong element, a slipped character; :mod:`ssbkit.suggest`), as a note (or none)."""
    from ..suggest import suggestions
    from .hull import reduced_formula

    engine = thermo.engine_for(sorted(comp))
    names = {reduced_formula(engine.entries.formulas[int(i)]) for i in engine.candidate_indices(sorted(comp))}
    got = suggestions(reduced_formula(mat.model_formula), sorted(names))
    if not got:
        return ()
    return (f"{mat.model_formula} is not in the data: did you mean {' or '.join(got)} (in the data)?",)


def charge_note(mat: Any, comp: Mapping[str, float]) -> tuple[float | None, tuple[str, ...]]:
    """The charge surplus with common oxidation states (e per formula unit) and the note it needs; elements and
    alloys (no element with a negative common oxidation state) are not checked (0)."""
    if len(comp) < 2 or not any(_takes_negative(str(e)) for e in comp):
        return 0.0, ()
    surplus = charge_surplus(dict(comp))
    if surplus is not None and surplus > 1e-6:
        return surplus, (f"{mat.model_formula} is not charge-balanced with common oxidation states: surplus "
                         f"{surplus:.3g} e per formula unit",)
    return surplus, ()


@cache
def _takes_negative(symbol: str) -> bool:
    """True when the element has a negative common oxidation state (an anion former)."""
    from ..elements import common_oxidation_states

    return min(common_oxidation_states(symbol) or (0,)) < 0


def doped_note(thermo: Any, mat: Material, voltage_range: tuple[float, float]) -> tuple[str, ...]:
    """The window of a host-modelled material's nominal (doped) composition, shown beside the host's: the
    composition as the mixture of its hull phases (LATP: 4.21 V against the host's 4.66 V; Zheng et al. 2021
    Table 1 report about 4.2 V for the NASICONs)."""
    from .. import materials

    nominal = materials.Material(name=mat.formula, formula=mat.formula, model_formula=mat.formula)
    try:
        w = thermo._window(nominal, voltage_range)
    except Exception:  # noqa: BLE001 - a note, never a failure of the host's window
        return ()
    ox = "none" if w.oxidation_limit_V is None else f"{w.oxidation_limit_V:.2f}"
    out = [f"the doped composition {mat.formula} ({w.composition_case}): {w.reduction_limit_V:.2f}-{ox} V"]
    from .dopant import dopant_reduction

    try:
        d = dopant_reduction(thermo, mat, 0.0, window=w)
    except Exception:  # noqa: BLE001 - a note, never a failure of the host's window
        d = None
    if d is not None and d.dopants:
        out.append(d.short())
    return tuple(out)
