"""Interface languages: Polish first, English second; catalogs, the request's locale, formatting."""

from __future__ import annotations

import contextvars
from datetime import datetime
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

LOCALES: tuple[str, ...] = ("pl", "en")
DEFAULT_LOCALE = "pl"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
LANGUAGE_NAMES = {"pl": "Polski", "en": "English"}

_current: contextvars.ContextVar[str] = contextvars.ContextVar("locale", default=DEFAULT_LOCALE)


@lru_cache(maxsize=None)
def translations(locale: str) -> NullTranslations:
    """The compiled catalog of a locale (English is the source language: no catalog)."""
    po_path = LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po"
    if not po_path.exists():
        return NullTranslations()
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


def negotiate(cookie: str | None, accept_language: str | None = None) -> str:
    """Pick the locale: the reader's explicit choice (cookie), else Polish.

    The browser's Accept-Language is deliberately not followed: a city's consultation speaks
    Polish first, and the English version is one click away on every page.
    """
    del accept_language
    return cookie if cookie in LOCALES else DEFAULT_LOCALE  # type: ignore[return-value]


def set_locale(locale: str) -> contextvars.Token[str]:
    """Make `locale` the current one for this request's context."""
    return _current.set(locale if locale in LOCALES else DEFAULT_LOCALE)


def reset_locale(token: contextvars.Token[str]) -> None:
    """Restore the locale that was current before `set_locale` returned `token`."""
    _current.reset(token)


def get_locale() -> str:
    """The locale of the request being handled."""
    return _current.get()


def gettext(message: str) -> str:
    """Translate a message into the current locale ("" stays "", not the catalog's header)."""
    return translations(get_locale()).gettext(message) if message else ""


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message with a number into the current locale (Polish has three forms)."""
    return translations(get_locale()).ngettext(singular, plural, n)


_ = gettext


def N_(message: str) -> str:
    """Mark a message for translation where it is defined; it is translated where shown."""
    return message


def format_dt(value: datetime, tz: str, fmt: str = "medium") -> str:
    """A date-time in the office's time zone, written the current locale's way."""
    return format_datetime(value.astimezone(ZoneInfo(tz)), format=fmt, locale=Locale.parse(get_locale()))


def format_d(value: datetime, tz: str, fmt: str = "long") -> str:
    """A date in the office's time zone, written the current locale's way."""
    return format_date(value.astimezone(ZoneInfo(tz)).date(), format=fmt, locale=Locale.parse(get_locale()))


def format_number(value: int | float) -> str:
    """A number written the current locale's way (Polish: 1 234,5)."""
    return format_decimal(value, locale=Locale.parse(get_locale()))


def language_name(code: str) -> str:
    """The name of a language (an ISO 639 code) in the current locale, as Babel's CLDR data has it;
    "" for a code it does not know."""
    return Locale.parse(get_locale()).languages.get(code.strip().lower().split("-")[0], "") if code else ""
