"""Build the package's embedded default dataset from the shared Materials Project files.

    python tools/build_embedded.py [--shared ../shared/data] [--out src/ssbkit/data_files/embedded]

What is kept, and why (docs/data.md gives the measured consequences):

* formation energies: every row of ``mp2018_formation_energies.csv.gz`` (all polymorphs, so that
  ``hull`` lists the same polymorphs and every energy above hull is the file's), as compressed arrays:
  compositions (CSR, element indices and amounts), the raw energies as float64 (bit-identical to the
  CSV's values), the formulas as given; entry IDs are rebuilt as the file reader names them
  (``mp2018_formation_energies:<row>``);
* band gaps: every calculation's gap, grouped by reduced formula (the reader's median is the same);
* volumes per atom: every row as the reader keys it (elements and atom fractions), the source as an integer
  (the mp-id number, or -1 for OQMD), and the estimator the reader fits on them;
* structures: the CIF of every phase stable on the 2018 hull that has one in ``mp_structures.jsonl.gz``
  (the references the potential needs), plus the named materials of ssbkit (abbreviations, coating and
  interlayer candidates, the reviews' electrolytes and electrodes) that have one, as JSON lines
  compressed with xz (the CIF text exactly as in the shared file).

The output is deterministic for the same inputs; MANIFEST.json records the inputs' SHA-256, the counts
and the sizes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import lzma
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

#: Named materials whose structures are kept even when they lie above the hull (doping hosts,
#: metastable electrolytes the leave-one-out benchmark predicts from their own structure).
EXTRA_STRUCTURES = [
    "Li7La3Zr2O12", "Li6PS5Cl", "Li6PS5Br", "Li6PS5I", "Li10GeP2S12", "Li10SnP2S12", "Li7P3S11", "Li3PS4",
    "Li4SnS4", "Li4GeS4", "Li3OCl", "Li3OBr", "Li3InCl6", "Li3YCl6", "Li3YBr6", "Li3ScCl6", "LiTi2(PO4)3",
    "LiGe2(PO4)3", "LiZr2(PO4)3", "LiLaTi2O6", "Li5La3Ta2O12", "Li5La3Nb2O12", "Li2PO2N", "Li4Ti5O12",
    "LiNbO3", "LiTaO3", "Li2SiO3", "Li4SiO4", "LiAlO2", "Li2ZrO3", "Li2TiO3", "Li3BO3", "Li3PO4", "LiCoO2",
    "LiFePO4", "LiMn2O4", "LiNiO2", "LiCoPO4", "Li2MnO3", "LiNi0.5Mn1.5O4", "Li3N", "LiF", "LiI", "Li2S",
    "Li2O", "Li2CO3", "LiH2PO4", "LiAlCl4", "Li2B4O7", "LiBO2", "Li3AlF6", "Li4GeO4", "Li7PS6", "Li4P2S6",
]


def sha256(path: Path) -> str:
    from ssbkit.data.cache import file_sha256

    return file_sha256(path)


def joined(strings: list[str]) -> np.ndarray:
    """Strings as one NUL-joined UTF-8 byte array (no object arrays in the files)."""
    return np.frombuffer("\0".join(strings).encode("utf-8"), dtype=np.uint8)


def save_npz(path: Path, stored: dict[str, np.ndarray], deflated: dict[str, np.ndarray]) -> None:
    """An ``.npz`` whose ``stored`` arrays are kept uncompressed (read at start-up without inflating: about 13 ms
    less for the entries) and whose ``deflated`` ones are compressed (read when first looked at); ``np.load``
    reads either member kind."""
    import io
    import zipfile

    with zipfile.ZipFile(path, "w") as zf:
        for group, kind in ((stored, zipfile.ZIP_STORED), (deflated, zipfile.ZIP_DEFLATED)):
            for key, arr in group.items():
                buf = io.BytesIO()
                np.lib.format.write_array(buf, np.asarray(arr), allow_pickle=False)
                zf.writestr(f"{key}.npy", buf.getvalue(), compress_type=kind)


def build_entries(src: Path, out: Path) -> tuple[dict, object]:
    from ssbkit.data.readers import read_entries_file

    es = read_entries_file(src, None)
    arr = es.to_arrays()
    amt = np.asarray(arr["comp_amt"])
    amounts_are_whole = bool(np.all(amt == np.round(amt)) and amt.max() < 65536)
    save_npz(
        out / "entries.npz",
        dict(elements=joined(arr["elements"]),
             comp_ptr=np.asarray(arr["comp_ptr"], dtype=np.int32),
             comp_el=np.asarray(arr["comp_el"], dtype=np.uint8),
             comp_amt=amt.astype(np.uint16) if amounts_are_whole else amt,
             raw_energy_per_atom=np.asarray(arr["raw_energy_per_atom"], dtype=np.float64),
             # the chemical-system index (sorted keys, entries by key, bounds): read at start-up instead of built
             chem_keys=joined(es._index.keys.tolist()), chem_order=es._index.order.astype(np.int32),  # type: ignore[attr-defined]
             chem_bounds=es._index.bounds.astype(np.int32)),  # type: ignore[attr-defined]
        dict(formulas=joined(arr["formulas"])),  # read when first looked at
    )
    return {"rows": len(es), "elements": len(arr["elements"])}, es


def build_bandgaps(src: Path, out: Path) -> dict:
    from ssbkit.data.bandgaps import _read

    gaps = _read(src)
    names = sorted(gaps)
    ptr = np.cumsum([0] + [len(gaps[k]) for k in names]).astype(np.int32)
    vals = np.asarray([v for k in names for v in gaps[k]], dtype=np.float64)
    np.savez_compressed(out / "bandgaps.npz", formulas=joined(names), ptr=ptr, values=vals)
    return {"formulas": len(names), "values": int(len(vals))}


def build_volumes(src: Path, out: Path) -> dict:
    """Every row, with its composition key (elements and atom fractions, as the reader keys it) and the
    estimator fitted as the reader fits it, so that loading parses nothing and fits nothing."""
    import csv

    from ssbkit.data.volumes import read_volumes

    with gzip.open(src, "rt", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    table = read_volumes(str(src))
    keys = list(table.volumes)
    assert len(keys) == len(rows)
    elements = sorted({e for k in keys for e, _ in k})
    pos = {e: i for i, e in enumerate(elements)}
    key_ptr = np.cumsum([0] + [len(k) for k in keys]).astype(np.int32)
    key_el = np.asarray([pos[e] for k in keys for e, _ in k], dtype=np.uint8)
    key_frac = np.asarray([f for k in keys for _, f in k], dtype=np.float64)
    key_vol = np.asarray([table.volumes[k][0] for k in keys], dtype=np.float64)
    key_src = [table.volumes[k][1] for k in keys]
    fit_els = sorted(table.element_volumes)
    sources = []
    for r in rows:
        s = r["source"].strip()
        if s == "oqmd":
            sources.append(-1)
        elif s.startswith("mp-") and s[3:].isdigit():
            sources.append(int(s[3:]))
        else:
            raise SystemExit(f"volumes: unexpected source {s!r}")
    key_source = np.asarray([-1 if s == "oqmd" else int(s[3:]) for s in key_src], dtype=np.int32)
    np.savez_compressed(out / "volumes.npz", elements=joined(elements), key_ptr=key_ptr,
                        key_el=key_el, key_frac=key_frac, key_volume=key_vol, key_source=key_source,
                        fit_elements=joined(fit_els),
                        fit_volumes=np.asarray([table.element_volumes[e] for e in fit_els], dtype=np.float64),
                        fit_errors=np.asarray([table.estimator_mae, table.estimator_mape], dtype=np.float64))
    return {"rows": len(rows), "from_mp": sum(1 for s in sources if s >= 0), "from_oqmd": sources.count(-1)}


def stable_formulas(es: object) -> set[str]:
    from ssbkit.thermo.hull import HullEngine, reduced_formula

    eng = HullEngine(es)  # type: ignore[arg-type]
    keys = sorted(set(es._chemsys), key=lambda k: (k.count("-"), k))  # type: ignore[attr-defined]
    out: set[str] = set()
    for n, k in enumerate(keys):
        out.update(reduced_formula(es.formulas[int(i)]) for i in eng.stable_exact(k))  # type: ignore[attr-defined]
        if n % 5000 == 0:
            print(f"  hulls: {n}/{len(keys)} systems", file=sys.stderr)
    return out


def build_structures(src: Path, out: Path, keep: set[str]) -> dict:
    import warnings

    from pymatgen.core import Composition

    from ssbkit.data.structures import read_structures

    table = read_structures(str(src))  # the reader's choice per formula (its lowest-energy structure)
    chosen = {rf: mid for rf, (mid, _) in table._cif.items() if rf in keep}
    lines: list[str] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with gzip.open(src, "rt", encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                rf = Composition(rec["formula"]).reduced_formula
                if chosen.get(rf) == str(rec.get("material_id")):
                    del chosen[rf]
                    lines.append(json.dumps({"material_id": rec.get("material_id"), "formula": rec["formula"],
                                             "reduced_formula": rf, "cif": rec["cif"]}, separators=(",", ":")))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    (out / "structures.jsonl.xz").write_bytes(lzma.compress(data, preset=9 | lzma.PRESET_EXTREME))
    return {"structures": len(lines)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared" / "data"))
    ap.add_argument("--out", default=str(REPO / "src" / "ssbkit" / "data_files" / "embedded"))
    args = ap.parse_args()
    shared, out = Path(args.shared), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    files = {"entries": "mp2018_formation_energies.csv.gz", "bandgaps": "mp_band_gaps.csv.gz",
             "volumes": "volumes_per_atom.csv.gz", "structures": "mp_structures.jsonl.gz"}
    t0 = time.time()
    manifest: dict = {"inputs": {k: {"file": v, "sha256": sha256(shared / v)} for k, v in files.items()}}
    print("entries ...", file=sys.stderr)
    manifest["entries"], es = build_entries(shared / files["entries"], out)
    print("band gaps ...", file=sys.stderr)
    manifest["bandgaps"] = build_bandgaps(shared / files["bandgaps"], out)
    print("volumes ...", file=sys.stderr)
    manifest["volumes"] = build_volumes(shared / files["volumes"], out)
    print("stable phases ...", file=sys.stderr)
    stable = stable_formulas(es)
    from ssbkit.thermo.hull import reduced_formula

    named = {reduced_formula(f) for f in EXTRA_STRUCTURES}
    print("structures ...", file=sys.stderr)
    manifest["structures"] = build_structures(shared / files["structures"], out, stable | named)
    manifest["structures"]["stable_formulas_on_the_2018_hull"] = len(stable)
    manifest["sizes_bytes"] = {p.name: p.stat().st_size for p in sorted(out.iterdir())
                               if p.suffix in (".npz", ".xz")}
    manifest["total_bytes"] = sum(manifest["sizes_bytes"].values())
    (out / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(manifest["sizes_bytes"]), f"total {manifest['total_bytes'] / 1e6:.2f} MB in "
          f"{time.time() - t0:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
