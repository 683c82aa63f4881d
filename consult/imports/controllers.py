"""Pages of imports: upload a draft, correct the detected tree, save it; versions, their diff, matching."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from litestar import Controller, Request, get, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.exceptions.http_exceptions import RequestEntityTooLarge
from litestar.params import Body, FromPath, URLEncodedBody
from litestar.response import Redirect, Template

from consult.accounts.schemas import CurrentUser
from consult.imports import services
from consult.imports.parsers import ACCEPT, MAX_BYTES, ImportFailure, doc_converter
from consult.imports.schemas import KINDS, MatchForm, NewConsultationForm, TreeEdit, VersionForm
from consult.lib import clock
from consult.lib.guards import office_reviewer, staff, user_of

# Files up to four times the limit reach the handler and get the form back with the reason; larger
# bodies are cut off while they stream in, and get the page of `_too_large`.
UPLOAD_LIMIT = 4 * MAX_BYTES + 1024 * 1024


def _too_large(request: Request, _exc: RequestEntityTooLarge) -> Template:
    """A body over UPLOAD_LIMIT never reaches the handler: the reason in the page's words, and the way back."""
    return Template("imports/too_large.html", status_code=413,
                    context={"back": request.url.path, "max_mb": MAX_BYTES // (1024 * 1024)})


@dataclass
class UploadForm:
    file: UploadFile
    office_id: int = 0


@dataclass
class VersionUpload:
    file: UploadFile


@dataclass
class SaveForm(NewConsultationForm):
    """Both save forms in one: `target` says which."""

    target: str = field(default="new")


def _user(request: Request) -> CurrentUser:
    user = user_of(request)
    assert user is not None  # the guards let only signed-in staff through
    return user


def _version(value: str) -> int:
    digits = value.lower().removeprefix("v")
    if not digits.isdigit():
        raise NotFoundException()
    return int(digits)


class ImportPages(Controller):
    """Officials turn the office's files into drafts and versions; residents see what changed."""

    include_in_schema = False

    async def _upload_page(self, request: Request, error: ImportFailure | None = None, status: int = 200) -> Template:
        user = _user(request)
        context: dict[str, Any] = {"offices": await services.user_offices(user), "accept": ACCEPT,
                                   "max_mb": MAX_BYTES // (1024 * 1024), "error": error, "doc_ok": bool(doc_converter())}
        return Template("imports/upload.html", context=context, status_code=status)

    @get("/panel/import", name="import_form", guards=[staff])
    async def upload_form(self, request: Request) -> Template:
        return await self._upload_page(request)

    @post("/panel/import", name="import_upload", guards=[staff], request_max_body_size=UPLOAD_LIMIT,
          exception_handlers={RequestEntityTooLarge: _too_large})
    async def upload(
        self, request: Request, data: Annotated[UploadForm, Body(media_type=RequestEncodingType.MULTI_PART)]
    ) -> Template | Redirect:
        try:
            import_id = await services.start_import(
                _user(request), data.file.filename or "", await data.file.read(), office_id=data.office_id)
        except ImportFailure as error:
            return await self._upload_page(request, error, 400)
        return Redirect(path=f"/panel/import/{import_id}", status_code=303)

    @get("/panel/import/{import_id:int}", name="import_preview", guards=[staff])
    async def preview(self, request: Request, import_id: FromPath[int]) -> Template:
        preview = await services.get_preview(_user(request), import_id)
        if preview is None:
            raise NotFoundException()
        return Template("imports/preview.html", context={"p": preview, "kinds": KINDS, "form": None, "errors": {}})

    @post("/panel/import/{import_id:int}", name="import_edit", guards=[staff])
    async def edit(self, request: Request, import_id: FromPath[int]) -> Redirect:
        form = await request.form()
        at = str(form.get("at", ""))
        edit = TreeEdit(numbers=form.getall("number", []), titles=form.getall("title", []),
                        kinds=form.getall("kind", []), depths=form.getall("depth", []),
                        action=str(form.get("action", "save")), at=int(at) if at.isdigit() else None)
        if not await services.edit_preview(_user(request), import_id, edit):
            raise NotFoundException()
        verb, _, target = edit.action.partition(":")
        if verb == "split" and target.isdigit():
            return Redirect(path=f"/panel/import/{import_id}/podzial/{target}", status_code=303)
        anchor = f"#sekcja-{target}" if target.isdigit() else ""
        return Redirect(path=f"/panel/import/{import_id}{anchor}", status_code=303)

    @get("/panel/import/{import_id:int}/podzial/{index:int}", name="import_split", guards=[staff])
    async def split(self, request: Request, import_id: FromPath[int], index: FromPath[int]) -> Template:
        found = await services.split_choices(_user(request), import_id, index)
        if found is None:
            raise NotFoundException()
        preview, section, blocks = found
        return Template("imports/split.html", context={"p": preview, "section": section, "index": index, "blocks": blocks})

    @post("/panel/import/{import_id:int}/zapisz", name="import_save", guards=[staff])
    async def save(self, request: Request, import_id: FromPath[int], data: URLEncodedBody[SaveForm]) -> Template | Redirect:
        user = _user(request)
        try:
            if data.target == "version":
                saved = await services.save_as_version(user, import_id, VersionForm(data.document_title, data.note))
            else:
                saved = await services.save_as_consultation(user, import_id, data)
        except services.FormErrors as error:
            preview = await services.get_preview(user, import_id)
            if preview is None:
                raise NotFoundException() from error
            return Template("imports/preview.html", status_code=400,
                            context={"p": preview, "kinds": KINDS, "form": data, "errors": error.errors})
        if saved is None:
            raise NotFoundException()
        return Redirect(path=f"/panel/konsultacje/{saved.slug}/wersje", query_params={"zapisano": str(saved.version)},
                        status_code=303)

    @post("/panel/import/{import_id:int}/usun", name="import_discard", guards=[staff])
    async def discard(self, request: Request, import_id: FromPath[int]) -> Redirect:
        if not await services.discard(_user(request), import_id):
            raise NotFoundException()
        return Redirect(path="/panel", status_code=303)

    @get("/panel/konsultacje/{slug:str}/wersje", name="versions", guards=[office_reviewer])
    async def versions(self, request: Request, slug: FromPath[str]) -> Template:
        return await self._versions_page(request, slug)

    async def _versions_page(self, request: Request, slug: str, error: ImportFailure | None = None,
                             status: int = 200) -> Template:
        page = await services.versions_page(slug)
        if page is None:
            raise NotFoundException()
        saved = request.query_params.get("zapisano", "")
        return Template("imports/versions.html", status_code=status, context={
            "v": page, "accept": ACCEPT, "max_mb": MAX_BYTES // (1024 * 1024), "error": error,
            "doc_ok": bool(doc_converter()),
            "saved": int(saved) if saved.isdigit() else 0, "now": clock.now()})

    @post("/panel/konsultacje/{slug:str}/wersje", name="version_upload", guards=[office_reviewer],
          request_max_body_size=UPLOAD_LIMIT, exception_handlers={RequestEntityTooLarge: _too_large})
    async def upload_version(
        self, request: Request, slug: FromPath[str],
        data: Annotated[VersionUpload, Body(media_type=RequestEncodingType.MULTI_PART)],
    ) -> Template | Redirect:
        try:
            import_id = await services.start_import(_user(request), data.file.filename or "", await data.file.read(),
                                                    slug=slug)
        except ImportFailure as error:
            return await self._versions_page(request, slug, error, 400)
        return Redirect(path=f"/panel/import/{import_id}", status_code=303)

    @get("/panel/konsultacje/{slug:str}/wersje/{version:str}/zmiany", name="version_diff", guards=[office_reviewer])
    async def diff(self, slug: FromPath[str], version: FromPath[str]) -> Template:
        found = await services.version_diff(slug, _version(version), public=False)
        if found is None:
            raise NotFoundException()
        return Template("imports/diff.html", context={"d": found, "public": False})

    @post("/panel/konsultacje/{slug:str}/wersje/dopasowania", name="version_match", guards=[office_reviewer])
    async def match(self, request: Request, slug: FromPath[str], data: URLEncodedBody[MatchForm]) -> Redirect:
        if not await services.resolve_match(_user(request), slug, data.previous, data.section):
            raise NotFoundException()
        return Redirect(path=f"/panel/konsultacje/{slug}/wersje#dopasowania", status_code=303)

    @get("/konsultacje/{slug:str}/zmiany/{version:str}", name="public_diff")
    async def public_diff(self, slug: FromPath[str], version: FromPath[str]) -> Template:
        found = await services.version_diff(slug, _version(version), public=True)
        if found is None:
            raise NotFoundException()
        return Template("imports/diff.html", context={"d": found, "public": True})
