"""The review with the real analysis library on the demo strategy: themes of 3.2, its campaign."""

from __future__ import annotations

import pytest

from consult.comments.tables import Comment
from consult.consultations.tables import Section
from consult.demo.comments import comments_for
from consult.demo.content import consultations
from consult.demo.seed import seed_consultation
from consult.jobs.inprocess import work_once
from consult.review.jobs import queue_run
from consult.lib.clock import now
from consult.review import services
from consult.review.tables import AnalysisRun, Campaign, CommentAnalysis
from consult.settings import get_settings


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


async def test_office_may_choose_sentence_embeddings_for_themes(sqlite_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import nlp
    from nlp.types import Analysis, CommentIn, Options

    seen: list[str] = []
    original = nlp.analyse

    def spy(comments: list[CommentIn], options: Options) -> Analysis:
        seen.append(options.vectors)
        return original(comments, options)

    monkeypatch.setattr(nlp, "analyse", spy)
    monkeypatch.setenv("CONSULT_THEME_VECTORS", "use")
    get_settings.cache_clear()
    try:
        spec = consultations()[0]
        await seed_consultation(spec, comments_for(spec), now())
        consultation = (await Comment.select(Comment.consultation).first())["consultation"]
        run_id = await queue_run(consultation, "full", None, now())
        await work_once()
        run = await AnalysisRun.select().where(AnalysisRun.id == run_id).first()
        assert run["status"] == "done", run["message"]
        assert seen == ["use"]  # the setting reaches nlp.analyse
        goal = await Section.select(Section.id).where(Section.number == "3.2").first()
        view = await services.section_review(spec.slug, goal["id"])
        assert len(view.themes) >= 2 and all(t.label for t in view.themes)
    finally:
        get_settings.cache_clear()


def test_unknown_theme_vectors_setting_is_refused_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONSULT_THEME_VECTORS", "bert")
    get_settings.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="CONSULT_THEME_VECTORS must be one of tfidf, use, e5"):
            get_settings()
    finally:
        monkeypatch.delenv("CONSULT_THEME_VECTORS")
        get_settings.cache_clear()


def test_the_command_names_a_wrong_setting_in_one_line(monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    from consult.cli import main

    monkeypatch.setenv("CONSULT_THEME_VECTORS", "bert")
    get_settings.cache_clear()
    try:
        with pytest.raises(SystemExit) as stop:
            main(["migrate"])
        assert stop.value.code == 2
        err = capsys.readouterr().err
        assert err == "consult: CONSULT_THEME_VECTORS must be one of tfidf, use, e5, not 'bert'.\n"
    finally:
        monkeypatch.delenv("CONSULT_THEME_VECTORS")
        get_settings.cache_clear()
