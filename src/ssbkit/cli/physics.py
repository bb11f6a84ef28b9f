"""CLI: ``ssbkit physics MODEL ...`` -- the interface-physics models of :mod:`ssbkit.physics`.

Every option takes a unit (``5MPa``, ``100N``, ``60C``, ``0.5mA/cm2``, ``0.67J/m2``,
``3e-4S/cm``); a bare number is accepted only where the help names a default unit.
``--json`` prints JSON only (keys name units); otherwise a short readable summary.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import click

from ..errors import UnitError
from ..units import ZERO_CELSIUS_K, parse_quantity
from ._common import Checked, echo_json, quantity

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON only (keys name units).")


# ---------------------------------------------------------------------------------------------- parsing helpers

def _positive(kind: str, default_unit: str | None = None, allow_zero: bool = False) -> Callable[..., Any]:
    """Click callback: parse a unit-bearing option into SI and require it to be > 0 (or >= 0)."""
    base = quantity(kind, default_unit)

    def _cb(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is None:
            return None
        v = base(ctx, param, value)
        label = f"--{param.name.replace('_', '-')}" if param.name else kind
        if v < 0 or (v == 0 and not allow_zero):
            raise UnitError(f"{label} must be {'non-negative' if allow_zero else 'positive'}, got {value!r}")
        return v

    return _cb


def _list_of(kind: str, default_unit: str | None = None, allow_zero: bool = False) -> Callable[..., Any]:
    """Click callback: comma-separated list of quantities, each parsed into SI."""

    def _cb(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is None:
            return None
        label = f"--{param.name.replace('_', '-')}" if param.name else kind
        out = []
        for item in str(value).split(","):
            if not item.strip():
                raise UnitError(f"{label}: empty item in {value!r}")
            v = parse_quantity(item, kind, default_unit=default_unit, name=label)
            if kind != "temperature" and (v < 0 or (v == 0 and not allow_zero)):
                raise UnitError(f"{label} must be {'non-negative' if allow_zero else 'positive'}, got {item.strip()!r}")
            out.append(v)
        return out

    return _cb


_NUM = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")


def _parse_rate(text: str, power: int, label: str) -> float:
    """'1e-18m2/s', '0.5nm2/h' (power 2) or '5nm/h', '1e-12m/s' (power 1) -> SI (m^power/s)."""
    m = _NUM.match(str(text))
    example = "1e-18m2/s or 0.1nm2/h" if power == 2 else "1e-12m/s or 5nm/h"
    if not m:
        raise UnitError(f"cannot read {label} {text!r}: expected a number with a unit, e.g. {example}")
    number, unit = float(m.group(1)), m.group(2).replace(" ", "").replace("^", "").replace("²", "2")
    if "/" not in unit:
        raise UnitError(f"{label} {text!r} needs a unit of length{'^2' if power == 2 else ''} per time, e.g. {example}")
    lu, tu = unit.split("/", 1)
    if power == 2:
        if not lu.endswith("2"):
            raise UnitError(f"{label} {text!r} is a parabolic rate constant: use length^2/time, e.g. {example}")
        lu = lu[:-1]
    lf = parse_quantity(f"1{lu}", "length", name=label)
    tf = parse_quantity(f"1{tu}", "time", name=label)
    return number * lf ** power / tf


def _rate_cb(power: int) -> Callable[..., Any]:
    def _cb(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is None:
            return None
        label = f"--{param.name.replace('_', '-')}" if param.name else "rate"
        v = _parse_rate(value, power, label)
        if v < 0:
            raise UnitError(f"{label} must be non-negative, got {value!r}")
        return v

    return _cb


def _angle_cb(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if value is None:
        return None
    m = _NUM.match(str(value))
    if not m or m.group(2).lower() not in ("", "deg", "°", "degree", "degrees"):
        raise UnitError(f"cannot read --contact-angle {value!r}: give degrees, e.g. 62 or 62deg")
    return float(m.group(1))


def _fraction_cb(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """A fraction: bare number (0.05) or percent (5%)."""
    if value is None:
        return None
    label = f"--{param.name.replace('_', '-')}" if param.name else "fraction"
    return parse_quantity(value, "dimensionless", default_unit="", name=label)


def _points_cb(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """'30C:0.05,160C:14' -> [(303.15, '0.05'), (433.15, '14')] (values parsed later with --unit)."""
    if value is None:
        return None
    out = []
    for item in str(value).split(","):
        if ":" not in item:
            raise UnitError(f"cannot read --points item {item.strip()!r}: write TEMPERATURE:VALUE, e.g. 30C:0.05")
        t, v = item.split(":", 1)
        out.append((parse_quantity(t, "temperature", name="--points temperature"), v.strip()))
    return out


def _fmt(v: float | None, spec: str = ".4g") -> str:
    return "-" if v is None else format(v, spec)


def _warn(result: Any) -> None:
    for w in getattr(result, "warnings", []) or []:
        click.echo(f"  warning: {w}")


def _cite(result: Any) -> None:
    click.echo(f"  equation: {result.equation}")
    click.echo(f"  source:   {result.citation}")


# ---------------------------------------------------------------------------------------------- commands

@click.group("physics")
def physics_group() -> None:
    """Interface physics: contact, wetting, voids, dendrites, growth, transport, percolation, strain."""


@physics_group.command("contact")
@click.option("--conductivity", required=True, callback=_positive("conductivity", "S/cm"),
              help="Ionic conductivity of the electrolyte (default unit S/cm), e.g. 3e-4 or 0.3mS/cm.")
@click.option("--hardness", default="5MPa", show_default=True, callback=_positive("pressure"),
              help="Vickers hardness of Li (Wang et al. 2020: H_Li <= 5 MPa).")
@click.option("--force", callback=_positive("force"), help="Applied force, e.g. 100N.")
@click.option("--pressure", callback=_list_of("pressure"),
              help="Stack pressure(s), comma-separated, e.g. 400MPa or 1MPa,10MPa,100MPa (needs --area).")
@click.option("--area", callback=_positive("area"), help="Apparent electrode area, e.g. 1cm2.")
@click.option("--spots", default=1, show_default=True, type=Checked(1, 1e9, integer=True), help="Number of equal contact spots.")
@json_option
def contact_cmd(conductivity: float, hardness: float, force: float | None, pressure: list[float] | None,
                area: float | None, spots: int, as_json: bool) -> None:
    """Constriction resistance R_int = 1/(2 sigma) sqrt(pi H / F) (Wang et al. 2020, Eq. 1) and ASR vs stack pressure."""
    from ..physics.contact import constriction_resistance

    if force is None and pressure is None:
        raise UnitError("give --force, or --pressure with --area")
    if force is not None and pressure is not None:
        raise UnitError("give either --force or --pressure, not both")
    if force is not None:
        results = [constriction_resistance(conductivity, hardness, force_N=force, area_m2=area, n_contact_spots=spots)]
    else:
        if area is None:
            raise UnitError("--pressure needs --area (F = p * A), e.g. --area 1cm2")
        results = [constriction_resistance(conductivity, hardness, pressure_Pa=p, area_m2=area, n_contact_spots=spots)
                   for p in pressure or []]
    if as_json:
        echo_json(results[0] if len(results) == 1 else results)
        return
    r0 = results[0]
    click.echo(f"Constriction resistance (sigma = {conductivity / 100:.3g} S/cm, H = {hardness / 1e6:.3g} MPa)")
    for r in results:
        p = f"{r.pressure_Pa / 1e6:.4g} MPa" if r.pressure_Pa is not None else "-"
        asr = f"{r.asr_ohm_cm2:.4g} ohm cm2" if r.asr_ohm_cm2 is not None else "- (no area)"
        flag = "" if r.applicable else "  [Eq. 1 not applicable: contact complete]"
        click.echo(f"  F = {r.force_N:.4g} N  p = {p}  R_int = {r.resistance_ohm:.4g} ohm  ASR = {asr}{flag}")
    _cite(r0)
    seen: set[str] = set()
    for r in results:
        for w in r.warnings:
            key = w.split(":")[0] if "real contact area" in w else w
            if key not in seen:
                seen.add(key)
                click.echo(f"  warning: {w}")


@physics_group.command("wetting")
@click.option("--work-of-adhesion", callback=_positive("energy_per_area", "J/m2", allow_zero=True),
              help="Work of adhesion of Li on the substrate (default unit J/m2), e.g. 0.67.")
@click.option("--contact-angle", callback=_angle_cb, help="Contact angle in degrees (inverse: gives W_ad).")
@click.option("--surface-energy", default="0.46J/m2", show_default=True,
              callback=_positive("energy_per_area", "J/m2"), help="Surface energy of Li (default unit J/m2).")
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
    if as_json:
        echo_json(r)
        return
    click.echo(f"Wetting of Li (gamma_Li = {r.surface_energy_J_per_m2:.3g} J/m2)")
    click.echo(f"  work of adhesion {r.work_of_adhesion_J_per_m2:.4g} J/m2  <->  contact angle "
               f"{r.contact_angle_deg:.1f} deg ({r.wetting})")
    _cite(r)
    _warn(r)


@physics_group.command("voids")
@click.option("--current-density", callback=_positive("current_density", "mA/cm2", allow_zero=True),
              help="Stripping current density (default unit mA/cm2).")
@click.option("--temperature", default="25C", show_default=True, callback=quantity("temperature"),
              help="Temperature, e.g. 25C or 298K.")
@click.option("--pressure", default="0MPa", show_default=True, callback=_positive("pressure", allow_zero=True),
              help="Stack pressure, e.g. 5MPa.")
@click.option("--self-diffusivity", callback=_positive("diffusivity"),
              help="Li self-diffusivity at this temperature, e.g. 5.6e-11cm2/s (default: Arrhenius, 0.55 eV).")
@click.option("--diffusion-length", default="50um", show_default=True, callback=_positive("length"),
              help="Distance to vacancy sinks.")
@json_option
def voids_cmd(current_density: float | None, temperature: float, pressure: float, self_diffusivity: float | None,
              diffusion_length: float, as_json: bool) -> None:
    """Will stripping form voids? Vacancy-diffusion + creep limit of Wang et al. 2020, § 2.4 (ref. [57])."""
    from ..physics.voids import void_limit

    r = void_limit(temperature, pressure, current_density, self_diffusivity_m2_per_s=self_diffusivity,
                   diffusion_length_m=diffusion_length)
    if as_json:
        echo_json(r)
        return
    click.echo(f"Stripping void limit at {temperature - ZERO_CELSIUS_K:.1f} C, {pressure / 1e6:.4g} MPa")
    click.echo(f"  j_lim = {r.limiting_current_density_mA_per_cm2:.4g} mA/cm2 (vacancy diffusion "
               f"{r.diffusion_limit_mA_per_cm2:.4g} + creep {r.creep_limit_mA_per_cm2:.3g}); "
               f"Li self-diffusivity {r.self_diffusivity_m2_per_s * 1e4:.3g} cm2/s")
    if r.current_density_mA_per_cm2 is not None:
        verdict = "VOIDS FORM" if r.voids_form else "no voids"
        click.echo(f"  j = {r.current_density_mA_per_cm2:.4g} mA/cm2 -> {verdict} (j / j_lim = {r.ratio_to_limit:.3g})")
    _cite(r)
    _warn(r)


@physics_group.group("dendrite")
def dendrite_group() -> None:
    """Dendrite criteria: monroe (shear modulus), nucleation (Eq. 3), growth (Eqs. 4-5)."""


@dendrite_group.command("monroe")
@click.option("--shear-modulus", default="60GPa", show_default=True, callback=_positive("modulus"),
              help="Shear modulus of the electrolyte (garnet about 60 GPa).")
@click.option("--li-shear-modulus", default="4.2GPa", show_default=True, callback=_positive("modulus"),
              help="Shear modulus of Li (3.4-4.9 GPa).")
@json_option
def monroe_cmd(shear_modulus: float, li_shear_modulus: float, as_json: bool) -> None:
    """Monroe-Newman criterion G_SE >= 2 G_Li (Wang et al. 2020, § 2.5, ref. [7])."""
    from ..physics.dendrites import monroe_newman

    r = monroe_newman(shear_modulus, li_shear_modulus)
    if as_json:
        echo_json(r)
        return
    click.echo(f"Monroe-Newman: G_SE / G_Li = {r.electrolyte_shear_modulus_GPa:.3g} / {r.li_shear_modulus_GPa:.3g} "
               f"= {r.modulus_ratio:.3g} (needs >= {r.required_ratio:g}): "
               f"{'suppresses' if r.suppresses_dendrites else 'does not suppress'} dendrites")
    _cite(r)
    _warn(r)


@dendrite_group.command("nucleation")
@click.option("--conductivity", required=True, callback=_positive("conductivity", "S/cm"),
              help="Overall ionic conductivity (default unit S/cm); rho = 1/sigma.")
@click.option("--grain-size", required=True, callback=_positive("length"), help="Crystallite size d, e.g. 10um.")
@click.option("--current-density", callback=_positive("current_density", "mA/cm2", allow_zero=True),
              help="Current density (default unit mA/cm2).")
@click.option("--alpha", default=0.0, show_default=True, type=Checked(0.0, 1.0, hi_open=True), help="d'/d (0 <= alpha < 1).")
@click.option("--interface-energy", default="0.5J/m2", show_default=True,
              callback=_positive("energy_per_area", "J/m2", allow_zero=True), help="gamma, J/m2.")
@click.option("--radius", default="10nm", show_default=True, callback=_positive("length"), help="Embryo radius r_c.")
@click.option("--fracture-stress", default="100MPa", show_default=True,
              callback=_positive("pressure", allow_zero=True), help="Fracture stress sigma_F.")
@json_option
def nucleation_cmd(conductivity: float, grain_size: float, current_density: float | None, alpha: float,
                   interface_energy: float, radius: float, fracture_stress: float, as_json: bool) -> None:
    """Raj-Wolfenstine nucleation: j rho d (1-alpha)|e| >= 2 gamma Omega/r_c + sigma_F Omega (Wang et al. 2020, Eq. 3)."""
    from ..physics.dendrites import raj_wolfenstine_nucleation

    r = raj_wolfenstine_nucleation(1.0 / conductivity, grain_size, current_density_A_per_m2=current_density,
                                   alpha=alpha, interface_energy_J_per_m2=interface_energy, embryo_radius_m=radius,
                                   fracture_stress_Pa=fracture_stress)
    if as_json:
        echo_json(r)
        return
    click.echo("Raj-Wolfenstine nucleation (energies per Li atom)")
    click.echo(f"  opposing  2 gamma Omega/r_c + sigma_F Omega = {r.surface_term_eV:.4g} + {r.fracture_term_eV:.4g} "
               f"= {r.opposing_force_eV:.4g} eV")
    if r.current_density_mA_per_cm2 is not None:
        click.echo(f"  driving   j rho d (1-alpha)|e| = {r.driving_force_eV:.4g} eV at {r.current_density_mA_per_cm2:.4g} "
                   f"mA/cm2 -> {'nucleates' if r.nucleates else 'no nucleation'}")
    click.echo(f"  critical current density {r.critical_current_density_mA_per_cm2:.4g} mA/cm2")
    _cite(r)


@dendrite_group.command("growth")
@click.option("--current-density", required=True, callback=_positive("current_density", "mA/cm2", allow_zero=True),
              help="Mean current density j (default unit mA/cm2).")
@click.option("--asr", required=True, callback=_positive("area_resistance"),
              help="Interfacial area-specific resistance k_int, e.g. '10ohm cm2'.")
@click.option("--height", required=True, callback=_positive("length"), help="Tip distance h from the Li surface.")
@click.option("--width", required=True, callback=_positive("length"), help="Nucleus width w.")
@click.option("--fracture-stress", default="100MPa", show_default=True,
              callback=_positive("pressure", allow_zero=True), help="Back stress sigma_F.")
@json_option
def growth_dendrite_cmd(current_density: float, asr: float, height: float, width: float, fracture_stress: float,
                        as_json: bool) -> None:
    """Current focusing j h/w (Eq. 4) and driving force |e| k_int j h/w - sigma_F Omega (Eq. 5)."""
    from ..physics.dendrites import dendrite_growth_driving_force

    r = dendrite_growth_driving_force(current_density, asr, height, width, fracture_stress)
    if as_json:
        echo_json(r)
        return
    click.echo(f"Dendrite growth: local j = {r.local_current_density_mA_per_cm2:.4g} mA/cm2; "
               f"Delta mu = {r.electrochemical_term_eV:.4g} - {r.mechanical_term_eV:.4g} = {r.driving_force_eV:.4g} "
               f"eV per Li -> {'grows' if r.grows else 'does not grow'}")
    click.echo(f"  critical mean current density {r.critical_current_density_mA_per_cm2:.4g} mA/cm2")
    _cite(r)
    _warn(r)


@physics_group.command("ccd")
@click.option("--points", required=True, callback=_points_cb,
              help="TEMPERATURE:CCD pairs, e.g. 30C:0.05,160C:14 (CCD in --unit unless written with a unit).")
@click.option("--unit", default="mA/cm2", show_default=True, help="Unit of bare CCD values.")
@click.option("--at", "at", callback=_list_of("temperature"), help="Predict the CCD at these temperatures, e.g. 25C,60C.")
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
    if as_json:
        echo_json(r)
        return
    click.echo(f"CCD = A exp(-Ea/kT): apparent activation energy Ea = {r.activation_energy_eV:.4f} eV "
               f"({r.activation_energy_kJ_per_mol:.1f} kJ/mol), A = {r.prefactor_mA_per_cm2:.4g} mA/cm2")
    for p in r.points:
        click.echo(f"  {p['temperature_C']:7.1f} C  CCD {p['ccd_mA_per_cm2']:.4g} mA/cm2  fit {p['fitted_ccd_mA_per_cm2']:.4g}")
    for p in r.predictions:
        click.echo(f"  {p['temperature_C']:7.1f} C  predicted CCD {p['ccd_mA_per_cm2']:.4g} mA/cm2")
    _cite(r)
    _warn(r)


@physics_group.command("growth")
@click.option("--kind", "kind", help="Interface classification: stable, SEI or MCI.")
@click.option("--electronically-conducting/--electronically-insulating", "conducting", default=None,
              help="Alternative to --kind: does the interphase conduct electrons?")
@click.option("--rate", help="Rate constant: parabolic k_p for SEI (e.g. 1e-21m2/s, L^2 = k_p t) or linear k_l "
                             "for MCI (e.g. 1nm/h, L = k_l t).")
@click.option("--time", "times", default="1h,10h,100h,1000h", show_default=True, callback=_list_of("time", allow_zero=True),
              help="Times, comma-separated.")
@click.option("--conductivity", required=True, callback=_positive("conductivity", "S/cm"),
              help="Ionic conductivity of the interphase (default unit S/cm).")
@click.option("--initial-thickness", default="0nm", show_default=True, callback=_positive("length", allow_zero=True),
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
            kp = _parse_rate(rate, 2, "--rate")
        else:
            kl = _parse_rate(rate, 1, "--rate")
        if (kp or 0) < 0 or (kl or 0) < 0:
            raise UnitError(f"--rate must be non-negative, got {rate!r}")
    r = interphase_growth(times, conductivity, classification=cls, parabolic_rate_m2_per_s=kp,
                          linear_rate_m_per_s=kl, initial_thickness_m=initial_thickness)
    if as_json:
        echo_json(r)
        return
    click.echo(f"Interphase growth: {r.classification} -> {r.law} law")
    for p in r.points:
        click.echo(f"  t = {p['time_h']:10.4g} h   L = {p['thickness_nm']:10.4g} nm   ASR = {p['asr_ohm_cm2']:.4g} ohm cm2")
    _cite(r)
    _warn(r)


@physics_group.command("arrhenius")
@click.option("--conductivity", callback=_positive("conductivity", "S/cm"),
              help="Conductivity at the reference temperature (default unit S/cm).")
@click.option("--activation-energy", callback=quantity("energy_ev"), help="Ea, e.g. 0.3eV or 29kJ/mol.")
@click.option("--temperature", "temperatures", callback=_list_of("temperature"),
              help="Target temperature(s), e.g. 60C or -20C,60C.")
@click.option("--reference-temperature", default="25C", show_default=True, callback=quantity("temperature"),
              help="Temperature of the given conductivity.")
@click.option("--form", type=click.Choice(["plain", "sigma_T"]), default="plain", show_default=True,
              help="plain: sigma = A exp(-Ea/kT); sigma_T: sigma T = A exp(-Ea/kT).")
@click.option("--points", callback=_points_cb,
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
        if as_json:
            echo_json(fit)
            return
        click.echo(f"Arrhenius fit ({form}): Ea = {fit.activation_energy_eV:.4f} eV "
                   f"({fit.activation_energy_kJ_per_mol:.1f} kJ/mol), {fit.n_points} points, "
                   f"rms residual {fit.rms_residual_ln:.3g} in ln")
        for t in temperatures or []:
            click.echo(f"  {t - ZERO_CELSIUS_K:7.1f} C  sigma = {fit.predict(t) / 100:.4g} S/cm")
        _cite(fit)
        _warn(fit)
        return
    if conductivity is None or activation_energy is None or not temperatures:
        raise UnitError("give --conductivity, --activation-energy and --temperature (or --points to fit)")
    results = [arrhenius_conductivity(conductivity, activation_energy, t, reference_temperature, form)
               for t in temperatures]
    if as_json:
        echo_json(results[0] if len(results) == 1 else results)
        return
    click.echo(f"Arrhenius ({form}): sigma_ref = {conductivity / 100:.4g} S/cm at "
               f"{reference_temperature - ZERO_CELSIUS_K:.1f} C, Ea = {activation_energy:.4g} eV")
    for r in results:
        click.echo(f"  {r.temperature_C:7.1f} C  sigma = {r.conductivity_S_per_cm:.4g} S/cm  (x{r.ratio_to_reference:.3g})")
    _cite(results[0])
    for r in results:
        _warn(r)


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
    if as_json:
        echo_json(r)
        return
    click.echo(f"{species} in {r.host}: diffusion length {r.length_nm:.4g} nm over {len(r.steps)} step(s)")
    for st in r.steps:
        click.echo(f"  {st.temperature_K - ZERO_CELSIUS_K:7.1f} C  {st.duration_s / 3600:g} h  "
                   f"D = {st.diffusivity_m2_per_s * 1e4:.3g} cm2/s  sqrt(Dt) = {st.length_m * 1e9:.4g} nm")
    click.echo(f"  D0 = {r.parameters.d0_m2_per_s:.3g} m2/s, Ea = {r.parameters.activation_energy_eV:g} eV "
               f"({r.parameters.basis})")
    _cite(r)


@physics_group.command("bricklayer")
@click.option("--bulk", required=True, callback=_positive("conductivity", "S/cm"),
              help="Bulk (grain) conductivity (default unit S/cm).")
@click.option("--gb", required=True, callback=_positive("conductivity", "S/cm"),
              help="Grain-boundary conductivity (default unit S/cm).")
@click.option("--gb-thickness", default="5nm", show_default=True, callback=_positive("length"),
              help="Grain-boundary thickness.")
@click.option("--grain-size", required=True, callback=_positive("length"), help="Grain size, e.g. 1um.")
@json_option
def bricklayer_cmd(bulk: float, gb: float, gb_thickness: float, grain_size: float, as_json: bool) -> None:
    """Series brick-layer model: 1/sigma = 1/sigma_bulk + (delta_gb/d)/sigma_gb."""
    from ..physics.transport import brick_layer_conductivity

    r = brick_layer_conductivity(bulk, gb, gb_thickness, grain_size)
    if as_json:
        echo_json(r)
        return
    click.echo(f"Brick layer: sigma_total = {r.total_conductivity_S_per_cm:.4g} S/cm "
               f"(grain boundaries {100 * r.grain_boundary_resistance_fraction:.1f} % of the resistance)")
    _cite(r)
    _warn(r)


@physics_group.command("percolation")
@click.option("--threshold-am", default=0.55, show_default=True, type=Checked(0.0, 1.0, lo_open=True, hi_open=True),
              help="Percolation threshold of the active material (volume fraction).")
@click.option("--threshold-se", default=0.10, show_default=True, type=Checked(0.0, 1.0, lo_open=True, hi_open=True),
              help="Percolation threshold of the electrolyte (volume fraction).")
@click.option("--exponent", default=2.0, show_default=True, type=Checked(0.0, 10.0, lo_open=True), help="Percolation exponent t.")
@click.option("--porosity", default="0", show_default=True, callback=_fraction_cb, help="Porosity (0.1 or 10%).")
@click.option("--sigma-am", default=None, callback=_positive("conductivity", "S/cm"),
              help="Electronic conductivity of the active material (S/cm); default: normalised to 1.")
@click.option("--sigma-se", default=None, callback=_positive("conductivity", "S/cm"),
              help="Ionic conductivity of the electrolyte (S/cm); default: normalised to 1.")
@click.option("--at", "at", callback=_fraction_cb, help="Also evaluate one composition (AM fraction, 0.7 or 70%).")
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
    lo, hi = r.near_optimal_range_vol_percent
    click.echo(f"Composite cathode: optimum {r.optimum_active_material_vol_percent:.1f} vol% active material "
               f"(s_e s_i >= {100 * r.near_optimal_level:.0f} % of max for {lo:.1f}-{hi:.1f} vol%; "
               f"Wang et al. 2020: 69-79 vol%)")
    w0, w1 = r.percolating_window_vol_percent
    click.echo(f"  both phases percolate for {w0:.1f}-{w1:.1f} vol% AM; at the optimum s_e = "
               f"{r.electronic_normalised_at_optimum:.3g}, s_i = {r.ionic_normalised_at_optimum:.3g}")
    if one is not None:
        click.echo(f"  at {one.active_material_vol_percent:.1f} vol%: s_e = {one.electronic_normalised:.3g}, "
                   f"s_i = {one.ionic_normalised:.3g}, product {one.product_normalised:.3g}")
    _cite(r)
    _warn(r)


@physics_group.command("strain")
@click.option("--volume-change", required=True, callback=_fraction_cb,
              help="Volume change dV/V of the active material: fraction (-0.05) or percent (-5%).")
@click.option("--modulus", default="150GPa", show_default=True, callback=_positive("modulus"),
              help="Young's modulus of the electrolyte (LLZO about 150 GPa).")
@click.option("--poisson", default=0.26, show_default=True, type=Checked(-1.0, 0.5, lo_open=True, hi_open=True), help="Poisson ratio of the electrolyte.")
@click.option("--particle-bulk-modulus", callback=_positive("modulus"),
              help="Bulk modulus of the active particle (default: rigid particle).")
@click.option("--fracture-strength", callback=_positive("pressure"), help="Electrolyte fracture strength, e.g. 150MPa.")
@json_option
def strain_cmd(volume_change: float, modulus: float, poisson: float, particle_bulk_modulus: float | None,
               fracture_strength: float | None, as_json: bool) -> None:
    """Linear strain (1+dV/V)^(1/3)-1 and stress in a stiff electrolyte (Wang et al. 2020, § 3.4)."""
    from ..physics.mechanics import volume_change_stress

    r = volume_change_stress(volume_change, modulus, poisson, active_bulk_modulus_Pa=particle_bulk_modulus,
                             fracture_strength_Pa=fracture_strength)
    if as_json:
        echo_json(r)
        return
    click.echo(f"Volume change {r.volume_change_percent:+.3g} % -> linear strain {r.linear_strain_percent:+.3g} %")
    click.echo(f"  constrained stress E eps/(1-nu) = {r.constrained_stress_MPa:.4g} MPa; Eshelby interface pressure "
               f"{r.inclusion_pressure_MPa:.4g} MPa")
    click.echo(f"  largest tensile stress {r.max_tensile_stress_MPa:.4g} MPa ({r.tensile_mode})")
    if r.fracture_strength_MPa is not None:
        click.echo(f"  fracture strength {r.fracture_strength_MPa:.4g} MPa -> "
                   f"{'EXCEEDED: cracking or debonding expected' if r.exceeds_fracture_strength else 'not exceeded'}")
    _cite(r)
    _warn(r)


def register(cli: click.Group) -> None:
    """Add the ``physics`` group to the top-level ``ssbkit`` command."""
    cli.add_command(physics_group)
