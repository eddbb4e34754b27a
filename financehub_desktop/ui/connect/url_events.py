"""Pluggy Connect's standalone mode reports progress by rewriting its own URL query (pluggy-api.md §11.4):
``events`` (comma-separated history, newest last), ``timestamp``, ``item_id``, ``item_status``,
``execution_status``, ``connector_id``, ``connector_name``, ``connector_image_url``, ``error``.

This module parses those URLs (no Qt) and builds the widget URL from our options. It is the single place that knows
the names, so the real connect.pluggy.ai and the sandbox's ``/connect`` page are read the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

#: Events the page can report; unknown names are passed through (the widget adds events over time).
KNOWN_EVENTS = frozenset(
    {
        "OPEN",
        "CLOSE",
        "IN_BACKGROUND",
        "ERROR",
        "SUCCESS",
        "SELECTED_INSTITUTION",
        "SUBMITTED_CONSENT",
        "SUBMITTED_LOGIN",
        "SUBMITTED_MFA",
        "LOGIN_SUCCESS",
        "LOGIN_MFA_SUCCESS",
        "LOGIN_STEP_COMPLETED",
        "ITEM_RESPONSE",
    }
)


@dataclass(frozen=True, slots=True)
class ConnectUrlEvent:
    """The newest event in a Connect page URL, with the reduced item the page exposes."""

    event: str
    timestamp: str
    history: tuple[str, ...]
    item_id: str | None = None
    item_status: str | None = None
    execution_status: str | None = None
    connector_id: int | None = None
    connector_name: str | None = None
    error: str | None = None


def parse_connect_url(url: str) -> ConnectUrlEvent | None:
    """The event a Connect page URL reports, or ``None`` when it carries none (the first load)."""
    query = parse_qs(urlsplit(url).query, keep_blank_values=False)

    def one(name: str) -> str | None:
        values = query.get(name)
        return values[-1] if values else None

    events_raw = one("events")
    if not events_raw:
        return None
    history = tuple(e.strip().upper() for e in events_raw.split(",") if e.strip())
    if not history:
        return None
    connector_raw = one("connector_id")
    connector_id = int(connector_raw) if connector_raw and connector_raw.isdigit() else None
    return ConnectUrlEvent(
        event=history[-1],
        timestamp=one("timestamp") or "",
        history=history,
        item_id=one("item_id"),
        item_status=one("item_status"),
        execution_status=one("execution_status"),
        connector_id=connector_id,
        connector_name=one("connector_name"),
        error=one("error"),
    )


@dataclass(frozen=True, slots=True)
class ConnectOptions:
    connect_token: str
    include_sandbox: bool = False
    update_item: str | None = None
    connector_types: tuple[str, ...] = ()
    connector_ids: tuple[int, ...] = ()
    countries: tuple[str, ...] = ("BR",)
    language: str = "pt"
    theme: str = "light"
    products: tuple[str, ...] = ()


def _csv(values: Iterable[object]) -> str:
    return ",".join(str(v) for v in values)


def build_connect_url(base_url: str, options: ConnectOptions) -> str:
    """The standalone widget URL: ``<base>?connect_token=...&with_sandbox=true&...`` (booleans as true/false)."""
    params: dict[str, str] = {"connect_token": options.connect_token}
    if options.include_sandbox:
        params["with_sandbox"] = "true"
    if options.update_item:
        params["update_item"] = options.update_item
    if options.connector_types:
        params["connector_types"] = _csv(options.connector_types)
    if options.connector_ids:
        params["connector_ids"] = _csv(options.connector_ids)
    if options.countries:
        params["countries"] = _csv(options.countries)
    if options.products:
        params["products"] = _csv(options.products)
    params["lang"] = options.language
    params["theme"] = options.theme
    parts = urlsplit(base_url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(params), ""))


def is_connect_origin(url: str, base_url: str) -> bool:
    """Whether a navigation stays on the Connect page's own origin (everything else opens in the browser)."""
    a, b = urlsplit(url), urlsplit(base_url)
    return (a.scheme, a.hostname, a.port) == (b.scheme, b.hostname, b.port)
