"""Energy-correction schemes: which empirical corrections an energy carries, and how to apply or remove them.

The Materials Project adds fitted anion corrections to GGA(+U) total energies so that formation energies
match experiment (Wang et al., Sci. Rep. 11, 15496 (2021) for MP2020; Jain et al., Phys. Rev. B 84, 045115
(2011) for the legacy scheme).  They shift every compound of the anion by a constant per anion atom, and so
move reaction energies and electrochemical windows: the legacy sulfide correction (-0.663 eV per S) raises
sulfide oxidation limits by 0.1-0.15 V over the published (uncorrected) ones.

* ``legacy``: pymatgen's ``MaterialsProjectCompatibility`` (the MP database before 2020, e.g. the matbench
  ``mp_e_form`` table): oxide and sulfide anion corrections; F, Cl, N, H through fitted gas references.
* ``mp2020``: pymatgen's ``MaterialsProject2020Compatibility``: composition corrections for oxide, S, F, Cl,
  Br, I, N, Se, Te, H, Sb, Si.
* ``none``: raw GGA(+U) energies.

The values are read from pymatgen's own configuration files, not copied.  Whether an atom carries the
correction follows pymatgen's rules where a formula can decide them: S is a sulfide unless the compound holds O
(sulfates and sulfites, which pymatgen tells from the structure); O is an oxide unless the formula is one of
pymatgen's peroxides, superoxides or ozonides; any other element only when its most probable oxidation state
(``Composition.oxi_state_guesses``) is negative.  Elements themselves are never corrected.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache, lru_cache

from ..errors import SsbkitError

SCHEMES = ("legacy", "mp2020", "none")
#: pymatgen's formula lists for oxides that are not O2- (used when no structure says it)
PEROXIDES = frozenset("Li2O2 Na2O2 K2O2 Cs2O2 Rb2O2 BeO2 MgO2 CaO2 SrO2 BaO2".split())
SUPEROXIDES = frozenset("LiO2 NaO2 KO2 RbO2 CsO2".split())
OZONIDES = frozenset("LiO3 NaO3 KO3 NaO5".split())


def check_scheme(scheme: str) -> str:
    s = (scheme or "").strip().lower()
    if s not in SCHEMES:
        raise SsbkitError(f"unknown correction scheme {scheme!r}: use {', '.join(SCHEMES)}", param="corrections")
    return s


@cache
def anion_corrections(scheme: str) -> dict[str, float]:
    """eV per anion atom of each correctable element in ``scheme`` (O: the oxide value; ``O2-2``, ``O-1``,
    ``O3-1``: peroxide, superoxide, ozonide), from pymatgen's configuration."""
    from pymatgen.entries.compatibility import MP2020_COMPAT_CONFIG, MP_COMPAT_CONFIG

    scheme = check_scheme(scheme)
    if scheme == "none":
        return {}
    if scheme == "legacy":
        ox = MP_COMPAT_CONFIG["OxideCorrections"]
        out = {"S": float(MP_COMPAT_CONFIG["SulfideCorrections"]["sulfide"])}
    else:
        comp = MP2020_COMPAT_CONFIG["Corrections"]["CompositionCorrections"]
        ox = comp
        out = {k: float(v) for k, v in comp.items() if k[:1].isupper() and k not in ("oxide",)}
    out["O"] = float(ox["oxide"])
    out["O2-2"], out["O-1"], out["O3-1"] = (float(ox.get(k, 0.0)) for k in ("peroxide", "superoxide", "ozonide"))
    return out


def correctable(scheme: str) -> tuple[str, ...]:
    """The elements whose correction ``scheme`` applies per anion atom."""
    return tuple(sorted(k for k in anion_corrections(scheme) if k.isalpha()))


@lru_cache(maxsize=65536)
def _negative(formula_key: tuple[tuple[str, float], ...], el: str) -> bool:
    from pymatgen.core import Composition

    comp = Composition(dict(formula_key))
    try:
        guesses = comp.oxi_state_guesses(max_sites=-20)
    except ValueError:
        guesses = ()
    if guesses:
        return guesses[0].get(el, 0.0) < 0
    return max(comp.elements, key=lambda e: e.X).symbol == el  # no balanced guess: the most electronegative


def correction_eV(comp: Mapping[str, float], elements: Sequence[str], scheme: str) -> float:
    """The ``scheme``'s anion corrections for ``elements`` in one formula unit of ``comp`` (eV; negative)."""
    from pymatgen.core import Composition

    table = anion_corrections(scheme)
    if len([a for a in comp.values() if a > 0]) < 2:
        return 0.0
    total = 0.0
    for el in elements:
        n = float(comp.get(el, 0.0))
        if n <= 0:
            continue
        if el == "S":
            if "O" not in comp:
                total += table["S"] * n
        elif el == "O":
            rf = Composition(dict(comp)).reduced_formula
            key = "O2-2" if rf in PEROXIDES else "O-1" if rf in SUPEROXIDES else "O3-1" if rf in OZONIDES else "O"
            total += table[key] * n
        elif el in table and _negative(tuple(sorted(comp.items())), el):
            total += table[el] * n
    return total


def check_uncorrect(elements: Sequence[str], scheme: str) -> tuple[str, ...]:
    """Validate the elements whose corrections are to be removed under ``scheme``."""
    from pymatgen.core import Element

    out = []
    for el in elements:
        el = el.strip()
        if not Element.is_valid_symbol(el):
            raise SsbkitError(f"{el!r} is not an element: name the anions whose corrections to remove, e.g. S",
                              param="uncorrect")
        if el not in correctable(scheme):
            extra = (" (the legacy scheme corrects F, Cl, N and H through fitted gas references, which a "
                     "formation-energy table cannot undo)" if scheme == "legacy" and el in ("F", "Cl", "N", "H") else "")
            raise SsbkitError(f"the {scheme} scheme has no anion correction for {el}: it corrects "
                              f"{', '.join(correctable(scheme)) or 'nothing'}{extra}", param="uncorrect")
        out.append(el)
    if not out:
        raise SsbkitError("name the anions whose corrections to remove, e.g. S", param="uncorrect")
    return tuple(dict.fromkeys(out))


def apply_scheme(entries: Sequence[object], scheme: str) -> list[object]:
    """pymatgen entries re-corrected with ``scheme`` (their uncorrected energies plus the scheme's corrections),
    with pymatgen's compatibility classes; an entry the scheme cannot process is an error, not dropped."""
    import warnings

    scheme = check_scheme(scheme)
    from pymatgen.entries.computed_entries import ComputedEntry

    fresh = []
    for e in entries:
        c = e.copy() if hasattr(e, "copy") else e  # type: ignore[attr-defined]
        if isinstance(c, ComputedEntry):
            c.energy_adjustments = []
        fresh.append(c)
    if scheme == "none":
        return fresh
    from pymatgen.entries.compatibility import (
        MaterialsProject2020Compatibility,
        MaterialsProjectCompatibility,
    )

    # MP2020 without the POTCAR check: a user's entries rarely carry POTCAR hashes (the scheme's other
    # checks, run type and U values, still apply)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compat = (MaterialsProjectCompatibility() if scheme == "legacy"
                      else MaterialsProject2020Compatibility(check_potcar=False))
            out = compat.process_entries(fresh, clean=True, inplace=False)
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        raise SsbkitError(f"the {scheme} scheme cannot process these entries ({type(exc).__name__}: {exc}): they lack "
                          "the calculation parameters it reads (run_type, hubbards, potcar_symbols)",
                          param="corrections") from None
    if len(out) != len(fresh):
        raise SsbkitError(f"the {scheme} scheme could not process {len(fresh) - len(out)} of {len(fresh)} entries "
                          "(they lack the calculation parameters it checks: run_type, potcar_spec, hubbards): use the "
                          "entries as given or 'none'", param="corrections")
    return list(out)
