"""Issue 17: every class of bad input is refused with exit 2 and one line naming the argument.

Each row is one class the issue lists (or one found while fixing it), run through ``main`` as a user
runs the command. The assertion is the contract: exit 2, exactly one stderr line that starts with
``speciosa: error:``, names the argument, says nothing of an internal error, and comes within a
time bound (a refusal happens before any work; the bound guards against hangs, it is not a
performance figure).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from speciosa.cli import main

PRODUCT = Path(__file__).parents[2] / "examples" / "products" / "enhanced-7oh.json"
TEA = ["--regimen", "2 g tea once"]
LEAF = ["--product", "leaf-powder", "--dose", "2g"]
SERT = ["--drug", "sertraline"]


def _files(tmp: Path) -> dict[str, Path]:
    """Hostile input files, made fresh in ``tmp``."""
    f = {
        "binary": tmp / "bin.json",
        "deep": tmp / "deep.json",
        "dup": tmp / "dup.json",
        "trunc": tmp / "trunc.json",
        "nan": tmp / "nan.json",
        "bad_csv": tmp / "bad.csv",
        "bin_csv": tmp / "bin.csv",
        "bad_yaml": tmp / "bad.yaml",
        "dup_yaml": tmp / "dup.yaml",
        "list_yaml": tmp / "list.yaml",
    }
    f["binary"].write_bytes(b"\x00\x01\xff")
    f["deep"].write_text("[" * 100_000 + "]" * 100_000)
    f["dup"].write_text('{"name": "x", "name": "y", "form": "powder"}')
    f["trunc"].write_text('{"name": ')
    f["nan"].write_text('{"name": "x", "form": "powder", "alkaloids_mg_per_g": {"mitragynine": NaN}}')
    f["bad_csv"].write_text("compound,mg_per_g\nmitragynine,abc\n")
    f["bin_csv"].write_bytes(b"\x00\x01\xff\xfe")
    f["bad_yaml"].write_text("a: [b\n")
    f["dup_yaml"].write_text("mitragynine: 10\nmitragynine: 12\n")
    f["list_yaml"].write_text("- mitragynine\n")
    return f


# (id, argv with {name} placeholders for the files above, the argument the message must name)
CASES: list[tuple[str, list[str], str]] = [
    # numbers: infinite, not a number, negative, out of the generator's range
    ("days-inf", [*LEAF, "--every", "8h", "--days", "inf"], "days"),
    ("days-nan", [*LEAF, "--every", "8h", "--days", "nan"], "days"),
    ("days-negative", [*LEAF, "--every", "8h", "--days", "-3"], "days"),
    ("seed-negative", [*LEAF, "--seed", "-1"], "--seed"),
    ("seed-huge", [*LEAF, "--seed", str(2**64)], "--seed"),
    ("weight-inf", [*LEAF, "--weight", "1e400 kg"], "weight"),
    ("mg-per-g-nan", [*LEAF, "--mg-per-g", "nan"], "mg-per-g"),
    ("step-zero", [*LEAF, "--step", "0"], "step"),
    ("dose-vanishing", ["--product", "leaf-powder", "--dose", "2e-30 g"], "dose"),
    ("analyte-twice", [*LEAF, "--analyte", "mitragynine", "--analyte", "mitragynine"], "analyte"),
    ("every-tiny", [*LEAF, "--every", "1e-300 h", "--days", "1"], "every"),
    # bounded work: refused with the limit instead of hanging or exhausting memory
    ("step-0.001", [*LEAF, "--step", "0.001", "--every", "1h", "--days", "30"], "step"),
    ("every-1h-833-days", [*LEAF, "--every", "1h", "--days", "833"], "step"),
    ("a-billion-days", ["--regimen", "2 g daily for 1000000000 days"], "regimen"),
    ("a-million-subjects", [*LEAF, "--subjects", "1000000"], "subjects"),
    # content files: binary, malformed, duplicate rows, not a file
    ("content-binary", [*LEAF, "--content", "{bin_csv}"], "content"),
    ("content-bad-number", [*LEAF, "--content", "{bad_csv}"], "content"),
    ("content-yaml-syntax", [*LEAF, "--content", "{bad_yaml}"], "content"),
    ("content-yaml-duplicate", [*LEAF, "--content", "{dup_yaml}"], "content"),
    ("content-yaml-list", [*LEAF, "--content", "{list_yaml}"], "content"),
    ("content-dev-zero", [*LEAF, "--content", "/dev/zero"], "content"),
    ("content-folder", [*LEAF, "--content", "{tmp}"], "content"),
    # outputs checked before the work
    ("plot-no-folder", [*LEAF, "--plot", "{tmp}/missing/x.png"], "--plot"),
    ("plot-not-an-image", [*LEAF, "--plot", "{tmp}/x.txt"], "--plot"),
    ("events-no-folder", [*LEAF, "--events-out", "{tmp}/missing/e.csv"], "--events-out"),
]
INTERACT: list[tuple[str, list[str], str]] = [
    ("drug-dose-50-kg", [*TEA, "--drug", "sertraline", "--drug-dose", "50 kg daily"], "drug-dose"),
    ("drug-dose-0-mg", [*TEA, "--drug", "sertraline", "--drug-dose", "0 mg daily"], "drug-dose"),
    ("drug-dose-not-given", [*TEA, *SERT, "--drug-dose", "tramadol=50 mg daily"], "drug-dose"),
    ("drug-dose-twice", [*TEA, "--drug", "sertraline", "--drug-dose", "sertraline=50 mg daily",
                         "--drug-dose", "sertraline=100 mg daily"], "drug-dose"),
    ("drug-interval-tiny", [*TEA, *SERT, "--drug-dose", "50 mg every 0.00001 h"], "drug-dose"),
    ("drug-dose-1e400", [*TEA, *SERT, "--drug-dose", "1e400 mg daily"], "drug-dose"),
    ("interact-too-big", [*LEAF, "--every", "8h", "--days", "14", "--subjects", "20000",
                          "--drug", "sertraline"], "subjects"),
    # a year of doses: the dynamic model's per-subject arrays would pass 2 GiB at 100 subjects
    ("interact-long-regimen", [*LEAF, "--every", "8h", "--days", "365", "--subjects", "100",
                               "--drug", "sertraline"], "subjects"),
]  # fmt: skip
LEGAL: list[tuple[str, list[str], str]] = [
    ("until-before-since", ["--changes", "--since", "2025-01-01", "--until", "2024-01-01"], "--until"),
    ("on-with-history", ["US-TX", "--on", "2025-01-01", "--history"], "--on"),
    ("on-with-changes", ["--changes", "--since", "2025-01-01", "--on", "2025-02-01"], "--on"),
    ("list-with-changes", ["--list", "--changes"], "--changes"),
    ("since-without-changes", ["US-TX", "--since", "2024-01-01"], "--since"),
    ("impossible-date", ["US-TX", "--on", "2025-02-30"], "--on"),
    ("year-99999", ["US-TX", "--on", "99999-01-01"], "--on"),
    ("huge-code", ["A" * 100_000], "jurisdiction"),
]
COMPLY: list[tuple[str, str, str]] = [
    ("binary", "{binary}", "product file"),
    ("nested-100000-deep", "{deep}", "product file"),
    ("duplicate-keys", "{dup}", "product file"),
    ("truncated", "{trunc}", "product file"),
    ("nan-constant", "{nan}", "product file"),
    ("dev-zero", "/dev/zero", "product file"),
    ("folder", "{tmp}", "product file"),
]


def _refused(capsys: pytest.CaptureFixture[str], argv: list[str], field: str, tmp: Path) -> None:
    names = {k: str(v) for k, v in _files(tmp).items()} | {"tmp": str(tmp)}
    before = set(tmp.rglob("*"))
    started = time.perf_counter()
    code = main([a.format(**names) if "{" in a else a for a in argv])
    elapsed = time.perf_counter() - started
    out, err = capsys.readouterr()
    lines = err.splitlines()
    assert code == 2, (code, err)
    assert len(lines) == 1 and lines[0].startswith("speciosa: error: "), err
    assert field in lines[0] and "internal error" not in err and "Traceback" not in err, err
    assert len(lines[0]) <= 700
    assert set(tmp.rglob("*")) == before, "a refused command wrote a file"
    assert elapsed < 30, f"refusal took {elapsed:.1f} s"


@pytest.mark.parametrize(("name", "argv", "field"), CASES, ids=[c[0] for c in CASES])
def test_simulate_refuses(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, argv: list[str], field: str
) -> None:
    _refused(capsys, ["simulate", *argv], field, tmp_path)


@pytest.mark.parametrize(("name", "argv", "field"), INTERACT, ids=[c[0] for c in INTERACT])
def test_interact_refuses(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, argv: list[str], field: str
) -> None:
    _refused(capsys, ["interact", *argv], field, tmp_path)


@pytest.mark.parametrize(("name", "argv", "field"), LEGAL, ids=[c[0] for c in LEGAL])
def test_legal_refuses(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, argv: list[str], field: str
) -> None:
    _refused(capsys, ["legal", *argv], field, tmp_path)


@pytest.mark.parametrize(("name", "path", "field"), COMPLY, ids=[c[0] for c in COMPLY])
def test_comply_refuses(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, path: str, field: str
) -> None:
    _refused(capsys, ["comply", path, "--where", "US-TX"], field, tmp_path)


@pytest.mark.parametrize("option", ["--fu", "--kp-uu"])
def test_mechanism_refuses_a_value_given_twice(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, option: str
) -> None:
    argv = ["mechanism", *TEA, option, "mitragynine=0.1", option, "mitragynine=0.2"]
    _refused(capsys, argv, option.strip("-"), tmp_path)


def test_report_refuses_a_run_over_budget_before_any_work(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    argv = ["report", *LEAF, "--every", "1h", "--days", "300", "--drug", "sertraline"]
    _refused(capsys, [*argv, "--out", "{tmp}/r.html"], "regimen", tmp_path)


def test_comply_accepts_a_byte_order_mark(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    p = tmp_path / "bom.json"
    p.write_bytes(b"\xef\xbb\xbf" + PRODUCT.read_bytes())
    assert main(["comply", str(p), "--where", "US-TX", "--format", "json"]) == 0
    assert '"product"' in capsys.readouterr().out


def test_memory_budget_from_the_environment_is_checked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SPECIOSA_MEMORY_BUDGET", "a lot")
    _refused(capsys, ["simulate", *TEA, "--subjects", "10"], "SPECIOSA_MEMORY_BUDGET", tmp_path)
    monkeypatch.setenv("SPECIOSA_MEMORY_BUDGET", "50MiB")
    _refused(capsys, ["simulate", *TEA, "--subjects", "10", "--step", "0.01"], "step", tmp_path)


def test_out_of_memory_is_one_line_exit_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import speciosa.cli._simulate as command

    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(command, "run_simulation", exhausted)
    assert main(["simulate", *TEA, "--subjects", "10"]) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("speciosa: error: out of memory;") and "SPECIOSA_MEMORY_BUDGET" in line


def test_folder_audit_is_bounded(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import speciosa.evidence._audit as audit

    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    for i in range(4):
        (folder / "sub" / f"a{i}.txt").write_text("Kratom works like an SSRI for depression.\n")
    (folder / "sub" / "loop").symlink_to(folder)  # a symlinked folder is not followed
    monkeypatch.setattr(audit, "MAX_ARTICLES", 3)
    _refused(capsys, ["audit", str(folder)], "over 3 articles", tmp_path)
    monkeypatch.setattr(audit, "MAX_ARTICLES", 10)
    monkeypatch.setattr(audit, "MAX_FOLDER_ENTRIES", 4)
    _refused(capsys, ["audit", str(folder)], "over 4 files and folders", tmp_path)
