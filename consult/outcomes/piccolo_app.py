"""Piccolo app of the outcomes feature: its tables and migrations."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

from consult.outcomes.tables import CommentChange

APP_CONFIG = AppConfig(
    app_name="outcomes",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[CommentChange],
    migration_dependencies=["consult.comments.piccolo_app", "consult.accounts.piccolo_app"],
    commands=[],
)
