"""Assemble the scenario report as one JSON-ready document.

The sections are the documents of the commands themselves (``simulate``, ``mechanism``,
``interact``, ``evidence``, ``legal``), computed by the same functions with the same seed, so
the report's numbers are the commands' numbers. Only the plain-language answer, the curves for
the plots, the list of assumptions and the global reference numbering are added here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Final

import numpy as np

from speciosa import __version__
from speciosa.cli._evidence import evidence_document
from speciosa.cli._interact import DrugRequest, run_interactions
from speciosa.cli._legal import status_document
from speciosa.cli._mechanism import run_mechanism
from speciosa.cli._output import rounded
from speciosa.cli._scenario import Scenario
from speciosa.cli._simulate import run_simulation, simulation_document
from speciosa.evidence import synthesise
from speciosa.knowledge import format_citation
from speciosa.legal import Place, legal_status
from speciosa.pk import PopulationResult
from speciosa.report._references import number_sources
from speciosa.report._summary import plain_answer

__all__ = ["REPORT_TOPICS", "SECTIONS", "ReportRequest", "build_report"]

#: The report's sections in page order (document keys and HTML section ids).
SECTIONS: Final = (
    "summary",
    "exposure",
    "mechanism",
    "interactions",
    "evidence",
    "legal",
    "assumptions",
    "references",
)

#: Evidence topics the report always covers: mood first, then the main risks.
REPORT_TOPICS: Final = ("depression", "anxiety", "dependence", "withdrawal", "liver", "cardiac", "seizures")
#: Analytes shown in the exposure section (the two with human PK data after leaf).
EXPOSURE_ANALYTES: Final = ("mitragynine", "7-hydroxymitragynine")
#: Output step of the curves kept for the plots (h); the simulation itself runs at 0.25 h.
CURVE_STEP_H: Final = 0.5
#: Targets drawn in the occupancy plot: the simulated ones with the highest median peak.
PLOT_TARGETS: Final = 6

DISCLAIMER: Final = (
    "This report informs about exposure, interactions, evidence and law. It is not medical advice, it does "
    "not present kratom as a treatment for depression, anxiety or anything else, and it recommends no dose. "
    "Discuss any change to medicines with a prescriber or pharmacist."
)


@dataclass(frozen=True)
class ReportRequest:
    """A checked scenario: everything is resolved before any simulation runs.

    Attributes
    ----------
    scenario
        Product composition, regimen, body weight, model and knowledge base.
    drugs
        The co-medications (may be empty).
    place
        Where the user is, or None when not given.
    on
        Date for the legal status.
    subjects, seed
        Size and seed of the simulated population (the same for every section).
    scenario_options
        The product and regimen options as given (``--product leaf-powder --dose 4g ...``), to
        name the command that reproduces each section.
    """

    scenario: Scenario
    drugs: DrugRequest
    place: Place | None
    on: dt.date
    subjects: int = 1000
    seed: int = 0
    scenario_options: tuple[str, ...] = ()


def _curves(
    times: np.ndarray[Any, Any], curves: dict[str, np.ndarray[Any, Any]], scale: float = 1.0
) -> dict[str, Any]:
    keep = np.isclose(np.mod(times, CURVE_STEP_H), 0.0) | np.isclose(
        np.mod(times, CURVE_STEP_H), CURVE_STEP_H
    )
    out: dict[str, Any] = {"time_h": [rounded(float(t)) for t in times[keep]]}
    for name, (p05, p50, p95) in curves.items():
        out[name] = {
            k: [rounded(float(v) * scale) for v in arr[keep]]
            for k, arr in (("p05", p05), ("median", p50), ("p95", p95))
        }
    return out


def _exposure(req: ReportRequest, result: PopulationResult) -> dict[str, Any]:
    doc = simulation_document(req.scenario, result)
    shown = [a for a in EXPOSURE_ANALYTES if a in result.curves]
    doc["curves"] = _curves(result.times, {a: result.curves[a] for a in shown})
    doc["curves"]["unit"] = "nM"
    doc["molar_mass_g_mol"] = {a: req.scenario.model.molar_mass[a] for a in shown}
    doc["shown"] = shown
    doc["last_dose_h"] = req.scenario.regimen.doses[-1][0]
    return doc


def _mechanism(req: ReportRequest) -> dict[str, Any]:
    result, doc = run_mechanism(req.scenario, subjects=req.subjects, seed=req.seed)
    drawn = sorted(
        (t for t in result.targets if t.peak is not None),
        key=lambda t: t.peak.median if t.peak else 0.0,
        reverse=True,
    )[:PLOT_TARGETS]
    doc["curves"] = _curves(result.times, {t.target: result.curves[t.target] for t in drawn}, scale=100.0)
    doc["curves"]["unit"] = "% occupied"
    return doc


def _evidence(req: ReportRequest) -> list[dict[str, Any]]:
    kb = req.scenario.kb
    out = []
    for topic in REPORT_TOPICS:
        full = evidence_document(kb, synthesise(kb, topic))
        studies = {s["id"]: s for g in full["groups"].values() for s in g["studies"]}
        best = [studies[i] for i in full["best_evidence"] if i in studies]
        out.append(
            {
                "topic": topic,
                "question": full["question"],
                "kind": full["kind"],
                "certainty": full["certainty"],
                "certainty_start": full["certainty_start"],
                "downgrades": full["downgrades"],
                "studies": full["studies"],
                "counts_by_design": full["counts_by_design"],
                "controlled_human_studies": full["controlled_human_studies"],
                "no_controlled_human_study": full["no_controlled_human_study"],
                "newest_review": full["newest_review"],
                "best_evidence": [
                    {
                        k: s[k]
                        for k in (
                            "id",
                            "citation",
                            "design",
                            "population",
                            "n",
                            "n_unit",
                            "result",
                            "source",
                            "locator",
                        )
                    }
                    for s in best
                ],
                "command": f"speciosa evidence {topic}",
            }
        )
    return out


def _legal(req: ReportRequest) -> dict[str, Any]:
    if req.place is None:
        return {
            "given": False,
            "on": req.on.isoformat(),
            "note": "no place given: run with --where CODE (e.g. US-TX, TH)",
        }
    doc = status_document(req.scenario.kb, legal_status(req.scenario.kb, req.place.code, req.on))
    doc["given"] = True
    doc["command"] = f"speciosa legal {req.place.code} --on {req.on.isoformat()}"
    return doc


def _interactions(req: ReportRequest) -> dict[str, Any]:
    if not req.drugs.drugs:
        return {
            "given": False,
            "pairs": [],
            "comedications": [],
            "note": "no co-medication given (--drug NAME)",
        }
    doc = run_interactions(req.scenario, req.drugs, subjects=req.subjects, seed=req.seed)
    doc["given"] = True
    return doc


def _assumptions(sections: dict[str, Any]) -> list[str]:
    """Every assumption the sections state, in section order, each once."""
    items: list[str] = [
        "Intervals are the 5th-95th percentiles of the simulated population (between-subject variability "
        "of the model); they are not confidence intervals and do not include the uncertainty of the model's "
        "parameters, which rest on a few small studies.",
        "Times for levels to fall after stopping describe exposure only; they are not a prediction of "
        "withdrawal, whose time course is not modelled.",
    ]
    exposure = sections["exposure"]["provenance"]
    items += exposure["assumptions"]
    items += [f"Product: {n}" for n in exposure["notes"]]
    items += sections["mechanism"]["assumptions"]
    items += sections["interactions"].get("assumptions", [])
    for pair in sections["interactions"].get("pairs", []):
        items += [f"{pair['name']}: {a}" for a in pair["assumptions"]]
    seen: set[str] = set()
    out = []
    for item in items:
        key = " ".join(item.split())
        if key not in seen:
            seen.add(key)
            out.append(key)
    return out


def _limitations(sections: dict[str, Any]) -> list[str]:
    exposure = sections["exposure"]["provenance"]
    items = [
        f"PK model evidence: {exposure['evidence']}.",
        f"Mechanism evidence: {sections['mechanism']['provenance']['evidence']}.",
        "Evidence certainty is GRADE-style, judged by speciosa from the recorded study designs and "
        "limitations (docs/evidence.md); it is not a formal GRADE panel.",
    ]
    if exposure["not_simulated"]:
        items.append(
            "Not simulated (no content data or no human PK data): "
            + ", ".join(exposure["not_simulated"])
            + "."
        )
    for partly in exposure["simulated_only_as_metabolite"]:
        items.append(f"Simulated: {partly['simulated']}; not simulated: {partly['not_simulated']}.")
    legal = sections["legal"]
    if legal.get("given"):
        items.append(
            f"Legal status has {legal['confidence']} confidence in the data; law changes, and this is not "
            "legal advice (see the sources and check the current text)."
        )
    for pair in sections["interactions"].get("pairs", []):
        if pair["data_gaps"]:
            items.append(f"{pair['name']}: data gaps: " + "; ".join(str(g) for g in pair["data_gaps"]) + ".")
    return items


def build_report(req: ReportRequest) -> dict[str, Any]:
    """Run every section for the scenario and return the report document (JSON-ready).

    Parameters
    ----------
    req
        The checked scenario (see :class:`ReportRequest`).

    Returns
    -------
    dict
        ``scenario``, ``summary``, ``exposure``, ``mechanism``, ``interactions``, ``evidence``,
        ``legal``, ``assumptions``, ``limitations``, ``references`` (numbered, in order of first
        use) and ``data_version``. Every section keeps the source ids of its numbers; ``references``
        maps each to its number.
    """
    sc = req.scenario
    result = run_simulation(sc, subjects=req.subjects, seed=req.seed)
    sections: dict[str, Any] = {"exposure": _exposure(req, result)}
    sections["mechanism"] = _mechanism(req)
    sections["interactions"] = _interactions(req)
    sections["evidence"] = _evidence(req)
    sections["legal"] = _legal(req)
    scenario = {
        "product": sc.comp.product,
        "product_name": sc.kb.product(sc.comp.product).name,
        "content_mg_per_g": sc.comp.mg_per_g,
        "regimen": sc.regimen.text,
        "doses": len(sc.regimen.doses),
        "dose_g": sc.regimen.doses[0][1],
        "total_g": sc.regimen.total_grams,
        "body_weight_kg": sc.weight_kg if sc.weight_kg is not None else 70.0,
        "drugs": [{"id": d.id, "name": d.name, "dose": req.drugs.doses.get(d.id)} for d in req.drugs.drugs],
        "where": None if req.place is None else {"code": req.place.code, "name": req.place.name},
        "on": req.on.isoformat(),
        "subjects": req.subjects,
        "seed": req.seed,
    }
    doc: dict[str, Any] = {
        "title": "speciosa scenario report",
        "scenario": scenario,
        "summary": plain_answer(scenario, sections),
        **sections,
        "assumptions": _assumptions(sections),
        "limitations": _limitations(sections),
    }
    numbers = number_sources(sc.kb, doc)
    doc["references"] = [
        {"ref": n, "id": sid, "citation": format_citation(sc.kb.source(sid)), "url": sc.kb.source(sid).url}
        for sid, n in numbers.items()
    ]
    doc["disclaimer"] = DISCLAIMER
    doc["speciosa_version"] = __version__
    doc["data_version"] = sc.kb.version
    doc["commands"] = _commands(req)
    return doc


def _commands(req: ReportRequest) -> dict[str, str]:
    """The commands that print each section's numbers on their own (same seed, same numbers)."""
    base = " ".join(req.scenario_options) + f" --subjects {req.subjects} --seed {req.seed}"
    out = {
        "exposure": f"speciosa simulate {base} --format json",
        "mechanism": f"speciosa mechanism {base} --format json",
    }
    if req.drugs.drugs:
        drugs = " ".join(f"--drug {d.id}" for d in req.drugs.drugs)
        doses = "".join(
            f" --drug-dose '{d.id}={req.drugs.doses[d.id]}'"
            for d in req.drugs.drugs
            if d.id in req.drugs.doses
        )
        out["interactions"] = f"speciosa interact {base} {drugs}{doses} --format json"
    out["evidence"] = "speciosa evidence TOPIC --format json"
    if req.place is not None:
        out["legal"] = f"speciosa legal {req.place.code} --on {req.on.isoformat()} --format json"
    return out
