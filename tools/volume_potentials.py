"""Topotactic volume changes of LiFePO4 -> FePO4 and LiCoO2 -> Li0.5CoO2 with other universal potentials.

Run: ``python tools/volume_potentials.py [chgnet] [chgnet-r2scan] [chgnet-d3] [7net-0] [7net-l3i5] [7net-mf-0]`` (``chgnet-r2scan``
is the r2SCAN transfer-learned CHGNet that the chgnet 0.4 wheel ships; ``chgnet-d3`` adds Grimme's D3(BJ) dispersion
for PBE, cut off at 40 bohr, and needs ``pip install torch-dftd==0.5.3``; SevenNet needs
``pip install sevenn==0.13.0``, whose wheel ships its weights; it is not a dependency of ssbkit).

The same cells as ``ssbkit volume`` (the structures table's lowest-energy structure, the same supercell and Li
sites removed), each relaxed, positions and cell, to 0.02 eV/A with ASE's FIRE and FrechetCellFilter.  It checks
whether the LiFePO4 shortfall of docs/mechanics.md is CHGNet's or shared by potentials trained on the same
kind of data.
"""

from __future__ import annotations

import sys
import warnings

import numpy as np

CASES = (("LiFePO4", 1.0), ("LiCoO2", 0.5))


def calculator(name: str):
    if name in ("chgnet", "chgnet-r2scan", "chgnet-d3"):
        from chgnet.model import CHGNet
        from chgnet.model.dynamics import CHGNetCalculator

        model = CHGNet.load(model_name="r2scan", verbose=False) if name == "chgnet-r2scan" else None
        calc = CHGNetCalculator(model=model, use_device="cpu")
        if name != "chgnet-d3":
            return calc
        from ase.calculators.mixing import SumCalculator
        from ase.units import Bohr
        from torch_dftd.torch_dftd3_calculator import TorchDFTD3Calculator

        return SumCalculator([calc, TorchDFTD3Calculator(device="cpu", xc="pbe", damping="bj", cutoff=40 * Bohr)])
    from sevenn.calculator import SevenNetCalculator

    if name == "7net-mf-0":
        return SevenNetCalculator(name, modal="R2SCAN", device="cpu")
    return SevenNetCalculator(name, device="cpu")


def main(names: list[str]) -> int:
    from ase.filters import FrechetCellFilter
    from ase.optimize import FIRE
    from pymatgen.io.ase import AseAtomsAdaptor

    from ssbkit.data.structures import open_structures
    from ssbkit.thermo.volume import _supercell

    warnings.simplefilter("ignore")
    table = open_structures(None)
    for name in names or ["chgnet"]:
        calc = calculator(name)

        def relax(structure, calc=calc) -> float:
            atoms = AseAtomsAdaptor.get_atoms(structure)
            atoms.calc = calc
            FIRE(FrechetCellFilter(atoms), logfile=None).run(fmax=0.02, steps=1000)
            return atoms.get_volume()

        for formula, x in CASES:
            cell = _supercell(table.get(formula))
            li = [i for i, site in enumerate(cell) if site.specie.symbol == "Li"]
            picks = np.unique(np.round(np.linspace(0, len(li) - 1, round(x * len(li)))).astype(int))
            delith = cell.copy()
            delith.remove_sites([li[int(j)] for j in picks])
            print(f"{name:10s} {formula:8s} {x:g} of Li out ({len(cell)} atoms): "
                  f"{100 * (relax(delith) / relax(cell) - 1):+.2f} %", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
