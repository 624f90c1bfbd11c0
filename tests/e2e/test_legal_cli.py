"""``speciosa legal`` and ``speciosa comply`` end to end: JSON shapes, exit statuses, messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from speciosa.cli import main

EXAMPLES = Path(__file__).parents[2] / "examples" / "products"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_legal_json_has_the_issue_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "legal", "US-LA", "--on", "2025-09-01", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    for key in ("jurisdiction", "on", "status", "scope", "rules", "inherited", "sources", "confidence"):
        assert key in doc
    assert (doc["jurisdiction"], doc["on"], doc["status"]) == ("US-LA", "2025-09-01", "banned")
    assert "leaf" in doc["scope"]
    assert any(r["kind"] == "possession_ban" for r in doc["rules"])
    assert [b["jurisdiction"] for b in doc["inherited"]] == ["US"]
    assert all(s["citation"] and s["url"] for s in doc["sources"])


def test_legal_table_before_and_after(capsys: pytest.CaptureFixture[str]) -> None:
    _, before, _ = run(capsys, "legal", "th", "--on", "2021-08-23")
    _, after, _ = run(capsys, "legal", "TH", "--on", "2021-08-24")
    assert "Thailand (TH) on 2021-08-23: BANNED" in before
    assert "Thailand (TH) on 2021-08-24: LEGAL" in after
    assert "References" in after and "not legal advice" in after


def test_legal_locality_shows_inherited_levels(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "legal", "US-CO:denver", "--on", "2025-01-01", "-f", "json")
    doc = json.loads(out)
    assert code == 0 and [b["jurisdiction"] for b in doc["inherited"]] == ["US-CO", "US"]


def test_changes_since(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "legal", "--changes", "--since", "2025-06-01", "-f", "json")
    doc = json.loads(out)
    assert code == 0
    dated = {(c["jurisdiction"], c["date"], c["from"], c["to"]) for c in doc["changes"]}
    assert ("US-LA", "2025-08-01", "legal", "banned") in dated
    assert ("US-RI", "2026-04-01", "banned", "regulated") in dated
    assert all(c["date"] >= "2025-06-01" and c["citation"] for c in doc["changes"])


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "legal", "--list", "-f", "json")
    rows = json.loads(out)["jurisdictions"]
    assert code == 0 and len(rows) > 100


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("legal", "US-XX"), "did you mean"),
        (("legal", "Narnia"), "is not an ISO 3166 code"),
        (("legal", "TH", "--on", "21/08/2021"), "--on: '21/08/2021' is not a date; give YYYY-MM-DD"),
        (("legal", "--changes"), "--changes needs --since"),
        (("legal",), "give a code such as US-LA"),
        (("comply", "missing.json", "--where", "US-TX"), "does not exist"),
        (("comply", str(EXAMPLES / "natural-leaf.json"), "--where", "Atlantis"), "is not an ISO 3166 code"),
        (("comply", str(EXAMPLES / "natural-leaf.json"), "--where", "TH", "--tolerance", "3"), "--tolerance"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_bad_product_file_exits_2_naming_the_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    doc = json.loads((EXAMPLES / "natural-leaf.json").read_text())
    doc["form"] = "vape"
    path = tmp_path / "p.json"
    path.write_text(json.dumps(doc))
    code, _, err = run(capsys, "comply", str(path), "--where", "US-TX")
    assert code == 2 and "form:" in err and "accepted: powder" in err


def test_comply_json_shape_and_verdicts(capsys: pytest.CaptureFixture[str]) -> None:
    enhanced = str(EXAMPLES / "enhanced-7oh.json")
    code, out, _ = run(capsys, "comply", enhanced, "--where", "US-TX", "--on", "2025-01-01", "-f", "json")
    doc = json.loads(out)
    assert code == 0 and doc["compliant"] == "no"
    for f in doc["findings"]:
        assert {"rule", "result", "detail", "source"} <= set(f)
        assert f["result"] in ("pass", "fail", "not_checked")
    cap = next(f for f in doc["findings"] if f["kind"] == "seven_oh_share_max")
    assert cap["result"] == "fail" and cap["source"] and cap["ref"]
    _, out, _ = run(capsys, "comply", enhanced, "--where", "US-WY", "--on", "2025-01-01", "-f", "json")
    assert json.loads(out)["compliant"] == "yes"
    code, out, _ = run(capsys, "comply", enhanced, "--where", "US-TX", "--on", "2025-01-01")
    assert code == 0 and "NOT COMPLIANT" in out and "7-OH at most 2 % of the alkaloid fraction" in out


def test_comply_says_undetermined_when_nothing_failed_but_items_were_not_checked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Issue 17: items not checked were printed as FAIL and made the product "not compliant"."""
    doc = json.loads((EXAMPLES / "natural-leaf.json").read_text())
    del doc["contaminants"]
    doc["alkaloids_mg_per_g"]["7-hydroxymitragynine"] = 0
    doc["label"]["7-hydroxymitragynine_mg_per_serving"] = 0
    path = tmp_path / "untested.json"
    path.write_text(json.dumps(doc))
    args = ("comply", str(path), "--where", "US-TX", "--on", "2025-01-01")
    code, out, err = run(capsys, *args, "-f", "json")
    assert code == 0, err
    result = json.loads(out)
    assert result["compliant"] == "undetermined"
    assert result["not_checked"] == ["US-TX: not contaminated"]
    assert not [f for f in result["findings"] if f["result"] == "fail"]
    cap = next(f for f in result["findings"] if f["kind"] == "seven_oh_share_max")
    assert cap["result"] == "pass" and cap["measured"] == 0
    code, out, err = run(capsys, *args)
    assert code == 0, err
    assert out.splitlines()[0].endswith("UNDETERMINED (1 binding item(s) not checked; none failed)")
    assert not [line for line in out.splitlines() if line.startswith("  FAIL")]
    assert "  not checked binding  US-TX: not contaminated" in out
