"""The size of a population run, estimated before it starts, and the budget it must fit.

A run is refused, with the limit and a way to stay under it, when its estimated memory or time
exceeds the budget, instead of exhausting memory or running for hours. The budget defaults to
:data:`DEFAULT_MEMORY` and :data:`DEFAULT_SECONDS`; the environment variables
``SPECIOSA_MEMORY_BUDGET`` (e.g. ``8GiB``, ``500MiB``) and ``SPECIOSA_TIME_BUDGET`` (e.g. ``20min``,
``90s``) change it.

The estimate counts the arrays that grow with the run (streaming histograms, concentration series
of one chunk of subjects, the solver's working set) and the work (subjects x output times x
series, plus a cost per dose event). Its coefficients were measured on the reference machine (2
cores); it is an estimate, and the refusal message says so.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from speciosa.errors import InputError
from speciosa.pk._regimen import Regimen
from speciosa.pk._stream import LogHistogram

#: Subjects x output times solved together. Subjects are independent, so solving a chunk in slices
#: gives the same numbers while the solver's working set stays near SLICE_ELEMENTS x (100 + 20 x
#: series) bytes, whatever the grid.
SLICE_ELEMENTS = 2_000_000

__all__ = [
    "DEFAULT_MEMORY",
    "DEFAULT_SECONDS",
    "PROCESS_BYTES",
    "SLICE_ELEMENTS",
    "Budget",
    "RunSize",
    "check_run_size",
    "grid_points",
]

#: Memory a run's process may use (bytes): 2 GiB, the program itself included.
DEFAULT_MEMORY = 2 * 1024**3
#: Resident memory of the program before a run's arrays: interpreter, numpy and scipy, the knowledge
#: base and the model. Measured at 0.11-0.26 GB (maximum resident set of small runs), rounded up.
PROCESS_BYTES = 320 * 1024**2
#: Time a run may take (s): 5 minutes of estimated work.
DEFAULT_SECONDS = 300.0
#: Bytes per (subject x output time) in the solver's working set of one slice: a fixed part (modal
#: decay factors are complex, one per state of the largest block) and a part per series. Measured
#: with tracemalloc: 107-117 B for 2 series, 198 B for 7 (tests/unit/pk/test_budget.py), rounded up.
_SOLVE_BYTES = 100
_SOLVE_BYTES_PER_SERIES = 20
#: Bytes of one streaming histogram position (PER_DECADE bins per decade over 1e-6..1e8, int64).
_HISTOGRAM_BYTES = (LogHistogram(1).n_bins + 2) * 8
#: Seconds per (subject x output time x series), measured 0.13-0.2 us on the reference machine.
_SECONDS_PER_ELEMENT = 2.5e-7
#: Seconds per (subject x dose event x series): propagation between doses.
_SECONDS_PER_DOSE = 2.0e-7

_UNITS: dict[str, float] = {
    "b": 1,
    "kb": 1e3,
    "kib": 1024,
    "mb": 1e6,
    "mib": 1024**2,
    "gb": 1e9,
    "gib": 1024**3,
}
_TIME_UNITS: dict[str, float] = {"s": 1, "sec": 1, "min": 60, "h": 3600}


def _env_number(name: str, units: dict[str, float], default: float) -> float:
    text = os.environ.get(name)
    if text is None or not text.strip():
        return default
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*", text)
    unit = m[2].lower() if m else ""
    if m is None or unit not in units:
        raise InputError(
            name,
            f"cannot read {text!r}; give a number and one of {', '.join(units)}, e.g. "
            + ("8GiB" if "gib" in units else "20min"),
        )
    value = float(m[1]) * units[unit]
    if not value > 0:
        raise InputError(name, f"must be above 0, got {text!r}")
    return value


@dataclass(frozen=True, slots=True)
class Budget:
    """Memory (bytes) and time (s) a run may use."""

    memory_bytes: float = DEFAULT_MEMORY
    seconds: float = DEFAULT_SECONDS

    @classmethod
    def from_environment(cls) -> Budget:
        """The default budget, changed by ``SPECIOSA_MEMORY_BUDGET`` and ``SPECIOSA_TIME_BUDGET``."""
        return cls(
            _env_number("SPECIOSA_MEMORY_BUDGET", _UNITS, DEFAULT_MEMORY),
            _env_number("SPECIOSA_TIME_BUDGET", _TIME_UNITS, DEFAULT_SECONDS),
        )


def grid_points(regimen: Regimen, step_h: float, end_h: float) -> int:
    """Number of output times of a grid every ``step_h`` up to ``end_h``, plus the dose times."""
    return int(end_h / step_h) + 1 + len(regimen.doses) + 1


@dataclass(frozen=True, slots=True)
class RunSize:
    """Estimated size of a population run.

    Attributes
    ----------
    subjects, time_points, series, doses
        The run: subjects, output times, concentration or amount series solved per subject,
        dose events.
    kept_per_chunk
        Series held whole for one chunk of subjects (a consumer that needs every time point of a
        chunk at once); 0 where results stream slice by slice.
    chunk
        Subjects in one chunk.
    histogram_positions
        Positions of streaming histograms (e.g. one per output time per analyte).
    work_factor
        Work per subject, time and series relative to a plain simulation.
    extra_bytes, extra_seconds
        What the caller's own computation adds (e.g. a loop over time steps), as it estimates it.
    """

    subjects: int
    time_points: int
    series: int
    doses: int
    chunk: int
    kept_per_chunk: int = 0
    histogram_positions: int = 0
    work_factor: float = 1.0
    extra_bytes: float = 0.0
    extra_seconds: float = 0.0

    @property
    def memory_bytes(self) -> float:
        per_element = _SOLVE_BYTES + _SOLVE_BYTES_PER_SERIES * self.series
        solve = min(self.subjects * self.time_points, SLICE_ELEMENTS) * per_element
        kept = 3 * 8 * self.chunk * self.time_points * self.kept_per_chunk  # series + 2 working copies
        return solve + kept + self.histogram_positions * _HISTOGRAM_BYTES + self.extra_bytes

    @property
    def seconds(self) -> float:
        n = self.subjects * self.series * self.work_factor
        return (
            n * (self.time_points * _SECONDS_PER_ELEMENT + self.doses * _SECONDS_PER_DOSE)
            + self.extra_seconds
        )


def _gib(b: float) -> str:
    return f"{b / 1024**3:.1f} GiB" if b >= 1024**3 else f"{b / 1024**2:.0f} MiB"


def _duration(s: float) -> str:
    return f"{s / 3600:.1f} h" if s >= 7200 else f"{s / 60:.0f} min" if s >= 120 else f"{s:.0f} s"


def check_run_size(size: RunSize, budget: Budget | None = None, *, step_option: str | None = None) -> None:
    """Refuse a run whose estimated memory or time is over ``budget`` (default: from the environment).

    Raises
    ------
    InputError
        Naming what makes the run big (``subjects``, ``step`` or ``regimen``), the estimate, the
        limit, and how to stay under it. ``step_option`` names the option that sets the output
        step, where the user can set one.
    """
    shorter = (f"a coarser {step_option} or " if step_option else "") + "a shorter regimen"
    grid_field = "step" if step_option else "regimen"
    budget = budget or Budget.from_environment()
    mem, secs = size.memory_bytes + PROCESS_BYTES, size.seconds
    what = (
        f"{size.subjects:,} subjects x {size.time_points:,} output times x {size.series} series, "
        f"{size.doses:,} dose{'s' if size.doses != 1 else ''}"
    )
    if mem > budget.memory_bytes:
        # what grows with the time grid alone cannot be fixed with fewer subjects
        grid_only = mem - 3 * 8 * size.chunk * size.time_points * size.kept_per_chunk
        field = "subjects" if grid_only <= budget.memory_bytes else grid_field
        room = max(0.0, budget.memory_bytes - PROCESS_BYTES)  # for the run's own arrays
        if field == "subjects":
            fix = f"use fewer subjects (at most about {max(1, int(size.chunk * room / size.memory_bytes)):,})"
        else:
            points = max(1, int(size.time_points * room / size.memory_bytes))
            fix = f"use {shorter} (at most about {points:,} output times)"
        raise InputError(
            field,
            f"this run would need about {_gib(mem)} of memory ({what}), over the budget of "
            f"{_gib(budget.memory_bytes)}; {fix}, or raise SPECIOSA_MEMORY_BUDGET",
        )
    if secs > budget.seconds:
        subjects = int(size.subjects * budget.seconds / secs)
        fix = f"use at most about {subjects:,} subjects" if subjects >= 100 else f"use {shorter}"
        raise InputError(
            "subjects" if subjects >= 100 else grid_field,
            f"this run would take about {_duration(secs)} ({what}; an estimate for a 2-core machine), "
            f"over the time budget of {_duration(budget.seconds)}; {fix}, or raise SPECIOSA_TIME_BUDGET",
        )
