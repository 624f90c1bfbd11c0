"""``speciosa audit PATH|-``: check the claims of articles against the claim library."""

from __future__ import annotations

import json
import sys
from contextlib import ExitStack
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TextIO

import typer

from speciosa.cli._audit_render import (
    audit_document,
    html_foot,
    html_head,
    html_section,
    markdown_section,
    table_section,
)
from speciosa.errors import InputError
from speciosa.evidence import (
    MAX_ARTICLE_BYTES,
    Auditor,
    AuditReport,
    Document,
    article_paths,
    document_from_bytes,
    read_document,
)
from speciosa.files import atomic_open, check_output_path
from speciosa.knowledge import KnowledgeBase, load_knowledge_base

__all__ = ["AuditFormat", "audit"]


class AuditFormat(StrEnum):
    """Output formats of ``speciosa audit``."""

    table = "table"
    json = "json"
    markdown = "markdown"
    html = "html"


class _Writer:
    """Writes audits one at a time, so a batch keeps one document in memory."""

    def __init__(self, kb: KnowledgeBase, out: TextIO, fmt: AuditFormat, many: bool, model: str) -> None:
        self.kb, self.out, self.fmt, self.many, self.model = kb, out, fmt, many, model
        self.count = 0
        self.numbers: dict[str, int] = {}

    def start(self, title: str) -> None:
        if self.fmt is AuditFormat.json and self.many:
            self.out.write('{\n"documents": [\n')
        elif self.fmt is AuditFormat.html:
            self.out.write(html_head(title))
        elif self.fmt is AuditFormat.markdown:
            self.out.write(f"# {title}\n\n")

    def write(self, report: AuditReport) -> None:
        if self.fmt is AuditFormat.json:
            text = json.dumps(audit_document(self.kb, report), indent=2, ensure_ascii=False, default=str)
            self.out.write(("" if self.count == 0 else ",\n") + text if self.many else text + "\n")
        elif self.fmt is AuditFormat.html:
            self.out.write(html_section(report, self.numbers))
        elif self.fmt is AuditFormat.markdown:
            self.out.write(markdown_section(self.kb, report) + "\n")
        else:
            self.out.write(("\n" if self.count else "") + table_section(report) + "\n")
        self.count += 1

    def finish(self, failed: list[dict[str, str]]) -> None:
        if self.fmt is AuditFormat.json and self.many:
            tail = {"audited": self.count, "failed": failed}
            self.out.write('\n],\n"batch": ' + json.dumps(tail, ensure_ascii=False) + "\n}\n")
        elif self.fmt is AuditFormat.html:
            self.out.write(html_foot(self.kb, self.numbers, self.model))


def _stdin_document() -> Document:
    # One byte over the limit is enough to refuse: an endless stream is never read whole.
    return document_from_bytes(sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1), "-")


def audit(
    path: Annotated[
        str, typer.Argument(help="An article (.txt, .md, .html), a folder of them, or - for stdin.")
    ],
    format: Annotated[
        AuditFormat,
        typer.Option("--format", "-f", help="table, json, markdown or html (highlighted article)."),
    ] = AuditFormat.table,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file instead of stdout.")
    ] = None,
) -> None:
    """Find the check-worthy claims of an article and judge each against the claim library.

    Every check-worthy sentence is reported: with the matched claim's verdict, evidence level,
    rationale and sources, or as not_in_library. A folder is audited file by file with a
    progress bar; a file that cannot be read is reported and the others are still audited
    (exit status 2 at the end).
    """
    if out is not None:
        check_output_path(out, "--out")
    paths = None if path == "-" else article_paths(Path(path))
    first = _stdin_document() if paths is None else read_document(paths[0]) if len(paths) == 1 else None
    kb = load_knowledge_base()
    auditor = Auditor.load(kb)
    many = paths is not None and len(paths) > 1
    failed: list[dict[str, str]] = []
    with ExitStack() as stack:
        stream: TextIO = (
            # replaces --out only when every document is written; on error the old file stays
            stack.enter_context(atomic_open(out, "w")) if out is not None else sys.stdout
        )
        writer = _Writer(kb, stream, format, many, auditor.matcher.embedder.name)
        writer.start("speciosa claim audit" + (f": {path}" if path != "-" else ""))
        if first is not None:
            writer.write(auditor.audit(first))
        else:
            assert paths is not None
            with typer.progressbar(paths, label=f"Auditing {len(paths)} articles", file=sys.stderr) as bar:
                for item in bar:
                    try:
                        document = read_document(item)
                    except InputError as exc:
                        failed.append({"path": str(item), "error": exc.message})
                        continue
                    writer.write(auditor.audit(document))
        writer.finish(failed)
    for failure in failed:
        typer.echo(f"error: {failure['path']}: {failure['error']}", err=True)
    if out is not None:
        typer.echo(f"wrote {out}", err=True)
    if failed:
        raise typer.Exit(2)
