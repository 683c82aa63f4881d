"""Piccolo app of the page stamp: its table, its triggers and migrations."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

from consult.cache.tables import PageStamp, SharedEntry

APP_CONFIG = AppConfig(
    app_name="cache",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[PageStamp, SharedEntry],
    migration_dependencies=["consult.consultations.piccolo_app", "consult.comments.piccolo_app",
                            "consult.imports.piccolo_app", "consult.reports.piccolo_app"],
    commands=[],
)
