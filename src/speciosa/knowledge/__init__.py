"""The knowledge base: curated, cited data with schemas, a checking loader and citations."""

from speciosa.knowledge._base import (
    CheckReport as CheckReport,
)
from speciosa.knowledge._base import (
    KnowledgeBase as KnowledgeBase,
)
from speciosa.knowledge._base import (
    check_knowledge_base as check_knowledge_base,
)
from speciosa.knowledge._base import (
    default_data_dir as default_data_dir,
)
from speciosa.knowledge._base import (
    load_knowledge_base as load_knowledge_base,
)
from speciosa.knowledge._check import formula_mass as formula_mass
from speciosa.knowledge._citations import CitationStyle as CitationStyle
from speciosa.knowledge._citations import format_citation as format_citation
from speciosa.knowledge._datasets import DATASETS as DATASETS
from speciosa.knowledge._datasets import DatasetSpec as DatasetSpec
from speciosa.knowledge._evidence import CASE_DESIGNS as CASE_DESIGNS
from speciosa.knowledge._evidence import DESIGN_LEVEL as DESIGN_LEVEL
from speciosa.knowledge._evidence import DESIGNS as DESIGNS
from speciosa.knowledge._evidence import EVIDENCE_LEVELS as EVIDENCE_LEVELS
from speciosa.knowledge._evidence import LIMITATION_DOMAIN as LIMITATION_DOMAIN
from speciosa.knowledge._evidence import REVIEW_DESIGNS as REVIEW_DESIGNS
from speciosa.knowledge._evidence import SECONDARY_DESIGNS as SECONDARY_DESIGNS
from speciosa.knowledge._evidence import VERDICTS as VERDICTS
from speciosa.knowledge._evidence import Claim as Claim
from speciosa.knowledge._evidence import ClaimCheck as ClaimCheck
from speciosa.knowledge._evidence import EvidenceTopic as EvidenceTopic
from speciosa.knowledge._evidence import Study as Study
from speciosa.knowledge._interactions import FLAG_LEVELS as FLAG_LEVELS
from speciosa.knowledge._interactions import FM_ENZYMES as FM_ENZYMES
from speciosa.knowledge._interactions import SEVERITIES as SEVERITIES
from speciosa.knowledge._interactions import ClinicalInteraction as ClinicalInteraction
from speciosa.knowledge._interactions import DdiParameter as DdiParameter
from speciosa.knowledge._interactions import Drug as Drug
from speciosa.knowledge._interactions import DrugFlags as DrugFlags
from speciosa.knowledge._interactions import DrugPk as DrugPk
from speciosa.knowledge._interactions import Flag as Flag
from speciosa.knowledge._interactions import InteractionRule as InteractionRule
from speciosa.knowledge._interactions import Prodrug as Prodrug
from speciosa.knowledge._interactions import Statement as Statement
from speciosa.knowledge._io import YAML_LOADER as YAML_LOADER
from speciosa.knowledge._legal import FORMS as FORMS
from speciosa.knowledge._legal import LEGAL_STATUSES as LEGAL_STATUSES
from speciosa.knowledge._legal import RULE_KINDS as RULE_KINDS
from speciosa.knowledge._legal import SCOPES as SCOPES
from speciosa.knowledge._legal import STRICTNESS as STRICTNESS
from speciosa.knowledge._legal import Jurisdiction as Jurisdiction
from speciosa.knowledge._legal import LegalPeriod as LegalPeriod
from speciosa.knowledge._legal import LegalRule as LegalRule
from speciosa.knowledge._legal import ProductForm as ProductForm
from speciosa.knowledge._legal import ReferenceLimit as ReferenceLimit
from speciosa.knowledge._legal import iso_name as iso_name
from speciosa.knowledge._problems import Problem as Problem
from speciosa.knowledge._records import (
    Affinity as Affinity,
)
from speciosa.knowledge._records import (
    Compound as Compound,
)
from speciosa.knowledge._records import (
    ContentEntry as ContentEntry,
)
from speciosa.knowledge._records import (
    CypInhibition as CypInhibition,
)
from speciosa.knowledge._records import (
    Gap as Gap,
)
from speciosa.knowledge._records import (
    MechanismClaim as MechanismClaim,
)
from speciosa.knowledge._records import (
    Mode as Mode,
)
from speciosa.knowledge._records import (
    PkParameter as PkParameter,
)
from speciosa.knowledge._records import (
    Product as Product,
)
from speciosa.knowledge._records import (
    ProteinBinding as ProteinBinding,
)
from speciosa.knowledge._records import (
    Source as Source,
)
from speciosa.knowledge._records import (
    Target as Target,
)
from speciosa.knowledge._values import (
    CitedValue as CitedValue,
)
from speciosa.knowledge._values import (
    Derivation as Derivation,
)
from speciosa.knowledge._values import (
    Interval as Interval,
)

__all__ = [
    "Affinity",
    "CASE_DESIGNS",
    "CheckReport",
    "CitationStyle",
    "CitedValue",
    "Claim",
    "ClaimCheck",
    "ClinicalInteraction",
    "Compound",
    "ContentEntry",
    "CypInhibition",
    "DATASETS",
    "DESIGNS",
    "DESIGN_LEVEL",
    "DatasetSpec",
    "DdiParameter",
    "Derivation",
    "Drug",
    "DrugFlags",
    "DrugPk",
    "EVIDENCE_LEVELS",
    "EvidenceTopic",
    "FLAG_LEVELS",
    "FM_ENZYMES",
    "FORMS",
    "Flag",
    "Gap",
    "InteractionRule",
    "Interval",
    "Jurisdiction",
    "KnowledgeBase",
    "LEGAL_STATUSES",
    "LIMITATION_DOMAIN",
    "LegalPeriod",
    "LegalRule",
    "MechanismClaim",
    "Mode",
    "PkParameter",
    "Problem",
    "Prodrug",
    "Product",
    "ProductForm",
    "ProteinBinding",
    "REVIEW_DESIGNS",
    "RULE_KINDS",
    "ReferenceLimit",
    "SCOPES",
    "SECONDARY_DESIGNS",
    "SEVERITIES",
    "STRICTNESS",
    "Source",
    "Statement",
    "Study",
    "Target",
    "VERDICTS",
    "YAML_LOADER",
    "check_knowledge_base",
    "default_data_dir",
    "format_citation",
    "formula_mass",
    "iso_name",
    "load_knowledge_base",
]
