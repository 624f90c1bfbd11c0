"""The loader validates once, caches, and answers lookups with suggestions."""

from __future__ import annotations

import pytest

from speciosa.errors import UnknownIdError
from speciosa.knowledge import DATASETS, KnowledgeBase, load_knowledge_base


def test_loaded_once_and_cached() -> None:
    assert load_knowledge_base() is load_knowledge_base()


def test_lookups() -> None:
    kb = load_knowledge_base()
    assert isinstance(kb, KnowledgeBase)
    assert kb.compound("mitragynine").formula == "C23H30N2O4"
    assert kb.source("tanna2022").doi == "10.3390/pharmaceutics14030620"
    assert set(kb.counts()) == set(DATASETS)
    with pytest.raises(UnknownIdError, match="did you mean 'mitragynine'"):
        kb.compound("mitragynin")
    with pytest.raises(UnknownIdError, match="unknown dataset"):
        kb.dataset("sauces")


def test_records_are_immutable() -> None:
    kb = load_knowledge_base()
    with pytest.raises(Exception, match="frozen"):
        kb.compound("mitragynine").name = "x"  # type: ignore[misc]
