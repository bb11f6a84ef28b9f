"""Text of ``ssbkit data``: which data a fresh install or a configured one uses, and how to change it."""

from __future__ import annotations

from rich.console import Console


def data_sources(out: Console, info: dict, config_path: str) -> None:
    """Which data ``ssbkit data`` found (each source and where it was set), the embedded defaults, how to change."""
    for key in ("entries", "bandgaps", "volumes", "structures"):
        d = info[key]
        src_txt = d.get("data_source") or d.get("source") or d.get("error")
        where = d.get("from", "?")
        out.print(f"{key}: {src_txt}" + ("" if where == "embedded default" else f"  [dim](from {where})[/dim]"))
    e = info["embedded"]
    out.print(f"embedded default data: {e['entries']:,} formation energies, {e['band_gap_formulas']:,} band-gap "
              f"formulas, {e['volumes']:,} volumes, {e['structures']:,} structures ({e['size_bytes'] / 1e6:.1f} MB, "
              f"{e['licence']}); cite {e['cite']}")
    out.print("to use your own: --entries PATH|mp or SSBKIT_ENTRIES (a CSV of formula + formation energy per atom, "
              "a pymatgen ComputedEntry JSON, or the Materials Project API with MP_API_KEY); SSBKIT_BANDGAPS, "
              f"SSBKIT_VOLUMES, SSBKIT_STRUCTURES likewise; or the same keys in {config_path}")
