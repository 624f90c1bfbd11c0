"""Issue 17: the regimen language, quantities and drug doses are read in linear time.

The wall-clock bounds below are generous on purpose: they guard against exponential or
quadratic blow-up (the former regimen regex took 36 s to 3 min on 26 repetitions of a phrase),
not against ordinary slowness. Performance is measured in ``benchmarks/``, never here.
"""

from __future__ import annotations

import math
import time

import pytest

from speciosa.cli._interact import parse_drug_dose
from speciosa.errors import InputError, UnitError
from speciosa.pk import parse_regimen, regular_regimen
from speciosa.pk._regimen import MAX_REGIMEN_CHARS
from speciosa.units import parse_quantity

BLOW_UP_BOUND_S = 2.0


def _timed_error(text: str) -> tuple[InputError, float]:
    start = time.perf_counter()
    with pytest.raises(InputError) as info:
        parse_regimen(text)
    return info.value, time.perf_counter() - start


@pytest.mark.parametrize("repeats", [26, 2000])
def test_repeated_daily_phrase_is_refused_quickly(repeats: int) -> None:
    error, seconds = _timed_error("2 g at 08:00 and " * repeats + "x")
    assert error.field == "regimen"
    assert seconds < BLOW_UP_BOUND_S


def test_a_sentence_over_the_limit_is_refused_naming_the_limit() -> None:
    error, seconds = _timed_error("2 g at 08:00 and " * 60_000 + "2 g at 20:00 daily for 2 days")
    assert error.field == "regimen" and str(MAX_REGIMEN_CHARS) in error.message
    assert seconds < BLOW_UP_BOUND_S


def test_a_long_daily_pattern_within_the_limit_is_read() -> None:
    parts = [f"1.5 g leaf powder as tea at {h:02d}:00" for h in range(0, 24, 2)]
    text = " and ".join(parts) + " daily for 3 days"
    assert len(text) <= MAX_REGIMEN_CHARS
    r = parse_regimen(text)
    assert len(r.doses) == 36 and r.form == "leaf powder" and r.doses[1] == (2.0, 1.5)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("2 g every 8 h for inf days", "regimen duration"),
        ("2 g every nan h for 2 days", "regimen interval"),
        ("2 g every 8 h for 1e300 days", "every"),  # 1e300 days is finite but far over 20000 doses
        ("2 g every 8 h for 1e308 days", "regimen duration"),  # overflows to inf in hours
        ("2 g every 1e-300 h for 1e10 days", "every"),  # the dose count overflows
        ("2 g daily for 1e308 days", "regimen duration"),
        ("2 g at 08:00 daily for 1e308 days", "regimen duration"),
        ("2 g at 08:00 and 2 g at 20:00 daily for 1e9 days", "regimen duration"),  # 2e9 doses
    ],
)
def test_huge_or_non_finite_times_are_input_errors(text: str, field: str) -> None:
    error, seconds = _timed_error(text)
    assert error.field == field
    assert seconds < BLOW_UP_BOUND_S


@pytest.mark.parametrize("days", [math.inf, 1e308])
def test_regular_regimen_refuses_an_overflowing_dose_count(days: float) -> None:
    with pytest.raises(InputError, match="at most 20000 doses"):
        regular_regimen(2.0, 8.0, days)


def test_the_dose_cap_is_unchanged() -> None:
    assert len(regular_regimen(2.0, 1.0, 20_000 / 24).doses) == 20_000
    with pytest.raises(InputError, match="20001 doses"):
        regular_regimen(2.0, 1.0, 20_001 / 24)


@pytest.mark.parametrize(
    "text",
    [
        "3 g" + " " * 20_000 + "!",
        "3 " + "g" * 20_000,
        "3 g" + "/g" * 5_000,
    ],  # the last: RecursionError in pint
)
def test_long_quantities_are_refused_quickly(text: str) -> None:
    start = time.perf_counter()
    with pytest.raises(UnitError, match="too long"):
        parse_quantity(text, kind="mass")
    assert time.perf_counter() - start < BLOW_UP_BOUND_S


@pytest.mark.parametrize(
    "text", ["5 mg" + " " * 50_000 + "x", "5" + "." * 50_000, "5 mg every " + "1" * 50_000]
)
def test_long_drug_doses_are_refused_quickly(text: str) -> None:
    start = time.perf_counter()
    with pytest.raises(InputError) as info:
        parse_drug_dose(text)
    assert info.value.field == "drug-dose"
    assert time.perf_counter() - start < BLOW_UP_BOUND_S


def test_drug_doses_still_read() -> None:
    assert parse_drug_dose("  50 mg   daily ") == (50.0, 24.0)
    assert parse_drug_dose("5 mg every 12 h") == (5.0, 12.0)
    assert parse_drug_dose("30mg") == (30.0, None)
