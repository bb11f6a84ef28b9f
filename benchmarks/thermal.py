"""Benchmark: a 25-1100 C scan (25 K steps) of a 6-element pair in air, ssbkit vs pymatgen doing the same.

Run: ``python benchmarks/thermal.py [--repeats 3]`` (SSBKIT_ENTRIES and SSBKIT_STRUCTURES as for the tests).

Both sides get the same entries: for every reduced formula of the Li-Co-Al-La-Zr-O-C-H system that has a
structure in the shared structures file, the lowest-energy entry of the shared formation energies
(elements at 0), volumes from those structures.  Per temperature, pymatgen builds
``GibbsComputedStructureEntry`` objects (Bartel SISSO), a ``GrandPotentialPhaseDiagram`` with the air's
chemical potentials of O, C and H (the same ssbkit uses), the equilibrium of the 1:1 mixture
(``get_decomposition``) and ``GrandPotentialInterfacialReactivity`` (most exergonic kink).  ssbkit runs
``ThermalCalculator.scan``.  Interleaved rounds; median and range of the paired ratios; the mixtures'
products and the interface reaction energies are checked equal at every temperature.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import warnings
from pathlib import Path

from _common import REPO, entries_path, interleaved, paired_ratio, spread

A, B = "LiCoO2", "Li6.25Al0.25La3Zr2O12"
ELEMENTS = {"Li", "Co", "Al", "La", "Zr", "O", "C", "H"}


def structures_path() -> str:
    p = os.environ.get("SSBKIT_STRUCTURES") or str(REPO.parent / "shared" / "data" / "mp_structures.jsonl.gz")
    if not Path(p).exists():
        sys.exit(f"benchmark: set SSBKIT_STRUCTURES to the structures file (not found: {p})")
    return p


def dataset(tmp: Path):
    from oracle_helpers import gibbs_dataset

    return gibbs_dataset(entries_path(), structures_path(), [ELEMENTS], tmp)


def pymatgen_scan(keep, structs, temps, atm):
    from pymatgen.analysis.interface_reactions import (
        GrandPotentialInterfacialReactivity,
    )
    from pymatgen.analysis.phase_diagram import GrandPotentialPhaseDiagram, PhaseDiagram
    from pymatgen.core import Composition, Element
    from pymatgen.entries.computed_entries import GibbsComputedStructureEntry

    ca, cb = Composition(A), Composition(B)
    out = []
    for t in temps:
        tm = max(300.0, t)
        tm = int(tm) if tm == int(tm) else tm  # pymatgen looks tables up by str(temp)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            entries = [GibbsComputedStructureEntry(structs[rf], formation_enthalpy_per_atom=e, temp=tm, entry_id=rf)
                       for rf, e in keep.items()]
            mu = atm.chemical_potentials(t)
            pd = PhaseDiagram(entries)
            gpd = GrandPotentialPhaseDiagram(entries, {Element(k): v for k, v in mu.items()})
            mix = Composition({k: 0.5 * ca[k] + 0.5 * cb[k] for k in set(ca) | set(cb)})
            closed = Composition({el: a for el, a in mix.items() if el.symbol not in mu})
            prods = sorted(e.original_entry.composition.reduced_formula for e in gpd.get_decomposition(closed))
            ir = GrandPotentialInterfacialReactivity(ca, cb, gpd, pd, include_no_mixing_energy=False, norm=True,
                                                     use_hull_energy=True)
            e_min = min(k[2] for k in ir.get_kinks())
        out.append((sorted(set(prods)), float(e_min)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    from ssbkit.cli._common import temperatures
    from ssbkit.data.source import open_source
    from ssbkit.data.volumes import read_volumes
    from ssbkit.interfaces.thermal import ThermalCalculator
    from ssbkit.thermo import Thermo
    from ssbkit.thermo.atmosphere import parse_atmosphere

    tmp = Path(tempfile.mkdtemp())
    ent, vol, keep, structs = dataset(tmp)
    temps = temperatures("25C:1100C:25K")
    atm = parse_atmosphere("air")
    th = Thermo(open_source(str(ent)))
    table = read_volumes(str(vol))
    t0 = time.perf_counter()
    ThermalCalculator(th, A, B, atm, table).scan(temps)
    cold = time.perf_counter() - t0
    res: dict[str, object] = {}
    t_ss, t_pm = interleaved(lambda: res.__setitem__("ss", ThermalCalculator(th, A, B, atm, table).scan(temps)),
                             lambda: res.__setitem__("pm", pymatgen_scan(keep, structs, temps, atm)),
                             repeats=args.repeats)
    ours, theirs = res["ss"].points, res["pm"]
    same_prod = sum(sorted(set(p.mixture_products)) == q[0] for p, q in zip(ours, theirs))
    same_e = sum(abs(p.reaction_energy_eV_per_atom - min(0.0, q[1])) <= 1e-3 for p, q in zip(ours, theirs))
    print(f"{A} | {B} in air, {len(temps)} temperatures 25-1100 C, {len(keep)} entries with structures")
    print(f"equal to pymatgen: mixture products {same_prod}/{len(temps)}, interface reaction energy (1 meV/atom) "
          f"{same_e}/{len(temps)}")
    print(f"ssbkit: first scan {cold:.2f} s (Gibbs energies prepared), then {spread(t_ss)} s (target < 2 s); "
          f"pymatgen {spread(t_pm)} s; ratio pymatgen/ssbkit {paired_ratio(t_pm, t_ss)}")
    # the same scan on the whole shared data (every entry; volumes table with its estimator)
    vols = os.environ.get("SSBKIT_VOLUMES") or str(REPO.parent / "shared" / "data" / "volumes_per_atom.csv.gz")
    full = Thermo(open_source(entries_path()))
    vt = read_volumes(vols)
    t0 = time.perf_counter()
    scan = ThermalCalculator(full, A, B, atm, vt).scan(temps)
    cold = time.perf_counter() - t0
    warm = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        ThermalCalculator(full, A, B, atm, vt).scan(temps)
        warm.append(time.perf_counter() - t0)
    print(f"whole shared data: first scan {cold:.2f} s, then {spread(warm)} s; onset "
          f"{scan.onset_temperature_K} K, mixture products change at {len(scan.product_changes_K)} temperatures")


if __name__ == "__main__":
    main()
