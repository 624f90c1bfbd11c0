"""``speciosa legal`` (status on a date, changes) and ``speciosa comply`` (product compliance)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from speciosa.cli._output import Format, emit_json, render_table, rounded
from speciosa.errors import InputError
from speciosa.knowledge import KnowledgeBase, LegalPeriod, LegalRule, format_citation, load_knowledge_base
from speciosa.legal import (
    Compliance,
    LegalChange,
    LegalStatus,
    LevelStatus,
    comply,
    legal_changes,
    legal_status,
    read_product,
)

__all__ = ["comply_command", "compliance_document", "legal", "status_document"]

_DISCLAIMER = "Legal information, not legal advice; laws change, check the cited source before acting."


def parse_day(text: str | None, option: str) -> dt.date | None:
    """``YYYY-MM-DD`` (or ``today``) to a date; ``None`` passes through."""
    if text is None:
        return None
    if text.strip().lower() == "today":
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(
            option, f"{text!r} is not a date; give YYYY-MM-DD, e.g. 2025-09-01, or 'today'"
        ) from None


class _Refs:
    """Numbers sources in order of first use."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.numbers: dict[str, int] = {}

    def __call__(self, source: str | None) -> int | None:
        if source is None:
            return None
        return self.numbers.setdefault(source, len(self.numbers) + 1)

    def document(self) -> list[dict[str, Any]]:
        out = []
        for sid, n in self.numbers.items():
            src = self.kb.source(sid)
            out.append({"ref": n, "id": sid, "citation": format_citation(src), "url": src.url})
        return out


def _rule(rule: LegalRule, refs: _Refs) -> dict[str, Any]:
    return {
        "kind": rule.kind,
        "value": rule.value,
        "unit": rule.unit,
        "forms": list(rule.forms) or None,
        "applies_to": list(rule.applies_to) or None,
        "detail": rule.detail,
        "source": rule.source,
        "locator": rule.locator,
        "ref": refs(rule.source),
    }


def _period(period: LegalPeriod, refs: _Refs) -> dict[str, Any]:
    return {
        "status": period.status,
        "scope": list(period.scope),
        "law": period.law,
        "since": period.valid_from.isoformat(),
        "since_basis": period.from_basis,
        "until": period.valid_to.isoformat() if period.valid_to else None,
        "source": period.source,
        "locator": period.locator,
        "ref": refs(period.source),
        "other_sources": [{"id": s, "ref": refs(s)} for s in period.sources],
        "confidence": period.confidence,
        "note": period.note,
    }


def _level(level: LevelStatus, refs: _Refs) -> dict[str, Any]:
    block: dict[str, Any] = {"jurisdiction": level.code, "name": level.name, "status": level.status}
    if level.period is not None:
        block |= _period(level.period, refs)
        block["rules"] = [_rule(r, refs) for r in level.period.rules]
    else:
        block |= {"scope": [], "rules": [], "note": "no record covers this date"}
    return block


def status_document(kb: KnowledgeBase, st: LegalStatus) -> dict[str, Any]:
    """The status as a JSON-ready document (what ``speciosa legal CODE --format json`` prints)."""
    refs = _Refs(kb)
    own = _level(st.own, refs)
    deciding = st.deciding
    return {
        "jurisdiction": st.place.code,
        "name": st.place.name,
        "on": st.on.isoformat(),
        "status": st.status,
        "decided_by": st.decided_by,
        "scope": list(deciding.period.scope) if deciding and deciding.period else [],
        "own_status": st.own.status,
        "law": own.get("law"),
        "since": own.get("since"),
        "until": own.get("until"),
        "rules": own["rules"],
        "inherited": [_level(lv, refs) for lv in st.inherited],
        "own": own,
        "confidence": st.confidence,
        "notes": list(st.notes),
        "sources": refs.document(),
        "data_version": kb.version,
        "disclaimer": _DISCLAIMER,
    }


def _words(text: str) -> str:
    return text.replace("_", " ")


def _footer(sources: list[dict[str, Any]], version: str) -> list[str]:
    refs = [f"  [{s['ref']}] {s['citation']}" for s in sources]
    return ["", "References", *refs, "", f"{_DISCLAIMER} Data {version}."]


def _render_level(block: dict[str, Any], indent: str) -> list[str]:
    lines = []
    if block.get("since"):
        law = f" under {block['law']}" if block.get("law") else ""
        until = f" until {block['until']}" if block.get("until") else ""
        scope = f" ({', '.join(_words(s) for s in block['scope'])})" if block["scope"] else ""
        lines.append(
            f"{indent}{block['status'].upper()}{scope}{law}, since {block['since']}{until} "
            f"[{block['ref']}], confidence {block['confidence']}"
        )
    else:
        lines.append(f"{indent}UNKNOWN: no record covers this date")
    for rule in block["rules"]:
        lines.append(f"{indent}  - {_words(rule['kind'])}: {rule['detail']} [{rule['ref']}]")
    if block.get("note"):
        lines.append(f"{indent}  note: {' '.join(block['note'].split())}")
    return lines


def _render_status(doc: dict[str, Any]) -> str:
    lines = [f"{doc['name']} ({doc['jurisdiction']}) on {doc['on']}: {doc['status'].upper()}"]
    if doc["decided_by"] and doc["decided_by"] != doc["jurisdiction"]:
        lines[0] += f" (from {doc['decided_by']}; strictest level applies)"
    lines.append(f"Confidence: {doc['confidence']}")
    lines.append("")
    lines.append(f"{doc['jurisdiction']}:")
    lines += _render_level(doc["own"], "  ")
    for block in doc["inherited"]:
        lines.append(f"{block['jurisdiction']} ({block['name']}), inherited:")
        lines += _render_level(block, "  ")
    if doc["notes"]:
        lines.append("")
        lines += [f"Note: {' '.join(n.split())}" for n in doc["notes"]]
    return "\n".join(lines + _footer(doc["sources"], doc["data_version"]))


def _change_row(change: LegalChange, kb: KnowledgeBase) -> dict[str, Any]:
    before = change.before.status if change.before else "(no record)"
    period = change.period
    return {
        "date": change.day.isoformat(),
        "jurisdiction": change.code,
        "name": change.name,
        "from": before,
        "to": period.status,
        "scope": list(period.scope),
        "law": period.law,
        "date_basis": period.from_basis,
        "confidence": period.confidence,
        "source": period.source,
        "citation": format_citation(kb.source(period.source)),
        "locator": period.locator,
    }


def legal(
    jurisdiction: Annotated[
        str | None,
        typer.Argument(
            help="ISO 3166 code (TH, GB, US-LA) or locality (US-CA:san-diego); omit with --changes/--list."
        ),
    ] = None,
    on: Annotated[str | None, typer.Option("--on", help="Date, YYYY-MM-DD (default today).")] = None,
    changes: Annotated[bool, typer.Option("--changes", help="List changes of law (needs --since).")] = False,
    since: Annotated[
        str | None, typer.Option("--since", help="With --changes: first date, YYYY-MM-DD.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="With --changes: last date (default none).")
    ] = None,
    history: Annotated[
        bool, typer.Option("--history", help="Every recorded period of JURISDICTION.")
    ] = False,
    list_: Annotated[bool, typer.Option("--list", help="List the jurisdictions in the data.")] = False,
    format: Annotated[
        Format, typer.Option("--format", "-f", help="table (human) or json (one JSON document).")
    ] = Format.table,
) -> None:
    """Legal status of kratom in a jurisdiction on a date, with inherited law and sources.

    A locality inherits its state's and country's law, and the strictest status applies. A date
    before every record gives 'unknown'. Legal information, not legal advice.
    """
    modes = [
        name for name, given in (("--list", list_), ("--changes", changes), ("--history", history)) if given
    ]
    if len(modes) > 1:
        raise InputError(modes[1], f"{' and '.join(modes)} are separate views; give one of them")
    if on is not None and (changes or history):
        raise InputError(
            "--on",
            f"--on picks one date, {modes[0]} covers many; use --since/--until with --changes, or drop --on",
        )
    day = parse_day(on, "--on")
    if not changes and (since is not None or until is not None):
        raise InputError(
            "--since" if since is not None else "--until", "--since and --until go with --changes"
        )
    start, end = parse_day(since, "--since"), parse_day(until, "--until")
    if start is not None and end is not None and end < start:
        raise InputError("--until", f"--until {end} is before --since {start}; give the earlier date first")
    if list_ and jurisdiction is not None:
        raise InputError("jurisdiction", "--list shows every jurisdiction; drop the code or drop --list")
    kb = load_knowledge_base()
    if list_:
        _list(kb, day or dt.date.today(), format)
        return
    if changes:
        if start is None:
            raise InputError("--since", "--changes needs --since YYYY-MM-DD")
        within = legal_status(kb, jurisdiction, day).place.code if jurisdiction else None
        found = legal_changes(kb, start, end, within)
        rows = [_change_row(c, kb) for c in found]
        if format is Format.json:
            emit_json(
                {"since": start.isoformat(), "within": within, "changes": rows, "data_version": kb.version}
            )
        else:
            shown = [
                {k: r[k] for k in ("date", "jurisdiction", "from", "to", "law", "confidence")} for r in rows
            ]
            typer.echo(render_table(shown))
            typer.echo(f"{len(rows)} change(s) since {start} (data {kb.version}). {_DISCLAIMER}")
        return
    if jurisdiction is None:
        raise InputError(
            "jurisdiction", "give a code such as US-LA or TH, or use --changes --since DATE or --list"
        )
    status = legal_status(kb, jurisdiction, day)
    if history:
        _history(kb, status, format)
        return
    doc = status_document(kb, status)
    if format is Format.json:
        emit_json(doc)
    else:
        typer.echo(_render_status(doc))


def _list(kb: KnowledgeBase, day: dt.date, format: Format) -> None:
    rows = []
    for record in sorted(kb.jurisdictions, key=lambda j: j.id):
        period = record.period_on(day)
        rows.append(
            {
                "code": record.id,
                "name": record.name,
                "status": period.status if period else "unknown",
                "since": period.valid_from.isoformat() if period else None,
                "confidence": period.confidence if period else None,
                "periods": len(record.history),
            }
        )
    if format is Format.json:
        emit_json({"on": day.isoformat(), "jurisdictions": rows, "data_version": kb.version})
    else:
        typer.echo(render_table(rows))
        typer.echo(f"{len(rows)} jurisdictions on {day} (data {kb.version})")


def _history(kb: KnowledgeBase, status: LegalStatus, format: Format) -> None:
    code = status.place.code
    if not kb.has("jurisdictions", code):
        raise InputError("jurisdiction", f"{code} has no recorded history; see `speciosa legal --list`")
    refs = _Refs(kb)
    periods = [
        _period(p, refs) | {"rules": [_rule(r, refs) for r in p.rules]} for p in kb.jurisdiction(code).history
    ]
    if format is Format.json:
        emit_json(
            {
                "jurisdiction": code,
                "name": status.place.name,
                "history": periods,
                "sources": refs.document(),
                "data_version": kb.version,
            }
        )
        return
    lines = [f"{status.place.name} ({code}): {len(periods)} period(s)"]
    for block in periods:
        lines += _render_level(block, "  ")
    lines.append("References")
    lines += [f"  [{s['ref']}] {s['citation']}" for s in refs.document()]
    typer.echo("\n".join(lines))


def compliance_document(kb: KnowledgeBase, result: Compliance) -> dict[str, Any]:
    """The compliance result as a JSON-ready document (what ``speciosa comply -f json`` prints)."""
    refs = _Refs(kb)
    findings = []
    for f in result.findings:
        findings.append(
            {
                "rule": f.rule,
                "kind": f.kind,
                "result": f.result,
                "binding": f.binding,
                "detail": f.detail,
                "jurisdiction": f.jurisdiction,
                "source": f.source,
                "locator": f.locator,
                "ref": refs(f.source),
                "measured": rounded(f.measured),
                "limit": rounded(f.limit),
                "unit": f.unit,
            }
        )
    obligations = [{"jurisdiction": code, **_rule(rule, refs)} for code, rule in result.obligations]
    st = result.status
    return {
        "product": result.product.name,
        "form": result.product.form,
        "jurisdiction": st.place.code,
        "on": st.on.isoformat(),
        "status": st.status,
        "compliant": {True: "yes", False: "no", None: "undetermined"}[result.compliant],
        "not_checked": [
            f"{f.jurisdiction}: {f.rule}" if f.jurisdiction else f.rule for f in result.not_checked
        ],
        "product_classes": list(result.classes),
        "findings": findings,
        "obligations": obligations,
        "assumptions": list(result.assumptions),
        "notes": list(st.notes),
        "sources": refs.document(),
        "data_version": kb.version,
        "disclaimer": _DISCLAIMER,
    }


def _render_compliance(doc: dict[str, Any]) -> str:
    n = len(doc["not_checked"])
    verdict = {
        "yes": "COMPLIANT",
        "no": "NOT COMPLIANT" + (f" (and {n} binding item(s) not checked)" if n else ""),
        "undetermined": f"UNDETERMINED ({n} binding item(s) not checked; none failed)",
    }[doc["compliant"]]
    lines = [
        f"{doc['product']} ({doc['form']}) in {doc['jurisdiction']} on {doc['on']}: {verdict}",
        f"Status there: {doc['status']}; product classes: "
        + ", ".join(_words(c) for c in doc["product_classes"]),
        "",
        "Findings (pass, FAIL or not checked; binding = a legal requirement of the place, "
        "advisory otherwise)",
    ]
    for f in doc["findings"]:
        mark = {"pass": "pass       ", "fail": "FAIL       ", "not_checked": "not checked"}[f["result"]]
        kind = "binding " if f["binding"] else "advisory"
        ref = f" [{f['ref']}]" if f["ref"] else ""
        where = f"{f['jurisdiction']}: " if f["jurisdiction"] else ""
        lines.append(f"  {mark} {kind} {where}{f['rule']}{ref}")
        lines.append(f"       {' '.join(f['detail'].split())}")
    if doc["obligations"]:
        lines.append("")
        lines.append("Obligations of sellers and makers (not checkable from the product file)")
        for o in doc["obligations"]:
            lines.append(f"  {o['jurisdiction']}: {_words(o['kind'])}: {o['detail']} [{o['ref']}]")
    lines.append("")
    lines.append("Assumptions: " + "; ".join(doc["assumptions"]) + ".")
    for note in doc["notes"]:
        lines.append(f"Note: {note}")
    return "\n".join(lines + _footer(doc["sources"], doc["data_version"]))


def comply_command(
    product_file: Annotated[
        Path, typer.Argument(help="Product JSON: name, form, alkaloids_mg_per_g, label, ...")
    ],
    where: Annotated[
        str, typer.Option("--where", help="Jurisdiction code, e.g. US-TX, TH, US-CA:san-diego.")
    ],
    on: Annotated[str | None, typer.Option("--on", help="Date, YYYY-MM-DD (default today).")] = None,
    tolerance: Annotated[
        float,
        typer.Option(
            "--tolerance", help="Accepted label vs certificate difference (0.2 = ±20 %; an assumption)."
        ),
    ] = 0.2,
    format: Annotated[
        Format, typer.Option("--format", "-f", help="table (human) or json (one JSON document).")
    ] = Format.table,
) -> None:
    """Check a product (certificate of analysis and label) against the law of a place on a date.

    Each rule in force (state, federal, local) is checked, plus signs of adulteration (7-OH above
    natural leaf), stated vs measured potency and contaminants. Exit 0 with the verdict; 2 for a
    bad product file or place. Legal information, not legal advice.
    """
    if not 0 <= tolerance <= 1:
        raise InputError("--tolerance", f"must be between 0 and 1 (0.2 = ±20 %), got {tolerance:g}")
    kb = load_knowledge_base()
    day = parse_day(on, "--on")
    legal_status(kb, where, day)  # an unknown place fails before the file is read
    product = read_product(kb, product_file)
    result = comply(kb, product, where, day, tolerance=tolerance)
    doc = compliance_document(kb, result)
    if format is Format.json:
        emit_json(doc)
    else:
        typer.echo(_render_compliance(doc))
