"""Helpers shared by the CLI modules: JSON output, unit options, atomic writes."""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ..errors import SsbkitError
from ..units import parse_quantity


def fail(message: str) -> int:
    """Print a one-line error and return exit code 2."""
    line = " ".join(str(message).split())
    click.echo(f"ssbkit: error: {line}", err=True)
    return 2


def _clean(obj: Any) -> Any:
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {str(k): _clean(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_clean(v) for v in obj]
    if hasattr(obj, "to_dict"):
        return _clean(obj.to_dict())
    return obj


def to_json(obj: Any) -> str:
    """Serialise results (dataclasses with ``to_dict``, dicts, lists) to JSON text."""
    return json.dumps(_clean(obj), indent=2, ensure_ascii=False)


def echo_json(obj: Any) -> None:
    """Print ``obj`` as JSON and nothing else."""
    click.echo(to_json(obj))


def atomic_write(path: str | os.PathLike[str], data: bytes | str) -> Path:
    """Write ``data`` to ``path`` atomically (temp file + rename): never half-written."""
    target = Path(path)
    if target.parent and not target.parent.exists():
        raise SsbkitError(f"cannot write {target}: directory {target.parent} does not exist")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=str(target.parent or "."))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target


def quantity(kind: str, default_unit: str | None = None, name: str | None = None) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """A click callback that parses a unit-bearing option into SI."""

    def _cb(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is None:
            return None
        label = name or f"--{param.name.replace('_', '-')}" if param.name else kind
        return parse_quantity(value, kind, default_unit=default_unit, name=label)

    return _cb
