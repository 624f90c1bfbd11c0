"""The knowledge base: curated, cited data with schemas, a checking loader and citations."""

from speciosa.knowledge._base import (
    CheckReport as CheckReport,
    KnowledgeBase as KnowledgeBase,
    check_knowledge_base as check_knowledge_base,
    default_data_dir as default_data_dir,
    load_knowledge_base as load_knowledge_base,
)
from speciosa.knowledge._check import formula_mass as formula_mass
from speciosa.knowledge._citations import CitationStyle as CitationStyle, format_citation as format_citation
from speciosa.knowledge._datasets import DATASETS as DATASETS, DatasetSpec as DatasetSpec
from speciosa.knowledge._problems import Problem as Problem
from speciosa.knowledge._records import (
    Affinity as Affinity,
    Compound as Compound,
    ContentEntry as ContentEntry,
    CypInhibition as CypInhibition,
    Gap as Gap,
    PkParameter as PkParameter,
    Product as Product,
    ProteinBinding as ProteinBinding,
    Source as Source,
    Target as Target,
)
from speciosa.knowledge._values import CitedValue as CitedValue, Derivation as Derivation, Interval as Interval

__all__ = [
    "DATASETS",
    "Affinity",
    "CheckReport",
    "CitationStyle",
    "CitedValue",
    "Compound",
    "ContentEntry",
    "CypInhibition",
    "DatasetSpec",
    "Derivation",
    "Gap",
    "Interval",
    "KnowledgeBase",
    "PkParameter",
    "Problem",
    "Product",
    "ProteinBinding",
    "Source",
    "Target",
    "check_knowledge_base",
    "default_data_dir",
    "format_citation",
    "formula_mass",
    "load_knowledge_base",
]
