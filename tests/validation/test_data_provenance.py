"""Every number in the shipped data has a source and a locator (DESIGN.md, "Knowledge base").

This walker is deliberately independent of the checker in ``speciosa.knowledge._check``: it reads
the raw YAML and fails on any number that has no mapping with both ``source`` and ``locator`` on
its path. The only exemption is the publication year of a bibliography entry.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from speciosa.knowledge import DATASETS, default_data_dir, load_knowledge_base

pytestmark = pytest.mark.validation
EXEMPT = {("sources", "year")}


def bare_numbers(node: Any, path: str, covered: bool, dataset: str) -> Iterator[str]:
    if isinstance(node, dict):
        covered = covered or ("source" in node and "locator" in node)
        for key, sub in node.items():
            if (dataset, key) in EXEMPT and not isinstance(sub, dict | list):
                continue
            yield from bare_numbers(sub, f"{path}.{key}", covered, dataset)
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            yield from bare_numbers(sub, f"{path}[{i}]", covered, dataset)
    elif isinstance(node, int | float) and not isinstance(node, bool) and not covered:
        yield path


@pytest.mark.parametrize("dataset", list(DATASETS))
def test_no_number_without_source_and_locator(dataset: str) -> None:
    doc = yaml.safe_load((default_data_dir() / f"{dataset}.yaml").read_text(encoding="utf-8"))
    offenders = [
        f"{rec.get('id', i)}{where}"
        for i, rec in enumerate(doc["records"])
        for where in bare_numbers(rec, "", False, dataset)
    ]
    assert not offenders, f"{dataset}: numbers without source+locator: {offenders[:10]}"


def test_walker_can_fail(tmp_path: Path) -> None:
    record = {"id": "x", "value": {"value": 3.0, "source": "s", "locator": "Table 1"}, "weight_kg": 70}
    assert list(bare_numbers(record, "", False, "pk_parameters")) == [".weight_kg"]


def test_derived_values_state_formula_and_inputs() -> None:
    kb = load_knowledge_base()
    from speciosa.knowledge._check import iter_cited_values

    for name in DATASETS:
        for record in kb.dataset(name):
            for path, value in iter_cited_values(record):
                if value.quality == "derived":
                    assert value.derivation is not None, f"{name}/{getattr(record, 'id', '?')}/{path}"
                    assert value.derivation.inputs


def test_every_source_is_cited_and_sixty_or_more() -> None:
    report_sources = load_knowledge_base().sources
    assert len(report_sources) >= 60
