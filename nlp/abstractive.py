"""Abstractive theme summaries from a language model behind an OpenAI-compatible chat endpoint.

Off unless `Options.llm_endpoint` is set; the texts sent are redacted first, and any failure leaves
the extractive summary in place with a warning, so an analysis never fails for want of a model."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Sequence

from nlp.redaction import redact

MAX_TEXTS = 12  # the theme's most central comments
MAX_CHARS = 1200  # of each comment
_PROMPTS = {
    "pl": "Jesteś analitykiem urzędu miasta. Streść w {n} zdaniach, neutralnie i bez ocen, co mieszkańcy piszą "
          "w poniższych uwagach do projektu dokumentu. Pisz po polsku. Nie dodawaj niczego, czego nie ma w uwagach.",
    "en": "You are an analyst at a city office. Summarise in {n} sentences, neutrally, what residents say in the "
          "comments below on a draft document. Write in English. Add nothing that is not in the comments.",
    "uk": "Ви аналітик міської ради. Підсумуйте в {n} реченнях, нейтрально, що мешканці пишуть у коментарях нижче "
          "до проєкту документа. Пишіть українською. Не додавайте нічого, чого немає в коментарях.",
}


class SummaryUnavailable(Exception):
    """The endpoint did not give a usable summary; the message says why."""


def summarise(texts: Sequence[str], language: str, endpoint: str, model: str, api_key: str | None = None,
              sentences: int = 3, timeout: float = 30.0) -> str:
    """A short neutral summary of a theme's comments by the model at `endpoint` (…/v1/chat/completions).

    Personal data are redacted before anything leaves the machine. Raises SummaryUnavailable."""
    shown = [redact(t)[0][:MAX_CHARS] for t in texts[:MAX_TEXTS] if t.strip()]
    if not shown:
        raise SummaryUnavailable("no text to summarise")
    body = {
        "model": model,
        "temperature": 0,
        "messages": [
            {"role": "system", "content": _PROMPTS.get(language, _PROMPTS["pl"]).format(n=sentences)},
            {"role": "user", "content": "\n\n".join(f"- {t}" for t in shown)},
        ],
    }
    headers = {"Content-Type": "application/json"}
    if api_key:
        headers["Authorization"] = f"Bearer {api_key}"
    request = urllib.request.Request(endpoint, data=json.dumps(body).encode("utf-8"), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (an operator-set URL)
            data = json.loads(response.read().decode("utf-8"))
        text = str(data["choices"][0]["message"]["content"]).strip()
    except urllib.error.HTTPError as exc:
        raise SummaryUnavailable(f"the endpoint answered HTTP {exc.code}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise SummaryUnavailable(f"the endpoint could not be reached ({exc})") from exc
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise SummaryUnavailable("the endpoint's answer is not a chat completion") from exc
    if not text:
        raise SummaryUnavailable("the endpoint gave an empty summary")
    return text
