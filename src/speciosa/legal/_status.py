"""Legal status of kratom in a jurisdiction on a date, with inherited state and federal law."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from speciosa.knowledge import STRICTNESS, KnowledgeBase, LegalPeriod, LegalRule
from speciosa.legal._codes import Place, resolve_place

__all__ = ["LegalStatus", "LevelStatus", "legal_status"]

_CONFIDENCE_ORDER: Final = {"low": 0, "medium": 1, "high": 2}


@dataclass(frozen=True, slots=True)
class LevelStatus:
    """The law of one level (locality, state or country) on the date.

    ``period`` is ``None`` when no record covers the date (the level's status is ``unknown``).
    """

    code: str
    name: str
    period: LegalPeriod | None

    @property
    def status(self) -> str:
        """The level's own status; ``unknown`` without a record."""
        return "unknown" if self.period is None else self.period.status

    @property
    def rules(self) -> tuple[LegalRule, ...]:
        """Rules in force at this level."""
        return () if self.period is None else tuple(self.period.rules)


@dataclass(frozen=True, slots=True)
class LegalStatus:
    """Status of kratom in a jurisdiction on a date.

    Attributes
    ----------
    place
        The jurisdiction asked about.
    on
        The date asked about.
    levels
        The jurisdiction's own level first, then the levels it inherits (state, then country).
    status
        The strictest known status over all levels (``unknown`` only when no level is known).
    decided_by
        Code of the level whose status is reported (the strictest one).
    confidence
        The lowest confidence of the known levels; ``low`` when the jurisdiction's own level has
        no record but a parent's does.
    notes
        What a reader must know to use the answer (inherited status, missing records, future date).
    """

    place: Place
    on: dt.date
    levels: tuple[LevelStatus, ...]
    status: str
    decided_by: str | None
    confidence: str
    notes: tuple[str, ...]

    @property
    def own(self) -> LevelStatus:
        """The jurisdiction's own level."""
        return self.levels[0]

    @property
    def inherited(self) -> tuple[LevelStatus, ...]:
        """The levels whose law also applies (state, country)."""
        return self.levels[1:]

    @property
    def deciding(self) -> LevelStatus | None:
        """The level whose status is reported."""
        return next((lv for lv in self.levels if lv.code == self.decided_by), None)

    @property
    def sources(self) -> tuple[str, ...]:
        """Source ids of every period and rule that applies, in order of first use."""
        seen: dict[str, None] = {}
        for level in self.levels:
            if level.period is None:
                continue
            for sid in (level.period.source, *level.period.sources, *(r.source for r in level.period.rules)):
                seen.setdefault(sid, None)
        return tuple(seen)


def _level(kb: KnowledgeBase, code: str, name: str, on: dt.date) -> LevelStatus:
    if not kb.has("jurisdictions", code):
        return LevelStatus(code, name, None)
    record = kb.jurisdiction(code)
    return LevelStatus(code, record.name, record.period_on(on))


def legal_status(kb: KnowledgeBase, jurisdiction: str, on: dt.date | None = None) -> LegalStatus:
    """Status of kratom in ``jurisdiction`` on ``on`` (default today).

    A locality inherits its state's and country's law, a state its country's; the strictest
    known status applies. A date before every record gives ``unknown``.

    Parameters
    ----------
    kb
        The knowledge base.
    jurisdiction
        ISO 3166 code (``TH``, ``US-LA``), locality (``US-CA:san-diego``) or exact name.
    on
        The date; default today.

    Raises
    ------
    InputError
        For an unknown code (with the closest known codes).

    Examples
    --------
    >>> import datetime as dt
    >>> from speciosa.knowledge import load_knowledge_base
    >>> kb = load_knowledge_base()
    >>> legal_status(kb, "US-LA", dt.date(2025, 7, 31)).own.status
    'legal'
    >>> legal_status(kb, "US-LA", dt.date(2025, 8, 1)).status
    'banned'
    """
    day = on or dt.date.today()
    place = resolve_place(kb, jurisdiction)
    levels = tuple(_level(kb, code, place.name if code == place.code else code, day) for code in place.chain)
    known = [lv for lv in levels if lv.period is not None]
    notes: list[str] = []
    if not known:
        status, decided_by, confidence = "unknown", None, "low"
        first = [
            kb.jurisdiction(c).history[0].valid_from
            for c in place.chain
            if c in {j.id for j in kb.jurisdictions}
        ]
        if first and day < min(first):
            notes.append(f"{day} is before the first record ({min(first)}); the data do not cover it")
        else:
            notes.append(f"no record covers {place.code} on {day}")
    else:
        strictest = max(known, key=lambda lv: STRICTNESS[lv.status])
        status, decided_by = strictest.status, strictest.code
        confidence = min(
            (lv.period.confidence for lv in known if lv.period), key=_CONFIDENCE_ORDER.__getitem__
        )
        if levels[0].period is None:
            confidence = "low"
            notes.append(
                f"no record for {place.code} itself on {day}; the status shown is inherited "
                f"from {', '.join(lv.code for lv in known)}"
            )
        elif decided_by != place.code:
            notes.append(
                f"{place.code}'s own status is {levels[0].status}; the stricter {status} status "
                f"of {decided_by} applies"
            )
    if day > dt.date.today():
        notes.append("a future date: the answer is the law as recorded now; later changes are not known")
    return LegalStatus(place, day, levels, status, decided_by, confidence, tuple(notes))
