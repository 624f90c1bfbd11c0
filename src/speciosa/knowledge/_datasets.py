"""The datasets of the knowledge base: one YAML file each, in the order they are checked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from pydantic import BaseModel

from speciosa.knowledge._evidence import Claim, EvidenceTopic, Study
from speciosa.knowledge._interactions import ClinicalInteraction, DdiParameter, Drug, InteractionRule
from speciosa.knowledge._legal import Jurisdiction, ReferenceLimit
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

__all__ = ["DATASETS", "DatasetSpec", "META_FILE"]

META_FILE: Final = "meta.yaml"


@dataclass(frozen=True, slots=True)
class DatasetSpec:
    """Name, file and record schema of one dataset."""

    name: str
    model: type[BaseModel]
    description: str

    @property
    def file(self) -> str:
        """File name inside the data directory."""
        return f"{self.name}.yaml"


DATASETS: Final[dict[str, DatasetSpec]] = {
    spec.name: spec
    for spec in (
        DatasetSpec("sources", Source, "bibliography: every source id cited anywhere"),
        DatasetSpec("compounds", Compound, "alkaloids, metabolites, mixtures: formula, molar mass, ids"),
        DatasetSpec("targets", Target, "receptors, transporters, ion channels and enzymes"),
        DatasetSpec("products", Product, "kratom products: alkaloid content per g, serving or unit"),
        DatasetSpec("pk_parameters", PkParameter, "study-level PK and physicochemical results"),
        DatasetSpec("affinities", Affinity, "binding and functional data, compound x target"),
        DatasetSpec("cyp_inhibition", CypInhibition, "CYP and transporter inhibition constants"),
        DatasetSpec("protein_binding", ProteinBinding, "fraction unbound and blood:plasma ratio"),
        DatasetSpec("mechanism_claims", MechanismClaim, "mechanism claims of articles, stated checkably"),
        DatasetSpec("drugs", Drug, "co-medications: enzyme fractions, PK, pharmacodynamic flags"),
        DatasetSpec("ddi_parameters", DdiParameter, "enzyme turnover, blood flows, regulatory cut-offs"),
        DatasetSpec("clinical_interactions", ClinicalInteraction, "observed kratom-drug interactions"),
        DatasetSpec("interaction_rules", InteractionRule, "pharmacodynamic and prodrug interaction rules"),
        DatasetSpec(
            "studies", Study, "evidence map: studies with design, N, outcome, direction, limitations"
        ),
        DatasetSpec("evidence_topics", EvidenceTopic, "questions answered by `speciosa evidence TOPIC`"),
        DatasetSpec(
            "claims", Claim, "claim library: canonical claims of articles with verdicts and evidence"
        ),
        DatasetSpec(
            "jurisdictions", Jurisdiction, "legal status of kratom by jurisdiction: dated periods and rules"
        ),
        DatasetSpec(
            "reference_limits",
            ReferenceLimit,
            "cited limits that products are judged by",
        ),
        DatasetSpec("gaps", Gap, "values searched for and not found or not readable"),
    )
}
