"""The typer application: commands only parse arguments, call the library and print."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from speciosa import __version__
from speciosa.cli._output import Format, emit_json, render_table
from speciosa.errors import UnknownIdError
from speciosa.knowledge import (
    DATASETS,
    CitationStyle,
    check_knowledge_base,
    format_citation,
    load_knowledge_base,
)
from speciosa.knowledge._summary import record_row, summarize

app = typer.Typer(
    name="speciosa",
    help="Kratom (Mitragyna speciosa) claims answered with numbers and sources.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
data_app = typer.Typer(
    help="Check and show the curated knowledge base.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(data_app, name="data")

FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="table (human) or json (one JSON document).")
]
PathOption = Annotated[
    Path | None,
    typer.Option(
        "--path", help="Data directory to use instead of the shipped data.", exists=True, file_okay=False
    ),
]


class CiteFormat(StrEnum):
    """Output formats of ``speciosa cite``."""

    text = "text"
    bibtex = "bibtex"
    json = "json"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"speciosa {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Kratom (Mitragyna speciosa) claims answered with numbers and sources."""


@data_app.command("check")
def data_check(path: PathOption = None, format: FormatOption = Format.table) -> None:
    """Validate every dataset: schemas, units, ranges, ids, duplicates and provenance.

    Exits 0 when the data are valid, 1 when problems are found (each listed with file, record
    id and field).
    """
    report = check_knowledge_base(path)
    if format is Format.json:
        emit_json(
            {
                "ok": report.ok,
                "path": str(report.path),
                "version": report.version,
                "counts": report.counts,
                "problems": [
                    {"file": p.file, "record": p.record, "field": p.field, "message": p.message}
                    for p in report.problems
                ],
            }
        )
    else:
        for problem in report.problems:
            typer.echo(str(problem))
        counts = ", ".join(f"{n} {name}" for name, n in report.counts.items())
        status = "ok" if report.ok else f"{len(report.problems)} problem(s)"
        typer.echo(f"{status}: {counts} (data {report.version or 'version unknown'}, {report.path})")
    if not report.ok:
        raise typer.Exit(1)


@data_app.command("show")
def data_show(
    dataset: Annotated[str, typer.Argument(help=f"One of: {', '.join(DATASETS)}.")],
    path: PathOption = None,
    format: FormatOption = Format.table,
) -> None:
    """Print the records of one dataset."""
    if dataset not in DATASETS:
        raise UnknownIdError("dataset", dataset, DATASETS)
    kb = load_knowledge_base(path)
    records = kb.dataset(dataset)
    if format is Format.json:
        emit_json(
            {
                "dataset": dataset,
                "data_version": kb.version,
                "records": [r.model_dump(mode="json", exclude_none=True) for r in records],
            }
        )
    else:
        typer.echo(render_table([record_row(r) for r in records]))
        typer.echo(f"{len(records)} {dataset} (data {kb.version})")


@data_app.command("summary")
def data_summary(path: PathOption = None, format: FormatOption = Format.table) -> None:
    """Say what the knowledge base holds: records, values by quality, gaps."""
    kb = load_knowledge_base(path)
    summary = summarize({name: kb.dataset(name) for name in DATASETS})
    if format is Format.json:
        emit_json({"data_version": kb.version, **summary})
        return
    typer.echo(f"speciosa knowledge base, data {kb.version}")
    rows = [
        {"dataset": n, "records": c, "about": DATASETS[n].description} for n, c in summary["records"].items()
    ]
    typer.echo(render_table(rows))
    values = summary["values"]
    typer.echo(
        f"\n{values['total']} cited values: "
        + ", ".join(f"{values.get(q, 0)} {q}" for q in ("primary", "secondary", "derived"))
    )
    read = summary["sources_read"]
    typer.echo(
        f"{sum(read.values())} sources, by what was read of them: "
        + ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in read.items())
    )
    if summary["unresolved"]:
        typer.echo(f"unresolved, not to be used without a choice: {', '.join(summary['unresolved'])}")
    gaps = summary["gaps"]
    typer.echo(
        f"{summary['not_measured']} explicit 'not measured' records; {sum(gaps.values())} recorded gaps "
        f"({', '.join(f'{n} {d}' for d, n in gaps.items())}): see `speciosa data show gaps`"
    )


@app.command("cite")
def cite(
    ids: Annotated[list[str], typer.Argument(help="Source id(s), e.g. tanna2022.", show_default=False)],
    format: Annotated[
        CiteFormat, typer.Option("--format", "-f", help="text, bibtex or json.")
    ] = CiteFormat.text,
    path: PathOption = None,
) -> None:
    """Print the reference for each source id."""
    kb = load_knowledge_base(path)
    sources = [kb.source(i) for i in ids]  # all resolved before anything is printed
    if format is CiteFormat.json:
        emit_json(
            [
                {
                    "id": s.id,
                    "text": format_citation(s, "text"),
                    "bibtex": format_citation(s, "bibtex"),
                    "source": s.model_dump(mode="json", exclude_none=True),
                }
                for s in sources
            ]
        )
        return
    style: CitationStyle = "bibtex" if format is CiteFormat.bibtex else "text"
    typer.echo(("\n\n" if style == "bibtex" else "\n").join(format_citation(s, style) for s in sources))


from speciosa.cli._simulate import simulate as _simulate  # noqa: E402

app.command("simulate")(_simulate)

from speciosa.cli._mechanism import mechanism as _mechanism  # noqa: E402

app.command("mechanism")(_mechanism)

from speciosa.cli._interact import interact as _interact  # noqa: E402

app.command("interact")(_interact)

from speciosa.cli._evidence import evidence as _evidence  # noqa: E402

app.command("evidence")(_evidence)

from speciosa.cli._audit import audit as _audit  # noqa: E402

app.command("audit")(_audit)

from speciosa.cli._legal import comply_command as _comply  # noqa: E402
from speciosa.cli._legal import legal as _legal  # noqa: E402

app.command("legal")(_legal)
app.command("comply")(_comply)

from speciosa.cli._report import report as _report  # noqa: E402

app.command("report")(_report)
