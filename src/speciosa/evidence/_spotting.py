"""Claim spotting: which sentences of an article make a check-worthy claim.

A sentence is check-worthy when it asserts something about kratom (the plant, its alkaloids,
products, use, effects, risks, law or the evidence about them) that a reader could act on or that
the evidence can confirm or refute. Not check-worthy (see docs/audit.md, the annotation guideline):

- headings and titles (they repeat what the body claims), questions, dates, bylines;
- text about the article itself ("In this post we'll explore...");
- statements not about kratom ("Serotonin is a neurotransmitter that regulates mood");
- sentences too short to assert anything.

Spotting combines two signals. The *form* of the sentence: it names kratom (or continues a
paragraph about it with ``it``, ``its``, ``these compounds``...), has a predicate and talks about
a topic claims are made on (mood, receptors, doses, risks, law...). And its *match* to the claim
library: a sentence that matches a library claim well is check-worthy whatever its form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from speciosa.evidence._lexical import mentions_domain
from speciosa.evidence._sentences import Sentence

__all__ = ["Spot", "spot"]

_META = re.compile(
    r"^(in this (post|article|guide|blog|section)|this (post|article|guide|blog)|join us"
    r"|we('ll| will| are going to)"
    r"|read on|click|shop|buy now|subscribe|disclaimer|here'?s (how|a|what)|here are|let'?s|table of contents"
    r"|share this|related posts?|posted (on|by)|written by|last updated|\d+ min read|keep reading)",
    re.IGNORECASE,
)
_REFERRING = re.compile(
    r"^(it|its|it's|they|their|(these|those|the|this|such) "
    r"(plant|leaf|leaves|herb|substance|compounds?|alkaloids?|extracts?|tree|products?|powder|drug|action|interactions?|effects?|strains?|doses?|botanical))\b",
    re.IGNORECASE,
)
_GENERAL = re.compile(
    r"^(\w+ \w+: )?(serotonin|dopamine|norepinephrine|noradrenaline|neurotransmitters?|neurochemicals?|"
    r"(these|those|the|such) (neurotransmitters|receptors|neurochemicals|systems?|hormones?|chemicals)|"
    r"(the )?hpa axis|dysregulation|depression|anxiety|mental health|inflammation|opioid receptors|receptors|"
    r"serotonin receptors|(many |most )?(traditional|conventional|pharmaceutical|prescription)|"
    r"(one of )?the hallmark|there are (several|many)|when serotonin|it is a serious|in today'?s|"
    r"(major )?depressive|people with|individuals with|stress|sleep|chronic pain)\b",
    re.IGNORECASE,
)
_PREDICATE = re.compile(
    r"\b(is|are|was|were|be|been|has|have|had|can|could|may|might|will|would|should|must|does|do|did|"
    r"\w+(s|es|ed))\b",
    re.IGNORECASE,
)
_TOPICAL: Final = (
    "depress",
    "anxi",
    "mood",
    "serotonin",
    "dopamin",
    "norepinephrin",
    "noradrenal",
    "adrenal",
    "adrenergic",
    "opioid",
    "receptor",
    "agonist",
    "antagonist",
    "euphori",
    "relax",
    "sedat",
    "calm",
    "energ",
    "stimul",
    "focus",
    "pain",
    "analges",
    "withdraw",
    "addict",
    "depend",
    "toleran",
    "habit",
    "liver",
    "hepat",
    "heart",
    "cardi",
    "blood pressure",
    "seizure",
    "nausea",
    "vomit",
    "constipat",
    "dizz",
    "itch",
    "side effect",
    "interact",
    "medication",
    "antidepressant",
    "ssri",
    "maoi",
    "legal",
    "ban",
    "illegal",
    "fda",
    "dea",
    "regulat",
    "schedul",
    "dose",
    "dosage",
    "gram",
    " g ",
    "mg",
    "strain",
    "vein",
    "extract",
    "potent",
    "alkaloid",
    "stud",
    "research",
    "evidence",
    "trial",
    "centur",
    "tradition",
    "safe",
    "overdose",
    "death",
    "inflamm",
    "hpa",
    "cortisol",
    "hormon",
    "neurotransmit",
    "endorphin",
    "brain",
    "well-being",
    "wellbeing",
    "symptom",
    "treat",
    "therap",
    "remed",
    "relief",
    "benefit",
    "risk",
    "toxic",
    "effect",
    "sleep",
    "insomnia",
    "fatigue",
    "motivation",
    "pleasure",
    "reward",
    "anhedonia",
    "lab",
    "test",
    "contamin",
    "pure",
    "quality",
    "country",
    "countries",
    "state",
    "thailand",
    "malaysia",
    "indonesia",
    "australia",
    "europe",
    "canada",
)
_MIN_WORDS: Final = 5


@dataclass(frozen=True, slots=True)
class Spot:
    """The spotting decision for one sentence, with its reason (shown in ``--format json``)."""

    checkworthy: bool
    reason: str


def spot(sentence: Sentence, *, in_context: bool, match_score: float, match_threshold: float) -> Spot:
    """Decide whether ``sentence`` is check-worthy.

    Parameters
    ----------
    sentence
        The sentence, with its block kind.
    in_context
        True when the paragraph so far is about kratom (a referring pronoun then refers to it).
    match_score, match_threshold
        The best claim-library score of the sentence and the threshold for a match.
    """
    text = sentence.text.strip()
    words = text.split()
    if sentence.block == "heading":
        return Spot(False, "heading")
    if text.endswith("?"):
        return Spot(False, "question")
    if len(words) < _MIN_WORDS:
        return Spot(False, "too short to assert anything")
    if _META.match(text):
        return Spot(False, "about the article itself")
    named = mentions_domain(text)
    if not named and (_GENERAL.match(text) or not in_context):
        return Spot(False, "not about kratom")
    if match_score >= match_threshold:
        return Spot(True, "matches a library claim")
    if not (named or _REFERRING.match(text)):
        return Spot(False, "no claim about kratom recognised")
    lower = f" {text.lower()} "
    if _PREDICATE.search(text) is None:
        return Spot(False, "no predicate")
    if not any(t in lower for t in _TOPICAL):
        return Spot(False, "no claim topic")
    return Spot(True, "asserts something about kratom")
