"""Atomic output files and output-path checks (issue 17, deliverable 3)."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import speciosa
from speciosa.errors import InputError, OutputError, SpeciosaError
from speciosa.files import (
    IMAGE_SUFFIXES,
    atomic_open,
    atomic_write,
    check_distinct_outputs,
    check_output_path,
)
from tests._mounts import tmpfs

OLD = b"old content\n"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()  # reaped: no process has this pid now
    return proc.pid


# --- writing -------------------------------------------------------------------------------------


def test_writes_text_and_bytes(tmp_path: Path) -> None:
    atomic_write(tmp_path / "a.txt", "grüße\n")
    atomic_write(tmp_path / "b.bin", b"\x00\x01")
    with atomic_open(tmp_path / "c.csv") as fh:
        fh.write("ID,TIME\n")
    assert (tmp_path / "a.txt").read_bytes() == "grüße\n".encode()
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"
    assert (tmp_path / "c.csv").read_text(encoding="utf-8") == "ID,TIME\n"
    assert _listing(tmp_path) == ["a.txt", "b.bin", "c.csv"]


def test_writes_to_a_hidden_temporary_file_in_the_same_folder_until_done(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_bytes(OLD)
    with atomic_open(target, "wb") as fh:
        fh.write(b"new")
        fh.flush()
        temps = [n for n in _listing(tmp_path) if n != "report.html"]
        assert len(temps) == 1 and temps[0].startswith(f".report.html.{os.getpid()}.")
        assert temps[0].endswith(".tmp")
        assert (tmp_path / temps[0]).read_bytes() == b"new"
        assert target.read_bytes() == OLD  # not replaced before the block ends
    assert target.read_bytes() == b"new"
    assert _listing(tmp_path) == ["report.html"]


@pytest.mark.parametrize("exc_type", [ValueError, KeyboardInterrupt, SystemExit])
def test_failure_midway_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path, exc_type: type) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(OLD)
    with pytest.raises(exc_type), atomic_open(target) as fh:
        fh.write("x" * 100_000)
        fh.flush()
        raise exc_type("stop")
    assert target.read_bytes() == OLD
    assert _listing(tmp_path) == ["out.csv"]


def test_failure_of_a_new_file_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), atomic_open(tmp_path / "new.png", "wb") as fh:
        fh.write(b"\x89PNG")
        raise RuntimeError
    assert _listing(tmp_path) == []


def test_keeps_the_permission_bits_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "a.html"
    target.write_bytes(OLD)
    target.chmod(0o640)
    atomic_write(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        atomic_write(tmp_path / "a.html", "new")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "a.html").stat().st_mode) == 0o640


def test_a_symbolic_link_stays_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_bytes(OLD)
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    atomic_write(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"


def test_stale_temporaries_of_dead_processes_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "p.png"
    target.write_bytes(OLD)
    stale = tmp_path / f".p.png.{_dead_pid()}.0123abcd.tmp"
    live = tmp_path / f".p.png.{os.getppid()}.89abcdef.tmp"  # a writer that may still be running
    other = tmp_path / f".q.png.{_dead_pid()}.0123abcd.tmp"  # another target's: not ours to remove
    for path in (stale, live, other):
        path.write_bytes(b"partial")
    atomic_write(target, b"new")
    assert _listing(tmp_path) == sorted([live.name, other.name, "p.png"])
    assert target.read_bytes() == b"new"


# --- full disks and devices --------------------------------------------------------------------


def test_full_disk_is_an_output_error_and_keeps_the_old_file(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "small", "64k") as folder:
        target = folder / "report.html"
        target.write_bytes(OLD)
        with pytest.raises(OutputError) as info:
            atomic_write(target, "x" * 200_000)
        assert (
            str(info.value)
            == f"could not write {target}: no space left on device; the previous file is unchanged"
        )
        assert info.value.errno == errno.ENOSPC
        assert target.read_bytes() == OLD
        assert _listing(folder) == ["report.html"]
        # streaming writes fail the same way, wherever in the block the disk fills up
        with pytest.raises(OutputError, match="no space left"), atomic_open(folder / "new.csv") as fh:
            for _ in range(100):
                fh.write("y" * 10_000)
        assert _listing(folder) == ["report.html"]


def test_output_error_is_a_speciosa_error_and_an_os_error() -> None:
    err = OutputError("a.html", "no space left on device", "no file was written", errno=errno.ENOSPC)
    assert isinstance(err, SpeciosaError) and isinstance(err, OSError)
    assert str(err) == "could not write a.html: no space left on device; no file was written"
    assert err.errno == errno.ENOSPC and err.filename == "a.html"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_devices_are_written_directly() -> None:
    with pytest.raises(OutputError) as info:
        atomic_write("/dev/full", "x" * 10_000)
    assert str(info.value) == "could not write /dev/full: no space left on device"
    atomic_write("/dev/null", "discarded")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="no /dev/stdout on this system")
def test_standard_output_is_written_directly_and_accepted_as_output() -> None:
    code = (
        "from speciosa.files import atomic_write, check_output_path\n"
        "check_output_path('/dev/stdout', '--out')\n"
        "atomic_write('/dev/stdout', 'to the pipe')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(Path(speciosa.__file__).resolve().parents[1])}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "to the pipe"


def test_unknown_mode_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="mode"):
        atomic_open(tmp_path / "a", "a")  # type: ignore[call-overload]


# --- checking output paths -----------------------------------------------------------------------


def test_a_good_path_is_returned(tmp_path: Path) -> None:
    assert check_output_path(str(tmp_path / "p.PNG"), "--plot", suffixes=IMAGE_SUFFIXES) == tmp_path / "p.PNG"
    assert check_output_path(tmp_path / "events", "--events-out") == tmp_path / "events"


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("p.txt", "has suffix '.txt'; accepted: .eps, .jpeg"),
        ("plot", "has no suffix; accepted:"),
        ("missing/p.png", "missing does not exist; create it or choose another path"),
        ("folder", "is a folder; give a file name in it"),
        ("file/p.png", "file is not a folder"),
    ],
)
def test_bad_paths_are_refused_naming_the_option(tmp_path: Path, name: str, fragment: str) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_bytes(OLD)
    suffixes = IMAGE_SUFFIXES if name.startswith("p") else None
    with pytest.raises(InputError) as info:
        check_output_path(tmp_path / name, "--plot", suffixes=suffixes)
    assert info.value.field == "--plot"
    assert fragment in str(info.value) and str(info.value).startswith("--plot: ")


@pytest.mark.skipif(IS_ROOT, reason="root may write into any folder, so a 0o500 folder is writable")
def test_a_folder_without_write_permission_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    with pytest.raises(InputError, match="is not writable"):
        check_output_path(folder / "p.png", "--plot")


def test_a_read_only_file_system_is_refused(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", "16k", read_only=True) as folder:
        with pytest.raises(InputError, match=r"^--out: the folder .* is not writable"):
            check_output_path(folder / "report.html", "--out")


@pytest.mark.skipif(IS_ROOT, reason="root may write to a file without write permission")
def test_a_read_only_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_bytes(OLD)
    target.chmod(0o444)
    with pytest.raises(InputError, match="is read-only"):
        check_output_path(target, "--out")


def test_two_options_naming_one_file_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as info:
        check_distinct_outputs({"--out": Path("./a.html"), "--pdf": Path("a.html")})
    assert info.value.field == "--pdf"
    assert str(info.value) == "--pdf: 'a.html' is the same file as --out 'a.html'; give two files"
    with pytest.raises(InputError, match="same file"):
        check_distinct_outputs({"--out": "a.html", "--pdf": str(tmp_path / "sub" / ".." / "a.html")})
    (tmp_path / "real.csv").write_bytes(OLD)
    (tmp_path / "link.csv").symlink_to(tmp_path / "real.csv")
    with pytest.raises(InputError, match="same file"):
        check_distinct_outputs({"--plot": "real.csv", "--events-out": "link.csv"})
    os.link(tmp_path / "real.csv", tmp_path / "hard.csv")
    with pytest.raises(InputError, match="same file"):
        check_distinct_outputs({"--plot": "real.csv", "--events-out": "hard.csv"})


def test_distinct_or_missing_outputs_pass(tmp_path: Path) -> None:
    check_distinct_outputs({"--out": tmp_path / "a.html", "--pdf": tmp_path / "a.pdf", "--plot": None})
    check_distinct_outputs({"--out": None, "--pdf": None})


# --- plot formats --------------------------------------------------------------------------------


def test_image_suffixes_are_formats_matplotlib_writes_to_a_file_object(tmp_path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(1, 1))
    ax.plot([0, 1], [0, 1])
    try:
        supported = set(fig.canvas.get_supported_filetypes())
        assert {s[1:] for s in IMAGE_SUFFIXES} <= supported
        for suffix in IMAGE_SUFFIXES:
            path = tmp_path / f"p{suffix}"
            with atomic_open(path, "wb") as fh:
                fig.savefig(fh, format=suffix[1:], dpi=20)
            assert path.stat().st_size > 0, suffix
    finally:
        plt.close(fig)
    assert _listing(tmp_path) == sorted(f"p{s}" for s in IMAGE_SUFFIXES)
