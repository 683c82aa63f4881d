"""Use cases of imports: read a file into a preview, correct it, save it as a consultation or a new version;
versions, their diff, and the links that keep comments attached to their section across versions."""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from html import escape
from zoneinfo import ZoneInfo

from piccolo.query.functions.aggregate import Count

from consult.accounts.schemas import CurrentUser
from consult.audit.services import record
from consult.comments.tables import Comment
from consult.consultations.schemas import ConsultationInput
from consult.consultations.services import create_consultation, create_document
from consult.consultations.tables import Consultation, ConsultationStatus, Document, Office, Section
from consult.imports import diff as differ
from consult.imports.parsers import MAX_SECTION_CHARS, ImportFailure, parse
from consult.imports.schemas import (
    KINDS,
    DiffRow,
    FlatSection,
    ImportPreview,
    NewConsultationForm,
    Note,
    OfficeChoice,
    PreviewRow,
    SectionRef,
    TreeEdit,
    Unmatched,
    VersionDiff,
    VersionForm,
    VersionRow,
    VersionsPage,
)
from consult.imports.structure import body_blocks, detect, normalise, to_tree
from consult.imports.corrections import apply_corrections, mark_detected, remember_corrections
from consult.imports.tables import ImportDraft, SectionLink
from consult.lib import clock
from consult.review.tables import Theme
from consult.lib.i18n import N_
from consult.lib.text import plain_text
from consult.lib.deadlines import MIN_DAYS
from consult.settings import get_settings

MAX_SECTIONS = 1000
UNTITLED = "(bez tytułu)"
KEEP_DAYS = 7
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class FormErrors(Exception):
    """A save refused: field name → message id."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(", ".join(errors))
        self.errors = errors


@dataclass(slots=True)
class Saved:
    """What a save stored."""

    slug: str
    version: int
    sections: int
    matched: int
    unmatched: int


# --- reading a file into a preview --------------------------------------------------------------


async def user_offices(user: CurrentUser) -> list[OfficeChoice]:
    """The offices the user may import for (every office for an administrator)."""
    query = Office.select(Office.id, Office.name).order_by(Office.name)
    if not user.is_admin:
        query = query.where(Office.id.is_in(list(user.roles) or [-1]))
    return [OfficeChoice(r["id"], r["name"]) for r in await query]


def _read(filename: str, content: bytes) -> tuple[str, str, list[FlatSection], list[Note]]:
    """Parse and cut a file: (format, title, sections, notes), or ImportFailure."""
    parsed = parse(filename, content)
    title, flat = detect(parsed.html, parsed.title)
    if not flat:
        raise ImportFailure(N_("The document has no text to import."))
    if len(flat) > MAX_SECTIONS:
        raise ImportFailure(N_("The document has more than %(limit)s sections; check its headings or split it."), limit=MAX_SECTIONS)
    for section in flat:
        if len(plain_text(section.body_html)) > MAX_SECTION_CHARS:
            raise ImportFailure(N_("The section \u201e%(title)s\u201d has more than %(limit)s characters of text: add headings to divide it, or split the document."),
                                title=(section.number + " " + section.title).strip()[:80], limit=MAX_SECTION_CHARS)
    notes = []
    if parsed.images:
        notes.append(Note(N_("Images are not imported (%(count)s dropped): describe them in the text if they matter."),
                          {"count": parsed.images}))
    if len(flat) == 1:
        notes.append(Note(N_("No headings or numbered sections were found: the whole text is one section. Split it below.")))
    return parsed.format, title or filename.rsplit(".", 1)[0], flat, notes


async def start_import(
    user: CurrentUser, filename: str, content: bytes, *, office_id: int = 0, slug: str = ""
) -> int:
    """Read an uploaded file into a preview for `slug` (a new version) or a new consultation of
    `office_id`; returns the preview's id. Raises ImportFailure; stores nothing on failure."""
    consultation_id = None
    if slug:
        row = await Consultation.select(Consultation.id, Consultation.office, Consultation.status).where(
            Consultation.slug == slug).first()
        if row is None or not user.may_review(row["office"]):
            raise ImportFailure(N_("Page not found."))
        if row["status"] == ConsultationStatus.report_published:
            raise ImportFailure(N_("The report of this consultation is published: its draft gets no new versions."))
        consultation_id, office_id = row["id"], row["office"]
    else:
        offices = [o.id for o in await user_offices(user)]
        if not office_id and len(offices) == 1:
            office_id = offices[0]
        if office_id not in offices:
            raise ImportFailure(N_("Choose the office responsible for the consultation."))
    # The file is read in a child process: wait for it in a thread, so that the server serves others meanwhile.
    fmt, title, flat, notes = await asyncio.to_thread(_read, filename, content)
    mark_detected(flat)
    if consultation_id is not None:
        applied = await apply_corrections(consultation_id, flat)
        if applied:
            notes.append(Note(N_("The corrections made to earlier versions were applied to %(num)s sections."), {"num": applied}))
    # Previews nobody saved within a week are forgotten.
    await ImportDraft.delete().where(ImportDraft.created_at < clock.now() - timedelta(days=KEEP_DAYS))
    inserted = await ImportDraft.insert(
        ImportDraft(office=office_id, consultation=consultation_id, created_by=user.id, filename=filename[:255],
                    source_format=fmt, title=title[:500], sections_json=_dump(flat),
                    notes_json=json.dumps([[n.message, n.values] for n in notes]))
    ).returning(ImportDraft.id)
    return int(inserted[0]["id"])


def _dump(flat: list[FlatSection]) -> str:
    return json.dumps([s.to_dict() for s in flat], ensure_ascii=False)


async def _draft(user: CurrentUser, import_id: int) -> dict | None:  # type: ignore[type-arg]
    row = await ImportDraft.select(
        *ImportDraft.all_columns(), ImportDraft.office.name.as_alias("office_name"),
        ImportDraft.consultation.slug.as_alias("consultation_slug"),
        ImportDraft.consultation.title.as_alias("consultation_title"),
    ).where(ImportDraft.id == import_id).first()
    if row is None or not user.may_review(row["office"]):
        return None
    return row


def _flat(row: dict) -> list[FlatSection]:  # type: ignore[type-arg]
    return [FlatSection.from_dict(d) for d in json.loads(row["sections_json"])]


async def get_preview(user: CurrentUser, import_id: int) -> ImportPreview | None:
    """An import the user may see (their offices'), or None."""
    row = await _draft(user, import_id)
    if row is None:
        return None
    rows = []
    ancestors: list[str] = []
    for index, section in enumerate(_flat(row)):
        text = plain_text(section.body_html)
        del ancestors[section.depth:]
        rows.append(PreviewRow(index, section, len(text.split()), text[:100] + ("…" if len(text) > 100 else ""),
                               " › ".join(ancestors)))
        ancestors.append(section.label or UNTITLED)
    next_version = 1
    if row["consultation"]:
        latest = await Document.select(Document.version).where(Document.consultation == row["consultation"]).order_by(
            Document.version, ascending=False).first()
        next_version = (latest["version"] + 1) if latest else 1
    return ImportPreview(
        id=row["id"], filename=row["filename"], source_format=row["source_format"], title=row["title"],
        office_id=row["office"], office_name=row["office_name"], consultation_slug=row["consultation_slug"] or "",
        consultation_title=row["consultation_title"] or "", next_version=next_version, rows=rows,
        notes=[Note(m, v) for m, v in json.loads(row["notes_json"])], offices=await user_offices(user),
    )


def _subtree_end(flat: list[FlatSection], index: int) -> int:
    end = index + 1
    while end < len(flat) and flat[end].depth > flat[index].depth:
        end += 1
    return end


def apply_edit(flat: list[FlatSection], edit: TreeEdit) -> list[FlatSection]:
    """The preview's sections after the form's field changes and its one action (pure)."""
    flat = [FlatSection(s.number, s.title, s.kind, s.depth, s.body_html, list(s.detected)) for s in flat]
    for i, section in enumerate(flat):
        if i < len(edit.titles):
            section.title = " ".join(edit.titles[i].split())[:300]
        if i < len(edit.numbers):
            section.number = " ".join(edit.numbers[i].split())[:32]
        if i < len(edit.kinds) and edit.kinds[i] in KINDS:
            section.kind = edit.kinds[i]
        if i < len(edit.depths) and edit.depths[i].strip().isdigit():
            section.depth = min(int(edit.depths[i]), 12)
    verb, _, target = edit.action.partition(":")
    index = int(target) if target.isdigit() else -1
    if 0 <= index < len(flat):
        section = flat[index]
        if verb == "merge" and index > 0:
            # Its number and title stay in the text as a bold line; a placeholder title does not.
            label = " ".join(part for part in (section.number, "" if section.title == UNTITLED else section.title) if part)
            heading = f"<p><strong>{escape(label)}</strong></p>" if label else ""
            flat[index - 1].body_html += heading + section.body_html
            # Its children become the children of the section it joins: one level up only if that is its parent.
            shift = max(0, section.depth - flat[index - 1].depth)
            for child in flat[index + 1:_subtree_end(flat, index)]:
                child.depth -= shift
            del flat[index]
        elif verb == "drop" and len(flat) > 1:
            # A stray section (a table of contents, an editor's note): gone with its text; its children move up.
            for child in flat[index + 1:_subtree_end(flat, index)]:
                child.depth = max(0, child.depth - 1)
            del flat[index]
        elif verb in ("in", "out"):
            step = 1 if verb == "in" else -1
            for child in flat[index:_subtree_end(flat, index)]:
                child.depth = max(0, child.depth + step)
        elif verb == "splitat" and edit.at is not None:
            blocks = body_blocks(section.body_html)
            if 0 <= edit.at < len(blocks):
                first = blocks[edit.at]
                if first.tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6") and 0 < len(first.text) <= 200:
                    title, rest = first.text, blocks[edit.at + 1:]
                else:
                    title, rest = UNTITLED, blocks[edit.at:]
                section.body_html = "".join(b.html for b in blocks[:edit.at])
                flat.insert(index + 1, FlatSection("", title, section.kind, section.depth, "".join(b.html for b in rest)))
    for section in flat:
        if not section.title and not section.number:
            section.title = UNTITLED
    return normalise(flat)


async def edit_preview(user: CurrentUser, import_id: int, edit: TreeEdit) -> bool:
    """Apply the preview form to a stored preview; False if the user may not see it."""
    row = await _draft(user, import_id)
    if row is None:
        return False
    flat = apply_edit(_flat(row), edit)
    await ImportDraft.update({ImportDraft.sections_json: _dump(flat)}).where(ImportDraft.id == import_id)
    return True


async def split_choices(user: CurrentUser, import_id: int, index: int) -> tuple[ImportPreview, FlatSection, list[str]] | None:
    """A section of a preview and the texts of its blocks, to choose where a split starts."""
    preview = await get_preview(user, import_id)
    if preview is None or not 0 <= index < len(preview.rows):
        return None
    section = preview.rows[index].section
    return preview, section, [b.text for b in body_blocks(section.body_html)]


async def discard(user: CurrentUser, import_id: int) -> bool:
    """Forget a preview; False if the user may not see it."""
    if await _draft(user, import_id) is None:
        return False
    await ImportDraft.delete().where(ImportDraft.id == import_id)
    return True


# --- saving ---------------------------------------------------------------------------------------


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        return None


def check_new_consultation(form: NewConsultationForm, offices: list[int]) -> tuple[datetime, datetime]:
    """The opening and closing moments of a valid form, or FormErrors (a short period needs confirming)."""
    errors: dict[str, str] = {}
    if not form.title.strip():
        errors["title"] = N_("Give the consultation a title.")
    if not (3 <= len(form.slug) <= 120 and _SLUG.fullmatch(form.slug)):
        errors["slug"] = N_("The address may use small letters without Polish characters, digits and hyphens (3–120).")
    if form.office_id not in offices:
        errors["office_id"] = N_("Choose the office responsible for the consultation.")
    opens, closes = _day(form.opens_on), _day(form.closes_on)
    if opens is None:
        errors["opens_on"] = N_("Give the date the consultation opens.")
    if closes is None:
        errors["closes_on"] = N_("Give the date the consultation closes.")
    elif opens is not None and closes <= opens:
        errors["closes_on"] = N_("The consultation must close after it opens.")
    elif opens is not None and (closes - opens).days + 1 < MIN_DAYS and not form.confirm_short:
        errors["confirm_short"] = N_("The consultation would last less than 35 days. Strategies must be consulted for at least 35 days; tick the box to confirm a shorter period.")
    if errors:
        raise FormErrors(errors)
    zone = ZoneInfo(get_settings().timezone)
    assert opens is not None and closes is not None
    return datetime.combine(opens, time.min, zone), datetime.combine(closes, time(23, 59, 59), zone)


async def _link_versions(previous_document: int, document_id: int) -> tuple[int, int]:
    """Link the new version's sections to their counterparts; returns (matched, old sections unmatched)."""
    columns = (Section.id, Section.number, Section.title, Section.body_text)
    old = [differ.Side(r["id"], r["number"], r["title"], r["body_text"])
           for r in await Section.select(*columns).where(Section.document == previous_document)]
    new = [differ.Side(r["id"], r["number"], r["title"], r["body_text"])
           for r in await Section.select(*columns).where(Section.document == document_id)]
    pairs = differ.match_sections(old, new)
    if pairs:
        await SectionLink.insert(*[SectionLink(section=n, previous=o, how=how, key=f"{n}:{o}") for n, o, how in pairs])
        for n, o, _how in pairs:
            await _move_comments(o, n)
    return len(pairs), len(old) - len(pairs)


async def _move_comments(previous: int, section: int) -> None:
    """Comments follow their section into the new version, each keeping the version it was made on;
    the section's themes follow too, so officials' work on them carries over to the next analysis."""
    await Comment.update({Comment.section: section}).where(Comment.section == previous)
    await Theme.update({Theme.section: section}).where(Theme.section == previous)


async def store_version(
    consultation_id: int, title: str, flat: list[FlatSection], note: str, actor: CurrentUser | None, source: str
) -> Saved:
    """A new current version of a consultation's draft, linked to the previous one (one transaction)."""
    async with Document._meta.db.transaction():
        row = await Consultation.select(Consultation.slug, Consultation.office).where(
            Consultation.id == consultation_id).first()
        previous = await Document.select(Document.id).where(
            (Document.consultation == consultation_id) & (Document.is_current == True)).first()
        document_id = await create_document(consultation_id, title, to_tree(flat), note)
        version = (await Document.select(Document.version).where(Document.id == document_id).first())["version"]
        matched, unmatched = await _link_versions(previous["id"], document_id) if previous else (0, 0)
        await record(actor, "document.import", "consultation", row["slug"], office_id=row["office"],
                     after={"version": version, "sections": len(flat), "source": source, "matched": matched,
                            "unmatched": unmatched})
    return Saved(row["slug"], version, len(flat), matched, unmatched)


async def save_as_consultation(user: CurrentUser, import_id: int, form: NewConsultationForm) -> Saved | None:
    """Store a preview as a new consultation in draft (its version 1); None if the user may not see it."""
    row = await _draft(user, import_id)
    if row is None or row["consultation"]:
        return None
    form.slug = form.slug.strip().lower()
    form.office_id = form.office_id or row["office"]
    opens_at, closes_at = check_new_consultation(form, [o.id for o in await user_offices(user)])
    if await Consultation.exists().where(Consultation.slug == form.slug):
        raise FormErrors({"slug": N_("A consultation with this address already exists.")})
    async with Consultation._meta.db.transaction():
        consultation_id = await create_consultation(ConsultationInput(
            slug=form.slug, title=form.title.strip()[:500], office_id=form.office_id, opens_at=opens_at,
            closes_at=closes_at, status=ConsultationStatus.draft.value,
        ))
        await record(user, "consultation.create", "consultation", form.slug, office_id=form.office_id,
                     after={"title": form.title.strip(), "source": row["filename"]})
        saved = await store_version(consultation_id, (form.document_title or row["title"]).strip()[:500], _flat(row),
                                    form.note.strip(), user, row["filename"])
        await remember_corrections(consultation_id, _flat(row))
        await ImportDraft.delete().where(ImportDraft.id == import_id)
    return saved


async def save_as_version(user: CurrentUser, import_id: int, form: VersionForm) -> Saved | None:
    """Store a preview as the new current version of its consultation; None if the user may not see it."""
    row = await _draft(user, import_id)
    if row is None or not row["consultation"]:
        return None
    status = await Consultation.select(Consultation.status).where(Consultation.id == row["consultation"]).first()
    if status["status"] == ConsultationStatus.report_published:
        raise FormErrors({"document_title": N_("The report of this consultation is published: its draft gets no new versions.")})
    async with Consultation._meta.db.transaction():
        saved = await store_version(row["consultation"], (form.document_title or row["title"]).strip()[:500],
                                    _flat(row), form.note.strip(), user, row["filename"])
        await remember_corrections(row["consultation"], _flat(row))
        await ImportDraft.delete().where(ImportDraft.id == import_id)
    return saved


async def import_file(
    filename: str, content: bytes, slug: str, *, new: bool = False, title: str = "", office: str = "",
    note: str = "", opens_on: str = "", closes_on: str = "",
) -> Saved:
    """The command line's import: a new version of `slug`, or with `new` a new consultation in draft.
    Raises ImportFailure or FormErrors; nothing is stored then."""
    fmt, detected_title, flat, _notes = await asyncio.to_thread(_read, filename, content)
    del fmt
    if not new:
        row = await Consultation.select(Consultation.id, Consultation.status).where(Consultation.slug == slug).first()
        if row is None:
            raise ImportFailure(N_("No consultation has the address %(slug)s."), slug=slug)
        if row["status"] == ConsultationStatus.report_published:
            raise ImportFailure(N_("The report of this consultation is published: its draft gets no new versions."))
        mark_detected(flat)
        await apply_corrections(row["id"], flat)
        return await store_version(row["id"], title or detected_title, flat, note, None, filename)
    found = await Office.select(Office.id).where(
        Office.id == int(office) if office.isdigit() else Office.name == office).first()
    if found is None:
        raise ImportFailure(N_("No office is called %(office)s."), office=office)
    today = date.today()
    form = NewConsultationForm(title=title, slug=slug, office_id=found["id"], opens_on=opens_on or today.isoformat(),
                               closes_on=closes_on or date.fromordinal(today.toordinal() + MIN_DAYS - 1).isoformat())
    opens_at, closes_at = check_new_consultation(form, [found["id"]])
    if await Consultation.exists().where(Consultation.slug == slug):
        raise FormErrors({"slug": N_("A consultation with this address already exists.")})
    async with Consultation._meta.db.transaction():
        consultation_id = await create_consultation(ConsultationInput(
            slug=slug, title=title, office_id=found["id"], opens_at=opens_at, closes_at=closes_at,
            status=ConsultationStatus.draft.value))
        await record(None, "consultation.create", "consultation", slug, office_id=found["id"],
                     after={"title": title, "source": filename})
        return await store_version(consultation_id, detected_title, flat, note, None, filename)


# --- versions, diff, matching ---------------------------------------------------------------------


async def _consultation(slug: str, public: bool) -> dict | None:  # type: ignore[type-arg]
    query = Consultation.select(Consultation.id, Consultation.slug, Consultation.title, Consultation.status,
                                Consultation.office).where(Consultation.slug == slug)
    row = await query.first()
    if row is None or (public and row["status"] == ConsultationStatus.draft):
        return None
    return row


async def _comment_counts(section_ids: list[int]) -> dict[int, int]:
    if not section_ids:
        return {}
    rows = await Comment.select(Comment.section, Count(Comment.id).as_alias("n")).where(
        Comment.section.is_in(section_ids)).group_by(Comment.section)
    return {r["section"]: r["n"] for r in rows}


async def _sections(document_id: int) -> list[dict]:  # type: ignore[type-arg]
    return await Section.select(Section.id, Section.number, Section.title, Section.body_text).where(
        Section.document == document_id).order_by(Section.position)


async def versions_page(slug: str) -> VersionsPage | None:
    """A consultation's versions, the sections of the previous one left without a counterpart, pending imports."""
    row = await _consultation(slug, public=False)
    if row is None:
        return None
    documents = await Document.select().where(Document.consultation == row["id"]).order_by(Document.version, ascending=False)
    counts = {r["document"]: r["n"] for r in await Section.select(
        Section.document, Count(Section.id).as_alias("n")).where(
        Section.document.is_in([d["id"] for d in documents] or [-1])).group_by(Section.document)}
    comments = {r["document_version"]: r["n"] for r in await Comment.select(
        Comment.document_version, Count(Comment.id).as_alias("n")).where(Comment.consultation == row["id"]).group_by(
        Comment.document_version)}
    versions = [VersionRow(d["id"], d["version"], d["title"], d["note"], d["is_current"], counts.get(d["id"], 0),
                           comments.get(d["version"], 0), d["created_at"]) for d in documents]
    current = next((d for d in documents if d["is_current"]), None)
    unmatched: list[Unmatched] = []
    current_refs: list[SectionRef] = []
    if current is not None:
        current_refs = [SectionRef(s["id"], s["number"], s["title"]) for s in await _sections(current["id"])]
        previous = next((d for d in documents if d["version"] < current["version"]), None)
        if previous is not None:
            old = await _sections(previous["id"])
            linked = {r["previous"] for r in await SectionLink.select(SectionLink.previous).where(
                SectionLink.section.is_in([s.id for s in current_refs] or [-1]))}
            numbers = await _comment_counts([s["id"] for s in old])
            unmatched = [Unmatched(SectionRef(s["id"], s["number"], s["title"], numbers.get(s["id"], 0)), previous["version"])
                         for s in old if s["id"] not in linked]
            unmatched.sort(key=lambda u: -u.previous.comments)
    pending = [(r["id"], r["filename"]) for r in await ImportDraft.select(ImportDraft.id, ImportDraft.filename).where(
        ImportDraft.consultation == row["id"]).order_by(ImportDraft.id)]
    return VersionsPage(row["slug"], row["title"], row["status"], versions, unmatched, current_refs, pending)


async def version_diff(slug: str, version: int, *, public: bool) -> VersionDiff | None:
    """What changed in `version` against the one before, section by section (None: no such version)."""
    row = await _consultation(slug, public)
    if row is None:
        return None
    documents = {d["version"]: d["id"] for d in await Document.select(Document.id, Document.version).where(
        Document.consultation == row["id"])}
    if version not in documents:
        return None
    earlier = [v for v in documents if v < version]
    if not earlier:
        return VersionDiff(row["slug"], row["title"], 0, version, [])
    old_version = max(earlier)
    old = {s["id"]: s for s in await _sections(documents[old_version])}
    new = await _sections(documents[version])
    links = await SectionLink.select(SectionLink.section, SectionLink.previous, SectionLink.how).where(
        SectionLink.section.is_in([s["id"] for s in new] or [-1]) & SectionLink.previous.is_in(list(old) or [-1]))
    if links:
        pairs = [(r["section"], r["previous"], r["how"]) for r in links]
    else:  # versions stored without an import: match them now
        pairs = differ.match_sections([differ.Side(s["id"], s["number"], s["title"], s["body_text"]) for s in old.values()],
                                      [differ.Side(s["id"], s["number"], s["title"], s["body_text"]) for s in new])
    counterpart: dict[int, tuple[int, str]] = {}
    for new_id, old_id, how in pairs:
        counterpart.setdefault(new_id, (old_id, how))
    used = {old_id for _, old_id, _ in pairs}
    rows: list[DiffRow] = []
    for section in new:
        ref = SectionRef(section["id"], section["number"], section["title"])
        if section["id"] not in counterpart:
            rows.append(DiffRow("added", None, ref, [], [("insert", section["body_text"])] if section["body_text"] else []))
            continue
        old_id, how = counterpart[section["id"]]
        before = old[old_id]
        title_ops = differ.word_ops(f"{before['number']} {before['title']}", f"{section['number']} {section['title']}")
        body_ops = differ.word_ops(before["body_text"], section["body_text"])
        status = "changed" if differ.changed(title_ops) or differ.changed(body_ops) else "unchanged"
        rows.append(DiffRow(status, SectionRef(before["id"], before["number"], before["title"]), ref, title_ops,
                            body_ops, how))
    for old_id, before in old.items():
        if old_id not in used:
            rows.append(DiffRow("removed", SectionRef(old_id, before["number"], before["title"]), None, [],
                                [("delete", before["body_text"])] if before["body_text"] else []))
    return VersionDiff(row["slug"], row["title"], old_version, version, rows)


async def resolve_match(user: CurrentUser, slug: str, previous_id: int, section_id: int) -> bool:
    """An official's choice: section `section_id` of the current version continues `previous_id` of the
    version before (its comments follow). False when the sections are not those two versions'."""
    row = await _consultation(slug, public=False)
    if row is None:
        return False
    documents = await Document.select(Document.id, Document.version, Document.is_current).where(
        Document.consultation == row["id"]).order_by(Document.version, ascending=False)
    current = next((d for d in documents if d["is_current"]), None)
    previous = next((d for d in documents if current and d["version"] < current["version"]), None)
    if current is None or previous is None:
        return False
    new_ok = await Section.exists().where((Section.id == section_id) & (Section.document == current["id"]))
    old_ok = await Section.exists().where((Section.id == previous_id) & (Section.document == previous["id"]))
    if not (new_ok and old_ok):
        return False
    key = f"{section_id}:{previous_id}"
    if not await SectionLink.exists().where(SectionLink.key == key):
        async with SectionLink._meta.db.transaction():
            await SectionLink.insert(SectionLink(section=section_id, previous=previous_id, how="official", key=key))
            await _move_comments(previous_id, section_id)
        await record(user, "section.match", "consultation", slug, office_id=row["office"],
                     after={"section": section_id, "previous": previous_id})
    return True


async def successor(section_id: int) -> int | None:
    """The section of the current version that continues `section_id` of an earlier version (through the
    links between versions), or None: for old links to a section, which then lead to where it is now."""
    seen = {section_id}
    frontier = [section_id]
    while frontier:
        rows = await SectionLink.select(SectionLink.section, SectionLink.section.document.is_current.as_alias("current")).where(
            SectionLink.previous.is_in(frontier))
        for row in rows:
            if row["current"]:
                return int(row["section"])
        frontier = [r["section"] for r in rows if r["section"] not in seen]
        seen.update(frontier)
    return None
