"""Public surface: each public module's ``__all__`` is sorted, complete and importable (httpx)."""

from __future__ import annotations

import importlib
import inspect

import pytest

PUBLIC = [
    "speciosa.errors",
    "speciosa.files",
    "speciosa.units",
    "speciosa.knowledge",
    "speciosa.ddi",
    "speciosa.cli",
]


@pytest.mark.parametrize("name", PUBLIC)
def test_all_sorted_and_resolvable(name: str) -> None:
    module = importlib.import_module(name)
    exported = list(module.__all__)
    assert exported == sorted(exported, key=lambda s: (not s.isupper(), s)) or exported == sorted(exported)
    for symbol in exported:
        assert hasattr(module, symbol), f"{name}.__all__ names missing {symbol}"


@pytest.mark.parametrize("name", PUBLIC)
def test_all_is_complete(name: str) -> None:
    module = importlib.import_module(name)
    public = {
        n
        for n, obj in vars(module).items()
        if not n.startswith("_")
        and (inspect.isclass(obj) or inspect.isfunction(obj))
        and getattr(obj, "__module__", "").startswith(name)
    }
    assert public <= set(module.__all__), f"not in {name}.__all__: {sorted(public - set(module.__all__))}"
