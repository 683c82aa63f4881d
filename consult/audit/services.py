"""Recording and reading the audit log; entries are only ever added, never changed."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from piccolo.columns.combination import Combinable
from piccolo.querystring import QueryString

from consult.accounts.schemas import CurrentUser
from consult.audit.tables import AuditEntry
from consult.comments.tables import Comment
from consult.consultations.tables import Consultation
from consult.lib import clock
from consult.lib.i18n import N_
from consult.lib.pagination import Page, clamp_page


async def record(
    actor: CurrentUser | None,
    action: str,
    object_type: str,
    object_id: object,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    office_id: int | None = None,
) -> None:
    """Append who did what to which object, with its state before and after."""
    await AuditEntry.insert(
        AuditEntry(
            actor=actor.id if actor else None,
            actor_email=actor.email if actor else "",
            office=office_id,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            before=before or {},
            after=after or {},
            created_at=clock.now(),
        )
    )


PER_PAGE = 50
# What the log calls each action; an action missing here is shown by its code.
ACTION_LABELS: dict[str, str] = {
    "comment.publish": N_("Comment published after moderation"),
    "comment.hide": N_("Comment hidden"),
    "comment.restore": N_("Hidden comment restored"),
    "comment.keep": N_("Flags dismissed, comment kept"),
    "comment.move": N_("Comment moved to another theme"),
    "consultation.moderation": N_("Moderation mode changed"),
    "consultation.status": N_("Consultation status changed"),
    "analysis.start": N_("Analysis started"),
    "position.set": N_("Position on a comment"),
    "position.bulk": N_("Position on a group of comments"),
    "position.bulk_undo": N_("Bulk position undone"),
    "theme.rename": N_("Theme renamed"),
    "theme.other": N_("Theme marked as other"),
    "theme.merge": N_("Themes merged"),
    "theme.split": N_("Theme split"),
    "report.facts": N_("Report data edited"),
    "report.publish": N_("Report published"),
    "report.redaction": N_("Anonymisation of a comment confirmed"),
    "report.redaction_all": N_("All anonymisations confirmed"),
    "office.create": N_("Office created"),
    "user.create": N_("Account created"),
    "user.role": N_("Role granted"),
    "user.role_revoked": N_("Role revoked"),
    "user.active": N_("Account activated or deactivated"),
    "privacy.erase": N_("Personal data deleted at a person's request"),
    "consultation.create": N_("Consultation created from an imported draft"),
    "consultation.details": N_("Information about the consultation edited"),
    "document.import": N_("New version of the draft imported"),
    "section.match": N_("Section of the previous version attached by hand"),
    "comment.change_link": N_("Comment linked to a change of the draft"),
    "comment.change_unlink": N_("Link of a comment to a change of the draft removed"),
}
# What the log calls the objects and the fields of before → after; a key missing here is shown as
# it is stored (the test of the catalogue checks that every key the code records has a label).
OBJECT_LABELS: dict[str, str] = {
    "consultation": N_("consultation"), "comment": N_("comment"), "theme": N_("theme"), "campaign": N_("campaign"),
    "user": N_("account"), "office": N_("office"), "person": N_("person"),
    "audit": N_("entry of the audit log"),
}
FIELD_LABELS: dict[str, str] = {
    "status": N_("Status"), "value": N_("Position"), "justification": N_("Justification"), "title": N_("Title"),
    "theme": N_("Theme"), "source": N_("File"), "other": N_("Theme “other”"), "office": N_("Office"),
    "moderation": N_("Moderation mode"), "label": N_("Name"), "comments": N_("Comments"), "active": N_("Active"),
    "section": N_("Section"), "run": N_("Analysis run"), "role": N_("Role"), "reason": N_("Reason"),
    "previous": N_("Section of the previous version"), "note": N_("Note"), "new_theme": N_("New theme"),
    "name": N_("Name"), "into": N_("Merged into the theme"), "flags": N_("Flags"), "email": N_("E-mail"),
    "edited": N_("Edited"), "count": N_("Number"), "accepted": N_("Accepted"), "version": N_("Version"),
    "change_note": N_("What changed"), "sections": N_("Sections"), "matched": N_("Sections matched"),
    "unmatched": N_("Sections without a counterpart"), "form": N_("Form of the consultation"),
    "announced": N_("How it was announced"), "summary": N_("Introduction"), "accounts": N_("Accounts"),
    "lead": N_("Lead"), "description_html": N_("What is this consultation about"),
    "how_to_participate_html": N_("How to take part"), "who_may_participate": N_("Who may take part"),
    "legal_basis": N_("Legal basis"), "contact_name": N_("Contact person"), "contact_email": N_("Contact e-mail"),
    "contact_phone": N_("Contact phone"), "opens_at": N_("Opens on"), "closes_at": N_("Closes on"),
    "redactions": N_("Anonymisations"), "span": N_("Passage"), "missing": N_("Comments without a position"),
    "missing_positions": N_("Comments without a position"), "decision_note": N_("Note on the decision"),
    "closed_at": N_("Actually closed at"), "kept": N_("Positions kept as they were"),
    "left_as_changed_since": N_("Left as they are: changed since"),
}
STATUS_LABELS: dict[str, str] = {
    "draft": N_("draft"), "open": N_("open"), "closed": N_("closed"), "report_published": N_("report published"),
    "pending": N_("awaiting moderation"), "published": N_("published"), "hidden": N_("hidden"),
}
MODE_LABELS: dict[str, str] = {"pre": N_("held for moderation before publishing"), "post": N_("published at once")}


def value_labels() -> dict[str, dict[str, str]]:
    """Field → stored value → its label, for the coded values of before → after."""
    from consult.lib.templating import POSITIONS, ROLE_LABELS
    from consult.moderation.services import REASON_LABELS

    return {"status": STATUS_LABELS, "moderation": MODE_LABELS, "reason": REASON_LABELS, "value": POSITIONS,
            "role": ROLE_LABELS}


@dataclass(frozen=True, slots=True)
class Change:
    """One field of an entry: its value before and after (None where the side does not name it)."""

    field: str
    before: object
    after: object

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True, slots=True)
class AuditRow:
    """An entry as the log page shows it."""

    id: int
    created_at: datetime
    actor: str
    office: str
    action: str
    object_type: str
    object_id: str
    changes: list[Change]


@dataclass(frozen=True, slots=True)
class AuditFilters:
    """The choices of the log's filter: actions and consultations the reader may see."""

    actions: list[str]
    consultations: list[tuple[str, str]]  # (slug, title)


def may_read(user: CurrentUser) -> bool:
    """Office heads and administrators read the audit log."""
    return user.is_admin or "office_head" in user.roles.values()


def _headed(user: CurrentUser) -> list[int]:
    return [office for office, role in user.roles.items() if role == "office_head"]


def _readable(user: CurrentUser) -> Combinable:
    """An office head reads their offices' entries; an administrator reads all of them."""
    return AuditEntry.id.is_not_null() if user.is_admin else AuditEntry.office.is_in(_headed(user) or [-1])


def _shown(value: object) -> object:
    """A JSON value for reading: structures as compact JSON text, Polish letters as they are."""
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def _changes(before: object, after: object) -> list[Change]:
    before = before if isinstance(before, dict) else {}
    after = after if isinstance(after, dict) else {}
    fields = list(before) + [k for k in after if k not in before]
    return [Change(str(k), _shown(before.get(k)), _shown(after.get(k))) for k in fields]


async def _of_consultation(slug: str) -> Combinable | None:
    """Entries about a consultation, its comments, themes and campaigns (they name objects by id or reference)."""
    row = await Consultation.select(Consultation.id).where(Consultation.slug == slug).first()
    if row is None:
        return None
    cid = row["id"]

    def ids(table: str) -> QueryString:
        return QueryString(f"SELECT CAST(id AS VARCHAR(64)) FROM {table} WHERE consultation = {{}}", cid)

    return (((AuditEntry.object_type == "consultation") & AuditEntry.object_id.is_in([slug, str(cid)]))
            | ((AuditEntry.object_type == "comment")
               & (AuditEntry.object_id.is_in(Comment.select(Comment.reference).where(Comment.consultation == cid))
                  | AuditEntry.object_id.is_in(ids(Comment._meta.tablename))))
            | ((AuditEntry.object_type == "theme") & AuditEntry.object_id.is_in(ids("theme")))
            | ((AuditEntry.object_type == "campaign") & AuditEntry.object_id.is_in(ids("campaign"))))


async def entries_for(user: CurrentUser, page: int = 1, action: str = "", consultation: str = "",
                      per_page: int = PER_PAGE) -> Page[AuditRow]:
    """One page of the log as the user may read it, newest first, by action and consultation."""
    where = _readable(user)
    if action:
        where &= AuditEntry.action == action
    if consultation:
        about = await _of_consultation(consultation)
        if about is None:
            return Page(items=[], page=1, per_page=per_page, total=0)
        where &= about
    total = await AuditEntry.count().where(where)
    page = min(clamp_page(page), max(1, -(-total // per_page)))
    rows = await AuditEntry.select(
        AuditEntry.id, AuditEntry.created_at, AuditEntry.actor_email, AuditEntry.action, AuditEntry.object_type,
        AuditEntry.object_id, AuditEntry.before, AuditEntry.after, AuditEntry.office.name.as_alias("office_name"),
    ).where(where).order_by(AuditEntry.created_at, ascending=False).order_by(AuditEntry.id, ascending=False).limit(
        per_page).offset((page - 1) * per_page).output(load_json=True)
    items = [AuditRow(id=r["id"], created_at=r["created_at"], actor=r["actor_email"], office=r["office_name"] or "",
                      action=r["action"], object_type=r["object_type"], object_id=r["object_id"],
                      changes=_changes(r["before"], r["after"])) for r in rows]
    return Page(items=items, page=page, per_page=per_page, total=total)


async def filters_for(user: CurrentUser) -> AuditFilters:
    """The actions found in the entries the user may read, and the consultations of their offices."""
    actions = sorted({r["action"] for r in await AuditEntry.select(AuditEntry.action).where(
        _readable(user)).distinct()})
    query = Consultation.select(Consultation.slug, Consultation.title).order_by(Consultation.title)
    if not user.is_admin:
        query = query.where(Consultation.office.is_in(_headed(user) or [-1]))
    return AuditFilters(actions=actions, consultations=[(r["slug"], r["title"]) for r in await query])
