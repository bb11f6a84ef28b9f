"""Benchmark: Ta-, Nb-, Al- and Ga-doped LLZO through the machine-learned potential (``ssbkit dope``).

Run: ``python benchmarks/dope_llzo.py [--no-relax] [--orderings N]`` (SSBKIT_ENTRIES and SSBKIT_STRUCTURES as
for the tests).  About 2-5 minutes per dopant on two CPU cores with relaxation (94-atom cells).

For each dopant the host LLZO cell (96 atoms, 4 formula units) is doped at the common compositions
Li6.5La3Zr1.5Ta0.5O12, Li6.25Al0.25La3Zr2O12 and Li6.25Ga0.25La3Zr2O12, the lowest-Ewald orderings are
relaxed and evaluated, and the doped phase's energy above hull and window (as a metastable phase) are
printed beside the undoped host's, with the potential's error on the host that was removed.
"""

from __future__ import annotations

import argparse
import json
import time
import warnings

from _common import entries_path

DOPINGS = [("Ta", "Ta:Zr=0.25"), ("Nb", "Nb:Zr=0.25"), ("Al", "Al:Li=0.25fu"), ("Ga", "Ga:Li=0.25fu")]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-relax", action="store_true", help="evaluate the orderings as built (faster)")
    ap.add_argument("--orderings", type=int, default=3)
    ap.add_argument("--json", dest="json_path", default=None, help="also write the results as JSON")
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    from ssbkit.data.source import open_source
    from ssbkit.thermo import Thermo
    from ssbkit.thermo.doping import dope

    th = Thermo(open_source(entries_path()))
    rows, out = [], []
    for label, spec in DOPINGS:
        t0 = time.perf_counter()
        d = dope(th, "LLZO", [spec], n_orderings=args.orderings, relax=not args.no_relax)
        dt = time.perf_counter() - t0
        out.append(d.to_dict())
        spread = 1000 * (d.orderings[-1].energy_eV_per_atom - d.orderings[0].energy_eV_per_atom)
        rows.append((label, d.per_host_formula_unit, d.e_above_hull_eV_per_atom, d.window.reduction_limit_V,
                     d.window.oxidation_limit_V, ", ".join(d.window.reduction_products), d.host_residual_eV_per_atom or 0.0,
                     spread, dt))
        host = (d.host_e_above_hull_eV_per_atom, d.host_window.reduction_limit_V, d.host_window.oxidation_limit_V)
    print(f"host Li7La3Zr2O12 (data): E_hull {1000 * (host[0] or 0):.1f} meV/atom, window {host[1]:.3f}-{host[2]:.3f} V")
    print(f"{'dopant':6} {'composition':28} {'E_hull':>8} {'window (V)':>14}  {'reduced to':34} "
          f"{'host err':>9} {'spread':>7} {'time':>6}")
    for label, comp, eh, lo, hi, red, res, spread, dt in rows:
        print(f"{label:6} {comp:28} {1000 * eh:6.1f}   {lo:5.3f}-{hi:5.3f}  {red[:34]:34} "
              f"{1000 * res:+7.1f}   {spread:5.1f} {dt:5.0f}s")
    print("E_hull, host err (the potential's error on the undoped host, removed) and spread (between the orderings) "
          "in meV/atom; windows as metastable phases")
    if args.json_path:
        with open(args.json_path, "w", encoding="utf-8") as fh:
            json.dump(out, fh, indent=1)


if __name__ == "__main__":
    main()
