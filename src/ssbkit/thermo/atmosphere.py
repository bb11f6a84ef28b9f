"""Gas atmospheres and the elemental chemical potentials they impose at a temperature.

A gas ``g`` at partial pressure ``p`` (bar) in equilibrium with the solid fixes

    sum_e n_g,e mu_e = G_f,g(T) + k T ln(p / 1 bar)                     (eV per molecule)

with ``G_f,g(T)`` its standard Gibbs energy of formation (0 for O2, N2, H2, Cl2, F2; NIST-JANAF via
pymatgen's table for CO2, H2O, H2S, HCl, NH3 ...) and ``mu_e`` relative to the elements' standard
states at T - the frame of the Gibbs energies in :mod:`ssbkit.thermo.gibbs`.  So
``mu_O = 1/2 k T ln pO2``, ``mu_C = G_f,CO2 + k T ln pCO2 - 2 mu_O``,
``mu_H = (G_f,H2O + k T ln pH2O - mu_O) / 2``.  Elemental gases are solved first, then each
compound gas must bring exactly one new element (CO and CO2 together would over-determine mu_C and
are refused).  Argon and other noble gases are inert and ignored; so is N2 in the presets
(``inert N2``): its triple bond keeps nitrides and nitrates out of reach under processing conditions,
while an equilibrium with N2 would predict nitrates in air.  Give ``N2=...`` explicitly to open N.

Presets (bar; humidity is relative humidity at 25 C, saturation pressure 0.0317 bar, Buck 1981):
``air`` (O2 0.21, CO2 4.2e-4, H2O from ``humidity``, default 50 %; N2 inert), ``dry-air``, ``o2``,
``ar`` and ``n2`` (high-purity gas: residual O2, CO2 and H2O 1e-6 bar each; N2 inert), ``vacuum``
(1e-10 bar each), ``co2`` (CO2 1 bar with pO2 1e-6 bar).  With ``carbon`` (a carbon source in contact),
``mu_C = 0`` (graphite) and the oxygen potential is buffered by CO at the partial pressure the atmosphere
gives (``O2=1e-6,CO=1``: a closed crucible), else at 1e-6 bar (a flowing gas sweeps the CO off to the
residual level the presets give every product gas), ``mu_O = min(mu_O(gas), G_f,CO(T) + k T ln pCO)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

from ..errors import SsbkitError
from ..results import Result

K_B_EV = 8.617333262e-5  # eV/K
P_SAT_WATER_25C_BAR = 0.03169  # Buck (1981) at 25 C
MAX_PRESSURE_BAR = 1000.0
INERT = {"Ar", "He", "Ne", "Kr", "Xe"}
ELEMENTAL = {"O2": "O", "N2": "N", "H2": "H", "Cl2": "Cl", "F2": "F"}
#: CO over a carbon source when the atmosphere does not give it (bar): a flowing gas sweeps the CO the carbon
#: makes off, down to the residual level the presets give every other product gas (O2, CO2, H2O in ``ar``) - the
#: rule under which Li2CO3 decomposes without carbon; a closed crucible is ``CO=1``
SWEPT_CO_BAR = 1e-6

PRESETS: dict[str, dict[str, float]] = {
    "air": {"O2": 0.21, "CO2": 4.2e-4},
    "dry-air": {"O2": 0.21, "CO2": 4.2e-4},
    "o2": {"O2": 1.0},
    "ar": {"O2": 1e-6, "CO2": 1e-6, "H2O": 1e-6},
    "n2": {"O2": 1e-6, "CO2": 1e-6, "H2O": 1e-6},
    "vacuum": {"O2": 1e-10, "CO2": 1e-10, "H2O": 1e-10},
    "co2": {"CO2": 1.0, "O2": 1e-6},
}


@dataclass(frozen=True)
class Atmosphere(Result):
    """A gas atmosphere: partial pressures (bar) by gas formula, and its name."""

    name: str
    partial_pressures_bar: dict[str, float]
    carbon: bool = False
    fixed_potentials_eV: dict[str, float] = field(default_factory=dict)
    #: with ``carbon``: the carbon present, mol C per formula unit of the layer treated (None: a reservoir, as much
    #: as a reaction takes; :func:`ssbkit.interfaces.removal.removal_temperature`)
    carbon_per_formula: float | None = None

    def chemical_potentials(self, temperature_K: float) -> dict[str, float]:
        """mu_e (eV/atom, relative to the elements' standard states at T) of every element it fixes."""
        mu = chemical_potentials(self.partial_pressures_bar, temperature_K)
        if self.carbon:
            from .gibbs import T_MIN_MODEL, gas_g

            p_co = self.partial_pressures_bar.get("CO", SWEPT_CO_BAR)  # the CO the carbon buffers: given, else swept
            t = max(float(temperature_K), T_MIN_MODEL)
            mu["C"] = 0.0
            mu["O"] = min(mu.get("O", 0.0), gas_g("CO", t) + K_B_EV * t * math.log(p_co))
        mu.update(self.fixed_potentials_eV)  # given directly: they win
        return mu

    def open_elements(self) -> list[str]:
        return sorted(self.chemical_potentials(300.0))


def _molecule(gas: str) -> dict[str, float]:
    from ..materials import formula_amounts

    try:
        return formula_amounts(gas)
    except Exception:  # noqa: BLE001 - one message for every unreadable gas
        raise SsbkitError(f"unknown gas {gas!r}: give a formula such as O2, N2, CO2, H2O, H2, H2S, HCl",
                          param="atmosphere") from None


def chemical_potentials(pressures: dict[str, float], temperature_K: float) -> dict[str, float]:
    """Solve the gases' equilibria for the elemental chemical potentials (eV/atom) at T."""
    from pymatgen.core import Composition

    from .gibbs import T_MIN_MODEL, gas_formulas, gas_g

    t = max(float(temperature_K), T_MIN_MODEL)
    kt = K_B_EV * t
    mu: dict[str, float] = {}
    gases = [(g, p) for g, p in pressures.items() if g not in INERT]
    order = sorted(gases, key=lambda gp: (gp[0] not in ELEMENTAL, gp[0]))
    for gas, p in order:
        mol = _molecule(gas)
        if gas in ELEMENTAL:
            el = ELEMENTAL[gas]
            mu[el] = 0.5 * kt * math.log(p)
            continue
        integer, factor = Composition(mol).get_integer_formula_and_factor()
        if integer not in gas_formulas():
            raise SsbkitError(f"no Gibbs energy table for gas {gas}: use O2, N2, H2, Cl2, F2 or one of "
                              f"{', '.join(sorted(gas_formulas()))}", param="atmosphere")
        new = [e for e in mol if e not in mu]
        if len(new) != 1:
            which = "no element it alone fixes" if not new else f"{' and '.join(new)} at once"
            raise SsbkitError(f"gas {gas} has {which}: the atmosphere over-determines or leaves open a chemical "
                              "potential (give O2 with O-bearing gases, and one gas per element)",
                              param="atmosphere")
        g = gas_g(integer, t) / factor + kt * math.log(p)
        e = new[0]
        mu[e] = (g - sum(a * mu[k] for k, a in mol.items() if k != e)) / mol[e]
    return mu


def carbon_label(carbon: bool, per_formula: float | None) -> str:
    """The suffix an atmosphere's name gets for its carbon source."""
    if not carbon:
        return ""
    return ", with carbon" if per_formula is None else f", with {per_formula:g} C per formula unit"


def parse_atmosphere(spec: str, humidity_percent: float | None = None, carbon: bool = False,
                     carbon_per_formula: float | str | None = None) -> Atmosphere:
    """A preset name (``air``, ``dry-air``, ``o2``, ``ar``, ``n2``, ``vacuum``, ``co2``) or explicit
    partial pressures in bar, ``"O2=0.21,CO2=4e-4,H2O=0.01"``; ``humidity_percent`` (0-100, at 25 C) adds
    H2O to a preset (``air`` defaults to 50 %); ``carbon_per_formula``: the carbon in contact, mol C per formula
    unit of the layer treated (implies ``carbon``; None: a reservoir)."""
    from ..validate import number

    if carbon_per_formula is not None:
        carbon = True
        carbon_per_formula = number(carbon_per_formula, "carbon amount", 0.0, 1000.0,
                                    unit="mol C per formula unit", lo_open=True, param="carbon")
    suffix = carbon_label(carbon, carbon_per_formula)  # type: ignore[arg-type]
    text = (spec or "").strip()
    if not text:
        raise SsbkitError("empty atmosphere: give a preset (air, dry-air, o2, ar, n2, vacuum, co2) or partial "
                          "pressures such as O2=0.21,CO2=4e-4", param="atmosphere")
    rh = None if humidity_percent is None else number(humidity_percent, "humidity", 0.0, 100.0, unit="%",
                                                       param="humidity")
    key = text.lower()
    if key in PRESETS:
        pp = dict(PRESETS[key])
        if key == "air" and rh is None:
            rh = 50.0
        if rh:
            pp["H2O"] = rh / 100.0 * P_SAT_WATER_25C_BAR
        name = key + (f" (water of {rh:g} % RH at 25 C)" if rh else "") + suffix
        return Atmosphere(name=name, partial_pressures_bar=pp, carbon=carbon,
                          carbon_per_formula=carbon_per_formula)  # type: ignore[arg-type]
    pp: dict[str, float] = {}
    for part in text.split(","):
        gas, sep, val = part.partition("=")
        gas = gas.strip()
        if not sep or not gas:
            raise SsbkitError(f"cannot read atmosphere {spec!r}: give a preset or GAS=PRESSURE_BAR pairs such as "
                              "O2=0.21,CO2=4e-4", param="atmosphere")
        if gas in pp:
            raise SsbkitError(f"gas {gas} given twice in the atmosphere", param="atmosphere")
        _molecule(gas)
        pp[gas] = number(val.strip(), f"partial pressure of {gas}", 0.0, MAX_PRESSURE_BAR, unit="bar",
                         lo_open=True, param="atmosphere")
    if rh:
        if "H2O" in pp:
            raise SsbkitError("give the water either as H2O=... or as a humidity, not both", param="humidity")
        pp["H2O"] = rh / 100.0 * P_SAT_WATER_25C_BAR
    chemical_potentials(pp, 300.0)  # refuses unknown and over-determining gases now
    return Atmosphere(name=text + suffix, partial_pressures_bar=pp, carbon=carbon,
                      carbon_per_formula=carbon_per_formula)  # type: ignore[arg-type]


def describe(atm: Atmosphere, temperature_K: float) -> dict[str, Any]:
    return {"atmosphere": atm.name, "partial_pressures_bar": atm.partial_pressures_bar,
            "chemical_potentials_eV": {k: round(v, 6) for k, v in atm.chemical_potentials(temperature_K).items()}}


def with_open(atm: Atmosphere | None, spec: str) -> Atmosphere:
    """``atm`` with chemical potentials given directly, ``"O=-5.2,C=-8"`` (eV/atom, relative to the elements'
    standard states at T; they override what the gases fix)."""
    from pymatgen.core import Element

    from ..validate import number

    mu: dict[str, float] = {}
    for part in (spec or "").split(","):
        el, sep, val = part.partition("=")
        el = el.strip()
        if not sep or not el:
            raise SsbkitError(f"cannot read chemical potentials {spec!r}: give ELEMENT=eV pairs such as O=-1.2,C=-5",
                              param="open")
        if not Element.is_valid_symbol(el):
            raise SsbkitError(f"unknown element {el!r} in the chemical potentials", param="open")
        mu[el] = number(val.strip(), f"chemical potential of {el}", -20.0, 5.0, unit="eV/atom", param="open")
    base = atm or Atmosphere(name="no gas", partial_pressures_bar={})
    label = ", ".join(f"mu_{k} = {v:g} eV" for k, v in mu.items())
    return replace(base, name=f"{base.name}; {label}" if atm else label,
                   fixed_potentials_eV={**base.fixed_potentials_eV, **mu})
