"""The report as PDF, printed by WeasyPrint from the same HTML with the print styles."""

from __future__ import annotations

import io
import logging

from consult.reports.formats.web import render_text
from consult.reports.model import Report

logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)


def render(report: Report) -> bytes:
    """An A4 PDF with a table of contents, page numbers and tables that break cleanly."""
    from weasyprint import HTML

    out = io.BytesIO()
    HTML(string=render_text(report, "print"), base_url=None).write_pdf(out)
    return out.getvalue()
