"""The knowledge base: validated once, cached, immutable.

>>> kb = load_knowledge_base()
>>> kb.compound("mitragynine").formula
'C23H30N2O4'
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Final, TypeVar

from pydantic import BaseModel

from speciosa.errors import DataError, UnknownIdError
from speciosa.knowledge._check import check_iso_codes, cross_check, model_citations
from speciosa.knowledge._datasets import DATASETS, META_FILE
from speciosa.knowledge._evidence import Claim, EvidenceTopic, Study
from speciosa.knowledge._interactions import ClinicalInteraction, DdiParameter, Drug, InteractionRule
from speciosa.knowledge._io import read_data_dir, read_meta
from speciosa.knowledge._legal import Jurisdiction, ReferenceLimit
from speciosa.knowledge._problems import Problem
from speciosa.knowledge._records import (
    Affinity,
    Compound,
    CypInhibition,
    Gap,
    MechanismClaim,
    PkParameter,
    Product,
    ProteinBinding,
    Source,
    Target,
)

__all__ = [
    "CheckReport",
    "KnowledgeBase",
    "check_knowledge_base",
    "default_data_dir",
    "load_knowledge_base",
]

_R = TypeVar("_R", bound=BaseModel)
_MAX_PROBLEMS_IN_ERROR: Final = 5


def _singular(dataset: str) -> str:
    return {"sources": "source", "compounds": "compound", "targets": "target", "products": "product"}.get(
        dataset, dataset
    )


def default_data_dir() -> Path:
    """Directory of the data shipped inside the package."""
    return Path(str(resources.files("speciosa") / "data"))


@dataclass(frozen=True, slots=True)
class CheckReport:
    """Result of checking a data directory.

    Attributes
    ----------
    path
        The directory checked.
    counts
        Number of valid records per dataset.
    problems
        Everything wrong, each with file, record id and field.
    version
        Data version (``meta.yaml`` version plus a content hash), or None if unreadable.
    """

    path: Path
    counts: dict[str, int]
    problems: tuple[Problem, ...]
    version: str | None

    @property
    def ok(self) -> bool:
        """True when no problem was found."""
        return not self.problems


def _content_hash(data_dir: Path) -> str:
    digest = hashlib.sha256()
    for name in [META_FILE, *(spec.file for spec in DATASETS.values())]:
        path = data_dir / name
        if path.is_file():
            digest.update(name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _check(data_dir: Path, *, full: bool = False) -> tuple[CheckReport, dict[str, tuple[BaseModel, ...]]]:
    problems: list[Problem] = []
    meta = read_meta(data_dir, problems) if data_dir.is_dir() else {}
    datasets, read_problems = read_data_dir(data_dir)
    problems += read_problems
    if datasets:
        problems += cross_check(datasets, model_citations(data_dir))
        if full:
            problems += check_iso_codes(datasets)
    version = f"{meta['version']}+{_content_hash(data_dir)}" if meta.get("version") else None
    records = {name: ds.records for name, ds in datasets.items()}
    counts = {name: len(recs) for name, recs in records.items()}
    return CheckReport(data_dir, counts, tuple(problems), version), records


def check_knowledge_base(path: Path | str | None = None) -> CheckReport:
    """Check a data directory: schemas, units, ranges, ids, duplicates, provenance.

    Parameters
    ----------
    path
        A directory holding the dataset YAML files; default, the data shipped with speciosa.

    Returns
    -------
    CheckReport
        Counts and the list of problems; never raises for bad data.
    """
    return _check(Path(path) if path is not None else default_data_dir(), full=True)[0]


@dataclass(frozen=True)
class KnowledgeBase:
    """All datasets, validated, with lookups by id. Build with :func:`load_knowledge_base`."""

    path: Path
    version: str
    sources: tuple[Source, ...]
    compounds: tuple[Compound, ...]
    targets: tuple[Target, ...]
    products: tuple[Product, ...]
    pk_parameters: tuple[PkParameter, ...]
    affinities: tuple[Affinity, ...]
    cyp_inhibition: tuple[CypInhibition, ...]
    protein_binding: tuple[ProteinBinding, ...]
    mechanism_claims: tuple[MechanismClaim, ...]
    drugs: tuple[Drug, ...]
    ddi_parameters: tuple[DdiParameter, ...]
    clinical_interactions: tuple[ClinicalInteraction, ...]
    interaction_rules: tuple[InteractionRule, ...]
    studies: tuple[Study, ...]
    evidence_topics: tuple[EvidenceTopic, ...]
    claims: tuple[Claim, ...]
    jurisdictions: tuple[Jurisdiction, ...]
    reference_limits: tuple[ReferenceLimit, ...]
    gaps: tuple[Gap, ...]
    _index: dict[str, dict[str, BaseModel]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for name in DATASETS:
            self._index[name] = {str(getattr(r, "id")): r for r in self.dataset(name)}  # noqa: B009

    def dataset(self, name: str) -> tuple[BaseModel, ...]:
        """Records of dataset ``name``.

        Raises
        ------
        UnknownIdError
            If there is no such dataset.
        """
        if name not in DATASETS:
            raise UnknownIdError("dataset", name, DATASETS)
        records: tuple[BaseModel, ...] = getattr(self, name)
        return records

    def get(self, dataset: str, record_id: str) -> BaseModel:
        """Record ``record_id`` of ``dataset``; raises :class:`UnknownIdError` with suggestions."""
        if dataset not in self._index:
            raise UnknownIdError("dataset", dataset, DATASETS)
        index = self._index[dataset]
        try:
            return index[record_id]
        except KeyError:
            raise UnknownIdError(f"{_singular(dataset)} id", record_id, index) from None

    def has(self, dataset: str, record_id: str) -> bool:
        """Whether ``dataset`` holds a record ``record_id`` (a dictionary lookup)."""
        return record_id in self._index.get(dataset, {})

    def source(self, source_id: str) -> Source:
        """The bibliography entry ``source_id``."""
        return self._typed("sources", source_id, Source)

    def compound(self, compound_id: str) -> Compound:
        """The compound ``compound_id``."""
        return self._typed("compounds", compound_id, Compound)

    def target(self, target_id: str) -> Target:
        """The target ``target_id``."""
        return self._typed("targets", target_id, Target)

    def product(self, product_id: str) -> Product:
        """The product ``product_id``."""
        return self._typed("products", product_id, Product)

    def drug(self, drug_id: str) -> Drug:
        """The co-medication ``drug_id`` (an id; names and brands resolve in :mod:`speciosa.ddi`)."""
        return self._typed("drugs", drug_id, Drug)

    def study(self, study_id: str) -> Study:
        """The study ``study_id`` of the evidence map."""
        return self._typed("studies", study_id, Study)

    def claim(self, claim_id: str) -> Claim:
        """The claim ``claim_id`` of the claim library."""
        return self._typed("claims", claim_id, Claim)

    def jurisdiction(self, code: str) -> Jurisdiction:
        """The jurisdiction ``code`` (``TH``, ``US-TX``, ``US-CA:san-diego``) with its legal history."""
        return self._typed("jurisdictions", code, Jurisdiction)

    def reference_limit(self, limit_id: str) -> ReferenceLimit:
        """The reference limit ``limit_id`` (a cited number products are judged by)."""
        return self._typed("reference_limits", limit_id, ReferenceLimit)

    def counts(self) -> dict[str, int]:
        """Number of records per dataset."""
        return {name: len(self.dataset(name)) for name in DATASETS}

    def _typed(self, dataset: str, record_id: str, kind: type[_R]) -> _R:
        record = self.get(dataset, record_id)
        assert isinstance(record, kind)
        return record


@lru_cache(maxsize=8)
def _load(path: Path) -> KnowledgeBase:
    report, records = _check(path)
    if not report.ok:
        shown = "; ".join(str(p) for p in report.problems[:_MAX_PROBLEMS_IN_ERROR])
        more = len(report.problems) - _MAX_PROBLEMS_IN_ERROR
        tail = f" (and {more} more)" if more > 0 else ""
        raise DataError(
            f"knowledge base at {path} has {len(report.problems)} problem(s): {shown}{tail}. "
            f"Run `speciosa data check --path {path}` for the full list."
        )
    assert report.version is not None
    return KnowledgeBase(path, report.version, **records)  # type: ignore[arg-type]


def load_knowledge_base(path: Path | str | None = None) -> KnowledgeBase:
    """Load, validate and cache the knowledge base.

    Parameters
    ----------
    path
        Data directory; default, the data shipped with speciosa.

    Raises
    ------
    DataError
        If any check fails (the message lists the first problems).
    """
    return _load(Path(path).resolve() if path is not None else default_data_dir().resolve())
