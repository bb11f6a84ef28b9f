"""Citations as keys: results carry the bibliography keys of the works they rest on, a registry collects them
while a computation runs, the views render a References section, and ``ssbkit cite --result`` prints them."""

from __future__ import annotations

import json

import pytest

from ssbkit.bibliography import Citation, citations, cite, references_of


def test_cite_keeps_the_keys_of_the_works_it_names():
    c = cite("wang2020", "[57]", "§2.4") + "; Li creep: Masias et al., J. Mater. Sci. 54, 2585 (2019)"
    assert isinstance(c, Citation) and c.keys == ("wang2020", "wang2020-ref57")
    assert str(c).startswith("Krauskopf et al., ACS Appl. Mater. Interfaces 2019 (ref. 57 in Wang et al.")


def test_physics_results_carry_and_register_their_references():
    from ssbkit.physics.voids import void_limit

    with citations.collect() as used:
        r = void_limit(298.15, 5e6, 10.0)
    assert r.references == ("wang2020", "wang2020-ref57") and set(r.references) <= used
    d = r.to_dict()
    assert d["references"] == ["wang2020", "wang2020-ref57"] and type(r).from_dict(d) == r


def test_nothing_is_registered_outside_a_collection():
    with citations.collect() as used:
        pass
    cite("zheng2021", "[34]")
    assert used == set()


def test_the_assessment_names_every_work_it_rests_on(capsys, tmp_path):
    from ssbkit.cli import main

    html = tmp_path / "r.html"
    code = main(["assess", "NMC811 | LiNbO3 | Li6PS5Cl | Li", "--pressure", "5MPa", "--current", "0.5mA/cm2",
                 "--json", "--html", str(html)])
    d = json.loads(capsys.readouterr().out)
    refs = d["provenance"]["references"]
    assert code == 0 and refs[:2] == ["zheng2021", "wang2020"]
    facts = {k for i in d["interfaces"] for f in i["literature"] for k in f["references"]}
    assert facts and facts <= set(refs)  # every reported fact's works
    assert "wang2020-ref57" in refs  # the stripping-void model
    assert list(references_of(d)) == refs
    page = html.read_text()
    assert 'id="references"' in page and all(f'id="{k}"' in page for k in refs)
    code = main(["assess", "NMC811 | LiNbO3 | Li6PS5Cl | Li", "--pressure", "5MPa", "--current", "0.5mA/cm2"])
    out = capsys.readouterr().out
    assert "References (ssbkit cite KEY prints one in full):" in out and "wang2020-ref57: Krauskopf" in out


def test_cite_prints_the_references_of_a_result(capsys, tmp_path):
    from ssbkit.cli import main

    p = tmp_path / "w.json"
    assert main(["physics", "wetting", "--work-of-adhesion", "0.67", "--json"]) == 0
    p.write_text(capsys.readouterr().out)
    assert main(["cite", "--result", str(p)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("wang2020: D. Wang") and "wang2020-ref56: " in out
    bad = tmp_path / "bad.json"
    bad.write_text("not json")
    assert main(["cite", "--result", str(bad)]) == 2
    assert "is not JSON" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["cite", "zheng2021", "--result", "x.json"], ["cite"]])
def test_cite_usage(capsys, argv):
    from ssbkit.cli import main

    assert main(argv) == 2
