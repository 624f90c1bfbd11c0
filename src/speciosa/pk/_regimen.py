"""The regimen language: "3 g leaf powder every 8 h for 14 days" and friends.

Accepted forms (amounts in g or mg of product; intervals and durations with a time unit)::

    2 g tea once
    3 g leaf powder every 8 h for 14 days
    1.5 g every 12h for 3 days
    4 g at 08:00 and 2 g at 20:00 daily for 10 days
    5 g daily for 7 days

Time 0 is the first dose. A product phrase between the amount and the schedule ("leaf powder",
"tea", "capsules", "extract") is kept as ``form`` and may name a default product.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from speciosa.errors import InputError
from speciosa.units import parse_quantity

__all__ = ["MAX_DOSE_G", "Regimen", "check_dose", "parse_regimen", "regular_regimen"]

_EXAMPLES = (
    "e.g. '2 g tea once', '3 g every 8 h for 14 days', '4 g at 08:00 and 2 g at 20:00 daily for 10 days'"
)
_AMOUNT = r"(?P<amount>\d+(?:\.\d+)?\s*(?:g|mg|gram|grams))\b"
#: Largest amount of product accepted in one dose (g). An input-plausibility convention (speciosa's,
#: not a sourced or toxicological threshold): a larger number is almost surely a unit slip.
MAX_DOSE_G = 100.0
_FORMS = ("leaf powder", "powder", "tea", "capsules", "capsule", "extract", "leaf")


@dataclass(frozen=True, slots=True)
class Regimen:
    """Doses of product in grams at times in hours after the first dose.

    Attributes
    ----------
    doses
        (time h, grams) pairs, in time order.
    period_h
        Length of the repeating unit (dosing interval, or 24 h for a daily pattern); ``None``
        for a single dose.
    form
        Product phrase from the text ("tea", "leaf powder", ...), if any.
    text
        A normalised description.
    """

    doses: tuple[tuple[float, float], ...]
    period_h: float | None
    form: str | None
    text: str

    @property
    def is_single(self) -> bool:
        return len(self.doses) == 1

    @property
    def last_period_start(self) -> float:
        """Start (h) of the last repeating unit."""
        if self.period_h is None:
            return 0.0
        n = round(self.doses[-1][0] // self.period_h)
        return n * self.period_h

    @property
    def n_periods(self) -> int:
        return 1 if self.period_h is None else int(self.last_period_start / self.period_h) + 1

    @property
    def total_grams(self) -> float:
        return sum(g for _, g in self.doses)


def _grams(text: str, field: str) -> float:
    q = parse_quantity(text.replace("grams", "g").replace("gram", "g"), kind="mass", field=field)
    return check_dose(q.m_as("g"), text, field)


def check_dose(grams: float, text: str, field: str = "dose") -> float:
    """``grams`` if it is a possible amount of product for one dose, else an :class:`InputError`."""
    if not grams > 0:
        raise InputError(field, f"dose must be above 0 g, got {text!r}")
    if grams > MAX_DOSE_G:
        raise InputError(
            field,
            f"{text!r} is over {MAX_DOSE_G:g} g of product in one dose; check the unit (g or mg)",
        )
    return grams


def _hours(text: str, field: str) -> float:
    q = parse_quantity(text.strip(), kind="time", field=field)
    h = q.m_as("h")
    if not h > 0:
        raise InputError(field, f"{field} must be above 0, got {text!r}")
    return h


def regular_regimen(
    grams: float, every_h: float | None, days: float | None, form: str | None = None
) -> Regimen:
    """``grams`` once (``every_h`` None) or every ``every_h`` hours for ``days`` days."""
    check_dose(grams, f"{grams:g} g")
    if every_h is None:
        return Regimen(((0.0, grams),), None, form, f"{grams:g} g once")
    if days is None or not days > 0:
        raise InputError("days", "a repeated dose needs a duration above 0 days (--days)")
    n = math.floor(days * 24 / every_h + 1e-9)
    if n < 1:
        raise InputError("every", f"an interval of {every_h:g} h does not fit in {days:g} days")
    if n > 20_000:
        raise InputError("every", f"{n} doses: at most 20000 doses per regimen")
    doses = tuple((i * every_h, grams) for i in range(n))
    return Regimen(doses, every_h, form, f"{grams:g} g every {every_h:g} h for {days:g} days ({n} doses)")


def _form(words: str) -> str | None:
    w = " ".join(words.lower().split())
    if not w:
        return None
    for form in _FORMS:
        if w == form or w == f"of {form}" or w == f"{form} as tea":
            return "capsule" if form == "capsules" else form
    raise InputError(
        "regimen", f"unknown product phrase {words.strip()!r}; use one of {', '.join(_FORMS)} or none"
    )


def _clock(text: str) -> float:
    m = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
    if m is None or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise InputError("regimen", f"clock time {text!r} must look like 08:00")
    return int(m.group(1)) + int(m.group(2)) / 60


def parse_regimen(text: str) -> Regimen:
    """Parse a regimen sentence (see the module docstring).

    Examples
    --------
    >>> r = parse_regimen("4 g at 08:00 and 2 g at 20:00 daily for 2 days")
    >>> r.doses
    ((0.0, 4.0), (12.0, 2.0), (24.0, 4.0), (36.0, 2.0))
    """
    s = " ".join(text.strip().split())
    low = s.lower()
    if not low:
        raise InputError("regimen", f"empty regimen; {_EXAMPLES}")
    m = re.fullmatch(_AMOUNT + r"\s*(?P<form>[a-z ]*?)\s*once", low)
    if m:
        return regular_regimen(_grams(m["amount"], "regimen"), None, None, _form(m["form"]))
    m = re.fullmatch(_AMOUNT + r"\s*(?P<form>[a-z ]*?)\s*every\s+(?P<every>.+?)\s+for\s+(?P<dur>.+)", low)
    if m:
        days = _hours(m["dur"], "regimen duration") / 24
        return regular_regimen(
            _grams(m["amount"], "regimen"), _hours(m["every"], "regimen interval"), days, _form(m["form"])
        )
    m = re.fullmatch(_AMOUNT + r"\s*(?P<form>[a-z ]*?)\s*(?:once )?daily\s+for\s+(?P<dur>.+)", low)
    if m:
        days = _hours(m["dur"], "regimen duration") / 24
        return regular_regimen(_grams(m["amount"], "regimen"), 24.0, days, _form(m["form"]))
    m = re.fullmatch(
        r"(?P<parts>.+?\bat\s+\d{1,2}:\d{2}(?:\s+and\s+.+?\bat\s+\d{1,2}:\d{2})*)\s+daily\s+for\s+(?P<dur>.+)",
        low,
    )
    if m:
        parts = re.split(r"\s+and\s+", m["parts"])
        pattern: list[tuple[float, float]] = []
        form: str | None = None
        for part in parts:
            pm = re.fullmatch(_AMOUNT + r"\s*(?P<form>[a-z ]*?)\s*at\s+(?P<clock>\d{1,2}:\d{2})", part)
            if pm is None:
                raise InputError(
                    "regimen", f"could not read {part!r}; write '<amount> at HH:MM'; {_EXAMPLES}"
                )
            form = _form(pm["form"]) or form
            pattern.append((_clock(pm["clock"]), _grams(pm["amount"], "regimen")))
        pattern.sort()
        first = pattern[0][0]
        offsets = [((c - first) % 24, g) for c, g in pattern]
        if len({o for o, _ in offsets}) != len(offsets):
            raise InputError("regimen", "two doses at the same clock time")
        days = _hours(m["dur"], "regimen duration") / 24
        n_days = math.floor(days + 1e-9)
        if n_days < 1:
            raise InputError("regimen", "a daily pattern needs at least 1 day")
        doses = tuple((24.0 * d + o, g) for d in range(n_days) for o, g in offsets)
        desc = " and ".join(f"{g:g} g at {int(c):02d}:{round((c % 1) * 60):02d}" for c, g in pattern)
        return Regimen(doses, 24.0, form, f"{desc} daily for {n_days} days ({len(doses)} doses)")
    raise InputError("regimen", f"could not read {text!r}; {_EXAMPLES}")
