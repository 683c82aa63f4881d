"""Piccolo app of the moderation feature: its tables and migrations."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

from consult.moderation.tables import Flag, ModerationDecision

APP_CONFIG = AppConfig(
    app_name="moderation",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Flag, ModerationDecision],
    migration_dependencies=["consult.comments.piccolo_app", "consult.accounts.piccolo_app"],
    commands=[],
)
