"""The `consult` command: serve, worker, migrate, backup, restore, demo, seed-demo, report, import, retention."""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys

import uvicorn

from consult.settings import ROOT, get_settings


def migrate() -> None:
    """Bring the configured database's schema up to date with Piccolo's migrations."""
    settings = get_settings()
    if settings.engine == "sqlite":
        settings.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PICCOLO_CONF": "piccolo_conf", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "piccolo.main", "migrations", "forwards", "all"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit("Migrations failed; the database was left as it was.")


def seed_demo() -> None:
    """Add the demo consultations (skipping those already there) and say what was done."""
    from consult.demo.seed import seed_demo as seed
    from consult.lib.clock import now

    report = asyncio.run(seed(now()))
    for slug, count in report.created.items():
        print(f"demo: created {slug} with {count} comments")
    for slug in report.skipped:
        print(f"demo: {slug} already present, left as it is")
    print("demo accounts (password for each: " + report.password + "):")
    for email, role in report.accounts:
        print(f"  {email:40} {role}")


def create_admin(email: str, name: str, password: str | None) -> None:
    """Create the first administrator (or another one); asks for the password if not given."""
    import getpass

    from consult.accounts.services import AccountError, create_user

    if password is None:
        password = getpass.getpass("Hasło / password (min. 10): ")
        if getpass.getpass("Powtórz / again: ") != password:
            raise SystemExit("The passwords are not the same; nothing was created.")
    try:
        user_id = asyncio.run(create_user(email, password, name, is_admin=True))
    except AccountError as error:
        raise SystemExit(f"Not created: {error.message}") from None
    print(f"Administrator {email} created (id {user_id}). Sign in at /logowanie.")


def report(slug: str, out: str) -> None:
    """Write every format of a consultation's report as it stands now (a preview: nothing is published)."""
    from pathlib import Path

    from consult.lib import clock, i18n
    from consult.reports.formats import render_all
    from consult.reports.services import ReportError, build_report

    async def build() -> dict[str, tuple[bytes, str]]:
        token = i18n.set_locale("pl")
        try:
            return render_all(await build_report(slug, clock.now()))
        finally:
            i18n.reset_locale(token)

    try:
        files = asyncio.run(build())
    except ReportError as error:
        raise SystemExit(f"No report: {error.message}") from None
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for fmt, (content, _media) in files.items():
        (folder / f"raport-{slug}.{fmt}").write_bytes(content)
        print(f"{folder / f'raport-{slug}.{fmt}'}  {len(content):,} bytes")


def retention(months: int | None, dry_run: bool) -> None:
    """Anonymise the submitters of consultations whose report is older than N months."""
    from consult.privacy import services

    months = services.retention_months() if months is None else months
    count = asyncio.run(services.retention(months, services.now(), dry_run))
    verb = "would be anonymised" if dry_run else "anonymised"
    print(f"{count} comment(s) {verb} (reports published more than {months} months ago).")


def worker(concurrency: int) -> None:
    """Run analysis workers through procrastinate (PostgreSQL); more can run on other machines."""
    settings = get_settings()
    if settings.engine != "postgres":
        raise SystemExit("Workers need PostgreSQL (DATABASE_URL); on SQLite the app runs the analysis itself.")
    import consult.app  # noqa: F401 — the wiring: each feature registers its kinds of run
    from consult.db import open_pool
    from consult.jobs.procrastinate_app import app, ensure_schema, install, watch

    queues = install()

    async def run() -> None:
        async with open_pool(), app.open_async():
            await ensure_schema()
            print(f"consult worker: waiting for runs on the queues {', '.join(queues)} (concurrency {concurrency})",
                  flush=True)
            watcher = asyncio.create_task(watch())
            try:
                await app.run_worker_async(queues=queues, concurrency=concurrency)
            finally:
                watcher.cancel()

    asyncio.run(run())


def import_draft(path: str, slug: str, new: bool, title: str, office: str, note: str) -> None:
    """Import a draft file as a new version of a consultation (or, with --new, a new one in draft)."""
    from pathlib import Path

    from consult.imports.parsers import ImportFailure
    from consult.imports.services import FormErrors, import_file
    from consult.lib import i18n

    file = Path(path)
    if not file.is_file():
        raise SystemExit(f"Not imported: no file {path}.")
    if new and not (title and office):
        raise SystemExit("Not imported: --new needs --title and --office (the office's name or id).")
    token = i18n.set_locale("pl")
    try:
        saved = asyncio.run(import_file(file.name, file.read_bytes(), slug, new=new, title=title, office=office, note=note))
    except ImportFailure as error:
        raise SystemExit("Not imported: " + i18n.gettext(error.message) % error.values) from None
    except FormErrors as error:
        raise SystemExit("Not imported: " + "; ".join(i18n.gettext(m) for m in error.errors.values())) from None
    finally:
        i18n.reset_locale(token)
    print(f"{slug}: version {saved.version} saved with {saved.sections} sections "
          f"({saved.matched} matched to the previous version, {saved.unmatched} of its sections unmatched).")


class _NoDelayConfig(uvicorn.Config):
    """uvicorn's configuration whose listening socket names TCP (see run_uvicorn)."""

    def bind_socket(self):  # type: ignore[no-untyped-def]
        import socket

        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((self.host, self.port))
        except OSError as exc:
            raise SystemExit(f"consult: cannot listen on {self.host}:{self.port}: {exc}") from None
        sock.set_inheritable(True)
        return sock


def default_workers() -> int:
    """Worker processes fitted to the machine: one per core, at most 4 (CONSULT_WORKERS overrides)."""
    configured = get_settings().serve_workers
    return configured if configured > 0 else max(1, min(os.cpu_count() or 1, 4))


def serve(host: str, port: int, workers: int | None = None, access_log: bool = False, reload: bool = False) -> None:
    """Run the web application with uvicorn, in `workers` processes sharing the port."""
    workers = default_workers() if workers is None else max(1, workers)
    print(f"consult is running at http://{host}:{port}/ in {workers} process(es)  (Ctrl+C stops it)", flush=True)
    if reload:
        uvicorn.run("consult.asgi:app", host=host, port=port, reload=True, log_level="info", access_log=access_log,
                    proxy_headers=False)
        return
    run_uvicorn("consult.asgi:app", host, port, workers, access_log)


def run_uvicorn(app: str, host: str, port: int, workers: int, access_log: bool = False,
                log_level: str = "info") -> None:
    """uvicorn in `workers` processes on one listening socket, with TCP_NODELAY on every connection.

    uvicorn's own socket for several workers is made without naming TCP, so asyncio does not
    switch Nagle's algorithm off on the connections it accepts, and every answer written in two
    parts waited for the client's delayed ACK (about 40 ms a request on Linux)."""
    from uvicorn.supervisors import Multiprocess

    # proxy_headers=False: the app reads X-Forwarded-For itself, from CONSULT_TRUSTED_PROXIES only.
    config = _NoDelayConfig(app, host=host, port=port, workers=workers, log_level=log_level, access_log=access_log,
                            proxy_headers=False)
    if workers > 1:
        Multiprocess(config, sockets=[config.bind_socket()]).run()
    else:
        uvicorn.Server(config).run()


def backup_or_restore(command: str, file: str, confirmed: bool) -> None:
    """Write the database to a file, or replace its content by one (after --yes)."""
    from pathlib import Path

    from consult.backup import BackupError, backup, restore

    if command == "restore" and not confirmed:
        raise SystemExit("Restoring replaces everything stored now by the backup's content; "
                         "stop the app and the workers, then run again with --yes.")
    try:
        print(backup(Path(file)) if command == "backup" else restore(Path(file)))
    except BackupError as error:
        raise SystemExit(f"Not done: {error}") from None
    if command == "restore":
        migrate()  # a backup of an older release is brought up to this one's schema


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `consult` command."""
    parser = argparse.ArgumentParser(prog="consult", description="Public consultations for Polish cities.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in (("serve", "run the web application"), ("demo", "migrate, add the demo data and serve")):
        p = sub.add_parser(name, help=text)
        p.add_argument("--host", default="127.0.0.1")
        p.add_argument("--port", type=int, default=8000)
        p.add_argument("--workers", type=int, default=None,
                       help="processes serving requests (default: CONSULT_WORKERS, else min(cores, 4))")
        p.add_argument("--access-log", action="store_true", help="log every request (off: a proxy in front logs them)")
    sub.add_parser("migrate", help="apply database migrations")
    admin = sub.add_parser("create-admin", help="create an administrator account")
    admin.add_argument("--email", required=True)
    admin.add_argument("--name", default="")
    admin.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    sub.add_parser("seed-demo", help="add the demo consultations and comments")
    rep = sub.add_parser("report", help="write a preview of a consultation's report in every format")
    rep.add_argument("slug")
    rep.add_argument("--out", default=".")
    keep = sub.add_parser("retention", help="anonymise submitters N months after a consultation's report")
    keep.add_argument("--months", type=int, default=None, help="default: CONSULT_RETENTION_MONTHS or 12")
    keep.add_argument("--dry-run", action="store_true", help="only count")
    imp = sub.add_parser("import", help="import a draft file (DOCX, ODT, PDF, HTML, Markdown) as a new version")
    imp.add_argument("file")
    imp.add_argument("--consultation", required=True, help="the consultation's slug")
    imp.add_argument("--new", action="store_true", help="create the consultation (a draft) instead of a new version")
    imp.add_argument("--title", default="", help="title of the new consultation (or of the document)")
    imp.add_argument("--office", default="", help="with --new: the responsible office's name or id")
    imp.add_argument("--note", default="", help="what changed in this version")
    dump = sub.add_parser("backup", help="write the whole database to one file (SQLite backup API / pg_dump)")
    dump.add_argument("file", help="where to write it, e.g. var/backup-2026-12-04.sqlite3 or .pgdump")
    load = sub.add_parser("restore", help="replace the database's content by a backup made with `consult backup`")
    load.add_argument("file")
    load.add_argument("--yes", action="store_true", help="confirm: everything stored now is replaced")
    work = sub.add_parser("worker", help="run analysis workers (PostgreSQL, procrastinate)")
    work.add_argument("--concurrency", type=int, default=1)
    args = parser.parse_args(argv)
    try:
        get_settings()  # a wrong setting in the environment: one line saying which, not a traceback
    except RuntimeError as exc:
        parser.exit(2, f"consult: {exc}\n")
    if args.command == "demo":
        # The demo is served over plain HTTP on this machine: cookies cannot be Secure there.
        os.environ.setdefault("CONSULT_DEMO", "1")
        get_settings.cache_clear()
    if args.command == "migrate":
        migrate()
    elif args.command in ("backup", "restore"):
        backup_or_restore(args.command, args.file, getattr(args, "yes", False))
    elif args.command == "worker":
        migrate()
        worker(args.concurrency)
    elif args.command == "create-admin":
        migrate()
        create_admin(args.email, args.name, sys.stdin.readline().rstrip("\n") if args.password_stdin else None)
    elif args.command == "retention":
        migrate()
        retention(args.months, args.dry_run)
    elif args.command == "import":
        migrate()
        import_draft(args.file, args.consultation, args.new, args.title, args.office, args.note)
    elif args.command == "report":
        migrate()
        report(args.slug, args.out)
    elif args.command == "seed-demo":
        migrate()
        seed_demo()
    elif args.command == "demo":
        migrate()
        seed_demo()
        serve(args.host, args.port, args.workers, args.access_log)
    else:
        serve(args.host, args.port, args.workers, args.access_log)


if __name__ == "__main__":
    main()
