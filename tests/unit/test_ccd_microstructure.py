"""CCD from microstructure (ssbkit.physics.ccd_microstructure): the trends Wang et al., Adv. Energy Mater. 2020
§2.5.2 states ("intimate Li/SE interface, well-sintered SEs with less connected pores, high ionic conductivity,
and low electronic conductivity should be helpful"), the closed forms, bad input, and the cross-check in
``assess`` beside the family's reported CCDs."""

from __future__ import annotations

import math

import pytest

from ssbkit.errors import UnitError
from ssbkit.physics._base import ELEMENTARY_CHARGE_C, LI_ATOMIC_VOLUME_M3
from ssbkit.physics.ccd_microstructure import ccd_microstructure

BASE = dict(ionic_conductivity_S_per_m=0.05, interface_asr_ohm_m2=2e-4)  # 5e-4 S/cm, 2 ohm cm2


def ccd(**kw):
    return ccd_microstructure(**{**BASE, **kw})


def test_root_growth_closed_form():
    r = ccd(porosity=0.0, flaw_depth_m=10e-6, fracture_toughness_Pa_m05=1.25e6)
    sigma_f = 1.25e6 / (1.12 * math.sqrt(math.pi * 10e-6))
    j = sigma_f * LI_ATOMIC_VOLUME_M3 / (ELEMENTARY_CHARGE_C * 2e-4 * 10)  # A/m2, h/w = 10
    assert r.root_growth_mA_per_cm2 == pytest.approx(j / 10)
    assert r.ccd_mA_per_cm2 == min(r.root_growth_mA_per_cm2, r.grain_boundary_mA_per_cm2, r.bulk_plating_mA_per_cm2)
    assert 0.1 < r.ccd_mA_per_cm2 < 10  # the order garnets show at room temperature (Wang et al. 2020 §2.5.2)


def test_pores_flaws_and_interface_lower_it():
    por = [ccd(porosity=p).ccd_mA_per_cm2 for p in (0.0, 0.03, 0.06, 0.075, 0.1, 0.2)]
    assert por == sorted(por, reverse=True)
    assert por[0] > 5 * por[4]  # connected pores (beyond ~8 %) carry Li through (ref. [108])
    assert ccd(porosity=0.1).pores_connected and not ccd(porosity=0.03).pores_connected
    flaws = [ccd(flaw_depth_m=c).ccd_mA_per_cm2 for c in (1e-6, 10e-6, 50e-6)]
    assert flaws == sorted(flaws, reverse=True)
    # an intimate interface (an interlayer that wets, a clean surface) raises it: CCD ~ 1 / k_int
    k = [ccd(interface_asr_ohm_m2=a).ccd_mA_per_cm2 for a in (1e-4, 1e-3, 1e-2)]
    assert k[0] == pytest.approx(10 * k[1]) and k[1] == pytest.approx(10 * k[2])
    assert ccd(fracture_toughness_Pa_m05=0.23e6).ccd_mA_per_cm2 < ccd().ccd_mA_per_cm2


def test_electronic_conductivity_lowers_it():
    """Han et al. (ref. [88]): electrons leaking into the electrolyte plate Li inside it."""
    vals = [ccd(electronic_conductivity_S_per_m=s) for s in (0.0, 1e-6, 1e-4, 1e-3, 1e-2)]
    c = [v.ccd_mA_per_cm2 for v in vals]
    assert c == sorted(c, reverse=True) and c[0] > 10 * c[-1]
    assert vals[0].bulk_plating_mA_per_cm2 is None and vals[-1].limited_by.startswith("plating inside")


def test_grain_size_and_grain_boundaries():
    """Raj and Wolfenstine (Eq. 3) and the grain-boundary volume internal Li must line: finer grains and more
    conductive grain boundaries raise the CCD (Ren et al., Cheng et al., refs. [107], [111]; Sharafi et al.,
    ref. [110], saw the reverse: docs/mechanics.md)."""
    leaky = dict(electronic_conductivity_S_per_m=1e-2)
    g = [ccd(grain_size_m=d, **leaky).ccd_mA_per_cm2 for d in (1e-6, 5e-6, 20e-6)]
    assert g == sorted(g, reverse=True) and g[0] > g[-1]
    gb = [ccd(grain_boundary_conductivity_ratio=x).grain_boundary_mA_per_cm2 for x in (1e-4, 1e-2, 1.0)]
    assert gb == sorted(gb)


@pytest.mark.parametrize("kw, match", [
    (dict(porosity=1.0), "porosity"), (dict(porosity=-0.1), "porosity"), (dict(grain_size_m=0.0), "grain size"),
    (dict(ionic_conductivity_S_per_m=-1.0), "ionic conductivity"), (dict(interface_asr_ohm_m2=0.0), "ASR"),
    (dict(electronic_conductivity_S_per_m=-1e-8), "electronic"), (dict(flaw_depth_m=float("nan")), "flaw"),
])
def test_bad_input(kw, match):
    with pytest.raises(UnitError, match=match):
        ccd(**kw)


def test_cli(capsys):
    import json

    from ssbkit.cli import main

    assert main(["physics", "ccd-microstructure", "--conductivity", "5e-4", "--interface-asr", "2",
                 "--porosity", "12%", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["pores_connected"] is True and d["ccd_mA_per_cm2"] > 0
    for argv in (["--porosity", "1"], ["--grain-size", "0um"], ["--toughness", "-1"]):
        assert main(["physics", "ccd-microstructure", "--conductivity", "5e-4", "--interface-asr", "2", *argv]) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1 and "Traceback" not in err


def test_assess_cross_check_and_the_interlayer():
    """In ``assess`` the microstructure CCD sits beside the family fit; an Au interlayer on air-exposed garnet
    (Wang et al. 2020 §2.5.2: Au deposition improved the contact, no short at 0.5 mA/cm2) raises it."""
    from ssbkit import assess

    def micro(stack):
        r = assess(stack, pressure="5MPa", current="0.1mA/cm2", process="store 25C 168h air")
        f = next(i for i in r.interfaces if i.physics is not None and i.physics.ccd_microstructure is not None)
        assert any("microstructure CCD" in x for x in f.reasons)
        return f.physics.ccd_microstructure

    bare, gold = micro("LCO | LLZO | Li"), micro("LCO | LLZO | Au | Li")
    assert gold.ccd_mA_per_cm2 > 50 * bare.ccd_mA_per_cm2
    assert gold.inputs["interface_asr_ohm_m2"] < bare.inputs["interface_asr_ohm_m2"]
