"""The Jinja environment's translations, filters and globals shared by every template."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from babel import Locale
from babel.dates import format_date
from jinja2 import Environment
from markupsafe import Markup, escape

from consult.lib import clock, deadlines, i18n
from consult.lib.i18n import N_
from consult.settings import get_settings

# Message ids of enumerations, so the extractor sees them and templates can translate them.
SUBMITTER_KINDS: dict[str, str] = {
    "resident": N_("Resident"),
    "ngo": N_("Non-governmental organisation"),
    "institution": N_("Public institution"),
    "business": N_("Business"),
    "other": N_("Other"),
}
PHASES: dict[str, str] = {
    "draft": N_("Draft"),
    "upcoming": N_("Not open yet"),
    "open": N_("Open for comments"),
    "closed": N_("Closed"),
    "reported": N_("Report published"),
}
COMMENT_SORTS: dict[str, str] = {
    "newest": N_("newest first"),
    "supported": N_("most supported first"),
    "oldest": N_("oldest first"),
}
ROLE_LABELS: dict[str, str] = {
    "official": N_("Official"),
    "office_head": N_("Office head"),
}
POSITIONS: dict[str, str] = {
    "accepted": N_("accepted"),
    "partly": N_("partly accepted"),
    "rejected": N_("not accepted"),
    "not_applicable": N_("not applicable"),
}
SENTIMENTS: dict[str, str] = {
    "positive": N_("positive"),
    "negative": N_("negative"),
    "neutral": N_("neutral"),
}
LANGUAGE_LABELS: dict[str, str] = {
    "pl": N_("Polish"),
    "en": N_("English"),
    "uk": N_("Ukrainian"),
    "other": N_("other"),
    "?": N_("not analysed"),
}
RUN_STAGES: dict[str, str] = {
    "": N_("waiting for a worker"),
    "starting": N_("starting"),
    "loading": N_("reading the comments"),
    "analysing": N_("finding themes"),
    # The steps of nlp.analyse, as it reports them.
    "duplicates": N_("finding duplicates and form letters"),
    "language": N_("recognising languages"),
    "lemmas": N_("reading the words (basic forms)"),
    "themes": N_("grouping comments into themes"),
    "sentiment": N_("assessing sentiment"),
    "rendering": N_("preparing the files"),
    "saving": N_("saving the results"),
    "sending": N_("sending the messages"),
    "interrupted": N_("interrupted, waiting to resume"),
    "done": N_("done"),
    "failed": N_("failed"),
}
UNKNOWN_STAGE = N_("in progress")
MODERATION_ACTIONS: dict[str, str] = {
    "publish": N_("Publish"),
    "keep": N_("Keep (dismiss the flags)"),
    "restore": N_("Restore"),
    "hide": N_("Hide"),
}
KIND_LABELS: dict[str, str] = {
    "part": N_("Part"),
    "chapter": N_("Chapter"),
    "strategic_goal": N_("Strategic goal"),
    "specific_goal": N_("Specific goal"),
}


def _datetime(value: datetime, fmt: str = "d MMMM y, HH:mm") -> str:
    return i18n.format_dt(value, get_settings().timezone, fmt)


def _date(value: datetime, fmt: str = "long") -> str:
    return i18n.format_d(value, get_settings().timezone, fmt)


def _day(value: date, fmt: str = "long") -> str:
    """A calendar date (no time of day), written the current locale's way."""
    return format_date(value, format=fmt, locale=Locale.parse(i18n.get_locale()))


def _report_deadline(status: str, opens_at: datetime, closes_at: datetime,
                     closed_at: datetime | None = None) -> deadlines.Deadline:
    return deadlines.deadline(status, opens_at, closes_at, clock.now(), closed_at)


def _paragraphs(value: str) -> Markup:
    """Plain text written by a resident, shown with its paragraphs and never as HTML."""
    parts = [p.strip() for p in value.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return Markup("".join(f"<p>{escape(p).replace(chr(10), Markup('<br>'))}</p>" for p in parts))


def _plural_days(n: int) -> str:
    return i18n.ngettext("%(num)d day", "%(num)d days", n) % {"num": n}


def language_name(code: str) -> str:
    """A language code as its name in the reader's language ("es" → "hiszpański"), Babel's
    display name for those the app has no label of its own for."""
    if code in LANGUAGE_LABELS:
        return i18n.gettext(LANGUAGE_LABELS[code])
    return i18n.language_name(code) or i18n.gettext(LANGUAGE_LABELS["other"])


def run_stage(stage: str) -> str:
    """The step an analysis or a publication is at, in words (an unknown step as "in progress")."""
    return i18n.gettext(RUN_STAGES.get(stage, UNKNOWN_STAGE))


def _labelled(counts: dict[str, int], labels: dict[str, str]) -> list[tuple[str, int]]:
    """(translated label, count) pairs, largest first, for charts and tables."""
    name = language_name if labels is LANGUAGE_LABELS else (lambda k: i18n.gettext(labels[k]) if k in labels else k)
    return [(name(k), v) for k, v in sorted(counts.items(), key=lambda kv: -kv[1])]


def configure(environment: Environment) -> None:
    """Install translations that follow the request's locale, and the helpers templates use."""
    environment.install_gettext_callables(  # type: ignore[attr-defined]
        i18n.gettext, i18n.ngettext, newstyle=True
    )
    environment.filters.update(
        datetime=_datetime, date=_date, day=_day, number=i18n.format_number, paragraphs=_paragraphs,
        days=_plural_days, labelled=_labelled,
    )
    globals_: dict[str, Any] = {
        "get_locale": i18n.get_locale,
        "LANGUAGES": i18n.LANGUAGE_NAMES,
        "SUBMITTER_KINDS": SUBMITTER_KINDS,
        "PHASES": PHASES,
        "KIND_LABELS": KIND_LABELS,
        "COMMENT_SORTS": COMMENT_SORTS,
        "ROLE_LABELS": ROLE_LABELS,
        "POSITIONS": POSITIONS,
        "SENTIMENTS": SENTIMENTS,
        "LANGUAGE_LABELS": LANGUAGE_LABELS,
        "RUN_STAGES": RUN_STAGES,
        "MODERATION_ACTIONS": MODERATION_ACTIONS,
        "HTMX_JS": "vendor/htmx-2.0.11.min.js",
        "report_deadline": _report_deadline,
        "language_name": language_name,
        "run_stage": run_stage,
    }
    environment.globals.update(globals_)
