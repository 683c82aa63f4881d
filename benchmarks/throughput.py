"""HTTP throughput of `consult serve` on loopback against a bare Litestar endpoint on the same server.

    PYTHONPATH=. .venv/bin/python benchmarks/throughput.py --engine sqlite|postgres [--workers N]
        [--clients 1,16,64,256] [--seconds 5] [--comments 500]

It makes a fresh database (a temporary SQLite file, or a PostgreSQL database created on
127.0.0.1:5432 and dropped at the end), migrates it, starts `consult serve --workers N` and, with
the same uvicorn settings, a bare Litestar app (`GET /` returns a short text, `POST /` takes JSON
and answers 201), both on 127.0.0.1. 500 comments are posted to one section first; then an asyncio
client (keep-alive HTTP/1.1 over asyncio streams, one connection per client) runs each workload at
each concurrency for a bounded time and a bounded number of requests:

- read: the public section page of that section, anonymously (20 comments shown of 500);
- post: a comment through the JSON API on another section.

It prints req/s, p50 and p99 latency, the number of 5xx answers and of failed connections, and the
ratio of consult's req/s to the bare endpoint's at the same concurrency. The rate limits are set
far above the load (they would turn the posts into 429s). Loopback only; every loop is bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN = os.environ.get("CONSULT_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")
MAX_REQUESTS = 20000  # per step, over all clients: a bound besides the time
BARE_APP = '''
from litestar import Litestar, get, post

@get("/", sync_to_thread=False)
def index() -> str:
    return "ok"

@post("/", sync_to_thread=False)
def take(data: dict) -> dict:
    return {"ok": True}

app = Litestar([index, take])
'''


@dataclass
class Step:
    """One workload at one concurrency."""

    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    failed: int = 0
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def pct(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500)


class Connection:
    """A keep-alive HTTP/1.1 connection: just enough of the protocol for this benchmark."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, method: str, path: str, body: bytes = b"", headers: str = "") -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n{headers}"
        if body:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        self.writer.write(head.encode() + b"\r\n" + body)
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("closed")
        status = int(status_line.split()[1])
        length, chunked, close = 0, False, False
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding" and "chunked" in value:
                chunked = True
            elif name == "connection" and value == "close":
                close = True
        if chunked:
            data = b""
            while True:
                size = int((await self.reader.readline()).strip(), 16)
                if size == 0:
                    await self.reader.readline()
                    break
                data += await self.reader.readexactly(size + 2)
        else:
            data = await self.reader.readexactly(length)
        if close:
            self.close()
        return status, data

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def load(port: int, clients: int, seconds: float, make: object, total: int = MAX_REQUESTS) -> Step:
    """`clients` loops, each with its own connection, until the time or the request budget is spent."""
    step = Step()
    deadline = time.monotonic() + seconds
    budget = [total]

    async def client(n: int) -> None:
        conn = Connection(port)
        i = 0
        while time.monotonic() < deadline and budget[0] > 0:
            budget[0] -= 1
            method, path, body = make(n, i)  # type: ignore[operator]
            i += 1
            start = time.perf_counter()
            try:
                status, _ = await asyncio.wait_for(conn.request(method, path, body), timeout=30)
            except (OSError, ConnectionError, asyncio.IncompleteReadError, TimeoutError, ValueError):
                step.failed += 1
                conn.close()
                await asyncio.sleep(0.01)
                continue
            step.latencies.append(time.perf_counter() - start)
            step.statuses[status] = step.statuses.get(status, 0) + 1
        conn.close()

    began = time.monotonic()
    await asyncio.gather(*(client(n) for n in range(clients)))
    step.seconds = time.monotonic() - began
    return step


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_port(port: int, process: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server on port {port} ended (exit {process.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing answers on port {port}")


def pg_admin(sql: str) -> None:
    import asyncpg

    async def run() -> None:
        conn = await asyncpg.connect(PG_ADMIN, timeout=5)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(run())


def seed(env: dict[str, str]) -> tuple[str, int, int]:
    """A consultation open now with two sections (in a child process that sees the database)."""
    code = r'''
import asyncio, json
from datetime import timedelta
from consult.consultations.schemas import ConsultationInput, SectionInput
from consult.consultations.services import create_consultation, create_document, ensure_office, get_consultation
from consult.lib.clock import now

async def main():
    office = await ensure_office("Biuro Pomocy i Projektów Społecznych")
    cid = await create_consultation(ConsultationInput(slug="obciazenie", title="Strategia (obciążenie)",
        office_id=office, opens_at=now() - timedelta(days=1), closes_at=now() + timedelta(days=30),
        status="open", lead="Projekt.", moderation="post"))
    body = "<p>" + "Miasto wspiera Miejsca Aktywności Lokalnej w każdej dzielnicy. " * 40 + "</p>"
    await create_document(cid, "Projekt", [SectionInput("1", "Cel pierwszy", "strategic_goal", body),
                                           SectionInput("2", "Cel drugi", "strategic_goal", body)])
    detail = await get_consultation("obciazenie", now())
    ids = [n.id for n in detail.flat_sections()]
    print(json.dumps(ids))

asyncio.run(main())
'''
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit("seeding failed:\n" + out.stderr[-3000:])
    ids = json.loads(out.stdout.strip().splitlines()[-1])
    return "obciazenie", ids[0], ids[1]


def post_maker(slug: str, section: int, tag: str) -> object:
    def make(n: int, i: int) -> tuple[str, str, bytes]:
        body = json.dumps({"remark": f"Uwaga {tag} klienta {n} numer {i}: więcej zieleni przy szkołach."}).encode()
        return "POST", f"/api/v1/consultations/{slug}/sections/{section}/comments", body
    return make


def row(name: str, clients: int, step: Step, bare: Step) -> str:
    ratio = step.rate / bare.rate if bare.rate else float("nan")
    return (f"| {name} | {clients} | {step.rate:,.0f} | {step.pct(0.5):,.0f} / {step.pct(0.99):,.0f} | "
            f"{step.server_errors} | {step.failed} | {bare.rate:,.0f} | {ratio:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--engine", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--workers", type=int, default=None, help="server processes (default: consult serve's)")
    parser.add_argument("--clients", default="1,16,64,256")
    parser.add_argument("--seconds", type=float, default=5.0, help="per step (at most 60)")
    parser.add_argument("--comments", type=int, default=500, help="comments in the section read")
    parser.add_argument("--workloads", default="read,post")
    args = parser.parse_args()
    seconds = max(0.5, min(args.seconds, 60.0))
    counts = [max(1, min(int(c), 1024)) for c in args.clients.split(",")]
    workloads = args.workloads.split(",")

    tmp = Path(tempfile.mkdtemp(prefix="consult-http-"))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CONSULT_SECURE_COOKIES": "0",
           "CONSULT_RATE_COMMENTS": "100000000", "CONSULT_RATE_SUPPORTS": "100000000",
           "CONSULT_RATE_SIGN_IN": "100000000", "CONSULT_SECRET_KEY": "benchmark"}
    database = ""
    if args.engine == "postgres":
        database = f"consult_http_{os.getpid()}_{uuid.uuid4().hex[:6]}"
        pg_admin(f'CREATE DATABASE "{database}"')
        env["DATABASE_URL"] = PG_ADMIN.rsplit("/", 1)[0] + f"/{database}"
        env.pop("CONSULT_EXTERNAL_WORKERS", None)
    else:
        env.pop("DATABASE_URL", None)
        env["CONSULT_SQLITE_PATH"] = str(tmp / "consult.sqlite3")
    servers: list[subprocess.Popen[bytes]] = []
    try:
        subprocess.run([sys.executable, "-m", "consult", "migrate"], cwd=ROOT, env=env, check=True)
        slug, read_section, post_section = seed(env)
        port, bare_port = free_port(), free_port()
        workers = ["--workers", str(args.workers)] if args.workers else []
        log = (tmp / "serve.log").open("wb")
        servers.append(subprocess.Popen([sys.executable, "-m", "consult", "serve", "--port", str(port), *workers],
                                        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
        (tmp / "bare.py").write_text(BARE_APP)
        from consult.cli import default_workers  # the same number of processes as consult's default

        n_workers = args.workers or default_workers()
        # The same server code and settings as `consult serve` (consult.cli.run_uvicorn).
        peer = (f"from consult.cli import run_uvicorn; run_uvicorn('bare:app', '127.0.0.1', {bare_port}, "
                f"{n_workers}, log_level='warning')")
        servers.append(subprocess.Popen(
            [sys.executable, "-c", peer], cwd=tmp, env={**env, "PYTHONPATH": f"{tmp}:{ROOT}"},
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
        wait_port(port, servers[0])
        wait_port(bare_port, servers[1])
        time.sleep(1.0)

        async def run() -> None:
            fill = await load(port, 16, 600, post_maker(slug, read_section, "wstęp"), total=args.comments)
            if fill.server_errors or fill.failed or sum(fill.statuses.get(s, 0) for s in (200, 201)) < args.comments:
                raise SystemExit(f"seeding the comments failed: {fill.statuses}, {fill.failed} failed")
            print(f"\n{args.engine}, {n_workers} server process(es), {os.cpu_count()} cores, "
                  f"{seconds:g} s per step, section page of {args.comments} comments\n")
            print("| workload | clients | req/s | p50 / p99 ms | 5xx | failed | bare req/s | ratio |")
            print("|---|---|---|---|---|---|---|---|")
            page = f"/konsultacje/{slug}/sekcje/{read_section}"
            for name in workloads:
                for clients in counts:
                    if name == "read":
                        step = await load(port, clients, seconds, lambda n, i: ("GET", page, b""))
                        bare = await load(bare_port, clients, seconds, lambda n, i: ("GET", "/", b""))
                    else:
                        step = await load(port, clients, seconds, post_maker(slug, post_section, f"{clients}"))
                        bare = await load(bare_port, clients, seconds,
                                          lambda n, i: ("POST", "/", b'{"remark": "x"}'))
                    print(row("section page read" if name == "read" else "comment post", clients, step, bare),
                          flush=True)
                    others = {s: c for s, c in step.statuses.items() if s not in (200, 201)}
                    if others:
                        print(f"|  | statuses other than 200/201: {others} |", flush=True)

        asyncio.run(run())
    finally:
        for server in servers:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGTERM)
        for server in servers:
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        if database:
            pg_admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


if __name__ == "__main__":
    main()
