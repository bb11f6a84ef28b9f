"""Interface reactions vs pymatgen InterfacialReactivity / GrandPotentialInterfacialReactivity."""

from __future__ import annotations

import pytest
from oracle_helpers import interface_minimum
from seed_materials import CATHODES, ELECTROLYTES, VOLTAGES, interface_pairs

from ssbkit.interfaces import InterfaceCalculator

pytestmark = pytest.mark.integration

CASES = [(a, b, None) for a, b in interface_pairs()] + \
        [(a, b, v) for a in ELECTROLYTES for b in CATHODES for v in VOLTAGES]


def test_case_count():
    assert len(interface_pairs()) >= 25
    assert len(CASES) == 50 + 40 * 3


@pytest.mark.parametrize("a,b,voltage", CASES, ids=lambda v: str(v))
def test_minimum_matches_pymatgen(thermo, shared_entryset, a, b, voltage):
    calc = InterfaceCalculator(thermo, a, b)
    r = calc.closed() if voltage is None else calc.at_voltage(voltage)
    x_pm, e_pm, prods_pm, _ = interface_minimum(shared_entryset, a, b, voltage)
    assert r.reaction_energy_eV_per_atom == pytest.approx(e_pm, abs=1e-3)
    # the kink at pymatgen's x: same energy and products (ties in energy may pick another x)
    near = min(r.kinks, key=lambda k: abs(k.mixing_ratio - x_pm))
    assert abs(near.mixing_ratio - x_pm) <= 0.01
    assert near.reaction_energy_eV_per_atom == pytest.approx(e_pm, abs=1e-3)
    assert sorted(set(near.products)) == prods_pm
    if abs(r.mixing_ratio - x_pm) > 0.01:  # only allowed for an exact tie
        assert r.reaction_energy_eV_per_atom == pytest.approx(near.reaction_energy_eV_per_atom, abs=1e-6)
    else:
        assert sorted(set(r.products)) == prods_pm
