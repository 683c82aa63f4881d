"""The report as PDF, typeset by Typst from templates/reports/report.typ and the report's data."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from consult.lib import i18n
from consult.lib.i18n import gettext as _
from consult.lib.i18n import ngettext
from consult.lib.templating import SENTIMENTS, _date, _datetime, _day, _plural_days
from consult.reports.formats.web import charts_of
from consult.reports.model import CHANGE_KINDS, CommentRow, Count, Report
from consult.settings import get_settings

log = logging.getLogger(__name__)
_ROOT = Path(__file__).resolve().parents[3]  # the directory holding the consult package
STANDARDS = ["ua-1", "a-2a"]
# Fonts searched besides Typst's own (Libertinus Serif, New Computer Modern): DejaVu where Debian puts it.
FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
# Rows are typeset as tables of at most this many rows: Typst lays out many short tables faster than
# one long one (measured: 10,000 rows in one table 22 s, in tables of 300 rows 15 s).
CHUNK_ROWS = 300
# A row whose text is longer than this may break across pages; shorter rows are kept whole.
BREAKABLE_CHARS = 1800


def render(report: Report) -> bytes:
    """An A4 PDF/UA-1 and PDF/A-2a file (accessible, archival) with contents, page numbers and the table
    of comments; a plain tagged PDF if some text of the data breaks a rule of those standards.

    Typst runs in a child process (see `typeset`): its caches would otherwise stay in this process."""
    job = {
        "template": str(get_settings().templates_dir / "reports" / "report.typ"),
        "inputs": {"data": json.dumps(document(report), ensure_ascii=False, default=str)},
        "options": {"font_paths": [str(d) for d in FONT_DIRS if d.is_dir()], "ignore_system_fonts": True,
                    "timestamp": int(report.generated_at.timestamp()), "pdf_tags": True},
        "standards": STANDARDS,
    }
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(_ROOT), os.environ.get("PYTHONPATH"))))}
    proc = subprocess.run([sys.executable, "-m", "consult.reports.formats.typeset"], input=json.dumps(job).encode(),
                          capture_output=True, env=env, check=False)
    lines = proc.stderr.decode(errors="replace").strip().splitlines()
    if proc.returncode != 0:
        stopped = f"stopped by signal {-proc.returncode}" if proc.returncode < 0 else "no reason given"
        raise PdfError(f"Typst could not typeset the report: {lines[-1] if lines else stopped}")
    for warning in json.loads(lines[-1])["warnings"] if lines else ():
        log.warning("%s", warning)
    return proc.stdout


class PdfError(RuntimeError):
    """Typst failed, or its process was stopped (e.g. out of memory)."""


def _count(c: Count) -> dict[str, Any]:
    return {"label": c.label, "count": i18n.format_number(c.count)}


def _comments(n: int) -> str:
    return ngettext("%(num)d comment", "%(num)d comments", n) % {"num": n}


def _row(c: CommentRow) -> dict[str, Any]:
    texts = (c.quote, c.remark, c.proposal, c.justification, c.position_justification)
    return {
        "lp": str(c.lp), "quote": f"„{c.quote}”" if c.quote else "", "remark": c.remark, "proposal": c.proposal,
        "justification": c.justification, "submitter": c.submitter, "reference": c.reference,
        "campaign": _("Form letter %(num)d") % {"num": c.campaign_number} + ": "
        + _("Form letter sent %(num)d times (numbers in part 6)") % {"num": c.campaign_size}
        if c.campaign_size else "",
        "position": c.position_label, "missing": not c.position, "answer": "\n\n".join(t for t in (c.position_justification, c.change) if t),
        "breakable": sum(len(t) for t in texts) > BREAKABLE_CHARS,
    }


def _groups(rows: list[CommentRow]) -> Iterator[dict[str, Any]]:
    """Consecutive rows of one section, cut into chunks of at most CHUNK_ROWS."""
    start = 0
    while start < len(rows):
        end = start
        while end < len(rows) and rows[end].section == rows[start].section:
            end += 1
        members = rows[start:end]
        yield {"section": rows[start].section or _("Whole document"), "size": _comments(len(members)),
               "chunks": [[_row(r) for r in members[i:i + CHUNK_ROWS]] for i in range(0, len(members), CHUNK_ROWS)]}
        start = end


def document(report: Report) -> dict[str, Any]:
    """Everything report.typ prints, as JSON-ready data: texts translated, numbers and dates written out."""
    f, s = report.facts, report.statistics
    charts = charts_of(report)
    version = report.version
    return {
        "lang": i18n.get_locale(),
        "label": {
            "report": _("Report on the public consultation"), "contents": _("Contents"), "page": _("Page"),
            "facts": _("The consultation"), "stats": _("Course of the consultation in figures"),
            "sections": _("Comments, themes and the office's response by section"),
            "comments": _("Table of comments with the office's positions"),
            "rejected": _("Comments rejected for formal reasons"), "campaigns": _("Form letters"),
            "method": _("How this report was prepared"), "key_figures": _("Key figures"),
            "item": _("Item"), "number": _("Number"), "date": _("Date"), "section": _("Section"),
            "themes": _("Themes of the comments"), "key_phrases": _("Key phrases"),
            "response": _("The office's response"), "changes": _("Changes to the draft"),
            "reference": _("Reference number"), "reason": _("Reason"), "copies": _("Number of copies"),
            "references": _("Reference numbers"), "form_letter": _("Form letter"),
            "position": _("Office's position"), "letters_found": ngettext(
                "%(num)d form letter was found among the comments.", "%(num)d form letters were found among the comments.",
                len(s.campaigns)) % {"num": len(s.campaigns)},
            "sentiment": _("Sentiment of comments by section"), "per_day": _("Comments per day"),
            "table_caption": _("Every comment in the columns of the comment form"),
            "no_rejected": _("No comment was rejected for formal reasons."),
            "no_campaigns": _("No form letters were found among the comments."),
            "not_analysed": _("The comments have not been analysed."),
            "columns": [_("No."), _("Current wording"), _("Remark"), _("Proposed wording"), _("Justification"),
                        _("Submitter"), _("Reference number"), _("Office's position"),
                        _("Justification of the position")],
        },
        "facts": {
            "office": f.office_name, "title": f.title, "document": f.document_title,
            "rows": [
                [_("Subject"), f.title + (f"\n{f.document_title}" if f.document_title else "")],
                [_("Responsible office"), f.office_name + (f", {f.office_address}" if f.office_address else "")],
                [_("Legal basis"), f.legal_basis or "—"],
                [_("Dates"), f"{_date(f.opens_at)} – {_date(f.closes_at)} ({_plural_days(f.days_open)})" + (
                    "; " + _("closed early, planned until %(date)s") % {"date": _date(f.planned_closes_at)}
                    if f.closed_early and f.planned_closes_at else "")],
                [_("Form of the consultation"), f.form or "—"],
                [_("Who could take part"), f.who_may_participate or "—"],
                [_("How it was announced"), f.announced or "—"],
                [_("Report due"), _day(f.report_due)],
            ],
            "summary": f.summary,
        },
        "version": _("Version %(num)d, published %(date)s") % {
            "num": version.number, "date": _datetime(version.published_at)} if version else "",
        "preview": "" if version else _("Preview: not published. Figures and texts may still change."),
        "change_note": [_("What this version corrects"), version.change_note] if version and version.change_note
        else None,
        "key_figures": [
            [_("Comments"), i18n.format_number(s.comments)],
            [_("Participants (approximate)"), i18n.format_number(s.participants)],
            [_("Supports"), i18n.format_number(s.supports)],
            [_("Comments rejected for formal reasons"), i18n.format_number(s.hidden)],
            [_("Form letters"), i18n.format_number(len(s.campaigns))],
            [_("Comments that led to a change of the draft"), i18n.format_number(s.changed)],
        ],
        "charts": [
            {"title": _("Comments per section"), "svg": str(charts["chart_sections"])},
            {"title": _("Comments per day"), "svg": str(charts["chart_days"])},
            {"title": _("The office's positions"), "svg": str(charts["chart_positions"])},
        ],
        "counts": [{"title": title, "rows": [_count(c) for c in counts]} for title, counts in (
            (_("By section"), s.by_section), (_("By submitter"), s.by_kind), (_("By language"), s.by_language),
            (_("Positions"), s.positions))],
        "by_day": [[d.isoformat(), i18n.format_number(n)] for d, n in s.by_day],
        "sentiment": {
            "columns": [_(label) for label in SENTIMENTS.values()],
            "rows": [[sec.label, *[str(next((c.count for c in sec.sentiment if c.key == key), 0))
                                   for key in SENTIMENTS]] for sec in report.sections if sec.sentiment],
        },
        "sections": [{
            "label": sec.label, "depth": sec.depth, "comments": _comments(sec.comments),
            "themes": [{"label": t.label, "size": _comments(t.size), "phrases": ", ".join(t.key_phrases),
                        "summary": " ".join(t.summary)} for t in sec.themes],
            "response": sec.response,
            "changes": [f"{_(CHANGE_KINDS.get(ch.kind, ch.kind))}: {ch.label}" for ch in sec.changes],
        } for sec in report.sections],
        "comment_count": i18n.format_number(len(report.comments)),
        "groups": list(_groups(report.comments)),
        "rejected": [[h.reference, h.reason_label] for h in s.hidden_comments],
        "campaigns": [{
            "title": _("Form letter %(num)d") % {"num": g.number},
            "meta": (ngettext("%(num)d copy", "%(num)d copies", g.size) % {"num": g.size} + " · "
                     + ngettext("%(num)d other wording", "%(num)d other wordings", g.variants) % {"num": g.variants}),
            "text": g.template,
            "position": g.position_label + (" — " + g.position_justification if g.position_justification else ""),
            "positions": ", ".join(f"{k.label}: {i18n.format_number(k.count)}" for k in g.positions)
            if g.position == "mixed" else "",
            "references": ", ".join(g.references),
        } for g in s.campaigns],
        "method": [
            _("Participants are counted approximately: one per distinct e-mail address, otherwise one per "
              "distinct name, otherwise one per comment."),
            _("Personal data (identification numbers, phone numbers, e-mail addresses, street addresses, names "
              "of private persons) were removed from the published texts; the office keeps the originals."),
            _("Private persons are shown as \"private person\" unless they agreed to be named; organisations "
              "are named."),
            _("Themes and sentiment were found by automatic text analysis and checked by officials."),
            *([_("The office head confirmed publication while %(num)d comments had no position of the office.")
               % {"num": len(version.missing_positions)}] if version and version.missing_positions else []),
        ],
    }
