"""What the studies show on a topic: counts by design, best evidence, a GRADE-style certainty.

The certainty follows the logic of GRADE [1]_, made mechanical so that it can be checked:

1. **Start** from the best design among the primary studies of the topic:
   randomised trials start *high*; non-randomised controlled studies and observational human
   studies start *low*; case reports and case series alone start *very low*. For an *efficacy*
   question, animal and in-vitro studies alone give *very low* (no human data; indirect). For a
   *mechanism* question they are direct evidence and start *moderate*.
2. **Downgrade** one level per domain, judged on the studies at the best level:

   - *risk of bias*: at least half carry a risk-of-bias limitation (self-selected or
     advocacy-recruited sample, no control group, confounding, self-report, co-ingestants...);
   - *indirectness*: at least half carry an indirectness limitation (animal model, non-oral route,
     surrogate outcome, population not the target...; for a mechanism question an animal or
     in-vitro model is not itself indirect);
   - *imprecision*: fewer than 400 people in total, or at least half flagged small. People are
     counted in the unit each study reports (participants, cases, poison-centre exposures,
     deaths), and the reason gives each unit: a poison-centre series of 2,312 exposures is not
     "0 participants";
   - *inconsistency*: their results point in opposite directions (benefit against no effect or
     harm); not applied to mechanism questions, whose studies describe different targets.

3. Never below *very low*; no upgrades (large effects, dose-response) are applied.

Reviews, registrations and commentaries are listed and dated but do not set the level: they
summarise the primary studies, which are in the data themselves.

References
----------
.. [1] Guyatt GH, Oxman AD, Vist GE, et al. GRADE: an emerging consensus on rating quality of
   evidence and strength of recommendations. BMJ. 2008;336(7650):924-926.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from speciosa.errors import UnknownIdError
from speciosa.knowledge import (
    CASE_DESIGNS,
    DESIGNS,
    LIMITATION_DOMAIN,
    SECONDARY_DESIGNS,
    EvidenceTopic,
    KnowledgeBase,
    Study,
)

__all__ = [
    "CERTAINTIES",
    "PEOPLE_UNITS",
    "Downgrade",
    "Synthesis",
    "people_counted",
    "study_date",
    "synthesise",
]

CERTAINTIES: Final = ("very_low", "low", "moderate", "high")
_CONTROLLED: Final = frozenset({"rct", "nonrandomised_controlled"})
_LAB: Final = frozenset({"in_vitro", "in_silico", "chemical_analysis", "animal"})
_MIN_PEOPLE: Final = 400
#: Units of ``Study.n`` that count people (one exposure call, case or death is one person).
PEOPLE_UNITS: Final = ("participants", "cases", "exposures", "deaths")


@dataclass(frozen=True, slots=True)
class Downgrade:
    """One level down in one GRADE domain, with the reason in words."""

    domain: str
    reason: str


@dataclass(frozen=True, slots=True)
class Synthesis:
    """What the evidence map holds on one topic.

    Attributes
    ----------
    topic
        The question.
    studies
        Every study tagged with the topic (primary and secondary), newest first.
    counts
        Number of studies per design, in the order of :data:`speciosa.knowledge.DESIGNS`.
    best
        The primary studies at the best design level, which set the certainty.
    start
        Starting certainty and why.
    downgrades
        The domains that lowered it.
    certainty
        ``high``, ``moderate``, ``low`` or ``very_low``.
    controlled
        Controlled human studies (randomised or not) of the topic.
    newest_review
        The newest review of the topic, or of kratom at all when none is tagged with it.
    """

    topic: EvidenceTopic
    studies: tuple[Study, ...]
    counts: dict[str, int]
    best: tuple[Study, ...]
    start: tuple[str, str]
    downgrades: tuple[Downgrade, ...]
    certainty: str
    controlled: tuple[Study, ...]
    newest_review: Study | None

    @property
    def primary(self) -> tuple[Study, ...]:
        """Primary studies (not reviews, registrations or commentaries)."""
        return tuple(s for s in self.studies if s.design not in SECONDARY_DESIGNS)

    def by_design(self, designs: frozenset[str] | set[str]) -> tuple[Study, ...]:
        """Studies of the topic with one of ``designs``."""
        return tuple(s for s in self.studies if s.design in designs)


def study_date(kb: KnowledgeBase, study: Study) -> dt.date:
    """Publication date: ``published`` when recorded, else 1 January of the source's year."""
    if study.published is not None:
        return study.published
    year = kb.source(study.source).year
    return dt.date(year or 1900, 1, 1)


def _start(topic: EvidenceTopic, primary: list[Study]) -> tuple[str, str, list[Study]]:
    designs = {s.design for s in primary}
    human_obs = [s for s in primary if s.level == "observational_human" and s.design not in CASE_DESIGNS]
    if "rct" in designs:
        return "high", "randomised controlled trials", [s for s in primary if s.design == "rct"]
    if "nonrandomised_controlled" in designs:
        best = [s for s in primary if s.design == "nonrandomised_controlled"]
        return "low", "non-randomised controlled human studies", best
    if human_obs:
        return "low", "observational human studies", human_obs
    if designs & CASE_DESIGNS:
        return (
            "very_low",
            "case reports and case series only",
            [s for s in primary if s.design in CASE_DESIGNS],
        )
    lab = [s for s in primary if s.design in _LAB]
    if lab and topic.kind == "mechanism":
        return "moderate", "laboratory studies, which are direct evidence for a mechanism question", lab
    if lab:
        return "very_low", "no human data: animal and in-vitro results are indirect", lab
    return "very_low", "no primary study in the data", []


_LAB_INDIRECT: Final = frozenset({"animal_model", "in_vitro_only"})


def _majority(best: list[Study], domain: str, ignore: frozenset[str] = frozenset()) -> list[Study]:
    hit = [
        s
        for s in best
        if any(LIMITATION_DOMAIN[lim] == domain and lim not in ignore for lim in s.limitations)
    ]
    return hit if best and 2 * len(hit) >= len(best) else []


def _limitation_words(studies: list[Study], domain: str) -> str:
    counts = Counter(lim for s in studies for lim in s.limitations if LIMITATION_DOMAIN[lim] == domain)
    return ", ".join(f"{lim.replace('_', ' ')} ({n})" for lim, n in counts.most_common(4))


def people_counted(studies: Sequence[Study]) -> dict[str, int]:
    """People in ``studies`` per unit they are reported in (participants, cases, exposures,
    deaths), in the order of :data:`PEOPLE_UNITS`; units with none are left out."""
    totals = {u: sum(s.n or 0 for s in studies if s.n_unit == u) for u in PEOPLE_UNITS}
    return {u: n for u, n in totals.items() if n}


def _people_text(counts: dict[str, int]) -> str:
    """``"2,364 people (2,312 exposures, 52 cases)"``; ``"no count of people"`` when empty."""
    if not counts:
        return "no count of people"
    total = sum(counts.values())
    if len(counts) == 1:
        ((unit, n),) = counts.items()
        return f"{n:,} {unit}"
    return f"{total:,} people (" + ", ".join(f"{n:,} {u}" for u, n in counts.items()) + ")"


def _downgrades(topic: EvidenceTopic, best: list[Study], start_reason: str) -> list[Downgrade]:
    out: list[Downgrade] = []
    n_best = len(best)
    if hit := _majority(best, "risk_of_bias"):
        words = _limitation_words(hit, "risk_of_bias")
        out.append(Downgrade("risk of bias", f"{len(hit)} of {n_best} best studies: {words}"))
    # a lab model is what a mechanism question asks about, and "no human data" already set very low
    ignore = _LAB_INDIRECT if topic.kind == "mechanism" else frozenset()
    if not start_reason.startswith("no human data") and (hit := _majority(best, "indirectness", ignore)):
        words = _limitation_words(hit, "indirectness")
        out.append(Downgrade("indirectness", f"{len(hit)} of {n_best} best studies: {words}"))
    people = people_counted(best)
    small = [s for s in best if "small_sample" in s.limitations]
    if best and best[0].level in ("observational_human", "controlled_human"):
        if sum(people.values()) < _MIN_PEOPLE or 2 * len(small) >= n_best:
            why = f"{_people_text(people)} in total across {n_best} studies"
            if 2 * len(small) >= n_best:
                why += f"; {len(small)} of {n_best} flagged small"
            out.append(Downgrade("imprecision", why))
    directions = {s.direction for s in best}
    if topic.kind != "mechanism" and "benefit" in directions and directions & {"no_effect", "harm"}:
        split = Counter(s.direction for s in best)
        words = ", ".join(f"{d.replace('_', ' ')} {n}" for d, n in split.most_common())
        out.append(Downgrade("inconsistency", f"results point different ways ({words})"))
    return out


def synthesise(kb: KnowledgeBase, topic_id: str) -> Synthesis:
    """Summarise the studies tagged ``topic_id``.

    Raises
    ------
    UnknownIdError
        If ``topic_id`` is not an evidence topic; the message lists close ones.
    """
    topics = {t.id: t for t in kb.evidence_topics}
    if topic_id not in topics:
        raise UnknownIdError("topic", topic_id, topics)
    topic = topics[topic_id]
    studies = sorted(
        (s for s in kb.studies if topic_id in s.topics), key=lambda s: (study_date(kb, s), s.id), reverse=True
    )
    counts: Counter[str] = Counter(s.design for s in studies)
    primary = [s for s in studies if s.design not in SECONDARY_DESIGNS]
    start, reason, best = _start(topic, primary)
    downgrades = _downgrades(topic, best, reason)
    certainty = CERTAINTIES[max(0, CERTAINTIES.index(start) - len(downgrades))]
    reviews = [s for s in studies if s.is_review] or [s for s in kb.studies if s.is_review]
    newest = max(reviews, key=lambda s: (study_date(kb, s), s.id)) if reviews else None
    return Synthesis(
        topic=topic,
        studies=tuple(studies),
        counts={d: counts[d] for d in DESIGNS if counts[d]},
        best=tuple(best),
        start=(start, reason),
        downgrades=tuple(downgrades),
        certainty=certainty,
        controlled=tuple(s for s in primary if s.design in _CONTROLLED),
        newest_review=newest,
    )
