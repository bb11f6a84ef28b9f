"""The field's abbreviations of material names (``LGPS``, ``LLZTO``, ``NMC811`` ...): the nominal formula the
literature uses and, where that formula is disordered, the ordered model formula thermodynamics uses (the
substitution is always reported; :func:`ssbkit.materials.resolve` reads this table)."""

from __future__ import annotations

# abbreviation -> (nominal formula, ordered model formula, note, family)
ABBREVIATIONS: dict[str, tuple[str, str, str]] = {
    "LGPS": ("Li10GeP2S12", "Li10GeP2S12", ""),
    "LPS": ("Li3PS4", "Li3PS4", ""),
    "LPSCL": ("Li6PS5Cl", "Li6PS5Cl", ""),
    "LPSBR": ("Li6PS5Br", "Li6PS5Br", ""),
    "LPSI": ("Li6PS5I", "Li6PS5I", ""),
    "LSPS": ("Li10SnP2S12", "Li10SnP2S12", ""),
    "LLZO": ("Li7La3Zr2O12", "Li7La3Zr2O12", ""),
    "LLZTO": ("Li6.4La3Zr1.4Ta0.6O12", "Li7La3Zr2O12",
              "Ta-doped garnet modelled by undoped Li7La3Zr2O12 (ordered host)"),
    "AL-LLZO": ("Li6.25Al0.25La3Zr2O12", "Li7La3Zr2O12",
              "Al-doped garnet modelled by undoped Li7La3Zr2O12 (ordered host)"),
    "GA-LLZO": ("Li6.25Ga0.25La3Zr2O12", "Li7La3Zr2O12",
               "Ga-doped garnet modelled by undoped Li7La3Zr2O12 (ordered host)"),
    "NB-LLZO": ("Li6.5La3Zr1.5Nb0.5O12", "Li7La3Zr2O12",
              "Nb-doped garnet modelled by undoped Li7La3Zr2O12 (ordered host)"),
    "LLCZN": ("Li7La2.75Ca0.25Zr1.75Nb0.25O12", "Li7La3Zr2O12",
              "Ca- and Nb-doped garnet (Han et al., Nat. Mater. 2017; Wang et al., Adv. Energy Mater. 2020 Table 1) "
              "modelled by undoped Li7La3Zr2O12 (ordered host)"),
    "LLTO": ("Li0.33La0.56TiO3", "LiLaTi2O6",
             "perovskite Li3xLa2/3-xTiO3 modelled by ordered LiLaTi2O6 (x=1/6), as in DFT windows"),
    "LATP": ("Li1.3Al0.3Ti1.7(PO4)3", "LiTi2(PO4)3",
             "Al-doped NASICON modelled by its ordered host LiTi2(PO4)3"),
    "LAGP": ("Li1.5Al0.5Ge1.5(PO4)3", "LiGe2(PO4)3",
             "Al-doped NASICON modelled by its ordered host LiGe2(PO4)3"),
    "LIPON": ("Li2.88PO3.73N0.14", "Li2PO2N",
              "amorphous LiPON modelled by crystalline Li2PO2N, the established DFT model (Zhu, He and Mo, "
              "ACS Appl. Mater. Interfaces 2015: window 0.68-2.63 V)"),
    "LYC": ("Li3YCl6", "Li3YCl6", ""),
    "LYB": ("Li3YBr6", "Li3YBr6", ""),
    "LIC": ("Li3InCl6", "Li3InCl6", ""),
    "LCO": ("LiCoO2", "LiCoO2", ""),
    "LFP": ("LiFePO4", "LiFePO4", ""),
    "LMO": ("LiMn2O4", "LiMn2O4", ""),
    "LNO": ("LiNiO2", "LiNiO2", ""),
    "LNMO": ("LiNi0.5Mn1.5O4", "LiNi0.5Mn1.5O4", ""),
    "LCP": ("LiCoPO4", "LiCoPO4", ""),
    "NMC111": ("LiNi1/3Co1/3Mn1/3O2", "LiNi1/3Co1/3Mn1/3O2", ""),
    "NMC532": ("LiNi0.5Co0.2Mn0.3O2", "LiNi0.5Co0.2Mn0.3O2", ""),
    "NMC622": ("LiNi0.6Co0.2Mn0.2O2", "LiNi0.6Co0.2Mn0.2O2", ""),
    "NMC811": ("LiNi0.8Co0.1Mn0.1O2", "LiNi0.8Co0.1Mn0.1O2", ""),
    "NCA": ("LiNi0.8Co0.15Al0.05O2", "LiNi0.8Co0.15Al0.05O2", ""),
    "LTO": ("Li4Ti5O12", "Li4Ti5O12", ""),
    "LNBO": ("LiNbO3", "LiNbO3", ""),
}
# synonyms -> canonical abbreviation
_SYNONYMS = {
    "NCM": "NMC811", "NMC": "NMC811", "NCM811": "NMC811", "NCM622": "NMC622",
    "NCM532": "NMC532", "NCM111": "NMC111", "NCM523": "NMC532", "NMC523": "NMC532",
    "LI-PON": "LIPON", "LPON": "LIPON", "ARGYRODITE": "LPSCL", "LIM2O4": "LMO",
    "LLZTO": "LLZTO", "LPSC": "LPSCL", "LSNPS": "LSPS", "LINBO": "LNBO",
    "ALLZO": "AL-LLZO", "LLZO:AL": "AL-LLZO", "GALLZO": "GA-LLZO", "LLZO:GA": "GA-LLZO", "TA-LLZO": "LLZTO",
    "LLZO:TA": "LLZTO", "LLZNO": "NB-LLZO", "LLZO:NB": "NB-LLZO",
}

# generic names whose composition the user left open: resolved, and the choice said
_GENERIC = dict.fromkeys(("NMC", "NCM"), "NMC of unspecified Ni:Co:Mn taken as NMC811 (LiNi0.8Co0.1Mn0.1O2); "
                                          "write NMC111/532/622/811 to choose")


def canonical_abbreviation(name: str) -> str | None:
    """Canonical abbreviation for ``name`` (case-insensitive), or None."""
    key = name.strip().upper().replace(" ", "")
    key = _SYNONYMS.get(key, key)
    return key if key in ABBREVIATIONS else None


def known_names() -> list[str]:
    """Names ssbkit understands without data: abbreviations (as usually written) and their formulas."""
    spelled = {"LPSCL": "LPSCl", "LPSBR": "LPSBr", "LIPON": "LiPON"}
    names = [spelled.get(k, k) for k in ABBREVIATIONS]
    names += [v[0] for v in ABBREVIATIONS.values()] + [v[1] for v in ABBREVIATIONS.values()]
    return list(dict.fromkeys(names))
