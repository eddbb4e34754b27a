"""The ``oneOf`` parts of a payment request: who is paid (``recipient``, by ``type``) and when (``schedule``, by
``type``). A ``type`` we do not know yet is kept as plain JSON instead of failing the whole payment request."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Discriminator, Field, Tag

from .base import Day, Timestamp, WireModel


class PaymentInstitution(WireModel):
    id: str
    name: str | None = None
    trade_name: str | None = None
    ispb: str | None = None
    compe: str | None = None
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None


class PaymentRecipientAccount(WireModel):
    branch: str
    number: str = Field(repr=False)
    type: str


class PaymentRecipient(WireModel):
    """A bank-account recipient (``type: BANK_ACCOUNT``)."""

    id: str
    type: str | None = None
    tax_number: str | None = Field(default=None, repr=False)
    name: str | None = None
    payment_institution: PaymentInstitution | None = None
    is_default: bool | None = None
    account: PaymentRecipientAccount | None = None
    pix_key: str | None = Field(default=None, repr=False)
    created_at: Timestamp | None = None
    updated_at: Timestamp | None = None


class PixQrPaymentRecipient(WireModel):
    type: str = "PIX_QR_CODE"
    name: str | None = None


class BoletoPaymentRecipient(WireModel):
    type: str = "BOLETO"
    name: str | None = None
    tax_number: str | None = Field(default=None, repr=False)


def _recipient_kind(value: Any) -> str:
    kind = value.get("type") if isinstance(value, dict) else getattr(value, "type", None)
    return {"BANK_ACCOUNT": "bank", "PIX_QR_CODE": "pix", "BOLETO": "boleto"}.get(str(kind), "other")


#: ``oneOf PaymentRecipient | PixQrPaymentRecipient | BoletoPaymentRecipient`` by ``type``; unknown kinds stay JSON.
PaymentRequestRecipient = Annotated[
    Annotated[PaymentRecipient, Tag("bank")]
    | Annotated[PixQrPaymentRecipient, Tag("pix")]
    | Annotated[BoletoPaymentRecipient, Tag("boleto")]
    | Annotated[dict[str, Any], Tag("other")],
    Discriminator(_recipient_kind),
]


class SingleSchedule(WireModel):
    """Spec name ``SINGLE``: one payment on ``date``."""

    type: str = "SINGLE"
    date: Day


class DailySchedule(WireModel):
    """Spec name ``DAILY``."""

    type: str = "DAILY"
    start_date: Day
    occurrences: int


class WeeklySchedule(WireModel):
    """Spec name ``WEEKLY``; ``day_of_week`` is ``MONDAY``..``SUNDAY``."""

    type: str = "WEEKLY"
    start_date: Day
    day_of_week: str
    occurrences: int


class MonthlySchedule(WireModel):
    """Spec name ``MONTHLY``."""

    type: str = "MONTHLY"
    start_date: Day
    day_of_month: int
    occurrences: int


class CustomSchedule(WireModel):
    """Spec name ``CUSTOM``: explicit dates."""

    type: str = "CUSTOM"
    dates: list[Day]
    additional_information: str | None = None


def _schedule_kind(value: Any) -> str:
    kind = value.get("type") if isinstance(value, dict) else getattr(value, "type", None)
    return str(kind) if kind in ("SINGLE", "DAILY", "WEEKLY", "MONTHLY", "CUSTOM") else "other"


#: ``oneOf SINGLE | DAILY | WEEKLY | MONTHLY | CUSTOM`` by ``type``; unknown kinds stay JSON.
PaymentRequestSchedule = Annotated[
    Annotated[SingleSchedule, Tag("SINGLE")]
    | Annotated[DailySchedule, Tag("DAILY")]
    | Annotated[WeeklySchedule, Tag("WEEKLY")]
    | Annotated[MonthlySchedule, Tag("MONTHLY")]
    | Annotated[CustomSchedule, Tag("CUSTOM")]
    | Annotated[dict[str, Any], Tag("other")],
    Discriminator(_schedule_kind),
]
