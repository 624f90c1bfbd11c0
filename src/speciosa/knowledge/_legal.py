"""Record schemas for legal status and product rules.

- :class:`Jurisdiction`: a country (ISO 3166-1 alpha-2, ``TH``), a subdivision (ISO 3166-2,
  ``US-TX``) or a locality (``US-CA:san-diego``), with its legal **history**: dated periods, each
  with a status, the product classes it covers, the rules in force and the source. A change of
  law is a new period; earlier periods are kept, so that status is answered *on a date*.
- :class:`LegalRule`: one rule of a period (minimum age, 7-OH share cap, synthetic-alkaloid ban,
  label requirement, licence, tax, penalty...), each with its own source and locator.
- :class:`ReferenceLimit`: a cited number used to judge products (the 7-OH share of natural leaf,
  the label-claim tolerance, contaminant limits).

Status vocabulary (strictest last):

``legal``
    no kratom-specific control (general food or medicine law only);
``regulated``
    lawful under kratom-specific rules (age, 7-OH cap, labelling, licensing);
``restricted``
    some products or activities prohibited but not all (supply but not possession; sale not
    authorised; derivatives or concentrated 7-OH banned while leaf is not; prescription only);
``banned``
    a controlled or prohibited substance;
``unknown``
    the sources do not allow a call.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Final, Literal

from pydantic import Field, StringConstraints, model_validator

from speciosa.knowledge._values import CitedValue, Frozen, Id, NonEmpty, SourceId

__all__ = [
    "FORMS",
    "LEGAL_STATUSES",
    "RULE_KINDS",
    "SCOPES",
    "STRICTNESS",
    "Jurisdiction",
    "JurisdictionCode",
    "LegalPeriod",
    "LegalRule",
    "LegalStatusName",
    "ProductForm",
    "ReferenceLimit",
    "RuleKind",
    "Scope",
    "iso_name",
]

JurisdictionCode = Annotated[
    str, StringConstraints(pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?(:[a-z0-9]+(-[a-z0-9]+)*)?$", max_length=60)
]
"""``TH``, ``US-TX`` or ``US-CA:san-diego`` (ISO 3166-1/-2, locality slug after ``:``)."""

LegalStatusName = Literal["legal", "regulated", "restricted", "banned", "unknown"]
LEGAL_STATUSES: Final[tuple[str, ...]] = LegalStatusName.__args__  # type: ignore[attr-defined]

STRICTNESS: Final[dict[str, int]] = {"unknown": -1, "legal": 0, "regulated": 1, "restricted": 2, "banned": 3}
"""Order used when levels combine: the strictest known status applies; unknown ranks below all."""

Scope = Literal["leaf", "extracts", "7oh_above_threshold", "synthetic_alkaloids"]
SCOPES: Final[tuple[str, ...]] = Scope.__args__  # type: ignore[attr-defined]

ProductForm = Literal["powder", "capsules", "tea", "extract", "shot", "tablet", "gummy"]
FORMS: Final[tuple[str, ...]] = ProductForm.__args__  # type: ignore[attr-defined]

RuleKind = Literal[
    "min_age",
    "seven_oh_share_max",
    "seven_oh_dry_weight_max",
    "seven_oh_mg_per_unit_max",
    "synthetic_ban",
    "label_alkaloid_amounts",
    "label_directions",
    "label_serving_size",
    "label_manufacturer",
    "label_ingredients",
    "label_warning",
    "label_age_statement",
    "registration",
    "licensing",
    "tax",
    "penalty",
    "form_ban",
    "possession_ban",
    "sale_ban",
    "import_ban",
    "export_rule",
    "contaminant_limit",
    "adulteration_ban",
    "other",
]
RULE_KINDS: Final[tuple[str, ...]] = RuleKind.__args__  # type: ignore[attr-defined]

# rules whose number is what a product is compared with, and the unit that number is in
_NUMERIC_RULES: Final[dict[str, tuple[str, ...]]] = {
    "min_age": ("years",),
    "seven_oh_share_max": ("fraction",),
    "seven_oh_dry_weight_max": ("fraction",),
    "seven_oh_mg_per_unit_max": ("mg",),
    "tax": ("fraction",),
}


class LegalRule(Frozen):
    """One rule in force in a period.

    Attributes
    ----------
    kind
        What the rule is about; the rules that ``speciosa comply`` checks are the numeric caps,
        ``synthetic_ban``, ``adulteration_ban``, ``form_ban`` and the ``label_*`` kinds.
    value, unit
        The number of a numeric rule: age in ``years``; a share or tax as a ``fraction``
        (0.02 = 2 %); a dry-weight content as a ``fraction`` of product mass; an amount in ``mg``.
    forms
        The product forms the rule names (for ``form_ban``, those that may not be sold).
    applies_to
        Product classes the rule is limited to (empty: all products the period covers).
    detail
        The rule as the source states it (close paraphrase or short quote).
    """

    kind: RuleKind
    value: float | None = None
    unit: str | None = None
    forms: list[ProductForm] = Field(default_factory=list)
    applies_to: list[Scope] = Field(default_factory=list)
    detail: NonEmpty
    source: SourceId
    locator: NonEmpty

    @model_validator(mode="after")
    def _consistent(self) -> LegalRule:
        units = _NUMERIC_RULES.get(self.kind)
        if units is not None and self.kind != "tax" and self.value is None:
            raise ValueError(f"a {self.kind} rule needs a `value` (in {' or '.join(units)})")
        if self.value is not None:
            if units is not None and self.unit not in units:
                raise ValueError(
                    f"the `unit` of a {self.kind} rule must be {' or '.join(units)}, not {self.unit!r}"
                )
            if units is None and self.unit is None:
                raise ValueError("a rule with a `value` needs its `unit`")
            if self.unit == "fraction" and not 0.0 <= self.value <= 1.0:
                raise ValueError(f"a fraction is between 0 and 1 (0.02 = 2 %), not {self.value}")
        if self.kind == "form_ban" and not self.forms:
            raise ValueError("a form_ban rule needs `forms`: the product forms that may not be sold")
        return self


class LegalPeriod(Frozen):
    """The law of one jurisdiction between two dates.

    Attributes
    ----------
    valid_from
        First day the status applies.
    from_basis
        ``effective``: the legal effective date; ``coverage_start``: the status held before this
        date (the data start here); ``approximate``: only the month or year is known.
    valid_to
        Last day (inclusive); ``None`` while in force.
    scope
        Product classes the status covers (outside them the jurisdiction's general law applies).
    confidence
        ``high``: statute, gazette or agency text read; ``medium``: reputable secondary source;
        ``low``: vendor or advocacy pages only, or sources conflict.
    """

    valid_from: dt.date
    from_basis: Literal["effective", "coverage_start", "approximate"]
    valid_to: dt.date | None = None
    status: LegalStatusName
    scope: list[Scope] = Field(default_factory=list)
    law: str | None = None
    rules: list[LegalRule] = Field(default_factory=list)
    source: SourceId
    locator: NonEmpty
    sources: list[SourceId] = Field(default_factory=list)
    confidence: Literal["high", "medium", "low"]
    note: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> LegalPeriod:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError(f"valid_to {self.valid_to} is before valid_from {self.valid_from}")
        if self.status in ("regulated", "restricted", "banned") and not self.scope:
            raise ValueError(f"a {self.status} period needs a `scope` (the product classes it covers)")
        if self.from_basis == "approximate" and not self.note:
            raise ValueError("an approximate date needs a `note` saying what is known")
        return self

    def covers(self, day: dt.date) -> bool:
        """Whether ``day`` falls in this period."""
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Jurisdiction(Frozen):
    """A country, subdivision or locality and its kratom law over time (oldest period first)."""

    id: JurisdictionCode
    name: NonEmpty
    history: list[LegalPeriod] = Field(min_length=1)
    note: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Jurisdiction:
        for before, after in zip(self.history, self.history[1:], strict=False):
            if before.valid_to is None:
                raise ValueError(
                    f"period from {before.valid_from} has no `valid_to` but a later period starts "
                    f"{after.valid_from}; close it the day before"
                )
            if after.valid_from <= before.valid_to:
                raise ValueError(
                    f"periods overlap or are out of order: {before.valid_from}..{before.valid_to} "
                    f"then {after.valid_from}"
                )
        return self

    @property
    def level(self) -> Literal["country", "subdivision", "locality"]:
        """``country``, ``subdivision`` or ``locality``, read from the code."""
        if ":" in self.id:
            return "locality"
        return "subdivision" if "-" in self.id else "country"

    @property
    def parent(self) -> str | None:
        """Code of the enclosing jurisdiction (``US-CA`` for ``US-CA:san-diego``), if any."""
        if ":" in self.id:
            return self.id.split(":")[0]
        if "-" in self.id:
            return self.id.split("-")[0]
        return None

    def period_on(self, day: dt.date) -> LegalPeriod | None:
        """The period in force on ``day``; ``None`` when no record covers it."""
        return next((p for p in self.history if p.covers(day)), None)


class ReferenceLimit(Frozen):
    """A cited number that product checks compare with (natural-leaf composition, tolerances)."""

    id: Id
    name: NonEmpty
    value: CitedValue
    note: str | None = None


def iso_name(code: str) -> str | None:
    """Name of an ISO 3166-1 alpha-2 or ISO 3166-2 code; ``None`` if it is not one.

    Uses pycountry's bundled ISO 3166 tables, loaded on first use (about 0.1 s).
    """
    import pycountry  # noqa: PLC0415 - loaded only when a code must be checked

    entry = (
        pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
        if "-" in code
        else pycountry.countries.get(alpha_2=code)
    )
    return None if entry is None else str(getattr(entry, "common_name", None) or entry.name)
