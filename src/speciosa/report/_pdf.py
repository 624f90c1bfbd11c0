"""Print the report page to PDF with WeasyPrint (optional: ``pip install 'speciosa[pdf]'``)."""

from __future__ import annotations

from pathlib import Path

from speciosa.errors import InputError
from speciosa.files import atomic_open

__all__ = ["check_pdf_support", "write_pdf"]

_INSTALL = (
    "PDF output needs WeasyPrint and the Pango library: pip install 'speciosa[pdf]' "
    "(and on Debian/Ubuntu apt-get install libpango-1.0-0); or open the HTML report and print it"
)


def check_pdf_support() -> None:
    """Raise :class:`InputError` (field ``pdf``) naming what to install when PDF output cannot work."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:  # OSError: WeasyPrint present, Pango missing
        raise InputError("pdf", f"{_INSTALL} ({type(exc).__name__}: {exc})") from None


def write_pdf(html: str, path: Path) -> None:
    """Write ``html`` (a self-contained page) to ``path`` as PDF; A4 pages as set in the page's CSS.

    The file is replaced only when the PDF is complete (:func:`speciosa.files.atomic_open`).
    """
    import weasyprint

    with atomic_open(path, "wb") as fh:
        # base_url None: a self-contained page has nothing to resolve; WeasyPrint fetches nothing
        weasyprint.HTML(string=html, base_url=None).write_pdf(fh)
