"""Plot the cracking model's trend against the electrolyte's stiffness (docs/mechanics.md, docs/img).

    python tools/plot_cracking.py docs/img/cracking_vs_modulus.png

Left: the particle expansion at which a crack nucleates at a particle's corner (G_c = 4 J/m2); right: the final
crack length at +15 % expansion.  Wang et al., Adv. Energy Mater. 2020 §3.4 (Bucci et al.): nucleation is
delayed and cracks are shorter in stiffer electrolytes.
"""

from __future__ import annotations

import sys

import numpy as np

from ssbkit.physics.cracking import cracking


def main(path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    moduli = np.linspace(10, 160, 31)
    nuc = [cracking(0.075, e * 1e9, 0.26).nucleation_volume_change_percent for e in moduli]
    length = [cracking(0.15, e * 1e9, 0.26).final_crack_length_um for e in moduli]
    fig, (a, b) = plt.subplots(1, 2, figsize=(9, 3.6), constrained_layout=True)
    shown = [(e, n) for e, n in zip(moduli, nuc) if n is not None and n < 60]
    a.plot([e for e, _ in shown], [n for _, n in shown], "o-")
    a.axhline(7.5, ls="--", c="grey")
    a.set_ylim(0, None)
    a.text(12, 4.0, "Bucci et al.: no fracture below 7.5 % at G_c = 4 J/m2", fontsize=8, color="grey")
    a.set_xlabel("electrolyte Young's modulus (GPa)")
    a.set_ylabel("expansion at crack nucleation (%)")
    a.set_title("nucleation (none beyond the last point)", fontsize=9)
    b.plot(moduli, length, "o-")
    b.set_xlabel("electrolyte Young's modulus (GPa)")
    b.set_ylabel("final crack length at +15 % (um)")
    b.set_title("extension", fontsize=9)
    fig.suptitle("ssbkit physics cracking: 5 um particle, E 180 GPa, f 0.5, flaw 0.1 um", fontsize=10)
    fig.savefig(path, dpi=110)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/img/cracking_vs_modulus.png")
