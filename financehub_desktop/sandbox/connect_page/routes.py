"""Serves the Connect page and its static files (no CDN; everything ships in the package)."""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..errors import ApiError

STATIC = Path(__file__).with_name("static")
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml",
}
_FILES = {"connect.js", "connect.css", "sandbox.svg"}


async def connect_page(request: Request) -> Response:
    return Response(
        (STATIC / "connect.html").read_bytes(), media_type=_TYPES[".html"], headers={"Cache-Control": "no-store"}
    )


async def static_file(request: Request) -> Response:
    name = str(request.path_params["name"])
    if name not in _FILES:
        return ApiError(404, "Not found", "NOT_FOUND").response()
    path = STATIC / name
    return Response(path.read_bytes(), media_type=_TYPES[path.suffix], headers={"Cache-Control": "no-store"})


ROUTES = [
    Route("/connect", connect_page, methods=["GET"]),
    Route("/connect/", connect_page, methods=["GET"]),
    Route("/connect/static/{name}", static_file, methods=["GET"]),
]
