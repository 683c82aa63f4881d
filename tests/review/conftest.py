"""Review fixtures: a consultation with comments, officials, and a stand-in for the analysis
library where a test is about jobs and edits rather than about the analysis itself."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from nlp.types import Analysis, Campaign, CommentResult, Sentiment, Theme


def keyword_analysis(kind: str, rows: list[dict[str, Any]], state: dict[str, Any], progress: Any) -> Analysis:
    """Themes by a keyword in the text: predictable, so tests can say where each comment goes."""
    progress(0.5, "analysing")
    themes: dict[tuple[str, str], list[str]] = {}
    results = []
    for row in rows:
        text = row["remark"].lower()
        word = "senior" if "senior" in text else "mieszkan" if "mieszkan" in text else None
        section = str(row["section"])
        theme_id = f"{section}-{word}" if word else None
        if theme_id:
            themes.setdefault((section, theme_id), []).append(str(row["id"]))
        campaign = "k1" if "podpisuję apel" in text else None
        results.append(CommentResult(id=str(row["id"]), section=section, language="pl",
                                     sentiment=Sentiment("neutral", 0.0), theme_id=theme_id,
                                     duplicate_group=campaign, campaign_id=campaign))
    if kind == "incremental":
        known = set(state.get("themes", []))
        for r in results:
            if r.theme_id not in known:
                r.theme_id = None
        return Analysis(themes=[], comments=results, campaigns=[], state=state)
    campaign_members = [r.id for r in results if r.campaign_id]
    return Analysis(
        themes=[Theme(id=t, section=s, label=t.split("-")[1], key_phrases=[t.split("-")[1]], size=len(m),
                      summary=["Zdanie."], representative_ids=m[:2], sentiment_mix={"neutral": len(m)})
                for (s, t), m in themes.items()],
        comments=results,
        campaigns=[Campaign(id="k1", size=len(campaign_members), template="Podpisuję apel", member_ids=campaign_members)]
        if campaign_members else [],
        state={"themes": [t for (_s, t) in themes]},
    )


@pytest.fixture
def fake_nlp(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr("consult.review.analysis._run_nlp", keyword_analysis)
    yield
