"""Piccolo's configuration: the engine chosen by consult.settings and the apps it migrates."""

from __future__ import annotations

from piccolo.conf.apps import AppRegistry

from consult.db import make_engine

DB = make_engine()

APP_REGISTRY = AppRegistry(
    apps=[
        "consult.consultations.piccolo_app",
        "consult.comments.piccolo_app",
        "consult.accounts.piccolo_app",
        "consult.moderation.piccolo_app",
        "consult.audit.piccolo_app",
        "consult.review.piccolo_app",
        "consult.reports.piccolo_app",
        "consult.imports.piccolo_app",
        "consult.cache.piccolo_app",
        "consult.notifications.piccolo_app",
        "consult.outcomes.piccolo_app",
    ]
)
