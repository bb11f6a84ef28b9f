"""Every public result type round-trips: ``T.from_dict(x.to_dict()) == x``, through JSON text.

The test collects every subclass of :class:`ssbkit.results.Result` in the package and fails when a
type has no sample here, so a new result type cannot skip the round trip.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
from typing import Any

import pytest

import ssbkit
from ssbkit.results import Result


def _all_result_types() -> set[type]:
    for m in pkgutil.walk_packages(ssbkit.__path__, "ssbkit."):
        if m.name != "ssbkit.__main__":
            importlib.import_module(m.name)

    def walk(c: type) -> Any:
        for s in c.__subclasses__():
            yield s
            yield from walk(s)
    abstract = {"Record", "PhysicsResult"}
    return {c for c in walk(Result) if c.__name__ not in abstract}


def _nested(obj: Any, out: list[Result]) -> None:
    """Collect ``obj`` and every result nested in it."""
    if isinstance(obj, Result):
        out.append(obj)
        from dataclasses import fields

        for f in fields(obj):  # type: ignore[arg-type]
            _nested(getattr(obj, f.name), out)
    elif isinstance(obj, (list, tuple)):
        for x in obj:
            _nested(x, out)
    elif isinstance(obj, dict):
        for x in obj.values():
            _nested(x, out)




def _thermal_samples(thermo) -> list[Any]:

    from ssbkit.interfaces.removal import removal_temperature
    from ssbkit.interfaces.thermal import ThermalCalculator, in_atmosphere
    from ssbkit.physics.interdiffusion import diffusion_length
    from ssbkit.stack.process import ThermalStep, parse_process, surface_history
    from ssbkit.thermo.atmosphere import parse_atmosphere
    from ssbkit.thermo.mlip import PredictedPhase

    air = parse_atmosphere("air")
    scan = ThermalCalculator(thermo, "LiCoO2", "Li7La3Zr2O12", air).scan([773.15, 873.15])
    steps = parse_process("sinter 700C 2h air")
    return [scan, in_atmosphere(thermo, "Li2O", air, 500), removal_temperature(thermo, "LiOH", parse_atmosphere("ar"),
                                                                               t_high=1000),
            removal_temperature(thermo, "Li2CO3", parse_atmosphere("ar", carbon_per_formula=0.5), t_high=1300),
            *surface_history(thermo, "Li7La3Zr2O12", steps), ThermalStep(steps[0], "LCO | LLZO", scan.points[0]),
            diffusion_length([(973.15, 7200.0)], "Co"),
            PredictedPhase(formula="Li2O", e_form_eV_per_atom=-2.0, model="CHGNet", relaxed=False,
                           references=("Li", "Li2O2"), fit_mae_eV_per_atom=0.02, element_energies_eV={"Li": -1.9}),
            *_doping_samples(thermo)]


def _doping_samples(thermo) -> list[Any]:
    """A doped phase built by hand (the potential is exercised in test_doping)."""
    from ssbkit.thermo.doping import DopedPhase, Ordering, Substitution
    from ssbkit.thermo.mlip import PlacedPhase, PredictedPhase

    w = thermo.window("Li2ZrO3", as_metastable=True)
    ph = PredictedPhase(formula="Li3ZrTaO6", e_form_eV_per_atom=-3.1, model="CHGNet", relaxed=True,
                        references=("Li2O", "ZrO2"), fit_mae_eV_per_atom=None, anchored_on="Li2ZrO3",
                        anchor_shift_eV_per_atom=0.01)
    d = DopedPhase(host="Li2ZrO3", formula="Li3ZrTaO6", per_host_formula_unit="Li1.5Zr0.5Ta0.5O3",
                   substitutions=(Substitution("Ta", "Zr", 0.5, 0.5, 5, 4),), compensation="1 Li vacancies per supercell",
                   supercell=(1, 1, 1), supercell_atoms=11, orderings=(Ordering(1, -360.0, -8.1),), predicted=ph,
                   host_residual_eV_per_atom=-0.01, e_above_hull_eV_per_atom=0.03, decomposition=("Li3TaO4", "ZrO2"),
                   host_e_above_hull_eV_per_atom=0.0, window=w, host_window=w, provenance=w.provenance)
    return [d, PlacedPhase("Li2O", -2.0, "x@hull", "lowered")]


def _volume_sample(thermo) -> Result:
    from ssbkit.thermo.volume import volume_change

    return volume_change(thermo, "Si", (1.5, 0.0))


@pytest.fixture(scope="module")
def samples(thermo, gaps) -> list[Result]:
    from ssbkit import literature as L
    from ssbkit import physics as P
    from ssbkit.interfaces import InterfaceCalculator, anode_interface, react
    from ssbkit.interfaces.candidates import default_candidates
    from ssbkit.interfaces.coatings import Skipped, screen_coatings, screen_interlayers
    from ssbkit.screening.pairs import PairScreen, summarize
    from ssbkit.stack.assess import assess
    from ssbkit.stack.conditions import Conditions

    top: list[Any] = [
        thermo.window("LLZO"), thermo.window("LATP"), thermo.hull("LGPS"), thermo.decompose("LGPS", 0.0),
        __import__("ssbkit.thermo.dopant", fromlist=["x"]).dopant_reduction(
            thermo, __import__("ssbkit.materials", fromlist=["x"]).resolve("Nb-LLZO"), 0.0),
        _volume_sample(thermo),
        thermo.decompose("Li3PS4"), react(thermo, "Li6PS5Cl", "LiCoO2", 4.3), react(thermo, "LLZO", "LiCoO2"),
        InterfaceCalculator(thermo, "Li6PS5Cl", "LiCoO2").profile([0.0, 2.5, 5.0]),
        *_thermal_samples(thermo),
        anode_interface(thermo, "LGPS", gaps=gaps),
        screen_coatings(thermo, "LiCoO2", "Li3PS4", default_candidates("cathode")[:3], 4.3, gaps),
        screen_interlayers(thermo, "LGPS", default_candidates("anode")[:3], gaps=gaps),
        _funnel_sample(),
        assess("LiNi0.8Co0.1Mn0.1O2 | LiNbO3 | Li6PS5Cl | Li",
               Conditions.parse("2.5:4.3", "25C", "5MPa", "0.5mA/cm2"), thermo, gaps),
        assess("LCO | LLZO | Li", Conditions.parse("3:4.2", "160C", None, "1mA/cm2"), thermo, gaps),
        *[L.load(t)[0] for t in L.tables() if t != "reactions"], L.conductivity("LGPS", 333.15)[0],
        PairScreen(pairs=1, voltages=2, window_V=(2.5, 4.3), results_file=None, ranking=tuple(summarize([
            {"electrolyte": "A", "electrode": "B", "error": "x"},
            {"electrolyte": "C", "electrode": "D", "closed": {"reaction_energy_eV_per_atom": -0.1, "products": ["X"]},
             "scan": [{"voltage_V": 3.0, "reaction_energy_eV_per_atom": -0.2, "products": ["Y"]}]}]))),
        P.constriction_resistance(3e-2, pressure_Pa=5e6, area_m2=1e-4), P.monroe_newman(60e9),
        P.raj_wolfenstine_nucleation(1e3, 1e-6, current_density_A_per_m2=10.0),
        P.dendrite_growth_driving_force(10.0, 10e-4, 10e-6, 1e-6, 100e6),
        P.ccd_arrhenius([303.15, 433.15], [0.5, 140.0], predict_at_K=[298.15]),
        P.interphase_growth([0.0, 3600.0], 1e-6, classification="SEI", parabolic_rate_m2_per_s=1e-20),
        P.volume_change_stress(0.05), P.composite_cathode(0.7), P.composite_cathode_optimum(),
        __import__("ssbkit.physics.cracking", fromlist=["x"]).cracking(0.15, 20e9, 0.26),
        __import__("ssbkit.physics.ccd_microstructure", fromlist=["x"]).ccd_microstructure(
            ionic_conductivity_S_per_m=0.05, interface_asr_ohm_m2=2e-4, electronic_conductivity_S_per_m=0.0),
        P.fit_arrhenius([300.0, 350.0, 400.0], [1e-4, 5e-4, 2e-3]), P.arrhenius_conductivity(0.1, 0.3, 333.15),
        P.brick_layer_conductivity(1e-1, 1e-3, 1e-9, 1e-6), P.void_limit(298.15, 5e6, 5.0),
        __import__("ssbkit.physics.spacecharge", fromlist=["x"]).space_charge_layer(0.3, 20, 1e26, 1e-2),
        __import__("ssbkit.physics.surface_layer", fromlist=["x"]).surface_layer(
            [__import__("ssbkit.physics.surface_layer", fromlist=["x"]).Exposure(298.15, 3600.0, 0.01, 4e-4)],
            1e-20, 0.3, 0.01, 1e-6),
        P.contact_angle(0.67), default_candidates()[0], Skipped("Xx2O", "unknown element Xx"),
        L.joins.contact_angle("Li2CO3"), assess("Li | LGPS | Li", Conditions(), thermo, gaps),
    ]
    out: list[Result] = []
    for t in top:
        _nested(t, out)
    return out


@pytest.mark.integration
def _funnel_sample() -> Result:
    """A whole-database screen's funnel (the record; the screen itself is tested in test_cluster.py)."""
    from ssbkit.interfaces.funnel_result import Funnel, FunnelSettings, FunnelStep

    return Funnel(settings=FunnelSettings("coatings", ("NMC811", "Li3PS4"), 4.3, entries="x.csv"),
                  steps=(FunnelStep("compositions", "distinct compositions", 10), FunnelStep("lithium", "Li", 4)),
                  fate={"LiNbO3": "left at 'potential'"}, data_entries=12)


def test_every_result_type_round_trips(samples: list[Result]) -> None:
    seen: set[type] = set()
    for x in samples:
        d = x.to_dict()
        again = type(x).from_dict(json.loads(json.dumps(d)))
        assert again == x, type(x).__name__
        assert again.to_dict() == d
        seen.add(type(x))
    missing = {t.__name__ for t in _all_result_types()} - {t.__name__ for t in seen}
    assert not missing, f"result types without a round-trip sample: {sorted(missing)}"


def test_unknown_keys_are_refused() -> None:
    from pydantic import ValidationError

    from ssbkit.results import Provenance

    d = Provenance(method="m", ssbkit_version="0").to_dict()
    with pytest.raises(ValidationError):
        Provenance.from_dict({**d, "surprise": 1})


def test_non_finite_numbers_become_null() -> None:
    from ssbkit.stack.report import ScanPoint

    assert ScanPoint(1.0, float("nan"), 0.5, ()).to_dict()["reaction_energy_eV_per_atom"] is None
