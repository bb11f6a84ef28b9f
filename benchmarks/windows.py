"""Benchmark: stability windows of the seeds' materials, ssbkit vs pymatgen on the same entries.

Run: ``python benchmarks/windows.py [--repeats 5]`` (SSBKIT_ENTRIES as for the tests).

Both sides interleaved (order alternating), ``--repeats`` rounds, median and range of the paired
ratios printed; every window checked equal (limits within 1 mV, same phases).
- cold: ssbkit builds its hulls in a fresh engine, its memos emptied (``_common.forget_ssbkit_memos``);
  pymatgen builds each ``PhaseDiagram`` from every entry of the system, then ``get_element_profile``;
- warm: ssbkit with its hulls built and the hull facets its earlier walks found (``line.BasisCache``, kept
  in memory); pymatgen with each diagram cached (rebuilt from its ``stable_entries``; it keeps its facets),
  ``get_element_profile`` only;
- warm, facets forgotten: the same, ssbkit's kept facets emptied before each pass: each material's first walk
  in its system starts from a programme solve, as a material not asked before would;
- a later session: ssbkit in a fresh state (its memos emptied) reading the hulls and the walks' facets an earlier run cached on
  disk (``ssbkit.data.cache``, kinds ``hulls`` and ``facets``; each facet rebuilt and checked on reading,
  ``thermo.facet_cache``); pymatgen unpickling the stable-entry diagrams an earlier run pickled to disk (their
  facets included: its fastest way to start from saved diagrams), then ``get_element_profile``;
- end to end: the same, each side a fresh process as a user's next command (interpreter start, imports, reading
  the caches): ``python -m ssbkit window <the 51 formulas> --json`` against a script that unpickles the
  diagrams and prints the same windows.

The hull cache lives in a temporary ``SSBKIT_CACHE_DIR`` made for the run: cold is cold.
"""

from __future__ import annotations

import argparse

from _common import (
    StablePD,
    entries_path,
    forget_ssbkit_memos,
    interleaved,
    paired_ratio,
)
from oracle_helpers import pd_entries, window_from_profile
from pymatgen.core import Composition
from seed_materials import window_materials

from ssbkit.data.source import open_source
from ssbkit.thermo import Thermo


def main() -> None:
    from pymatgen.analysis.phase_diagram import PhaseDiagram

    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    import os
    import pickle
    import tempfile

    os.environ["SSBKIT_CACHE_DIR"] = tempfile.mkdtemp(prefix="ssbkit-bench-")
    mats = window_materials()
    src = open_source(entries_path())
    es = src._entries
    systems = {f: sorted({e.symbol for e in Composition(f)} | {"Li"}) for f in mats}
    entry_sets = {f: pd_entries(es, systems[f]) for f in mats}  # the entries themselves: not timed
    res: dict[str, list] = {}

    def ss_cold() -> None:
        forget_ssbkit_memos()
        th = Thermo(src)
        res["ss"] = [th.window(f) for f in mats]

    def pm_cold() -> None:
        res["pm"] = [window_from_profile(PhaseDiagram(entry_sets[f]), Composition(f)) for f in mats]

    t_ss, t_pm = interleaved(ss_cold, pm_cold, repeats=args.repeats)
    warm_th = Thermo(src)
    [warm_th.window(f) for f in mats]
    stable = StablePD(es)
    [stable.get(systems[f]) for f in mats]

    def ss_warm() -> None:
        res["ss_warm"] = [warm_th.window(f) for f in mats]

    def pm_warm() -> None:
        res["pm_warm"] = [window_from_profile(stable.get(systems[f]), Composition(f)) for f in mats]

    w_ss, w_pm = interleaved(ss_warm, pm_warm, repeats=args.repeats)

    # the same, with the facets earlier walks found forgotten before each pass (hulls kept): every material's
    # first walk in its system starts from a programme solve, as a material not asked before would
    from ssbkit.thermo.line import BasisCache

    warm_systems = [s for e in warm_th._engines.values() for s in e._systems.values()]

    def ss_warm_new() -> None:
        for s in warm_systems:
            s.walk_bases = BasisCache()
        res["ss_warm_new"] = [warm_th.window(f) for f in mats]

    n_ss, n_pm = interleaved(ss_warm_new, pm_warm, repeats=args.repeats)

    for eng in {id(e): e for e in warm_th._engines.values()}.values():
        eng.save()  # what an earlier session leaves on disk
    pickled = os.path.join(os.environ["SSBKIT_CACHE_DIR"], "pymatgen-stable-diagrams.pickle")
    with open(pickled, "wb") as fh:
        pickle.dump({tuple(systems[f]): stable.get(systems[f]) for f in mats}, fh)

    def ss_later() -> None:
        forget_ssbkit_memos()
        th = Thermo(src)
        res["ss_later"] = [th.window(f) for f in mats]

    def pm_later() -> None:
        with open(pickled, "rb") as fh:
            pds = pickle.load(fh)
        res["pm_later"] = [window_from_profile(pds[tuple(systems[f])], Composition(f)) for f in mats]

    l_ss, l_pm = interleaved(ss_later, pm_later, repeats=args.repeats)

    # end to end: each side a fresh process as a user's next command, from what an earlier run left on disk
    import json
    import subprocess
    import sys
    from types import SimpleNamespace

    env = {**os.environ, "SSBKIT_ENTRIES": entries_path()}
    out: dict[str, str] = {}

    def ss_cli() -> None:
        out["ss"] = subprocess.run([sys.executable, "-m", "ssbkit", "window", *mats, "--json"], env=env,
                                   capture_output=True, text=True, check=True).stdout

    def pm_cli() -> None:
        out["pm"] = subprocess.run([sys.executable, "-c", PM_CHILD, pickled, json.dumps(mats)], env=env,
                                   capture_output=True, text=True, check=True).stdout

    e_ss, e_pm = interleaved(ss_cli, pm_cli, repeats=args.repeats)
    res["ss_cli"] = [SimpleNamespace(**w) for w in json.loads(out["ss"])]
    res["pm_cli"] = [(a, b, c, d) for a, b, c, d in json.loads(out["pm"])]

    def agree(ours, theirs) -> int:
        n = 0
        for w, (v_red, v_ox, red, ox) in zip(ours, theirs):
            n += abs(w.reduction_limit_V - v_red) <= 1e-3 and sorted(w.reduction_products) == red \
                and sorted(w.oxidation_products) == ox \
                and ((v_ox is None and w.oxidation_limit_V is None) or
                     (v_ox is not None and w.oxidation_limit_V is not None and abs(w.oxidation_limit_V - v_ox) <= 1e-3))
        return n

    print(f"materials: {len(mats)}; equal to pymatgen (limits within 1 mV, same phases): cold "
          f"{agree(res['ss'], res['pm'])}/{len(mats)}, warm {agree(res['ss_warm'], res['pm_warm'])}/{len(mats)}")
    med = sorted(t_ss)[len(t_ss) // 2], sorted(t_pm)[len(t_pm) // 2], sorted(w_ss)[len(w_ss) // 2], \
        sorted(w_pm)[len(w_pm) // 2]
    print(f"cold (hulls / diagrams built from every entry): ssbkit {med[0]:.3f} s, pymatgen {med[1]:.3f} s; "
          f"ratio pymatgen/ssbkit {paired_ratio(t_pm, t_ss)}")
    print(f"warm (hulls / stable-entry diagrams cached):    ssbkit {med[2]:.4f} s, pymatgen {med[3]:.4f} s; "
          f"ratio pymatgen/ssbkit {paired_ratio(w_pm, w_ss)}")
    print(f"warm, the walks' facets forgotten before each pass (hulls kept): ssbkit "
          f"{sorted(n_ss)[len(n_ss) // 2]:.4f} s, pymatgen {sorted(n_pm)[len(n_pm) // 2]:.4f} s; ratio "
          f"pymatgen/ssbkit {paired_ratio(n_pm, n_ss)}; equal {agree(res['ss_warm_new'], res['pm_warm'])}/{len(mats)}")
    print(f"a later session (hull cache / pickled diagrams read from disk): ssbkit "
          f"{sorted(l_ss)[len(l_ss) // 2]:.4f} s, pymatgen {sorted(l_pm)[len(l_pm) // 2]:.4f} s; ratio "
          f"pymatgen/ssbkit {paired_ratio(l_pm, l_ss)}; equal {agree(res['ss_later'], res['pm_later'])}/{len(mats)}")
    print(f"end to end, each a fresh process (`ssbkit window <51 formulas> --json` with the hull and facet caches "
          f"on disk / a script unpickling pymatgen's stable-entry diagrams): ssbkit "
          f"{sorted(e_ss)[len(e_ss) // 2]:.3f} s, pymatgen {sorted(e_pm)[len(e_pm) // 2]:.3f} s; ratio "
          f"pymatgen/ssbkit {paired_ratio(e_pm, e_ss)}; equal {agree(res['ss_cli'], res['pm_cli'])}/{len(mats)}")


#: the pymatgen side of the end-to-end mode: unpickle the diagrams an earlier run saved, print every window
PM_CHILD = """
import json, pickle, sys
sys.path.insert(0, {oracle!r})
from pymatgen.core import Composition
from oracle_helpers import window_from_profile
with open(sys.argv[1], "rb") as fh:
    pds = pickle.load(fh)
out = []
for f in json.loads(sys.argv[2]):
    system = tuple(sorted({{e.symbol for e in Composition(f)}} | {{"Li"}}))
    out.append(window_from_profile(pds[system], Composition(f)))
print(json.dumps(out))
""".format(oracle=str(__import__("pathlib").Path(__file__).resolve().parents[1] / "tests" / "oracle"))


if __name__ == "__main__":
    main()
