"""Does a product comply with the kratom law of a place on a date?

Every rule in force at every level (locality, state, country) is checked against the product
file; the strictest applies because all of them must hold. Each rule kind is checked by its
checker in :data:`speciosa.legal._checks.CHECKERS`; kinds that bind sellers or makers are listed
as obligations. Checks that do not depend on the place (adulteration signs, stated vs measured
potency, contaminants) are added as advisory findings: they inform but only decide compliance
where a rule of the place makes them binding.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from speciosa.knowledge import KnowledgeBase, LegalRule
from speciosa.legal._adulteration import adulteration_findings, product_classes
from speciosa.legal._advisory import metal_findings, microbe_findings, potency_findings
from speciosa.legal._checks import CHECKERS, OBLIGATIONS
from speciosa.legal._finding import Cite, Finding
from speciosa.legal._product import ProductFile
from speciosa.legal._status import LegalStatus, LevelStatus, legal_status

__all__ = ["Compliance", "comply"]


@dataclass(frozen=True, slots=True)
class Compliance:
    """The findings for one product, place and date.

    ``compliant`` is False when a binding finding fails, None (undetermined) when none fails but
    some could not be checked, True when every binding finding passes. ``obligations`` are rules
    of the place that bind sellers or makers (age, licence, tax) and cannot be read from a
    product file.
    """

    product: ProductFile
    status: LegalStatus
    classes: tuple[str, ...]
    findings: tuple[Finding, ...]
    obligations: tuple[tuple[str, LegalRule], ...]
    assumptions: tuple[str, ...] = field(default=())

    @property
    def compliant(self) -> bool | None:
        """False if a binding finding fails; None if none fails but some were not checked; else True."""
        binding = [f.result for f in self.findings if f.binding]
        if "fail" in binding:
            return False
        return None if "not_checked" in binding else True

    @property
    def not_checked(self) -> tuple[Finding, ...]:
        """Binding findings that the product file could not settle."""
        return tuple(f for f in self.findings if f.binding and f.result == "not_checked")


def _applies(rule: LegalRule, classes: tuple[str, ...]) -> bool:
    return not rule.applies_to or bool(set(rule.applies_to) & set(classes))


def _status_finding(level: LevelStatus, classes: tuple[str, ...], on: dt.date) -> Finding:
    period = level.period
    if period is None:
        return Finding(
            f"legal status in {level.code}",
            "status",
            result="not_checked",
            binding=True,
            detail=f"no record of {level.code}'s law on {on}; compliance cannot be established",
            jurisdiction=level.code,
        )
    covered = sorted(set(period.scope) & set(classes))
    law = f" ({period.law})" if period.law else ""
    if period.status in ("banned", "restricted") and covered:
        detail = (
            f"{period.status} in {level.code} since {period.valid_from}{law} for "
            f"{', '.join(c.replace('_', ' ') for c in covered)}; this product falls in that scope"
        )
        return Finding(
            f"kratom status in {level.code}",
            "status",
            "fail",
            True,
            detail,
            level.code,
            period.source,
            period.locator,
        )
    what = f"{period.status} since {period.valid_from}{law}"
    if period.status in ("banned", "restricted"):
        what += f" for {', '.join(s.replace('_', ' ') for s in period.scope)} only, which this product is not"
    return Finding(
        f"kratom status in {level.code}",
        "status",
        "pass",
        True,
        what,
        level.code,
        period.source,
        period.locator,
    )


def comply(
    kb: KnowledgeBase,
    product: ProductFile,
    where: str,
    on: dt.date | None = None,
    *,
    tolerance: float = 0.2,
) -> Compliance:
    """Check ``product`` against the kratom law of ``where`` on ``on`` (default today).

    Parameters
    ----------
    kb
        The knowledge base.
    product
        A product file read with :func:`read_product`.
    where
        Jurisdiction code (``US-TX``, ``TH``, ``US-CA:san-diego``).
    on
        The date; default today.
    tolerance
        Accepted relative difference between the amount stated on the label and the amount the
        certificate implies (0.2 = ±20 %). An assumption, not a legal limit: no sourced
        label-claim tolerance for kratom was found (see ``gaps.yaml``).

    Examples
    --------
    >>> import datetime as dt
    >>> from speciosa.knowledge import load_knowledge_base
    >>> from speciosa.legal import read_product
    >>> kb = load_knowledge_base()
    >>> text = '''{"name": "x", "form": "powder", "synthetic_or_added_alkaloids": false,
    ...   "alkaloids_mg_per_g": {"mitragynine": 14.55, "7-OH": 0.45},
    ...   "label": {"serving_size_g": 2}}'''
    >>> product = read_product(kb, "x.json", text=text)
    >>> comply(kb, product, "US-TX", dt.date(2024, 1, 1)).compliant
    False
    """
    status = legal_status(kb, where, on)
    classes = product_classes(kb, product)
    findings: list[Finding] = []
    obligations: list[tuple[str, LegalRule]] = []
    for level in status.levels:
        if level.period is None and level.code != status.place.code and status.own.period is not None:
            continue  # a parent without a record on the date adds nothing
        findings.append(_status_finding(level, classes, status.on))
        for rule in level.rules:
            if not _applies(rule, classes):
                continue
            checker = CHECKERS.get(rule.kind)
            if checker is not None:
                cite = Cite(jurisdiction=level.code, source=rule.source, locator=rule.locator)
                findings.append(checker(kb, product, rule, cite, tolerance))
            if rule.kind in OBLIGATIONS:
                obligations.append((level.code, rule))
    findings += adulteration_findings(kb, product)
    findings += potency_findings(product, tolerance)
    findings += metal_findings(kb, product)
    findings += microbe_findings(kb, product)
    assumptions = (
        "7-OH share is computed over the alkaloids listed on the certificate of analysis",
        f"label-claim tolerance ±{100 * tolerance:g} % is an assumption (no sourced tolerance was found)",
        "metal intake uses the label's serving size times its maximum servings per day",
    )
    return Compliance(product, status, classes, tuple(findings), tuple(obligations), assumptions)
