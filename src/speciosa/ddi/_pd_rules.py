"""Pharmacodynamic and prodrug findings of a pair: the rules of ``interaction_rules.yaml``."""

from __future__ import annotations

from speciosa.ddi._finding import Finding
from speciosa.knowledge import Drug, InteractionRule

__all__ = ["rule_finding", "rule_matches"]


def rule_matches(rule: InteractionRule, drug: Drug) -> bool:
    if rule.mechanism == "prodrug_activation":
        return drug.prodrug is not None and drug.prodrug.enzyme in rule.enzymes
    flag = getattr(drug.flags, rule.flag or "", None)
    return flag is not None and flag.level in rule.levels


def rule_finding(rule: InteractionRule, drug: Drug, extra: str | None) -> Finding:
    flag = getattr(drug.flags, rule.flag or "", None)
    sources = [s.source for s in rule.kratom_basis] + [s.source for s in rule.drug_basis]
    if flag is not None:
        sources.append(flag.source)
    if drug.prodrug is not None and rule.mechanism == "prodrug_activation":
        sources.append(drug.prodrug.source)
    basis = f"{drug.name}: {flag.statement}" if flag is not None else None
    if drug.prodrug is not None and rule.mechanism == "prodrug_activation":
        basis = f"{drug.name} is activated by {drug.prodrug.enzyme} to {drug.prodrug.active}"
    magnitude = "; ".join(x for x in (basis, extra) if x)
    return Finding(
        rule.mechanism,
        "pharmacodynamic",
        rule.severity,
        rule.evidence,
        rule.summary,
        rule.advice,
        tuple(dict.fromkeys(sources)),
        magnitude or None,
        rule.id,
    )
