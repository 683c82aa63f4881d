"""The command line: `python -m nlp analyse|redact|sentiment` over CSV, JSON Lines or plain text files."""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from nlp.types import CommentIn, Options

LONG_INPUT = 1000  # rows above which a progress bar is shown on stderr
BATCH = 256
JSONL = (".jsonl", ".ndjson", ".json")


class CliError(Exception):
    """A problem with the user's input, reported as one line without a traceback."""


def read_rows(path: str) -> list[dict[str, Any]]:
    """Rows of a CSV or JSON Lines file (by extension); a .txt file is one row {"text": …}."""
    p = Path(path)
    if path != "-" and not p.is_file():
        raise CliError(f"{path}: no such file")
    try:
        raw = sys.stdin.read() if path == "-" else p.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CliError(f"{path}: not UTF-8 text (byte {exc.start}); save the file as UTF-8") from None
    if not raw.strip():
        raise CliError(f"{path}: the file is empty")
    suffix = p.suffix.lower()
    if suffix in JSONL:
        rows = []
        for n, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CliError(f"{path}:{n}: invalid JSON ({exc.msg})") from None
            if not isinstance(row, dict):
                raise CliError(f"{path}:{n}: each line must be a JSON object")
            rows.append(row)
        return rows
    if suffix == ".txt" or path == "-":
        return [{"text": raw}]
    try:
        rows = list(csv.DictReader(raw.splitlines()))
    except csv.Error as exc:
        raise CliError(f"{path}: invalid CSV ({exc})") from None
    if not rows:
        raise CliError(f"{path}: no rows under the header")
    return rows


def column(rows: list[dict[str, Any]], name: str | None, path: str, required: bool = True) -> list[str] | None:
    """Values of one column as text; a missing column names the ones that exist."""
    if name is None:
        return None
    available = list(dict.fromkeys(k for row in rows[:100] for k in row if k is not None))
    if name not in available:
        if not required:
            return None
        raise CliError(f"{path}: no column '{name}'; available: {', '.join(available) or '(none)'}")
    return ["" if row.get(name) is None else str(row.get(name)) for row in rows]


def write_rows(path: str, rows: list[dict[str, Any]]) -> None:
    """Rows to CSV or JSON Lines by extension ("-" or none: JSON Lines on stdout)."""
    if path == "-":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    p = Path(path)
    with p.open("w", encoding="utf-8", newline="") as fh:
        if p.suffix.lower() == ".csv":
            fields = list(dict.fromkeys(k for row in rows for k in row))
            writer = csv.DictWriter(fh, fieldnames=fields)
            writer.writeheader()
            writer.writerows({k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                              for k, v in row.items()} for row in rows)
        else:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def cmd_analyse(args: argparse.Namespace) -> int:
    import nlp

    rows = read_rows(args.input)
    texts = column(rows, args.text_column, args.input)
    assert texts is not None
    ids = column(rows, args.id_column, args.input, required=args.id_column != "id") or [str(i + 1) for i in range(len(rows))]
    sections = column(rows, args.section_column, args.input) or [""] * len(rows)
    comments = [CommentIn(i, t, s) for i, t, s in zip(ids, texts, sections)]
    options = replace(Options(), seed=args.seed, campaign_min_size=args.campaign_min_size, vectors=args.vectors,
                      progress=len(comments) > LONG_INPUT, llm_endpoint=args.llm_endpoint or None,
                      llm_model=args.llm_model, llm_api_key=os.environ.get("NLP_LLM_API_KEY") or None)
    analysis = nlp.analyse(comments, options)
    labels = {t.id: t.label for t in analysis.themes}
    if args.output.lower().endswith((".csv", ".jsonl", ".ndjson")):
        write_rows(args.output, [
            {"id": c.id, "section": c.section, "language": c.language, "sentiment": c.sentiment.label,
             "sentiment_score": c.sentiment.score, "theme_id": c.theme_id, "theme_label": labels.get(c.theme_id or ""),
             "duplicate_group": c.duplicate_group, "campaign_id": c.campaign_id}
            for c in analysis.comments
        ])
    else:
        Path(args.output).write_text(json.dumps(asdict(analysis), ensure_ascii=False, indent=1), encoding="utf-8")
    for theme in analysis.themes:
        section = f"[{theme.section}] " if theme.section else ""
        print(f"{section}{theme.label} ({theme.size}): {'; '.join(theme.key_phrases)}")
        if theme.abstract:
            print(f"    {theme.abstract}")
    for camp in analysis.campaigns:
        print(f"kampania {camp.id} ({camp.size}): {camp.template[:100]}")
    for warning in analysis.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def _batched(texts: list[str], what: str) -> Any:
    from tqdm import tqdm

    bar = tqdm(total=len(texts), desc=what, unit="text", disable=len(texts) <= LONG_INPUT, file=sys.stderr)
    for start in range(0, len(texts), BATCH):
        yield start, texts[start : start + BATCH]
        bar.update(min(BATCH, len(texts) - start))
    bar.close()


def cmd_redact(args: argparse.Namespace) -> int:
    import nlp

    rows = read_rows(args.input)
    texts = column(rows, args.text_column if args.input.endswith((".csv",) + JSONL) else "text", args.input)
    assert texts is not None
    out: list[dict[str, Any]] = []
    for start, batch in _batched(texts, "redact"):
        for row, text in zip(rows[start:], batch):
            redacted, spans = nlp.redact(text, args.language)
            out.append(dict(row) | {"redacted": redacted, "spans": [asdict(s) for s in spans]})
    if args.input.endswith(".txt") or args.input == "-":
        if args.output in (None, "-"):
            sys.stdout.write(out[0]["redacted"])
        else:
            Path(args.output).write_text(out[0]["redacted"], encoding="utf-8")
        return 0
    write_rows(args.output or "-", out)
    return 0


def cmd_sentiment(args: argparse.Namespace) -> int:
    import nlp

    rows = read_rows(args.input)
    texts = column(rows, args.text_column if args.input.endswith((".csv",) + JSONL) else "text", args.input)
    assert texts is not None
    out: list[dict[str, Any]] = []
    for start, batch in _batched(texts, "sentiment"):
        for row, result in zip(rows[start:], nlp.sentiment(batch)):
            out.append(dict(row) | {"sentiment": result.label, "score": result.score})
    write_rows(args.output or "-", out)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m nlp", description="Analyse consultation comments offline.")
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("analyse", aliases=["analyze"], help="themes, campaigns, languages, sentiment")
    a.add_argument("input", help="comments: .csv, or .jsonl (one JSON object per line)")
    a.add_argument("-o", "--output", required=True, help=".json (everything), .csv or .jsonl (per comment)")
    a.add_argument("--text-column", default="text")
    a.add_argument("--id-column", default="id", help="default: 'id' if present, else the row number")
    a.add_argument("--section-column", default=None)
    a.add_argument("--seed", type=int, default=0)
    a.add_argument("--campaign-min-size", type=int, default=Options().campaign_min_size)
    a.add_argument("--vectors", choices=["tfidf", "use", "e5"], default="tfidf",
                   help="use/e5: sentence embeddings from an optional package (better themes, slower)")
    a.add_argument("--llm-endpoint", default="", help="OpenAI-compatible chat-completions URL for abstractive "
                   "theme summaries (off by default; the key, if any, from NLP_LLM_API_KEY)")
    a.add_argument("--llm-model", default="", help="the model's name at that endpoint")
    a.set_defaults(func=cmd_analyse)
    for name, func, what in (("redact", cmd_redact, "replace personal data by placeholders"),
                             ("sentiment", cmd_sentiment, "sentiment label and score per text")):
        s = sub.add_parser(name, help=what)
        s.add_argument("input", help=".txt, .csv or .jsonl; '-' reads text from stdin")
        s.add_argument("-o", "--output", default=None, help=".csv or .jsonl (default: JSON Lines on stdout)")
        s.add_argument("--text-column", default="text")
        if name == "redact":
            s.add_argument("--language", default="pl")
        s.set_defaults(func=func)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 2 bad input or arguments)."""
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # e.g. the output directory does not exist
        print(f"error: {exc.filename or ''}: {exc.strerror}", file=sys.stderr)
        return 2
