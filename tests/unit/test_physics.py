"""Unit tests of ssbkit.physics: every number the reviews state, limits and invalid input."""

from __future__ import annotations

import itertools
import json
import math

import pytest

from ssbkit.errors import SsbkitError, UnitError
from ssbkit.physics import (
    arrhenius_conductivity,
    asr_vs_pressure,
    brick_layer_conductivity,
    ccd_arrhenius,
    composite_cathode,
    composite_cathode_optimum,
    constriction_resistance,
    contact_angle,
    current_focusing,
    dendrite_growth_driving_force,
    fit_arrhenius,
    gem_conductivity,
    growth_law_for,
    interphase_growth,
    monroe_newman,
    raj_wolfenstine_nucleation,
    void_limit,
    volume_change_stress,
    work_of_adhesion,
)
from ssbkit.physics._base import LI_ATOMIC_VOLUME_M3

SIGMA_LLZO = 3e-4 * 100.0  # 3e-4 S/cm in S/m
H_LI = 5e6


def _common_keys(d: dict) -> None:
    assert d["model"]
    for k in ("equation", "citation", "inputs", "warnings"):
        assert k in d
    assert "Wang et al., Adv. Energy Mater. 2020" in d["citation"] or "Zheng et al., Batteries & Supercaps 2021" in d["citation"]
    json.dumps(d)  # serialisable


# ------------------------------------------------------------------------------------------ contact (Eq. 1)

def test_constriction_value_400MPa_reported(capsys):
    r = constriction_resistance(SIGMA_LLZO, H_LI, pressure_Pa=400e6, area_m2=1e-4)
    expected = 1 / (2 * SIGMA_LLZO) * math.sqrt(math.pi * H_LI / 4e4)
    assert r.resistance_ohm == pytest.approx(expected)
    assert r.resistance_ohm == pytest.approx(330.28, rel=1e-4)
    assert r.asr_ohm_cm2 == pytest.approx(330.28, rel=1e-4)
    # 400 MPa >> H_Li = 5 MPa: F/(H A) = 80, Eq. (1) is outside its validity
    assert r.real_to_apparent_area_ratio == pytest.approx(80.0)
    assert r.applicable is False
    assert any("no longer applies" in w for w in r.warnings)
    with capsys.disabled():
        print(f"\n[Wang et al., Adv. Energy Mater. 2020, Eq. 1] sigma=3e-4 S/cm, H_Li=5 MPa, 400 MPa over 1 cm2: R_int = {r.resistance_ohm:.1f} ohm, "
              f"ASR = {r.asr_ohm_cm2:.1f} ohm cm2 (review: 'nearly zero'; Table 1 ref. [57]: <1 ohm cm2); "
              f"F/(H A) = {r.real_to_apparent_area_ratio:.0f} -> Eq. 1 not applicable")
    _common_keys(r.to_dict())


def test_constriction_falls_as_inverse_sqrt_force():
    forces = [0.1, 1.0, 10.0, 100.0, 1000.0]
    rs = [constriction_resistance(SIGMA_LLZO, H_LI, force_N=f).resistance_ohm for f in forces]
    xs, ys = [math.log(f) for f in forces], [math.log(r) for r in rs]
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
    assert slope == pytest.approx(-0.5, abs=1e-12)


def test_constriction_asr_vs_pressure_and_validity_flag():
    res = asr_vs_pressure(SIGMA_LLZO, [0.5e6, 2e6, 4.9e6, 5e6, 50e6], area_m2=1e-4)
    asr = [r.asr_ohm_cm2 for r in res]
    assert all(a > b for a, b in zip(asr, asr[1:]))
    assert [r.applicable for r in res] == [True, True, True, False, False]
    assert asr[0] / asr[1] == pytest.approx(2.0)  # 4x pressure -> half the ASR


def test_constriction_with_crowding_falls_continuously_to_zero_at_full_contact():
    """Spots sharing current lines (psi = (1 - sqrt(p/H))^1.5): Eq. (1) while contact is sparse, zero when
    p reaches H, never negative or flagged above it (Wang et al. 2020 Fig. 4H: 'nearly zero under 400 MPa')."""
    H, area, n = 400e6, 1e-4, 10**6
    ps = [0.1e6, 1e6, 10e6, 100e6, 150e6, 300e6, 399e6, 400e6, 800e6]
    res = [constriction_resistance(SIGMA_LLZO, H, pressure_Pa=p, area_m2=area, n_contact_spots=n, crowding=True)
           for p in ps]
    asr = [r.asr_ohm_cm2 for r in res]
    assert all(a > b for a, b in itertools.pairwise(asr[:7]))
    assert asr[-2] == asr[-1] == 0.0 and all(r.applicable for r in res)
    plain = constriction_resistance(SIGMA_LLZO, H, pressure_Pa=150e6, area_m2=area, n_contact_spots=n)
    assert res[4].resistance_ohm == pytest.approx(plain.resistance_ohm * (1 - math.sqrt(150 / 400)) ** 1.5)
    assert res[0].crowding_factor == pytest.approx((1 - math.sqrt(0.1 / 400)) ** 1.5) and plain.crowding_factor is None
    assert asr[6] < 1e-3 * asr[4]  # continuous: no jump at p = H
    assert any("contact is complete" in w for w in res[-1].warnings)
    with pytest.raises(UnitError, match="area"):
        constriction_resistance(SIGMA_LLZO, H, force_N=10.0, crowding=True)


def test_constriction_multiple_spots_and_units():
    one = constriction_resistance(SIGMA_LLZO, H_LI, force_N=10.0)
    four = constriction_resistance(SIGMA_LLZO, H_LI, force_N=10.0, n_contact_spots=4)
    assert four.resistance_ohm == pytest.approx(one.resistance_ohm / 2)
    assert one.asr_ohm_cm2 is None


@pytest.mark.parametrize("kwargs", [
    dict(conductivity_S_per_m=-0.03, force_N=10.0),
    dict(conductivity_S_per_m=0.0, force_N=10.0),
    dict(conductivity_S_per_m=0.03, force_N=0.0),
    dict(conductivity_S_per_m=0.03, force_N=-1.0),
    dict(conductivity_S_per_m=0.03, pressure_Pa=1e6),  # no area
    dict(conductivity_S_per_m=0.03),  # no load
    dict(conductivity_S_per_m=0.03, force_N=1.0, pressure_Pa=1e6, area_m2=1e-4),
    dict(conductivity_S_per_m=0.03, force_N=1.0, hardness_Pa=-5e6),
])
def test_constriction_invalid(kwargs):
    with pytest.raises(UnitError) as ei:
        constriction_resistance(**kwargs)
    assert "\n" not in str(ei.value)


# ------------------------------------------------------------------------------------------ wetting

@pytest.mark.parametrize("w_ad, review_angle", [(0.10, 142.0), (0.67, 62.0)])
def test_contact_angles_reproduce_wang2020(w_ad, review_angle, capsys):
    r = contact_angle(w_ad)
    assert abs(r.contact_angle_deg - review_angle) <= 3.0
    with capsys.disabled():
        print(f"\n[Wang et al., Adv. Energy Mater. 2020, sec. 2.2] W_ad = {w_ad} J/m2 -> {r.contact_angle_deg:.1f} deg (review: {review_angle:.0f} deg)")
    d = r.to_dict()
    assert d["contact_angle_deg"] == r.contact_angle_deg
    _common_keys(d)


def test_wetting_inverse_roundtrip_and_limits():
    for theta in (0.0, 30.0, 62.0, 95.0, 125.0, 142.0, 180.0):
        w = work_of_adhesion(theta).work_of_adhesion_J_per_m2
        assert contact_angle(w).contact_angle_deg == pytest.approx(theta, abs=1e-6)
    full = contact_angle(1.5)
    assert full.contact_angle_deg == 0.0 and full.wetting == "complete" and full.warnings
    none = contact_angle(0.0)
    assert none.contact_angle_deg == 180.0 and none.warnings
    with pytest.raises(UnitError):
        contact_angle(-0.1)
    with pytest.raises(UnitError):
        contact_angle(0.5, surface_energy_J_per_m2=0.0)
    with pytest.raises(UnitError):
        work_of_adhesion(190.0)


# ------------------------------------------------------------------------------------------ voids

def test_void_limit_order_of_magnitude_and_verdict():
    r = void_limit(298.15, 0.0, 10.0)  # 1 mA/cm2 at 25 C, no pressure
    assert 0.05 < r.limiting_current_density_mA_per_cm2 < 0.3  # ref. [57]: about 0.1 mA/cm2
    assert r.voids_form is True
    low = void_limit(298.15, 0.0, 0.5)  # 0.05 mA/cm2
    assert low.voids_form is False
    _common_keys(r.to_dict())


def test_void_limit_rises_with_temperature_and_pressure():
    base = void_limit(298.15, 5e6).limiting_current_density_mA_per_cm2
    assert void_limit(333.15, 5e6).limiting_current_density_mA_per_cm2 > base
    assert void_limit(298.15, 400e6).limiting_current_density_mA_per_cm2 > base
    # seed 2 sec. 2.4: GPa pressures for ~10 mA/cm2
    assert void_limit(298.15, 1e9).limiting_current_density_mA_per_cm2 == pytest.approx(10.1, abs=0.1)


def test_void_limit_diffusivity_inputs():
    a = void_limit(298.15, 0.0, self_diffusivity_m2_per_s=1e-14)
    b = void_limit(298.15, 0.0, vacancy_diffusivity_m2_per_s=1e-14 / (0.727 * 1e-4), vacancy_site_fraction=1e-4)
    assert a.limiting_current_density_A_per_m2 == pytest.approx(b.limiting_current_density_A_per_m2)
    assert any("melting" in w for w in void_limit(460.0, 0.0).warnings)


@pytest.mark.parametrize("args, kwargs", [((-1.0,), {}), ((0.0,), {}), ((298.15, -1e6), {}),
                                          ((298.15, 0.0, -1.0), {}),
                                          ((298.15,), {"vacancy_diffusivity_m2_per_s": 1e-10})])
def test_void_limit_invalid(args, kwargs):
    with pytest.raises(SsbkitError):
        void_limit(*args, **kwargs)


# ------------------------------------------------------------------------------------------ dendrites

def test_monroe_newman_garnet():
    r = monroe_newman(60e9)
    assert r.suppresses_dendrites and r.modulus_ratio == pytest.approx(60 / 4.2)
    assert not monroe_newman(5e9).suppresses_dendrites
    with pytest.raises(UnitError):
        monroe_newman(-1.0)


def test_raj_wolfenstine_both_sides_and_ccd():
    rho, d = 1 / SIGMA_LLZO, 10e-6
    r = raj_wolfenstine_nucleation(rho, d, current_density_A_per_m2=10.0)
    e = 1.602176634e-19
    assert r.driving_force_eV == pytest.approx(10.0 * rho * d)  # j rho d in V == eV per Li
    assert r.opposing_force_eV == pytest.approx((2 * 0.5 * LI_ATOMIC_VOLUME_M3 / 10e-9 + 100e6 * LI_ATOMIC_VOLUME_M3) / e)
    # at the critical current density both sides are equal
    jc = r.critical_current_density_A_per_m2
    at_c = raj_wolfenstine_nucleation(rho, d, current_density_A_per_m2=jc)
    assert at_c.driving_force_eV == pytest.approx(at_c.opposing_force_eV)
    assert raj_wolfenstine_nucleation(rho, d, current_density_A_per_m2=1.01 * jc).nucleates is True
    assert raj_wolfenstine_nucleation(rho, d, current_density_A_per_m2=0.99 * jc).nucleates is False
    # alpha shrinks the driving force
    assert raj_wolfenstine_nucleation(rho, d, alpha=0.5).critical_current_density_A_per_m2 == pytest.approx(2 * jc)
    with pytest.raises(UnitError):
        raj_wolfenstine_nucleation(rho, d, alpha=1.0)


def test_current_focusing_and_growth_driving_force_units():
    assert current_focusing(10.0, 10e-6, 1e-6) == pytest.approx(100.0)
    r = dendrite_growth_driving_force(5.0, 10e-4, 10e-6, 1e-6, 100e6)
    # |e| k j h/w in eV = k j h/w in V = 1e-3 * 5 * 10 = 0.05 eV
    assert r.electrochemical_term_eV == pytest.approx(0.05)
    assert r.mechanical_term_eV == pytest.approx(100e6 * LI_ATOMIC_VOLUME_M3 / 1.602176634e-19)
    assert r.grows
    at = dendrite_growth_driving_force(r.critical_current_density_mA_per_cm2 * 10, 10e-4, 10e-6, 1e-6, 100e6)
    assert at.driving_force_eV == pytest.approx(0.0, abs=1e-12)


def test_ccd_fit_passes_through_sharafi_points(capsys):
    from ssbkit.literature.joins import ccd_points

    # the knowledge base's LLZO CCDs with a temperature (Sharafi et al. 2016: 0.05 mA/cm2 at 30 C, 14 at 160 C)
    pts = sorted((p.temperature_K, p.ccd_mA_per_cm2 * 10.0) for p in ccd_points("LLZO")
                 if p.temperature_K is not None and not p.qualifier and p.match == "exact")
    assert [round(t - 273.15) for t, _ in pts] == [30, 160]
    Ts, js = zip(*pts)
    fit = ccd_arrhenius(Ts, js, predict_at_K=[298.15, 333.15])
    for p, j in zip(fit.points, js):
        assert p["fitted_ccd_mA_per_cm2"] == pytest.approx(j / 10.0, rel=1e-9)
    assert fit.predict_mA_per_cm2(303.15) == pytest.approx(0.05, rel=1e-9)
    assert fit.predict_mA_per_cm2(433.15) == pytest.approx(14.0, rel=1e-9)
    k = 8.617333262e-5
    assert fit.activation_energy_eV == pytest.approx(k * math.log(280) / (1 / 303.15 - 1 / 433.15))
    assert fit.activation_energy_eV == pytest.approx(0.4905, abs=1e-3)
    with capsys.disabled():
        print(f"\n[Wang et al., Adv. Energy Mater. 2020, ref. 59] CCD 50 uA/cm2 @30 C -> 14 mA/cm2 @160 C: Ea = {fit.activation_energy_eV:.4f} eV; "
              f"CCD(25 C) = {fit.predictions[0]['ccd_mA_per_cm2']:.4f} mA/cm2")
    _common_keys(fit.to_dict())


def test_ccd_least_squares_three_points_and_errors():
    k = 8.617333262e-5
    Ts = [300.0, 350.0, 400.0]
    ys = [2.0 * math.exp(-0.4 / (k * T)) for T in Ts]
    fit = ccd_arrhenius(Ts, ys)
    assert fit.activation_energy_eV == pytest.approx(0.4)
    with pytest.raises(UnitError):
        ccd_arrhenius([300.0], [1.0])
    with pytest.raises(UnitError):
        ccd_arrhenius([300.0, 300.0], [1.0, 2.0])
    with pytest.raises(UnitError):
        ccd_arrhenius([300.0, -5.0], [1.0, 2.0])
    with pytest.raises(UnitError):
        ccd_arrhenius([300.0, 350.0], [1.0, 0.0])


# ------------------------------------------------------------------------------------------ growth

def test_growth_laws_from_classification():
    assert growth_law_for("SEI") == ("SEI", "parabolic")
    assert growth_law_for("mci") == ("MCI", "linear")
    assert growth_law_for("stable") == ("stable", "none")
    assert growth_law_for(electronically_conducting=True) == ("MCI", "linear")
    assert growth_law_for(electronically_conducting=False) == ("SEI", "parabolic")
    with pytest.raises(UnitError):
        growth_law_for("SEI", electronically_conducting=True)
    with pytest.raises(UnitError):
        growth_law_for("bogus")
    with pytest.raises(UnitError):
        growth_law_for()


def test_growth_parabolic_linear_and_resistance():
    t = [0.0, 100.0, 400.0]
    sei = interphase_growth(t, 1e-6, classification="SEI", parabolic_rate_m2_per_s=1e-18)
    L = [p["thickness_nm"] for p in sei.points]
    assert L[2] == pytest.approx(2 * L[1])  # sqrt(t)
    assert sei.points[1]["asr_ohm_cm2"] == pytest.approx(1e-8 / 1e-6 * 1e4)
    mci = interphase_growth(t, 1e-6, electronically_conducting=True, linear_rate_m_per_s=1e-10)
    L = [p["thickness_nm"] for p in mci.points]
    assert L[2] == pytest.approx(4 * L[1])  # t
    stable = interphase_growth(t, 1e-6, classification="stable", initial_thickness_m=6e-9)
    assert all(p["thickness_nm"] == pytest.approx(6.0) for p in stable.points)
    with pytest.raises(UnitError):
        interphase_growth(t, 1e-6, classification="SEI")  # no rate
    with pytest.raises(UnitError):
        interphase_growth([-1.0], 1e-6, classification="stable")
    with pytest.raises(UnitError):
        interphase_growth(t, -1e-6, classification="stable")
    _common_keys(sei.to_dict())


# ------------------------------------------------------------------------------------------ transport

def test_arrhenius_forms_and_fit():
    r = arrhenius_conductivity(0.03, 0.3, 298.15)
    assert r.conductivity_S_per_m == pytest.approx(0.03)
    hot = arrhenius_conductivity(0.03, 0.3, 333.15)
    k = 8.617333262e-5
    assert hot.ratio_to_reference == pytest.approx(math.exp(-0.3 / k * (1 / 333.15 - 1 / 298.15)))
    st = arrhenius_conductivity(0.03, 0.3, 333.15, form="sigma_T")
    assert st.conductivity_S_per_m == pytest.approx(hot.conductivity_S_per_m * 298.15 / 333.15)
    fit = fit_arrhenius([298.15, 333.15], [0.03, hot.conductivity_S_per_m])
    assert fit.activation_energy_eV == pytest.approx(0.3)
    fit_t = fit_arrhenius([298.15, 333.15], [0.03, st.conductivity_S_per_m], form="sigma_T")
    assert fit_t.activation_energy_eV == pytest.approx(0.3)
    for bad in (dict(temperature_K=0.0), dict(temperature_K=-10.0)):
        with pytest.raises(UnitError):
            arrhenius_conductivity(0.03, 0.3, **bad)
    with pytest.raises(UnitError):
        arrhenius_conductivity(-0.03, 0.3, 300.0)
    with pytest.raises(UnitError):
        arrhenius_conductivity(0.03, 0.3, 300.0, form="weird")


def test_brick_layer_series():
    r = brick_layer_conductivity(1e-1, 1e-4, 5e-9, 1e-6)
    assert 1 / r.total_conductivity_S_per_m == pytest.approx(1 / 1e-1 + (5e-9 / 1e-6) / 1e-4)
    assert 0 < r.grain_boundary_resistance_fraction < 1
    with pytest.raises(UnitError):
        brick_layer_conductivity(1e-1, 0.0, 5e-9, 1e-6)


# ------------------------------------------------------------------------------------------ percolation

def test_percolation_optimum_inside_reported_range(capsys):
    r = composite_cathode_optimum()
    assert 69.0 <= r.optimum_active_material_vol_percent <= 79.0
    assert r.inside_reported_range
    assert r.optimum_active_material_vol_percent == pytest.approx(100 * (1 + 0.55 - 0.10) / 2, abs=0.05)
    with capsys.disabled():
        print(f"\n[Wang et al., Adv. Energy Mater. 2020, ref. 116] percolation optimum {r.optimum_active_material_vol_percent:.1f} vol% AM "
              f"(80 % band {r.near_optimal_range_vol_percent[0]:.1f}-{r.near_optimal_range_vol_percent[1]:.1f}; "
              "review: 69-79 vol%)")
    _common_keys(r.to_dict())


def test_gem_limits_and_composite():
    # insulating partner: percolation power law
    assert gem_conductivity(0.7, 1.0, 0.0, 0.25, 2.0) == pytest.approx(((0.7 - 0.25) / 0.75) ** 2)
    assert gem_conductivity(0.2, 1.0, 0.0, 0.25, 2.0) == 0.0
    # finite partner: between the two, above the insulating-partner value, continuous as sigma_l -> 0
    v = gem_conductivity(0.7, 1.0, 1e-3, 0.25, 2.0)
    assert ((0.7 - 0.25) / 0.75) ** 2 < v < 1.0
    assert gem_conductivity(0.7, 1.0, 1e-12, 0.25, 2.0) == pytest.approx(((0.7 - 0.25) / 0.75) ** 2, rel=1e-4)
    c = composite_cathode(0.3)
    assert c.electronic_normalised == 0.0 and c.warnings
    with pytest.raises(UnitError):
        composite_cathode(1.2)
    with pytest.raises(UnitError):
        composite_cathode_optimum(threshold_am=0.6, threshold_se=0.5)


# ------------------------------------------------------------------------------------------ mechanics

def test_volume_change_strain_and_stress():
    from ssbkit.physics.cracking import cracking

    r = volume_change_stress(0.02, 20e9, 0.26, fracture_strength_Pa=50e6)
    eps = 1.02 ** (1 / 3) - 1
    assert r.linear_strain == pytest.approx(eps)
    assert r.constrained_stress_MPa == pytest.approx(20e9 * eps / 0.74 / 1e6)
    G = 20e9 / (2 * 1.26)
    K = 180e9 / (3 * (1 - 2 * 0.25))  # the default particle, mechanics.cathode_young_modulus
    assert r.inclusion_pressure_MPa == pytest.approx(12 * K * G * eps / (3 * K + 4 * G) / 1e6)
    # the largest tension is the corner's in the confined composite (physics cracking), not the sphere's hoop p/2
    assert r.max_tensile_stress_MPa == pytest.approx(cracking(0.02, 20e9, 0.26).corner_tension_MPa)
    assert r.exceeds_fracture_strength is True
    # Bucci et al. (Wang et al. 2020 §3.4): less tension in electrolytes whose stiffness nears the particle's
    tension = [volume_change_stress(0.05, e, 0.26).max_tensile_stress_MPa for e in (30e9, 60e9, 100e9, 150e9)]
    assert tension == sorted(tension, reverse=True) and tension[0] > 5 * tension[2]
    soft = volume_change_stress(0.02, 150e9, 0.26, active_bulk_modulus_Pa=100e9)
    assert soft.inclusion_pressure_MPa < r.inclusion_pressure_MPa * 150 / 20
    shrink = volume_change_stress(-0.05)
    assert shrink.linear_strain < 0 and shrink.max_tensile_stress_MPa > 0 and "radial" in shrink.tensile_mode
    with pytest.raises(UnitError):
        volume_change_stress(-1.0)
    with pytest.raises(UnitError):
        volume_change_stress(0.02, electrolyte_poisson_ratio=0.6)
