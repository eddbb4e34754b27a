"""How fast the sandbox answers a 500-row transactions page, in-process (ASGITransport) and over loopback (uvicorn).

The sandbox must never be what a sync benchmark measures; this prints requests/s so a regression is visible.
Run: .venv/bin/python bench/sandbox_rps.py [--seconds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import time

import httpx

from financehub_desktop.sandbox import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SandboxConfig, create_app
from financehub_desktop.sandbox.server import serve_in_thread

CONFIG = SandboxConfig(step_seconds=0.001, rate_limits=False)


async def prepare(client: httpx.AsyncClient) -> tuple[dict[str, str], str]:
    key = (await client.post("/auth", json={"clientId": DEMO_CLIENT_ID, "clientSecret": DEMO_CLIENT_SECRET})).json()
    headers = {"X-API-KEY": key["apiKey"]}
    item = (
        await client.post(
            "/items",
            headers=headers,
            json={"connectorId": 2, "parameters": {"user": "user-ok", "password": "password-ok"}},
        )
    ).json()
    while (await client.get(f"/items/{item['id']}", headers=headers)).json()["status"] != "UPDATED":  # noqa: ASYNC110
        await asyncio.sleep(0.01)
    accounts = (await client.get("/accounts", params={"itemId": item["id"]}, headers=headers)).json()["results"]
    card = next(a for a in accounts if a["subtype"] == "CREDIT_CARD")
    return headers, card["id"]


async def measure(client: httpx.AsyncClient, seconds: float) -> tuple[float, int]:
    headers, account = await prepare(client)
    params = {"accountId": account, "pageSize": 500}
    first = await client.get("/transactions", params=params, headers=headers)
    rows = len(first.json()["results"])
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        response = await client.get("/transactions", params=params, headers=headers)
        response.raise_for_status()
        count += 1
    return count / (time.perf_counter() - started), rows


async def main(seconds: float) -> None:
    app = create_app(CONFIG)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sandbox") as client:
        in_process, rows = await measure(client, seconds)
    with serve_in_thread(CONFIG) as url:
        async with httpx.AsyncClient(base_url=url, timeout=30) as client:
            loopback, _ = await measure(client, seconds)
    print(f"transactions page of {rows} rows")
    print(f"  in-process (ASGITransport): {in_process:8.1f} requests/s  ({in_process * rows:,.0f} rows/s)")
    print(f"  loopback (uvicorn):         {loopback:8.1f} requests/s  ({loopback * rows:,.0f} rows/s)")
    print(f"  loopback / in-process:      {loopback / in_process:8.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0, help="how long to measure each mode")
    asyncio.run(main(parser.parse_args().seconds))
