"""One finding of a kratom-drug pair (one mechanism), and how findings combine."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from speciosa.ddi._severity import SEVERITIES, Evidence

__all__ = ["Finding", "most_severe_per_mechanism"]


@dataclass(frozen=True)
class Finding:
    """One mechanism of one pair."""

    mechanism: str
    kind: Literal["pharmacokinetic", "pharmacodynamic"]
    severity: str
    evidence: Evidence
    summary: str
    advice: str
    sources: tuple[str, ...]
    magnitude: str | None = None
    rule: str | None = None


def most_severe_per_mechanism(findings: list[Finding]) -> list[Finding]:
    """Keep the most severe finding per mechanism (e.g. one respiratory finding, not two)."""
    best: dict[str, Finding] = {}
    for f in findings:
        cur = best.get(f.mechanism)
        if cur is None or SEVERITIES.index(f.severity) < SEVERITIES.index(cur.severity):
            best[f.mechanism] = f
    return sorted(best.values(), key=lambda f: (SEVERITIES.index(f.severity), f.kind))
