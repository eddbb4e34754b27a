"""PIX "BR Code" (EMV QR Code, Bacen's Manual do BR Code): parse a payload, check its CRC16, build one.

Layout: a sequence of ``ID(2) LEN(2) VALUE``; ``26`` is the merchant account template (``00`` = ``br.gov.bcb.pix``,
``01`` = PIX key for a static code, ``25`` = location URL for a dynamic one), ``54`` the amount, ``59`` the name,
``60`` the city, ``62``/``05`` the txid, and ``63`` the CRC16-CCITT (poly 0x1021, init 0xFFFF) of everything before
its value, in 4 upper-case hex digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

PIX_GUI = "br.gov.bcb.pix"
MAX_PAYLOAD = 512
#: A 1x1 PNG standing in for QR-code and challenge images (the sandbox draws no pictures).
PIXEL_PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


class BrCodeError(ValueError):
    """The payload is not a valid PIX BR Code (the message says what is wrong)."""


def crc16(data: str) -> str:
    crc = 0xFFFF
    for byte in data.encode("utf-8"):
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return f"{crc:04X}"


def _tlv(data: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    i = 0
    while i < len(data):
        if i + 4 > len(data):
            raise BrCodeError("truncated field header")
        tag, size = data[i : i + 2], data[i + 2 : i + 4]
        if not tag.isdigit() or not size.isdigit():
            raise BrCodeError(f"invalid field header at position {i}")
        end = i + 4 + int(size)
        if end > len(data):
            raise BrCodeError(f"field {tag} is longer than the payload")
        if tag in fields:
            raise BrCodeError(f"field {tag} appears twice")
        fields[tag] = data[i + 4 : end]
        i = end
    return fields


@dataclass(frozen=True, slots=True)
class BrCode:
    pix_key: str | None
    location_url: str | None
    amount: Decimal | None
    merchant_name: str
    merchant_city: str
    txid: str | None
    mcc: str

    @property
    def is_static(self) -> bool:
        return self.location_url is None


def parse_br_code(payload: str) -> BrCode:
    if not isinstance(payload, str) or not payload or len(payload) > MAX_PAYLOAD:
        raise BrCodeError("the payload must be a non-empty string of at most 512 characters")
    if not payload.isprintable():
        raise BrCodeError("the payload contains control characters")
    if len(payload) < 8 or payload[-8:-4] != "6304":
        raise BrCodeError("the payload does not end with a CRC field (6304xxxx)")
    if crc16(payload[:-4]) != payload[-4:].upper():
        raise BrCodeError("CRC16 does not match")
    fields = _tlv(payload)
    if fields.get("00") != "01":
        raise BrCodeError("payload format indicator (00) must be 01")
    account = _tlv(fields.get("26", ""))
    if account.get("00", "").lower() != PIX_GUI:
        raise BrCodeError("merchant account (26) is not a PIX account (br.gov.bcb.pix)")
    key, url = account.get("01"), account.get("25")
    if not key and not url:
        raise BrCodeError("merchant account (26) has neither a PIX key (01) nor a location (25)")
    if fields.get("53") != "986":
        raise BrCodeError("currency (53) must be 986 (BRL)")
    if fields.get("58") != "BR":
        raise BrCodeError("country (58) must be BR")
    name, city = fields.get("59"), fields.get("60")
    if not name or not city:
        raise BrCodeError("merchant name (59) and city (60) are required")
    amount = None
    if "54" in fields:
        if not re.fullmatch(r"\d{1,10}(\.\d{1,2})?", fields["54"]):
            raise BrCodeError("amount (54) is not a decimal like 10.50")
        try:
            amount = Decimal(fields["54"]).quantize(Decimal("0.01"))
        except InvalidOperation:
            raise BrCodeError("amount (54) is not a number") from None
        if amount <= 0:
            raise BrCodeError("amount (54) must be positive")
    extra = _tlv(fields["62"]) if "62" in fields else {}
    return BrCode(key, url, amount, name, city, extra.get("05"), fields.get("52", "0000"))


def _field(tag: str, value: str) -> str:
    if len(value) > 99:
        raise BrCodeError(f"field {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def build_br_code(key: str, name: str, city: str, amount: Decimal | None = None, txid: str = "***") -> str:
    """A static PIX BR Code (what a bank app shows in "Receber com QR Code")."""
    account = _field("00", PIX_GUI) + _field("01", key)
    body = _field("00", "01") + _field("26", account) + _field("52", "0000") + _field("53", "986")
    if amount is not None:
        body += _field("54", f"{amount:.2f}")
    body += _field("58", "BR") + _field("59", name[:25]) + _field("60", city[:15]) + _field("62", _field("05", txid))
    body += "6304"
    return body + crc16(body)
