"""Units: parsing user text, rejecting the rest, and converting once at the boundary.

Oracles: exact SI prefix arithmetic, and the molar/mass conversion c[nM] = c[ng/mL]*1000/M, checked
against the published pair for mitragynine in Tanna et al. 2023 (DMD 51:923, Table 3 gives Cmax
81.9 nM; 81.9 nM x 398.50 g/mol / 1000 = 32.64 ng/mL).
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from speciosa.errors import InputError, UnitError
from speciosa.units import (
    CANONICAL_UNITS,
    Quantity,
    convert,
    kind_of_unit,
    mass_to_molar_concentration,
    molar_to_mass_concentration,
    parse_quantity,
    parse_unit,
    to_canonical,
)


@pytest.mark.parametrize(
    ("text", "kind", "canonical"),
    [
        ("3 g", "mass", 3000.0),
        ("500 mg", "mass", 500.0),
        ("250ug", "mass", 0.25),
        ("8h", "time", 8.0),
        ("30 min", "time", 0.5),
        ("14 day", "time", 336.0),
        ("250 mL", "volume", 0.25),
        ("12 umol", "amount", 12000.0),
        ("1.2 uM", "molar_concentration", 1200.0),
        ("1.2 µM", "molar_concentration", 1200.0),
        ("0.068 1/min", "rate", 4.08),
        ("233 L/h", "clearance", 233.0),
        ("420 nM*h", "molar_exposure", 420.0),
        ("2.5 mg/kg", "mass_ratio", 2.5e-3),
        ("95 percent", "fraction", 0.95),
        ("95 %", "fraction", 0.95),
        ("0.05", "fraction", 0.05),
    ],
)
def test_parse_accepted_text(text: str, kind: str, canonical: float) -> None:
    q = parse_quantity(text)
    assert q.kind == kind
    # mg/kg has no single canonical unit among kinds other than mg/g: compare in mg/g
    assert_allclose(to_canonical(q), canonical, rtol=1e-12)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("3 gg", "unknown unit 'gg'"),
        ("abc", "cannot read 'abc'"),
        ("", "cannot read ''"),
        ("3 g + 2 g", "cannot read"),  # no arithmetic: pint would evaluate it
        ("2,5 g", "cannot read"),  # decimal comma
        ("-1 mg", "is negative"),
        ("nan mg", "cannot read"),
        ("1e400 mg", "not a finite number"),
        ("3 mg//kg", "unit"),
    ],
)
def test_parse_rejects_with_message(text: str, fragment: str) -> None:
    with pytest.raises(UnitError) as info:
        parse_quantity(text, field="dose")
    assert str(info.value).startswith("dose: ")
    assert fragment in str(info.value)
    assert isinstance(info.value, InputError) and isinstance(info.value, ValueError)


def test_wrong_kind_names_field_and_expected_unit() -> None:
    with pytest.raises(UnitError, match=r"^dose: '8 h' is a time; expected mass \(e\.g\. mg\)$"):
        parse_quantity("8 h", kind="mass", field="dose")
    with pytest.raises(UnitError, match="mass ratio"):
        parse_quantity("3 g", kind=("mass_ratio",), field="weight-normalised dose")


def test_non_text_rejected() -> None:
    with pytest.raises(UnitError, match="expected text"):
        parse_quantity(3, field="dose")  # type: ignore[arg-type]


def test_mass_ratio_and_fraction_are_told_apart() -> None:
    # both are dimensionless for pint; speciosa separates them by the mass units written
    assert kind_of_unit("mg/g") == "mass_ratio"
    assert kind_of_unit("mg/kg") == "mass_ratio"
    assert kind_of_unit("percent") == "fraction"
    assert kind_of_unit("1") == "fraction"
    assert kind_of_unit("m") is None


def test_convert_rejects_different_dimensions() -> None:
    with pytest.raises(UnitError, match="different dimensions"):
        convert(1.0, "mg", "h")


def test_every_canonical_unit_is_of_its_own_kind() -> None:
    for kind, unit in CANONICAL_UNITS.items():
        assert kind_of_unit(unit) == kind


def test_quantity_is_immutable_and_checked() -> None:
    q = Quantity(3.0, "g")
    with pytest.raises(AttributeError):
        q.magnitude = 4.0  # type: ignore[misc]
    with pytest.raises(UnitError):
        Quantity(math.inf, "g")
    with pytest.raises(UnitError):
        Quantity(1.0, "gg")
    assert str(q) == "3 g" and str(Quantity(0.5, "1")) == "0.5"
    assert q.to("mg") == Quantity(3000.0, "mg")


def test_molar_mass_conversion_matches_published_pair() -> None:
    # Tanna 2023 DMD Table 3: mitragynine Cmax 81.9 nM; M = 398.50 g/mol (C23H30N2O4)
    assert_allclose(molar_to_mass_concentration(81.9, 398.50), 32.637, rtol=1e-4)
    assert_allclose(mass_to_molar_concentration(32.637, 398.50), 81.9, rtol=1e-4)
    with pytest.raises(UnitError, match="molar_mass"):
        mass_to_molar_concentration(1.0, 0.0)


def test_parse_unit_strips_and_rejects() -> None:
    assert parse_unit(" nM*h ") == "nM*h"
    with pytest.raises(UnitError):
        parse_unit("2 + mg")


# subnormal magnitudes (below ~1e-300) underflow in unit scaling; no dose or time is that small
finite = st.just(0.0) | st.floats(min_value=1e-200, max_value=1e12, allow_nan=False, allow_infinity=False)
units = st.sampled_from(["mg", "g", "ug", "h", "min", "L", "mL", "nM", "uM", "ng/mL", "L/h", "nM*h"])


@given(x=finite, unit=units)
def test_round_trip_text_and_canonical(x: float, unit: str) -> None:
    q = parse_quantity(f"{x!r} {unit}")
    assert q.magnitude == x
    back = convert(to_canonical(q), CANONICAL_UNITS[q.kind], unit)  # type: ignore[index]
    assert_allclose(back, x, rtol=1e-12, atol=0)


@given(c=st.floats(min_value=1e-6, max_value=1e6), mw=st.floats(min_value=50, max_value=2000))
def test_molar_conversion_round_trip(c: float, mw: float) -> None:
    assert_allclose(mass_to_molar_concentration(molar_to_mass_concentration(c, mw), mw), c, rtol=1e-12)
