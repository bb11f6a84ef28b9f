"""The version of ssbkit (one place; the package, provenance and the CLI read it here)."""

__version__ = "0.1.0"
