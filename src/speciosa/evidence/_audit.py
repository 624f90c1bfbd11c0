"""The article auditor: sentences, check-worthy claims, library matches, verdicts with sources.

>>> from speciosa.knowledge import load_knowledge_base
>>> auditor = Auditor.load(load_knowledge_base())
>>> report = auditor.audit_text("Kratom is still banned in Thailand. The weather was nice today.")
>>> [(c.verdict, c.claim_id) for c in report.claims]
[('outdated', 'thailand-ban')]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from speciosa.errors import InputError
from speciosa.evidence._document import SUFFIXES, Document, document_from_bytes
from speciosa.evidence._embedding import load_embedder
from speciosa.evidence._lexical import mentions_domain
from speciosa.evidence._matching import ClaimMatcher, Match, MatchSettings
from speciosa.evidence._sentences import Sentence, split_sentences
from speciosa.evidence._spotting import Spot, spot
from speciosa.knowledge import Claim, KnowledgeBase

__all__ = ["NOT_IN_LIBRARY", "AuditReport", "AuditedClaim", "Auditor", "article_paths"]

NOT_IN_LIBRARY: Final = "not_in_library"


@dataclass(frozen=True, slots=True)
class AuditedClaim:
    """One check-worthy sentence and what the library says about it.

    ``claim`` is None (and ``verdict`` is ``not_in_library``) when no library claim matches;
    such sentences are reported, never dropped. ``also`` holds further claims the same sentence
    makes (with their scores); ``sources`` covers all of them.
    """

    sentence: str
    start: int
    end: int
    claim: Claim | None
    score: float
    sources: tuple[str, ...]
    runner_up: str | None = None
    also: tuple[tuple[Claim, float], ...] = ()
    because: str = ""

    @property
    def claim_id(self) -> str | None:
        """Id of the matched claim."""
        return self.claim.id if self.claim else None

    @property
    def verdict(self) -> str:
        """The claim's verdict, or ``not_in_library``."""
        return self.claim.verdict if self.claim else NOT_IN_LIBRARY

    @property
    def evidence_level(self) -> str | None:
        """Level of the best evidence on the claim (None when not in the library)."""
        return self.claim.evidence_level if self.claim else None

    @property
    def rationale(self) -> str:
        """One line on why the verdict is what it is."""
        if self.claim is None:
            return "No claim in the library matches this sentence; it has not been checked."
        return self.claim.rationale


@dataclass(frozen=True, slots=True)
class AuditReport:
    """The audit of one document."""

    document: Document
    sentences: int
    claims: tuple[AuditedClaim, ...]
    model: str
    library_size: int

    def summary(self) -> dict[str, object]:
        """Counts by verdict and evidence level, and the share of claims the library covers."""
        verdicts = Counter(c.verdict for c in self.claims)
        levels = Counter(c.evidence_level or "unknown" for c in self.claims)
        matched = sum(1 for c in self.claims if c.claim is not None)
        return {
            "sentences": self.sentences,
            "checkworthy": len(self.claims),
            "matched": matched,
            "not_in_library": len(self.claims) - matched,
            "by_verdict": dict(sorted(verdicts.items())),
            "by_evidence_level": dict(sorted(levels.items())),
        }

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source id cited by the matched claims, in first-use order."""
        seen: dict[str, None] = {}
        for c in self.claims:
            seen.update(dict.fromkeys(c.sources))
        return tuple(seen)


@dataclass
class Auditor:
    """The claim library embedded and ready to audit articles (load once, audit many).

    Build with :meth:`load`; loading the model and embedding the library takes about a second.
    """

    kb: KnowledgeBase
    matcher: ClaimMatcher
    _claim_sources: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, kb: KnowledgeBase, settings: MatchSettings | None = None) -> Auditor:
        """Load the bundled embedding model and embed the claim library of ``kb``."""
        return cls(kb, ClaimMatcher(kb.claims, load_embedder(), settings))

    def claim_sources(self, claim: Claim) -> tuple[str, ...]:
        """Source ids behind ``claim``: its own sources, then those of its studies."""
        if claim.id not in self._claim_sources:
            ids = [*claim.sources, *(self.kb.study(s).source for s in claim.evidence)]
            self._claim_sources[claim.id] = tuple(dict.fromkeys(ids))
        return self._claim_sources[claim.id]

    def audit(self, document: Document) -> AuditReport:
        """Audit one document: every check-worthy sentence with its verdict or ``not_in_library``."""
        sentences = split_sentences(document.text)
        matches = self.matcher.match([" ".join(s.text.split()) for s in sentences])
        spots = self._spots(sentences, matches)
        claims = [
            self._audited(sentence, match, decision.reason)
            for sentence, match, decision in zip(sentences, matches, spots, strict=True)
            if decision.checkworthy
        ]
        return AuditReport(
            document, len(sentences), tuple(claims), self.matcher.embedder.name, len(self.kb.claims)
        )

    def audit_text(self, text: str, name: str = "-") -> AuditReport:
        """Audit a string (plain text, Markdown or HTML, sniffed)."""
        return self.audit(document_from_bytes(text.encode("utf-8"), name))

    def _spots(self, sentences: list[Sentence], matches: list[Match]) -> Iterator[Spot]:
        threshold = self.matcher.settings.threshold
        in_context = False
        for sentence, match in zip(sentences, matches, strict=True):
            if sentence.block == "heading":
                in_context = mentions_domain(sentence.text) or in_context
            decision = spot(
                sentence, in_context=in_context, match_score=match.score, match_threshold=threshold
            )
            in_context = in_context or mentions_domain(sentence.text)
            yield decision

    def _audited(self, sentence: Sentence, match: Match, because: str) -> AuditedClaim:
        claims = [match.claim, *(c for c, _ in match.also)] if match.claim else []
        sources = tuple(dict.fromkeys(s for c in claims for s in self.claim_sources(c)))
        runner_up = match.runner_up.id if match.runner_up is not None else None
        return AuditedClaim(
            sentence.text,
            sentence.start,
            sentence.end,
            match.claim,
            match.score,
            sources,
            runner_up,
            match.also,
        )


#: Most articles one folder audit reads (about 7 minutes at the measured 0.04 s an article), and most
#: entries walked to find them (a guard against pointing the auditor at / or /proc). Conventions.
MAX_ARTICLES = 10_000
MAX_FOLDER_ENTRIES = 200_000


def article_paths(path: Path) -> list[Path]:
    """The article files at ``path``: the file itself, or the readable files of a folder (recursive).

    Raises
    ------
    InputError
        If ``path`` does not exist, or a folder holds no ``.txt``, ``.md`` or ``.html`` file, more
        than :data:`MAX_ARTICLES` of them, or more than :data:`MAX_FOLDER_ENTRIES` entries.
    """
    if path.is_file():
        return [path]
    if not path.exists():
        raise InputError(
            "PATH", f"{str(path)!r} does not exist; give a file, a folder of articles, or - for stdin"
        )
    if not path.is_dir():
        return [path]  # a FIFO, device or socket: read_document says why it is refused
    files: list[Path] = []
    for seen, entry in enumerate(path.rglob("*"), start=1):  # symlinked folders are not followed
        if seen > MAX_FOLDER_ENTRIES:
            raise InputError(
                "PATH",
                f"folder {str(path)!r} holds over {MAX_FOLDER_ENTRIES:,} files and folders; "
                "give the folder of the articles themselves",
            )
        if entry.suffix.lower() in SUFFIXES and entry.is_file():
            files.append(entry)
            if len(files) > MAX_ARTICLES:
                raise InputError(
                    "PATH",
                    f"folder {str(path)!r} holds over {MAX_ARTICLES:,} articles; audit it in parts",
                )
    files.sort()
    if not files:
        accepted = ", ".join(sorted(SUFFIXES))
        raise InputError("PATH", f"folder {str(path)!r} holds no article file ({accepted})")
    return files
