"""The CLI as a user meets it: exit codes, one-line errors, one JSON document, no tracebacks.

Most cases call ``speciosa.cli.main`` in-process; a few run the installed console script in a
subprocess to check the real entry point.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from speciosa.cli import main
from tests.conftest import Editor
from tests.unit.knowledge.test_check import CASES


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_data_check_ok(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "data", "check")
    assert code == 0 and err == ""
    [line] = out.splitlines()
    assert line.startswith("ok: ") and " sources, " in line and "data 20" in line


def test_data_check_json_is_one_document(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "data", "check", "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["ok"] is True and doc["problems"] == [] and doc["counts"]["sources"] >= 60


@pytest.mark.parametrize(
    ("name", "dataset", "breaker", "field", "fragment"), CASES, ids=[c[0] for c in CASES]
)
def test_data_check_broken_copy_exits_1(
    capsys: pytest.CaptureFixture[str],
    edit_dataset: Editor,
    name: str,
    dataset: str,
    breaker: Any,
    field: str,
    fragment: str,
) -> None:
    path = edit_dataset(dataset, breaker)
    code, out, _ = run(capsys, "data", "check", "--path", str(path))
    assert code == 1
    lines = [ln for ln in out.splitlines() if ln.startswith(f"{dataset}.yaml: record '") and fragment in ln]
    assert lines, out
    assert f"field '{field}" in lines[0]
    assert out.splitlines()[-1].split(":")[0].endswith("problem(s)")


def test_data_check_json_on_broken_copy(capsys: pytest.CaptureFixture[str], edit_dataset: Editor) -> None:
    path = edit_dataset("compounds", CASES[-1][2])
    code, out, _ = run(capsys, "data", "check", "--path", str(path), "--format", "json")
    doc = json.loads(out)
    assert code == 1 and not doc["ok"]
    assert {"file", "record", "field", "message"} <= set(doc["problems"][0])


def test_data_show_table_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "data", "show", "compounds")
    assert code == 0 and "mitragynine" in out and "C23H30N2O4" in out
    code, out, _ = run(capsys, "data", "show", "affinities", "--format", "json")
    doc = json.loads(out)
    assert code == 0 and doc["dataset"] == "affinities" and doc["records"]
    assert any(r["status"] == "not_measured" and r["target"] == "SERT" for r in doc["records"])


def test_data_summary(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "data", "summary")
    assert code == 0 and "cited values" in out and "recorded gaps" in out
    code, out, _ = run(capsys, "data", "summary", "--format", "json")
    doc = json.loads(out)
    assert doc["values"]["total"] == sum(doc["values"][q] for q in ("primary", "secondary", "derived"))


def test_cite_text_bibtex_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "cite", "tanna2022")
    assert code == 0 and "doi:10.3390/pharmaceutics14030620" in out
    code, out, _ = run(capsys, "cite", "tanna2022", "obeng2021", "--format", "bibtex")
    assert code == 0 and out.count("@article{") == 2
    code, out, _ = run(capsys, "cite", "tanna2022", "--format", "json")
    assert json.loads(out)[0]["id"] == "tanna2022"


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["cite", "tana2022"], "unknown source id 'tana2022'; did you mean 'tanna2022'"),
        (["data", "show", "sauces"], "unknown dataset 'sauces'"),
        (["data", "check", "--format", "xml"], "'xml' is not one of 'table', 'json'"),
        (["data", "check", "--path", "/nonexistent/dir"], "--path"),
        (["data", "frobnicate"], "No such command 'frobnicate'"),
        (["cite"], "Missing argument"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], fragment: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("speciosa: error: ") and fragment in err


def test_cite_unknown_prints_nothing_else(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "cite", "tanna2022", "nobody1999")
    assert code == 2 and out == ""  # all ids resolve before anything is printed


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys)
    assert code == 0 and "Commands" in out
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("speciosa ")


def _console_script() -> list[str]:
    exe = shutil.which("speciosa", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "speciosa"]


def test_console_script_real_process(data_copy: Path) -> None:
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    ok = subprocess.run([*_console_script(), "data", "check"], capture_output=True, text=True, env=env)
    assert ok.returncode == 0, ok.stderr
    (data_copy / "sources.yaml").write_text("dataset: sources\nrecords: {oops\n", encoding="utf-8")
    bad = subprocess.run(
        [*_console_script(), "data", "check", "--path", str(data_copy)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert bad.returncode == 1 and "sources.yaml: record '-', field '-': not valid YAML" in bad.stdout
    assert "Traceback" not in bad.stdout + bad.stderr
    usage = subprocess.run(
        [*_console_script(), "cite", "nobody1999"], capture_output=True, text=True, env=env
    )
    assert usage.returncode == 2 and usage.stderr.startswith("speciosa: error: ")
    assert "Traceback" not in usage.stderr
