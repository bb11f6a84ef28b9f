"""Every command, as a user runs it: a fresh process on the embedded default data.

* ``--json`` prints JSON and nothing else on stdout (whatever the solver or library versions: no banner);
* the text output and the JSON name the reviews by authors, journal and year, never by a nickname
  ("seed");
* nothing from the solver's banner reaches either stream's start.

This is also the check the newest-dependency CI step runs (``.ci/newest``).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

pytestmark = pytest.mark.integration

NICKNAME = re.compile(r"\bseeds?\b|\bseed ?[12]\b", re.IGNORECASE)

#: Every command and subcommand with a representative input (the embedded data; nothing configured).
CASES: list[list[str]] = [
    ["window", "LLZO"], ["window", "LGPS", "LATP", "--apparent"], ["hull", "Li6PS5Cl"],
    ["volume", "Si", "--voltage", "1.5:0"],
    ["decompose", "LGPS", "--voltage", "0"], ["react", "Li6PS5Cl", "LiCoO2", "--voltage", "4.3"],
    ["react", "LLZO", "LCO,LFP", "--scan", "3:4:0.5"], ["anode", "LGPS"],
    ["assess", "LCO | LiNbO3 | LPSCl | Li", "--pressure", "5MPa", "--current", "0.5mA/cm2", "--time", "2d"],
    ["assess", "LCO | LLZO | Li", "--process", "sinter 700C 2h air; anneal 500C 1h ar"],
    ["coatings", "LCO", "Li3PS4", "--top", "3"], ["interlayers", "LATP"],
    ["screen", "--electrolytes", "LLZO,LGPS", "--electrodes", "LCO", "--scan", "3:4:1"],
    ["thermal", "LCO", "LLZO", "--temperature", "500C:700C:100K"], ["air", "LLZO"],
    ["anneal", "Li2CO3", "--on", "LLZO", "--atmosphere", "ar"],
    ["lit", "electrolytes", "--family", "sulfide"], ["lit", "reactions"], ["lit", "coatings"], ["lit", "interlayers"],
    ["lit", "garnet-li"], ["lit", "garnet-cells"], ["lit", "numbers", "--topic", "ccd"],
    ["conductivity", "LLZO", "--temperature", "60C"], ["conductivity", "LGPS"],
    ["physics", "wetting", "--work-of-adhesion", "0.67"],
    ["physics", "contact", "--conductivity", "3e-4", "--pressure", "5MPa", "--area", "1cm2"],
    ["physics", "voids", "--current-density", "1", "--pressure", "5MPa"],
    ["physics", "ccd", "--points", "30C:0.05,160C:14", "--at", "60C"],
    ["physics", "dendrite", "monroe", "--shear-modulus", "60GPa"],
    ["physics", "growth", "--kind", "SEI", "--rate", "1e-21m2/s", "--conductivity", "1e-8"],
    ["physics", "arrhenius", "--points", "25C:1e-3,60C:3e-3"],
    ["physics", "bricklayer", "--bulk", "1e-3", "--gb", "1e-5", "--grain-size", "1um"],
    ["physics", "percolation"], ["physics", "strain", "--volume-change", "2%"],
    ["physics", "cracking", "--volume-change", "7.5%", "--modulus", "15GPa,150GPa"],
    ["physics", "ccd-microstructure", "--conductivity", "5e-4", "--interface-asr", "2"],
    ["physics", "interdiffusion", "--species", "Co", "--host", "LLZO", "--schedule", "700C 2h"],
    ["data"], ["cite", "zheng2021-ref34"],
]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SSBKIT_") and k != "MP_API_KEY"}
    env["SSBKIT_CACHE_DIR"] = os.environ.get("SSBKIT_CACHE_DIR", "")
    env.pop("SSBKIT_PROGRESS", None)
    return {k: v for k, v in env.items() if v}


def _run(argv: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ssbkit", *argv], capture_output=True, text=True, env=_env(),
                          timeout=600)


@pytest.fixture(scope="module")
def outputs() -> dict[tuple[str, ...], tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]]:
    """Each case run twice in a fresh process: with ``--json`` and as text (two at a time)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        js = list(pool.map(lambda a: _run([*a, "--json"]), CASES))
        tx = list(pool.map(_run, CASES))
    return {tuple(a): (j, t) for a, j, t in zip(CASES, js, tx, strict=True)}


def test_every_command_is_listed():
    from ssbkit.cli import COMMANDS

    covered = {c[0] for c in CASES} | {"web", "dope"}  # web serves pages (tests/web); dope in test_doping.py
    assert set(COMMANDS) <= covered, set(COMMANDS) - covered


@pytest.mark.parametrize("argv", CASES, ids=lambda a: " ".join(a)[:60])
def test_json_is_json_and_text_names_the_reviews(outputs, argv):
    js, tx = outputs[tuple(argv)]
    assert js.returncode == 0, js.stderr[-2000:]
    json.loads(js.stdout)  # nothing but JSON on stdout
    assert tx.returncode == 0, tx.stderr[-2000:]
    for stream in (js.stdout, js.stderr, tx.stdout, tx.stderr):
        assert "HiGHS" not in stream and "Copyright" not in stream
        m = NICKNAME.search(stream)
        assert m is None, f"nickname {m.group(0)!r} in output: ...{stream[max(0, m.start() - 80):m.end() + 80]}..."


def test_help_texts_name_the_reviews():
    from ssbkit.cli import COMMANDS

    for cmd in ["--help", *sorted(COMMANDS)]:
        r = _run([cmd, "--help"] if cmd != "--help" else [cmd])
        assert r.returncode == 0, (cmd, r.stderr)
        assert NICKNAME.search(r.stdout) is None, (cmd, NICKNAME.search(r.stdout).group(0))
        assert "%%" not in r.stdout, (cmd, "click prints help as written: a doubled percent sign shows")
