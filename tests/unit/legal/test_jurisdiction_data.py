"""The data check catches jurisdiction codes that are not ISO 3166 and parents without records."""

from __future__ import annotations

from typing import Any

from speciosa.knowledge import check_knowledge_base
from tests.conftest import Editor


def test_non_iso_code_and_missing_parent_are_reported(edit_dataset: Editor) -> None:
    def mutate(records: list[dict[str, Any]]) -> None:
        thailand = next(r for r in records if r["id"] == "TH")
        records.append(thailand | {"id": "XQ", "name": "Nowhere"})
        denver = next(r for r in records if r["id"] == "US-CO:denver")
        records.append(denver | {"id": "US-ZZ:town", "name": "Town"})

    report = check_knowledge_base(edit_dataset("jurisdictions", mutate))
    problems = {(p.record, p.message) for p in report.problems}
    assert any(r == "XQ" and "not an ISO 3166" in m for r, m in problems)
    assert any(r == "US-ZZ:town" and "'US-ZZ' is not an ISO 3166" in m for r, m in problems)
    assert any(r == "US-ZZ:town" and "parent 'US-ZZ' has no record" in m for r, m in problems)
