"""How a sandbox instance behaves: seed, token lifetimes, speed of the simulated bank, webhook retries."""

from __future__ import annotations

from dataclasses import dataclass

#: The client id and secret the sandbox accepts (printed by ``financehub sandbox``; not a secret anywhere else).
DEMO_CLIENT_ID = "5f2d6a0e-3c1b-4e8a-9d7f-2b6c8e4a1f90"
DEMO_CLIENT_SECRET = "sandbox-demo-secret"  # noqa: S105 (a published demo value, like Pluggy's user-ok)


@dataclass(frozen=True, slots=True)
class SandboxConfig:
    """Settings of one sandbox instance. Every time-based behaviour is here so tests can run it fast."""

    seed: int = 1
    api_key_ttl_seconds: int = 7200
    connect_token_ttl_seconds: int = 1800
    #: Latency added to every API response (the admin API and the Connect page's static files are not delayed).
    latency_ms: int = 0
    #: How long each item-lifecycle phase (LOGIN_IN_PROGRESS, ACCOUNTS_IN_PROGRESS, ...) lasts, in real seconds.
    step_seconds: float = 0.5
    #: Pluggy's per-endpoint, per-IP, per-minute limits (pluggy-api.md §5). Benchmarks switch them off.
    rate_limits: bool = True
    #: Minimum real seconds between two client-triggered refreshes of one item (409 before that); 0 = no limit.
    min_refresh_interval_seconds: float = 0.0
    #: How long an MFA challenge waits for an answer before the execution ends with USER_INPUT_TIMEOUT.
    mfa_timeout_seconds: float = 300.0
    #: Delays between webhook delivery attempts (Pluggy retries over hours; compressed here).
    webhook_retry_delays: tuple[float, ...] = (0.2, 1.0, 3.0)
    #: Seconds a webhook receiver may take before the attempt counts as failed (Pluggy: 10 s).
    webhook_timeout_seconds: float = 5.0
    #: Secret for the optional ``X-Pluggy-Signature`` header (hex HMAC-SHA256 of the raw body); None = unsigned.
    webhook_signing_secret: str | None = None
    #: Real Pluggy refuses non-https and private hosts; the sandbox accepts them so a local relay can be tested.
    allow_private_webhook_urls: bool = True
    #: How long a "hang" fault holds a request before answering (clients are expected to time out first).
    hang_seconds: float = 30.0
    #: Open Finance monthly quota of real-time balance reads per smart-transfer preauthorization (the institution's
    #: limit, pluggy-api.md §5): beyond it, 429 BALANCE_OPEN_FINANCE_RATE_LIMIT until the sandbox month ends.
    #: None = no quota.
    balance_monthly_quota: int | None = None
    #: Base URL the sandbox advertises in links (``createdTransactionsLink``, ``paymentUrl``); None = from request.
    public_url: str | None = None
