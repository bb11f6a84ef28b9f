"""Benchmark: whole-stack assessment and coating screen (targets: < 10 s and < 20 s, warm cache).

Run: ``python benchmarks/stack.py`` (SSBKIT_ENTRIES, SSBKIT_BANDGAPS as for the tests).
"Warm cache" = the entries file already parsed into the on-disk cache; hulls
are built inside the timed region, as for a user's first query of the day.
"""

from __future__ import annotations

from _common import Timer, bandgaps_path, entries_path

from ssbkit.data.bandgaps import open_bandgaps
from ssbkit.data.source import open_source
from ssbkit.interfaces.candidates import default_candidates
from ssbkit.interfaces.coatings import screen_coatings
from ssbkit.stack.assess import assess
from ssbkit.stack.conditions import Conditions
from ssbkit.thermo import Thermo


def main() -> None:
    open_source(entries_path())  # make sure the on-disk cache is warm
    gaps = open_bandgaps(bandgaps_path())
    stack = "LiNi0.8Co0.1Mn0.1O2 | LiNbO3 | Li6PS5Cl | Li3PO4 | Li"
    with Timer() as t1:
        th = Thermo(open_source(entries_path()))
        a = assess(stack, Conditions(voltage_range_V=(0.0, 5.0), pressure_Pa=5e6, current_density_A_per_m2=5.0), th, gaps)
    n_scan = sum(len(i.scan) for i in a.interfaces)
    print(f"assess 5-layer stack over 0-5 V ({n_scan} interface-voltage points): {t1.seconds:.2f} s (target < 3 s with the ASR budget, warm cache); "
          f"verdict {a.verdict}")
    cands = default_candidates()[:20]
    with Timer() as t2:
        th2 = Thermo(open_source(entries_path()))
        res = screen_coatings(th2, "LiNi0.8Co0.1Mn0.1O2", "Li6PS5Cl", cands, 4.3, gaps)
    print(f"coating screen, {len(cands)} candidates, NMC811 | ? | Li6PS5Cl at 4.3 V: {t2.seconds:.2f} s (target < 20 s); "
          f"top 3: {[r.name for r in res.rows[:3]]}")


if __name__ == "__main__":
    main()
