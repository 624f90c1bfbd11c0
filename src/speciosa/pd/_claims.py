"""Verdicts on the mechanism claims of articles, from simulated occupancy and recorded modes.

Verdicts, from weakest to strongest support:

- ``not supported``: no kratom alkaloid in the PK model has a measured value at the target(s);
  the reason names what exists instead (data for compounds with no human PK, values reported
  but unreadable, explicit searches that found nothing);
- ``contradicted``: every simulated alkaloid that binds does the opposite of what the claim needs
  (e.g. an antagonist where the claim needs activation);
- ``implausible``: peak occupancy below 1 % in 95 % of simulated subjects;
- ``unlikely``: median peak occupancy below 10 %, or below an occupancy the mechanism is known to
  need (``needed_occupancy``, cited);
- ``plausible``: median peak occupancy of 10 % or more and a compatible mode (or an unmeasured
  one, said so). Plausible at the receptor says nothing about a clinical effect.

The 1 % and 10 % lines are conventions of speciosa, not measured thresholds of effect; they are
listed in every output's assumptions.

A verdict *depends on missing product data* when an alkaloid with a value at one of the claim's
targets has a human PK model but no recorded content in the product: the same claim can get
another verdict for a product whose certificate lists it (``leaf-powder`` vs ``k51-leaf-powder``
at 5-HT1A). The verdict names those alkaloids (``missing_product_data``) and says so first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from speciosa.knowledge import KnowledgeBase, MechanismClaim
from speciosa.pd._mechanism import MechanismResult, TargetResult

__all__ = ["CLASS_LINES", "ClaimVerdict", "check_claims", "occupancy_class"]

#: Occupancy classes (fraction): speciosa conventions, not measured effect thresholds.
CLASS_LINES: Final = (0.01, 0.10, 0.50)

_COMPATIBLE: Final[dict[str, frozenset[str]]] = {
    "agonism": frozenset({"full_agonist", "partial_agonist", "positive_allosteric_modulator"}),
    "antagonism": frozenset({"antagonist", "inverse_agonist", "negative_allosteric_modulator"}),
    "inhibition": frozenset({"inhibitor", "antagonist", "negative_allosteric_modulator"}),
}
_OPPOSITE: Final[dict[str, frozenset[str]]] = {
    "agonism": frozenset({"antagonist", "inverse_agonist", "no_activity", "negative_allosteric_modulator"}),
    "antagonism": frozenset({"full_agonist"}),
    "inhibition": frozenset({"no_activity"}),
}


def occupancy_class(fraction: float) -> str:
    """``negligible`` (< 1 %), ``low`` (< 10 %), ``moderate`` (< 50 %) or ``high``."""
    low, mid, high = CLASS_LINES
    if fraction < low:
        return "negligible"
    if fraction < mid:
        return "low"
    return "moderate" if fraction < high else "high"


@dataclass(frozen=True)
class ClaimVerdict:
    """A mechanism claim, the verdict at this product and regimen, and why."""

    id: str
    claim: str
    targets: tuple[str, ...]
    verdict: str
    reason: str
    sources: tuple[str, ...]
    records: tuple[str, ...]
    missing_product_data: tuple[str, ...] = ()


def _pct(x: float) -> str:
    if x < 0.0001:
        return "<0.01%"
    return f"{100 * x:.2g}%" if x < 0.1 else f"{100 * x:.0f}%"


def _mode_fit(action: str, mode: str | None) -> str:
    if action == "binding":
        return "yes"
    if mode is None or mode == "binding":
        return "unknown"
    if mode in _COMPATIBLE[action]:
        return "yes"
    if mode in _OPPOSITE[action]:
        return "no"
    return "partly"  # e.g. a partial agonist where the claim needs antagonism


def _absent(tr: TargetResult, result: MechanismResult) -> str:
    d = tr.data
    parts = []
    not_in_product = [c for c in tr.not_simulated if c in result.modelled]
    no_pk = [c for c in tr.not_simulated if c not in result.modelled]
    if not_in_product:
        parts.append(
            f"values exist for {', '.join(not_in_product)}, which this product's recorded content does not "
            "include (give --content, or a product with a full alkaloid profile such as k51-leaf-powder)"
        )
    if no_pk:
        parts.append(f"values exist for {', '.join(no_pk)}, which has no human PK model (not simulated)")
    unread = [a for a in d.not_measured if a.status == "not_readable"]
    if unread:
        srcs = sorted({s for a in unread for s in a.candidates})
        parts.append(
            f"measured for {', '.join(sorted({a.compound for a in unread}))} in {', '.join(srcs)}, "
            "but the numbers could not be read"
        )
    inactive = [c for c in d.inactive if c not in tr.ligands]
    if inactive:
        parts.append(f"{', '.join(inactive)} tested inactive")
    if not parts:
        searched = sum(len(a.searched) for a in d.not_measured)
        return (
            f"no measured affinity for any kratom alkaloid at {tr.target} "
            f"({len(d.not_measured)} not-measured records, {searched} searches listed in affinities.yaml)"
        )
    return f"no simulated alkaloid has a value at {tr.target}: " + "; ".join(parts)


def _sources(tr: TargetResult) -> set[str]:
    out: set[str] = set()
    for b in tr.bindings.values():
        out.update(b.sources)
    for f in tr.data.functions.values():
        out.update(f.sources)
    for a in tr.data.not_measured:
        out.update(a.candidates)
    return out


def _quality(tr: TargetResult) -> str:
    notes = []
    bs = [tr.bindings[c] for c in tr.ligands]
    if bs and all(b.quality != "primary" for b in bs):
        notes.append("affinities from secondary sources only")
    if bs and all(b.species != "human" for b in bs):
        notes.append("no human-receptor value")
    if any(b.lower_bound for b in bs):
        notes.append("some values are 'inactive up to' bounds")
    low = [b.compound for b in bs if b.confidence == "low"]
    if low:
        notes.append(f"low confidence: the value for {', '.join(low)} comes only from web pages")
    return "; ".join(notes)


def _verdict(claim: MechanismClaim, result: MechanismResult) -> tuple[str, str, set[str]]:
    by_target = {tr.target: tr for tr in result.targets}
    trs = [by_target[t] for t in claim.targets if t in by_target]
    sources: set[str] = set()
    for tr in trs:
        sources |= _sources(tr)
    if claim.needed_occupancy is not None:
        sources.add(claim.needed_occupancy.source)
    measured = [tr for tr in trs if tr.peak is not None]
    if not measured:
        return "not supported", "; ".join(_absent(tr, result) for tr in trs), sources
    fits: dict[str, list[str]] = {"yes": [], "unknown": [], "partly": [], "no": []}
    for tr in measured:
        for c in tr.ligands:
            f = tr.mode(c)
            fits[_mode_fit(claim.action, f.mode if f else None)].append(
                f"{c} at {tr.target}: {f.describe() if f else 'mode not measured'}"
            )
    best = max(measured, key=lambda tr: tr.peak.p95 if tr.peak else 0.0)
    assert best.peak is not None and best.upper_peak is not None
    p95, med, up = best.peak.p95, best.peak.median, best.upper_peak.p95
    where = (
        f"peak {best.target} occupancy {_pct(med)} "
        f"(median; 90% of subjects {_pct(best.peak.p05)}-{_pct(p95)}), mostly {best.dominant}"
    )
    upper = f"; upper-bound reading of the data (most potent reported affinity, highest fu): {_pct(up)}"
    quality = _quality(best)
    tail = (f" ({quality})" if quality else "") + upper
    absent = [tr for tr in trs if tr.peak is None]
    if absent:
        tail += ". Also: " + "; ".join(_absent(tr, result) for tr in absent)
    if not fits["yes"] and not fits["unknown"] and not fits["partly"] and fits["no"]:
        return "contradicted", "; ".join(fits["no"]) + f" - not {claim.action}; " + where + tail, sources
    low, mid, _ = CLASS_LINES
    if p95 < low:
        return "implausible", f"under {_pct(low)} occupancy at this dose: " + where + tail, sources
    if med < mid:
        return "unlikely", f"median peak under {_pct(mid)} occupancy at this dose: " + where + tail, sources
    need = claim.needed_occupancy
    if need is not None:
        needed = need.value / 100 if need.unit.strip() in ("percent", "%") else need.value
        if med < needed:
            return (
                "unlikely",
                f"{where}, below the ~{_pct(needed)} that the mechanism needs "
                f"({need.source}: {claim.context.split('.')[0]})" + tail,
                sources,
            )
    modes = "; ".join(fits["yes"] + fits["partly"] + fits["unknown"])
    caveat = "" if fits["yes"] else " (mode of action not established for the binding compounds)"
    return "plausible", f"{where}{caveat}; {modes}" + tail, sources


def check_claims(kb: KnowledgeBase, result: MechanismResult) -> tuple[ClaimVerdict, ...]:
    """A verdict for every claim in ``mechanism_claims.yaml`` at this result's product and regimen."""
    out = []
    for claim in kb.mechanism_claims:
        verdict, reason, sources = _verdict(claim, result)
        records: list[str] = []
        missing: list[str] = []
        for tr in (x for x in result.targets if x.target in claim.targets):
            records += [r for b in tr.bindings.values() for r in b.records if b.compound in tr.ligands]
            records += [f.records[0] for f in tr.data.functions.values() if f.compound in tr.ligands]
            records += [a.id for a in tr.data.not_measured]
            missing += [c for c in tr.not_simulated if c in result.modelled]
        missing = list(dict.fromkeys(missing))
        if missing:
            reason = (
                f"depends on missing product data: the content of {', '.join(missing)} is not recorded "
                "for this product, and each has a value at the target; with it the verdict may differ "
                "(give --content, or a product with a full alkaloid profile such as k51-leaf-powder). "
                + reason
            )
        out.append(
            ClaimVerdict(
                claim.id,
                claim.claim,
                tuple(claim.targets),
                verdict,
                reason,
                tuple(sorted(sources)),
                tuple(dict.fromkeys(records)),
                tuple(missing),
            )
        )
    return tuple(out)
