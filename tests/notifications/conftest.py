"""Notification fixtures: the closed consultation of the report tests on each engine."""

from tests.reports.conftest import seeded  # noqa: F401
