"""Regressions found by the fuzz suite (issue 17, deliverable 6: tests/fuzz).

Each input below ended in exit 1 ("internal error") or ran past the time bound before its fix;
each must now be refused with exit 2 and a one-line message naming the option.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from speciosa.cli import main
from speciosa.errors import InputError, UnitError
from speciosa.pk import read_content_file, read_events_csv
from speciosa.pk._dosing import MAX_CONTENT_BYTES
from speciosa.units import parse_quantity, parse_unit

SIMULATE = ["simulate", "--product", "commercial-leaf-powder", "--subjects", "20", "--format", "json"]


def _refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    status = main(argv)
    err = capsys.readouterr().err
    assert status == 2, err
    assert err.count("\n") == 1 and err.startswith("speciosa: error: "), err
    return err


@pytest.mark.parametrize("unit", ["g/", "g*", "g^", "g /", "%/", "mg**"])
def test_dangling_unit_operator_is_a_unit_error(unit: str) -> None:
    # pint's parser failed an assertion (AssertionError) on a unit ending in an operator
    with pytest.raises(UnitError, match="ends with"):
        parse_unit(unit)
    with pytest.raises(UnitError, match="dose"):
        parse_quantity(f"2 {unit}", kind="mass", field="dose")


def test_dangling_unit_operator_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert "dose" in _refused([*SIMULATE, "--dose", "2 g/"], capsys)


def test_csv_cell_over_the_csv_field_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # a cell over csv's field_size_limit (131072 characters) raised _csv.Error
    path = tmp_path / "content.csv"
    path.write_text("compound,mg_per_g\nmitragynine," + "1" * 131_073 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="not readable CSV"):
        read_content_file(path)
    assert "content" in _refused([*SIMULATE, "--dose", "2g", "--content", str(path)], capsys)


def test_events_csv_cell_over_the_field_limit_and_binary_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not readable CSV"):
        read_events_csv('ID,TIME\n"' + "1" * 131_073 + '",0\n')
    path = tmp_path / "events.csv"
    path.write_bytes(b"ID,TIME\n\xff\xfe,0\n")  # raised UnicodeDecodeError
    with pytest.raises(InputError, match="UTF-8"):
        read_events_csv(path)


def test_large_yaml_content_file_is_refused_quickly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a 7 MiB YAML mapping (under the 10 MiB general limit) took about a minute to parse
    path = tmp_path / "content.yaml"
    line = "mitragynine_{}: 1\n"
    with path.open("w", encoding="utf-8") as fh:
        i = 0
        while fh.tell() <= MAX_CONTENT_BYTES:
            fh.write(line.format(i))
            i += 1
    started = time.perf_counter()
    err = _refused([*SIMULATE, "--dose", "2g", "--content", str(path)], capsys)
    assert "content" in err and "KiB" in err
    assert time.perf_counter() - started < 5  # refused from its size, before parsing
