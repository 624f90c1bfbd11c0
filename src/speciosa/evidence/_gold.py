"""Scoring the auditor against a sentence-by-sentence gold standard (docs/audit.md, guideline).

A gold file lists every sentence of an article, as :func:`split_sentences` returns it, with the
claims a human annotator found in it: ``[]`` (none), library ids, or ``[not_in_library]``.

- *spotting* precision and recall: check-worthy sentences found by the auditor against those
  in the gold standard;
- *matching* accuracy: among sentences both call check-worthy, the share whose predicted claim is
  one of the gold claims (``not_in_library`` must be predicted as ``not_in_library``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from speciosa.errors import InputError
from speciosa.evidence._audit import NOT_IN_LIBRARY, Auditor
from speciosa.evidence._document import read_document
from speciosa.evidence._sentences import split_sentences

__all__ = ["GoldArticle", "GoldScore", "load_gold", "score_gold"]


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """An annotated article: its file and, per sentence, the gold claims."""

    article: Path
    sentences: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass
class GoldScore:
    """Counts behind the spotting and matching figures, with the disagreements listed."""

    gold_checkworthy: int = 0
    predicted_checkworthy: int = 0
    both: int = 0
    matched_right: int = 0
    errors: list[dict[str, object]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Share of sentences the auditor calls check-worthy that the gold standard does too."""
        return self.both / self.predicted_checkworthy if self.predicted_checkworthy else 1.0

    @property
    def recall(self) -> float:
        """Share of gold check-worthy sentences the auditor finds."""
        return self.both / self.gold_checkworthy if self.gold_checkworthy else 1.0

    @property
    def accuracy(self) -> float:
        """Share of sentences found by both whose matched claim agrees with the gold standard."""
        return self.matched_right / self.both if self.both else 1.0

    def add(self, other: GoldScore) -> None:
        """Pool another article's counts into this one."""
        self.gold_checkworthy += other.gold_checkworthy
        self.predicted_checkworthy += other.predicted_checkworthy
        self.both += other.both
        self.matched_right += other.matched_right
        self.errors += other.errors


def load_gold(path: Path, articles: Path) -> GoldArticle:
    """Read a gold file; ``articles`` is the folder holding the article it names."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        rows = tuple((str(s["text"]), tuple(str(c) for c in s["claims"])) for s in data["sentences"])
    except (KeyError, TypeError) as exc:
        raise InputError(str(path), f"is not a gold file (sentences with text and claims): {exc}") from None
    return GoldArticle(articles / str(data["article"]), rows)


def score_gold(auditor: Auditor, gold: GoldArticle) -> GoldScore:
    """Audit ``gold.article`` and compare with the annotations, sentence by sentence.

    Raises
    ------
    ValueError
        If the splitter no longer produces the annotated sentences (re-annotate the article).
    """
    document = read_document(gold.article)
    sentences = split_sentences(document.text)
    texts: Sequence[str] = [s.text for s in sentences]
    if list(texts) != [t for t, _ in gold.sentences]:
        raise ValueError(f"{gold.article.name}: the sentence splitter no longer matches the gold sentences")
    predicted = {(c.start, c.end): c for c in auditor.audit(document).claims}
    score = GoldScore()
    for sentence, (_, claims) in zip(sentences, gold.sentences, strict=True):
        hit = predicted.get((sentence.start, sentence.end))
        score.gold_checkworthy += bool(claims)
        score.predicted_checkworthy += hit is not None
        if claims and hit is not None:
            score.both += 1
            got = hit.claim_id or NOT_IN_LIBRARY
            if got in claims:
                score.matched_right += 1
                continue
        if bool(claims) != (hit is not None) or claims:
            score.errors.append(
                {
                    "article": gold.article.name,
                    "sentence": sentence.text,
                    "gold": list(claims),
                    "predicted": (hit.claim_id or NOT_IN_LIBRARY) if hit else None,
                    "score": round(hit.score, 3) if hit else None,
                }
            )
    return score
