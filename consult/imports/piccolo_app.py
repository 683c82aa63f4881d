"""Piccolo app of the import feature: its tables and migrations."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

from consult.imports.tables import ImportDraft, SectionCorrection, SectionLink

APP_CONFIG = AppConfig(
    app_name="imports",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[ImportDraft, SectionLink, SectionCorrection],
    migration_dependencies=["consult.consultations.piccolo_app", "consult.accounts.piccolo_app"],
    commands=[],
)
