"""Does a product comply with the kratom law of a place on a date?

Every rule in force at every level (locality, state, country) is checked against the product
file; the strictest applies because all of them must hold. Checks that do not depend on the
place (adulteration signs, stated vs measured potency, contaminants) are added as advisory
findings: they inform but only decide compliance where a rule of the place makes them binding.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Final, Literal, TypedDict

from speciosa.knowledge import KnowledgeBase, LegalRule, ReferenceLimit
from speciosa.legal._product import ProductFile
from speciosa.legal._status import LegalStatus, LevelStatus, legal_status

__all__ = ["Compliance", "Finding", "Result", "comply", "product_classes", "seven_oh_share"]

#: What a check found: the product meets it, breaks it, or it could not be checked from the file.
Result = Literal["pass", "fail", "not_checked"]

MG: Final = "mitragynine"
SEVEN_OH: Final = "7-hydroxymitragynine"
_LEAF_FORMS: Final = frozenset({"powder", "capsules", "tea"})
_NATURAL_SHARE: Final = "natural-leaf-7oh-share-max"
_NATURAL_RATIO: Final = "natural-leaf-7oh-to-mg-ratio-max"
_METALS: Final = {
    "lead": "usp2232-pde-lead",
    "arsenic": "usp2232-pde-arsenic-inorganic",
    "cadmium": "usp2232-pde-cadmium",
    "mercury": "usp2232-pde-mercury",
}
_MICROBE_LIMIT: Final = "usp2023-botanical-salmonella-ecoli"
# rules that bind sellers or makers and cannot be checked from a product file
_OBLIGATIONS: Final = frozenset(
    {
        "min_age",
        "registration",
        "licensing",
        "tax",
        "penalty",
        "possession_ban",
        "sale_ban",
        "import_ban",
        "export_rule",
        "other",
    }
)
_FIELD_WORDS: Final = {
    "serving_size_g": "serving size",
    "age_statement": "age statement",
}
_LABEL_FIELDS: Final[dict[str, tuple[str, ...]]] = {
    "label_directions": ("directions",),
    "label_serving_size": ("serving_size_g",),
    "label_manufacturer": ("manufacturer", "address"),
    "label_ingredients": ("ingredients",),
    "label_warning": ("warnings",),
    "label_age_statement": ("age_statement",),
}


class _Cite(TypedDict):
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


def _limit(kb: KnowledgeBase, limit_id: str) -> ReferenceLimit | None:
    return next((r for r in kb.reference_limits if r.id == limit_id), None)


def _alkaloid_total(product: ProductFile) -> float:
    return sum(product.alkaloids_mg_per_g.values())


def seven_oh_share(product: ProductFile) -> float | None:
    """7-OH as a fraction of the alkaloids listed on the certificate; ``None`` if not listed.

    7-OH listed at 0 (not detected, below the limit of quantification) is a share of 0, not a
    missing value, whatever else is listed.
    """
    seven, total = product.mg_per_g(SEVEN_OH), _alkaloid_total(product)
    if seven is None:
        return None
    return 0.0 if seven == 0 else seven / total


def product_classes(kb: KnowledgeBase, product: ProductFile) -> tuple[str, ...]:
    """Product classes of the legal scopes that ``product`` falls in.

    ``leaf`` (powder, capsules, tea) or ``extracts`` (extract, shot, tablet, gummy); plus
    ``synthetic_alkaloids`` when declared, and ``7oh_above_threshold`` when its 7-OH share of
    alkaloids or 7-OH/MG ratio is above the natural-leaf maximum of the reference data.
    """
    classes = ["leaf" if product.form in _LEAF_FORMS else "extracts"]
    if _above_natural(kb, product):
        classes.append("7oh_above_threshold")
    if product.synthetic_or_added_alkaloids:
        classes.append("synthetic_alkaloids")
    return tuple(classes)


def _ratio(product: ProductFile) -> float | None:
    seven, mg = product.mg_per_g(SEVEN_OH), product.mg_per_g(MG)
    if seven is None:
        return None
    if seven == 0:
        return 0.0
    return float("inf") if not mg else seven / mg


def _zero(product: ProductFile) -> str:
    """Words for a 7-OH listed at 0: measured, and none found."""
    if product.mg_per_g(SEVEN_OH) == 0:
        return " (listed at 0: not detected or below the limit of quantification)"
    return ""


def _above_natural(kb: KnowledgeBase, product: ProductFile) -> bool:
    share, ratio = seven_oh_share(product), _ratio(product)
    share_max, ratio_max = _limit(kb, _NATURAL_SHARE), _limit(kb, _NATURAL_RATIO)
    return bool(
        (share is not None and share_max is not None and share > share_max.value.value)
        or (ratio is not None and ratio_max is not None and ratio > ratio_max.value.value)
    )


def _passes(ok: bool) -> Result:
    return "pass" if ok else "fail"


def _pct(x: float) -> str:
    return f"{100 * x:.3g} %"


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


def _cap(rule: LegalRule, name: str, measured: float, detail: str, cite: _Cite, unit: str) -> Finding:
    assert rule.value is not None
    return Finding(
        name,
        rule.kind,
        _passes(measured <= rule.value),
        True,
        detail,
        **cite,
        measured=measured,
        limit=rule.value,
        unit=unit,
    )


def _rule_finding(
    kb: KnowledgeBase, product: ProductFile, rule: LegalRule, code: str, tolerance: float
) -> Finding | None:
    label = product.label
    cite = _Cite(jurisdiction=code, source=rule.source, locator=rule.locator)
    if rule.kind == "seven_oh_share_max":
        assert rule.value is not None
        share = seven_oh_share(product)
        name = f"7-OH at most {_pct(rule.value)} of the alkaloid fraction"
        if share is None:
            detail = "not checked: 7-OH is not on the certificate of analysis"
            return Finding(name, rule.kind, "not_checked", True, detail, **cite)
        listed = len(product.alkaloids_mg_per_g)
        detail = (
            f"7-OH is {_pct(share)} of the {listed} alkaloid(s) on the certificate{_zero(product)} "
            f"(limit {_pct(rule.value)}; {rule.detail}). Unlisted alkaloids would lower the share."
        )
        return _cap(rule, name, share, detail, cite, "fraction")
    if rule.kind == "seven_oh_dry_weight_max":
        assert rule.value is not None
        seven = product.mg_per_g(SEVEN_OH)
        name = f"7-OH at most {_pct(rule.value)} of dry weight"
        if seven is None:
            detail = "not checked: 7-OH is not on the certificate of analysis"
            return Finding(name, rule.kind, "not_checked", True, detail, **cite)
        share = seven / 1000.0
        detail = (
            f"7-OH is {_pct(share)} of product weight{_zero(product)} "
            f"(limit {_pct(rule.value)}; {rule.detail})"
        )
        return _cap(rule, name, share, detail, cite, "fraction")
    if rule.kind == "seven_oh_mg_per_unit_max":
        assert rule.value is not None
        seven = product.mg_per_g(SEVEN_OH)
        name = f"7-OH at most {rule.value:g} mg per unit"
        if seven is None or label.serving_size_g is None:
            lacking = "7-OH on the certificate" if seven is None else "the serving size on the label"
            detail = f"not checked: needs {lacking}"
            return Finding(name, rule.kind, "not_checked", True, detail, **cite)
        amount = seven * label.serving_size_g
        detail = (
            f"{amount:.3g} mg 7-OH per {label.serving_size_g:g} g serving "
            f"(limit {rule.value:g} mg; {rule.detail})"
        )
        return _cap(rule, name, amount, detail, cite, "mg")
    if rule.kind == "synthetic_ban":
        ok = not product.synthetic_or_added_alkaloids
        detail = rule.detail + ("" if ok else "; the product file declares synthetic or added alkaloids")
        return Finding("no synthetic or added alkaloids", rule.kind, _passes(ok), True, detail, **cite)
    if rule.kind == "adulteration_ban":
        ok = not product.synthetic_or_added_alkaloids
        signs = _above_natural(kb, product)
        detail = rule.detail + (
            "; the product file declares synthetic or added alkaloids"
            if not ok
            else "; its 7-OH is above the natural-leaf maximum, a sign of adulteration to confirm by analysis"
            if signs
            else ""
        )
        return Finding("not adulterated", rule.kind, _passes(ok), True, detail, **cite)
    if rule.kind == "form_ban":
        ok = product.form not in rule.forms
        detail = f"{rule.detail}; this product is a {product.form}"
        name = f"form not one of {', '.join(rule.forms)}"
        return Finding(name, rule.kind, _passes(ok), True, detail, **cite)
    if rule.kind == "label_alkaloid_amounts":
        return _label_amounts(product, rule, cite, tolerance)
    if rule.kind in _LABEL_FIELDS:
        fields = _LABEL_FIELDS[rule.kind]
        missing = [f for f in fields if not getattr(label, f)]
        detail = rule.detail + (
            f"; missing on the label: {', '.join(_FIELD_WORDS.get(f, f) for f in missing)}" if missing else ""
        )
        words = " and ".join(_FIELD_WORDS.get(f, f) for f in fields)
        return Finding(f"label states {words}", rule.kind, _passes(not missing), True, detail, **cite)
    if rule.kind == "contaminant_limit":
        return _contaminant_rule(kb, product, rule, cite)
    return None


def _label_amounts(product: ProductFile, rule: LegalRule, cite: _Cite, tolerance: float) -> Finding:
    label = product.label
    stated = {MG: label.mitragynine_mg_per_serving, SEVEN_OH: label.seven_oh_mg_per_serving}
    missing = [
        c
        + (
            f" (the certificate lists {product.mg_per_g(c):g} mg/g)"
            if product.mg_per_g(c) is not None
            else ""
        )
        for c, v in stated.items()
        if v is None
    ]
    name = "label states mitragynine and 7-OH amounts"
    if missing:
        return Finding(
            name,
            rule.kind,
            "fail",
            True,
            f"{rule.detail}; missing on the label: {', '.join(missing)}",
            **cite,
        )
    wrong = [m for m in _potency(product, tolerance) if m.result == "fail"]
    if wrong:
        detail = f"{rule.detail}; the stated amounts do not match the certificate: " + "; ".join(
            m.detail for m in wrong
        )
        return Finding(name, rule.kind, "fail", True, detail, **cite)
    return Finding(name, rule.kind, "pass", True, rule.detail, **cite)


def _contaminant_rule(kb: KnowledgeBase, product: ProductFile, rule: LegalRule, cite: _Cite) -> Finding:
    name = "not contaminated"
    if product.contaminants is None:
        detail = f"{rule.detail}; not checked: the product file has no contaminant results"
        return Finding(name, rule.kind, "not_checked", True, detail, **cite)
    checks = [*_microbes(kb, product), *_metals(kb, product)]
    found = [m for m in checks if m.result == "fail"]
    if not found and not any(m.result == "pass" for m in checks):
        detail = f"{rule.detail}; not checked: no contaminant result could be judged"
        return Finding(name, rule.kind, "not_checked", True, detail, **cite)
    detail = rule.detail + (
        "; " + "; ".join(f.detail for f in found)
        if found
        else "; no detected pathogen or metal above its daily limit"
    )
    return Finding(name, rule.kind, _passes(not found), True, detail, **cite)


def _potency(product: ProductFile, tolerance: float) -> Iterator[Finding]:
    label = product.label
    if label.serving_size_g is None:
        return
    for compound, stated in (
        (MG, label.mitragynine_mg_per_serving),
        (SEVEN_OH, label.seven_oh_mg_per_serving),
    ):
        measured = product.mg_per_g(compound)
        if stated is None or measured is None:
            continue
        per_serving = measured * label.serving_size_g
        if stated == 0:
            ok = per_serving == 0
            ratio_text = "label states 0"
        else:
            ratio = per_serving / stated
            ok = abs(ratio - 1) <= tolerance
            ratio_text = f"{ratio:.2f}x the label"
        detail = (
            f"{compound}: label {stated:g} mg per {label.serving_size_g:g} g serving, certificate "
            f"{per_serving:.3g} mg ({ratio_text}; tolerance ±{100 * tolerance:g} %)"
        )
        yield Finding(
            f"stated vs measured {compound}",
            "potency",
            _passes(ok),
            False,
            detail,
            measured=per_serving,
            limit=stated,
            unit="mg",
        )


def _adulteration(kb: KnowledgeBase, product: ProductFile) -> Iterator[Finding]:
    share, ratio = seven_oh_share(product), _ratio(product)
    for value, limit_id, what in (
        (share, _NATURAL_SHARE, "share of alkaloids"),
        (ratio, _NATURAL_RATIO, "7-OH/MG"),
    ):
        ref = _limit(kb, limit_id)
        if value is None or ref is None:
            continue
        top = ref.value.value
        ok = value <= top
        shown = (
            "no mitragynine listed"
            if value == float("inf")
            else (_pct(value) if "share" in what else f"{value:.3g}")
        )
        detail = (
            f"7-OH {what} {shown}; natural leaf at most {_pct(top) if 'share' in what else f'{top:g}'} "
            f"({ref.name}). "
            + (
                ""
                if ok
                else "Above natural levels: likely enhanced with 7-OH or adulterated; confirm by analysis."
            )
        )
        yield Finding(
            f"7-OH {what} within natural leaf",
            "adulteration",
            _passes(ok),
            False,
            detail,
            source=ref.value.source,
            locator=ref.value.locator,
            measured=None if value == float("inf") else value,
            limit=top,
        )


def _daily_grams(product: ProductFile) -> float | None:
    label = product.label
    if label.serving_size_g is None or label.servings_per_day_max is None:
        return None
    return label.serving_size_g * label.servings_per_day_max


def _metals(kb: KnowledgeBase, product: ProductFile) -> Iterator[Finding]:
    results = product.contaminants
    grams = _daily_grams(product)
    if results is None:
        return
    for element, ug_per_g in results.heavy_metals_ug_per_g.items():
        ref = _limit(kb, _METALS[element]) if element in _METALS else None
        if ref is None or grams is None:
            why = (
                "no sourced daily limit in the data"
                if ref is None
                else "the label gives no serving size and maximum servings per day"
            )
            yield Finding(
                f"{element} within daily limit",
                "contaminant",
                "not_checked",
                False,
                f"{element} {ug_per_g:g} µg/g: not checked ({why})",
            )
            continue
        intake = ug_per_g * grams
        pde = ref.value.value
        detail = (
            f"{element}: {ug_per_g:g} µg/g x {grams:g} g/day (label maximum) = {intake:.3g} µg/day; "
            f"limit {pde:g} µg/day ({ref.name})"
        )
        yield Finding(
            f"{element} within daily limit",
            "contaminant",
            _passes(intake <= pde),
            False,
            detail,
            source=ref.value.source,
            locator=ref.value.locator,
            measured=intake,
            limit=pde,
            unit="µg/day",
        )


def _microbes(kb: KnowledgeBase, product: ProductFile) -> Iterator[Finding]:
    results = product.contaminants
    if results is None:
        return
    ref = _limit(kb, _MICROBE_LIMIT)
    for organism, result in results.microbes.items():
        ok = result == "absent"
        detail = f"{organism}: {result}" + (f" (limit: {ref.name})" if ref is not None else "")
        yield Finding(
            f"{organism} absent",
            "contaminant",
            _passes(ok),
            False,
            detail,
            source=ref.value.source if ref else None,
            locator=ref.value.locator if ref else None,
        )


_AGE: Final = re.compile(r"\b(1[6-9]|2[0-5])\b")


def _age_finding(product: ProductFile, rule: LegalRule, code: str) -> Finding:
    assert rule.value is not None
    statement = product.label.age_statement
    ages = [int(a) for a in _AGE.findall(statement or "")]
    ok = bool(ages) and max(ages) >= rule.value
    detail = (
        f"sale limited to {rule.value:g}+ in {code}; "
        + (f"label says {statement!r}" if statement else "the label has no age statement")
        + " (a rule for sellers; the label statement is advisory unless the place requires it)"
    )
    return Finding(
        f"age statement at least {rule.value:g}",
        "min_age",
        _passes(ok),
        False,
        detail,
        code,
        rule.source,
        rule.locator,
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
            if rule.kind == "min_age":
                findings.append(_age_finding(product, rule, level.code))
            if rule.kind in _OBLIGATIONS:
                obligations.append((level.code, rule))
                continue
            finding = _rule_finding(kb, product, rule, level.code, tolerance)
            if finding is not None:
                findings.append(finding)
    findings += _adulteration(kb, product)
    findings += _potency(product, tolerance)
    findings += _metals(kb, product)
    findings += _microbes(kb, product)
    assumptions = (
        "7-OH share is computed over the alkaloids listed on the certificate of analysis",
        f"label-claim tolerance ±{100 * tolerance:g} % is an assumption (no sourced tolerance was found)",
        "metal intake uses the label's serving size times its maximum servings per day",
    )
    return Compliance(product, status, classes, tuple(findings), tuple(obligations), assumptions)
