"""Auth, connect tokens, connectors, items and webhook subscriptions (pluggy-api.md §2, §6.1-6.3, §6.11, §14)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from .base import Amount, Timestamp, WireModel


# ---------------------------------------------------------------------------------------------- auth
class AuthRequest(WireModel):
    client_id: str
    client_secret: str = Field(repr=False)


class AuthResponse(WireModel):
    api_key: str = Field(repr=False)


class ItemOptions(WireModel):
    """Options of a connect token: they apply to the Items created with it."""

    client_user_id: str | None = None
    webhook_url: str | None = None
    oauth_redirect_uri: str | None = None
    avoid_duplicates: bool | None = None
    products: list[str] | None = None


class ConnectTokenRequest(WireModel):
    item_id: str | None = None
    options: ItemOptions | None = None


class ConnectTokenResponse(WireModel):
    access_token: str = Field(repr=False)


# ---------------------------------------------------------------------------------------------- connectors
class CredentialSelectOption(WireModel):
    value: str
    label: str | None = None


class ConnectorCredential(WireModel):
    """A field of a connector's login form, or an MFA challenge on ``Item.parameter``."""

    name: str
    label: str | None = None
    type: str | None = None
    assistive_text: str | None = None
    data: str | None = None
    placeholder: str | None = None
    validation: str | None = None
    validation_message: str | None = None
    mfa: bool | None = None
    options: list[CredentialSelectOption] | None = None
    optional: bool | None = None
    instructions: str | None = None
    expires_at: Timestamp | None = None


class ConnectorHealthDetails(WireModel):
    connection_rate_last6_hours: Amount | None = Field(default=None, alias="connectionRateLast6Hours")
    connections_last6_hours: Amount | None = Field(default=None, alias="connectionsLast6Hours")


class ConnectorIncident(WireModel):
    id: str
    title: str | None = None
    description: str | None = None
    type: str | None = None
    product: str | None = None
    kind: str | None = None
    severity: str | None = None
    state: str | None = None
    started_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    url: str | None = None


class ConnectorHealth(WireModel):
    status: str | None = None
    stage: str | None = None
    incidents: list[ConnectorIncident] | None = None
    details: ConnectorHealthDetails | None = None


class Connector(WireModel):
    id: int
    name: str | None = None
    institution_url: str | None = None
    image_url: str | None = None
    primary_color: str | None = None
    type: str | None = None
    country: str | None = None
    credentials: list[ConnectorCredential] | None = None
    has_mfa: bool | None = Field(default=None, alias="hasMFA")
    products: list[str] | None = None
    product_coverage: list[str] | None = None
    oauth: bool | None = None
    oauth_url: str | None = None
    reset_password_url: str | None = None
    health: ConnectorHealth | None = None
    is_open_finance: bool | None = None
    is_sandbox: bool | None = None
    supports_payment_initiation: bool | None = None
    supports_scheduled_payments: bool | None = None
    supports_smart_transfers: bool | None = None
    supports_boleto_management: bool | None = None
    supports_automatic_pix: bool | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None


class ParameterValidationError(WireModel):
    code: str | None = None
    message: str | None = None
    parameter: str | None = None


class ParameterValidationResponse(WireModel):
    errors: list[ParameterValidationError] | None = None
    parameters: dict[str, Any] | None = None


# ---------------------------------------------------------------------------------------------- items
class ItemError(WireModel):
    code: str
    message: str | None = None
    provider_message: str | None = None
    attributes: dict[str, Any] | None = None


class ConnectorUserAction(WireModel):
    instructions: str | None = None
    attributes: dict[str, Any] | None = None
    expires_at: Timestamp | None = None
    type: str | None = None


class StatusDetailProductWarning(WireModel):
    code: str | None = None
    message: str | None = None
    provider_message: str | None = None


class StatusDetailProduct(WireModel):
    last_updated_at: Timestamp | None = None
    is_updated: bool | None = None
    warnings: list[StatusDetailProductWarning] | None = None


class StatusDetail(WireModel):
    accounts: StatusDetailProduct | None = None
    credit_cards: StatusDetailProduct | None = None
    transactions: StatusDetailProduct | None = None
    investments: StatusDetailProduct | None = None
    identity: StatusDetailProduct | None = None
    investments_transactions: StatusDetailProduct | None = None
    payment_data: StatusDetailProduct | None = None
    loans: StatusDetailProduct | None = None
    account_statements: StatusDetailProduct | None = None


class Item(WireModel):
    """A connection to one institution: its sync status, the MFA challenge or action it waits for, its error."""

    id: str
    connector: Connector | None = None
    status: str
    execution_status: str | None = None
    error: ItemError | None = None
    parameter: ConnectorCredential | None = None
    user_action: ConnectorUserAction | None = None
    webhook_url: str | None = None
    client_user_id: str | None = None
    oauth_redirect_uri: str | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    last_updated_at: Timestamp | None = None
    status_detail: StatusDetail | None = None
    next_auto_sync_at: Timestamp | None = None
    auto_sync_disabled_at: Timestamp | None = None
    consecutive_failed_login_attempts: int | None = None
    consent_expires_at: Timestamp | None = None
    resources_collected_at: Timestamp | None = None
    has_resources_pending_authorization: bool | None = None
    products: list[str] | None = None


class CreateItem(WireModel):
    connector_id: int
    parameters: dict[str, str] | str = Field(repr=False)
    webhook_url: str | None = None
    client_user_id: str | None = None
    oauth_redirect_uri: str | None = None
    products: list[str] | None = None
    avoid_duplicates: bool | None = None


class UpdateItem(WireModel):
    parameters: dict[str, str] | str | None = Field(default=None, repr=False)
    client_user_id: str | None = None
    webhook_url: str | None = None
    products: list[str] | None = None


class ItemResource(WireModel):
    resource_id: str | None = None
    type: str | None = None
    status: str | None = None


class CountResponse(WireModel):
    count: Amount | None = None


# ---------------------------------------------------------------------------------------------- webhooks
class Webhook(WireModel):
    """A webhook subscription (``POST /webhooks``); ``headers`` carries the shared secret the relay checks."""

    id: str
    url: str
    event: str
    disabled_at: Timestamp | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None
    headers: dict[str, str] | None = Field(default=None, repr=False)


class CreateWebhook(WireModel):
    url: str
    event: str
    headers: dict[str, str] | None = Field(default=None, repr=False)


class UpdateWebhook(WireModel):
    url: str | None = None
    event: str | None = None
    headers: dict[str, str] | None = Field(default=None, repr=False)
    enabled: bool | None = None
