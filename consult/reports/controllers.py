"""Pages of the report: published versions for everyone; preparing, redacting and publishing for the office."""

from __future__ import annotations

from litestar import Controller, Request, Response, get, post
from litestar.exceptions import HTTPException, NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from consult.lib import clock
from consult.lib.guards import office_head, office_reviewer, user_of
from consult.lib.web import page_or_fragment
from consult.reports import publication, redaction, services
from consult.reports.formats import FORMATS
from consult.reports.formats.opendata import SCHEMA_PATH
from consult.reports.formats.web import render_text

PANEL = "/panel/konsultacje/{slug:str}/raport"
_SECURITY = {"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:"}


def _fail(error: services.ReportError) -> HTTPException:
    if error.status == 404:
        return NotFoundException()
    return HTTPException(status_code=error.status, detail=error.message)


def _format_of(filename: str) -> str:
    stem, _dot, fmt = filename.rpartition(".")
    if not stem or fmt not in FORMATS:
        raise NotFoundException()
    return fmt


async def _download(slug: str, number: int | None, fmt: str, filename: str) -> Response[bytes]:
    try:
        content, media_type, sha, n = await services.stored_file(slug, number, fmt)
    except services.ReportError as error:
        raise _fail(error) from error
    name = f"raport-{slug}-v{n}.{fmt}"
    disposition = "inline" if fmt in {"html", "pdf", "json"} else "attachment"
    return Response(content=content, media_type=media_type, headers={
        **_SECURITY, "Content-Disposition": f'{disposition}; filename="{name}"', "X-Content-SHA256": sha,
        "Cache-Control": "public, max-age=31536000, immutable" if number else "no-cache"})


class ReportPages(Controller):
    """Published reports: every version of every format, as stored when it was published."""

    include_in_schema = False

    @get("/raporty/{slug:str}", name="report_versions")
    async def versions(self, request: Request, slug: FromPath[str]) -> Template:
        try:
            versions = await services.versions(slug)
            row = await services.consultation_row(slug)
        except services.ReportError as error:
            raise _fail(error) from error
        if not versions:
            if row["status"] not in ("open", "closed"):  # a draft is not public: nothing to say about it
                raise NotFoundException()
            # A link to the report may be shared before it exists: say when it is due, still as a 404.
            return Template("reports/not_yet.html", context={"c": row}, status_code=404)
        return page_or_fragment(request, "reports/versions.html", {}, {"versions": versions, "c": row})

    @get("/raporty/{slug:str}/{filename:str}", name="report_latest")
    async def latest(self, slug: FromPath[str], filename: FromPath[str]) -> Response[bytes]:
        """The newest version, e.g. /raporty/{slug}/najnowszy.json (a stable address for open data)."""
        return await _download(slug, None, _format_of(filename), filename)

    @get("/raporty/{slug:str}/{version:str}/{filename:str}", name="report_file")
    async def file(self, slug: FromPath[str], version: FromPath[str], filename: FromPath[str]) -> Response[bytes]:
        """One version, e.g. /raporty/{slug}/v2/raport.pdf: the bytes stored at its publication."""
        if not (version.startswith("v") and version[1:].isdigit()):
            raise NotFoundException()
        return await _download(slug, int(version[1:]), _format_of(filename), filename)

    @get("/schematy/raport-v1.json", name="report_schema")
    async def schema(self) -> Response[bytes]:
        """The JSON Schema of the open-data report."""
        return Response(content=SCHEMA_PATH.read_bytes(), media_type="application/schema+json",
                        headers={"X-Content-Type-Options": "nosniff"})


class ReportPanel(Controller):
    """Preparing the report in the officials' panel; only the office head publishes."""

    include_in_schema = False
    guards = [office_reviewer]

    async def _workspace(self, request: Request, slug: str, status_code: int = 200, **extra: object) -> Template:
        try:
            view = await services.workspace(slug, clock.now())
        except services.ReportError as error:
            raise _fail(error) from error
        user = user_of(request)
        return page_or_fragment(request, "reports/workspace.html", {}, {
            "w": view, "may_publish": bool(user and user.may_publish(await self._office(slug))), **extra,
        }, status_code=status_code)

    async def _office(self, slug: str) -> int:
        return (await services.consultation_row(slug))["office"]

    @get(PANEL, name="report_workspace")
    async def workspace(self, request: Request, slug: FromPath[str]) -> Template:
        return await self._workspace(request, slug)

    @post(PANEL + "/dane", name="report_additions")
    async def additions(self, request: Request, slug: FromPath[str]) -> Redirect:
        form = await request.form()
        facts = {k: str(form.get(k) or "") for k in ("form", "announced", "summary")}
        responses = {int(k[9:]): str(v) for k, v in form.items() if k.startswith("response-") and k[9:].isdigit()}
        try:
            await services.save_additions(user_of(request), slug, facts, responses, clock.now())  # type: ignore[arg-type]
        except services.ReportError as error:
            raise _fail(error) from error
        return Redirect(path=f"/panel/konsultacje/{slug}/raport?zapisano=1", status_code=303)

    @get(PANEL + "/podglad", name="report_preview")
    async def preview(self, slug: FromPath[str]) -> Response[str]:
        """The report as it would be published now (not stored; labels in the reader's language)."""
        try:
            report = await services.build_report(slug, clock.now())
        except services.ReportError as error:
            raise _fail(error) from error
        return Response(content=render_text(report), media_type="text/html; charset=utf-8",
                        headers={**_SECURITY, "Cache-Control": "no-store"})

    @get(PANEL + "/anonimizacja", name="report_redactions")
    async def redactions(self, request: Request, slug: FromPath[str], numer: FromQuery[str] = "") -> Template:
        try:
            row = await services.consultation_row(slug)
        except services.ReportError as error:
            raise _fail(error) from error
        await redaction.suggest_missing(row["id"])
        items = await redaction.items(row["id"], reference=numer[:40])
        return page_or_fragment(request, "reports/redactions.html", {}, {
            "c": row, "items": items, "numer": numer, "waiting": await redaction.pending_count(row["id"])})

    @post(PANEL + "/anonimizacja", name="report_redactions_all")
    async def confirm_all(self, request: Request, slug: FromPath[str]) -> Redirect:
        row = await services.consultation_row(slug)
        await redaction.confirm_all(user_of(request), row["id"], row["office"], clock.now())  # type: ignore[arg-type]
        return Redirect(path=f"/panel/konsultacje/{slug}/raport/anonimizacja", status_code=303)

    @post(PANEL + "/anonimizacja/{comment_id:int}", name="report_redaction")
    async def confirm(self, request: Request, slug: FromPath[str], comment_id: FromPath[int]) -> Redirect:
        form = await request.form()
        accepted = {int(v) for v in form.getall("span") if str(v).isdigit()} if "span" in form else set()
        edited = {f: str(form.get(f"text-{f}")) for f in redaction.FIELDS
                  if form.get("edit") == "1" and form.get(f"text-{f}") is not None}
        row = await services.consultation_row(slug)
        await redaction.suggest_missing(row["id"])
        if not await redaction.confirm(user_of(request), row["id"], row["office"], comment_id, accepted,  # type: ignore[arg-type]
                                       edited or None, clock.now()):
            raise NotFoundException()
        return Redirect(path=f"/panel/konsultacje/{slug}/raport/anonimizacja#c{comment_id}", status_code=303)

    @post(PANEL + "/publikacja", name="report_publish", guards=[office_head])
    async def publish(self, request: Request, slug: FromPath[str]) -> Template | Redirect:
        form = await request.form()
        try:
            run_id = await publication.request_publication(
                user_of(request), slug, str(form.get("change_note") or ""),  # type: ignore[arg-type]
                form.get("confirm_missing") == "1")
        except services.ReportError as error:
            if error.status == 404:
                raise NotFoundException() from error
            return await self._workspace(request, slug, status_code=error.status, error=error.message,
                                         refused_missing=error.missing)
        return Redirect(path=f"/panel/konsultacje/{slug}/raport/publikacja/{run_id}", status_code=303)

    @get(PANEL + "/publikacja/{run_id:int}", name="report_publication")
    async def publication(self, request: Request, slug: FromPath[str], run_id: FromPath[int]) -> Template:
        """Where the head's publication stands: the workspace with it, or for htmx only the status."""
        view = await publication.publication_status(slug, run_id)
        if view is None:
            raise NotFoundException()
        if request.headers.get("hx-request"):
            # Once the job has ended the rest of the page (versions, the form) is out of date: reload it.
            headers = {} if view.active else {"HX-Refresh": "true"}
            return Template("reports/_publication.html", context={"p": view, "slug": slug}, headers=headers)
        return await self._workspace(request, slug, publication=view)
