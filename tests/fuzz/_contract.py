"""The contract every input must keep, the fuzz profile, and the record of what ran (issue 17).

Contract: the command ends with status 0 or 2 within the deadline; never 1, never a traceback or
an internal error; on status 2 stderr is one line ``speciosa: error: ...`` and no output file
was written; on status 0 each output file is complete and no temporary file is left.

Profile ``fuzz``: a fixed number of examples per test, derandomised (the same examples in every
run, so CI is reproducible), no example database written, and a per-example deadline.
``SPECIOSA_FUZZ_EXAMPLES=10`` multiplies the budget for a longer local hunt, with random examples.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, settings

from speciosa.cli import main

#: Examples per test in CI: 19 tests x 100 examples, plus 20 runs of the real command, take about
#: two minutes on 2 cores.
EXAMPLES = 100
#: Longest an example may take. Accepted 20-subject runs take 0.05-0.5 s on an idle 2-core
#: machine and refused inputs milliseconds; 20 s leaves room for a loaded CI runner.
DEADLINE = timedelta(seconds=20)

_scale = float(os.environ.get("SPECIOSA_FUZZ_EXAMPLES", "1") or "1")
settings.register_profile(
    "fuzz",
    max_examples=max(1, int(EXAMPLES * _scale)),
    deadline=DEADLINE,
    derandomize=_scale == 1,
    database=None,
    print_blob=True,
    # Examples share ``capsys`` (drained after each one by ``readouterr``) and ``tmp_path`` (each
    # example works in a fresh folder of its own), so reusing the function-scoped fixtures across
    # examples is sound.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
#: Settings of every fuzz test (a decorator).
FUZZ = settings.get_profile("fuzz")

T = TypeVar("T")

LAST_RUN = Path(__file__).with_name(".last-run.json")
ERROR_PREFIX = "speciosa: error: "


@dataclass
class Record:
    """What the fuzz tests ran, and the figures issue 17 asks for."""

    examples: dict[str, int] = field(default_factory=dict)
    exits: dict[str, int] = field(default_factory=dict)
    slowest: tuple[float, str, str] = (0.0, "", "")
    slowest_command: tuple[float, str, str] = (0.0, "", "")
    peak_rss_kib: tuple[int, str] = (0, "")

    def example(self, test: str, given: Any, seconds: float, outcome: str, *, process: bool = False) -> None:
        """Count one example of ``test``; keep it if it is the slowest so far.

        ``process``: a run of the real command, timed with its start-up, kept apart.
        """
        self.examples[test] = self.examples.get(test, 0) + 1
        self.exits[outcome] = self.exits.get(outcome, 0) + 1
        text = repr(given)
        entry = (seconds, test, text if len(text) <= 300 else text[:300] + "…")
        if process and seconds > self.slowest_command[0]:
            self.slowest_command = entry
        elif not process and seconds > self.slowest[0]:
            self.slowest = entry

    def memory(self, rss_kib: int, given: Any) -> None:
        """Keep the peak memory of an accepted run of the real command, if it is the largest."""
        if rss_kib > self.peak_rss_kib[0]:
            self.peak_rss_kib = (rss_kib, repr(given)[:300])

    def document(self, profile: settings) -> dict[str, Any]:
        seconds, test, given = self.slowest
        deadline = profile.deadline
        return {
            "examples_total": sum(self.examples.values()),
            "examples_per_test": dict(sorted(self.examples.items())),
            "exit_statuses": dict(sorted(self.exits.items())),
            "slowest": {"seconds": round(seconds, 3), "test": test, "input": given},
            "slowest_real_command": {
                "seconds": round(self.slowest_command[0], 3),
                "input": self.slowest_command[2],
            },
            "peak_memory_accepted_run_mib": round(self.peak_rss_kib[0] / 1024, 1),
            "peak_memory_input": self.peak_rss_kib[1],
            "profile": {
                "max_examples": profile.max_examples,
                "deadline_s": deadline.total_seconds() if isinstance(deadline, timedelta) else None,
            },
        }


RECORD = Record()


def timed(test: str, given: Any, call: Callable[[], T], outcome: Callable[[T], str]) -> T:
    """Run ``call()``; count it under ``test`` with its time and ``outcome(result)``."""
    started = time.perf_counter()
    label = "raised"
    try:
        result = call()
        label = outcome(result)
        return result
    finally:
        RECORD.example(test, given, time.perf_counter() - started, label)


def check_status(status: int, out: str, err: str, *, json_out: bool = False) -> None:
    """Assert the contract on one run's status, stdout and stderr."""
    assert "Traceback" not in err and "Traceback" not in out, err
    assert "internal error" not in err, err
    assert status in (0, 2), f"exit {status}: {err}"
    if status == 2:
        lines = err.splitlines()
        assert len(lines) == 1 and lines[0].startswith(ERROR_PREFIX), err
    elif json_out:
        json.loads(out)  # exactly one JSON document


def run_cli(
    test: str, argv: Sequence[str], capsys: pytest.CaptureFixture[str], *, json_out: bool = True
) -> tuple[int, str, str]:
    """Run ``speciosa.cli.main(argv)`` in-process, check the contract, and return (status, out, err)."""
    capsys.readouterr()
    status = timed(test, list(argv), lambda: main(list(argv)), lambda status: f"exit {status}")
    out, err = capsys.readouterr()
    check_status(status, out, err, json_out=json_out)
    return status, out, err


def leftovers(folder: Path, inputs: Sequence[str] = ()) -> list[str]:
    """Files in ``folder`` (recursively) other than the named inputs."""
    return sorted(
        str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and p.name not in inputs
    )


def check_outputs(status: int, folder: Path, expected: dict[str, bytes], inputs: Sequence[str] = ()) -> None:
    """On exit 2 nothing was written; on exit 0 exactly ``expected`` (name to start bytes), complete.

    ``expected`` maps each output file name to the bytes it must start with (``b""`` for any).
    """
    left = leftovers(folder, inputs)
    assert not [n for n in left if n.endswith(".tmp")], left
    if status != 0:
        assert left == [], f"exit {status} left {left}"
        return
    assert left == sorted(expected), left
    for name, start in expected.items():
        data = (folder / name).read_bytes()
        assert data.startswith(start), f"{name} starts {data[:20]!r}"
        if start == b"\x89PNG\r\n\x1a\n":
            assert data.endswith(b"IEND\xaeB`\x82"), f"{name} is a partial PNG"
        if start == b"<svg" or name.endswith(".svg"):
            assert data.rstrip().endswith(b"</svg>"), f"{name} is a partial SVG"
