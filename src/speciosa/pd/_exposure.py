"""From total plasma concentration to the free concentration at a target: named assumptions.

Two numbers stand between what the PK model gives (total plasma concentration) and what binds a
receptor (free concentration at the receptor):

- ``fu``, the fraction unbound in plasma. Taken from ``protein_binding.yaml`` (human first, then
  other species; fraction unbound, or 1 - percent bound / 100). A compound without any
  measurement gets mitragynine's value: an assumption, said so in every output.
- ``kp_uu``, unbound brain over unbound plasma concentration, for targets in the brain. No kratom
  alkaloid has a measured value (``gaps.yaml``: gap-brain-kpuu); the default 1 is the usual
  assumption for a lipophilic base that crosses the blood-brain barrier passively without
  efflux. Targets outside the brain (hERG in the heart, 5-HT2B in heart valves) see unbound
  plasma concentration.

Both can be set by the user (``--fu``, ``--kp-uu``), per compound or for all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from speciosa.errors import InputError
from speciosa.knowledge import KnowledgeBase, ProteinBinding
from speciosa.pd._affinity import species_rank

__all__ = ["Exposure", "UnboundFraction", "exposure_assumptions", "measured_fu", "parse_per_compound"]

_REFERENCE_COMPOUND = "mitragynine"


@dataclass(frozen=True)
class UnboundFraction:
    """Fraction unbound in plasma of one compound, with where it came from."""

    compound: str
    fu: float
    low: float | None
    high: float | None
    basis: str
    sources: tuple[str, ...]
    assumed: bool
    set_by_user: bool = False


@dataclass(frozen=True)
class Exposure:
    """Assumptions that turn total plasma concentration into free concentration at the target."""

    fu: dict[str, UnboundFraction]
    kp_uu: dict[str, float]
    kp_uu_basis: str
    notes: tuple[str, ...] = field(default=())

    def factor(self, compound: str, site: str) -> float:
        """Free concentration at ``site`` (``brain`` or ``plasma``) per unit total plasma concentration."""
        f = self.fu[compound].fu
        return f * self.kp_uu[compound] if site == "brain" else f

    def describe(self) -> list[str]:
        """The assumptions in plain words, for output."""
        out = [
            f"fraction unbound in plasma of {c}: {u.fu:.3g} ({u.basis})" for c, u in sorted(self.fu.items())
        ]
        kp = sorted(set(self.kp_uu.values()))
        if len(kp) == 1:
            out.append(
                f"unbound brain / unbound plasma concentration (Kp,uu): {kp[0]:g} ({self.kp_uu_basis})"
            )
        else:
            out += [f"Kp,uu of {c}: {v:g} ({self.kp_uu_basis})" for c, v in sorted(self.kp_uu.items())]
        return out + list(self.notes)


def _fu_of(rec: ProteinBinding) -> tuple[float, float | None, float | None]:
    v = rec.value
    scale = 100.0 if v.unit.strip() in ("percent", "%") else 1.0
    if rec.parameter == "fu":
        lo, hi = (v.interval.low / scale, v.interval.high / scale) if v.interval else (None, None)
        return v.value / scale, lo, hi
    # percent bound: fu = 1 - bound
    lo, hi = (1 - v.interval.high / scale, 1 - v.interval.low / scale) if v.interval else (None, None)
    return 1 - v.value / scale, lo, hi


def measured_fu(kb: KnowledgeBase, compound: str) -> UnboundFraction | None:
    """Plasma fraction unbound of ``compound`` from the knowledge base, or None when none is recorded."""
    rows = [
        r
        for r in kb.protein_binding
        if r.compound == compound
        and r.matrix in ("plasma", "serum")
        and r.parameter in ("fu", "percent_bound")
        and r.value.usable
    ]
    if not rows:
        return None
    rows.sort(key=lambda r: (species_rank(r.species), r.value.quality != "primary"))
    best = rows[0]
    fu, lo, hi = _fu_of(best)
    v = best.value
    what = "percent bound" if best.parameter == "percent_bound" else "fraction unbound"
    basis = f"{best.species} plasma {what} {v.text()}, {v.source} ({v.quality})"
    if best.parameter == "percent_bound":
        basis += "; fu = 1 - bound"
    return UnboundFraction(compound, fu, lo, hi, basis, (v.source,), assumed=False)


def parse_per_compound(
    values: Iterable[str], field_name: str, compounds: Iterable[str], low: float, high: float
) -> tuple[float | None, dict[str, float]]:
    """Parse ``0.1`` (all compounds) and ``mitragynine=0.05`` items of a repeatable option."""
    known = set(compounds)
    every: float | None = None
    each: dict[str, float] = {}
    for item in values:
        name, sep, text = item.rpartition("=")
        try:
            x = float(text)
        except ValueError:
            raise InputError(
                field_name,
                f"--{field_name} takes a number or COMPOUND=NUMBER "
                f"(e.g. 0.1 or mitragynine=0.05), got {item!r}",
            ) from None
        if not low < x <= high:
            raise InputError(
                field_name, f"--{field_name} must be above {low:g} and at most {high:g}, got {x:g}"
            )
        if not sep:
            if every is not None:
                raise InputError(field_name, f"--{field_name} for all compounds is given twice; give it once")
            every = x
            continue
        if name not in known:
            from speciosa.errors import UnknownIdError

            raise UnknownIdError(f"{field_name} compound", name, sorted(known))
        if name in each:
            raise InputError(field_name, f"--{field_name} for {name} is given twice; give it once")
        each[name] = x
    return every, each


def exposure_assumptions(
    kb: KnowledgeBase,
    compounds: Iterable[str],
    *,
    fu: Mapping[str, float] | None = None,
    kp_uu: Mapping[str, float] | None = None,
) -> Exposure:
    """Unbound fractions and brain penetration for ``compounds``, with user overrides applied.

    Parameters
    ----------
    fu
        Fraction unbound per compound; replaces the knowledge base for those compounds.
    kp_uu
        Unbound brain-to-plasma ratio per compound (default 1).
    """
    names = list(compounds)
    user_fu = dict(fu or {})
    user_kp = dict(kp_uu or {})
    ref = measured_fu(kb, _REFERENCE_COMPOUND)
    out: dict[str, UnboundFraction] = {}
    for c in names:
        found = measured_fu(kb, c)
        if c in user_fu:
            out[c] = UnboundFraction(
                c, float(user_fu[c]), None, None, "set by the user (--fu)", (), assumed=True, set_by_user=True
            )
        elif found is not None:
            out[c] = found
        elif ref is not None:
            out[c] = UnboundFraction(
                c,
                ref.fu,
                ref.low,
                ref.high,
                f"not measured; assumed equal to mitragynine's ({ref.fu:.3g}, {ref.sources[0]})",
                ref.sources,
                assumed=True,
            )
        else:
            out[c] = UnboundFraction(c, 1.0, None, None, "not measured; assumed 1 (upper bound)", (), True)
    notes = []
    assumed = [c for c, u in out.items() if u.assumed and c not in user_fu]
    if assumed:
        notes.append(
            "no plasma protein binding measured for "
            + ", ".join(assumed)
            + "; mitragynine's value used (see gaps.yaml)"
        )
    kp = {c: float(user_kp.get(c, 1.0)) for c in names}
    basis = (
        "set by the user (--kp-uu)"
        if user_kp
        else "default: no brain penetration measured for any kratom alkaloid (gap-brain-kpuu); "
        "unbound brain = unbound plasma assumed, as for a passively permeable base without efflux"
    )
    return Exposure(out, kp, basis, tuple(notes))
