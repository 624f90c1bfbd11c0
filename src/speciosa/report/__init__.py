"""The scenario report: one self-contained HTML page (and optionally PDF) that answers a scenario.

``build_report`` runs every section with the same functions as the commands (``simulate``,
``mechanism``, ``interact``, ``evidence``, ``legal``) and returns one JSON-ready document;
``render_html`` turns that document into the page; ``write_pdf`` prints the page.
"""

from speciosa.report._build import REPORT_TOPICS as REPORT_TOPICS
from speciosa.report._build import SECTIONS as SECTIONS
from speciosa.report._build import ReportRequest as ReportRequest
from speciosa.report._build import build_report as build_report
from speciosa.report._html import render_html as render_html
from speciosa.report._pdf import check_pdf_support as check_pdf_support
from speciosa.report._pdf import write_pdf as write_pdf

__all__ = [
    "REPORT_TOPICS",
    "SECTIONS",
    "ReportRequest",
    "build_report",
    "check_pdf_support",
    "render_html",
    "write_pdf",
]
