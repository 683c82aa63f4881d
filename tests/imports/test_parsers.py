"""Each format read into the same tree; emphasis, lists, tables and links kept; bad files refused clearly."""

from __future__ import annotations

import shutil

import pytest

from consult.imports import parsers
from consult.imports.parsers import ImportFailure, parse
from consult.imports.structure import detect, heading_match, to_tree
from consult.lib.text import plain_text, sanitise_html
from tests.imports import documents

FILES = {
    "strategia.html": lambda: documents.html().encode(),
    "strategia.md": lambda: documents.markdown().encode(),
    "strategia.docx": documents.docx,
    "strategia.odt": documents.odt,
    "strategia.pdf": documents.pdf,
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_format_gives_the_strategy_tree(name: str) -> None:
    parsed = parse(name, FILES[name]())
    title, flat = detect(parsed.html, parsed.title)
    assert [(s.depth, s.kind, s.number, s.title) for s in flat] == documents.EXPECTED
    assert parsed.images == 1  # the logo, dropped with a note
    bodies = [plain_text(sanitise_html(s.body_html)) for s in flat]
    assert documents.INTRO in bodies[0] and "stronie urzędu" in bodies[0]
    assert documents.GOAL in bodies[1] and all(item in bodies[1] for item in documents.ITEMS)
    assert all(cell in bodies[2] for row in documents.TABLE for cell in row)
    assert documents.LAST in bodies[3]
    if name != "strategia.md":
        assert title == documents.TITLE
    if name != "strategia.pdf":  # PDF keeps the text, not the markup
        html = [sanitise_html(s.body_html) for s in flat]
        assert f'<a href="{documents.LINK}"' in html[0]
        assert "<strong>Miejsca Aktywności Lokalnej</strong>" in html[1]
        assert "<ul>" in html[1] and "<li>" in html[1]
        assert "<table>" in html[2] and "<td>" in html[2].replace("<th>", "<td>")
        assert "<em>" in html[3]
        assert all("<img" not in h for h in html)


def test_round_trip_html_keeps_the_text() -> None:
    source = documents.html()
    parsed = parse("strategia.html", source.encode())
    _title, flat = detect(parsed.html, parsed.title)
    rendered = " ".join(f"{s.title} {plain_text(sanitise_html(s.body_html))}" for s in flat)
    original = plain_text(sanitise_html(parsed.html))
    for heading in ("Rozdział I. ", "Cel strategiczny 3. ", "Cel szczegółowy 3.1. ", "Cel szczegółowy 3.2. "):
        original = original.replace(heading, "")
    assert rendered.split() == original.split()


@pytest.mark.parametrize(("line", "expected"), [
    ("Rozdział I", ("chapter", "I", "")),
    ("ROZDZIAŁ II. Diagnoza", ("chapter", "II", "Diagnoza")),
    ("Część 1 – Założenia", ("part", "1", "Założenia")),
    ("Cel strategiczny 3. Integracja społeczna", ("strategic_goal", "3", "Integracja społeczna")),
    ("Cel strategiczny nr 3: Integracja", ("strategic_goal", "3", "Integracja")),
    ("Cel szczegółowy 3.1. Rozwój usług", ("specific_goal", "3.1", "Rozwój usług")),
    ("Cel operacyjny 1.2 Mieszkania", ("specific_goal", "1.2", "Mieszkania")),
    ("3.1.2 Kluby integracji", (None, "3.1.2", "Kluby integracji")),
    ("§ 5. Wejście w życie", ("chapter", "§ 5", "Wejście w życie")),
    ("Art. 7. 1. Rada uchwala strategię.", ("chapter", "Art. 7", "")),
])
def test_polish_numbering(line: str, expected: tuple[str | None, str, str]) -> None:
    found = heading_match(line, strict=True)
    assert found is not None and (found.kind, found.number, found.title) == expected


@pytest.mark.parametrize("line", [
    "1. Miasto zapewni dostęp do usług.",  # a numbered sentence, not a heading
    ("Cel strategiczny 3 obejmuje działania, które zapobiegają wykluczeniu i pomagają z niego wyjść, "
     "a także wiele innych rzeczy, które nie są tytułem i ciągną się bardzo długo, znacznie ponad dwieście "
     "znaków, tak aby nikt nie pomylił tego zdania z nagłówkiem celu strategicznego w dokumencie."),
    "W 2026 roku przeprowadzimy ewaluację.",
])
def test_sentences_are_not_headings(line: str) -> None:
    assert heading_match(line, strict=True) is None


def test_numbers_nest_by_prefix_and_legal_paragraphs() -> None:
    html = ("<h1>Rozdział I. Postanowienia</h1><p>§ 1. Strategia obowiązuje w latach 2021–2030, a jej realizację "
            "ocenia się co dwa lata w raporcie przedstawianym Radzie Miasta.</p><p>§ 2. Wykonanie</p><p>Tekst.</p>"
            "<h1>Rozdział II. Cele</h1><p><strong>1. Mieszkania</strong></p><p><strong>1.1 Najem</strong></p>"
            "<p><strong>1.1.1 Najem społeczny</strong></p><p><strong>1.2 Remonty</strong></p><p><strong>2. Praca</strong></p>")
    _title, flat = detect(html)
    assert [(s.depth, s.number, s.title) for s in flat] == [
        (0, "I", "Postanowienia"), (1, "§ 1", ""), (1, "§ 2", "Wykonanie"), (0, "II", "Cele"), (1, "1", "Mieszkania"),
        (2, "1.1", "Najem"), (3, "1.1.1", "Najem społeczny"), (2, "1.2", "Remonty"), (1, "2", "Praca"),
    ]
    assert "Strategia obowiązuje" in flat[1].body_html
    tree = to_tree(flat)
    assert [n.number for n in tree] == ["I", "II"] and [n.number for n in tree[1].children] == ["1", "2"]


def test_text_without_headings_is_one_section() -> None:
    _title, flat = detect("<p>Jedyny akapit.</p><p>Drugi akapit.</p>")
    assert len(flat) == 1 and flat[0].title == "Wstęp" and "Drugi akapit." in flat[0].body_html


def _refused(name: str, content: bytes) -> str:
    with pytest.raises(ImportFailure) as caught:
        parse(name, content)
    return caught.value.message


def test_unsupported_type() -> None:
    assert "cannot be imported" in _refused("budzet.xlsx", b"\x00\x01binary")


def test_corrupt_files() -> None:
    assert "may be damaged" in _refused("projekt.docx", b"PK\x03\x04" + b"\x00" * 200)
    assert "may be damaged" in _refused("projekt.odt", b"PK\x03\x04 nonsense")
    assert "may be damaged" in _refused("projekt.pdf", b"%PDF-1.7\n garbage without objects")


def test_password_protected_files() -> None:
    assert "password" in _refused("projekt.pdf", documents.encrypted_pdf())
    assert "password" in _refused("projekt.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)  # encrypted OOXML


def test_empty_files() -> None:
    assert _refused("projekt.docx", b"") == "The file is empty."
    assert _refused("projekt.md", b"   \n") == "The file is empty."
    assert _refused("projekt.docx", documents.docx([(1, "", "")], image=False)) == "The document has no text to import."
    assert "no text layer" in _refused("skan.pdf", documents.blank_pdf(2))


def test_too_many_pages_and_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ImportFailure) as caught:
        parse("raport.pdf", documents.blank_pdf(200))
    assert caught.value.values == {"pages": 200, "limit": 150}
    monkeypatch.setattr(parsers, "MAX_BYTES", 1000)
    with pytest.raises(ImportFailure) as caught:
        parse("strategia.docx", documents.docx())
    assert caught.value.message.startswith("The file is too large")


def test_doc_without_libreoffice_says_how_to_convert(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    message = _refused("zalacznik.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    assert ".doc" in message and "Save as" in message


@pytest.mark.skipif(not (shutil.which("libreoffice") or shutil.which("soffice")), reason="LibreOffice not installed")
def test_doc_through_libreoffice(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    source = tmp_path / "strategia.docx"
    source.write_bytes(documents.docx())
    office = shutil.which("libreoffice") or shutil.which("soffice")
    subprocess.run([office, "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(source)], check=True,
                   capture_output=True, timeout=120)
    parsed = parse("strategia.doc", (tmp_path / "strategia.doc").read_bytes())
    assert [(s.number, s.title) for s in detect(parsed.html, parsed.title)[1]] == [(e[2], e[3]) for e in documents.EXPECTED]


def test_doc_goes_through_the_converter_found_on_path(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The conversion call as LibreOffice takes it (a stand-in `soffice` that writes the DOCX it was given)."""
    converted = tmp_path / "converted.docx"
    converted.write_bytes(documents.docx())
    calls = tmp_path / "calls.txt"
    soffice = tmp_path / "bin" / "soffice"
    soffice.parent.mkdir()
    soffice.write_text(
        "#!/bin/sh\n"
        f'echo "$@" > "{calls}"\n'
        # LibreOffice's arguments: -env:UserInstallation=URL --headless --convert-to docx --outdir DIR FILE.doc
        'cp "' + str(converted) + '" "$6/$(basename "$7" .doc).docx"\n'
    )
    soffice.chmod(0o755)
    monkeypatch.setenv("PATH", f"{soffice.parent}:/usr/bin:/bin")
    monkeypatch.setattr(shutil, "which", lambda name: str(soffice) if name == "soffice" else None)
    parsed = parse("zalacznik.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    assert parsed.format == "doc"
    assert [(s.number, s.title) for s in detect(parsed.html, parsed.title)[1]] == [(e[2], e[3]) for e in documents.EXPECTED]
    arguments = calls.read_text().split()
    assert arguments[0].startswith("-env:UserInstallation=file://") and arguments[1:5] == ["--headless", "--convert-to", "docx", "--outdir"]


# --- hostile files: made here, small on disk, refused within seconds --------------------------------

_DOCX_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
               b'content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
               b'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.'
               b'main+xml"/></Types>')
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _zip(parts: dict[str, bytes], *, stream: tuple[str, bytes, bytes, int] | None = None, zip64: bool = True) -> bytes:
    """A ZIP of `parts`; `stream` = (name, head, repeated chunk, times) writes one large entry
    chunk by chunk, so that a bomb costs the test little memory."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
        if stream:
            name, head, chunk, times = stream
            with archive.open(name, "w", force_zip64=zip64) as entry:
                entry.write(head)
                for _ in range(times):
                    entry.write(chunk)
    return buffer.getvalue()


def _docx_xml(document: bytes) -> bytes:
    return _zip({"[Content_Types].xml": _DOCX_TYPES, "word/document.xml": document})


def _timed_refusal(name: str, content: bytes) -> tuple[str, float]:
    import time

    started = time.monotonic()
    message = _refused(name, content)
    return message, time.monotonic() - started


def test_zip_bomb_is_refused_from_the_archive_directory() -> None:
    # 200 MB of paragraphs in a file of a few hundred kilobytes.
    paragraph = b"<w:p><w:r><w:t>" + b"Bomba " * 160 + b"</w:t></w:r></w:p>"
    bomb = _zip({"[Content_Types].xml": _DOCX_TYPES},
                stream=("word/document.xml", f"<w:document {_W}><w:body>".encode(), paragraph, 200 * 1024 * 1024 // len(paragraph)))
    assert len(bomb) < 2 * 1024 * 1024
    message, seconds = _timed_refusal("bomba.docx", bomb)
    assert message == parsers.TOO_BIG_INSIDE and seconds < 10


def test_a_lying_archive_directory_is_read_no_further_than_it_says() -> None:
    import struct

    paragraph = b"<w:p><w:r><w:t>" + b"Bomba " * 160 + b"</w:t></w:r></w:p>"
    bomb = bytearray(_zip({"[Content_Types].xml": _DOCX_TYPES},
                          stream=("word/document.xml", f"<w:document {_W}><w:body>".encode(), paragraph, 5000),
                          zip64=False))
    # The central directory now says the document's 5 MB unpack to 1,000 bytes.
    at = bomb.rfind(b"PK\x01\x02")
    bomb[at + 24:at + 28] = struct.pack("<I", 1000)
    message, seconds = _timed_refusal("bomba.docx", bytes(bomb))
    assert message == parsers.DAMAGED and seconds < 10


def test_too_many_parts_are_refused() -> None:
    parts = {"[Content_Types].xml": _DOCX_TYPES,
             "word/document.xml": f"<w:document {_W}><w:body><w:p><w:r><w:t>Tekst</w:t></w:r></w:p></w:body></w:document>".encode()}
    parts |= {f"word/media/{i}.txt": b"" for i in range(parsers.MAX_ENTRIES + 1)}
    assert "parts" in _refused("czesci.docx", _zip(parts))


def test_entity_expansion_is_refused() -> None:
    laughs = "".join(f'<!ENTITY l{i} "{("&l" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
    document = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "ha">{laughs}]>'
                f"<w:document {_W}><w:body><w:p><w:r><w:t>&l9;</w:t></w:r></w:p></w:body></w:document>").encode()
    message, seconds = _timed_refusal("smiech.docx", _docx_xml(document))
    assert "entities" in message and seconds < 10


@pytest.fixture
def listener():  # type: ignore[no-untyped-def]
    """A TCP port on loopback that records whether anything connected to it."""
    import socket
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    hits: list[bool] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _addr = server.accept()
            except OSError:
                continue
            hits.append(True)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], hits
    stop.set()
    thread.join()
    server.close()


def _odt_xml(content: bytes) -> bytes:
    manifest = (b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                b'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type='
                b'"application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" '
                b'manifest:media-type="text/xml"/></manifest:manifest>')
    return _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "META-INF/manifest.xml": manifest,
                 "content.xml": content})


def test_external_entities_are_never_fetched(listener) -> None:  # type: ignore[no-untyped-def]
    port, hits = listener
    doctype = f'<!DOCTYPE x [<!ENTITY ext SYSTEM "http://127.0.0.1:{port}/sekret">]>'
    docx = (f'<?xml version="1.0"?>{doctype}<w:document {_W}><w:body><w:p><w:r><w:t>&ext;</w:t></w:r></w:p>'
            "</w:body></w:document>").encode()
    odt = (f'<?xml version="1.0"?>{doctype}<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:'
           'xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
           "<text:p>&ext;</text:p></office:text></office:body></office:document-content>").encode()
    assert "entities" in _refused("zewn.docx", _docx_xml(docx))
    assert "entities" in _refused("zewn.odt", _odt_xml(odt))
    assert hits == []


def test_deep_nesting_is_refused_quickly() -> None:
    depth = 50_000
    document = (f"<w:document {_W}><w:body>" + "<w:sdt><w:sdtContent>" * depth + "<w:p><w:r><w:t>x</w:t></w:r></w:p>"
                + "</w:sdtContent></w:sdt>" * depth + "</w:body></w:document>").encode()
    message, seconds = _timed_refusal("glebia.docx", _docx_xml(document))
    assert message in (parsers.DAMAGED, parsers.TOO_HUNGRY) and seconds < 15


def _pdf_with_objects(count: int) -> bytes:
    """A one-page PDF whose page carries `count` annotation objects."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"]
    annots = " ".join(f"{i + 5} 0 R" for i in range(count))
    objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Annots [{annots}] >>".encode())
    stream = b"BT /F1 12 Tf 72 720 Td (Tekst) Tj ET"
    objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.extend(b"<< /Type /Annot /Subtype /Text /Rect [0 0 1 1] >>" for _ in range(count))
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_with_thousands_of_objects_is_answered_within_seconds(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setattr(parsers, "MAX_PARSE_SECONDS", 5)
    started = time.monotonic()
    try:
        parse("obiekty.pdf", _pdf_with_objects(100_000))
    except ImportFailure as failure:
        assert failure.message in (parsers.DAMAGED, parsers.TOO_SLOW, parsers.TOO_HUNGRY,
                                   "The document has no text to import.") or "text layer" in failure.message
    assert time.monotonic() - started < 15


def test_time_and_memory_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    big = ("- " + "lista " * 20 + "\n").encode() * 150_000  # 19 MB of Markdown list items
    monkeypatch.setattr(parsers, "MAX_PARSE_SECONDS", 1)
    message, seconds = _timed_refusal("dlugi.md", big)
    assert message == parsers.TOO_SLOW and seconds < 8
    monkeypatch.setattr(parsers, "MAX_PARSE_SECONDS", 30)
    monkeypatch.setattr(parsers, "MAX_PARSE_MEMORY", 120 * 1024 * 1024)
    message, seconds = _timed_refusal("dlugi.md", big)
    assert message in (parsers.TOO_HUNGRY, parsers.DAMAGED) and seconds < 30


def test_text_beyond_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parsers, "MAX_TEXT_CHARS", 100)
    assert "too long" in _refused("strategia.docx", documents.docx())
