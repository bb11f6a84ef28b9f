"""Whole-database coating and interlayer screens: every compound of the configured data through a stated funnel,
cheap tests first, the survivors ranked as the fixed-list screens rank them (:mod:`ssbkit.interfaces.coatings`).

The question Xiao et al. (Joule 2019) asked of the Materials Project: which of all known compounds coats this
cathode on this electrolyte?  Each step counts what passes it (as they report theirs):

coatings (cathode K charged to V, electrolyte E):
  1. compositions: every distinct composition of two or more elements in the data (its lowest-energy entry);
  2. contains Li (or any, ``li_free``);
  3. on the convex hull, or within ``hull_tolerance`` eV/atom of it;
  4. an electronic insulator (measured gap, or the GGA gap above the conductor threshold; unknown gap left out);
  5. stable at V: its Li-open (grand-potential) decomposition at V no deeper than its own closed decomposition
     (its window covers V, as the fixed-list screen judges it);
  6. reacts with neither K at V nor E (closed, reactants at their hull energies) by more than
     ``reaction_tolerance`` eV/atom; the survivors are ranked (tier, weakest link, conductivity).

interlayers (electrolyte E, anode A at its potential): steps 1-3, then
  4. stable at the anode potential (Li-open decomposition as in 5 above: Li does not reduce it);
  5. reacts with E (closed) by no more than ``reaction_tolerance``; ranked as the interlayer screen ranks.

Steps 5-6 (the costly ones) run per candidate, in this process or on a Dask cluster
(:mod:`ssbkit.screening.cluster`), with the same result: each candidate is judged on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from ..errors import SsbkitError
from ..interfaces.funnel_result import Funnel, FunnelSettings, FunnelStep

#: numerical tolerance of "stable at the potential" (eV/atom): the window covers it, as the fixed-list screens judge
STABLE_TOL_EV = 1e-6
#: candidates per task on a cluster (fewer, larger tasks: each worker builds its data once)
CHUNK = 24


# ------------------------------------------------------------------------------------------------- data
#: the data a screen in this process already has open, by (entries, bandgaps, keep_suspect)
_HERE: dict[tuple[str | None, str | None, bool], tuple[Any, Any]] = {}


def _key(settings: FunnelSettings) -> tuple[str | None, str | None, bool]:
    return settings.entries, settings.bandgaps, settings.keep_suspect


def open_thermo(settings: FunnelSettings) -> tuple[Any, Any]:
    """(Thermo, band gaps) of ``settings``: the ones this process already has open for them, else built once per
    process (a cluster worker builds them for its first task)."""
    return _HERE.get(_key(settings)) or _opened(*_key(settings))


@lru_cache(maxsize=4)
def _opened(entries: str | None, bandgaps: str | None, keep_suspect: bool) -> tuple[Any, Any]:
    from ..data.bandgaps import open_bandgaps
    from ..data.source import open_source
    from ..data.suspect import SUSPECT_EXCLUDE
    from ..thermo import Thermo

    th = Thermo(open_source(entries))
    return (th if keep_suspect else th.excluding(list(SUSPECT_EXCLUDE))), open_bandgaps(bandgaps)


def whole_entries(thermo: Any) -> Any:
    """The one entry set that holds every compound of ``thermo``'s data (a file or the embedded data)."""
    es = thermo.engine_for(["Li"]).entries
    if thermo.engine_for(["H", "O"]).entries is not es:
        raise SsbkitError("a whole-database screen needs data that can be listed whole (a file or the embedded "
                          "data), not data served one chemical system at a time (the Materials Project API, or "
                          "phases added from structures)", param="entries")
    return es


# ---------------------------------------------------------------------------------------- cheap steps
def _hull_candidates(thermo: Any, settings: FunnelSettings, steps: list[FunnelStep],
                     progress: Callable[[str], None]) -> list[str]:
    """Steps 1-3: every composition, those with Li, those on (or near) the hull: reduced formulas."""
    from ..data.suspect import suspect_reason
    from ..thermo.hull import reduced_formula

    es = whole_entries(thermo)
    eng = thermo.engine_for(["Li"])
    keys = [k for k in es.chemsys_keys if "-" in k]
    steps.append(FunnelStep("compositions", "distinct compositions of two or more elements in the data",
                            sum(len(eng.distinct(k)) for k in keys)))
    if not settings.li_free:
        keys = [k for k in keys if "Li" in k.split("-")]
        steps.append(FunnelStep("lithium", "contain Li", sum(len(eng.distinct(k)) for k in keys)))
    keys.sort(key=lambda k: (k.count("-"), k))
    tol = settings.hull_tolerance_eV_per_atom
    out: set[str] = set()
    for n, k in enumerate(keys):
        if n % 500 == 0:
            progress(f"convex hulls: {n}/{len(keys)} chemical systems")
        out.update(reduced_formula(es.formulas[int(i)]) for i in eng.stable_exact(k))
        if tol > 0:
            out.update(_near_hull(eng, es, k, tol))
    eng.save()  # workers opening the same data read these hulls instead of solving them again
    out -= set() if settings.keep_suspect else {f for f in out if suspect_reason(f) is not None}
    what = "on the convex hull" + (f" or within {tol * 1000:g} meV/atom of it" if tol > 0 else "")
    steps.append(FunnelStep("hull", what, len(out)))
    return sorted(out)


def _near_hull(eng: Any, es: Any, key: str, tol: float) -> list[str]:
    """Reduced formulas of the compositions of system ``key`` within ``tol`` eV/atom above its hull."""
    from ..thermo.hull import reduced_formula

    els = key.split("-")
    system = eng.system(els)
    out = []
    for i in eng.distinct(key):
        comp = es.composition(int(i))
        n = sum(comp.values())
        if es.e_form_per_atom[i] - system.hull_energy_per_atom({e: a / n for e, a in comp.items()}) <= tol + 1e-12:
            out.append(reduced_formula(es.formulas[int(i)]))
    return out


def _insulators(formulas: Sequence[str], gaps: Any, steps: list[FunnelStep]) -> list[str]:
    from ..interfaces.electronic import classify_phase

    out = [f for f in formulas if classify_phase(f, gaps).conductor is False]
    steps.append(FunnelStep("insulating", "electronic insulators (measured band gap, or the GGA gap above the "
                                          "conductor threshold; no gap data: left out)", len(out)))
    return out


# ------------------------------------------------------------------------------ per candidate (costly)
def _stable_at(thermo: Any, formula: str, voltage: float) -> bool:
    """Li-open decomposition at ``voltage`` no deeper than the closed one plus :data:`STABLE_TOL_EV`."""
    at_v = thermo.decompose(formula, voltage=voltage).reaction_energy_eV_per_atom
    own = thermo.decompose(formula).reaction_energy_eV_per_atom
    return at_v >= own - STABLE_TOL_EV


def judge(task: tuple[FunnelSettings, tuple[str, ...]]) -> tuple[list[str], list[Any], list[Any]]:
    """The costly steps for a chunk of candidates: (those stable at the potential they see, their screen rows,
    the ones that could not be evaluated).  Runs in this process or on a cluster worker."""
    from ..interfaces.anode import anode_potential
    from ..interfaces.candidates import Candidate
    from ..interfaces.coatings import Skipped, screen_coatings, screen_interlayers

    settings, formulas = task
    thermo, gaps = open_thermo(settings)
    a, b = settings.neighbours
    v = settings.voltage_V if settings.kind == "coatings" else anode_potential(thermo, b)[0]
    stable, skipped = [], []
    for f in formulas:
        try:
            if _stable_at(thermo, f, v):
                stable.append(f)
        except SsbkitError as exc:
            skipped.append(Skipped(f, str(exc)))
    cands = [Candidate(name=f, formula=f, source="the data") for f in stable]
    res = (screen_coatings(thermo, a, b, cands, v, gaps) if settings.kind == "coatings" else
           screen_interlayers(thermo, a, cands, b, gaps))
    return stable, list(res.rows), skipped + list(res.skipped)


def _within(row: Any, tol: float) -> bool:
    return all(e >= -tol - 1e-12 for e in row.reaction_with.values() if e is not None)


def whole_database_screen(settings: FunnelSettings, thermo: Any = None, gaps: Any = None, dask: str | None = None,
                          progress: Callable[[str], None] | None = None) -> Any:
    """Every compound of the data through the funnel of ``settings`` (module doc), the survivors ranked.

    ``thermo``/``gaps``: the data already open in this process (else opened from ``settings``); ``dask``: None,
    ``local[:N]`` or a scheduler address (:mod:`ssbkit.screening.cluster`).  Returns a
    :class:`~ssbkit.interfaces.coatings.ScreenResult` with its :class:`Funnel`.
    """
    from contextlib import nullcontext

    from .cluster import check_spec, dask_client

    say = progress or (lambda _msg: None)
    if dask is not None:
        check_spec(dask)
    with dask_client(dask) if dask is not None else nullcontext() as client:  # an unreachable cluster fails first
        return _screen(settings, thermo, gaps, client, dask, say)


def _screen(settings: FunnelSettings, thermo: Any, gaps: Any, client: Any, where: str | None,
            say: Callable[[str], None]) -> Any:
    from ..interfaces.candidates import default_candidates
    from ..interfaces.coatings import screen_coatings, screen_interlayers, sort_and_rank
    from ..thermo.hull import reduced_formula
    from .cluster import map_ordered

    if thermo is None:
        thermo, gaps = open_thermo(settings)
    _HERE[_key(settings)] = (thermo, gaps)  # the serial path judges on the data already open
    a, b = settings.neighbours
    thermo.material(a), thermo.material(b)  # a bad name fails before any work
    steps: list[FunnelStep] = []
    hull = _hull_candidates(thermo, settings, steps, say)
    pool = _insulators(hull, gaps, steps) if settings.kind == "coatings" else hull
    chunks = [(settings, tuple(pool[i:i + CHUNK])) for i in range(0, len(pool), CHUNK)]
    say(f"judging {len(pool)} candidates in {len(chunks)} tasks" + (f" on {where}" if where else ""))
    judged = map_ordered(judge, chunks, client, on_done=lambda k: say(f"tasks done: {k}/{len(chunks)}"))
    stable = [f for s, _, _ in judged for f in s]
    rows = [r for _, rs, _ in judged for r in rs]
    skipped = [x for _, _, sk in judged for x in sk]
    what = (f"stable at {settings.voltage_V:g} V (the window covers the charged cathode's potential)"
            if settings.kind == "coatings" else f"stable at the {b} potential (not reduced by it)")
    steps.append(FunnelStep("potential", what, len(stable)))
    tol = settings.reaction_tolerance_eV_per_atom
    kept = [r for r in rows if _within(r, tol)]
    steps.append(FunnelStep("reactions", f"react with neither neighbour by more than {tol * 1000:g} meV/atom",
                            len(kept)))
    base = (screen_coatings(thermo, a, b, [], settings.voltage_V, gaps) if settings.kind == "coatings" else
            screen_interlayers(thermo, a, [], b, gaps))
    ranked = sort_and_rank(kept)
    fate = _fates(settings, steps, hull, pool, stable, rows, ranked,
                  [reduced_formula(c.formula) for c in default_candidates(
                      "cathode" if settings.kind == "coatings" else "anode")])
    funnel = Funnel(settings=settings, steps=tuple(steps), fate=fate, data_entries=len(whole_entries(thermo)))
    prov = replace(base.provenance, method=base.provenance.method + "; every compound of the data through a funnel")
    return replace(base, rows=ranked, skipped=tuple(skipped), funnel=funnel, provenance=prov)


def _fates(settings: FunnelSettings, steps: list[FunnelStep], hull: list[str], pool: list[str], stable: list[str],
           rows: list[Any], ranked: Sequence[Any], tracked: Sequence[str]) -> dict[str, str]:
    """Where each tracked compound left the funnel, or its rank among the survivors."""
    from ..materials import parse_formula

    rank = {r.formula: r.rank for r in ranked}
    screened = {r.formula for r in rows}
    out = {}
    for f in dict.fromkeys(tracked):
        if f in rank:
            out[f] = f"ranked {rank[f]} of {len(ranked)}"
        elif f in screened:
            out[f] = f"left at 'reactions' (reacts beyond {settings.reaction_tolerance_eV_per_atom * 1000:g} meV/atom)"
        elif f in stable:
            out[f] = "could not be evaluated"
        elif f in pool:
            out[f] = "left at 'potential'"
        elif f in hull:
            out[f] = "left at 'insulating'"
        elif not settings.li_free and "Li" not in {e.symbol for e in parse_formula(f)}:
            out[f] = "left at 'lithium' (contains no Li)"
        else:
            out[f] = "left at 'hull' (above the hull, or not in the data)"
    return out
