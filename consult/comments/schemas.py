"""Comment form input, its validation, and the comment views shown to the public."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from consult.comments.tables import SubmitterKind
from consult.lib.i18n import N_
from consult.lib.text import find_passage, normalise_whitespace

MAX_FIELD = 5000
MAX_NAME = 200
MAX_EMAIL = 254
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_KEY = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
ORGANISATION_KINDS = {SubmitterKind.ngo.value, SubmitterKind.institution.value, SubmitterKind.business.value}


def public_name(kind: str, name: str, show_name: bool) -> str:
    """The submitter's name as published, one rule for every page and format: organisations,
    institutions and businesses (legal persons) are named; a private person only with their consent.
    "" means "a private person"."""
    name = (name or "").strip()
    if kind in ORGANISATION_KINDS:
        return name
    return name if show_name else ""


@dataclass
class CommentForm:
    """The "formularz zgłaszania uwag" as posted; every field text so nothing fails to parse."""

    remark: str = ""
    proposal: str = ""
    justification: str = ""
    quote_text: str = ""
    quote_start: str = ""
    quote_end: str = ""
    submitter_kind: str = SubmitterKind.resident.value
    submitter_name: str = ""
    show_name: str = ""
    email: str = ""
    submission_key: str = ""
    notify: str = ""  # the opt-in to the confirmation and the report's answer by e-mail


@dataclass(slots=True)
class CleanComment:
    """A valid comment ready to store."""

    remark: str
    proposal: str
    justification: str
    quote_text: str
    quote_start: int | None
    quote_end: int | None
    submitter_kind: str
    submitter_name: str
    show_name: bool
    email: str
    submission_key: str


@dataclass(slots=True)
class FormErrors:
    """Messages (untranslated message ids) per field; empty when the form is valid."""

    fields: dict[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.fields)


def _clean(value: str) -> str:
    # PostgreSQL refuses NUL in text; other control characters only garble the report.
    return _CONTROL.sub("", value or "").replace("\r\n", "\n").strip()


def _locate_quote(quote: str, start: str, end: str, body_text: str) -> tuple[int, int] | None:
    """Where the quoted passage stands in the section's text, trusting the offsets only if they match
    (both read loosely: quotes, dashes, spacing, capitals and Unicode forms may differ)."""
    if start.isdigit() and end.isdigit():
        s, e = int(start), int(end)
        if 0 <= s < e <= len(body_text) and find_passage(quote, body_text[s:e]) == (0, e - s):
            return s, e
    return find_passage(quote, body_text)


def validate_comment(form: CommentForm, body_text: str, fallback_key: str) -> CleanComment | FormErrors:
    """Check a posted comment against the rules of the form; messages are message ids."""
    errors: dict[str, str] = {}
    remark = _clean(form.remark)
    proposal = _clean(form.proposal)
    justification = _clean(form.justification)
    name = normalise_whitespace(_clean(form.submitter_name))
    email = _clean(form.email)
    kind = _clean(form.submitter_kind) or SubmitterKind.resident.value
    quote = normalise_whitespace(_clean(form.quote_text))

    if not remark:
        errors["remark"] = N_("Please write your remark.")
    for name_, value in (("remark", remark), ("proposal", proposal), ("justification", justification)):
        if len(value) > MAX_FIELD and name_ not in errors:
            errors[name_] = N_("This field is too long: at most 5000 characters.")
    if kind not in {k.value for k in SubmitterKind}:
        errors["submitter_kind"] = N_("Choose who you are submitting as.")
    elif kind in ORGANISATION_KINDS and not name:
        errors["submitter_name"] = N_("Give the name of the organisation.")
    if len(name) > MAX_NAME:
        errors["submitter_name"] = N_("The name is too long: at most 200 characters.")
    show_name = form.show_name.strip().lower() in {"on", "true", "1", "yes"}
    if show_name and not name:
        errors["submitter_name"] = N_("Give the name you agree to publish, or untick the box.")
    if email and (len(email) > MAX_EMAIL or not _EMAIL.match(email)):
        errors["email"] = N_("This does not look like an e-mail address (for example name@example.pl).")
    offsets: tuple[int, int] | None = None
    if quote:
        if len(quote) > MAX_FIELD:
            errors["quote_text"] = N_("The quoted passage is too long: at most 5000 characters.")
        else:
            offsets = _locate_quote(quote, form.quote_start, form.quote_end, body_text)
            if offsets is None:
                errors["quote_text"] = N_("The quoted passage was not found in the text of this section.")
    if errors:
        return FormErrors(errors)
    key = form.submission_key.strip()
    return CleanComment(
        remark=remark,
        proposal=proposal,
        justification=justification,
        quote_text=body_text[offsets[0]:offsets[1]] if offsets else quote,  # stored as the draft words it
        quote_start=offsets[0] if offsets else None,
        quote_end=offsets[1] if offsets else None,
        submitter_kind=kind,
        submitter_name=name,
        show_name=show_name,
        email=email,
        submission_key=key if _KEY.match(key) else fallback_key,
    )


@dataclass(slots=True)
class CommentView:
    """A comment as the public sees it: never the e-mail, the name only if agreed."""

    id: int
    reference: str
    section_id: int
    section_label: str
    consultation_slug: str
    consultation_title: str
    quote_text: str
    remark: str
    proposal: str
    justification: str
    submitter_kind: str
    submitter_name: str  # "" unless the submitter agreed to show it
    status: str
    support_count: int
    document_version: int
    created_at: datetime
    language: str = ""  # as detected by the analysis; "" until then


@dataclass(slots=True)
class SubmitOutcome:
    """The result of a submit: the stored comment, and whether this request created it."""

    comment: CommentView
    created: bool
