"""The README's example commands run as written (issue 17, deliverable 5).

Every line of a fenced code block in README.md that starts with ``.venv/bin/speciosa`` (``\\``
continuations joined, ``#`` comments dropped, one ``> FILE`` redirect allowed) is run in its own
empty folder that holds only a copy of ``examples/``, as ``python -m speciosa`` with every other
argument exactly as written. So the examples depend on nothing in the clone but ``examples/``.
Each must exit 0 without a traceback and leave complete files: an HTML page that ends in
``</html>``, a PNG with its end chunk, a PDF with its trailer, JSON that parses.

Inputs are checked before anything runs: an argument that looks like an input file or folder (a
known suffix, or a trailing ``/``) must be a path under ``examples/`` that the repository ships.
In a git checkout, "ships" means tracked by git, and only tracked files are copied: a fresh clone
has nothing else (an example file caught by ``.gitignore`` fails here, not on a reader's machine).
Outside git (an unpacked sdist) every file under ``examples/`` counts.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

import speciosa

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
EXAMPLES = ROOT / "examples"
SRC = str(Path(speciosa.__file__).resolve().parents[1])
PROGRAM = ".venv/bin/speciosa"
OUTPUT_OPTIONS = frozenset({"--out", "-o", "--pdf", "--plot", "--events-out"})
INPUT_SUFFIXES = (".json", ".html", ".md", ".txt", ".csv", ".yaml", ".yml")
# commands that answer within a few seconds (start-up included); the others are marked slow
QUICK = frozenset({"data", "cite", "evidence", "legal", "comply"})
SHELL_SYNTAX = ("|", "&&", "||", ";", "<", ">>", "2>", "&>", "$(", "`")
PNG_START, PNG_END = b"\x89PNG\r\n\x1a\n", b"IEND\xaeB`\x82"


@dataclass(frozen=True)
class Example:
    """One README command: its arguments after the program name, and where its output goes."""

    line: int  # README line number of the command's first line
    text: str  # the command, continuations joined and comments dropped
    args: tuple[str, ...]
    stdout_to: str | None  # the file after ``>``, if any

    @property
    def outputs(self) -> tuple[str, ...]:
        named = [value for option, value in _options(self.args) if option in OUTPUT_OPTIONS]
        return (*named, *([self.stdout_to] if self.stdout_to else []))

    @property
    def inputs(self) -> tuple[str, ...]:
        """Arguments that look like input files or folders (known suffix or a trailing ``/``)."""
        outputs = set(self.outputs)
        candidates = [*(value for _, value in _options(self.args)), *self.args]
        return tuple(
            dict.fromkeys(
                arg
                for arg in candidates
                if not arg.startswith("-")
                and arg not in outputs
                and (arg.lower().endswith(INPUT_SUFFIXES) or arg.endswith("/"))
            )
        )


def _options(args: tuple[str, ...]) -> list[tuple[str, str]]:
    """``(option, value)`` pairs, for both ``--opt value`` and ``--opt=value``."""
    pairs = []
    for i, arg in enumerate(args):
        if arg.startswith("-") and "=" in arg:
            option, value = arg.split("=", 1)
            pairs.append((option, value))
        elif arg.startswith("-") and i + 1 < len(args) and not args[i + 1].startswith("-"):
            pairs.append((arg, args[i + 1]))
    return pairs


def _code_lines(text: str) -> list[tuple[int, str]]:
    """``(line number, line)`` of the lines inside fenced code blocks."""
    inside, lines = False, []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("```"):
            inside = not inside
        elif inside:
            lines.append((number, line))
    return lines


def parse_examples(text: str) -> list[Example]:
    """The ``.venv/bin/speciosa`` commands of the README's code blocks."""
    examples = []
    lines = _code_lines(text)
    i = 0
    while i < len(lines):
        number, command = lines[i]
        # a comment may follow the last line only, so a backslash ends the code part of a line
        while command.rstrip().endswith("\\") and i + 1 < len(lines):
            i += 1
            command = command.rstrip()[:-1] + " " + lines[i][1].strip()
        i += 1
        if not command.startswith(PROGRAM + " "):
            continue
        tokens = shlex.split(command, comments=True)
        for token in tokens:
            if any(token.startswith(s) for s in SHELL_SYNTAX) or token.startswith(">") and token != ">":
                raise ValueError(f"README.md:{number}: shell syntax {token!r} that this test cannot run")
        stdout_to = None
        if ">" in tokens:
            at = tokens.index(">")
            if at != len(tokens) - 2:
                raise ValueError(f"README.md:{number}: '>' must be followed by one file, last: {command}")
            stdout_to, tokens = tokens[at + 1], tokens[:at]
        shown = shlex.join(tokens) + (f" > {shlex.quote(stdout_to)}" if stdout_to else "")
        examples.append(Example(number, shown, tuple(tokens[1:]), stdout_to))
    return examples


EXAMPLES_IN_README = parse_examples(README.read_text(encoding="utf-8"))


def _id(example: Example) -> str:
    return f"L{example.line}-{'-'.join(example.args[:2])}"


def _param(example: Example) -> object:
    marks = () if example.args[0] in QUICK else (pytest.mark.slow,)
    return pytest.param(example, marks=marks, id=_id(example))


def test_parser_reads_continuations_comments_and_redirects() -> None:
    text = (
        "```bash\n"
        '.venv/bin/speciosa report --regimen "2 g # tea" \\\n'
        "    --out r.html   # a comment with --pdf x.pdf\n"
        "scripts/main   # not speciosa\n"
        ".venv/bin/speciosa report --format json > r.json  # data\n"
        "```\n"
        ".venv/bin/speciosa outside a code block\n"
    )
    first, second = parse_examples(text)
    assert first.line == 2 and first.args == ("report", "--regimen", "2 g # tea", "--out", "r.html")
    assert first.outputs == ("r.html",) and first.stdout_to is None
    assert second.args == ("report", "--format", "json") and second.outputs == ("r.json",)
    with pytest.raises(ValueError, match="shell syntax"):
        parse_examples("```\n.venv/bin/speciosa evidence | head\n```\n")


def test_examples_folder_is_shipped() -> None:
    assert PurePosixPath("examples/articles/kratom-depression.html") in SHIPPED
    assert all(f.parts[0] == "examples" for f in SHIPPED)


def test_parser_finds_every_readme_command() -> None:
    lines = [line for _, line in _code_lines(README.read_text(encoding="utf-8"))]
    assert len(EXAMPLES_IN_README) == sum(line.startswith(PROGRAM + " ") for line in lines) >= 20


def test_inputs_rule_catches_a_file_that_is_not_shipped() -> None:
    [example] = parse_examples(
        "```\n.venv/bin/speciosa audit article.html --format html --out audit.html\n```\n"
    )
    assert example.inputs == ("article.html",)
    assert _missing_inputs(example) == ["article.html (inputs must be under examples/)"]
    [folder] = parse_examples("```\n.venv/bin/speciosa audit examples/nothing/ --out=a.json\n```\n")
    assert folder.inputs == ("examples/nothing/",) and folder.outputs == ("a.json",)
    assert _missing_inputs(folder) == ["examples/nothing/ (not in the repository)"]


def _shipped() -> frozenset[PurePosixPath]:
    """Files under ``examples/`` that a clone has: tracked by git, or all of them outside git."""
    git = shutil.which("git")
    if git is not None and (ROOT / ".git").exists():
        listed = subprocess.run(
            [git, "-C", str(ROOT), "ls-files", "-z", "--", "examples"],
            capture_output=True,
            check=True,
            timeout=60,
        )
        return frozenset(PurePosixPath(name) for name in listed.stdout.decode().split("\0") if name)
    return frozenset(
        PurePosixPath(p.relative_to(ROOT).as_posix()) for p in EXAMPLES.rglob("*") if p.is_file()
    )


SHIPPED = _shipped()


def _missing_inputs(example: Example) -> list[str]:
    missing = []
    for arg in example.inputs:
        path = PurePosixPath(arg)
        if path.is_absolute() or ".." in path.parts or path.parts[0] != "examples":
            missing.append(f"{arg} (inputs must be under examples/)")
        elif path not in SHIPPED and not any(path in f.parents for f in SHIPPED):
            missing.append(f"{arg} (not in the repository)")
    return missing


@pytest.mark.parametrize("example", EXAMPLES_IN_README, ids=_id)
def test_readme_example_inputs_are_shipped(example: Example) -> None:
    assert _missing_inputs(example) == [], f"README.md:{example.line}: {example.text}"


def _check_complete(path: Path) -> None:
    data = path.read_bytes()
    assert data, f"{path.name} is empty"
    suffix = path.suffix.lower()
    if suffix == ".html":
        assert data.rstrip().endswith(b"</html>"), f"{path.name} does not end with </html>"
    elif suffix == ".json":
        json.loads(data)
    elif suffix == ".png":
        assert data.startswith(PNG_START) and data.endswith(PNG_END), f"{path.name} is not a whole PNG"
    elif suffix == ".pdf":
        assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:], f"{path.name} is not a whole PDF"
    elif suffix == ".svg":
        assert data.rstrip().endswith(b"</svg>"), f"{path.name} does not end with </svg>"
    elif suffix == ".csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
        assert len(rows) >= 2 and len({len(row) for row in rows}) == 1, f"{path.name} is ragged"
    else:
        pytest.fail(f"no completeness check for {path.name}: add one for {suffix} files")


@pytest.mark.parametrize(
    ("name", "whole", "cut"),
    [
        ("a.html", b"<!DOCTYPE html><html><body>x</body></html>\n", 20),
        ("a.json", b'{"documents": [1, 2]}\n', 10),
        ("a.png", PNG_START + b"data" + PNG_END, 12),
        ("a.pdf", b"%PDF-1.7\n...\n%%EOF\n", 8),
        ("a.svg", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", 30),
        ("a.csv", b"ID,TIME,AMT\n1,0,4\n1,8,4\n", 20),
    ],
)
def test_completeness_checks_reject_truncated_files(
    tmp_path: Path, name: str, whole: bytes, cut: int
) -> None:
    path = tmp_path / name
    path.write_bytes(whole)
    _check_complete(path)
    path.write_bytes(whole[:cut])
    with pytest.raises((AssertionError, ValueError)):
        _check_complete(path)


def _weasyprint_problem(env: dict[str, str]) -> str | None:
    probe = subprocess.run(
        [sys.executable, "-c", "import weasyprint"], capture_output=True, text=True, env=env, timeout=120
    )
    return None if probe.returncode == 0 else (probe.stderr.strip().splitlines() or ["failed"])[-1]


@pytest.mark.parametrize("example", [_param(e) for e in EXAMPLES_IN_README])
def test_readme_example_runs_in_a_folder_with_only_examples(example: Example, tmp_path: Path) -> None:
    where = f"README.md:{example.line}: {example.text}"
    assert _missing_inputs(example) == [], where
    for name in SHIPPED:  # what a fresh clone has of examples/, nothing else
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / name, tmp_path / name)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([SRC, os.environ.get("PYTHONPATH", "")])}
    if "--pdf" in example.args and (problem := _weasyprint_problem(env)):
        pytest.skip(f"WeasyPrint cannot load, so --pdf cannot work here: {problem}")
    env["PYTHONWARNINGS"] = "error"
    done = subprocess.run(
        [sys.executable, "-m", "speciosa", *example.args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, f"{where}\nexit {done.returncode}\n{done.stderr}"
    assert "Traceback" not in done.stderr, f"{where}\n{done.stderr}"
    if example.stdout_to is not None:
        (tmp_path / example.stdout_to).write_text(done.stdout, encoding="utf-8")
    for output in example.outputs:
        assert (tmp_path / output).is_file(), f"{where}\nno {output}; stderr:\n{done.stderr}"
        _check_complete(tmp_path / output)
    if not example.outputs:
        assert done.stdout.strip(), f"{where}\nprinted nothing"
        if ("--format", "json") in zip(example.args, example.args[1:], strict=False):
            json.loads(done.stdout)  # exactly one JSON document
    # nothing was written into the shipped inputs
    written = {PurePosixPath(p.relative_to(tmp_path).as_posix()) for p in (tmp_path / "examples").rglob("*")}
    assert {f for f in written if (tmp_path / f).is_file()} == SHIPPED
