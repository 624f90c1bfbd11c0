"""``speciosa evidence TOPIC``: what the studies show, with a GRADE-style certainty and citations."""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Any, Final

import typer

from speciosa.cli._output import Format, emit_json, render_table
from speciosa.evidence import Synthesis, people_counted, study_date, synthesise
from speciosa.knowledge import (
    CASE_DESIGNS,
    DESIGN_LEVEL,
    LIMITATION_DOMAIN,
    REVIEW_DESIGNS,
    SECONDARY_DESIGNS,
    KnowledgeBase,
    Study,
    format_citation,
    load_knowledge_base,
)

__all__ = ["evidence", "evidence_document"]


def _level(level: str) -> frozenset[str]:
    return frozenset(d for d, lv in DESIGN_LEVEL.items() if lv == level)


# display groups, derived from the schema's design levels so that every design lands in one
_GROUPS: Final = (
    ("controlled_human", "Controlled human studies", _level("controlled_human")),
    (
        "observational_human",
        "Observational human studies (surveys, EMA, poison centres, death records)",
        _level("observational_human") - CASE_DESIGNS,
    ),
    ("cases", "Case reports and case series", CASE_DESIGNS),
    ("animal", "Animal studies", _level("animal")),
    ("laboratory", "In-vitro, in-silico and product analyses", _level("in_vitro")),
    ("reviews", "Reviews and meta-analyses", REVIEW_DESIGNS),
    ("registered", "Trial registrations and commentaries", SECONDARY_DESIGNS - REVIEW_DESIGNS),
)


def _words(name: str) -> str:
    return name.replace("_", " ")


def _short(kb: KnowledgeBase, study: Study) -> str:
    source = kb.source(study.source)
    first = source.authors[0].split(" [")[0]
    more = " et al." if len(source.authors) > 1 and first != "et al." else ""
    year = study.published.year if study.published else source.year
    return f"{first}{more} {year}" if year else first


def _no_controlled_line(kb: KnowledgeBase, syn: Synthesis) -> str | None:
    if syn.controlled:
        return None
    topic = syn.topic.id.replace("_", " ")
    line = f"No controlled human study of kratom for {topic} exists in the data ({len(kb.studies)} studies)."
    if syn.newest_review is not None:
        review = syn.newest_review
        line += (
            f" The newest review in the data, {_short(kb, review)} ({_words(review.design)}, "
            f"{study_date(kb, review).isoformat() if review.published else kb.source(review.source).year}), "
            "reports none either."
            if syn.topic.kind == "efficacy"
            else f" Newest review in the data: {_short(kb, review)}."
        )
    return line


def _caveats(studies: tuple[Study, ...]) -> str:
    counts = Counter(lim for s in studies for lim in s.limitations if LIMITATION_DOMAIN[lim] != "reporting")
    return ", ".join(f"{_words(lim)} ({n})" for lim, n in counts.most_common(5))


def _study_entry(kb: KnowledgeBase, study: Study, number: int) -> dict[str, Any]:
    return {
        "ref": number,
        "id": study.id,
        "citation": _short(kb, study),
        "design": study.design,
        "population": study.population,
        "n": study.n,
        "n_unit": study.n_unit,
        "country": study.country,
        "exposure": study.exposure,
        "outcome": study.outcome,
        "direction": study.direction,
        "result": study.result,
        "limitations": list(study.limitations),
        "conflict_of_interest": study.conflict_of_interest,
        "source": study.source,
        "locator": study.locator,
        "read": study.read,
    }


def evidence_document(kb: KnowledgeBase, syn: Synthesis) -> dict[str, Any]:
    """The synthesis of one topic as a JSON-ready document (what ``--format json`` prints)."""
    numbers: dict[str, int] = {}
    for study in syn.studies:
        numbers.setdefault(study.source, len(numbers) + 1)
    groups = {}
    for key, title, designs in _GROUPS:
        members = syn.by_design(designs)
        if members:
            groups[key] = {
                "title": title,
                "count": len(members),
                "common_limitations": _caveats(members),
                "studies": [_study_entry(kb, s, numbers[s.source]) for s in members],
            }
    newest = syn.newest_review
    return {
        "topic": syn.topic.id,
        "question": syn.topic.question,
        "kind": syn.topic.kind,
        "outcome_needed": syn.topic.outcome,
        "studies": len(syn.studies),
        "counts_by_design": syn.counts,
        "controlled_human_studies": [s.id for s in syn.controlled],
        "no_controlled_human_study": _no_controlled_line(kb, syn),
        "certainty": syn.certainty,
        "certainty_start": {"level": syn.start[0], "because": syn.start[1]},
        "downgrades": [{"domain": d.domain, "reason": d.reason} for d in syn.downgrades],
        "best_evidence": [s.id for s in syn.best],
        "people_in_best_evidence": people_counted(syn.best),
        "newest_review": (
            {"id": newest.id, "date": study_date(kb, newest).isoformat(), "source": newest.source}
            if newest
            else None
        ),
        "groups": groups,
        "related_topics": list(syn.topic.related),
        "references": {
            sid: {"ref": n, "citation": format_citation(kb.source(sid))} for sid, n in numbers.items()
        },
        "method": "GRADE-style certainty (docs/evidence.md): start from the best design, one level down per "
        "domain (risk of bias, indirectness, imprecision, inconsistency) judged on the best studies.",
        "data_version": kb.version,
    }


def _render(doc: dict[str, Any]) -> str:
    lines = [f"{doc['question']}  (topic: {doc['topic']}, {doc['kind']} question)"]
    lines.append(f"What would answer it: {doc['outcome_needed']}")
    lines.append("")
    if doc["no_controlled_human_study"]:
        lines.append(doc["no_controlled_human_study"])
    else:
        lines.append(f"Controlled human studies: {', '.join(doc['controlled_human_studies'])}")
    start = doc["certainty_start"]
    downs = "; ".join(f"{d['domain']}: {d['reason']}" for d in doc["downgrades"]) or "none"
    lines.append(
        f"Certainty of the evidence (GRADE-style): {doc['certainty'].replace('_', ' ').upper()}. "
        f"Starts {start['level'].replace('_', ' ')} ({start['because']}); downgraded for {downs}."
    )
    lines.append("")
    counts = ", ".join(f"{_words(d)} {n}" for d, n in doc["counts_by_design"].items())
    lines.append(f"Studies in the data: {doc['studies']} ({counts})")
    for group in doc["groups"].values():
        lines.append("")
        caveat = f"; common limitations: {group['common_limitations']}" if group["common_limitations"] else ""
        lines.append(f"{group['title']}: {group['count']}{caveat}")
        for s in group["studies"]:
            n = f", n={s['n']:,} {s['n_unit']}" if s["n"] else ""
            best = " [best evidence]" if s["id"] in doc["best_evidence"] else ""
            lines.append(
                f"  [{s['ref']}] {s['citation']}, {_words(s['design'])}{n}: "
                f"{' '.join(s['result'].split())}{best}"
            )
    lines.append("")
    lines.append("References")
    for ref in sorted(doc["references"].values(), key=lambda r: r["ref"]):
        lines.append(f"  [{ref['ref']}] {ref['citation']}")
    lines.append("")
    lines.append(f"Method: {doc['method']} Data {doc['data_version']}.")
    lines.append(
        "This summarises research; it is not medical advice and does not recommend kratom or a dose."
    )
    return "\n".join(lines)


def evidence(
    topic: Annotated[
        str | None,
        typer.Argument(help="Topic, e.g. depression, anxiety, dependence, liver (omit to list topics)."),
    ] = None,
    format: Annotated[
        Format, typer.Option("--format", "-f", help="table (human) or json (one JSON document).")
    ] = (Format.table),
) -> None:
    """What the studies show on a topic: counts by design, best evidence, certainty, citations.

    Without TOPIC, lists the topics with their certainty. Research summary only; never advice.
    """
    kb = load_knowledge_base()
    if topic is None:
        rows = []
        for t in kb.evidence_topics:
            syn = synthesise(kb, t.id)
            rows.append(
                {
                    "topic": t.id,
                    "question": t.question,
                    "studies": len(syn.studies),
                    "controlled_human": len(syn.controlled),
                    "certainty": syn.certainty,
                }
            )
        if format is Format.json:
            emit_json({"topics": rows, "data_version": kb.version})
        else:
            typer.echo(render_table(rows))
        return
    doc = evidence_document(kb, synthesise(kb, topic.strip().lower()))
    if format is Format.json:
        emit_json(doc)
    else:
        typer.echo(_render(doc))
