"""Files of the office turned into one HTML string: DOCX, ODT, PDF, HTML, Markdown, .doc via LibreOffice.

Every file is read in a short-lived child process with limits on memory, CPU time, the size its
archive unpacks to and the number of its parts, and without network: a hostile file is refused
with a message while the server goes on serving everyone else."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import asdict, dataclass, field
from html import escape
from pathlib import Path

from consult.lib.i18n import N_

MAX_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 150
# What a draft may unpack to: a 150-page strategy is about 1 MB of XML and 0.5 M characters of text.
MAX_UNPACKED = 100 * 1024 * 1024  # the archive's entries summed, from its directory, before any is read
MAX_ENTRIES = 5000
MAX_TEXT_CHARS = 3_000_000  # the text of the whole draft
MAX_HTML_CHARS = 4 * MAX_TEXT_CHARS  # the markup around it (a million empty paragraphs is no draft)
MAX_SECTION_CHARS = 300_000  # the text of one section (checked when the draft is cut into sections)
MAX_PARSE_SECONDS = 30  # wall clock and CPU time of the child process
MAX_PARSE_MEMORY = 1024 * 1024 * 1024  # its address space (RLIMIT_AS)
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
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


DAMAGED = N_("The file could not be read: it may be damaged. Check that it opens, save it again and upload it.")
TOO_SLOW = N_("Reading the file took longer than %(seconds)s seconds and was stopped. A draft reads in a second or two: check the file, save it again from a word processor or split it.")
TOO_BIG_INSIDE = N_("The file unpacks to more than %(mb)s MB, far more than any draft. It cannot be imported: check the file or save it again from a word processor.")
TOO_HUNGRY = N_("Reading the file needed more memory than allowed and was stopped. Check the file, save it again from a word processor or split it.")


def limits() -> dict[str, int]:
    """The limits a child process reads a file under (module constants, so that tests can lower them)."""
    return {"max_pdf_pages": MAX_PDF_PAGES, "max_unpacked": MAX_UNPACKED, "max_entries": MAX_ENTRIES,
            "max_text_chars": MAX_TEXT_CHARS, "max_html_chars": MAX_HTML_CHARS,
            "seconds": MAX_PARSE_SECONDS, "memory": MAX_PARSE_MEMORY}


def parse(filename: str, content: bytes) -> Parsed:
    """Read an upload into HTML, or raise ImportFailure with a message for the official.

    Blocks for as long as the child process reads (at most MAX_PARSE_SECONDS): call it from a
    thread in async code."""
    if len(content) > MAX_BYTES:
        raise ImportFailure(N_("The file is too large: at most %(mb)s MB."), mb=MAX_BYTES // (1024 * 1024))
    if not content.strip():
        raise ImportFailure(N_("The file is empty."))
    fmt = detect_format(filename, content)
    if fmt == "protected":
        raise ImportFailure(N_("The file is protected with a password. Remove the password and upload it again."))
    if fmt == "doc":  # LibreOffice runs outside the child's limits (it needs more), under its own timeout
        parsed = _parse_in_child("draft.docx", _doc_to_docx(content))
        parsed.format = "doc"
        return parsed
    return _parse_in_child(filename, content)


def _parse_in_child(filename: str, content: bytes) -> Parsed:
    bounds = limits()
    header = json.dumps({"filename": filename, "limits": bounds}).encode() + b"\n"
    root = str(Path(__file__).resolve().parent.parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH", "")]))}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "consult.imports.parsers"], input=header + content,
            capture_output=True, timeout=bounds["seconds"] + 5, env=env, cwd=root, check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise ImportFailure(TOO_SLOW, seconds=bounds["seconds"]) from error
    try:
        answer = json.loads(done.stdout.decode()) if done.stdout else None
    except ValueError:
        answer = None
    if done.returncode != 0 or not isinstance(answer, dict):
        if done.returncode in (-9, -24, 152):  # SIGKILL, SIGXCPU: the CPU limit was reached
            raise ImportFailure(TOO_SLOW, seconds=bounds["seconds"])
        if b"MemoryError" in done.stderr:
            raise ImportFailure(TOO_HUNGRY)
        raise ImportFailure(DAMAGED)
    if "failure" in answer:
        raise ImportFailure(answer["failure"]["message"], **answer["failure"]["values"])
    return Parsed(**answer["parsed"])


def _check_archive(content: bytes, bounds: dict[str, int]) -> None:
    """Refuse a ZIP (DOCX, ODT) that unpacks to too much or holds too many parts, from its directory
    alone, and one whose XML declares a DTD or entities (drafts never do; entity expansion and
    external entities need one)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except zipfile.BadZipFile as error:
        raise ImportFailure(DAMAGED) from error
    with archive:
        entries = archive.infolist()
        if len(entries) > bounds["max_entries"]:
            raise ImportFailure(N_("The file holds more than %(limit)s parts, far more than any draft. It cannot be imported: save it again from a word processor."),
                                limit=bounds["max_entries"])
        # zipfile reads no more than an entry's declared size (and checks its CRC), so the sum bounds the work.
        if sum(e.file_size for e in entries) > bounds["max_unpacked"]:
            raise ImportFailure(TOO_BIG_INSIDE, mb=bounds["max_unpacked"] // (1024 * 1024))
        for entry in entries:
            if entry.filename.endswith((".xml", ".rels")) and _DTD.search(archive.read(entry)):
                raise ImportFailure(N_("The file declares XML entities or a DTD, which drafts never have, so it is not read. Save it again from a word processor and upload that file."))


def _parse_here(filename: str, content: bytes, bounds: dict[str, int]) -> Parsed:
    """Read a file in this process (the child's side of `parse`)."""
    global MAX_PDF_PAGES
    MAX_PDF_PAGES = bounds["max_pdf_pages"]
    fmt = detect_format(filename, content)
    if fmt in ("docx", "odt"):
        _check_archive(content, bounds)
    reader = {"docx": _docx, "odt": _odt, "pdf": _pdf, "html": _html, "md": _markdown}[fmt]
    try:
        parsed = reader(content)
    except (ImportFailure, MemoryError):
        raise
    except Exception as error:  # each library fails in its own way on a damaged file
        raise ImportFailure(DAMAGED) from error
    if len(parsed.html) > bounds["max_html_chars"]:
        raise ImportFailure(N_("The document is too long to import: at most %(limit)s characters of text. Split it into parts."),
                            limit=bounds["max_text_chars"])
    text = re.sub(r"<[^>]+>", " ", parsed.html)
    if len(re.sub(r"\s+", "", text)) > bounds["max_text_chars"]:
        raise ImportFailure(N_("The document is too long to import: at most %(limit)s characters of text. Split it into parts."),
                            limit=bounds["max_text_chars"])
    if not _TEXT.search(text):
        raise ImportFailure(N_("The document has no text to import."))
    return parsed


def _child_main() -> None:
    """Read one file from standard input under the limits its header names; print the result as JSON."""
    import resource
    import socket

    header, content = sys.stdin.buffer.read().split(b"\n", 1)
    request = json.loads(header)
    bounds = request["limits"]
    resource.setrlimit(resource.RLIMIT_AS, (bounds["memory"], bounds["memory"]))
    resource.setrlimit(resource.RLIMIT_CPU, (bounds["seconds"], bounds["seconds"] + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # writes no file
    sys.setrecursionlimit(5000)

    class NoNetwork(socket.socket):
        """Nothing here may fetch a URL a file names: every socket fails to open."""

        def __init__(self, *_args: object, **_kwargs: object) -> None:
            raise OSError("no network while reading an uploaded file")

    socket.socket = NoNetwork  # type: ignore[misc]
    try:
        answer: dict[str, object] = {"parsed": asdict(_parse_here(request["filename"], content, bounds))}
    except ImportFailure as failure:
        answer = {"failure": {"message": failure.message, "values": failure.values}}
    except MemoryError:
        answer = {"failure": {"message": TOO_HUNGRY, "values": {}}}
    sys.stdout.write(json.dumps(answer))


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


def _doc_to_docx(content: bytes) -> bytes:
    """A .doc file converted to DOCX by LibreOffice, or ImportFailure."""
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
            raise ImportFailure(DAMAGED)
        return target.read_bytes()


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


if __name__ == "__main__":
    _child_main()
