"""Product compliance on the example products (examples/products/), against sourced rules.

- A product whose 7-OH is 3 % of its alkaloids breaks the Texas cap (Tex. Health & Safety Code
  §444.003(3): "greater than two percent of the overall alkaloid composition") and is compliant
  where no cap applies (Wyoming before its 2026 act; Thailand's Kratom Plant Act has no 7-OH rule).
- A natural-leaf product passes in Texas and everywhere kratom is not banned.
- A mislabelled product (synthetic alkaloids declared, label amounts far from the certificate,
  Salmonella detected) fails Texas, Oklahoma and Utah rules.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from speciosa.knowledge import KnowledgeBase, load_knowledge_base
from speciosa.legal import Compliance, ProductFile, comply, product_classes, read_product, seven_oh_share

EXAMPLES = Path(__file__).parents[3] / "examples" / "products"
D = dt.date


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


def product(kb: KnowledgeBase, name: str) -> ProductFile:
    return read_product(kb, EXAMPLES / f"{name}.json")


def failed(result: Compliance) -> list[str]:
    return [f.kind for f in result.findings if f.binding and f.result == "fail"]


def test_three_percent_7oh_fails_a_two_percent_cap_with_the_rule_cited(kb: KnowledgeBase) -> None:
    enhanced = product(kb, "enhanced-7oh")
    assert seven_oh_share(enhanced) == pytest.approx(0.03)
    texas = comply(kb, enhanced, "US-TX", D(2025, 1, 1))
    assert texas.compliant is False
    cap = next(f for f in texas.findings if f.kind == "seven_oh_share_max")
    assert cap.result == "fail" and cap.binding and cap.limit == 0.02 and cap.measured == pytest.approx(0.03)
    assert cap.jurisdiction == "US-TX" and cap.source is not None and "444.003" in (cap.locator or "")
    assert failed(texas) == ["seven_oh_share_max"]


@pytest.mark.parametrize(
    ("where", "on"), [("US-WY", D(2025, 1, 1)), ("TH", D(2025, 1, 1)), ("NL", D(2025, 1, 1))]
)
def test_three_percent_7oh_complies_where_no_cap_applies(kb: KnowledgeBase, where: str, on: dt.date) -> None:
    result = comply(kb, product(kb, "enhanced-7oh"), where, on)
    assert result.compliant is True
    assert not any(f.kind.startswith("seven_oh") for f in result.findings)
    # the advisory still says 7-OH is above natural leaf
    share = next(f for f in result.findings if f.kind == "adulteration" and "share" in f.rule)
    assert share.result == "fail" and not share.binding


def test_same_product_before_and_after_a_cap_takes_effect(kb: KnowledgeBase) -> None:
    enhanced = product(kb, "enhanced-7oh")
    assert comply(kb, enhanced, "US-TX", D(2023, 8, 31)).compliant is True
    assert comply(kb, enhanced, "US-TX", D(2023, 9, 1)).compliant is False


def test_natural_leaf_complies_where_regulated_and_fails_where_banned(kb: KnowledgeBase) -> None:
    leaf = product(kb, "natural-leaf")
    assert product_classes(kb, leaf) == ("leaf",)
    assert comply(kb, leaf, "US-TX", D(2025, 1, 1)).compliant is True
    assert comply(kb, leaf, "TH", D(2025, 1, 1)).compliant is True
    banned = comply(kb, leaf, "US-LA", D(2025, 9, 1))
    assert banned.compliant is False and failed(banned) == ["status"]
    texas = comply(kb, leaf, "US-TX", D(2025, 1, 1)).findings
    assert all(f.result == "pass" for f in texas if f.kind == "adulteration")


def test_natural_leaf_metals_judged_against_usp_2232(kb: KnowledgeBase) -> None:
    leaf = product(kb, "natural-leaf")
    lead = next(f for f in comply(kb, leaf, "US-TX", D(2025, 1, 1)).findings if f.rule.startswith("lead"))
    # 0.3 µg/g x (2 g x 3 servings) = 1.8 µg/day against 10 µg/day
    assert lead.measured == pytest.approx(1.8) and lead.limit == 10 and lead.result == "pass"


def test_mislabelled_product_fails_label_synthetic_and_contamination_rules(kb: KnowledgeBase) -> None:
    bad = product(kb, "mislabelled")
    texas = comply(kb, bad, "US-TX", D(2025, 1, 1))
    assert set(failed(texas)) == {"seven_oh_share_max", "synthetic_ban", "contaminant_limit"}
    potency = {f.rule: f for f in texas.findings if f.kind == "potency"}
    mg = potency["stated vs measured mitragynine"]
    assert mg.measured == pytest.approx(18.0) and mg.limit == 50 and mg.result == "fail"
    seven = potency["stated vs measured 7-hydroxymitragynine"]
    assert seven.measured == pytest.approx(8.0) and seven.result == "fail"
    # Oklahoma requires the MG and 7-OH amounts on the label; stating wrong ones fails the rule
    oklahoma = comply(kb, bad, "US-OK", D(2022, 1, 1))  # the 2021 text, whose label list was read
    assert "label_alkaloid_amounts" in failed(oklahoma)
    assert "synthetic_ban" in failed(oklahoma)


def test_utah_pure_leaf_rule_bans_other_forms(kb: KnowledgeBase) -> None:
    utah = comply(kb, product(kb, "mislabelled"), "US-UT", D(2026, 6, 1))
    assert "form_ban" in failed(utah)
    assert "form_ban" not in failed(comply(kb, product(kb, "natural-leaf"), "US-UT", D(2026, 6, 1)))


def test_tolerance_is_a_setting(kb: KnowledgeBase) -> None:
    leaf = product(kb, "natural-leaf")
    changed = leaf.model_copy(
        update={"label": leaf.label.model_copy(update={"mitragynine_mg_per_serving": 33.0})}
    )
    # 30 mg measured vs 33 mg stated: 0.91x, inside ±20 %, outside ±5 %
    loose = comply(kb, changed, "US-TX", D(2025, 1, 1))
    strict = comply(kb, changed, "US-TX", D(2025, 1, 1), tolerance=0.05)
    assert all(f.result == "pass" for f in loose.findings if f.kind == "potency")
    assert any(f.result == "fail" for f in strict.findings if f.kind == "potency")
    assert any("assumption" in a for a in strict.assumptions)


def test_unknown_status_cannot_be_shown_compliant(kb: KnowledgeBase) -> None:
    result = comply(kb, product(kb, "natural-leaf"), "US-TX", D(2012, 1, 1))
    assert result.compliant is None  # undetermined: not compliant, not shown to break a rule
    # neither Texas (2023 act) nor the US (2014 import alert) has a record on that date
    assert [f.jurisdiction for f in result.not_checked] == ["US-TX", "US"]
    assert all(f.kind == "status" for f in result.not_checked)
    assert "cannot be established" in result.findings[0].detail


def _zero_7oh(kb: KnowledgeBase, alkaloids: dict[str, float]) -> ProductFile:
    leaf = product(kb, "natural-leaf")
    label = leaf.label.model_copy(update={"seven_oh_mg_per_serving": 0.0})
    return leaf.model_copy(update={"alkaloids_mg_per_g": alkaloids, "label": label})


@pytest.mark.parametrize(
    "alkaloids",
    [
        {"mitragynine": 15.0, "7-hydroxymitragynine": 0.0},
        # no mitragynine listed: 7-OH/MG was taken as infinite, "above natural leaf"
        {"speciogynine": 3.0, "7-hydroxymitragynine": 0.0},
        # every listed alkaloid at 0: the share was "not on the certificate"
        {"mitragynine": 0.0, "7-hydroxymitragynine": 0.0},
    ],
)
def test_7oh_listed_at_zero_is_a_measured_zero_not_a_missing_value(
    kb: KnowledgeBase, alkaloids: dict[str, float]
) -> None:
    """Issue 17: a certificate that lists 7-OH at 0 (not detected, below the LOQ) has measured it."""
    zero = _zero_7oh(kb, alkaloids)
    assert seven_oh_share(zero) == 0.0
    assert "7oh_above_threshold" not in product_classes(kb, zero)
    for where, kind in (("US-TX", "seven_oh_share_max"), ("US-FL", "seven_oh_dry_weight_max")):
        result = comply(kb, zero, where, D(2026, 1, 1))
        cap = next(f for f in result.findings if f.kind == kind)
        assert cap.result == "pass" and cap.measured == 0.0, cap.detail
        assert "not detected or below the limit of quantification" in cap.detail
        assert "not on the certificate" not in cap.detail
        assert all(f.result == "pass" for f in result.findings if f.kind == "adulteration")


def test_not_checked_is_neither_pass_nor_fail(kb: KnowledgeBase) -> None:
    """Issue 17: items that were not checked were printed as FAIL. Texas makes "not contaminated"
    binding (§444.003); without contaminant results it is not checked, and the product is
    neither compliant nor non-compliant: undetermined, with the item named."""
    leaf = product(kb, "natural-leaf")
    untested = leaf.model_copy(update={"contaminants": None})
    result = comply(kb, untested, "US-TX", D(2025, 1, 1))
    (open_item,) = result.not_checked
    assert open_item.kind == "contaminant_limit" and open_item.binding
    assert failed(result) == [] and result.compliant is None
    # a failure decides, whatever was not checked
    enhanced = product(kb, "enhanced-7oh")
    assert enhanced.contaminants is None
    texas = comply(kb, enhanced, "US-TX", D(2025, 1, 1))
    assert texas.not_checked and texas.compliant is False
    # a metal with no sourced daily limit is not checked, not failed
    odd = leaf.model_copy(
        update={
            "contaminants": leaf.contaminants.model_copy(update={"heavy_metals_ug_per_g": {"thallium": 1.0}})
        }  # type: ignore[union-attr]
    )
    thallium = next(
        f for f in comply(kb, odd, "US-TX", D(2025, 1, 1)).findings if f.rule.startswith("thallium")
    )
    assert thallium.result == "not_checked" and "not checked" in thallium.detail
