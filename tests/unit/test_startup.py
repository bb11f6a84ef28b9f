"""Start-up: a window command reads formulas without pymatgen, and the on-disk cache hands out its arrays without
copying them (docs/scaling.md, Start-up)."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

CHILD = """
import sys
from ssbkit.cli import main
try:
    main(["window", *sys.argv[1:], "--json"])
except SystemExit as exc:
    assert not exc.code, exc.code
print("IMPORTED", sorted({m.split(".")[0] for m in sys.modules} & {"pymatgen", "scipy", "pint", "matplotlib"}),
      file=sys.stderr)
"""


@pytest.mark.parametrize("names", [["LLZO"], ["LATP", "Li6.4La3Zr1.4Ta0.6O12", "LLZTO", "75Li2S-25P2S5", "Li3PS4", "NMC811",
                                             "LiPON", "Li7P3S11"]])
def test_a_window_command_imports_neither_pymatgen_nor_scipy(names) -> None:
    r = subprocess.run([sys.executable, "-c", CHILD, *names], capture_output=True, text=True, timeout=300, check=False)
    assert r.returncode == 0, r.stderr[-800:]
    out = json.loads(r.stdout)
    assert len(out if isinstance(out, list) else [out]) == len(names)
    assert "IMPORTED []" in r.stderr, r.stderr[-800:]


def test_cached_arrays_are_read_only_views_of_the_file(tmp_path, monkeypatch) -> None:
    from ssbkit.data import cache

    monkeypatch.setenv("SSBKIT_CACHE_DIR", str(tmp_path))
    a = np.arange(1000, dtype=np.float64).reshape(10, 100)
    codes = np.asarray(["Li-O", "La-Li-O-Zr"]).view(np.uint32).reshape(2, -1)
    names = [f"mp-{i}" for i in range(5000)] + ["Li₂O", ""]
    cache.store("t", "k", {"a": a, "codes": codes, "names": names, "empty": np.zeros(0, dtype=np.int64)}, {"m": 1})
    hit = cache.load("t", "k", lazy=("names",))
    got = hit.arrays["a"]
    assert np.array_equal(got, a) and got.dtype == a.dtype and not got.flags.owndata and not got.flags.writeable
    with pytest.raises(ValueError):
        got[0, 0] = 1.0  # nobody changes what other readers share
    assert hit.arrays["codes"].dtype == np.uint32 and hit.arrays["empty"].shape == (0,)
    lazy = hit.arrays["names"]
    assert (lazy[0], lazy[4999], lazy[5000], lazy[-1], len(lazy)) == ("mp-0", "mp-4999", "Li₂O", "", 5002)
    assert lazy == names  # single reads, then all at once, agree
    with pytest.raises(IndexError):
        lazy[5002]


def test_the_chemical_system_index_comes_back_as_stored() -> None:
    from ssbkit.data.chemindex import ChemIndex

    idx = ChemIndex.of(["Li-O", "La-Li-O-Zr", "Li-O", "O"])
    back = ChemIndex(ChemIndex.keys_of(idx.codes()), idx.order, idx.bounds)
    assert list(back) == list(idx) and back.get("Li-O").tolist() == [0, 2] and back.get("Zr") is None
    with pytest.raises(ValueError):
        ChemIndex.keys_of(idx.codes().astype(np.int64))
