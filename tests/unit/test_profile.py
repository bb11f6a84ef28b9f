"""Exact voltage profiles: equal to the per-voltage engine and to pymatgen; breakpoints where the products
change; the one-programme closed reaction; results independent of call order, process and executor."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from ssbkit.interfaces import InterfaceCalculator
from ssbkit.interfaces.profile import best_closed
from ssbkit.interfaces.reactions import voltage_grid

pytestmark = pytest.mark.integration

PAIRS = [("Li6PS5Cl", "LiNi0.8Co0.1Mn0.1O2"), ("LLZO", "LiCoO2"), ("Li3PS4", "LiCoO2"),
         ("Li1.3Al0.3Ti1.7(PO4)3", "LiNi0.8Co0.15Al0.05O2"), ("Li3InCl6", "LiCoO2"), ("Li3N", "LiCoO2"),
         ("LiF", "LiFePO4"), ("Li2PO2N", "LiMn2O4")]


@pytest.mark.parametrize("a,b", PAIRS)
def test_profile_equals_every_voltage_solved_in_full(thermo, a, b):
    volts = voltage_grid(0.0, 5.0, 0.1)
    prof = InterfaceCalculator(thermo, a, b).profile(volts)
    full = InterfaceCalculator(thermo, a, b).scan(volts, kinks=True)
    assert [p.voltage_V for p in prof.points] == volts
    for p, r in zip(prof.points, full):
        assert p.reaction_energy_eV_per_atom == pytest.approx(r.reaction_energy_eV_per_atom, abs=1e-8)
        if p.reaction_energy_eV_per_atom < -1e-3 and abs(p.mixing_ratio - r.mixing_ratio) < 1e-6:
            assert set(p.products) == set(r.products), p.voltage_V
    # the pieces tile the range, and each is linear: its mid-point energy is the mean of its ends
    assert prof.pieces[0].voltage_low_V == 0.0 and prof.pieces[-1].voltage_high_V == 5.0
    calc = InterfaceCalculator(thermo, a, b)
    for pc in prof.pieces[:: max(1, len(prof.pieces) // 6)]:
        mid = 0.5 * (pc.voltage_low_V + pc.voltage_high_V)
        e_mid = calc.at_voltage(mid).reaction_energy_eV_per_atom
        assert e_mid == pytest.approx(0.5 * (pc.energy_low_eV_per_atom + pc.energy_high_eV_per_atom), abs=2e-8)


def test_breakpoints_are_where_the_products_change(thermo):
    calc = InterfaceCalculator(thermo, "Li6PS5Cl", "LiNi0.8Co0.1Mn0.1O2")
    prof = calc.profile([0.0, 5.0])
    changes = [b for b in prof.breakpoints if b.products_change]
    assert len(changes) >= 20
    for k, b in enumerate(prof.breakpoints):  # inside the pieces on each side, solved in full
        if not b.products_change or k % 3:
            continue
        lo, hi = prof.pieces[k], prof.pieces[k + 1]
        below = calc.at_voltage(0.5 * (lo.voltage_low_V + lo.voltage_high_V))
        above = calc.at_voltage(0.5 * (hi.voltage_low_V + hi.voltage_high_V))
        if below.reaction_energy_eV_per_atom < -1e-3:
            assert set(below.products) == set(b.products_below), b.voltage_V
        assert set(above.products) == set(b.products_above), b.voltage_V
        e_at = calc.at_voltage(b.voltage_V).reaction_energy_eV_per_atom
        assert e_at == pytest.approx(b.reaction_energy_eV_per_atom, abs=1e-8)


def test_profile_matches_pymatgen_next_to_breakpoints(thermo, shared_entryset):
    from oracle_helpers import interface_minimum

    prof = InterfaceCalculator(thermo, "Li3PS4", "LiCoO2").profile([0.0, 5.0])
    bps = [b.voltage_V for b in prof.breakpoints if b.products_change]
    volts = [round(bps[len(bps) // 2] + d, 6) for d in (-1e-3, 1e-3)] + [round(bps[-1] + 1e-3, 6)]
    points = InterfaceCalculator(thermo, "Li3PS4", "LiCoO2").profile(volts).points
    for v, p in zip(volts, points):
        x, e, prods, _ = interface_minimum(shared_entryset, "Li3PS4", "LiCoO2", v)
        assert p.reaction_energy_eV_per_atom == pytest.approx(e, abs=1e-6)
        assert p.mixing_ratio == pytest.approx(x, abs=1e-6) and sorted(set(p.products)) == prods


@pytest.mark.parametrize("a,b", PAIRS + [("Li0.35La0.55TiO3", "Li4Ti5O12"), ("LGPS", "Li")])
def test_one_programme_closed_reaction_equals_the_kink_minimum(thermo, a, b):
    calc = InterfaceCalculator(thermo, a, b)
    for hull in (True, False):
        best = best_closed(calc, use_hull_energy=hull)
        full = calc.closed(use_hull_energy=hull)
        assert best.reaction_energy_eV_per_atom == pytest.approx(full.reaction_energy_eV_per_atom, abs=1e-8)
        if full.reaction_energy_eV_per_atom < -1e-3:
            assert best.mixing_ratio == pytest.approx(full.mixing_ratio, abs=1e-6)
            assert set(best.products) == set(full.products)


def test_records_do_not_depend_on_call_order(entries_path):
    from ssbkit.screening import pairs

    tasks = pairs.plan(["Li3PS4", "LLZO", "Li6PS5Cl"], ["LiCoO2", "LiNi0.8Co0.1Mn0.1O2"], [0.0, 2.5, 4.3],
                       str(entries_path))
    pairs._THERMO_CACHE.clear()
    forward = {t.key: json.dumps(pairs.run_pair(t)) for t in tasks}
    pairs._THERMO_CACHE.clear()
    backward = {t.key: json.dumps(pairs.run_pair(t)) for t in reversed(tasks)}
    assert forward == backward


def _processes(field: int, value: int) -> list[int]:
    """Processes whose /proc stat field (after the name: 1 = parent, 4 = session) equals ``value``;
    Python's multiprocessing resource tracker (it exits with its parent) is not counted."""
    out = []
    for pid in os.listdir("/proc"):
        if pid.isdigit() and int(pid) != value:
            try:
                with open(f"/proc/{pid}/stat") as fh:
                    stat = fh.read()
                with open(f"/proc/{pid}/cmdline", "rb") as fh:
                    cmd = fh.read()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[field]) == value and b"resource_tracker" not in cmd:
                out.append(int(pid))
    return out


def _children() -> list[int]:
    return _processes(1, os.getpid())


def test_serial_and_dask_records_are_byte_identical_and_no_worker_is_left(entries_path, tmp_path):
    from ssbkit.screening.pairs import execute, plan, screen_parameters

    volts = voltage_grid(0.0, 5.0, 0.25)
    tasks = plan(["Li3PS4", "LLZO", "Li6PS5Cl", "Li3InCl6"], ["LiCoO2", "LiNi0.8Co0.1Mn0.1O2", "LiFePO4"], volts,
                 str(entries_path))
    before = set(_children())
    from ssbkit.data.source import open_source

    src = open_source(str(entries_path))
    p = screen_parameters(volts, src.location, src.version)
    execute(tasks, tmp_path / "s.jsonl", parameters=p)
    execute(tasks, tmp_path / "d.jsonl", dask="local:2", parameters=p)
    assert set(_children()) <= before, "Dask worker processes left behind"

    def lines(path):
        rows = path.read_text().splitlines()
        return rows[0], sorted(rows[1:])

    assert lines(tmp_path / "s.jsonl") == lines(tmp_path / "d.jsonl")


def test_no_process_outlives_a_dask_screen(entries_path):
    import time

    proc = subprocess.Popen([sys.executable, "-m", "ssbkit", "screen", "--electrolytes", "LLZO", "--electrodes",
                             "LiCoO2", "--scan", "0:5:1", "--dask", "local:2", "--entries", str(entries_path),
                             "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    time.sleep(0.5)
    assert _processes(4, proc.pid) == []  # nothing of the command's session is left


def test_screen_kinks_and_breakpoints_in_records(entries_path, tmp_path):
    from ssbkit.cli import main

    out = tmp_path / "k.jsonl"
    assert main(["screen", "--electrolytes", "LLZO", "--electrodes", "LiCoO2", "--scan", "3:4:0.5", "--kinks",
                 "--entries", str(entries_path), "--out", str(out), "--json"]) == 0
    header, rec = (json.loads(x) for x in out.read_text().splitlines())
    assert header["screen_parameters"]["kinks"] is True
    assert [k["voltage_V"] for k in rec["kinks"]] == [3.0, 3.5, 4.0]
    assert all(len(k["kinks"]) >= 2 for k in rec["kinks"])
    for s, k in zip(rec["scan"], rec["kinks"]):
        assert s["reaction_energy_eV_per_atom"] == pytest.approx(
            min(x["reaction_energy_eV_per_atom"] for x in k["kinks"]), abs=1e-8)
    assert isinstance(rec["breakpoints"], list)


def test_window_command_imports_only_what_it_uses(entries_path):
    code = ("import sys; from ssbkit.cli import main; rc = main(['window', 'LLZO', '--json', '--entries', sys.argv[1]]);"
            "heavy = [m for m in ('matplotlib', 'dask', 'distributed', 'starlette', 'uvicorn', 'jinja2', 'scipy') "
            "if m in sys.modules]; print(rc, heavy)")
    out = subprocess.run([sys.executable, "-c", code, str(entries_path)], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "0 []"


def test_lazy_command_table_covers_every_command():
    import importlib

    import click

    from ssbkit.cli import COMMANDS

    group = click.Group()
    for mod in sorted(set(COMMANDS.values())):
        importlib.import_module(f"ssbkit.cli.{mod}").register(group)
    assert set(group.commands) == set(COMMANDS)
