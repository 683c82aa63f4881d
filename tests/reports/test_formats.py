"""Every stored format read back (SQLite): PDF text and a page image, XLSX, CSV, JSON Schema, HTML escaping."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from datetime import datetime
from pathlib import Path

import jsonschema
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from consult.lib.clock import now
from consult.reports import redaction, services
from consult.reports.formats.opendata import schema
from tests.reports.conftest import FORMULA, PESEL, SLUG, XSS, Seeded, pl

Files = dict[str, bytes]


def _plain(text: str) -> str:
    """PDF text with hyphenated line ends joined and lines run together (narrow columns wrap words)."""
    return re.sub(r"\s+", " ", re.sub(r"[\u2010\u00ad-]\n", "", text))


@pytest.fixture
async def files(seeded_sqlite: Seeded) -> Files:
    """Version 1 published and read back from the database."""
    s = seeded_sqlite
    await redaction.suggest_missing(s.consultation_id)
    await redaction.confirm_all(s.official, s.consultation_id, s.office_id, now())
    await services.publish(s.head, SLUG, "", True, now())
    return {fmt: (await services.stored_file(SLUG, 1, fmt))[0] for fmt in ("html", "pdf", "xlsx", "csv", "json")}


def test_pdf_text_diacritics_page_numbers_and_contents(files: Files, tmp_path: Path) -> None:
    path = tmp_path / "raport.pdf"
    path.write_bytes(files["pdf"])
    reader = PdfReader(io.BytesIO(files["pdf"]))
    pages = len(reader.pages)
    assert pages >= 5
    text = _plain(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout)
    cells = _plain("\n".join(p.extract_text() or "" for p in reader.pages))  # pypdf keeps a cell's lines together
    for word in ("Białołęce", "Źdźbło", "Fundacja Ławka", "żłobkach", "Strategia (strategia)"):
        assert word in cells, word
    assert "Źdźbło" in text and "Ławka" in text  # poppler reads the same letters
    assert f"1 / {pages}" in text and f"{pages} / {pages}" in text  # page numbers on every page, with the total
    assert PESEL not in text and "[PESEL]" in text
    assert 'alert("x")' in text  # the payload printed as text, never run
    # Table of contents: each part with the page it starts on.
    toc_page = reader.pages[1].extract_text()
    assert re.search(r"\.{5,}\s*\d+", toc_page)



async def test_pdf_table_repeats_its_header_and_keeps_rows_whole(seeded_sqlite: Seeded) -> None:
    from dataclasses import replace

    from consult.reports.formats import pdf

    report = await services.build_report(SLUG, now())
    base = report.comments[0]
    report.comments = [replace(base, lp=i + 1, reference=f"KS-TEST-{i + 1:04d}") for i in range(60)]
    reader = PdfReader(io.BytesIO(pdf.render(report)))
    texts = [_plain(p.extract_text() or "") for p in reader.pages]
    table_pages = [t for t in texts if "KS-TEST-" in t]
    assert len(table_pages) >= 3
    assert all(pl("Justification of the position") in t for t in table_pages)
    found = [int(m) for t in table_pages for m in re.findall(r"KS-TEST-(\d{4})", t)]
    assert found == list(range(1, 61))  # every row once, in order: none split over two pages


def test_pdf_is_accessible_and_archival(files: Files) -> None:
    reader = PdfReader(io.BytesIO(files["pdf"]))
    root = reader.trailer["/Root"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp  # PDF/UA-1
    assert "<pdfaid:part>2</pdfaid:part>" in xmp and "<pdfaid:conformance>A</pdfaid:conformance>" in xmp
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root and root["/Lang"] == "pl"
    assert pl("Report on the public consultation") in (reader.metadata.title or "")


async def test_pdf_is_the_same_bytes_for_the_same_report(seeded_sqlite: Seeded) -> None:
    from consult.reports.formats import pdf

    report = await services.build_report(SLUG, now())
    assert pdf.render(report) == pdf.render(report)


async def test_pdf_text_that_breaks_a_standard_still_gives_a_pdf(
        seeded_sqlite: Seeded, monkeypatch: pytest.MonkeyPatch) -> None:
    from consult.reports.formats import pdf

    monkeypatch.setattr(pdf, "STANDARDS", ["ua-1", "a-1b"])  # PDF/A-1 forbids the tags PDF/UA needs
    report = await services.build_report(SLUG, now())
    reader = PdfReader(io.BytesIO(pdf.render(report)))
    assert len(reader.pages) >= 5 and "pdfuaid" not in reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()


async def test_pdf_is_typeset_in_a_child_process_whose_failure_says_why(
        seeded_sqlite: Seeded, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from consult.reports.formats import pdf

    report = await services.build_report(SLUG, now())
    assert pdf.render(report).startswith(b"%PDF-")
    assert "typst" not in sys.modules  # its caches would stay in the app's (or the worker's) process
    monkeypatch.setattr(pdf, "STANDARDS", ["zz-9"])
    with pytest.raises(pdf.PdfError, match="unknown pdf standard: zz-9"):
        pdf.render(report)


def test_pdf_page_renders_to_png(files: Files, tmp_path: Path) -> None:
    pdf = tmp_path / "raport.pdf"
    pdf.write_bytes(files["pdf"])
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    png = next(tmp_path.glob("page*.png"))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000


def test_xlsx_sheets_frozen_filtered_dates_and_no_formulas(files: Files) -> None:
    wb = load_workbook(io.BytesIO(files["xlsx"]))
    assert len(wb.sheetnames) >= 6
    comments = wb.worksheets[1]
    assert comments.freeze_panes == "A2" and comments.auto_filter.ref.startswith("A1:")
    header = [c.value for c in comments[1]]
    date_col = header.index(next(h for h in header if h in ("Date", "Data"))) + 1
    assert isinstance(comments.cell(row=2, column=date_col).value, datetime)
    assert comments.column_dimensions["E"].width >= 40 and comments.cell(row=2, column=5).alignment.wrap_text
    values = [c for row in comments.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    formula = next(c for c in values if c.value == FORMULA)
    assert formula.data_type == "s" and formula.quotePrefix  # kept as text, shown as text
    assert not any(c.data_type == "f" for row in comments.iter_rows() for c in row)
    assert any("Fundacja Ławka" == c.value for c in values)
    facts = wb.worksheets[0]
    assert any(isinstance(c.value, datetime) for row in facts.iter_rows() for c in row)
    assert not any(PESEL in (c.value or "") for c in values)


def test_csv_bom_semicolons_and_neutralised_formulas(files: Files) -> None:
    raw = files["csv"]
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8")), delimiter=";"))
    assert len(rows) == 1 + 7 and rows[1][0] == "1"
    cells = [c for row in rows[1:] for c in row]
    assert "'" + FORMULA in cells and FORMULA not in cells
    assert "'+48 to nie formuła; @SUM(1)" in cells
    assert not any(c[:1] in ("=", "+", "-", "@", "\t", "\r") for c in cells)
    assert "Fundacja Ławka" in cells and XSS in cells  # data stay data: CSV has no markup to escape
    assert not any(PESEL in c for c in cells)


def test_json_valid_against_the_schema(files: Files) -> None:
    data = json.loads(files["json"])
    jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker()).validate(data)
    assert data["version"]["number"] == 1 and data["statistics"]["comments"] == 9
    assert data["comments"][0]["lp"] == 1 and any(r["remark"] == XSS for r in data["comments"])
    assert PESEL not in files["json"].decode()


def test_html_escapes_payloads_and_is_accessible(files: Files) -> None:
    html = files["html"].decode()
    assert "<script>" not in html and "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
    assert "&lt;script&gt;alert(" in html
    assert html.startswith("<!doctype html>") and '<html lang="pl">' in html
    assert '<th scope="col"' in html and "<caption" in html and 'role="img"' in html
    assert "Źdźbło" in html and PESEL not in html


def test_report_due_is_a_date_written_the_polish_way(files: Files, tmp_path: Path) -> None:
    html = files["html"].decode()
    due = re.search(r"Termin publikacji raportu</th><td>([^<]+)</td>", html)
    assert due and re.fullmatch(r"\d{1,2} [a-ząćęłńóśźż]+ \d{4}", due.group(1)), due  # e.g. "3 grudnia 2026"
    path = tmp_path / "raport.pdf"
    path.write_bytes(files["pdf"])
    text = _plain(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout)
    assert due.group(1) in text
