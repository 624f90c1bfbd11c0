"""Command-line interface. ``main`` turns every usage or input error into one line on stderr.

Exit status: 0 success; 1 the command ran and found problems (e.g. invalid data), an output file
could not be written (e.g. the disk is full; the previous file is unchanged) or an internal error;
2 bad usage or bad input (the message names the argument and what is accepted); 130 interrupted
(Ctrl-C, SIGINT); 143 terminated (SIGTERM). Output files are written atomically
(:mod:`speciosa.files`), so an interrupted command leaves no partial file.
Set ``SPECIOSA_DEBUG=1`` to see tracebacks of internal errors.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import FrameType

import typer

from speciosa.errors import InputError, SpeciosaError

__all__ = ["main", "run"]

_MAX_MESSAGE = 600


def _fail(message: str) -> None:
    message = " ".join(message.replace("Value error, ", "").split())
    if len(message) > _MAX_MESSAGE:  # one readable line, whatever the input quoted in it
        message = message[: _MAX_MESSAGE - 1] + "…"
    sys.stderr.write(f"speciosa: error: {message}\n")


def _is_cli_exception(exc: BaseException) -> bool:
    # Click's exceptions (vendored inside typer in recent versions): they carry an exit code
    # (2 for usage errors) and a message, and are the only exceptions that have both.
    return hasattr(exc, "exit_code") and callable(getattr(exc, "format_message", None))


class _Signalled(BaseException):
    """Raised by the SIGINT and SIGTERM handlers so that ``finally`` blocks (temporary files) run.

    A BaseException of its own, not KeyboardInterrupt, which typer turns into a silent exit 130.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_STOPPED = {signal.SIGINT: (130, "interrupted"), signal.SIGTERM: (143, "terminated")}


def _raise_signalled(signum: int, frame: FrameType | None) -> None:
    raise _Signalled(signum)


@contextmanager
def _signals_raise() -> Iterator[None]:
    # handlers can only be set from the main thread; elsewhere the signals keep their handlers
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, _raise_signalled) for signum in _STOPPED}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, signal.SIG_DFL if handler is None else handler)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with ``argv`` (default ``sys.argv[1:]``) and return the exit status."""
    try:
        with _signals_raise():
            return _main(argv)
    except _Signalled as exc:
        status, word = _STOPPED[signal.Signals(exc.signum)]
        _fail(word)
        return status
    except KeyboardInterrupt:  # raised by code, or outside the main thread
        _fail("interrupted")
        return 130


def _main(argv: Sequence[str] | None) -> int:
    from speciosa.cli._app import app

    command = typer.main.get_command(app)
    args = list(argv) if argv is not None else sys.argv[1:]
    try:
        result = command.main(args=args, prog_name="speciosa", standalone_mode=False)
    except InputError as exc:
        _fail(str(exc))
        return 2
    except SpeciosaError as exc:
        _fail(str(exc))
        return 1
    except typer.Exit as exc:
        return exc.exit_code
    except MemoryError:
        # runs are sized against the budget first, so this is a fault of the estimate or the machine
        _fail(
            "out of memory; the run was estimated to fit the memory budget but did not: use fewer "
            "subjects or a shorter regimen, or lower SPECIOSA_MEMORY_BUDGET below the free memory"
        )
        return 1
    except typer.Abort:
        _fail("aborted")
        return 130
    except Exception as exc:  # noqa: BLE001 - a user never sees a traceback
        if _is_cli_exception(exc):
            ctx = getattr(exc, "ctx", None)
            if type(exc).__name__ == "NoArgsIsHelpError" and ctx is not None:
                sys.stdout.write(ctx.get_help() + "\n")
                return 0
            hint = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
            _fail(exc.format_message() + hint)  # type: ignore[attr-defined]
            return int(exc.exit_code)  # type: ignore[attr-defined]
        if os.environ.get("SPECIOSA_DEBUG"):
            raise
        _fail(f"internal error ({type(exc).__name__}: {exc}); rerun with SPECIOSA_DEBUG=1 and report it")
        return 1
    return result if isinstance(result, int) else 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
