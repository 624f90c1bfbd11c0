"""Pharmacodynamic overlaps among the co-medications themselves (independent of kratom)."""

from __future__ import annotations

from collections.abc import Sequence

from speciosa.knowledge import Drug

__all__ = ["comedication_findings"]


def comedication_findings(drugs: Sequence[Drug]) -> list[dict[str, object]]:
    """Pharmacodynamic overlaps among the co-medications themselves (not kratom)."""
    checks = (
        (
            "serotonin_toxicity",
            "serotonergic",
            {"high", "moderate"},
            "major",
            "two serotonergic drugs: risk of serotonin toxicity",
        ),
        (
            "respiratory_depression",
            "respiratory_depressant",
            {"high", "moderate"},
            "major",
            "two respiratory depressants: additive depression of breathing",
        ),
        ("qt_prolongation", "qt", {"known", "possible"}, "moderate", "two QT-prolonging drugs"),
        (
            "seizure_threshold",
            "seizure_threshold",
            {"strongly_lowers", "lowers"},
            "moderate",
            "two drugs that lower the seizure threshold",
        ),
    )
    out: list[dict[str, object]] = []
    for i, a in enumerate(drugs):
        for b in drugs[i + 1 :]:
            for mech, flag, levels, severity, text in checks:
                fa, fb = getattr(a.flags, flag), getattr(b.flags, flag)
                if fa is None or fb is None or fa.level not in levels or fb.level not in levels:
                    continue
                if mech == "serotonin_toxicity" and "high" not in (fa.level, fb.level):
                    severity = "moderate"
                out.append(
                    {
                        "drugs": [a.id, b.id],
                        "mechanism": mech,
                        "severity": severity,
                        "evidence": "theoretical",
                        "summary": f"{a.name} + {b.name}: {text} (independent of kratom)",
                        "basis": [f"{a.name}: {fa.statement}", f"{b.name}: {fb.statement}"],
                        "sources": list(dict.fromkeys([fa.source, fb.source])),
                    }
                )
    return out
