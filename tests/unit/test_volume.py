"""`ssbkit volume`: volume changes along the Li path, checked against the measured table."""

from __future__ import annotations

import json

import pytest

import ssbkit
from ssbkit.cli import main
from ssbkit.data.volumes import measured_volume_changes
from ssbkit.errors import SsbkitError, UnitError
from ssbkit.thermo.volume import VolumeChange, volume_change


@pytest.fixture(scope="module")
def th():
    return ssbkit.default_thermo()


def test_si_lithiation_follows_the_alloy_phases_and_lands_in_the_measured_range(th):
    r = volume_change(th, "Si", (1.5, 0.0))
    assert r.method == "phases"
    lo, hi = r.measured_range_percent
    assert lo <= r.volume_change_percent <= hi  # Li21Si5 at 0 V: about +290 %
    # the path goes through the Li-Si phases in order of Li content, volumes growing
    lis = [p.li_per_formula_unit for p in r.path]
    vols = [p.volume_A3_per_formula_unit for p in r.path]
    assert lis == sorted(lis) and vols == sorted(vols) and r.path[0].phases == ("Si",)
    assert r.path[-1].li_per_formula_unit > 4 and r.error_percent_points == pytest.approx(
        r.volume_change_percent - 280.0)
    assert VolumeChange.from_dict(json.loads(json.dumps(r.to_dict()))) == r


def test_the_path_runs_either_way_and_reverses_the_change(th):
    down = volume_change(th, "Sn", (1.5, 0.0))
    up = volume_change(th, "Sn", (0.0, 1.5))
    assert down.volume_change_percent > 100
    assert (1 + down.volume_change_percent / 100) * (1 + up.volume_change_percent / 100) == pytest.approx(1.0)
    assert [p.phases for p in up.path] == [p.phases for p in reversed(down.path)]


def test_a_voltage_range_without_a_reaction_changes_nothing(th):
    r = volume_change(th, "LiFePO4", (2.5, 3.0), method="phases")
    assert r.volume_change_percent == pytest.approx(0.0) and len(r.path) == 1


def test_the_measured_table_has_ranges_and_references():
    rows = measured_volume_changes()
    assert {"Si", "C", "Li4Ti5O12", "LiFePO4", "LiCoO2"} <= set(rows)
    for row in rows.values():
        lo, hi = row.range_percent
        assert lo <= row.percent <= hi and row.reference


@pytest.mark.parametrize("voltage,kw,msg", [((1.0, 1.0), {}, "two different voltages"),
                                            ((1.0, 11.0), {}, "between 0 and 10 V"),
                                            ((1.0, 0.0), {"method": "fast"}, "unknown method"),
                                            ((2.5, 4.0), {"li_removed": 1.5}, r"in \(0, 1\]")])
def test_bad_input_is_refused(th, voltage, kw, msg):
    with pytest.raises(UnitError, match=msg):
        volume_change(th, "LiFePO4", voltage, **kw)


def test_topotactic_needs_lithium(th):
    with pytest.raises(SsbkitError, match="holds no Li"):
        volume_change(th, "Si", (1.5, 0.0), method="topotactic")


@pytest.mark.parametrize("args", [["--voltage", "1.5:x"], ["--voltage", "1:1"], ["--voltage", "2:4", "--li-removed", "0"]])
def test_cli_bad_input_is_one_line_exit_2(args, capsys):
    assert main(["volume", "LiFePO4", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_cli_json(capsys):
    assert main(["volume", "Si", "--voltage", "1.5:0", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["method"] == "phases" and d["measured_to"] == "Li15Si4" and d["volume_change_percent"] > 250


@pytest.mark.integration
def test_lifepo4_delithiation_contracts_topotactically(th):
    """Olivine LiFePO4 -> FePO4 with the potential: a contraction of the order measured (Padhi et al. 1997:
    -6.5 %; the potential makes FePO4 about 2 % too dense, docs/mechanics.md)."""
    r = volume_change(th, "LiFePO4", (2.5, 4.0))
    assert r.method == "topotactic" and r.path[-1].li_per_formula_unit == pytest.approx(-1.0)
    assert -12.0 < r.volume_change_percent < -4.0
    assert abs(r.error_percent_points) < 4.0
