"""The error hierarchy: one base, builtin parents, messages that name the field and the fix."""

from __future__ import annotations

import pytest

from speciosa.errors import DataError, InputError, SchemaError, SpeciosaError, UnitError, UnknownIdError


def test_hierarchy() -> None:
    assert issubclass(InputError, SpeciosaError) and issubclass(InputError, ValueError)
    assert issubclass(UnitError, InputError)
    assert issubclass(UnknownIdError, InputError) and issubclass(UnknownIdError, LookupError)
    assert issubclass(SchemaError, DataError) and issubclass(SchemaError, ValueError)
    assert not issubclass(DataError, InputError)


def test_unknown_id_suggests_close_matches() -> None:
    err = UnknownIdError("source id", "tana2022", ["tanna2022", "tanna2021", "obeng2021"])
    assert str(err).startswith("source id: unknown source id 'tana2022'; did you mean 'tanna2022'")


def test_unknown_id_lists_small_sets_and_counts_large_ones() -> None:
    assert "known: a, b" in str(UnknownIdError("dataset", "zzz", ["a", "b"]))
    many = [f"x{i}" for i in range(50)]
    assert "50 known" in str(UnknownIdError("compound id", "qqq", many))


def test_schema_error_locates_problem() -> None:
    err = SchemaError("compounds.yaml", "mitragynine", "molar_mass.unit", "unknown unit 'gmol'")
    assert str(err) == "compounds.yaml: record 'mitragynine', field 'molar_mass.unit': unknown unit 'gmol'"
    with pytest.raises(ValueError):
        raise err
