"""Data layer: entries from files, the Materials Project API or the user's DFT; cache; provenance."""

from .entryset import EntrySet, chemsys_key, parse_simple_formula
from .source import DataSource, open_source

__all__ = ["EntrySet", "DataSource", "open_source", "chemsys_key", "parse_simple_formula"]
