"""The import graph runs one way (docs/architecture.md): no module imports a layer above its own."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "ssbkit"

#: lowest first; a module may import its own layer and the ones before it
ORDER = [
    {"errors", "results", "units", "constants", "io", "materials", "abbreviations", "doped", "suggest", "validate",
     "redact", "_version",
     "elements", "_element_table", "formula",
     "bibliography", "parameters"},
    {"data"},
    {"thermo"},
    {"literature"},
    {"physics"},
    {"interfaces"},
    {"stack"},
    {"screening"},
    {"views"},
    {"web"},
    {"cli", "__main__", "__init__"},  # the package facade: ssbkit.assess, ssbkit.Thermo ... (lazy)
]


def _layer(top: str) -> int:
    for i, names in enumerate(ORDER):
        if top in names:
            return i
    raise AssertionError(f"module {top!r} has no layer in the order")


def _imports(path: Path) -> set[str]:
    """Top-level ssbkit packages a module imports (relative or absolute)."""
    rel = path.relative_to(SRC)
    depth = len(rel.parts) - 1  # package depth of the module
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(rel.parts[:-1])[: max(0, depth - (node.level - 1))]
                parts = base + (node.module.split(".") if node.module else [])
                if not parts:  # "from .. import x": x is a top-level module
                    out |= {a.name for a in node.names}
                else:
                    out.add(parts[0])
            elif node.module and node.module.startswith("ssbkit."):
                out.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            out |= {a.name.split(".")[1] for a in node.names if a.name.startswith("ssbkit.")}
    return out


def test_no_import_runs_back_up() -> None:
    bad = []
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC)
        top = rel.parts[0].removesuffix(".py")
        mine = _layer(top)
        for imp in _imports(path):
            if imp == "__version__":
                continue
            if _layer(imp) > mine:
                bad.append(f"{rel} imports {imp}")
    assert not bad, bad


def test_domain_messages_name_no_cli_flag() -> None:
    """Errors raised below cli/web never name a command-line flag (they carry ``param`` instead)."""
    import re

    bad = []
    for path in SRC.rglob("*.py"):
        if path.relative_to(SRC).parts[0] in ("cli", "web"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and node.exc is not None:
                text = ast.unparse(node.exc)
                if re.search(r"--[a-z]", text) or "ssbkit " in text:
                    bad.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert not bad, bad
