"""Population pharmacokinetics: regimens, compartment models as data, exact solver, NCA.

See ``docs/pk.md`` for the model library, its derivation and its assumptions.
"""

from speciosa.pk._budget import Budget as Budget
from speciosa.pk._budget import RunSize as RunSize
from speciosa.pk._budget import check_run_size as check_run_size
from speciosa.pk._budget import grid_points as grid_points
from speciosa.pk._dosing import FORM_DEFAULT_PRODUCT as FORM_DEFAULT_PRODUCT
from speciosa.pk._dosing import Composition as Composition
from speciosa.pk._dosing import composition as composition
from speciosa.pk._dosing import read_content_file as read_content_file
from speciosa.pk._events import Event as Event
from speciosa.pk._events import EventTable as EventTable
from speciosa.pk._events import read_events_csv as read_events_csv
from speciosa.pk._events import write_events_csv as write_events_csv
from speciosa.pk._model import ModelSpec as ModelSpec
from speciosa.pk._model import PkModel as PkModel
from speciosa.pk._model import available_models as available_models
from speciosa.pk._model import load_model as load_model
from speciosa.pk._nca import nca as nca
from speciosa.pk._ode import linear_rhs as linear_rhs
from speciosa.pk._ode import solve_ode as solve_ode
from speciosa.pk._regimen import Regimen as Regimen
from speciosa.pk._regimen import parse_regimen as parse_regimen
from speciosa.pk._regimen import regular_regimen as regular_regimen
from speciosa.pk._simulate import CHUNK as CHUNK
from speciosa.pk._simulate import MAX_SEED as MAX_SEED
from speciosa.pk._simulate import PopulationResult as PopulationResult
from speciosa.pk._simulate import StateChunk as StateChunk
from speciosa.pk._simulate import dose_events as dose_events
from speciosa.pk._simulate import population_amounts as population_amounts
from speciosa.pk._simulate import population_concentrations as population_concentrations
from speciosa.pk._simulate import simulable_analytes as simulable_analytes
from speciosa.pk._simulate import simulate_population as simulate_population
from speciosa.pk._simulate import simulation_size as simulation_size
from speciosa.pk._simulate import time_grid as time_grid
from speciosa.pk._solve import Bolus as Bolus
from speciosa.pk._solve import solve_linear as solve_linear
from speciosa.pk._stream import LogHistogram as LogHistogram

__all__ = [
    "CHUNK",
    "FORM_DEFAULT_PRODUCT",
    "MAX_SEED",
    "Bolus",
    "Budget",
    "Composition",
    "Event",
    "EventTable",
    "LogHistogram",
    "ModelSpec",
    "PkModel",
    "PopulationResult",
    "Regimen",
    "RunSize",
    "StateChunk",
    "available_models",
    "check_run_size",
    "composition",
    "dose_events",
    "grid_points",
    "linear_rhs",
    "load_model",
    "nca",
    "parse_regimen",
    "population_amounts",
    "population_concentrations",
    "read_content_file",
    "read_events_csv",
    "regular_regimen",
    "simulable_analytes",
    "simulate_population",
    "simulation_size",
    "solve_linear",
    "solve_ode",
    "time_grid",
    "write_events_csv",
]
