"""Changes of kratom law: every dated period start after a given day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from speciosa.knowledge import KnowledgeBase, LegalPeriod

__all__ = ["LegalChange", "legal_changes"]


@dataclass(frozen=True, slots=True)
class LegalChange:
    """A period that started on ``day``: the law of ``code`` changed from ``before`` to ``period``.

    ``before`` is ``None`` for the first record of a jurisdiction.
    """

    code: str
    name: str
    day: dt.date
    before: LegalPeriod | None
    period: LegalPeriod


def legal_changes(
    kb: KnowledgeBase,
    since: dt.date,
    until: dt.date | None = None,
    within: str | None = None,
) -> tuple[LegalChange, ...]:
    """Changes that took effect from ``since`` to ``until`` (inclusive), oldest first.

    Parameters
    ----------
    since, until
        The window; ``until`` defaults to no end (future effective dates included).
    within
        A code: only that jurisdiction and those inside it (``US`` gives federal, states and
        localities).

    Notes
    -----
    A period whose start is only the data's coverage start (``from_basis: coverage_start``) is not
    a change and is left out.
    """
    changes: list[LegalChange] = []
    for record in kb.jurisdictions:
        if within is not None and not (
            record.id == within or record.id.startswith(f"{within}-") or record.id.startswith(f"{within}:")
        ):
            continue
        for i, period in enumerate(record.history):
            if period.from_basis == "coverage_start":
                continue
            if period.valid_from < since or (until is not None and period.valid_from > until):
                continue
            before = record.history[i - 1] if i > 0 else None
            changes.append(LegalChange(record.id, record.name, period.valid_from, before, period))
    return tuple(sorted(changes, key=lambda c: (c.day, c.code)))
