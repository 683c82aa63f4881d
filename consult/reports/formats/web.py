"""The report as a web page, rendered by Jinja; its charts and day counts serve the PDF too."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from consult.lib import templating
from consult.reports import charts
from consult.reports.model import CHANGE_KINDS, Report
from consult.settings import get_settings


@lru_cache(maxsize=1)
def environment() -> Environment:
    """A Jinja environment like the app's, usable outside a request (publication, the command line)."""
    settings = get_settings()
    env = Environment(
        loader=FileSystemLoader(settings.templates_dir),
        autoescape=select_autoescape(default=True, default_for_string=True),
        extensions=["jinja2.ext.i18n"], trim_blocks=True, lstrip_blocks=True,
    )
    templating.configure(env)
    return env


def _days(report: Report) -> list[tuple[date, int]]:
    """Comments per day over the whole period, days without comments included."""
    counts = dict(report.statistics.by_day)
    first = min([report.facts.opens_at.astimezone(_tz()).date(), *counts]) if counts else \
        report.facts.opens_at.astimezone(_tz()).date()
    last = max([report.facts.closes_at.astimezone(_tz()).date(), *counts]) if counts else first
    return [(first + timedelta(days=i), counts.get(first + timedelta(days=i), 0))
            for i in range((last - first).days + 1)]


def _tz():  # type: ignore[no-untyped-def]
    from zoneinfo import ZoneInfo

    return ZoneInfo(get_settings().timezone)


def charts_of(report: Report) -> dict[str, Markup]:
    """The report's charts as SVG: comments per section, per day, and the office's positions."""
    from consult.lib.i18n import gettext as _

    s = report.statistics
    return {
        "chart_sections": charts.bars([(c.label, c.count) for c in s.by_section], _("Comments per section")),
        "chart_days": charts.columns(_days(report), _("Comments per day")),
        "chart_positions": charts.bars([(c.label, c.count) for c in s.positions], _("The office's positions")),
    }


def comment_groups(report: Report) -> list[dict[str, Any]]:
    """The table of comments cut per section, in reading order, with each section's positions counted."""
    from consult.lib.i18n import gettext as _

    groups: list[dict[str, Any]] = []
    for row in report.comments:
        label = row.section or _("Whole document")
        if not groups or groups[-1]["section"] != label:
            groups.append({"index": len(groups) + 1, "section": label, "rows": []})
        groups[-1]["rows"].append(row)
    for group in groups:
        group["positions"] = Counter(r.position_label for r in group["rows"]).most_common()
    return groups


def context(report: Report) -> dict[str, Any]:
    """What the report template needs: the model, its styles, its charts and the comments per section."""
    css = (get_settings().static_dir / "css" / "report.css").read_text(encoding="utf-8")
    return {"r": report, "css": css, "CHANGE_KINDS": CHANGE_KINDS, "text": templating._paragraphs,
            "comment_groups": comment_groups(report), **charts_of(report)}


def render_text(report: Report) -> str:
    """The report as one self-contained HTML document (styles inline, charts as SVG)."""
    return environment().get_template("reports/report.html").render(context(report))


def render(report: Report) -> bytes:
    """The web page of the report, UTF-8."""
    return render_text(report).encode("utf-8")
