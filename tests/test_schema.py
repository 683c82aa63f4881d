"""Migrations run forward on both engines and produce the columns the tables declare."""

from __future__ import annotations

from piccolo.querystring import QueryString

from consult.comments.tables import Comment
from tests.conftest import TABLES


async def _columns(engine_name: str, table: str) -> set[str]:
    db = Comment._meta.db
    if engine_name == "sqlite":
        rows = await db.run_querystring(QueryString(f"PRAGMA table_info({table})"))
        return {r["name"] for r in rows}
    rows = await db.run_querystring(
        QueryString("SELECT column_name AS name FROM information_schema.columns WHERE table_name = {}", table)
    )
    return {r["name"] for r in rows}


async def test_migrated_schema_matches_tables(db: str) -> None:
    for table in TABLES:
        declared = {c._meta.db_column_name for c in table._meta.columns}
        assert await _columns(db, table._meta.tablename) == declared, table._meta.tablename


async def test_polish_text_round_trips(db: str) -> None:
    from tests.factories import add_comment, make_consultation

    await make_consultation()
    text = "Zażółć gęślą jaźń — «cudzysłów» 🙂 Ґанок і їжак"
    ref = await add_comment("strategia", "3.1", text)
    row = await Comment.select(Comment.remark).where(Comment.reference == ref).first()
    assert row["remark"] == text
