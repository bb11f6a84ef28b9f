"""ssbkit: a toolkit for the interfaces of all-solid-state lithium batteries.

The main entry points, importable from the package itself (loaded on first use, so ``import ssbkit`` stays
cheap)::

    import ssbkit
    a = ssbkit.assess("NMC811 | LiNbO3 | Li6PS5Cl | Li", voltage="2.5:4.3", pressure="5MPa")
    w = ssbkit.window("LLZO")                  # a StabilityWindow
    r = ssbkit.react("Li6PS5Cl", "LiCoO2", voltage=4.3)
    th = ssbkit.Thermo()                       # the configured data, else the embedded default

With nothing configured they compute on the embedded default data (Materials Project 2018.06 formation
energies); ``ssbkit.Thermo(ssbkit.open_source(PATH))`` or ``SSBKIT_ENTRIES`` choose another source.
Deep imports (``ssbkit.thermo.Thermo`` ...) keep working.  The specification is two reviews: Zheng et al.,
Batteries & Supercaps 2021 (interfacial reactions in inorganic ASSLBs) and Wang et al., Adv. Energy Mater.
2020 (interfaces in garnet ASSLBs).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from ._version import __version__

#: name -> (module, attribute): what ``ssbkit.NAME`` gives.
_LAZY = {
    "Thermo": ("ssbkit.thermo.service", "Thermo"),
    "open_source": ("ssbkit.data.source", "open_source"),
    "Conditions": ("ssbkit.stack.conditions", "Conditions"),
    "InterfaceCalculator": ("ssbkit.interfaces.reactions", "InterfaceCalculator"),
    "anode_interface": ("ssbkit.interfaces.anode", "anode_interface"),
    "screen_coatings": ("ssbkit.interfaces.coatings", "screen_coatings"),
    "screen_interlayers": ("ssbkit.interfaces.coatings", "screen_interlayers"),
    "physics": ("ssbkit.physics", None),
    "literature": ("ssbkit.literature", None),
    "plots": ("ssbkit.views.plots", None),
}

__all__ = ["__version__", "assess", "default_thermo", "react", "window", *_LAZY]

_DEFAULT: dict[str, Any] = {}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        mod, attr = _LAZY[name]
        m = import_module(mod)
        return m if attr is None else getattr(m, attr)
    raise AttributeError(f"module 'ssbkit' has no attribute {name!r}")


def default_thermo() -> Any:
    """The :class:`~ssbkit.thermo.service.Thermo` on the configured data source (else the embedded default),
    built once per process."""
    if "thermo" not in _DEFAULT:
        from .thermo.service import Thermo

        _DEFAULT["thermo"] = Thermo()
    return _DEFAULT["thermo"]


def window(material: Any, thermo: Any = None, voltage_range: tuple[float, float] = (0.0, 5.0)) -> Any:
    """Electrochemical stability window of ``material`` (name, formula or pymatgen object), V vs Li/Li+."""
    return (thermo or default_thermo()).window(material, voltage_range)


def react(a: Any, b: Any, voltage: float | None = None, thermo: Any = None) -> Any:
    """Most exergonic reaction of ``a`` and ``b``: closed, or open to Li at ``voltage`` (V vs Li/Li+)."""
    from .interfaces.reactions import react as _react

    return _react(thermo or default_thermo(), a, b, voltage)


def assess(stack: str, voltage: str | None = None, temperature: str = "25C", pressure: str | None = None,
           current: str | None = None, thermo: Any = None, gaps: Any = None, **options: Any) -> Any:
    """Assess a cell stack (``"CATHODE | [COATING |] ELECTROLYTE | ANODE"``) under conditions given in the
    command line's units (``voltage="2.5:4.3"``, ``temperature="25C"``, ``pressure="5MPa"``,
    ``current="0.5mA/cm2"``).  ``options``: the command line's other options as text (``time="500h"``,
    ``process="store 25C 168h air"``, ``frequencies="1mHz:10MHz"``, ``asr_threshold``, ``incompatible_threshold``,
    ``params=["sigma.Li2S=1e-9"]``, ``params_file``, ``carbon``, ``step``), or ready objects (``params`` as a
    :class:`~ssbkit.parameters.Parameters`, ``thresholds`` as a :class:`~ssbkit.stack.verdicts.Thresholds`).
    Returns a :class:`~ssbkit.stack.report.StackAssessment`."""
    from dataclasses import replace

    from .data.bandgaps import open_bandgaps
    from .parameters import Parameters
    from .stack.request import AssessmentRequest

    table = options.pop("params", None)
    thresholds = options.pop("thresholds", None)
    text_params = () if isinstance(table, Parameters) or table is None else tuple(table)
    request = AssessmentRequest.from_text(stack, voltage=voltage, temperature=temperature, pressure=pressure,
                                          current=current, params=text_params, **options)
    if isinstance(table, Parameters):
        request = replace(request, params=table)
    if thresholds is not None:
        request = replace(request, thresholds=thresholds)
    return request.run(thermo or default_thermo(), gaps if gaps is not None else open_bandgaps())
