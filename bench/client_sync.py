"""Benchmark: fetch every account and transaction of a ``user-ok-perf-20x`` item through 50 ms of latency.

Prints, measured in one run against the same sandbox (served on 127.0.0.1 with injected latency):
- our async client (accounts fetched, then every account's ``/v2/transactions`` cursor walked concurrently);
- the official ``pluggy-sdk`` from PyPI doing the same work (synchronous, one request at a time). It is installed by
  this script into a throwaway virtualenv, never into the project's environment;
- the latency bound: requests x latency / concurrency, and the critical path (the longest chain of requests that
  must follow one another) x latency.

The sandbox runs in its own process. Its own work per page (building and encoding 500 transactions) adds to the
injected latency and is served one request at a time, so neither client can reach a bound that counts latency
alone; the "server floor" line measures that: the same pages fetched with bare httpx, no parsing.

    .venv/bin/python bench/client_sync.py [--latency-ms 50] [--user user-ok-perf-20x] [--no-sdk]

Numbers are printed, never asserted (tests do not time things).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import multiprocessing
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from multiprocessing.synchronize import Event as EventType
from pathlib import Path
from typing import Any

from financehub_desktop.pluggy.client import PluggyClient
from financehub_desktop.pluggy.retry import RetryPolicy
from financehub_desktop.sandbox import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, SandboxConfig
from financehub_desktop.sandbox.server import serve_in_thread

SDK_REQUIREMENT = "pluggy-sdk==1.0.0.post74"

SDK_SCRIPT = textwrap.dedent(
    """
    import json, sys, time
    from urllib.parse import parse_qs, urlsplit
    import pluggy_sdk
    from pluggy_sdk import ApiClient, Configuration
    from pluggy_sdk.api.account_api import AccountApi
    from pluggy_sdk.api.auth_api import AuthApi
    from pluggy_sdk.api.transaction_api import TransactionApi
    from pluggy_sdk.models.auth_request import AuthRequest

    url, client_id, secret, item_id = sys.argv[1:5]

    def after_of(next_query):
        if not next_query:
            return None
        return parse_qs(urlsplit(next_query).query or next_query.lstrip("?"))["after"][-1]

    def run(typed):
        requests = 0
        cfg = Configuration(host=url)
        api = ApiClient(cfg)
        started = time.perf_counter()
        key = AuthApi(api).auth_create(AuthRequest(clientId=client_id, clientSecret=secret)).api_key
        requests += 1
        cfg.api_key["default"] = key
        accounts_api, tx_api = AccountApi(api), TransactionApi(api)
        if typed:
            accounts = [a.id for a in accounts_api.accounts_list(item_id).results]
        else:
            raw = accounts_api.accounts_list_without_preload_content(item_id)
            accounts = [a["id"] for a in json.loads(raw.data)["results"]]
        requests += 1
        count = 0
        for account in accounts:
            after = None
            while True:
                if typed:
                    page = tx_api.transactions_list_by_cursor(account, after=after)
                    count += len(page.results)
                    nxt = page.next
                else:
                    raw = tx_api.transactions_list_by_cursor_without_preload_content(account, after=after)
                    body = json.loads(raw.data)
                    count += len(body["results"])
                    nxt = body.get("next")
                requests += 1
                after = after_of(nxt)
                if after is None:
                    break
        return {"seconds": time.perf_counter() - started, "requests": requests, "transactions": count,
                "accounts": len(accounts)}

    try:
        result = run(True)
        result["mode"] = "typed models"
    except Exception as exc:  # the SDK's strict models may refuse a payload: measure its raw HTTP path instead
        result = run(False)
        result["mode"] = "raw JSON (typed models failed: %s: %s)" % (type(exc).__name__, str(exc).splitlines()[:3])
    result["version"] = getattr(pluggy_sdk, "__version__", "?")
    print(json.dumps(result))
    """
)


def _serve(config: SandboxConfig, urls: Any, stop: EventType) -> None:
    with serve_in_thread(config) as url:
        urls.put(url)
        stop.wait()


@contextlib.contextmanager
def sandbox_process(config: SandboxConfig) -> Iterator[str]:
    """The sandbox in its own process, so its CPU work does not share our interpreter lock with the client."""
    ctx = multiprocessing.get_context("spawn")
    urls = ctx.Queue()
    stop = ctx.Event()
    process = ctx.Process(target=_serve, args=(config, urls, stop), daemon=True)
    process.start()
    try:
        yield urls.get(timeout=60)
    finally:
        stop.set()
        process.join(timeout=30)
        if process.is_alive():
            process.terminate()


async def _connect(url: str, user: str) -> str:
    async with PluggyClient(url, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET) as pluggy:
        item = await pluggy.create_item(2, {"user": user, "password": "password-ok"})
        item = await pluggy.wait_for_item(item.id, first_interval=0.05, max_interval=0.5, within=300)
        if item.execution_status != "SUCCESS":
            raise SystemExit(f"the sandbox item did not connect: {item.execution_status}")
        return item.id


async def _ours(url: str, item_id: str) -> dict[str, Any]:
    policy = RetryPolicy()
    started = time.perf_counter()
    async with PluggyClient(url, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, retry=policy) as pluggy:
        accounts = (await pluggy.list_accounts(item_id)).results

        async def walk(account_id: str) -> int:
            return sum([1 async for _ in pluggy.iter_transactions(account_id)])

        counts = await asyncio.gather(*(walk(a.id) for a in accounts))
        elapsed = time.perf_counter() - started
        snapshot = pluggy.metrics_snapshot()
    pages = snapshot["endpoints"]["GET /v2/transactions"]["calls"]
    requests = sum(sum(e["statuses"].values()) for e in snapshot["endpoints"].values())
    return {
        "seconds": elapsed,
        "requests": requests,
        "transactions": sum(counts),
        "accounts": len(accounts),
        "pages": pages,
    }


async def _floor(url: str, item_id: str) -> float:
    """The same requests with bare httpx, concurrent per account, bodies not even parsed: the server's floor."""
    from urllib.parse import parse_qs, urlsplit

    import httpx

    started = time.perf_counter()
    async with httpx.AsyncClient(base_url=url, timeout=60) as http:
        auth = {"clientId": DEMO_CLIENT_ID, "clientSecret": DEMO_CLIENT_SECRET}
        headers = {"X-API-KEY": (await http.post("/auth", json=auth)).json()["apiKey"]}
        accounts = (await http.get("/accounts", params={"itemId": item_id}, headers=headers)).json()["results"]

        async def walk(account_id: str) -> None:
            params = {"accountId": account_id}
            while True:
                nxt = (await http.get("/v2/transactions", params=params, headers=headers)).json().get("next")
                if not nxt:
                    return
                params = {"accountId": account_id, "after": parse_qs(urlsplit(nxt).query or nxt[1:])["after"][-1]}

        await asyncio.gather(*(walk(a["id"]) for a in accounts))
    return time.perf_counter() - started


def _pages_per_account(url: str, item_id: str) -> list[int]:
    async def count() -> list[int]:
        async with PluggyClient(url, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET) as pluggy:
            result = []
            for account in (await pluggy.list_accounts(item_id)).results:
                before = pluggy.metrics_snapshot()["endpoints"].get("GET /v2/transactions", {}).get("calls", 0)
                [_ async for _ in pluggy.iter_transactions(account.id)]
                result.append(pluggy.metrics_snapshot()["endpoints"]["GET /v2/transactions"]["calls"] - before)
            return result

    return asyncio.run(count())


def _sdk(url: str, item_id: str, venv_dir: Path) -> dict[str, Any]:
    python = venv_dir / ("Scripts" if sys.platform == "win32" else "bin") / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv_dir)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", SDK_REQUIREMENT],
            check=True,
        )
    script = venv_dir / "sdk_bench.py"
    script.write_text(SDK_SCRIPT, encoding="utf-8")
    done = subprocess.run(
        [str(python), str(script), url, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, item_id],
        check=True,
        capture_output=True,
        text=True,
        timeout=900,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--latency-ms", type=int, default=50)
    parser.add_argument("--user", default="user-ok-perf-20x")
    parser.add_argument("--no-sdk", action="store_true", help="skip the official SDK (no virtualenv, no download)")
    parser.add_argument("--sdk-venv", type=Path, help="reuse this throwaway virtualenv for pluggy-sdk")
    args = parser.parse_args()
    latency = args.latency_ms / 1000
    config = SandboxConfig(seed=1, step_seconds=0.01, latency_ms=args.latency_ms, rate_limits=False)
    temp_venv = None if args.sdk_venv else Path(tempfile.mkdtemp(prefix="pluggy-sdk-bench-"))
    try:
        with sandbox_process(config) as url:
            item_id = asyncio.run(_connect(url, args.user))
            pages = _pages_per_account(url, item_id)
            floor = asyncio.run(_floor(url, item_id))
            ours = asyncio.run(_ours(url, item_id))
            sdk = None if args.no_sdk else _sdk(url, item_id, args.sdk_venv or temp_venv)  # type: ignore[arg-type]
    finally:
        if temp_venv is not None:
            shutil.rmtree(temp_venv, ignore_errors=True)

    concurrency = max(1, ours["accounts"])
    bound = ours["requests"] * latency / concurrency
    critical = (2 + max(pages, default=0)) * latency  # /auth, /accounts, then the longest cursor chain
    print(
        f"item {args.user}: {ours['accounts']} accounts, {ours['transactions']} transactions, "
        f"cursor pages per account {pages}, latency {args.latency_ms} ms"
    )

    def row(label: str, seconds: float, requests: int | str = "") -> None:
        print(f"{label:38}{seconds:9.3f}{requests!s:>10}{seconds / bound:10.2f}{seconds / critical:13.2f}")

    print(f"{'':38}{'seconds':>9}{'requests':>10}{'vs bound':>10}{'vs critical':>13}")
    row("latency bound (req x lat / conc)", bound, ours["requests"])
    row("critical path x latency", critical)
    row("server floor (bare httpx, no parsing)", floor, ours["requests"])
    row("FinanceHub PluggyClient (async)", ours["seconds"], ours["requests"])
    if sdk is not None:
        row(f"pluggy-sdk {sdk.get('version', '?')} (sync)", sdk["seconds"], sdk["requests"])
        print(f"pluggy-sdk mode: {sdk['mode']}; transactions {sdk['transactions']}")
        print(f"ratio pluggy-sdk / ours: {sdk['seconds'] / ours['seconds']:.2f}x")
    print(f"ratio ours / server floor: {ours['seconds'] / floor:.2f}x (our parsing, validation and bookkeeping)")


if __name__ == "__main__":
    main()
