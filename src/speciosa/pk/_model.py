"""Compartment models as data: the YAML spec, its validation, and the compiled form.

A model file (``speciosa/data/models/*.yaml``) names compartments, first-order flows between
them, where each compound's dose enters, and parameters that are cited values (value, unit,
source, locator, quality, derivation). Between-subject variability is log-normal with an optional
correlation; body weight scales parameters allometrically. Amounts are in nmol, time in h,
volumes in L, so that a central amount over its volume is a concentration in nM.

The compiled :class:`PkModel` is immutable; :meth:`PkModel.rate_matrix` builds the per-subject
rate matrices that the solvers use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import yaml
from pydantic import Field, ValidationError, model_validator

from speciosa.errors import DataError, UnknownIdError
from speciosa.knowledge import YAML_LOADER, KnowledgeBase, formula_mass, load_knowledge_base
from speciosa.knowledge._values import CitedValue, Frozen, Id, NonEmpty
from speciosa.pk._expr import RateExpression, parse_rate

__all__ = [
    "CompartmentSpec",
    "CovariateSpec",
    "FlowSpec",
    "ModelSpec",
    "ParameterSpec",
    "PkModel",
    "available_models",
    "load_model",
    "models_dir",
]

FloatArray = npt.NDArray[np.float64]

_PARAMETER_UNITS: dict[str, str] = {
    "rate": "1/h",
    "clearance": "L/h",
    "volume": "L",
    "fraction": "1",
}


class CompartmentSpec(Frozen):
    """A compartment: ``depot`` (gut, dosed), ``central`` (sampled plasma) or ``peripheral``."""

    name: Id
    kind: Literal["depot", "central", "peripheral"]
    compound: Id
    volume: NonEmpty | None = None

    @model_validator(mode="after")
    def _volume(self) -> CompartmentSpec:
        if self.kind == "central" and self.volume is None:
            raise ValueError("a central compartment needs `volume` (a parameter name)")
        if self.kind == "depot" and self.volume is not None:
            raise ValueError("a depot compartment has no volume")
        return self


class FlowSpec(Frozen):
    """A first-order flow ``source -> target`` (``target: null`` = elimination)."""

    source: Id = Field(alias="from")
    target: Id | None = Field(alias="to")
    rate: NonEmpty
    note: str | None = None


class DoseRoute(Frozen):
    """Where a compound's dose goes: a depot, times an optional fraction parameter."""

    compartment: Id
    fraction: NonEmpty | None = None


class ParameterSpec(Frozen):
    """A model parameter: a cited typical value and, optionally, its between-subject SD (log scale)."""

    kind: Literal["rate", "clearance", "volume", "fraction"]
    value: CitedValue
    bsv_sd_log: CitedValue | None = None
    note: str | None = None


class CovariateSpec(Frozen):
    """Power covariate model: ``P = P_typ * (covariate / reference) ** exponent``."""

    parameter: NonEmpty
    covariate: Literal["weight"]
    reference: CitedValue
    exponent: CitedValue


class CorrelationSpec(Frozen):
    """Correlation of two parameters' log-normal random effects."""

    between: tuple[NonEmpty, NonEmpty]
    value: CitedValue


class ModelSpec(Frozen):
    """A model file as validated data."""

    model: Id
    title: NonEmpty
    description: NonEmpty
    compartments: list[CompartmentSpec] = Field(min_length=1)
    flows: list[FlowSpec]
    doses: dict[Id, list[DoseRoute]] = Field(description="compound id -> depots its dose enters")
    parameters: dict[NonEmpty, ParameterSpec]
    correlations: list[CorrelationSpec] = []
    covariates: list[CovariateSpec] = []
    assumptions: list[NonEmpty] = Field(min_length=1)

    @model_validator(mode="after")
    def _references(self) -> ModelSpec:
        names = [c.name for c in self.compartments]
        if len(set(names)) != len(names):
            raise ValueError("compartment names must be unique")
        known = set(names)
        for i, flow in enumerate(self.flows):
            for end in (flow.source, flow.target):
                if end is not None and end not in known:
                    raise ValueError(f"flows[{i}]: unknown compartment {end!r}")
            try:
                expr = parse_rate(flow.rate)
            except ValueError as exc:
                raise ValueError(f"flows[{i}].rate: {exc}") from None
            for name in expr.names - set(self.parameters):
                raise ValueError(f"flows[{i}].rate: unknown parameter {name!r}")
        for comp in self.compartments:
            if comp.volume is not None and comp.volume not in self.parameters:
                raise ValueError(f"compartment {comp.name!r}: unknown volume parameter {comp.volume!r}")
        by_name = {c.name: c for c in self.compartments}
        for compound, routes in self.doses.items():
            for route in routes:
                if route.compartment not in by_name or by_name[route.compartment].kind != "depot":
                    raise ValueError(f"doses.{compound}: {route.compartment!r} is not a depot compartment")
                if route.fraction is not None and route.fraction not in self.parameters:
                    raise ValueError(f"doses.{compound}: unknown fraction parameter {route.fraction!r}")
        for corr in self.correlations:
            for name in corr.between:
                if name not in self.parameters or self.parameters[name].bsv_sd_log is None:
                    raise ValueError(f"correlation: {name!r} is not a parameter with bsv_sd_log")
        for cov in self.covariates:
            if cov.parameter not in self.parameters:
                raise ValueError(f"covariates: unknown parameter {cov.parameter!r}")
        for name, p in self.parameters.items():
            want = _PARAMETER_UNITS[p.kind]
            try:
                p.value.m_as(want)
            except Exception:  # noqa: BLE001 - reported as a field error below
                raise ValueError(
                    f"parameters.{name}: unit {p.value.unit!r} is not a {p.kind} ({want})"
                ) from None
        return self


@dataclass(frozen=True, slots=True)
class _CompiledFlow:
    source: int
    target: int | None
    rate: RateExpression


@dataclass(frozen=True)
class PkModel:
    """A compiled linear compartment model.

    Attributes
    ----------
    spec
        The validated model file.
    states
        Compartment names in state order.
    analytes
        Compound id -> index of its central (sampled) compartment.
    dose_routes
        Compound id -> (depot index, fraction parameter or None) pairs.
    molar_mass
        Compound id -> g/mol, from the knowledge base (for mg -> nmol and nM -> ng/mL).
    typical
        Parameter name -> typical value in canonical units (1/h, L/h, L, 1) at the reference weight.
    """

    spec: ModelSpec
    states: tuple[str, ...]
    analytes: Mapping[str, int]
    dose_routes: Mapping[str, tuple[tuple[int, str | None], ...]]
    molar_mass: Mapping[str, float]
    typical: Mapping[str, float]
    volumes: Mapping[int, str]
    flows: tuple[_CompiledFlow, ...] = field(repr=False)

    @property
    def id(self) -> str:
        return self.spec.model

    @property
    def parameter_names(self) -> tuple[str, ...]:
        return tuple(self.spec.parameters)

    @property
    def sources(self) -> tuple[str, ...]:
        """Source ids behind the model's parameters, variabilities and covariates (sorted)."""
        cited = [v for p in self.spec.parameters.values() for v in (p.value, p.bsv_sd_log) if v is not None]
        cited += [v for c in self.spec.covariates for v in (c.reference, c.exponent)]
        cited += [c.value for c in self.spec.correlations]
        return tuple(sorted({v.source for v in cited}))

    @property
    def random_effects(self) -> tuple[str, ...]:
        """Parameters with between-subject variability, in file order."""
        return tuple(n for n, p in self.spec.parameters.items() if p.bsv_sd_log is not None)

    def omega(self) -> FloatArray:
        """Covariance matrix of the log-scale random effects (order of :attr:`random_effects`)."""
        names = self.random_effects
        sd = np.array([self.spec.parameters[n].bsv_sd_log.value for n in names])  # type: ignore[union-attr]
        corr = np.eye(len(names))
        for c in self.spec.correlations:
            i, j = names.index(c.between[0]), names.index(c.between[1])
            corr[i, j] = corr[j, i] = c.value.value
        return corr * np.outer(sd, sd)

    def individual(
        self, eta: FloatArray | None = None, weight_kg: FloatArray | float | None = None
    ) -> dict[str, FloatArray]:
        """Per-subject parameters from random effects ``eta`` (n_subjects x n_random) and weights."""
        n = 1 if eta is None else eta.shape[0]
        out = {k: np.full(n, v) for k, v in self.typical.items()}
        if eta is not None:
            for j, name in enumerate(self.random_effects):
                out[name] = out[name] * np.exp(eta[:, j])
        if weight_kg is not None:
            w = np.broadcast_to(np.asarray(weight_kg, dtype=np.float64), (n,))
            for cov in self.spec.covariates:
                ref = cov.reference.m_as("kg")
                out[cov.parameter] = out[cov.parameter] * (w / ref) ** cov.exponent.value
        return out

    def rate_matrix(self, params: Mapping[str, FloatArray]) -> FloatArray:
        """Rate matrices ``K`` (n_subjects x n_states x n_states) with ``dA/dt = K A``."""
        n = len(next(iter(params.values())))
        k = np.zeros((n, len(self.states), len(self.states)))
        for flow in self.flows:
            r = np.broadcast_to(flow.rate.evaluate(params), (n,))
            k[:, flow.source, flow.source] -= r
            if flow.target is not None:
                k[:, flow.target, flow.source] += r
        return k

    def volume(self, state: int, params: Mapping[str, FloatArray]) -> FloatArray:
        """Volume (L) of a central compartment for each subject."""
        return np.asarray(params[self.volumes[state]], dtype=np.float64)


def models_dir() -> Path:
    """Folder of the bundled model files."""
    return Path(__file__).resolve().parents[1] / "data" / "models"


def available_models() -> tuple[str, ...]:
    """Ids of the bundled models."""
    return tuple(sorted(p.stem for p in models_dir().glob("*.yaml")))


def _molar_mass(kb: KnowledgeBase, compound: str) -> float:
    c = kb.compound(compound)
    if c.molar_mass is not None:
        return c.molar_mass.m_as("g/mol")
    if c.formula is not None:
        return formula_mass(c.formula)
    raise DataError(f"compound {compound!r} has neither molar_mass nor formula; a model cannot use it")


def compile_model(spec: ModelSpec, kb: KnowledgeBase | None = None) -> PkModel:
    """Compile a validated spec, taking molar masses from the knowledge base."""
    kb = kb or load_knowledge_base()
    states = tuple(c.name for c in spec.compartments)
    index = {name: i for i, name in enumerate(states)}
    analytes = {c.compound: index[c.name] for c in spec.compartments if c.kind == "central"}
    compounds = {c.compound for c in spec.compartments}
    molar = {c: _molar_mass(kb, c) for c in sorted(compounds)}
    flows = tuple(
        _CompiledFlow(index[f.source], None if f.target is None else index[f.target], parse_rate(f.rate))
        for f in spec.flows
    )
    typical = {n: p.value.m_as(_PARAMETER_UNITS[p.kind]) for n, p in spec.parameters.items()}
    return PkModel(
        spec=spec,
        states=states,
        analytes=analytes,
        dose_routes={
            c: tuple((index[r.compartment], r.fraction) for r in rs) for c, rs in spec.doses.items()
        },
        molar_mass=molar,
        typical=typical,
        volumes={index[c.name]: c.volume for c in spec.compartments if c.volume is not None},
        flows=flows,
    )


def read_model_spec(path: Path) -> ModelSpec:
    """Read and validate a model file; errors name the file and field."""
    try:
        raw: Any = yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)  # noqa: S506
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{path.name}: cannot read model file: {str(exc).splitlines()[0]}") from None
    try:
        return ModelSpec.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "-"
        raise DataError(f"{path.name}: {where}: {err['msg']}") from None


@lru_cache(maxsize=16)
def _load(path: Path) -> PkModel:
    return compile_model(read_model_spec(path))


def load_model(model: str | Path = "kratom-alkaloids") -> PkModel:
    """Load a bundled model by id (see :func:`available_models`) or a model file by path."""
    if isinstance(model, Path) or str(model).endswith((".yaml", ".yml")):
        return _load(Path(model).resolve())
    path = models_dir() / f"{model}.yaml"
    if not path.is_file():
        raise UnknownIdError("model", str(model), available_models())
    return _load(path)
