"""Shared fixtures: a writable copy of the shipped data, and a way to break it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from speciosa.knowledge import default_data_dir

Editor = Callable[[str, Callable[[list[dict[str, Any]]], None]], Path]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the shipped data directory."""
    target = tmp_path / "data"
    shutil.copytree(default_data_dir(), target, ignore=shutil.ignore_patterns("__pycache__"))
    return target


@pytest.fixture
def edit_dataset(data_copy: Path) -> Editor:
    """Return ``edit(dataset, mutate)``: apply ``mutate`` to the records of a copied dataset."""

    def edit(dataset: str, mutate: Callable[[list[dict[str, Any]]], None]) -> Path:
        path = data_copy / f"{dataset}.yaml"
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        mutate(doc["records"])
        path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
        return data_copy

    return edit
