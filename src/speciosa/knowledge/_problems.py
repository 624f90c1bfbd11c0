"""A problem found in a data file, located by file, record and field."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Problem"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in the knowledge base.

    Attributes
    ----------
    file
        Data file name, e.g. ``"compounds.yaml"``.
    record
        Record id, ``"#3"`` (the fourth record) when the record has no usable id, or ``"-"``.
    field
        Dotted path of the field inside the record, or ``"-"``.
    message
        What is wrong and what would be accepted.
    """

    file: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: record {self.record!r}, field {self.field!r}: {self.message}"
