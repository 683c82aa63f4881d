"""Typst run in a child process: `python -m consult.reports.formats.typeset` reads a job, writes the PDF.

Typst's compiler keeps its layout caches for the life of the process (measured: every compile of a
3,000-row report left 600 MB behind), so the app and its workers never compile in their own process.
Standard input: a JSON object with `template` (path), `inputs`, `options` and `standards`; standard
output: the PDF; standard error: one JSON line of warnings, or the reason it failed (exit status 1).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def typeset(
    template: bytes, inputs: dict[str, str], options: dict[str, Any], standards: list[str]
) -> tuple[bytes, list[str]]:
    """The PDF meeting `standards`, or, if the data break one of their rules, a plain tagged PDF and why."""
    import typst

    try:
        return bytes(typst.compile(template, sys_inputs=inputs, pdf_standards=standards, **options)), []
    except typst.TypstError as exc:
        warning = f"The report PDF does not meet {standards} ({exc}); a plain tagged PDF was written"
        return bytes(typst.compile(template, sys_inputs=inputs, **options)), [warning]


def main() -> int:
    job = json.load(sys.stdin)
    try:
        pdf, warnings = typeset(Path(job["template"]).read_bytes(), job["inputs"], job["options"], job["standards"])
    except Exception as exc:  # noqa: BLE001 — whatever went wrong, the parent gets the reason in one line
        sys.stderr.write(f"{type(exc).__name__}: {exc}\n")
        return 1
    sys.stdout.buffer.write(pdf)
    sys.stderr.write(json.dumps({"warnings": warnings}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
