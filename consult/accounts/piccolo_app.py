"""Piccolo app of the accounts feature: its tables and migrations."""

from pathlib import Path

from piccolo.conf.apps import AppConfig

from consult.accounts.tables import Membership, OutboxMessage, PasswordReset, Session, SignInThrottle, User

APP_CONFIG = AppConfig(
    app_name="accounts",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=[User, Membership, Session, PasswordReset, OutboxMessage, SignInThrottle],
    migration_dependencies=["consult.consultations.piccolo_app"],
    commands=[],
)
