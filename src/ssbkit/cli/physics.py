"""CLI: ``ssbkit physics MODEL ...`` -- the interface-physics models of :mod:`ssbkit.physics`.

Every option takes a unit (``5MPa``, ``100N``, ``60C``, ``0.5mA/cm2``, ``0.67J/m2``,
``3e-4S/cm``); a bare number is accepted only where the help names a default unit.
``--json`` prints JSON only (keys name units); otherwise a short readable summary.
"""

from __future__ import annotations

import click

from ..errors import UnitError
from ..units import parse_quantity
from ._common import Checked, echo_json, quantity, show
from .physics_options import (
    angle_cb,
    fraction_cb,
    json_option,
    list_of,
    parse_rate,
    points_cb,
    positive,
)
from .physics_options import param_default as _param_default

# ---------------------------------------------------------------------------------------------- commands



@click.group("physics")
def physics_group() -> None:
    """Interface physics: contact, wetting, voids, dendrites, growth, transport, percolation, strain."""


@physics_group.command("contact")
@click.option("--conductivity", required=True, callback=positive("conductivity", "S/cm"),
              help="Ionic conductivity of the electrolyte (default unit S/cm), e.g. 3e-4 or 0.3mS/cm.")
@click.option("--hardness", default=lambda: _param_default("contact.li_hardness", "MPa"),
              show_default="contact.li_hardness, 5 MPa", callback=positive("pressure"),
              help="Vickers hardness of Li (Wang et al. 2020: H_Li <= 5 MPa; assess uses contact.asperity_hardness, "
                   "400 MPa, the yield pressure of Li at the scale of the roughness).")
@click.option("--force", callback=positive("force"), help="Applied force, e.g. 100N.")
@click.option("--pressure", callback=list_of("pressure"),
              help="Stack pressure(s), comma-separated, e.g. 400MPa or 1MPa,10MPa,100MPa (needs --area).")
@click.option("--area", callback=positive("area"), help="Apparent electrode area, e.g. 1cm2.")
@click.option("--spots", default=1, show_default=True, type=Checked(1, 1e9, integer=True), help="Number of equal contact spots.")
@click.option("--crowding", is_flag=True, help="Spots share current lines: x (1 - sqrt(p/H))^1.5, zero at complete "
              "contact (as assess does; needs --area).")
@json_option
def contact_cmd(conductivity: float, hardness: float, force: float | None, pressure: list[float] | None,
                area: float | None, spots: int, crowding: bool, as_json: bool) -> None:
    """Constriction resistance R_int = 1/(2 sigma) sqrt(pi H / F) (Wang et al. 2020, Eq. 1) and ASR vs stack pressure."""
    from ..physics.contact import constriction_resistance

    if force is None and pressure is None:
        raise UnitError("give --force, or --pressure with --area")
    if force is not None and pressure is not None:
        raise UnitError("give either --force or --pressure, not both")
    if crowding and area is None:
        raise UnitError("--crowding needs --area (a/b = sqrt(F / (H A))), e.g. --area 1cm2")
    if force is not None:
        results = [constriction_resistance(conductivity, hardness, force_N=force, area_m2=area, n_contact_spots=spots,
                                           crowding=crowding)]
    else:
        if area is None:
            raise UnitError("--pressure needs --area (F = p * A), e.g. --area 1cm2")
        results = [constriction_resistance(conductivity, hardness, pressure_Pa=p, area_m2=area, n_contact_spots=spots,
                                           crowding=crowding) for p in pressure or []]
    show(results[0] if len(results) == 1 else results, as_json, conductivity=conductivity, hardness=hardness)


@physics_group.command("wetting")
@click.option("--work-of-adhesion", callback=positive("energy_per_area", "J/m2", allow_zero=True),
              help="Work of adhesion of Li on the substrate (default unit J/m2), e.g. 0.67.")
@click.option("--contact-angle", callback=angle_cb, help="Contact angle in degrees (inverse: gives W_ad).")
@click.option("--surface-energy", default=lambda: _param_default("wetting.li_surface_energy", "J/m2"),
              show_default="wetting.li_surface_energy, 0.46 J/m2",
              callback=positive("energy_per_area", "J/m2"), help="Surface energy of Li (default unit J/m2).")
@json_option
def wetting_cmd(work_of_adhesion: float | None, contact_angle: float | None, surface_energy: float,
                as_json: bool) -> None:
    """Young-Dupre: contact angle of Li from the work of adhesion, or the reverse (Wang et al. 2020, § 2.2)."""
    from ..physics import wetting

    if (work_of_adhesion is None) == (contact_angle is None):
        raise UnitError("give exactly one of --work-of-adhesion or --contact-angle")
    if work_of_adhesion is not None:
        r = wetting.contact_angle(work_of_adhesion, surface_energy)
    else:
        r = wetting.work_of_adhesion(contact_angle, surface_energy)  # type: ignore[arg-type]
    show(r, as_json)


@physics_group.command("voids")
@click.option("--current-density", callback=positive("current_density", "mA/cm2", allow_zero=True),
              help="Stripping current density (default unit mA/cm2).")
@click.option("--temperature", default="25C", show_default=True, callback=quantity("temperature"),
              help="Temperature, e.g. 25C or 298K.")
@click.option("--pressure", default="0MPa", show_default=True, callback=positive("pressure", allow_zero=True),
              help="Stack pressure, e.g. 5MPa.")
@click.option("--self-diffusivity", callback=positive("diffusivity"),
              help="Li self-diffusivity at this temperature, e.g. 5.6e-11cm2/s (default: Arrhenius, 0.55 eV).")
@click.option("--diffusion-length", default="50um", show_default=True, callback=positive("length"),
              help="Distance to vacancy sinks.")
@json_option
def voids_cmd(current_density: float | None, temperature: float, pressure: float, self_diffusivity: float | None,
              diffusion_length: float, as_json: bool) -> None:
    """Will stripping form voids? Vacancy-diffusion + creep limit of Wang et al. 2020, § 2.4 (ref. [57])."""
    from ..physics.voids import void_limit

    r = void_limit(temperature, pressure, current_density, self_diffusivity_m2_per_s=self_diffusivity,
                   diffusion_length_m=diffusion_length)
    show(r, as_json, temperature=temperature, pressure=pressure)


@physics_group.group("dendrite")
def dendrite_group() -> None:
    """Dendrite criteria: monroe (shear modulus), nucleation (Eq. 3), growth (Eqs. 4-5)."""


@dendrite_group.command("monroe")
@click.option("--shear-modulus", default="60GPa", show_default=True, callback=positive("modulus"),
              help="Shear modulus of the electrolyte (garnet about 60 GPa).")
@click.option("--li-shear-modulus", default=lambda: _param_default("dendrites.li_shear_modulus", "GPa"),
              show_default="dendrites.li_shear_modulus, 4.2 GPa", callback=positive("modulus"),
              help="Shear modulus of Li (3.4-4.9 GPa).")
@json_option
def monroe_cmd(shear_modulus: float, li_shear_modulus: float, as_json: bool) -> None:
    """Monroe-Newman criterion G_SE >= 2 G_Li (Wang et al. 2020, § 2.5, ref. [7])."""
    from ..physics.dendrites import monroe_newman

    r = monroe_newman(shear_modulus, li_shear_modulus)
    show(r, as_json)


@dendrite_group.command("nucleation")
@click.option("--conductivity", required=True, callback=positive("conductivity", "S/cm"),
              help="Overall ionic conductivity (default unit S/cm); rho = 1/sigma.")
@click.option("--grain-size", required=True, callback=positive("length"), help="Crystallite size d, e.g. 10um.")
@click.option("--current-density", callback=positive("current_density", "mA/cm2", allow_zero=True),
              help="Current density (default unit mA/cm2).")
@click.option("--alpha", default=0.0, show_default=True, type=Checked(0.0, 1.0, hi_open=True), help="d'/d (0 <= alpha < 1).")
@click.option("--interface-energy", default=lambda: _param_default("dendrites.interface_energy", "J/m2"),
              show_default="dendrites.interface_energy, 0.5 J/m2",
              callback=positive("energy_per_area", "J/m2", allow_zero=True), help="gamma, J/m2.")
@click.option("--radius", default=lambda: _param_default("dendrites.embryo_radius", "nm"),
              show_default="dendrites.embryo_radius, 10 nm", callback=positive("length"), help="Embryo radius r_c.")
@click.option("--fracture-stress", default=lambda: _param_default("dendrites.fracture_stress", "MPa"),
              show_default="dendrites.fracture_stress, 100 MPa",
              callback=positive("pressure", allow_zero=True), help="Fracture stress sigma_F.")
@json_option
def nucleation_cmd(conductivity: float, grain_size: float, current_density: float | None, alpha: float,
                   interface_energy: float, radius: float, fracture_stress: float, as_json: bool) -> None:
    """Raj-Wolfenstine nucleation: j rho d (1-alpha)|e| >= 2 gamma Omega/r_c + sigma_F Omega (Wang et al. 2020, Eq. 3)."""
    from ..physics.dendrites import raj_wolfenstine_nucleation

    r = raj_wolfenstine_nucleation(1.0 / conductivity, grain_size, current_density_A_per_m2=current_density,
                                   alpha=alpha, interface_energy_J_per_m2=interface_energy, embryo_radius_m=radius,
                                   fracture_stress_Pa=fracture_stress)
    show(r, as_json)


@dendrite_group.command("growth")
@click.option("--current-density", required=True, callback=positive("current_density", "mA/cm2", allow_zero=True),
              help="Mean current density j (default unit mA/cm2).")
@click.option("--asr", required=True, callback=positive("area_resistance"),
              help="Interfacial area-specific resistance k_int, e.g. '10ohm cm2'.")
@click.option("--height", required=True, callback=positive("length"), help="Tip distance h from the Li surface.")
@click.option("--width", required=True, callback=positive("length"), help="Nucleus width w.")
@click.option("--fracture-stress", default=lambda: _param_default("dendrites.fracture_stress", "MPa"),
              show_default="dendrites.fracture_stress, 100 MPa",
              callback=positive("pressure", allow_zero=True), help="Back stress sigma_F.")
@json_option
def growth_dendrite_cmd(current_density: float, asr: float, height: float, width: float, fracture_stress: float,
                        as_json: bool) -> None:
    """Current focusing j h/w (Eq. 4) and driving force |e| k_int j h/w - sigma_F Omega (Eq. 5)."""
    from ..physics.dendrites import dendrite_growth_driving_force

    r = dendrite_growth_driving_force(current_density, asr, height, width, fracture_stress)
    show(r, as_json)


@physics_group.command("ccd")
@click.option("--points", required=True, callback=points_cb,
              help="TEMPERATURE:CCD pairs, e.g. 30C:0.05,160C:14 (CCD in --unit unless written with a unit).")
@click.option("--unit", default="mA/cm2", show_default=True, help="Unit of bare CCD values.")
@click.option("--at", "at", callback=list_of("temperature"), help="Predict the CCD at these temperatures, e.g. 25C,60C.")
@json_option
def ccd_cmd(points: list[tuple[float, str]], unit: str, at: list[float] | None, as_json: bool) -> None:
    """Arrhenius fit of critical current density vs temperature; apparent activation energy (Wang et al. 2020, ref. [59])."""
    from ..physics.dendrites import ccd_arrhenius

    Ts = [t for t, _ in points]
    vals = []
    for _, v in points:
        x = parse_quantity(v, "current_density", default_unit=unit, name="--points CCD")
        if x <= 0:
            raise UnitError(f"critical current density must be positive, got {v!r}")
        vals.append(x)
    r = ccd_arrhenius(Ts, vals, at or [])
    show(r, as_json)


@physics_group.command("growth")
@click.option("--kind", "kind", help="Interface classification: stable, SEI or MCI.")
@click.option("--electronically-conducting/--electronically-insulating", "conducting", default=None,
              help="Alternative to --kind: does the interphase conduct electrons?")
@click.option("--rate", help="Rate constant: parabolic k_p for SEI (e.g. 1e-21m2/s, L^2 = k_p t) or linear k_l "
                             "for MCI (e.g. 1nm/h, L = k_l t).")
@click.option("--time", "times", default="1h,10h,100h,1000h", show_default=True, callback=list_of("time", allow_zero=True),
              help="Times, comma-separated.")
@click.option("--conductivity", required=True, callback=positive("conductivity", "S/cm"),
              help="Ionic conductivity of the interphase (default unit S/cm).")
@click.option("--initial-thickness", default="0nm", show_default=True, callback=positive("length", allow_zero=True),
              help="Initial interphase thickness.")
@json_option
def growth_cmd(kind: str | None, conducting: bool | None, rate: str | None, times: list[float], conductivity: float,
               initial_thickness: float, as_json: bool) -> None:
    """Interphase thickness and ASR vs time: parabolic (SEI), linear (MCI) or none (stable)."""
    from ..physics.growth import growth_law_for, interphase_growth

    cls, law = growth_law_for(kind, conducting)
    kp = kl = None
    if law != "none":
        if rate is None:
            raise UnitError(f"an {cls} grows {law}ly: give --rate "
                            f"({'length^2/time, e.g. 1e-21m2/s' if law == 'parabolic' else 'length/time, e.g. 1nm/h'})")
        if law == "parabolic":
            kp = parse_rate(rate, 2, "--rate")
        else:
            kl = parse_rate(rate, 1, "--rate")
        if (kp or 0) < 0 or (kl or 0) < 0:
            raise UnitError(f"--rate must be non-negative, got {rate!r}")
    r = interphase_growth(times, conductivity, classification=cls, parabolic_rate_m2_per_s=kp,
                          linear_rate_m_per_s=kl, initial_thickness_m=initial_thickness)
    show(r, as_json)


@physics_group.command("arrhenius")
@click.option("--conductivity", callback=positive("conductivity", "S/cm"),
              help="Conductivity at the reference temperature (default unit S/cm).")
@click.option("--activation-energy", callback=quantity("energy_ev"), help="Ea, e.g. 0.3eV or 29kJ/mol.")
@click.option("--temperature", "temperatures", callback=list_of("temperature"),
              help="Target temperature(s), e.g. 60C or -20C,60C.")
@click.option("--reference-temperature", default="25C", show_default=True, callback=quantity("temperature"),
              help="Temperature of the given conductivity.")
@click.option("--form", type=click.Choice(["plain", "sigma_T"]), default="plain", show_default=True,
              help="plain: sigma = A exp(-Ea/kT); sigma_T: sigma T = A exp(-Ea/kT).")
@click.option("--points", callback=points_cb,
              help="Fit instead: TEMPERATURE:CONDUCTIVITY pairs, e.g. 25C:1e-3,60C:3e-3 (S/cm unless given).")
@json_option
def arrhenius_cmd(conductivity: float | None, activation_energy: float | None, temperatures: list[float] | None,
                  reference_temperature: float, form: str, points: list[tuple[float, str]] | None, as_json: bool) -> None:
    """Arrhenius conductivity: extrapolate sigma(T) from a reference value, or fit Ea from points."""
    from ..physics.transport import arrhenius_conductivity, fit_arrhenius

    if points is not None:
        vals = []
        for _, v in points:
            x = parse_quantity(v, "conductivity", default_unit="S/cm", name="--points conductivity")
            if x <= 0:
                raise UnitError(f"conductivity must be positive, got {v!r}")
            vals.append(x)
        fit = fit_arrhenius([t for t, _ in points], vals, form, value_name="conductivity")
        show(fit, as_json, form=form, temperatures=temperatures or [])
        return
    if conductivity is None or activation_energy is None or not temperatures:
        raise UnitError("give --conductivity, --activation-energy and --temperature (or --points to fit)")
    results = [arrhenius_conductivity(conductivity, activation_energy, t, reference_temperature, form)
               for t in temperatures]
    show(results[0] if len(results) == 1 else results, as_json, form=form, conductivity=conductivity,
         activation_energy=activation_energy, reference_temperature=reference_temperature)


@physics_group.command("interdiffusion")
@click.option("--species", default="Co", show_default=True, help="Diffusing element (tabulated: Co, Li in LLZO).")
@click.option("--host", default="LLZO", show_default=True, help="Host material.")
@click.option("--schedule", required=True, metavar="T DURATION; ...",
              help="Heat-treatment steps, e.g. \"700C 2h; 500C 1h\".")
@click.option("--d0", default=None, help="D0 (m2/s, or with a unit such as 1e-3cm2/s) instead of the table.")
@click.option("--activation-energy", default=None, callback=quantity("energy_ev"),
              help="Ea (e.g. 1.6eV) with --d0.")
@json_option
def interdiffusion_cmd(species: str, host: str, schedule: str, d0: str | None, activation_energy: float | None,
                       as_json: bool) -> None:
    """Diffusion length sqrt(sum D(T) t) of a species over heat-treatment steps (Wang et al. 2020 §3.2.2)."""
    from ..materials import resolve
    from ..physics.interdiffusion import diffusion_length

    steps = []
    for part in [p.strip() for p in schedule.split(";") if p.strip()]:
        tok = part.split()
        if len(tok) != 2:
            raise UnitError(f"cannot read schedule step {part!r}: give TEMPERATURE DURATION, e.g. 700C 2h")
        steps.append((parse_quantity(tok[0], "temperature", name="--schedule temperature"),
                      parse_quantity(tok[1], "time", name="--schedule duration")))
    d0_si = parse_quantity(d0, "diffusivity", default_unit="m2/s", name="--d0") if d0 is not None else None
    r = diffusion_length(steps, species, resolve(host).model_formula, d0_si, activation_energy)
    show(r, as_json, species=species)


@physics_group.command("bricklayer")
@click.option("--bulk", required=True, callback=positive("conductivity", "S/cm"),
              help="Bulk (grain) conductivity (default unit S/cm).")
@click.option("--gb", required=True, callback=positive("conductivity", "S/cm"),
              help="Grain-boundary conductivity (default unit S/cm).")
@click.option("--gb-thickness", default="5nm", show_default=True, callback=positive("length"),
              help="Grain-boundary thickness.")
@click.option("--grain-size", required=True, callback=positive("length"), help="Grain size, e.g. 1um.")
@json_option
def bricklayer_cmd(bulk: float, gb: float, gb_thickness: float, grain_size: float, as_json: bool) -> None:
    """Series brick-layer model: 1/sigma = 1/sigma_bulk + (delta_gb/d)/sigma_gb."""
    from ..physics.transport import brick_layer_conductivity

    r = brick_layer_conductivity(bulk, gb, gb_thickness, grain_size)
    show(r, as_json)


@physics_group.command("percolation")
@click.option("--threshold-am", default=lambda: _param_default("percolation.threshold_am", ""),
              show_default="percolation.threshold_am, 0.55", type=Checked(0.0, 1.0, lo_open=True, hi_open=True),
              help="Percolation threshold of the active material (volume fraction).")
@click.option("--threshold-se", default=lambda: _param_default("percolation.threshold_se", ""),
              show_default="percolation.threshold_se, 0.1", type=Checked(0.0, 1.0, lo_open=True, hi_open=True),
              help="Percolation threshold of the electrolyte (volume fraction).")
@click.option("--exponent", default=lambda: _param_default("percolation.exponent", ""),
              show_default="percolation.exponent, 2", type=Checked(0.0, 10.0, lo_open=True), help="Percolation exponent t.")
@click.option("--porosity", default="0", show_default=True, callback=fraction_cb, help="Porosity (0.1 or 10%).")
@click.option("--sigma-am", default=None, callback=positive("conductivity", "S/cm"),
              help="Electronic conductivity of the active material (S/cm); default: normalised to 1.")
@click.option("--sigma-se", default=None, callback=positive("conductivity", "S/cm"),
              help="Ionic conductivity of the electrolyte (S/cm); default: normalised to 1.")
@click.option("--at", "at", callback=fraction_cb, help="Also evaluate one composition (AM fraction, 0.7 or 70%).")
@json_option
def percolation_cmd(threshold_am: float, threshold_se: float, exponent: float, porosity: float,
                    sigma_am: float | None, sigma_se: float | None, at: float | None, as_json: bool) -> None:
    """Composite cathode: GEM/percolation conductivities and the optimum AM fraction (Wang et al. 2020, ref. [116])."""
    from ..physics.percolation import composite_cathode, composite_cathode_optimum

    kw = dict(threshold_am=threshold_am, threshold_se=threshold_se, exponent=exponent, porosity=porosity,
              electronic_conductivity_am_S_per_m=sigma_am or 1.0, ionic_conductivity_se_S_per_m=sigma_se or 1.0)
    r = composite_cathode_optimum(**kw)
    one = composite_cathode(at, **kw) if at is not None else None
    if as_json:
        echo_json({"optimum": r, "at": one} if one is not None else r)
        return
    show(r, as_json, at=one)


@physics_group.command("spacecharge")
@click.option("--potential", default=lambda: _param_default("spacecharge.potential.oxide_sulfide", "V"),
              show_default="spacecharge.potential.oxide_sulfide, 0.45V",
              callback=positive("voltage", allow_zero=True), help="Potential step between the two phases, e.g. 0.4V.")
@click.option("--permittivity", default=lambda: _param_default("permittivity.sulfide", ""),
              show_default="permittivity.sulfide, 20", type=Checked(1.0, 1e4, lo_open=False),
              help="Relative permittivity of the depleted phase.")
@click.option("--concentration", default=lambda: _param_default("spacecharge.carrier_concentration", "1/cm3"),
              show_default="spacecharge.carrier_concentration, 1e20/cm3", callback=positive("concentration"),
              help="Concentration of the fixed charge the depletion exposes, e.g. 1e20/cm3.")
@click.option("--conductivity", required=True, callback=positive("conductivity", "S/cm"),
              help="Bulk Li-ion conductivity of the depleted phase (default unit S/cm), e.g. 1e-4.")
@click.option("--temperature", default="25C", show_default=True, callback=quantity("temperature"),
              help="Temperature, e.g. 25C.")
@click.option("--coating-permittivity", type=Checked(1.0, 1e4),
              help="An electronically insulating receiving layer (a coating): its relative permittivity (shares the "
                   "step); without it the receiving side conducts electrons (a bare cathode).")
@click.option("--coating-concentration", callback=positive("concentration"),
              help="Carrier concentration of the coating (default: --concentration).")
@click.option("--coating-thickness", callback=positive("length"), help="Thickness of the coating, e.g. 10nm.")
@json_option
def spacecharge_cmd(potential: float, permittivity: float, concentration: float, conductivity: float,
                    temperature: float, coating_permittivity: float | None, coating_concentration: float | None,
                    coating_thickness: float | None, as_json: bool) -> None:
    """Li+-depleted space-charge layer at an ionic | ionic interface (Mott-Schottky; Wang et al. 2020 §3.2)."""
    from ..physics.spacecharge import space_charge_layer

    if coating_permittivity is None and (coating_concentration is not None or coating_thickness is not None):
        raise UnitError("--coating-concentration and --coating-thickness need --coating-permittivity")
    r = space_charge_layer(potential, permittivity, concentration, conductivity, temperature,
                           receiver_permittivity=coating_permittivity,
                           receiver_concentration_per_m3=(coating_concentration or concentration)
                           if coating_permittivity is not None else None,
                           receiver_thickness_m=coating_thickness)
    show(r, as_json)


def register(cli: click.Group) -> None:
    """Add the ``physics`` group to the top-level ``ssbkit`` command."""
    from .physics_mechanics import COMMANDS

    for command in COMMANDS:
        physics_group.add_command(command)
    cli.add_command(physics_group)
