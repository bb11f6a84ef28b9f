"""Data layer: entries from files, the Materials Project API or the user's DFT; cache; provenance."""

from .entryset import EntrySet, chemsys_key, parse_simple_formula
from .source import DataSource, open_source

__all__ = ["DataSource", "EntrySet", "chemsys_key", "open_source", "parse_simple_formula"]
