"""The envelopes around results (page, cursor) and around errors (pluggy-api.md §3, §4)."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import Field

from .base import WireModel
from .items import ParameterValidationError

T = TypeVar("T")


class Page(WireModel, Generic[T]):
    """``{page, total, totalPages, results}``; endpoints without paging send page 1 of 1 (or omit the numbers)."""

    page: int | None = None
    total: int | None = None
    total_pages: int | None = None
    results: list[T] = Field(default_factory=list)


class CursorPage(WireModel, Generic[T]):
    """``{results, next}`` of the ``/v2`` endpoints; ``next`` is a ready query string (``?accountId=..&after=..``)."""

    results: list[T] = Field(default_factory=list)
    next: str | None = None


class ErrorResponse(WireModel):
    """Pluggy's error body: GlobalErrorResponse plus the ItemCreationErrorResponse extras (``details``, ``items``)."""

    code: int | None = None
    code_description: str | None = None
    message: str | None = None
    data: dict[str, Any] | None = None
    details: list[ParameterValidationError] | None = None
    errors: list[ParameterValidationError] | None = None
    error_id: str | None = None
    items: list[str] | None = None
