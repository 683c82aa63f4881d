"""Build the consultation report for 10,000 comments in every format; print the time of each, the
total and the peak memory, with two peers measured in the same run: a plain csv-module export of
the same rows, and WeasyPrint printing the web page of the first 1,000 rows (the PDF against Typst).

    .venv/bin/python benchmarks/report.py [--comments 10000] [--peer-rows 1000] [--keep FILE]

The data are generated into a temporary SQLite database (migrated like the app's): one consultation
with a two-level draft in two versions, comments of every submitter kind and language, positions on
95% of them, themes, sentiment, one form letter of 300 copies and some hidden comments.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if TYPE_CHECKING:
    from consult.reports.model import Report

SENTENCES = (
    "Proszę o zwiększenie liczby ławek i zieleni przy przystankach na Pradze-Północ.",
    "Program powinien jaśniej określać źródła finansowania działań dla seniorów.",
    "Brakuje wskaźników, które pozwolą ocenić, czy cel został osiągnięty.",
    "Wnioskuję o uwzględnienie potrzeb osób z niepełnosprawnościami w każdym działaniu.",
    "Miejsca Aktywności Lokalnej są ważne, ale godziny ich otwarcia są zbyt krótkie.",
    "Zapis jest zbyt ogólny; proponuję wskazać konkretne dzielnice i terminy.",
    "Organizacje pozarządowe powinny współtworzyć harmonogram wdrażania strategii.",
    "Żłobki i przedszkola w nowych osiedlach powstają zbyt późno względem zasiedlenia.",
    "Należy zapewnić tłumaczenia materiałów na język ukraiński i angielski.",
    "Dziękuję za konsultacje; większość celów oceniam pozytywnie.",
)
KINDS = ("resident",) * 7 + ("ngo", "institution", "business", "other")
LANGS = ("pl",) * 8 + ("en", "uk")
POSITIONS = ("accepted", "partly", "rejected", "not_applicable")


def _text(rng: random.Random, lo: int, hi: int) -> str:
    return " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(lo, hi)))


async def generate(n: int, seed: int = 7) -> str:
    """Put a consultation with `n` comments into the bound database; returns its slug."""
    from consult.comments.tables import Comment
    from consult.consultations.schemas import ConsultationInput, SectionInput
    from consult.consultations.services import create_consultation, create_document, ensure_office
    from consult.consultations.tables import Section
    from consult.review.tables import Campaign, CommentAnalysis, Position, Theme

    rng = random.Random(seed)
    now = datetime.now(timezone.utc)
    office = await ensure_office("Biuro Pomocy i Projektów Społecznych", "ul. Leona Kruczkowskiego 2, 00-412 Warszawa")
    cid = await create_consultation(ConsultationInput(
        slug="strategia-bench", title="Strategia rozwiązywania problemów społecznych 2021–2030 (benchmark)",
        office_id=office, opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=15), status="closed",
        legal_basis="art. 6 ustawy o zasadach prowadzenia polityki rozwoju",
        who_may_participate="Wszyscy zainteresowani."))

    def tree(version: int) -> list[SectionInput]:
        return [SectionInput(str(g), f"Cel strategiczny {g}: integracja społeczna", "strategic_goal", "<p>Cel.</p>", [
            SectionInput(f"{g}.{s}", f"Cel szczegółowy {g}.{s} – wsparcie mieszkańców", "specific_goal",
                         f"<p>Działania {g}.{s} w wersji {version if (g + s) % 3 == 0 else 1}.</p>")
            for s in range(1, 5)]) for g in range(1, 7)]

    await create_document(cid, "Projekt strategii", tree(1))
    document = await create_document(cid, "Projekt strategii po konsultacjach", tree(2), note="wersja 2")
    sections = [r["id"] for r in await Section.select(Section.id).where(Section.document == document)]
    campaign = (await Campaign.insert(Campaign(consultation=cid, key="apel-seniorzy", size=300,
                                               template="Podpisuję apel w sprawie klubów seniora.")).returning(Campaign.id))[0]["id"]
    themes = {}
    for sid in sections:
        themes[sid] = (await Theme.insert(Theme(
            consultation=cid, section=sid, key=f"t{sid}", label="finansowanie i harmonogram",
            key_phrases=["finansowanie", "harmonogram", "seniorzy"], summary=[SENTENCES[1], SENTENCES[5]],
            size=n // len(sections))).returning(Theme.id))[0]["id"]
    batch: list[Comment] = []
    for i in range(n):
        created = now - timedelta(days=60) + timedelta(minutes=rng.randint(0, 45 * 24 * 60))
        kind = rng.choice(KINDS)
        hidden = i % 97 == 0
        batch.append(Comment(
            consultation=cid, section=rng.choice(sections), reference=f"KS-2026-{i + 1:06d}",
            submission_key=f"bench-{i}", quote_text="Działania" if i % 4 == 0 else "",
            remark=("Podpisuję apel w sprawie klubów seniora." if 1000 <= i < 1300 else _text(rng, 1, 5))
            + (" =HYPERLINK(\"http://x\")" if i == 5 else ""),
            proposal=_text(rng, 0, 2), justification=_text(rng, 0, 3), submitter_kind=kind,
            submitter_name=f"Stowarzyszenie nr {i % 40}" if kind != "resident" else f"Osoba {i % 3000}",
            show_name=kind != "resident" or i % 10 == 0, email=f"osoba{i % 6000}@example.org" if i % 3 else "",
            language=rng.choice(LANGS), status="hidden" if hidden else "published",
            hidden_reason="offensive" if hidden else "", support_count=rng.randint(0, 20), created_at=created))
        if len(batch) == 500:
            await Comment.insert(*batch)
            batch = []
    if batch:
        await Comment.insert(*batch)
    rows = await Comment.select(Comment.id, Comment.section, Comment.remark).where(Comment.consultation == cid)
    analyses, positions = [], []
    for r in rows:
        analyses.append(CommentAnalysis(comment=r["id"], consultation=cid, theme=themes[r["section"]],
                                        sentiment=rng.choice(("positive", "negative", "neutral")),
                                        campaign=campaign if r["remark"].startswith("Podpisuję apel") else None))
        if rng.random() < 0.95:
            positions.append(Position(comment=r["id"], consultation=cid, value=rng.choice(POSITIONS),
                                      justification=_text(rng, 1, 2)))
    for start in range(0, len(analyses), 500):
        await CommentAnalysis.insert(*analyses[start:start + 500])
    for start in range(0, len(positions), 500):
        await Position.insert(*positions[start:start + 500])
    return "strategia-bench"


def cpu_now() -> float:
    """CPU seconds of this process and of its finished children (the PDF is typeset in one)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def peak_mb() -> float:
    """Peak resident memory so far of this process or of its largest child (Typst typesets in one), in MB."""
    return max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024


async def run(n: int, peer_rows: int) -> None:
    from consult.lib import clock, i18n
    from consult.reports import redaction, services
    from consult.reports.formats import renderers
    from consult.reports.formats.columns import comment_columns, comment_values

    t0 = time.perf_counter()
    slug = await generate(n)
    print(f"data: {n:,} comments generated in {time.perf_counter() - t0:.1f} s")
    row = await services.consultation_row(slug)
    t0 = time.perf_counter()
    suggested = await redaction.suggest_missing(row["id"])
    print(f"redaction suggestions (nlp.redact, before review; not part of the report): {suggested:,} comments "
          f"in {time.perf_counter() - t0:.1f} s")
    token = i18n.set_locale("pl")
    timings: dict[str, float] = {}
    cpu: dict[str, float] = {}
    sizes: dict[str, int] = {}
    outputs: dict[str, bytes] = {}
    peaks: dict[str, float] = {}
    start, cpu_start = time.perf_counter(), cpu_now()
    t0, c0 = time.perf_counter(), cpu_now()
    report = await services.build_report(slug, clock.now())
    timings["model"], cpu["model"] = time.perf_counter() - t0, cpu_now() - c0
    peaks["model"] = peak_mb()
    for name, render in renderers().items():
        t0, c0 = time.perf_counter(), cpu_now()
        outputs[name] = render(report)
        timings[name], cpu[name] = time.perf_counter() - t0, cpu_now() - c0
        sizes[name] = len(outputs[name])
        peaks[name] = peak_mb()
    total, total_cpu = time.perf_counter() - start, cpu_now() - cpu_start
    # The peer: the same table of comments written by a bare csv writer, nothing else.
    t0 = time.perf_counter()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([label for label, _w in comment_columns()])
    writer.writerows(comment_values(r) for r in report.comments)
    peer = time.perf_counter() - t0
    i18n.reset_locale(token)
    print(f"report rows: {len(report.comments):,} (form letters grouped), CPUs: {os.cpu_count()}")
    pages = len(PdfReader(io.BytesIO(outputs["pdf"])).pages)
    print(f"{'part':<8}{'seconds':>10}{'CPU s':>8}{'size':>14}{'peak MB so far':>16}")
    for name, seconds in timings.items():
        size = f"{sizes[name] / 1e6:.1f} MB" if name in sizes else ""
        print(f"{name:<8}{seconds:>10.2f}{cpu[name]:>8.2f}{size:>14}{peaks[name]:>16,.0f}"
              + (f"  {pages:,} pages" if name == "pdf" else ""))
    print(f"{'total':<8}{total:>10.2f}{total_cpu:>8.2f}   goal <= 30 s: {'met' if total <= 30 else 'NOT met'}"
          f" (load average at the end: {os.getloadavg()[0]:.1f})")
    print(f"peer: bare csv.writer of the same {len(report.comments):,} rows: {peer:.3f} s; "
          f"our CSV / peer = {timings['csv'] / peer:.1f}x; whole report / peer = {total / peer:.0f}x")
    print(f"peak memory (ru_maxrss of this process or its largest child): {peak_mb():.0f} MB; this process "
          f"alone: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if peer_rows:
        pdf_peer(report, peer_rows)


def pdf_peer(report: Report, rows: int) -> None:
    """The PDF of the first `rows` comments by Typst and by WeasyPrint (the web page's print styles)."""
    from dataclasses import replace

    from weasyprint import HTML

    from consult.lib import i18n
    from consult.reports.formats import pdf, web

    part = replace(report, comments=report.comments[:rows])
    token = i18n.set_locale("pl")
    t0 = time.perf_counter()
    ours = pdf.render(part)
    typst_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    theirs = HTML(string=web.render_text(part)).write_pdf()
    weasy_s = time.perf_counter() - t0
    i18n.reset_locale(token)
    print(f"PDF of the first {rows:,} rows: Typst {typst_s:.2f} s ({len(PdfReader(io.BytesIO(ours)).pages)} pages), "
          f"WeasyPrint {weasy_s:.2f} s ({len(PdfReader(io.BytesIO(theirs)).pages)} pages); "
          f"WeasyPrint / Typst = {weasy_s / typst_s:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=10_000)
    parser.add_argument("--peer-rows", type=int, default=1_000,
                        help="also print the PDF of this many rows by WeasyPrint, as a peer (0: skip)")
    parser.add_argument("--keep", help="SQLite file to create and keep (default: a temporary one)")
    args = parser.parse_args()
    path = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="report-bench-")) / "bench.sqlite3"
    path.unlink(missing_ok=True)
    env = {**os.environ, "CONSULT_SQLITE_PATH": str(path), "DATABASE_URL": ""}
    os.environ.update({"CONSULT_SQLITE_PATH": str(path)})
    os.environ.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "-m", "consult", "migrate"], cwd=ROOT, env=env, check=True)
    asyncio.run(run(args.comments, args.peer_rows))


if __name__ == "__main__":
    main()
