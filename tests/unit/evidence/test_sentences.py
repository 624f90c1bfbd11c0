"""Sentence splitting: offsets are exact, and the hard cases of web articles are split right."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from speciosa.evidence import split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@given(st.text(alphabet=st.sampled_from(list("ab. \n-!?K1gU.S'\"()")), max_size=200))
def test_offsets_give_back_the_sentence(text: str) -> None:
    """Property: ``text[start:end] == sentence`` and sentences do not overlap, for any input."""
    end = 0
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
        assert s.text.strip() == s.text and s.text
        assert s.start >= end
        end = s.end


def test_abbreviations_initials_and_decimals_do_not_end_a_sentence() -> None:
    first = "Doses of approx. 2.5 g were common in the U.S., e.g. by Garcia-Romeu A. et al. in Baltimore."
    assert texts(first + " A second sentence.") == [first, "A second sentence."]


def test_headings_and_list_items_are_their_own_units() -> None:
    text = (
        "Kratom and Mood\n- Red vein relaxes\n* White vein energises.\n1. Start low.\nIt is legal. Or is it?"
    )
    units = split_sentences(text)
    assert [(u.block, u.text) for u in units] == [
        ("heading", "Kratom and Mood"),
        ("item", "Red vein relaxes"),
        ("item", "White vein energises."),
        ("item", "Start low."),
        ("text", "It is legal."),
        ("text", "Or is it?"),
    ]


def test_missing_space_after_full_stop_still_splits() -> None:
    assert texts("Kratom was banned in Thailand until 2021.The law changed in August.") == [
        "Kratom was banned in Thailand until 2021.",
        "The law changed in August.",
    ]
    assert texts("It lifts your mood.Many users agree.") == ["It lifts your mood.", "Many users agree."]


def test_hard_wrapped_paragraph_is_joined_but_titles_are_not() -> None:
    text = (
        "Kratom is a tropical tree whose leaves contain mitragynine and\n"
        "other alkaloids that act on opioid receptors.\n"
        "Weighing the Risks and Benefits of Kratom Use\n"
        "mitigating symptoms, people are exploring kratom."
    )
    got = texts(text)
    assert got[0] == (
        "Kratom is a tropical tree whose leaves contain mitragynine and\n"
        "other alkaloids that act on opioid receptors."
    )
    assert got[1] == "Weighing the Risks and Benefits of Kratom Use"
    assert got[2] == "mitigating symptoms, people are exploring kratom."


def test_quotes_brackets_and_ellipses() -> None:
    assert texts('He said "it works." Then he stopped… Later (in 2020) he relapsed!') == [
        'He said "it works."',
        "Then he stopped…",
        "Later (in 2020) he relapsed!",
    ]
