"""Kratom as a perpetrator: which inhibition constants are used, and the constants of the models.

Only mitragynine has inhibition constants for the CYPs (Tanna 2021, Tanna 2023 DMD, Hanapi 2013);
the other alkaloids are not perpetrators here, which the output says (a gap, not a zero).

Choice rule for each enzyme (printed with every result):

1. reversible ``Ki``: records with parameter ``Ki`` first, else ``IC50 / 2`` (Cheng-Prusoff with
   substrate at Km, as the FDA guidance allows); human liver microsomes before intestinal
   microsomes before recombinant enzyme, then primary before secondary before derived;
2. time-dependent ``KI`` and ``kinact``: the pair from one system, liver microsomes for the liver
   and intestinal microsomes for the gut wall (liver microsomes when no intestinal pair exists);
3. unbound in the incubation: the constants are used as unbound (fu,mic = 1) unless the knowledge
   base holds a microsomal binding value; that is an assumption, named in the output.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from speciosa.errors import DataError
from speciosa.knowledge import CitedValue, CypInhibition, KnowledgeBase

__all__ = [
    "ENZYME_TARGETS",
    "InhibitionConstant",
    "Perpetrator",
    "choose_constants",
    "ddi_value",
]

PERPETRATOR = "mitragynine"
ENZYME_TARGETS: dict[str, tuple[str, ...]] = {
    "CYP3A4": ("CYP3A4", "CYP3A"),
    "CYP2D6": ("CYP2D6",),
    "CYP2C19": ("CYP2C19",),
    "CYP2C9": ("CYP2C9",),
    "CYP1A2": ("CYP1A2",),
}
"""Enzyme of a victim's ``fm`` -> targets whose inhibition data apply to it (CYP3A covers 3A4)."""

_QUALITY = {"primary": 0, "secondary": 1, "derived": 2}


def _system_rank(system: str | None) -> int:
    s = (system or "").lower()
    if s.startswith("hlm") or "liver microsomes" in s and "rat" not in s:
        return 0
    if s.startswith("him") or "intestinal microsomes" in s:
        return 1
    if "recombinant" in s:
        return 3
    return 2


@dataclass(frozen=True)
class InhibitionConstant:
    """One constant as used: value in canonical units (nM or 1/h), log-scale SD and provenance.

    ``derived_from_ic50`` is set when the value is IC50 / 2 of the record named.
    """

    value: float
    unit: str
    sd_log: float
    record: str
    source: str
    text: str
    derived_from_ic50: bool = False
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class Perpetrator:
    """Inhibition constants of the perpetrator per enzyme, and the organ they apply to.

    ``reversible[enzyme]`` (nM), ``tdi_liver[enzyme]`` and ``tdi_gut[enzyme]`` (KI nM, kinact 1/h)
    """

    compound: str
    reversible: dict[str, InhibitionConstant]
    reversible_gut: dict[str, InhibitionConstant]
    tdi_liver: dict[str, tuple[InhibitionConstant, InhibitionConstant]]
    tdi_gut: dict[str, tuple[InhibitionConstant, InhibitionConstant]]
    fu_mic: float
    assumptions: tuple[str, ...] = field(default=())

    @property
    def sources(self) -> list[str]:
        """Source ids of every constant used."""
        consts: list[InhibitionConstant] = [*self.reversible.values(), *self.reversible_gut.values()]
        for pair in (*self.tdi_liver.values(), *self.tdi_gut.values()):
            consts.extend(pair)
        return list(dict.fromkeys(c.source for c in consts))


def _sd_log(v: CitedValue) -> float:
    if v.sd is not None and v.value > 0:
        return math.sqrt(math.log1p((v.sd / v.value) ** 2))
    if v.cv_percent is not None:
        return math.sqrt(math.log1p((v.cv_percent / 100) ** 2))
    return 0.0


def _canonical(v: CitedValue, parameter: str) -> tuple[float, str]:
    if parameter == "kinact":
        return v.m_as("1/h"), "1/h"
    return v.m_as("nM"), "nM"


def _rank(r: CypInhibition) -> tuple[int, int]:
    assert r.value is not None
    return (_system_rank(r.system), _QUALITY[r.value.quality])


def _records(kb: KnowledgeBase, enzyme: str, parameters: Sequence[str]) -> list[CypInhibition]:
    targets = ENZYME_TARGETS[enzyme]
    return sorted(
        (
            r
            for r in kb.cyp_inhibition
            if r.inhibitor == PERPETRATOR
            and r.enzyme in targets
            and r.status == "measured"
            and r.parameter in parameters
            and r.value is not None
            and r.value.usable
            and r.value.qualifier == "="
            and r.value.kind == ("rate" if r.parameter == "kinact" else "molar_concentration")
        ),
        key=_rank,
    )


def _constant(
    r: CypInhibition, *, halve: bool = False, others: Sequence[CypInhibition] = ()
) -> InhibitionConstant:
    assert r.value is not None and r.parameter is not None
    value, unit = _canonical(r.value, r.parameter)
    system = r.system or "system not stated"
    label = f"{r.parameter} {r.value.text()} ({system}; {r.value.source}, {r.value.quality})"
    if halve:
        value /= 2
        label = f"IC50/2 of {label}"
    alts = tuple(
        f"{o.id}: {o.parameter} {o.value.text()}" for o in others if o is not r and o.value is not None
    )
    return InhibitionConstant(value, unit, _sd_log(r.value), r.id, r.value.source, label, halve, alts)


def _reversible(kb: KnowledgeBase, enzyme: str, organ: str) -> InhibitionConstant | None:
    ki = [r for r in _records(kb, enzyme, ("Ki",)) if r.mechanism != "time_dependent"]
    ic50 = _records(kb, enzyme, ("IC50",))
    if organ == "gut":
        ki = [r for r in ki if _system_rank(r.system) == 1]
        ic50 = [r for r in ic50 if _system_rank(r.system) == 1]
    if ki:
        return _constant(ki[0], others=ki + ic50)
    if ic50:
        return _constant(ic50[0], halve=True, others=ic50)
    return None


def _tdi(kb: KnowledgeBase, enzyme: str, organ: str) -> tuple[InhibitionConstant, InhibitionConstant] | None:
    rows = _records(kb, enzyme, ("KI", "kinact"))
    by_system: dict[str, dict[str, CypInhibition]] = {}
    for r in rows:
        by_system.setdefault(r.system or "", {}).setdefault(str(r.parameter), r)
    pairs = [(s, p) for s, p in by_system.items() if "KI" in p and "kinact" in p]
    if not pairs:
        return None
    want = 1 if organ == "gut" else 0
    pairs.sort(key=lambda sp: (_system_rank(sp[0]) != want, _system_rank(sp[0])))
    _, pair = pairs[0]
    return _constant(pair["KI"]), _constant(pair["kinact"])


def choose_constants(kb: KnowledgeBase) -> Perpetrator:
    """Constants of mitragynine per enzyme by the module's choice rule."""
    reversible: dict[str, InhibitionConstant] = {}
    reversible_gut: dict[str, InhibitionConstant] = {}
    tdi_liver: dict[str, tuple[InhibitionConstant, InhibitionConstant]] = {}
    tdi_gut: dict[str, tuple[InhibitionConstant, InhibitionConstant]] = {}
    for enzyme in ENZYME_TARGETS:
        if (c := _reversible(kb, enzyme, "liver")) is not None:
            reversible[enzyme] = c
        if (g := _tdi(kb, enzyme, "liver")) is not None:
            tdi_liver[enzyme] = g
    # gut wall: CYP3A only (the enzyme that matters for intestinal first pass)
    gut_ki = _reversible(kb, "CYP3A4", "gut")
    if gut_ki is not None:
        reversible_gut["CYP3A4"] = gut_ki
    elif "CYP3A4" in reversible:
        reversible_gut["CYP3A4"] = reversible["CYP3A4"]
    if (g := _tdi(kb, "CYP3A4", "gut")) is not None:
        tdi_gut["CYP3A4"] = g
    mic = [
        r
        for r in kb.protein_binding
        if r.compound == PERPETRATOR and r.parameter in ("fu_mic", "fu_inc") and r.value.usable
    ]
    fu_mic = mic[0].value.m_as("1") if mic else 1.0
    assumptions = [
        "Perpetrator: mitragynine only; no CYP inhibition constants exist for 7-OH-mitragynine or the "
        "minor alkaloids, which are therefore not counted (their contribution is a gap, not zero)."
    ]
    if not mic:
        assumptions.append(
            "Microsomal binding of mitragynine is not measured: in-vitro Ki and KI are used as unbound "
            "(fu,mic = 1), which can overstate inhibition."
        )
    return Perpetrator(
        PERPETRATOR, reversible, reversible_gut, tdi_liver, tdi_gut, fu_mic, tuple(assumptions)
    )


def ddi_value(
    kb: KnowledgeBase,
    quantity: str,
    *,
    enzyme: str | None = None,
    organ: str | None = None,
    model: str | None = None,
    guidance: str | None = None,
) -> CitedValue:
    """The :class:`~speciosa.knowledge.DdiParameter` value matching the given fields (first in file order)."""
    for p in kb.ddi_parameters:
        if (
            p.quantity == quantity
            and (enzyme is None or p.enzyme == enzyme)
            and (organ is None or p.organ == organ)
            and (model is None or p.model == model)
            and (guidance is None or p.guidance == guidance)
        ):
            return p.value
    wanted = ", ".join(
        f"{k}={v}" for k, v in dict(enzyme=enzyme, organ=organ, model=model, guidance=guidance).items() if v
    )
    raise DataError(f"ddi_parameters.yaml has no {quantity} record ({wanted}); add one with its source")
