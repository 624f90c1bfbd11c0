"""Product files: bad input names the field and what is accepted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from speciosa.errors import InputError
from speciosa.knowledge import KnowledgeBase, load_knowledge_base
from speciosa.legal import read_product

GOOD = {
    "name": "x",
    "form": "powder",
    "alkaloids_mg_per_g": {"MG": 15, "7-OH": 0.1},
    "synthetic_or_added_alkaloids": False,
    "label": {"serving_size_g": 2},
    "lot": "A1",
}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


def test_names_resolve_and_extra_fields_are_kept(kb: KnowledgeBase) -> None:
    product = read_product(kb, "p.json", text=json.dumps(GOOD))
    assert product.alkaloids_mg_per_g == {"mitragynine": 15, "7-hydroxymitragynine": 0.1}
    assert product.model_extra == {"lot": "A1"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"form": "vape"}, r"p.json: form: .*accepted: powder, capsules, tea, extract, shot, tablet, gummy"),
        ({"alkaloids_mg_per_g": {"MG": -1}}, r"alkaloids_mg_per_g.MG: .*greater than or equal to 0"),
        (
            {"alkaloids_mg_per_g": {"unobtainium": 1}},
            r"unknown p.json: alkaloids_mg_per_g compound 'unobtainium'",
        ),
        ({"alkaloids_mg_per_g": {"MG": 900, "7-OH": 200}}, r"more than the product \(1000\)"),
        ({"label": {"serving_size_g": 0}}, r"label.serving_size_g: .*greater than 0"),
        ({"synthetic_or_added_alkaloids": "maybe"}, r"synthetic_or_added_alkaloids"),
        ({"contaminants": {"microbes": {"salmonella": "positive"}}}, r"contaminants.microbes.salmonella"),
    ],
)
def test_bad_fields_are_named(kb: KnowledgeBase, change: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_product(kb, "p.json", text=json.dumps(GOOD | change))


def test_missing_field_and_bad_json(kb: KnowledgeBase, tmp_path: Path) -> None:
    missing = {k: v for k, v in GOOD.items() if k != "label"}
    with pytest.raises(InputError, match=r"label: Field required"):
        read_product(kb, "p.json", text=json.dumps(missing))
    with pytest.raises(InputError, match=r"not valid JSON .* line 1"):
        read_product(kb, "p.json", text="{name: x}")
    with pytest.raises(InputError, match="must hold a JSON object"):
        read_product(kb, "p.json", text="[1, 2]")
    with pytest.raises(InputError, match="does not exist"):
        read_product(kb, tmp_path / "absent.json")
    binary = tmp_path / "b.json"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(InputError, match="UTF-8"):
        read_product(kb, binary)
