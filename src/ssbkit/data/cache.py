"""On-disk cache of parsed data: NumPy arrays and JSON metadata, checksummed, never pickled.

The cache lives in ``$SSBKIT_CACHE_DIR`` (default ``~/.cache/ssbkit``).  Each entry is one file::

    b"SSBKITC3\\n" | header length (8 bytes, little-endian) | header (JSON) | payload (NumPy .npz) | SHA-256

The header holds the format, the kind and key and the caller's metadata (plain JSON); the last 32
bytes are the SHA-256 of everything before them, so a change to any byte is detected.  The payload
is an ``.npz`` of numeric arrays only: lists of strings are stored as UTF-8 bytes joined by NUL (a
``uint8`` array), so loading needs no object arrays and ``numpy.load(allow_pickle=False)`` never
runs code.  Every load verifies the checksum, the magic, the header and the kind and key; anything
that does not match (a flipped byte, a truncated write, another program's file) is discarded with
a one-line warning on stderr and the caller rebuilds from the source.  Writes are atomic
(temporary file, then rename); temporary files orphaned by a killed process are removed after
an hour.

A cache key is built by the caller from the *content* (the source file's SHA-256 and its name),
so a changed source is never served stale data.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..io import cache_dir
from ..redact import redact, redact_tree

__all__ = ["Payload", "cache_dir", "load", "store"]

CACHE_FORMAT = 3
MAGIC = b"SSBKITC3\n"
_TMP_PREFIX = ".tmp-"
_ORPHAN_AGE_S = 3600.0


@dataclass
class Payload:
    """What :func:`load` returns: the arrays (string lists restored) and the metadata."""

    arrays: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes (hex)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def key_of(*parts: str) -> str:
    """A cache key from several strings (content hash, file name, options)."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def path_for(kind: str, key: str) -> Path:
    """The cache file of ``kind``/``key``."""
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in kind)
    return cache_dir() / f"{safe}-v{CACHE_FORMAT}-{key[:40]}.ssbc"


def _warn(msg: str) -> None:
    print(f"ssbkit: warning: {redact(msg)}", file=sys.stderr)


def _encode(arrays: Mapping[str, Any]) -> tuple[bytes, list[str]]:
    buf = io.BytesIO()
    out: dict[str, np.ndarray] = {}
    strings = []
    for name, value in arrays.items():
        if isinstance(value, np.ndarray) and value.dtype != object:
            out[name] = value
            continue
        items = [redact(str(x)) for x in value]
        if any("\x00" in x for x in items):
            raise ValueError(f"string array {name} holds a NUL character")
        out[name] = np.frombuffer("\x00".join(items).encode("utf-8"), dtype=np.uint8)
        out[f"{name}.__n"] = np.asarray([len(items)], dtype=np.int64)
        strings.append(name)
    np.savez(buf, **out)
    return buf.getvalue(), strings


def unpack_strings(arr: Any) -> list[str]:
    """The strings of a ``uint8`` array of UTF-8 texts joined by NUL (how this cache and the embedded data store
    lists of strings); [] for an empty array."""
    raw = bytes(np.asarray(arr, dtype=np.uint8))
    return raw.decode("utf-8").split("\x00") if raw else []


class ListLike:
    """Equality of a lazily read sequence of strings: equal to a list, tuple or another such sequence with the same
    items (read to compare); unhashable, as a list is."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, (list, tuple, ListLike)) and len(other) == len(self) \
            and list(self) == list(other)  # type: ignore[call-overload, arg-type]

    __hash__ = None  # type: ignore[assignment]


class PackedStrings(ListLike, Sequence[str]):
    """``n`` strings stored as UTF-8 joined by NUL (a ``uint8`` array), read and split on first use: a command
    that looks at a handful of 130,000 formulas does not pay for decoding them all.

    ``load`` returns the array; a count other than ``n`` raises :class:`~ssbkit.errors.DataSourceError`
    saying ``remedy``."""

    def __init__(self, load: Callable[[], np.ndarray], n: int, what: str = "strings",
                 remedy: str = "reinstall ssbkit") -> None:
        self._load, self.n, self.what, self.remedy = load, n, what, remedy
        self._items: list[str] | None = None

    def _all(self) -> list[str]:
        if self._items is None:
            items = unpack_strings(self._load())
            if len(items) != self.n:
                from ..errors import DataSourceError

                raise DataSourceError(f"the {self.what} hold {len(items)} entries, not {self.n}: {self.remedy}")
            self._items = items
        return self._items

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i: Any) -> Any:
        return self._all()[i]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())


def _decode(payload: bytes, strings: Sequence[str], lazy: Collection[str] = ()) -> dict[str, Any]:
    with np.load(io.BytesIO(payload), allow_pickle=False) as z:
        raw = {k: z[k] for k in z.files}
    out: dict[str, Any] = {}
    for name in strings:
        n = int(raw.pop(f"{name}.__n")[0])
        data = raw.pop(name)
        if name in lazy:  # counted now (the texts hold no NUL), split when first looked at
            found = int(np.count_nonzero(data == 0)) + 1 if data.size else 0
            if found != n:
                raise ValueError(f"string array {name} has {found} items, header says {n}")
            out[name] = PackedStrings(lambda d=data: d, n, f"cached {name}", "remove the ssbkit cache directory")
            continue
        items = unpack_strings(data)
        if len(items) != n:
            raise ValueError(f"string array {name} has {len(items)} items, header says {n}")
        out[name] = items
    out.update(raw)
    return out


def store(kind: str, key: str, arrays: Mapping[str, Any] | None = None, meta: Mapping[str, Any] | None = None) -> None:
    """Store arrays (numeric ndarrays or sequences of strings) and JSON metadata atomically.

    A cache that cannot be written is skipped (the cache only saves time, it never changes results).
    """
    d = cache_dir()
    try:
        payload, strings = _encode(arrays or {})
        header = json.dumps({"format": CACHE_FORMAT, "kind": kind, "key": key, "strings": strings,
                             "meta": redact_tree(dict(meta or {}))},
                            sort_keys=True, allow_nan=False).encode("utf-8")
        d.mkdir(parents=True, exist_ok=True)
        _remove_orphans(d)
        fd, tmp = tempfile.mkstemp(prefix=_TMP_PREFIX, dir=d)
        try:
            body = MAGIC + len(header).to_bytes(8, "little") + header + payload
            with os.fdopen(fd, "wb") as fh:
                fh.write(body + hashlib.sha256(body).digest())
            os.chmod(tmp, 0o666 & ~current_umask())
            os.replace(tmp, path_for(kind, key))
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except (OSError, ValueError, TypeError) as exc:
        _warn(f"cache not written ({exc}); results are unaffected")


def load(kind: str, key: str, lazy: Collection[str] = ()) -> Payload | None:
    """The cached arrays and metadata, or None when absent; a damaged or foreign file is discarded (warning).
    ``lazy``: string arrays returned as :class:`PackedStrings` (counted now, split when first read)."""
    p = path_for(kind, key)
    try:
        blob = p.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        _warn(f"cache file {p} unreadable ({exc.strerror}); rebuilding from the source")
        return None
    try:
        if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + 8 + 32:
            raise ValueError("no cache magic number")
        blob, digest = blob[:-32], blob[-32:]
        if hashlib.sha256(blob).digest() != digest:
            raise ValueError("file checksum mismatch")
        n = int.from_bytes(blob[len(MAGIC):len(MAGIC) + 8], "little")
        start = len(MAGIC) + 8
        if not 0 < n <= len(blob) - start:
            raise ValueError("bad header length")
        header = json.loads(blob[start:start + n].decode("utf-8"))
        payload = blob[start + n:]
        if not isinstance(header, dict) or header.get("format") != CACHE_FORMAT or header.get("kind") != kind \
                or header.get("key") != key:
            raise ValueError("header does not match")
        strings = header.get("strings")
        meta = header.get("meta")
        if not isinstance(strings, list) or not isinstance(meta, dict):
            raise ValueError("bad header fields")
        return Payload(arrays=_decode(payload, strings, lazy), meta=meta)
    except Exception as exc:  # noqa: BLE001 - any damage means: discard and rebuild
        _warn(f"cache file {p.name} is damaged ({type(exc).__name__}: {str(exc)[:80]}); discarded and rebuilt")
        try:
            p.unlink()
        except OSError:
            pass
        return None


def current_umask() -> int:
    """The process umask (read without changing it for longer than one call)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _remove_orphans(d: Path) -> None:
    """Remove temporary files left by killed writers (older than an hour)."""
    now = time.time()
    try:
        for f in d.glob(f"{_TMP_PREFIX}*"):
            try:
                if now - f.stat().st_mtime > _ORPHAN_AGE_S:
                    f.unlink()
            except OSError:
                pass
    except OSError:
        pass

