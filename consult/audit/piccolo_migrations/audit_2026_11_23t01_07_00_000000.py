"""Make the audit log append-only: the database itself refuses UPDATE and DELETE."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-23T01:07:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "audit log append-only triggers"

POSTGRES_UP = [
    """CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'the audit log is append-only';
    END;
    $$ LANGUAGE plpgsql""",
    "CREATE TRIGGER audit_entry_no_change BEFORE UPDATE OR DELETE ON audit_entry "
    "FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS audit_entry_no_change ON audit_entry",
    "DROP FUNCTION IF EXISTS audit_entry_append_only()",
]
SQLITE_UP = [
    "CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS audit_entry_no_update", "DROP TRIGGER IF EXISTS audit_entry_no_delete"]


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="audit", description=DESCRIPTION)

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
