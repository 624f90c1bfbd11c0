"""Safe output files: checked before the work, written whole or not at all.

Every file speciosa writes goes to a hidden temporary file in the target's folder
(``.NAME.PID.RANDOM.tmp``), is flushed and synced, and is renamed over the target only when
complete (:func:`os.replace` is atomic within one file system). On any error, interrupt or
``SystemExit`` the temporary file is removed and the previous file at the path is untouched.
A process killed with SIGKILL cannot clean up; its temporary file is removed by the next write
to the same target, once no process with that PID is alive. The target itself is never partial.

Output options are checked with :func:`check_output_path` (and :func:`check_distinct_outputs`)
before any computation, so that a bad path is refused in a second rather than after a long run.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, suppress
from pathlib import Path
from typing import IO, Any, BinaryIO, Literal, TextIO, overload

from speciosa.errors import InputError, OutputError

__all__ = [
    "IMAGE_SUFFIXES",
    "atomic_open",
    "atomic_write",
    "check_distinct_outputs",
    "check_output_path",
]

# Formats that matplotlib's Agg canvas writes with no external program (its
# ``Figure().canvas.get_supported_filetypes()``, matplotlib 3.8-3.11), each named by the suffix that
# ``savefig(format=...)`` accepts. Left out: pgf (needs LaTeX), raw/rgba (bare pixel buffers) and
# avif/gif (depend on the matplotlib and Pillow versions). Hardcoded because importing matplotlib
# takes about a second; tests/unit/test_files.py checks the tuple against matplotlib.
IMAGE_SUFFIXES = (".eps", ".jpeg", ".jpg", ".pdf", ".png", ".ps", ".svg", ".svgz", ".tif", ".tiff", ".webp")

# errors that mean "the disk is full" wherever they come from (reading never raises them)
_DISK_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
# keep the temporary name within NAME_MAX (255 bytes) for long target names
_NAME_KEEP = 120


def _temp_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"\.{re.escape(name[:_NAME_KEEP])}\.(\d+)\.[0-9a-f]{{8}}\.tmp")


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid() or os.name == "nt":  # on Windows os.kill(pid, 0) would end the process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, owned by another user
        return True
    except OverflowError:
        return False
    return True


def _remove_stale(target: Path) -> None:
    """Remove temporary files of ``target`` left by processes that are no longer alive."""
    pattern = _temp_pattern(target.name)
    with suppress(OSError), os.scandir(target.parent) as entries:
        for entry in entries:
            match = pattern.fullmatch(entry.name)
            if match and not _pid_alive(int(match.group(1))):
                with suppress(OSError):
                    os.unlink(entry.path)


def _create_temp(target: Path) -> tuple[Path, int]:
    while True:
        name = f".{target.name[:_NAME_KEEP]}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
        temp = target.with_name(name)
        try:
            # 0o666 less the umask: the mode a new file would get from open()
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
            return temp, os.open(temp, flags, 0o666)
        except FileExistsError:  # pragma: no cover - 2**32 names
            continue


def _sync_folder(folder: Path) -> None:
    # makes the rename itself durable; not every file system lets a folder be opened or synced
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _output_error(path: Path, exc: OSError, outcome: str) -> OutputError:
    reason = {
        errno.ENOSPC: "no space left on device",
        errno.EDQUOT: "disk quota exceeded",
        errno.EFBIG: "file too large for the file system",
    }.get(exc.errno or 0, (exc.strerror or str(exc)).lower())
    return OutputError(path, reason, outcome, errno=exc.errno)


def _outcome(previous: os.stat_result | None) -> str:
    return "the previous file is unchanged" if previous is not None else "no file was written"


def _keep_owner(temp: Path, previous: os.stat_result) -> None:
    if hasattr(os, "geteuid") and (previous.st_uid, previous.st_gid) != (os.geteuid(), os.getegid()):
        with suppress(PermissionError):  # only root may give a file away
            os.chown(temp, previous.st_uid, previous.st_gid)


@contextmanager
def _direct(path: Path, mode: str, encoding: str | None) -> Iterator[IO[Any]]:
    # a device or pipe (/dev/null, /dev/stdout) has no previous content to keep: write straight
    try:
        fh = open(path, mode, encoding=encoding)
    except OSError as exc:
        raise _output_error(path, exc, "") from None
    try:
        with fh:
            yield fh
    except OSError as exc:
        if exc.errno in _DISK_FULL:
            raise _output_error(path, exc, "") from exc
        raise


@contextmanager
def _atomic(path: Path, mode: str, encoding: str | None) -> Iterator[IO[Any]]:
    try:
        previous: os.stat_result | None = path.stat()
    except FileNotFoundError:
        previous = None
    except OSError as exc:
        raise _output_error(path, exc, "no file was written") from None
    if previous is not None and not stat.S_ISREG(previous.st_mode):
        with _direct(path, mode, encoding) as fh:
            yield fh
        return
    # a symbolic link stays a link: the file it points to is replaced
    target = Path(os.path.realpath(path))
    _remove_stale(target)
    try:
        temp, fd = _create_temp(target)
    except OSError as exc:
        raise _output_error(path, exc, _outcome(previous)) from None
    fh = open(fd, mode, encoding=encoding)
    committing = False
    try:
        yield fh
        committing = True
        fh.flush()
        os.fsync(fh.fileno())
        fh.close()
        if previous is not None:
            os.chmod(temp, stat.S_IMODE(previous.st_mode))
            _keep_owner(temp, previous)
        os.replace(temp, target)
    except BaseException as exc:
        with suppress(OSError):
            os.unlink(temp)
        # closing may flush buffered data into the unlinked file; its errors are not the cause
        with suppress(OSError):
            fh.close()
        if isinstance(exc, OSError) and not isinstance(exc, OutputError):
            if committing or exc.errno in _DISK_FULL:
                raise _output_error(path, exc, _outcome(previous)) from exc
        raise
    _sync_folder(target.parent)


@overload
def atomic_open(
    path: str | os.PathLike[str], mode: Literal["w"] = "w", *, encoding: str = "utf-8"
) -> AbstractContextManager[TextIO]: ...


@overload
def atomic_open(
    path: str | os.PathLike[str], mode: Literal["wb"], *, encoding: str = "utf-8"
) -> AbstractContextManager[BinaryIO]: ...


def atomic_open(
    path: str | os.PathLike[str], mode: Literal["w", "wb"] = "w", *, encoding: str = "utf-8"
) -> AbstractContextManager[IO[Any]]:
    """Open a file for writing that replaces ``path`` only when the ``with`` block completes.

    The file object writes to a hidden temporary file in the folder of ``path``. When the block
    ends normally the file is flushed, synced to disk and renamed over ``path``, keeping the
    permission bits (and, where allowed, the owner) of the file it replaces; a new file gets the
    mode ``open`` would give it. When the block raises (any exception, ``KeyboardInterrupt``,
    ``SystemExit``), the temporary file is removed and ``path`` is left as it was. A symbolic link
    at ``path`` is kept and the file it points to is replaced; a device or pipe (``/dev/null``)
    is written directly.

    Parameters
    ----------
    path
        The file to write.
    mode
        ``"w"`` (text) or ``"wb"`` (bytes).
    encoding
        Text encoding in mode ``"w"``.

    Returns
    -------
    AbstractContextManager
        A context manager giving the open file object.

    Raises
    ------
    OutputError
        When the file cannot be written: the disk is full (also when the block's writes fail with
        ENOSPC, EDQUOT or EFBIG), the folder is not writable, or syncing or renaming fails.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     with atomic_open(Path(folder) / "events.csv") as fh:
    ...         _ = fh.write("ID,TIME\\n")
    ...     print(sorted(p.name for p in Path(folder).iterdir()))
    ['events.csv']
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"mode must be 'w' or 'wb', got {mode!r}")
    return _atomic(Path(path), mode, None if mode == "wb" else encoding)


def atomic_write(path: str | os.PathLike[str], data: str | bytes, *, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` atomically: the file holds either its old content or all of ``data``.

    Parameters
    ----------
    path
        The file to write.
    data
        Text (encoded with ``encoding``) or bytes.
    encoding
        Text encoding of ``data`` when it is a string.

    Raises
    ------
    OutputError
        When the file cannot be written (see :func:`atomic_open`); ``path`` is unchanged.
    """
    with atomic_open(path, "wb") as fh:
        fh.write(data.encode(encoding) if isinstance(data, str) else data)


def check_output_path(
    path: str | os.PathLike[str], field: str, *, suffixes: tuple[str, ...] | None = None
) -> Path:
    """Check that a file can be written at ``path``, before the work that produces it.

    Parameters
    ----------
    path
        The output file the user asked for.
    field
        The option that named it, as the user wrote it (``"--plot"``); errors name it.
    suffixes
        Accepted file-name suffixes, lower case with the dot (e.g. :data:`IMAGE_SUFFIXES`);
        ``None`` accepts any name.

    Returns
    -------
    Path
        ``path`` as a :class:`~pathlib.Path`.

    Raises
    ------
    InputError
        When the suffix is not accepted, ``path`` is a folder, its folder does not exist or is not
        writable, or the file exists and is read-only.
    """
    out = Path(path)
    if suffixes is not None and out.suffix.lower() not in suffixes:
        got = f"suffix {out.suffix!r}" if out.suffix else "no suffix"
        raise InputError(field, f"{str(out)!r} has {got}; accepted: {', '.join(suffixes)}")
    if out.is_dir():
        raise InputError(field, f"{str(out)!r} is a folder; give a file name in it")
    if out.exists() and not out.is_file():  # a device or pipe such as /dev/null or /dev/stdout
        if not os.access(out, os.W_OK):
            raise InputError(field, f"{str(out)!r} is not writable; choose another path")
        return out
    folder = Path(os.path.realpath(out)).parent
    if not folder.exists():
        raise InputError(field, f"the folder {folder} does not exist; create it or choose another path")
    if not folder.is_dir():
        raise InputError(field, f"{folder} is not a folder; choose another path")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(field, f"the folder {folder} is not writable; choose another folder")
    if out.exists() and not os.access(out, os.W_OK):
        raise InputError(field, f"{str(out)!r} is read-only; make it writable or choose another path")
    # os.access says yes to root on a read-only mount or in /proc: create (and remove) a file there
    probe = folder / f".{out.name[:_NAME_KEEP]}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(
            field, f"cannot create a file in {folder} ({reason.lower()}); choose another folder"
        ) from None
    os.close(fd)
    with suppress(OSError):
        os.unlink(probe)
    return out


def check_distinct_outputs(outputs: Mapping[str, str | os.PathLike[str] | None]) -> None:
    """Refuse two output options that name the same file (also through ``./``, links or ``..``).

    Parameters
    ----------
    outputs
        Option name (``"--out"``) to the path it was given, or ``None`` when not given.

    Raises
    ------
    InputError
        Naming the later option of the first pair that resolves to one file.
    """
    seen: list[tuple[str, Path]] = []
    values = dict(outputs)
    for field, value in values.items():
        if value is None:
            continue
        real = Path(os.path.realpath(value))
        for other, other_real in seen:
            same = real == other_real
            if not same and real.exists() and other_real.exists():
                same = os.path.samefile(real, other_real)  # hard links
            if same:
                raise InputError(
                    field,
                    f"{str(value)!r} is the same file as {other} {str(values[other])!r}; give two files",
                )
        seen.append((field, real))
