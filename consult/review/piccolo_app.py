"""Piccolo app of the review feature: its tables and migrations."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

from consult.review.tables import AnalysisRun, Campaign, CommentAnalysis, Position, Theme

APP_CONFIG = AppConfig(
    app_name="review",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[AnalysisRun, Campaign, Theme, CommentAnalysis, Position],
    migration_dependencies=["consult.comments.piccolo_app", "consult.accounts.piccolo_app"],
    commands=[],
)
