"""Lexical cues: tokens, light stemming, negation, and the vocabulary of kratom claims.

Embeddings of averaged word vectors miss two things a fact-checker needs: which content words a
sentence shares with a claim (``Thailand`` vs ``Malaysia`` embed alike), and negation (``is
addictive`` vs ``is not addictive``). These helpers supply both, in plain rules that tests pin down.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["DOMAIN_TERMS", "NEGATIONS", "STOPWORDS", "has_negation", "mentions_domain", "stem", "tokens"]

STOPWORDS: Final = frozenset(
    """a about above after again against all also am an and any are aren't as at be because been before
    being below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it it's its itself just
    me more most my myself nor of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves may might must shall often many much well even still yet
    however although though thus therefore furthermore additionally moreover""".split()
)

NEGATIONS: Final = frozenset(
    "not no never none nothing neither nor cannot can't don't doesn't isn't aren't won't wasn't weren't "
    "without lack lacks lacking".split()
)

DOMAIN_TERMS: Final = (
    "kratom",
    "ketum",
    "kratum",
    "kratpartum",
    "mitragyn",
    "speciosa",
    "7-oh",
    "7oh",
    "hydroxymitragynine",
    "alkaloid",
    "maeng da",
    "vein",
    "strain",
    "mitragyna",
    "corynanth",
    "paynanth",
    "speciogynine",
)
"""Stems that mark a sentence as being about kratom (lower case, matched as substrings)."""

_TOKEN = re.compile(r"[a-z0-9]+(?:[-'’][a-z0-9]+)*")
_SUFFIXES: Final = (
    "ingly",
    "edly",
    "ation",
    "ations",
    "ness",
    "ings",
    "ing",
    "ies",
    "ied",
    "ers",
    "es",
    "ed",
    "ly",
    "s",
)


def stem(word: str) -> str:
    """A light suffix-stripping stem (``increases`` and ``increased`` give ``increas``).

    Examples
    --------
    >>> [stem(w) for w in ("increases", "increased", "serotonin", "legal", "bans")]
    ['increas', 'increas', 'serotonin', 'legal', 'ban']
    """
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def tokens(text: str) -> list[str]:
    """Stemmed content tokens of ``text`` (lower case, stop words dropped)."""
    words = _TOKEN.findall(text.lower().replace("’", "'"))
    return [stem(w) for w in words if w not in STOPWORDS and len(w) > 1]


def has_negation(text: str) -> bool:
    """True when ``text`` contains a negation word (``not``, ``no``, ``never``, ``n't`` ...).

    >>> has_negation("Kratom is not addictive"), has_negation("Kratom is addictive")
    (True, False)
    """
    words = set(_TOKEN.findall(text.lower().replace("’", "'")))
    return bool(words & NEGATIONS) or "n't" in text.lower()


def mentions_domain(text: str) -> bool:
    """True when ``text`` names kratom, its alkaloids, strains or products."""
    lower = text.lower()
    return any(term in lower for term in DOMAIN_TERMS)
