"""Matching sentences to the claim library: embeddings plus lexical cues.

For a sentence *s* and a library claim *c* (canonical wording plus paraphrases *v*):

.. math::

   \\text{score}(s, c) = \\max_v \\cos(e_s, e_v)
       + w_\\text{lex}\\,\\text{cov}(s, c)
       + w_\\text{cue}\\,(\\text{cue}(s, c) - \\tfrac12)
       - w_\\text{neg}\\,[\\text{neg}(s) \\ne \\text{neg}(c)]

- ``cos`` is the cosine similarity of WordLlama embeddings (:mod:`._embedding`);
- ``cov`` is the share of the sentence's content words (idf-weighted over the library) that
  occur in the claim's wording or paraphrases: it separates claims that embed alike but differ in
  the words that matter (``Thailand`` vs ``Malaysia``, ``red`` vs ``white`` vein);
- ``cue`` is 1 when the sentence contains one of the claim's cue stems, 0 when it contains none
  (claims without cues score ½, i.e. no effect);
- ``neg`` flags negation, so ``kratom is not addictive`` does not match ``kratom is habit-forming``.

The weights and the threshold are in :class:`MatchSettings`; docs/audit.md says how they were
chosen. A sentence whose best score is below the threshold matches no claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from speciosa.evidence._embedding import Embedder
from speciosa.evidence._lexical import has_negation, tokens
from speciosa.knowledge import Claim

__all__ = ["BATCH", "ClaimMatcher", "Match", "MatchSettings"]

_NO_CUES: Final = 0.5
BATCH: Final = 1024
"""Sentences scored together by :meth:`ClaimMatcher.match`."""


@dataclass(frozen=True, slots=True)
class MatchSettings:
    """Weights of the score terms and the threshold for a match."""

    lexical_weight: float = 0.35
    cue_weight: float = 0.16
    negation_weight: float = 0.08
    threshold: float = 0.62
    also_margin: float = 0.2
    """Other claims within this margin of the best (and above the threshold) are reported too."""


@dataclass(frozen=True, slots=True)
class Match:
    """Best library claim for one sentence.

    Attributes
    ----------
    claim
        The best claim, or None when its score is below the threshold.
    score
        Combined score of the best claim (see the module docstring).
    similarity
        Its embedding term (largest cosine over the claim's wordings).
    coverage
        Its lexical term.
    runner_up, runner_up_score
        The second-best claim and its score (how clear the decision was).
    also
        Further claims the sentence makes: above the threshold and within ``also_margin`` of the
        best (e.g. "Australia and Thailand have banned kratom" makes two legal claims).
    """

    claim: Claim | None
    score: float
    similarity: float
    coverage: float
    runner_up: Claim | None
    runner_up_score: float
    also: tuple[tuple[Claim, float], ...] = ()


class ClaimMatcher:
    """The claim library, embedded once, ready to score sentences.

    Parameters
    ----------
    claims
        The library (``kb.claims``).
    embedder
        The sentence-embedding model.
    settings
        Weights and threshold.
    """

    def __init__(
        self, claims: Sequence[Claim], embedder: Embedder, settings: MatchSettings | None = None
    ) -> None:
        self.claims: tuple[Claim, ...] = tuple(claims)
        self.settings = settings or MatchSettings()
        self.embedder = embedder
        texts: list[str] = []
        starts: list[int] = []
        for claim in self.claims:
            starts.append(len(texts))
            texts += [claim.claim, *claim.variants]
        self._starts = np.asarray(starts, dtype=np.intp)
        self._vectors = embedder.embed(texts)
        vocab: dict[str, int] = {}
        rows: list[set[int]] = []
        for claim in self.claims:
            words = {t for text in (claim.claim, *claim.variants) for t in tokens(text)}
            rows.append({vocab.setdefault(w, len(vocab)) for w in words})
        self._vocab = vocab
        member = np.zeros((len(self.claims), len(vocab)), dtype=np.float32)
        for i, row in enumerate(rows):
            member[i, list(row)] = 1.0
        self._member = member
        df = member.sum(axis=0)
        self._idf = np.log((1 + len(self.claims)) / (1 + df)).astype(np.float32) + 1.0
        self._unknown_idf = float(np.log(1 + len(self.claims))) + 1.0
        self._cues = [tuple(c.cues) for c in self.claims]
        self._negated = np.asarray([has_negation(c.claim) for c in self.claims], dtype=bool)

    def scores(
        self, sentences: Sequence[str]
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        """Combined score, similarity and coverage, each of shape ``(len(sentences), len(claims))``."""
        s = self.settings
        n = len(sentences)
        if n == 0 or not self.claims:
            empty = np.zeros((n, len(self.claims)), dtype=np.float32)
            return empty, empty, empty
        cos = self.embedder.embed(sentences) @ self._vectors.T
        similarity = np.maximum.reduceat(cos, self._starts, axis=1)
        weights = np.zeros((n, len(self._vocab)), dtype=np.float32)
        totals = np.zeros(n, dtype=np.float32)
        cue = np.full((n, len(self.claims)), _NO_CUES, dtype=np.float32)
        negation = np.zeros(n, dtype=bool)
        for i, sentence in enumerate(sentences):
            words = set(tokens(sentence))
            for w in words:
                j = self._vocab.get(w)
                if j is None:
                    totals[i] += self._unknown_idf
                else:
                    weights[i, j] = self._idf[j]
                    totals[i] += self._idf[j]
            lower = sentence.lower()
            for k, cues in enumerate(self._cues):
                if cues:
                    cue[i, k] = 1.0 if any(c in lower for c in cues) else 0.0
            negation[i] = has_negation(sentence)
        coverage = (weights @ self._member.T) / np.maximum(totals, 1e-9)[:, None]
        mismatch = negation[:, None] != self._negated[None, :]
        combined = (
            similarity
            + s.lexical_weight * coverage
            + s.cue_weight * (cue - _NO_CUES)
            - s.negation_weight * mismatch
        )
        return combined.astype(np.float32), similarity.astype(np.float32), coverage.astype(np.float32)

    def match(self, sentences: Sequence[str]) -> list[Match]:
        """Best claim (or none) for each sentence.

        Sentences are scored :data:`BATCH` at a time, so memory stays bounded however long the
        article (the score arrays are batch × claims and batch × vocabulary).
        """
        out: list[Match] = []
        for lo in range(0, len(sentences), BATCH):
            out += self._match_batch(sentences[lo : lo + BATCH])
        return out

    def _match_batch(self, sentences: Sequence[str]) -> list[Match]:
        combined, similarity, coverage = self.scores(sentences)
        out: list[Match] = []
        for i in range(len(sentences)):
            if not self.claims:
                out.append(Match(None, 0.0, 0.0, 0.0, None, 0.0))
                continue
            order = np.argsort(-combined[i])
            best = int(order[0])
            second = int(order[1]) if len(order) > 1 else None
            score = float(combined[i, best])
            floor = max(self.settings.threshold, score - self.settings.also_margin)
            also = tuple(
                (self.claims[int(k)], float(combined[i, k])) for k in order[1:4] if combined[i, k] >= floor
            )
            out.append(
                Match(
                    self.claims[best] if score >= self.settings.threshold else None,
                    score,
                    float(similarity[i, best]),
                    float(coverage[i, best]),
                    self.claims[second] if second is not None else None,
                    float(combined[i, second]) if second is not None else 0.0,
                    also if score >= self.settings.threshold else (),
                )
            )
        return out
