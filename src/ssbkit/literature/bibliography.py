"""The bibliography lives on the ground floor (:mod:`ssbkit.bibliography`); this name is kept for code that
imports it from here."""

from ..bibliography import (  # noqa: F401
    REVIEWS,
    WANG,
    ZHENG,
    Citations,
    Reference,
    as_csl,
    citations,
    cite,
    get,
    ordered,
    ref_keys,
    references,
    short,
)
