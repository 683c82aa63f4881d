"""Charts of the report as inline SVG drawn by our own code: no JavaScript, nothing fetched."""

from __future__ import annotations

from datetime import date

from markupsafe import Markup, escape

_FONT = "DejaVu Sans, Verdana, sans-serif"
_BAR = "#1d5d90"


def _label(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def bars(items: list[tuple[str, int]], title: str, *, width: int = 640) -> Markup:
    """Horizontal bars, one per labelled count, with the number at the end of each bar."""
    row, label_w, top = 22, 300, 8
    height = top * 2 + row * max(1, len(items))
    peak = max((n for _l, n in items), default=0) or 1
    scale = (width - label_w - 60) / peak
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" font-family="{_FONT}" font-size="12">',
             f"<title>{escape(title)}</title>"]
    for i, (label, n) in enumerate(items):
        y = top + i * row
        w = max(1.0, n * scale) if n else 0
        parts.append(f'<text x="0" y="{y + 15}">{escape(_label(label, 42))}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" fill="{_BAR}"/>')
        parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + 15}">{n}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def columns(items: list[tuple[date, int]], title: str, *, width: int = 640, height: int = 180) -> Markup:
    """Vertical columns over days, with the first and last day written under the axis."""
    left, bottom, top = 36, 26, 10
    peak = max((n for _d, n in items), default=0) or 1
    plot_w, plot_h = width - left - 8, height - bottom - top
    step = plot_w / max(1, len(items))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" font-family="{_FONT}" font-size="11">',
             f"<title>{escape(title)}</title>",
             f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 8}" y2="{top + plot_h}" stroke="#555"/>',
             f'<text x="{left - 4}" y="{top + 9}" text-anchor="end">{peak}</text>',
             f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end">0</text>']
    for i, (_day, n) in enumerate(items):
        h = plot_h * n / peak
        parts.append(f'<rect x="{left + i * step + 0.5:.1f}" y="{top + plot_h - h:.1f}" '
                     f'width="{max(1.0, step - 1):.1f}" height="{h:.1f}" fill="{_BAR}"/>')
    if items:
        parts.append(f'<text x="{left}" y="{height - 8}">{items[0][0].isoformat()}</text>')
        parts.append(f'<text x="{width - 8}" y="{height - 8}" text-anchor="end">{items[-1][0].isoformat()}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
