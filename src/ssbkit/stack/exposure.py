"""Which electrode potentials each layer and interface of a stack sees.

An electrode's potential reaches every layer connected to it through electron-conducting
layers, and the faces of the first layer that blocks electrons.  An electron-blocking
coating or interlayer therefore shields what lies behind it: only chemical reactions remain
there (Zheng et al., Batteries & Supercaps 2021, §3.2.2 and §4).  In a composite cathode with
carbon (``carbon=True``) the electrolyte mixed into the cathode meets the cathode potential
and an electron source directly, whatever coating the active particles carry (§3.2.2).
"""

from __future__ import annotations

from dataclasses import dataclass

from .parse import Stack


@dataclass(frozen=True)
class Exposure:
    """Electrode potentials (V vs Li/Li+) seen by every layer and interface.

    Attributes:
        positive: potential range of the positive electrode (the stack's first layer).
        negative: potential range of the negative electrode (the stack's last layer).
        layer_sees: per layer, the electrodes whose potential it sees (``"positive"``, ``"negative"``).
        interface_sees: per interface (i, i+1), the electrodes whose potential reaches it.
        why: per layer, a sentence on how it sees what it sees.
    """

    positive: tuple[float, float]
    negative: tuple[float, float]
    layer_sees: tuple[frozenset[str], ...]
    interface_sees: tuple[frozenset[str], ...]
    why: tuple[str, ...]

    def potentials(self, sides: frozenset[str]) -> tuple[float, float] | None:
        """The union range of the sides' potentials, or None when no electrode is seen."""
        vals = [v for s in sorted(sides) for v in (self.positive if s == "positive" else self.negative)]
        return (min(vals), max(vals)) if vals else None


def exposure(stack: Stack, conducts: list[bool | None], positive: tuple[float, float], negative: tuple[float, float],
             carbon: bool = False) -> Exposure:
    """Exposure of every layer; ``conducts[i]`` is layer i's electronic conduction (electrodes ignored)."""
    n = len(stack.layers)
    cluster_l = {0}
    for i in range(1, n - 1):
        if conducts[i] is True:
            cluster_l.add(i)
        else:
            break
    cluster_r = {n - 1}
    for i in range(n - 2, 0, -1):
        if conducts[i] is True:
            cluster_r.add(i)
        else:
            break
    first_el = next((i for i, lay in enumerate(stack.layers) if lay.role == "electrolyte"), None)
    composite = carbon and stack.layers[0].role == "cathode" and first_el is not None
    layer_sees, why = [], []
    for i, lay in enumerate(stack.layers):
        sees = set()
        reasons = []
        if i in cluster_l or (i - 1) in cluster_l:
            sees.add("positive")
            reasons.append("touches the positive electrode" if i == 1 or i == 0 else
                           "reaches the positive electrode through electron-conducting layers")
        if i in cluster_r or (i + 1) in cluster_r:
            sees.add("negative")
            reasons.append("touches the negative electrode" if i in (n - 2, n - 1) else
                           "reaches the negative electrode through electron-conducting layers")
        if composite and i == first_el and "positive" not in sees:
            sees.add("positive")
            reasons.append("mixed with carbon in the composite cathode: sees the cathode potential (--carbon)")
        if not sees:
            reasons.append("behind electron-blocking layers on both sides: no electrode potential, chemical "
                           "reactions only")
        elif i not in (0, n - 1):
            blocked = []
            if "positive" not in sees:
                blocked.append("the positive electrode's potential is blocked by an electron-insulating layer")
            if "negative" not in sees:
                blocked.append("the negative electrode's potential is blocked by an electron-insulating layer")
            reasons += blocked
        layer_sees.append(frozenset(sees))
        why.append("; ".join(reasons))
    iface = []
    for i in range(n - 1):
        sees = set()
        if i in cluster_l:
            sees.add("positive")
        if (i + 1) in cluster_r:
            sees.add("negative")
        iface.append(frozenset(sees))
    return Exposure(positive, negative, tuple(layer_sees), tuple(iface), tuple(why))
