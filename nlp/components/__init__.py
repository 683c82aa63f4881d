"""Registers every consult spaCy component (factories `consult_*`) when imported, once."""

from __future__ import annotations

import importlib

from nlp.components import lemmatizer, phrases  # noqa: F401  (registration happens at import)

# Built by another part of the project; the analysis works without them, so a missing one is not fatal.
OPTIONAL = ("nlp.components.sentiment", "nlp.components.redactor")
for _module in OPTIONAL:
    try:
        importlib.import_module(_module)
    except ImportError:
        pass
