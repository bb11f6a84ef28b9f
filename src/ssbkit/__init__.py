"""ssbkit: a toolkit for the interfaces of all-solid-state lithium batteries.

Layers (each imports only the ones above it): ``data`` -> ``thermo`` ->
``interfaces`` -> ``literature`` -> ``physics`` -> ``stack`` -> ``screening``
-> ``report``/``cli``/``web``.  The specification is two reviews:
seed 1 = ``000_b696854b0b79fc77.txt`` (interfacial reactions in inorganic
ASSLBs) and seed 2 = ``001_2dd48e6c264f94e2.txt`` (interfaces in garnet ASSLBs).
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
