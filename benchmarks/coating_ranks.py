"""Seed 1 Table 4 coatings: their rank in ssbkit's coating screen at 4.3 V; Table 5 interlayers vs bare.

Run: ``python benchmarks/coating_ranks.py`` (SSBKIT_ENTRIES, SSBKIT_BANDGAPS as for the tests).
Prints the Markdown tables of docs/stack.md.
"""

from __future__ import annotations

import warnings

from _common import bandgaps_path, entries_path
from test_stack import TABLE4

from ssbkit.data.bandgaps import open_bandgaps
from ssbkit.data.source import open_source
from ssbkit.interfaces.candidates import default_candidates
from ssbkit.interfaces.coatings import screen_coatings, screen_interlayers
from ssbkit.thermo import Thermo


def main() -> None:
    warnings.filterwarnings("ignore")
    th = Thermo(open_source(entries_path()))
    g = open_bandgaps(bandgaps_path())
    dflt, allc = default_candidates("cathode"), default_candidates()
    print(f"| Cathode | Electrolyte (model) | Seed 1 Table 4 coating | rank (default, {len(dflt)} candidates) "
          f"| rank (--all, {len(allc)}) | top 3 (default) |")
    print("|---|---|---|---|---|---|")
    n5 = 0
    for k, e, c in TABLE4:
        r = screen_coatings(th, k, e, dflt, 4.3, g)
        ra = screen_coatings(th, k, e, allc, 4.3, g)
        n5 += (r.rank_of(c) or 99) <= 5
        print(f"| {k} | {e} | {c} | {r.rank_of(c)} | {ra.rank_of(c)} | {', '.join(x.name for x in r.rows[:3])} |")
    print(f"\nIn the top 5 with the default candidates: {n5}/{len(TABLE4)} distinct pairs.\n")
    print("| Electrolyte | Table 5 interlayer | improves on bare Li contact? | why |")
    print("|---|---|---|---|")
    for e, names in (("LGPS", ["LiH2PO4"]), ("LATP", ["Ge", "Cr", "ZnO"])):
        r = screen_interlayers(th, e, default_candidates("anode"), gaps=g)
        for n in names:
            row = next(x for x in r.rows if x.name == n)
            print(f"| {e} (bare: {r.bare.classification}, {r.bare.reaction_closed_eV_per_atom:.3f} eV/atom) "
                  f"| {n} | {'yes' if row.improves_on_bare else 'no'} | {'; '.join(row.reasons[:3])} |")


if __name__ == "__main__":
    main()
