"""Benchmark: interface reactions, ssbkit vs pymatgen used at its best, on the same energies.

Run: ``python benchmarks/interfaces.py [--repeats 5] [--pairs 10]`` (SSBKIT_ENTRIES as for the tests).

pymatgen at its best: one ``PhaseDiagram`` per chemical system, built from every entry once and then
kept from its ``stable_entries`` only, cached (``StablePD``); per voltage a
``GrandPotentialPhaseDiagram`` from those stable entries and ``GrandPotentialInterfacialReactivity``
(``get_kinks``; the most exergonic kink).  Both sides run interleaved (A/B order alternating), each
``--repeats`` times; the median and range of the paired ratios are printed, and every compared
energy, mixing ratio and product set is checked equal.

Measured:
1. one Li-open reaction at one voltage (warm: hulls and phase diagrams cached) - ssbkit's full
   kink list (``at_voltage``, what pymatgen computes) and its most exergonic reaction only
   (``profile`` at one voltage, what a screen needs);
2. a 101-voltage scan (0-5 V) per pair from warm diagrams: ssbkit's exact profile vs pymatgen per
   voltage;
3. one closed (chemical) reaction from cold: ssbkit builds its hull, pymatgen its phase diagram from
   every entry of the system;
4. the Li6PS5Cl | NMC811 target: exact breakpoints over 0-5 V plus a 1001-point grid, hulls built
   in a fresh engine with a warm entries cache (target < 0.3 s).
"""

from __future__ import annotations

import argparse
import statistics

from _common import StablePD, entries_path, interleaved, paired_ratio, spread
from pymatgen.core import Composition
from seed_materials import CATHODES, ELECTROLYTES

from ssbkit.data.source import open_source
from ssbkit.interfaces import InterfaceCalculator, voltage_grid
from ssbkit.thermo import Thermo

VOLTAGES = [0.0, 1.5, 3.0, 4.3]


def pm_reaction(stable: StablePD, a: str, b: str, v: float | None):
    """pymatgen's most exergonic kink on the cached stable-entry diagram: (x, energy, sorted products without Li);
    closed reactions with the reactants at their hull energies (as ``closed(use_hull_energy=True)``)."""
    from oracle_helpers import interface_minimum

    els = {e.symbol for e in Composition(a)} | {e.symbol for e in Composition(b)} | ({"Li"} if v is not None else set())
    x, e, prods, _ = interface_minimum(None, a, b, v, pd=stable.get(els), use_hull_energy=True)
    return x, e, prods


def same(ours, theirs, tol: float = 1e-6) -> bool:
    x, e, prods = theirs
    if abs(ours.reaction_energy_eV_per_atom - e) > tol:
        return False
    if e > -1e-3:  # nothing reacts: every ratio ties at zero
        return True
    return abs(ours.mixing_ratio - x) <= 1e-6 and sorted(set(ours.products) - {"Li"}) == prods


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--pairs", type=int, default=10, help="electrolyte | cathode pairs (of 40)")
    ap.add_argument("--scan-pairs", type=int, default=3, help="pairs for the 101-voltage scan")
    args = ap.parse_args()
    src = open_source(entries_path())
    es = src._entries
    pairs = [(e, c) for e in ELECTROLYTES for c in CATHODES][:: max(1, 40 // args.pairs)][: args.pairs]
    th = Thermo(src)
    stable = StablePD(es)
    for a, b in pairs:  # warm both caches (hulls; phase diagrams)
        InterfaceCalculator(th, a, b).at_voltage(3.0)
        pm_reaction(stable, a, b, 3.0)

    # 1. one reaction at one voltage, warm
    agree = total = 0
    r_full, r_best = [], []
    for a, b in pairs:
        for v in VOLTAGES:
            calc = InterfaceCalculator(th, a, b)
            res: dict[str, object] = {}
            t_pm, t_ss, t_best = interleaved(lambda: res.__setitem__("pm", pm_reaction(stable, a, b, v)),
                                             lambda: res.__setitem__("ss", calc.at_voltage(v)),
                                             lambda: res.__setitem__("best", calc.profile([v]).points[0]),
                                             repeats=args.repeats)
            total += 2
            agree += same(res["ss"], res["pm"]) + same(res["best"], res["pm"])
            r_full += [p / s for p, s in zip(t_pm, t_ss)]
            r_best += [p / s for p, s in zip(t_pm, t_best)]
    print(f"[1] one Li-open reaction, warm ({len(pairs)} pairs x {len(VOLTAGES)} voltages, {args.repeats} "
          f"interleaved repeats); equal to pymatgen (energy 1e-6 eV/atom, x 1e-6, products): {agree}/{total}")
    print(f"    ratio pymatgen/ssbkit, full kink list: {spread(r_full)}x; most exergonic only: {spread(r_best)}x")

    # 2. 101-voltage scan from warm diagrams
    volts = voltage_grid(0.0, 5.0, 0.05)
    agree = total = 0
    ratios = []
    for a, b in pairs[: args.scan_pairs]:
        res = {}
        t_pm, t_ss = interleaved(
            lambda: res.__setitem__("pm", [pm_reaction(stable, a, b, v) for v in volts]),
            lambda: res.__setitem__("ss", InterfaceCalculator(th, a, b).profile(volts).points),
            repeats=args.repeats)
        for o, t in zip(res["ss"], res["pm"]):
            total += 1
            agree += same(o, t)
        ratios += [p / s for p, s in zip(t_pm, t_ss)]
        print(f"    {a} | {b}: pymatgen {statistics.median(t_pm):.2f} s, ssbkit {1000 * statistics.median(t_ss):.1f} ms")
    print(f"[2] 101-voltage scan, warm: equal {agree}/{total}; ratio pymatgen/ssbkit {spread(ratios)}x")

    # 3. one closed reaction from cold (ssbkit: fresh hull engine; pymatgen: phase diagram from every entry)
    agree = total = 0
    t_pm_all, t_ss_all = [], []
    for a, b in pairs:
        res = {}
        t_pm, t_ss = interleaved(lambda: res.__setitem__("pm", pm_reaction(StablePD(es), a, b, None)),
                                 lambda: res.__setitem__("ss", InterfaceCalculator(Thermo(src), a, b).closed(True)),
                                 repeats=args.repeats)
        total += 1
        agree += same(res["ss"], res["pm"])
        t_pm_all += t_pm
        t_ss_all += t_ss
    print(f"[3] one closed reaction from cold: equal {agree}/{total}; "
          f"ratio pymatgen/ssbkit {paired_ratio(t_pm_all, t_ss_all)}")

    # 4. the target scan
    grid = voltage_grid(0.0, 5.0, 0.005)
    times, n_bp = [], 0
    for _ in range(args.repeats):
        import time

        t0 = time.perf_counter()
        prof = InterfaceCalculator(Thermo(src), "Li6PS5Cl", "LiNi0.8Co0.1Mn0.1O2").profile(grid)
        times.append(time.perf_counter() - t0)
        n_bp = sum(b.products_change for b in prof.breakpoints)
    print(f"[4] Li6PS5Cl | NMC811, 0-5 V: {len(prof.breakpoints)} breakpoints ({n_bp} with a change of products), "
          f"{len(grid)}-point grid, fresh hulls, warm entries cache: {spread(times)} s (target < 0.3 s)")


if __name__ == "__main__":
    main()
