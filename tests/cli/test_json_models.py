"""``--json`` of every command validates against its model, and no output names a review by file name.

For each command the JSON printed is read back into its result type (pydantic, unknown keys refused)
and dumped again: the two must be equal.  The outputs (text, JSON, HTML report, SVG/PDF plots) of a
sample of commands are searched for the reviews' file names.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from ssbkit.cli import main

SEED_FILE_NAMES = ("000_b696854b0b79fc77", "001_2dd48e6c264f94e2")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _physics_types() -> list[type]:
    from ssbkit.physics._base import PhysicsResult

    def walk(c: type) -> Any:
        for s in c.__subclasses__():
            yield s
            yield from walk(s)
    return list(walk(PhysicsResult))


def _validate(model: Any, obj: Any) -> None:
    """``obj`` (a dict, or a list of dicts) is exactly what ``model`` dumps after reading it."""
    if isinstance(obj, list):
        for x in obj:
            _validate(model, x)
        return
    if isinstance(model, list):  # any of these types
        for m in model:
            try:
                if m.from_dict(obj).to_dict() == obj:
                    return
            except Exception:  # noqa: BLE001 - not this type
                continue
        raise AssertionError(f"no model in {[m.__name__ for m in model]} reads {sorted(obj)}")
    assert model.from_dict(obj).to_dict() == obj


def _cases() -> list[tuple[list[str], str]]:
    return [
        (["window", "LLZO"], "StabilityWindow"),
        (["window", "LGPS", "LATP"], "StabilityWindow"),
        (["hull", "Li6PS5Cl"], "HullResult"),
        (["decompose", "LGPS", "--voltage", "0"], "DecompositionResult"),
        (["decompose", "Li3PS4"], "DecompositionResult"),
        (["react", "Li6PS5Cl", "LiCoO2"], "InterfaceReaction"),
        (["react", "Li6PS5Cl", "LiCoO2", "--voltage", "4.3"], "InterfaceReaction"),
        (["react", "LLZO", "LCO,LFP", "--scan", "3:4:0.5"], "VoltageProfile"),
        (["react", "LLZO", "LCO", "--scan", "3:4:0.5", "--kinks"], "VoltageProfile"),
        (["anode", "LGPS"], "AnodeInterface"),
        (["assess", "LCO | LiNbO3 | LPSCl | Li", "--pressure", "5MPa", "--current", "0.5mA/cm2"], "StackAssessment"),
        (["coatings", "LCO", "Li3PS4", "--top", "3"], "ScreenResult"),
        (["interlayers", "LATP"], "ScreenResult"),
        (["screen", "--electrolytes", "LLZO", "--electrodes", "LCO", "--scan", "3:4:1"], "PairScreen"),
        (["lit", "electrolytes", "--family", "sulfide"], "ElectrolyteRecord"),
        (["lit", "reactions", "--electrolyte", "LPSCl"], "ReactionRecord"),
        (["lit", "coatings"], "LayerRecord"),
        (["lit", "interlayers"], "LayerRecord"),
        (["lit", "garnet-li"], "GarnetLiRecord"),
        (["lit", "garnet-cells"], "GarnetCellRecord"),
        (["lit", "numbers", "--topic", "ccd"], "NumberRecord"),
        (["conductivity", "LLZO", "--temperature", "60C"], "ConductivityResult"),
        (["physics", "wetting", "--work-of-adhesion", "0.67"], "physics"),
        (["physics", "contact", "--conductivity", "3e-4", "--pressure", "5MPa", "--area", "1cm2"], "physics"),
        (["physics", "voids", "--current-density", "1", "--pressure", "5MPa"], "physics"),
        (["physics", "ccd", "--points", "30C:0.05,160C:14", "--at", "60C"], "physics"),
        (["physics", "dendrite", "monroe", "--shear-modulus", "60GPa"], "physics"),
        (["physics", "growth", "--kind", "SEI", "--rate", "1e-21m2/s", "--conductivity", "1e-8"], "physics"),
        (["physics", "arrhenius", "--points", "25C:1e-3,60C:3e-3"], "physics"),
        (["physics", "bricklayer", "--bulk", "1e-3", "--gb", "1e-5", "--grain-size", "1um"], "physics"),
        (["physics", "percolation"], "physics"),
        (["physics", "strain", "--volume-change", "2%"], "physics"),
    ]


def _model(name: str) -> Any:
    import ssbkit.interfaces.anode as an
    import ssbkit.interfaces.coatings as co
    import ssbkit.interfaces.profile as pr
    import ssbkit.interfaces.reactions as rx
    import ssbkit.literature.records as rec
    import ssbkit.screening.pairs as sp
    import ssbkit.stack.report as sr
    import ssbkit.thermo.service as ts
    import ssbkit.thermo.window as tw

    if name == "physics":
        return _physics_types()
    for mod in (tw, ts, rx, pr, an, sr, co, sp, rec):
        if hasattr(mod, name):
            return getattr(mod, name)
    raise KeyError(name)


@pytest.mark.integration
@pytest.mark.parametrize("argv,model", _cases(), ids=lambda v: " ".join(v) if isinstance(v, list) else v)
def test_json_output_validates_against_its_model(capsys, entries_path, bandgaps_path, argv, model) -> None:
    data = ["--entries", str(entries_path)] if argv[0] in ("window", "hull", "decompose", "react", "anode", "assess",
                                                           "coatings", "interlayers", "screen") else []
    if argv[0] in ("react", "anode", "assess", "coatings", "interlayers"):
        data += ["--bandgaps", str(bandgaps_path)]
    code, out, err = run(capsys, *argv, *data, "--json")
    assert code == 0, err
    obj = json.loads(out)
    _validate(_model(model), obj)
    assert not any(s in out for s in SEED_FILE_NAMES)


@pytest.mark.integration
def test_no_output_names_a_review_by_file_name(capsys, tmp_path, entries_path, bandgaps_path) -> None:
    ent = ["--entries", str(entries_path), "--bandgaps", str(bandgaps_path)]
    html, svg, pdf = tmp_path / "r.html", tmp_path / "w.svg", tmp_path / "m.pdf"
    texts = []
    for argv in (["assess", "NMC811 | LiNbO3 | LPSCl | Li", "--pressure", "5MPa", "--current", "0.5mA/cm2",
                  "--html", str(html), *ent],
                 ["window", "LLZO", "LGPS", "--plot", str(svg), *ent[:2]],
                 ["react", "LLZO", "LCO", "--plot", str(pdf), *ent],
                 ["anode", "LGPS", *ent], ["coatings", "NMC811", "LPSCl", *ent], ["interlayers", "LGPS", *ent],
                 ["lit", "electrolytes"], ["lit", "reactions"], ["lit", "coatings"], ["lit", "garnet-li"],
                 ["lit", "numbers"], ["conductivity", "LGPS"], ["physics", "wetting", "--work-of-adhesion", "0.67"],
                 ["physics", "voids", "--current-density", "1"], ["cite", "--all"], ["--help"], ["lit", "--help"]):
        code, out, err = run(capsys, *argv)
        assert code == 0, (argv, err)
        texts.append(out + err)
    texts += [html.read_text(), svg.read_text(), pdf.read_bytes().decode("latin-1")]
    for t in texts:
        assert not any(s in t for s in SEED_FILE_NAMES)
    assert "Zheng et al., Batteries & Supercaps 2021" in texts[0] and "Adv. Energy Mater. 2020" in texts[0]
    assert "<dc:date>" not in texts[-2] and "CreationDate" not in texts[-1]  # reproducible plots


def test_cite(capsys) -> None:
    code, out, _ = run(capsys, "cite", "zheng2021-ref34")
    assert code == 0 and out.startswith("zheng2021-ref34: Y. Kato, S. Hori") and "Nat. Energy 2016, 1, 16030" in out
    assert "reference 34 of Zheng et al., Batteries & Supercaps 2021" in out
    code, out, _ = run(capsys, "cite", "wang2020", "--bibtex")
    assert code == 0 and out.startswith("@article{wang2020,") and "doi = {10.1002/aenm.202001318}" in out
    code, out, _ = run(capsys, "cite", "--all", "--json")
    items = json.loads(out)
    assert code == 0 and len(items) == 423  # the 2 reviews + 421 works (numbers with a), b) ... count each work)
    assert sum(1 for i in items if i.get("cited_in") == "zheng2021" and i["reference_number"].isdigit()) > 150
    assert {i["id"] for i in items[:2]} == {"zheng2021", "wang2020"}
    code, _, err = run(capsys, "cite", "nope2020")
    assert code == 2 and err.count("\n") == 1 and "unknown reference" in err
