"""Drug names: ids, brands, misspellings; unknown names suggest close matches."""

from __future__ import annotations

import pytest

from speciosa.ddi import resolve_drug
from speciosa.errors import InputError
from speciosa.knowledge import load_knowledge_base


@pytest.mark.parametrize(
    ("name", "drug"),
    [
        ("sertraline", "sertraline"),
        ("Zoloft", "sertraline"),
        ("ZOLOFT", "sertraline"),
        ("sertaline", "sertraline"),
        ("Ultram", "tramadol"),
        ("Prozac", "fluoxetine"),
        ("Xanax", "alprazolam"),
        ("DXM", "dextromethorphan"),
        ("Seroquel XR", "quetiapine"),
        ("citalopran", "citalopram"),
    ],
)
def test_names_brands_and_misspellings_resolve(name: str, drug: str) -> None:
    assert resolve_drug(load_knowledge_base(), name).id == drug


def test_unknown_name_names_the_field_and_suggests() -> None:
    with pytest.raises(InputError) as err:
        resolve_drug(load_knowledge_base(), "sertralin")
    assert err.value.field == "drug"
    assert "sertraline" in err.value.message
