"""Pharmacodynamics: what the simulated exposure does at receptors, transporters and channels.

Free concentration at the target (named assumptions: fraction unbound, brain penetration),
competitive occupancy by every alkaloid with a recorded affinity, the mode of action named, and
verdicts on the mechanism claims of articles. See ``docs/mechanism.md``.
"""

from speciosa.pd._affinity import Binding as Binding
from speciosa.pd._affinity import Function as Function
from speciosa.pd._affinity import TargetData as TargetData
from speciosa.pd._affinity import target_data as target_data
from speciosa.pd._claims import CLASS_LINES as CLASS_LINES
from speciosa.pd._claims import ClaimVerdict as ClaimVerdict
from speciosa.pd._claims import check_claims as check_claims
from speciosa.pd._claims import occupancy_class as occupancy_class
from speciosa.pd._exposure import Exposure as Exposure
from speciosa.pd._exposure import UnboundFraction as UnboundFraction
from speciosa.pd._exposure import exposure_assumptions as exposure_assumptions
from speciosa.pd._exposure import measured_fu as measured_fu
from speciosa.pd._exposure import parse_per_compound as parse_per_compound
from speciosa.pd._mechanism import PANEL as PANEL
from speciosa.pd._mechanism import HergMargin as HergMargin
from speciosa.pd._mechanism import MechanismResult as MechanismResult
from speciosa.pd._mechanism import Quantiles as Quantiles
from speciosa.pd._mechanism import TargetResult as TargetResult
from speciosa.pd._mechanism import occupancy_size as occupancy_size
from speciosa.pd._mechanism import simulate_occupancy as simulate_occupancy
from speciosa.pd._occupancy import competitive_occupancy as competitive_occupancy
from speciosa.pd._occupancy import occupancy as occupancy

__all__ = [
    "CLASS_LINES",
    "PANEL",
    "Binding",
    "ClaimVerdict",
    "Exposure",
    "Function",
    "HergMargin",
    "MechanismResult",
    "Quantiles",
    "TargetData",
    "TargetResult",
    "UnboundFraction",
    "check_claims",
    "competitive_occupancy",
    "exposure_assumptions",
    "measured_fu",
    "occupancy",
    "occupancy_class",
    "occupancy_size",
    "parse_per_compound",
    "simulate_occupancy",
    "target_data",
]
