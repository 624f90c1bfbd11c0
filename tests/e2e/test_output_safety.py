"""Output files are checked before the work and written whole or not at all (issue 17, deliverable 3).

Real CLI processes are killed with SIGKILL at seeded random moments while they write, and stopped
with SIGTERM and SIGINT; a tiny tmpfs stands in for a full disk. After each, the file at the output
path is either the previous one, byte for byte, or a complete new one, and once a later write has
run no temporary file is left.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import speciosa
from speciosa.cli import main
from speciosa.files import atomic_write
from tests._mounts import tmpfs

SRC = str(Path(speciosa.__file__).resolve().parents[1])
ARTICLES = Path(__file__).parents[1] / "validation" / "data" / "audit_gold" / "articles" / "seeds"
OLD = b"the previous file\n"
PNG_START, PNG_END = b"\x89PNG\r\n\x1a\n", b"IEND\xaeB`\x82"
SIMULATE = ("simulate", "--regimen", "2 g tea once", "--subjects", "50", "--format", "json")


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _articles(folder: Path, copies: int) -> Path:
    folder.mkdir()
    for i in range(copies):
        for article in sorted(ARTICLES.iterdir()):
            shutil.copy(article, folder / f"{i}_{article.name}")
    return folder


def _spawn(args: list[str], cwd: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([SRC, os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen(
        [sys.executable, "-m", "speciosa", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _temps(folder: Path, target: str) -> list[str]:
    return [n for n in _listing(folder) if n.startswith(f".{target}.") and n.endswith(".tmp")]


def _wait_for_temp(proc: subprocess.Popen[str], folder: Path, target: str) -> None:
    """Return once ``proc`` has opened its temporary file for ``target``."""
    deadline = time.monotonic() + 120
    while not any(f".{proc.pid}." in n for n in _temps(folder, target)):
        if proc.poll() is not None:
            _, err = proc.communicate()
            pytest.fail(f"the command ended (status {proc.returncode}) before writing: {err}")
        if time.monotonic() > deadline:
            proc.kill()
            proc.communicate()
            pytest.fail("the command did not start writing within 120 s")
        time.sleep(0.003)


def _complete_html(data: bytes) -> bool:
    return data.startswith(b"<!DOCTYPE html>") and data.endswith(b"</html>\n")


def _complete_png(data: bytes) -> bool:
    return data.startswith(PNG_START) and data.endswith(PNG_END)


# --- checked before the work -----------------------------------------------------------------------


def _no_work(*_: object, **__: object) -> None:
    raise AssertionError("the work started before the output path was checked")


BAD_OUTPUTS = [
    (["simulate", *SIMULATE[1:], "--plot", "{d}/p.txt"], "--plot: '{d}/p.txt' has suffix '.txt'; accepted: "),
    (
        ["simulate", *SIMULATE[1:], "--plot", "{d}/missing/p.png"],
        "--plot: the folder {d}/missing does not exist",
    ),
    (["simulate", *SIMULATE[1:], "--events-out", "{d}"], "--events-out: '{d}' is a folder"),
    (
        ["simulate", *SIMULATE[1:], "--plot", "{d}/x.png", "--events-out", "{d}/sub/../x.png"],
        "--events-out: '{d}/sub/../x.png' is the same file as --plot '{d}/x.png'",
    ),
    (
        ["mechanism", "--regimen", "2 g tea", "--plot", "{d}/occupancy"],
        "--plot: '{d}/occupancy' has no suffix",
    ),
    (
        ["report", "--regimen", "2 g tea", "--out", "{d}/r.html", "--pdf", "{d}/r.html"],
        "--pdf: '{d}/r.html' is",
    ),
    (["report", "--regimen", "2 g tea", "--pdf", "{d}/none/r.pdf"], "--pdf: the folder {d}/none does not"),
    (["audit", str(ARTICLES), "--out", "{d}"], "--out: '{d}' is a folder"),
]


@pytest.mark.parametrize(
    ("args", "message"), BAD_OUTPUTS, ids=[" ".join(a[:1] + a[-2:]) for a, _ in BAD_OUTPUTS]
)
def test_bad_output_paths_exit_2_before_any_work(
    args: list[str],
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for module in ("_simulate", "_mechanism", "_report"):
        monkeypatch.setattr(f"speciosa.cli.{module}.resolve_scenario", _no_work)
    monkeypatch.setattr("speciosa.cli._audit.article_paths", _no_work)
    code = main([a.format(d=tmp_path) for a in args])
    out, err = capsys.readouterr()
    assert code == 2, err
    assert err.startswith(f"speciosa: error: {message.format(d=tmp_path)}") and err.count("\n") == 1, err
    assert _listing(tmp_path) == []


# --- a full disk ------------------------------------------------------------------------------------

FULL_DISK: list[tuple[str, Callable[[Path], list[str]]]] = [
    ("out.png", lambda target: [*SIMULATE, "--plot", str(target)]),
    ("out.html", lambda target: ["audit", str(ARTICLES), "--format", "html", "--out", str(target)]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "command"), FULL_DISK, ids=["simulate --plot", "audit --out"])
def test_full_disk_exits_1_saying_so_and_keeps_the_old_file(
    name: str, command: Callable[[Path], list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 64 KiB holds the old file but not the new one (a 170 kB plot, a 200 kB audit page)
    with tmpfs(tmp_path / "small", "64k") as folder:
        target = folder / name
        target.write_bytes(OLD)
        code = main(command(target))
        _, err = capsys.readouterr()
        assert code == 1, err
        assert err.splitlines()[-1] == (
            f"speciosa: error: could not write {target}: no space left on device; "
            "the previous file is unchanged"
        )
        assert "Traceback" not in err
        assert target.read_bytes() == OLD
        assert _listing(folder) == [name]


# --- kill -9 at random moments ------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "rounds", "window_s", "complete"),
    [("out.html", 3, 1.5, _complete_html), ("out.png", 2, 0.4, _complete_png)],
    ids=["audit --out", "simulate --plot"],
)
def test_sigkill_while_writing_never_leaves_a_partial_file(
    name: str, rounds: int, window_s: float, complete: Callable[[bytes], bool], tmp_path: Path
) -> None:
    """Each process is killed at a random moment after it opened its temporary file.

    The moments fall within ``window_s`` seconds of that, about the time the write takes (10
    articles streamed into the audit page; one plot rendered), so kills land mid-write or after.
    """
    rng = random.Random(17)
    work = tmp_path / "work"
    work.mkdir()
    if name.endswith(".html"):
        args = ["audit", str(_articles(tmp_path / "articles", 2)), "--format", "html", "--out", name]
    else:
        args = [*SIMULATE, "--plot", name]
    target = work / name
    target.write_bytes(OLD)
    killed_mid_write = 0
    # the first kill comes as soon as the temporary file exists, so at least one lands mid-write
    delays = [0.0] + [rng.uniform(0.0, window_s) for _ in range(rounds - 1)]
    for delay in delays:
        proc = _spawn(args, work)
        _wait_for_temp(proc, work, name)
        # the new writer has removed the temporary file of the one killed before it
        assert all(f".{proc.pid}." in n for n in _temps(work, name)), _temps(work, name)
        time.sleep(delay)
        proc.kill()
        proc.communicate(timeout=30)  # reaped: its pid is no longer alive
        data = target.read_bytes()
        assert data == OLD or complete(data), f"partial file: {len(data)} bytes"
        killed_mid_write += data == OLD
    assert killed_mid_write >= 1, "no kill landed during a write; the test checked nothing"
    atomic_write(target, OLD)
    assert _listing(work) == [name] and target.read_bytes() == OLD


# --- SIGTERM and SIGINT -------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("signum", "status", "word"), [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")]
)
def test_signal_while_writing_exits_promptly_and_cleans_up(
    signum: signal.Signals, status: int, word: str, tmp_path: Path
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    target = work / "audit.html"
    target.write_bytes(OLD)
    folder = _articles(tmp_path / "articles", 2)
    proc = _spawn(["audit", str(folder), "--format", "html", "--out", "audit.html"], work)
    _wait_for_temp(proc, work, "audit.html")
    sent = time.monotonic()
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=30)
    assert time.monotonic() - sent < 10, "did not stop promptly"
    assert proc.returncode == status, err
    errors = [line for line in err.splitlines() if line.startswith("speciosa: error:")]
    assert errors == [f"speciosa: error: {word}"], err
    assert "Traceback" not in err
    assert target.read_bytes() == OLD
    assert _listing(work) == ["audit.html"]
