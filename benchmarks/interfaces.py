"""Benchmark: 25 electrolyte|cathode pairs x 101 voltages (0-5 V, 0.05 V), ssbkit vs pymatgen.

Run: ``python benchmarks/interfaces.py [--pm-every N]`` (SSBKIT_ENTRIES as for the tests).
pymatgen builds one GrandPotentialPhaseDiagram per voltage and pair (about
0.2-1 s each, so the full reference run takes ~10 min); ``--pm-every N``
times pymatgen on every N-th voltage only and compares per voltage.
Also times the target scan: Li6PS5Cl | LiNi0.8Co0.1Mn0.1O2, 101 voltages,
in a fresh process state with a warm entries cache (target < 2 s).
"""

from __future__ import annotations

import argparse
import warnings

from _common import Timer, entries_path
from oracle_helpers import interface_minimum
from seed_materials import ELECTROLYTES

from ssbkit.data.source import open_source
from ssbkit.interfaces import InterfaceCalculator, voltage_grid
from ssbkit.thermo import Thermo

PAIRS = [(e, c) for e in ELECTROLYTES for c in ("LiCoO2", "LiFePO4")] + \
        [(e, "LiMn2O4") for e in ELECTROLYTES[:5]]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pm-every", type=int, default=1, help="time pymatgen on every N-th voltage")
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    volts = voltage_grid(0.0, 5.0, 0.05)
    src = open_source(entries_path())
    es = src._entries

    # target: one 8-element scan, fresh hull engine, warm entries cache
    with Timer() as t_nmc:
        th0 = Thermo(src)
        InterfaceCalculator(th0, "Li6PS5Cl", "LiNi0.8Co0.1Mn0.1O2").scan(volts)
    print(f"Li6PS5Cl | NMC811, {len(volts)} voltages, fresh hulls: {t_nmc.seconds:.2f} s (target < 2 s)")

    th = Thermo(src)
    with Timer() as t_ss:
        ours = {(a, b): InterfaceCalculator(th, a, b).scan(volts) for a, b in PAIRS}
    n_pts = len(PAIRS) * len(volts)
    print(f"ssbkit: {len(PAIRS)} pairs x {len(volts)} voltages = {n_pts} reactions in {t_ss.seconds:.2f} s "
          f"({1000 * t_ss.seconds / n_pts:.2f} ms each)")

    sub = volts[::args.pm_every]
    agree = total = 0
    with Timer() as t_pm:
        for a, b in PAIRS:
            for v in sub:
                x, e, prods, _ = interface_minimum(es, a, b, v)
                r = ours[(a, b)][volts.index(v)]
                total += 1
                agree += (abs(r.reaction_energy_eV_per_atom - e) <= 1e-3 and
                          (abs(r.mixing_ratio - x) <= 0.01 and sorted(set(r.products)) == prods
                           or any(abs(k.mixing_ratio - x) <= 0.01 and sorted(set(k.products)) == prods
                                  and abs(k.reaction_energy_eV_per_atom - e) <= 1e-3 for k in r.kinks)))
    per_pm = t_pm.seconds / total
    per_ss = t_ss.seconds / n_pts
    print(f"pymatgen: {total} reactions in {t_pm.seconds:.1f} s ({1000 * per_pm:.1f} ms each)")
    print(f"agreement (energy within 1 meV/atom, x within 0.01, same products): {agree}/{total}")
    print(f"speed ratio pymatgen/ssbkit per reaction: {per_pm / per_ss:.1f}x")


if __name__ == "__main__":
    main()
