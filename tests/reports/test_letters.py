"""Form letters in every format of the report: their text, number of copies and other wordings, and
the office's position with its justification — read back from the stored files."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path

import jsonschema
from openpyxl import load_workbook

from consult.comments.tables import Comment
from consult.lib.clock import now
from consult.reports import redaction, services
from consult.reports.formats import opendata
from consult.reports.formats.opendata import schema
from consult.review.tables import Campaign, Position
from tests.reports.conftest import SLUG, Seeded, pl

TEXT = "Podpisuję apel"
ANSWER = "Apel uwzględniono w części: kluby seniora zostaną dopisane do celu 3.2."


async def _one_position_for_the_letter(s: Seeded) -> None:
    await Campaign.update({Campaign.variants: ["Podpisuję apel!", "Podpisuję ten apel"]}).where(
        Campaign.consultation == s.consultation_id)
    for key in ("campaign1", "campaign2", "campaign3"):
        cid = (await Comment.select(Comment.id).where(Comment.reference == s.refs[key]).first())["id"]
        await Position.delete().where(Position.comment == cid)
        await Position.insert(Position(comment=cid, consultation=s.consultation_id, value="partly", justification=ANSWER))


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[\u2010\u00ad-]\n", "", text))


async def test_every_format_shows_the_letter_text_size_wordings_and_position(seeded_sqlite: Seeded, tmp_path: Path) -> None:
    s = seeded_sqlite
    await _one_position_for_the_letter(s)
    await redaction.suggest_missing(s.consultation_id)
    await redaction.confirm_all(s.official, s.consultation_id, s.office_id, now())
    await services.publish(s.head, SLUG, "", True, now())
    files = {fmt: (await services.stored_file(SLUG, 1, fmt))[0] for fmt in ("html", "pdf", "xlsx", "csv", "json")}
    partly = pl("partly accepted")
    refs = [s.refs[f"campaign{i}"] for i in (1, 2, 3)]

    html = files["html"].decode()
    part = html.split('id="part-campaigns"', 1)[1].split("</section>", 1)[0]
    assert "Apel 1" in part and "3 egzemplarze" in part and "2 inne sformułowania" in part
    assert TEXT in part and f"{partly} — {ANSWER}" in part and all(r in part for r in refs)
    assert "apel-seniorzy" not in html  # the analysis' code is not for people
    assert 'href="#letter-1"' in html  # the table's row leads to the letter

    path = tmp_path / "raport.pdf"
    path.write_bytes(files["pdf"])
    text = _plain(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout)
    letters = text.rsplit(pl("Form letters"), 1)[1]
    for expected in ("Apel 1", "3 egzemplarze", "2 inne sformułowania", TEXT, partly, "kluby seniora zostaną dopisane",
                     *refs):
        assert expected in letters, expected
    assert "apel-seniorzy" not in text

    wb = load_workbook(io.BytesIO(files["xlsx"]))
    sheet = wb[pl("Form letters")[:31]]
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]]))
    assert row[pl("Text of the form letter")] == TEXT and row[pl("Number of copies")] == 3
    assert row[pl("Other wordings")] == 2 and row[pl("Office's position")] == partly
    assert row[pl("Justification of the position")] == ANSWER and all(r in row[pl("Reference numbers")] for r in refs)

    table = list(csv.reader(io.StringIO(files["csv"].decode("utf-8-sig")), delimiter=";"))
    letter_rows = [dict(zip(table[0], r)) for r in table[1:] if r[table[0].index(pl("Form letter: number"))]]
    assert len(letter_rows) == 1
    letter = letter_rows[0]
    assert letter[pl("Form letter: number of copies")] == "3" and letter[pl("Form letter: other wordings")] == "2"
    assert letter[pl("Office's position")] == partly and letter[pl("Justification of the position")] == ANSWER

    data = json.loads(files["json"])
    jsonschema.validate(data, schema())
    (g,) = data["statistics"]["campaigns"]
    assert (g["number"], g["template"], g["size"], g["variants"]) == (1, TEXT, 3, 2)
    assert (g["position"], g["position_label"], g["position_justification"]) == ("partly", partly, ANSWER)
    row = next(c for c in data["comments"] if c["campaign_size"])
    assert (row["campaign_number"], row["position"], row["position_justification"]) == (1, "partly", ANSWER)


async def test_a_letter_whose_copies_got_different_positions_says_so(seeded_sqlite: Seeded) -> None:
    s = seeded_sqlite
    await _one_position_for_the_letter(s)
    third = (await Comment.select(Comment.id).where(Comment.reference == s.refs["campaign3"]).first())["id"]
    await Position.update({Position.value: "rejected", Position.justification: "Nie"}).where(Position.comment == third)
    report = await services.build_report(SLUG, now())
    data = json.loads(opendata.render(report))
    jsonschema.validate(data, schema())
    (g,) = data["statistics"]["campaigns"]
    assert g["position"] == "mixed" and g["position_label"] == pl("different positions")
    assert {c["key"]: c["count"] for c in g["positions"]} == {"partly": 2, "rejected": 1}
