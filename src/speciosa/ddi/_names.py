"""Drug names: ids, names, brands and common misspellings resolve to one drug record."""

from __future__ import annotations

import difflib
import re

from speciosa.errors import InputError
from speciosa.knowledge import Drug, KnowledgeBase

__all__ = ["drug_index", "resolve_drug"]


def _key(text: str) -> str:
    return re.sub(r"[\s\-_.,'®™]+", "", text.casefold())


def drug_index(kb: KnowledgeBase) -> dict[str, Drug]:
    """Normalised name (id, name, synonyms) -> drug. Ids and names win over synonyms."""
    index: dict[str, Drug] = {}
    for d in kb.drugs:
        for s in d.synonyms:
            index.setdefault(_key(s), d)
    for d in kb.drugs:
        index[_key(d.name)] = d
        index[_key(d.id)] = d
    return index


def resolve_drug(kb: KnowledgeBase, name: str) -> Drug:
    """The drug called ``name`` (case, spaces and hyphens ignored; brands and misspellings resolve).

    Raises
    ------
    InputError
        Field ``drug``, with the closest known names when there is no match.
    """
    index = drug_index(kb)
    key = _key(name)
    if key in index:
        return index[key]
    labels = {_key(x): x for d in kb.drugs for x in (d.name, *d.synonyms)}
    close = difflib.get_close_matches(key, list(labels), n=4, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(labels[c]) for c in close)}?" if close else ""
    raise InputError(
        "drug",
        f"unknown drug {name!r}{hint} (speciosa data show drugs lists the {len(kb.drugs)} known drugs)",
    )
