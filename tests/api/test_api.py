"""The JSON API: reading consultations, sections and comments; submitting a comment."""

from __future__ import annotations

from datetime import timedelta

from litestar.testing import AsyncTestClient

from tests.factories import add_comment, make_consultation, section_id



async def test_consultations_list_and_detail(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    await make_consultation()
    await make_consultation("szkic", status="draft")
    listed = (await client.get("/api/v1/consultations")).json()
    assert [c["slug"] for c in listed] == ["strategia"]
    assert listed[0]["phase"] == "open" and listed[0]["accepts_comments"] is True
    detail = (await client.get("/api/v1/consultations/strategia")).json()
    numbers = [s["number"] for s in detail["sections"]]
    assert numbers == ["", "3", "3.1", "3.2"]
    goal = next(s for s in detail["sections"] if s["number"] == "3")
    assert {s["parent_id"] for s in detail["sections"] if s["number"].startswith("3.")} == {goal["id"]}
    assert (await client.get("/api/v1/consultations/szkic")).status_code == 404


async def test_submit_and_read_comment(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    await make_consultation()
    sid = await section_id("strategia", "3.1")
    base = f"/api/v1/consultations/strategia/sections/{sid}"
    section = (await client.get(base)).json()
    assert "Miejsca Aktywności Lokalnej" in section["body_text"]
    created = await client.post(base + "/comments", json={
        "remark": "Uwaga przez API", "quote_text": "Wsparcie dla seniorów.", "email": "x@example.org",
        "submission_key": "api-key-123456",
    })
    assert created.status_code == 201
    body = created.json()
    assert body["remark"] == "Uwaga przez API" and "email" not in body
    again = await client.post(base + "/comments", json={"remark": "Uwaga przez API", "submission_key": "api-key-123456"})
    assert again.status_code == 200 and again.json()["reference"] == body["reference"]
    page = (await client.get(base + "/comments?sort=newest")).json()
    assert page["total"] == 1 and page["items"][0]["reference"] == body["reference"]
    assert (await client.get(f"/api/v1/comments/{body['reference']}")).json()["quote_text"] == "Wsparcie dla seniorów."


async def test_submit_errors_are_422_with_messages(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    await make_consultation()
    sid = await section_id("strategia", "3.1")
    url = f"/api/v1/consultations/strategia/sections/{sid}/comments"
    bad = await client.post(url, json={"remark": "", "email": "nie-email", "justification": "x" * 5001})
    assert bad.status_code == 422
    errors = bad.json()["errors"]
    assert set(errors) == {"remark", "email", "justification"}
    assert errors["remark"] == "Wpisz treść uwagi."
    wrong_type = await client.post(url, json={"remark": 5})
    assert wrong_type.status_code == 400
    not_json = await client.post(url, content=b"\xff\xfe", headers={"content-type": "application/json"})
    assert not_json.status_code == 400


async def test_closed_consultation_refuses_over_api(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    await make_consultation("stare", opened=timedelta(days=50), duration=timedelta(days=40))
    sid = await section_id("stare", "3.1")
    response = await client.post(f"/api/v1/consultations/stare/sections/{sid}/comments", json={"remark": "x"})
    assert response.status_code == 409


async def test_hidden_comments_absent_from_api(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    from consult.comments.tables import Comment

    await make_consultation()
    ref = await add_comment("strategia", "3.1", "Ukryta")
    await Comment.update({Comment.status: "hidden"}).where(Comment.reference == ref)
    sid = await section_id("strategia", "3.1")
    page = (await client.get(f"/api/v1/consultations/strategia/sections/{sid}/comments")).json()
    assert page["total"] == 0
    assert (await client.get(f"/api/v1/comments/{ref}")).status_code == 404


async def test_openapi_schema_is_served(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    schema = (await client.get("/schema/openapi.json")).json()
    assert "/api/v1/consultations/{slug}/sections/{section_id}/comments" in schema["paths"]
    assert not any(path.startswith("/konsultacje") for path in schema["paths"])


async def test_deeply_nested_json_is_refused_with_400(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    await make_consultation()
    url = f"/api/v1/consultations/strategia/sections/{await section_id('strategia', '3.1')}/comments"
    for body in (b"[" * 50_000 + b"]" * 50_000, b'{"remark": ' + b'{"a": ' * 50_000 + b"1" + b"}" * 50_001):
        response = await client.post(url, content=body, headers={"content-type": "application/json"})
        assert response.status_code == 400 and response.headers["content-type"].startswith("application/json")
        assert "nested too deeply" in response.json()["detail"]
    # Brackets inside strings are text, not nesting.
    fine = await client.post(url, json={"remark": "[" * 1000 + "{" * 1000})
    assert fine.status_code == 201


async def test_required_texts_say_min_length_in_the_schema(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    schema = (await client.get("/schema/openapi.json")).json()["components"]["schemas"]["CommentIn"]
    assert schema["required"] == ["remark"]
    assert schema["properties"]["remark"]["minLength"] == 1 and schema["properties"]["remark"]["maxLength"] == 5000
    for name in schema["required"]:
        assert schema["properties"][name].get("minLength", 0) >= 1, name


async def test_supporter_cookie_is_secure_outside_the_demo(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    await make_consultation()
    page = await client.get(f"/konsultacje/strategia/sekcje/{await section_id('strategia', '3.1')}")
    cookie = next(v for k, v in page.headers.multi_items() if k == "set-cookie" and v.startswith("consult_supporter="))
    assert "Secure" in cookie and "HttpOnly" in cookie
