"""The typed record of a whole-database screen's funnel (:mod:`ssbkit.screening.funnel` fills it in)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..results import Result


@dataclass(frozen=True)
class FunnelStep(Result):
    """One step of the funnel: what it asks and how many compounds pass it."""

    step: str
    criterion: str
    passed: int


@dataclass(frozen=True)
class FunnelSettings(Result):
    """What a whole-database screen asks (everything a worker needs to redo a candidate).

    Attributes:
        kind: ``coatings`` or ``interlayers``.
        neighbours: (cathode, electrolyte) or (electrolyte, anode), as the user named them.
        voltage_V: the top cathode potential for coatings (V vs Li/Li+); ignored for interlayers.
        hull_tolerance_eV_per_atom: how far above the hull a candidate may lie (0: on it).
        li_free: admit compounds without Li.
        reaction_tolerance_eV_per_atom: the deepest reaction with a neighbour a survivor may have.
        entries: the data source specification (None: the configured or embedded data).
        bandgaps: the band-gap table specification (None: the configured or embedded table).
        keep_suspect: keep the suspect database phases (left out by default).
    """

    kind: Literal["coatings", "interlayers"]
    neighbours: tuple[str, str]
    voltage_V: float = 4.3
    hull_tolerance_eV_per_atom: float = 0.0
    li_free: bool = False
    reaction_tolerance_eV_per_atom: float = 0.1
    entries: str | None = None
    bandgaps: str | None = None
    keep_suspect: bool = False

    def __post_init__(self) -> None:
        from ..validate import number

        if self.kind == "coatings":
            number(self.voltage_V, "voltage", 0.0, 10.0, unit="V", param="voltage", lo_open=True)
        number(self.hull_tolerance_eV_per_atom, "hull tolerance", 0.0, 1.0, unit="eV/atom", param="hull_tolerance")
        number(self.reaction_tolerance_eV_per_atom, "reaction tolerance", 0.0, 5.0, unit="eV/atom",
               param="reaction_tolerance")


@dataclass(frozen=True)
class Funnel(Result):
    """The funnel of a whole-database screen: its steps, the settings, and where each compound the reviews use
    for this role left it (``ranked N of M`` or the step it failed)."""

    settings: FunnelSettings
    steps: tuple[FunnelStep, ...]
    fate: dict[str, str]
    data_entries: int
