"""Reading dataset files: YAML in, validated records and located problems out.

A dataset file is a mapping::

    dataset: compounds      # must equal the file name without .yaml
    records:                # list of records of that dataset's schema
      - id: mitragynine
        ...

Each record is validated on its own, so that one bad record does not hide the others, and every
problem names the file, the record id and the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from speciosa.knowledge._datasets import DATASETS, META_FILE, DatasetSpec
from speciosa.knowledge._problems import Problem

__all__ = ["YAML_LOADER", "RawDataset", "read_data_dir", "read_meta"]


@dataclass(frozen=True, slots=True)
class RawDataset:
    """One dataset as read: the raw YAML records and the ones that validated."""

    spec: DatasetSpec
    raw: tuple[Mapping[str, Any], ...]
    records: tuple[BaseModel, ...]


def _record_label(raw: object, index: int) -> str:
    if isinstance(raw, Mapping):
        rid = raw.get("id")
        if isinstance(rid, str) and rid.strip():
            return rid
    return f"#{index}"


def _loc(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif item.startswith(("function-", "tagged-union")):  # pydantic internals, not fields
            continue
        else:
            parts.append(("." if parts else "") + item)
    return "".join(parts) or "-"


def _describe(error: Mapping[str, Any]) -> str:
    msg = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        msg = msg.removeprefix(prefix)
    if error["type"] == "extra_forbidden":
        return "unknown field; check the spelling against the grammar at the top of the file"
    if error["type"] == "missing":
        return "required field is missing"
    if error["type"] == "literal_error":
        return f"{msg}; got {error.get('input')!r}"
    return msg


YAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""Safe YAML loader: libyaml's C loader when PyYAML was built with it (10x faster), else pure Python."""


#: Most nodes a data file may hold once its YAML aliases are expanded. The largest shipped file holds
#: about 7,000 (sources.yaml); an alias bomb (each level repeating the one below) holds billions.
MAX_EXPANDED_NODES = 1_000_000


def _expanded_nodes(doc: Any) -> int:
    """Nodes of ``doc`` with every alias expanded, counted over its distinct containers only."""
    sizes: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(doc, False)]
    while stack:
        node, done = stack.pop()
        if not isinstance(node, dict | list) or (id(node) in sizes and not done):
            continue
        children = list(node.values()) if isinstance(node, dict) else node
        if done:
            total = 1 + sum(sizes.get(id(c), 1) for c in children)
            sizes[id(node)] = min(total, MAX_EXPANDED_NODES + 1)
            continue
        sizes[id(node)] = 1  # a cycle (a recursive alias) counts once while its children are summed
        stack.append((node, True))
        stack.extend((c, False) for c in children if isinstance(c, dict | list) and id(c) not in sizes)
    return sizes.get(id(doc), 1)


def _load_yaml(path: Path, problems: list[Problem]) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            doc = yaml.load(fh, Loader=YAML_LOADER)  # noqa: S506 (a safe loader, the C one when built)
        if _expanded_nodes(doc) > MAX_EXPANDED_NODES:
            problems.append(
                Problem(
                    path.name,
                    "-",
                    "-",
                    f"expands to over {MAX_EXPANDED_NODES:,} values through YAML aliases (&name / *name)",
                )
            )
            return None
        return doc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problems.append(Problem(path.name, "-", "-", f"not valid YAML{where}: {exc}".splitlines()[0]))
    except OSError as exc:
        problems.append(Problem(path.name, "-", "-", f"cannot read file: {exc.strerror}"))
    except UnicodeDecodeError as exc:
        problems.append(Problem(path.name, "-", "-", f"not UTF-8 text (byte {exc.start} cannot be decoded)"))
    return None


def read_meta(data_dir: Path, problems: list[Problem]) -> dict[str, Any]:
    """Read ``meta.yaml`` (data version); record a problem if it is missing or malformed."""
    path = data_dir / META_FILE
    if not path.is_file():
        problems.append(Problem(META_FILE, "-", "-", "file is missing; it holds `version: YYYY.MM.DD`"))
        return {}
    doc = _load_yaml(path, problems)
    if not isinstance(doc, dict) or not isinstance(doc.get("version"), str):
        problems.append(Problem(META_FILE, "-", "version", "needs `version:` as a quoted string"))
        return {}
    return doc


def _read_dataset(data_dir: Path, spec: DatasetSpec, problems: list[Problem]) -> RawDataset:
    path = data_dir / spec.file
    empty = RawDataset(spec, (), ())
    if not path.is_file():
        problems.append(Problem(spec.file, "-", "-", f"file is missing ({spec.description})"))
        return empty
    before = len(problems)
    doc = _load_yaml(path, problems)
    if len(problems) > before:  # unreadable or invalid YAML, already reported
        return empty
    if not isinstance(doc, dict) or "records" not in doc:
        problems.append(Problem(spec.file, "-", "-", "expected a mapping with `dataset:` and `records:`"))
        return empty
    if doc.get("dataset") != spec.name:
        problems.append(
            Problem(spec.file, "-", "dataset", f"must be {spec.name!r}, got {doc.get('dataset')!r}")
        )
    unknown = set(doc) - {"dataset", "records"}
    if unknown:
        problems.append(Problem(spec.file, "-", ",".join(sorted(unknown)), "unknown top-level key"))
    raw_records = doc["records"]
    if not isinstance(raw_records, list):
        problems.append(Problem(spec.file, "-", "records", "must be a list of records"))
        return empty

    records: list[BaseModel] = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_records):
        label = _record_label(raw, index)
        if not isinstance(raw, Mapping):
            problems.append(Problem(spec.file, label, "-", "a record must be a mapping of fields"))
            continue
        if label in seen:
            problems.append(Problem(spec.file, label, "id", f"duplicate id (also record #{seen[label]})"))
        else:
            seen[label] = index
        try:
            records.append(spec.model.model_validate(raw))
        except ValidationError as exc:
            for error in exc.errors():
                loc = tuple(error["loc"])
                located = getattr(error.get("ctx", {}).get("error"), "field", None)
                field = ".".join(filter(None, [_loc(loc) if loc else "", located])) if located else _loc(loc)
                problems.append(Problem(spec.file, label, field, _describe(error)))
    typed_raw = tuple(r for r in raw_records if isinstance(r, Mapping))
    return RawDataset(spec, typed_raw, tuple(records))


def read_data_dir(data_dir: Path) -> tuple[dict[str, RawDataset], list[Problem]]:
    """Read and validate every dataset file in ``data_dir``.

    Returns
    -------
    datasets
        By dataset name, in :data:`DATASETS` order.
    problems
        Everything wrong with single files or records (cross-record checks come later).
    """
    problems: list[Problem] = []
    if not data_dir.is_dir():
        problems.append(Problem(str(data_dir), "-", "-", "is not a directory"))
        return {}, problems
    datasets = {name: _read_dataset(data_dir, spec, problems) for name, spec in DATASETS.items()}
    known = {spec.file for spec in DATASETS.values()} | {META_FILE}
    for extra in sorted(p.name for p in data_dir.glob("*.yaml")):
        if extra not in known:
            problems.append(
                Problem(extra, "-", "-", f"unknown dataset file; known: {', '.join(sorted(known))}")
            )
    return datasets, problems
