"""Draft HTML cut into sections: headings and Polish numbering ("Rozdział I", "Cel strategiczny 3.", "3.1.2", "§ 5")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

import lxml.html
from lxml import etree

from consult.consultations.schemas import SectionInput
from consult.imports.schemas import FlatSection

PREAMBLE_TITLE = "Wstęp"  # stored content, in the draft's language
MAX_TITLE = 300
_NUMBER = r"(?:\d+|[IVXLCDM]+)(?:\.(?:\d+|[IVXLCDM]+))*"
# Keyword headings: kind, default level (used when the file gives no heading levels).
_KEYWORDS: tuple[tuple[str, str, float], ...] = (
    (r"cz[eę][sś][cć]", "part", 0),
    (r"rozdzia[lł]|dzia[lł]", "chapter", 1),
    (r"cel\s+strategiczny", "strategic_goal", 2),
    (r"cel\s+(?:szczeg[oó][lł]owy|operacyjny)", "specific_goal", 3),
)
_KEYWORD = re.compile(
    r"^\s*(?P<kw>" + "|".join(f"(?:{k})" for k, _, _ in _KEYWORDS) + r")\s+(?:nr\s+)?(?P<num>" + _NUMBER
    + r")\.?(?:\s*[:.–—-])?\s*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
_LEGAL = re.compile(r"^\s*(?P<kw>§|art(?:ykuł|\.))\s*(?P<num>\d+[a-z]?)\.?\s*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
_BARE_STRICT = re.compile(r"^\s*(?P<num>\d+(?:\.\d+)+|\d+\.|[IVXLC]+\.(?:\d+\.?)*)\s+(?P<rest>\S.*)$", re.DOTALL)
_BARE_LOOSE = re.compile(r"^\s*(?P<num>\d+(?:\.\d+)*\.?|[IVXLC]+(?:\.\d+)*\.)\s+(?P<rest>\S.*)$", re.DOTALL)
_UNWRAP = {"div", "section", "article", "main", "body", "html", "header", "footer", "span", "font", "center"}
_SPACE = re.compile(r"\s+")


@dataclass(slots=True)
class HeadingMatch:
    """A heading recognised in a line of text."""

    kind: str | None  # None: decided by its place in the tree
    level: float | None  # None: decided by its neighbours
    number: str
    title: str
    rest: str = ""  # text after the number that is body, not title (legal paragraphs)
    keyword: bool = False
    family: str = ""  # which keyword: its kind, or "legal" for § and Art.


def _title_like(text: str, limit: int = 150) -> bool:
    return 0 < len(text) <= limit and not text.rstrip().endswith((".", ";", ",", ":")) and text[:1].isupper()


def heading_match(text: str, *, strict: bool) -> HeadingMatch | None:
    """The heading `text` is, or None; strict: numbered lines must look like titles (no final period)."""
    text = _SPACE.sub(" ", text).strip()
    if not text:
        return None
    found = _KEYWORD.match(text)
    if found:
        word = found["kw"].lower()
        kind, level = next((k, lvl) for pattern, k, lvl in _KEYWORDS if re.fullmatch(pattern, word, re.IGNORECASE))
        rest = found["rest"].strip()
        if len(rest) > 200:
            return None  # a sentence that begins with "Cel strategiczny 3 …", not a heading
        return HeadingMatch(kind, level, found["num"].rstrip("."), rest.rstrip("."), keyword=True, family=kind)
    found = _LEGAL.match(text)
    if found:
        prefix = "§" if found["kw"] == "§" else "Art."
        rest = found["rest"].strip()
        title, body = (rest, "") if _title_like(rest, 120) else ("", rest)
        return HeadingMatch("chapter", 4, f"{prefix} {found['num']}", title, body, keyword=True, family="legal")
    found = (_BARE_STRICT if strict else _BARE_LOOSE).match(text)
    if found and (_title_like(found["rest"]) or not strict and len(found["rest"]) <= MAX_TITLE):
        return HeadingMatch(None, None, found["num"].rstrip("."), found["rest"].strip())
    return None


def _components(number: str) -> tuple[str, ...] | None:
    if not re.fullmatch(_NUMBER, number):
        return None
    return tuple(number.split("."))


@dataclass(slots=True)
class _Open:
    level: float
    number: str
    kind: str
    bare: bool
    index: int  # position in the flat list


def _blocks(html: str) -> list[etree._Element]:
    """Top-level block elements, wrappers (div, section …) opened."""
    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    out: list[etree._Element] = []

    def walk(element: etree._Element) -> None:
        if element.text and element.text.strip():
            p = lxml.html.Element("p")
            p.text = element.text
            out.append(p)
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if child.tag in _UNWRAP and any(isinstance(c.tag, str) and c.tag not in ("br",) for c in child):
                walk(child)
            else:
                out.append(child)
            if child.tail and child.tail.strip():
                p = lxml.html.Element("p")
                p.text = child.tail
                out.append(p)
            child.tail = None

    walk(root)
    return out


_SPACED = {"li", "p", "br", "tr", "td", "th", "div", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}


def _text(element: etree._Element) -> str:
    """The element's text with a space where a list item, cell or line ends (so "<li>a</li><li>b</li>"
    reads "a b", not "ab")."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
                if child.tag in _SPACED:
                    parts.append(" ")
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return _SPACE.sub(" ", "".join(parts)).strip()


def _html(element: etree._Element) -> str:
    return lxml.html.tostring(element, encoding="unicode")


def _bold_whole(element: etree._Element) -> bool:
    """A paragraph set entirely in bold: how many drafts mark headings without heading styles."""
    strong = [c for c in element if isinstance(c.tag, str) and c.tag in ("strong", "b")]
    return bool(strong) and _SPACE.sub(" ", "".join(_text(s) for s in strong)).strip() == _text(element)


def _heading_of(element: etree._Element) -> tuple[HeadingMatch, int | None] | None:
    """The heading an element is (with its HTML level), or None for body content."""
    tag = element.tag
    text = _text(element)
    if re.fullmatch(r"h[1-6]", tag):
        level = int(tag[1])
        found = heading_match(text, strict=False)
        if found is None:
            return (HeadingMatch(None, None, "", text[:MAX_TITLE]), level) if text else None
        return found, level
    if tag == "p":
        found = heading_match(text, strict=True)
        if found is None:
            return None
        if found.keyword or _bold_whole(element) or element.get("data-line") is not None:
            return found, None
        return None
    return None


def detect(html: str, title_hint: str = "") -> tuple[str, list[FlatSection]]:
    """The document's title and its sections in reading order (depth gives the tree)."""
    blocks = _blocks(html)
    title = title_hint.strip()
    headings = [_heading_of(b) for b in blocks]
    # A first unnumbered top heading followed by another heading is the document's title.
    if not title and len(blocks) > 1 and headings[0] and headings[1] and not headings[0][0].number and headings[0][1] == 1:
        title = headings[0][0].title
        blocks, headings = blocks[1:], headings[1:]
    # Levels of keyword kinds as the file's heading styles place them.
    kind_level: dict[str, float] = {}
    for found in headings:
        if found and found[0].keyword and found[1] is not None:
            kind_level.setdefault(found[0].family, found[1])
    flat: list[FlatSection] = []
    bodies: list[list[str]] = []
    stack: list[_Open] = []
    preamble: list[str] = []
    pending_title: FlatSection | None = None
    for element, found in zip(blocks, headings):
        if found is None and not _text(element) and element.tag not in ("table", "hr"):
            continue  # an empty paragraph, or one that held only an image
        if found is None:
            if pending_title is not None and element.tag == "p" and _title_like(_text(element)):
                pending_title.title = _text(element)[:MAX_TITLE]
                pending_title = None
                continue
            pending_title = None
            (bodies[-1] if bodies else preamble).append(_html(element))
            continue
        match, html_level = found
        if pending_title is not None and not match.number and match.title:
            pending_title.title = match.title  # "Rozdział I" then its title as the next heading
            pending_title = None
            continue
        level = float(html_level) if html_level is not None else (
            kind_level.get(match.family, match.level) if match.keyword else None)  # type: ignore[arg-type]
        parent = _place(stack, match, level)
        kind = match.kind or _child_kind(parent.kind if parent else None)
        section = FlatSection(number=match.number, title=match.title[:MAX_TITLE], kind=kind,
                              depth=len(stack) - 1, body_html="")
        bodies.append([f"<p>{escape(match.rest)}</p>"] if match.rest else [])
        stack[-1].kind = kind
        stack[-1].index = len(flat)
        flat.append(section)
        pending_title = section if match.keyword and not match.title and not match.rest else None
    for section, body in zip(flat, bodies):
        section.body_html = "".join(body)
    if re.search(r"\w", re.sub(r"<[^>]+>", " ", "".join(preamble))):
        flat.insert(0, FlatSection(number="", title=PREAMBLE_TITLE, kind="chapter", depth=0, body_html="".join(preamble)))
    return title, normalise(flat)


def _child_kind(parent_kind: str | None) -> str:
    return {"strategic_goal": "specific_goal", "specific_goal": "specific_goal"}.get(parent_kind or "", "chapter")


def _place(stack: list[_Open], match: HeadingMatch, level: float | None) -> _Open | None:
    """Put a heading on the stack of open sections; returns its parent."""
    parts = _components(match.number) if match.number else None
    if parts and len(parts) >= 2:
        for i in range(len(stack) - 1, -1, -1):
            if _components(stack[i].number) == parts[:-1]:
                del stack[i + 1:]
                parent = stack[i]
                own = level if level is not None and level > parent.level else parent.level + 1
                stack.append(_Open(own, match.number, "", not match.keyword, 0))
                return parent
    if level is None:
        for i in range(len(stack) - 1, -1, -1):
            other = _components(stack[i].number) if stack[i].number else None
            if stack[i].bare and other is not None and parts is not None and len(other) == len(parts):
                level = stack[i].level
                break
        else:
            level = stack[-1].level + 1 if stack else 1
    while stack and stack[-1].level >= level:
        stack.pop()
    parent = stack[-1] if stack else None
    stack.append(_Open(level, match.number, "", not match.keyword, 0))
    return parent


def normalise(flat: list[FlatSection]) -> list[FlatSection]:
    """Depths made consistent: the first at 0, each at most one deeper than the one before."""
    previous = -1
    for section in flat:
        section.depth = max(0, min(section.depth, previous + 1))
        previous = section.depth
    return flat


def to_tree(flat: list[FlatSection]) -> list[SectionInput]:
    """The flat, depth-annotated list as the tree `create_document` stores."""
    roots: list[SectionInput] = []
    stack: list[tuple[int, SectionInput]] = []
    for section in normalise(list(flat)):
        node = SectionInput(section.number, section.title, section.kind, section.body_html)
        while stack and stack[-1][0] >= section.depth:
            stack.pop()
        (stack[-1][1].children if stack else roots).append(node)
        stack.append((section.depth, node))
    return roots


@dataclass(slots=True)
class Block:
    """One top-level block of a section's body, for splitting."""

    html: str
    text: str
    tag: str


def body_blocks(body_html: str) -> list[Block]:
    """A section's body as its top-level blocks."""
    return [Block(_html(b), _text(b), str(b.tag)) for b in _blocks(body_html)]

