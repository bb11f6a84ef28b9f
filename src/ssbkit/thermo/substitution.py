"""Which substitution a doping asks for: the parsed ``DOPANT[:SITE]=X`` text, the host's oxidation states, the
dopant's charge, and the site picked when none is given (the doped materials ssbkit names, else Goldschmidt's
rules: charge and Shannon radius)."""

from __future__ import annotations

import math
import re
from typing import Any

from ..errors import SsbkitError

_SPEC = re.compile(r"^\s*([A-Z][a-z]?)(\d*[+-])?\s*(?::\s*([A-Z][a-z]?))?\s*=\s*([0-9]*\.?[0-9]+(?:[eE][-+]?\d+)?)\s*"
                   r"(fu|/fu)?\s*$")
#: an ion fits a site when its radius is within this fraction of the site's ion (Goldschmidt's rule of thumb)
RADIUS_MISMATCH = 0.30


def parse_substitution(text: str) -> tuple[str, int | None, str | None, float, bool]:
    """``"Ta:Zr=0.25"`` (a quarter of the Zr sites), ``"Al3+:Li=0.25fu"`` (0.25 Al per formula unit of the
    host), ``"Ta=0.25"`` (the site picked, :func:`pick_site`): (dopant, its charge or None, replaced element or
    None, amount, per_formula_unit)."""
    from pymatgen.core import Element

    m = _SPEC.match(text or "")
    if not m:
        raise SsbkitError(f"substitution {text!r} is not DOPANT[:SITE]=FRACTION, e.g. Ta:Zr=0.25 (a quarter of the "
                          "Zr sites), Al:Li=0.25fu (0.25 Al per formula unit) or Ta=0.25 (the site picked)",
                          param="substitute")
    dop, charge, site, amount, fu = m.groups()
    for el in (dop, site) if site else (dop,):
        try:
            Element(el)
        except ValueError:
            raise SsbkitError(f"substitution {text!r}: {el} is not an element", param="substitute") from None
    if dop == site:
        raise SsbkitError(f"substitution {text!r} replaces {site} by itself", param="substitute")
    q = None
    if charge:
        digits = charge[:-1] or "1"
        q = int(digits) * (1 if charge.endswith("+") else -1)
    x = float(amount)
    if not math.isfinite(x) or x <= 0 or (not fu and x > 1):
        raise SsbkitError(f"substitution {text!r}: the amount must be > 0{'' if fu else ' and at most 1 (a fraction of the sites)'}",
                          param="substitute")
    return dop, q, site, x, bool(fu)


def _host_charges(structure: Any) -> dict[str, int]:
    """Oxidation state of each element of the host (pymatgen's most probable charge-balanced guess)."""
    comp = structure.composition.reduced_composition
    guesses = comp.oxi_state_guesses(max_sites=-1) or comp.oxi_state_guesses()
    if not guesses:
        raise SsbkitError(f"{comp.reduced_formula}: no charge-balanced oxidation states found; doping needs them",
                          param="host")
    return {el: int(round(q)) for el, q in guesses[0].items()}


def pick_site(host_formula: str, dopant: str, charge: int | None, charges: dict[str, int]) -> tuple[str, str]:
    """(site, basis) for a dopant given without its site.

    First the doped materials the package names by their compositions (Al- and Ga-LLZO: Al and Ga take Li;
    LLZTO, Nb-LLZO: Ta and Nb take Zr; LATP, LAGP: Al takes Ti, Ge): the host element the dopant's
    composition has less of, nearest in charge.  Otherwise the site of the same charge sign whose ion's
    Shannon radius (pymatgen ``Species.ionic_radius``) is within :data:`RADIUS_MISMATCH` of the dopant's, the
    smallest charge difference first, then the smallest mismatch (Goldschmidt's rules of substitution).
    """
    from .hull import reduced_formula

    known = _known_site(reduced_formula(host_formula), dopant, charges)
    if known is not None:
        return known
    from pymatgen.core import Element, Species

    cation = charge > 0 if charge is not None else any(q > 0 for q in Element(dopant).common_oxidation_states)
    rows = []
    for site, qs in charges.items():
        if (qs > 0) != cation:
            continue
        qd = charge if charge is not None else _dopant_charge(dopant, qs)
        try:
            rd, rs = Species(dopant, qd).ionic_radius, Species(site, qs).ionic_radius
        except ValueError:
            rd = rs = None
        mis = abs(rd - rs) / rs if rd and rs else math.inf
        rows.append((mis > RADIUS_MISMATCH, abs(qd - qs), mis, site, qd, qs, rd, rs))
    if not rows:
        raise SsbkitError(f"{host_formula} has no {'cation' if cation else 'anion'} site for {dopant}: give the site, "
                          f"e.g. {dopant}:SITE=0.25", param="substitute")
    fits, dq, mis, site, qd, qs, rd, rs = min(rows)
    radii = f"{rd:.2f} vs {rs:.2f} A" if rd and rs else "radius unknown"
    def ion(el: str, q: int) -> str:
        return f"{el}{abs(q)}{'+' if q > 0 else '-'}"

    return site, (f"picked by charge and radius: {ion(dopant, qd)} on {ion(site, qs)} ({radii}, charge difference {dq}"
                  + ("" if not fits else f"; no site within {RADIUS_MISMATCH:.0%} in radius") + ")")


def _known_site(host_formula: str, dopant: str, charges: dict[str, int]) -> tuple[str, str] | None:
    """The site a doped material the package names (:data:`ssbkit.materials.ABBREVIATIONS`) gives the dopant."""
    from ..materials import ABBREVIATIONS, formula_amounts
    from .hull import reduced_formula

    for key, (nominal, model, _note) in ABBREVIATIONS.items():
        if dopant not in re.findall(r"[A-Z][a-z]?", nominal) or reduced_formula(model) != host_formula:
            continue
        doped = formula_amounts(nominal)
        host = formula_amounts(model)
        if dopant not in doped or dopant in host:
            continue
        anion = max((e for e, q in charges.items() if q < 0), key=lambda e: host.get(e, 0.0), default=None)
        scale = doped[anion] / host[anion] if anion and host.get(anion) else 1.0
        fewer = [e for e in host if doped.get(e, 0.0) < host[e] * scale - 1e-9 and charges.get(e, 0) > 0]
        if fewer:
            qd = _dopant_charge(dopant, 1)
            site = min(fewer, key=lambda e: (abs(qd - charges[e]), e))
            name = f"{key.split('-')[0].title()}-{key.split('-', 1)[1]}" if "-" in key else key
            return site, f"as in {name} ({nominal}): {dopant} takes {site}"
    return None


def _dopant_charge(el: str, host_q: int) -> int:
    """A dopant's charge: its most positive common oxidation state on a cation site, most negative on an anion site."""
    from pymatgen.core import Element

    states = [int(s) for s in Element(el).common_oxidation_states if (s > 0) == (host_q > 0) and s != 0]
    if not states:
        raise SsbkitError(f"{el} has no common {'positive' if host_q > 0 else 'negative'} oxidation state for a "
                          f"{'cation' if host_q > 0 else 'anion'} site: give it, e.g. {el}2{'+' if host_q > 0 else '-'}",
                          param="substitute")
    return max(states) if host_q > 0 else min(states)
