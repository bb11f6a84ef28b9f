"""ssbkit: a toolkit for the interfaces of all-solid-state lithium batteries.

Layers (each imports only the ones above it): ``data`` -> ``thermo`` ->
``interfaces`` -> ``literature`` -> ``physics`` -> ``stack`` -> ``screening``
-> ``report``/``cli``/``web``.  The specification is two reviews:
Zheng et al., Batteries & Supercaps 2021 = Zheng et al., Batteries & Supercaps 2021 (interfacial reactions in inorganic
ASSLBs) and Wang et al., Adv. Energy Mater. 2020 = Wang et al., Adv. Energy Mater. 2020 (interfaces in garnet ASSLBs).
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
