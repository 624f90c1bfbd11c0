"""One version number: ``speciosa.__version__``, the build metadata, the CLI and the README agree.

``__version__`` in ``src/speciosa/__init__.py`` is the single source: ``pyproject.toml`` declares
the version dynamic and points hatchling at that file, ``speciosa --version`` prints it without a
metadata lookup, and the README's status line names its major.minor release.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path
from urllib.parse import urlparse
from urllib.request import url2pathname

import pytest

import speciosa

ROOT = Path(__file__).resolve().parents[2]
SRC = str(Path(speciosa.__file__).resolve().parents[1])
# hatchling's default version pattern (hatchling.version.source.regex)
HATCH_PATTERN = r"""(?i)^(__version__|VERSION) *= *(['"])v?(?P<version>.+?)\2"""


def test_version_is_a_release_number() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", speciosa.__version__), speciosa.__version__


def test_pyproject_takes_the_version_from_the_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = config["project"]
    assert "version" not in project, "pyproject.toml must not repeat the version; it is dynamic"
    assert "version" in project["dynamic"]
    source = ROOT / config["tool"]["hatch"]["version"]["path"]
    assert source.resolve() == Path(speciosa.__file__).resolve()
    found = re.search(HATCH_PATTERN, source.read_text(encoding="utf-8"), re.MULTILINE)
    assert found is not None and found["version"] == speciosa.__version__


def test_readme_status_names_this_release() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    statuses = re.findall(r"\*\*Status \((\d+(?:\.\d+)+)\):\*\*", readme)
    assert len(statuses) == 1, f"expected one '**Status (X.Y):**' line in README.md, found {statuses}"
    # the status names the release (0.8); patch releases (0.8.1) keep it
    assert re.fullmatch(re.escape(statuses[0]) + r"(\.\d+)?", speciosa.__version__), (
        f"README.md says status {statuses[0]}, the package is {speciosa.__version__}"
    )


def test_cli_prints_the_package_version() -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([SRC, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-m", "speciosa", "--version"], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"speciosa {speciosa.__version__}\n"


def test_installed_metadata_matches() -> None:
    """The installed distribution's metadata, when it is this checkout, says the same version.

    An editable install keeps the metadata of the moment it was installed: after a version bump,
    ``scripts/setup`` (pip install -e) brings it up to date.
    """
    try:
        dist = metadata.distribution("speciosa")
    except metadata.PackageNotFoundError:
        pytest.skip("speciosa is not installed (imported from PYTHONPATH only)")
    direct = dist.read_text("direct_url.json")
    origin = json.loads(direct).get("url", "") if direct else ""
    url = urlparse(origin)
    installed_here = url.scheme == "file" and Path(url2pathname(url.path)).resolve() == ROOT
    from_site_packages = Path(str(dist.locate_file("speciosa"))).resolve() == Path(SRC, "speciosa")
    if not (installed_here or from_site_packages):
        pytest.skip(f"the installed speciosa is {origin or dist.locate_file('')}, not this checkout {ROOT}")
    assert dist.version == speciosa.__version__, (
        f"installed metadata says {dist.version}, the package {speciosa.__version__}: run scripts/setup"
    )
