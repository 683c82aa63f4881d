"""Abstractive summaries from a chat-completions endpoint: a local server stands in for the model."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

import nlp
from nlp import abstractive
from nlp.types import CommentIn, Options

PESEL = "44051401359"


class _Model(BaseHTTPRequestHandler):
    requests: list[dict] = []  # type: ignore[type-arg]
    status = 200

    def do_POST(self) -> None:  # noqa: N802 (the http.server API)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append({"body": body, "auth": self.headers.get("Authorization")})
        if type(self).status != 200:
            self.send_response(type(self).status)
            self.end_headers()
            return
        theme_text = body["messages"][1]["content"]
        answer = "Mieszkańcy chcą dłuższych godzin otwarcia MAL." if "MAL" in theme_text else "Inne sprawy."
        payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": answer}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def model() -> Iterator[str]:
    _Model.requests, _Model.status = [], 200
    server = HTTPServer(("127.0.0.1", 0), _Model)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/v1/chat/completions"
    server.shutdown()


def _comments() -> list[CommentIn]:
    mal = [f"MAL na osiedlu {i} powinien być otwarty dłużej, także w soboty i wieczorami." for i in range(8)]
    mal[0] += f" Mój PESEL {PESEL}, proszę o kontakt."
    other = [f"Potrzebne są mieszkania chronione dla osób wychodzących z bezdomności, dzielnica {i}." for i in range(8)]
    return [CommentIn(str(i), t, "3.10") for i, t in enumerate(mal + other)]


def test_themes_get_the_models_summary_and_no_personal_data_leaves(model: str) -> None:
    result = nlp.analyse(_comments(), Options(llm_endpoint=model, llm_model="bielik", llm_api_key="sekret"))
    assert result.warnings == []
    abstracts = {t.abstract for t in result.themes if not t.is_other}
    assert "Mieszkańcy chcą dłuższych godzin otwarcia MAL." in abstracts
    sent = json.dumps([r["body"] for r in _Model.requests], ensure_ascii=False)
    assert PESEL not in sent and "[PESEL]" in sent
    assert {r["body"]["model"] for r in _Model.requests} == {"bielik"}
    assert {r["auth"] for r in _Model.requests} == {"Bearer sekret"}
    assert "sekret" not in json.dumps(result.state)  # the key is never kept with the analysis
    assert all(t.summary for t in result.themes)  # the extractive summary is there too


def test_a_failing_model_leaves_the_extractive_summary_and_a_warning(model: str) -> None:
    _Model.status = 500
    result = nlp.analyse(_comments(), Options(llm_endpoint=model))
    assert result.warnings and "HTTP 500" in result.warnings[0]
    assert all(t.abstract == "" and t.summary for t in result.themes)


def test_an_unreachable_model_is_reported_not_raised() -> None:
    with pytest.raises(abstractive.SummaryUnavailable, match="could not be reached"):
        abstractive.summarise(["Tekst uwagi."], "pl", "http://127.0.0.1:9/v1/chat/completions", "m", timeout=2)
    with pytest.raises(abstractive.SummaryUnavailable):
        abstractive.summarise(["   "], "pl", "http://127.0.0.1:9/", "m")


def test_command_line_asks_the_model_when_told(model: str, tmp_path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from nlp.cli import main

    src = tmp_path / "uwagi.jsonl"
    src.write_text("\n".join(json.dumps({"id": c.id, "text": c.text}, ensure_ascii=False) for c in _comments()),
                   encoding="utf-8")
    monkeypatch.setenv("NLP_LLM_API_KEY", "z-env")
    out = tmp_path / "analiza.json"
    assert main(["analyse", str(src), "-o", str(out), "--llm-endpoint", model, "--llm-model", "bielik"]) == 0
    saved = json.loads(out.read_text(encoding="utf-8"))
    assert any(t["abstract"] for t in saved["themes"]) and "Mieszkańcy chcą" in capsys.readouterr().out
    assert {r["auth"] for r in _Model.requests} == {"Bearer z-env"}
