"""User files and numbers at the edge (speciosa.inputs): every bad file is an InputError naming the
field, read in bounded memory and time; a byte-order mark is accepted, duplicate keys are not."""

from __future__ import annotations

import math
import os
import time
from pathlib import Path

import pytest

from speciosa.errors import InputError
from speciosa.inputs import MAX_DEPTH, check_number, load_json, load_yaml, read_text


def _refused(fn: object, *args: object, match: str, **kw: object) -> InputError:
    with pytest.raises(InputError, match=match) as info:
        fn(*args, **kw)  # type: ignore[operator]
    assert "\n" not in str(info.value)
    return info.value


def test_reads_utf8_and_drops_a_bom(tmp_path: Path) -> None:
    p = tmp_path / "a.json"
    p.write_bytes(b'\xef\xbb\xbf{"x": "\xc3\xa9"}')
    assert read_text(p, "product file") == '{"x": "é"}'


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (b"\x00\x01\xff", "binary file"),
        (b"caf\xe9", "not UTF-8 text"),
    ],
)
def test_binary_and_legacy_encodings_refused(tmp_path: Path, data: bytes, match: str) -> None:
    p = tmp_path / "f.csv"
    p.write_bytes(data)
    err = _refused(read_text, p, "content", match=match)
    assert err.field == "content"


def test_missing_folder_device_and_fifo_refused(tmp_path: Path) -> None:
    _refused(read_text, tmp_path / "nope.json", "product file", match="does not exist")
    _refused(read_text, tmp_path, "product file", match="is a folder")
    # /dev/zero never ends: reading it would exhaust memory
    started = time.perf_counter()
    _refused(read_text, "/dev/zero", "product file", match="not a regular file")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)  # opening a FIFO for reading would block forever
    _refused(read_text, fifo, "content", match="not a regular file")
    assert time.perf_counter() - started < 5  # guards against a hang, not a performance figure


def test_size_limit(tmp_path: Path) -> None:
    p = tmp_path / "big.json"
    p.write_bytes(b" " * 2048)
    _refused(read_text, p, "product file", max_bytes=1024, match="at most 1 KiB is read")
    assert read_text(p, "product file", max_bytes=4096) == " " * 2048


def test_json_duplicate_keys_nan_and_syntax() -> None:
    _refused(load_json, '{"a": {"b": 1, "b": 2}}', "product file", "p.json", match="'b' appears twice")
    _refused(load_json, '{"a": NaN}', "product file", "p.json", match="NaN is not a JSON number")
    _refused(load_json, '{"a": -Infinity}', "product file", "p.json", match="-Infinity")
    err = _refused(load_json, '{"name": ', "product file", "p.json", match="not valid JSON")
    assert "line 1, column 10" in err.message
    assert load_json('\ufeff{"a": [1, 2]}', "product file", "p.json") == {"a": [1, 2]}


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 100_000])
def test_json_deep_nesting_refused_before_parsing(depth: int) -> None:
    text = "[" * depth + "]" * depth
    started = time.perf_counter()
    _refused(load_json, text, "product file", "deep.json", match=f"more than {MAX_DEPTH} levels")
    assert time.perf_counter() - started < 2  # one linear pass, no recursion


def test_json_brackets_inside_strings_do_not_count() -> None:
    text = '{"a": "' + "[" * 1000 + '\\"' + "{" * 1000 + '"}'
    assert load_json(text, "product file", "p.json")["a"].startswith("[[[")
    assert load_json("[" * MAX_DEPTH + "]" * MAX_DEPTH, "f", "p.json") is not None


def test_yaml_errors_duplicates_and_aliases() -> None:
    err = _refused(load_yaml, "a: [b\n", "content", "c.yaml", match="not valid YAML")
    assert "line" in err.message
    _refused(load_yaml, "mitragynine: 1\nmitragynine: 2\n", "content", "c.yaml", match="appears twice")
    _refused(load_yaml, "a: &x [1, 2]\nb: *x\n", "content", "c.yaml", match="aliases")
    assert load_yaml("mitragynine: 15.2\n", "content", "c.yaml") == {"mitragynine": 15.2}


@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan, -1.0, 0.0, 4000.0])
def test_check_number_refuses_non_finite_and_out_of_range(value: float) -> None:
    err = _refused(check_number, value, "days", low=0, low_open=True, high=3650, match="must be a finite")
    assert err.field == "days"


def test_check_number_bounds_inclusive() -> None:
    assert check_number(20.0, "weight", low=20, high=250, unit="kg") == 20.0
    assert check_number(250.0, "weight", low=20, high=250, unit="kg") == 250.0
    _refused(check_number, 19.9, "weight", low=20, high=250, unit="kg", match="at least 20 kg")
