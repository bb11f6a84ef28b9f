"""Errors that ssbkit reports to a user as one line (exit code 2 in the CLI)."""

from __future__ import annotations


class SsbkitError(Exception):
    """A problem with the user's input or configuration.

    The message is one line saying what is wrong and what to do.  The CLI
    prints it as ``ssbkit: error: <message>`` and exits with code 2, without
    a traceback.
    """

    exit_code = 2


class DataSourceError(SsbkitError):
    """No thermodynamic data source configured, or the source is unreadable."""


class FormulaError(SsbkitError):
    """A formula or material name that cannot be parsed or has no data."""


class UnitError(SsbkitError):
    """A quantity with a missing, unknown or incompatible unit, or an invalid value."""
