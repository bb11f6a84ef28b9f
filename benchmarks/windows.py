"""Benchmark: stability windows of >= 40 seed materials, ssbkit vs pymatgen on the same entries.

Run: ``SSBKIT_ENTRIES=../shared/data/mp2018_formation_energies.csv.gz python benchmarks/windows.py``
Prints both times, the speed ratio, and the agreement count (limits within
0.005 V and identical phase sets).
"""

from __future__ import annotations

from _common import Timer, entries_path
from oracle_helpers import pd_entries, window_from_profile
from pymatgen.core import Composition
from seed_materials import window_materials

from ssbkit.data.source import open_source
from ssbkit.thermo import Thermo


def main() -> None:
    from pymatgen.analysis.phase_diagram import PhaseDiagram

    mats = window_materials()
    src = open_source(entries_path())
    es = src._entries
    with Timer() as t_cold:
        th = Thermo(src)
        ours = [th.window(f) for f in mats]
    with Timer() as t_warm:
        ours_warm = [th.window(f) for f in mats]
    entry_sets = {f: pd_entries(es, {e.symbol for e in Composition(f)} | {"Li"}) for f in mats}
    with Timer() as t_pm:
        theirs = []
        for f in mats:
            pd = PhaseDiagram(entry_sets[f])
            theirs.append(window_from_profile(pd, Composition(f)))
    agree = 0
    for w, (v_red, v_ox, red, ox) in zip(ours, theirs):
        ok = abs(w.reduction_limit_V - v_red) <= 0.005 and sorted(w.reduction_products) == red \
            and sorted(w.oxidation_products) == ox \
            and ((v_ox is None and w.oxidation_limit_V is None) or
                 (v_ox is not None and w.oxidation_limit_V is not None and abs(w.oxidation_limit_V - v_ox) <= 0.005))
        agree += ok
    assert all(abs(a.reduction_limit_V - b.reduction_limit_V) < 1e-8 for a, b in zip(ours, ours_warm))
    print(f"materials: {len(mats)}; agreement with pymatgen (limits within 5 mV, same phases): {agree}/{len(mats)}")
    print(f"ssbkit cold (hulls built): {t_cold.seconds:.3f} s  | warm (hulls reused): {t_warm.seconds:.3f} s")
    print(f"pymatgen PhaseDiagram + get_element_profile: {t_pm.seconds:.3f} s")
    print(f"speed ratio pymatgen/ssbkit: cold {t_pm.seconds / t_cold.seconds:.1f}x, warm {t_pm.seconds / t_warm.seconds:.1f}x")


if __name__ == "__main__":
    main()
