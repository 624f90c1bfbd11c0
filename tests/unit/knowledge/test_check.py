"""`check_knowledge_base` on deliberately broken copies of the shipped data.

Each broken copy must yield a problem that names the file, the record id and the field, so that
a curator can fix it without searching.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from speciosa.errors import DataError
from speciosa.knowledge import check_knowledge_base, default_data_dir, load_knowledge_base
from speciosa.knowledge._check import _numbers_without_source
from tests.conftest import Editor


def _first_with_value(records: list[dict[str, Any]]) -> dict[str, Any]:
    return next(r for r in records if isinstance(r.get("value"), dict))


def test_shipped_data_is_valid() -> None:
    report = check_knowledge_base()
    assert report.ok, "\n".join(map(str, report.problems))
    assert report.version is not None and report.version.startswith("20")
    assert report.counts["sources"] >= 60


def _break_missing_source(records: list[dict[str, Any]]) -> None:
    del _first_with_value(records)["value"]["source"]


def _break_unknown_source(records: list[dict[str, Any]]) -> None:
    _first_with_value(records)["value"]["source"] = "nobody1999"


def _break_negative_concentration(records: list[dict[str, Any]]) -> None:
    rec = next(r for r in records if r.get("parameter") == "Cmax")
    rec["value"]["value"] = -5.0
    rec["value"].pop("interval", None)


def _break_unknown_unit(records: list[dict[str, Any]]) -> None:
    _first_with_value(records)["value"]["unit"] = "nanomoles per bucket"


def _break_duplicate_id(records: list[dict[str, Any]]) -> None:
    records.append(dict(records[0]))


CASES = [
    ("missing source", "pk_parameters", _break_missing_source, "value.source", "required field is missing"),
    ("unknown source id", "pk_parameters", _break_unknown_source, "value.source", "unknown source id"),
    ("negative concentration", "pk_parameters", _break_negative_concentration, "value", "below the smallest"),
    ("unknown unit", "affinities", _break_unknown_unit, "value.unit", "unit"),
    ("duplicate id", "compounds", _break_duplicate_id, "id", "duplicate id"),
]


@pytest.mark.parametrize(
    ("name", "dataset", "breaker", "field", "fragment"), CASES, ids=[c[0] for c in CASES]
)
def test_broken_copy_is_reported(
    edit_dataset: Editor, name: str, dataset: str, breaker: Any, field: str, fragment: str
) -> None:
    path = edit_dataset(dataset, breaker)
    report = check_knowledge_base(path)
    assert not report.ok
    hits = [p for p in report.problems if p.file == f"{dataset}.yaml" and fragment in p.message]
    assert hits, f"{name}: {[str(p) for p in report.problems]}"
    assert hits[0].record not in ("-", "") and hits[0].field.startswith(field)
    with pytest.raises(DataError, match="problem"):
        load_knowledge_base(path)


def test_missing_file_and_bad_yaml(data_copy: Any) -> None:
    (data_copy / "targets.yaml").unlink()
    (data_copy / "gaps.yaml").write_text("dataset: gaps\nrecords: [\n", encoding="utf-8")
    (data_copy / "extra.yaml").write_text("dataset: extra\nrecords: []\n", encoding="utf-8")
    messages = [str(p) for p in check_knowledge_base(data_copy).problems]
    assert any(m.startswith("targets.yaml") and "file is missing" in m for m in messages)
    assert any(m.startswith("gaps.yaml") and "not valid YAML at line" in m for m in messages)
    assert any(m.startswith("extra.yaml") and "unknown dataset file" in m for m in messages)


def test_uncited_source_and_unknown_compound(edit_dataset: Editor) -> None:
    def add_source(records: list[dict[str, Any]]) -> None:
        records.append({**records[0], "id": "orphan2001"})

    edit_dataset("sources", add_source)

    def bad_compound(records: list[dict[str, Any]]) -> None:
        records[0]["compound"] = "mitragynin"

    path = edit_dataset("affinities", bad_compound)
    messages = [str(p) for p in check_knowledge_base(path).problems]
    assert any("'orphan2001'" in m and "cited by no record" in m for m in messages)
    assert any("unknown compound id 'mitragynin'" in m for m in messages)


def test_molar_mass_must_match_formula(edit_dataset: Editor) -> None:
    def wrong_mass(records: list[dict[str, Any]]) -> None:
        rec = next(r for r in records if r["id"] == "mitragynine")
        rec["molar_mass"]["value"] = 389.5  # digits swapped

    path = edit_dataset("compounds", wrong_mass)
    [problem] = [p for p in check_knowledge_base(path).problems if p.field == "molar_mass.value"]
    assert problem.record == "mitragynine" and "C23H30N2O4 (398.50 g/mol)" in problem.message


def test_provenance_walker_finds_bare_numbers() -> None:
    raw = {"id": "x", "value": {"value": 1, "source": "s", "locator": "l"}, "weight": 70, "list": [1.5]}
    assert sorted(_numbers_without_source(raw, "", False)) == ["list[0]", "weight"]


def test_every_shipped_record_round_trips() -> None:
    """Schema round trip: YAML -> model -> JSON-able dict -> model gives an equal record."""
    kb = load_knowledge_base()
    for name in ("sources", "compounds", "targets", "products", "pk_parameters", "affinities"):
        for record in kb.dataset(name):
            again = type(record).model_validate(record.model_dump(mode="json", exclude_none=True))
            assert again == record
    # and the shipped YAML is plain data a YAML loader reads back unchanged
    text = (default_data_dir() / "compounds.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(yaml.safe_dump(yaml.safe_load(text))) == yaml.safe_load(text)
