"""Shared fixtures.

The tests compute on the package's embedded default data unless ``SSBKIT_ENTRIES`` (and the other
``SSBKIT_*`` variables) say otherwise: the ``thermo`` and ``gaps`` fixtures open what a user with nothing
configured gets.  Tests that compare with the published files, or pass a file on purpose, read the real
Materials Project data of ``../shared/data`` (``*_path`` fixtures; the same variables override).  Under
``CI=true`` a missing data file is a failure, never a skip.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# helpers shared by the oracle tests (pymatgen side of the comparisons)
sys.path.insert(0, str(Path(__file__).resolve().parent / "oracle"))
SHARED = REPO.parent / "shared" / "data"


def _data_path(var: str, name: str) -> Path | None:
    p = os.environ.get(var)
    if p:
        return Path(p)
    cand = SHARED / name
    return cand if cand.exists() else None


def _require(var: str, name: str) -> Path:
    p = _data_path(var, name)
    if p is None or not p.exists():
        msg = f"{var} is not set and {SHARED / name} does not exist"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"integration data missing under CI: {msg}")
        pytest.skip(msg)
    return p


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the on-disk cache of the test session out of the user's home."""
    os.environ.setdefault("SSBKIT_CACHE_DIR", str(tmp_path_factory.mktemp("ssbkit-cache")))


@pytest.fixture(scope="session")
def entries_path() -> Path:
    """Path of the shared MP formation-energy table."""
    return _require("SSBKIT_ENTRIES", "mp2018_formation_energies.csv.gz")


@pytest.fixture(scope="session")
def bandgaps_path() -> Path:
    """Path of the shared MP band-gap table."""
    return _require("SSBKIT_BANDGAPS", "mp_band_gaps.csv.gz")


@pytest.fixture(scope="session")
def volumes_path() -> Path:
    """Path of the shared volumes-per-atom table."""
    return _require("SSBKIT_VOLUMES", "volumes_per_atom.csv.gz")


@pytest.fixture(scope="session")
def structures_path() -> Path:
    """Path of the shared Materials Project structures (JSON lines with CIFs)."""
    return _require("SSBKIT_STRUCTURES", "mp_structures.jsonl.gz")


@pytest.fixture(scope="session")
def thermo():
    """A Thermo on the default data: the embedded set, or ``SSBKIT_ENTRIES`` when set (hulls memoised across
    the session)."""
    from ssbkit.data.source import open_source
    from ssbkit.thermo import Thermo

    return Thermo(open_source())


@pytest.fixture(scope="session")
def gaps():
    """The default band-gap table: the embedded one, or ``SSBKIT_BANDGAPS`` when set."""
    from ssbkit.data.bandgaps import open_bandgaps

    return open_bandgaps()


@pytest.fixture(scope="session")
def shared_entryset(thermo):
    return thermo.source._entries


@pytest.fixture
def toy_csv(tmp_path: Path) -> Path:
    """A hand-made Li-O system with known answers (formation energies, eV/atom).

    Li2O -2.0, Li2O2 -1.6: the Li2O2 window is 2.8-3.2 V; Li2O is stable
    against Li (reduction limit 0 V) and is oxidised to Li2O2 at 2.8 V.
    """
    p = tmp_path / "toy.csv"
    p.write_text("formula,formation_energy_per_atom,id\n"
                 "Li,0.0,toy-Li\nLi2,0.05,toy-Li-hi\nO2,0.0,toy-O2\nLi2O,-2.0,toy-Li2O\n"
                 "Li4O2,-1.9,toy-Li2O-poly\nLi2O2,-1.6,toy-Li2O2\nLiO3,-0.2,toy-LiO3\n")
    return p
