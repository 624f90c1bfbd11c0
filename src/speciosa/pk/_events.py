"""NONMEM-style event records: ID, TIME, AMT, CMT, EVID, II, ADDL, SS.

Conventions (as in NONMEM and mrgsolve): TIME in hours; AMT in mg of the compound whose depot
CMT names; CMT is a compartment name of the model or its 1-based number; EVID 0 = observation,
1 = dose, 2 = other (ignored), 3 = reset, 4 = reset then dose; ADDL additional doses every II
hours after this one; SS 1 = this dose is at steady state (state reset to the steady state of
doses of AMT every II), SS 2 = the steady state is added to the current state. Infusions
(RATE) are not supported: kratom is taken by mouth.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from speciosa.errors import InputError
from speciosa.files import atomic_write
from speciosa.inputs import csv_rows, read_text

__all__ = ["COLUMNS", "Dose", "Event", "EventTable", "read_events_csv", "write_events_csv"]

COLUMNS = ("ID", "TIME", "AMT", "CMT", "EVID", "II", "ADDL", "SS")


@dataclass(frozen=True, slots=True)
class Event:
    """One event record."""

    id: int
    time: float
    amt: float = 0.0
    cmt: str = ""
    evid: int = 0
    ii: float = 0.0
    addl: int = 0
    ss: int = 0

    def __post_init__(self) -> None:
        where = f"event (ID {self.id}, TIME {self.time:g})"
        if not math.isfinite(self.time) or self.time < 0:
            raise InputError("TIME", f"{where}: TIME must be a finite number of hours >= 0")
        if self.evid not in (0, 1, 2, 3, 4):
            raise InputError("EVID", f"{where}: EVID must be 0, 1, 2, 3 or 4, got {self.evid}")
        if self.evid in (1, 4):
            if not math.isfinite(self.amt) or self.amt <= 0:
                raise InputError("AMT", f"{where}: a dose needs AMT > 0 (mg), got {self.amt:g}")
            if not self.cmt:
                raise InputError("CMT", f"{where}: a dose needs CMT (a depot compartment)")
        if self.addl < 0 or self.ss not in (0, 1, 2):
            raise InputError("ADDL/SS", f"{where}: ADDL must be >= 0 and SS 0, 1 or 2")
        if (self.addl > 0 or self.ss) and not (math.isfinite(self.ii) and self.ii > 0):
            raise InputError("II", f"{where}: ADDL or SS needs an interval II > 0 (h)")
        if self.ii < 0:
            raise InputError("II", f"{where}: II must be >= 0 h")


@dataclass(frozen=True, slots=True)
class Dose:
    """An expanded dose (after ADDL) as the solvers use it."""

    time: float
    amt: float
    cmt: str
    ss: int = 0
    ii: float = 0.0
    reset: bool = False


@dataclass(frozen=True)
class EventTable:
    """An ordered collection of event records for one or more subjects."""

    events: tuple[Event, ...]

    @classmethod
    def of(cls, events: Iterable[Event]) -> EventTable:
        """Sort by ID then TIME (stable: the file order of equal times is kept)."""
        return cls(tuple(sorted(events, key=lambda e: (e.id, e.time))))

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(e.id for e in self.events))

    def subject(self, subject_id: int) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.id == subject_id)

    def doses(self, subject_id: int) -> tuple[Dose, ...]:
        """Doses of one subject with ADDL expanded and resets (EVID 3) kept, in time order."""
        out: list[Dose] = []
        for e in self.subject(subject_id):
            if e.evid == 3:
                out.append(Dose(e.time, 0.0, "", reset=True))
            elif e.evid in (1, 4):
                out.append(Dose(e.time, e.amt, e.cmt, e.ss, e.ii, reset=e.evid == 4))
                for k in range(1, e.addl + 1):
                    out.append(Dose(e.time + k * e.ii, e.amt, e.cmt))
        return tuple(sorted(out, key=lambda d: d.time))

    def observation_times(self, subject_id: int) -> tuple[float, ...]:
        return tuple(e.time for e in self.subject(subject_id) if e.evid == 0)


def _cell(row: dict[str, str], col: str, line: int, kind: type, default: str) -> float | int:
    text = (row.get(col) or "").strip() or default
    if text in (".", ""):
        text = default
    try:
        value = float(text)
    except ValueError:
        raise InputError(col, f"line {line}: {col} must be a number, got {text!r}") from None
    if kind is int:
        if not value.is_integer():
            raise InputError(col, f"line {line}: {col} must be a whole number, got {text!r}")
        return int(value)
    return value


def _cmt(text: str | None) -> str:
    text = (text or "").strip()
    return "" if text in (".", "0") else text


def read_events_csv(source: Path | str) -> EventTable:
    """Read event records from a CSV file (or CSV text) with a header row.

    ID and TIME are required; AMT, CMT, EVID, II, ADDL and SS default to 0/empty ("." counts as
    empty, as in NONMEM data files). Unknown columns are kept out; RATE other than 0 is refused.
    """
    if isinstance(source, Path):
        text, name = read_text(source, "events"), source.name
    else:
        text, name = source, "the events CSV"
    fieldnames, rows = csv_rows(text, "events", name)
    header = [h.strip().upper() for h in fieldnames]
    for required in ("ID", "TIME"):
        if required not in header:
            raise InputError(
                "events", f"the CSV header needs column {required}; columns are {', '.join(COLUMNS)}"
            )
    events: list[Event] = []
    for line, raw in enumerate(rows, start=2):
        row = {k.strip().upper(): (v or "") for k, v in raw.items() if k is not None}
        if _cell(row, "RATE", line, float, "0") != 0:
            raise InputError("RATE", f"line {line}: infusions (RATE) are not supported; use bolus doses")
        events.append(
            Event(
                id=int(_cell(row, "ID", line, int, "")),
                time=float(_cell(row, "TIME", line, float, "")),
                amt=float(_cell(row, "AMT", line, float, "0")),
                cmt=_cmt(row.get("CMT")),
                evid=int(_cell(row, "EVID", line, int, "0")),
                ii=float(_cell(row, "II", line, float, "0")),
                addl=int(_cell(row, "ADDL", line, int, "0")),
                ss=int(_cell(row, "SS", line, int, "0")),
            )
        )
    if not events:
        raise InputError("events", "the CSV has a header but no records")
    return EventTable.of(events)


def write_events_csv(table: EventTable | Sequence[Event], path: Path | None = None) -> str:
    """Write event records as CSV (columns :data:`COLUMNS`) to ``path`` atomically; return the text."""
    events = table.events if isinstance(table, EventTable) else tuple(table)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for e in events:
        w.writerow([e.id, f"{e.time:g}", f"{e.amt:.10g}", e.cmt or ".", e.evid, f"{e.ii:g}", e.addl, e.ss])
    text = buf.getvalue()
    if path is not None:
        atomic_write(path, text)
    return text
