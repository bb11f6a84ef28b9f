"""Database phases whose presence in a result deserves a warning: each with the reason.

They decide headline numbers on the Materials Project 2018 data (e.g. LiS4 sets the oxidation limit
of the thiophosphates) while being questionable as equilibrium solids at battery interfaces.  They are
flagged in every result that uses them; ``--exclude suspect`` (or a list of formulas) removes them.
The default keeps them (the numbers then match other tools on the same data) and says so.
"""

from __future__ import annotations

#: reduced formula -> why it is suspect
SUSPECT_PHASES: dict[str, str] = {
    "LiS4": "a lithium polysulfide with no known crystalline phase (the Li-S system has Li2S only); it sets the "
            "sulfides' oxidation limits on this data",
    "S8O": "a molecular sulfur oxide computed as a 0 K crystal",
    "ClO2": "a gas molecule (chlorine dioxide) computed as a 0 K crystal",
    "NO2": "a gas molecule (nitrogen dioxide, boiling at 21 C) computed as a 0 K crystal",
    "LiN3": "lithium azide: energetic, decomposes explosively; not formed at electrolyte interfaces",
    "LiClO4": "a perchlorate: oxidation of chlorides to it is kinetically out of reach at interfaces",
    "CS14": "a carbon-sulfur cluster computed as a crystal; not an experimentally known phase",
}


def flagged(phases: list[str] | tuple[str, ...]) -> list[str]:
    """One note per suspect phase among ``phases``."""
    return [f"suspect database phase {p}: {SUSPECT_PHASES[p]} (the exclude option leaves it out)"
            for p in dict.fromkeys(phases) if p in SUSPECT_PHASES]


def expand(spec: list[str] | tuple[str, ...]) -> list[str]:
    """Formulas to exclude: ``suspect`` stands for the curated list."""
    out: list[str] = []
    for s in spec:
        out += list(SUSPECT_PHASES) if s.strip().lower() == "suspect" else [s.strip()]
    return [s for s in dict.fromkeys(out) if s]
