"""The unsubscribe link: one signed link in every message; the page confirms with one button."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.params import FromPath
from litestar.response import Template

from consult.lib import clock
from consult.notifications import services


def _bad_link() -> Template:
    return Template("notifications/unsubscribe.html", status_code=400, context={"bad": True, "sub": None})


class UnsubscribePages(Controller):
    """No more messages about one comment; a damaged link changes nothing and says so."""

    include_in_schema = False
    path = "/powiadomienia/wypisz"

    @get("/{token:str}", name="unsubscribe")
    async def page(self, token: FromPath[str]) -> Template:
        found = await services.subscription(token)
        if found is None:
            return _bad_link()
        return Template("notifications/unsubscribe.html", context={"sub": found, "token": token, "bad": False})

    @post("/{token:str}", name="unsubscribe_confirm")
    async def confirm(self, token: FromPath[str]) -> Template:
        found = await services.unsubscribe(token, clock.now())
        if found is None:
            return _bad_link()
        return Template("notifications/unsubscribe.html", context={"sub": found, "token": token, "bad": False,
                                                                   "done": True})
