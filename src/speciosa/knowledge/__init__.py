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
    "MechanismClaim",
    "Mode",
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
