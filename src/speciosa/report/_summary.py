"""The report's plain-language answer: a few sentences built from the sections' own numbers.

Each sentence keeps the source ids of the numbers in it. Nothing here computes science; it only
words what the sections found, with intervals and the strength of the evidence.
"""

from __future__ import annotations

from typing import Any, Final

from speciosa.knowledge import SEVERITIES
from speciosa.report._format import hours_interval, hours_text, interval_text

__all__ = ["plain_answer"]

#: The claim of the seed articles that the mechanism sentence answers first.
SSRI_CLAIM: Final = "ssri-like-serotonin-reuptake"
PEOPLE: Final = "90% of simulated people "


def _exposure(scenario: dict[str, Any], exposure: dict[str, Any]) -> list[dict[str, Any]]:
    analytes = exposure["analytes"]
    sources = list(exposure["provenance"]["sources"])
    when = "after the dose" if exposure["metrics_describe"].startswith("single") else "at steady state"
    parts = []
    for a in exposure["shown"]:
        parts.append(
            f"{a} peaks at a median {interval_text(analytes[a]['cmax_ng_mL'], ' ng/mL', label=PEOPLE)}"
        )
    text = f"{scenario['product_name']}, {scenario['regimen']}: {when}, " + "; ".join(parts) + "."
    mg = analytes.get("mitragynine", {})
    if "time_to_90pct_ss_h" in mg:
        reach = hours_interval(mg["time_to_90pct_ss_h"], label="90%: ")
        text += f" Mitragynine reaches 90% of its steady state after {reach}."
    out = [{"topic": "exposure", "text": text, "sources": sources}]
    if "fall_90pct_h" in mg:
        out.append(
            {
                "topic": "stopping",
                "text": (
                    "After the last dose, mitragynine levels fall by 50% within "
                    f"{hours_text(mg['fall_50pct_h']['median'])}, by 90% within "
                    f"{hours_text(mg['fall_90pct_h']['median'])} and by 99% within "
                    f"{hours_text(mg['fall_99pct_h']['median'])} (medians; 90% of simulated people by "
                    f"{hours_text(mg['fall_99pct_h']['p95'])}). This describes exposure only, not withdrawal."
                ),
                "sources": sources,
            }
        )
    return out


def _mechanism(mechanism: dict[str, Any]) -> dict[str, Any]:
    occupied = sorted(
        (t for t in mechanism["targets"] if t["peak_occupancy"] is not None),
        key=lambda t: t["peak_occupancy"]["median"],
        reverse=True,
    )
    top = [t for t in occupied if t["occupancy_class"] in ("moderate", "high")] or occupied[:1]
    sources: list[str] = []
    parts = []
    for t in top:
        mode = (t["mode"] or "not measured").split(";")[0]
        action = f"action of {t['dominant_compound']} not measured" if mode == "not measured" else mode
        peak = interval_text(t["peak_occupancy"], "%", 100.0, label=PEOPLE)
        parts.append(f"{t['name']} ({t['target']}), {action}: {peak}")
        sources += t["sources"]
    text = (
        "Model estimate of the targets occupied at peak: "
        + "; ".join(parts)
        + ". No human occupancy measurement "
        "exists for any kratom alkaloid."
        if parts
        else "No target with a measured affinity is occupied by the simulated alkaloids."
    )
    ssri = next((c for c in mechanism["claims"] if c["id"] == SSRI_CLAIM), None)
    if ssri is not None:
        text += f' The article claim "{ssri["claim"]}": {ssri["verdict"]} ({ssri["reason"]}).'
        sources += ssri["sources"]
    return {"topic": "mechanism", "text": text, "sources": sources}


def _interactions(interactions: dict[str, Any]) -> list[dict[str, Any]]:
    if not interactions.get("given"):
        return []
    out = []
    pairs = sorted(interactions["pairs"], key=lambda p: SEVERITIES.index(p["severity"]))
    for p in pairs:
        ratio = p["auc_ratio"]
        magnitude = (
            f"; {p['name']} exposure (AUC) × {interval_text(ratio, label=PEOPLE)}"
            + (" as an upper bound" if p["ratio_is_upper_bound"] else "")
            if ratio and ratio["median"] is not None
            else ""
        )
        advice = p["advice"].split(". ")[0].rstrip(".") + "."
        out.append(
            {
                "topic": f"interaction:{p['drug']}",
                "text": f"{p['name']}: {p['severity'].replace('_', ' ')} "
                f"(evidence: {p['evidence'].replace('_', ' ')}){magnitude}. {advice}",
                "sources": list(p["sources"]),
            }
        )
    for c in interactions["comedications"]:
        out.append(
            {
                "topic": "comedications",
                "text": f"{c['summary']} [{c['severity']}].",
                "sources": list(c["sources"]),
            }
        )
    return out


def _certainty(entry: dict[str, Any]) -> str:
    level = entry["certainty"].replace("_", " ")
    controlled = len(entry["controlled_human_studies"])
    trials = (
        "no controlled human study"
        if controlled == 0
        else f"{controlled} controlled human stud{'y' if controlled == 1 else 'ies'}"
    )
    return f"{entry['topic']}: {level} certainty ({entry['studies']} studies, {trials})"


def _evidence(evidence: list[dict[str, Any]]) -> list[dict[str, Any]]:
    mood = [e for e in evidence if e["topic"] in ("depression", "anxiety")]
    risks = [e for e in evidence if e["topic"] not in ("depression", "anxiety")]

    def sources(entries: list[dict[str, Any]]) -> list[str]:
        return [b["source"] for e in entries for b in e["best_evidence"]]

    return [
        {
            "topic": "mood",
            "text": "What studies show for mood: "
            + "; ".join(_certainty(e) for e in mood)
            + ". Kratom is not an established treatment for depression or anxiety.",
            "sources": sources(mood),
        },
        {
            "topic": "risks",
            "text": "Main risks, with the certainty of the evidence: "
            + "; ".join(_certainty(e) for e in risks)
            + ".",
            "sources": sources(risks),
        },
    ]


def _legal(legal: dict[str, Any]) -> dict[str, Any]:
    if not legal.get("given"):
        return {"topic": "legal", "text": f"Legal status: {legal['note']}.", "sources": []}
    status = legal["status"]
    decided = (
        "" if legal["decided_by"] in (None, legal["jurisdiction"]) else f", set by {legal['decided_by']}"
    )
    text = f"Legal status in {legal['name']} ({legal['jurisdiction']}) on {legal['on']}: {status}{decided}"
    text += f" (confidence of the data: {legal['confidence']})."
    kinds = {r["kind"]: r for r in legal["rules"]}
    if "min_age" in kinds and kinds["min_age"]["value"] is not None:
        text += f" Minimum age {kinds['min_age']['value']:g}."
    if "seven_oh_share_max" in kinds and kinds["seven_oh_share_max"]["value"] is not None:
        text += f" 7-OH at most {100 * kinds['seven_oh_share_max']['value']:g}% of the alkaloids."
    if legal["own_status"] == "unknown":
        why = legal["own"].get("note") or "no record covers this date"
        whose = "" if status == "unknown" else f" for {legal['name']}'s own law"
        text += f" The data hold no settled status{whose}: {why}"
        text += "" if text.endswith(".") else "."
    return {"topic": "legal", "text": text.strip(), "sources": [s["id"] for s in legal["sources"]]}


def plain_answer(scenario: dict[str, Any], sections: dict[str, Any]) -> list[dict[str, Any]]:
    """Sentences answering the scenario, each with the source ids behind its numbers."""
    return [
        *_exposure(scenario, sections["exposure"]),
        _mechanism(sections["mechanism"]),
        *_interactions(sections["interactions"]),
        *_evidence(sections["evidence"]),
        _legal(sections["legal"]),
    ]
