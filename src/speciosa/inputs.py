"""Reading what users hand in: files, JSON, YAML and numbers, checked once at the edge.

Every function here either returns a clean value or raises :class:`~speciosa.errors.InputError`
naming the field and saying what is accepted. Files are read with a size limit (so ``/dev/zero``
or a 5 GB file cannot exhaust memory), must be regular files (a FIFO would block forever), and
must be UTF-8 text (a byte-order mark is accepted). JSON is parsed strictly: duplicate keys,
``NaN`` and ``Infinity`` are refused, and nesting deeper than :data:`MAX_DEPTH` is refused before
the parser recurses. YAML is parsed safely, with duplicate keys and aliases refused.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from speciosa.errors import InputError

__all__ = [
    "MAX_DEPTH",
    "MAX_INPUT_BYTES",
    "check_number",
    "csv_rows",
    "decode_text",
    "load_json",
    "load_yaml",
    "read_bytes",
    "read_text",
]

#: Largest user file (product JSON, content CSV/YAML, events CSV) read, in bytes. These files hold
#: a product description or a table of a few dozen rows; 10 MiB is generous by three orders of
#: magnitude (a convention, not a measured limit). Articles have their own limit (evidence).
MAX_INPUT_BYTES = 10 * 1024 * 1024
#: Deepest nesting of JSON arrays and objects accepted. A product file nests three levels; Python's
#: json module recurses per level and would fail near 1000.
MAX_DEPTH = 64


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MiB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KiB"


def read_bytes(
    path: Path | str,
    field: str,
    *,
    max_bytes: int = MAX_INPUT_BYTES,
    too_large: Callable[[int | None], InputError] | None = None,
) -> bytes:
    """The bytes of the regular file at ``path``, reading at most ``max_bytes`` + 1.

    The file is opened without blocking and checked to be a regular file before anything is read,
    so a FIFO, a device such as ``/dev/zero`` or a socket is refused at once.

    Parameters
    ----------
    too_large
        Builds the error for a file over the limit from its size in bytes (``None`` when it grew
        while being read); by default an :class:`InputError` on ``field`` naming the limit.

    Raises
    ------
    InputError
        Field ``field``: the file is missing, unreadable, a folder, not a regular file, or too large.
    """
    p = Path(path)

    def over(size: int | None) -> InputError:
        if too_large is not None:
            return too_large(size)
        how_big = _size(size) if size is not None else f"over {_size(max_bytes)}"
        return InputError(field, f"{p} is {how_big}; at most {_size(max_bytes)} is read")

    it = "it" if field == str(p) else str(p)  # the field may already be the file's name
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InputError(field, f"{it} does not exist") from None
    except IsADirectoryError:
        raise InputError(field, f"{it} is a folder; give a file") from None
    except OSError as exc:
        raise InputError(field, f"cannot read {it}: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(field, f"{it} is a folder; give a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(field, f"{it} is not a regular file (a device, pipe or socket); give a file")
        if info.st_size > max_bytes:
            raise over(info.st_size)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(field, f"cannot read {it}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # grew while being read
        raise over(None)
    return data


def read_text(path: Path | str, field: str, *, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """The text of a regular file, UTF-8 (a BOM is dropped), at most ``max_bytes`` long.

    Raises
    ------
    InputError
        Field ``field``: as :func:`read_bytes`, or the file is not UTF-8 or holds NUL bytes (a
        binary file).
    """
    return decode_text(read_bytes(path, field, max_bytes=max_bytes), field, str(path))


def decode_text(data: bytes, field: str, name: str) -> str:
    """``data`` as UTF-8 text (BOM dropped); binary data is an :class:`InputError`."""
    if b"\x00" in data:
        raise InputError(field, f"{name} is a binary file, not text; give a UTF-8 text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            field, f"{name} is not UTF-8 text (byte {exc.start} cannot be decoded); save it as UTF-8"
        ) from None


def _depth(text: str) -> int:
    """Deepest nesting of ``[``/``{`` outside strings, in one linear pass."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    return deepest
        elif ch in "]}":
            depth -= 1
    return deepest


def _no_duplicates(field: str, name: str) -> Any:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise InputError(field, f"{name}: the key {key!r} appears twice in one object; keep one")
            out[key] = value
        return out

    return hook


def _no_constant(field: str, name: str) -> Any:
    def hook(token: str) -> float:
        raise InputError(field, f"{name}: {token} is not a JSON number; give a finite number")

    return hook


def load_json(text: str, field: str, name: str) -> Any:
    """Parse JSON strictly (duplicate keys, NaN/Infinity and deep nesting refused).

    Examples
    --------
    >>> load_json('{"a": 1}', "product file", "p.json")
    {'a': 1}
    >>> load_json('{"a": 1, "a": 2}', "product file", "p.json")
    Traceback (most recent call last):
    ...
    speciosa.errors.InputError: product file: p.json: the key 'a' appears twice in one object; keep one
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if _depth(text) > MAX_DEPTH:
        raise InputError(field, f"{name} nests arrays or objects more than {MAX_DEPTH} levels deep")
    try:
        return json.loads(
            text, object_pairs_hook=_no_duplicates(field, name), parse_constant=_no_constant(field, name)
        )
    except json.JSONDecodeError as exc:
        raise InputError(
            field, f"{name} is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:  # pragma: no cover - prevented by the depth check
        raise InputError(field, f"{name} nests too deeply") from None


class _StrictLoader(yaml.SafeLoader):
    """Safe YAML that refuses duplicate keys and aliases (a user file needs neither)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.constructor.ConstructorError(
                None, None, "aliases (*name) are not accepted", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} appears twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_yaml(text: str, field: str, name: str) -> Any:
    """Parse YAML safely; syntax errors, duplicate keys and aliases are an :class:`InputError`."""
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(field, f"{name} is not valid YAML ({problem}{where})") from None
    except RecursionError:
        raise InputError(field, f"{name} nests too deeply") from None


def csv_rows(text: str, field: str, name: str) -> tuple[list[str], list[dict[str | None, Any]]]:
    r"""The header and rows of CSV text; a malformed file is an :class:`InputError`.

    Rows are dicts as :class:`csv.DictReader` makes them (cells beyond the header under ``None``,
    missing cells ``None``). The csv module's own errors (a cell over its field size limit of
    128 KiB, a NUL byte) would otherwise escape as ``csv.Error``.

    Examples
    --------
    >>> csv_rows("compound,mg_per_g\nmitragynine,15\n", "content", "c.csv")
    (['compound', 'mg_per_g'], [{'compound': 'mitragynine', 'mg_per_g': '15'}])
    """
    reader = csv.DictReader(io.StringIO(text))
    try:
        header = list(reader.fieldnames or [])
        rows: list[dict[str | None, Any]] = list(reader)
    except csv.Error as exc:
        raise InputError(
            field,
            f"{name} is not readable CSV (line {reader.line_num}: {exc}); give rows of comma-separated cells",
        ) from None
    return header, rows


def check_number(
    value: float,
    field: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    unit: str = "",
) -> float:
    """``value`` if it is finite and within [``low``, ``high``] (``low`` excluded if ``low_open``).

    Examples
    --------
    >>> check_number(3.0, "days", low=0, low_open=True, high=3650)
    3.0
    >>> check_number(math.inf, "days", low=0, low_open=True, high=3650)
    Traceback (most recent call last):
    ...
    speciosa.errors.InputError: days: must be a finite number above 0 and at most 3650, got inf
    """
    u = f" {unit}" if unit else ""
    parts = []
    if low is not None:
        parts.append(f"above {low:g}{u}" if low_open else f"at least {low:g}{u}")
    if high is not None:
        parts.append(f"at most {high:g}{u}")
    accepted = "a finite number" + (" " + " and ".join(parts) if parts else "")
    ok = math.isfinite(value)
    if ok and low is not None:
        ok = value > low if low_open else value >= low
    if ok and high is not None:
        ok = value <= high
    if not ok:
        raise InputError(field, f"must be {accepted}, got {value:g}{u}")
    return value
