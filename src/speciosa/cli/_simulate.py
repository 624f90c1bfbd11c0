"""``speciosa simulate``: what a product at a dose puts in the blood, for a population."""

from __future__ import annotations

import csv
import io
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from speciosa.cli._output import emit_json, render_table, rounded
from speciosa.cli._scenario import (
    ContentOption,
    DaysOption,
    DoseOption,
    EveryOption,
    MgPerGOption,
    ProductOption,
    RegimenOption,
    Scenario,
    SeedOption,
    SubjectsOption,
    WeightOption,
    resolve_scenario,
)
from speciosa.files import IMAGE_SUFFIXES, atomic_open, check_distinct_outputs, check_output_path
from speciosa.pk import PopulationResult, simulable_analytes, simulate_population
from speciosa.units import molar_to_mass_concentration

__all__ = ["run_simulation", "simulate", "simulation_document", "simulation_provenance"]


class SimFormat(StrEnum):
    """Output formats of ``speciosa simulate``."""

    table = "table"
    json = "json"
    csv = "csv"


_METRIC_UNITS = {
    "cmax_nM": "nM",
    "tmax_h": "h",
    "auc_nM_h": "nM*h",
    "auc_0_t_nM_h": "nM*h",
    "t_half_h": "h",
    "cavg_nM": "nM",
    "cmin_nM": "nM",
    "accumulation_ratio": "1",
    "time_to_90pct_ss_h": "h",
    "ss_auc_nM_h": "nM*h",
    "fall_50pct_h": "h",
    "fall_90pct_h": "h",
    "fall_99pct_h": "h",
}


def run_simulation(
    sc: Scenario,
    *,
    subjects: int,
    seed: int,
    analytes: list[str] | None = None,
    step_h: float = 0.25,
) -> PopulationResult:
    """The population run of ``speciosa simulate`` for a scenario."""
    return simulate_population(
        sc.model,
        sc.comp,
        sc.regimen,
        n_subjects=subjects,
        seed=seed,
        analytes=analytes,
        weight_kg=sc.weight_kg,
        step_h=step_h,
    )


def _intake_not_simulated(sc: Scenario) -> tuple[list[str], list[dict[str, str]]]:
    """Compounds not simulated at all, and compounds simulated only as a metabolite.

    7-OH-mitragynine is simulated as formed from mitragynine; the 7-OH a product contains is not
    (no human PK data after oral 7-OH: the model's assumptions), whether its content is measured
    or not. Listing it plainly as "not simulated" next to its simulated metrics would contradict them.
    """
    model, comp = sc.model, sc.comp
    simulated = set(simulable_analytes(model, comp))
    absent = set(comp.not_measured) | {c for c in comp.mg_per_g if c not in model.dose_routes}
    not_simulated = sorted(c for c in absent if c not in simulated)
    status = {}
    if comp.product in {p.id for p in sc.kb.products}:
        status = {
            e.compound: e.value.text() if e.value is not None else e.status.replace("_", " ")
            for e in sc.kb.product(comp.product).content
        }

    def content(c: str) -> str:
        if c in comp.mg_per_g:
            return f"{comp.mg_per_g[c]:g} mg/g"
        return f"content {status.get(c, 'not measured')}"  # a bound ("< 0.4 mg/g") is shown as it is

    partly = [
        {
            "compound": c,
            "simulated": f"{c} formed from mitragynine in the body",
            "not_simulated": (
                f"{c} contained in the product ({content(c)}): no human PK data after oral intake"
            ),
        }
        for c in sorted(absent & simulated)
    ]
    return not_simulated, partly


def simulation_provenance(sc: Scenario) -> dict[str, Any]:
    """Model, product content, assumptions and sources of a simulation."""
    model, comp = sc.model, sc.comp
    not_simulated, partly = _intake_not_simulated(sc)
    return {
        "model": model.id,
        "model_file": f"speciosa/data/models/{model.id}.yaml",
        "product": comp.product,
        "content_mg_per_g": comp.mg_per_g,
        "content_sources": comp.provenance,
        "not_simulated": not_simulated,
        "simulated_only_as_metabolite": partly,
        "notes": list(comp.notes),
        "body_weight_kg": sc.weight_kg if sc.weight_kg is not None else 70.0,
        "assumptions": list(model.spec.assumptions),
        "evidence": (
            "model parameters derived from one study of 5-6 healthy adults given a single 2 g tea "
            "(Tanna 2022); multiple-dose behaviour is extrapolated by linearity and checked against "
            "Huestis 2024 (see docs/pk.md)"
        ),
        "sources": sorted({*model.sources, *comp.sources}),
        "knowledge_base": sc.kb.version,
    }


def simulation_document(sc: Scenario, result: PopulationResult) -> dict[str, Any]:
    """The JSON document of ``speciosa simulate``."""
    analytes: dict[str, Any] = {}
    for a, metrics in result.metrics.items():
        entry: dict[str, Any] = {}
        for name, (p05, p50, p95) in metrics.items():
            if name == "ss_auc_nM_h":
                continue
            entry[name] = {"median": rounded(p50), "p05": rounded(p05), "p95": rounded(p95)}
        p05, p50, p95 = metrics["cmax_nM"]
        mw = sc.model.molar_mass[a]
        entry["cmax_ng_mL"] = {
            k: rounded(molar_to_mass_concentration(v, mw))
            for k, v in (("median", p50), ("p05", p05), ("p95", p95))
        }
        entry["typical_subject"] = {k: rounded(v) for k, v in result.typical[a].items() if k != "ss_auc_nM_h"}
        analytes[a] = entry
    return {
        "regimen": sc.regimen.text,
        "subjects": result.n_subjects,
        "seed": result.seed,
        "metrics_describe": "single dose (0 to infinity)"
        if result.single_dose
        else (f"last dosing interval, {result.window[0]:g}-{result.window[1]:g} h after the first dose"),
        "intervals": (
            "p05-p95: 90% of simulated subjects (between-subject variability only; "
            "not a confidence interval of the model)"
        ),
        "fall_after_stopping": (
            "fall_50pct_h, fall_90pct_h, fall_99pct_h: hours after the last dose until the concentration "
            "stays below 50%, 10% and 1% of its peak after that dose (exposure only; not a prediction of "
            "withdrawal, which has no validated time course here)"
        ),
        "analytes": analytes,
        "provenance": simulation_provenance(sc),
    }


def _plot(result: PopulationResult, path: Path, title: str, mw: dict[str, float]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    analytes = list(result.curves)
    fig, axes = plt.subplots(len(analytes), 1, figsize=(8, 2.6 * len(analytes)), sharex=True, squeeze=False)
    for ax, a in zip(axes[:, 0], analytes, strict=True):
        p05, p50, p95 = result.curves[a]
        ax.fill_between(result.times, p05, p95, alpha=0.3, label="90% of subjects")
        ax.plot(result.times, p50, lw=1.5, label="median")
        ax.set_ylabel(f"{a}\n(nM)")
        factor = molar_to_mass_concentration(1.0, mw[a])
        sec = ax.secondary_yaxis("right", functions=(lambda x, f=factor: x * f, lambda y, f=factor: y / f))
        sec.set_ylabel("ng/mL")
        ax.legend(loc="upper right", fontsize=7)
    axes[-1, 0].set_xlabel("time after first dose (h)")
    fig.suptitle(title, fontsize=9)
    fig.tight_layout()
    try:
        with atomic_open(path, "wb") as fh:  # the format is the suffix, checked by check_output_path
            fig.savefig(fh, format=path.suffix[1:].lower(), dpi=110)
    finally:
        plt.close(fig)


def simulate(
    product: ProductOption = None,
    dose: DoseOption = None,
    every: EveryOption = None,
    days: DaysOption = None,
    regimen: RegimenOption = None,
    subjects: SubjectsOption = 1000,
    seed: SeedOption = 0,
    analyte: Annotated[
        list[str] | None, typer.Option("--analyte", help="Compound id to report (repeatable; default all).")
    ] = None,
    weight: WeightOption = None,
    mg_per_g: MgPerGOption = None,
    content: ContentOption = None,
    step: Annotated[float, typer.Option("--step", help="Output time step in hours.")] = 0.25,
    format: Annotated[
        SimFormat, typer.Option("--format", "-f", help="table, json (one document) or csv (curves).")
    ] = SimFormat.table,
    plot: Annotated[
        Path | None,
        typer.Option(
            "--plot",
            help="Write a plot of median and 90% band over time (PNG, SVG, PDF...: from the suffix).",
        ),
    ] = None,
    events_out: Annotated[
        Path | None, typer.Option("--events-out", help="Write the dose event records (CSV).")
    ] = None,
) -> None:
    """Simulate blood concentrations of kratom alkaloids for a product and regimen.

    Informs about exposure; it is not dosing advice.
    """
    if plot is not None:
        check_output_path(plot, "--plot", suffixes=IMAGE_SUFFIXES)
    if events_out is not None:
        check_output_path(events_out, "--events-out")
    check_distinct_outputs({"--plot": plot, "--events-out": events_out})
    sc = resolve_scenario(
        product=product,
        dose=dose,
        every=every,
        days=days,
        regimen=regimen,
        subjects=subjects,
        weight=weight,
        mg_per_g=mg_per_g,
        content=content,
    )
    model, comp, reg = sc.model, sc.comp, sc.regimen
    result = run_simulation(sc, subjects=subjects, seed=seed, analytes=analyte or None, step_h=step)
    if events_out is not None:
        from speciosa.pk import dose_events, write_events_csv

        write_events_csv(dose_events(model, comp, reg), events_out)
    doc = simulation_document(sc, result)
    prov = doc["provenance"]
    title = f"{comp.product}: {reg.text}; {subjects} subjects, seed {seed}"
    if plot is not None:
        _plot(result, plot, title, dict(model.molar_mass))
    if format is SimFormat.json:
        emit_json(doc)
        return
    if format is SimFormat.csv:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["time_h", "analyte", "p05_nM", "median_nM", "p95_nM"])
        for a, (p05, p50, p95) in result.curves.items():
            for i, t in enumerate(result.times):
                w.writerow([f"{t:g}", a, f"{p05[i]:.5g}", f"{p50[i]:.5g}", f"{p95[i]:.5g}"])
        typer.echo(buf.getvalue(), nl=False)
        return
    rows = []
    for a, metrics in result.metrics.items():
        for name, (p05, p50, p95) in metrics.items():
            if name == "ss_auc_nM_h":
                continue
            rows.append(
                {
                    "analyte": a,
                    "metric": name,
                    "median": f"{p50:.3g}",
                    "90% of subjects": f"{p05:.3g} - {p95:.3g}",
                    "unit": _METRIC_UNITS.get(name, ""),
                }
            )
    typer.echo(
        f"{title}\nmetrics: {'single dose' if result.single_dose else 'last dosing interval'}; "
        "intervals are between-subject variability, not model uncertainty\n"
    )
    typer.echo(render_table(rows))
    not_simulated = [str(x) for x in prov["not_simulated"]]
    if not_simulated:
        typer.echo(f"\nnot simulated (no content or no PK data): {', '.join(not_simulated)}")
    for p in prov["simulated_only_as_metabolite"]:
        typer.echo(f"simulated: {p['simulated']}; not simulated: {p['not_simulated']}")
    typer.echo(
        "\nassumptions: see `--format json` (provenance.assumptions) and docs/pk.md. Not dosing advice."
    )
