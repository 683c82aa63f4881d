"""The review with the real analysis library on the demo strategy: themes of 3.2, its campaign."""

from __future__ import annotations

from consult.comments.tables import Comment
from consult.consultations.tables import Section
from consult.demo.comments import comments_for
from consult.demo.content import consultations
from consult.demo.seed import seed_consultation
from consult.jobs.inprocess import work_once
from consult.jobs.runs import queue_run
from consult.lib.clock import now
from consult.review import services
from consult.review.tables import AnalysisRun, Campaign, CommentAnalysis


async def test_demo_strategy_analysed_into_themes_and_a_campaign(sqlite_db: str) -> None:
    spec = consultations()[0]
    comments = comments_for(spec)
    await seed_consultation(spec, comments, now())
    consultation = (await Comment.select(Comment.consultation).first())["consultation"]
    run_id = await queue_run(consultation, "full", None, now())
    await work_once()
    run = await AnalysisRun.select().where(AnalysisRun.id == run_id).first()
    assert run["status"] == "done", run["message"]
    assert await CommentAnalysis.count() == len(comments)
    goal = await Section.select(Section.id).where(Section.number == "3.2").first()
    view = await services.section_review(spec.slug, goal["id"])
    assert len(view.themes) >= 2
    assert all(t.label and t.key_phrases and t.summary for t in view.themes if not t.is_other)
    # The form letter on 3.2 (tagged "campaign" in the demo) is found as one campaign.
    campaign_size = sum(1 for c in comments if "campaign" in c.tags)
    campaigns = await Campaign.select(Campaign.size)
    assert max(c["size"] for c in campaigns) >= 0.9 * campaign_size
    languages = {r["language"] for r in await Comment.select(Comment.language)}
    assert {"pl", "en", "uk"} <= languages
