"""Record schemas for the evidence map and the claim library.

- :class:`Study`: one study of kratom (animal, in vitro, survey, case report, trial, review...):
  design, population and N, exposure, outcome, direction and result, limitations from a
  controlled vocabulary (the GRADE-style synthesis reads them), and the source with a locator.
- :class:`EvidenceTopic`: a question the synthesis answers (``speciosa evidence TOPIC``).
- :class:`Claim`: a canonical claim that kratom articles make, with a verdict, the level of the
  best evidence bearing on it, the studies and sources, a one-line rationale, the paraphrases an
  article may use (the auditor matches against them) and, where one exists, a computed check.
"""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal

from pydantic import Field, field_validator, model_validator

from speciosa.knowledge._values import Frozen, Id, NonEmpty, SourceId

__all__ = [
    "DESIGNS",
    "DESIGN_LEVEL",
    "EVIDENCE_LEVELS",
    "LIMITATION_DOMAIN",
    "CASE_DESIGNS",
    "REVIEW_DESIGNS",
    "SECONDARY_DESIGNS",
    "VERDICTS",
    "Claim",
    "ClaimCheck",
    "Design",
    "EvidenceLevel",
    "EvidenceTopic",
    "LegalCheck",
    "Limitation",
    "Study",
    "Verdict",
]

Design = Literal[
    "in_vitro",
    "in_silico",
    "chemical_analysis",
    "animal",
    "case_report",
    "case_series",
    "cross_sectional",
    "qualitative",
    "ema",
    "cohort",
    "case_control",
    "poison_centre",
    "death_investigation",
    "nonrandomised_controlled",
    "rct",
    "systematic_review",
    "meta_analysis",
    "narrative_review",
    "trial_registration",
    "commentary",
]
DESIGNS: Final[tuple[str, ...]] = Design.__args__  # type: ignore[attr-defined]

EvidenceLevel = Literal["none", "in_vitro", "animal", "observational_human", "controlled_human"]
EVIDENCE_LEVELS: Final[tuple[str, ...]] = EvidenceLevel.__args__  # type: ignore[attr-defined]
"""Evidence levels of the claim library, weakest first."""

DESIGN_LEVEL: Final[dict[str, str]] = {
    "in_vitro": "in_vitro",
    "in_silico": "in_vitro",
    "chemical_analysis": "in_vitro",
    "animal": "animal",
    "case_report": "observational_human",
    "case_series": "observational_human",
    "cross_sectional": "observational_human",
    "qualitative": "observational_human",
    "ema": "observational_human",
    "cohort": "observational_human",
    "case_control": "observational_human",
    "poison_centre": "observational_human",
    "death_investigation": "observational_human",
    "nonrandomised_controlled": "controlled_human",
    "rct": "controlled_human",
    # secondary research and records carry the level of what they summarise; alone, none
    "systematic_review": "none",
    "meta_analysis": "none",
    "narrative_review": "none",
    "trial_registration": "none",
    "commentary": "none",
}
"""The evidence level a study design gives on its own (reviews inherit from the studies they cite)."""

Topic = Literal[
    "depression",
    "anxiety",
    "mood",
    "dependence",
    "withdrawal",
    "liver",
    "cardiac",
    "seizures",
    "interactions",
    "overdose",
    "pain",
    "mechanism",
    "strains",
    "adverse_effects",
    "inflammation",
    "products",
    "use_patterns",
]

Limitation = Literal[
    # risk of bias
    "self_selected_sample",
    "advocacy_recruitment",
    "conflict_of_interest",
    "no_control_group",
    "confounding",
    "recall_bias",
    "self_report",
    "open_label",
    "co_ingestants",
    "causality_uncertain",
    "cross_sectional_design",
    "selective_reporting",
    "abstract_only",
    # indirectness
    "animal_model",
    "in_vitro_only",
    "non_oral_route",
    "acute_dosing_only",
    "surrogate_outcome",
    "population_not_target",
    "extract_not_characterised",
    # imprecision
    "small_sample",
    "wide_interval",
    # other
    "single_case",
    "single_site",
    "low_quality_reporting",
]

LIMITATION_DOMAIN: Final[dict[str, str]] = {
    **dict.fromkeys(
        (
            "self_selected_sample",
            "advocacy_recruitment",
            "conflict_of_interest",
            "no_control_group",
            "confounding",
            "recall_bias",
            "self_report",
            "open_label",
            "co_ingestants",
            "causality_uncertain",
            "cross_sectional_design",
            "selective_reporting",
            "single_case",
            "low_quality_reporting",
        ),
        "risk_of_bias",
    ),
    **dict.fromkeys(
        (
            "animal_model",
            "in_vitro_only",
            "non_oral_route",
            "acute_dosing_only",
            "surrogate_outcome",
            "population_not_target",
            "extract_not_characterised",
        ),
        "indirectness",
    ),
    **dict.fromkeys(("small_sample", "wide_interval"), "imprecision"),
    **dict.fromkeys(("abstract_only", "single_site"), "reporting"),
}
"""GRADE domain of each limitation (``reporting``: noted, never a downgrade on its own)."""

REVIEW_DESIGNS: Final = frozenset({"systematic_review", "meta_analysis", "narrative_review"})
"""Designs that review other studies."""
CASE_DESIGNS: Final = frozenset({"case_report", "case_series"})
"""Single cases and case series (observational, but without a sample)."""
SECONDARY_DESIGNS: Final = frozenset(
    {"systematic_review", "meta_analysis", "narrative_review", "trial_registration", "commentary"}
)
"""Designs that summarise or register studies rather than report one; they never set a certainty."""

Verdict = Literal["supported", "weakly_supported", "unsupported", "contradicted", "outdated"]
VERDICTS: Final[tuple[str, ...]] = Verdict.__args__  # type: ignore[attr-defined]


class Study(Frozen):
    """One study in the evidence map. ``result`` holds the numbers as the source gives them."""

    id: Id
    source: SourceId
    locator: NonEmpty
    read: Literal["full_text", "tables", "abstract", "record"]
    design: Design
    topics: list[Topic] = Field(min_length=1)
    population: NonEmpty
    n: int | None = Field(default=None, ge=1)
    n_unit: (
        Literal["participants", "animals", "reports", "exposures", "deaths", "cases", "studies", "products"]
        | None
    ) = None
    country: str | None = None
    exposure: NonEmpty | None = None
    comparator: str | None = None
    outcome: NonEmpty
    direction: Literal["benefit", "harm", "no_effect", "mixed", "descriptive"]
    result: NonEmpty
    limitations: list[Limitation] = Field(default_factory=list)
    limitation_note: str | None = None
    conflict_of_interest: str | None = None
    published: dt.date | None = None
    search_end: dt.date | None = None
    note: str | None = None

    @property
    def level(self) -> str:
        """Evidence level of the design on its own (see :data:`DESIGN_LEVEL`)."""
        return DESIGN_LEVEL[self.design]

    @property
    def is_review(self) -> bool:
        """True for systematic reviews, meta-analyses and narrative reviews."""
        return self.design in REVIEW_DESIGNS

    @model_validator(mode="after")
    def _consistent(self) -> Study:
        if (self.n is None) != (self.n_unit is None):
            raise ValueError("give `n` and `n_unit` together (or neither)")
        if self.exposure is None and self.design not in SECONDARY_DESIGNS:
            raise ValueError("a primary study needs `exposure` (product, dose, route, duration)")
        if self.search_end is not None and not self.is_review:
            raise ValueError("`search_end` is for systematic reviews and meta-analyses only")
        if self.conflict_of_interest and "conflict_of_interest" not in self.limitations:
            raise ValueError(
                "a study with `conflict_of_interest` text lists `conflict_of_interest` in limitations"
            )
        return self


class EvidenceTopic(Frozen):
    """A question that ``speciosa evidence TOPIC`` answers from the studies tagged with it.

    ``kind`` sets what counts as direct evidence: ``efficacy`` questions (does kratom help?) need
    human outcome data, ``harm`` questions (is kratom risky?) are answered by observational data
    as GRADE does for harms, ``mechanism`` questions accept in-vitro and animal data as direct.
    """

    id: Id
    question: NonEmpty
    kind: Literal["efficacy", "harm", "mechanism"]
    outcome: NonEmpty
    related: list[Id] = Field(default_factory=list)
    note: str | None = None


class LegalCheck(Frozen):
    """A legal-status check: the jurisdiction (ISO 3166 code) the claim is about."""

    jurisdiction: NonEmpty


class ClaimCheck(Frozen):
    """A computed check in speciosa that bears on a claim."""

    mechanism: Id | None = None
    legal: LegalCheck | None = None

    @model_validator(mode="after")
    def _one(self) -> ClaimCheck:
        if (self.mechanism is None) == (self.legal is None):
            raise ValueError("a check names exactly one of `mechanism` or `legal`")
        return self


class Claim(Frozen):
    """A canonical claim of kratom articles with its verdict and the evidence behind it."""

    id: Id
    category: Literal[
        "mechanism",
        "efficacy",
        "strains",
        "dosing",
        "extracts",
        "side_effects",
        "dependence",
        "interactions",
        "legality",
        "history",
        "safety",
        "quality",
        "pharmacology",
        "evidence",
    ]
    claim: NonEmpty
    verdict: Verdict
    evidence_level: EvidenceLevel
    evidence: list[Id] = Field(default_factory=list)
    sources: list[SourceId] = Field(default_factory=list)
    rationale: NonEmpty = Field(max_length=300)
    variants: list[NonEmpty] = Field(min_length=3)
    cues: list[NonEmpty] = Field(default_factory=list, max_length=8)
    check: ClaimCheck | None = None
    as_of: dt.date | None = None
    note: str | None = None

    @field_validator("cues")
    @classmethod
    def _lower(cls, cues: list[str]) -> list[str]:
        bad = [c for c in cues if c != c.lower()]
        if bad:
            raise ValueError(f"cues are lowercase words or stems; got {bad}")
        return cues

    @model_validator(mode="after")
    def _cited(self) -> Claim:
        if (
            not self.evidence
            and not self.sources
            and (self.verdict, self.evidence_level) != ("unsupported", "none")
        ):
            raise ValueError(
                "a claim cites at least one study in `evidence` or one source in `sources` "
                "(only an `unsupported` claim with evidence level `none` may cite nothing: "
                "no study was found)"
            )
        if self.category == "legality" and self.as_of is None:
            raise ValueError("a legality claim needs `as_of: YYYY-MM-DD`, the date its verdict refers to")
        if self.verdict == "outdated" and self.as_of is None:
            raise ValueError("an `outdated` verdict needs `as_of: YYYY-MM-DD`")
        return self
