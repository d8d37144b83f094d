"""The explorer's ASGI application: :func:`create_app` over one knowledge base.

Every page has a ``.json`` twin built by the same data function
(:data:`newsgraph.web.pages.PAGES`).  The knowledge base is opened read-only
(one connection per worker thread, ``PRAGMA query_only``); only GET and HEAD
are routed, so nothing here can write.  Responses carry a Content Security
Policy that allows no scripts at all.
"""

from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path
from typing import Any, Callable

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import (HTMLResponse, JSONResponse, RedirectResponse, Response,
                                 StreamingResponse)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import __version__
from ..errors import QueryError, StoreError
from ..kb import KnowledgeBase
from ..query.actors import stored_names_only
from . import pages, params as urls
from .lists import DOWNLOADS

__all__ = ["create_app"]

SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
     b"base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


#: The newsgraph code of each HTTP error the server itself answers (an unknown page,
#: a method other than GET or HEAD); every other error carries its query's code.
HTTP_CODES = {404: "E511", 405: "E512"}


class _SecurityHeaders:
    """Pure ASGI middleware adding :data:`SECURITY_HEADERS` to every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _ReadOnlyKB:
    """One read-only :class:`KnowledgeBase` connection per thread."""

    def __init__(self, path: str):
        self.path = path
        self._local = threading.local()

    def get(self) -> KnowledgeBase:
        kb = getattr(self._local, "kb", None)
        if kb is None:
            kb = KnowledgeBase(self.path, readonly=True)
            kb.conn.execute("PRAGMA query_only = ON")
            self._local.kb = kb
        return kb


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("newsgraph.web", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals.update(
        article_url=urls.article_url, actor_url=urls.actor_url, dyad_url=urls.dyad_url,
        search_url=urls.search_url, network_url=urls.network_url, page_url=urls.page_url,
        version=__version__)
    env.filters["safe_href"] = safe_href
    env.filters["mark_snippet"] = mark_snippet
    env.filters["thousands"] = lambda n: f"{n:,}" if isinstance(n, int) else n
    return env


def safe_href(url: str | None) -> str | None:
    """``url`` if it is an http(s) link, else None (no ``javascript:`` and friends)."""
    if not url:
        return None
    u = url.strip()
    return u if u.lower().startswith(("http://", "https://")) else None


def mark_snippet(hit):
    """A search hit's snippet, escaped, with <mark> around its ``highlights`` (character
    offsets into the snippet); a plain string is escaped as it is."""
    from markupsafe import Markup, escape

    if not isinstance(hit, dict):
        return Markup(str(escape(hit or "")))
    text, out, pos = hit.get("snippet") or "", [], 0
    for start, end in hit.get("highlights") or ():
        out += [str(escape(text[pos:start])), "<mark>", str(escape(text[start:end])), "</mark>"]
        pos = end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def create_app(db_path: str | Path) -> Starlette:
    """The explorer over the knowledge base at ``db_path`` (which must exist)."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise StoreError("no knowledge base here (run `newsgraph ingest` first, or give --db)",
                         code="E404", where=str(db_path))
    KnowledgeBase(db_path, readonly=True).close()  # unreadable or unmigrated: fail now
    kbs = _ReadOnlyKB(str(db_path))
    env = _environment()

    def render(template: str, http_status: int = 200, **ctx: Any) -> HTMLResponse:
        html = env.get_template(template).render(**ctx)
        return HTMLResponse(html, status_code=http_status)

    def error(request: Request, status: int, code: str, message: str, as_json: bool):
        if as_json:
            return JSONResponse({"error": {"status": status, "code": code,
                                           "message": message}}, status_code=status)
        return render("error.html", status, status=status, code=code, message=message,
                      page="error", request=request)

    def params_of(request: Request) -> dict[str, Any]:
        """The query parameters: ``type`` and ``modality`` as lists (repeatable), the
        others their last value."""
        params: dict[str, Any] = dict(request.query_params)
        for name in ("type", "modality"):
            params[name] = request.query_params.getlist(name)
        return params

    def choose(request: Request, exc: pages.Choose, as_json: bool) -> Response:
        if as_json:
            return JSONResponse({"name": exc.name, "candidates": exc.candidates},
                                status_code=300)
        return render("choose.html", 300, name=exc.name, candidates=exc.candidates,
                      page="choose", request=request)

    def endpoint(name: str, as_json: bool) -> Callable[[Request], Response]:
        data_fn, view_fn, template = pages.PAGES[name]

        def handle(request: Request) -> Response:
            params = params_of(request)
            path = dict(request.path_params, json=as_json)
            try:
                with stored_names_only():  # no language model in the explorer
                    data = data_fn(kbs.get(), path, params)
            except pages.NotFound as exc:
                return error(request, 404, exc.code, str(exc), as_json)
            except pages.Redirect as exc:
                query = request.url.query
                return RedirectResponse(exc.url + (f"?{query}" if query else ""), 302)
            except pages.Choose as exc:
                return choose(request, exc, as_json)
            except QueryError as exc:
                return error(request, 400, exc.code, exc.message, as_json)
            if as_json:
                return JSONResponse(data)
            return render(template, data=data, page=name, request=request, params=params,
                          **view_fn(data, params))

        handle.__name__ = f"{name}_{'json' if as_json else 'html'}"
        return handle

    def downloader(kind: str, fmt: str) -> Callable[[Request], Response]:
        from .download import download

        def handle(request: Request) -> Response:
            try:
                with stored_names_only():
                    media, filename, chunks = download(str(db_path), kind, fmt,
                                                       params_of(request))
            except QueryError as exc:
                return error(request, 400, exc.code, exc.message, False)
            return StreamingResponse(chunks, media_type=media, headers={
                "content-disposition": f'attachment; filename="{filename}"'})

        handle.__name__ = f"{kind}_{fmt}"
        return handle

    def routes_for(name: str, *paths: str) -> list[Route]:
        out = []
        for path in paths:
            json_path = "/index.json" if path == "/" else path + ".json"
            out.append(Route(json_path, endpoint(name, True), methods=["GET"]))
        out.extend(Route(path, endpoint(name, False), methods=["GET"]) for path in paths)
        return out

    static = resources.files("newsgraph.web").joinpath("static")
    routes = [
        *routes_for("home", "/"),
        *routes_for("search", "/search"),
        # ids may hold "/" (a corpus record's own id): the rest of the path is the id
        *routes_for("article", "/articles/{id:path}"),
        *[Route(f"/{kind}.{fmt}", downloader(kind, fmt), methods=["GET"])
          for kind in ("events", "quotes") for fmt in DOWNLOADS],
        *routes_for("events", "/events"),
        *routes_for("quotes", "/quotes"),
        *routes_for("actors", "/actors"),
        *routes_for("actor", "/actors/{id:path}"),
        *routes_for("dyad", "/dyads/{a}/{b}"),
        *routes_for("network", "/network"),
        Mount("/static", app=StaticFiles(directory=str(static)), name="static"),
    ]

    async def http_error(request: Request, exc: HTTPException):
        as_json = request.url.path.endswith(".json")
        code = HTTP_CODES.get(exc.status_code, "E500")
        return error(request, exc.status_code, code, str(exc.detail), as_json)

    app = Starlette(routes=routes, exception_handlers={HTTPException: http_error})
    app.add_middleware(_SecurityHeaders)
    app.state.db_path = str(db_path)
    return app
