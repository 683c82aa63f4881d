"""Outcome fixtures: the closed consultation of the report tests, published on demand."""

from __future__ import annotations

from consult.accounts.schemas import CurrentUser
from consult.jobs.inprocess import work_once
from consult.lib import clock
from consult.reports import publication, redaction, services


async def publish(head: CurrentUser, slug: str = "strategia") -> None:
    """Confirm the suggested redactions, publish through the background job, and run it."""
    c = await services.consultation_row(slug)
    await redaction.suggest_missing(c["id"])
    await redaction.confirm_all(head, c["id"], c["office"], clock.now())
    await publication.request_publication(head, slug, "", confirm_missing=True)
    while await work_once():
        pass


from tests.reports.conftest import seeded  # noqa: E402,F401  (the closed consultation on each engine)
