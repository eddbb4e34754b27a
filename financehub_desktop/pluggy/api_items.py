"""Auth, connect tokens, connectors, items (incl. MFA and ``/v2/items``) and webhook subscriptions
(pluggy-api.md §6.1-6.3, §6.11)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Mapping
from typing import Any

from .api_base import ApiBase
from .models.envelope import CursorPage, Page
from .models.items import (
    Connector,
    ConnectTokenRequest,
    ConnectTokenResponse,
    CountResponse,
    CreateItem,
    CreateWebhook,
    Item,
    ItemOptions,
    ItemResource,
    ParameterValidationResponse,
    UpdateItem,
    Webhook,
)
from .models.wealth import ScrResponse
from .pagination import iterate_cursor

#: Marks "leave unchanged" where ``None`` means something (``headers=None`` clears a webhook's headers).
UNSET: Any = object()


def _count(response: CountResponse) -> int:
    return int(response.count) if response.count is not None else 0


class ItemsApi(ApiBase):
    # ------------------------------------------------------------------------------------------ auth
    async def create_api_key(self) -> str:
        """A fresh API key (``POST /auth``); normally not needed: every call renews the key by itself."""
        self._http.auth.clear()
        return await self._http.auth.get()

    async def create_connect_token(
        self,
        item_id: str | None = None,
        *,
        client_user_id: str | None = None,
        webhook_url: str | None = None,
        oauth_redirect_uri: str | None = None,
        avoid_duplicates: bool | None = None,
        products: Iterable[str] | None = None,
    ) -> str:
        """A 30-minute token for the Connect widget; ``item_id`` scopes it to an existing item (update mode)."""
        options = ItemOptions(
            client_user_id=client_user_id,
            webhook_url=webhook_url,
            oauth_redirect_uri=oauth_redirect_uri,
            avoid_duplicates=avoid_duplicates,
            products=list(products) if products is not None else None,
        )
        has_options = any(v is not None for v in options.model_dump().values())
        body = ConnectTokenRequest(item_id=item_id, options=options if has_options else None)
        response = await self._one(ConnectTokenResponse, "POST", "/connect_token", body=body)
        return response.access_token

    # ------------------------------------------------------------------------------------------ connectors
    async def list_connectors(
        self,
        *,
        countries: Iterable[str] | None = None,
        types: Iterable[str] | None = None,
        name: str | None = None,
        sandbox: bool | None = None,
        health_details: bool | None = None,
        is_open_finance: bool | None = None,
        supports_payment_initiation: bool | None = None,
        supports_smart_transfers: bool | None = None,
        supports_automatic_pix: bool | None = None,
    ) -> Page[Connector]:
        params = {
            "countries": list(countries) if countries is not None else None,
            "types": list(types) if types is not None else None,
            "name": name,
            "sandbox": sandbox,
            "healthDetails": health_details,
            "isOpenFinance": is_open_finance,
            "supportsPaymentInitiation": supports_payment_initiation,
            "supportsSmartTransfers": supports_smart_transfers,
            "supportsAutomaticPix": supports_automatic_pix,
        }
        return await self._page(Connector, "/connectors", params=params)

    async def get_connector(self, connector_id: int, *, health_details: bool | None = None) -> Connector:
        return await self._one(
            Connector,
            "GET",
            "/connectors/{id}",
            path_params={"id": connector_id},
            params={"healthDetails": health_details},
        )

    async def validate_connector_parameters(
        self, connector_id: int, parameters: Mapping[str, str]
    ) -> ParameterValidationResponse:
        """Checks credentials against the connector's rules without creating anything."""
        return await self._one(
            ParameterValidationResponse,
            "POST",
            "/connectors/{id}/validate",
            path_params={"id": connector_id},
            body=dict(parameters),
        )

    # ------------------------------------------------------------------------------------------ items
    async def create_item(
        self,
        connector_id: int,
        parameters: Mapping[str, str] | str,
        *,
        webhook_url: str | None = None,
        client_user_id: str | None = None,
        oauth_redirect_uri: str | None = None,
        products: Iterable[str] | None = None,
        avoid_duplicates: bool | None = None,
    ) -> Item:
        """Connects to an institution. Never retried after a timeout/5xx (it could create a second item)."""
        body = CreateItem(
            connector_id=connector_id,
            parameters=parameters if isinstance(parameters, str) else dict(parameters),
            webhook_url=webhook_url,
            client_user_id=client_user_id,
            oauth_redirect_uri=oauth_redirect_uri,
            products=list(products) if products is not None else None,
            avoid_duplicates=avoid_duplicates,
        )
        return await self._one(Item, "POST", "/items", body=body)

    async def get_item(self, item_id: str) -> Item:
        return await self._one(Item, "GET", "/items/{id}", path_params={"id": item_id})

    async def update_item(
        self,
        item_id: str,
        *,
        parameters: Mapping[str, str] | str | None = None,
        client_user_id: str | None = None,
        webhook_url: str | None = None,
        products: Iterable[str] | None = None,
    ) -> Item:
        """Starts a sync (``PATCH /items/{id}``; an empty body re-uses the stored credentials). 20/min limit."""
        body = UpdateItem(
            parameters=parameters if parameters is None or isinstance(parameters, str) else dict(parameters),
            client_user_id=client_user_id,
            webhook_url=webhook_url,
            products=list(products) if products is not None else None,
        )
        return await self._one(Item, "PATCH", "/items/{id}", path_params={"id": item_id}, body=body)

    async def delete_item(self, item_id: str) -> int:
        """Deletes the item at Pluggy; returns how many were deleted (1)."""
        response = await self._one(CountResponse, "DELETE", "/items/{id}", path_params={"id": item_id})
        return _count(response)

    async def send_mfa(self, item_id: str, answers: Mapping[str, str]) -> Item:
        """Answers the challenge in ``item.parameter``: ``{parameter.name: value}`` (e.g. ``{"token": "123456"}``)."""
        return await self._one(Item, "POST", "/items/{id}/mfa", path_params={"id": item_id}, body=dict(answers))

    async def disable_auto_sync(self, item_id: str) -> Item:
        return await self._one(Item, "PATCH", "/items/{id}/disable-auto-sync", path_params={"id": item_id})

    async def list_items_v2(
        self, *, client_user_id: str | None = None, connector_id: int | None = None, after: str | None = None
    ) -> CursorPage[Item]:
        """One cursor page of the team's items, newest first (opt-in per team: 403 otherwise)."""
        params = {"clientUserId": client_user_id, "connectorId": connector_id, "after": after}
        return await self._cursor(Item, "/v2/items", params=params)

    def iter_items_v2(
        self, *, client_user_id: str | None = None, connector_id: int | None = None
    ) -> AsyncIterator[Item]:
        async def fetch(after: str | None) -> CursorPage[Item]:
            return await self.list_items_v2(client_user_id=client_user_id, connector_id=connector_id, after=after)

        return iterate_cursor(fetch, endpoint="GET /v2/items")

    async def list_item_resources(
        self, item_id: str, *, page: int = 1, page_size: int = 500, status: str | None = None
    ) -> Page[ItemResource]:
        params = {"page": page, "pageSize": page_size, "status": status}
        return await self._page(ItemResource, "/items/{id}/resources", path_params={"id": item_id}, params=params)

    async def get_item_scr(self, item_id: str, *, from_: str | None = None, to: str | None = None) -> ScrResponse:
        """Bacen's SCR report (``from``/``to`` as ``YYYYMM``); needs the SCR feature."""
        return await self._one(
            ScrResponse, "GET", "/items/{id}/scr", path_params={"id": item_id}, params={"from": from_, "to": to}
        )

    # ------------------------------------------------------------------------------------------ webhooks
    async def list_webhooks(self) -> Page[Webhook]:
        return await self._page(Webhook, "/webhooks")

    async def create_webhook(self, url: str, event: str, *, headers: Mapping[str, str] | None = None) -> Webhook:
        """Subscribes ``url`` to ``event``; ``headers`` (e.g. a shared secret) are sent with every delivery."""
        body = CreateWebhook(url=url, event=event, headers=dict(headers) if headers is not None else None)
        return await self._one(Webhook, "POST", "/webhooks", body=body)

    async def get_webhook(self, webhook_id: str) -> Webhook:
        return await self._one(Webhook, "GET", "/webhooks/{id}", path_params={"id": webhook_id})

    async def update_webhook(
        self,
        webhook_id: str,
        *,
        url: str | None = None,
        event: str | None = None,
        headers: Mapping[str, str] | None = UNSET,
        enabled: bool | None = None,
    ) -> Webhook:
        """Changes a subscription; ``headers=None`` clears its headers, leaving it out keeps them."""
        body: dict[str, Any] = {}
        if url is not None:
            body["url"] = url
        if event is not None:
            body["event"] = event
        if headers is not UNSET:
            body["headers"] = dict(headers) if headers is not None else None
        if enabled is not None:
            body["enabled"] = enabled
        return await self._one(Webhook, "PATCH", "/webhooks/{id}", path_params={"id": webhook_id}, body=body)

    async def delete_webhook(self, webhook_id: str) -> int:
        response = await self._one(CountResponse, "DELETE", "/webhooks/{id}", path_params={"id": webhook_id})
        return _count(response)
