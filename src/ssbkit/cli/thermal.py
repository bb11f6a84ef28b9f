"""CLI: ``ssbkit thermal`` (two materials heated together), ``ssbkit air`` (a material in an atmosphere),
``ssbkit anneal`` (the temperature that removes a surface layer)."""

from __future__ import annotations

from typing import Any

import click

from ..errors import SsbkitError
from ._common import atmosphere_spec as _atmosphere
from ._common import show, temperatures
from .options import entries_option, json_option, thermo_for


def atmosphere_options(f: Any) -> Any:
    f = click.option("--open", "open_mu", default=None, metavar="EL=eV,...",
                     help="Chemical potentials given directly (eV/atom vs the element at T), e.g. O=-1.2; "
                          "they override the gases'. Alone: no gas besides them.")(f)
    f = click.option("--carbon", is_flag=True, help="A carbon source in contact (graphite; CO buffers oxygen).")(f)
    f = click.option("--humidity", default=None, metavar="PERCENT",
                     help="Relative humidity at 25 C (0-100 %; adds H2O; air defaults to 50 %).")(f)
    f = click.option("--atmosphere", default=None, metavar="PRESET|GAS=BAR,...",
                     help="air (default), dry-air, o2, ar, n2, vacuum, co2, or partial pressures in bar "
                          "(O2=0.21,CO2=4e-4,H2O=0.01).")(f)
    f = click.option("--experimental", is_flag=True,
                     help="Compounds with a NIST-JANAF crystal table use its measured G_f(T) (the difference from "
                          "the SISSO estimate is reported; tables shipped with ssbkit).")(f)
    return click.option("--volumes", metavar="PATH", default=None,
                        help="Volumes per atom for G(T) (CSV: reduced_formula, volume_A3_per_atom). "
                             "Default: $SSBKIT_VOLUMES.")(f)


@click.command("thermal")
@click.argument("a")
@click.argument("b")
@click.option("--temperature", "temperature", default="25C:1100C:25K", show_default=True,
              metavar="T|START:STOP[:STEP]", help="Temperature or range (units C or K; step default 25 K).")
@atmosphere_options
@click.option("--ratio", default=0.5, show_default=True, type=float,
              help="Formula-unit fraction of A in the mixture whose equilibrium products are reported.")
@click.option("--threshold", default=0.01, show_default=True, type=float,
              help="Onset: the lowest temperature with a reaction energy below -THRESHOLD eV/atom.")
@click.option("--plot", "plot_path", metavar="FILE.png|svg|pdf", help="Driving force vs temperature.")
@entries_option
@json_option
def thermal_cmd(a: str, b: str, temperature: str, volumes: str | None, atmosphere: str | None,
                humidity: str | None, carbon: bool, open_mu: str | None, experimental: bool, ratio: float, threshold: float, plot_path: str | None, entries: str | None,
                as_json: bool) -> None:
    """A and B heated together in an atmosphere (co-sintering, annealing; Wang et al. 2020 §3.2.2-3.3).

    e.g. ssbkit thermal LCO LLZO --temperature 25C:1100C --atmosphere air
    """
    from ..interfaces.thermal import ThermalCalculator

    if plot_path and not plot_path.lower().endswith((".png", ".svg", ".pdf")):
        raise click.BadParameter("give a .png, .svg or .pdf file name", param_hint="--plot")
    ts = temperatures(temperature)
    atm = _atmosphere(atmosphere, humidity, carbon, open_mu)
    calc = ThermalCalculator(thermo_for(entries), a, b, atm, volumes, ratio, experimental)
    if len(ts) == 1:
        res: Any = calc.at(ts[0])
    else:
        from .options import with_progress

        pts = with_progress(ts, "temperatures", calc.at)
        res = calc.scan_from(pts, threshold)
    if plot_path:
        from ..views import plots

        plots.save(plots.thermal_chart(res if len(ts) > 1 else calc.scan_from([res], threshold)), plot_path)
    show(res, as_json)
    if plot_path and not as_json:
        click.echo(f"plot written to {plot_path}")


@click.command("air")
@click.argument("material")
@click.option("--temperature", default="25C", show_default=True, metavar="T", help="Temperature (C or K).")
@atmosphere_options
@entries_option
@json_option
def air_cmd(material: str, temperature: str, volumes: str | None, atmosphere: str | None, humidity: str | None,
            carbon: bool, open_mu: str | None, experimental: bool, entries: str | None, as_json: bool) -> None:
    """What MATERIAL becomes in air or another atmosphere (Li2CO3, LiOH ... on garnets; Wang et al. 2020 §2.2)."""
    from ..interfaces.thermal import in_atmosphere

    ts = temperatures(temperature)
    if len(ts) != 1:
        raise SsbkitError("give one --temperature for air (e.g. 25C)", param="temperature")
    r = in_atmosphere(thermo_for(entries), material, _atmosphere(atmosphere, humidity, carbon, open_mu), ts[0],
                      volumes, experimental=experimental)
    show(r, as_json)


@click.command("anneal")
@click.argument("layer")
@click.option("--on", "substrate", default=None, metavar="MATERIAL", help="The layer sits on this material.")
@click.option("--up-to", "up_to", default="1500C", show_default=True, metavar="T", help="Highest temperature searched.")
@click.option("--carbon-amount", "carbon_amount", default=None, metavar="MOL",
              help="The carbon in contact, mol C per formula unit of LAYER (implies --carbon; default: as much as the "
                   "removal takes). A shortfall removes that share with carbon; the rest leaves on its own.")
@atmosphere_options
@entries_option
@json_option
def anneal_cmd(layer: str, substrate: str | None, up_to: str, carbon_amount: str | None, volumes: str | None,
               atmosphere: str | None, humidity: str | None, carbon: bool, open_mu: str | None, experimental: bool,
               entries: str | None, as_json: bool) -> None:
    """Temperature at which a surface LAYER (Li2CO3, LiOH) is removed in an atmosphere (Wang et al. 2020 §2.3.1).

    e.g. ssbkit anneal Li2CO3 --on LLZO --atmosphere ar --carbon
    """
    from ..interfaces.removal import removal_temperature

    hi = temperatures(up_to)
    if len(hi) != 1 or hi[0] <= 300:
        raise SsbkitError("--up-to takes one temperature above 300 K", param="temperature")
    atm = _atmosphere(atmosphere or "ar", humidity, carbon, open_mu, carbon_amount)
    r = removal_temperature(thermo_for(entries), layer, atm, substrate, t_high=hi[0], volumes=volumes,
                            experimental=experimental)
    show(r, as_json)


def register(cli: click.Group) -> None:
    cli.add_command(thermal_cmd)
    cli.add_command(air_cmd)
    cli.add_command(anneal_cmd)
