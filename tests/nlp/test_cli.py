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
        # An unclosed quote would swallow every row after it: the line where it opened is named.
        ('id,text\n1,ok\n2,"otwarty\n3,dalej\n4,koniec\n'.encode(), [], "bad.csv:3: a quote opened on this line is never closed"),
        ('id,text\n1,"dwie\nlinie"\n2,"otwarty\n3,dalej\n4,"x"\n'.encode(), [], "bad.csv:4: a quote opened on this line closes only on line 6"),
        ('id,text\n1,"ok"x\n'.encode(), [], "bad.csv:2: invalid CSV"),
        ("id;text\n1;abc\n".encode(), ["--delimiter", ","], "available: id;text"),
    ],
)
def test_bad_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, args: list[str],
                 message: str) -> None:
    src = tmp_path / "bad.csv"
    if content is not None:
        src.write_bytes(content)
    assert main(["analyse", str(src), "-o", str(tmp_path / "o.json"), *args]) == 2
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if not line.endswith("--delimiter chooses another")]
    assert len(errors) == 1 and errors[0].startswith("error:") and message in err and "Traceback" not in err
    assert not (tmp_path / "o.json").exists()


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


def test_line_breaks_inside_quoted_fields_are_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_csv(tmp_path / "m.csv", [{"id": "1", "text": "Linia A\r\nLinia B, tel. 600 123 456"},
                                           {"id": "2", "text": "Pierwszy akapit.\n\nDrugi akapit."}])
    out = tmp_path / "r.csv"
    assert main(["redact", str(src), "-o", str(out)]) == 0
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["redacted"] for r in rows] == ["Linia A\r\nLinia B, tel. [TELEFON]", "Pierwszy akapit.\n\nDrugi akapit."]
    assert main(["redact", str(src)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[1]["text"] == "Pierwszy akapit.\n\nDrugi akapit."


def test_analysis_and_summaries_keep_line_breaks(tmp_path: Path) -> None:
    # Every comment broken over lines at its first space: glued words ("Miejsca" + "Aktywności") must not appear.
    rows, glued = [], set()
    for k, texts in THEMES.items():
        for i, t in enumerate(texts):
            head, tail = t.split(" ", 1)
            rows.append({"id": f"{k}{i}", "text": f"{head}\r\n{tail}"})
            glued.add(head + tail.split(" ", 1)[0])
    src = write_csv(tmp_path / "m.csv", rows)
    out = tmp_path / "a.json"
    assert main(["analyse", str(src), "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    words = json.dumps([[t["label"], t["key_phrases"], t["summary"]] for t in data["themes"]], ensure_ascii=False)
    assert data["themes"] and any(t["summary"] for t in data["themes"])
    assert not [g for g in glued if g in words]


@pytest.mark.parametrize(("separator", "name"), [(";", "semicolon"), ("\t", "tab"), (",", "comma")])
def test_separator_detected_and_named(tmp_path: Path, capsys: pytest.CaptureFixture[str], separator: str,
                                      name: str) -> None:
    src = tmp_path / "excel.csv"
    # What Excel in Polish writes: semicolons, CRLF, a BOM, commas inside the text, a quoted multi-line field.
    src.write_bytes(("\ufeffid{0}text\r\n1{0}\"Ławki, kosze i drzewa\"\r\n2{0}\"Dwie\r\nlinie; tak\"\r\n"
                     .format(separator)).encode())
    assert main(["redact", str(src)]) == 0
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert [(r["id"], r["text"]) for r in rows] == [("1", "Ławki, kosze i drzewa"), ("2", "Dwie\r\nlinie; tak")]
    assert f"separator {name}" in captured.err


def test_delimiter_option_and_a_bad_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "t.csv"
    src.write_text("text|id\na;b|1\n", encoding="utf-8")
    assert main(["redact", str(src), "--delimiter", "|"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["text"] == "a;b" and "separator" not in captured.err
    with pytest.raises(SystemExit) as exc:
        main(["redact", str(src), "--delimiter", "ab"])
    assert exc.value.code == 2 and "not a separator" in capsys.readouterr().err


def test_field_longer_than_the_csv_default_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    long_text = ("Słowo " * 30_000).strip()  # 180,000 characters; the csv module refuses fields over 131,072
    src = write_csv(tmp_path / "long.csv", [{"text": long_text}, {"text": "krótki"}])
    assert main(["redact", str(src)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [len(r["text"]) for r in rows] == [len(long_text), 6]


def test_json_lines_split_only_at_newlines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "c.jsonl"
    src.write_text(json.dumps({"text": "a\u2028b"}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["redact", str(src)]) == 0
    assert json.loads(capsys.readouterr().out)["text"] == "a\u2028b"


def test_piping_into_head_exits_quietly(tmp_path: Path) -> None:
    src = tmp_path / "many.txt"
    src.write_text("".join(f"Linia {i}: tel. 600 123 456, proszę o kontakt.\n" for i in range(5_000)), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "nlp", "redact", str(src)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # what `head -1` does after its line
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert first.startswith(b"Linia 0: tel. [TELEFON]") and err == ""
