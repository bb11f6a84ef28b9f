"""The bibliography: the two reviews that specify ssbkit and every work in their reference lists, and the
registry of the works a computation used (:data:`citations`).

Kept as CSL-JSON in ``data/bibliography.json`` (built by ``tools/make_bibliography.py``
from the reviews' reference lists).  Keys:

* ``zheng2021``: C. Zheng et al., "Interfacial Reactions in Inorganic All-Solid-State
  Lithium Batteries", Batteries & Supercaps 4, 8-38 (2021) ("Zheng et al., Batteries & Supercaps 2021");
* ``wang2020``: D. Wang et al., "Interfaces in Garnet-Based All-Solid-State Lithium
  Batteries", Adv. Energy Mater. 10, 2001318 (2020) ("Wang et al., Adv. Energy Mater. 2020");
* ``zheng2021-ref34``, ``zheng2021-ref16a``, ``wang2020-ref57`` ...: reference 34 of
  Zheng et al., work a) of reference 16, reference 57 of Wang et al.

Every literature fact ssbkit shows names its source through :func:`cite`, which also registers the works
it names with :data:`citations` (as PyBaMM's ``pybamm.citations.register``): a computation run inside
``with citations.collect() as used:`` finds in ``used`` the keys of every work it rested on, and results
carry them as ``references``; the views render the prose and a References section.

>>> cite("zheng2021", "[34]", "Table 1")
'Kato et al., Nat. Energy 2016 (ref. 34 in Zheng et al., Batteries & Supercaps 2021, Table 1)'
>>> short("wang2020")
'Wang et al., Adv. Energy Mater. 2020'
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from .errors import SsbkitError

ZHENG = "zheng2021"
WANG = "wang2020"
REVIEWS = (ZHENG, WANG)


@dataclass(frozen=True)
class Reference:
    """One bibliography item (CSL-JSON fields we use)."""

    key: str
    authors: tuple[str, ...]
    journal: str
    year: int | None
    volume: str | None = None
    pages: str | None = None
    doi: str | None = None
    title: str | None = None
    cited_in: str | None = None
    reference_number: str | None = None
    given_names: tuple[str, ...] = ()

    @property
    def short(self) -> str:
        """``Kato et al., Nat. Energy 2016``."""
        who = self.authors[0] if self.authors else "?"
        if len(self.authors) == 2:
            who = f"{self.authors[0]} and {self.authors[1]}"
        elif len(self.authors) > 2:
            who += " et al."
        return f"{who}, {self.journal} {self.year or ''}".strip()

    @property
    def full(self) -> str:
        """Full reference line: authors, title, journal year, volume, pages, DOI."""
        given = self.given_names or ("",) * len(self.authors)
        parts = [", ".join(f"{g} {f}".strip() for f, g in zip(self.authors, given))]
        if self.title:
            parts.append(f'"{self.title}"')
        jy = f"{self.journal} {self.year or ''}".strip()
        parts.append(jy + (f", {self.volume}" if self.volume else "") + (f", {self.pages}" if self.pages else ""))
        if self.doi:
            parts.append(f"doi:{self.doi}")
        return ", ".join(p for p in parts if p) + "."

    def bibtex(self) -> str:
        """A BibTeX ``@article`` entry."""
        names = [f"{f}, {g}" if g else f for f, g in zip(self.authors, self.given_names or ("",) * len(self.authors))]
        fields = {"author": " and ".join(names), "title": self.title, "journal": self.journal,
                  "year": self.year, "volume": self.volume, "pages": (self.pages or "").replace("–", "--") or None,
                  "doi": self.doi,
                  "note": None if self.cited_in is None else
                  f"Reference {self.reference_number} of {_by_key()[self.cited_in].short}"}
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items() if v not in (None, ""))
        return f"@article{{{self.key},\n{body}\n}}"


def _name(a: dict[str, str]) -> str:
    return a.get("family") or a.get("literal") or "?"


@lru_cache(maxsize=1)
def _by_key() -> dict[str, Reference]:
    text = resources.files("ssbkit").joinpath("literature", "data", "bibliography.json").read_text(encoding="utf-8")
    out = {}
    for it in json.loads(text):
        year = (it.get("issued") or {}).get("date-parts", [[None]])[0][0]
        out[it["id"]] = Reference(
            key=it["id"], authors=tuple(_name(a) for a in it.get("author", [])),
            journal=it.get("container-title-short") or it.get("container-title") or "",
            year=year, volume=it.get("volume"), pages=it.get("page"), doi=it.get("DOI"), title=it.get("title"),
            cited_in=it.get("cited_in"), reference_number=it.get("reference_number"),
            given_names=tuple(a.get("given", "") for a in it.get("author", [])))
    return out


def references() -> list[Reference]:
    """Every item: the two reviews first, then their references in order."""
    return list(_by_key().values())


def get(key: str) -> Reference:
    """The item with ``key`` (``zheng2021``, ``wang2020-ref57`` ...); :class:`SsbkitError` if unknown."""
    ref = _by_key().get(key.strip())
    if ref is None:
        raise SsbkitError(f"unknown reference {key!r}: keys look like zheng2021, wang2020, zheng2021-ref34 or "
                          "wang2020-ref57")
    return ref


def short(key: str) -> str:
    """``Kato et al., Nat. Energy 2016`` for a key."""
    return get(key).short


_TOKEN = re.compile(r"(\d+)\s*([a-z]?)")


def ref_keys(review: str, refs: str | None) -> list[str]:
    """Bibliography keys for the reference numbers printed in ``review`` (``"[16a, 211]"``, ``"[7],[8]"``).

    A number printed without a letter that holds several works (``[16]`` = 16a, 16b ...) gives all of them.
    """
    if not refs:
        return []
    items = _by_key()
    out: list[str] = []
    for num, letter in _TOKEN.findall(refs):
        key = f"{review}-ref{num}{letter}"
        if key in items:
            out.append(key)
        elif not letter:
            out += [k for k in items if re.fullmatch(rf"{review}-ref{num}[a-z]", k)]
    return list(dict.fromkeys(out))


class Citation(str):
    """A citation's prose that keeps the bibliography keys of the works it names (``.keys``)."""

    keys: tuple[str, ...] = ()

    def __new__(cls, text: str, keys: Iterable[str] = ()) -> Citation:
        out = super().__new__(cls, text)
        out.keys = tuple(keys)
        return out

    def __add__(self, other: str) -> Citation:
        """More prose (works outside the reviews, named in full) keeps the keys."""
        return Citation(str.__add__(self, other), self.keys + tuple(getattr(other, "keys", ())))

    def __radd__(self, other: str) -> Citation:
        return Citation(str.__add__(other, self), tuple(getattr(other, "keys", ())) + self.keys)


def cite(review: str, refs: str | None = None, where: str | None = None) -> Citation:
    """Human citation of a fact from a review.

    ``cite("zheng2021", "[34]", "Table 1")`` ->
    ``Kato et al., Nat. Energy 2016 (ref. 34 in Zheng et al., Batteries & Supercaps 2021, Table 1)``;
    without reference numbers the review itself is cited (``Zheng et al., Batteries & Supercaps 2021, Table 1``).
    """
    rev = short(review)
    keys = ref_keys(review, refs)
    citations.register(review, *keys)
    loc = f", {where}" if where else ""
    if not keys:
        return Citation(f"{rev}{loc}", (review,))
    works = "; ".join(get(k).short for k in keys)
    nums = ", ".join(get(k).reference_number or "" for k in keys)
    label = "ref." if len(keys) == 1 else "refs."
    return Citation(f"{works} ({label} {nums} in {rev}{loc})", (review, *keys))


def as_csl(keys: list[str] | None = None) -> list[dict[str, Any]]:
    """CSL-JSON items for ``keys`` (all when None)."""
    text = resources.files("ssbkit").joinpath("literature", "data", "bibliography.json").read_text(encoding="utf-8")
    items = json.loads(text)
    if keys is None:
        return items
    want = set(keys)
    return [it for it in items if it["id"] in want]


class Citations:
    """The works a computation used, collected per thread while it runs.

    ``register(*keys)`` (called by :func:`cite` and by every result that carries ``references``) adds keys to
    every collection open in this thread; ``collect()`` opens one.  Outside a collection registering does
    nothing, so importing a module that formats a citation records nothing.
    """

    def __init__(self) -> None:
        self._local = threading.local()

    def _open(self) -> list[set[str]]:
        stack = getattr(self._local, "stack", None)
        if stack is None:
            stack = self._local.stack = []
        return stack

    def register(self, *keys: str) -> None:
        for s in self._open():
            s.update(k for k in keys if k)

    @contextmanager
    def collect(self) -> Iterator[set[str]]:
        """``with citations.collect() as used: ...``: ``used`` holds the keys registered meanwhile."""
        used: set[str] = set()
        stack = self._open()
        stack.append(used)
        try:
            yield used
        finally:
            stack.remove(used)


#: The registry of this process.
citations = Citations()


def ordered(keys: Iterable[str]) -> tuple[str, ...]:
    """Known keys in bibliography order (the reviews first, then their references as numbered)."""
    want = set(keys)
    return tuple(k for k in _by_key() if k in want)


def references_of(obj: object) -> tuple[str, ...]:
    """The bibliography keys a result rests on: every ``references`` field and every citation's keys found in it
    (dataclasses, lists, dicts, results read back from JSON), in bibliography order."""
    import dataclasses

    found: set[str] = set()
    seen: set[int] = set()

    def walk(x: object) -> None:
        if id(x) in seen:
            return
        seen.add(id(x))
        if isinstance(x, Citation):
            found.update(x.keys)
        elif isinstance(x, str):
            return
        elif isinstance(x, dict):
            refs = x.get("references")
            if isinstance(refs, (list, tuple)):
                found.update(str(k) for k in refs)
            for v in x.values():
                walk(v)
        elif isinstance(x, (list, tuple)):
            for v in x:
                walk(v)
        elif dataclasses.is_dataclass(x) and not isinstance(x, type):
            for f in dataclasses.fields(x):
                v = getattr(x, f.name)
                if f.name == "references" and isinstance(v, (list, tuple)):
                    found.update(str(k) for k in v)
                walk(v)

    walk(obj)
    return ordered(found)
