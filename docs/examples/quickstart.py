# %% [markdown]
# # ssbkit quickstart (a notebook-style script; CI runs it: tests/unit/test_examples.py)
#
# With nothing configured, ssbkit computes on its embedded default data (the Materials Project 2018.06
# formation energies); `Thermo(open_source("my_table.csv.gz"))`, SSBKIT_ENTRIES or `--entries` choose
# another source. Each cell prints what it computed; in Jupyter, a result displays as a table
# (`_repr_html_`).

# %%
from pymatgen.core import Composition

from ssbkit.interfaces import InterfaceCalculator
from ssbkit.thermo import Thermo

th = Thermo()  # the configured source, else the embedded default data
print("data:", th.source.location)

# %% [markdown]
# ## Stability windows (pymatgen objects work as materials)

# %%
for m in ("Li3PS4", "LLZO", Composition("Li3InCl6")):
    w = th.window(m)
    print(f"{w.formula}: {w.reduction_limit_V:.2f}-{w.oxidation_limit_V:.2f} V ({w.composition_case})")

# %% [markdown]
# ## The exact driving force of an interface vs voltage, as a table

# %%
prof = InterfaceCalculator(th, "Li6PS5Cl", "LiNi0.8Co0.1Mn0.1O2").profile([0.05 * i for i in range(101)])
changes = [b for b in prof.breakpoints if b.products_change]
print(f"{len(prof.pieces)} linear pieces; products change at {len(changes)} voltages, first at "
      f"{changes[0].voltage_V:.3f} V -> {', '.join(changes[0].products_above)}")
df = prof.to_dataframe()
print(df[["voltage_V", "reaction_energy_eV_per_atom", "mixing_ratio"]].iloc[::25].to_string(index=False))

# %% [markdown]
# ## Heating LiCoO2 with LLZO in air (Gibbs energies at temperature from the volumes per atom)

# %%
from ssbkit.interfaces.thermal import ThermalCalculator  # noqa: E402
from ssbkit.thermo.atmosphere import parse_atmosphere  # noqa: E402

r = ThermalCalculator(th, "LiCoO2", "LLZO", parse_atmosphere("air")).at(873.15)
print(f"600 C in air: {r.mixture_reaction}")

# %% [markdown]
# ## Your own DFT entries

# %%
from pymatgen.analysis.phase_diagram import PDEntry  # noqa: E402

mine = Thermo.from_entries([PDEntry(Composition("Li"), -1.9), PDEntry(Composition("O2"), -9.86),
                            PDEntry(Composition("Li2O"), -14.3), PDEntry(Composition("Li2O2"), -19.5)])
print(f"Li2O2 from my entries: {mine.hull('Li2O2').e_above_hull_eV_per_atom * 1000:.1f} meV/atom above the hull")

# %% [markdown]
# ## Data caveats: the legacy sulfide correction, and suspect phases

# %%
for label, t in (("as given", th), ("sulfide correction removed", th.uncorrected(["S"])),
                 ("suspect phases left out", th.excluding(["LiS4"]))):
    w = t.window("Li6PS5Cl")
    print(f"Li6PS5Cl, {label}: oxidised at {w.oxidation_limit_V:.3f} V to {', '.join(w.oxidation_products)}")

# %% [markdown]
# ## A whole cell, in the CLI's units (V, C, MPa, mA/cm2 in the argument names)

# %%
from ssbkit.stack.assess import assess  # noqa: E402
from ssbkit.stack.conditions import Conditions  # noqa: E402

cond = Conditions.of(voltage_V=(2.5, 4.3), temperature_C=60, pressure_MPa=5, current_density_mA_per_cm2=0.5)
cell = assess("NMC811 | LiNbO3 | Li6PS5Cl | Li-In", cond, th)
print(f"{cell.verdict}: " + "; ".join(cell.summary[:2]))
