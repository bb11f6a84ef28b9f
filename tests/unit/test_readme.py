"""The README runs as written: every ``ssbkit ...`` command it shows and its Python snippet, on the embedded
default data with nothing configured (the structure examples on ``docs/examples/my_phase.cif``)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")
#: commands that start a server (tested in tests/web), not a job
SERVERS = ("ssbkit web",)


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.S)


def readme_commands() -> list[str]:
    """Every ssbkit command in the README's shell blocks and inline code, optional ``[...]`` parts dropped."""
    cmds = []
    for block in _blocks("bash"):
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("ssbkit "):
                cmds.append(re.sub(r"\s+#.*$", "", line))
    for span in re.findall(r"`(ssbkit [^`]+)`", README):
        cmds.append(span.replace("\\|", "|"))
    out = []
    for c in cmds:
        c = re.sub(r"\s*\[--[^\]]*\]", "", c).strip()
        if c not in out and not c.startswith(SERVERS) and c != "ssbkit cite":
            out.append(c)
    return out


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SSBKIT_") and k != "MP_API_KEY"}
    env.update(HOME=str(home), SSBKIT_CACHE_DIR=os.environ.get("SSBKIT_CACHE_DIR", str(home / ".cache")))
    return env


def test_the_readme_has_one_install_one_main_job_one_test_command():
    assert _blocks("bash")[0].strip() == "pip install -e ."
    main_job = README.split("## Main job", 1)[1]
    assert _blocks("bash") and "ssbkit assess" in main_job.split("```", 2)[1]
    assert "python -m pytest" in README.split("## Test", 1)[1].split("```", 2)[1]
    assert len(readme_commands()) >= 25


def test_every_readme_command_runs(tmp_path):
    shutil.copy(REPO / "docs" / "examples" / "my_phase.cif", tmp_path / "my_phase.cif")
    env = _env(tmp_path)

    def run(cmd: str) -> tuple[str, subprocess.CompletedProcess[str]]:
        argv = shlex.split(cmd)
        return cmd, subprocess.run([sys.executable, "-m", "ssbkit", *argv[1:]], capture_output=True, text=True,
                                   cwd=tmp_path, env=env, timeout=900)

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(run, readme_commands()))
    failed = [(c, r.returncode, r.stderr[-400:]) for c, r in results if r.returncode != 0]
    assert not failed, failed
    for c, r in results:
        assert r.stdout.strip(), c
        assert "Traceback" not in r.stderr, c
    for name in ("report.html", "windows.png", "fig6a.png", "t.png", "s.jsonl"):
        assert (tmp_path / name).stat().st_size > 0, name


def test_the_readme_python_snippet_runs(tmp_path, monkeypatch, capsys):
    for var in ("SSBKIT_ENTRIES", "SSBKIT_BANDGAPS", "SSBKIT_VOLUMES", "SSBKIT_STRUCTURES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)
    (snippet,) = _blocks("python")
    exec(compile(snippet, "README.md", "exec"), {})  # noqa: S102 - the README's own example
    out = capsys.readouterr().out
    assert "MCI" in out and "->" in out
