"""JSON on the wire: Decimals written digit for digit, raw fragments spliced in, nothing passes through float."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from financehub_desktop.domain.money import parse_json
from financehub_desktop.sandbox.wire import RawJson, dumps, dumps_text, iso, iso_day, money

AMOUNTS = st.decimals(
    min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2, allow_nan=False, allow_infinity=False
)


@given(amount=AMOUNTS, text=st.text(max_size=30))
def test_decimals_and_text_round_trip_exactly(amount: Decimal, text: str) -> None:
    payload = {"amount": amount, "nested": [{"value": amount, "description": text}], "n": 3, "ok": True, "x": None}
    assert parse_json(dumps(payload)) == payload


def test_two_places_stay_two_places() -> None:
    assert dumps({"amount": money("12.3")}) == b'{"amount":12.30}'
    assert dumps({"amount": money(-5)}) == b'{"amount":-5.00}'


def test_raw_fragments_are_spliced_in_place() -> None:
    fragment = RawJson(dumps_text({"id": "a", "amount": Decimal("1.50")}))
    assert parse_json(dumps({"results": [fragment, fragment], "next": None})) == {
        "results": [{"id": "a", "amount": Decimal("1.50")}] * 2,
        "next": None,
    }


def test_dates_like_pluggy() -> None:
    assert iso(datetime(2024, 9, 19, 13, 10, 31, 212999, tzinfo=UTC)) == "2024-09-19T13:10:31.212Z"
    assert iso_day(date(2024, 1, 5)) == "2024-01-05T00:00:00.000Z"


@given(st.sampled_from(["\x00D:5", "\x00R:0", "\x00abc:0", "\x00"]))
def test_text_that_looks_like_a_placeholder_stays_text(text: str) -> None:
    payload = {"description": text, "amount": Decimal("1.00"), "raw": RawJson("[1]")}
    assert parse_json(dumps(payload)) == {"description": text, "amount": Decimal("1.00"), "raw": [1]}
