"""`ssbkit volume`: volume changes along the Li path, checked against the measured table."""

from __future__ import annotations

import json

import numpy as np
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


def test_topotactic_removal_needs_lithium(th):
    with pytest.raises(SsbkitError, match="holds no Li to remove"):
        volume_change(th, "Si", (0.0, 1.5), method="topotactic", li_removed=0.5)


def test_insertion_takes_the_roomiest_empty_sites_apart():
    """Li in rock-salt's empty tetrahedral holes: each at least the clearance from every atom, the sites at least
    the separation apart; more Li than holes is refused in one line."""
    from pymatgen.core import Lattice, Structure

    from ssbkit.thermo.insertion import (
        MIN_CLEARANCE_A,
        MIN_SEPARATION_A,
        empty_sites,
        insert_li,
    )

    mgo = Structure.from_spacegroup("Fm-3m", Lattice.cubic(4.6), ["Mg", "O"], [[0, 0, 0], [0.5, 0.5, 0.5]])
    sites, clear = empty_sites(mgo)
    assert len(sites) == 8  # the 8 tetrahedral holes of the conventional cell, 2.3 A apart
    assert clear.min() >= MIN_CLEARANCE_A and clear[0] == pytest.approx(4.6 * 3 ** 0.5 / 4, abs=0.25)  # grid
    d = mgo.lattice.get_all_distances(sites, sites)
    assert d[~np.eye(len(sites), dtype=bool)].min() >= MIN_SEPARATION_A - 1e-9
    lith, _ = insert_li(mgo, 4)
    assert lith.composition["Li"] == 4 and len(lith) == len(mgo) + 4
    with pytest.raises(SsbkitError, match="fewer than the 9 Li"):
        insert_li(mgo, 9)


def test_an_explicit_amount_must_be_one_and_topotactic(th):
    with pytest.raises(UnitError, match="not both"):
        volume_change(th, "LiFePO4", (2.5, 4.0), li_removed=0.5, li_inserted=1.0)
    with pytest.raises(UnitError, match="positive"):
        volume_change(th, "Li4Ti5O12", (2.0, 1.0), li_inserted=-1.0)
    with pytest.raises(UnitError, match="topotactic method only"):
        volume_change(th, "Si", (1.5, 0.0), method="phases", li_inserted=1.0)
    with pytest.raises(SsbkitError, match="empty sites"):  # Si -> Li21Si5 is no insertion: too few holes
        volume_change(th, "Si", (1.5, 0.0), method="topotactic")


@pytest.mark.parametrize("args", [["--voltage", "1.5:x"], ["--voltage", "1:1"], ["--voltage", "2:4", "--li-removed", "0"],
                                  ["--voltage", "2:1", "--li-inserted", "-1"],
                                  ["--voltage", "2:4", "--li-inserted", "1", "--li-removed", "0.5"]])
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
    -6.5 %; the potential makes FePO4 about 1 % too large against LiFePO4, docs/mechanics.md)."""
    r = volume_change(th, "LiFePO4", (2.5, 4.0))
    assert r.method == "topotactic" and r.path[-1].li_per_formula_unit == pytest.approx(-1.0)
    assert -12.0 < r.volume_change_percent < -4.0
    assert abs(r.error_percent_points) < 4.0


@pytest.mark.integration
def test_li4ti5o12_lithiation_inserts_li_into_its_framework(th):
    """Spinel Li4Ti5O12 -> Li7Ti5O12 (3 Li per formula unit, the equilibrium uptake from 2 to 1 V) by insertion into
    its empty sites, relaxed with the potential: near zero strain (measured +0.2 %, Ohzuku et al. 1995); the
    potential gives about -2 % (docs/mechanics.md), closer than the equilibrium phases (-4.3 %)."""
    r = volume_change(th, "Li4Ti5O12", (2.0, 1.0))
    assert r.method == "topotactic" and r.path[-1].li_per_formula_unit == pytest.approx(3.0)
    assert abs(r.volume_change_percent) < 4.0 and r.error_percent_points is not None
    phases = volume_change(th, "Li4Ti5O12", (2.0, 1.0), method="phases")
    assert abs(r.error_percent_points) < abs(phases.error_percent_points)


def test_a_path_to_another_li_content_is_not_compared_with_the_measured_value():
    from ssbkit.thermo.volume import _same_end

    rows = measured_volume_changes()
    lto = {"Li": 4.0, "Ti": 5.0, "O": 12.0}
    assert _same_end(lto, rows["Li4Ti5O12"], 3.0) and not _same_end(lto, rows["Li4Ti5O12"], 1.0)
    lco = {"Li": 1.0, "Co": 1.0, "O": 2.0}
    assert _same_end(lco, rows["LiCoO2"], -0.5) and not _same_end(lco, rows["LiCoO2"], -1.0)
    assert _same_end({"Si": 1.0}, rows["Si"], 3.75)


def test_a_reversed_or_partial_path_is_compared_only_with_the_same_states(th):
    """Si from 0 to 1.5 V runs the measured lithiation backwards: compared with the measured change taken the other
    way (1 / (1 + 2.80) - 1 = -73.7 %); a path stopping at LiSi/Li12Si7 is another Li content: not compared."""
    back = volume_change(th, "Si", (0.0, 1.5))
    fwd = volume_change(th, "Si", (1.5, 0.0))
    assert back.measured_percent == pytest.approx(100.0 * (1.0 / 3.8 - 1.0))
    assert back.measured_to == "Si" and back.error_percent_points == pytest.approx(
        back.volume_change_percent - back.measured_percent)
    lo, hi = back.measured_range_percent
    assert lo < back.measured_percent < hi and lo == pytest.approx(100.0 * (1.0 / 4.1 - 1.0))
    assert abs(back.error_percent_points) < abs(fwd.error_percent_points)  # the same states, the other way
    part = volume_change(th, "Si", (1.5, 0.3))
    assert part.error_percent_points is None and any("not compared" in n for n in part.notes)
    assert part.measured_percent == 280.0


@pytest.mark.integration
def test_a_topotactic_path_starts_from_the_li_content_at_the_start_voltage(th):
    """LiFePO4 from 4 to 3 V is FePO4 (the equilibrium content at 4 V) lithiated back to LiFePO4, not Li inserted
    into LiFePO4: the change is the delithiation's taken the other way, compared with the measured value reversed."""
    down = volume_change(th, "LiFePO4", (3.0, 4.0))
    up = volume_change(th, "LiFePO4", (4.0, 3.0))
    assert up.method == "topotactic"
    assert [p.li_per_formula_unit for p in up.path] == pytest.approx([-1.0, 0.0])
    assert (1 + up.volume_change_percent / 100) * (1 + down.volume_change_percent / 100) == pytest.approx(1.0)
    assert up.measured_to == "LiFePO4" and up.measured_percent == pytest.approx(10000.0 / 93.5 - 100.0)
    assert up.error_percent_points == pytest.approx(up.volume_change_percent - up.measured_percent)


def test_a_supercell_that_cannot_hold_li_is_refused():
    from pymatgen.core import Lattice, Structure

    from ssbkit.thermo.volume import _supercell

    si = Structure(Lattice.cubic(5.43), ["Si"], [[0, 0, 0]])
    with pytest.raises(SsbkitError, match="no cell up to"):
        _supercell(si)
