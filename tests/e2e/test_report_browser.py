"""The report in a real browser: Debian's headless Chromium, driven by Playwright.

Opened from disk, the page must request nothing but itself and its embedded ``data:`` plots, show
both plots decoded, log no console error, and print to PDF. Chromium comes from the system
(``apt-get install chromium``; ``.ci/run`` installs it); Playwright never downloads a browser.
On CI a missing Chromium fails the test instead of skipping it.
"""

from __future__ import annotations

import os
import shutil
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from speciosa.cli import main
from speciosa.report import SECTIONS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# flags for a closed network and a root user (see .library env notes): no background traffic
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if CHROMIUM is None:
    if os.environ.get("CI"):
        pytest.fail("CI needs Debian's chromium for the browser test (apt-get install chromium)")
    pytest.skip("no chromium on this machine (apt-get install chromium)", allow_module_level=True)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    code = main(
        [
            "report",
            "--product",
            "leaf-powder",
            "--dose",
            "4g",
            "--every",
            "8h",
            "--days",
            "14",
            "--drug",
            "sertraline",
            "--drug",
            "tramadol",
            "--where",
            "US-TX",
            "--subjects",
            "200",
            "--out",
            str(path),
        ]
    )
    assert code == 0
    return path


def test_page_in_chromium(report_file: Path, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(report_file.as_uri(), wait_until="load")

        plots: list[dict[str, Any]] = page.eval_on_selector_all(
            "img.plot", "els => els.map(e => ({complete: e.complete, w: e.naturalWidth, h: e.naturalHeight}))"
        )
        sections = page.eval_on_selector_all(
            "section", "els => els.map(e => [e.id, e.getBoundingClientRect().height])"
        )
        links_ok = page.evaluate(
            "() => [...document.querySelectorAll('a[href^=\"#ref-\"]')]"
            ".every(a => document.getElementById(a.getAttribute('href').slice(1)))"
        )
        page.screenshot(path=str(os.environ.get("SPECIOSA_SCREENSHOT", tmp_path / "report.png")))
        page.emulate_media(media="print")
        pdf = page.pdf(format="A4", print_background=True)
        browser.close()

    assert problems == []
    # nothing but the page itself and its embedded plots
    assert requests[0] == report_file.as_uri()
    assert all(u == report_file.as_uri() or u.startswith("data:") for u in requests), requests
    assert len(plots) == 2
    assert all(p["complete"] and p["w"] > 300 and p["h"] > 100 for p in plots), plots
    assert tuple(s[0] for s in sections) == SECTIONS
    assert all(height > 50 for _, height in sections)
    assert links_ok
    # Chromium's own print of the page: several A4 pages, ending with the references
    printed = PdfReader(BytesIO(pdf))
    assert len(printed.pages) >= 5
    text = " ".join(pg.extract_text() for pg in printed.pages)
    assert text.index("1. Summary") < text.index("6. Legal status") < text.index("8. References")
