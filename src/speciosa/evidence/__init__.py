"""Evidence: the evidence map synthesis, the claim library and the article auditor.

- :func:`synthesise`: what the studies on a topic show, with a GRADE-style certainty;
- :class:`Auditor`: reads an article, spots check-worthy claims, matches them to the claim library
  (bundled WordLlama embeddings plus lexical cues) and reports verdicts with sources.

See docs/evidence.md and docs/audit.md.
"""

from speciosa.evidence._audit import NOT_IN_LIBRARY as NOT_IN_LIBRARY
from speciosa.evidence._audit import AuditedClaim as AuditedClaim
from speciosa.evidence._audit import Auditor as Auditor
from speciosa.evidence._audit import AuditReport as AuditReport
from speciosa.evidence._audit import article_paths as article_paths
from speciosa.evidence._document import MAX_ARTICLE_BYTES as MAX_ARTICLE_BYTES
from speciosa.evidence._document import SUFFIXES as SUFFIXES
from speciosa.evidence._document import Document as Document
from speciosa.evidence._document import document_from_bytes as document_from_bytes
from speciosa.evidence._document import read_document as read_document
from speciosa.evidence._embedding import Embedder as Embedder
from speciosa.evidence._embedding import load_embedder as load_embedder
from speciosa.evidence._gold import GoldArticle as GoldArticle
from speciosa.evidence._gold import GoldScore as GoldScore
from speciosa.evidence._gold import load_gold as load_gold
from speciosa.evidence._gold import score_gold as score_gold
from speciosa.evidence._matching import ClaimMatcher as ClaimMatcher
from speciosa.evidence._matching import Match as Match
from speciosa.evidence._matching import MatchSettings as MatchSettings
from speciosa.evidence._sentences import MAX_SENTENCE_CHARS as MAX_SENTENCE_CHARS
from speciosa.evidence._sentences import Sentence as Sentence
from speciosa.evidence._sentences import split_sentences as split_sentences
from speciosa.evidence._spotting import Spot as Spot
from speciosa.evidence._spotting import spot as spot
from speciosa.evidence._synthesis import CERTAINTIES as CERTAINTIES
from speciosa.evidence._synthesis import PEOPLE_UNITS as PEOPLE_UNITS
from speciosa.evidence._synthesis import Downgrade as Downgrade
from speciosa.evidence._synthesis import Synthesis as Synthesis
from speciosa.evidence._synthesis import people_counted as people_counted
from speciosa.evidence._synthesis import study_date as study_date
from speciosa.evidence._synthesis import synthesise as synthesise

__all__ = [
    "CERTAINTIES",
    "MAX_ARTICLE_BYTES",
    "MAX_SENTENCE_CHARS",
    "NOT_IN_LIBRARY",
    "PEOPLE_UNITS",
    "AuditReport",
    "AuditedClaim",
    "Auditor",
    "ClaimMatcher",
    "Document",
    "Downgrade",
    "Embedder",
    "GoldArticle",
    "GoldScore",
    "Match",
    "MatchSettings",
    "SUFFIXES",
    "Sentence",
    "Spot",
    "Synthesis",
    "article_paths",
    "document_from_bytes",
    "load_embedder",
    "load_gold",
    "people_counted",
    "read_document",
    "score_gold",
    "spot",
    "split_sentences",
    "study_date",
    "synthesise",
]
