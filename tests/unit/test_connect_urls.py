from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from financehub_desktop.ui.connect.url_events import (
    ConnectOptions,
    build_connect_url,
    is_connect_origin,
    parse_connect_url,
)


def test_first_load_has_no_event() -> None:
    assert parse_connect_url("https://connect.pluggy.ai/?connect_token=abc&with_sandbox=true") is None


def test_success_carries_the_reduced_item() -> None:
    url = (
        "https://connect.pluggy.ai/?connect_token=t&events=OPEN,SELECTED_INSTITUTION,SUBMITTED_LOGIN,SUCCESS"
        "&timestamp=1733312345678&item_id=2a7b&item_status=UPDATED&execution_status=SUCCESS"
        "&connector_id=2&connector_name=Pluggy%20Bank"
    )
    event = parse_connect_url(url)
    assert event is not None
    assert event.event == "SUCCESS"
    assert event.history[0] == "OPEN"
    assert event.item_id == "2a7b"
    assert event.connector_id == 2
    assert event.connector_name == "Pluggy Bank"


def test_error_message_is_decoded() -> None:
    event = parse_connect_url("http://127.0.0.1:9/connect?events=OPEN,ERROR&timestamp=2&error=Senha%20inv%C3%A1lida")
    assert event is not None
    assert event.event == "ERROR"
    assert event.error == "Senha inválida"


def test_garbage_is_ignored_not_fatal() -> None:
    assert parse_connect_url("not a url") is None
    assert parse_connect_url("http://x/?events=,,,") is None
    event = parse_connect_url("http://x/?events=OPEN&connector_id=abc")
    assert event is not None
    assert event.connector_id is None


def test_widget_url_has_the_standalone_parameters() -> None:
    url = build_connect_url(
        "http://127.0.0.1:5000/connect",
        ConnectOptions(
            connect_token="tok", include_sandbox=True, update_item="item-1", connector_types=("PERSONAL_BANK",)
        ),
    )
    parts = urlsplit(url)
    assert parts.path == "/connect"
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query["connect_token"] == "tok"
    assert query["with_sandbox"] == "true"
    assert query["update_item"] == "item-1"
    assert query["connector_types"] == "PERSONAL_BANK"
    assert query["lang"] == "pt"


def test_origin_check() -> None:
    base = "https://connect.pluggy.ai/"
    assert is_connect_origin("https://connect.pluggy.ai/?events=OPEN", base)
    assert not is_connect_origin("https://bank.example.com/oauth", base)
    assert not is_connect_origin("http://connect.pluggy.ai/", base)
    assert is_connect_origin("http://127.0.0.1:5000/connect?x=1", "http://127.0.0.1:5000/connect")
    assert not is_connect_origin("http://127.0.0.1:5001/connect", "http://127.0.0.1:5000/connect")
