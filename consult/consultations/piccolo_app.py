"""Piccolo app of the consultations feature: its tables and migrations."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

from consult.consultations.tables import Consultation, Document, Office, Section

APP_CONFIG = AppConfig(
    app_name="consultations",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Office, Consultation, Document, Section],
    migration_dependencies=[],
    commands=[],
)
