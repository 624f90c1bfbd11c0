"""Every command line ends in exit 0 or 2, one error line, and whole files or none (issue 17, deliverable 6).

``speciosa.cli.main`` runs in-process with drawn options (see :mod:`tests.fuzz.strategies`):
cheap runs (20 subjects, JSON on stdout) so that one example stays well under the deadline. The
contract is checked by :func:`tests.fuzz._contract.run_cli` and :func:`check_outputs`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.fuzz import strategies as s
from tests.fuzz._contract import FUZZ, check_outputs, run_cli

pytestmark = pytest.mark.fuzz


def _mostly(valid: st.SearchStrategy[str], hostile: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """``valid`` three times in four, so that the success paths run as often as the refusals."""
    return st.one_of(valid, valid, valid, hostile)


PRODUCTS = st.one_of(
    st.sampled_from(("commercial-leaf-powder", "k51-tea", "extract", "enhanced-7oh", "huestis2024-capsules")),
    st.none(),
    st.sampled_from(("leaf-powder", "")),
    st.text(max_size=12),
)
SUBJECTS = _mostly(st.just("20"), st.sampled_from(("1", "0", "-1", "1e9", "abc", "2000000000")))
REGIMENS = _mostly(st.sampled_from(s.REGIMEN_EXAMPLES), s.regimens)
DOSES = _mostly(st.sampled_from(("2g", "500 mg", "4 g")), s.quantities)
EVERY = _mostly(st.sampled_from(("8h", "12 h", "1 day")), s.quantities)
DAYS = _mostly(st.sampled_from(("3", "14", "0.5")), s.numbers)
SEEDS = _mostly(st.sampled_from(("0", "42", "4294967295")), s.numbers)
WEIGHTS = _mostly(st.sampled_from(("70kg", "80 kg", "150 lb")), s.quantities)
MG_PER_G = _mostly(st.sampled_from(("15", "7.5", "1000")), s.numbers)
PNG = b"\x89PNG\r\n\x1a\n"


def _scenario(data: st.DataObject, folder: Path) -> tuple[list[str], list[str]]:
    """Scenario options (regimen or dose, product, numbers, --content) and the input files made."""
    argv: list[str] = []
    inputs: list[str] = []
    if data.draw(st.booleans(), "regimen or dose"):
        argv += ["--regimen", data.draw(REGIMENS, "regimen")]
    else:
        argv += ["--dose", data.draw(DOSES, "dose")]
        every = data.draw(st.none() | EVERY, "every")
        if every is not None:
            argv += ["--every", every]
        days = data.draw(st.none() | DAYS, "days")
        if days is not None:
            argv += ["--days", days]
    product = data.draw(PRODUCTS, "product")
    if product is not None:
        argv += ["--product", product]
    argv += ["--subjects", data.draw(SUBJECTS, "subjects")]
    for option, values in (
        ("--seed", SEEDS),
        ("--weight", WEIGHTS),
        ("--mg-per-g", MG_PER_G),
    ):
        value = data.draw(st.none() | values, option)
        if value is not None:
            argv += [option, value]
    content = data.draw(st.none() | s.content_files, "content")
    if content is not None:
        suffix, body = content
        (folder / f"content{suffix}").write_bytes(body)
        inputs.append(f"content{suffix}")
        argv += ["--content", str(folder / f"content{suffix}")]
    return argv, inputs


def _plot(data: st.DataObject, folder: Path) -> tuple[list[str], dict[str, bytes]]:
    drawn = data.draw(st.none() | s.plot_names, "plot")
    if drawn is None:
        return [], {}
    name, missing = drawn
    path = folder / "missing" / name if missing else folder / name
    start = PNG if name.lower().endswith(".png") else b"<?xml"
    return ["--plot", str(path)], {name: start}


@FUZZ
@given(data=st.data())
def test_simulate(data: st.DataObject, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    argv, inputs = _scenario(data, folder)
    plot, expected = _plot(data, folder)
    step = data.draw(
        st.none() | st.sampled_from(("0.25", "1", "0.001", "0", "-1", "inf", "nan", "1e308")), "step"
    )
    argv += [] if step is None else ["--step", step]
    if data.draw(st.booleans(), "events out"):
        argv += ["--events-out", str(folder / "events.csv")]
        expected["events.csv"] = b"ID,TIME"
    status, _, _ = run_cli("simulate", ["simulate", *argv, *plot, "--format", "json"], capsys)
    check_outputs(status, folder, expected, inputs)


@FUZZ
@given(data=st.data())
def test_mechanism(data: st.DataObject, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    argv, inputs = _scenario(data, folder)
    plot, expected = _plot(data, folder)
    for option in ("--fu", "--kp-uu"):
        value = data.draw(
            st.none()
            | st.sampled_from(("0.1", "1", "0", "-1", "2", "inf", "nan", "mitragynine=0.5", "x=1", "=")),
            option,
        )
        argv += [] if value is None else [option, value]
    status, _, _ = run_cli("mechanism", ["mechanism", *argv, *plot, "--format", "json"], capsys)
    check_outputs(status, folder, expected, inputs)


@pytest.mark.parametrize(
    "doses",
    [
        ["50 kg daily"],
        ["fluoxetine=20 mg daily"],
        ["50 mg daily", "20 mg daily"],
        ["sertraline=5000 mg daily"],
    ],
)
def test_interact_implausible_or_unmatched_drug_dose(
    doses: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["interact", "--drug", "sertraline", "--dose", "2g", "--product", "commercial-leaf-powder"]
    argv += [x for d in doses for x in ("--drug-dose", d)] + ["--subjects", "20", "--format", "json"]
    status, _, err = run_cli("interact", argv, capsys)
    assert status == 2 and "drug-dose" in err


@FUZZ
@given(data=st.data())
def test_interact(data: st.DataObject, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    argv, inputs = _scenario(data, folder)
    for drug in data.draw(st.lists(_mostly(st.sampled_from(s.DRUGS), s.drugs), max_size=3), "drugs"):
        argv += ["--drug", drug]
    for dose in data.draw(st.lists(_mostly(st.just("50 mg daily"), s.drug_doses), max_size=2), "drug doses"):
        argv += ["--drug-dose", dose]
    model = data.draw(st.none() | st.sampled_from(("static", "dynamic", "magic")), "model")
    argv += [] if model is None else ["--model", model]
    status, _, _ = run_cli("interact", ["interact", *argv, "--format", "json"], capsys)
    check_outputs(status, folder, {}, inputs)


@FUZZ
@given(
    code=st.none() | s.jurisdictions,
    on=st.none() | s.dates,
    since=st.none() | s.dates,
    until=st.none() | s.dates,
    flags=st.lists(st.sampled_from(("--changes", "--history", "--list")), max_size=2, unique=True),
)
@example(code=None, on=None, since="2024-01-01", until="2020-01-01", flags=["--changes"])
@example(code="US-TX", on="2024-01-01", since=None, until=None, flags=["--history"])
def test_legal(
    code: str | None,
    on: str | None,
    since: str | None,
    until: str | None,
    flags: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = ["legal"] + ([code] if code is not None else []) + flags
    for option, value in (("--on", on), ("--since", since), ("--until", until)):
        argv += [] if value is None else [option, value]
    status, _, _ = run_cli("legal", [*argv, "--format", "json"], capsys)
    if on is not None and ("--history" in flags or "--changes" in flags):
        assert status == 2  # --on picks one date; those views cover many


@FUZZ
@given(
    product=s.product_files,
    where=s.jurisdictions,
    on=st.none() | s.dates,
    tolerance=st.none() | st.sampled_from(("0.2", "0", "1", "-0.1", "2", "nan", "inf")),
)
@example(
    product=(s.EXAMPLES / "mislabelled.json").read_bytes(), where="US-TX", on="2025-01-01", tolerance=None
)
@example(
    product=b"\xef\xbb\xbf" + (s.EXAMPLES / "natural-leaf.json").read_bytes(),
    where="TH",
    on=None,
    tolerance=None,
)
def test_comply(
    product: bytes,
    where: str,
    on: str | None,
    tolerance: str | None,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    (folder / "product.json").write_bytes(product)
    argv = ["comply", str(folder / "product.json"), "--where", where]
    for option, value in (("--on", on), ("--tolerance", tolerance)):
        argv += [] if value is None else [option, value]
    status, _, _ = run_cli("comply", [*argv, "--format", "json"], capsys)
    if product.startswith(b"\xef\xbb\xbf{") and where == "TH" and on is None:
        assert status == 0  # a byte-order mark is accepted
    check_outputs(status, folder, {}, ["product.json"])


@FUZZ
@given(
    article=s.articles,
    fmt=st.sampled_from(("json", "table", "markdown", "html")),
    out=st.sampled_from(("stdout", "report.out", "missing/report.out", "folder")),
)
def test_audit(
    article: tuple[str, bytes], fmt: str, out: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    suffix, body = article
    (folder / f"article{suffix}").write_bytes(body)
    argv = ["audit", str(folder / f"article{suffix}"), "--format", fmt]
    expected: dict[str, bytes] = {}
    if out == "folder":
        argv += ["--out", str(folder)]
    elif out != "stdout":
        argv += ["--out", str(folder / out)]
        expected[out] = b""
    status, _, _ = run_cli("audit", argv, capsys, json_out=fmt == "json" and out == "stdout")
    check_outputs(status, folder, expected, [f"article{suffix}"])
    if status == 0 and fmt == "html" and out == "report.out":
        assert (folder / out).read_text(encoding="utf-8").rstrip().endswith("</html>")


@FUZZ
@given(
    data=st.data(),
    where=st.none() | s.jurisdictions,
    on=st.none() | s.dates,
    outputs=st.sampled_from(("json-stdout", "html", "same-out-pdf", "pdf-missing-folder", "pdf-is-folder")),
)
def test_report(
    data: st.DataObject,
    where: str | None,
    on: str | None,
    outputs: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    argv, inputs = _scenario(data, folder)
    for drug in data.draw(st.lists(s.drugs, max_size=2), "drugs"):
        argv += ["--drug", drug]
    for option, value in (("--where", where), ("--on", on)):
        argv += [] if value is None else [option, value]
    expected: dict[str, bytes] = {}
    if outputs == "json-stdout":
        argv += ["--format", "json"]
    elif outputs == "html":
        argv += ["--out", str(folder / "report.html")]
        expected["report.html"] = b"<!DOCTYPE html>"
    else:  # refused before any work: these never reach the (slow) PDF printer
        argv += ["--out", str(folder / "report.html")]
        pdf = {
            "same-out-pdf": folder / "report.html",
            "pdf-missing-folder": folder / "missing" / "report.pdf",
            "pdf-is-folder": folder,
        }[outputs]
        argv += ["--pdf", str(pdf)]
    status, _, _ = run_cli("report", ["report", *argv], capsys, json_out=outputs == "json-stdout")
    if outputs not in ("json-stdout", "html"):
        assert status == 2
    check_outputs(status, folder, expected, inputs)


@FUZZ
@given(
    command=st.sampled_from(("evidence", "cite", "data show", "data summary", "nonsense")),
    words=st.lists(
        st.one_of(st.sampled_from(("depression", "tanna2022", "products", "liver")), st.text(max_size=15)),
        max_size=3,
    ),
)
def test_lookups(command: str, words: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    argv = command.split() + words
    fmt = [] if command == "nonsense" else ["--format", "json"]
    run_cli("lookups", [*argv, *fmt], capsys, json_out=command != "nonsense")
