"""Graded verdicts: how thermodynamics, passivation and evidence combine into one grade.

Three axes are assessed for every interface and reported separately
(:class:`~ssbkit.stack.report.Axes`):

* **thermodynamic** - the most exergonic reaction over the potentials the interface
  sees (chemical, or open to Li at the electrode potential), in eV/atom, and its products;
* **kinetic** - does the interphase passivate: the electronic character of every
  product (band gaps from the data; metals, alloys and reduced Ti/Ge/Nb/Co phases as
  conductors) and whether the products are themselves stable over the potentials
  they see (Zheng et al., Batteries & Supercaps 2021, §3.1, §3.4, Fig. 7: stable /
  SEI / mixed-conducting interphase);
* **evidence** - what the reviews and their references report for the pair
  (Zheng et al. 2021 Tables 2-5; Wang et al., Adv. Energy Mater. 2020, Tables 1-2).

The grades, worst last, and the rules that combine the axes (applied by :mod:`ssbkit.stack.grading`):

1. ``stable``: no reaction beyond ``stable_eV`` (default 10 meV/atom).
   Electrode-active products (lithium transition-metal oxides such as Li5Co3O8 at a LiCoO2
   cathode) (de)lithiate like the electrode they grow from and are not counted as a
   separate electron-conducting interphase.
2. ``incompatible``: electron-conducting products at an interface that has an electron
   source (an electrode on either side), a driving force beyond ``incompatible_eV``
   (default 0.10 eV/atom), and a growth fast enough that the interphase adds more than
   ``incompatible_asr_ohm_cm2`` (default 1000 ohm cm2) within ``time_h``: it keeps growing with
   nothing to stop it (the rate: :mod:`ssbkit.stack.budget`, from the drive at the electrode potential).
3. ``degrading``: electron-conducting products with an electron source that grow slower or
   with a weaker driving force; or products that are not stable over the potentials they see
   (they keep reacting).  Evidence softens rule 2 to ``degrading`` when the reviews
   report working cells with the pair; evidence never makes a reacting interface better
   than that.
4. ``resistive``: a self-limiting (electronically insulating) interphase, or an
   interface behind an electron-blocking layer, whose area-specific resistance after
   ``time_h`` (default 100 h) exceeds ``asr_ohm_cm2`` (default 100 ohm cm2).
5. ``passivated``: self-limiting with an acceptable resistance.
6. ``unknown``: not computed (no data), never guessed.

A layer is ``stable`` when its intrinsic window covers the potentials it sees (or it decomposes
there by less than ``weak_eV``),
``passivated`` when its apparent (kinetic) window does, ``degrading`` otherwise;
a coating or interlayer whose own resistance exceeds the threshold is ``resistive``.
The cell takes the worst grade of its layers, interfaces and anode physics
(current above the critical current density: ``degrading``; stripping voids:
at least ``resistive``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..errors import SsbkitError
from ..results import Result, Verdict

#: Worst-last order of the grades.
#: The grades, best first and worst last (the one place their order is written).
WORST_LAST: tuple[Verdict, ...] = ("stable", "passivated", "unknown", "resistive", "degrading", "incompatible")
ORDER: dict[str, int] = {v: i for i, v in enumerate(WORST_LAST)}


def worse(*verdicts: Verdict) -> Verdict:
    """The worst of the verdicts (incompatible > degrading > resistive > unknown > passivated > stable)."""
    return max(verdicts, key=lambda v: ORDER[v])


@dataclass(frozen=True)
class Thresholds(Result):
    """Thresholds of the grading rules (documented defaults; every one can be set).

    Attributes:
        stable_eV: reaction energies above ``-stable_eV`` (eV/atom) count as no reaction.
        weak_eV: a layer decomposed (or reduced by Li) by less than this beyond its own decomposition
            is kinetically stable in practice (Wang et al. 2020 §2.1: garnets form a ~6 nm
            self-limiting layer with Li).
        incompatible_eV: with electron-conducting products and an electron source, a driving
            force beyond this (eV/atom) is ``incompatible``.
        asr_ohm_cm2: an interface or layer adding more area-specific resistance than this
            after ``time_h`` is ``resistive``.
        time_h: the time at which the resistance budget is judged, hours.
        incompatible_asr_ohm_cm2: a mixed-conducting interphase whose growth adds more than this after
            ``time_h`` is ``incompatible``; one that grows slower is ``degrading``, and one that adds no
            more than ``asr_ohm_cm2`` within ``time_h`` is ``resistive`` (its resistance rises with time).
    """

    stable_eV: float = 0.01
    weak_eV: float = 0.05
    incompatible_eV: float = 0.10
    asr_ohm_cm2: float = 100.0
    time_h: float = 100.0
    incompatible_asr_ohm_cm2: float = 1000.0

    _names: ClassVar[dict[str, str]] = {"stable_eV": "stable threshold", "weak_eV": "weak threshold",
                                        "incompatible_eV": "incompatible threshold",
                                        "asr_ohm_cm2": "resistance threshold", "time_h": "time",
                                        "incompatible_asr_ohm_cm2": "incompatible resistance threshold"}

    def __post_init__(self) -> None:
        import math

        for key, label in self._names.items():
            v = getattr(self, key)
            if not isinstance(v, (int, float)) or not math.isfinite(v) or v <= 0:
                raise SsbkitError(f"{label} {v!r} must be a finite number > 0", param="threshold")
        if self.time_h > 1e6:
            raise SsbkitError(f"time {self.time_h:g} h is beyond 1e6 h: give a time in hours", param="threshold")
