"""Write src/ssbkit/data_files/janaf_crystals.json.gz: the standard Gibbs energy of formation, delta-f G(T), of
every multi-element crystal in the NIST-JANAF Thermochemical Tables (M. W. Chase, Jr., NIST-JANAF
Thermochemical Tables, 4th ed., J. Phys. Chem. Ref. Data Monograph 9, 1998; a work of the US government, in the
public domain), read through the ``janaf`` package, so that ssbkit uses them with no extra install.

    pip install janaf && python tools/build_janaf.py

Per table: the formula, the JANAF table index and phase (``cr,l`` preferred over ``cr``: it spans the melting
point), atoms per formula unit, and the rows with a value: T (K) and delta-f G (kJ/mol).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "ssbkit" / "data_files" / "janaf_crystals.json.gz"


def main() -> None:
    import numpy as np
    from janaf import Table, index

    from ssbkit.data.entryset import parse_simple_formula
    from ssbkit.data.volumes import comp_key

    chosen: dict[tuple, dict] = {}
    for row in index.db().iter_rows(named=True):
        if row["phase"] not in ("cr", "cr,l"):
            continue
        try:
            comp = parse_simple_formula(row["formula"])
        except Exception:  # noqa: BLE001 - ions, electrons and odd formulas are not solids we model
            continue
        key = comp_key(comp)
        if len(key) > 1 and (key not in chosen or row["phase"] == "cr,l"):
            chosen[key] = {"formula": row["formula"], "index": row["index"], "phase": row["phase"],
                           "atoms": float(sum(comp.values())), "composition": comp}
    tables = []
    for rec in chosen.values():
        df = Table(index=rec["index"]).df
        t, g = df["T(K)"].to_numpy(), df["delta-f G"].to_numpy()
        ok = np.isfinite(t) & np.isfinite(g)
        tables.append({**rec, "T_K": [float(x) for x in t[ok]], "dfG_kJ_per_mol": [float(x) for x in g[ok]]})
    tables.sort(key=lambda r: r["index"])
    doc = {"source": "NIST-JANAF Thermochemical Tables (M. W. Chase, Jr., J. Phys. Chem. Ref. Data Monograph 9, "
                     "1998), crystal phases of compounds, via the janaf package", "tables": tables}
    OUT.write_bytes(gzip.compress(json.dumps(doc, separators=(",", ":")).encode("utf-8"), mtime=0))
    print(f"{len(tables)} tables -> {OUT} ({OUT.stat().st_size // 1024} kB)")


if __name__ == "__main__":
    main()
