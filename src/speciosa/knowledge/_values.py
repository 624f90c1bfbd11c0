"""Cited values: every number in the knowledge base is one of these.

A :class:`CitedValue` is a number with a unit, the statistic it is (mean, median, ...), its spread,
and where it comes from: a source id, a locator inside that source (table, figure, page,
"abstract") and a quality:

- ``primary``: read in the original study;
- ``secondary``: read in a review, another paper or a database that cites the original;
- ``derived``: computed by us from other values; ``derivation`` states the formula and inputs.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from speciosa.errors import UnitError
from speciosa.units import Kind, convert, kind_of_unit, parse_unit

__all__ = [
    "CitedValue",
    "Derivation",
    "Frozen",
    "Id",
    "NonEmpty",
    "Interval",
    "Quality",
    "SourceId",
    "Statistic",
]

Id = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.+\-]*$", max_length=120)]
"""Record identifier: letters, digits and ``- _ . +``; no spaces."""

SourceId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9\-]*$", max_length=60)]
"""Source identifier: ``<first author surname><year>[suffix]``, lowercase, e.g. ``tanna2022``."""

Quality = Literal["primary", "secondary", "derived"]
Statistic = Literal["point", "mean", "median", "geometric_mean", "mode"]
IntervalKind = Literal["range", "ci90", "ci95", "iqr", "p05_p95", "sd_band"]
Qualifier = Literal["=", "<", ">", "~", "<=", ">="]

NonEmpty = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]


class Frozen(BaseModel):
    """Base of the knowledge-base models: immutable, unknown fields rejected."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Derivation(Frozen):
    """How a derived value was computed."""

    formula: NonEmpty
    inputs: list[NonEmpty] = Field(min_length=1)


class Interval(Frozen):
    """An interval around a value (observed range, confidence interval, ...)."""

    kind: IntervalKind
    low: float
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> Interval:
        if self.low > self.high:
            raise ValueError(f"interval low ({self.low}) is above high ({self.high})")
        return self


class CitedValue(Frozen):
    """A number with unit, statistic, spread and provenance.

    Attributes
    ----------
    value
        The central value as reported (the statistic named by ``stat``). With ``qualifier`` ``>``
        it is a bound, e.g. "IC50 > 45 uM".
    unit
        Unit text accepted by :func:`speciosa.units.parse_unit`.
    source, locator, quality
        Provenance: source id, place in the source, and primary/secondary/derived.
    unresolved
        Set when the value is recorded as printed but contradicts something (a pairing, a unit)
        that could not be settled from the source; says what. Models must not use such a value
        without an explicit choice.
    """

    value: float = Field(allow_inf_nan=False)
    unit: NonEmpty
    stat: Statistic = "point"
    sd: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    se: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    cv_percent: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    interval: Interval | None = None
    n: int | None = Field(default=None, ge=1)
    qualifier: Qualifier = "="
    source: SourceId
    locator: NonEmpty
    quality: Quality
    derivation: Derivation | None = None
    unresolved: str | None = None
    note: str | None = None

    @field_validator("unit")
    @classmethod
    def _unit_parses(cls, unit: str) -> str:
        try:
            return parse_unit(unit)
        except UnitError as exc:
            raise ValueError(exc.message) from None

    @model_validator(mode="after")
    def _consistent(self) -> CitedValue:
        if self.quality == "derived" and self.derivation is None:
            raise ValueError("quality 'derived' needs a `derivation` with formula and inputs")
        if self.interval is not None and self.qualifier == "=":
            lo, hi = self.interval.low, self.interval.high
            slack = 0.005 * max(abs(lo), abs(hi), abs(self.value))  # rounding in the source
            if not lo - slack <= self.value <= hi + slack:
                raise ValueError(f"value {self.value} lies outside its {self.interval.kind} [{lo}, {hi}]")
        return self

    @property
    def usable(self) -> bool:
        """False when the value carries an unresolved contradiction."""
        return self.unresolved is None

    @property
    def kind(self) -> Kind | None:
        """Kind of quantity of the unit (see :mod:`speciosa.units`)."""
        return kind_of_unit(self.unit)

    def m_as(self, unit: str) -> float:
        """Return ``value`` converted to ``unit``."""
        return convert(self.value, self.unit, unit)

    def text(self) -> str:
        """Short human-readable form, e.g. ``'81.9 nM (median; range 50.1-177)'``."""
        q = "" if self.qualifier == "=" else f"{self.qualifier} "
        unit = "" if self.unit == "1" else f" {self.unit}"
        parts = [] if self.stat == "point" else [self.stat.replace("_", " ")]
        if self.sd is not None:
            parts.append(f"SD {self.sd:g}")
        if self.se is not None:
            parts.append(f"SE {self.se:g}")
        if self.interval is not None:
            parts.append(f"{self.interval.kind} {self.interval.low:g}-{self.interval.high:g}")
        if self.n is not None:
            parts.append(f"n={self.n}")
        extra = f" ({'; '.join(parts)})" if parts else ""
        return f"{q}{self.value:g}{unit}{extra}"
