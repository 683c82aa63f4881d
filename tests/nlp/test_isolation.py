"""nlp/ is a library: it imports nothing from consult, litestar or piccolo."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

NLP = Path(__file__).resolve().parents[2] / "nlp"
FORBIDDEN = ("consult", "litestar", "piccolo")


def test_no_forbidden_import_statements() -> None:
    for path in NLP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                assert name.split(".")[0] not in FORBIDDEN, f"{path}: imports {name}"


def test_importing_nlp_loads_none_of_them() -> None:
    code = ("import sys, nlp, nlp.cli, nlp.pipeline; "
            "print(','.join(m for m in sys.modules if m.split('.')[0] in ('consult', 'litestar', 'piccolo')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=NLP.parent, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""
