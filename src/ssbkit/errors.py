"""Errors that ssbkit reports to a user as one line (exit code 2 in the CLI)."""

from __future__ import annotations


class SsbkitError(Exception):
    """A problem with the user's input or configuration.

    The message is one line saying what is wrong and what to do.  The CLI
    prints it as ``ssbkit: error: <message>`` and exits with code 2, without
    a traceback.
    """

    exit_code = 2

    def __init__(self, message: str, *, param: str | None = None) -> None:
        super().__init__(message)
        #: the input the message is about, by its domain name (``entries``, ``bandgaps``, ``voltage``,
        #: ``dask``, ``out`` ...): the CLI and the web phrase how to give it (a flag, a form field).
        self.param = param


class DataSourceError(SsbkitError):
    """No thermodynamic data source configured, or the source is unreadable."""


class FormulaError(SsbkitError):
    """A formula or material name that cannot be parsed or has no data."""


class UnitError(SsbkitError):
    """A quantity with a missing, unknown or incompatible unit, or an invalid value."""
