"""Materials named in the seeds, as ordered formulas, for oracle tests and benchmarks.

seed 1 = 000_b696854b0b79fc77.txt; Table 1 entries with ordered formulas
(corrected where the printed text is garbled: Li7Zr3Zr2O12 -> Li7La3Zr2O12,
Li1.0SnP2S12 -> Li10SnP2S12, Li7PS11 -> Li7P3S11, beta-Li3P2S4 -> Li3PS4).
"""

TABLE1_ORDERED = [
    "Li7P3S11", "Li6PS5Cl", "Li6PS5Br", "Li4SnS4", "Li10GeP2S12", "Li10SnP2S12",
    "Li7La3Zr2O12", "Li3OCl", "Li3InCl6", "Li3PS4",
]
ISSUE_EXTRA = [
    "Li3PS4", "Li7P3S11", "Li4GeS4", "Li3OCl", "Li3PO4", "Li3N", "LiLaTi2O6", "LiTi2(PO4)3",
    "LiGe2(PO4)3", "Li3InCl6",
]
TABLE4_COATINGS = ["LiNbO3", "Li4Ti5O12", "Li2SiO3", "LiAlO2", "Li2ZrO3"]
MORE = [
    "Li6PS5I", "Li7PS6", "Li4P2S6", "Li3YCl6", "Li3YBr6", "Li3ScCl6", "Li2S", "LiI", "LiCl",
    "Li3BO3", "Li4SiO4", "LiTaO3", "Li2CO3", "LiF", "Li2O", "Li3OBr", "LiCoO2", "LiFePO4",
    "LiMn2O4", "LiNiO2", "Li2MnO3", "LiH2PO4", "Li4GeO4", "LiAlCl4", "Li5La3Ta2O12",
    "Li5La3Nb2O12", "LiZr2(PO4)3", "Li2B4O7", "LiBO2", "Li3AlF6",
]


def window_materials() -> list[str]:
    """Distinct materials for the window oracle (>= 40)."""
    seen: list[str] = []
    for f in TABLE1_ORDERED + ISSUE_EXTRA + TABLE4_COATINGS + MORE:
        if f not in seen:
            seen.append(f)
    return seen

# issue 3 oracle pairs: electrolytes x cathodes (+ Li metal, closed only)
ELECTROLYTES = ["Li3PS4", "Li6PS5Cl", "Li10GeP2S12", "Li4SnS4", "Li7P3S11", "Li7La3Zr2O12", "Li3PO4",
                "LiTi2(PO4)3", "LiGe2(PO4)3", "Li3InCl6"]
CATHODES = ["LiCoO2", "LiFePO4", "LiMn2O4", "LiNiO2"]
VOLTAGES = [0.0, 3.0, 4.5]


def interface_pairs() -> list[tuple[str, str]]:
    return [(e, c) for e in ELECTROLYTES for c in CATHODES] + [(e, "Li") for e in ELECTROLYTES]
