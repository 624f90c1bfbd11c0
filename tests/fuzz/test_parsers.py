"""The functions that read user input either return a value or raise InputError (issue 17, deliverable 6).

Each parser is driven directly with valid and hostile inputs (see :mod:`tests.fuzz.strategies`);
any other exception, or a value that breaks the parser's own promise (a finite positive dose, a
date, a quantity of the asked kind), is a finding.
"""

from __future__ import annotations

import datetime as dt
import math
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from speciosa.cli._interact import parse_drug_dose
from speciosa.cli._legal import parse_day
from speciosa.errors import InputError
from speciosa.evidence import document_from_bytes
from speciosa.inputs import MAX_DEPTH, load_json, load_yaml
from speciosa.knowledge import load_knowledge_base
from speciosa.knowledge._legal import LegalStatusName
from speciosa.legal import legal_status, read_product
from speciosa.pk import parse_regimen, read_content_file, read_events_csv
from speciosa.pk._regimen import MAX_DOSE_G
from speciosa.units import kind_of_unit, parse_quantity
from tests.fuzz import strategies as s
from tests.fuzz._contract import FUZZ, timed

pytestmark = pytest.mark.fuzz


def _returns_or_input_error(test: str, given_: Any, call: Callable[[], Any]) -> Any:
    """``call()``'s value, or None when it raised InputError; anything else fails the test."""

    def guarded() -> Any:
        try:
            return call()
        except InputError as exc:
            assert str(exc).strip() and "\n" not in str(exc), repr(str(exc))
            return None

    return timed(test, given_, guarded, lambda value: "refused" if value is None else "accepted")


@FUZZ
@given(s.regimens)
@example("4 g at 08:00 and 2 g at 20:00 daily for 10 days")
@example("3 g leaf powder every 8 h for inf days")
def test_parse_regimen(text: str) -> None:
    reg = _returns_or_input_error("parse_regimen", text, lambda: parse_regimen(text))
    if reg is not None:
        assert reg.doses, text
        assert all(math.isfinite(t) and t >= 0 for t, _ in reg.doses), text
        assert all(0 < g <= MAX_DOSE_G for _, g in reg.doses), text
        assert [t for t, _ in reg.doses] == sorted(t for t, _ in reg.doses), text


@FUZZ
@given(s.quantities, st.sampled_from(("mass", "time", "molar_concentration", "mass_ratio", None)))
@example("1e309 g", "mass")
@example("-1 h", "time")
def test_parse_quantity(text: str, kind: Any) -> None:
    q = _returns_or_input_error("parse_quantity", (text, kind), lambda: parse_quantity(text, kind=kind))
    if q is not None:
        assert math.isfinite(q.magnitude) and q.magnitude >= 0, text
        if kind is not None:
            assert kind_of_unit(q.unit) == kind, text


@FUZZ
@given(s.dates)
@example("2025-02-30")
@example("99999-01-01")
def test_parse_day(text: str) -> None:
    day = _returns_or_input_error("parse_day", text, lambda: parse_day(text, "--on"))
    if day is not None:
        assert isinstance(day, dt.date)


@FUZZ
@given(s.jurisdictions, s.dates)
@example("US-CA:san-diego", "2024-01-01")
@example("US-" + "A" * 5000, "today")
def test_legal_status(code: str, date: str) -> None:
    kb = load_knowledge_base()

    def call() -> Any:
        return legal_status(kb, code, parse_day(date, "--on"))

    status = _returns_or_input_error("legal_status", (code, date), call)
    if status is not None:
        assert status.status in get_args(LegalStatusName), status


@FUZZ
@given(s.drug_doses)
@example("50 kg daily")
def test_parse_drug_dose(text: str) -> None:
    parsed = _returns_or_input_error("parse_drug_dose", text, lambda: parse_drug_dose(text))
    if parsed is not None:
        mg, interval = parsed
        assert math.isfinite(mg) and mg >= 0, text
        assert interval is None or (math.isfinite(interval) and interval > 0), text


@FUZZ
@given(s.product_files)
@example(b'{"a": 1, "a": 2}')
@example(b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1))
def test_load_json_and_read_product(data: bytes) -> None:
    kb = load_knowledge_base()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "product.json"
        path.write_bytes(data)
        product = _returns_or_input_error("read_product", data[:200], lambda: read_product(kb, path))
        if product is not None:
            assert product.alkaloids_mg_per_g and all(
                math.isfinite(v) for v in product.alkaloids_mg_per_g.values()
            )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return
    _returns_or_input_error("load_json", data[:200], lambda: load_json(text, "product file", "p.json"))


@FUZZ
@given(s.content_files)
@example((".yaml", b"a: &x 1\nb: *x\n"))
def test_read_content_file(content: tuple[str, bytes]) -> None:
    suffix, data = content
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"content{suffix}"
        path.write_bytes(data)
        values = _returns_or_input_error("read_content_file", content, lambda: read_content_file(path))
    if values is not None:
        assert values and all(math.isfinite(v) and 0 <= v <= 1000 for v in values.values()), content
    if suffix != ".csv":
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return
        _returns_or_input_error("load_yaml", data[:200], lambda: load_yaml(text, "content", "c.yaml"))


@FUZZ
@given(s.articles)
@example((".md", b"```\nnever closed\n" + b"kratom " * 5000))
@example((".html", b"<div>" * 2000 + b"kratom cures depression" + b"</div>" * 2000))
def test_document_from_bytes(article: tuple[str, bytes]) -> None:
    suffix, data = article
    kind: Any = {".md": "markdown", ".html": "html", ".htm": "html", ".txt": "text"}.get(suffix)
    doc = _returns_or_input_error(
        "document_from_bytes", article, lambda: document_from_bytes(data, "a", kind)
    )
    if doc is not None:
        assert doc.text.strip()


@FUZZ
@given(s.events_csv)
@example('ID,TIME\n"' + "1" * 200_000 + '",0\n')
def test_read_events_csv(text: str) -> None:
    table = _returns_or_input_error("read_events_csv", text[:200], lambda: read_events_csv(text))
    if table is not None:
        assert all(math.isfinite(e.time) and math.isfinite(e.amt) for e in table.events), text
