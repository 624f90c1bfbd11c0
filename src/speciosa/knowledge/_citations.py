"""Formatting bibliography entries as text (Vancouver style) and BibTeX."""

from __future__ import annotations

import re
from typing import Literal

from speciosa.knowledge._records import Source

__all__ = ["CitationStyle", "format_citation"]

CitationStyle = Literal["text", "bibtex"]
_BIBTEX_TYPE = {
    "article": "article",
    "review": "article",
    "conference_abstract": "inproceedings",
    "preprint": "misc",
    "book": "book",
}


def _authors_text(authors: list[str]) -> str:
    named = [a for a in authors if a.lower().rstrip(".") != "et al"]
    etal = len(named) < len(authors) or len(named) > 6
    shown = named[:3] if len(named) > 6 else named
    return ", ".join(shown) + (", et al." if etal else ".")


def _author_bibtex(author: str) -> str:
    # "Tanna RS" -> "Tanna, R. S."; anything else (an organisation) is kept whole in braces
    match = re.fullmatch(r"(?P<surname>[^\s].*?)\s+(?P<initials>[A-Z]{1,4})", author.strip())
    if match is None:
        return "{" + author + "}"
    initials = " ".join(f"{c}." for c in match["initials"])
    return f"{match['surname']}, {initials}"


def _volume_issue_pages(source: Source) -> str:
    out = ""
    if source.volume:
        out += source.volume
    if source.issue:
        out += f"({source.issue})"
    if source.pages:
        out += f":{source.pages}"
    return out


def format_citation(source: Source, style: CitationStyle = "text") -> str:
    """Format ``source`` as a reference.

    Parameters
    ----------
    source
        Bibliography entry.
    style
        ``"text"``: one Vancouver-style line with DOI/PMID/URL; ``"bibtex"``: a BibTeX entry keyed
        by the source id.

    Examples
    --------
    >>> from speciosa.knowledge import load_knowledge_base
    >>> print(format_citation(load_knowledge_base().source("tanna2022")))  # doctest: +ELLIPSIS
    Tanna RS, ... Pharmaceutics. 2022;14(3):620. doi:10.3390/pharmaceutics14030620. PMID: 35335999...
    """
    if style == "bibtex":
        return _bibtex(source)
    parts = [_authors_text(list(source.authors)), source.title.rstrip(".") + "."]
    venue = source.journal or ""
    vip = _volume_issue_pages(source)
    year = str(source.year) if source.year is not None else "n.d."
    if venue:
        parts.append(f"{venue}. {year}" + (f";{vip}." if vip else "."))
    else:
        parts.append(f"{year}.")
    if source.doi:
        parts.append(f"doi:{source.doi}.")
    if source.pmid:
        parts.append(f"PMID: {source.pmid}.")
    if source.pmcid:
        parts.append(f"PMCID: {source.pmcid}.")
    if source.url and not source.doi:
        accessed = f" (accessed {source.accessed.isoformat()})" if source.accessed else ""
        parts.append(f"{source.url}{accessed}.")
    return " ".join(parts)


def _bibtex(source: Source) -> str:
    entry_type = _BIBTEX_TYPE.get(source.kind, "misc")
    authors = [a for a in source.authors if a.lower().rstrip(".") != "et al"]
    names = " and ".join(_author_bibtex(a) for a in authors)
    if len(authors) < len(source.authors):
        names += " and others"
    fields: list[tuple[str, str | None]] = [
        ("author", names),
        ("title", "{" + source.title + "}"),
        ("journal" if entry_type == "article" else "howpublished", source.journal),
        ("year", str(source.year)),
        ("volume", source.volume),
        ("number", source.issue),
        ("pages", source.pages.replace("-", "--") if source.pages else None),
        ("doi", source.doi),
        ("pmid", source.pmid),
        ("url", source.url),
    ]
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields if value)
    return f"@{entry_type}{{{source.id},\n{body}\n}}"
