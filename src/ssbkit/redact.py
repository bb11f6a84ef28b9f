"""One redaction step for secrets: the Materials Project API key never reaches an output.

Every error line, warning, log line, report and cache write passes through :func:`redact`, which
replaces the key (from ``MP_API_KEY`` and any key registered with :func:`register`) by
``[redacted]`` wherever it appears, also URL-encoded or inside a longer string a server echoed.

>>> register("abcdefghijklmnop1234")
>>> redact("401: invalid key abcdefghijklmnop1234 for /materials")
'401: invalid key [redacted] for /materials'
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import quote

_SECRETS: set[str] = set()
#: Shorter strings are not treated as secrets (they would redact ordinary words).
MIN_SECRET_CHARS = 8
MARK = "[redacted]"


def register(secret: str | None) -> None:
    """Add a secret to redact from now on (ignored when empty or shorter than MIN_SECRET_CHARS)."""
    if secret and len(secret.strip()) >= MIN_SECRET_CHARS:
        _SECRETS.add(secret.strip())


def secrets() -> set[str]:
    """The secrets currently redacted (the environment's MP_API_KEY included)."""
    env = os.environ.get("MP_API_KEY", "").strip()
    return _SECRETS | ({env} if len(env) >= MIN_SECRET_CHARS else set())


def redact(text: Any) -> Any:
    """``text`` with every secret (plain or URL-encoded) replaced by ``[redacted]``; non-text passes through."""
    if not isinstance(text, str):
        return text
    for s in secrets():
        for form in {s, quote(s, safe="")}:
            if form in text:
                text = text.replace(form, MARK)
    return text


def redact_tree(obj: Any) -> Any:
    """:func:`redact` applied to every string in nested dicts and lists (JSON payloads, metadata)."""
    if isinstance(obj, str):
        return redact(obj)
    if isinstance(obj, dict):
        return {redact(k): redact_tree(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [redact_tree(v) for v in obj]
    return obj
