"""Record schemas: units must fit the parameter, statuses must be consistent."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from speciosa.knowledge import Affinity, Compound, CypInhibition, PkParameter, Product, ProteinBinding, Source

CITED = {"source": "x2020", "locator": "Table 1", "quality": "primary"}


def _value(value: float, unit: str) -> dict[str, Any]:
    return {"value": value, "unit": unit, **CITED}


def test_pk_parameter_unit_must_fit() -> None:
    ok = {"id": "a", "compound": "mitragynine", "species": "human", "route": "oral", "regimen": "single"}
    PkParameter.model_validate({**ok, "parameter": "Cmax", "value": _value(81.9, "nM")})
    PkParameter.model_validate({**ok, "parameter": "Cmax", "value": _value(32.6, "ng/mL")})
    with pytest.raises(ValidationError, match="unit 'h' of Cmax is not a molar concentration"):
        PkParameter.model_validate({**ok, "parameter": "Cmax", "value": _value(1, "h")})
    with pytest.raises(ValidationError, match="below the smallest allowed value"):
        PkParameter.model_validate({**ok, "parameter": "Cmax", "value": _value(-5, "nM")})
    with pytest.raises(ValidationError, match="above the largest allowed value"):
        PkParameter.model_validate({**ok, "parameter": "F", "value": _value(120, "percent")})
    # logP may be negative
    PkParameter.model_validate({**ok, "parameter": "logP", "value": _value(-0.5, "1")})


def test_affinity_not_measured_needs_searches_and_no_value() -> None:
    base = {"id": "a", "compound": "mitragynine", "target": "SERT", "status": "not_measured"}
    with pytest.raises(ValidationError, match="searched"):
        Affinity.model_validate(base)
    Affinity.model_validate({**base, "searched": ["PubMed: mitragynine serotonin transporter"]})
    with pytest.raises(ValidationError, match="cannot have a `value`"):
        Affinity.model_validate({**base, "searched": ["x"], "value": _value(1, "nM")})


def test_affinity_measured_needs_measure_species_value() -> None:
    base = {"id": "a", "compound": "mitragynine", "target": "MOR", "status": "measured"}
    with pytest.raises(ValidationError, match="needs `species`, `measure` and `value`"):
        Affinity.model_validate(base)
    full = {**base, "species": "human", "measure": "Ki", "value": _value(7.2, "nM")}
    Affinity.model_validate(full)
    with pytest.raises(ValidationError, match="Emax"):
        Affinity.model_validate({**full, "measure": "Emax", "value": _value(500, "percent")})


def test_cyp_kinact_is_a_rate() -> None:
    base = {"id": "a", "inhibitor": "mitragynine", "enzyme": "CYP3A", "parameter": "kinact"}
    CypInhibition.model_validate({**base, "value": _value(0.068, "1/min")})
    with pytest.raises(ValidationError, match="not a rate"):
        CypInhibition.model_validate({**base, "value": _value(0.068, "uM")})


def test_protein_binding_fraction_bounds() -> None:
    base = {"id": "a", "compound": "mitragynine", "species": "human", "matrix": "plasma", "parameter": "fu"}
    ProteinBinding.model_validate({**base, "value": _value(0.1, "1")})
    with pytest.raises(ValidationError, match="above the largest allowed"):
        ProteinBinding.model_validate({**base, "value": _value(1.5, "1")})


def test_product_content_unit_follows_basis() -> None:
    base = {"id": "p", "name": "P", "form": "powder", "category": "leaf_powder", "description": "d"}
    entry = {"compound": "mitragynine", "status": "measured", "value": _value(19.5, "mg/g")}
    Product.model_validate({**base, "basis": "per_g", "content": [entry]})
    with pytest.raises(ValidationError, match="not a mass"):
        Product.model_validate({**base, "basis": "per_unit", "content": [entry]})
    with pytest.raises(ValidationError, match="needs a `value`"):
        Product.model_validate(
            {**base, "basis": "per_g", "content": [{"compound": "mitragynine", "status": "measured"}]}
        )


def test_compound_rules() -> None:
    Compound.model_validate({"id": "x", "name": "X", "kind": "mixture"})
    with pytest.raises(ValidationError, match="mixture has no `formula`"):
        Compound.model_validate({"id": "x", "name": "X", "kind": "mixture", "formula": "C2H6O"})
    with pytest.raises(ValidationError, match="needs a `parent`"):
        Compound.model_validate({"id": "m", "name": "M", "kind": "metabolite", "formula": "C2H6O"})


def test_source_needs_locator_and_year() -> None:
    base = {"id": "x2020", "kind": "article", "authors": ["X Y"], "title": "T", "read": "abstract"}
    with pytest.raises(ValidationError, match="needs a `year`"):
        Source.model_validate({**base, "doi": "10.1000/xyz"})
    with pytest.raises(ValidationError, match="doi"):
        Source.model_validate({**base, "year": 2020})
    Source.model_validate({**base, "year": 2020, "pmid": "123"})
    web = {**base, "kind": "web", "url": "https://example.org/x"}
    with pytest.raises(ValidationError, match="accessed"):
        Source.model_validate(web)
    Source.model_validate({**web, "accessed": "2026-11-21"})
