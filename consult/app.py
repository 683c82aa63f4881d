"""create_app(): routers, plugins, templates, static files, CSRF, errors, database: wiring only."""

from __future__ import annotations

from contextlib import asynccontextmanager
from collections.abc import AsyncIterator

from jinja2 import Environment, FileSystemLoader, select_autoescape
from litestar import Litestar
from litestar.config.csrf import CSRFConfig
from litestar.exceptions import HTTPException
from litestar.openapi.config import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.plugins.htmx import HTMXPlugin
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig

from consult.accounts.controllers import AccountPages
from consult.admin.controllers import AdminPages
from consult.accounts.middleware import SessionMiddleware
from consult.comments.api import CommentsApi
from consult.comments.controllers import CommentPages
from consult.consultations.api import ConsultationsApi
from consult.consultations.controllers import ConsultationPages
from consult.audit.controllers import AuditPages
from consult.lib import templating
from consult.lib.inputs import InputGuard
from consult.lib.errors import http_exception_handler, internal_error_handler
from consult.lib.security import add_security_headers, csrf_middleware, rate_limits
from consult.lib.stores import shared_stores
from consult.lib.web import LocaleMiddleware
from consult.moderation.controllers import FlagPages, ModerationPages
from consult.notifications.controllers import UnsubscribePages
from consult.outcomes.controllers import ChangeLinkPages, LookupPages
from consult.outcomes.services import example_reference as reference_example
from consult.suggestions.controllers import SuggestionPages
from consult.panel.controllers import PanelPages
from consult.privacy.controllers import PrivacyPages
from consult.review.controllers import ReviewPages
from consult.reports.controllers import ReportPages, ReportPanel
from consult.imports.controllers import ImportPages
from consult.jobs.inprocess import in_process_worker
from consult.settings import get_settings

# Each feature registers its kinds of background run with consult.jobs; the in-app worker takes them in
# this order (an analysis first, then a report publication, then a mailing).
import consult.review.jobs  # noqa: E402,F401
import consult.reports.jobs  # noqa: E402,F401
import consult.notifications.jobs  # noqa: E402,F401


@asynccontextmanager
async def database_pool(app: Litestar) -> AsyncIterator[None]:
    """Keep database connections open for the app's life (asyncpg's pool; pooled SQLite connections)."""
    from consult.db import open_pool

    async with open_pool():
        yield


def create_app() -> Litestar:
    """The consult web application, configured from consult.settings."""
    settings = get_settings()
    environment = Environment(
        loader=FileSystemLoader(settings.templates_dir),
        autoescape=select_autoescape(default=True, default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    templating.configure(environment)
    environment.globals["reference_example"] = reference_example
    return Litestar(
        route_handlers=[
            ConsultationPages,
            CommentPages,
            ConsultationsApi,
            CommentsApi,
            AccountPages,
            PanelPages,
            AdminPages,
            ReviewPages,
            ModerationPages,
            FlagPages,
            AuditPages,
            PrivacyPages,
            ReportPages,
            ReportPanel,
            ImportPages,
            LookupPages,
            ChangeLinkPages,
            UnsubscribePages,
            SuggestionPages,
            create_static_files_router(path="/static", directories=[settings.static_dir], name="static"),
        ],
        template_config=TemplateConfig(instance=JinjaTemplateEngine.from_environment(environment)),
        plugins=[HTMXPlugin()],
        middleware=[LocaleMiddleware(), InputGuard(), SessionMiddleware(),
                    *(limit.middleware for limit in rate_limits()),
                    # After the input guard, so that the form it reads is the cleaned one.
                    csrf_middleware(CSRFConfig(
                        secret=settings.secret_key,
                        cookie_name="csrftoken",
                        header_name="x-csrftoken",
                        cookie_samesite="lax",
                        cookie_httponly=False,  # htmx reads nothing from it: the token is rendered into pages
                        cookie_secure=settings.secure_cookies,
                        # Static files set no token cookie: the page's own token is the one its forms carry.
                        exclude=["/api/", "/static/", "/favicon.ico"],
                    ))],
        exception_handlers={HTTPException: http_exception_handler, Exception: internal_error_handler},
        openapi_config=OpenAPIConfig(
            title="consult API",
            version="1.0.0",
            description="Public consultations: read drafts and comments, submit a comment.",
            path="/schema",
            render_plugins=[JsonRenderPlugin()],
        ),
        before_send=[add_security_headers],
        stores=shared_stores(),  # rate limits counted in the database: the same in every app process
        lifespan=[database_pool, in_process_worker],
        request_max_body_size=1024 * 1024,
        debug=settings.debug,
    )
