"""Coating and interlayer candidates: the reviews' defaults, extendable by a user file.

The defaults cover Zheng et al., Batteries & Supercaps 2021 Tables 4-5 and Wang et al., Adv. Energy Mater. 2020
(Wang et al., Adv. Energy Mater. 2020) Table 1, with the source of each.  A user file
(``--candidates FILE``) is YAML (a list of ``{name, formula, roles}`` or of
names), CSV (columns ``name,formula[,roles]``) or plain text (one name or
formula per line, ``#`` comments).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from ..errors import SsbkitError
from ..io import load_yaml
from ..materials import check_solid, resolve
from ..results import Result


@dataclass(frozen=True)
class Candidate(Result):
    """A coating / interlayer candidate.

    Attributes:
        name: display name.
        formula: formula used for thermodynamics.
        roles: ``cathode`` (coating) and/or ``anode`` (interlayer).
        source: where it comes from (review table/section or the user's file).
        refs: the review's reference numbers.
        note: modelling note.
    """

    name: str
    formula: str
    roles: tuple[str, ...] = ("cathode", "anode")
    source: str = ""
    refs: str = ""
    note: str = ""



def default_candidates(role: str | None = None) -> list[Candidate]:
    """The reviews' candidates, optionally only those for ``role`` (``cathode`` or ``anode``)."""
    text = resources.files("ssbkit.interfaces").joinpath("data/candidates.yaml").read_text(encoding="utf-8")
    out = []
    for rec in load_yaml(text):
        c = Candidate(name=rec["name"], formula=rec["formula"], roles=tuple(rec.get("roles", ())),
                      source=rec.get("source", ""), refs=str(rec.get("refs", "")), note=rec.get("note", ""))
        if role is None or role in c.roles:
            out.append(c)
    return out


def _from_name(name: str, source: str, roles: tuple[str, ...] = ("cathode", "anode"), formula: str | None = None) -> Candidate:
    mat = check_solid(resolve(formula or name), "candidate")  # validates (FormulaError = one-line error)
    return Candidate(name=name, formula=mat.model_formula, roles=roles, source=source, note=mat.note)


def load_candidates(path: str | Path) -> list[Candidate]:
    """Candidates from a user file (YAML, CSV or text).  Raises :class:`SsbkitError` on bad input."""
    from ..io import read_text

    p = Path(path)
    text = read_text(p, what="candidates file")
    src = f"user file {p.name}"
    out: list[Candidate] = []
    suffix = p.suffix.lower()
    if suffix in (".yaml", ".yml"):
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise SsbkitError(f"candidates file {p} is not valid YAML: {str(exc).splitlines()[0]}") from None
        if not isinstance(data, list):
            raise SsbkitError(f"candidates file {p} must hold a YAML list of names or {{name, formula}} maps")
        for rec in data:
            if isinstance(rec, str):
                out.append(_from_name(rec, src))
            elif isinstance(rec, dict) and "name" in rec:
                roles = tuple(rec.get("roles", ("cathode", "anode")))
                out.append(_from_name(str(rec["name"]), src, roles, rec.get("formula")))
            else:
                raise SsbkitError(f"candidates file {p}: each item needs a name (got {rec!r})")
    elif suffix == ".csv":
        rows = list(csv.DictReader(text.splitlines()))
        if not rows or "name" not in rows[0]:
            raise SsbkitError(f"candidates file {p} needs a CSV header with a 'name' column (optional 'formula', 'roles')")
        for row in rows:
            roles = tuple(r.strip() for r in (row.get("roles") or "cathode;anode").split(";") if r.strip())
            out.append(_from_name(row["name"].strip(), src, roles, (row.get("formula") or "").strip() or None))
    else:
        for line in text.splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                out.append(_from_name(line, src))
    if not out:
        raise SsbkitError(f"candidates file {p} holds no candidates")
    return out
