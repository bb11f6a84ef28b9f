"""On-disk cache of parsed entry sets, keyed by the source file's content hash.

The cache lives in ``$SSBKIT_CACHE_DIR`` (default ``~/.cache/ssbkit``).  A
changed source file has a different SHA-256 and so a different cache file:
the cache is invalidated by content, not by time stamps.  Writes are atomic.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

CACHE_FORMAT = 1


def cache_dir() -> Path:
    """The cache directory (created on demand)."""
    root = os.environ.get("SSBKIT_CACHE_DIR") or os.path.join(os.path.expanduser("~"), ".cache", "ssbkit")
    return Path(root)


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes (hex)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _path_for(kind: str, key: str) -> Path:
    return cache_dir() / f"{kind}-v{CACHE_FORMAT}-{key[:32]}.pkl"


def load(kind: str, key: str) -> Any | None:
    """Load a cached object, or None when absent or unreadable (then it is rebuilt)."""
    p = _path_for(kind, key)
    try:
        with open(p, "rb") as fh:
            return pickle.load(fh)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
        return None


def store(kind: str, key: str, obj: Any) -> None:
    """Store an object atomically; a cache that cannot be written is skipped silently
    (the cache only saves time, it never changes results)."""
    d = cache_dir()
    try:
        d.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=d)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, _path_for(kind, key))
    except OSError:
        pass
