"""A universal machine-learned interatomic potential: energies of structures the database does not hold.

CHGNet (Deng et al., Nat. Mach. Intell. 5, 1031 (2023)), pretrained on the Materials Project
trajectory set; its weights ship inside the PyPI package, so nothing is downloaded at run time.  An
optional extra: ``pip install "ssbkit[mlip]"``.  CPU by default, a GPU when torch sees one.  Results are
cached per structure (hash of species, lattice and fractional coordinates, relaxation settings, model), in
memory and in the on-disk cache (:mod:`ssbkit.data.cache`: checksummed, a damaged entry is recomputed).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from ..errors import SsbkitError
from . import cache


@dataclass(frozen=True)
class Evaluation:
    """The potential's energy of one structure (eV/atom), relaxed or as given, and the final structure."""

    energy_eV_per_atom: float
    relaxed: bool
    structure: Any
    model: str


def structure_hash(structure: Any) -> str:
    """A key of the structure (species, lattice, fractional coordinates rounded to 1e-6)."""
    h = hashlib.sha256()
    h.update(repr([round(x, 6) for x in structure.lattice.matrix.flatten()]).encode())
    for site in structure:
        h.update(f"{site.species_string} {[round(float(c), 6) % 1.0 for c in site.frac_coords]}".encode())
    return h.hexdigest()


class Potential:
    """The CHGNet model, loaded once (raises a one-line error when the extra is not installed)."""

    _instance: Potential | None = None

    def __init__(self) -> None:
        try:
            from chgnet.model import CHGNet
        except ImportError:
            raise SsbkitError("structures need the machine-learned potential: pip install \"ssbkit[mlip]\"") from None
        import contextlib
        import io

        with contextlib.redirect_stdout(io.StringIO()):
            self.model = CHGNet.load()
        self.name = f"CHGNet {getattr(self.model, 'version', '') or ''}".strip()
        self._cache: dict[tuple[str, bool], Evaluation] = {}

    @classmethod
    def get(cls) -> Potential:
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    def evaluate(self, structure: Any, relax: bool = True, fmax: float = 0.1, steps: int = 300) -> Evaluation:
        """Energy per atom (eV) of ``structure``; with ``relax``, after relaxing positions and cell."""
        import contextlib
        import io

        key = (structure_hash(structure), relax)
        got = self._cache.get(key)
        if got is not None:
            return got
        disk_key = cache.key_of(key[0], str(relax), self.name, f"{fmax:g}", str(steps))
        got = self._from_disk(disk_key, structure, relax)
        if got is not None:
            self._cache[key] = got
            return got
        import warnings

        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if relax:
                from chgnet.model import StructOptimizer

                out = StructOptimizer(model=self.model).relax(structure, fmax=fmax, steps=steps, verbose=False)
                final = out["final_structure"]
                e = float(out["trajectory"].energies[-1]) / len(final)
            else:
                final = structure
                e = float(self.model.predict_structure(structure)["e"])
        got = Evaluation(energy_eV_per_atom=e, relaxed=relax, structure=final, model=self.name)
        self._cache[key] = got
        cache.store("potential", disk_key, None, {"energy_eV_per_atom": e, "model": self.name,
                                                  "structure": final.as_dict() if relax else None})
        return got

    def _from_disk(self, disk_key: str, structure: Any, relax: bool) -> Evaluation | None:
        """An evaluation cached on disk by an earlier run (checksummed; anything inconsistent is recomputed)."""
        import math

        hit = cache.load("potential", disk_key)
        if hit is None:
            return None
        try:
            e = float(hit.meta["energy_eV_per_atom"])
            if not math.isfinite(e) or hit.meta.get("model") != self.name:
                return None
            final = structure
            if relax:
                from pymatgen.core import Structure

                final = Structure.from_dict(hit.meta["structure"])
        except (KeyError, TypeError, ValueError):
            return None
        return Evaluation(energy_eV_per_atom=e, relaxed=relax, structure=final, model=self.name)
