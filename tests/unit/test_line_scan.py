"""Exact kink finding on synthetic convex piecewise-linear functions (no data needed)."""

from __future__ import annotations

import numpy as np
import pytest

from ssbkit.thermo.line import scan_line, slopes
from ssbkit.thermo.lp import LPResult


def make_solver(breaks, values, subgradient="any"):
    """f(t) piecewise linear through (breaks, values); duals are chosen adversarially at kinks."""
    breaks, values = np.asarray(breaks, float), np.asarray(values, float)
    sl = np.diff(values) / np.diff(breaks)

    def solve(b):
        t = float(b[0])
        k = int(np.clip(np.searchsorted(breaks, t, side="right") - 1, 0, len(sl) - 1))
        val = values[k] + sl[k] * (t - breaks[k])
        at_kink = np.isclose(t, breaks).any()
        if at_kink and subgradient == "left":
            j = int(np.argmin(abs(breaks - t)))
            s = sl[max(j - 1, 0)] if j > 0 else sl[0] - 5.0  # outside slope at the first point
        else:
            s = sl[k]
        return LPResult(value=float(val), amounts=np.zeros(1), dual=np.array([s]))

    return solve


@pytest.mark.parametrize("mode", ["any", "left"])
def test_kinks_found_exactly(mode):
    breaks = [0.0, 1.0, 2.5, 4.0, 10.0]
    values = [0.0, -3.0, -5.0, -5.9, -5.9]
    pts = scan_line(make_solver(breaks, values, mode), np.array([0.0]), np.array([1.0]), 0.0, 10.0)
    assert [round(p.t, 9) for p in pts] == breaks
    assert slopes(pts) == pytest.approx(list(np.diff(values) / np.diff(breaks)))


def test_no_near_duplicate_points_when_start_is_a_kink():
    # a subgradient at t=0 far from the right derivative used to create a point at t~1e-10
    breaks = [0.0, 2.0, 30.0]
    values = [0.0, -6.6, -6.6]
    pts = scan_line(make_solver(breaks, values, "left"), np.array([0.0]), np.array([1.0]), 0.0, 30.0)
    ts = [p.t for p in pts]
    assert ts == pytest.approx([0.0, 2.0, 30.0])
    assert min(np.diff(ts)) > 1e-3


def test_windows_do_not_depend_on_the_facets_earlier_walks_kept():
    """A Li-line walk starts in a facet an earlier walk of the system found (line.BasisCache) when one holds
    the start point: every window is the same, to the last digit of its JSON, whatever was asked before, in
    whatever order, and the same as from the programme alone."""
    import json
    import sys
    from pathlib import Path

    import ssbkit
    from ssbkit.thermo import Thermo

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "oracle"))
    try:
        from seed_materials import window_materials
    finally:
        sys.path.pop(0)
    mats = window_materials()
    src = ssbkit.default_thermo().source

    def run(order):
        th = Thermo(src)
        first = {f: json.dumps(th.window(f).to_dict(), sort_keys=True, default=str) for f in order}
        again = {f: json.dumps(th.window(f).to_dict(), sort_keys=True, default=str) for f in order}
        return th, first, again

    th, a, a2 = run(mats)
    _, b, b2 = run(list(reversed(mats)))
    assert a == a2 == b == b2
    kept = [s.walk_bases for e in th._engines.values() for s in e._systems.values()]
    assert sum(len(k) for k in kept) > 0
    for s in (s for e in th._engines.values() for s in e._systems.values()):
        s.walk_bases = None  # the programme alone
    assert {f: json.dumps(th.window(f).to_dict(), sort_keys=True, default=str) for f in mats} == a


def test_the_programme_value_alone_is_the_solved_value():
    """PhaseLP.value (the simplex objective, nothing read back: the hull builder's stability test) equals the
    value of a full solve, warm-started the same way; None where no phase mix forms the point."""
    from ssbkit.thermo.lp import PhaseLP

    rng = np.random.default_rng(3)
    m, n = 4, 60
    A = rng.random((m, n))
    A[:, :m] = np.eye(m)
    A /= A.sum(axis=0)
    e = -0.5 * rng.random(n)
    e[:m] = 0.0
    fast, full = PhaseLP(A, e, polish=False), PhaseLP(A, e, polish=True)
    for j in range(m, n):
        for lp in (fast, full):
            lp.set_upper(j, 0.0)
        v, r = fast.value(A[:, j]), full.solve(A[:, j])
        assert v == pytest.approx(r.value, abs=1e-10)
        for lp in (fast, full):
            lp.set_upper(j, np.inf)
    lone = PhaseLP(np.eye(2)[:, :1], np.zeros(1), polish=False)  # only the first element: (0, 1) cannot form
    assert lone.value(np.array([0.0, 1.0])) is None
