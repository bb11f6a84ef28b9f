"""The one parameter store: the budget's parameters and the physics defaults, each with value, unit, basis and
source; units converted once (pint); --param overrides any of them."""

from __future__ import annotations

import json

import pytest

from ssbkit.errors import SsbkitError
from ssbkit.parameters import Parameters, from_si, to_si


def test_units_are_converted_once_by_the_store():
    p = Parameters.load()
    assert p.si("thickness.coating") == pytest.approx(p.value("thickness.coating") * 1e-9)
    assert p.si("sigma.Li3N") == pytest.approx(p.value("sigma.Li3N") * 100.0)  # S/cm -> S/m
    assert p.si("charge_transfer_asr") == pytest.approx(p.value("charge_transfer_asr") * 1e-4)  # ohm cm2 -> ohm m2
    assert p.si("mci_growth_rate") == pytest.approx(p.value("mci_growth_rate") * 1e-9 / 3600)
    assert to_si(0.5, "mA/cm2") == pytest.approx(5.0) and from_si(to_si(7.0, "ohm cm2"), "ohm cm2") == pytest.approx(7)


def test_the_physics_defaults_live_in_the_store_with_their_sources():
    from ssbkit.physics.voids import DEFAULTS, PARAMETERS, defaults

    p = Parameters.load()
    for arg, (name, _unit) in PARAMETERS.items():
        row = p.get(name)
        assert row.basis in ("measured", "reported", "derived", "estimate") and row.unit, name
    assert DEFAULTS["creep_activation_energy_J_per_mol"] == pytest.approx(37e3)
    assert DEFAULTS["creep_reference_current_density_A_per_m2"] == pytest.approx(100.0)
    assert "Wang et al., Adv. Energy Mater. 2020" in p.get("voids.creep_reference_pressure").source
    assert defaults(p.with_overrides({"voids.creep_stress_exponent": "3"}))["creep_stress_exponent"] == 3.0


@pytest.mark.parametrize("value,expected_nm", [("5nm", 5.0), ("0.005um", 5.0), ("5 nm", 5.0), (5, 5.0)])
def test_overrides_take_any_unit_of_the_dimension(value, expected_nm):
    assert Parameters.load({"thickness.coating": value}).value("thickness.coating") == pytest.approx(expected_nm)


def test_param_overrides_a_physics_default_in_the_assessment(capsys):
    from ssbkit.cli import main

    def creep(*extra):
        assert main(["assess", "LCO | LLZO | Li", "--pressure", "100MPa", "--current", "0.5mA/cm2", *extra,
                     "--json"]) == 0
        return json.loads(capsys.readouterr().out)["interfaces"][-1]["physics"]["voids"]["creep_limit_mA_per_cm2"]

    assert creep("--param", "voids.creep_stress_exponent=3") > 100 * creep()


def test_bad_overrides_are_one_line():
    with pytest.raises(SsbkitError, match="not in units of"):
        Parameters.load({"voids.creep_reference_pressure": "3 nm"})
    with pytest.raises(SsbkitError, match="unknown parameter"):
        Parameters.load({"voids.nope": 1})
    with pytest.raises(SsbkitError, match=r"did you mean grain_size\?"):
        Parameters.load({"grainsize": "5um"})


def test_every_parameter_is_documented_in_docs_asr():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "asr.md").read_text("utf-8")
    missing = [n for n in Parameters.load().table if f"| `{n}` |" not in text]
    assert not missing, f"regenerate the table with python tools/params_table.py: {missing}"


def test_physics_module_defaults_are_the_store_values():
    from ssbkit.physics import contact, dendrites, mechanics, percolation, wetting

    p = Parameters.load()
    assert contact.LI_HARDNESS_PA == p.si("contact.li_hardness") == 5e6
    assert wetting.LI_SURFACE_ENERGY_J_PER_M2 == p.si("wetting.li_surface_energy")
    assert dendrites.LI_SHEAR_MODULUS_PA == p.si("dendrites.li_shear_modulus")
    assert dendrites.FRACTURE_STRESS_PA == p.si("dendrites.fracture_stress")
    assert percolation.DEFAULT_THRESHOLD_AM == p.value("percolation.threshold_am")
    assert mechanics.LLZO_YOUNG_MODULUS_PA == p.si("mechanics.llzo_young_modulus")


def test_param_reaches_the_monroe_criterion_of_the_assessment():
    import ssbkit

    base = ssbkit.assess("LCO | LLZO | Li", current="0.1mA/cm2")
    soft = ssbkit.assess("LCO | LLZO | Li", current="0.1mA/cm2", params=["dendrites.li_shear_modulus=40GPa"])
    m0 = base.interfaces[-1].physics.monroe_newman
    m1 = soft.interfaces[-1].physics.monroe_newman
    assert m0.suppresses_dendrites and not m1.suppresses_dendrites
    assert m1.li_shear_modulus_GPa == 40.0


def test_unit_factors_are_pints_remembered_and_a_bad_file_is_not_trusted(tmp_path, monkeypatch):
    """The SI factors come from pint and are remembered across runs (so a run need not import pint); a cache file
    with a wrong entry is rebuilt; a unit with an offset and a conversion between dimensions stay pint's."""
    import pint

    from ssbkit import parameters as P
    from ssbkit.io import read_sealed_json, write_sealed_json

    monkeypatch.setenv("SSBKIT_CACHE_DIR", str(tmp_path))
    P._known_units.cache_clear()
    P._unit.cache_clear()
    try:
        u = pint.UnitRegistry()
        for unit in ("nm", "S/cm", "ohm cm2", "cm3/mol", "MPa", "h", "eV", "um"):
            want = u.Quantity(1.0, P._pint_unit(unit)).to_base_units().magnitude
            assert P.to_si(1.0, unit) == pytest.approx(want, rel=1e-12)
        assert set(read_sealed_json(P._units_file())) >= {"nm", "S/cm", "ohm cm2"}
        write_sealed_json(P._units_file(), {"nm": [-1.0, "[length]"]})  # sealed, but wrong: not trusted
        P._known_units.cache_clear()
        P._unit.cache_clear()
        assert P.to_si(3.0, "nm") == pytest.approx(3e-9)
        path = tmp_path / P._units_file()
        path.write_text(path.read_text().replace("1e-09", "1e-08"))  # a changed byte: the seal fails
        P._known_units.cache_clear()
        P._unit.cache_clear()
        assert P._known_units() == {} and not path.exists() and P.to_si(1.0, "nm") == pytest.approx(1e-9)
        assert P._unit("degC") is None
        table = P.Parameters(P._table())
        assert table.value_in("contact.li_hardness", "Pa") == pytest.approx(5e6)
        with pytest.raises(pint.DimensionalityError):
            table.value_in("contact.li_hardness", "S/cm")
    finally:
        P._known_units.cache_clear()
        P._unit.cache_clear()
