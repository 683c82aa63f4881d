"""The tree's direction of imports: the job queue knows no feature; report formats never call the service."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What the job queue may use: itself and the shared rooms; every other folder of consult/ is a feature.
QUEUE_MAY_USE = ("consult.jobs", "consult.lib", "consult.settings", "consult.db")


def imported(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _under(name: str, modules: tuple[str, ...]) -> bool:
    return any(name == m or name.startswith(m + ".") for m in modules)


def offending(folder: str, banned: tuple[str, ...], allowed: tuple[str, ...] = ()) -> list[str]:
    """The imports of the files under `folder` that are under a banned module and not under an allowed one."""
    found, base = [], ROOT / folder
    for path in sorted(base.rglob("*.py")):
        for name in sorted(imported(path)):
            if _under(name, banned) and not _under(name, allowed):
                found.append(f"{folder}/{path.relative_to(base)}: {name}")
    return found


def test_a_feature_import_inside_a_function_is_caught(tmp_path: Path) -> None:
    (tmp_path / "jobs").mkdir()
    (tmp_path / "jobs" / "m.py").write_text(
        "import consult.lib.clock\n\ndef f() -> None:\n    from consult.review.tables import AnalysisRun\n")
    found = offending(str(tmp_path / "jobs"), ("consult",), QUEUE_MAY_USE)
    assert [line.split(": ")[1] for line in found] == ["consult.review.tables", "consult.review.tables.AnalysisRun"]


def test_the_job_queue_imports_no_feature() -> None:
    assert offending("consult/jobs", ("consult",), QUEUE_MAY_USE) == []


def test_report_formats_take_the_model_not_the_service() -> None:
    banned = ("consult.reports.services", "consult.reports.publication", "consult.reports.controllers")
    assert offending("consult/reports/formats", banned) == []
