"""The Polish catalog covers every message of the code and templates, with the same placeholders."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from consult.lib import i18n
from consult.settings import ROOT

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
METHODS = [("consult/**.py", "python"), ("templates/**.html", "jinja2")]
KEYWORDS = {"_": None, "gettext": None, "N_": None, "ngettext": (1, 2)}


def _extracted() -> set[str | tuple[str, str]]:
    found: set[str | tuple[str, str]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        ROOT, METHODS, keywords=KEYWORDS, options_map={"templates/**.html": {"extensions": "jinja2.ext.i18n"}}
    ):
        found.add(message if isinstance(message, str) else tuple(message))  # type: ignore[arg-type]
    return found


def test_every_message_has_a_polish_translation() -> None:
    with (i18n.LOCALE_DIR / "pl" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale="pl")
    translated = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog if m.id}
    missing = []
    for message in _extracted():
        key = message if isinstance(message, str) else message[0]
        entry = translated.get(key)
        strings = [entry.string] if entry and isinstance(entry.string, str) else list(entry.string) if entry else []
        if not entry or not all(strings):
            missing.append(key)
            continue
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) <= set(PLACEHOLDER.findall(key if isinstance(message, str) else " ".join(message))), key
    assert not missing, f"messages without a Polish translation: {missing}"


def test_polish_plurals_and_formats() -> None:
    token = i18n.set_locale("pl")
    try:
        forms = [i18n.ngettext("%(num)d comment", "%(num)d comments", n) % {"num": n} for n in (1, 2, 5, 22, 25)]
        assert forms == ["1 uwaga", "2 uwagi", "5 uwag", "22 uwagi", "25 uwag"]
        moment = datetime(2026, 7, 1, 10, 30, tzinfo=timezone.utc)
        assert i18n.format_dt(moment, "Europe/Warsaw", "d MMMM y, HH:mm") == "1 lipca 2026, 12:30"
        assert i18n.format_number(1234.5) == "1\xa0234,5"
    finally:
        i18n.reset_locale(token)
    token = i18n.set_locale("en")
    try:
        assert i18n.gettext("Your remark") == "Your remark"
    finally:
        i18n.reset_locale(token)


def test_locale_negotiation() -> None:
    assert i18n.negotiate(None, None) == "pl"
    assert i18n.negotiate(None, "en-GB,en;q=0.9") == "pl"  # Polish first, whatever the browser
    assert i18n.negotiate("en", "pl") == "en"
    assert i18n.negotiate("pl", "en") == "pl"
    assert i18n.negotiate("xx", "de") == "pl"
