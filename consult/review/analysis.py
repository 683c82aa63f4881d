"""Running an analysis of a consultation: nlp over its comments, then saving themes that keep
the officials' edits. Called by a worker, never inside a request."""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections import defaultdict
from collections.abc import Callable
from datetime import datetime
from typing import Any

from consult.comments.tables import Comment, CommentStatus
from consult.jobs.runs import heartbeat_seconds
from consult.lib import clock
from consult.review.schemas import stored_summary
from consult.review.tables import AnalysisRun, Campaign, CommentAnalysis, RunStatus, Theme
from consult.settings import get_settings

Progress = Callable[[float, str], None]
MATCH_THRESHOLD = 0.3  # Jaccard overlap for a new theme to inherit an old theme's identity


def _text(row: dict[str, Any]) -> str:
    return "\n\n".join(part for part in (row["remark"], row["proposal"], row["justification"]) if part)


async def _comments(consultation_id: int, only_new: bool) -> list[dict[str, Any]]:
    query = Comment.select(Comment.id, Comment.section, Comment.remark, Comment.proposal, Comment.justification).where(
        (Comment.consultation == consultation_id) & (Comment.status != CommentStatus.hidden)
    )
    rows = await query.order_by(Comment.id)
    if only_new:
        known = {r["comment"] for r in await CommentAnalysis.select(CommentAnalysis.comment).where(
            CommentAnalysis.consultation == consultation_id)}
        rows = [r for r in rows if r["id"] not in known]
    return rows


def _run_nlp(kind: str, rows: list[dict[str, Any]], state: dict[str, Any], progress: Progress) -> Any:
    """The CPU-bound part, in a worker thread."""
    import nlp
    from nlp.types import CommentIn, Options

    comments = [CommentIn(id=str(r["id"]), text=_text(r), section=str(r["section"])) for r in rows]
    if kind == "incremental" and state:
        return nlp.assign(state, comments)
    options = Options(vectors=get_settings().theme_vectors, on_progress=progress)  # type: ignore[arg-type]
    return nlp.analyse(comments, options)


async def _save_full(run_id: int, consultation_id: int, analysis: Any, now: datetime) -> None:
    """Replace the analysis results, keeping renamed, merged, 'other' themes and moved comments."""
    members: dict[str, set[int]] = defaultdict(set)
    for c in analysis.comments:
        if c.theme_id:
            members[c.theme_id].add(int(c.id))
    old_themes = await Theme.select().where(
        (Theme.consultation == consultation_id) & Theme.merged_into.is_null()
    )
    old_members: dict[int, set[int]] = defaultdict(set)
    pinned: dict[int, int | None] = {}
    for row in await CommentAnalysis.select(CommentAnalysis.comment, CommentAnalysis.theme, CommentAnalysis.pinned).where(
        CommentAnalysis.consultation == consultation_id
    ):
        if row["theme"]:
            old_members[row["theme"]].add(row["comment"])
        if row["pinned"]:
            pinned[row["comment"]] = row["theme"]
    # Each new theme takes over the old theme of its section it overlaps most (one to one).
    pairs = []
    for theme in analysis.themes:
        for old in old_themes:
            if str(old["section"]) != theme.section:
                continue
            a, b = members[theme.id], old_members[old["id"]]
            if a and b:
                score = len(a & b) / len(a | b)
                if score >= MATCH_THRESHOLD:
                    pairs.append((score, theme.id, old["id"]))
    mapping: dict[str, int] = {}
    taken: set[int] = set()
    for _score, new_id, old_id in sorted(pairs, reverse=True):
        if new_id not in mapping and old_id not in taken:
            mapping[new_id] = old_id
            taken.add(old_id)
    async with Theme._meta.db.transaction():
        await Campaign.delete().where(Campaign.consultation == consultation_id)
        campaign_ids: dict[str, int] = {}
        for campaign in analysis.campaigns:
            row = await Campaign.insert(Campaign(
                consultation=consultation_id, key=campaign.id, size=campaign.size, template=campaign.template,
                variants=list(campaign.variants)[:20],
            )).returning(Campaign.id)
            campaign_ids[campaign.id] = row[0]["id"]
        theme_ids: dict[str, int] = {}
        for theme in analysis.themes:
            values = {
                Theme.key: theme.id, Theme.label: theme.label[:300], Theme.key_phrases: list(theme.key_phrases),
                Theme.summary: stored_summary(theme.summary), Theme.representative_ids: [int(i) for i in theme.representative_ids],
                Theme.sentiment_mix: dict(theme.sentiment_mix), Theme.updated_at: now,
            }
            if theme.id in mapping:
                await Theme.update(values).where(Theme.id == mapping[theme.id])
                theme_ids[theme.id] = mapping[theme.id]
            else:
                row = await Theme.insert(Theme(
                    consultation=consultation_id, section=int(theme.section), is_other=theme.is_other,
                    **{column._meta.name: value for column, value in values.items()},
                )).returning(Theme.id)
                theme_ids[theme.id] = row[0]["id"]
        keep = set(theme_ids.values()) | {t for t in pinned.values() if t}
        stale = [t["id"] for t in old_themes if t["id"] not in keep and not t["made_by_official"]]
        await CommentAnalysis.delete().where(
            (CommentAnalysis.consultation == consultation_id) & (CommentAnalysis.pinned == False)  # noqa: E712
        )
        for result in analysis.comments:
            comment_id = int(result.id)
            fields = dict(
                language=result.language, sentiment=result.sentiment.label, sentiment_score=float(result.sentiment.score),
                duplicate_group=result.duplicate_group or "", campaign=campaign_ids.get(result.campaign_id or ""),
                run=run_id,
            )
            if comment_id in pinned:
                await CommentAnalysis.update({getattr(CommentAnalysis, k): v for k, v in fields.items()}).where(
                    CommentAnalysis.comment == comment_id
                )
            else:
                await CommentAnalysis.insert(CommentAnalysis(
                    comment=comment_id, consultation=consultation_id,
                    theme=theme_ids.get(result.theme_id or ""), **fields,
                ))
            await Comment.update({Comment.language: result.language}).where(Comment.id == comment_id)
        if stale:
            await Theme.delete().where(Theme.id.is_in(stale))
        await refresh_sizes(consultation_id)


async def _save_incremental(run_id: int, consultation_id: int, result: Any) -> None:
    """New comments join the themes they fit (by the analysis' theme keys) or stay unassigned."""
    themes = {(str(t["section"]), t["key"]): t["id"] for t in await Theme.select(Theme.id, Theme.section, Theme.key).where(
        Theme.consultation == consultation_id)}
    campaigns = {c["key"]: c["id"] for c in await Campaign.select(Campaign.id, Campaign.key).where(
        Campaign.consultation == consultation_id)}
    async with Theme._meta.db.transaction():
        for c in result.comments:
            if await CommentAnalysis.exists().where(CommentAnalysis.comment == int(c.id)):
                continue
            await CommentAnalysis.insert(CommentAnalysis(
                comment=int(c.id), consultation=consultation_id, theme=themes.get((c.section, c.theme_id or "")),
                language=c.language, sentiment=c.sentiment.label, sentiment_score=float(c.sentiment.score),
                duplicate_group=c.duplicate_group or "", campaign=campaigns.get(c.campaign_id or ""), run=run_id,
            ))
            await Comment.update({Comment.language: c.language}).where(Comment.id == int(c.id))
        await refresh_sizes(consultation_id)


async def refresh_sizes(consultation_id: int) -> None:
    """Theme sizes from where the comments are now (after analysis or an official's edit)."""
    counts: dict[int, int] = defaultdict(int)
    for row in await CommentAnalysis.select(CommentAnalysis.theme).where(CommentAnalysis.consultation == consultation_id):
        if row["theme"]:
            counts[row["theme"]] += 1
    for theme in await Theme.select(Theme.id, Theme.size).where(Theme.consultation == consultation_id):
        if theme["size"] != counts.get(theme["id"], 0):
            await Theme.update({Theme.size: counts.get(theme["id"], 0)}).where(Theme.id == theme["id"])


async def _update(run_id: int, **values: Any) -> None:
    await AnalysisRun.update({getattr(AnalysisRun, k): v for k, v in values.items()}).where(AnalysisRun.id == run_id)


async def execute_run(run_id: int) -> None:
    """Do one claimed run to the end: done with results saved, or failed with a message."""
    run = await AnalysisRun.select().where(AnalysisRun.id == run_id).first()
    if run is None or run["status"] != RunStatus.running:
        return
    consultation_id = run["consultation"]
    loop = asyncio.get_running_loop()
    reported: list[concurrent.futures.Future[None]] = []

    def progress(fraction: float, stage: str) -> None:
        value = 0.1 + 0.8 * max(0.0, min(1.0, fraction))
        reported.append(asyncio.run_coroutine_threadsafe(
            _update(run_id, progress=value, stage=stage[:200], heartbeat_at=clock.now()), loop
        ))

    async def settled() -> None:
        # A progress write still on its way must not land after the final status and undo it.
        await asyncio.gather(*(asyncio.wrap_future(f) for f in list(reported)), return_exceptions=True)

    try:
        await _update(run_id, progress=0.05, stage="loading", heartbeat_at=clock.now())
        rows = await _comments(consultation_id, only_new=run["kind"] == "incremental")
        await _update(run_id, progress=0.1, stage="analysing", comment_count=len(rows))
        state: dict[str, Any] = {}
        if run["kind"] == "incremental":
            last = await AnalysisRun.select(AnalysisRun.state).where(
                (AnalysisRun.consultation == consultation_id) & (AnalysisRun.status == RunStatus.done)
                & (AnalysisRun.kind == "full")
            ).order_by(AnalysisRun.id, ascending=False).output(load_json=True).first()
            state = (last or {}).get("state") or {}
        task = asyncio.ensure_future(asyncio.to_thread(_run_nlp, run["kind"] if state else "full", rows, state, progress))
        while not task.done():
            await asyncio.wait({task}, timeout=heartbeat_seconds(5.0))
            await _update(run_id, heartbeat_at=clock.now())  # the worker is alive
        await settled()
        result = task.result()
        await _update(run_id, progress=0.92, stage="saving", heartbeat_at=clock.now())
        if run["kind"] == "incremental" and state:
            await _save_incremental(run_id, consultation_id, result)
            await _update(run_id, status=RunStatus.done, progress=1.0, stage="done", finished_at=clock.now())
        else:
            await _save_full(run_id, consultation_id, result, clock.now())
            await _update(run_id, status=RunStatus.done, progress=1.0, stage="done", finished_at=clock.now(),
                          state=getattr(result, "state", {}) or {})
    except Exception as error:  # noqa: BLE001 — any failure must end as a readable 'failed', never a stuck run
        await settled()
        await _update(run_id, status=RunStatus.failed, stage="failed", finished_at=clock.now(),
                      message=f"{type(error).__name__}: {error}"[:2000])
