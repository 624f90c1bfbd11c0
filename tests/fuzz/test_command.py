"""A sample of drawn inputs through the real command, ``python -m speciosa`` (issue 17, deliverable 6).

In-process runs (test_cli.py) cannot see what only a process shows: the exit status the shell
gets, output on the real streams, a hang, and memory. Each drawn command line runs in a child
process under a timeout; the same contract holds, and the peak memory (``ru_maxrss`` of that
child, from ``wait4``) of an accepted run stays under :data:`MAX_RSS_BYTES`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import speciosa
from tests.fuzz import strategies as s
from tests.fuzz._contract import FUZZ, RECORD, check_outputs, check_status

pytestmark = pytest.mark.fuzz

SRC = str(Path(speciosa.__file__).resolve().parents[1])
#: Examples through the real command: each starts Python and loads the knowledge base (about 2.5 s).
SAMPLE = 20
#: Longest one command may run (s): start-up plus a 20-subject run, on a loaded 2-core machine.
TIMEOUT_S = 90.0
#: Peak memory of an accepted run (bytes). A 20-subject run peaks near 0.3 GB; the population
#: run's own budget is 2 GiB above the ~0.3 GB the program needs.
MAX_RSS_BYTES = 2.5e9

_commands = st.one_of(
    st.builds(
        lambda r, sub, seed, step: [
            "simulate",
            "--regimen",
            r,
            "--subjects",
            sub,
            "--seed",
            seed,
            "--step",
            step,
        ],
        st.one_of(st.sampled_from(s.REGIMEN_EXAMPLES), s.regimens),
        st.sampled_from(("20", "20", "-1", "0")),
        st.sampled_from(("0", "-1", "7")),
        st.sampled_from(("0.25", "1", "0.001", "inf")),
    ),
    st.builds(
        lambda d, days: (
            ["simulate", "--dose", d, "--every", "8h", "--days", days, "--product", "k51-tea"]
            + ["--subjects", "20"]
        ),
        st.one_of(st.just("2g"), s.quantities),
        st.sampled_from(("3", "inf", "nan", "-1", "1e9")),
    ),
    st.builds(
        lambda drug, dose: (
            ["interact", "--drug", drug, "--drug-dose", dose, "--regimen", "2 g tea once"]
            + ["--subjects", "20"]
        ),
        st.one_of(st.just("sertraline"), s.drugs),
        st.one_of(st.just("50 mg daily"), s.drug_doses),
    ),
    st.builds(lambda code, on: ["legal", code, "--on", on], s.jurisdictions, s.dates),
    st.builds(lambda r: ["mechanism", "--regimen", r, "--subjects", "20"], s.regimens),
)


def _run(argv: list[str], cwd: Path) -> tuple[int, str, str, int]:
    """Run ``python -m speciosa argv``; return (status, stdout, stderr, peak RSS in KiB)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([SRC, os.environ.get("PYTHONPATH", "")])}
    env.pop("SPECIOSA_DEBUG", None)
    out_path, err_path = cwd / ".stdout", cwd / ".stderr"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "speciosa", *argv], cwd=cwd, env=env, stdout=out, stderr=err
        )
    deadline = time.monotonic() + TIMEOUT_S
    while True:
        pid, wait_status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            os.kill(proc.pid, signal.SIGKILL)
            os.wait4(proc.pid, 0)
            proc.returncode = -signal.SIGKILL
            pytest.fail(f"{argv!r} ran past {TIMEOUT_S} s")
        time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(wait_status)  # reaped here, not by Popen
    stdout = out_path.read_text(encoding="utf-8", errors="replace")
    stderr = err_path.read_text(encoding="utf-8", errors="replace")
    out_path.unlink()
    err_path.unlink()
    return proc.returncode, stdout, stderr, usage.ru_maxrss


# the child process has its own time bound (TIMEOUT_S), which covers start-up as well
@settings(FUZZ, max_examples=SAMPLE, deadline=None)
@given(argv=_commands)
def test_real_command(argv: list[str], tmp_path: Path) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    argv = [*argv, "--format", "json"]
    started = time.perf_counter()
    status, out, err, rss_kib = _run(argv, folder)
    RECORD.example("real command", argv, time.perf_counter() - started, f"exit {status}", process=True)
    check_status(status, out, err, json_out=True)
    check_outputs(status, folder, {})
    if status == 0:
        RECORD.memory(rss_kib, argv)
        assert rss_kib * 1024 < MAX_RSS_BYTES, f"{argv!r} peaked at {rss_kib / 1024:.0f} MiB"
