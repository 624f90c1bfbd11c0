"""Claim matching: the bundled model loads offline; lexical cues and negation separate look-alikes."""

from __future__ import annotations

import socket

import numpy as np
import pytest

from speciosa.evidence import ClaimMatcher, load_embedder
from speciosa.evidence._lexical import has_negation, mentions_domain, tokens
from speciosa.knowledge import Claim


def claim(
    cid: str, text: str, variants: list[str], cues: list[str] | None = None, verdict: str = "supported"
) -> Claim:
    return Claim.model_validate(
        {
            "id": cid,
            "category": "legality",
            "claim": text,
            "verdict": verdict,
            "evidence_level": "none",
            "sources": ["post2019"],
            "rationale": "test",
            "variants": variants,
            "cues": cues or [],
            "as_of": "2026-11-21",
        }
    )


LIBRARY = [
    claim(
        "th",
        "Thailand bans kratom",
        ["kratom is illegal in Thailand", "Thai law prohibits kratom", "in Thailand it is banned"],
        ["thai"],
    ),
    claim(
        "my",
        "Malaysia bans kratom",
        ["kratom is illegal in Malaysia", "Malaysian law prohibits kratom", "it is banned in Malaysia"],
        ["malaysia"],
    ),
    claim(
        "addictive",
        "Kratom is habit-forming",
        ["kratom can be addictive", "regular use leads to dependence", "kratom is habit forming"],
    ),
    claim(
        "not-addictive",
        "Kratom is not addictive",
        [
            "kratom is not habit forming",
            "you cannot get addicted to kratom",
            "kratom does not cause dependence",
        ],
    ),
]


def test_model_loads_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """The weights ship in the wheel: loading must not open a socket (checked, not assumed)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the embedding model tried to use the network")

    load_embedder.cache_clear()
    monkeypatch.setattr(socket.socket, "connect", refuse)
    embedder = load_embedder()
    vectors = embedder.embed(["Kratom is legal in Thailand.", "Kratom is banned in Malaysia."])
    assert vectors.shape == (2, 256)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-4)


def test_country_names_decide_between_look_alike_claims() -> None:
    matcher = ClaimMatcher(LIBRARY, load_embedder())
    got = [
        m.claim.id if m.claim else None
        for m in matcher.match(["Kratom is banned in Thailand.", "Kratom remains illegal in Malaysia today."])
    ]
    assert got == ["th", "my"]


def test_negation_decides_between_opposite_claims() -> None:
    matcher = ClaimMatcher(LIBRARY, load_embedder())
    got = [
        m.claim.id if m.claim else None
        for m in matcher.match(
            ["Kratom is not addictive at all.", "Kratom can be addictive for daily users."]
        )
    ]
    assert got == ["not-addictive", "addictive"]


def test_unrelated_sentence_matches_nothing() -> None:
    matcher = ClaimMatcher(LIBRARY, load_embedder())
    (match,) = matcher.match(["Our shop ships worldwide within three business days."])
    assert match.claim is None
    assert match.score < matcher.settings.threshold


def test_lexical_helpers() -> None:
    assert tokens("Kratom increases serotonin levels") == ["kratom", "increas", "serotonin", "level"]
    assert has_negation("it doesn't cause dependence") and not has_negation("it causes dependence")
    assert (
        mentions_domain("7-OH tablets")
        and mentions_domain("Red Maeng Da")
        and not mentions_domain("Serotonin regulates mood")
    )
