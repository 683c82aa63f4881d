"""nlp.assign: new comments join existing themes and campaigns without re-clustering."""

from __future__ import annotations

import json

import pytest

import nlp
from nlp.types import Analysis, CommentIn
from tests.nlp.conftest import TEMPLATE


def test_new_comments_join_themes_campaigns_or_stay_unassigned(analysis: Analysis) -> None:
    state = json.loads(json.dumps(analysis.state))  # as stored in a database
    mal = next(c.theme_id for c in analysis.comments if c.id == "mal-0")
    homeless = next(c.theme_id for c in analysis.comments if c.id == "homeless-0")
    camp = analysis.campaigns[0]
    result = nlp.assign(state, [
        CommentIn("n1", "Potrzeba więcej miejsc aktywności lokalnej w każdej dzielnicy.", "1"),
        CommentIn("n2", "Noclegownie i ogrzewalnie dla osób bezdomnych zimą.", "1"),
        CommentIn("n3", TEMPLATE + " Dziękujemy.", "1"),
        CommentIn("n4", "Kompletnie niezwiązana sprawa hodowli pszczół.", "1"),
        CommentIn("n5", "Miejsca aktywności lokalnej", "nowa-sekcja"),
    ])
    by_id = {c.id: c for c in result.comments}
    assert [c.id for c in result.comments] == ["n1", "n2", "n3", "n4", "n5"]
    assert by_id["n1"].theme_id == mal
    assert by_id["n2"].theme_id == homeless
    assert by_id["n3"].campaign_id == camp.id
    assert by_id["n4"].theme_id is None and by_id["n5"].theme_id is None
    sizes = {t.id: t.size for t in result.themes}
    old = {t.id: t.size for t in analysis.themes}
    assert sizes[mal] == old[mal] + 1
    assert next(c for c in result.campaigns if c.id == camp.id).size == camp.size + 1
    json.dumps(result.state)
    # the old themes are kept: nothing was re-clustered
    assert {t.id for t in result.themes} == {t.id for t in analysis.themes}


def test_bad_state_is_refused() -> None:
    with pytest.raises(ValueError):
        nlp.assign({}, [CommentIn("1", "x")])


def test_lemma_tfidf_themes_keep_their_own_threshold(consultation: list[CommentIn]) -> None:
    from nlp.types import Options

    assert Options().assign_threshold is None  # each kind of vectors has its own scale
    analysis = nlp.analyse(consultation, Options(vectors="tfidf"))
    state = json.loads(json.dumps(analysis.state))
    assert state["options"]["vectors"] == "tfidf"
    mal = next(c.theme_id for c in analysis.comments if c.id == "mal-0")
    result = nlp.assign(state, [CommentIn("n1", "Potrzeba więcej miejsc aktywności lokalnej w każdej dzielnicy.", "1"),
                                CommentIn("n4", "Kompletnie niezwiązana sprawa hodowli pszczół.", "1")])
    assert [c.theme_id for c in result.comments] == [mal, None]
