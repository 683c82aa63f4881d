"""Files of the office turned into one HTML string: DOCX, ODT, PDF, HTML, Markdown, .doc via LibreOffice."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from consult.lib.i18n import N_

MAX_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 150
FORMATS = ("docx", "odt", "pdf", "html", "md", "doc")
ACCEPT = ".docx,.odt,.pdf,.html,.htm,.md,.markdown,.doc"


class ImportFailure(Exception):
    """A file that cannot be imported; `message` is a message id, `values` fill its placeholders."""

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(message)
        self.message = message
        self.values = values


@dataclass(slots=True)
class Parsed:
    """What a parser read: the draft as HTML (headings as h1–h6), a title if the file names one."""

    html: str
    format: str
    title: str = ""
    images: int = 0
    notes: list[str] = field(default_factory=list)


def detect_format(filename: str, content: bytes) -> str:
    """The format of an upload, from its content first and its name second."""
    name = filename.lower()
    if content.startswith(b"%PDF"):
        return "pdf"
    if content.startswith(b"\xd0\xcf\x11\xe0"):  # OLE: .doc, or an encrypted .docx
        return "doc" if name.endswith(".doc") else "protected"
    if content.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = set(archive.namelist())
                if "word/document.xml" in names:
                    return "docx"
                if "mimetype" in names and archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument.text"):
                    return "odt"
        except zipfile.BadZipFile:
            pass
    for suffix, fmt in ((".docx", "docx"), (".odt", "odt"), (".pdf", "pdf"), (".doc", "doc"), (".html", "html"),
                        (".htm", "html"), (".md", "md"), (".markdown", "md")):
        if name.endswith(suffix):
            return fmt
    raise ImportFailure(N_("This kind of file cannot be imported. Upload a DOCX, ODT, PDF, HTML or Markdown file."))


def parse(filename: str, content: bytes) -> Parsed:
    """Read an upload into HTML, or raise ImportFailure with a message for the official."""
    if len(content) > MAX_BYTES:
        raise ImportFailure(N_("The file is too large: at most %(mb)s MB."), mb=MAX_BYTES // (1024 * 1024))
    if not content.strip():
        raise ImportFailure(N_("The file is empty."))
    fmt = detect_format(filename, content)
    if fmt == "protected":
        raise ImportFailure(N_("The file is protected with a password. Remove the password and upload it again."))
    reader = {"docx": _docx, "odt": _odt, "pdf": _pdf, "html": _html, "md": _markdown, "doc": _doc}[fmt]
    try:
        parsed = reader(content)
    except ImportFailure:
        raise
    except Exception as error:  # each library fails in its own way on a damaged file
        raise ImportFailure(N_("The file could not be read: it may be damaged. Check that it opens, save it again and upload it.")) from error
    if not _TEXT.search(re.sub(r"<[^>]+>", " ", parsed.html)):
        raise ImportFailure(N_("The document has no text to import."))
    return parsed


_TEXT = re.compile(r"\w")
_IMG = re.compile(r"<img\b", re.IGNORECASE)


def _html(content: bytes) -> Parsed:
    text = content.decode("utf-8-sig", errors="replace")
    found = re.search(r"<title[^>]*>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
    body = re.search(r"<body[^>]*>(.*)</body>", text, re.IGNORECASE | re.DOTALL)
    html = body.group(1) if body else text
    html = re.sub(r"<(script|style|head)\b.*?</\1>", "", html, flags=re.IGNORECASE | re.DOTALL)
    title = re.sub(r"\s+", " ", found.group(1)).strip() if found else ""
    return Parsed(html=html, format="html", title=title, images=len(_IMG.findall(html)))


def _markdown(content: bytes) -> Parsed:
    from markdown_it import MarkdownIt

    renderer = MarkdownIt("commonmark", {"html": False}).enable("table")
    html = renderer.render(content.decode("utf-8-sig", errors="replace"))
    return Parsed(html=html, format="md", images=len(_IMG.findall(html)))


def _docx(content: bytes) -> Parsed:
    import mammoth

    images = 0

    def drop(_image: object) -> dict[str, str]:
        nonlocal images
        images += 1
        return {}

    result = mammoth.convert_to_html(
        io.BytesIO(content),
        style_map="p[style-name='Title'] => h1.doc-title:fresh\np[style-name='Subtitle'] => p:fresh",
        convert_image=mammoth.images.img_element(drop),
    )
    html = result.value
    title = ""
    found = re.match(r'\s*<h1 class="doc-title">(.*?)</h1>', html, re.DOTALL)
    if found:
        title = re.sub(r"<[^>]+>", "", found.group(1)).strip()
        html = html[found.end():]
    return Parsed(html=html, format="docx", title=title, images=images)


def doc_converter() -> str | None:
    """LibreOffice's command when it is installed (then .doc files are converted), else None."""
    return shutil.which("libreoffice") or shutil.which("soffice")


def _doc(content: bytes) -> Parsed:
    office = doc_converter()
    if office is None:
        raise ImportFailure(N_("Word 97–2003 (.doc) files cannot be read on this server. Open the file in Word or LibreOffice, save it as .docx (File → Save as) and upload that file."))
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "draft.doc"
        source.write_bytes(content)
        # A profile of its own: LibreOffice refuses to start while another instance holds the default one.
        profile = Path(folder, "profile").as_uri()
        done = subprocess.run(
            [office, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx", "--outdir", folder,
             str(source)],
            capture_output=True, timeout=120, check=False,
        )
        target = Path(folder) / "draft.docx"
        if done.returncode != 0 or not target.exists():
            raise ImportFailure(N_("The file could not be read: it may be damaged. Check that it opens, save it again and upload it."))
        parsed = _docx(target.read_bytes())
    parsed.format = "doc"
    return parsed


def _pdf(content: bytes) -> Parsed:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")  # an owner password alone still lets anyone read
        except Exception:  # noqa: BLE001  (an unsupported cipher is a closed file all the same)
            opened = 0
        if not opened:
            raise ImportFailure(N_("The file is protected with a password. Remove the password and upload it again."))
    pages = len(reader.pages)
    if pages > MAX_PDF_PAGES:
        raise ImportFailure(N_("The PDF has %(pages)s pages; at most %(limit)s can be imported. Split the document or upload it as DOCX."),
                            pages=pages, limit=MAX_PDF_PAGES)
    lines: list[str] = []
    images = 0
    for page in reader.pages:
        lines.extend((page.extract_text() or "").splitlines())
        lines.append("")
        try:
            images += len(page.images)
        except Exception:  # noqa: BLE001  (an image pypdf cannot decode is dropped all the same)
            images += 1
    if not any(line.strip() for line in lines):
        raise ImportFailure(N_("The PDF has no text layer (it is probably a scan). Upload the DOCX or ODT file, or a PDF saved from a text editor."))
    title = (reader.metadata.title if reader.metadata else "") or ""
    return Parsed(html=_lines_to_html(lines), format="pdf", title=str(title).strip(), images=images)


_BULLET = re.compile(r"^\s*[•●▪◦\-–]\s+")
_BULLETS_ONLY = re.compile(r"^[\s•●▪◦\-–]+$")
_PAGE_NUMBER = re.compile(r"^\s*(\d+|\d+\s*/\s*\d+|strona \d+( z \d+)?)\s*$", re.IGNORECASE)


def _lines_to_html(lines: list[str]) -> str:
    """Lines of PDF text as paragraphs, list items and heading candidates (a wrapped heading rejoined)."""
    from consult.imports.structure import heading_match

    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    heading: list[str] = []

    def flush() -> None:
        if heading:
            blocks.append(f'<p data-line="1">{escape(" ".join(heading))}</p>')
            heading.clear()
        if paragraph:
            blocks.append(f"<p>{escape(' '.join(paragraph))}</p>")
            paragraph.clear()
        if items:
            blocks.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")
            items.clear()

    for raw in lines:
        line = raw.strip()
        if not line or _PAGE_NUMBER.match(line) or _BULLETS_ONLY.match(line):
            if not line:
                flush()
            continue
        if heading and line[:1].islower():
            heading.append(line)  # the rest of a heading too long for one line
        elif heading_match(line, strict=True) is not None:
            flush()
            heading.append(line)
        elif _BULLET.match(line):
            if heading or paragraph:
                flush()
            items.append(_BULLET.sub("", line))
        elif items and not line[:1].isupper():
            items[-1] += " " + line  # a wrapped list item
        else:
            if items or heading:
                flush()
            paragraph.append(line)
            if line.endswith((".", ":", ";", "!", "?")):
                flush()
    flush()
    return "".join(blocks)


# --- ODT (odfpy) ------------------------------------------------------------------------------

_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_DRAW_NS = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_STYLE_NS = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_FO_NS = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
_XLINK_NS = "http://www.w3.org/1999/xlink"


def _odt(content: bytes) -> Parsed:
    from odf.opendocument import load

    document = load(io.BytesIO(content))
    styles: dict[str, tuple[bool, bool, str]] = {}  # name → (bold, italic, parent)
    lists: dict[str, str] = {}  # list style → "ol" | "ul"
    for holder in (document.styles, document.automaticstyles):
        for style in holder.childNodes:
            name = style.getAttrNS(_STYLE_NS, "name") if style.qname[0] in (_STYLE_NS, _TEXT_NS) else None
            if style.qname == (_STYLE_NS, "style") and name:
                bold = italic = False
                for prop in style.childNodes:
                    if prop.qname == (_STYLE_NS, "text-properties"):
                        bold = prop.getAttrNS(_FO_NS, "font-weight") in ("bold", "700", "800", "900")
                        italic = prop.getAttrNS(_FO_NS, "font-style") == "italic"
                styles[name] = (bold, italic, style.getAttrNS(_STYLE_NS, "parent-style-name") or "")
            elif style.qname == (_TEXT_NS, "list-style") and name:
                first = style.childNodes[0].qname[1] if style.childNodes else ""
                lists[name] = "ol" if first == "list-level-style-number" else "ul"
    state = {"images": 0, "title": ""}

    def emphasis(name: str) -> tuple[bool, bool]:
        bold = italic = False
        seen = 0
        while name and name in styles and seen < 10:
            b, i, parent = styles[name]
            bold, italic, name, seen = bold or b, italic or i, parent, seen + 1
        return bold, italic

    def inline(node: object) -> str:
        out: list[str] = []
        for child in node.childNodes:  # type: ignore[attr-defined]
            if child.nodeType == child.TEXT_NODE:
                out.append(escape(str(child.data)))
                continue
            ns, tag = child.qname
            if (ns, tag) == (_TEXT_NS, "s"):
                out.append(" " * int(child.getAttrNS(_TEXT_NS, "c") or 1))
            elif (ns, tag) in ((_TEXT_NS, "tab"), (_TEXT_NS, "line-break")):
                out.append(" " if tag == "tab" else "<br>")
            elif (ns, tag) == (_TEXT_NS, "span"):
                inner = inline(child)
                bold, italic = emphasis(child.getAttrNS(_TEXT_NS, "style-name") or "")
                inner = f"<em>{inner}</em>" if italic and inner.strip() else inner
                out.append(f"<strong>{inner}</strong>" if bold and inner.strip() else inner)
            elif (ns, tag) == (_TEXT_NS, "a"):
                href = escape(child.getAttrNS(_XLINK_NS, "href") or "", quote=True)
                out.append(f'<a href="{href}">{inline(child)}</a>')
            elif (ns, tag) == (_DRAW_NS, "frame"):
                state["images"] += 1
            elif ns == _TEXT_NS and tag in ("note", "bookmark", "bookmark-start", "bookmark-end", "soft-page-break"):
                continue
            else:
                out.append(inline(child))
        return "".join(out)

    def paragraph(node: object, tag: str) -> str:
        inner = inline(node)
        bold, italic = emphasis(node.getAttrNS(_TEXT_NS, "style-name") or "")  # type: ignore[attr-defined]
        if tag == "p" and inner.strip():
            inner = f"<em>{inner}</em>" if italic else inner
            inner = f"<strong>{inner}</strong>" if bold else inner
        return f"<{tag}>{inner}</{tag}>"

    def blocks(node: object) -> str:
        out: list[str] = []
        for child in node.childNodes:  # type: ignore[attr-defined]
            if child.nodeType != child.ELEMENT_NODE:
                continue
            ns, tag = child.qname
            if (ns, tag) == (_TEXT_NS, "h"):
                level = min(6, max(1, int(child.getAttrNS(_TEXT_NS, "outline-level") or 1)))
                out.append(paragraph(child, f"h{level}"))
            elif (ns, tag) == (_TEXT_NS, "p"):
                style = child.getAttrNS(_TEXT_NS, "style-name") or ""
                if style in ("Title", "Tytuł") or styles.get(style, (False, False, ""))[2] == "Title":
                    state["title"] = state["title"] or re.sub(r"<[^>]+>", "", inline(child)).strip()
                    continue
                out.append(paragraph(child, "p"))
            elif (ns, tag) == (_TEXT_NS, "list"):
                kind = lists.get(child.getAttrNS(_TEXT_NS, "style-name") or "", "ul")
                items = [f"<li>{blocks(item)}</li>" for item in child.childNodes
                         if item.nodeType == item.ELEMENT_NODE and item.qname[1] in ("list-item", "list-header")]
                out.append(f"<{kind}>{''.join(items)}</{kind}>")
            elif (ns, tag) == (_TABLE_NS, "table"):
                out.append("<table>" + table(child) + "</table>")
            elif (ns, tag) == (_TEXT_NS, "section"):
                out.append(blocks(child))
            elif (ns, tag) == (_DRAW_NS, "frame"):
                state["images"] += 1
        return "".join(out)

    def table(node: object) -> str:
        out: list[str] = []
        for child in node.childNodes:  # type: ignore[attr-defined]
            if child.nodeType != child.ELEMENT_NODE:
                continue
            tag = child.qname[1]
            if tag == "table-row":
                cells = [f"<td>{blocks(cell)}</td>" for cell in child.childNodes
                         if cell.nodeType == cell.ELEMENT_NODE and cell.qname[1] == "table-cell"]
                out.append(f"<tr>{''.join(cells)}</tr>")
            elif tag in ("table-header-rows", "table-rows", "table-row-group"):
                out.append(table(child))
        return "".join(out)

    html = blocks(document.text)
    return Parsed(html=html, format="odt", title=str(state["title"]), images=int(state["images"]))
