"""What a thermodynamic data source offers (:class:`EntrySource`): the entries of a chemical system, its
provenance, and what every result computed on it must say.  :class:`~ssbkit.data.source.DataSource` (files,
the Materials Project, the embedded data, entries in memory) is one; the thermodynamic layer wraps one in
another (at temperature, with elements open to a gas, with phases added or left out), each answering the
same questions, so :class:`~ssbkit.thermo.service.Thermo` never probes what a source can do.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

from .entryset import EntrySet


@runtime_checkable
class EntrySource(Protocol):
    """A source of entries and of what results computed on them must state.

    Attributes:
        kind: ``file``, ``mp``, ``entries`` or ``embedded`` (of the underlying data).
        location: file path, API URL or label of the underlying data.
        version: content hash or database version of the underlying data.
    """

    kind: str
    location: str
    version: str

    @property
    def scheme(self) -> str | None:
        """The energy-correction scheme the energies hold (``legacy``, ``mp2020``), if known."""

    @property
    def open_potentials(self) -> Mapping[str, float]:
        """Elements held open at fixed chemical potentials (eV/atom); empty for a closed system."""

    @property
    def label(self) -> str:
        """What holds the open elements (an atmosphere's name), or ""."""

    @property
    def added(self) -> Sequence[Any]:
        """Phases added to the data (from structures), each with a ``note``."""

    @property
    def excluded(self) -> Sequence[str]:
        """Compositions left out of the data."""

    @property
    def uncorrect(self) -> Sequence[str]:
        """Anions whose corrections were removed."""

    @property
    def scheme_assumed(self) -> bool:
        """Whether the correction scheme was assumed (the data did not state it)."""

    @property
    def gibbs_notes(self) -> Sequence[str]:
        """What a result at temperature must say (model, clamped temperature, estimated volumes)."""

    def entries_for(self, elements: list[str] | set[str]) -> EntrySet:
        """The entry set covering ``elements``."""

    def provenance(self) -> dict[str, Any]:
        """Provenance fields common to every result computed from this source."""
