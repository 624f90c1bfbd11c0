"""Exceptions raised by speciosa.

The hierarchy::

    SpeciosaError
    ├── InputError (ValueError)           bad input from a user: CLI exit 2, HTTP 422
    │   ├── UnitError                     text that is not a quantity, or the wrong dimension
    │   └── UnknownIdError (LookupError)  an id that is not in the knowledge base
    ├── DataError                         the knowledge base itself is wrong
    │   └── SchemaError (ValueError)      a data file does not match its schema
    └── OutputError (OSError)             an output file could not be written (disk full): CLI exit 1

Messages say what was wrong and what is accepted, so that the CLI can print them as one line.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable

__all__ = [
    "DataError",
    "InputError",
    "OutputError",
    "SchemaError",
    "SpeciosaError",
    "UnitError",
    "UnknownIdError",
]


#: Longest piece of user input quoted back in a message (characters).
_MAX_ECHO = 80


class SpeciosaError(Exception):
    """Base class of every error speciosa raises on purpose."""


class InputError(SpeciosaError, ValueError):
    """Input from a user (argument, file, request body) that cannot be used.

    Parameters
    ----------
    field
        Name of the argument or field that was wrong, as the user wrote it.
    message
        What was wrong and what would be accepted.
    """

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class UnitError(InputError):
    """A quantity that cannot be parsed, or whose dimension is not the one expected."""


class UnknownIdError(InputError, LookupError):
    """An identifier (source, compound, dataset, ...) that the knowledge base does not hold.

    The message lists the closest known identifiers.
    """

    def __init__(self, field: str, value: str, known: Iterable[str]) -> None:
        if len(value) > _MAX_ECHO:  # never echo a huge input back whole
            value = value[:_MAX_ECHO] + "…"
        self.value = value
        known = sorted(known)
        close = difflib.get_close_matches(value, known, n=3, cutoff=0.5)
        if not close:
            close = [k for k in known if value.lower() in k.lower()][:3]
        if close:
            hint = "did you mean " + ", ".join(repr(c) for c in close) + "?"
        elif len(known) <= 12:
            hint = "known: " + ", ".join(known)
        else:
            hint = f"{len(known)} known; list them with `speciosa data show`"
        super().__init__(field, f"unknown {field} {value!r}; {hint}")

    def __str__(self) -> str:  # LookupError would quote the message otherwise
        return f"{self.field}: {self.message}"


class DataError(SpeciosaError):
    """The shipped or user-supplied knowledge base is invalid."""


class SchemaError(DataError, ValueError):
    """A data file that does not match its schema.

    Parameters
    ----------
    file
        Name of the data file.
    record
        Id of the record (or ``"-"`` for the file itself).
    field
        Dotted path of the offending field.
    message
        What is wrong and what is accepted.
    """

    def __init__(self, file: str, record: str, field: str, message: str) -> None:
        self.file = file
        self.record = record
        self.field = field
        self.message = message
        super().__init__(f"{file}: record {record!r}, field {field!r}: {message}")


class OutputError(SpeciosaError, OSError):
    """An output file that could not be written; the previous file at its path is unchanged.

    Parameters
    ----------
    path
        The file as the user named it.
    reason
        What went wrong, e.g. ``"no space left on device"``.
    outcome
        What became of the file, e.g. ``"the previous file is unchanged"``; empty for a device.
    errno
        The operating system's error number, when there is one.
    """

    def __init__(
        self, path: str | os.PathLike[str], reason: str, outcome: str, *, errno: int | None = None
    ) -> None:
        self.path = os.fspath(path)
        self.reason = reason
        self.outcome = outcome
        self.message = f"could not write {self.path}: {reason}" + (f"; {outcome}" if outcome else "")
        super().__init__(self.message)
        self.errno = errno
        self.filename = self.path

    def __str__(self) -> str:  # OSError would add "[Errno n]" once errno and filename are set
        return self.message
