"""Observed lithiation of interlayers and electrolytes: what Li metal makes of a layer where the reviews report it
and it differs from the computed end point.

The Li-open equilibrium at 0 V is where a reaction with Li metal would end; a thin layer treated with molten Li
can stop short of it.  Wang et al., Adv. Energy Mater. 2020 §2.3.3 (ref. [52]) reports that an ALD Al2O3
interlayer "was transformed to LixAl2O3+x/2 (x = 0.4 to 1.4) upon thermal treatment with Li metal": lithiated
alumina, Al3+ kept, a Li+ conductor, and an interfacial resistance of 1 ohm cm2 on a Nb-doped garnet.  The
computed end point (Li2O and Li-Al alloys) would conduct electrons and pass the Li potential on to the garnet.

Likewise §2.1 (ref. [50]): against Li, "the structure of Li5La3Ta2O12 remained, and only trace of Li2CO3, Li2O2,
and Li2O were observed", where the data reduce it to Ta metal by 0.18 eV/atom.  A layer listed with its own
formula as the product was seen unchanged: kinetically stable.

Where a layer is listed in ``data/observed_lithiation.yaml`` its observed products replace the computed ones for
the interphase type (:func:`ssbkit.interfaces.anode.anode_interface`), the layer's electronic character and its
own resistance in a stack; the computed reaction is kept and named in the result's reasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class ObservedLithiation:
    """What a layer becomes against Li metal, as reported.

    Attributes:
        layer: the layer's reduced formula.
        products: ordered phases standing for the observed product.
        printed: the observation as the review prints it.
        model: how the observed product is modelled.
        why: why the computed end point is not reached.
        citation: review, section and reference.
    """

    layer: str
    products: tuple[str, ...]
    printed: str
    model: str
    why: str
    citation: str

    def sentence(self) -> str:
        """One line for the result's reasons."""
        return (f"observed against Li metal: {self.printed} ({self.citation}); modelled as {self.model}; "
                f"{self.why}")


@lru_cache(maxsize=1)
def _table() -> dict[str, ObservedLithiation]:
    from importlib import resources

    from ..io import load_yaml

    raw = load_yaml(resources.files("ssbkit.interfaces").joinpath("data/observed_lithiation.yaml")
                         .read_text("utf-8"))
    return {k: ObservedLithiation(k, tuple(v["products"]), v["printed"], v["model"], " ".join(v["why"].split()),
                                  v["citation"]) for k, v in raw.items()}


def observed_lithiation(formula: str) -> ObservedLithiation | None:
    """The reported lithiation of the layer with reduced formula ``formula`` (None when none is listed).

    >>> observed_lithiation("Al2O3").products
    ('LiAlO2',)
    >>> observed_lithiation("ZnO") is None
    True
    """
    return _table().get(formula)
