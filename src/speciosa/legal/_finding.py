"""One finding of a compliance check, and the words and helpers every check shares."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypedDict

__all__ = ["Cite", "Finding", "Result", "passes", "pct"]

#: What a check found: the product meets it, breaks it, or it could not be checked from the file.
Result = Literal["pass", "fail", "not_checked"]


class Cite(TypedDict):
    """Where a binding finding comes from: the level of law, its source and locator."""

    jurisdiction: str
    source: str
    locator: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One check of the product.

    Attributes
    ----------
    rule
        What was checked, in words (``"7-OH at most 2 % of the alkaloid fraction"``).
    kind
        The rule kind (``seven_oh_share_max``), or ``status``, ``adulteration``, ``potency``,
        ``contaminant`` for the checks that do not come from a rule.
    result
        ``pass`` (the product meets it), ``fail`` (it does not) or ``not_checked`` (the product
        file lacks what the check needs, e.g. no contaminant results): never a failure by default.
    binding
        Whether it is a legal requirement of the place (decides ``compliant``) or advisory.
    jurisdiction
        The level the rule comes from; ``None`` for advisory checks.
    """

    rule: str
    kind: str
    result: Result
    binding: bool
    detail: str
    jurisdiction: str | None = None
    source: str | None = None
    locator: str | None = None
    measured: float | None = None
    limit: float | None = None
    unit: str | None = None


def passes(ok: bool) -> Result:
    """``pass`` if ``ok`` else ``fail``."""
    return "pass" if ok else "fail"


def pct(x: float) -> str:
    """A fraction in percent, three significant digits (``0.02`` -> ``"2 %"``)."""
    return f"{100 * x:.3g} %"
