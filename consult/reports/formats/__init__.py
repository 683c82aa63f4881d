"""Every format of the report, rendered from one model: web page, PDF, XLSX, CSV and open-data JSON."""

from __future__ import annotations

from collections.abc import Callable

from consult.reports.model import Report

MEDIA_TYPES: dict[str, str] = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
}
FORMATS: tuple[str, ...] = tuple(MEDIA_TYPES)


def renderers() -> dict[str, Callable[[Report], bytes]]:
    """Format name → the function that renders a report in it."""
    from consult.reports.formats import csvfile, opendata, pdf, web, xlsx

    return {"html": web.render, "pdf": pdf.render, "xlsx": xlsx.render, "csv": csvfile.render,
            "json": opendata.render}


def render_all(report: Report) -> dict[str, tuple[bytes, str]]:
    """Every format of `report`: name → (bytes, media type)."""
    return {name: (render(report), MEDIA_TYPES[name]) for name, render in renderers().items()}


def neutralise(value: str) -> str:
    """A cell that a spreadsheet would run as a formula, made plain text with a leading apostrophe."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
