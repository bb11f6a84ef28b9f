"""Write tests/fuzz/corpus.tsv: bad and odd inputs for every command and the web API.

Each line: ``id<TAB>kind<TAB>input``.  ``kind`` is ``cli`` (shell-quoted argv after ``ssbkit``)
or ``web`` (a path and query for GET, or ``POST path body``).  Placeholders in braces name
files the test creates (see tests/fuzz/test_fuzz.py).  Every case must be refused: exit code 2
with one line on stderr (CLI), or a 4xx JSON error (web).  Rerun after adding commands:
``python tools/make_fuzz_corpus.py``.
"""

from __future__ import annotations

import shlex
from pathlib import Path

BAD_NUMBERS = ["nan", "NaN", "inf", "-inf", "1e309", "-1e309", "1e400", "abc", "", " ", "1,5", "--", "0x10", "1e9"]
BAD_FORMULAS = ["Li0O", "LiNi1/0O2", "Li0/0O", "Li1e400O", "Li1e309O", "Li1e-30O", "Li-2O3", "", " ", "Xx2O",
                "Li2O)", "(Li2O", "Li((O)", "Li2O3$", "Li 2O", "O0", "Li1e5O", "Li99999999O", "Li.O", "Li..5O",
                "li2o", "LI2O", "Li2O-", "-Li2O", "Li2S-P2S5", "0Li2S-100P2S5", "Li2O)(", "1/0", "Li/2O",
                "Li2O\x00", "Li\tO", "Li2O|Li", "🔋", "Li2O" * 600]
BAD_VOLTAGES = ["nan", "inf", "-1", "1e9", "100", "abc", ""]
BAD_SCANS = ["0:5:inf", "0:5:nan", "nan:5:0.1", "0:inf:0.1", "0:5:0", "0:5:-0.1", "5:0:0.1", "0:5:1e-7",
             "0:5:0.1:2", "a:b:c", "", "0:100:0.1", "-5:5:0.1", "0:5:1e-300"]
STACK_BAD = ["", " ", "|", "LCO |", "| Li", "LCO || Li", "LCO | LGPS | LCO", "LCO | Li", "Li0O | LGPS | Li",
             "LCO | LiNi1/0O2 | Li", "LCO | Xx2O | Li", "LCO | LGPS | LGPS | LGPS | LGPS | LGPS | LGPS | LGPS | "
             "LGPS | LGPS | LGPS | LGPS | Li", "LCO | 🔋 | Li", "LCO | LGPS | Li1e400O"]
FILES = ["{dir}", "{fifo}", "{missing}", "{bin}", "{empty}"]
ENTRY_FILES = FILES + ["{row_zero}", "{row_huge}", "{row_unknown}", "{row_inf}", "{row_exp}", "{row_nan}",
                       "{row_blank_formula}", "{row_neg_amount}", "{json_module}", "{json_bad}", "{txt}",
                       "{csv_noheader}", "{row_fraction_zero}"]


def cli_cases() -> list[str]:
    c: list[list[str]] = []
    for f in BAD_FORMULAS:
        c += [["window", f], ["hull", f], ["decompose", f], ["react", f, "LiCoO2"], ["anode", f]]
    for f in BAD_FORMULAS[:12]:
        c += [["coatings", f, "LGPS"], ["interlayers", f], ["conductivity", f]]
    for v in BAD_NUMBERS:
        c += [["decompose", "Li3PS4", "--voltage", v], ["react", "Li3PS4", "LiCoO2", "--voltage", v],
              ["window", "LLZO", "--vmax", v], ["anode", "LGPS", "--weak-threshold", v],
              ["coatings", "LCO", "LGPS", "--voltage", v], ["assess", "LCO | LGPS | Li", "--time", v],
              ["assess", "LCO | LGPS | Li", "--asr-threshold", v],
              ["assess", "LCO | LGPS | Li", "--incompatible-threshold", v],
              ["assess", "LCO | LGPS | Li", "--temperature", v], ["assess", "LCO | LGPS | Li", "--pressure", v],
              ["assess", "LCO | LGPS | Li", "--current", v], ["assess", "LCO | LGPS | Li", "--step", v],
              ["conductivity", "LLZO", "--temperature", v],
              ["physics", "contact", "--conductivity", v, "--hardness", "5MPa", "--force", "10N"],
              ["physics", "wetting", "--contact-angle", v],
              ["physics", "voids", "--current-density", v, "--temperature", "25C", "--pressure", "1MPa"],
              ["physics", "dendrite", "monroe", "--shear-modulus", v],
              ["physics", "growth", "--kind", "parabolic", "--rate", v, "--time", "10h"],
              ["physics", "arrhenius", "--conductivity", v, "--activation-energy", "0.3eV", "--temperature", "60C"],
              ["physics", "bricklayer", "--bulk", v, "--gb", "1e-6S/cm", "--grain-size", "1um",
               "--gb-thickness", "1nm"],
              ["physics", "strain", "--volume-change", v],
              ["physics", "cracking", "--volume-change", v],
              ["physics", "cracking", "--volume-change", "5%", "--modulus", v],
              ["physics", "cracking", "--volume-change", "5%", "--particle-radius", v],
              ["physics", "ccd-microstructure", "--conductivity", "5e-4", "--interface-asr", v],
              ["physics", "ccd-microstructure", "--conductivity", "5e-4", "--interface-asr", "2", "--porosity", v],
              ["assess", "LCO | LGPS | Li", "--cycles", v],
              ["coatings", "LCO", "LGPS", "--top", v]]
    for v in BAD_VOLTAGES:
        c += [["assess", "LCO | LGPS | Li", "--voltage", v]]
    for s in BAD_SCANS:
        c += [["react", "Li3PS4", "LiCoO2", "--scan", s],
              ["screen", "--electrolytes", "LGPS", "--electrodes", "LCO", "--scan", s]]
    for s in STACK_BAD:
        c += [["assess", s]]
    for f in ENTRY_FILES:
        c += [["window", "Li2O", "--entries", f], ["hull", "Li2O", "--entries", f]]
    for f in FILES + ["{txt}", "{gaps_bad_row}", "{gaps_neg}"]:
        c += [["window", "Li2O", "--bandgaps", f], ["data", "--bandgaps", f]]
    for f in FILES:
        c += [["coatings", "LCO", "LGPS", "--candidates", f], ["assess", "LCO | LGPS | Li", "--params", f],
              ["screen", "--electrolytes", "@" + f, "--electrodes", "LCO"],
              ["screen", "--electrolytes", "LGPS", "--electrodes", "LCO", "--out", "{dir}"]]
    c += [["assess", "LCO | LGPS | Li", "--html", "{dir}"], ["assess", "LCO | LGPS | Li", "--plot", "{dir}"],
          ["window", "LLZO", "--plot", "{dir}"], ["window", "LLZO", "--plot", "{missing_dir}/x.png"],
          ["window", "LLZO", "--plot", "x.nope"], ["assess", "LCO | LGPS | Li", "--param", "sigma.Li2S=nan"],
          ["assess", "LCO | LGPS | Li", "--param", "sigma.Li2S=inf"], ["assess", "LCO | LGPS | Li", "--param", "=1"],
          ["assess", "LCO | LGPS | Li", "--param", "sigma.Li2S="], ["react", "", "LiCoO2"], ["react", "LiCoO2", ""],
          ["window"], ["window", ""], ["react", "Li3PS4"], ["coatings", "LCO"], ["screen", "--electrolytes", "",
                                                                                     "--electrodes", "LCO"],
          ["screen", "--electrolytes", ",", "--electrodes", "LCO"], ["screen", "--electrolytes", "LGPS",
                                                                     "--electrodes", "LCO", "--dask", "nonsense"],
          ["screen", "--electrolytes", "LGPS", "--electrodes", "LCO", "--dask", "local:0"],
          ["screen", "--electrolytes", "LGPS", "--electrodes", "LCO", "--window", "nan:5"],
          ["screen", "--electrolytes", "LGPS", "--electrodes", "LCO", "--window", "5:0"],
          ["physics", "ccd", "--points", "30C:nan,160C:14"], ["physics", "ccd", "--points", "30C:0.05"],
          ["physics", "ccd", "--points", "30C:0.05,30C:14"], ["physics", "ccd", "--points", "nonsense"],
          ["physics", "contact", "--spots", "0", "--conductivity", "1S/cm", "--hardness", "5MPa", "--force", "1N"],
          ["physics", "percolation", "--threshold-am", "nan"], ["physics", "percolation", "--exponent", "inf"],
          ["physics", "strain", "--poisson", "0.7", "--volume-change", "5%"],
          ["physics", "cracking", "--volume-change", "0"], ["physics", "cracking", "--volume-change", "-100%"],
          ["physics", "cracking", "--volume-change", "5%", "--modulus", "-150GPa"],
          ["physics", "cracking", "--volume-change", "5%", "--particle-radius", "0um"],
          ["physics", "cracking", "--volume-change", "5%", "--active-fraction", "1"],
          ["physics", "cracking", "--volume-change", "5%", "--buffer-modulus", "5GPa"],
          ["physics", "cracking", "--volume-change", "5%", "--buffer-modulus", "5GPa", "--buffer-thickness", "5um"],
          ["physics", "cracking", "--volume-change", "5%", "--partner-share", "0.5"],
          ["physics", "ccd-microstructure", "--conductivity", "5e-4", "--interface-asr", "2", "--porosity", "1"],
          ["physics", "ccd-microstructure", "--conductivity", "5e-4", "--interface-asr", "2", "--porosity", "-0.1"],
          ["physics", "ccd-microstructure", "--conductivity", "5e-4", "--interface-asr", "2", "--grain-size", "0um"],
          ["physics", "ccd-microstructure", "--conductivity", "0", "--interface-asr", "2"],
          ["physics", "ccd-microstructure", "--conductivity", "5e-4", "--interface-asr", "2", "--toughness", "0"],
          ["assess", "LCO | LGPS | Li", "--cycles", "0"], ["assess", "LCO | LGPS | Li", "--cycles", "2.5"],
          ["assess", "LCO | LGPS | Li", "--cycles", "5", "--time", "10h"],
          ["physics", "dendrite", "nucleation", "--alpha", "nan"],
          ["web", "--port", "99999"], ["web", "--port", "-1"], ["web", "--host", ""],
          ["cite", "nonsense-key-xyz"], ["lit", "nonsense-table"], ["lit", "numbers", "--topic", ""],
          ["interlayers", "LGPS", "--anode", ""], ["interlayers", "LGPS", "--anode", "Li0O"],
          ["anode", "LGPS", "--anode", "Xx"], ["coatings", "LCO", "LGPS", "--top", "0"],
          ["coatings", "LCO", "LGPS", "--top", "-3"], ["window", "LLZO", "--entries", ""],
          ["window", "LLZO", "--entries", " "]]
    for sub in ["", "Ta", "Ta:Zr", "Ta:Zr=", "Ta:Zr=nan", "Ta:Zr=inf", "Ta:Zr=1.5", "Ta:Zr=0", "Ta:Zr=-0.25",
                "Xx:Zr=0.25", "Zr:Zr=0.25", "Ta:Nb=0.25", "La:Zr=0.25", "Ta:Zr=0.25fufu", "Ta9+:Zr=0.25x",
                "Ta:Zr=1e-9", "Ta:Zr=0.3333333"]:
        c += [["dope", "LLZO", "--substitute", sub]]
    c += [["dope", "LLZO"], ["dope", "--substitute", "Ta:Zr=0.25"], ["dope", "Li0O", "--substitute", "Ta:Zr=0.25"],
          ["dope", "LLZO", "--substitute", "Ta:Zr=0.25", "--orderings", "0"],
          ["dope", "LLZO", "--substitute", "Ta:Zr=0.25", "--orderings", "nan"],
          ["dope", "LLZO", "--substitute", "Ta:Zr=0.25", "--compensate", "none"],
          ["dope", "LLZO", "--substitute", "Ta:Zr=0.25", "--compensate", "Xx"],
          ["dope", "LLZO", "--substitute", "Ta:Zr=0.25", "--compensate", "O"],
          ["dope", "LLZO", "--substitute", "Ta:Zr=0.25", "--max-atoms", "10"],
          ["dope", "LLZO", "--substitute", "Ta:Zr=0.25", "--vmax", "nan"],
          ["dope", "LLZO", "--substitute", "Ta:Zr=0.25", "--structure", "{missing}"],
          ["dope", "LLZO", "--substitute", "Ta:Zr=0.25", "--structure", "{txt}"],
          ["dope", "LLZO", "--substitute", "Ta:Zr=0.25", "--structures", "{empty}"]]
    for u in ["", ",", "Q", "Cl", "F", "S,Xx", "s"]:
        c += [["window", "Li3PS4", "--uncorrect", u]]
    c += [["window", "Li3PS4", "--uncorrect", "S", "--corrections", "mp2099"],
          ["window", "Li3PS4", "--corrections", "mp2099"], ["window", "LLZO", "--structure", "{missing}"],
          ["react", "{txt}", "LiCoO2"], ["hull", "--structure", "{bin}"]]
    # out of the box: typos, non-materials, temperatures below 1 K, times with units
    c += [["window", "LLZ0"], ["window", "Li6PS5CL"], ["assess", "LCO | He | Li"], ["assess", "LCO | O2 | Li"],
          ["assess", "LCO | LiNbO3 | Li6PSCl5 | Li"], ["screen", "--electrolytes", "LLZO,Ar", "--electrodes", "LCO"],
          ["conductivity", "LLZO", "--temperature", "1e-300K"], ["hull", "LLZO", "--temperature", "0.5K"],
          ["thermal", "LCO", "LLZO", "--temperature", "0K:300K"], ["assess", "LCO | LLZO | Li", "--temperature", "0K"],
          ["assess", "LCO | LLZO | Li", "--time", "5 parsecs"], ["assess", "LCO | LLZO | Li", "--time", "-3h"],
          ["assess", "LCO | LLZO | Li", "--time", "0"], ["assess", "LCO | LLZO | Li", "--time", "1e9h"],
          ["assess", "LCO | LLZO | Li", "--time", ""], ["assess", "LCO | LLZO | Li", "--time", "nan h"]]
    return ["\t".join(["cli", shlex.join(a)]) for a in c]


def web_cases() -> list[str]:
    w = []
    for f in BAD_FORMULAS:
        w.append("GET /api/window?formulas=" + _q(f))
    for v in [x for x in BAD_NUMBERS[:10] if x]:  # an empty form field means "not given", as in the HTML form
        w += ["GET /api/assess?stack=LCO%20%7C%20LGPS%20%7C%20Li&temperature=" + _q(v),
              "GET /api/assess?stack=LCO%20%7C%20LGPS%20%7C%20Li&voltage=" + _q(v),
              "GET /api/assess?stack=LCO%20%7C%20LGPS%20%7C%20Li&current=" + _q(v)]
    for s in STACK_BAD:
        w.append("GET /api/assess?stack=" + _q(s))
    w += ["GET /api/window", "GET /api/assess", "GET /api/window?formulas=" + _q("LLZO," * 300),
          "GET /api/assess?stack=" + _q("LCO | LGPS | Li") + "&step=1e-7", "GET /api/nope",
          "POST /api/window formulas=LLZO"]
    return ["\t".join(["web", x]) for x in w]


def _q(s: str) -> str:
    from urllib.parse import quote

    return quote(s, safe="")


def main() -> None:
    out = Path(__file__).resolve().parents[1] / "tests" / "fuzz" / "corpus.tsv"
    lines = cli_cases() + web_cases()
    seen: set[str] = set()
    rows = []
    for line in lines:
        if line in seen:
            continue
        seen.add(line)
        rows.append(f"{len(rows) + 1:04d}\t{line}")
    out.write_text("# id\tkind\tinput (see tools/make_fuzz_corpus.py)\n" + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} cases -> {out}")


if __name__ == "__main__":
    main()
