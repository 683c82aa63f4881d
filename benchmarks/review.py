"""Review workspace at scale: 10,000 comments loaded, analysed, and the main review pages timed.

Prints the analysis time and the p50/p99 latency of each review page (in-process ASGI calls: the
app, its queries and templates, without the network), with the public section page measured in
the same run as the peer. Usage: python benchmarks/review.py [--comments 10000] [--repeat 40]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def migrate(path: Path) -> None:
    env = {**os.environ, "CONSULT_SQLITE_PATH": str(path), "DATABASE_URL": ""}
    subprocess.run([sys.executable, "-m", "consult", "migrate"], cwd=ROOT, env=env, check=True)


async def load(n: int, seed: int) -> str:
    """The demo strategy with `n` comments made from the demo's texts, varied."""
    from consult.comments.tables import Comment
    from consult.demo.comments import comments_for
    from consult.demo.content import consultations
    from consult.demo.seed import seed_consultation
    from consult.lib.clock import now
    from consult.lib.text import fold

    spec = consultations()[0]
    base = comments_for(spec, seed)
    await seed_consultation(spec, base, now())
    first = await Comment.select().first()
    rng = random.Random(seed)
    sections = [r["section"] for r in await Comment.select(Comment.section)]
    extra = []
    openers = ["", "Moim zdaniem ", "Uważam, że ", "Jako mieszkanka Woli: ", "Proszę zauważyć: "]
    for i in range(n - len(base)):
        c = base[rng.randrange(len(base))]
        remark = rng.choice(openers) + c.remark
        extra.append(Comment(
            consultation=first["consultation"], section=rng.choice(sections), submission_key=f"bench-{i}",
            remark=remark, proposal=c.proposal, justification=c.justification, status="published",
            search_text=fold(remark), created_at=now(), reference=f"B-{i:07d}", language=c.language,
        ))
    for start in range(0, len(extra), 500):
        await Comment.insert(*extra[start:start + 500])
    return spec.slug


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--comments", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="consult-bench-"))
    db_path = workdir / "bench.sqlite3"
    os.environ.update({"CONSULT_SQLITE_PATH": str(db_path), "CONSULT_IN_PROCESS_WORKER": "0", "CONSULT_DEMO": "1"})
    migrate(db_path)

    from litestar.testing import AsyncTestClient

    from consult.accounts.services import create_user, grant_role, sign_in
    from consult.app import create_app
    from consult.comments.tables import Comment
    from consult.consultations.services import ensure_office
    from consult.jobs.inprocess import work_once
    from consult.review.jobs import queue_run
    from consult.lib.clock import now

    t0 = time.perf_counter()
    slug = await load(args.comments, 2026)
    total = await Comment.count()
    print(f"loaded {total} comments in {time.perf_counter() - t0:.1f} s")
    consultation = (await Comment.select(Comment.consultation).first())["consultation"]
    t0 = time.perf_counter()
    run_id = await queue_run(consultation, "full", None, now())
    await work_once()
    analysis_s = time.perf_counter() - t0
    from consult.review.tables import AnalysisRun

    run = await AnalysisRun.select().where(AnalysisRun.id == run_id).first()
    print(f"analysis of {total} comments: {analysis_s:.1f} s ({run['status']}{': ' + run['message'] if run['message'] else ''})")
    office = await ensure_office("Biuro Pomocy i Projektów Społecznych Urzędu m.st. Warszawy")
    user = await create_user("bench@example.org", "haslo-do-benchmarku", "Bench")
    await grant_role(user, office, "official")
    session = await sign_in("bench@example.org", "haslo-do-benchmarku", now())
    from collections import Counter

    busiest = Counter(r["section"] for r in await Comment.select(Comment.section)).most_common(1)[0][0]
    comment_id = (await Comment.select(Comment.id).first())["id"]
    base = f"/panel/konsultacje/{slug}"
    pages = {
        "dashboard": base + "/przeglad",
        "themes of a section": f"{base}/przeglad/sekcje/{busiest}",
        "find: page 1": base + "/przeglad/uwagi",
        "find: text search": base + "/przeglad/uwagi?q=senior",
        "find: without position, page 20": base + "/przeglad/uwagi?position=none&page=20",
        "peer: public section page": f"/konsultacje/{slug}/sekcje/{busiest}",
    }
    async with AsyncTestClient(app=create_app(), base_url="https://bench.local") as client:
        client.cookies.set("consult_session", session.token)
        await client.get("/")
        token = client.cookies.get("csrftoken", "")
        results: dict[str, list[float]] = {}
        for name, url in pages.items():
            timings = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                response = await client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (url, response.status_code)
            results[name] = timings
        timings = []
        for i in range(args.repeat):
            start = time.perf_counter()
            response = await client.post(f"{base}/przeglad/uwagi/{comment_id}/stanowisko",
                                         data={"_csrf_token": token, "value": "accepted", "version": str(i)},
                                         follow_redirects=False)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 303, response.status_code
        results["record a position"] = timings
    peer = statistics.median(results["peer: public section page"])
    print(f"\n{'page':40} {'p50 ms':>8} {'p99 ms':>8} {'p50 / peer':>11}")
    for name, values in results.items():
        print(f"{name:40} {percentile(values, .5):8.1f} {percentile(values, .99):8.1f} {statistics.median(values) / peer:11.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS {peak:.0f} MB; comments {total}; analysis {analysis_s:.1f} s")
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
