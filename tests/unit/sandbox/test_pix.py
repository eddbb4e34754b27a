"""PIX BR Code parsing: the Bacen manual's example, round trips, and garbage never crashes the parser."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from financehub_desktop.sandbox.pix import BrCodeError, build_br_code, crc16, parse_br_code

BACEN_EXAMPLE = (
    "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR"
    "5913Fulano de Tal6008BRASILIA62070503***63041D3D"
)


def test_bacen_manual_example_parses() -> None:
    code = parse_br_code(BACEN_EXAMPLE)
    assert code.pix_key == "123e4567-e12b-12d1-a456-426655440000"
    assert (code.merchant_name, code.merchant_city, code.amount) == ("Fulano de Tal", "BRASILIA", None)
    assert code.is_static


def test_crc16_of_the_standard_check_string() -> None:
    assert crc16("123456789") == "29B1"  # CRC-16/CCITT-FALSE check value


@pytest.mark.parametrize(
    "broken",
    [
        BACEN_EXAMPLE[:-1] + "E",  # wrong CRC
        BACEN_EXAMPLE.replace("br.gov.bcb.pix", "br.gov.bcb.pux"),  # CRC no longer matches either
        "",
        "6304ABCD",
        "hello",
        BACEN_EXAMPLE + "00",
    ],
)
def test_malformed_codes_are_refused(broken: str) -> None:
    with pytest.raises(BrCodeError):
        parse_br_code(broken)


def test_a_code_with_a_valid_crc_but_wrong_currency_is_refused() -> None:
    body = BACEN_EXAMPLE[:-8].replace("5303986", "5303840") + "6304"
    with pytest.raises(BrCodeError, match="986"):
        parse_br_code(body + crc16(body))


@given(
    key=st.text(st.characters(min_codepoint=33, max_codepoint=126), min_size=1, max_size=60),
    cents=st.integers(min_value=1, max_value=10**9),
)
def test_round_trip(key: str, cents: int) -> None:
    amount = Decimal(cents) / 100
    code = parse_br_code(build_br_code(key, "Loja", "SAO PAULO", amount))
    assert (code.pix_key, code.amount) == (key, amount)


@given(st.text(max_size=300))
def test_any_text_parses_or_raises_a_clear_error(text: str) -> None:
    try:
        parse_br_code(text)
    except BrCodeError as exc:
        message = str(exc)
    else:
        return
    assert message


@given(st.integers(min_value=0, max_value=len(BACEN_EXAMPLE) - 1), st.characters(min_codepoint=32, max_codepoint=126))
def test_any_single_character_change_is_caught(position: int, char: str) -> None:
    changed = BACEN_EXAMPLE[:position] + char + BACEN_EXAMPLE[position + 1 :]
    if changed.upper() == BACEN_EXAMPLE.upper():
        return
    with pytest.raises(BrCodeError):
        parse_br_code(changed)


@pytest.mark.parametrize("text", ["²²", "0²", "00²²6304ABCD"])
def test_unicode_digits_are_not_field_lengths(text: str) -> None:
    with pytest.raises(BrCodeError):
        parse_br_code(text + "6304" + crc16(text + "6304"))
