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
