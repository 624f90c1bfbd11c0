"""One checker per legal rule kind, and the dispatch table that maps a kind to its checker.

Adding a checkable rule kind means adding the kind to ``RuleKind`` (``knowledge/_legal.py``) and
one function here with the :data:`Checker` signature, registered in :data:`CHECKERS`. Kinds that
bind sellers or makers rather than the product are :data:`OBLIGATIONS`; ``min_age`` is both (its
label statement is checked as advice).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Final

from speciosa.knowledge import KnowledgeBase, LegalRule
from speciosa.legal._adulteration import MG, SEVEN_OH, above_natural, seven_oh_share, zero_words
from speciosa.legal._advisory import metal_findings, microbe_findings, potency_findings
from speciosa.legal._finding import Cite, Finding, passes, pct
from speciosa.legal._product import ProductFile

__all__ = ["CHECKERS", "OBLIGATIONS", "Checker"]

#: A rule checker: knowledge base, product, the rule, where it comes from, label tolerance.
Checker = Callable[[KnowledgeBase, ProductFile, LegalRule, Cite, float], Finding]

#: Rules that bind sellers or makers and cannot be checked from a product file.
OBLIGATIONS: Final = frozenset(
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
_AGE: Final = re.compile(r"\b(1[6-9]|2[0-5])\b")


def _cap(rule: LegalRule, name: str, measured: float, detail: str, cite: Cite, unit: str) -> Finding:
    assert rule.value is not None
    return Finding(
        name,
        rule.kind,
        passes(measured <= rule.value),
        True,
        detail,
        **cite,
        measured=measured,
        limit=rule.value,
        unit=unit,
    )


def _seven_oh_share_max(
    kb: KnowledgeBase, product: ProductFile, rule: LegalRule, cite: Cite, tolerance: float
) -> Finding:
    assert rule.value is not None
    share = seven_oh_share(product)
    name = f"7-OH at most {pct(rule.value)} of the alkaloid fraction"
    if share is None:
        detail = "not checked: 7-OH is not on the certificate of analysis"
        return Finding(name, rule.kind, "not_checked", True, detail, **cite)
    listed = len(product.alkaloids_mg_per_g)
    detail = (
        f"7-OH is {pct(share)} of the {listed} alkaloid(s) on the certificate{zero_words(product)} "
        f"(limit {pct(rule.value)}; {rule.detail}). Unlisted alkaloids would lower the share."
    )
    return _cap(rule, name, share, detail, cite, "fraction")


def _seven_oh_dry_weight_max(
    kb: KnowledgeBase, product: ProductFile, rule: LegalRule, cite: Cite, tolerance: float
) -> Finding:
    assert rule.value is not None
    seven = product.mg_per_g(SEVEN_OH)
    name = f"7-OH at most {pct(rule.value)} of dry weight"
    if seven is None:
        detail = "not checked: 7-OH is not on the certificate of analysis"
        return Finding(name, rule.kind, "not_checked", True, detail, **cite)
    share = seven / 1000.0
    detail = (
        f"7-OH is {pct(share)} of product weight{zero_words(product)} "
        f"(limit {pct(rule.value)}; {rule.detail})"
    )
    return _cap(rule, name, share, detail, cite, "fraction")


def _seven_oh_mg_per_unit_max(
    kb: KnowledgeBase, product: ProductFile, rule: LegalRule, cite: Cite, tolerance: float
) -> Finding:
    assert rule.value is not None
    seven = product.mg_per_g(SEVEN_OH)
    serving = product.label.serving_size_g
    name = f"7-OH at most {rule.value:g} mg per unit"
    if seven is None or serving is None:
        lacking = "7-OH on the certificate" if seven is None else "the serving size on the label"
        detail = f"not checked: needs {lacking}"
        return Finding(name, rule.kind, "not_checked", True, detail, **cite)
    amount = seven * serving
    detail = f"{amount:.3g} mg 7-OH per {serving:g} g serving (limit {rule.value:g} mg; {rule.detail})"
    return _cap(rule, name, amount, detail, cite, "mg")


def _synthetic_ban(
    kb: KnowledgeBase, product: ProductFile, rule: LegalRule, cite: Cite, tolerance: float
) -> Finding:
    ok = not product.synthetic_or_added_alkaloids
    detail = rule.detail + ("" if ok else "; the product file declares synthetic or added alkaloids")
    return Finding("no synthetic or added alkaloids", rule.kind, passes(ok), True, detail, **cite)


def _adulteration_ban(
    kb: KnowledgeBase, product: ProductFile, rule: LegalRule, cite: Cite, tolerance: float
) -> Finding:
    ok = not product.synthetic_or_added_alkaloids
    signs = above_natural(kb, product)
    detail = rule.detail + (
        "; the product file declares synthetic or added alkaloids"
        if not ok
        else "; its 7-OH is above the natural-leaf maximum, a sign of adulteration to confirm by analysis"
        if signs
        else ""
    )
    return Finding("not adulterated", rule.kind, passes(ok), True, detail, **cite)


def _form_ban(
    kb: KnowledgeBase, product: ProductFile, rule: LegalRule, cite: Cite, tolerance: float
) -> Finding:
    ok = product.form not in rule.forms
    detail = f"{rule.detail}; this product is a {product.form}"
    name = f"form not one of {', '.join(rule.forms)}"
    return Finding(name, rule.kind, passes(ok), True, detail, **cite)


def _label_alkaloid_amounts(
    kb: KnowledgeBase, product: ProductFile, rule: LegalRule, cite: Cite, tolerance: float
) -> Finding:
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
    wrong = [m for m in potency_findings(product, tolerance) if m.result == "fail"]
    if wrong:
        detail = f"{rule.detail}; the stated amounts do not match the certificate: " + "; ".join(
            m.detail for m in wrong
        )
        return Finding(name, rule.kind, "fail", True, detail, **cite)
    return Finding(name, rule.kind, "pass", True, rule.detail, **cite)


def _label_fields(*fields: str) -> Checker:
    """A checker that the label states each of ``fields`` (attributes of :class:`Label`)."""

    def check(
        kb: KnowledgeBase, product: ProductFile, rule: LegalRule, cite: Cite, tolerance: float
    ) -> Finding:
        missing = [f for f in fields if not getattr(product.label, f)]
        detail = rule.detail + (
            f"; missing on the label: {', '.join(_FIELD_WORDS.get(f, f) for f in missing)}" if missing else ""
        )
        words = " and ".join(_FIELD_WORDS.get(f, f) for f in fields)
        return Finding(f"label states {words}", rule.kind, passes(not missing), True, detail, **cite)

    return check


def _contaminant_limit(
    kb: KnowledgeBase, product: ProductFile, rule: LegalRule, cite: Cite, tolerance: float
) -> Finding:
    name = "not contaminated"
    if product.contaminants is None:
        detail = f"{rule.detail}; not checked: the product file has no contaminant results"
        return Finding(name, rule.kind, "not_checked", True, detail, **cite)
    checks = [*microbe_findings(kb, product), *metal_findings(kb, product)]
    found = [m for m in checks if m.result == "fail"]
    if not found and not any(m.result == "pass" for m in checks):
        detail = f"{rule.detail}; not checked: no contaminant result could be judged"
        return Finding(name, rule.kind, "not_checked", True, detail, **cite)
    detail = rule.detail + (
        "; " + "; ".join(f.detail for f in found)
        if found
        else "; no detected pathogen or metal above its daily limit"
    )
    return Finding(name, rule.kind, passes(not found), True, detail, **cite)


def _min_age(
    kb: KnowledgeBase, product: ProductFile, rule: LegalRule, cite: Cite, tolerance: float
) -> Finding:
    """The label's age statement against a sale age: advice (the rule binds sellers)."""
    assert rule.value is not None
    statement = product.label.age_statement
    ages = [int(a) for a in _AGE.findall(statement or "")]
    ok = bool(ages) and max(ages) >= rule.value
    detail = (
        f"sale limited to {rule.value:g}+ in {cite['jurisdiction']}; "
        + (f"label says {statement!r}" if statement else "the label has no age statement")
        + " (a rule for sellers; the label statement is advisory unless the place requires it)"
    )
    return Finding(f"age statement at least {rule.value:g}", "min_age", passes(ok), False, detail, **cite)


#: Rule kind -> checker. Kinds absent here are obligations (or, if ever added without a checker,
#: not checkable): :func:`comply` lists them and checks nothing.
CHECKERS: Final[Mapping[str, Checker]] = MappingProxyType(
    {
        "min_age": _min_age,
        "seven_oh_share_max": _seven_oh_share_max,
        "seven_oh_dry_weight_max": _seven_oh_dry_weight_max,
        "seven_oh_mg_per_unit_max": _seven_oh_mg_per_unit_max,
        "synthetic_ban": _synthetic_ban,
        "adulteration_ban": _adulteration_ban,
        "form_ban": _form_ban,
        "label_alkaloid_amounts": _label_alkaloid_amounts,
        "label_directions": _label_fields("directions"),
        "label_serving_size": _label_fields("serving_size_g"),
        "label_manufacturer": _label_fields("manufacturer", "address"),
        "label_ingredients": _label_fields("ingredients"),
        "label_warning": _label_fields("warnings"),
        "label_age_statement": _label_fields("age_statement"),
        "contaminant_limit": _contaminant_limit,
    }
)
