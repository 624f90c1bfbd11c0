"""Which affinity and which mode of action to use for a compound at a target, and why.

The knowledge base often holds several values for one compound at one target (different species,
assays, studies). The choice is a rule, applied the same way everywhere and reported with the
result:

1. Only usable records: measured or tested-inactive, without an unresolved contradiction.
2. Rank by measure (equilibrium binding Ki/Kd/pKi first; then functional antagonist Kb/pA2; then
   IC50; EC50 only as a last-resort proxy, because it depends on efficacy and receptor reserve),
   for transporters and ion channels IC50 ranks with Ki; then by species (human first, then any
   named animal species, then unstated); then by quality (primary, secondary, derived).
3. Several records of the best rank are combined by their geometric mean (a derived value, and
   said so). The range over all usable records is kept for a sensitivity answer.
4. If the only records say "inactive up to X", X is used as a lower bound on K, so occupancy is
   an upper bound.

The mode (agonist, partial agonist, antagonist, ...) comes from the functional records with the
same species/quality ranking; disagreeing studies are reported as a conflict, not averaged away.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, get_args

from speciosa.knowledge import Affinity, KnowledgeBase, Mode
from speciosa.units import mass_to_molar_concentration

__all__ = ["Binding", "Function", "TargetData", "species_rank", "target_data"]

_BINDING_MEASURES: Final = {
    "Ki": 0,
    "Kd": 0,
    "pKi": 0,
    "Kb": 1,
    "pA2": 1,
    "IC50": 2,
    "EC50": 3,
    "pEC50": 3,
    "pD2": 3,
}
_INHIBITED_KINDS: Final = ("transporter", "ion_channel", "enzyme")
_FUNCTIONAL_MODES: Final = frozenset(get_args(Mode)) - {"binding"}
_UNSTATED_SPECIES: Final = frozenset({"unknown", "unspecified", "mixed"})


def species_rank(species: str | None) -> int:
    """0 for human, 1 for a named animal species, 2 when unstated."""
    if species == "human":
        return 0
    return 2 if species is None or species in _UNSTATED_SPECIES else 1


_QUALITY_RANK: Final = {"primary": 0, "secondary": 1, "derived": 2}


@dataclass(frozen=True)
class Binding:
    """The affinity used for one compound at one target.

    ``k_nM`` is the equilibrium constant (or IC50) in nM; ``lower_bound`` marks a value taken from
    "inactive up to X" records (then occupancy computed with it is an upper bound).
    """

    compound: str
    target: str
    k_nM: float
    measure: str
    species: str
    quality: str
    records: tuple[str, ...]
    sources: tuple[str, ...]
    basis: str
    k_min_nM: float
    k_max_nM: float
    n_usable: int
    lower_bound: bool = False
    proxy: bool = False
    hill: float = 1.0
    confidence: str = "medium"


@dataclass(frozen=True)
class Function:
    """What binding does: the mode of action, and the maximal effect where measured."""

    compound: str
    target: str
    mode: str
    emax_percent: float | None
    reference_agonist: str | None
    species: str
    records: tuple[str, ...]
    sources: tuple[str, ...]
    conflicts: tuple[str, ...] = ()

    def describe(self) -> str:
        """Plain words, e.g. ``partial agonist (Emax 41% of DAMGO)``."""
        text = self.mode.replace("_", " ")
        if self.emax_percent is not None:
            named = self.reference_agonist and len(self.reference_agonist) <= 30
            ref = f" of {self.reference_agonist}" if named else " of the reference agonist"
            text += f" (Emax {self.emax_percent:.0f}%{ref})"
        if self.conflicts:
            text += "; other studies: " + "; ".join(self.conflicts)
        return text


@dataclass(frozen=True)
class TargetData:
    """Everything known at one target: chosen affinities, modes, and explicit absences."""

    target: str
    name: str
    kind: str
    bindings: dict[str, Binding]
    functions: dict[str, Function]
    not_measured: tuple[Affinity, ...]
    inactive: dict[str, Binding]

    @property
    def measured(self) -> bool:
        """True when some compound has a usable value, measured or "inactive up to"."""
        return bool(self.bindings or self.inactive)


def _nanomolar(kb: KnowledgeBase, rec: Affinity) -> float | None:
    assert rec.value is not None and rec.measure is not None
    v = rec.value
    if rec.measure in ("pKi", "pA2", "pEC50", "pD2"):
        return float(10.0 ** (9.0 - v.value))
    if v.kind == "molar_concentration":
        return v.m_as("nM")
    if v.kind == "mass_concentration":
        mw = kb.compound(rec.compound).molar_mass
        return None if mw is None else mass_to_molar_concentration(v.m_as("ng/mL"), mw.m_as("g/mol"))
    return None


def _rank(rec: Affinity, kind: str) -> tuple[int, int, int]:
    assert rec.measure is not None and rec.value is not None
    measure = _BINDING_MEASURES[rec.measure]
    if kind in _INHIBITED_KINDS and rec.measure == "IC50":
        measure = 0
    return measure, species_rank(rec.species), _QUALITY_RANK[rec.value.quality]


def _hill(rec: Affinity) -> float:
    """Hill slope recorded in a note as ``hill: 1.2`` (1 when not printed)."""
    for text in (rec.note, rec.value.note if rec.value else None):
        if text and "hill:" in text:
            try:
                return float(text.split("hill:")[1].split()[0].rstrip(",;)"))
            except ValueError:
                continue
    return 1.0


def _choose_binding(kb: KnowledgeBase, kind: str, records: list[Affinity]) -> Binding | None:
    rows = []
    for rec in records:
        if rec.measure not in _BINDING_MEASURES or rec.value is None or not rec.value.usable:
            continue
        k = _nanomolar(kb, rec)
        if k is not None and k > 0:
            rows.append((_rank(rec, kind), k, rec))
    if not rows:
        return None
    rows.sort(key=lambda r: r[0])
    best = [r for r in rows if r[0] == rows[0][0]]
    ks = [k for _, k, _ in best]
    k = math.exp(sum(math.log(x) for x in ks) / len(ks))
    rec0 = best[0][2]
    assert rec0.value is not None and rec0.measure is not None
    what = f"{rec0.measure}, {rec0.species}, {rec0.value.quality}"
    basis = what if len(best) == 1 else f"geometric mean of {len(best)} equally ranked values ({what})"
    all_k = [k for _, k, _ in rows]
    sources = tuple(dict.fromkeys(r.value.source for _, _, r in best if r.value is not None))
    return Binding(
        compound=rec0.compound,
        target=rec0.target,
        k_nM=k,
        measure=rec0.measure,
        species=rec0.species or "unknown",
        quality=rec0.value.quality,
        records=tuple(r.id for _, _, r in best),
        sources=sources,
        basis=basis,
        k_min_nM=min(all_k),
        k_max_nM=max(all_k),
        n_usable=len(rows),
        lower_bound=False,
        proxy=rows[0][0][0] == 3,
        hill=_hill(rec0) if len(best) == 1 else 1.0,
        confidence=_confidence(kb, rec0.value.quality, rec0.species, sources),
    )


def _confidence(kb: KnowledgeBase, quality: str, species: str | None, sources: Iterable[str]) -> str:
    """``high``: primary, human receptor; ``low``: only web pages (aggregators, vendors); else ``medium``."""
    if quality == "primary" and species == "human":
        return "high"
    if all(kb.source(s).kind == "web" for s in sources):
        return "low"
    return "medium"


def _provenance(rec: Affinity) -> tuple[str, str]:
    """(source, quality) of a record with a value or a qualitative statement."""
    if rec.value is not None:
        return rec.value.source, rec.value.quality
    return rec.source or (rec.candidates[0] if rec.candidates else "unknown"), rec.quality or "derived"


def _choose_function(records: list[Affinity]) -> Function | None:
    rows = [
        r
        for r in records
        if r.mode in _FUNCTIONAL_MODES
        and r.status in ("measured", "inactive", "qualitative")
        and (r.value is None or r.value.usable)
    ]
    if not rows:
        return None
    # receptor-level statements first: quality, then species (a tissue response ranks below)
    rows.sort(key=lambda r: (_QUALITY_RANK[_provenance(r)[1]], species_rank(r.species)))
    best = rows[0]
    assert best.mode is not None
    emax = next(
        (r for r in rows if r.mode == best.mode and r.measure in ("Emax", "Imax") and r.value is not None),
        None,
    )
    emax_pct = None
    if emax is not None and emax.value is not None:
        emax_pct = emax.value.value if emax.value.unit in ("percent", "%") else 100 * emax.value.value
    others: dict[str, str] = {}
    for r in rows:
        if r.mode != best.mode and r.mode is not None:
            others.setdefault(r.mode, _provenance(r)[0])
    same = [r for r in rows if r.mode == best.mode]
    return Function(
        compound=best.compound,
        target=best.target,
        mode=best.mode,
        emax_percent=emax_pct,
        reference_agonist=emax.reference_agonist if emax is not None else None,
        species=best.species or "unknown",
        records=tuple(r.id for r in same),
        sources=tuple(dict.fromkeys(_provenance(r)[0] for r in same)),
        conflicts=tuple(f"{m.replace('_', ' ')} ({src})" for m, src in others.items()),
    )


def _inactive_bound(records: list[Affinity]) -> Binding | None:
    rows = [r for r in records if r.status == "inactive" and r.value is not None and r.value.usable]
    if not rows:
        return None
    # the highest concentration tested without effect: K is at least this
    best = max(
        rows, key=lambda r: r.value.m_as("nM") if r.value and r.value.kind == "molar_concentration" else 0
    )
    assert best.value is not None
    k = best.value.m_as("nM")
    return Binding(
        compound=best.compound,
        target=best.target,
        k_nM=k,
        measure=best.measure or "inactive",
        species=best.species or "unknown",
        quality=best.value.quality,
        records=(best.id,),
        sources=(best.value.source,),
        basis=f"inactive up to {k / 1000:g} uM (lower bound on K)",
        k_min_nM=k,
        k_max_nM=k,
        n_usable=len(rows),
        lower_bound=True,
    )


def target_data(kb: KnowledgeBase, target: str, compounds: Iterable[str] | None = None) -> TargetData:
    """Chosen affinity and mode per compound at ``target`` (all compounds with data by default)."""
    t = kb.target(target)
    wanted = None if compounds is None else set(compounds)
    by_compound: dict[str, list[Affinity]] = {}
    absent: list[Affinity] = []
    for rec in kb.affinities:
        if rec.target != target or (wanted is not None and rec.compound not in wanted):
            continue
        if rec.status in ("not_measured", "not_readable"):
            absent.append(rec)
        else:
            by_compound.setdefault(rec.compound, []).append(rec)
    bindings: dict[str, Binding] = {}
    inactive: dict[str, Binding] = {}
    functions: dict[str, Function] = {}
    for compound, recs in by_compound.items():
        b = _choose_binding(kb, t.kind, [r for r in recs if r.status == "measured"])
        if b is not None:
            bindings[compound] = b
        else:
            bound = _inactive_bound(recs)
            if bound is not None:
                inactive[compound] = bound
        f = _choose_function(recs)
        if f is not None:
            functions[compound] = f
    return TargetData(
        target=target,
        name=t.name,
        kind=t.kind,
        bindings=bindings,
        functions=functions,
        not_measured=tuple(a for a in absent if a.compound not in bindings),
        inactive=inactive,
    )
