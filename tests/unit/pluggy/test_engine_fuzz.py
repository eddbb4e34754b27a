"""Whatever the server answers (any status, any headers, any bytes), a call returns a typed model or raises one of
our typed errors; and nothing secret reaches the log on the way."""

from __future__ import annotations

import asyncio
import json
import logging

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from financehub_desktop.domain.errors import FinanceHubError
from financehub_desktop.pluggy.models import CursorPage, Item

from .fakes import CLIENT_SECRET, FakeClock, FakePluggy, build_client, item_body, ok

statuses = st.sampled_from([200, 201, 204, 301, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504])
bodies = st.one_of(
    st.binary(max_size=80),
    st.just(b"<html><body>proxy error</body></html>"),
    st.just(b'{"code": 429, "message": "Too many requests"}'),
    st.just(b'{"id": "item-1", "status": "UPDATED"}'),
    st.just(b'{"results": [], "next": null}'),
    st.just(b'{"results": [{"id": 1}], "next": "?after=x"}'),
    st.dictionaries(
        st.sampled_from(["id", "status", "results", "next", "code", "codeDescription"]),
        st.none() | st.integers() | st.text(max_size=5),
    ).map(lambda d: json.dumps(d).encode()),
)
headers = st.dictionaries(
    st.sampled_from(["Retry-After", "RateLimit-Reset", "Content-Type"]),
    st.sampled_from(["1", "0", "-5", "abc", "nan", "1e9", "Wed, 21 Oct 2015 07:28:00 GMT", "application/json"]),
)
answers = st.lists(st.tuples(statuses, bodies, headers), min_size=1, max_size=6)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(script=answers)
def test_any_answer_gives_a_model_or_a_typed_error(script: list[tuple[int, bytes, dict[str, str]]]) -> None:
    clock = FakeClock()
    fake = FakePluggy(clock)
    fake.script = [httpx.Response(status, content=body, headers=hdrs) for status, body, hdrs in script]
    fake.script += [httpx.Response(503)] * 10  # whatever is left of the retries

    async def run() -> None:
        async with build_client(fake, clock, max_attempts=3, budget=120.0) as pluggy:
            for call in (lambda: pluggy.get_item("item-1"), lambda: pluggy.list_transactions_v2("acc-1")):
                outcome: object
                try:
                    outcome = await call()
                except FinanceHubError as err:
                    outcome = err
                if isinstance(outcome, FinanceHubError):
                    assert outcome.context.get("endpoint") or outcome.detail
                else:
                    assert isinstance(outcome, Item | CursorPage)

    asyncio.run(run())


@pytest.mark.asyncio
async def test_no_secret_or_key_in_the_log_through_a_rough_session(
    fake: FakePluggy, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    connect_token = "connect-token-canary-123"
    fake.routes["GET /items/item-1"] = lambda r: ok(item_body())
    fake.routes["POST /connect_token"] = lambda r: ok({"accessToken": connect_token})
    async with build_client(fake, clock) as pluggy:
        await pluggy.get_item("item-1")
        fake.revoke_all_keys()
        fake.script = [ok({}, 503), httpx.ReadTimeout("slow")]
        await pluggy.get_item("item-1")
        assert await pluggy.create_connect_token(client_user_id="u") == connect_token
    assert fake.issued_keys
    for secret in [CLIENT_SECRET, connect_token, *fake.issued_keys]:
        assert secret not in caplog.text
    assert "renewing the API key" in caplog.text  # the log does say what happened
