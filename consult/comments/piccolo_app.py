"""Piccolo app of the comments feature: its tables and migrations."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

from consult.comments.tables import Comment, Support

APP_CONFIG = AppConfig(
    app_name="comments",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Comment, Support],
    migration_dependencies=["consult.consultations.piccolo_app"],
    commands=[],
)
