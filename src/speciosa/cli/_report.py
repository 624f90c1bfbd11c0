"""``speciosa report``: one self-contained report for a scenario (product, dose, medicines, place)."""

from __future__ import annotations

import datetime as dt
import shlex
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from speciosa.cli._interact import resolve_drugs
from speciosa.cli._legal import parse_day
from speciosa.cli._output import emit_json
from speciosa.cli._scenario import (
    ContentOption,
    DaysOption,
    DoseOption,
    EveryOption,
    MgPerGOption,
    ProductOption,
    RegimenOption,
    SeedOption,
    SubjectsOption,
    WeightOption,
    resolve_scenario,
)
from speciosa.ddi import interaction_size
from speciosa.errors import InputError
from speciosa.files import atomic_write, check_distinct_outputs, check_output_path
from speciosa.legal import resolve_place
from speciosa.pd import occupancy_size
from speciosa.pk import Budget, check_run_size, simulation_size

__all__ = ["report"]

MAX_REPORT_SUBJECTS = 100_000


class ReportFormat(StrEnum):
    """Output formats of ``speciosa report``."""

    html = "html"
    json = "json"


def _options(**given: str | float | Path | None) -> tuple[str, ...]:
    out: list[str] = []
    for name, value in given.items():
        if value is not None:
            out += [
                f"--{name.replace('_', '-')}",
                shlex.quote(f"{value:g}" if isinstance(value, float) else str(value)),
            ]
    return tuple(out)


def report(
    product: ProductOption = None,
    mg_per_g: MgPerGOption = None,
    content: ContentOption = None,
    dose: DoseOption = None,
    every: EveryOption = None,
    days: DaysOption = None,
    regimen: RegimenOption = None,
    drug: Annotated[
        list[str] | None, typer.Option("--drug", help="Co-medication name, brand or id (repeatable).")
    ] = None,
    drug_dose: Annotated[
        list[str] | None,
        typer.Option(
            "--drug-dose", help="Dose of the co-medications in --drug order, or DRUG='50 mg daily'."
        ),
    ] = None,
    where: Annotated[
        str | None,
        typer.Option("--where", help="Where the user is: ISO 3166 code (US-TX, TH) or a locality."),
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", help="Date for the legal status (YYYY-MM-DD; default today).")
    ] = None,
    weight: WeightOption = None,
    subjects: SubjectsOption = 1000,
    seed: SeedOption = 0,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output file (default report.html; JSON: stdout).")
    ] = None,
    pdf: Annotated[Path | None, typer.Option("--pdf", help="Also print the report to this PDF file.")] = None,
    format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="html (the report page) or json (the same content)."),
    ] = ReportFormat.html,
) -> None:
    """Write one self-contained report for a scenario: exposure, mechanism, interactions, evidence, law.

    Every number carries its references and every risk its certainty. The report informs; it is
    not medical advice and recommends no dose.
    """
    started = time.perf_counter()
    # every input is checked before any simulation runs
    if not 1 <= subjects <= MAX_REPORT_SUBJECTS:
        raise InputError(
            "subjects", f"--subjects must be between 1 and {MAX_REPORT_SUBJECTS}, got {subjects}"
        )
    day = parse_day(on, "on") or dt.date.today()
    target = out if out is not None else (Path("report.html") if format is ReportFormat.html else None)
    for option, path in (("--out", target), ("--pdf", pdf)):
        if path is not None:
            check_output_path(path, option)
    check_distinct_outputs({"--out": target, "--pdf": pdf})
    given = {
        "product": product,
        "mg_per_g": mg_per_g,
        "content": content,
        "dose": dose,
        "every": every,
        "days": days,
        "regimen": regimen,
        "weight": weight,
    }
    sc = resolve_scenario(subjects=subjects, **given)  # type: ignore[arg-type]
    drugs = resolve_drugs(sc.kb, drug or [], drug_dose or [])
    # every part's run is sized before the first one starts
    sizes = [
        simulation_size(sc.model, sc.comp, sc.regimen, n_subjects=subjects, weight_kg=sc.weight_kg),
        occupancy_size(sc.model, sc.comp, sc.regimen, n_subjects=subjects),
    ]
    if drugs.drugs:
        sizes.append(interaction_size(sc.regimen, n_subjects=subjects))
    budget = Budget.from_environment()
    for size in sizes:
        check_run_size(size, budget)
    try:
        place = None if where is None else resolve_place(sc.kb, where)
    except InputError as exc:  # name the option the user wrote
        raise InputError("where", exc.message) from None
    from speciosa.report import ReportRequest, build_report, check_pdf_support, render_html, write_pdf

    if pdf is not None:
        check_pdf_support()
    request = ReportRequest(
        scenario=sc,
        drugs=drugs,
        place=place,
        on=day,
        subjects=subjects,
        seed=seed,
        scenario_options=_options(**given),
    )
    document = build_report(request)
    html = render_html(document) if format is ReportFormat.html or pdf is not None else None
    if format is ReportFormat.json:
        if target is None:
            emit_json(document)
        else:
            import json

            atomic_write(target, json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    elif target is not None and html is not None:
        atomic_write(target, html)
    if pdf is not None and html is not None:
        write_pdf(html, pdf)
    written = [str(p) for p in (target, pdf) if p is not None]
    if written:
        typer.echo(
            f"report written to {' and '.join(written)} ({len(document['references'])} references; "
            f"{time.perf_counter() - started:.1f} s). Information, not medical advice.",
            err=format is ReportFormat.json and target is None,
        )
