"""The victim drug as the dynamic model sees it: oral one-compartment PK with hepatic and gut
first pass, its clearance split by enzyme.

Derivations (each named in :attr:`VictimModel.assumptions` when a default stands in for data):

- elimination rate ``k = ln 2 / t1/2`` (terminal half-life), else ``CL / V``;
- absorption rate ``ka`` from ``tmax`` by solving ``tmax = ln(ka / k) / (ka - k)``;
- hepatic extraction ``EH = CL (1 - fe) / (B:P Qh)`` from a systemic clearance, else 0 (then all
  of a change in intrinsic clearance shows in the systemic clearance; the AUC ratio of an oral
  dose is the same either way under the well-stirred model);
- hepatic fractions ``fm_h = fm / (1 - fe)``; ``Fg`` as recorded, else 1 (no gut metabolism).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from scipy.optimize import brentq

from speciosa.ddi._perpetrator import ddi_value
from speciosa.errors import InputError
from speciosa.knowledge import Drug, KnowledgeBase

__all__ = ["VictimModel", "absorption_rate", "victim_model"]

_MAX_EH = 0.95


def absorption_rate(tmax_h: float, k: float) -> float:
    """First-order ``ka`` (1/h) giving peak time ``tmax_h`` for elimination rate ``k`` (1/h).

    Raises
    ------
    ValueError
        If ``tmax_h`` is not below the largest peak time a one-compartment model can have,
        ``1 / k`` (reached as ``ka`` approaches ``k``).
    """
    if tmax_h >= 1 / k:
        raise ValueError(f"tmax {tmax_h:g} h is not below 1/k = {1 / k:g} h")

    def f(ka: float) -> float:
        return math.log(ka / k) / (ka - k) - tmax_h

    return float(brentq(f, k * (1 + 1e-9), 1e4))


@dataclass(frozen=True)
class VictimModel:
    """Typical-subject PK of a victim drug for the dynamic model.

    Attributes
    ----------
    k
        Elimination rate constant without the perpetrator (1/h).
    ka
        Absorption rate constant (1/h).
    eh
        Hepatic extraction ratio without the perpetrator.
    fg
        Intestinal availability without the perpetrator.
    fe
        Fraction of clearance that is not hepatic (urine).
    fm_h
        Enzyme -> fraction of hepatic intrinsic clearance (sums to at most 1).
    gut_cyp3a
        Whether the gut-wall extraction (1 - Fg) is by CYP3A (assumed when Fg < 1).
    """

    drug: str
    k: float
    ka: float
    eh: float
    fg: float
    fe: float
    fm_h: dict[str, float]
    assumptions: tuple[str, ...] = field(default=())
    sources: tuple[str, ...] = field(default=())

    @property
    def half_life(self) -> float:
        return math.log(2) / self.k


def victim_model(kb: KnowledgeBase, drug: Drug) -> VictimModel:
    """Build the dynamic-model PK of ``drug`` from its record.

    Raises
    ------
    InputError
        If the record has neither a half-life nor clearance and volume (field ``drug``).
    """
    pk = drug.pk
    notes: list[str] = []
    sources: list[str] = []
    if pk.half_life is not None:
        k = math.log(2) / pk.half_life.m_as("h")
        sources.append(pk.half_life.source)
    elif pk.clearance is not None and pk.volume is not None and pk.clearance.kind == "clearance":
        k = pk.clearance.m_as("L/h") / pk.volume.m_as("L")
        sources += [pk.clearance.source, pk.volume.source]
    else:
        raise InputError(
            "drug",
            f"{drug.name}: no half-life, or clearance and volume, recorded; the dynamic model needs them",
        )
    fe = pk.fe.m_as("1") if pk.fe is not None else 0.0
    if pk.fe is None:
        notes.append(f"{drug.name}: fraction excreted unchanged not recorded; all clearance taken as hepatic")
    default_ka = ddi_value(kb, "absorption_rate")
    ka = default_ka.m_as("1/h")
    if pk.tmax is not None:
        try:
            ka = absorption_rate(pk.tmax.m_as("h"), k)
            sources.append(pk.tmax.source)
        except ValueError:
            notes.append(f"{drug.name}: tmax not reachable with this half-life; default ka {ka:g} /h used")
    else:
        notes.append(f"{drug.name}: tmax not recorded; the FDA default absorption rate {ka:g} /h used")
    bp = pk.blood_to_plasma.value if pk.blood_to_plasma is not None else 1.0
    eh = 0.0
    if pk.clearance is not None and pk.clearance_kind == "systemic" and pk.clearance.kind == "clearance":
        qh = ddi_value(kb, "hepatic_blood_flow").m_as("L/h")
        eh = min(_MAX_EH, pk.clearance.m_as("L/h") * (1 - fe) / (bp * qh))
        if pk.blood_to_plasma is None:
            notes.append(
                f"{drug.name}: blood-to-plasma ratio not recorded; 1 assumed for the hepatic extraction"
            )
    else:
        notes.append(
            f"{drug.name}: no systemic clearance; hepatic extraction taken as low (AUC ratios unaffected, "
            "Cmax ratios may be understated for high-extraction drugs)"
        )
    fm = {e: v.m_as("1") for e, v in drug.fm.items()}
    sources += [v.source for v in drug.fm.values()]
    hepatic = max(1e-9, 1 - fe)
    fm_h = {e: min(1.0, f / hepatic) for e, f in fm.items()}
    if sum(fm_h.values()) > 1:
        scale = 1 / sum(fm_h.values())
        fm_h = {e: f * scale for e, f in fm_h.items()}
    fg = drug.fg.m_as("1") if drug.fg is not None else 1.0
    if drug.fg is not None:
        sources.append(drug.fg.source)
    elif fm.get("CYP3A4", 0.0) > 0:
        notes.append(
            f"{drug.name}: intestinal availability not recorded; Fg = 1 (no gut-wall CYP3A interaction)"
        )
    return VictimModel(drug.id, k, ka, eh, fg, fe, fm_h, tuple(notes), tuple(dict.fromkeys(sources)))
