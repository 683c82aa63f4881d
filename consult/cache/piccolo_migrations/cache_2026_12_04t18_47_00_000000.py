"""The page stamp's one row, and the triggers that raise it on every change public pages show."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-04T18:47:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "page stamp triggers"

TABLES = ["comment", "support", "office", "consultation", "document", "section", "section_link", "report_version"]

POSTGRES_UP = [
    "INSERT INTO page_stamp (version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM page_stamp)",
    """CREATE OR REPLACE FUNCTION page_stamp_bump() RETURNS trigger AS $$
    BEGIN
        UPDATE page_stamp SET version = version + 1;
        RETURN NULL;
    END;
    $$ LANGUAGE plpgsql""",
    *(f"CREATE TRIGGER {t}_page_stamp AFTER INSERT OR UPDATE OR DELETE ON {t} "
      "FOR EACH STATEMENT EXECUTE FUNCTION page_stamp_bump()" for t in TABLES),
]
POSTGRES_DOWN = [*(f"DROP TRIGGER IF EXISTS {t}_page_stamp ON {t}" for t in TABLES),
                 "DROP FUNCTION IF EXISTS page_stamp_bump()"]
SQLITE_UP = [
    "INSERT INTO page_stamp (version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM page_stamp)",
    *(f"CREATE TRIGGER {t}_page_stamp_{event.lower()} AFTER {event} ON {t} "
      "BEGIN UPDATE page_stamp SET version = version + 1; END"
      for t in TABLES for event in ("INSERT", "UPDATE", "DELETE")),
]
SQLITE_DOWN = [f"DROP TRIGGER IF EXISTS {t}_page_stamp_{event.lower()}"
               for t in TABLES for event in ("INSERT", "UPDATE", "DELETE")]


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="cache", description=DESCRIPTION)

    async def up() -> None:
        engine = engine_finder()
        assert engine is not None
        for statement in POSTGRES_UP if engine.engine_type == "postgres" else SQLITE_UP:
            await engine._run_in_new_connection(statement)

    async def down() -> None:
        engine = engine_finder()
        assert engine is not None
        for statement in POSTGRES_DOWN if engine.engine_type == "postgres" else SQLITE_DOWN:
            await engine._run_in_new_connection(statement)

    manager.add_raw(up)
    manager.add_raw_backwards(down)
    return manager
