"""The base of the sources the thermodynamic layer builds on another (at temperature, open to a gas, with
phases added or left out): each passes on what it does not change (:class:`~ssbkit.data.protocol.EntrySource`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..data.entryset import EntrySet
from ..data.protocol import EntrySource


class WrappedSource:
    """A source seen through a change; everything it does not change is its base's."""

    def __init__(self, base: EntrySource) -> None:
        self.base = base
        self.kind, self.location, self.version = base.kind, base.location, base.version

    @property
    def scheme(self) -> str | None:
        return self.base.scheme

    @property
    def open_potentials(self) -> Mapping[str, float]:
        return self.base.open_potentials

    @property
    def label(self) -> str:
        return self.base.label

    @property
    def added(self) -> Sequence[Any]:
        return self.base.added

    @property
    def excluded(self) -> Sequence[str]:
        return self.base.excluded

    @property
    def uncorrect(self) -> Sequence[str]:
        return self.base.uncorrect

    @property
    def scheme_assumed(self) -> bool:
        return self.base.scheme_assumed

    @property
    def gibbs_notes(self) -> Sequence[str]:
        return self.base.gibbs_notes

    def entries_for(self, elements: list[str] | set[str]) -> EntrySet:
        return self.base.entries_for(elements)

    def provenance(self) -> dict[str, Any]:
        return dict(self.base.provenance())
