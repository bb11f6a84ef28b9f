"""Options shared by the thermodynamic commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click


def _entries_path(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Refuse an empty, missing, non-regular or unknown-type entries file before any work starts."""
    if value is None or value.strip().lower() == "mp":
        return value
    from pathlib import Path

    from ..data.readers import check_entries_path

    if not value.strip():
        raise click.BadParameter("empty path: give a CSV/JSON file of entries or 'mp'", ctx=ctx, param=param)
    check_entries_path(Path(value).expanduser())
    return value


def _bandgaps_path(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Open (and so validate, row by row) a given band-gap file before any work starts; it is memoised."""
    if value is None or value.strip().lower() == "mp":
        return value
    if not value.strip():
        raise click.BadParameter("empty path: give a CSV of pretty_formula, band_gap (eV) or 'mp'", ctx=ctx,
                                 param=param)
    from ..data.bandgaps import open_bandgaps

    open_bandgaps(value)
    return value


entries_option = click.option(
    "--entries", "entries", metavar="PATH|mp", default=None, callback=_entries_path,
    help="Thermodynamic data: CSV/CSV.gz (formula, formation energy eV/atom), pymatgen ComputedEntry "
         "JSON, or 'mp' (Materials Project API, key in MP_API_KEY). Default: $SSBKIT_ENTRIES.")

bandgaps_option = click.option(
    "--bandgaps", "bandgaps", metavar="PATH|mp", default=None, callback=_bandgaps_path,
    help="Band gaps for the electronic character of products: CSV/CSV.gz (pretty_formula, band_gap eV) "
         "or 'mp'. Default: $SSBKIT_BANDGAPS.")

json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON only.")


def thermo_for(entries: str | None, corrections: str | None = None) -> Any:
    """Open the data source and return a :class:`ssbkit.thermo.Thermo`."""
    from ..data.source import open_source
    from ..thermo import Thermo

    return Thermo(open_source(entries, corrections))


def temperature_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--temperature T`` and ``--volumes PATH``: Gibbs energies at T instead of the 0 K data."""
    import click

    f = click.option("--volumes", metavar="PATH", default=None,
                     help="Volumes per atom for G(T) (CSV: reduced_formula, volume_A3_per_atom). "
                          "Default: $SSBKIT_VOLUMES.")(f)
    f = click.option("--experimental", is_flag=True,
                     help="With --temperature: compounds with a NIST-JANAF crystal table use its measured G_f(T) "
                          "(the difference from the SISSO estimate is reported; tables shipped with ssbkit).")(f)
    f = click.option("--corrections", "corrections", default=None, metavar="legacy|mp2020|none",
                     help="The energies' correction scheme: applied to entries with calculation parameters "
                          "(ComputedEntry JSON, the API); for a formation-energy table, the scheme it holds "
                          "(default: legacy for tables, mp2020 for the API; docs/thermo.md).")(f)
    f = click.option("--uncorrect", "uncorrect", default=None, metavar="EL,...",
                     help="Remove these anions' fitted energy corrections from the data, e.g. S (docs/thermo.md).")(f)
    f = click.option("--exclude", "exclude", default=None, metavar="suspect|FORMULA,...",
                     help="Leave these phases out of the data ('suspect': the curated list of questionable "
                          "database phases, docs/thermo.md).")(f)
    f = click.option("--open", "open_mu", default=None, metavar="EL=eV,...",
                     help="Hold elements open at these chemical potentials (eV/atom vs the element at T), e.g. "
                          "O=-1.2.")(f)
    f = click.option("--humidity", default=None, metavar="PERCENT", help="With --atmosphere: relative humidity "
                     "at 25 C (0-100 %).")(f)
    f = click.option("--atmosphere", default=None, metavar="PRESET|GAS=BAR,...",
                     help="Hold the gases' elements open (air, dry-air, o2, ar, n2, vacuum, co2, or O2=0.21,...); "
                          "energies become grand potentials per atom of the other elements.")(f)
    return click.option("--temperature", default=None, metavar="T",
                        help="Gibbs energies at this temperature (e.g. 700C; Bartel SISSO); default: the 0 K "
                             "data.")(f)


def thermo_at(entries: str | None, temperature: str | None, volumes: str | None, experimental: bool = False,
              atmosphere: str | None = None, humidity: str | None = None, open_mu: str | None = None,
              exclude: str | None = None, uncorrect: str | None = None, corrections: str | None = None) -> Any:
    """:func:`thermo_for`, without the ``exclude`` phases, taken to ``temperature`` (one value, C or K) and into
    an atmosphere when given."""
    import click

    th = thermo_for(entries, corrections)
    if exclude is not None:
        from ..data.suspect import expand
        from ..validate import name

        formulas = expand([name(x, "phase to exclude") for x in exclude.split(",") if x.strip()])
        if not formulas:
            raise click.BadParameter("give formulas, or 'suspect'", param_hint="--exclude")
        th = th.excluding(formulas)
    if uncorrect is not None:
        th = th.uncorrected([x for x in uncorrect.split(",") if x.strip()])
    t = 0.0
    if temperature is not None:
        from ._common import temperatures

        ts = temperatures(temperature)
        if len(ts) != 1:
            raise click.BadParameter("give one temperature, e.g. 700C", param_hint="--temperature")
        t = ts[0]
    if atmosphere is None and open_mu is None:
        if humidity is not None:
            raise click.BadParameter("--humidity goes with --atmosphere", param_hint="--humidity")
        return th.at_temperature(t, volumes, experimental) if t > 0 else th
    from ._common import atmosphere_spec

    return th.in_atmosphere(atmosphere_spec(atmosphere, humidity, False, open_mu), t, volumes, experimental)


def structure_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """``--structure FILE.cif`` (a phase the data does not hold), ``--structures PATH``, ``--no-relax``."""
    f = click.option("--no-relax", "no_relax", is_flag=True,
                     help="With --structure: evaluate the structure as given (no relaxation by the potential).")(f)
    f = click.option("--structures", "structures", metavar="PATH", default=None,
                     help="Structures of known phases (JSON lines of formula, cif) for the potential's correction. "
                          "Default: $SSBKIT_STRUCTURES.")(f)
    return click.option("--structure", "structure", metavar="FILE.cif", default=None,
                        help="A structure the data does not hold: its energy from the machine-learned potential "
                             "(CHGNet, ssbkit[mlip]), placed on the hull of the data.")(f)


def read_structure(structure: str) -> Any:
    """A pymatgen ``Structure`` from a CIF/POSCAR file (one-line error when unreadable)."""
    from ..errors import SsbkitError
    from ..io import regular_file

    path = regular_file(structure, "structure file", param="structure")
    try:
        import warnings

        from pymatgen.core import Structure

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            s = Structure.from_file(str(path))
    except Exception as exc:  # noqa: BLE001 - any unreadable structure file: one line
        raise SsbkitError(f"cannot read structure {structure}: {str(exc).splitlines()[0] if str(exc) else exc}",
                          param="structure") from None
    return s


def with_structure(th: Any, structure: str | None, structures: str | None, no_relax: bool) -> tuple[Any, str | None]:
    """(thermo, formula) with the structure's phase added, or (thermo, None)."""
    if structure is None:
        return th, None
    from ..views import progress

    s = read_structure(structure)
    how = "single point" if no_relax else "relaxing"
    with progress.status(f"{s.composition.reduced_formula} ({len(s)} atoms): CHGNet {how} and references") as _:
        th2, phase = th.with_structure(s, structures, relax=not no_relax)
    return th2, phase.formula


#: file names read as structures where a material is expected
STRUCTURE_SUFFIXES = (".cif", ".vasp", ".poscar")


def is_structure_file(name: str) -> bool:
    """A material argument that names a structure file (``new.cif``, ``POSCAR``, ``x.vasp``) that exists."""
    from pathlib import Path

    p = Path(name).expanduser()
    low = p.name.lower()
    return (low.endswith(STRUCTURE_SUFFIXES) or low.startswith(("poscar", "contcar"))) and p.is_file()


def with_structures(th: Any, names: list[str | None], structure: str | None, structures: str | None,
                    no_relax: bool) -> tuple[Any, list[str | None]]:
    """The thermo with ``--structure`` and every material argument that is a structure file added (through the
    machine-learned potential), and the names with those files replaced by their formulas."""
    th, _ = with_structure(th, structure, structures, no_relax)
    out: list[str | None] = []
    for n in names:
        if n is not None and th is not None and is_structure_file(n):
            th, n = with_structure(th, n, structures, no_relax)
        out.append(n)
    return th, out


def with_progress(items: list[Any], label: str, fn: Callable[[Any], Any]) -> list[Any]:
    """Apply ``fn`` to items with a progress bar on stderr (counts and ETA) when there are several and stderr is a
    terminal (:mod:`ssbkit.views.progress`)."""
    from ..views import progress

    return progress.each(items, label, fn)
