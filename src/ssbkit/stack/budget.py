"""Area-specific resistance (ASR) budget of a cell over time, per contribution.

Contributions (ohm cm2), each from the cited parameter table (:mod:`ssbkit.parameters`):

* **interphase** at every reacting interface, thickness ``L(t)`` from the growth law its class
  implies (Wang et al., Adv. Energy Mater. 2020, §2.1; Zheng et al., Batteries & Supercaps
  2021, §3.4, Fig. 7a):

  - passivating (electronically insulating) interphase at an electrode: parabolic,
    ``L^2 = L0^2 + k_p t`` with Wagner's rate ``k_p = 2 V_m sigma_e dE / F`` (C. Wagner,
    Z. Phys. Chem. B 1933, 21, 25): ``V_m`` molar volume of the interphase per mol Li,
    ``sigma_e`` its residual electronic conductivity, ``dE`` the voltage driving the reaction
    (how far the electrode potential lies beyond the layer's window), ``F`` Faraday's constant;
  - mixed-conducting interphase: linear, ``L = L0 + k_l t``;
  - chemical reaction with no electron source: constant ``L0``;

  and ``ASR = L / sigma_int``.  ``sigma_int`` is the effective conductivity of the products'
  nanocomposite: the fastest products (within a decade of the best) form the conducting
  phase of atom fraction ``phi``, the rest the matrix (each group's conductivity the
  Lichtenecker logarithmic mean ``log sigma = sum x_i log sigma_i``, K. Lichtenecker,
  Phys. Z. 1926, 27, 115), combined by McLachlan's general effective-medium equation with
  the 3D percolation threshold ``phi_c = 0.16`` (Scher and Zallen, J. Chem. Phys. 1970, 52,
  3759): a fast phase above ``phi_c`` carries the current, one below it does not;
* **coating / interlayer**: ``t / sigma``;
* **electrolyte**: bulk ``L / sigma_bulk`` and grain boundaries in the series brick-layer
  model ``L (delta_gb / d_grain) / sigma_gb`` (Zheng et al. 2021, §3.2.1);
* on the **Li-metal side**: charge transfer of a clean, wetted contact; if the layer Li
  touches is lithiophobic (contact angle >= 90 degrees, Wang et al. 2020 §2.2) the
  constriction resistance of Wang et al., Adv. Energy Mater. 2020 Eq. (1) at the stack pressure; if stripping voids form,
  the same constriction term for the contact they leave.

The overpotential at the set current density is ``eta = j * ASR``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Literal

from ..literature.joins import conductivity_lookup
from ..parameters import from_si, to_si
from ..results import Result
from ..units import FARADAY_C_PER_MOL

OHM_CM2 = "ohm cm2"  # the unit every ASR is reported in
from ..parameters import Parameter, Parameters

Kind = Literal["interphase", "coating", "interlayer", "electrolyte bulk", "grain boundary", "charge transfer",
               "contact", "voids"]
Law = Literal["none", "constant", "parabolic", "linear"]


@dataclass(frozen=True)
class AsrContribution(Result):
    """One contribution to the ASR, at each time of the budget.

    Attributes:
        name: what it is (``interphase Li6PS5Cl | Li``, ``coating LiNbO3`` ...).
        kind: the kind of contribution.
        law: growth law of its thickness (``none`` for terms that are not layers).
        asr_ohm_cm2: ASR at each of the budget's times.
        thickness_nm: layer thickness at each time (None for non-layer terms).
        conductivity_S_per_cm: the Li-ion conductivity used (None for non-layer terms).
        equation: how it was computed.
        parameters: names of the table parameters it used.
        estimate: True when any of those is an estimate.
        note: one line.
    """

    name: str
    kind: Kind
    law: Law
    asr_ohm_cm2: tuple[float, ...]
    thickness_nm: tuple[float, ...] | None
    conductivity_S_per_cm: float | None
    equation: str
    parameters: tuple[str, ...]
    estimate: bool
    note: str = ""

    _computed: ClassVar[tuple[str, ...]] = ("asr_start_ohm_cm2", "asr_end_ohm_cm2")

    @property
    def asr_start_ohm_cm2(self) -> float:
        return self.asr_ohm_cm2[0]

    @property
    def asr_end_ohm_cm2(self) -> float:
        return self.asr_ohm_cm2[-1]


@dataclass(frozen=True)
class AsrBudget(Result):
    """The ASR budget of a cell: every contribution over time, the parameters used, the overpotential."""

    times_h: tuple[float, ...]
    contributions: tuple[AsrContribution, ...]
    parameters: tuple[Parameter, ...]
    current_density_mA_per_cm2: float | None
    notes: tuple[str, ...] = ()

    _computed: ClassVar[tuple[str, ...]] = ("total_ohm_cm2", "total_start_ohm_cm2", "total_end_ohm_cm2",
                                            "overpotential_start_V", "overpotential_end_V")

    @property
    def total_ohm_cm2(self) -> tuple[float, ...]:
        return tuple(sum(c.asr_ohm_cm2[i] for c in self.contributions) for i in range(len(self.times_h)))

    @property
    def total_start_ohm_cm2(self) -> float:
        return self.total_ohm_cm2[0]

    @property
    def total_end_ohm_cm2(self) -> float:
        return self.total_ohm_cm2[-1]

    def _eta(self, asr: float) -> float | None:
        j = self.current_density_mA_per_cm2
        return None if j is None else to_si(j, "mA/cm2") * to_si(asr, OHM_CM2)

    @property
    def overpotential_start_V(self) -> float | None:
        """``j * ASR`` at t = 0 (V), None without a current density."""
        return self._eta(self.total_start_ohm_cm2)

    @property
    def overpotential_end_V(self) -> float | None:
        """``j * ASR`` at the end time (V), None without a current density."""
        return self._eta(self.total_end_ohm_cm2)



def time_grid(end_h: float, n: int = 21) -> tuple[float, ...]:
    """``n`` times from 0 to ``end_h`` hours, denser at the start (quadratic spacing)."""
    return tuple(end_h * (i / (n - 1)) ** 2 for i in range(n))


@dataclass
class BudgetBuilder:
    """Collects contributions and remembers which parameters they used."""

    params: Parameters
    times_h: tuple[float, ...]
    contributions: list[AsrContribution] = field(default_factory=list)
    used: dict[str, Parameter] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def _p(self, name: str) -> float:
        """The parameter's value in its table unit (recorded as used)."""
        p = self.params.get(name)
        self.used[name] = p
        return p.value

    def _si(self, name: str) -> float:
        """The parameter's value in SI (recorded as used)."""
        self._p(name)
        return self.params.si(name)

    def _estimate(self, names: Sequence[str]) -> bool:
        return any(self.used[n].basis == "estimate" for n in names if n in self.used)

    # ------------------------------------------------------------ conductivities
    def sigma(self, formula: str, name: str | None = None) -> tuple[float, str | None]:
        """Li-ion conductivity (S/cm) of a phase (table, then the reviews' values for ``name`` or the formula)."""
        row = self.params.sigma(formula)
        if row is not None:
            self.used[row.name] = row
            return row.value, row.name
        ref = (conductivity_lookup(name) if name else None) or conductivity_lookup(formula)
        if ref is not None:
            name = f"sigma.{formula}"
            self.used[name] = Parameter(name, ref.conductivity_S_per_cm, "S/cm", "reported", ref.citation, 298.0)
            return ref.conductivity_S_per_cm, name
        return self._p("sigma.default"), "sigma.default"

    def product_sigma(self, formula: str) -> tuple[float, str | None]:
        """Conductivity of an interphase product: the table, the reviews, cathode-type phases, the default."""
        if self.params.sigma(formula) is None and conductivity_lookup(formula) is None:
            from ..materials import resolve
            from .parse import is_cathode

            if is_cathode(resolve(formula)):
                return self._p("sigma.electrode_active"), "sigma.electrode_active"
        return self.sigma(formula)

    def mixture_sigma(self, products: Sequence[tuple[str, float]]) -> tuple[float, list[str]]:
        """Effective conductivity of the products' nanocomposite (module doc), weights = atom amounts."""
        from ..physics.percolation import gem_conductivity

        tot = sum(a for _, a in products) or 1.0
        rows, names = [], []
        for f, a in products:
            s, name = self.product_sigma(f)
            rows.append((s, a / tot))
            if name:
                names.append(name)
        best = max(s for s, _ in rows)
        fast = [(s, x) for s, x in rows if s >= best / 10.0]
        slow = [(s, x) for s, x in rows if s < best / 10.0]

        def logmean(group: list[tuple[float, float]]) -> float:
            w = sum(x for _, x in group)
            return 10 ** (sum(x * math.log10(s) for s, x in group) / w)

        if not slow:
            return logmean(fast), names
        phi = sum(x for _, x in fast)
        pc = self._p("percolation_threshold")
        names.append("percolation_threshold")
        return gem_conductivity(phi, logmean(fast), logmean(slow), threshold=pc), names

    # ------------------------------------------------------------ terms
    def add(self, c: AsrContribution) -> None:
        self.contributions.append(c)

    def interphase(self, location: str, law: Law, products: Sequence[tuple[str, float]],
                   driving_V: float | None, note: str = "") -> AsrContribution:
        """The interphase at ``location`` growing by ``law`` (see the module doc)."""
        from ..physics import interphase_growth

        sig, names = self.mixture_sigma(products) if products else (self._p("sigma.default"), ["sigma.default"])

        L0 = self._si("thickness.chemical_interphase")
        names.append("thickness.chemical_interphase")
        kp = kl = None
        if law == "parabolic":
            vm = self._si("interphase_molar_volume")
            se = self._si("sei_electronic_conductivity")
            dE = max(driving_V or 0.0, 0.0)
            kp = 2.0 * vm * se * dE / FARADAY_C_PER_MOL
            names += ["interphase_molar_volume", "sei_electronic_conductivity"]
            eq = (f"L^2 = L0^2 + k_p t, k_p = 2 V_m sigma_e dE / F = {kp:.3g} m2/s (dE = {dE:.2f} V); "
                  "ASR = L / sigma_int")
        elif law == "linear":
            kl = self._si("mci_growth_rate")
            names.append("mci_growth_rate")
            eq = "L = L0 + k_l t; ASR = L / sigma_int"
        else:
            eq = "L = L0 (no electron source: no electrochemical growth); ASR = L / sigma_int"
        cls = {"parabolic": "SEI", "linear": "MCI"}.get(law, "stable")
        grown = interphase_growth([to_si(t, "h") for t in self.times_h], to_si(sig, "S/cm"), classification=cls,
                                  parabolic_rate_m2_per_s=kp, linear_rate_m_per_s=kl, initial_thickness_m=L0)
        c = AsrContribution(f"interphase {location}", "interphase", law,
                            tuple(pt["asr_ohm_cm2"] for pt in grown.points),
                            tuple(pt["thickness_nm"] for pt in grown.points), sig, eq,
                            tuple(dict.fromkeys(names)), self._estimate(names), note)
        self.add(c)
        return c

    def layer(self, kind: Literal["coating", "interlayer"], name: str, formula: str) -> AsrContribution:
        """A coating or interlayer of the table thickness: ``t / sigma``."""
        tname = f"thickness.{formula}" if f"thickness.{formula}" in self.params.table else f"thickness.{kind}"
        t = self._si(tname)
        sig, sname = self.sigma(formula, name)
        names = [tname] + ([sname] if sname else [])
        asr = from_si(t / to_si(sig, "S/cm"), OHM_CM2)
        c = AsrContribution(f"{kind} {name}", kind, "constant", tuple(asr for _ in self.times_h),
                            tuple(from_si(t, "nm") for _ in self.times_h), sig, "ASR = t / sigma", tuple(names),
                            self._estimate(names))
        self.add(c)
        return c

    def electrolyte(self, name: str, formula: str) -> None:
        """Bulk and grain-boundary (brick-layer) resistance of the electrolyte layer."""
        L = self._si("thickness.electrolyte")
        sig, sname = self.sigma(formula, name)
        d = self._si("grain_size")
        delta = self._si("grain_boundary_thickness")
        ratio = self._p("grain_boundary_conductivity_ratio")
        bulk = from_si(L / to_si(sig, "S/cm"), OHM_CM2)
        gb = from_si(L * (delta / d) / (ratio * to_si(sig, "S/cm")), OHM_CM2)
        n1 = ["thickness.electrolyte"] + ([sname] if sname else [])
        n2 = n1 + ["grain_size", "grain_boundary_thickness", "grain_boundary_conductivity_ratio"]
        self.add(AsrContribution(f"electrolyte bulk {name}", "electrolyte bulk", "none",
                                 tuple(bulk for _ in self.times_h), None, sig, "ASR = L / sigma_bulk", tuple(n1),
                                 self._estimate(n1)))
        self.add(AsrContribution(f"grain boundaries {name}", "grain boundary", "none",
                                 tuple(gb for _ in self.times_h), None, ratio * sig,
                                 "ASR = L (delta_gb / d_grain) / sigma_gb (series brick layer)", tuple(n2),
                                 self._estimate(n2)))

    def li_contact(self, location: str, contact_angle_deg: float | None, angle_source: str | None,
                   layer_sigma_S_per_cm: float, pressure_Pa: float | None, voids: bool) -> list[AsrContribution]:
        """Charge transfer, wetting/constriction and void terms at a Li-metal contact (the terms it added)."""
        ct = self._p("charge_transfer_asr")
        made = [AsrContribution(f"charge transfer {location}", "charge transfer", "none",
                                tuple(ct for _ in self.times_h), None, None,
                                "clean, wetted Li contact (reported lower bound)", ("charge_transfer_asr",),
                                self._estimate(["charge_transfer_asr"]))]
        self.add(made[0])
        limit = self._p("lithiophobic_contact_angle")
        phobic = contact_angle_deg is not None and contact_angle_deg >= limit
        src = f" ({angle_source})" if angle_source else ""

        if phobic:
            made += self._constriction("contact", location, layer_sigma_S_per_cm, pressure_Pa,
                               "Wang et al., Adv. Energy Mater. 2020 Eq. (1): R = (1/(2 sigma)) sqrt(pi H / F), lithiophobic contact "
                               f"(contact angle {contact_angle_deg:.0f} deg{src})",
                               f"lithiophobic surface (contact angle {contact_angle_deg:.0f} deg{src}) but no stack "
                               "pressure given: the contact term was not evaluated")
        elif contact_angle_deg is not None:
            self.notes.append(f"{location}: Li wets the surface (contact angle {contact_angle_deg:.0f} deg{src}): "
                              "full contact, no constriction term")
        else:
            self.notes.append(f"{location}: no contact angle reported for this surface; full contact assumed")
        if voids:
            made += self._constriction("voids", location, layer_sigma_S_per_cm, pressure_Pa,
                               "contact left by stripping voids: Wang et al., Adv. Energy Mater. 2020 Eq. (1) at the stack pressure",
                               "stripping voids form but no stack pressure given: the contact they leave was not "
                               "evaluated")
        return made

    def _constriction(self, kind: Literal["contact", "voids"], location: str, sigma_S_per_cm: float,
                      pressure_Pa: float | None, equation: str, missing: str) -> list[AsrContribution]:
        """Wang et al., Adv. Energy Mater. 2020 Eq. (1) at the stack pressure as a ``kind`` term, or a note when no pressure is given."""
        from ..physics import constriction_resistance

        if not pressure_Pa:
            self.notes.append(f"{location}: {missing}")
            return []
        r = constriction_resistance(to_si(sigma_S_per_cm, "S/cm"), pressure_Pa=pressure_Pa, area_m2=to_si(1.0, "cm2"))
        asr = r.asr_ohm_cm2 if r.applicable else 0.0
        c = AsrContribution(f"{kind} {location}", kind, "none", tuple(asr for _ in self.times_h), None,
                            sigma_S_per_cm, equation, ("lithiophobic_contact_angle",), False)
        self.add(c)
        return [c]

    def build(self, current_density_mA_per_cm2: float | None) -> AsrBudget:
        return AsrBudget(self.times_h, tuple(self.contributions), tuple(self.used[k] for k in sorted(self.used)),
                         current_density_mA_per_cm2, tuple(self.notes))
