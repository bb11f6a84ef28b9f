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
  - mixed-conducting interphase: linear, ``L = L0 + k_l t``, reaction-limited with a rate that rises tenfold per
    ``b`` of drive, ``k_l = k_ref 10^((dE - dE_ref) / b)`` (``k_ref`` at Li metal against LGPS, ``dE_ref = 1.7
    V``): the same electrolyte against Li-In (0.62 V) grows far slower than against Li (Zheng et al. 2021,
    §3.4; Shin et al., Electrochim. Acta 2014);
  - chemical reaction with no electron source: constant ``L0``;

  and ``ASR = L / sigma_int``.  ``sigma_int`` is the effective conductivity of the products'
  nanocomposite: the fastest products (within a decade of the best) form the conducting
  phase of atom fraction ``phi``, the rest the matrix (each group's conductivity the
  Lichtenecker logarithmic mean ``log sigma = sum x_i log sigma_i``, K. Lichtenecker,
  Phys. Z. 1926, 27, 115), combined by McLachlan's general effective-medium equation with
  the 3D percolation threshold ``phi_c = 0.16`` (Scher and Zallen, J. Chem. Phys. 1970, 52,
  3759): a fast phase above ``phi_c`` carries the current, one below it does not;
* **coating / interlayer**: ``t / sigma``, ``t`` what the interphases at its faces leave of it
  (:mod:`ssbkit.stack.consumption`);
* **electrolyte**: bulk ``L / sigma_bulk`` and grain boundaries in the series brick-layer model
  ``L (delta_gb / d_grain) / sigma_gb`` (Zheng et al. 2021, §3.2.1);
* on the **Li-metal side**: charge transfer of a clean, wetted contact; if the layer Li touches is lithiophobic
  (contact angle >= 90 degrees, Wang et al. 2020 §2.2) the constriction resistance of Wang et al., Adv. Energy
  Mater. 2020 Eq. (1) at the stack pressure; if stripping voids form, the same term for the contact they leave.

The overpotential at the set current density is ``eta = j * ASR``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from ..literature.joins import conductivity_lookup, conductivity_of
from ..materials import is_li_alloy, is_lithiated_graphite
from ..parameters import Parameter, Parameters, from_si, to_si
from ..results import Result
from ..units import FARADAY_C_PER_MOL

OHM_CM2 = "ohm cm2"  # the unit every ASR is reported in
#: the growth rate of a mixed-conducting interphase at the reference drive, that drive, and the drive per decade
MCI_RATE = ("mci_growth_rate", "mci_reference_drive", "mci_drive_per_decade")

Kind = Literal["interphase", "coating", "interlayer", "electrolyte bulk", "grain boundary", "charge transfer",
               "contact", "voids", "space charge", "surface layer", "contact loss"]
Law = Literal["none", "constant", "parabolic", "linear", "consumed"]


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
    #: capacitance per area of the term (uF/cm2) where it has one: its arc in the impedance spectrum
    capacitance_uF_per_cm2: float | None = None

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

    def value(self, name: str) -> float:
        """A parameter's value in its table unit, recorded as used (for terms built outside this class)."""
        return self._p(name)

    def si(self, name: str) -> float:
        """A parameter's value in SI, recorded as used."""
        return self._si(name)

    def estimated(self, names: Sequence[str]) -> bool:
        """Whether any of these (used) parameters is an estimate."""
        return self._estimate(names)

    def _estimate(self, names: Sequence[str]) -> bool:
        return any(self.used[n].basis == "estimate" for n in names if n in self.used)

    # ------------------------------------------------------------ conductivities
    def sigma(self, formula: str, name: str | None = None, host: str | None = None) -> tuple[float, str | None]:
        """Li-ion conductivity (S/cm): the table, then the reviews' value for ``name``, ``formula`` or ``host``."""
        row = self.params.sigma(formula)
        if row is not None:
            self.used[row.name] = row
            return row.value, row.name
        ref = conductivity_of(name, formula, host)
        if ref is not None:
            name = f"sigma.{formula}"
            self.used[name] = Parameter(name, ref.conductivity_S_per_cm, "S/cm", "reported", ref.citation, 298.0)
            return ref.conductivity_S_per_cm, name
        return self._p("sigma.default"), "sigma.default"

    def product_sigma(self, formula: str, amorphous: bool = False, alloys: bool = False) -> tuple[float, str | None]:
        """Conductivity of an interphase product: the table, the reviews, cathode-type phases, the default;
        ``amorphous``: a film value (``sigma.coating.X``) first, for products of a room-temperature reaction;
        ``alloys``: Li intermetallics as ``sigma.li_alloy`` (a lithiated metal interlayer), Li-graphite
        intercalation compounds as ``sigma.lithiated_graphite``."""
        film = f"sigma.coating.{formula}"
        if amorphous and film in self.params.table:
            return self._p(film), film
        if alloys and is_li_alloy(formula):
            return self._p("sigma.li_alloy"), "sigma.li_alloy"
        if alloys and is_lithiated_graphite(formula):
            return self._p("sigma.lithiated_graphite"), "sigma.lithiated_graphite"
        if self.params.sigma(formula) is None and conductivity_lookup(formula) is None:
            from ..materials import resolve
            from .parse import is_cathode

            if is_cathode(resolve(formula)):
                return self._p("sigma.electrode_active"), "sigma.electrode_active"
        return self.sigma(formula)

    def mixture_sigma(self, products: Sequence[tuple[str, float]], amorphous: bool = False,
                      alloys: bool = False) -> tuple[float, list[str]]:
        """Effective conductivity of the products' nanocomposite (module doc), weights = atom amounts
        (``amorphous``: film values first, :meth:`product_sigma`)."""
        from ..physics.percolation import gem_conductivity

        tot = sum(a for _, a in products) or 1.0
        rows, names = [], []
        for f, a in products:
            s, name = self.product_sigma(f, amorphous, alloys)
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

    def layer_thickness(self, kind: str, formula: str) -> tuple[float, str]:
        """(m, parameter name) of a coating or interlayer: ``thickness.FORMULA`` where tabulated, else
        ``thickness.KIND``."""
        tname = f"thickness.{formula}" if f"thickness.{formula}" in self.params.table else f"thickness.{kind}"
        return self._si(tname), tname

    def interphase(self, location: str, law: Law, products: Sequence[tuple[str, float]],
                   driving_V: float | None, note: str = "",
                   reservoir: tuple[str, str, float] | None = None, formed_m: float | None = None) -> AsrContribution:
        """The interphase at ``location`` growing by ``law`` (see the module doc); ``reservoir``: (role, formula,
        share) of a coating or interlayer the reaction consumes, ``share`` of the interphase's volume made from it:
        the interphase stops at the layer's thickness over ``share``; ``formed_m``: the most the processing let it
        form (m, :mod:`ssbkit.stack.cation_transport`)."""
        from ..physics import interphase_growth

        sig, names = self.mixture_sigma(products, amorphous=law == "constant") if products else \
            (self._p("sigma.default"), ["sigma.default"])

        L0 = self._si("thickness.chemical_interphase")
        names.append("thickness.chemical_interphase")
        if formed_m is not None:
            L0 = min(L0, formed_m)
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
            ref, ref_V, decade = (self._si(n) for n in MCI_RATE)
            dE = max(driving_V or 0.0, 0.0)
            kl = ref * 10.0 ** ((dE - ref_V) / decade)
            names += list(MCI_RATE)
            eq = (f"L = L0 + k_l t, k_l = k_ref 10^((dE - dE_ref)/b) = {from_si(kl, 'nm/h'):.3g} nm/h "
                  f"(dE = {dE:.2f} V); ASR = L / sigma_int")
        else:
            eq = "L = L0 (no electron source: no electrochemical growth); ASR = L / sigma_int"
        cls = {"parabolic": "SEI", "linear": "MCI"}.get(law, "stable")
        cap = None
        if reservoir is not None:
            t_layer, tname = self.layer_thickness(*reservoir[:2])
            cap = t_layer / reservoir[2]
            names.append(tname)
            L0 = min(L0, cap)
            bound = (f"bounded by the {reservoir[1]} {reservoir[0]} it consumes ({from_si(t_layer, 'nm'):.3g} nm, "
                     f"{100 * reservoir[2]:.0f} % of the interphase's volume: at most {from_si(cap, 'nm'):.3g} nm)")
            note = "; ".join(x for x in (note, bound) if x)
        grown = interphase_growth([to_si(t, "h") for t in self.times_h], to_si(sig, "S/cm"), classification=cls,
                                  parabolic_rate_m2_per_s=kp, linear_rate_m_per_s=kl, initial_thickness_m=L0,
                                  max_thickness_m=cap)
        c = AsrContribution(f"interphase {location}", "interphase", law,
                            tuple(pt["asr_ohm_cm2"] for pt in grown.points),
                            tuple(pt["thickness_nm"] for pt in grown.points), sig, eq,
                            tuple(dict.fromkeys(names)), self._estimate(names), note)
        self.add(c)
        return c

    def layer(self, kind: Literal["coating", "interlayer"], name: str, formula: str,
              lithiated: Sequence[tuple[str, float]] | None = None) -> AsrContribution:
        """A coating or interlayer of the table thickness: ``t / sigma``; ``lithiated``: the products of an
        interlayer that Li metal has reacted with (their nanocomposite's conductivity, :meth:`mixture_sigma`)."""
        t, tname = self.layer_thickness(kind, formula)
        film = next((f"sigma.coating.{x}" for x in (formula, name) if f"sigma.coating.{x}" in self.params.table), None)
        extra: list[str] = []
        if lithiated:  # formed at the attach temperature: film values first, as a room-temperature interphase's
            sig, extra = self.mixture_sigma(lithiated, amorphous=True, alloys=True)
            sname = None
        elif film is not None:
            sig, sname = self._p(film), film
        else:
            sig, sname = self.sigma(formula, name)
        names = [tname] + ([sname] if sname else []) + extra
        asr = from_si(t / to_si(sig, "S/cm"), OHM_CM2)
        c = AsrContribution(f"{kind} {name}", kind, "constant", tuple(asr for _ in self.times_h),
                            tuple(from_si(t, "nm") for _ in self.times_h), sig, "ASR = t / sigma", tuple(names),
                            self._estimate(names))
        self.add(c)
        return c

    def interdiffusion(self, location: str, note: str = "") -> AsrContribution:
        """The interdiffusion layer of a bare cathode against a sulfide: ``L^2 = L0^2 + 2 D t`` (Sakuda et al.,
        Chem. Mater. 2010: about 10 nm after the first charge), ``ASR = L / sigma_layer``."""
        from ..physics import interphase_growth

        names = ["thickness.chemical_interphase", "interdiffusion.cathode_sulfide_diffusivity",
                 "sigma.interdiffusion_layer"]
        L0 = self._si(names[0])
        d = self._si(names[1])
        sig = self._p(names[2])
        grown = interphase_growth([to_si(t, "h") for t in self.times_h], to_si(sig, "S/cm"), classification="SEI",
                                  parabolic_rate_m2_per_s=2.0 * d, initial_thickness_m=L0)
        c = AsrContribution(f"interphase {location}", "interphase", "parabolic",
                            tuple(pt["asr_ohm_cm2"] for pt in grown.points),
                            tuple(pt["thickness_nm"] for pt in grown.points), sig,
                            f"interdiffusion L^2 = L0^2 + 2 D t (D = {from_si(d, 'cm2/s'):.3g} cm2/s); "
                            "ASR = L / sigma_layer", tuple(names), self._estimate(names), note)
        self.add(c)
        return c

    def space_charge(self, location: str, res: Any, names: Sequence[str], note: str) -> AsrContribution:
        """A space-charge (Li+-depletion) layer (:mod:`ssbkit.physics.spacecharge`), constant in time."""
        asr = res.asr_ohm_cm2
        c = AsrContribution(f"space charge {location}", "space charge", "none", tuple(asr for _ in self.times_h),
                            tuple(res.width_nm for _ in self.times_h), None,
                            f"{res.equation}; step {res.potential_V:.3f} V of "
                            f"{res.total_potential_V:.3f} V", tuple(dict.fromkeys(names)),
                            self._estimate(names), note, res.capacitance_uF_per_cm2)
        self.add(c)
        return c

    def electrolyte(self, name: str, formula: str, host: str | None = None) -> None:
        """Bulk and grain-boundary (brick-layer) resistance of the electrolyte layer (``host``: :meth:`sigma`)."""
        L = self._si("thickness.electrolyte")
        sig, sname = self.sigma(formula, name, host)
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
                   layer_sigma_S_per_cm: float, pressure_Pa: float | None, voids: bool,
                   void_share: float = 1.0, attach: tuple[float, float | None] | None = None) -> list[AsrContribution]:
        """Charge transfer, wetting/constriction and void terms at a Li-metal contact (the terms it added).

        ``attach``: (temperature K, pressure Pa or None) of the step that put Li on.  Below
        ``contact.wetting_temperature`` Li stays solid and touches only where pressed: the constriction term at
        the larger of the stack and attach pressures (``contact.hand_pressure`` when neither is given), whatever
        the wetting.  Hotter, or with no attach step, Li flows: a lithiophilic surface is in full contact, a
        lithiophobic one only where pressed (Wang et al., Adv. Energy Mater. 2020, §2.2-2.3)."""
        ct = self._p("charge_transfer_asr")
        made = [AsrContribution(f"charge transfer {location}", "charge transfer", "none",
                                tuple(ct for _ in self.times_h), None, None,
                                "clean, wetted Li contact (reported lower bound)", ("charge_transfer_asr",),
                                self._estimate(["charge_transfer_asr"]))]
        self.add(made[0])
        limit = self._p("lithiophobic_contact_angle")
        phobic = contact_angle_deg is not None and contact_angle_deg >= limit
        src = f" ({angle_source})" if angle_source else ""
        pressed = max(pressure_Pa or 0.0, (attach[1] or 0.0) if attach else 0.0) or None
        if attach is not None and attach[0] < self._si("contact.wetting_temperature"):
            made += self._constriction("contact", location, layer_sigma_S_per_cm,
                                       pressed or self._si("contact.hand_pressure"),
                                       f"solid Li attached at {attach[0] - 273.15:.0f} C touches only where pressed: "
                                       "Wang et al., Adv. Energy Mater. 2020 Eq. (1)" +
                                       ("" if pressed else " at contact.hand_pressure"), "")
        elif phobic:
            made += self._constriction("contact", location, layer_sigma_S_per_cm, pressed,
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
                               "evaluated", contact_share=void_share)
        return made

    def _constriction(self, kind: Literal["contact", "voids"], location: str, sigma_S_per_cm: float,
                      pressure_Pa: float | None, equation: str, missing: str,
                      contact_share: float = 1.0) -> list[AsrContribution]:
        """Wang et al., Adv. Energy Mater. 2020 Eq. (1) at the stack pressure as a ``kind`` term (a note when no pressure
        is given): ``n = A / spacing^2`` spots (``contact.spot_spacing``) yield at ``contact.asperity_hardness`` and
        crowd (zero at full contact); ``contact_share`` (<= 1) is the contact left (voids: ``j_lim / j``)."""
        from ..physics.contact import pressed_contact

        if not pressure_Pa:
            self.notes.append(f"{location}: {missing}")
            return []
        names = ["lithiophobic_contact_angle", "contact.asperity_hardness", "contact.spot_spacing"]
        r = pressed_contact(to_si(sigma_S_per_cm, "S/cm"), pressure_Pa * contact_share,
                            self._si("contact.asperity_hardness"), self._si("contact.spot_spacing"))
        eq = f"{equation}; {r.inputs['n_contact_spots']:.3g} spots per cm2, x (1 - sqrt(p / H))^1.5 as they crowd" + (
            f", {contact_share:.3g} of the contact left" * (contact_share < 1))
        c = AsrContribution(f"{kind} {location}", kind, "none", tuple(r.asr_ohm_cm2 for _ in self.times_h), None,
                            sigma_S_per_cm, eq, tuple(names), self._estimate(names))
        self.add(c)
        return [c]

    def build(self, current_density_mA_per_cm2: float | None) -> AsrBudget:
        return AsrBudget(self.times_h, tuple(self.contributions), tuple(self.used[k] for k in sorted(self.used)),
                         current_density_mA_per_cm2, tuple(self.notes))
