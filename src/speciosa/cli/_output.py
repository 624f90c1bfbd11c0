"""Output helpers for the CLI: one JSON document, or a plain aligned table."""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

__all__ = ["Format", "emit_json", "render_table", "rounded"]

_MAX_CELL = 70


class Format(StrEnum):
    """Output formats of commands that print data."""

    table = "table"
    json = "json"


def emit_json(document: Any) -> None:
    """Write exactly one JSON document (and a newline) to stdout."""
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n")


def _cell(value: object) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= _MAX_CELL else text[: _MAX_CELL - 1] + "…"


def render_table(rows: Sequence[Mapping[str, object]]) -> str:
    """Render rows (dicts) as an aligned text table; columns in first-seen order."""
    if not rows:
        return "(no records)"
    columns: list[str] = []
    for row in rows:
        columns += [c for c in row if c not in columns]
    cells = [[_cell(row.get(c, "")) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)


def rounded(x: float | None, digits: int = 4) -> float | None:
    """``x`` to ``digits`` significant figures for JSON; None for None, NaN and infinities."""
    return None if x is None or not math.isfinite(x) else float(f"{x:.{digits}g}")
