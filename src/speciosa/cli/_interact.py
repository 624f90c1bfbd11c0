"""``speciosa interact``: what a kratom regimen does to co-medications, pair by pair."""

from __future__ import annotations

import re
from dataclasses import dataclass
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
from speciosa.ddi import (
    SEVERITIES,
    STATIC_BASIS,
    Assessment,
    PairAssessment,
    assess,
    check_drug_dose,
    resolve_drug,
)
from speciosa.errors import InputError
from speciosa.knowledge import Drug, KnowledgeBase
from speciosa.pd import Quantiles, exposure_assumptions, simulate_occupancy
from speciosa.pk import simulable_analytes
from speciosa.units import parse_quantity

__all__ = [
    "DrugRequest",
    "interact",
    "interact_document",
    "parse_drug_dose",
    "resolve_drugs",
    "run_interactions",
]

#: Shortest dosing interval of a co-medication (h). A convention (no labelled oral or transdermal
#: regimen here repeats more often than hourly), which also bounds the victim's time grid.
MIN_DRUG_INTERVAL_H = 1.0
_FREQUENCIES = {
    "once": None,
    "single": None,
    "daily": 24.0,
    "once daily": 24.0,
    "qd": 24.0,
    "twice daily": 12.0,
    "bid": 12.0,
    "three times daily": 8.0,
    "tid": 8.0,
    "four times daily": 6.0,
    "qid": 6.0,
}


#: Longest drug dose text read ("10 mg three times daily" is 23 characters).
_MAX_DRUG_DOSE_CHARS = 100


def parse_drug_dose(text: str) -> tuple[float, float | None]:
    """``"50 mg daily"`` -> (50.0 mg, 24.0 h); ``"30 mg once"`` -> (30.0, None); ``"5 mg every 12 h"``.

    Raises
    ------
    InputError
        Field ``drug-dose``, saying what is accepted.
    """
    accepted = "e.g. '50 mg daily', '30 mg once', '10 mg twice daily', '5 mg every 12 h'"
    text = " ".join(text.split())  # one space between words: the pattern below then cannot backtrack far
    if len(text) > _MAX_DRUG_DOSE_CHARS:
        raise InputError("drug-dose", f"{len(text)} characters is too long for a dose; {accepted}")
    m = re.fullmatch(r"(?P<amount>[\d.]+(?:e[+-]?\d+)? ?[a-zµμ]+) ?(?P<rest>.*)", text, flags=re.IGNORECASE)
    if m is None:
        raise InputError("drug-dose", f"cannot read {text!r}; {accepted}")
    mg = parse_quantity(m["amount"], kind="mass", field="drug-dose").m_as("mg")
    rest = m["rest"].lower()
    if not rest or rest in _FREQUENCIES:
        return mg, _FREQUENCIES.get(rest)
    every = re.fullmatch(r"every\s+(.+)", rest)
    if every is not None:
        hours = parse_quantity(every[1], kind="time", field="drug-dose").m_as("h")
        if not MIN_DRUG_INTERVAL_H <= hours <= 24 * 7:
            raise InputError(
                "drug-dose",
                f"interval must be at least {MIN_DRUG_INTERVAL_H:g} h and at most 7 days, got {every[1]!r}",
            )
        return mg, hours
    raise InputError("drug-dose", f"cannot read the frequency {rest!r}; {accepted}")


def _ratios(r: Quantiles | None) -> dict[str, float | None] | None:
    return None if r is None else {"median": rounded(r.median), "p05": rounded(r.p05), "p95": rounded(r.p95)}


def _pair(p: PairAssessment, doses: dict[str, str]) -> dict[str, Any]:
    return {
        "drug": p.drug.id,
        "name": p.drug.name,
        "drug_dose": doses.get(p.drug.id),
        "auc_ratio": _ratios(p.auc_ratio),
        "cmax_ratio": _ratios(p.cmax_ratio),
        "ratio_is_upper_bound": p.ratio_is_bound,
        "auc_ratio_basis": "dynamic_model"
        if p.dosing is not None or p.auc_ratio is None
        else "static_screening_bound",
        "static_auc_ratio": rounded(p.static_auc_ratio),
        "static_overprediction": [
            {
                "probe": c.probe,
                "enzyme": c.enzyme,
                "static_auc_ratio": rounded(c.predicted),
                "observed_auc_ratio": c.observed,
                "fold": rounded(c.fold),
                "study": c.study,
                "source": c.source,
            }
            for c in p.static_checks
        ],
        "severity": p.severity,
        "mechanisms": p.mechanisms,
        "evidence": p.evidence,
        "advice": p.advice,
        "sources": p.sources,
        "findings": [
            {
                "mechanism": f.mechanism,
                "kind": f.kind,
                "severity": f.severity,
                "evidence": f.evidence,
                "summary": f.summary,
                "magnitude": f.magnitude,
                "advice": f.advice,
                "rule": f.rule,
                "sources": list(f.sources),
            }
            for f in p.findings
        ],
        "basic_models": [
            {k: rounded(v) if isinstance(v, float) else v for k, v in b.items()} for b in p.basic
        ],
        "observed": [
            {
                "study": o.study,
                "measure": o.measure,
                "geometric_mean_ratio": o.value.value,
                "ci90": [o.value.interval.low, o.value.interval.high] if o.value.interval else None,
                "kratom": f"{o.perpetrator_dose.value:g} g {o.perpetrator}, {o.perpetrator_regimen}",
                "drug_dose": f"{o.victim_dose.value:g} {o.victim_dose.unit}",
                "source": o.value.source,
            }
            for o in p.observed
        ],
        "victim_dosing": None
        if p.dosing is None
        else {
            "dose_times_h": [rounded(t) for t in p.dosing.times[-3:]],
            "auc_window_h": [rounded(p.dosing.window[0]), rounded(p.dosing.window[1])],
            "interval_h": p.dosing.interval_h,
        },
        "assumptions": list(p.assumptions),
        "data_gaps": list(p.drug.gaps),
    }


def interact_document(a: Assessment, doses: dict[str, str], prov: dict[str, Any]) -> dict[str, Any]:
    """The JSON document of ``speciosa interact``."""
    exp = a.exposure.summary()
    perp = a.perpetrator
    return {
        "pairs": [_pair(p, doses) for p in a.pairs],
        "comedications": list(a.comedications),
        "kratom_exposure": {
            "mitragynine_per_dose_mg": rounded(a.exposure.dose_mg),
            "igut_uM": rounded(a.exposure.igut_nM / 1000),
            **{f"{k}_nM": _ratios(v) for k, v in exp.items()},
            "definitions": {
                "imax_u": "unbound peak plasma mitragynine over the regimen",
                "inlet_u": "unbound peak hepatic inlet concentration fu (C + ka A_gut / Qh)",
                "ig": "peak enterocyte concentration ka A_gut / Q_ent",
            },
        },
        "inhibition_constants": {
            "reversible": {e: c.text for e, c in perp.reversible.items()},
            "reversible_alternatives": {e: list(c.alternatives) for e, c in perp.reversible.items()},
            "time_dependent_liver": {e: f"{k.text}; {ki.text}" for e, (k, ki) in perp.tdi_liver.items()},
            "time_dependent_gut": {e: f"{k.text}; {ki.text}" for e, (k, ki) in perp.tdi_gut.items()},
            "choice_rule": "Ki before IC50/2; liver microsomes, then intestinal, then recombinant; primary, "
            "secondary, derived (docs/interactions.md)",
        },
        "model": a.model,
        "subjects": a.n_subjects,
        "seed": a.seed,
        "intervals": "p05-p95 across simulated subjects: kratom PK variability, reported SD of the "
        "inhibition "
        "constants, fu range; victim PK at typical values",
        "severity_scale": " > ".join(SEVERITIES) + "; PK: median AUC ratio >= 2 "
        "major, >= 1.25 moderate, p95 >= 1.25 minor (one step lower for upper bounds, the static "
        "model's included; a static bound never above the severity of a clinically observed ratio)",
        "static_model": STATIC_BASIS,
        "assumptions": list(a.assumptions),
        "provenance": prov,
        "disclaimer": "Information, not medical advice: discuss changes with a prescriber or pharmacist. "
        "Kratom is not a treatment for depression and nothing here recommends a kratom dose.",
    }


@dataclass(frozen=True)
class DrugRequest:
    """The co-medications a user named, resolved, with the doses they gave (text) and intervals (h)."""

    drugs: tuple[Drug, ...]
    doses: dict[str, str]
    intervals: tuple[float | None, ...]


def resolve_drugs(kb: KnowledgeBase, names: list[str], drug_doses: list[str]) -> DrugRequest:
    """Resolve ``--drug`` names and ``--drug-dose`` texts; every problem is an :class:`InputError`."""
    drugs = [resolve_drug(kb, d) for d in names]
    by_id = {d.id: d for d in drugs}
    if len(by_id) < len(drugs):
        raise InputError("drug", "the same drug is named twice")
    doses: dict[str, str] = {}
    plain = [x for x in drug_doses if "=" not in x]
    named = [x for x in drug_doses if "=" in x]
    if len(plain) > len(drugs):
        raise InputError(
            "drug-dose", f"{len(plain)} doses for {len(drugs)} drugs; give at most one per --drug"
        )
    for d, text in zip(drugs, plain, strict=False):
        doses[d.id] = text
    for x in named:
        name, _, text = x.partition("=")
        drug_id = resolve_drug(kb, name).id
        if drug_id not in by_id:
            raise InputError("drug-dose", f"a dose for {name.strip()!r}, which is not among the --drug given")
        if drug_id in doses:
            raise InputError("drug-dose", f"two doses for {name.strip()!r}; give one")
        doses[drug_id] = text
    parsed = {d.id: parse_drug_dose(doses[d.id]) for d in drugs if d.id in doses}
    for d in drugs:
        if d.id in parsed:
            check_drug_dose(d, *parsed[d.id])
    intervals = tuple(parsed[d.id][1] if d.id in parsed else None for d in drugs)
    return DrugRequest(tuple(drugs), doses, intervals)


def run_interactions(
    sc: Scenario, request: DrugRequest, *, model: str = "dynamic", subjects: int, seed: int
) -> dict[str, Any]:
    """The assessment and JSON document of ``speciosa interact`` for a scenario and drugs."""
    drugs, doses = list(request.drugs), request.doses
    herg = None
    if any(d.flags.qt is not None and d.flags.qt.level != "none" for d in drugs):
        exposure = exposure_assumptions(sc.kb, simulable_analytes(sc.model, sc.comp))
        occ = simulate_occupancy(
            sc.kb,
            sc.model,
            sc.comp,
            sc.regimen,
            exposure,
            n_subjects=min(subjects, 1000),
            seed=seed,
            weight_kg=sc.weight_kg,
            panel=[("HERG", "plasma")],
        )
        mg = [m for m in occ.herg if m.compound == "mitragynine"]
        if mg:
            herg = mg[0].margin
    result = assess(
        sc.kb,
        sc.model,
        sc.comp,
        sc.regimen,
        drugs,
        intervals=list(request.intervals),
        kind=model,  # type: ignore[arg-type]
        n_subjects=subjects,
        seed=seed,
        weight_kg=sc.weight_kg,
        herg_margin=herg,
    )
    prov = {
        "regimen": sc.regimen.text,
        "product": sc.comp.product,
        "content_mg_per_g": sc.comp.mg_per_g,
        "content_sources": sc.comp.provenance,
        "notes": list(sc.comp.notes),
        "pk_model": sc.model.id,
        "knowledge_base": sc.kb.version,
        "validation": "dynamic model vs NCT04392011 (2 g tea; midazolam, dextromethorphan): "
        "docs/interactions.md",
    }
    return interact_document(result, doses, prov)


def interact(
    drug: Annotated[
        list[str] | None, typer.Option("--drug", help="Co-medication name, brand or id (repeatable).")
    ] = None,
    drug_dose: Annotated[
        list[str] | None,
        typer.Option(
            "--drug-dose",
            help="Dose of the co-medications, in --drug order, e.g. '50 mg daily' (or DRUG='50 mg daily').",
        ),
    ] = None,
    model: Annotated[
        str, typer.Option("--model", help="dynamic (time course, default) or static (mechanistic static).")
    ] = "dynamic",
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
    format: Annotated[
        Format, typer.Option("--format", "-f", help="table (human) or json (one JSON document).")
    ] = Format.table,
) -> None:
    """Interactions of a kratom product and regimen with co-medications (antidepressants first).

    Information for clinicians and users, not medical advice; never a kratom dose recommendation.
    """
    if model not in ("dynamic", "static"):
        raise InputError("model", f"--model must be 'dynamic' or 'static', got {model!r}")
    if not drug:
        raise InputError("drug", "give at least one --drug NAME (e.g. --drug sertraline)")
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
    if subjects > 100_000:
        raise InputError("subjects", f"--subjects must be at most 100000 for interact, got {subjects}")
    request = resolve_drugs(sc.kb, drug, drug_dose or [])
    doc = run_interactions(sc, request, model=model, subjects=subjects, seed=seed)
    if format is Format.json:
        emit_json(doc)
        return
    typer.echo(f"{sc.comp.product}: {sc.regimen.text}; {model} model, {subjects} subjects, seed {seed}\n")

    def ratio(r: dict[str, float | None] | None, bound: bool) -> str:
        if r is None or r["median"] is None:
            return "-"
        text = f"{r['median']:.2f} ({r['p05']:.2f}-{r['p95']:.2f})"
        return ("<= " if bound else "") + text

    def observed(p: dict[str, Any]) -> str:
        auc = [o for o in p["observed"] if o["measure"] == "auc_ratio" and o["ci90"]]
        return (
            "; ".join(f"{o['geometric_mean_ratio']:g} ({o['ci90'][0]:g}-{o['ci90'][1]:g})" for o in auc)
            or "-"
        )

    typer.echo(
        render_table(
            [
                {
                    "drug": p["name"],
                    "severity": p["severity"],
                    "AUC ratio (90%)": ratio(p["auc_ratio"], p["ratio_is_upper_bound"]),
                    "observed AUC ratio (90% CI)": observed(p),
                    "evidence": p["evidence"],
                    "mechanisms": ", ".join(p["mechanisms"]) or "-",
                }
                for p in doc["pairs"]
            ]
        )
    )
    screening = [p for p in doc["pairs"] if p["auc_ratio_basis"] == "static_screening_bound"]
    if screening:
        typer.echo(f"\nAUC ratios marked <= for {', '.join(p['name'] for p in screening)}: {STATIC_BASIS}.")
        checks = {c["probe"]: c for p in screening for c in p["static_overprediction"]}
        for c in checks.values():
            typer.echo(
                f"  It over-predicted the {c['enzyme']} probe {c['probe']} {c['fold']:.1f}-fold: "
                f"{c['static_auc_ratio']:.2f} vs {c['observed_auc_ratio']:g} observed ({c['study']})."
            )
        typer.echo("  For an estimate use the dynamic model (--model dynamic, the default).")
    for p in doc["pairs"]:
        typer.echo(f"\n{p['name']} ({p['severity']}, {p['evidence']}): {p['advice']}")
        typer.echo(f"  sources: {', '.join(p['sources'])}")
    for c in doc["comedications"]:
        typer.echo(f"\nco-medications: {c['summary']} [{c['severity']}]")
    typer.echo("\nfull findings, basic models and assumptions: --format json. " + doc["disclaimer"])
