"""Text helpers: sanitising draft HTML, its plain text, and folding text for search."""

from __future__ import annotations

import html
import re
import unicodedata

import nh3

ALLOWED_TAGS = {
    "p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "u", "a", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "h3", "h4", "h5", "sup", "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"colspan", "rowspan", "scope"},
                      "td": {"colspan", "rowspan"}, "ol": {"start"}}
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|tr|blockquote|table|ul|ol)>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def sanitise_html(raw: str) -> str:
    """Draft HTML reduced to a safe subset (no scripts, styles, event handlers or images)."""
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def plain_text(body_html: str) -> str:
    """The text a reader sees in `body_html`: blocks become spaces, whitespace collapses.

    Quotes are stored as offsets into this text, so the browser-side selection code must
    compute it the same way (see static/js/consult.js).
    """
    text = _BLOCK_END.sub(" ", body_html)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    return _SPACE.sub(" ", text).strip()


def normalise_whitespace(value: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return _SPACE.sub(" ", value).strip()


def fold(value: str) -> str:
    """Case- and accent-insensitive form for search ("Ławka" and "lawka" match)."""
    decomposed = unicodedata.normalize("NFKD", value.casefold().replace("ł", "l"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Characters no stored text may hold: C0 controls but tab and line ends, DEL, C1 controls, and the
# XML non-characters. PostgreSQL refuses NUL, openpyxl and Typst refuse the rest; Word puts \x0b
# (its soft line break) and \x0c (a page break) into pasted text, so those become line ends.
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\u2028": "\n", "\u2029": "\n"})
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def clean_text(value: str) -> str:
    """`value` without the control characters no stored text may hold (Word's line and page breaks
    become line ends); everything else, whitespace included, is kept as typed."""
    if value.isprintable():
        return value
    return _CONTROL.sub("", value.translate(_BREAKS))


def needs_cleaning(value: str) -> bool:
    """Whether `clean_text` would change `value`."""
    return not value.isprintable() and clean_text(value) != value


_QUOTE_MARKS = str.maketrans({
    "„": '"', "”": '"', "“": '"', "«": '"', "»": '"', "‟": '"', "″": '"',
    "‚": "'", "‘": "'", "’": "'", "‹": "'", "›": "'", "`": "'", "´": "'", "′": "'",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
})
_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}


def _matchable(text: str) -> tuple[str, list[int]]:
    """`text` in the form quotes are matched in — compatibility-decomposed (NFKD, so NFC or not and
    "…" or "..." agree), casefolded, typographic quotes and dashes made plain, whitespace and
    invisible characters dropped — with, for each character, the index it came from."""
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char.isspace() or char in _INVISIBLE:
            continue
        for part in unicodedata.normalize("NFKD", char.translate(_QUOTE_MARKS)).casefold():
            if not part.isspace():
                out.append(part)
                origin.append(index)
    return "".join(out), origin


def find_passage(passage: str, text: str) -> tuple[int, int] | None:
    """Where a passage pasted by a person stands in `text` (start, end offsets into `text`), read
    loosely: straight or typographic quotes and dashes, other spacing, capitals and Unicode forms
    all match; quotation marks around the whole passage are ignored. None if it is not there."""
    wanted, _ = _matchable(passage)
    haystack, origin = _matchable(text)
    for candidate in (wanted, wanted.strip("\"'"), wanted.strip("\"'.")):
        if candidate:
            found = haystack.find(candidate)
            if found >= 0:
                return origin[found], origin[found + len(candidate) - 1] + 1
    return None
