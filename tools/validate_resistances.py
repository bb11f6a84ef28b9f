"""Resistances against measured cells: coated vs bare cathodes on sulfides (Zheng et al., Batteries & Supercaps
2021 Table 4), and Li | garnet after each surface treatment (Wang et al., Adv. Energy Mater. 2020 Table 1).

    python tools/validate_resistances.py [--markdown] [--plot DIR]

(the embedded data, or SSBKIT_ENTRIES / SSBKIT_BANDGAPS).  The coating part compares the cathode-side interface
contributions (coating, interphases and space charge from the cathode to the electrolyte: bulk, grain
boundaries and the anode side, the same in both cells, left out) of each coated cell with its bare
counterpart, at t = 0 and at the end of the budget (100 h).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TABLE4 = ROOT / "src" / "ssbkit" / "literature" / "data" / "seed1_table4_cathode_coatings.yaml"

#: how Table 4's printed names become stack layers (the generic families take a representative phase)
CATHODES = {"NMC": "NMC811", "NCM": "NMC811"}
ELECTROLYTES = {"Li2S-P2S5": "Li3PS4", "Li3.25Ge0.25P0.75S4": "*Li3.25Ge0.25P0.75S4"}
LAYERS = {"Li2O-ZrO2": "Li2ZrO3", "Li-Ti-O": "Li4Ti5O12"}
#: rows not compared, and why
EXCLUDED = {
    10: "LiCoO2 + LiNbO3 double coating: not a single layer",
    16: "LiCoO2 | LLZO: an oxide | oxide interface has no space-charge or interdiffusion term at room "
        "temperature; the Nb layer acts during co-sintering (assess with --process)",
    17: "NMC | LLZO: as row 16 (the Li-Ti-O layer acts during co-sintering)",
}


@dataclass
class CoatingRow:
    row: int
    ref: str
    bare: str
    coated: str
    bare_start: float
    bare_end: float
    coated_start: float
    coated_end: float

    @property
    def ratio_start(self) -> float:
        return self.bare_start / self.coated_start

    @property
    def ratio_end(self) -> float:
        return self.bare_end / self.coated_end


def cathode_side(assessment) -> tuple[float, float]:
    """Sum of the contributions from the cathode to the electrolyte (t = 0, end), in ohm cm2."""
    el = assessment.stack.layer("electrolyte")
    names = [lay.material.name for lay in assessment.stack.layers]
    keep = set(names[: names.index(el.material.name) + 1])
    s0 = s1 = 0.0
    for c in assessment.asr_budget.contributions:
        if c.kind in ("electrolyte bulk", "grain boundary"):
            continue
        where = c.name.split(" at ")[-1] if c.kind == "space charge" else c.name.split(" ", 1)[-1]
        parts = {p.strip() for p in where.split("|")}
        if parts <= keep:
            s0 += c.asr_ohm_cm2[0]
            s1 += c.asr_ohm_cm2[-1]
    return s0, s1


def coating_rows(thermo=None, gaps=None) -> list[CoatingRow]:
    """Every Table 4 row with a sulfide electrolyte, assessed bare and coated (against Li-In)."""
    import ssbkit

    out = []
    for r in yaml.safe_load(TABLE4.read_text("utf-8"))["records"]:
        if r["row"] in EXCLUDED:
            continue
        cath = CATHODES.get(r["electrode"], r["electrode"])
        el = ELECTROLYTES.get(r["electrolyte"], r["electrolyte"])
        lay = LAYERS.get(r["layer"], r["layer"])
        bare, coated = f"{cath} | {el} | Li-In", f"{cath} | {lay} | {el} | Li-In"
        a, b = (ssbkit.assess(x, thermo=thermo, gaps=gaps) for x in (bare, coated))
        out.append(CoatingRow(r["row"], r["ref"], bare, coated, *cathode_side(a), *cathode_side(b)))
    return out


def coating_markdown(rows: list[CoatingRow]) -> str:
    lines = ["| Row | Coated cell | bare t=0 | coated t=0 | ratio | bare 100 h | coated 100 h | ratio |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        f0 = "" if r.ratio_start >= 3 else " ✗"
        f1 = "" if r.ratio_end >= 3 else " ✗"
        lines.append(f"| {r.row} {r.ref} | `{r.coated}` | {r.bare_start:.3g} | {r.coated_start:.3g} | "
                     f"{r.ratio_start:.2g}×{f0} | {r.bare_end:.3g} | {r.coated_end:.3g} | {r.ratio_end:.2g}×{f1} |")
    lines.append("")
    lines += [f"Row {k} not compared: {v}." for k, v in EXCLUDED.items()]
    return "\n".join(lines)


TABLE1 = ROOT / "src" / "ssbkit" / "literature" / "data" / "seed2_table1_garnet_li.yaml"
#: every pellet meets air between sintering and treatment (a day of handling)
HANDLED = "store 25C 24h air"
#: Wang et al. 2020 Table 1, row -> (interlayer or None, treatment steps, Li attach step); each garnet is assessed
#: as the doped composition the table prints (:func:`garnet_name`)
TABLE1_ROWS: dict[int, tuple[str | None, str, str | None]] = {
    1: (None, "polish 25C", "attach 25C"),
    2: (None, "anneal 900C 1h ar; polish 25C", "attach 350C 10min"),
    3: (None, "hcl 25C", "attach 200C 30min"),
    4: (None, "h3po3 25C", "attach 200C"),
    5: (None, "wet-polish 25C; anneal 500C 1h ar", "attach 175C 12h"),
    6: (None, "anneal 700C 1h ar carbon", "attach 25C"),
    7: (None, "anneal 250C 12h ar", "attach 25C 0.2MPa"),
    8: (None, "polish 25C", "attach 25C 150MPa"),
    9: (None, "polish 25C", "attach 25C 400MPa"),
    10: ("Au", "polish 25C", "attach 100C 5h 0.1MPa"),
    11: ("Ag", "polish 25C", "attach 200C 10min 3980Pa"),
    12: ("Al", "polish 25C", "attach 200C"),
    13: ("Ge", "polish 25C", "attach 200C 10min"),
    14: ("Si", "polish 25C", "attach 200C 20min"),
    15: ("ZnO", "polish 25C", "attach 300C 30min"),
    16: ("Al2O3", "polish 25C", "attach 250C 1h 0.26psi"),
    17: ("C", "polish 25C", "attach 210C 30min"),
    18: ("C", "polish 25C", "attach 210C 30min"),
    19: ("C", "polish 25C", "attach 250C"),
    20: ("SnO2", "polish 25C", "attach 200C 1h"),
    21: ("SnF2", "polish 25C", "attach 280C 2min"),
    22: ("MoS2", "polish 25C", "attach 100C 2h"),
    23: ("Ag", "polish 25C", "attach 220C 2min"),
    24: ("Cu6Sn5", "polish 25C", None),
}


def garnet_name(composition: str, dopant_note: str | None) -> str:
    """The garnet of a Table 1 row as ssbkit reads it: the printed doped composition (modelled by its ordered host
    Li7La3Zr2O12 with its dopants judged on their own, :func:`ssbkit.doped.doped_host`); Li7La3Zr2O12 with
    an "Al-doped (amount not given)" note is Al-LLZO."""
    if dopant_note and dopant_note.startswith("Al-doped"):
        return "Al-LLZO"
    return composition


@dataclass
class GarnetRow:
    row: int
    ref: str
    treatment: str
    stack: str
    process: str
    measured: float
    qualifier: str | None
    predicted: float


def one_li_side(assessment) -> float:
    """The resistance of one Li | garnet interface (t = 0): half of everything but bulk and grain boundaries of a
    symmetric cell."""
    return 0.5 * sum(c.asr_start_ohm_cm2 for c in assessment.asr_budget.contributions
                     if c.kind not in ("electrolyte bulk", "grain boundary"))


def garnet_rows(thermo=None, gaps=None) -> list[GarnetRow]:
    """Every row of Wang et al. 2020 Table 1 as a symmetric cell with its treatment, predicted vs measured."""
    import ssbkit

    out = []
    for r in yaml.safe_load(TABLE1.read_text("utf-8"))["records"]:
        layer, treat, attach = TABLE1_ROWS[r["row"]]
        g = garnet_name(r["composition"], r["dopant_note"])
        stack = f"Li | {layer} | {g} | {layer} | Li" if layer else f"Li | {g} | Li"
        process = "; ".join(x for x in (HANDLED, treat, attach) if x)
        a = ssbkit.assess(stack, process=process, thermo=thermo, gaps=gaps)
        label = f"{r['garnet_surface']}; {r['li_interface_process'] or '-'}"
        out.append(GarnetRow(r["row"], r["ref"], label, stack, process, r["asr_ohm_cm2"], r["asr_qualifier"],
                             one_li_side(a)))
    return out


def rank_correlation(rows: list[GarnetRow]) -> float:
    """Spearman's rank correlation of predicted and measured ASR."""
    from scipy.stats import spearmanr

    return float(spearmanr([r.predicted for r in rows], [r.measured for r in rows]).statistic)


def within_factor(rows: list[GarnetRow], factor: float = 5.0) -> float:
    """Share of rows predicted within ``factor`` of the measured ASR (a "<" bound counts when below it x factor)."""
    def ok(r: GarnetRow) -> bool:
        if r.qualifier == "<":
            return r.predicted <= r.measured * factor
        return r.measured / factor <= r.predicted <= r.measured * factor
    return sum(ok(r) for r in rows) / len(rows)


def garnet_markdown(rows: list[GarnetRow]) -> str:
    lines = ["| Row | Treatment (surface; Li) | Stack | Measured Ω cm² | Predicted Ω cm² |",
             "| --- | --- | --- | --- | --- |"]
    for r in rows:
        q = r.qualifier or ""
        lines.append(f"| {r.row} {r.ref} | {r.treatment} | `{r.stack}` | {q}{r.measured:g} | {r.predicted:.3g} |")
    lines.append("")
    lines.append(f"Spearman rank correlation {rank_correlation(rows):.2f}; within a factor of 5: "
                 f"{within_factor(rows) * len(rows):.0f} of {len(rows)}.")
    return "\n".join(lines)


def garnet_plot(rows: list[GarnetRow], path: Path) -> None:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(5.5, 5.0))
    ax = fig.subplots()
    xs = [r.measured for r in rows]
    ys = [max(r.predicted, 0.1) for r in rows]
    ax.loglog(xs, ys, "o")
    for r, x, y in zip(rows, xs, ys):
        ax.annotate(str(r.row), (x, y), fontsize=7, xytext=(3, 3), textcoords="offset points")
    lo, hi = 0.3, 3000
    ax.plot([lo, hi], [lo, hi], "k-", lw=0.8)
    ax.plot([lo, hi], [lo * 5, hi * 5], "k:", lw=0.6)
    ax.plot([lo, hi], [lo / 5, hi / 5], "k:", lw=0.6)
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_xlabel("measured ASR, Wang et al. 2020 Table 1 (ohm cm2)")
    ax.set_ylabel("ssbkit, one Li | garnet interface (ohm cm2)")
    ax.set_title("Li | garnet after each surface treatment")
    fig.savefig(path, dpi=120, bbox_inches="tight")


STORAGE = ("store 25C 168h ar", "store 25C 168h air", "store 25C 168h air; anneal 500C 1h ar",
           "store 25C 168h air; polish 25C; anneal 500C 1h ar", "store 25C 168h air; anneal 950C 1h ar")


def storage_markdown(thermo=None, gaps=None) -> str:
    """One Li | LLZO interface after each storage history (rows of the docs table)."""
    import ssbkit

    return "\n".join(f"| `{p}` | {one_li_side(ssbkit.assess('Li | LLZO | Li', process=p, thermo=thermo, gaps=gaps)):.3g} |"
                      for p in STORAGE)


def main(argv: list[str]) -> int:
    rows = coating_rows()
    garnet = garnet_rows()
    if "--plot" in argv:
        garnet_plot(garnet, Path(argv[argv.index("--plot") + 1]) / "table1_garnet_asr.png")
    if "--markdown" in argv:
        print(coating_markdown(rows))
        print()
        print(garnet_markdown(garnet))
        print()
        print(storage_markdown())
        return 0
    for r in rows:
        print(f"{r.row:3d} {r.coated:45s} {r.ratio_start:6.2f}x {r.ratio_end:6.2f}x")
    for g in garnet:
        print(f"{g.row:3d} {g.treatment:55s} {g.measured:8g} {g.predicted:8.3g}")
    print(f"Spearman {rank_correlation(garnet):.2f}, within 5x {within_factor(garnet):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
