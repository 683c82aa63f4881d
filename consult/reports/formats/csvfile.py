"""The table of comments as CSV: UTF-8 with a BOM, semicolons (Polish spreadsheets), no formulas."""

from __future__ import annotations

import csv
import io

from consult.lib.i18n import gettext as _
from consult.reports.formats import neutralise
from consult.reports.formats.columns import comment_columns, comment_values
from consult.reports.model import Report


def render(report: Report) -> bytes:
    """One header row and one row per comment (a form letter: one row with its count and numbers)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([_(label) for label, _w in comment_columns()])
    for row in report.comments:
        writer.writerow([neutralise(v) if isinstance(v, str) else v.isoformat() if hasattr(v, "isoformat") else v
                         for v in comment_values(row)])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")
