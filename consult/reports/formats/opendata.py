"""The report as open data: JSON valid against consult/reports/schema/report-v1.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from consult.reports.model import Report

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "report-v1.json"
SCHEMA_URL = "/schematy/raport-v1.json"


def schema() -> dict[str, Any]:
    """The JSON Schema the open-data file follows."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def render(report: Report) -> bytes:
    """UTF-8 JSON, keys in a fixed order, Polish letters as they are."""
    data = {"$schema": SCHEMA_URL, **report.to_json()}
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
