"""Number every source a report document cites, in order of first appearance."""

from __future__ import annotations

from typing import Any

from speciosa.knowledge import KnowledgeBase

__all__ = ["cited_sources", "number_sources"]


def _is_source_key(key: str) -> bool:
    return key in ("source", "sources", "id", "other_sources") or key.endswith("_source")


def cited_sources(kb: KnowledgeBase, node: Any, key: str = "") -> list[str]:
    """Source ids in ``node`` (a JSON-ready document), depth first, in document order.

    A string counts when it sits under a key ``source``, ``sources``, ``*_source`` (or ``id`` of
    an entry in one of those lists) and is an id in ``sources.yaml``; a provenance text that
    merely starts with an id does not.
    """
    found: list[str] = []
    if isinstance(node, dict):
        for k, v in node.items():
            found += cited_sources(kb, v, k)
    elif isinstance(node, list):
        for item in node:
            found += cited_sources(kb, item, key)
    elif isinstance(node, str) and _is_source_key(key) and kb.has("sources", node):
        found.append(node)
    return found


def number_sources(kb: KnowledgeBase, document: dict[str, Any]) -> dict[str, int]:
    """Source id -> reference number (1, 2, ...) in order of first appearance in ``document``.

    Examples
    --------
    >>> from speciosa.knowledge import load_knowledge_base
    >>> kb = load_knowledge_base()
    >>> number_sources(kb, {"a": {"source": "tanna2022"}, "b": {"sources": ["huestis2024", "tanna2022"]}})
    {'tanna2022': 1, 'huestis2024': 2}
    """
    numbers: dict[str, int] = {}
    for sid in cited_sources(kb, document):
        numbers.setdefault(sid, len(numbers) + 1)
    return numbers
