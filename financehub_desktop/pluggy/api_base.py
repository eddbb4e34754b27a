"""What every group of endpoint methods shares: one engine, and typed decoding of single objects and pages."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any, TypeVar, cast

from pydantic import BaseModel

from .http import PluggyHttp, decode_model
from .models.envelope import CursorPage, Page

M = TypeVar("M", bound=BaseModel)


@cache
def _page_type(model: type[BaseModel]) -> type[Page[Any]]:
    return cast(type[Page[Any]], Page.__class_getitem__(model))


@cache
def _cursor_type(model: type[BaseModel]) -> type[CursorPage[Any]]:
    return cast(type[CursorPage[Any]], CursorPage.__class_getitem__(model))


class ApiBase:
    """Base of the endpoint groups; ``PluggyClient`` combines them over one ``PluggyHttp``."""

    _http: PluggyHttp

    async def _one(
        self,
        model: type[M],
        method: str,
        template: str,
        *,
        path_params: Mapping[str, Any] | None = None,
        params: Mapping[str, Any] | None = None,
        body: Any = None,
    ) -> M:
        raw = await self._http.request(method, template, path_params=path_params, params=params, json_body=body)
        return decode_model(model, raw, f"{method} {template}")

    async def _page(
        self,
        model: type[M],
        template: str,
        *,
        path_params: Mapping[str, Any] | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> Page[M]:
        endpoint = f"GET {template}"
        raw = await self._http.request("GET", template, path_params=path_params, params=params)
        if isinstance(raw, list):  # a few endpoints answer a bare array (spec of /categories)
            raw = {"page": 1, "total": len(raw), "totalPages": 1, "results": raw}
        return cast(Page[M], decode_model(_page_type(model), raw, endpoint))

    async def _cursor(
        self,
        model: type[M],
        template: str,
        *,
        params: Mapping[str, Any] | None = None,
    ) -> CursorPage[M]:
        endpoint = f"GET {template}"
        raw = await self._http.request("GET", template, params=params)
        return cast(CursorPage[M], decode_model(_cursor_type(model), raw, endpoint))

    async def _no_content(
        self,
        method: str,
        template: str,
        *,
        path_params: Mapping[str, Any] | None = None,
        body: Any = None,
    ) -> None:
        await self._http.request(method, template, path_params=path_params, json_body=body, expect_body=False)
