"""README.md says what the repository holds: datasets, modules, linked files and the counts it quotes.

The commands of its examples are run by tests/e2e/test_readme_examples.py; its version by
tests/unit/test_version.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from speciosa.knowledge import DATASETS, KnowledgeBase, load_knowledge_base

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
PACKAGE = ROOT / "src" / "speciosa"


def _section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def test_dataset_table_lists_every_dataset_in_order() -> None:
    table = re.findall(r"^\| `(\w+)` \|", _section("The knowledge base"), re.MULTILINE)
    assert table == list(DATASETS)


def test_layout_lists_every_module_and_package() -> None:
    layout = _section("Layout")
    block = layout[layout.index("src/speciosa/\n") : layout.index("\ntests/")]
    listed = re.findall(r"^  (\S+?)/?\s", block, re.MULTILINE)
    present = sorted(
        p.name
        for p in PACKAGE.iterdir()
        if p.name not in ("__init__.py", "py.typed")
        and not p.name.startswith(".")
        and (p.suffix == ".py" or (p.is_dir() and p.name != "__pycache__"))
    )
    assert sorted(listed) == present


def test_every_path_the_readme_names_exists() -> None:
    links = re.findall(r"\]\(([^)#:]+)\)", README)  # relative Markdown links
    docs = re.findall(r"\b(docs/[\w./-]+)", README)
    top = re.findall(r"^([\w.-]+/?)\s", _section("Layout").split("```")[1], re.MULTILINE)
    named = {*links, *docs, *(name for name in top if name not in ("src/speciosa/",))}
    assert {"docs/report.md", "examples/README.md", "layers.toml", "scripts/"} <= named
    missing = sorted(name for name in named if not (ROOT / name.rstrip(".,;")).exists())
    assert missing == []


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


def _quoted(pattern: str) -> int:
    found = re.findall(pattern, " ".join(_section_status().split()))
    assert len(found) == 1, pattern
    return int(found[0])


def _section_status() -> str:
    start = README.index("**Status (")
    return README[start : README.index("\n\n", start)]


def test_status_counts_match_the_knowledge_base(kb: KnowledgeBase) -> None:
    assert _quoted(r"with (\d+) co-medications") == len(kb.drugs)
    assert _quoted(r"evidence map of (\d+) studies") == len(kb.studies)
    assert _quoted(r"a (\d+)-claim library") == len(kb.claims)
    countries = [j for j in kb.jurisdictions if re.fullmatch(r"[A-Z]{2}", j.id) and j.id != "US"]
    assert _quoted(r"and (\d+) countries and territories") == len(countries)
    states = [j for j in kb.jurisdictions if re.fullmatch(r"US-[A-Z]{2}", j.id) and j.id != "US-DC"]
    assert _quoted(r"\(federal, (\d+) states, DC, localities\)") == len(states)
