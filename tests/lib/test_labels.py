"""Every coded value the interface shows has a label in words: the steps of an analysis, audit
actions, objects and fields, and languages (by Babel's names for those without our own label)."""

from __future__ import annotations

import re

from consult.audit import services as audit
from consult.audit.services import record
from consult.lib import i18n
from consult.lib.templating import RUN_STAGES, language_name, run_stage
from consult.settings import ROOT
from tests.audit.test_audit import _user
from tests.accounts.test_flows import sign_in
from tests.clients import Browser
from tests.factories import add_comment, make_consultation
from tests.moderation.test_moderation import comment_id
from consult.moderation import services as moderation
from consult.lib.clock import now

SOURCES = [p for p in (ROOT / "consult").rglob("*.py") if "piccolo_migrations" not in p.parts]
RECORD = re.compile(r"\brecord\(\s*[\w.\[\]\"']+,\s*\"([\w.]+)\",\s*\"(\w+)\"", re.S)
LITERAL_SIDES = re.compile(r"\b(?:before|after)=\{([^{}]*)\}")


def _code() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in SOURCES)


def test_every_analysis_step_has_a_label() -> None:
    nlp_steps = set(re.findall(r'\breport\("(\w+)"\)', (ROOT / "nlp" / "analysis.py").read_text()))
    stored = set(re.findall(r'\bstage(?:=|: )"(\w+)"', _code()))
    assert {"lemmas", "themes", "duplicates"} <= nlp_steps and {"loading", "rendering"} <= stored
    assert not (nlp_steps | stored) - set(RUN_STAGES)
    token = i18n.set_locale("pl")
    try:
        assert run_stage("lemmas") == "rozpoznawanie form podstawowych wyrazów"
        assert run_stage("a-step-nobody-knows") == "w toku"
    finally:
        i18n.reset_locale(token)


def test_every_audited_action_object_and_field_has_a_label() -> None:
    code = _code()
    recorded = RECORD.findall(code)
    assert len(recorded) > 20  # the pattern still finds the calls
    assert not {action for action, _ in recorded} - set(audit.ACTION_LABELS)
    assert not {kind for _, kind in recorded} - set(audit.OBJECT_LABELS)
    keys = {key for side in LITERAL_SIDES.findall(code) for key in re.findall(r'"(\w+)":', side)}
    assert {"status", "value", "reason"} <= keys
    assert not keys - set(audit.FIELD_LABELS)


def test_languages_are_named_in_the_readers_language() -> None:
    token = i18n.set_locale("pl")
    try:
        assert [language_name(c) for c in ("pl", "uk", "es", "de", "xx", "")] == [
            "polski", "ukraiński", "hiszpański", "niemiecki", "inne", "inne"]
    finally:
        i18n.reset_locale(token)
    token = i18n.set_locale("en")
    try:
        assert language_name("es") == "Spanish"
    finally:
        i18n.reset_locale(token)


async def test_the_audit_log_shows_words_not_codes(browser: Browser) -> None:
    await make_consultation()
    head = await _user("szefowa@example.org", "office_head")
    ref = await add_comment("strategia", "3.1", "Nie na temat")
    await moderation.decide(head, "strategia", await comment_id(ref), "hide", "off_topic", now=now())
    await record(head, "consultation.status", "consultation", "strategia", before={"status": "draft"},
                 after={"status": "open"}, office_id=next(iter(head.roles)))
    await record(head, "document.import", "consultation", "strategia", after={"version": 2, "source": "v2.docx"},
                 office_id=next(iter(head.roles)))
    await sign_in(browser, "szefowa@example.org")
    page = (await browser.get("/panel/dziennik")).text
    log = page[page.index('id="audit-log"'):]
    for code in ("document.import", "off_topic", "consultation.status", ">draft<", ">open<", ">status<", ">reason<"):
        assert code not in log, code
    for words in ("Zaimportowano nową wersję projektu", "niezwiązana z przedmiotem konsultacji", "projekt", "otwarte",
                  "Przyczyna", "Wersja", "Plik"):
        assert words in log, words

