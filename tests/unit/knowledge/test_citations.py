"""Citations: every shipped source formats as a usable reference in both styles."""

from __future__ import annotations

import re

from speciosa.knowledge import Source, format_citation, load_knowledge_base


def test_text_and_bibtex_for_every_source() -> None:
    for source in load_knowledge_base().sources:
        text = format_citation(source)
        assert source.title.rstrip(".")[:20] in text
        assert any(x in text for x in filter(None, [source.doi, source.pmid, source.url]))
        bib = format_citation(source, "bibtex")
        assert bib.startswith("@") and f"{{{source.id}," in bib.splitlines()[0]
        assert bib.count("{") == bib.count("}")


def test_known_reference_text() -> None:
    source = Source.model_validate(
        {
            "id": "tanna2022",
            "kind": "article",
            "authors": ["Tanna RS", "Nguyen JT", "Hadi DL", "et al."],
            "year": 2022,
            "title": "Clinical pharmacokinetic assessment of kratom",
            "journal": "Pharmaceutics",
            "volume": "14",
            "issue": "3",
            "pages": "620",
            "doi": "10.3390/pharmaceutics14030620",
            "pmid": "35335999",
            "read": "abstract",
        }
    )
    assert format_citation(source) == (
        "Tanna RS, Nguyen JT, Hadi DL, et al. Clinical pharmacokinetic assessment of kratom. "
        "Pharmaceutics. 2022;14(3):620. doi:10.3390/pharmaceutics14030620. PMID: 35335999."
    )
    bib = format_citation(source, "bibtex")
    assert "author = {Tanna, R. S. and Nguyen, J. T. and Hadi, D. L. and others}" in bib
    assert re.search(r"^@article\{tanna2022,$", bib, re.M)
