"""Renderers of article audits: JSON documents, a terminal table, Markdown and self-contained HTML."""

from __future__ import annotations

import html
from typing import Any, Final

from speciosa.cli._output import render_table, rounded
from speciosa.evidence import AuditedClaim, AuditReport
from speciosa.knowledge import KnowledgeBase, format_citation

__all__ = ["audit_document", "html_foot", "html_head", "html_section", "markdown_section", "table_section"]

_MECHANISM_SCENARIO: Final = "--product leaf-powder --dose 4g --every 8h --days 7"

_VERDICT_COLOUR: Final = {
    "supported": "#c8e6c9",
    "weakly_supported": "#fff3b0",
    "unsupported": "#ffd8a8",
    "contradicted": "#ffb3b3",
    "outdated": "#d0c4f0",
    "not_in_library": "#e0e0e0",
}
_VERDICT_TEXT: Final = {
    "supported": "supported by the evidence",
    "weakly_supported": "weakly supported (indirect, few or biased studies)",
    "unsupported": "unsupported (no evidence found for it)",
    "contradicted": "contradicted by the evidence",
    "outdated": "outdated (was true once)",
    "not_in_library": "not in the claim library (not checked)",
}


def _check(claim: AuditedClaim) -> dict[str, Any] | None:
    if claim.claim is None or claim.claim.check is None:
        return None
    check = claim.claim.check
    if check.mechanism is not None:
        return {
            "kind": "mechanism",
            "id": check.mechanism,
            "command": f"speciosa mechanism {_MECHANISM_SCENARIO}",
            "what": "simulated receptor/transporter occupancy at a real dose decides this mechanism claim",
        }
    assert check.legal is not None
    code = check.legal.jurisdiction
    return {
        "kind": "legal",
        "jurisdiction": code,
        "as_of": claim.claim.as_of,
        "command": f"speciosa legal {code} --history",
        "what": "the dated legal status of the jurisdiction, with sources, decides this claim",
    }


def _claim_entry(claim: AuditedClaim) -> dict[str, Any]:
    return {
        "sentence": claim.sentence,
        "start": claim.start,
        "end": claim.end,
        "claim_id": claim.claim_id,
        "claim": claim.claim.claim if claim.claim else None,
        "verdict": claim.verdict,
        "evidence_level": claim.evidence_level,
        "rationale": claim.rationale,
        "sources": list(claim.sources),
        "score": rounded(claim.score, 3),
        "runner_up": claim.runner_up,
        "checkworthy_because": claim.because,
        "also": [
            {
                "claim_id": c.id,
                "verdict": c.verdict,
                "evidence_level": c.evidence_level,
                "rationale": c.rationale,
                "score": rounded(score, 3),
            }
            for c, score in claim.also
        ],
        "as_of": claim.claim.as_of.isoformat() if claim.claim and claim.claim.as_of else None,
        "check": _check(claim),
    }


def audit_document(kb: KnowledgeBase, report: AuditReport) -> dict[str, Any]:
    """One audit as the JSON document of ``speciosa audit --format json``."""
    doc = report.document
    return {
        "document": {
            "name": doc.name,
            "kind": doc.kind,
            "encoding": doc.encoding,
            "characters": len(doc.text),
        },
        "claims": [_claim_entry(c) for c in report.claims],
        "summary": report.summary(),
        "references": {sid: format_citation(kb.source(sid)) for sid in report.sources},
        "model": {
            "embedding": report.model,
            "library_claims": report.library_size,
            "data_version": kb.version,
        },
        "note": "Verdicts are about the evidence for each claim; not medical advice. Claims that match no "
        "library claim are listed as not_in_library and have not been checked.",
    }


def table_section(report: AuditReport) -> str:
    """A terminal table of one audit, with a summary line."""
    rows = [
        {
            "chars": f"{c.start}-{c.end}",
            "verdict": c.verdict,
            "level": c.evidence_level or "-",
            "claim": c.claim_id or "-",
            "sentence": c.sentence,
        }
        for c in report.claims
    ]
    s = report.summary()
    verdicts = ", ".join(f"{k} {v}" for k, v in s["by_verdict"].items())  # type: ignore[attr-defined]
    head = (
        f"{report.document.name}: {s['sentences']} sentences, {s['checkworthy']} check-worthy claims "
        f"({s['matched']} in the library, {s['not_in_library']} not in the library): {verdicts or 'none'}"
    )
    return head + "\n" + render_table(rows)


def _md(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def markdown_section(kb: KnowledgeBase, report: AuditReport) -> str:
    """A Markdown section for one audit: claims table and references."""
    numbers = {sid: i for i, sid in enumerate(report.sources, 1)}
    lines = [f"## Audit of `{report.document.name}`", ""]
    s = report.summary()
    lines.append(
        f"{s['sentences']} sentences; {s['checkworthy']} check-worthy claims, {s['matched']} matched to the "
        f"library, {s['not_in_library']} not in the library."
    )
    lines += ["", "| # | Sentence | Verdict | Evidence | Why | Sources |", "|---|---|---|---|---|---|"]
    for i, c in enumerate(report.claims, 1):
        refs = ", ".join(f"[{numbers[x]}]" for x in c.sources)
        lines.append(
            f"| {i} | {_md(c.sentence)} | **{c.verdict}** | {c.evidence_level or '-'} | {_md(c.rationale)} | {refs} |"
        )
    if numbers:
        lines += ["", "### References", ""]
        lines += [f"{n}. {format_citation(kb.source(sid))}" for sid, n in numbers.items()]
    return "\n".join(lines) + "\n"


_CSS: Final = """
body{font:16px/1.55 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.5rem}h2{font-size:1.25rem;margin-top:2.5rem;border-bottom:1px solid #ccc}
.article{white-space:pre-wrap;background:#fafafa;border:1px solid #ddd;padding:1rem;border-radius:6px}
mark{padding:0 .1em;border-radius:3px;cursor:help}
.legend span{display:inline-block;margin:.2rem .4rem .2rem 0;padding:.1rem .5rem;border-radius:3px;font-size:.85rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border:1px solid #ddd;padding:.3rem .5rem;vertical-align:top;text-align:left}
.refs li{margin:.3rem 0;font-size:.9rem}.note{color:#555;font-size:.9rem}
@media print{mark{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def html_head(title: str) -> str:
    """Start of a self-contained HTML page (inline CSS, no external requests) with the legend."""
    legend = "".join(
        f'<span style="background:{colour}">{html.escape(_VERDICT_TEXT[v])}</span>'
        for v, colour in _VERDICT_COLOUR.items()
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>\n"
        f'<h1>{html.escape(title)}</h1>\n<p class="legend">{legend}</p>\n'
        '<p class="note">Hover over a highlighted sentence for the verdict and why. speciosa rates the evidence '
        "for each claim; it does not give medical advice or recommend kratom.</p>\n"
    )


def html_section(report: AuditReport, numbers: dict[str, int]) -> str:
    """One article with its check-worthy sentences highlighted by verdict, and its claims table.

    ``numbers`` maps source ids to reference numbers; new sources are added to it.
    """
    text = report.document.text
    parts: list[str] = []
    pos = 0
    for i, c in enumerate(report.claims, 1):
        for sid in c.sources:
            numbers.setdefault(sid, len(numbers) + 1)
        refs = ", ".join(f"[{numbers[x]}]" for x in c.sources)
        tip = f"#{i} {c.verdict}" + (f" · evidence: {c.evidence_level}" if c.evidence_level else "")
        tip += f" · {c.rationale}" + "".join(
            f" | also {o.id}: {o.verdict} · {o.rationale}" for o, _ in c.also
        )
        tip += f" Sources {refs}" if refs else ""
        parts.append(html.escape(text[pos : c.start]))
        parts.append(
            f'<mark id="c{i}" class="v-{c.verdict}" style="background:{_VERDICT_COLOUR[c.verdict]}" '
            f'title="{html.escape(tip, quote=True)}">{html.escape(text[c.start : c.end])}</mark>'
        )
        pos = c.end
    parts.append(html.escape(text[pos:]))
    s = report.summary()
    rows = "".join(
        f'<tr><td><a href="#c{i}">{i}</a></td><td>{html.escape(c.sentence)}</td><td>{html.escape(c.verdict)}</td>'
        f"<td>{html.escape(c.evidence_level or '-')}</td><td>{html.escape(c.rationale)}</td>"
        f"<td>{html.escape(', '.join(f'[{numbers[x]}]' for x in c.sources))}</td></tr>"
        for i, c in enumerate(report.claims, 1)
    )
    return (
        f"<h2>{html.escape(report.document.name)}</h2>\n"
        f"<p>{s['sentences']} sentences; {s['checkworthy']} check-worthy claims, {s['matched']} matched to the "
        f"claim library, {s['not_in_library']} not in the library.</p>\n"
        f'<div class="article">{"".join(parts)}</div>\n'
        "<table><thead><tr><th>#</th><th>Sentence</th><th>Verdict</th><th>Evidence</th><th>Why</th>"
        f"<th>Sources</th></tr></thead><tbody>{rows}</tbody></table>\n"
    )


def html_foot(kb: KnowledgeBase, numbers: dict[str, int], model: str) -> str:
    """The references list and provenance, closing the page."""
    refs = "".join(
        f'<li value="{n}" id="ref{n}">{html.escape(format_citation(kb.source(sid)))}</li>'
        for sid, n in numbers.items()
    )
    return (
        f'<h2>References</h2>\n<ol class="refs">{refs}</ol>\n'
        f'<p class="note">Claim library and evidence map: data {html.escape(kb.version)}; sentence matching: '
        f"{html.escape(model)} embeddings with lexical cues. Generated by speciosa.</p>\n</body></html>\n"
    )
