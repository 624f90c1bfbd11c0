"""Cross-record checks: ids that must resolve, provenance of every number, chemistry.

What one record can check about itself is in the schemas (``_records.py``); here are the checks
that need the whole knowledge base:

1. every source id, compound id, target id and product id that a record names exists;
2. every source in ``sources.yaml`` is cited by at least one record;
3. every number in every file sits inside a mapping that has ``source`` and ``locator``;
4. a compound's molar mass agrees with its formula (IUPAC standard atomic weights);
5. a claim's evidence level is not above the best design among the studies it cites;
6. every jurisdiction's parent has a record; that codes are ISO 3166 is checked by
   :func:`check_iso_codes`, which only ``speciosa data check`` runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Final

import yaml
from pydantic import BaseModel

from speciosa.knowledge._evidence import DESIGN_LEVEL, EVIDENCE_LEVELS, Claim, Study
from speciosa.knowledge._io import YAML_LOADER, RawDataset
from speciosa.knowledge._legal import Jurisdiction, iso_name
from speciosa.knowledge._problems import Problem
from speciosa.knowledge._records import Compound, Source
from speciosa.knowledge._values import CitedValue

__all__ = ["check_iso_codes", "cross_check", "formula_mass", "iter_cited_values"]

# Conventional standard atomic weights, IUPAC 2021: Prohaska T, et al. Standard atomic weights of
# the elements 2021 (IUPAC Technical Report). Pure Appl Chem. 2022;94(5):573-600.
# doi:10.1515/pac-2019-0603, Table 2 (abridged to four significant figures, as PubChem computes).
_ATOMIC_WEIGHT: Final[dict[str, float]] = {
    "H": 1.008,
    "C": 12.011,
    "N": 14.007,
    "O": 15.999,
    "S": 32.06,
    "Cl": 35.45,
    "F": 18.998,
    "Br": 79.904,
    "P": 30.974,
    "Na": 22.990,
    "K": 39.098,
    "Li": 6.94,
}
_MOLAR_MASS_TOLERANCE: Final = 0.05  # g/mol; rounding of published molar masses
_NUMBERS_EXEMPT: Final[dict[str, frozenset[str]]] = {
    # bibliographic metadata and identifiers are not measured values
    "sources": frozenset({"year"}),
}

_RECORD_NAME: Final = {
    "studies": "study",
    "evidence_topics": "evidence topic",
    "mechanism_claims": "mechanism claim",
    "jurisdictions": "jurisdiction",
    "reference_limits": "reference limit",
}

# Fields that hold ids of other records, by dataset: (field path pattern, target dataset).
_REFERENCES: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "compounds": (("parent", "compounds"), ("formed_by", "targets")),
    "products": (("content.compound", "compounds"), ("derived_from", "products")),
    "pk_parameters": (("compound", "compounds"), ("product", "products")),
    "affinities": (("compound", "compounds"), ("target", "targets")),
    "cyp_inhibition": (("inhibitor", "compounds"), ("enzyme", "targets")),
    "protein_binding": (("compound", "compounds"),),
    "mechanism_claims": (("targets", "targets"),),
    "gaps": (("compound", "compounds"), ("target", "targets")),
    "ddi_parameters": (("enzyme", "targets"),),
    "clinical_interactions": (("perpetrator", "products"), ("victim", "drugs")),
    "interaction_rules": (("enzymes", "targets"),),
    "evidence_topics": (("related", "evidence_topics"),),
    "claims": (
        ("evidence", "studies"),
        ("check.mechanism", "mechanism_claims"),
        ("check.legal.jurisdiction", "jurisdictions"),
    ),
}


def formula_mass(formula: str) -> float:
    """Molar mass in g/mol of a molecular formula such as ``"C23H30N2O4"``.

    Examples
    --------
    >>> round(formula_mass("C23H30N2O4"), 2)  # mitragynine
    398.5
    """
    total = 0.0
    for element, count in re.findall(r"([A-Z][a-z]?)(\d*)", formula):
        if element not in _ATOMIC_WEIGHT:
            raise ValueError(f"element {element!r} has no atomic weight in speciosa")
        total += _ATOMIC_WEIGHT[element] * (int(count) if count else 1)
    return total


def iter_cited_values(model: BaseModel, path: str = "") -> Iterator[tuple[str, CitedValue]]:
    """Yield ``(field path, value)`` for every :class:`CitedValue` inside ``model``."""
    for name in type(model).model_fields:
        item = getattr(model, name)
        yield from _walk_model_field(item, f"{path}.{name}" if path else name)


def _walk_model_field(item: object, path: str) -> Iterator[tuple[str, CitedValue]]:
    if isinstance(item, CitedValue):
        yield path, item
    elif isinstance(item, BaseModel):
        yield from iter_cited_values(item, path)
    elif isinstance(item, list | tuple):
        for i, sub in enumerate(item):
            yield from _walk_model_field(sub, f"{path}[{i}]")
    elif isinstance(item, dict):
        for key, sub in item.items():
            yield from _walk_model_field(sub, f"{path}.{key}")


def _statement_sources(model: BaseModel, path: str = "") -> Iterator[tuple[str, str]]:
    """``(path, source id)`` of every nested record with a ``source`` (statements, flags)."""
    for name in type(model).model_fields:
        item = getattr(model, name)
        where = f"{path}.{name}" if path else name
        subs = item.items() if isinstance(item, dict) else enumerate(item) if isinstance(item, list) else None
        for key, sub in subs if subs is not None else [("", item)]:
            sub_path = (
                where if subs is None else f"{where}[{key}]" if isinstance(item, list) else f"{where}.{key}"
            )
            if isinstance(sub, BaseModel) and not isinstance(sub, CitedValue):
                sid = getattr(sub, "source", None)
                if isinstance(sid, str):
                    yield f"{sub_path}.source", sid
                for j, other in enumerate(getattr(sub, "sources", None) or []):
                    yield f"{sub_path}.sources[{j}]", other
                yield from _statement_sources(sub, sub_path)


def _field_values(model: BaseModel, dotted: str) -> Iterator[tuple[str, str]]:
    """Yield ``(path, id)`` for the id-valued field ``dotted`` (which may cross lists)."""
    head, _, rest = dotted.partition(".")
    item = getattr(model, head, None)
    items = item if isinstance(item, list) else [item]
    for i, sub in enumerate(items):
        where = f"{head}[{i}]" if isinstance(item, list) else head
        if rest and isinstance(sub, BaseModel):
            for p, v in _field_values(sub, rest):
                yield f"{where}.{p}", v
        elif not rest and isinstance(sub, str):
            yield where, sub


def _cited_sources(dataset: str, record: BaseModel) -> Iterator[tuple[str, str]]:
    for path, value in iter_cited_values(record):
        yield f"{path}.source", value.source
    for name in ("source",):
        sid = getattr(record, name, None)
        if isinstance(sid, str) and dataset != "sources":
            yield name, sid
    for name in ("used_in", "candidates", "formed_by_sources", "sources"):
        for i, sid in enumerate(getattr(record, name, None) or []):
            yield f"{name}[{i}]", sid
    yield from _statement_sources(record)


def _numbers_without_source(raw: Any, path: str, covered: bool) -> Iterator[str]:
    if isinstance(raw, Mapping):
        covered = covered or ("source" in raw and "locator" in raw)
        for key, sub in raw.items():
            yield from _numbers_without_source(sub, f"{path}.{key}" if path else str(key), covered)
    elif isinstance(raw, list):
        for i, sub in enumerate(raw):
            yield from _numbers_without_source(sub, f"{path}[{i}]", covered)
    elif isinstance(raw, int | float) and not isinstance(raw, bool) and not covered:
        yield path


def _record_id(record: BaseModel) -> str:
    return str(getattr(record, "id", "-"))


def model_citations(data_dir: Path) -> list[tuple[str, str, str]]:
    """(file, field path, source id) of every ``source`` in the model files (``models/*.yaml``)."""
    out: list[tuple[str, str, str]] = []

    def walk(item: object, path: str, file: str) -> None:
        if isinstance(item, dict):
            for key, value in item.items():
                sub = f"{path}.{key}" if path else str(key)
                if key == "source" and isinstance(value, str):
                    out.append((file, sub, value))
                else:
                    walk(value, sub, file)
        elif isinstance(item, list):
            for i, value in enumerate(item):
                walk(value, f"{path}[{i}]", file)

    for model in sorted((data_dir / "models").glob("*.yaml")):
        try:
            walk(yaml.load(model.read_text(encoding="utf-8"), Loader=YAML_LOADER), "", f"models/{model.name}")  # noqa: S506
        except (OSError, yaml.YAMLError):
            continue  # reported by the model loader, which names the field
    return out


def cross_check(
    datasets: dict[str, RawDataset], extra_citations: Iterable[tuple[str, str, str]] = ()
) -> list[Problem]:
    """Run the checks that need several records (see the module docstring).

    ``extra_citations`` are (file, field, source id) cited outside the datasets (model files).
    """
    problems: list[Problem] = []
    # ids as written, so that a record failing its schema does not also cause "unknown id" noise
    raw_ids = {
        name: {str(r.get("id")) for r in ds.raw if r.get("id") is not None} for name, ds in datasets.items()
    }
    source_ids = raw_ids.get("sources", set())
    cited: set[str] = set()

    for name, ds in datasets.items():
        file = ds.spec.file
        for record in ds.records:
            rid = _record_id(record)
            for path, sid in _cited_sources(name, record):
                cited.add(sid)
                if sid not in source_ids:
                    problems.append(
                        Problem(file, rid, path, f"unknown source id {sid!r}; add it to sources.yaml")
                    )
            for field, target in _REFERENCES.get(name, ()):
                for path, ref in _field_values(record, field):
                    if ref not in raw_ids.get(target, set()):
                        what = _RECORD_NAME.get(target, target[:-1])
                        message = f"unknown {what} id {ref!r}; add it to {target}.yaml"
                        problems.append(Problem(file, rid, path, message))
            if isinstance(record, Compound):
                problems.extend(_check_molar_mass(file, record))
        exempt = _NUMBERS_EXEMPT.get(name, frozenset())
        for raw in ds.raw:
            rid = str(raw.get("id", "-"))
            for path in _numbers_without_source(raw, "", False):
                if path.split(".")[-1] not in exempt:
                    problems.append(
                        Problem(file, rid, path, "number without `source` and `locator` next to it")
                    )

    for file, path, sid in extra_citations:
        cited.add(sid)
        if sid not in source_ids:
            problems.append(Problem(file, "-", path, f"unknown source id {sid!r}; add it to sources.yaml"))

    problems.extend(_check_claim_levels(datasets))
    problems.extend(_check_jurisdictions(datasets))
    sources = datasets.get("sources")
    for record in sources.records if sources is not None else ():
        if isinstance(record, Source) and record.id not in cited:
            problems.append(
                Problem("sources.yaml", record.id, "id", "source is cited by no record; cite it or remove it")
            )
    return problems


def _jurisdictions(datasets: dict[str, RawDataset]) -> list[Jurisdiction]:
    if "jurisdictions" not in datasets:
        return []
    return [r for r in datasets["jurisdictions"].records if isinstance(r, Jurisdiction)]


def check_iso_codes(datasets: dict[str, RawDataset]) -> Iterator[Problem]:
    """Jurisdiction codes are ISO 3166 codes (localities: a slug under one).

    Run by ``speciosa data check`` (:func:`check_knowledge_base`), not on every load: the ISO
    tables take about 0.1 s to load, and codes a user asks about are checked when resolved.
    """
    for record in _jurisdictions(datasets):
        iso = record.id.split(":")[0]
        if iso_name(iso) is None:
            yield Problem(
                "jurisdictions.yaml",
                record.id,
                "id",
                f"{iso!r} is not an ISO 3166-1 alpha-2 or ISO 3166-2 code (e.g. TH, GB, US-TX)",
            )


def _check_jurisdictions(datasets: dict[str, RawDataset]) -> Iterator[Problem]:
    """Every locality's state and every state's country has a record (its rules are inherited)."""
    records = _jurisdictions(datasets)
    codes = {r.id for r in records}
    for record in records:
        if record.parent is not None and record.parent not in codes:
            yield Problem(
                "jurisdictions.yaml",
                record.id,
                "id",
                f"its parent {record.parent!r} has no record; add the parent (its rules are inherited)",
            )


def _check_claim_levels(datasets: dict[str, RawDataset]) -> Iterator[Problem]:
    """A claim rated at a level of evidence must cite a study of that level (or a review)."""
    studies = (
        {r.id: r for r in datasets["studies"].records if isinstance(r, Study)}
        if "studies" in datasets
        else {}
    )
    claims = datasets.get("claims")
    if claims is None:
        return
    for claim in claims.records:
        if not isinstance(claim, Claim) or claim.evidence_level == "none":
            continue
        cited = [studies[s] for s in claim.evidence if s in studies]
        if any(s.is_review for s in cited):
            continue
        best = max((EVIDENCE_LEVELS.index(DESIGN_LEVEL[s.design]) for s in cited), default=0)
        if EVIDENCE_LEVELS.index(claim.evidence_level) > best:
            yield Problem(
                claims.spec.file,
                claim.id,
                "evidence_level",
                f"{claim.evidence_level!r} is above the best cited study ({EVIDENCE_LEVELS[best]!r}); "
                "cite a study of that level or lower the level",
            )


def _check_molar_mass(file: str, compound: Compound) -> Iterator[Problem]:
    if compound.formula is None or compound.molar_mass is None:
        return
    try:
        expected = formula_mass(compound.formula)
    except ValueError as exc:
        yield Problem(file, compound.id, "formula", str(exc))
        return
    stated = compound.molar_mass.m_as("g/mol")
    if abs(stated - expected) > _MOLAR_MASS_TOLERANCE:
        yield Problem(
            file,
            compound.id,
            "molar_mass.value",
            f"{stated:g} g/mol does not match formula {compound.formula} ({expected:.2f} g/mol)",
        )
