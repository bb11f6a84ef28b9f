"""Writing results (JSON text, atomic file writes: never a half-written file) and reading small text files."""

from __future__ import annotations

import hashlib
import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any

from .errors import SsbkitError
from .redact import redact
from .results import Result


def plain(obj: Any) -> Any:
    """JSON-ready form of results (``to_dict``), dicts, lists and numbers; non-finite floats -> None."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, Result) and type(obj).to_dict is Result.to_dict:
        return obj.to_dict()  # already JSON-ready (an overriding to_dict is walked below)
    if hasattr(obj, "to_dict"):
        return plain(obj.to_dict())
    if isinstance(obj, dict):
        return {str(k): plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [plain(v) for v in obj]
    return obj


def to_json(obj: Any) -> str:
    """JSON text of a result (or a list of results), 2-space indented, UTF-8 characters kept, secrets redacted."""
    return redact(json.dumps(plain(obj), indent=2, ensure_ascii=False))


def atomic_write(path: str | os.PathLike[str], data: bytes | str) -> Path:
    """Write ``data`` to ``path`` atomically (temporary file in the same folder, then rename)."""
    target = Path(path)
    if target.parent and not target.parent.exists():
        raise SsbkitError(f"cannot write {target}: folder {target.parent} does not exist")
    if target.is_dir():
        raise SsbkitError(f"cannot write {target}: it is a folder")
    payload = redact(data).encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=str(target.parent or "."))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target


def regular_file(path: str | os.PathLike[str], what: str = "file", param: str | None = None) -> Path:
    """``path`` if it names a readable regular file; one-line :class:`SsbkitError` otherwise.

    Folders, FIFOs (which would block), devices and sockets are refused before anything opens them.
    """
    import stat

    p = Path(path)
    if not str(path).strip():
        raise SsbkitError(f"empty {what} path: give a file name", param=param)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise SsbkitError(f"{what} {p} does not exist", param=param) from None
    except OSError as exc:
        raise SsbkitError(f"{what} {p} cannot be read: {exc.strerror}", param=param) from None
    if stat.S_ISDIR(st.st_mode):
        raise SsbkitError(f"{what} {p} is a folder: give a file", param=param)
    if not stat.S_ISREG(st.st_mode):
        raise SsbkitError(f"{what} {p} is not a regular file (a pipe, socket or device): give a file", param=param)
    if not os.access(p, os.R_OK):
        raise SsbkitError(f"{what} {p} is not readable (permissions)", param=param)
    return p


def read_text(path: str | os.PathLike[str], what: str = "file", max_bytes: int = 10_000_000,
              param: str | None = None) -> str:
    """Text of a small UTF-8 file (a BOM is accepted); one-line :class:`SsbkitError` for anything else.

    Refuses what is not a regular file (folders, FIFOs, devices), files beyond ``max_bytes``
    and bytes that are not UTF-8.
    """
    p = regular_file(path, what, param)
    st = p.stat()
    if st.st_size > max_bytes:
        raise SsbkitError(f"{what} {p} is larger than {max_bytes // 1_000_000} MB", param=param)
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SsbkitError(f"{what} {p} is not UTF-8 text (a binary file?)", param=param) from None
    except OSError as exc:
        raise SsbkitError(f"{what} {p} cannot be read: {exc.strerror}", param=param) from None
    if "\x00" in text:
        raise SsbkitError(f"{what} {p} holds NUL bytes: it is a binary file, not text", param=param)
    return text


def file_cached(cache: dict, path: str | os.PathLike[str], reader: Any) -> Any:
    """``reader(path)``, remembered in ``cache`` under the file's resolved path, mtime and size (a changed file
    is read again)."""
    p = Path(path).expanduser()
    try:
        st = p.stat()
        key = (str(p.resolve()), st.st_mtime, st.st_size)
    except OSError:
        key = (str(p), 0.0, 0)
    got = cache.get(key)
    if got is None:
        got = cache[key] = reader(str(p))
    return got


def load_yaml(text: str) -> Any:
    """The package's own YAML data (``yaml.safe_load`` semantics) through libyaml's C parser where PyYAML has it:
    the same documents, about ten times faster (an assessment reads the literature tables, about 1 s with the
    pure-Python parser); the pure-Python parser otherwise.  User files keep ``yaml.safe_load`` and its messages."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def cache_dir() -> Path:
    """The cache directory: ``$SSBKIT_CACHE_DIR``, default ``~/.cache/ssbkit`` (created by the first write)."""
    root = os.environ.get("SSBKIT_CACHE_DIR") or os.path.join(os.path.expanduser("~"), ".cache", "ssbkit")
    return Path(root)


def _seal(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, allow_nan=False).encode("utf-8")).hexdigest()


def read_sealed_json(name: str) -> Any | None:
    """A small JSON document :func:`write_sealed_json` left in the cache directory, or None when it is absent; one
    that is unreadable or does not match its SHA-256 is removed (the caller rebuilds it), never trusted."""
    p = cache_dir() / name
    try:
        text = p.read_text(encoding="utf-8")
    except OSError:
        return None
    try:
        doc = json.loads(text)
        if _seal(doc["data"]) != doc["sha256"]:
            raise ValueError("checksum")
        return doc["data"]
    except Exception:  # noqa: BLE001 - any damage means: discard and rebuild
        import sys

        print(f"ssbkit: warning: cache file {p.name} is damaged; discarded and rebuilt", file=sys.stderr)
        try:
            p.unlink()
        except OSError:
            pass
        return None


def write_sealed_json(name: str, data: Any) -> None:
    """Write ``data`` (plain JSON) with its SHA-256 to the cache directory, atomically; a cache that cannot be
    written is skipped (it only saves time)."""
    try:
        d = cache_dir()
        d.mkdir(parents=True, exist_ok=True)
        atomic_write(d / name, json.dumps({"sha256": _seal(data), "data": data}, sort_keys=True, allow_nan=False))
    except (OSError, SsbkitError, ValueError, TypeError):
        pass

