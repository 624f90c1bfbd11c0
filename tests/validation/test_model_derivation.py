"""The bundled model file is what the derivation gives (no hand-edited numbers)."""

from __future__ import annotations

import pytest
import yaml

from speciosa.knowledge import load_knowledge_base
from speciosa.pk._library import build_kratom_model
from speciosa.pk._model import models_dir

pytestmark = [pytest.mark.validation, pytest.mark.slow]


def test_model_file_equals_a_fresh_derivation() -> None:
    shipped = yaml.safe_load((models_dir() / "kratom-alkaloids.yaml").read_text(encoding="utf-8"))
    fresh = yaml.safe_load(yaml.safe_dump(build_kratom_model(load_knowledge_base()), sort_keys=False))
    assert shipped.keys() == fresh.keys()
    for name, par in fresh["parameters"].items():
        assert shipped["parameters"][name]["value"]["value"] == pytest.approx(
            par["value"]["value"], rel=1e-3
        ), name
    assert {k: v for k, v in shipped.items() if k != "parameters"} == {
        k: v for k, v in fresh.items() if k != "parameters"
    }
