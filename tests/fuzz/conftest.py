"""Fixtures of the fuzz suite: a warm start and the figures printed at the end (issue 17).

The example budget and time bound live in :mod:`tests.fuzz._contract` (``FUZZ``), applied to each
fuzz test by decorator, so that they do not change the Hypothesis settings of other tests.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from tests.fuzz._contract import FUZZ, LAST_RUN, RECORD


@pytest.fixture(scope="session", autouse=True)
def _warm() -> Iterator[None]:
    # Load the knowledge base, the PK model and the auditor's embeddings once, before the first
    # timed example, so that the deadline measures the input, not the first import.
    import matplotlib

    from speciosa.evidence import Auditor
    from speciosa.knowledge import load_knowledge_base
    from speciosa.pk import load_model

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401 - imported for its first-import cost

    kb = load_knowledge_base()
    load_model()
    Auditor.load(kb)
    yield


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the fuzz figures and write them to ``tests/fuzz/.last-run.json``."""
    if not RECORD.examples:
        return
    doc = RECORD.document(FUZZ)
    LAST_RUN.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    terminalreporter.section("fuzz figures (issue 17)")
    terminalreporter.write_line(
        f"{doc['examples_total']} examples; exit statuses {doc['exit_statuses']}; peak memory of the "
        f"largest accepted run of the real command {doc['peak_memory_accepted_run_mib']} MiB"
    )
    slow = doc["slowest"]
    terminalreporter.write_line(f"slowest in-process: {slow['seconds']} s in {slow['test']}: {slow['input']}")
    cmd = doc["slowest_real_command"]
    terminalreporter.write_line(f"slowest real command (with start-up): {cmd['seconds']} s: {cmd['input']}")
    for test, n in doc["examples_per_test"].items():
        terminalreporter.write_line(f"  {n:5d}  {test}")
    terminalreporter.write_line(f"written to {LAST_RUN}")
