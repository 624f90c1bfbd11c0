"""The scenario report document and page, built for a range of scenarios.

Checked: every section is present in the document and the page; every source cited anywhere has a
number and every reference link lands on a reference; every sentence with a number names its
sources and every risk its certainty; the page is self-contained (no scripts, stylesheets, fonts
or images from elsewhere); building, rendering and printing open no network connection.
"""

from __future__ import annotations

import datetime as dt
import re
import socket
from typing import Any

import pytest

from speciosa.cli._interact import resolve_drugs
from speciosa.cli._scenario import resolve_scenario
from speciosa.legal import resolve_place
from speciosa.report import REPORT_TOPICS, SECTIONS, ReportRequest, build_report, render_html
from speciosa.report._references import cited_sources

CERTAINTIES = {"high", "moderate", "low", "very_low"}
DAY = dt.date(2026, 11, 21)

SCENARIOS: dict[str, dict[str, Any]] = {
    # no drugs, no place
    "tea-alone": {"regimen": "2 g tea once", "drugs": [], "where": None},
    # the scenario
    "issue": {
        "dose": "4g",
        "every": "8h",
        "days": 14.0,
        "drugs": ["sertraline", "tramadol"],
        "where": "US-TX",
    },
    # many drugs: antidepressants of every class, an opioid, a benzodiazepine, a probe substrate
    "many-drugs": {
        "dose": "3g",
        "every": "12h",
        "days": 5.0,
        "drugs": [
            "fluoxetine",
            "venlafaxine",
            "amitriptyline",
            "phenelzine",
            "bupropion",
            "mirtazapine",
            "quetiapine",
            "lithium",
            "methadone",
            "alprazolam",
            "midazolam",
        ],
        "where": "TH",
    },
    # a country whose status the data do not settle, and a state unknown today
    "unknown-country": {"dose": "5g", "every": "24h", "days": 3.0, "drugs": ["escitalopram"], "where": "CN"},
    "unknown-state": {"dose": "2g", "drugs": [], "where": "US-OH"},
}


def _request(spec: dict[str, Any]) -> ReportRequest:
    sc = resolve_scenario(
        product="leaf-powder" if "regimen" not in spec else None,
        dose=spec.get("dose"),
        every=spec.get("every"),
        days=spec.get("days"),
        regimen=spec.get("regimen"),
        subjects=120,
        weight=None,
        mg_per_g=None,
        content=None,
    )
    place = resolve_place(sc.kb, spec["where"]) if spec["where"] else None
    return ReportRequest(sc, resolve_drugs(sc.kb, spec["drugs"], []), place, DAY, subjects=120, seed=3)


class _NoNetwork:
    """Fail any attempt to open a network connection while building."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.attempts: list[object] = []

        def refuse(*args: object, **kwargs: object) -> None:
            self.attempts.append(args)
            raise OSError("network access attempted during report build")

        monkeypatch.setattr(socket.socket, "connect", refuse)
        monkeypatch.setattr(socket.socket, "connect_ex", refuse)
        monkeypatch.setattr(socket, "create_connection", refuse)
        monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture(scope="module")
def built() -> dict[str, tuple[dict[str, Any], str]]:
    with pytest.MonkeyPatch.context() as mp:
        guard = _NoNetwork(mp)
        out = {}
        for name, spec in SCENARIOS.items():
            doc = build_report(_request(spec))
            out[name] = (doc, render_html(doc))
        assert guard.attempts == []
    return out


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_section_is_in_the_document_and_the_page(
    built: dict[str, tuple[dict[str, Any], str]], name: str
) -> None:
    doc, html = built[name]
    for section in SECTIONS:
        assert section in doc
        assert f'<section id="{section}">' in html
    assert [e["topic"] for e in doc["evidence"]] == list(REPORT_TOPICS)
    assert doc["data_version"] and doc["data_version"] in html
    assert doc["disclaimer"] in html


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_cited_source_is_numbered_and_every_link_lands(
    built: dict[str, tuple[dict[str, Any], str]], name: str
) -> None:
    doc, html = built[name]
    from speciosa.knowledge import load_knowledge_base

    kb = load_knowledge_base()
    numbered = {r["id"]: r["ref"] for r in doc["references"]}
    assert sorted(numbered.values()) == list(range(1, len(numbered) + 1))
    body = {k: v for k, v in doc.items() if k != "references"}
    assert set(cited_sources(kb, body)) == set(numbered)
    links = {int(n) for n in re.findall(r'href="#ref-(\d+)"', html)}
    anchors = {int(n) for n in re.findall(r'id="ref-(\d+)"', html)}
    assert links and links <= anchors
    assert anchors == set(numbered.values())


@pytest.mark.parametrize("name", SCENARIOS)
def test_sentences_with_numbers_name_sources_and_risks_state_certainty(
    built: dict[str, tuple[dict[str, Any], str]], name: str
) -> None:
    doc, html = built[name]
    for item in doc["summary"]:
        if re.search(r"\d", item["text"]) and item["topic"] != "legal":
            assert item["sources"], item
    risks = next(i for i in doc["summary"] if i["topic"] == "risks")["text"]
    for entry in doc["evidence"]:
        assert entry["certainty"] in CERTAINTIES
        assert f"{entry['topic']}: {entry['certainty'].replace('_', ' ')} certainty" in (
            risks + next(i for i in doc["summary"] if i["topic"] == "mood")["text"]
        )
        assert f"ev-{entry['topic']}" in html
    for pair in doc["interactions"]["pairs"]:
        assert pair["evidence"] and pair["severity"] and pair["sources"]


@pytest.mark.parametrize("name", SCENARIOS)
def test_page_is_self_contained(built: dict[str, tuple[dict[str, Any], str]], name: str) -> None:
    _, html = built[name]
    assert "<script" not in html.lower()
    assert "<link" not in html.lower()
    assert "@import" not in html and "url(" not in html
    sources = re.findall(r'\ssrc="([^"]*)"', html)
    assert len(sources) == 2  # the exposure and occupancy plots
    assert all(s.startswith("data:image/svg+xml;base64,") for s in sources)


def test_scenarios_without_drugs_or_place_say_so(built: dict[str, tuple[dict[str, Any], str]]) -> None:
    doc, html = built["tea-alone"]
    assert doc["interactions"]["given"] is False and "No co-medication given" in html
    assert doc["legal"]["given"] is False and "No place given" in html
    assert doc["exposure"]["metrics_describe"].startswith("single dose")


@pytest.mark.parametrize("name", ["unknown-country", "unknown-state"])
def test_unknown_legal_status_is_explained_not_guessed(
    built: dict[str, tuple[dict[str, Any], str]], name: str
) -> None:
    doc, html = built[name]
    assert doc["legal"]["own_status"] == "unknown"
    legal = next(i for i in doc["summary"] if i["topic"] == "legal")["text"]
    assert "no settled status" in legal
    if name == "unknown-country":
        assert doc["legal"]["status"] == "unknown" and 'class="badge st-unknown"' in html
    else:  # Ohio: its own rule expired; federal law (legal) still applies and is named as deciding
        assert doc["legal"]["decided_by"] == "US" and "Ohio's own law" in legal


def test_many_drugs_each_get_a_row_and_advice(built: dict[str, tuple[dict[str, Any], str]]) -> None:
    doc, html = built["many-drugs"]
    ids = [p["drug"] for p in doc["interactions"]["pairs"]]
    assert ids == SCENARIOS["many-drugs"]["drugs"]
    for p in doc["interactions"]["pairs"]:
        assert f"<h3>{p['name']}: " in html
        assert p["advice"]
    # several serotonergic co-medications: the drug-drug findings are listed too
    assert doc["interactions"]["comedications"]


def test_report_for_the_same_scenario_and_seed_is_the_same(
    built: dict[str, tuple[dict[str, Any], str]],
) -> None:
    doc = build_report(_request(SCENARIOS["issue"]))
    assert doc == built["issue"][0]


def test_report_does_not_mislead_on_7oh_or_poison_centre_counts(
    built: dict[str, tuple[dict[str, Any], str]],
) -> None:
    """Issue 17: the report listed 7-OH as "not simulated" next to its simulated exposure, and
    said "0 participants" for 2,312 poison-centre exposures (seizures)."""
    doc, html = built["issue"]
    assert "7-hydroxymitragynine" in doc["exposure"]["analytes"]
    assert not any("7-hydroxymitragynine" in x for x in doc["exposure"]["provenance"]["not_simulated"])
    assert "Simulated: 7-hydroxymitragynine formed from mitragynine in the body" in html
    assert not any("7-hydroxymitragynine" in x and x.startswith("Not simulated") for x in doc["limitations"])
    seizures = next(t for t in doc["evidence"] if t["topic"] == "seizures")
    reasons = " ".join(d["reason"] for d in seizures["downgrades"])
    assert not re.search(r"\b0 participants", reasons) and "2,312 exposures" in reasons
    assert not re.search(r"\b0 participants", html)
