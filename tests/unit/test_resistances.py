"""Resistances that go the way measured cells go: space charge, interdiffusion, surface layers, voids, the
growth-rate grade of mixed-conducting interphases, and the impedance spectrum (docs/validation.md)."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest
from scipy.integrate import quad

import ssbkit
from ssbkit.errors import UnitError
from ssbkit.physics.impedance import (
    Element,
    frequency_grid,
    parse_frequency_range,
    spectrum,
)
from ssbkit.physics.spacecharge import space_charge_layer
from ssbkit.physics.surface_layer import Exposure, surface_layer

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

KT = 8.617333262e-5 * 298.15


# ------------------------------------------------------------------------------ space charge (physics)
def test_space_charge_matches_the_integral_and_the_bulk_limit():
    eps, n, sigma = 20.0, 1e26, 1.6e-2
    for dphi in (0.001, 0.1, 0.3):
        r = space_charge_layer(dphi, eps, n, sigma)
        lam = r.width_nm * 1e-9
        direct = quad(lambda x: math.exp(dphi * (1 - x / lam) ** 2 / KT) / sigma, 0, lam)[0]
        assert r.asr_ohm_cm2 == pytest.approx(direct * 1e4, rel=1e-6)
        assert r.capacitance_uF_per_cm2 == pytest.approx(eps * 8.8541878128e-12 / lam * 100, rel=1e-9)
    small = space_charge_layer(1e-4, eps, n, sigma)
    assert small.asr_ohm_cm2 == pytest.approx(small.bulk_asr_ohm_cm2, rel=1e-2)  # no depletion: the bulk


def test_an_insulating_coating_takes_part_of_the_step_and_cuts_the_resistance():
    bare = space_charge_layer(0.45, 20, 1e26, 1.6e-2)
    coated = space_charge_layer(0.45, 20, 1e26, 1.6e-2, receiver_permittivity=44, receiver_concentration_per_m3=1e26,
                                receiver_thickness_m=10e-9)
    thin = space_charge_layer(0.45, 20, 1e26, 1.6e-2, receiver_permittivity=44, receiver_concentration_per_m3=1e26,
                              receiver_thickness_m=0.3e-9)
    assert bare.screening == "electronic" and coated.screening == "shared"
    assert coated.potential_V < bare.potential_V == 0.45
    assert bare.asr_ohm_cm2 > 3 * coated.asr_ohm_cm2
    assert coated.asr_ohm_cm2 < thin.asr_ohm_cm2 <= bare.asr_ohm_cm2  # a sub-nm coating holds less of the step


@pytest.mark.parametrize("kwargs", [dict(permittivity=-1), dict(carrier_concentration_per_m3=0),
                                    dict(potential_V=-0.1), dict(receiver_thickness_m=-1e-9,
                                                                 receiver_permittivity=30)])
def test_space_charge_bad_input(kwargs):
    args = dict(potential_V=0.3, permittivity=20, carrier_concentration_per_m3=1e26, conductivity_S_per_m=1e-2)
    args.update(kwargs)
    with pytest.raises(UnitError):
        space_charge_layer(**args)


# ----------------------------------------------------------------- coated vs bare (Zheng et al. Table 4)
#: rows where the coated cell is not yet 3x below the bare one, and at which time (docs/validation.md says why)
KNOWN_SHORT: set[tuple[int, str]] = set()


@pytest.mark.integration
def test_coatings_lower_the_cathode_interface_resistance_as_measured():
    import validate_resistances

    rows = validate_resistances.coating_rows()
    assert len(rows) == 14
    short = {(r.row, "start") for r in rows if r.ratio_start < 3} | {(r.row, "end") for r in rows if r.ratio_end < 3}
    assert short == KNOWN_SHORT
    assert all(r.ratio_start > 1 and r.ratio_end > 3 for r in rows)  # every coating helps, all 3x after 100 h


def test_space_charge_in_the_budget_only_at_oxide_sulfide_junctions():
    def terms(stack):
        a = ssbkit.assess(stack)
        return {c.name: c for c in a.asr_budget.contributions if c.kind == "space charge"}

    bare = terms("LCO | Li3PS4 | Li-In")
    coated = terms("LCO | LiNbO3 | Li3PS4 | Li-In")
    oxide = terms("LCO | LLZO | Li")
    (b,), (c,), (o,) = bare.values(), coated.values(), oxide.values()
    assert b.asr_start_ohm_cm2 > 100 and c.asr_start_ohm_cm2 < b.asr_start_ohm_cm2 / 3
    assert o.asr_start_ohm_cm2 < 0.1  # oxide | oxide: "limited" (Wang et al. 2020 §3.2)
    assert "spacecharge.potential.oxide_sulfide" in b.parameters and b.capacitance_uF_per_cm2 > 0


def test_bare_cathode_sulfide_interdiffusion_grows_as_sakuda():
    a = ssbkit.assess("LCO | Li3PS4 | Li-In", time="10h")
    c = next(c for c in a.asr_budget.contributions if c.name == "interphase LCO | Li3PS4")
    assert c.law == "parabolic" and "interdiffusion" in c.equation
    assert 8 < c.thickness_nm[-1] < 13  # about 10 nm after the first charge (Sakuda et al. 2010)


# --------------------------------------------------------------------------- Li side: surface, voids
def _li_side(stack, process=None, **kw):
    a = ssbkit.assess(stack, process=process, **kw)
    return sum(c.asr_start_ohm_cm2 for c in a.asr_budget.contributions
               if c.kind not in ("electrolyte bulk", "grain boundary")), a


def test_air_storage_builds_a_resistive_carbonate_and_cleaning_restores_it():
    air, a = _li_side("Li | LLZO | Li", "store 25C 168h air")
    argon, b = _li_side("Li | LLZO | Li", "store 25C 168h ar")
    cleaned, _ = _li_side("Li | LLZO | Li", "store 25C 168h air; polish 25C ar; anneal 500C 1h ar")
    hot, _ = _li_side("Li | LLZO | Li", "store 25C 168h air; anneal 950C 1h ar")
    assert air >= 200 and air >= 10 * argon
    assert cleaned == pytest.approx(argon) and hot == pytest.approx(argon)
    assert any(c.kind == "surface layer" for c in a.asr_budget.contributions)
    assert not any(c.kind == "surface layer" for c in b.asr_budget.contributions)
    assert b.surface_steps[-1].formed == ()  # an inert gas cannot add carbonate


def test_surface_layer_physics():
    air = Exposure(298.15, 168 * 3600, 0.0158, 4.2e-4)
    one = surface_layer([air], 60e-18 / 3600, 0.3, 0.01, 1e-6)
    two = surface_layer([air, air], 60e-18 / 3600, 0.3, 0.01, 1e-6)
    assert two.thickness_nm == pytest.approx(one.thickness_nm * math.sqrt(2))  # parabolic
    gone = surface_layer([air, Exposure(298.15, 0, 0, 0, removes=True)], 60e-18 / 3600, 0.3, 0.01, 1e-6)
    assert gone.thickness_nm == 0 and gone.asr_ohm_cm2 == 0
    with pytest.raises(UnitError):
        surface_layer([air], -1, 0.3, 0.01, 1e-6)


def test_voids_give_a_finite_resistance_that_falls_with_pressure():
    def voids(p):
        a = ssbkit.assess("LCO | LLZO | Li", pressure=p, current="0.5mA/cm2")
        return next(c.asr_start_ohm_cm2 for c in a.asr_budget.contributions if c.kind == "voids")

    low, high = voids("1MPa"), voids("10MPa")
    assert 0 < low <= 1000 and 0 < high < low


# --------------------------------------------------------------------- growth-rate grade of an MCI
def test_mixed_conducting_grade_follows_the_growth_rate():
    li_in = ssbkit.assess("TiS2 | LGPS | Li-In")
    li = ssbkit.assess("TiS2 | LGPS | Li")
    g_in = next(i for i in li_in.interfaces if i.interface.endswith("Li-In"))
    g_li = next(i for i in li.interfaces if i.interface.endswith("| Li"))
    assert g_in.verdict == "resistive" and g_li.verdict == "incompatible"
    assert g_in.asr_end_ohm_cm2 < g_li.asr_end_ohm_cm2 / 5
    # the layer is graded by the same growth as the interface that consumes it
    el = next(x for x in li_in.layers if x.name == "LGPS")
    assert el.verdict == "resistive" and any("at LGPS | Li-In adds" in r for r in el.reasons)
    # a longer life makes the same slow growth degrading (Shin et al. 2014: a resistance that keeps rising)
    long = ssbkit.assess("TiS2 | LGPS | Li-In", time="500h")
    assert next(i for i in long.interfaces if i.interface.endswith("Li-In")).verdict == "degrading"
    assert long.verdict == "degrading"


# -------------------------------------------------------------------------------------- impedance
def test_impedance_low_frequency_limit_is_the_budget_total():
    for stack in ("LCO | LiNbO3 | Li3PS4 | Li-In", "LCO | LLZO | Li"):
        a = ssbkit.assess(stack, pressure="1MPa", current="0.5mA/cm2")
        z = a.impedance
        assert len(z.frequencies_Hz) >= 50
        assert z.z_real_ohm_cm2[-1] == pytest.approx(a.asr_budget.total_start_ohm_cm2, rel=0.02)
        assert max(z.z_imag_ohm_cm2) <= 1e-9  # capacitive everywhere


def test_impedance_equals_impedance_py_and_a_fit_recovers_the_resistances():
    from impedance.models.circuits import CustomCircuit

    z = ssbkit.assess("LCO | LiNbO3 | Li3PS4 | Li-In").impedance
    els = z.elements
    circuit = "-".join(f"p(R{i},C{i})" for i in range(len(els)))
    f = np.array(z.frequencies_Hz)
    ours = np.array(z.z_real_ohm_cm2) + 1j * np.array(z.z_imag_ohm_cm2)
    guess = [x for e in els for x in (e["resistance_ohm_cm2"], e["capacitance_F_per_cm2"])]
    theirs = CustomCircuit(circuit, initial_guess=guess).predict(f, use_initial=True)
    assert np.allclose(theirs, ours, rtol=1e-9, atol=1e-9)
    R = np.array([e["resistance_ohm_cm2"] for e in els])
    fit = CustomCircuit(circuit, initial_guess=list(R * 1.5),
                        constants={f"C{i}": e["capacitance_F_per_cm2"] for i, e in enumerate(els)})
    fit.fit(f, ours, bounds=([0] * len(R), [np.inf] * len(R)))
    assert np.allclose(fit.parameters_, R, rtol=1e-3)


def test_frequency_ranges():
    assert parse_frequency_range("1mHz:10MHz") == (1e-3, 1e7)
    assert len(frequency_grid(1e-3, 1e7)) == 101
    for bad in ("10MHz:1mHz", "1Hz:1Hz", "1xHz:1MHz", "5", "-1Hz:1kHz"):
        with pytest.raises(UnitError):
            parse_frequency_range(bad)
    with pytest.raises(UnitError):
        spectrum([Element("x", -1.0, 1e-6)], [1.0])


def test_interlayers_are_judged_by_wetting_and_the_resistance_they_add():
    from ssbkit.interfaces.candidates import default_candidates
    from ssbkit.interfaces.coatings import screen_interlayers

    res = screen_interlayers(ssbkit.default_thermo(), "LLZO", default_candidates("anode"))
    rows = {r.name: r for r in res.rows}
    assert rows["Au"].li_wets is True and rows["Au"].asr_ohm_cm2 < 1  # alloys: lithiophilic, Li-alloy conductor
    assert rows["LiF"].asr_ohm_cm2 > 1000  # 10 nm at 1e-10 S/cm
    assert any(r.startswith("adds ") for r in rows["Au"].reasons)


def test_a_si_anode_is_judged_by_its_volume_change():
    a = ssbkit.assess("Si | Li6PS5Cl | Li")
    si = a.layers[0]
    assert si.verdict == "resistive" and any("+280 % to Li15Si4" in r for r in si.reasons)
    lto = ssbkit.assess("LTO | Li6PS5Cl | Li").layers[0]
    assert not any("cracking" in r for r in lto.reasons)


def test_an_interlayer_is_a_finite_reservoir():
    from ssbkit.physics import interphase_growth

    g = interphase_growth([0.0, 3.6e5, 3.6e6], 1e-6, classification="MCI", linear_rate_m_per_s=1e-12,
                          initial_thickness_m=2e-9, max_thickness_m=10e-9)
    assert [round(p["thickness_nm"], 6) for p in g.points] == [2.0, 10.0, 10.0]
    assert any("used up" in w for w in g.warnings)
    with pytest.raises(UnitError):
        interphase_growth([0.0], 1e-6, classification="MCI", linear_rate_m_per_s=1e-12, max_thickness_m=-1e-9)
    # interphases that consume an interlayer stop when together they have used it up, and the layer's own term
    # is what they leave of it (ssbkit.stack.consumption) ...
    a = ssbkit.assess("Li | MoS2 | LLZO | MoS2 | Li", time="1000h")
    grown = [c for c in a.asr_budget.contributions if c.kind == "interphase" and "MoS2" in c.name]
    assert grown and all("bounded by the MoS2 interlayer" in c.note for c in grown)
    assert all("stops when the MoS2 interlayer is used up" in c.note for c in grown)
    for c in grown:  # held from the time the layer ran out: the last two thicknesses equal
        assert c.thickness_nm[-1] == pytest.approx(c.thickness_nm[-2]) and c.thickness_nm[-1] > c.thickness_nm[0]
    own = [c for c in a.asr_budget.contributions if c.kind == "interlayer"]
    assert len(own) == 2 and all(c.law == "consumed" and c.asr_ohm_cm2[-1] == 0.0 < c.asr_ohm_cm2[0] for c in own)
    # ... and Li converts an interlayer it alloys with whole: its term is the lithiated layer, not counted twice
    au = ssbkit.assess("Li | Au | LLZO | Au | Li")
    assert not [c for c in au.asr_budget.contributions if c.name in ("interphase Li | Au", "interphase Au | Li")]
    assert [c for c in au.asr_budget.contributions if c.kind == "interlayer" and "sigma.li_alloy" in c.parameters]


def test_the_two_faces_of_a_symmetric_cell_grow_alike():
    """The drive of an interphase between two layers is the larger overstep of either's window, whichever side
    it is on: the mirror faces of Li | X | E | X | Li get the same drive and the same resistance at every time."""
    a = ssbkit.assess("Li | SnF2 | LLZTO | SnF2 | Li", time="1000h")
    faces = [c for c in a.asr_budget.contributions if c.kind == "interphase" and "SnF2" in c.name
             and "Li |" not in c.name and "| Li" not in c.name]
    assert len(faces) == 2
    assert faces[0].asr_ohm_cm2 == pytest.approx(faces[1].asr_ohm_cm2, rel=1e-9)
    drives = {c.equation.split("dE = ")[1].split(" V")[0] for c in faces}
    assert len(drives) == 1 and float(drives.pop()) > 1.0  # SnF2's own reduction limit, not the garnet's



def test_li_metal_fills_a_graphite_interlayer():
    """Graphite lithiates at about 0.1 V vs Li (a few meV per atom, about 0.1 eV per Li): a graphite interlayer
    against Li metal is LiC12/LiC6, a mixed conductor, not an insulating carbon film (Wang et al. 2020 Table 1,
    rows 17-19: <20 and 11 ohm cm2); Li2CO3, whose reduction leaves a little LiC12 in Li2O, is not taken so."""
    from ssbkit.materials import is_lithiated_graphite

    assert is_lithiated_graphite("LiC6") and is_lithiated_graphite("LiC12") and not is_lithiated_graphite("Li2C2")
    c = ssbkit.assess("Li | C | LLZO | C | Li", process="polish 25C; attach 210C 30min")
    layer = [x for x in c.asr_budget.contributions if x.kind == "interlayer"]
    assert layer and all("sigma.lithiated_graphite" in x.parameters and x.asr_start_ohm_cm2 < 5 for x in layer)
    carb = ssbkit.assess("LCO | LLZO | Li2CO3 | Li")
    li2co3 = next(x for x in carb.asr_budget.contributions if x.kind == "interlayer")
    assert "sigma.lithiated_graphite" not in li2co3.parameters and li2co3.asr_start_ohm_cm2 > 50


def test_a_chemical_interphase_that_needs_cations_from_both_sides_is_as_thick_as_the_processing_let_it_grow():
    from ssbkit.stack.cation_transport import cation_limit, crossing_products

    assert crossing_products("Al2O3", "Li7La3Zr2O12", ["LiAlO2", "La2Zr2O7", "La4Al2O9"]) == ["La4Al2O9"]
    assert crossing_products("Li2S", "Li7La3Zr2O12", ["Li2O"]) == []

    def term(process):
        a = ssbkit.assess("Li | Al2O3 | LLZO | Al2O3 | Li", process=process)
        return next(c for c in a.asr_budget.contributions if c.name == "interphase Al2O3 | LLZO")

    attached = term("polish 25C; attach 250C 1h")  # cations move < 0.1 nm at 250 C in an hour
    assert attached.thickness_nm[0] < 0.1 and attached.law == "constant"
    assert "needs cations from both sides (La4Al2O9)" in attached.note
    sintered = term("sinter 700C 1h ar; attach 250C 1h")  # about 100 nm at 700 C: the default 2 nm holds
    assert sintered.thickness_nm[0] == pytest.approx(2.0)
    bare = term(None)  # no history: the default thickness, and no growth in operation (cations do not cross at 25 C)
    assert bare.thickness_nm[0] == pytest.approx(2.0) and bare.law == "constant" and "does not grow" in bare.note
    lfp = next(c for c in ssbkit.assess("LFP | LLZO | Li", time="500h").asr_budget.contributions
               if c.name == "interphase LFP | LLZO")  # LaPO4 takes La from the garnet and P from the cathode
    assert lfp.law == "constant" and lfp.asr_ohm_cm2[-1] == lfp.asr_ohm_cm2[0] and "LaPO4" in lfp.note
    # sulfides exchange at room temperature: no limit
    from ssbkit.stack.process import parse_process

    assert cation_limit("LiCoO2", "Li3PS4", ["CoS2", "Li3PO4", "Co3O4"], parse_process("attach 25C")) is None


def test_an_insulating_coating_and_a_sulfide_form_no_mixed_layer_at_room_temperature():
    """Nishio et al. (ACS Appl. Mater. Interfaces 2022): the mixed layer forms on contact between LiCoO2 and
    Li3PS4 and a 10 nm Li3PO4 buffer stops it. Between two electronic insulators (a coating and a sulfide) the
    anion exchange the hull predicts needs atoms to cross: held like the cation rule, and a sulfide cell that is
    given no history was pressed cold."""
    from ssbkit.stack.cation_transport import cation_limit
    from ssbkit.stack.process import parse_process

    products = ["Li2S", "ZrO2", "Li3PO4", "Li4GeS4"]
    cold = cation_limit("Li2ZrO3", "Li10GeP2S12", products, (), electron_source=False)
    assert cold is not None and cold.length_m is not None and cold.length_m < 1e-10 and "pressed" in cold.note
    hot = cation_limit("Li2ZrO3", "Li10GeP2S12", products, parse_process("anneal 700C 1h ar"), electron_source=False)
    assert hot is not None and hot.length_m > 1e-8  # a history that heats it lets it form
    # with an electron source (the cathode itself) the sulfide still exchanges at room temperature
    assert cation_limit("Li2ZrO3", "Li10GeP2S12", products, (), electron_source=True) is None
    # two soft-anion sides (a halide against a sulfide) keep their room-temperature exchange
    assert cation_limit("Li3InCl6", "Li6PS5Cl", ["In2S3", "LiCl", "Li3PS4"], (), electron_source=False) is None
    a = ssbkit.assess("NCA | Li2ZrO3 | LGPS | Li-In")
    face = next(c for c in a.asr_budget.contributions if c.name == "interphase Li2ZrO3 | LGPS")
    assert face.asr_start_ohm_cm2 < 0.01 and face.law == "constant"
    bare = ssbkit.assess("NCA | LGPS | Li-In")
    assert any(c.kind == "interphase" and c.name == "interphase NCA | LGPS" and c.asr_start_ohm_cm2 > 1
               for c in bare.asr_budget.contributions)  # the bare cathode's interdiffusion layer stays


def test_an_oxide_interphase_that_needs_the_other_sides_oxygen_does_not_grow_at_room_temperature():
    """By mass balance NMC811 + LiNbO3 + Li -> Li3NbO4 + NiO + Li2MnO3 + LiCoO2 needs oxygen from the cathode in
    the niobate (4 O per Nb against 3): at 25 C oxide ions do not cross, so the interphase keeps its default
    thickness and does not use up the coating (it did, within 100 h, by the parabolic law)."""
    from ssbkit.stack.cation_transport import crossing_products
    from ssbkit.thermo.reaction import Reaction

    nmc, products = "LiNi0.8Co0.1Mn0.1O2", ["Li3NbO4", "NiO", "Li2MnO3", "LiCoO2"]
    r = Reaction.from_terms([(1, nmc), (0.7, "LiNbO3"), (0.7, "Li")],
                            [(0.7, "Li3NbO4"), (0.8, "NiO"), (0.1, "Li2MnO3"), (0.1, "LiCoO2")])
    assert crossing_products(nmc, "LiNbO3", products) == []  # no product holds cations of both sides
    assert crossing_products(nmc, "LiNbO3", products, r) == ["Li3NbO4"]
    # products each side makes from what it gives: nothing crosses
    own = Reaction.from_terms([(1, "LiCoO2"), (1, "LiNbO3")], [(1, "LiCoO2"), (1, "LiNbO3")])
    assert crossing_products("LiCoO2", "LiNbO3", ["LiCoO2", "LiNbO3"], own) == []
    a = ssbkit.assess("NMC811 | LiNbO3 | LPSCl | Li", voltage="2.5:4.3", time="500h")
    face = next(c for c in a.asr_budget.contributions if c.name.startswith("interphase") and "| LiNbO3" in c.name)
    coat = next(c for c in a.asr_budget.contributions if c.kind == "coating")
    assert face.law == "constant" and "atoms other than Li" in face.note and "Li3NbO4" in face.note
    assert coat.asr_ohm_cm2[-1] == pytest.approx(coat.asr_ohm_cm2[0]) and coat.asr_ohm_cm2[-1] > 0
    why = next(i for i in a.interfaces if i.interface.endswith("| LiNbO3")).reasons[0]
    assert "does not grow at the cell's temperature" in why and "Li3NbO4" in why


def test_an_interphase_uses_its_share_of_the_layer():
    """Mass balance (ssbkit.stack.consumption): the share of an interphase made from a layer is the reactant's
    volume over the products'; interphases at two faces stop together when the layer is used up; a coating's term
    is what they leave of it, at its own conductivity."""
    from types import SimpleNamespace as NS

    from ssbkit.stack.consumption import _stopped
    from ssbkit.stack.interphase_volume import consumed_share

    class Table:  # volume per atom: 10 A^3 for every phase but MoS2 (5)
        def lookup(self, comp):
            return (5.0 if set(comp) == {"Mo", "S"} else 10.0), None, False

    rx = NS(reactants=(NS(formula="MoS2", amount=1.0), NS(formula="Li", amount=4.0)),
            products=(NS(formula="Mo", amount=1.0), NS(formula="Li2S", amount=2.0)))
    assert consumed_share(rx, "MoS2", Table()) == pytest.approx(15.0 / 70.0)  # 3 atoms x 5 over 7 atoms x 10
    assert consumed_share(rx, "LiNbO3", Table()) == 0.0  # not a reactant: not consumed
    assert consumed_share(None, "MoS2", Table()) is None
    # two faces using 0.5 and 0.25 of their thickness, 10 nm of layer: run out where 0.5 L1 + 0.25 L2 = 10
    held = _stopped(10.0, [(0.5, [2.0, 8.0, 20.0, 40.0]), (0.25, [2.0, 4.0, 8.0, 16.0])])
    assert held[0][:2] == [2.0, 8.0] and held[1][:2] == [2.0, 4.0]
    assert 0.5 * held[0][2] + 0.25 * held[1][2] == pytest.approx(10.0) and held[0][3] == held[0][2]
    assert _stopped(10.0, [(0.5, [2.0, 4.0])]) == [[2.0, 4.0]]  # never used up: unchanged
    # in a cell: the LTO coating of Zheng et al. 2021 Table 4 row 4 loses to its two interphases what they take
    a = ssbkit.assess("LiCoO2 | Li4Ti5O12 | *Li3.25Ge0.25P0.75S4 | Li-In")
    coat = next(c for c in a.asr_budget.contributions if c.name == "coating Li4Ti5O12")
    assert coat.law == "consumed" and coat.thickness_nm[0] < 5.0 and "of its 5 nm" in coat.note
    assert coat.asr_ohm_cm2[0] == pytest.approx(coat.thickness_nm[0] * 1e-7 / coat.conductivity_S_per_cm, rel=1e-9)
    graded = next(x for x in a.layers if x.role == "coating")  # graded on what it adds at the start, and says so
    assert any(r.startswith(f"the coating itself adds {coat.asr_ohm_cm2[0]:.3g} ohm cm2 at t = 0") for r in graded.reasons)
