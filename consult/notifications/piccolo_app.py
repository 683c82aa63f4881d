"""Piccolo app of the notifications feature: its tables and migrations."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

from consult.notifications.tables import MailRun, SentNotice, Subscription

APP_CONFIG = AppConfig(
    app_name="notifications",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[Subscription, SentNotice, MailRun],
    migration_dependencies=["consult.comments.piccolo_app", "consult.accounts.piccolo_app", "consult.review.piccolo_app"],
    commands=[],
)
