"""``speciosa mechanism``: which targets the alkaloids occupy at a dose, and which claims survive."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from speciosa.cli._output import Format, emit_json, render_table, rounded
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
from speciosa.files import IMAGE_SUFFIXES, atomic_open, check_output_path
from speciosa.pd import (
    CLASS_LINES,
    ClaimVerdict,
    HergMargin,
    MechanismResult,
    Quantiles,
    TargetResult,
    check_claims,
    exposure_assumptions,
    occupancy_class,
    parse_per_compound,
    simulate_occupancy,
)
from speciosa.pk import simulable_analytes

__all__ = ["mechanism", "mechanism_document", "run_mechanism"]


def _q(q: Quantiles | None) -> dict[str, float | None] | None:
    return None if q is None else {"median": rounded(q.median), "p05": rounded(q.p05), "p95": rounded(q.p95)}


def _status(tr: TargetResult) -> str:
    if tr.peak is not None:
        return "occupancy simulated"
    if tr.data.measured:
        return "measured, but not for an alkaloid simulated here"
    if any(a.status == "not_readable" for a in tr.data.not_measured):
        return "measured in a source whose values could not be read"
    return "not measured"


def _target(tr: TargetResult) -> dict[str, Any]:
    compounds: list[dict[str, Any]] = []
    for c, b in tr.bindings.items():
        f = tr.mode(c)
        compounds.append(
            {
                "compound": c,
                "simulated": c in tr.ligands,
                "affinity_nM": rounded(b.k_nM),
                "measure": b.measure,
                "affinity_basis": b.basis,
                "affinity_range_nM": [rounded(b.k_min_nM), rounded(b.k_max_nM)],
                "usable_values": b.n_usable,
                "lower_bound_only": b.lower_bound,
                "ec50_used_as_affinity": b.proxy,
                "species": b.species,
                "quality": b.quality,
                "confidence": b.confidence,
                "mode": f.describe() if f else "not measured",
                "median_peak_occupancy": rounded(tr.by_compound.get(c)),
                "records": list(b.records),
                "sources": list(b.sources) + ([s for s in f.sources if s not in b.sources] if f else []),
            }
        )
    for c, f in tr.data.functions.items():
        if c not in tr.bindings:
            compounds.append(
                {
                    "compound": c,
                    "simulated": c in tr.ligands,
                    "affinity_nM": None,
                    "mode": f.describe(),
                    "sources": list(f.sources),
                }
            )
    dominant = tr.dominant
    mode = tr.mode(dominant) if dominant else None
    sources = sorted(
        {s for x in compounds for s in x["sources"]} | {s for a in tr.data.not_measured for s in a.candidates}
    )
    return {
        "target": tr.target,
        "name": tr.name,
        "kind": tr.kind,
        "site": "brain (unbound plasma x Kp,uu)" if tr.site == "brain" else "unbound plasma",
        "measured": tr.data.measured,
        "status": _status(tr),
        "peak_occupancy": _q(tr.peak),
        "trough_occupancy": _q(tr.trough),
        "occupancy_class": occupancy_class(tr.peak.median) if tr.peak else None,
        "upper_bound_peak_occupancy": _q(tr.upper_peak),
        "agonist_weighted_peak": _q(tr.agonist_peak),
        "dominant_compound": dominant,
        "mode": mode.describe() if mode else ("not measured" if dominant else None),
        "compounds": compounds,
        "not_measured": [
            {
                "compound": a.compound,
                "status": a.status,
                "record": a.id,
                "searches": len(a.searched),
                "sources": list(a.candidates),
                "note": a.note,
            }
            for a in tr.data.not_measured
        ],
        "sources": sources,
    }


def _herg(result: MechanismResult) -> dict[str, Any]:
    tr = result.target("HERG")
    margins: tuple[HergMargin, ...] = result.herg
    out: dict[str, Any] = {
        "definition": "hERG IC50 / unbound peak plasma concentration (per compound, last dosing interval)",
        "threshold": margins[0].threshold if margins else None,
        "threshold_source": margins[0].threshold_source if margins else None,
        "compounds": [],
        "not_measured": sorted({a.compound for a in tr.data.not_measured}),
    }
    for m in margins:
        low = m.margin.p05
        if m.threshold is None:
            verdict = "no cited threshold"
        elif low >= m.threshold:
            verdict = f"above the {m.threshold:g}-fold margin in 95% of subjects"
        elif m.margin.median >= m.threshold:
            verdict = f"below the {m.threshold:g}-fold margin in more than 5% of subjects"
        else:
            verdict = f"below the {m.threshold:g}-fold margin in the median subject"
        out["compounds"].append(
            {
                "compound": m.compound,
                "ic50_nM": rounded(m.binding.k_nM),
                "ic50_basis": m.binding.basis,
                "ic50_range_nM": [rounded(m.binding.k_min_nM), rounded(m.binding.k_max_nM)],
                "unbound_cmax_nM": _q(m.unbound_cmax_nM),
                "margin": _q(m.margin),
                "margin_with_lowest_ic50": _q(m.margin_lowest_ic50),
                "verdict": verdict,
                "sources": list(m.binding.sources),
            }
        )
    return out


def _claim(c: ClaimVerdict) -> dict[str, Any]:
    return {
        "claim": c.claim,
        "id": c.id,
        "targets": list(c.targets),
        "verdict": c.verdict,
        "depends_on_missing_product_data": list(c.missing_product_data),
        "reason": c.reason,
        "sources": list(c.sources),
        "evidence_records": list(c.records),
    }


def mechanism_document(
    result: MechanismResult, claims: tuple[ClaimVerdict, ...], regimen: str, prov: dict[str, Any]
) -> dict[str, Any]:
    """The JSON document of ``speciosa mechanism``."""
    window = (
        "single dose: peak over the first 24 h, trough at 24 h"
        if result.single_dose
        else f"last dosing interval, {result.window[0]:g}-{result.window[1]:g} h after the first dose"
    )
    low, mid, high = CLASS_LINES
    assumptions = [
        *result.exposure.describe(),
        "occupancy at equilibrium at each instant (law of mass action); several compounds compete for one "
        "site (Gaddum); Hill slope 1 unless recorded",
        "affinity per compound and target chosen by a fixed rule (binding Ki first; human, then other "
        "species; primary, then secondary); equally ranked values combined by geometric mean "
        "(docs/mechanism.md)",
        "upper-bound scenario: the most potent affinity reported for each compound, and the fraction unbound "
        "at the top of its measured range (1 where none was measured)",
        "agonist-weighted occupancy = sum of occupancy x Emax; assumes no receptor reserve",
        f"occupancy classes (speciosa conventions, not effect thresholds): negligible < {low:.0%}, "
        f"low < {mid:.0%}, moderate < {high:.0%}, high above",
        "metabolites without a human PK model (mitragynine pseudoindoxyl, 9-O-desmethyl metabolites) "
        "are not simulated; where they have data, the target says so",
    ]
    return {
        "regimen": regimen,
        "subjects": result.n_subjects,
        "seed": result.seed,
        "window": window,
        "intervals": "p05-p95: 90% of simulated subjects (between-subject variability only)",
        "simulated_compounds": list(result.simulated),
        "targets": [_target(t) for t in result.targets],
        "herg_margin": _herg(result),
        "claims": [_claim(c) for c in claims],
        "assumptions": assumptions,
        "provenance": prov,
    }


def run_mechanism(
    sc: Scenario, *, subjects: int, seed: int, fu: list[str] | None = None, kp_uu: list[str] | None = None
) -> tuple[MechanismResult, dict[str, Any]]:
    """The occupancy run and JSON document of ``speciosa mechanism`` for a scenario.

    ``fu`` and ``kp_uu`` are the option texts (a number for all compounds or COMPOUND=NUMBER).
    """
    simulated = simulable_analytes(sc.model, sc.comp)
    fu_all, fu_each = parse_per_compound(fu or [], "fu", simulated, 0.0, 1.0)
    kp_all, kp_each = parse_per_compound(kp_uu or [], "kp-uu", simulated, 0.0, 20.0)
    exposure = exposure_assumptions(
        sc.kb,
        simulated,
        fu={c: fu_each.get(c, fu_all) for c in simulated if c in fu_each or fu_all is not None},  # type: ignore[misc]
        kp_uu={c: kp_each.get(c, kp_all) for c in simulated if c in kp_each or kp_all is not None},  # type: ignore[misc]
    )
    result = simulate_occupancy(
        sc.kb, sc.model, sc.comp, sc.regimen, exposure, n_subjects=subjects, seed=seed, weight_kg=sc.weight_kg
    )
    claims = check_claims(sc.kb, result)
    prov = {
        "model": sc.model.id,
        "product": sc.comp.product,
        "content_mg_per_g": sc.comp.mg_per_g,
        "content_sources": sc.comp.provenance,
        "notes": list(sc.comp.notes),
        "body_weight_kg": sc.weight_kg if sc.weight_kg is not None else 70.0,
        "pk_assumptions": list(sc.model.spec.assumptions),
        "evidence": (
            "affinities are mostly from abstracts and secondary sources (the primary tables could not be "
            "read; see gaps.yaml); no receptor-occupancy measurement in humans exists for any kratom alkaloid"
        ),
        "knowledge_base": sc.kb.version,
    }
    return result, mechanism_document(result, claims, sc.regimen.text, prov)


def _pct(q: dict[str, float | None] | None) -> str:
    if q is None:
        return "-"
    m, lo, hi = q["median"], q["p05"], q["p95"]
    assert m is not None and lo is not None and hi is not None
    return f"{100 * m:.2g}% ({100 * lo:.2g}-{100 * hi:.2g})"


def _plot(result: MechanismResult, path: Path, title: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    main = sorted(
        (t for t in result.targets if t.peak is not None),
        key=lambda t: t.peak.median if t.peak else 0,
        reverse=True,
    )[:6]
    fig, ax = plt.subplots(figsize=(8, 4.2))
    for t in main:
        p05, p50, p95 = 100 * result.curves[t.target]
        (line,) = ax.plot(result.times, p50, lw=1.5, label=f"{t.target} ({t.dominant})")
        ax.fill_between(result.times, p05, p95, alpha=0.15, color=line.get_color())
    ax.axvspan(*result.window, color="grey", alpha=0.08, label="evaluation window")
    ax.set_xlabel("time after first dose (h)")
    ax.set_ylabel("occupancy (%)\nmedian and 90% of subjects")
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left", fontsize=7)
    ax.set_title(title, fontsize=9)
    fig.tight_layout()
    try:
        with atomic_open(path, "wb") as fh:  # the format is the suffix, checked by check_output_path
            fig.savefig(fh, format=path.suffix[1:].lower(), dpi=110)
    finally:
        plt.close(fig)


def mechanism(
    product: ProductOption = None,
    dose: DoseOption = None,
    every: EveryOption = None,
    days: DaysOption = None,
    regimen: RegimenOption = None,
    subjects: SubjectsOption = 1000,
    seed: SeedOption = 0,
    weight: WeightOption = None,
    mg_per_g: MgPerGOption = None,
    content: ContentOption = None,
    fu: Annotated[
        list[str] | None,
        typer.Option(
            "--fu",
            help="Fraction unbound in plasma: a number for all compounds or COMPOUND=NUMBER (repeatable).",
        ),
    ] = None,
    kp_uu: Annotated[
        list[str] | None,
        typer.Option(
            "--kp-uu",
            help="Unbound brain/plasma ratio: a number for all compounds or COMPOUND=NUMBER (default 1).",
        ),
    ] = None,
    format: Annotated[
        Format, typer.Option("--format", "-f", help="table (human) or json (one JSON document).")
    ] = Format.table,
    plot: Annotated[
        Path | None,
        typer.Option(
            "--plot",
            help="Write a plot of occupancy over time for the main targets (PNG, SVG, PDF...).",
        ),
    ] = None,
) -> None:
    """Receptor, transporter and channel occupancy for a product and regimen, and mechanism-claim verdicts.

    Informs about mechanism; it is not dosing advice and says nothing about efficacy for mood.
    """
    if plot is not None:
        check_output_path(plot, "--plot", suffixes=IMAGE_SUFFIXES)
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
    result, doc = run_mechanism(sc, subjects=subjects, seed=seed, fu=fu or [], kp_uu=kp_uu or [])
    if plot is not None:
        _plot(result, plot, f"{sc.comp.product}: {sc.regimen.text}; {subjects} subjects, seed {seed}")
    if format is Format.json:
        emit_json(doc)
        return
    typer.echo(f"{sc.comp.product}: {sc.regimen.text}; {subjects} subjects, seed {seed}; {doc['window']}\n")
    typer.echo(
        render_table(
            [
                {
                    "target": t["target"],
                    "status": t["status"],
                    "peak occupancy median (90%)": _pct(t["peak_occupancy"]),
                    "trough": _pct(t["trough_occupancy"]),
                    "upper bound (p95)": "-"
                    if t["upper_bound_peak_occupancy"] is None
                    else f"{100 * t['upper_bound_peak_occupancy']['p95']:.2g}%",
                    "dominant": t["dominant_compound"] or "-",
                    "mode": t["mode"] or "-",
                }
                for t in doc["targets"]
            ]
        )
    )
    herg = doc["herg_margin"]
    for m in herg["compounds"]:
        margin = m["margin"]
        typer.echo(
            f"\nhERG margin ({m['compound']}): IC50 {m['ic50_nM']:g} nM / unbound Cmax "
            f"{m['unbound_cmax_nM']['median']:g} nM = {margin['median']:.3g} "
            f"(90% of subjects {margin['p05']:.3g}-{margin['p95']:.3g}); {m['verdict']} "
            f"({herg['threshold_source']})"
        )
    typer.echo("\nclaims:")
    typer.echo(
        render_table(
            [
                {
                    "claim": c["claim"],
                    "verdict": c["verdict"]
                    + (" (depends on missing product data)" if c["depends_on_missing_product_data"] else ""),
                    "sources": ", ".join(c["sources"]),
                }
                for c in doc["claims"]
            ]
        )
    )
    missing = sorted({m for c in doc["claims"] for m in c["depends_on_missing_product_data"]})
    if missing:
        typer.echo(
            f"\nmissing product data: {doc['provenance']['product']} has no recorded content of "
            f"{', '.join(missing)}, which have values at claimed targets; verdicts marked above may differ "
            "for a product that lists them (give --content, or e.g. --product k51-leaf-powder)."
        )
    typer.echo(
        "\nreasons and assumptions: --format json. Not dosing advice; nothing here shows an effect on mood."
    )
