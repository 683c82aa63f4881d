"""Report publication as a kind of background run, registered with consult.jobs."""

from __future__ import annotations

from consult.jobs import registry
from consult.reports.publication import GAVE_UP, execute_publication
from consult.reports.tables import PublicationRun

registry.register("publication", table=PublicationRun, execute=execute_publication, name="publish_report",
                  queue="reports", gave_up=GAVE_UP)
