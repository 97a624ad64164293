"""The Starlette application behind ``charter serve``: the page and its few endpoints.

``GET /`` renders the whole page (server-side, Jinja2 with autoescaping: spec text and
model output are always escaped); ``GET /fragment`` renders only the document and the
questions, which the page's script swaps in after a write, so new findings appear
without a reload; ``GET /answer?key=`` renders the forms of one question when its panel
is opened, so the page stays small on a large spec. ``POST /api/preview`` answers with
the diff an answer would make, ``POST /api/write`` writes it (guarded by the file's
hash: a stale file gives 409 and the page reloads saying so), ``POST /api/undo`` reverts
a write, and, when a model is configured, ``POST /api/suggest`` proposes readings or
challenging prompts. Everything sits behind :class:`~charter.web.security.Guard`.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from charter.errors import CharterError, ProviderError
from charter.spec.writer import StaleFileError
from charter.web.answers import AnswerError
from charter.web.questions import Views
from charter.web.security import Guard, Secrets
from charter.web.suggest import Suggester
from charter.web.writes import OutsideError, Writer

STATIC = Path(__file__).parent / "static"


def create_app(
    root: str, keys: Secrets, hosts: set[str], suggester: Suggester | None = None
) -> Guard:
    env = Environment(
        loader=PackageLoader("charter.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    writer = Writer(root)
    views = Views(root)

    def render(name: str, **values: Any) -> HTMLResponse:
        try:
            view = views.current()
        except CharterError as exc:  # an unusable config: said on the page, not a traceback
            text = html.escape(str(exc))
            return HTMLResponse(f"<!doctype html><title>Charter</title><p>{text}</p>", 500)
        context = {"view": view, "csrf": keys.csrf, "model": suggester is not None, **values}
        return HTMLResponse(env.get_template(name).render(**context))

    async def page(request: Request) -> Response:
        return render("page.html", stale=request.query_params.get("stale", ""))

    async def fragment(request: Request) -> Response:
        return render("fragment.html")

    async def answer(request: Request) -> Response:
        view = views.current()
        key = request.query_params.get("key", "")
        q = next((q for q in view.questions if q.key == key), None)
        mv = next((m for m in view.modules if q is not None and m.path == q.path), None)
        if q is None or mv is None:
            return HTMLResponse('<p class="error">This question is no longer asked.</p>', 404)
        html = env.get_template("answer.html").render(q=q, mv=mv, model=suggester is not None)
        return HTMLResponse(html)

    async def preview(request: Request) -> Response:
        form = await _form(request)
        return _answer(lambda: _preview_json(writer, form))

    async def write(request: Request) -> Response:
        form = await _form(request)
        return _answer(lambda: _write_json(writer, form))

    async def undo(request: Request) -> Response:
        form = await _form(request)
        return _answer(lambda: {"ok": True, "path": writer.revert(form.get("undo", ""))})

    async def suggest(request: Request) -> Response:
        if suggester is None:
            return JSONResponse({"error": "no model configured (--model)"}, status_code=404)
        form = await _form(request)
        try:
            return JSONResponse(await suggester.suggest(root, form))
        except Exception as exc:  # a model failure is shown, not raised
            return _failure(exc)

    routes = [
        Route("/", page),
        Route("/fragment", fragment),
        Route("/answer", answer),
        Route("/api/preview", preview, methods=["POST"]),
        Route("/api/write", write, methods=["POST"]),
        Route("/api/undo", undo, methods=["POST"]),
        Route("/api/suggest", suggest, methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    return Guard(Starlette(routes=routes), keys, hosts)


async def _form(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: v for k, v in form.items() if isinstance(v, str)}


def _preview_json(writer: Writer, form: dict[str, str]) -> dict[str, Any]:
    prepared = writer.prepare(form)
    return {"diff": prepared.diff, "path": prepared.path, "case_id": prepared.case_id}


def _write_json(writer: Writer, form: dict[str, str]) -> dict[str, Any]:
    prepared, undo_id = writer.write(form)
    return {"ok": True, "path": prepared.path, "undo": undo_id, "case_id": prepared.case_id}


def _answer(work: Callable[[], dict[str, Any]]) -> Response:
    """Run ``work`` and turn the expected failures into JSON errors with their status."""
    try:
        return JSONResponse(work())
    except (CharterError, ValueError) as exc:
        return _failure(exc)


def _failure(exc: Exception) -> Response:
    if isinstance(exc, StaleFileError):
        return JSONResponse({"error": str(exc), "stale": True}, status_code=409)
    if isinstance(exc, OutsideError):
        return JSONResponse({"error": str(exc)}, status_code=403)
    if isinstance(exc, AnswerError | CharterError | UnicodeDecodeError):
        status = 502 if isinstance(exc, ProviderError) else 400
        return JSONResponse({"error": str(exc)}, status_code=status)
    raise exc
