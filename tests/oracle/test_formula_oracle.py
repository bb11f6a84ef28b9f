"""Formulas read without pymatgen (ssbkit.formula, ssbkit.elements) against pymatgen itself: every formula of the
Materials Project table and generated ones parse to the same amounts in the same order and reduce to the same
formula; the element table is pymatgen's."""

from __future__ import annotations

import math
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pymatgen.core import Composition, Element

from ssbkit import formula
from ssbkit.elements import ELEMENTS


def _pymatgen(text_or_amounts) -> tuple[list[tuple[str, float]], str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        c = Composition(text_or_amounts)
        return [(e.symbol, a) for e, a in c.items()], c.reduced_formula


def test_the_element_table_is_pymatgens() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = {el.symbol: (el.Z, None if math.isnan(el.X) else el.X, bool(el.is_metal), bool(el.is_metalloid))
               for el in Element}
    assert {s: row[:4] for s, row in ELEMENTS.items()} == got
    assert ELEMENTS["O"][4] == tuple(Element("O").common_oxidation_states)


def test_every_formula_of_the_data_reads_and_reduces_as_in_pymatgen(entries_path) -> None:
    from ssbkit.data.source import open_source

    forms = list(open_source(str(entries_path))._entries.formulas)
    assert len(forms) > 100_000
    bad = []
    asked = 0
    for f in forms:
        items, red = _pymatgen(f)
        p = formula.parse(f)
        asked += formula._version_dependent(p)
        if list(p.items()) != items or formula.reduced_formula(p) != red:
            bad.append((f, p, formula.reduced_formula(p), red))
    assert not bad[:5], bad[:5]
    assert asked < 0.05 * len(forms)  # pymatgen is asked for a few (equal electronegativities), not for most


_SYMBOLS = sorted(ELEMENTS)
_amount = st.one_of(st.just(""), st.integers(1, 40).map(str),
                    st.decimals(min_value="0.001", max_value="30", places=3).map(lambda d: format(d.normalize(), "f")))
_group = st.tuples(st.sampled_from(_SYMBOLS), _amount).map("".join)
_flat = st.lists(_group, min_size=1, max_size=5).map("".join)
_formula = st.one_of(
    _flat,
    st.tuples(_flat, _flat, st.integers(1, 6)).map(lambda t: f"{t[0]}({t[1]}){t[2]}"),
    st.tuples(_flat, _flat, _flat).map(lambda t: f"{t[0]}[{t[1]}({t[2]})2]3"))


@settings(max_examples=400, deadline=None)
@given(_formula)
def test_generated_formulas_read_and_reduce_as_in_pymatgen(text: str) -> None:
    try:
        items, red = _pymatgen(text)
    except ValueError:
        with pytest.raises(ValueError):
            formula.parse(text)
        return
    p = formula.parse(text)
    assert list(p.items()) == items
    assert formula.reduced_formula(p) == red


@pytest.mark.parametrize("amounts, expected", [
    ({"Li": 4, "Fe": 4, "P": 4, "O": 16}, "LiFePO4"), ({"Li": 2, "O": 2}, "Li2O2"), ({"O": 4}, "O2"),
    ({"Li": 1.5, "Al": 0.5, "Ge": 1.5, "P": 3, "O": 12}, "Li1.5Al0.5Ge1.5P3O12"),
    ({"Ti": 2, "Li": 1, "P": 3, "O": 12}, "LiTi2(PO4)3"), ({"Cu": 1, "Si": 1}, "CuSi")])
def test_reduced_formulas_of_known_cases(amounts, expected) -> None:
    assert formula.reduced_formula(amounts) == expected == _pymatgen(amounts)[1]
