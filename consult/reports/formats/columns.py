"""The columns of the table of comments, shared by the spreadsheet formats (CSV, XLSX)."""

from __future__ import annotations

from datetime import date

from consult.lib.i18n import N_
from consult.reports.model import CommentRow

_COLUMNS: tuple[tuple[str, int], ...] = (
    (N_("No."), 6),
    (N_("Reference number"), 16),
    (N_("Section"), 30),
    (N_("Current wording"), 40),
    (N_("Remark"), 60),
    (N_("Proposed wording"), 40),
    (N_("Justification"), 40),
    (N_("Submitter"), 24),
    (N_("Date"), 12),
    (N_("Supports"), 10),
    (N_("Office's position"), 18),
    (N_("Justification of the position"), 50),
    (N_("Form letter: number of copies"), 12),
    (N_("Form letter: reference numbers"), 30),
    (N_("Form letter: number"), 10),
    (N_("Form letter: other wordings"), 12),
    (N_("Change of the draft"), 40),
)


def comment_columns() -> tuple[tuple[str, int], ...]:
    """(message id of the header, column width in characters) per column."""
    return _COLUMNS


def comment_values(row: CommentRow) -> list[str | int | date]:
    """One row's values in the order of `comment_columns`."""
    return [row.lp, row.reference, row.section, row.quote, row.remark, row.proposal, row.justification,
            row.submitter, row.created, row.supports, row.position_label, row.position_justification,
            row.campaign_size or "", ", ".join(row.campaign_references), row.campaign_number or "",
            row.campaign_variants if row.campaign_size else "", row.change]
