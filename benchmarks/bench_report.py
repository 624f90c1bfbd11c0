"""Scenario report benchmarks (issue 8). Not run by the tests; one JSON line per case.

    .venv/bin/python benchmarks/bench_report.py

Scenario: the issue's "4 g leaf powder every 8 h for 14 days, with sertraline and tramadol, in
US-TX", 1000 simulated people, seed 0.

(a) baseline, same process: the five computations the report is made of, called directly as the
    commands call them (simulate, mechanism, interact, the seven evidence syntheses, legal status).
(b) ``build_report``: the same plus curves, plain answer, assumptions and reference numbering;
    ratio to (a).
(c) ``render_html`` (two SVG plots, Jinja2) and ``write_pdf`` (WeasyPrint) of that document.
(d) ``speciosa report ... --out --pdf`` in a fresh interpreter (the acceptance: under 30 s), with
    the process's peak memory (max RSS).
"""

from __future__ import annotations

import datetime as dt
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from speciosa.cli._evidence import evidence_document
from speciosa.cli._interact import resolve_drugs, run_interactions
from speciosa.cli._legal import status_document
from speciosa.cli._mechanism import run_mechanism
from speciosa.cli._scenario import resolve_scenario
from speciosa.cli._simulate import run_simulation, simulation_document
from speciosa.evidence import synthesise
from speciosa.legal import legal_status, resolve_place
from speciosa.report import REPORT_TOPICS, ReportRequest, build_report, render_html, write_pdf

DAY = dt.date(2026, 11, 21)
ARGS = ["--product", "leaf-powder", "--dose", "4g", "--every", "8h", "--days", "14"]


def timed(fn: Callable[[], object], repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def main() -> None:
    sc = resolve_scenario(
        product="leaf-powder",
        dose="4g",
        every="8h",
        days=14.0,
        regimen=None,
        subjects=1000,
        weight=None,
        mg_per_g=None,
        content=None,
    )
    drugs = resolve_drugs(sc.kb, ["sertraline", "tramadol"], [])
    place = resolve_place(sc.kb, "US-TX")
    req = ReportRequest(sc, drugs, place, DAY, subjects=1000, seed=0)

    def parts() -> None:
        simulation_document(sc, run_simulation(sc, subjects=1000, seed=0))
        run_mechanism(sc, subjects=1000, seed=0)
        run_interactions(sc, drugs, subjects=1000, seed=0)
        for topic in REPORT_TOPICS:
            evidence_document(sc.kb, synthesise(sc.kb, topic))
        status_document(sc.kb, legal_status(sc.kb, "US-TX", DAY))

    base = timed(parts)
    print(json.dumps({"case": "a", "what": "the five computations, direct", "wall_s": round(base, 3)}))
    build = timed(lambda: build_report(req))
    print(
        json.dumps(
            {
                "case": "b",
                "what": "build_report",
                "wall_s": round(build, 3),
                "ratio_to_a": round(build / base, 3),
            }
        )
    )
    doc = build_report(req)
    render = timed(lambda: render_html(doc))
    html = render_html(doc)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = timed(lambda: write_pdf(html, Path(tmp) / "r.pdf"))
        size = (Path(tmp) / "r.pdf").stat().st_size
    print(
        json.dumps(
            {
                "case": "c",
                "render_html_s": round(render, 3),
                "html_bytes": len(html.encode()),
                "write_pdf_s": round(pdf, 3),
                "pdf_bytes": size,
                "json_bytes": len(json.dumps(doc).encode()),
                "ratio_render_to_a": round(render / base, 3),
                "ratio_pdf_to_a": round(pdf / base, 3),
            }
        )
    )
    with tempfile.TemporaryDirectory() as tmp:
        argv = [
            "report",
            *ARGS,
            *("--drug", "sertraline", "--drug", "tramadol", "--where", "US-TX"),
            *("--out", f"{tmp}/r.html", "--pdf", f"{tmp}/r.pdf"),
        ]
        code = (
            "import resource, sys, time\n"
            "from speciosa.cli import main\n"
            "t = time.perf_counter()\n"
            f"rc = main({argv!r})\n"
            "rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "print(rc, time.perf_counter() - t, rss, file=sys.stderr)\n"
        )
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        wall = time.perf_counter() - t
        rc, inner, rss = proc.stderr.split()[-3:]
    print(
        json.dumps(
            {
                "case": "d",
                "what": "speciosa report (issue scenario) in a fresh interpreter, HTML + PDF",
                "exit": int(rc),
                "wall_s": round(wall, 2),
                "in_main_s": round(float(inner), 2),
                "peak_rss_mib": round(int(rss) / 1024, 1),
            }
        )
    )
    print(
        json.dumps(
            {
                "case": "this process",
                "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
