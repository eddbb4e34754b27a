"""Pluggy's error bodies: ``{code, codeDescription, message, data}`` (pluggy-api.md §4), raised as ``ApiError``."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from .wire import json_response


class ApiError(Exception):
    """An error answer the sandbox gives exactly as Pluggy would (status, stable id, human message, context)."""

    def __init__(
        self,
        status: int,
        message: str,
        code_description: str | None = None,
        *,
        data: dict[str, Any] | None = None,
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code_description = code_description
        self.data = data
        self.extra = extra or {}
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.status, "message": self.message}
        if self.code_description is not None:
            body["codeDescription"] = self.code_description
        if self.data is not None:
            body["data"] = self.data
        body.update(self.extra)
        return body

    def response(self) -> Response:
        return json_response(self.body(), status=self.status, headers=self.headers)


def not_found(code_description: str, what: str) -> ApiError:
    return ApiError(404, f"{what} not found", code_description)


def bad_request(message: str, code_description: str | None = None, **data: Any) -> ApiError:
    return ApiError(400, message, code_description, data=data or None)


def validation_error(errors: list[dict[str, str]], message: str = "Parameters validation error") -> ApiError:
    """The ItemCreationErrorResponse shape: ``details`` (and the legacy ``errors``) list each bad parameter."""
    return ApiError(400, message, "CONNECTOR_VALIDATION_ERROR", extra={"details": errors, "errors": errors})


def param_error(parameter: str, message: str, code: str = "001") -> dict[str, str]:
    return {"code": code, "parameter": parameter, "message": message}


FORBIDDEN_MESSAGE = "Missing or invalid authorization token"


def forbidden(message: str = FORBIDDEN_MESSAGE) -> ApiError:
    return ApiError(403, message)


def method_not_allowed() -> ApiError:
    return ApiError(405, "Method not allowed")
