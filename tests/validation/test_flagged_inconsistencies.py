"""Inconsistencies flagged in the reference sheet are resolved from the source or marked unresolved.

1. Obeng et al. 2021 (JPET 376:410) abstract: "Ki values 77.9 and 709 nM, respectively" for
   mitragynine and 7-OH at MOR, which conflicts with 7-OH being the stronger MOR ligand. Table 1 was
   not readable here, so both values are recorded as printed and marked unresolved.
2. Hanapi et al. 2013 (Pharmacognosy Res 5:241) abstract: CYP2D6 IC50 "0.45 mM", ranked strongest
   ahead of 9.70 uM for CYP2C9, which fits only uM. Recorded as printed, marked unresolved.

If a later curator reads the tables, this test changes with the data, on purpose.
"""

from __future__ import annotations

import pytest

from speciosa.knowledge import Affinity, CypInhibition, load_knowledge_base

pytestmark = pytest.mark.validation


def test_obeng2021_pairing_marked_unresolved() -> None:
    kb = load_knowledge_base()
    records = {r.id: r for r in kb.affinities}
    for rid, compound, value in [
        ("obeng2021-mg-mor-ki-as-printed", "mitragynine", 77.9),
        ("obeng2021-7oh-mor-ki-as-printed", "7-hydroxymitragynine", 709.0),
    ]:
        record = records[rid]
        assert isinstance(record, Affinity) and record.value is not None
        assert record.compound == compound and record.value.value == value and record.value.unit == "nM"
        assert not record.value.usable and "Table 1" in (record.value.unresolved or "")


def test_hanapi2013_unit_marked_unresolved() -> None:
    kb = load_knowledge_base()
    [record] = [r for r in kb.cyp_inhibition if r.id == "hanapi2013-mg-cyp2d6-rec-ic50"]
    assert isinstance(record, CypInhibition) and record.value is not None
    assert record.value.unit == "mM" and not record.value.usable


def test_usable_values_exist_for_the_same_questions() -> None:
    """Downstream models have a usable CYP2D6 constant (Tanna 2021 HLM Ki 1.17 uM, abstract)."""
    kb = load_knowledge_base()
    usable = [
        r
        for r in kb.cyp_inhibition
        if r.enzyme == "CYP2D6" and r.inhibitor == "mitragynine" and r.value is not None and r.value.usable
    ]
    assert any(r.value is not None and r.value.source == "tanna2021" and r.parameter == "Ki" for r in usable)
