"""Fixture documents made by the tests themselves: one small strategy as HTML, Markdown, DOCX, ODT and PDF."""

from __future__ import annotations

import base64
import io
import struct
import zlib
from collections.abc import Iterable

import lxml.html

TITLE = "Strategia testowa 2030"
LINK = "https://um.warszawa.pl/strategia"
# (depth, kind, number, title) of every section, in reading order: what each format must give.
EXPECTED = [
    (0, "chapter", "I", "Cele strategii"),
    (1, "strategic_goal", "3", "Integracja i reintegracja społeczna i zawodowa"),
    (2, "specific_goal", "3.1", "Rozwój usług reintegracji"),
    (2, "specific_goal", "3.2", "Wsparcie osób w kryzysie bezdomności"),
]
INTRO = "Strategia na lata 2021–2030 powstała razem z mieszkańcami."
GOAL = "Miasto wspiera Miejsca Aktywności Lokalnej w każdej dzielnicy."
ITEMS = ("Rozwój klubów integracji społecznej.", "Wsparcie dla seniorów.")
TABLE = (("Wskaźnik", "Wartość"), ("Liczba klubów", "12"))
LAST = "Mieszkanie najpierw jako model wsparcia."


def png() -> bytes:
    """A 2×2 red PNG (for the image every importer must drop)."""
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 2 for _ in range(2))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)) + chunk(
        b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def html() -> str:
    image = base64.b64encode(png()).decode()
    return f"""<!doctype html><html lang="pl"><head><meta charset="utf-8"><title>{TITLE}</title></head><body>
<h1>Rozdział I. Cele strategii</h1>
<p>{INTRO} Więcej na <a href="{LINK}">stronie urzędu</a>.</p>
<p><img src="data:image/png;base64,{image}" alt="logo"></p>
<h2>Cel strategiczny 3. Integracja i reintegracja społeczna i zawodowa</h2>
<p>Miasto wspiera <strong>Miejsca Aktywności Lokalnej</strong> w każdej dzielnicy.</p>
<ul><li>{ITEMS[0]}</li><li>{ITEMS[1]}</li></ul>
<h3>Cel szczegółowy 3.1. Rozwój usług reintegracji</h3>
<table><tr><th>{TABLE[0][0]}</th><th>{TABLE[0][1]}</th></tr><tr><td>{TABLE[1][0]}</td><td>{TABLE[1][1]}</td></tr></table>
<h3>Cel szczegółowy 3.2. Wsparcie osób w kryzysie bezdomności</h3>
<p><em>{LAST}</em></p>
</body></html>"""


def markdown() -> str:
    return f"""# Rozdział I. Cele strategii

{INTRO} Więcej na [stronie urzędu]({LINK}).

![logo](logo.png)

## Cel strategiczny 3. Integracja i reintegracja społeczna i zawodowa

Miasto wspiera **Miejsca Aktywności Lokalnej** w każdej dzielnicy.

- {ITEMS[0]}
- {ITEMS[1]}

### Cel szczegółowy 3.1. Rozwój usług reintegracji

| {TABLE[0][0]} | {TABLE[0][1]} |
| --- | --- |
| {TABLE[1][0]} | {TABLE[1][1]} |

### Cel szczegółowy 3.2. Wsparcie osób w kryzysie bezdomności

*{LAST}*
"""


def _hyperlink(paragraph, url: str, text: str) -> None:  # type: ignore[no-untyped-def]
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def docx(sections: Iterable[tuple[int, str, str]] | None = None, *, image: bool = True) -> bytes:
    """The strategy as DOCX (python-docx); or `sections` given as (heading level, heading, body HTML)."""
    import docx as python_docx
    from docx.shared import Cm

    document = python_docx.Document()
    document.add_heading(TITLE, 0)
    if sections is None:
        document.add_heading("Rozdział I. Cele strategii", 1)
        p = document.add_paragraph(INTRO + " Więcej na ")
        _hyperlink(p, LINK, "stronie urzędu")
        p.add_run(".")
        if image:
            document.add_picture(io.BytesIO(png()), width=Cm(1))
        document.add_heading("Cel strategiczny 3. Integracja i reintegracja społeczna i zawodowa", 2)
        p = document.add_paragraph("Miasto wspiera ")
        p.add_run("Miejsca Aktywności Lokalnej").bold = True
        p.add_run(" w każdej dzielnicy.")
        for item in ITEMS:
            document.add_paragraph(item, style="List Bullet")
        document.add_heading("Cel szczegółowy 3.1. Rozwój usług reintegracji", 3)
        table = document.add_table(rows=2, cols=2)
        for r, row in enumerate(TABLE):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
        document.add_heading("Cel szczegółowy 3.2. Wsparcie osób w kryzysie bezdomności", 3)
        document.add_paragraph().add_run(LAST).italic = True
    else:
        for level, heading, body in sections:
            document.add_heading(heading, level)
            add_html(document, body)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def add_html(document, body: str) -> None:  # type: ignore[no-untyped-def]
    """Paragraphs (with strong/em) and bullet lists of simple HTML, as DOCX paragraphs."""
    if not body.strip():
        return
    root = lxml.html.fragment_fromstring(body, create_parent="div")

    def runs(paragraph, element) -> None:  # type: ignore[no-untyped-def]
        if element.text:
            paragraph.add_run(element.text)
        for child in element:
            run = paragraph.add_run(child.text_content())
            run.bold = child.tag in ("strong", "b")
            run.italic = child.tag in ("em", "i")
            if child.tail:
                paragraph.add_run(child.tail)

    for block in root:
        if block.tag in ("ul", "ol"):
            for item in block:
                runs(document.add_paragraph(style="List Bullet" if block.tag == "ul" else "List Number"), item)
        else:
            runs(document.add_paragraph(), block)


def odt() -> bytes:
    """The strategy as ODT (odfpy), with a bold span, a link, a list, a table and an image."""
    from odf.draw import Frame, Image
    from odf.opendocument import OpenDocumentText
    from odf.style import ListLevelProperties, Style, TextProperties
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import A, H, List, ListItem, ListLevelStyleBullet, ListStyle, P, Span

    document = OpenDocumentText()
    bold = Style(name="Bold", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    italic = Style(name="Italic", family="text")
    italic.addElement(TextProperties(fontstyle="italic"))
    title = Style(name="Title", family="paragraph")
    bullets = ListStyle(name="Bullets")
    level = ListLevelStyleBullet(level=1, bulletchar="•")
    level.addElement(ListLevelProperties())
    bullets.addElement(level)
    for style in (bold, italic, bullets):
        document.automaticstyles.addElement(style)
    document.styles.addElement(title)
    document.text.addElement(P(stylename=title, text=TITLE))
    document.text.addElement(H(outlinelevel=1, text="Rozdział I. Cele strategii"))
    p = P(text=INTRO + " Więcej na ")
    link = A(href=LINK, text="stronie urzędu")
    p.addElement(link)
    p.addText(".")
    document.text.addElement(p)
    picture = document.addPicture("Pictures/logo.png", "image/png", png())
    frame = Frame(width="1cm", height="1cm", anchortype="paragraph")
    frame.addElement(Image(href=picture))
    holder = P()
    holder.addElement(frame)
    document.text.addElement(holder)
    document.text.addElement(H(outlinelevel=2, text="Cel strategiczny 3. Integracja i reintegracja społeczna i zawodowa"))
    p = P(text="Miasto wspiera ")
    p.addElement(Span(stylename=bold, text="Miejsca Aktywności Lokalnej"))
    p.addText(" w każdej dzielnicy.")
    document.text.addElement(p)
    items = List(stylename=bullets)
    for item in ITEMS:
        entry = ListItem()
        entry.addElement(P(text=item))
        items.addElement(entry)
    document.text.addElement(items)
    document.text.addElement(H(outlinelevel=3, text="Cel szczegółowy 3.1. Rozwój usług reintegracji"))
    table = Table(name="Wskazniki")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for row in TABLE:
        tr = TableRow()
        for value in row:
            cell = TableCell()
            cell.addElement(P(text=value))
            tr.addElement(cell)
        table.addElement(tr)
    document.text.addElement(table)
    document.text.addElement(H(outlinelevel=3, text="Cel szczegółowy 3.2. Wsparcie osób w kryzysie bezdomności"))
    p = P()
    p.addElement(Span(stylename=italic, text=LAST))
    document.text.addElement(p)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def pdf(source: str | None = None) -> bytes:
    """The strategy's HTML (or `source`) rendered by WeasyPrint."""
    import weasyprint

    return weasyprint.HTML(string=source or html()).write_pdf()


def blank_pdf(pages: int) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf())))
    writer.encrypt("tajne-haslo", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
