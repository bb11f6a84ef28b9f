"""Run the fuzz corpus (tests/fuzz/corpus.tsv): files named in braces, the CLI in-process, the web API over HTTP.

Used by tests/fuzz/test_fuzz.py and runnable on its own for a report:
``python tests/fuzz/harness.py [--web URL]``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shlex
import signal
import sys
import traceback
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).with_name("corpus.tsv")
HANG_S = 30


@dataclass
class Outcome:
    case: str
    kind: str
    text: str
    code: int | None
    stdout: str
    stderr: str
    problem: str | None  # None: cleanly refused


def load() -> list[tuple[str, str, str]]:
    rows = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        case, kind, text = line.split("\t", 2)
        rows.append((case, kind, text))
    return rows


def make_files(root: Path) -> dict[str, str]:
    """The files the corpus names, created under ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    f: dict[str, str] = {}
    d = root / "a_folder"
    d.mkdir(exist_ok=True)
    f["dir"] = str(d)
    fifo = root / "a_fifo"
    if not fifo.exists():
        os.mkfifo(fifo)
    f["fifo"] = str(fifo)
    f["missing"] = str(root / "does_not_exist.csv")
    f["missing_dir"] = str(root / "no_such_dir")
    (root / "binary.csv").write_bytes(bytes(range(256)) * 4)
    f["bin"] = str(root / "binary.csv")
    (root / "empty.csv").write_text("")
    f["empty"] = str(root / "empty.csv")
    base = "formula,formation_energy_per_atom\nLi,0\nO2,0\nLi2O,-2.07\nLi2O2,-1.65\n"
    rows = {"row_zero": "Li0O,-5", "row_huge": "Li1e400O,-1", "row_unknown": "Xx2O,-1", "row_inf": "LiO,-inf",
            "row_exp": "Li2O,1e308", "row_nan": "LiO2,nan", "row_blank_formula": ",-1",
            "row_neg_amount": "Li-1O,-1", "row_fraction_zero": "Li1/0O,-1"}
    for k, r in rows.items():
        p = root / f"{k}.csv"
        p.write_text(base + r + "\n")
        f[k] = str(p)
    (root / "noheader.csv").write_text("Li,0\nO2,0\nLi2O,-2.07\n")
    f["csv_noheader"] = str(root / "noheader.csv")
    (root / "module.json").write_text(json.dumps([{"@module": "os", "@class": "system", "args": ["true"]}]))
    f["json_module"] = str(root / "module.json")
    (root / "bad.json").write_text("[{\"composition\": {\"Li\": 1}, ")
    f["json_bad"] = str(root / "bad.json")
    (root / "entries.txt").write_text(base)
    f["txt"] = str(root / "entries.txt")
    (root / "gaps_bad.csv").write_text("pretty_formula,band_gap\nLi2O,abc\n")
    f["gaps_bad_row"] = str(root / "gaps_bad.csv")
    (root / "gaps_neg.csv").write_text("pretty_formula,band_gap\nLi2O,-5\n")
    f["gaps_neg"] = str(root / "gaps_neg.csv")
    return f


def _fill(text: str, files: dict[str, str]) -> str:
    for k, v in files.items():
        text = text.replace("{" + k + "}", v)
    return text


class _Hang(Exception):
    pass


def _alarm(signum, frame):  # noqa: ANN001
    raise _Hang()


def run_cli(case: str, text: str, files: dict[str, str]) -> Outcome:
    from ssbkit.cli import main

    argv = [_fill(a, files) for a in shlex.split(text)]
    out, err = io.StringIO(), io.StringIO()
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(HANG_S)
    code: int | None = None
    problem = None
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    except _Hang:
        problem = "hang"
    except BaseException as exc:  # noqa: BLE001 - a traceback is what we look for
        problem = "traceback: " + "".join(traceback.format_exception_only(type(exc), exc)).strip()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    lines = [x for x in err.getvalue().splitlines() if x.strip()]
    if problem is None:
        if code != 2:
            problem = f"accepted (exit {code})"
        elif len(lines) != 1 or not lines[0].startswith("ssbkit: error: "):
            problem = f"not one error line: {lines!r}"
        elif "Traceback" in err.getvalue():
            problem = "traceback in stderr"
    return Outcome(case, "cli", text, code, out.getvalue(), err.getvalue(), problem)


def run_web(case: str, text: str, base_url: str, files: dict[str, str]) -> Outcome:
    method, _, rest = text.partition(" ")
    path, _, body = rest.partition(" ")
    req = urllib.request.Request(base_url + path, data=body.encode() if method == "POST" else None, method=method)
    code, payload, problem = None, "", None
    try:
        with urllib.request.urlopen(req, timeout=HANG_S) as r:
            code, payload = r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        code, payload = e.code, e.read().decode("utf-8", "replace")
    except Exception as exc:  # noqa: BLE001
        problem = f"no answer: {exc!r}"
    if problem is None:
        if code is None or not 400 <= code < 500:
            problem = f"status {code}"
        else:
            try:
                msg = json.loads(payload).get("error", "")
            except (ValueError, AttributeError):
                msg = ""
            if not msg or "\n" in msg or "Traceback" in payload:
                problem = f"not a one-line JSON error: {payload[:200]!r}"
    return Outcome(case, "web", text, code, payload, "", problem)


def main() -> int:
    import tempfile

    web = sys.argv[sys.argv.index("--web") + 1] if "--web" in sys.argv else None
    with tempfile.TemporaryDirectory() as tmp:
        files = make_files(Path(tmp))
        os.chdir(tmp)
        outs = []
        for case, kind, text in load():
            if kind == "cli":
                outs.append(run_cli(case, text, files))
            elif web:
                outs.append(run_web(case, text, web, files))
    bad = [o for o in outs if o.problem]
    if "--all" in sys.argv:
        for o in outs:
            print(f"{o.case} {o.text[:70]!r} -> {(o.stderr or o.stdout).strip()[:160]!r}")
    for o in bad:
        print(f"{o.case} {o.kind} {o.text[:90]!r}: {o.problem[:300]}")
    print(f"{len(outs)} cases, {len(outs) - len(bad)} cleanly refused, {len(bad)} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
