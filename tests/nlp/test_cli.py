"""python -m nlp on good and bad files: clear one-line errors, never a traceback."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from nlp.cli import main
from tests.nlp.conftest import THEMES

ROOT = Path(__file__).resolve().parents[2]


def write_csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_analyse_csv_to_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [{"id": f"{k}{i}", "tekst": t, "rozdział": "A" if k in ("mal", "work") else "B"}
            for k, texts in THEMES.items() for i, t in enumerate(texts)]
    src = write_csv(tmp_path / "c.csv", rows)
    out = tmp_path / "a.json"
    assert main(["analyse", str(src), "--text-column", "tekst", "--section-column", "rozdział", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {t["section"] for t in data["themes"]} == {"A", "B"}
    assert {c["id"] for c in data["comments"]} == {r["id"] for r in rows}
    assert "aktywności lokalnej" in capsys.readouterr().out.lower()


def test_analyse_jsonl_in_and_out_one_comment(tmp_path: Path) -> None:
    src = tmp_path / "c.jsonl"
    src.write_text(json.dumps({"text": "Więcej ławek w parku."}, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "r.jsonl"
    assert main(["analyse", str(src), "-o", str(out)]) == 0
    [line] = out.read_text(encoding="utf-8").splitlines()
    row = json.loads(line)
    assert row["id"] == "1" and row["language"] == "pl" and row["theme_id"]


def test_one_language_only_and_all_identical(tmp_path: Path) -> None:
    src = write_csv(tmp_path / "same.csv", [{"text": "Więcej zieleni w mieście!"} for _ in range(11)])
    out = tmp_path / "r.csv"
    assert main(["analyse", str(src), "-o", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 11 and {r["language"] for r in rows} == {"pl"} and len({r["campaign_id"] for r in rows}) == 1


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (None, [], "no such file"),
        (b"", [], "empty"),
        (b"id,text\n", [], "no rows"),
        ("id,text\n1,abc\n".encode(), ["--text-column", "tresc"], "available: id, text"),
        ("id,text\n1,zażółć\n".encode("cp1250"), [], "not UTF-8"),
    ],
)
def test_bad_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, args: list[str],
                 message: str) -> None:
    src = tmp_path / "bad.csv"
    if content is not None:
        src.write_bytes(content)
    assert main(["analyse", str(src), "-o", str(tmp_path / "o.json"), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and err.count("\n") == 1


def test_invalid_json_lines_names_the_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "bad.jsonl"
    src.write_text('{"text": "ok"}\n{"text": \n', encoding="utf-8")
    assert main(["sentiment", str(src)]) == 2
    assert "bad.jsonl:2: invalid JSON" in capsys.readouterr().err


def test_sentiment_and_redact_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_csv(tmp_path / "s.csv", [{"text": "Świetny pomysł, dziękuję!"}, {"text": "Fatalny, zły projekt."}])
    out = tmp_path / "s.jsonl"
    assert main(["sentiment", str(src), "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in rows] == ["Świetny pomysł, dziękuję!", "Fatalny, zły projekt."]
    assert all(r["sentiment"] in ("positive", "negative", "neutral") for r in rows)
    txt = tmp_path / "r.txt"
    txt.write_text("Piszę z adresu jan.kowalski@example.com", encoding="utf-8")
    assert main(["redact", str(txt)]) == 0
    assert "jan.kowalski@example.com" not in capsys.readouterr().out


def test_module_entry_point_exits_non_zero_without_traceback(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "nlp", "analyse", str(tmp_path / "missing.csv"), "-o", "x.json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and proc.stderr.strip().startswith("error:") and "Traceback" not in proc.stderr
