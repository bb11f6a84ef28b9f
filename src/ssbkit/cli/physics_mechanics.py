"""CLI: the mechanics and dendrite-microstructure models of ``ssbkit physics`` (``strain``, ``cracking``,
``ccd-microstructure``); registered on the ``physics`` group by :func:`ssbkit.cli.physics.register`."""

from __future__ import annotations

import click

from ..errors import UnitError
from ._common import Checked, echo_json, show
from .physics_options import (
    fraction_cb,
    json_option,
    list_of,
    positive,
    volume_change_cb,
)
from .physics_options import param_default as _param_default


@click.command("strain")
@click.option("--volume-change", required=True, callback=volume_change_cb,
              help="Volume change dV/V of the active material: fraction (-0.05) or percent (-5%).")
@click.option("--modulus", default=lambda: _param_default("mechanics.llzo_young_modulus", "GPa"),
              show_default="mechanics.llzo_young_modulus, 150 GPa", callback=positive("modulus"),
              help="Young's modulus of the electrolyte (LLZO about 150 GPa).")
@click.option("--poisson", default=lambda: _param_default("mechanics.llzo_poisson_ratio", ""),
              show_default="mechanics.llzo_poisson_ratio, 0.26", type=Checked(-1.0, 0.5, lo_open=True, hi_open=True), help="Poisson ratio of the electrolyte.")
@click.option("--particle-bulk-modulus", callback=positive("modulus"),
              help="Bulk modulus of the active particle (default: rigid particle).")
@click.option("--fracture-strength", callback=positive("pressure"), help="Electrolyte fracture strength, e.g. 150MPa.")
@json_option
def strain_cmd(volume_change: float, modulus: float, poisson: float, particle_bulk_modulus: float | None,
               fracture_strength: float | None, as_json: bool) -> None:
    """Linear strain (1+dV/V)^(1/3)-1 and stress in a stiff electrolyte (Wang et al. 2020, § 3.4)."""
    from ..physics.mechanics import volume_change_stress

    r = volume_change_stress(volume_change, modulus, poisson, active_bulk_modulus_Pa=particle_bulk_modulus,
                             fracture_strength_Pa=fracture_strength)
    show(r, as_json)


@click.command("cracking")
@click.option("--volume-change", required=True, callback=volume_change_cb,
              help="Volume change dV/V of the active particle over its cycle: fraction (0.075) or percent (7.5%); "
                   "negative: it shrinks (debonding).")
@click.option("--modulus", default=lambda: _param_default("mechanics.llzo_young_modulus", "GPa"),
              show_default="mechanics.llzo_young_modulus, 150 GPa", callback=list_of("modulus"),
              help="Young's modulus of the electrolyte, one or comma-separated (15GPa,50GPa,150GPa: the trend).")
@click.option("--poisson", default=lambda: _param_default("mechanics.llzo_poisson_ratio", ""),
              show_default="mechanics.llzo_poisson_ratio, 0.26", type=Checked(-1.0, 0.5, lo_open=True, hi_open=True),
              help="Poisson ratio of the electrolyte.")
@click.option("--fracture-energy", callback=positive("energy_per_area", "J/m2"),
              help="Fracture energy G_c of the electrolyte (default mechanics.fracture_energy, 4 J/m2).")
@click.option("--interface-fracture-energy", callback=positive("energy_per_area", "J/m2"),
              help="Fracture energy of the particle | electrolyte interface, for a shrinking particle "
                   "(default mechanics.interface_fracture_energy, 1 J/m2).")
@click.option("--particle-modulus", callback=positive("modulus"),
              help="Young's modulus of the particle (default mechanics.cathode_young_modulus, 180 GPa).")
@click.option("--particle-radius", callback=positive("length"), help="Particle radius (default 2.5um).")
@click.option("--flaw-size", callback=positive("length"), help="Flaw a crack starts from (default 0.1um).")
@click.option("--active-fraction", callback=fraction_cb,
              help="Active volume fraction of the composite, between 0 and 1 (default 0.5).")
@click.option("--buffer-modulus", callback=positive("modulus"), help="A buffer coating's Young's modulus, e.g. 5GPa.")
@click.option("--buffer-thickness", callback=positive("length"), help="The buffer coating's thickness, e.g. 200nm.")
@click.option("--pressure", callback=positive("pressure", allow_zero=True),
              help="Stack pressure (presses a shrinking particle's interface shut), e.g. 5MPa.")
@click.option("--partner-volume-change", callback=volume_change_cb,
              help="A second active material blended in: its dV/V over the same cycle (opposite sign: the layer's "
                   "own volume change cancels).")
@click.option("--partner-share", callback=fraction_cb, help="The partner's share of the active volume (0.5 or 50%).")
@click.option("--layer-thickness", callback=positive("length"), help="Composite layer thickness (default 50um).")
@json_option
def cracking_cmd(volume_change: float, modulus: list[float], poisson: float, fracture_energy: float | None,
                 interface_fracture_energy: float | None, particle_modulus: float | None,
                 particle_radius: float | None, flaw_size: float | None, active_fraction: float | None,
                 buffer_modulus: float | None, buffer_thickness: float | None, pressure: float | None,
                 partner_volume_change: float | None, partner_share: float | None, layer_thickness: float | None,
                 as_json: bool) -> None:
    """Does the electrolyte crack around an expanding particle (or debond from a shrinking one)?  Nucleation
    volume change and final crack length vs the electrolyte's stiffness (Wang et al. 2020, §3.4, ref. [139])."""
    from ..physics.cracking import cracking

    if (buffer_modulus is None) != (buffer_thickness is None):
        raise UnitError("give --buffer-modulus and --buffer-thickness together")
    if (partner_volume_change is None) != (partner_share is None):
        raise UnitError("give --partner-volume-change and --partner-share together")
    results = [cracking(volume_change, e, poisson, fracture_energy_J_per_m2=fracture_energy,
                        interface_fracture_energy_J_per_m2=interface_fracture_energy,
                        particle_young_modulus_Pa=particle_modulus, particle_radius_m=particle_radius,
                        flaw_size_m=flaw_size, volume_fraction=active_fraction, buffer_young_modulus_Pa=buffer_modulus,
                        buffer_thickness_m=buffer_thickness or 0.0, stack_pressure_Pa=pressure or 0.0,
                        partner_volume_change_fraction=partner_volume_change, partner_share=partner_share or 0.0,
                        layer_thickness_m=layer_thickness)
               for e in modulus]
    if as_json:
        echo_json(results if len(results) > 1 else results[0])
        return
    show(results, as_json)


@click.command("ccd-microstructure")
@click.option("--conductivity", required=True, callback=positive("conductivity", "S/cm"),
              help="Bulk Li-ion conductivity of the electrolyte (default unit S/cm), e.g. 3e-4.")
@click.option("--interface-asr", required=True, callback=positive("area_resistance", "ohm cm2"),
              help="Li | electrolyte interfacial ASR (default unit ohm cm2), e.g. 2 (an interlayer that wets lowers "
                   "it).")
@click.option("--porosity", callback=fraction_cb, help="Pore volume fraction, 0 to below 1 (default ccd.porosity, 3 %).")
@click.option("--grain-size", callback=positive("length"), help="Grain size (default grain_size, 5um).")
@click.option("--flaw-depth", callback=positive("length"), help="Deepest surface flaw (default ccd.flaw_depth, 10um).")
@click.option("--electronic-conductivity", callback=positive("conductivity", "S/cm", allow_zero=True),
              help="Electronic conductivity (default unit S/cm; default ccd.electronic_conductivity, 1e-8).")
@click.option("--toughness", type=Checked(0.0, 100.0, "MPa m^1/2", lo_open=True),
              help="Fracture toughness K_Ic in MPa m^1/2 (default ccd.fracture_toughness, 1.25: garnet).")
@click.option("--pore-size", callback=positive("length"), help="Pore size (default ccd.pore_size, 2um).")
@click.option("--gb-ratio", type=Checked(0.0, 1e3, lo_open=True),
              help="Grain-boundary over bulk conductivity (default grain_boundary_conductivity_ratio, 0.01).")
@click.option("--thickness", callback=positive("length"), help="Electrolyte thickness (default 500um).")
@click.option("--test-time", callback=positive("time", "h"), help="Plating time of the test (default 10h).")
@json_option
def ccd_microstructure_cmd(conductivity: float, interface_asr: float, porosity: float | None,
                           grain_size: float | None, flaw_depth: float | None, electronic_conductivity: float | None,
                           toughness: float | None, pore_size: float | None, gb_ratio: float | None,
                           thickness: float | None, test_time: float | None, as_json: bool) -> None:
    """Critical current density from microstructure: root growth from a surface flaw, grain-boundary nucleation
    and plating inside a leaky electrolyte, the lowest wins (Wang et al. 2020, §2.5)."""
    from ..physics.ccd_microstructure import ccd_microstructure

    r = ccd_microstructure(ionic_conductivity_S_per_m=conductivity, interface_asr_ohm_m2=interface_asr,
                           porosity=porosity, grain_size_m=grain_size, flaw_depth_m=flaw_depth,
                           electronic_conductivity_S_per_m=electronic_conductivity,
                           fracture_toughness_Pa_m05=None if toughness is None else toughness * 1e6,
                           pore_size_m=pore_size, grain_boundary_conductivity_ratio=gb_ratio, thickness_m=thickness,
                           test_time_s=test_time)
    show(r, as_json)


COMMANDS = (strain_cmd, cracking_cmd, ccd_microstructure_cmd)
