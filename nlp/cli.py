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


DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}
_DELIMITER_NAMES = {"comma": ",", "semicolon": ";", "tab": "\t", "\\t": "\t", "pipe": "|"}


def delimiter_arg(value: str) -> str:
    """`--delimiter`: one character, or its name (comma, semicolon, tab, pipe)."""
    value = _DELIMITER_NAMES.get(value.lower(), value)
    if len(value) != 1 or value in "\"\r\n" or value.isalnum():
        raise argparse.ArgumentTypeError(f"not a separator: {value!r} (try ',', ';', tab)")
    return value


def _sniff(header: str) -> str:
    """The separator of a header line: csv.Sniffer among , ; tab |, else the most frequent of them, else comma."""
    try:
        return csv.Sniffer().sniff(header, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        counts = {d: header.count(d) for d in DELIMITERS}
        best = max(counts, key=lambda d: counts[d])
        return best if counts[best] else ","


def _quote_opened(path: Path, first_line: int, last_line: int, delimiter: str) -> tuple[int, bool]:
    """Where the quote that went wrong opened, scanning a row from its first line to `last_line`.

    Returns the line of the first quoted field there that runs over a line break (else of the last quote
    opened), and whether a quote is still open at `last_line`'s end.
    """
    with path.open(encoding="utf-8-sig", newline="") as fh:
        text = fh.read()
    pos = 0
    for _ in range(first_line - 1):
        pos = text.find("\n", pos) + 1
    line = opened = first_line
    multiline = 0
    quoted, closed, field_start = False, False, True
    for ch in text[pos:]:
        if quoted:
            if ch == '"':
                quoted, closed = False, True
            elif ch == "\n":
                multiline = multiline or opened
        elif ch == '"' and (field_start or closed):
            quoted = True  # a new quoted field, or the second quote of an escaped '""'
            opened = line if field_start else opened
        else:
            closed = False
        field_start = not quoted and ch in (delimiter, "\n", "\r")
        line += ch == "\n"
        if line > last_line:
            break
    return multiline or opened, quoted


def _read_csv(p: Path, path: str, delimiter: str | None) -> list[dict[str, Any]]:
    """CSV over the file itself (newline=""): line breaks inside quoted fields stay in the text."""
    # A field may be as long as the file; the app's own length rules apply in the app, not here.
    csv.field_size_limit(max(csv.field_size_limit(), p.stat().st_size + 1))
    with p.open(encoding="utf-8-sig", newline="") as fh:
        start = fh.read(65536)
        if not start.strip() and len(start) < 65536:
            raise CliError(f"{path}: the file is empty")
        fh.seek(0)
        header = fh.readline()
        if delimiter is None:
            delimiter = _sniff(header)
            print(f"{path}: separator {DELIMITERS.get(delimiter, repr(delimiter))} ({delimiter!r}); "
                  "--delimiter chooses another", file=sys.stderr)
        fh.seek(0)
        reader = csv.DictReader(fh, delimiter=delimiter, strict=True)
        rows: list[dict[str, Any]] = []
        while True:
            first_line = reader.reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                last_line = reader.reader.line_num
                opened, still_open = _quote_opened(p, first_line, last_line, delimiter)
                if "end of data" in str(exc) or still_open:
                    raise CliError(f"{path}:{opened}: a quote opened on this line is never closed") from None
                if opened < last_line:
                    raise CliError(f"{path}:{opened}: a quote opened on this line closes only on line {last_line}, "
                                   f"where the CSV breaks ({exc}); is a closing quote missing?") from None
                raise CliError(f"{path}:{last_line}: invalid CSV ({exc})") from None
            rows.append(row)
    return rows


def _utf8_error(p: Path, path: str) -> CliError:
    try:
        p.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return CliError(f"{path}: not UTF-8 text (byte {exc.start}); save the file as UTF-8")
    return CliError(f"{path}: not UTF-8 text; save the file as UTF-8")


def read_rows(path: str, delimiter: str | None = None) -> list[dict[str, Any]]:
    """Rows of a CSV or JSON Lines file (by extension); a .txt file or stdin ("-") is one row {"text": …}.

    The CSV separator is `delimiter`, or detected on the header (comma, semicolon, tab, vertical bar) and named
    on stderr.
    """
    p = Path(path)
    if path != "-" and not p.is_file():
        raise CliError(f"{path}: no such file")
    suffix = p.suffix.lower()
    if path != "-" and suffix not in JSONL and suffix != ".txt":
        try:
            rows = _read_csv(p, path, delimiter)
        except UnicodeDecodeError:
            raise _utf8_error(p, path) from None
        if not rows:
            raise CliError(f"{path}: no rows under the header")
        return rows
    try:
        raw = sys.stdin.read() if path == "-" else p.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CliError(f"{path}: not UTF-8 text (byte {exc.start}); save the file as UTF-8") from None
    if not raw.strip():
        raise CliError(f"{path}: the file is empty")
    if suffix in JSONL:
        rows = []
        # Only "\n" ends a JSON line: str.splitlines() would also split at U+2028 inside a string.
        for n, line in enumerate(raw.split("\n"), 1):
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
    return [{"text": raw}]


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


def _is_table(path: str) -> bool:
    """Whether read_rows reads the file as rows with columns (CSV/TSV or JSON Lines), not as one text."""
    return path != "-" and Path(path).suffix.lower() != ".txt"


def cmd_analyse(args: argparse.Namespace) -> int:
    import nlp

    rows = read_rows(args.input, args.delimiter)
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

    rows = read_rows(args.input, args.delimiter)
    texts = column(rows, args.text_column if _is_table(args.input) else "text", args.input)
    assert texts is not None
    out: list[dict[str, Any]] = []
    for start, batch in _batched(texts, "redact"):
        for row, text in zip(rows[start:], batch):
            redacted, spans = nlp.redact(text, args.language)
            out.append(dict(row) | {"redacted": redacted, "spans": [asdict(s) for s in spans]})
    if not _is_table(args.input):
        if args.output in (None, "-"):
            sys.stdout.write(out[0]["redacted"])
        else:
            Path(args.output).write_text(out[0]["redacted"], encoding="utf-8")
        return 0
    write_rows(args.output or "-", out)
    return 0


def cmd_sentiment(args: argparse.Namespace) -> int:
    import nlp

    rows = read_rows(args.input, args.delimiter)
    texts = column(rows, args.text_column if _is_table(args.input) else "text", args.input)
    assert texts is not None
    out: list[dict[str, Any]] = []
    for start, batch in _batched(texts, "sentiment"):
        for row, result in zip(rows[start:], nlp.sentiment(batch)):
            out.append(dict(row) | {"sentiment": result.label, "score": result.score})
    write_rows(args.output or "-", out)
    return 0


_DELIMITER_HELP = "CSV separator: ',', ';', tab, '|' (default: detected on the header and named on stderr)"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m nlp", description="Analyse consultation comments offline.")
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("analyse", aliases=["analyze"], help="themes, campaigns, languages, sentiment")
    a.add_argument("input", help="comments: .csv, or .jsonl (one JSON object per line)")
    a.add_argument("-o", "--output", required=True, help=".json (everything), .csv or .jsonl (per comment)")
    a.add_argument("--text-column", default="text")
    a.add_argument("--delimiter", type=delimiter_arg, default=None, help=_DELIMITER_HELP)
    a.add_argument("--id-column", default="id", help="default: 'id' if present, else the row number")
    a.add_argument("--section-column", default=None)
    a.add_argument("--seed", type=int, default=0)
    a.add_argument("--campaign-min-size", type=int, default=Options().campaign_min_size)
    a.add_argument("--vectors", choices=["tfidf", "use", "e5"], default=Options().vectors,
                   help="theme vectors: use (default, multilingual sentence embeddings), tfidf (lemma TF-IDF, "
                        "the fastest) or e5 (the e5 extra: the best themes, slowest)")
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
        s.add_argument("--delimiter", type=delimiter_arg, default=None, help=_DELIMITER_HELP)
        if name == "redact":
            s.add_argument("--language", default="pl")
        s.set_defaults(func=func)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 2 bad input or arguments)."""
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, and keep Python's exit-time flush of stdout silent too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # e.g. the output directory does not exist
        print(f"error: {exc.filename or ''}: {exc.strerror}", file=sys.stderr)
        return 2
