"""Plain summaries of records and of the whole knowledge base, for tables and reports."""

from __future__ import annotations

from collections import Counter
from typing import Any

from pydantic import BaseModel

from speciosa.knowledge._check import iter_cited_values
from speciosa.knowledge._evidence import Claim, Study
from speciosa.knowledge._records import Affinity, Compound, CypInhibition, Gap, Product, Source

__all__ = ["record_row", "summarize"]

_KEY_FIELDS = (
    "compound",
    "inhibitor",
    "target",
    "enzyme",
    "species",
    "parameter",
    "measure",
    "mode",
    "status",
    "form",
    "category",
    "kind",
)


def record_row(record: BaseModel) -> dict[str, str]:
    """One table row for ``record``: id, key fields, the main value, source and locator."""
    row: dict[str, str] = {"id": str(getattr(record, "id", ""))}
    if isinstance(record, Source):
        first = record.authors[0] if record.authors else ""
        row |= {"first_author": first, "year": str(record.year), "title": record.title}
        row["doi/pmid"] = record.doi or (f"PMID {record.pmid}" if record.pmid else record.url or "")
        return row
    for name in _KEY_FIELDS:
        value = getattr(record, name, None)
        if isinstance(value, str):
            row[name] = value
    if isinstance(record, Compound):
        row["formula"] = record.formula or ""
    if isinstance(record, Product):
        measured = [e.compound for e in record.content if e.value is not None]
        row["content"] = ", ".join(measured) or "none measured"
    if isinstance(record, Gap):
        row["what"] = record.what
    if isinstance(record, Claim):
        row |= {"verdict": record.verdict, "evidence_level": record.evidence_level, "claim": record.claim}
    if isinstance(record, Study):
        n = f"{record.n} {record.n_unit}" if record.n else ""
        row |= {"design": record.design, "n": n, "source": record.source, "locator": record.locator}
    main = getattr(record, "value", None) or getattr(record, "molar_mass", None)
    if main is not None:
        row["value"] = main.text()
        row["source"] = main.source
        row["locator"] = main.locator
        row["quality"] = main.quality
    elif isinstance(record, Affinity | CypInhibition) and record.status == "not_measured":
        row["value"] = "not measured"
    return row


def summarize(datasets: dict[str, tuple[BaseModel, ...]]) -> dict[str, Any]:
    """Counts that describe what the knowledge base holds.

    Returns
    -------
    dict
        ``records`` per dataset; ``values`` by quality; ``sources_read`` by what was read of
        them; ``not_measured`` affinity/inhibition records; ``unresolved``: ids of records whose
        value carries an unresolved contradiction; ``gaps`` by dataset.
    """
    quality: Counter[str] = Counter()
    unresolved: list[str] = []
    for records in datasets.values():
        for record in records:
            for _, value in iter_cited_values(record):
                quality[value.quality] += 1
                if not value.usable:
                    unresolved.append(str(getattr(record, "id", "?")))
    read = Counter(r.read for r in datasets.get("sources", ()) if isinstance(r, Source))
    not_measured = sum(
        1
        for name in ("affinities", "cyp_inhibition")
        for r in datasets.get(name, ())
        if getattr(r, "status", None) == "not_measured"
    )
    gaps = Counter(r.dataset for r in datasets.get("gaps", ()) if isinstance(r, Gap))
    return {
        "records": {name: len(records) for name, records in datasets.items()},
        "values": {"total": sum(quality.values()), **dict(sorted(quality.items()))},
        "sources_read": dict(sorted(read.items())),
        "not_measured": not_measured,
        "unresolved": unresolved,
        "gaps": dict(sorted(gaps.items())),
    }
