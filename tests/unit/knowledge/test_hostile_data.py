"""A data folder given with ``--path`` may be broken or hostile: every file problem is reported
(exit 1, naming the file), never a crash, and an alias bomb is refused before it is expanded."""

from __future__ import annotations

import time
from pathlib import Path

from speciosa.knowledge import check_knowledge_base


def _messages(path: Path) -> dict[str, str]:
    report = check_knowledge_base(path)
    assert not report.ok
    return {p.file: p.message for p in report.problems}


def test_binary_file_is_a_problem_not_a_crash(data_copy: Path) -> None:
    (data_copy / "compounds.yaml").write_bytes(b"\x00\xff\xfe")
    assert "not UTF-8 text" in _messages(data_copy)["compounds.yaml"]


def test_alias_bomb_refused_in_linear_time(data_copy: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 30)]  # 9^30 values
    (data_copy / "sources.yaml").write_text("\n".join(lines) + "\ndataset: sources\nrecords: [*a29]\n")
    started = time.perf_counter()
    assert "through YAML aliases" in _messages(data_copy)["sources.yaml"]
    assert time.perf_counter() - started < 30  # guards against expanding the bomb, not a speed figure


def test_recursive_alias_does_not_loop(data_copy: Path) -> None:
    (data_copy / "gaps.yaml").write_text("dataset: gaps\nrecords: &r [*r]\n")
    assert "gaps.yaml" in _messages(data_copy)


def test_plain_aliases_of_the_shipped_data_still_load() -> None:
    assert check_knowledge_base(None).ok  # affinities.yaml uses &id001 / *id001
