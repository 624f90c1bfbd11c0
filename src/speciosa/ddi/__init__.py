"""Drug interactions of kratom: static and dynamic pharmacokinetic models, pharmacodynamic rules,
and a per-pair assessment. See ``docs/interactions.md``."""

from speciosa.ddi._assess import Assessment as Assessment
from speciosa.ddi._assess import PairAssessment as PairAssessment
from speciosa.ddi._assess import assess as assess
from speciosa.ddi._dose import FALLBACK_CAP_MG as FALLBACK_CAP_MG
from speciosa.ddi._dose import FALLBACK_USUAL_MULTIPLE as FALLBACK_USUAL_MULTIPLE
from speciosa.ddi._dose import LABEL_TOLERANCE as LABEL_TOLERANCE
from speciosa.ddi._dose import check_drug_dose as check_drug_dose
from speciosa.ddi._dose import daily_amount_mg as daily_amount_mg
from speciosa.ddi._dynamic import DynamicResult as DynamicResult
from speciosa.ddi._dynamic import VictimDosing as VictimDosing
from speciosa.ddi._dynamic import enzyme_activity as enzyme_activity
from speciosa.ddi._dynamic import simulate_victims as simulate_victims
from speciosa.ddi._dynamic import victim_ratios as victim_ratios
from speciosa.ddi._exposure import KratomExposure as KratomExposure
from speciosa.ddi._exposure import interaction_size as interaction_size
from speciosa.ddi._exposure import kratom_exposure as kratom_exposure
from speciosa.ddi._finding import Finding as Finding
from speciosa.ddi._names import resolve_drug as resolve_drug
from speciosa.ddi._perpetrator import Perpetrator as Perpetrator
from speciosa.ddi._perpetrator import choose_constants as choose_constants
from speciosa.ddi._screening import STATIC_BASIS as STATIC_BASIS
from speciosa.ddi._screening import StaticCheck as StaticCheck
from speciosa.ddi._screening import static_overprediction as static_overprediction
from speciosa.ddi._severity import SEVERITIES as SEVERITIES
from speciosa.ddi._static import EnzymeEffect as EnzymeEffect
from speciosa.ddi._static import mechanistic_static_auc_ratio as mechanistic_static_auc_ratio
from speciosa.ddi._static import r1 as r1
from speciosa.ddi._static import r1_gut as r1_gut
from speciosa.ddi._static import r2 as r2
from speciosa.ddi._static import r3 as r3
from speciosa.ddi._static import remaining_activity as remaining_activity
from speciosa.ddi._victim import VictimModel as VictimModel
from speciosa.ddi._victim import absorption_rate as absorption_rate
from speciosa.ddi._victim import victim_model as victim_model

__all__ = [
    "FALLBACK_CAP_MG",
    "FALLBACK_USUAL_MULTIPLE",
    "LABEL_TOLERANCE",
    "SEVERITIES",
    "STATIC_BASIS",
    "Assessment",
    "DynamicResult",
    "EnzymeEffect",
    "Finding",
    "KratomExposure",
    "PairAssessment",
    "Perpetrator",
    "StaticCheck",
    "VictimDosing",
    "VictimModel",
    "absorption_rate",
    "assess",
    "check_drug_dose",
    "choose_constants",
    "daily_amount_mg",
    "enzyme_activity",
    "interaction_size",
    "kratom_exposure",
    "mechanistic_static_auc_ratio",
    "r1",
    "r1_gut",
    "r2",
    "r3",
    "remaining_activity",
    "resolve_drug",
    "simulate_victims",
    "static_overprediction",
    "victim_model",
    "victim_ratios",
]
