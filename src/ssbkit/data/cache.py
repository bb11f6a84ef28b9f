"""On-disk cache of parsed data: NumPy arrays and JSON metadata, checksummed, never pickled.

The cache lives in ``$SSBKIT_CACHE_DIR`` (default ``~/.cache/ssbkit``).  Each entry is one file::

    b"SSBKITC5\\n" | header length (8 bytes, little-endian) | header (JSON) | arrays (raw bytes) | CRC-32

The header holds the format, the kind and key, the caller's metadata (plain JSON) and, per array, its
NumPy type, shape and place in the file; the last 4 bytes are the CRC-32 of everything before them (the
check zip, gzip and PNG files carry), so a flipped byte, a burst of up to 32 flipped bits or a truncated
write is always detected and any other damage all but always (one chance in 4 billion to pass).  It is a
check against damage, not against someone who can write to the cache directory (they could write any
valid file).  The arrays are numeric only, each starting on a 64-byte boundary: lists of
strings are stored as UTF-8 bytes joined by NUL (a ``uint8`` array), so loading needs no object arrays and
runs no code.  A load maps the file into memory and hands out read-only views of it (nothing copied: the
20 MB of a Materials Project table open in about 8 ms, most of it the checksum; a SHA-256 took 12 ms).
Every load verifies the checksum, the magic, the header and the kind and key; anything
that does not match (a flipped byte, a truncated write, another program's file) is discarded with
a one-line warning on stderr and the caller rebuilds from the source.  Writes are atomic
(temporary file, then rename); temporary files orphaned by a killed process are removed after
an hour, and files of an earlier format (never read again) when a file is written.

A cache key is built by the caller from the *content* (the source file's SHA-256 and its name),
so a changed source is never served stale data.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..io import cache_dir
from ..redact import redact, redact_tree

__all__ = ["Payload", "cache_dir", "load", "store"]

CACHE_FORMAT = 5
MAGIC = b"SSBKITC5\n"
_SUM = 4  # bytes of the trailing CRC-32
_ALIGN = 64
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


def _encode(arrays: Mapping[str, Any]) -> tuple[list[tuple[str, np.ndarray]], list[str]]:
    """The arrays to write (numeric, C-ordered), string lists packed as ``uint8`` with their counts."""
    out: list[tuple[str, np.ndarray]] = []
    strings = []
    for name, value in arrays.items():
        if isinstance(value, np.ndarray) and value.dtype != object:
            out.append((name, np.ascontiguousarray(value)))
            continue
        items = [redact(str(x)) for x in value]
        if any("\x00" in x for x in items):
            raise ValueError(f"string array {name} holds a NUL character")
        out.append((name, np.frombuffer("\x00".join(items).encode("utf-8"), dtype=np.uint8)))
        out.append((f"{name}.__n", np.asarray([len(items)], dtype=np.int64)))
        strings.append(name)
    return out, strings


def _layout(arrays: list[tuple[str, np.ndarray]], start: int) -> dict[str, list[Any]]:
    """Where each array goes: ``name -> [dtype, shape, offset, nbytes]``, offsets from ``start`` rounded up to
    :data:`_ALIGN`."""
    table, pos = {}, start
    for name, a in arrays:
        if a.dtype.hasobject or a.dtype.kind not in "biufc":
            raise TypeError(f"array {name} of type {a.dtype} is not numeric")
        pos = -(-pos // _ALIGN) * _ALIGN
        table[name] = [a.dtype.str, list(a.shape), pos, int(a.nbytes)]
        pos += a.nbytes
    return table


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


#: single reads of a :class:`PackedStrings` before it decodes all its texts
ONE_BY_ONE = 4096


class PackedStrings(ListLike, Sequence[str]):
    """``n`` strings stored as UTF-8 joined by NUL (a ``uint8`` array), read on first use: a command that looks at
    a handful of 130,000 formulas decodes those alone; after :data:`ONE_BY_ONE` single reads, all are decoded at
    once (a loop over many is faster on a list).

    ``load`` returns the array; a count other than ``n`` raises :class:`~ssbkit.errors.DataSourceError`
    saying ``remedy``."""

    def __init__(self, load: Callable[[], np.ndarray], n: int, what: str = "strings",
                 remedy: str = "reinstall ssbkit") -> None:
        self._load, self.n, self.what, self.remedy = load, n, what, remedy
        self._items: list[str] | None = None
        self._ends: np.ndarray | None = None
        self._data: np.ndarray | None = None
        self._reads = 0

    def _bytes(self) -> np.ndarray:
        """The packed bytes (loaded once)."""
        if self._data is None:
            self._data = np.asarray(self._load(), dtype=np.uint8)
        return self._data

    def ends(self) -> np.ndarray:
        """Where each text ends in the packed bytes (its NUL; the last at the end), found once."""
        if self._ends is None:
            data = self._bytes()
            self._ends = np.append(np.flatnonzero(data == 0), data.size) if data.size else np.zeros(0, np.int64)
        return self._ends

    def _all(self) -> list[str]:
        if self._items is None:
            items = unpack_strings(self._bytes())
            if len(items) != self.n:
                from ..errors import DataSourceError

                raise DataSourceError(f"the {self.what} hold {len(items)} entries, not {self.n}: {self.remedy}")
            self._items = items
        return self._items

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i: Any) -> Any:
        if self._items is None and isinstance(i, (int, np.integer)) and self._reads < ONE_BY_ONE:
            self._reads += 1  # one text: decode it alone
            if not -self.n <= i < self.n:
                raise IndexError(f"{self.what}: index {i} out of range")
            k = int(i) % self.n
            ends = self.ends()
            if len(ends) != self.n:
                self._all()  # raises, saying what is wrong
            start = int(ends[k - 1]) + 1 if k else 0
            return bytes(self._bytes()[start:int(ends[k])]).decode("utf-8")
        return self._all()[i]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())


def _views(buf: Any, table: Mapping[str, Any], strings: Sequence[str], lazy: Collection[str] = ()) -> dict[str, Any]:
    """The arrays of a loaded file: read-only views of ``buf`` (the mapped file), string lists restored."""
    raw: dict[str, Any] = {}
    for name, (dtype, shape, offset, nbytes) in table.items():
        dt = np.dtype(dtype)
        if dt.hasobject or dt.kind not in "biufc" or offset % _ALIGN or offset + nbytes > len(buf) - _SUM \
                or nbytes != dt.itemsize * int(np.prod(shape, dtype=np.int64)):
            raise ValueError(f"bad table entry for {name}")
        a = np.frombuffer(buf, dtype=dt, count=nbytes // dt.itemsize, offset=offset).reshape(shape)
        a.flags.writeable = False
        raw[name] = a
    out: dict[str, Any] = {}
    for name in strings:
        n = int(raw.pop(f"{name}.__n")[0])
        data = raw.pop(name)
        if name in lazy:  # the NULs found now (the texts hold none), each text decoded when first looked at
            out[name] = PackedStrings(lambda d=data: d, n, f"cached {name}", "remove the ssbkit cache directory")
            if len(out[name].ends()) != n:
                raise ValueError(f"string array {name} has {len(out[name].ends())} items, header says {n}")
            continue
        items = unpack_strings(data)
        if len(items) != n:
            raise ValueError(f"string array {name} has {len(items)} items, header says {n}")
        out[name] = items
    out.update(raw)
    return out


def _header(head: dict[str, Any], parts: list[tuple[str, np.ndarray]]) -> tuple[bytes, int]:
    """The header (with the arrays' table, padded with spaces) and where the arrays start: the table's offsets
    depend on the header's length, so the start is raised until the header fits before it."""
    bound = len(MAGIC) + 8 + 256
    while True:
        head["arrays"] = _layout(parts, bound)
        header = json.dumps(head, sort_keys=True, allow_nan=False).encode("utf-8")
        if len(MAGIC) + 8 + len(header) <= bound:
            return header + b" " * (bound - len(MAGIC) - 8 - len(header)), bound
        bound = -(-(len(MAGIC) + 8 + len(header) + 64) // _ALIGN) * _ALIGN


def store(kind: str, key: str, arrays: Mapping[str, Any] | None = None, meta: Mapping[str, Any] | None = None) -> None:
    """Store arrays (numeric ndarrays or sequences of strings) and JSON metadata atomically.

    A cache that cannot be written is skipped (the cache only saves time, it never changes results).
    """
    d = cache_dir()
    try:
        parts, strings = _encode(arrays or {})
        head = {"format": CACHE_FORMAT, "kind": kind, "key": key, "strings": strings,
                "meta": redact_tree(dict(meta or {}))}
        header, bound = _header(head, parts)
        d.mkdir(parents=True, exist_ok=True)
        _remove_orphans(d)
        fd, tmp = tempfile.mkstemp(prefix=_TMP_PREFIX, dir=d)
        try:
            crc = 0
            with os.fdopen(fd, "wb") as fh:
                def put(b: bytes | memoryview) -> None:
                    nonlocal crc
                    fh.write(b)
                    crc = zlib.crc32(b, crc)

                put(MAGIC + len(header).to_bytes(8, "little") + header)
                pos = bound
                for name, a in parts:
                    off = head["arrays"][name][2]
                    put(b"\0" * (off - pos))
                    put(memoryview(a).cast("B") if a.nbytes else b"")
                    pos = off + a.nbytes
                fh.write(crc.to_bytes(_SUM, "little"))
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
        buf = _map(p)
    except FileNotFoundError:
        return None
    except OSError as exc:
        _warn(f"cache file {p} unreadable ({exc.strerror}); rebuilding from the source")
        return None
    try:
        if len(buf) < len(MAGIC) + 8 + _SUM or bytes(buf[:len(MAGIC)]) != MAGIC:
            raise ValueError("no cache magic number")
        view = memoryview(buf)
        if zlib.crc32(view[:-_SUM]).to_bytes(_SUM, "little") != bytes(view[-_SUM:]):
            raise ValueError("file checksum mismatch")
        n = int.from_bytes(view[len(MAGIC):len(MAGIC) + 8], "little")
        start = len(MAGIC) + 8
        if not 0 < n <= len(buf) - _SUM - start:
            raise ValueError("bad header length")
        header = json.loads(bytes(view[start:start + n]).decode("utf-8"))
        view.release()
        if not isinstance(header, dict) or header.get("format") != CACHE_FORMAT or header.get("kind") != kind \
                or header.get("key") != key:
            raise ValueError("header does not match")
        strings, meta, table = header.get("strings"), header.get("meta"), header.get("arrays")
        if not isinstance(strings, list) or not isinstance(meta, dict) or not isinstance(table, dict):
            raise ValueError("bad header fields")
        return Payload(arrays=_views(buf, table, strings, lazy), meta=meta)
    except Exception as exc:  # noqa: BLE001 - any damage means: discard and rebuild
        _warn(f"cache file {p.name} is damaged ({type(exc).__name__}: {str(exc)[:80]}); discarded and rebuilt")
        try:
            p.unlink()
        except OSError:
            pass
        return None


def _map(p: Path) -> Any:
    """The file's bytes, mapped read-only (its pages shared with the system's file cache, nothing copied); read
    into memory where mapping is refused (an empty file, a file system without it)."""
    with open(p, "rb") as fh:
        try:
            return mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except (ValueError, OSError):
            return fh.read()


def current_umask() -> int:
    """The process umask (read without changing it for longer than one call)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _remove_orphans(d: Path) -> None:
    """Remove temporary files left by killed writers (older than an hour) and cache files of an older format
    (``*-v4-*.ssbc`` and before: never read again)."""
    now = time.time()
    try:
        for f in [*d.glob(f"{_TMP_PREFIX}*"), *d.glob("*-v[0-9]*-*.ssbc")]:
            try:
                if f.name.startswith(_TMP_PREFIX):
                    if now - f.stat().st_mtime > _ORPHAN_AGE_S:
                        f.unlink()
                elif f"-v{CACHE_FORMAT}-" not in f.name:
                    f.unlink()
            except OSError:
                pass
    except OSError:
        pass

