"""nlp.analyse end to end: themes per section, campaigns, determinism, small and odd inputs."""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest

import nlp
from nlp.types import Analysis, CommentIn, Options


def theme_of(analysis: Analysis, comment_id: str) -> str | None:
    return next(c.theme_id for c in analysis.comments if c.id == comment_id)


def test_themes_are_per_section_and_readable(analysis: Analysis) -> None:
    assert {t.section for t in analysis.themes} == {"1", "2"}
    labels = " | ".join(t.label.lower() for t in analysis.themes)
    for phrase in ("aktywności lokalnej", "bezdomn", "reintegracj"):
        assert phrase in labels, labels
    for theme in analysis.themes:
        assert theme.summary and len(theme.summary) <= 3
        assert theme.representative_ids
        assert sum(theme.sentiment_mix.values()) == theme.size


def test_comments_of_one_topic_share_a_theme(analysis: Analysis) -> None:
    for key in ("mal", "homeless", "work"):
        ids = {theme_of(analysis, f"{key}-{i}") for i in range(6)}
        assert len(ids - {None}) == 1 or max(
            sum(theme_of(analysis, f"{key}-{i}") == t for i in range(6)) for t in ids) >= 4, (key, ids)


def test_campaign_is_found_and_enters_clustering_once(analysis: Analysis) -> None:
    [camp] = analysis.campaigns
    assert camp.size == 15 and set(camp.member_ids) == {f"camp-{i}" for i in range(15)}
    assert camp.template.startswith("Sprzeciwiamy") and camp.variants and camp.template not in camp.variants
    results = [c for c in analysis.comments if c.id.startswith("camp-")]
    assert {c.campaign_id for c in results} == {camp.id}
    assert len({c.duplicate_group for c in results}) == 1
    assert len({c.theme_id for c in results}) == 1  # one group, one theme
    # 15 letters did not become 15 votes: the MAL theme is still its own theme.
    assert theme_of(analysis, "camp-0") != theme_of(analysis, "mal-0")


def test_sizes_and_languages(analysis: Analysis, consultation: list[CommentIn]) -> None:
    assert sum(t.size for t in analysis.themes) == len(consultation)
    langs = {c.id: c.language for c in analysis.comments}
    assert langs["en-1"] == "en" and langs["mal-0"] == "pl"


def test_state_is_json(analysis: Analysis) -> None:
    state = json.loads(json.dumps(analysis.state))
    assert state["version"] == 1 and state["sections"]["1"]["themes"]


def test_same_seed_same_result(consultation: list[CommentIn]) -> None:
    shuffled_twice = [nlp.analyse(consultation, Options(seed=7)) for _ in range(2)]
    a, b = (json.dumps(asdict(x), sort_keys=True) for x in shuffled_twice)
    assert a == b


@pytest.mark.parametrize("texts", [["Jedna uwaga o parku."], ["Park.", "Ławki w parku."]])
def test_tiny_sections(texts: list[str]) -> None:
    result = nlp.analyse([CommentIn(str(i), t, "s") for i, t in enumerate(texts)])
    assert len(result.themes) == 1 and result.themes[0].size == len(texts)
    assert all(c.theme_id == result.themes[0].id for c in result.comments)


def test_all_identical_and_empty_texts() -> None:
    same = nlp.analyse([CommentIn(str(i), "Więcej zieleni!", "") for i in range(12)])
    assert same.campaigns == []  # a short text many people write: natural duplicates
    assert len({c.duplicate_group for c in same.comments}) == 1 and same.comments[0].duplicate_group
    assert len(same.themes) == 1
    letter = ("Prosimy o posadzenie nowych drzew wzdłuż ulicy Lipowej, ponieważ stare zostały wycięte podczas "
              "remontu, a latem na chodnikach nie ma żadnego cienia dla pieszych i dzieci idących do szkoły.")
    sent = nlp.analyse([CommentIn(str(i), letter, "") for i in range(12)])
    assert len(sent.campaigns) == 1 and sent.campaigns[0].size == 12 and sent.campaigns[0].variants == []
    empty = nlp.analyse([CommentIn("1", ""), CommentIn("2", "!!!")])
    assert [c.language for c in empty.comments] == ["other", "other"]
    assert nlp.analyse([]).themes == []


def test_no_language_model_unless_configured(analysis: Analysis) -> None:
    assert all(t.abstract == "" for t in analysis.themes) and analysis.warnings == []


def test_progress_callback() -> None:
    seen: list[tuple[float, str]] = []
    nlp.analyse([CommentIn("1", "Park")], Options(on_progress=lambda f, s: seen.append((f, s))))
    assert seen[-1] == (1.0, "done") and [f for f, _ in seen] == sorted(f for f, _ in seen)
