"""The report as a workbook: one sheet per part, frozen headers, filters, wrapped text, real dates."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import IllegalCharacterError
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from consult.lib.errors import FieldRefused
from consult.lib.i18n import N_
from consult.lib.i18n import gettext as _
from consult.reports.formats.columns import comment_columns, comment_values
from consult.reports.model import Report

_WRAP = Alignment(wrap_text=True, vertical="top")
_BOLD = Font(bold=True)
_DATE = "yyyy-mm-dd"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _put(ws: Worksheet, r: int, c: int, value: Any) -> None:
    cell = ws.cell(row=r, column=c)
    if isinstance(value, datetime):
        value = value.replace(tzinfo=None)  # Excel has no time zones: the office's wall clock
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if value[:1] in _FORMULA_START:
            cell.quotePrefix = True
        cell.alignment = _WRAP
    elif isinstance(value, (date, datetime)):
        cell.number_format = _DATE if not isinstance(value, datetime) else "yyyy-mm-dd hh:mm"


def _table(wb: Workbook, title: str, headers: list[tuple[str, int]], rows: list[list[Any]]) -> Worksheet:
    ws = wb.create_sheet(_(title)[:31])
    for c, (label, width) in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=c, value=_(label))
        cell.font, cell.alignment = _BOLD, _WRAP
        ws.column_dimensions[get_column_letter(c)].width = width
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            try:
                _put(ws, r, c, value)
            except IllegalCharacterError as error:  # text stored before input was cleaned: say where
                item = str(values[1]) if title == N_("Comments") else str(values[0])
                raise FieldRefused(_(title), r - 1, _(headers[c - 1][0]), item) from error
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, len(rows) + 1)}"
    return ws


def render(report: Report) -> bytes:
    """An .xlsx file of the whole report."""
    f, s = report.facts, report.statistics
    wb = Workbook()
    wb.remove(wb.active)
    tz_dt = lambda d: d.astimezone(_tz()).replace(tzinfo=None)  # noqa: E731
    facts: list[list[Any]] = [
        [_(N_("Subject")), f.title], [_(N_("Responsible office")), f.office_name],
        [_(N_("Legal basis")), f.legal_basis], [_(N_("Opens")), tz_dt(f.opens_at)],
        [_(N_("Closes")), tz_dt(f.closes_at)], [_(N_("Days open")), f.days_open],
        *([[_(N_("Planned end (closed early)")), tz_dt(f.planned_closes_at)]]
          if f.closed_early and f.planned_closes_at else []),
        [_(N_("Form of the consultation")), f.form], [_(N_("Who could take part")), f.who_may_participate],
        [_(N_("How it was announced")), f.announced], [_(N_("Report due")), f.report_due],
        [_(N_("Comments")), s.comments], [_(N_("Participants (approximate)")), s.participants],
        [_(N_("Supports")), s.supports], [_(N_("Comments rejected for formal reasons")), s.hidden],
        [_(N_("Comments that led to a change of the draft")), s.changed],
    ]
    if report.version:
        facts += [[_(N_("Report version")), report.version.number],
                  [_(N_("Published")), tz_dt(report.version.published_at)],
                  [_(N_("Change note")), report.version.change_note]]
    _table(wb, N_("Consultation"), [(N_("Item"), 36), (N_("Value"), 90)], facts)
    _table(wb, N_("Comments"), list(comment_columns()), [comment_values(r) for r in report.comments])
    stats: list[list[Any]] = []
    for part, counts in ((N_("By section"), s.by_section), (N_("By submitter"), s.by_kind),
                         (N_("By language"), s.by_language), (N_("Positions"), s.positions),
                         (N_("Rejected for formal reasons"), s.hidden_by_reason)):
        stats += [[_(part), c.label, c.count] for c in counts]
    _table(wb, N_("Statistics"), [(N_("Part"), 28), (N_("Item"), 60), (N_("Number"), 12)], stats)
    _table(wb, N_("By day"), [(N_("Date"), 14), (N_("Comments"), 12)], [[d, n] for d, n in s.by_day])
    themes: list[list[Any]] = []
    for sec in report.sections:
        for t in sec.themes:
            themes.append([sec.label, t.label, t.size, "; ".join(t.key_phrases), " ".join(t.summary)])
    _table(wb, N_("Themes"), [(N_("Section"), 30), (N_("Theme"), 30), (N_("Comments"), 10),
                              (N_("Key phrases"), 40), (N_("Summary"), 80)], themes)
    _table(wb, N_("Sections"), [(N_("Section"), 40), (N_("Comments"), 10), (N_("Office's response"), 80),
                                (N_("Changes to the draft"), 40)],
           [[sec.label, sec.comments, sec.response,
             "; ".join(f"{_(_change(c.kind))}: {c.label}" for c in sec.changes)] for sec in report.sections])
    _table(wb, N_("Rejected"), [(N_("Reference number"), 18), (N_("Reason"), 40)],
           [[h.reference, h.reason_label] for h in s.hidden_comments])
    _table(wb, N_("Form letters"), [(N_("Form letter"), 12), (N_("Text of the form letter"), 70),
                                    (N_("Number of copies"), 12), (N_("Other wordings"), 12),
                                    (N_("Office's position"), 22), (N_("Justification of the position"), 60),
                                    (N_("Reference numbers"), 60)],
           [[g.number, g.template, g.size, g.variants, _letter_position(g), g.position_justification,
             ", ".join(g.references)] for g in s.campaigns])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _letter_position(g: Any) -> str:
    """The office's position on a form letter; with different positions, how many copies got each."""
    if g.position == "mixed":
        return f"{g.position_label}: " + ", ".join(f"{c.label} {c.count}" for c in g.positions)
    return g.position_label


def _change(kind: str) -> str:
    from consult.reports.model import CHANGE_KINDS

    return CHANGE_KINDS.get(kind, kind)


def _tz():  # type: ignore[no-untyped-def]
    from zoneinfo import ZoneInfo

    from consult.settings import get_settings

    return ZoneInfo(get_settings().timezone)
