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

__all__ = [
    "MAX_DOSES",
    "MAX_DOSE_G",
    "MAX_REGIMEN_CHARS",
    "MIN_DOSE_G",
    "Regimen",
    "check_dose",
    "parse_regimen",
    "regular_regimen",
]

_EXAMPLES = (
    "e.g. '2 g tea once', '3 g every 8 h for 14 days', '4 g at 08:00 and 2 g at 20:00 daily for 10 days'"
)
# Simple anchored patterns, each matched once: no nested or adjacent overlapping quantifiers, so the
# cost of a parse is linear in the length of the sentence (issue 17: the former single regex
# for "... at HH:MM and ... daily for ..." backtracked exponentially on repeated phrases).
_AMOUNT = re.compile(r"(?P<amount>\d+(?:\.\d+)?\s*(?:g|mg|gram|grams))\b")
_PHRASE = re.compile(r"[a-z ]*")
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")
_LAST_CLOCK = re.compile(r".+\bat \d{1,2}:\d{2}")
#: Longest regimen sentence read (characters, after collapsing white space): room for a daily
#: pattern of a dozen doses each with the longest product phrase ("12.5 mg leaf powder as tea at
#: 08:00 and ..." is 40 characters a dose); anything longer is not a regimen someone typed.
MAX_REGIMEN_CHARS = 500
#: Most doses one regimen may hold (a convention that bounds the event table).
MAX_DOSES = 20_000
#: Largest amount of product accepted in one dose (g). An input-plausibility convention (speciosa's,
#: not a sourced or toxicological threshold): a larger number is almost surely a unit slip.
MAX_DOSE_G = 100.0
#: Smallest amount of product accepted in one dose (g): 1 mg. The same kind of convention: less is
#: no kratom product's serving and almost surely a unit slip (e.g. "2e-3 mg" for "2 g").
MIN_DOSE_G = 0.001
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
    if grams < MIN_DOSE_G:
        raise InputError(
            field,
            f"{text!r} is under {MIN_DOSE_G * 1000:g} mg of product in one dose; check the unit (g or mg)",
        )
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
    if not math.isfinite(h):
        raise InputError(field, f"{text!r} is too large a time to compute with")
    return h


def regular_regimen(
    grams: float, every_h: float | None, days: float | None, form: str | None = None
) -> Regimen:
    """``grams`` once (``every_h`` None) or every ``every_h`` hours for ``days`` days."""
    check_dose(grams, f"{grams:g} g")
    if every_h is None:
        return Regimen(((0.0, grams),), None, form, f"{grams:g} g once")
    if not (math.isfinite(every_h) and every_h > 0):
        raise InputError(
            "every", f"the dosing interval must be a finite number of hours above 0, got {every_h:g}"
        )
    if days is None or not days > 0:
        raise InputError("days", "a repeated dose needs a duration above 0 days (--days)")
    ratio = days * 24 / every_h  # finite and positive unless days is inf or the quotient overflows
    if not ratio <= MAX_DOSES + 1:
        raise InputError("every", f"{days:g} days every {every_h:g} h: at most {MAX_DOSES} doses per regimen")
    n = math.floor(ratio + 1e-9)
    if n < 1:
        raise InputError("every", f"an interval of {every_h:g} h does not fit in {days:g} days")
    if n > MAX_DOSES:
        raise InputError("every", f"{n} doses: at most {MAX_DOSES} doses per regimen")
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
    m = _CLOCK.fullmatch(text)
    if m is None or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise InputError("regimen", f"clock time {text!r} must look like 08:00")
    return int(m.group(1)) + int(m.group(2)) / 60


def _amount(text: str) -> tuple[str, str] | None:
    """``(amount, rest)`` when ``text`` starts with an amount of product, else None."""
    m = _AMOUNT.match(text)
    return None if m is None else (m["amount"], text[m.end() :])


def _is_phrase(text: str) -> bool:
    """True when ``text`` could hold a product phrase: lower-case ASCII letters and spaces only."""
    return _PHRASE.fullmatch(text) is not None


def _keyword(rest: str, keyword: str) -> int:
    """Index of the first ``keyword`` in ``rest`` if only a product phrase comes before it, else -1."""
    k = rest.find(keyword)
    return k if k >= 0 and _is_phrase(rest[:k]) else -1


def _daily_pattern(parts_text: str, dur: str) -> Regimen:
    pattern: list[tuple[float, float]] = []
    form: str | None = None
    for part in parts_text.split(" and "):
        amount = _amount(part)
        head, _, clock = part.rpartition(" ")
        if amount is None or not head.endswith("at") or _CLOCK.fullmatch(clock) is None:
            raise InputError("regimen", f"could not read {part!r}; write '<amount> at HH:MM'; {_EXAMPLES}")
        words = amount[1][: len(head) - len(part) - 2]  # between the amount and "at"
        if not _is_phrase(words):
            raise InputError("regimen", f"could not read {part!r}; write '<amount> at HH:MM'; {_EXAMPLES}")
        form = _form(words) or form
        pattern.append((_clock(clock), _grams(amount[0], "regimen")))
    pattern.sort()
    first = pattern[0][0]
    offsets = [((c - first) % 24, g) for c, g in pattern]
    if len({o for o, _ in offsets}) != len(offsets):
        raise InputError("regimen", "two doses at the same clock time")
    days = _hours(dur, "regimen duration") / 24
    n_days = math.floor(days + 1e-9)
    if n_days < 1:
        raise InputError("regimen", "a daily pattern needs at least 1 day")
    if n_days * len(offsets) > MAX_DOSES:
        raise InputError(
            "regimen duration", f"{n_days * len(offsets)} doses: at most {MAX_DOSES} doses per regimen"
        )
    doses = tuple((24.0 * d + o, g) for d in range(n_days) for o, g in offsets)
    desc = " and ".join(f"{g:g} g at {int(c):02d}:{round((c % 1) * 60):02d}" for c, g in pattern)
    return Regimen(doses, 24.0, form, f"{desc} daily for {n_days} days ({len(doses)} doses)")


def parse_regimen(text: str) -> Regimen:
    """Parse a regimen sentence (see the module docstring).

    The sentence is read in one pass over its words: an amount, an optional product phrase,
    then ``once``, ``every <interval> for <duration>``, ``[once] daily for <duration>``, or
    ``<amount> at HH:MM`` parts joined by ``and`` and followed by ``daily for <duration>``.
    Sentences longer than :data:`MAX_REGIMEN_CHARS` are refused.

    Raises
    ------
    InputError
        Field ``regimen`` (or ``regimen interval``, ``regimen duration``), saying what is accepted.

    Examples
    --------
    >>> r = parse_regimen("4 g at 08:00 and 2 g at 20:00 daily for 2 days")
    >>> r.doses
    ((0.0, 4.0), (12.0, 2.0), (24.0, 4.0), (36.0, 2.0))
    """
    s = " ".join(text.split())
    if len(s) > MAX_REGIMEN_CHARS:
        raise InputError(
            "regimen",
            f"the regimen is {len(s)} characters long; at most {MAX_REGIMEN_CHARS} are read; {_EXAMPLES}",
        )
    low = s.lower()
    if not low:
        raise InputError("regimen", f"empty regimen; {_EXAMPLES}")
    amount = _amount(low)
    if amount is not None:
        grams_text, rest = amount
        if rest.endswith("once") and _is_phrase(rest[:-4]):
            return regular_regimen(_grams(grams_text, "regimen"), None, None, _form(rest[:-4]))
        k = _keyword(rest, "every ")
        if k >= 0 and " for " in rest[k + 6 :]:
            every, _, dur = rest[k + 6 :].partition(" for ")
            days = _hours(dur, "regimen duration") / 24
            return regular_regimen(
                _grams(grams_text, "regimen"), _hours(every, "regimen interval"), days, _form(rest[:k])
            )
        k = _keyword(rest, "daily for ")
        if k >= 0:
            words = rest[: k - 5] if rest[:k].endswith("once ") else rest[:k]
            days = _hours(rest[k + 10 :], "regimen duration") / 24
            return regular_regimen(_grams(grams_text, "regimen"), 24.0, days, _form(words))
    parts_text, found, dur = low.partition(" daily for ")
    if found and _LAST_CLOCK.fullmatch(parts_text):
        return _daily_pattern(parts_text, dur)
    raise InputError("regimen", f"could not read {text[:MAX_REGIMEN_CHARS]!r}; {_EXAMPLES}")
