"""Cited values: provenance is required, spreads are consistent, and YAML round-trips."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from speciosa.knowledge import CitedValue

BASE: dict[str, Any] = {
    "value": 81.9,
    "unit": "nM",
    "stat": "median",
    "interval": {"kind": "range", "low": 50.1, "high": 177},
    "n": 5,
    "source": "tanna2023dmd",
    "locator": "Table 3",
    "quality": "secondary",
}


def test_valid_value_and_text() -> None:
    v = CitedValue.model_validate(BASE)
    assert v.kind == "molar_concentration"
    assert v.text() == "81.9 nM (median; range 50.1-177; n=5)"
    assert v.m_as("uM") == pytest.approx(0.0819)


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"source": None}, "source"),
        ({"locator": ""}, "locator"),
        ({"unit": "nMol/litre/x"}, "unit"),
        ({"quality": "derived"}, "derivation"),
        ({"quality": "tertiary"}, "quality"),
        ({"interval": {"kind": "range", "low": 5, "high": 1}}, "above high"),
        ({"value": 300.0}, "outside its range"),
        ({"sd": -1}, "sd"),
        ({"n": 0}, "n"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_invalid_values_rejected(change: dict[str, Any], fragment: str) -> None:
    raw = {**BASE, **change}
    raw = {k: v for k, v in raw.items() if v is not None}
    with pytest.raises(ValidationError, match=fragment):
        CitedValue.model_validate(raw)


def test_bound_may_lie_outside_interval() -> None:
    # "IC50 > 45 uM" with the tested range: a bound, not a central value
    CitedValue.model_validate({**BASE, "value": 300.0, "qualifier": ">"})


def test_value_is_immutable() -> None:
    v = CitedValue.model_validate(BASE)
    with pytest.raises(ValidationError):
        v.value = 1.0  # type: ignore[misc]


values = st.fixed_dictionaries(
    {
        "value": st.floats(min_value=0, max_value=1e9, allow_nan=False),
        "unit": st.sampled_from(["nM", "uM", "ng/mL", "h", "L/h", "mg/g", "1", "percent"]),
        "stat": st.sampled_from(["point", "mean", "median", "geometric_mean"]),
        "source": st.from_regex(r"[a-z][a-z0-9]{2,10}", fullmatch=True),
        "locator": st.sampled_from(["Table 1", "abstract", "Fig. 2", "p. 412"]),
        "quality": st.sampled_from(["primary", "secondary"]),
    },
    optional={"sd": st.floats(min_value=0, max_value=1e3), "n": st.integers(1, 10_000)},
)


@given(raw=values)
def test_round_trip_identity(raw: dict[str, Any]) -> None:
    v = CitedValue.model_validate(raw)
    again = CitedValue.model_validate(v.model_dump(mode="json", exclude_none=True))
    assert again == v
