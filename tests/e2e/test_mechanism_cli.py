"""``speciosa mechanism`` end to end: the issue's command, its document, flags that bite, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from speciosa.cli import main
from speciosa.pd import PANEL

ISSUE_COMMAND = ("mechanism", "--product", "leaf-powder", "--dose", "4g", "--every", "8h", "--days", "7")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _doc(capsys: pytest.CaptureFixture[str], *extra: str) -> dict:  # type: ignore[type-arg]
    code, out, err = run(capsys, *ISSUE_COMMAND, "--subjects", "300", "--format", "json", *extra)
    assert code == 0, err
    doc: dict = json.loads(out)  # type: ignore[type-arg]
    return doc


def test_issue_command_lists_every_target_measured_or_not(capsys: pytest.CaptureFixture[str]) -> None:
    doc = _doc(capsys)
    assert [t["target"] for t in doc["targets"]] == [t for t, _ in PANEL]
    for t in doc["targets"]:
        assert isinstance(t["measured"], bool)
        assert t["status"] in (
            "occupancy simulated",
            "measured, but not for an alkaloid simulated here",
            "measured in a source whose values could not be read",
            "not measured",
        )
        if t["status"] == "occupancy simulated":
            assert set(t["peak_occupancy"]) == {"median", "p05", "p95"}
            assert t["trough_occupancy"] is not None and t["dominant_compound"]
            assert t["sources"]
        else:
            assert t["peak_occupancy"] is None
    sert = next(t for t in doc["targets"] if t["target"] == "SERT")
    assert sert["status"] == "not measured" and sert["not_measured"]
    mor = next(t for t in doc["targets"] if t["target"] == "MOR")
    assert "partial agonist" in mor["mode"]
    assert doc["herg_margin"]["threshold"] == 30.0
    assert doc["herg_margin"]["compounds"][0]["compound"] == "mitragynine"
    assert doc["provenance"]["product"] == "commercial-leaf-powder"
    assert any("leaf-powder" in n for n in doc["provenance"]["notes"])
    for claim in doc["claims"]:
        assert claim["verdict"] in ("not supported", "contradicted", "implausible", "unlikely", "plausible")
        assert claim["sources"] or claim["evidence_records"]
        assert claim["reason"]
    assert any("fraction unbound" in a for a in doc["assumptions"])
    assert any("Kp,uu" in a for a in doc["assumptions"])


def test_fu_and_kp_uu_flags_change_the_numbers_and_the_assumptions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    base = _doc(capsys)
    free = _doc(capsys, "--fu", "0.5")
    brain = _doc(capsys, "--kp-uu", "0.1", "--fu", "mitragynine=0.2")

    def mor(d: dict) -> float:  # type: ignore[type-arg]
        return next(t for t in d["targets"] if t["target"] == "MOR")["peak_occupancy"]["median"]  # type: ignore[no-any-return]

    assert mor(free) > mor(base) > mor(brain)
    assert any("0.5 (set by the user" in a for a in free["assumptions"])
    assert any("Kp,uu): 0.1 (set by the user" in a for a in brain["assumptions"])


def test_table_and_plot(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    png = tmp_path / "occ.png"
    code, out, _ = run(capsys, *ISSUE_COMMAND, "--subjects", "200", "--plot", str(png))
    assert code == 0
    assert png.stat().st_size > 10_000 and png.read_bytes()[:4] == b"\x89PNG"
    assert "SERT" in out and "not measured" in out and "hERG margin" in out and "Not dosing advice" in out


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("--fu", "lots"), "fu"),
        (("--fu", "1.5"), "fu"),
        (("--kp-uu", "mitragynin=1"), "kp-uu compound"),
        (("--kp-uu", "0"), "kp-uu"),
    ],
)
def test_bad_input_exits_2_naming_the_field(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], field: str
) -> None:
    code, out, err = run(capsys, *ISSUE_COMMAND, *args)
    assert code == 2 and out == ""
    assert err.startswith(f"speciosa: error: {field}:") and "Traceback" not in err


def test_verdicts_name_the_missing_product_data_they_depend_on(capsys: pytest.CaptureFixture[str]) -> None:
    doc = _doc(capsys)
    ht1a = next(c for c in doc["claims"] if c["id"] == "5ht1a-agonism")
    assert ht1a["verdict"] == "not supported"
    assert set(ht1a["depends_on_missing_product_data"]) == {"speciogynine", "paynantheine"}
    code, out, err = run(capsys, *ISSUE_COMMAND, "--subjects", "100")
    assert code == 0, err
    assert "not supported (depends on missing product data)" in out
    assert "missing product data: commercial-leaf-powder has no recorded content of" in out
