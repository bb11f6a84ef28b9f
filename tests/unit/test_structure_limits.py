"""The shape the architecture asks for (docs/architecture.md): small modules and functions, and every verdict
word of an assessment assigned in one module of the stack layer (:mod:`ssbkit.stack.grading`)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "ssbkit"
MAX_FUNCTION_LINES = 80
MAX_MODULE_LINES = 450


def test_no_function_over_80_lines_and_no_module_over_450():
    long_modules, long_functions = [], []
    for p in sorted(SRC.rglob("*.py")):
        src = p.read_text(encoding="utf-8")
        if len(src.splitlines()) > MAX_MODULE_LINES:
            long_modules.append(f"{p.relative_to(SRC)}: {len(src.splitlines())} lines")
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1  # type: ignore[operator]
                if n > MAX_FUNCTION_LINES:
                    long_functions.append(f"{p.relative_to(SRC)}:{node.lineno} {node.name}: {n} lines")
    assert not long_modules and not long_functions, long_modules + long_functions


#: the grades only a verdict can be (``stable`` and ``unknown`` also name interphases and data states)
VERDICT_ONLY = ("passivated", "resistive", "degrading", "incompatible")


def test_the_verdict_words_are_assigned_in_one_module():
    """Outside stack/grading.py no module of stack/ writes a grade as a string literal (verdicts.py declares
    their order and documents the rules; report.py types them)."""
    found = []
    for p in sorted((SRC / "stack").glob("*.py")):
        if p.name in ("grading.py", "verdicts.py"):
            continue
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in VERDICT_ONLY:
                found.append(f"{p.name}:{node.lineno} {node.value!r}")
    assert not found, found
    grading = (SRC / "stack" / "grading.py").read_text(encoding="utf-8")
    assert all(re.search(rf'"{w}"', grading) for w in VERDICT_ONLY)


def test_one_order_of_the_grades():
    from typing import get_args

    from ssbkit.results import Verdict
    from ssbkit.stack.verdicts import ORDER, WORST_LAST

    assert set(WORST_LAST) == set(get_args(Verdict)) and list(ORDER) == list(WORST_LAST)
