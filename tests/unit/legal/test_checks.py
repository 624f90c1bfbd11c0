"""The dispatch table of rule checkers covers every rule kind exactly once."""

from speciosa.knowledge import RULE_KINDS
from speciosa.legal._checks import CHECKERS, OBLIGATIONS


def test_every_rule_kind_is_checked_or_an_obligation() -> None:
    assert set(CHECKERS) | OBLIGATIONS == set(RULE_KINDS)


def test_only_min_age_is_both_checked_and_an_obligation() -> None:
    # the sale age binds sellers; the label's age statement is checked as advice
    assert set(CHECKERS) & OBLIGATIONS == {"min_age"}
