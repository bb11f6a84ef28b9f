"""The parameter store moved to the ground floor (:mod:`ssbkit.parameters`); this name is kept for code that
imports it from here."""

from ..parameters import Parameter, Parameters, parse_assignments  # noqa: F401
