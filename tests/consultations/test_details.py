"""Editing a consultation's public information and dates: validated, audited, shown publicly."""

from __future__ import annotations

from datetime import timedelta

import pytest

from consult.accounts.schemas import CurrentUser
from consult.accounts.services import create_user, current_user, grant_role
from consult.audit.tables import AuditEntry
from consult.consultations import details
from consult.consultations.services import ensure_office
from consult.consultations.tables import Consultation
from consult.lib.deadlines import local
from tests.accounts.test_flows import PASSWORD, sign_in
from tests.clients import Browser
from tests.factories import make_consultation

OFFICE = "Biuro Pomocy i Projektów Społecznych"


async def official(email: str = "urzednik@example.org", office: str = OFFICE) -> CurrentUser:
    uid = await create_user(email, PASSWORD)
    await grant_role(uid, await ensure_office(office), "official")
    user = await current_user(uid)
    assert user is not None
    return user


async def _form(slug: str = "strategia", **changes: str) -> details.DetailsForm:
    found = await details.details_of(slug)
    assert found is not None
    form = found[1]
    for name, value in changes.items():
        setattr(form, name, value)
    return form


async def test_edit_stores_html_audits_before_and_after(db: str) -> None:
    await make_consultation()
    user = await official()
    form = await _form(description="Pierwszy **akapit**.\n\n- punkt [pierwszy](https://um.example/p)\n- punkt <b>drugi</b>",
                       who_may_participate="Każdy mieszkaniec", contact_name="Anna Kowalska",
                       contact_email="anna.kowalska@um.example", legal_basis="Art. 6 ustawy")
    changed = await details.save_details(user, "strategia", form)
    assert set(changed or []) == {"description_html", "who_may_participate", "contact_name", "contact_email",
                                  "legal_basis"}
    row = await Consultation.select().where(Consultation.slug == "strategia").first()
    assert row["description_html"].startswith("<p>Pierwszy <strong>akapit</strong>.</p>")
    assert "<li>punkt &lt;b&gt;drugi&lt;/b&gt;</li>" in row["description_html"]  # typed HTML stays text
    assert row["contact_email"] == "anna.kowalska@um.example"
    entry = await AuditEntry.select(AuditEntry.action, AuditEntry.before, AuditEntry.after).where(
        AuditEntry.action == "consultation.details").output(load_json=True).first()
    assert entry["before"]["contact_name"] == "" and entry["after"]["contact_name"] == "Anna Kowalska"
    assert "opens_at" not in entry["after"]  # unchanged fields are not recorded
    # The form shows the stored HTML as the text it was typed in; saving it again changes nothing.
    again = await _form()
    assert again.description == "Pierwszy **akapit**.\n\n- punkt [pierwszy](https://um.example/p)\n- punkt <b>drugi</b>"
    assert await details.save_details(user, "strategia", again) == []
    assert await AuditEntry.count().where(AuditEntry.action == "consultation.details") == 1


async def test_dates_are_validated_and_a_short_period_needs_confirming(db: str) -> None:
    await make_consultation()
    user = await official()
    opens = local((await Consultation.select(Consultation.opens_at).first())["opens_at"]).date()
    with pytest.raises(details.DetailsErrors) as refused:
        await details.save_details(user, "strategia", await _form(closes_on=opens.isoformat()))
    assert set(refused.value.errors) == {"closes_on"}
    with pytest.raises(details.DetailsErrors) as refused:
        await details.save_details(user, "strategia", await _form(opens_on="", closes_on="nie-data"))
    assert set(refused.value.errors) == {"opens_on", "closes_on"}
    short = (opens + timedelta(days=20)).isoformat()
    with pytest.raises(details.DetailsErrors) as refused:
        await details.save_details(user, "strategia", await _form(closes_on=short))
    assert set(refused.value.errors) == {"confirm_short"}
    assert await details.save_details(user, "strategia", await _form(closes_on=short, confirm_short="1")) == ["closes_at"]
    row = await Consultation.select(Consultation.closes_at).first()
    assert local(row["closes_at"]).date().isoformat() == short and local(row["closes_at"]).hour == 23
    entry = await AuditEntry.select(AuditEntry.before, AuditEntry.after).where(
        AuditEntry.action == "consultation.details").output(load_json=True).first()
    assert entry["after"]["closes_at"].startswith(short) and not entry["before"]["closes_at"].startswith(short)


async def test_too_long_fields_are_named(db: str) -> None:
    await make_consultation()
    user = await official()
    with pytest.raises(details.DetailsErrors) as refused:
        await details.save_details(user, "strategia", await _form(legal_basis="x" * 2001, contact_email="nie-adres"))
    assert refused.value.errors == {"legal_basis": "This field is too long.",
                                    "contact_email": "This does not look like an e-mail address."}
    assert await AuditEntry.count() == 0


async def test_the_panel_form_and_the_public_page(browser: Browser) -> None:
    await make_consultation()
    await official()
    await official("obcy@example.org", "Inne biuro")
    await sign_in(browser, "urzednik@example.org")
    page = await browser.get("/panel/konsultacje/strategia/informacje")
    assert page.status_code == 200 and 'id="f-description"' in page.text
    refused = await browser.post_form("/panel/konsultacje/strategia/informacje", {
        "description": "Opis", "legal_basis": "x" * 2001, "contact_email": "zly", "opens_on": "2026-01-10",
        "closes_on": "2026-01-05"})
    assert refused.status_code == 400
    summary = refused.text[refused.text.index('id="form-errors"'):refused.text.index("</ul>", refused.text.index('id="form-errors"'))]
    assert "Podstawa prawna: To pole jest za długie." in summary and "E-mail kontaktowy:" in summary
    assert "Koniec: Konsultacje muszą się zakończyć" in summary or "Koniec:" in summary
    assert ">Opis</textarea>" in refused.text  # what was typed is kept
    saved = await browser.post_form("/panel/konsultacje/strategia/informacje", {
        "description": "Konsultacje dotyczą **strategii**.", "how_to_participate": "Wypełnij formularz.",
        "who_may_participate": "Mieszkańcy Warszawy", "legal_basis": "Uchwała nr 1", "contact_name": "Jan Nowak",
        "contact_email": "jan.nowak@um.example", "contact_phone": "22 123 45 67",
        "opens_on": "2026-01-05", "closes_on": "2030-12-31"}, follow_redirects=False)
    assert saved.status_code == 303
    public = (await browser.get("/konsultacje/strategia")).text
    for text in ("<strong>strategii</strong>", "Wypełnij formularz.", "Mieszkańcy Warszawy", "Uchwała nr 1",
                 "Jan Nowak", "mailto:jan.nowak@um.example", "22 123 45 67", "31 grudnia 2030"):
        assert text in public, text
    browser.client.cookies.clear()
    await sign_in(browser, "obcy@example.org")
    assert (await browser.get("/panel/konsultacje/strategia/informacje")).status_code == 403
