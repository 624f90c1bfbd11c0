"""The evidence map and claim library: sizes the issue asks for, coverage, and the cross-checks."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from speciosa.knowledge import (
    DESIGN_LEVEL,
    EVIDENCE_LEVELS,
    check_knowledge_base,
    default_data_dir,
    load_knowledge_base,
)

ISSUE_TOPICS = {
    "depression",
    "anxiety",
    "dependence",
    "withdrawal",
    "liver",
    "cardiac",
    "seizures",
    "interactions",
    "overdose",
}
ISSUE_CATEGORIES = {
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
}


def test_at_least_60_studies_and_80_claims() -> None:
    kb = load_knowledge_base()
    assert len(kb.studies) >= 60
    assert len(kb.claims) >= 80
    assert {c.category for c in kb.claims} >= ISSUE_CATEGORIES
    assert all(len(c.variants) >= 3 for c in kb.claims)


def test_every_issue_topic_has_studies() -> None:
    kb = load_knowledge_base()
    assert {t.id for t in kb.evidence_topics} >= ISSUE_TOPICS
    for topic in ISSUE_TOPICS:
        assert sum(topic in s.topics for s in kb.studies) >= 3, topic


def test_no_mood_treatment_claim_is_rated_supported() -> None:
    """The product never presents kratom as a treatment: no controlled trial exists for mood."""
    kb = load_knowledge_base()
    assert kb.claim("treats-depression").verdict == "unsupported"
    assert kb.claim("relieves-anxiety").verdict != "supported"
    for claim in kb.claims:
        text = claim.claim.lower()
        about_use_or_evidence = "use kratom" in text or "no controlled" in text
        if (
            claim.category == "efficacy"
            and ("depress" in text or "anxiety" in text)
            and not about_use_or_evidence
        ):
            assert claim.verdict != "supported", claim.id


def test_claim_levels_do_not_exceed_their_studies() -> None:
    kb = load_knowledge_base()
    for claim in kb.claims:
        studies = [kb.study(s) for s in claim.evidence]
        if claim.evidence_level == "none" or any(s.is_review for s in studies):
            continue
        best = max(EVIDENCE_LEVELS.index(DESIGN_LEVEL[s.design]) for s in studies)
        assert EVIDENCE_LEVELS.index(claim.evidence_level) <= best, claim.id


def test_data_check_catches_an_overrated_claim_and_an_unknown_study(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(default_data_dir(), data)
    path = data / "claims.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    first = doc["records"][0]
    first["evidence"] = ["farah-idayu-2011"]
    first["evidence_level"] = "controlled_human"
    doc["records"][1]["evidence"] = ["no-such-study"]
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    messages = [p.message for p in check_knowledge_base(data).problems]
    assert any("'controlled_human' is above the best cited study ('animal')" in m for m in messages)
    assert any("unknown study id 'no-such-study'" in m for m in messages)
