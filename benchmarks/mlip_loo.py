"""Benchmark: leave-one-out prediction of known phases from their structures (machine-learned potential).

Run: ``python benchmarks/mlip_loo.py [--relax]`` (SSBKIT_ENTRIES and SSBKIT_STRUCTURES as for the tests).

For each material (electrolytes, coatings, cathodes of the reviews that have a structure in the structures
file): remove every entry of its composition from the energies, predict it from its structure with the
potential (corrected against the known phases of its system, themselves leaving it out), and compare with
the data: formation energy, energy above hull, and both window limits.  Targets: MAE < 40 meV/atom; both
window limits within 0.1 V for >= 80 %.
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings

from _common import entries_path

MATERIALS = ["Li2O", "Li3PO4", "LiCoO2", "LiFePO4", "LiNiO2", "LiNbO3", "LiTaO3", "Li2ZrO3", "Li4SiO4", "Li2SiO3",
             "LiAlO2", "Li3BO3", "LiBO2", "Li3N", "LiF", "LiCl", "LiI", "Li2S", "Li3OCl", "Li4Ti5O12", "Li2TiO3",
             "Li3InCl6", "Li6PS5Cl", "Li10GeP2S12", "Li4GeS4", "Li7P3S11", "Li7La3Zr2O12", "LiTi2(PO4)3",
             "LiGe2(PO4)3", "Li2CO3", "LiMn2O4", "Li3PS4"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--relax", action="store_true", help="relax each structure with the potential first")
    args = ap.parse_args()
    warnings.filterwarnings("ignore")
    from ssbkit.data.source import open_source
    from ssbkit.data.structures import open_structures
    from ssbkit.materials import resolve
    from ssbkit.thermo import Thermo

    th = Thermo(open_source(entries_path()))
    table = open_structures()
    if table is None:
        raise SystemExit("benchmark: set SSBKIT_STRUCTURES to the structures file")
    rows = []
    t0 = time.perf_counter()
    for m in MATERIALS:
        f = resolve(m).composition.reduced_formula
        s = table.get(f)
        if s is None or th.find_entry(th.comp_dict(resolve(m))) is None:
            print(f"  {m}: no structure or not in the data, skipped")
            continue
        ref_h, ref_w = th.hull(m), th.window(m)
        loo = th.excluding([f])
        try:
            th2, ph = loo.with_structure(s, table, relax=args.relax, exclude_formula=f)
        except Exception as exc:  # noqa: BLE001 - report and go on
            print(f"  {m}: {exc}")
            continue
        h, w = th2.hull(m), th2.window(m)
        d_red = abs(w.reduction_limit_V - ref_w.reduction_limit_V)
        d_ox = 0.0 if (w.oxidation_limit_V is None and ref_w.oxidation_limit_V is None) else \
            abs((w.oxidation_limit_V or 0.0) - (ref_w.oxidation_limit_V or 0.0))
        rows.append((m, ph.e_form_eV_per_atom - ref_h.e_form_eV_per_atom,
                     h.e_above_hull_eV_per_atom - ref_h.e_above_hull_eV_per_atom, d_red, d_ox, ph.fit_mae_eV_per_atom))
        print(f"  {m:14s} dE_f {1000 * rows[-1][1]:+7.1f}  dE_hull {1000 * rows[-1][2]:+7.1f} meV/atom  "
              f"window {w.reduction_limit_V:.2f}-{w.oxidation_limit_V} vs {ref_w.reduction_limit_V:.2f}-"
              f"{ref_w.oxidation_limit_V}  (fit LOO {1000 * (ph.fit_mae_eV_per_atom or 0):.0f} meV/atom, "
              f"{len(ph.references)} refs)")
    n = len(rows)
    mae_f = statistics.mean(abs(r[1]) for r in rows)
    mae_h = statistics.mean(abs(r[2]) for r in rows)
    ok = sum(r[3] <= 0.1 and r[4] <= 0.1 for r in rows)
    print(f"{n} materials ({'relaxed' if args.relax else 'as given'}), {time.perf_counter() - t0:.0f} s: MAE formation "
          f"energy {1000 * mae_f:.1f} meV/atom, MAE energy above hull {1000 * mae_h:.1f} meV/atom (target < 40); "
          f"both window limits within 0.1 V: {ok}/{n} ({100 * ok / max(1, n):.0f} %; target >= 80 %)")


if __name__ == "__main__":
    main()
