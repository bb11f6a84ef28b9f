"""Build ``src/ssbkit/literature/data/bibliography.json`` from the two reviews' reference lists.

Usage::

    python tools/make_bibliography.py ZHENG_REVIEW.txt WANG_REVIEW.txt

Each review's text ends with its numbered reference list, one line per number
(``- [29] N. Kamaya, ..., *Nat. Mater.* **2011**, 10, 682–686.``); a number may
hold several works (``a) ...; b) ...``).  Every work becomes one CSL-JSON item
keyed ``<review>-ref<number><letter>`` (e.g. ``zheng2021-ref16a``); the two
reviews are items ``zheng2021`` and ``wang2020``.  Titles are not printed in
the lists, so the items have none; the reviews' own items do.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

REVIEWS = [
    {
        "id": "zheng2021", "type": "article-journal",
        "title": "Interfacial Reactions in Inorganic All-Solid-State Lithium Batteries",
        "author": [{"family": "Zheng", "given": "C."}, {"family": "Li", "given": "L."},
                   {"family": "Wang", "given": "K."}, {"family": "Wang", "given": "C."},
                   {"family": "Zhang", "given": "J."}, {"family": "Xia", "given": "Y."},
                   {"family": "Huang", "given": "H."}, {"family": "Liang", "given": "C."},
                   {"family": "Gan", "given": "Y."}, {"family": "He", "given": "X."},
                   {"family": "Tao", "given": "X."}, {"family": "Zhang", "given": "W."}],
        "container-title": "Batteries & Supercaps", "issued": {"date-parts": [[2021]]},
        "volume": "4", "page": "8-38", "DOI": "10.1002/batt.202000173",
        "note": "accepted manuscript online July 30, 2020",
    },
    {
        "id": "wang2020", "type": "article-journal",
        "title": "Interfaces in Garnet-Based All-Solid-State Lithium Batteries",
        "author": [{"family": "Wang", "given": "D."}, {"family": "Zhu", "given": "C."},
                   {"family": "Fu", "given": "Y."}, {"family": "Sun", "given": "X."},
                   {"family": "Yang", "given": "Y."}],
        "container-title": "Advanced Energy Materials", "container-title-short": "Adv. Energy Mater.",
        "issued": {"date-parts": [[2020]]}, "volume": "10", "page": "2001318", "DOI": "10.1002/aenm.202001318",
    },
]

_LINE = re.compile(r"^- \[(\d+)\]\s*(.*)$")
_SUB = re.compile(r"(?:^|;\s*)([a-z])\)\s*")
_YEAR = re.compile(r"\*\*(\d{4})\*\*")
_DOI = re.compile(r"(10\.\d{4,9}/[^\s,;]+)")


def _authors(text: str) -> list[dict[str, str]]:
    out = []
    for part in [p.strip() for p in text.split(",") if p.strip()]:
        part = part.replace("*", "").strip()
        if part in ("et al.", "et al"):
            continue
        bits = part.split()
        initials = [b for b in bits if b.endswith(".") or "-" in b and b.replace("-", "").replace(".", "").isupper()]
        family = " ".join(b for b in bits if b not in initials) or part
        out.append({"family": family, "given": " ".join(initials)})
    return out


def parse_work(text: str) -> dict[str, object]:
    """One printed work -> CSL-JSON fields (authors, journal, year, volume, pages, DOI)."""
    text = text.strip().rstrip(";").strip()
    item: dict[str, object] = {"type": "article-journal", "printed": text}
    m = _YEAR.search(text)
    if not m:
        return item
    item["issued"] = {"date-parts": [[int(m.group(1))]]}
    head, tail = text[:m.start()].rstrip(" ,"), text[m.end():]
    it = list(re.finditer(r"\*([^*]+)\*", head))
    if it:
        journal = it[-1].group(1).strip()
        authors = head[:it[-1].start()].rstrip(" ,")
    else:  # journal printed without italics: after the last author (initials + family name)
        parts = [p.strip() for p in head.split(",")]
        k = len(parts) - 1
        journal = parts[k]
        authors = ", ".join(parts[:k])
    item["container-title-short"] = journal
    item["author"] = _authors(authors)
    nums = [t.strip().replace("*", "") for t in tail.strip(" ,.").split(",") if t.strip(" .*")]
    if nums:
        item["volume"] = nums[0]
    if len(nums) > 1:
        item["page"] = nums[1].rstrip(".")
    d = _DOI.search(text)
    if d:
        item["DOI"] = d.group(1).rstrip(".")
    return item


def parse_reference_list(text: str, review: str) -> list[dict[str, object]]:
    items = []
    for line in text.splitlines():
        m = _LINE.match(line.strip())
        if not m:
            continue
        number, body = m.group(1), m.group(2)
        subs = list(_SUB.finditer(body))
        works = [("", body)] if not subs else [
            (s.group(1), body[s.end():subs[i + 1].start()] if i + 1 < len(subs) else body[s.end():])
            for i, s in enumerate(subs)]
        for letter, work in works:
            item = parse_work(work)
            item["id"] = f"{review}-ref{number}{letter}"
            item["cited_in"] = review
            item["reference_number"] = f"{number}{letter}"
            items.append(item)
    return items


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    items: list[dict[str, object]] = [dict(r) for r in REVIEWS]
    for path, review in zip(argv, ("zheng2021", "wang2020")):
        items += parse_reference_list(Path(path).read_text(encoding="utf-8"), review)
    out = Path(__file__).resolve().parents[1] / "src/ssbkit/literature/data/bibliography.json"
    out.write_text(json.dumps(items, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(items)} items -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
