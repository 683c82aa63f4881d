"""Officials' corrections of detected sections (numbers, titles, kinds), remembered per consultation
and applied again to the next version's file wherever a section is detected the same way."""

from __future__ import annotations

import hashlib

from consult.imports.schemas import FlatSection
from consult.imports.tables import SectionCorrection


def _digest(number: str, title: str) -> str:
    return hashlib.sha256(f"{number}\n{title}".encode()).hexdigest()[:40]


def mark_detected(flat: list[FlatSection]) -> None:
    """Note on each section how the file had it, before anyone corrects it."""
    for section in flat:
        section.detected = [section.number, section.title, section.kind]


async def apply_corrections(consultation_id: int, flat: list[FlatSection]) -> int:
    """Give the sections detected as an earlier version's were the corrections made to those;
    returns how many sections changed."""
    rows = await SectionCorrection.select().where(SectionCorrection.consultation == consultation_id)
    by_key = {(r["detected_number"], r["detected_title"]): r for r in rows}
    applied = 0
    for section in flat:
        found = by_key.get((section.number, section.title))
        if found is None:
            continue
        corrected = (found["number"], found["title"], found["kind"] or section.kind)
        if corrected != (section.number, section.title, section.kind):
            section.number, section.title, section.kind = corrected
            applied += 1
    return applied


async def remember_corrections(consultation_id: int, flat: list[FlatSection]) -> None:
    """Keep how each saved section differs from its detection (and forget a correction undone)."""
    for section in flat:
        if len(section.detected) != 3:
            continue
        number, title, kind = section.detected
        key = f"{consultation_id}:{_digest(number, title)}"
        if (section.number, section.title, section.kind) == (number, title, kind):
            await SectionCorrection.delete().where(SectionCorrection.key == key)
            continue
        values = {SectionCorrection.number: section.number, SectionCorrection.title: section.title,
                  SectionCorrection.kind: section.kind}
        if await SectionCorrection.exists().where(SectionCorrection.key == key):
            await SectionCorrection.update(values).where(SectionCorrection.key == key)
        else:
            await SectionCorrection.insert(SectionCorrection(
                consultation=consultation_id, key=key, detected_number=number[:32], detected_title=title[:500],
                number=section.number, title=section.title, kind=section.kind))
