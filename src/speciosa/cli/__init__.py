"""Command-line interface. ``main`` turns every usage or input error into one line on stderr.

Exit status: 0 success; 1 the command ran and found problems (e.g. invalid data) or an internal
error; 2 bad usage or bad input (the message names the argument and what is accepted).
Set ``SPECIOSA_DEBUG=1`` to see tracebacks of internal errors.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with ``argv`` (default ``sys.argv[1:]``) and return the exit status."""
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
