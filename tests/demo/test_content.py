"""The demo consultations and their comments: shape, proportions and reproducibility."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from difflib import SequenceMatcher

import pytest

from consult.demo.comments import comments_for
from consult.demo.content import (
    COMMUNITY_SLUG,
    STRATEGY_SLUG,
    UPCOMING_SLUG,
    consultations,
    iter_sections,
)
from consult.demo.specs import CommentSpec, ConsultationSpec
from consult.lib.text import plain_text, sanitise_html

SPECS = {spec.slug: spec for spec in consultations()}
WITH_COMMENTS = (STRATEGY_SLUG, COMMUNITY_SLUG)


@pytest.fixture(scope="module")
def comments() -> dict[str, list[CommentSpec]]:
    return {slug: comments_for(spec) for slug, spec in SPECS.items()}


def _text(comment: CommentSpec) -> tuple[str, str, str, str]:
    return (comment.section_number, comment.remark, comment.proposal, comment.justification)


def test_three_consultations_open_closed_and_upcoming() -> None:
    assert [s.status for s in consultations()] == ["open", "closed", "open"]
    for spec in consultations():
        assert "Dane demonstracyjne" in spec.lead
        assert spec.contact_email.endswith("@example.org")


@pytest.mark.parametrize("slug", WITH_COMMENTS)
def test_reproducible_for_the_same_seed(slug: str) -> None:
    spec = SPECS[slug]
    assert comments_for(spec, seed=7) == comments_for(spec, seed=7)
    assert comments_for(spec, seed=7) != comments_for(spec, seed=8)


def test_counts(comments: dict[str, list[CommentSpec]]) -> None:
    assert 400 <= len(comments[STRATEGY_SLUG]) <= 500
    assert 100 <= len(comments[COMMUNITY_SLUG]) <= 150
    assert comments[UPCOMING_SLUG] == []


@pytest.mark.parametrize("slug", WITH_COMMENTS)
def test_language_shares(slug: str, comments: dict[str, list[CommentSpec]]) -> None:
    counts = Counter(c.language for c in comments[slug])
    total = sum(counts.values())
    assert set(counts) == {"pl", "en", "uk"}
    assert 0.80 <= counts["pl"] / total <= 0.90
    assert 0.05 <= counts["en"] / total <= 0.11
    assert 0.04 <= counts["uk"] / total <= 0.10


@pytest.mark.parametrize("slug", WITH_COMMENTS)
def test_every_section_number_exists(slug: str, comments: dict[str, list[CommentSpec]]) -> None:
    numbers = [s.number for s in iter_sections(SPECS[slug].sections)]
    assert len(numbers) == len(set(numbers))
    assert {c.section_number for c in comments[slug]} <= set(numbers)


@pytest.mark.parametrize("slug", WITH_COMMENTS)
def test_quotes_are_verbatim_in_the_plain_text(
    slug: str, comments: dict[str, list[CommentSpec]]
) -> None:
    sections = {s.number: s for s in iter_sections(SPECS[slug].sections)}
    quoted = [c for c in comments[slug] if c.quote]
    assert len(quoted) >= 15
    for comment in quoted:
        body = sections[comment.section_number].body_html
        assert comment.quote in plain_text(body)
        assert comment.quote in plain_text(sanitise_html(body))  # survives storage too


def test_one_campaign_of_near_identical_comments(comments: dict[str, list[CommentSpec]]) -> None:
    campaign = [c for c in comments[STRATEGY_SLUG] if "campaign" in c.tags]
    assert len(campaign) >= 50
    assert {c.section_number for c in campaign} == {"3.2"}
    first = campaign[0].remark
    ratios = [SequenceMatcher(None, first, c.remark, autojunk=False).ratio() for c in campaign]
    assert min(ratios) >= 0.75
    assert len({c.remark for c in campaign}) > 10  # small edits, not one text
    assert not any("campaign" in c.tags for c in comments[COMMUNITY_SLUG])


@pytest.mark.parametrize("slug", WITH_COMMENTS)
def test_exact_duplicates(slug: str, comments: dict[str, list[CommentSpec]]) -> None:
    groups: dict[tuple[str, str, str, str], int] = defaultdict(int)
    for comment in comments[slug]:
        if "duplicate" in comment.tags:
            groups[_text(comment)] += 1
    assert len(groups) >= 2
    assert all(2 <= n <= 3 for n in groups.values())
    if slug == STRATEGY_SLUG:
        assert sum(groups.values()) >= 8


def test_strategy_goal_3_has_specific_goals_3_1_to_3_10() -> None:
    goal = next(s for s in SPECS[STRATEGY_SLUG].sections if s.number == "3")
    assert goal.title == "Integracja i reintegracja społeczna i zawodowa"
    assert goal.kind == "strategic_goal"
    assert [c.number for c in goal.children] == [f"3.{i}" for i in range(1, 11)]
    assert all(c.kind == "specific_goal" and c.title for c in goal.children)
    assumptions = next(s for s in SPECS[STRATEGY_SLUG].sections if s.number == "I")
    assert len(assumptions.children) == 5


def test_community_programme_has_goal_1_1() -> None:
    numbers = {s.number: s for s in iter_sections(SPECS[COMMUNITY_SLUG].sections)}
    assert numbers["1.1"].title == "Dbamy o siebie nawzajem"


def test_durations_and_dates() -> None:
    strategy, community, upcoming = (
        SPECS[s] for s in (STRATEGY_SLUG, COMMUNITY_SLUG, UPCOMING_SLUG)
    )
    assert strategy.duration_days >= 35
    assert 0 < strategy.opened_days_ago < strategy.duration_days  # open now
    assert 35 <= community.duration_days <= 40
    assert community.opened_days_ago - community.duration_days == 20  # closed 20 days ago
    assert upcoming.opened_days_ago < 0


@pytest.mark.parametrize("slug", WITH_COMMENTS)
def test_times_fall_within_the_open_period(
    slug: str, comments: dict[str, list[CommentSpec]]
) -> None:
    spec: ConsultationSpec = SPECS[slug]
    days = spec.opened_days_ago if spec.status == "open" else spec.duration_days
    hours = [c.created_hours_after_open for c in comments[slug]]
    assert all(0 < h < days * 24 for h in hours)
    first_day = sum(h < 24 for h in hours)
    middle_day = sum(days * 12 <= h < days * 12 + 24 for h in hours)
    assert first_day > middle_day  # busier at the start


@pytest.mark.parametrize("slug", WITH_COMMENTS)
def test_submitters_supports_and_fake_emails(
    slug: str, comments: dict[str, list[CommentSpec]]
) -> None:
    items = comments[slug]
    kinds = Counter(c.submitter_kind for c in items)
    assert kinds.most_common(1)[0][0] == "resident"
    assert {"ngo", "institution", "business"} <= set(kinds)
    assert all(re.fullmatch(r"[^@\s]+@example\.(org|com)", c.email) for c in items if c.email)
    supports = sorted(c.supports for c in items)
    assert supports[len(supports) // 2] == 0 and supports[-1] >= 20
    assert sum(bool(c.proposal) for c in items) >= len(items) // 4
    assert sum(bool(c.justification) for c in items) >= len(items) // 6


@pytest.mark.parametrize("slug", WITH_COMMENTS)
def test_some_comments_carry_personal_data(
    slug: str, comments: dict[str, list[CommentSpec]]
) -> None:
    phone = re.compile(r"\b\d{3} \d{3} \d{3}\b|\b22 \d{3} \d{2} \d{2}\b")
    assert sum(bool(phone.search(c.remark)) for c in comments[slug]) >= 1


def test_bodies_use_simple_markup_only() -> None:
    for spec in consultations():
        for section in iter_sections(spec.sections):
            tags = set(re.findall(r"</?([a-z]+)", section.body_html))
            assert tags <= {"p", "ul", "li", "strong"}, (section.number, tags)
            assert plain_text(section.body_html)


def test_comment_lengths_vary(comments: dict[str, list[CommentSpec]]) -> None:
    lengths = [len(c.remark) for c in comments[STRATEGY_SLUG]]
    assert min(lengths) < 30 and max(lengths) > 500
    assert sum("\n\n" in c.remark for c in comments[STRATEGY_SLUG]) > 50
