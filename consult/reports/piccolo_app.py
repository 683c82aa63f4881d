"""Piccolo app of the report feature: its tables and migrations."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

from consult.reports.tables import PublicationRun, Redaction, ReportFacts, ReportFile, ReportVersion, SectionResponse

APP_CONFIG = AppConfig(
    app_name="reports",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[ReportFacts, SectionResponse, Redaction, ReportVersion, ReportFile, PublicationRun],
    migration_dependencies=["consult.comments.piccolo_app", "consult.accounts.piccolo_app", "consult.review.piccolo_app"],
    commands=[],
)
