"""Imports on both engines: preview, corrections, saving a consultation and a version, diff, comments across versions."""

from __future__ import annotations

import pytest

from consult.accounts.schemas import CurrentUser
from consult.accounts.services import create_user, grant_role
from consult.audit.tables import AuditEntry
from consult.consultations.services import ensure_office
from consult.comments.tables import Comment
from consult.review.tables import Theme
from consult.consultations.tables import Consultation, Document, Section
from consult.imports import services
from consult.imports.parsers import ImportFailure
from consult.imports.schemas import NewConsultationForm, TreeEdit, VersionForm
from consult.imports.tables import ImportDraft, SectionLink
from tests.factories import add_comment, make_consultation
from tests.imports import documents

OFFICE = "Biuro Pomocy i Projektów Społecznych"


async def official(role: str = "official", email: str = "urzednik@example.org") -> CurrentUser:
    office = await ensure_office(OFFICE)
    user_id = await create_user(email, "haslo-do-testow", "Jan Urzędnik")
    await grant_role(user_id, office, role)
    return CurrentUser(user_id, email, "Jan Urzędnik", False, {office: role})


def _form(**fields: object) -> NewConsultationForm:
    values: dict[str, object] = {"title": "Konsultacje strategii", "slug": "strategia-import", "opens_on": "2026-12-01",
                                 "closes_on": "2027-01-15"}
    values.update(fields)
    return NewConsultationForm(**values)  # type: ignore[arg-type]


async def test_upload_preview_correct_and_save_as_consultation(db: str) -> None:
    user = await official()
    import_id = await services.start_import(user, "strategia.docx", documents.docx())
    preview = await services.get_preview(user, import_id)
    assert preview is not None and preview.is_new and preview.title == documents.TITLE
    assert [(r.section.depth, r.section.kind, r.section.number, r.section.title) for r in preview.rows] == documents.EXPECTED
    assert preview.notes[0].values == {"count": 1}  # the image
    # Retitle 3.2, renumber I → 1, then split 3.1's body would have nothing: split goal 3 at its list instead.
    titles = [r.section.title for r in preview.rows]
    titles[3] = "Wsparcie osób w kryzysie bezdomności (poprawione)"
    numbers = [r.section.number for r in preview.rows]
    numbers[0] = "1"
    edit = TreeEdit(numbers=numbers, titles=titles, kinds=[r.section.kind for r in preview.rows],
                    depths=[str(r.section.depth) for r in preview.rows], action="save")
    assert await services.edit_preview(user, import_id, edit)
    assert await services.edit_preview(user, import_id, TreeEdit([], [], [], [], action="splitat:1", at=1))
    preview = await services.get_preview(user, import_id)
    assert preview is not None
    assert [(r.section.depth, r.section.number, r.section.title) for r in preview.rows][:3] == [
        (0, "1", "Cele strategii"), (1, "3", "Integracja i reintegracja społeczna i zawodowa"), (1, "", "(bez tytułu)")]
    assert "<ul>" in preview.rows[2].section.body_html
    # Merge it back, and move 3.2 up one level and back.
    await services.edit_preview(user, import_id, TreeEdit([], [], [], [], action="merge:2"))
    await services.edit_preview(user, import_id, TreeEdit([], [], [], [], action="out:3"))
    await services.edit_preview(user, import_id, TreeEdit([], [], [], [], action="in:3"))
    preview = await services.get_preview(user, import_id)
    assert preview is not None and [(r.section.depth, r.section.number) for r in preview.rows] == [
        (0, "1"), (1, "3"), (2, "3.1"), (2, "3.2")]
    with pytest.raises(services.FormErrors) as short:
        await services.save_as_consultation(user, import_id, _form(closes_on="2026-12-20"))
    assert set(short.value.errors) == {"confirm_short"}
    with pytest.raises(services.FormErrors) as bad:
        await services.save_as_consultation(user, import_id, _form(slug="Zła Nazwa", title=""))
    assert set(bad.value.errors) == {"slug", "title"}
    saved = await services.save_as_consultation(user, import_id, _form())
    assert saved is not None and (saved.slug, saved.version, saved.sections) == ("strategia-import", 1, 4)
    row = await Consultation.select(Consultation.status, Consultation.title).where(Consultation.slug == "strategia-import").first()
    assert row == {"status": "draft", "title": "Konsultacje strategii"}
    sections = await Section.select(Section.number, Section.title, Section.depth, Section.body_html).order_by(Section.position)
    assert [(s["depth"], s["number"]) for s in sections] == [(0, "1"), (1, "3"), (2, "3.1"), (2, "3.2")]
    assert sections[3]["title"].endswith("(poprawione)")
    assert "<strong>Miejsca Aktywności Lokalnej</strong>" in sections[1]["body_html"]
    assert await ImportDraft.count() == 0
    assert {r["action"] for r in await AuditEntry.select(AuditEntry.action)} == {"consultation.create", "document.import"}


async def test_offices_and_bad_files_leave_nothing(db: str) -> None:
    user = await official()
    other = await ensure_office("Inne biuro")
    with pytest.raises(ImportFailure):
        await services.start_import(user, "strategia.docx", documents.docx(), office_id=other)
    with pytest.raises(ImportFailure):
        await services.start_import(user, "strategia.pdf", documents.encrypted_pdf())
    with pytest.raises(ImportFailure):
        await services.start_import(user, "strategia.docx", b"")
    assert await ImportDraft.count() == 0 and await Document.count() == 0
    import_id = await services.start_import(user, "strategia.md", documents.markdown().encode())
    stranger = CurrentUser(user.id, user.email, "", False, {other: "official"})
    assert await services.get_preview(stranger, import_id) is None
    assert not await services.discard(stranger, import_id)
    assert await services.discard(user, import_id) and await ImportDraft.count() == 0


def _v2_html() -> str:
    return (documents.html()
            .replace("w każdej dzielnicy.", "w każdej dzielnicy i każdym osiedlu.")
            .replace("Cel szczegółowy 3.2. Wsparcie osób w kryzysie bezdomności", "Cel szczegółowy 3.3. Mieszkalnictwo wspomagane")
            .replace("</body>", "<h2>Cel strategiczny 4. Zdrowie psychiczne</h2><p>Nowy cel.</p></body>"))


async def test_new_version_keeps_the_old_one_links_comments_and_diffs(db: str) -> None:
    await make_consultation("strategia")  # factories' tree: Wprowadzenie, 3, 3.1, 3.2 (open)
    user = await official()
    reference = await add_comment("strategia", "3.1", "Uwaga do wersji pierwszej")
    moved = await add_comment("strategia", "3.2", "Uwaga do usuniętej sekcji")
    first_31 = (await Section.select(Section.id).where(Section.number == "3.1").first())["id"]
    await Theme.insert(Theme(consultation=(await Consultation.select(Consultation.id).first())["id"],
                             section=first_31, key="t1", label="Kluby", label_override="Kluby integracji"))
    import_id = await services.start_import(user, "strategia-v2.html", _v2_html().encode(), slug="strategia")
    preview = await services.get_preview(user, import_id)
    assert preview is not None and not preview.is_new and preview.next_version == 2
    saved = await services.save_as_version(user, import_id, VersionForm("Projekt strategii v2", "Po konsultacjach"))
    assert saved is not None and saved.version == 2
    documents_ = await Document.select(Document.version, Document.is_current).order_by(Document.version)
    assert documents_ == [{"version": 1, "is_current": False}, {"version": 2, "is_current": True}]
    # 3 and 3.1 matched by number (titles differ from the factory's) ; 3.2 and the introduction unmatched.
    new = {r["number"]: r["id"] for r in await Section.select(Section.id, Section.number).where(
        Section.document.version == 2)}
    old = {r["number"]: r["id"] for r in await Section.select(Section.id, Section.number).where(
        Section.document.version == 1)}
    links = {(r["section"], r["previous"], r["how"]) for r in await SectionLink.select()}
    assert (new["3.1"], old["3.1"], "same") in links and (new["3"], old["3"], "same") in links
    async def where(ref: str) -> tuple[int, int]:
        row = await Comment.select(Comment.section, Comment.document_version).where(Comment.reference == ref).first()
        return row["section"], row["document_version"]

    assert await where(reference) == (new["3.1"], 1)  # follows its section, keeps the version it was made on
    assert await where(moved) == (old["3.2"], 1)  # 3.2 has no counterpart yet
    assert (await Theme.select(Theme.section, Theme.label_override).first()) == {"section": new["3.1"],
                                                                              "label_override": "Kluby integracji"}
    page = await services.versions_page("strategia")
    assert page is not None and [v.version for v in page.versions] == [2, 1]
    unmatched = {u.previous.number: u.previous.comments for u in page.unmatched}
    assert unmatched == {"3.2": 1, "": 0}
    # The official attaches the removed 3.2 to the new 3.3: its comment follows.
    assert not await services.resolve_match(user, "strategia", old["3.2"], old["3.1"])  # not the current version
    assert await services.resolve_match(user, "strategia", old["3.2"], new["3.3"])
    assert await where(moved) == (new["3.3"], 1)
    page = await services.versions_page("strategia")
    assert page is not None and "3.2" not in {u.previous.number for u in page.unmatched}
    diff = await services.version_diff("strategia", 2, public=True)
    assert diff is not None and (diff.old_version, diff.new_version) == (1, 2)
    status = {(r.new or r.old).number: r.status for r in diff.rows}  # type: ignore[union-attr]
    assert status["3.1"] == "changed" and status["4"] == "added" and status[""] in ("removed", "added")
    assert status["3.3"] == "changed"
    goal = next(r for r in diff.rows if r.new and r.new.number == "3")
    assert goal.status == "changed" and ("delete", "Cel strategiczny 3.") in goal.body_ops
    first = await services.version_diff("strategia", 1, public=False)
    assert first is not None and first.old_version == 0 and first.rows == []
    assert await services.version_diff("strategia", 7, public=False) is None
    # A third version continues the chain: the 3.1 comment of version 1 still belongs to 3.1.
    third = await services.start_import(user, "v3.html", _v2_html().encode(), slug="strategia")
    await services.save_as_version(user, third, VersionForm())
    latest = (await Section.select(Section.id).where((Section.document.version == 3) & (Section.number == "3.1")).first())["id"]
    assert await where(reference) == (latest, 1)
    assert await where(moved) == ((await Section.select(Section.id).where(
        (Section.document.version == 3) & (Section.number == "3.3")).first())["id"], 1)


def test_removing_a_section_moves_its_children_up() -> None:
    from consult.imports.schemas import FlatSection

    flat = [FlatSection(n, t, k, d, f"<p>{t} tekst</p>") for d, k, n, t in documents.EXPECTED]
    dropped = services.apply_edit(flat, TreeEdit([], [], [], [], action="drop:1"))
    assert [(s.depth, s.number) for s in dropped] == [(0, "I"), (1, "3.1"), (1, "3.2")]
    assert all("Integracja" not in s.body_html for s in dropped)
    assert len(services.apply_edit(dropped[:1], TreeEdit([], [], [], [], action="drop:0"))) == 1  # never the last one


def test_word_level_diff() -> None:
    from consult.imports.diff import word_ops

    ops = word_ops("Miasto wspiera kluby w każdej dzielnicy.", "Miasto wspiera kluby w każdej dzielnicy i osiedlu.")
    assert ops == [("equal", "Miasto wspiera kluby w każdej"), ("delete", "dzielnicy."), ("insert", "dzielnicy i osiedlu.")]


async def test_cli_service_new_and_version(db: str) -> None:
    await ensure_office(OFFICE)
    saved = await services.import_file("s.md", documents.markdown().encode(), "z-wiersza-polecen", new=True,
                                       title="Strategia z CLI", office=OFFICE)
    assert (saved.version, saved.sections) == (1, 4)
    again = await services.import_file("s2.md", documents.markdown().replace("każdej", "każdej małej").encode(),
                                       "z-wiersza-polecen", note="druga")
    assert (again.version, again.matched, again.unmatched) == (2, 4, 0)
    with pytest.raises(ImportFailure):
        await services.import_file("s.md", documents.markdown().encode(), "nie-ma-takiej")
    with pytest.raises(services.FormErrors):
        await services.import_file("s.md", documents.markdown().encode(), "z-wiersza-polecen", new=True,
                                   title="Drugi raz", office=OFFICE)
    with pytest.raises(ImportFailure):
        await services.import_file("s.xlsx", b"\x00\x01", "z-wiersza-polecen")
    assert await Consultation.count() == 1 and await Document.count() == 2


async def test_split_then_merge_leaves_no_placeholder_in_the_text(db: str) -> None:
    user = await official()
    import_id = await services.start_import(user, "strategia.md", documents.markdown().encode())
    preview = await services.get_preview(user, import_id)
    assert preview is not None
    goal = next(r.index for r in preview.rows if r.section.number == "3")
    body_before = preview.rows[goal].section.body_html
    # Split goal 3 at its list (not a short paragraph: the new section gets the placeholder title).
    split_at = next(i for i, b in enumerate(services.body_blocks(body_before)) if b.tag == "ul")
    await services.edit_preview(user, import_id, TreeEdit([], [], [], [], action=f"splitat:{goal}", at=split_at))
    preview = await services.get_preview(user, import_id)
    assert preview is not None and preview.rows[goal + 1].section.title == services.UNTITLED
    await services.edit_preview(user, import_id, TreeEdit([], [], [], [], action=f"merge:{goal + 1}"))
    preview = await services.get_preview(user, import_id)
    assert preview is not None
    merged = preview.rows[goal].section.body_html
    assert "bez tytułu" not in merged and "<ul>" in merged and documents.ITEMS[0] in merged


async def test_split_page_keeps_list_items_apart(db: str) -> None:
    user = await official()
    import_id = await services.start_import(user, "strategia.md", documents.markdown().encode())
    preview = await services.get_preview(user, import_id)
    assert preview is not None
    goal = next(r.index for r in preview.rows if r.section.number == "3")
    found = await services.split_choices(user, import_id, goal)
    assert found is not None
    texts = found[2]
    assert f"{documents.ITEMS[0]} {documents.ITEMS[1]}" in texts  # not run together
    assert f"{documents.ITEMS[0]}{documents.ITEMS[1]}" not in "".join(texts)


async def test_corrections_of_version_one_carry_over_to_version_two(db: str) -> None:
    user = await official()
    import_id = await services.start_import(user, "strategia.md", documents.markdown().encode())
    preview = await services.get_preview(user, import_id)
    assert preview is not None
    rows = [r.section for r in preview.rows]
    titles, numbers = [s.title for s in rows], [s.number for s in rows]
    at_31 = numbers.index("3.1")
    titles[at_31] = "Rozwój usług reintegracji społecznej"  # a title corrected
    numbers[0] = "1"  # "I" renumbered
    await services.edit_preview(user, import_id, TreeEdit(numbers, titles, [s.kind for s in rows],
                                                          [str(s.depth) for s in rows], action="save"))
    saved = await services.save_as_consultation(user, import_id, _form())
    assert saved is not None
    # Version 2: the same file with one more section and 3.2 retitled in the file itself.
    v2 = documents.markdown().replace("Wsparcie osób w kryzysie bezdomności", "Wsparcie osób bez domu") + (
        "\n### Cel szczegółowy 3.3. Mieszkania wspierane\n\nNowy cel.\n")
    second = await services.start_import(user, "strategia-v2.md", v2.encode(), slug="strategia-import")
    preview = await services.get_preview(user, second)
    assert preview is not None
    got = [(r.section.number, r.section.title) for r in preview.rows]
    assert got[0][0] == "1" and ("3.1", "Rozwój usług reintegracji społecznej") in got
    assert ("3.2", "Wsparcie osób bez domu") in got and ("3.3", "Mieszkania wspierane") in got  # the file's own
    assert any(n.values == {"num": 2} for n in preview.notes)
    await services.save_as_version(user, second, VersionForm("Projekt v2", ""))
    current = {(r["number"], r["title"]) for r in await Section.select(Section.number, Section.title).where(
        Section.document.is_current == True)}  # noqa: E712
    assert ("3.1", "Rozwój usług reintegracji społecznej") in current
