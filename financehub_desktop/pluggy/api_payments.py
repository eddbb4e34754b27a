"""Payment initiation: customers, recipients, institutions, payment requests, PIX QR, automatic PIX, schedules,
intents, smart transfers and boletos (pluggy-api.md §6.12-6.14). Bodies are typed models (amounts are Decimal)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from .api_base import ApiBase
from .models.envelope import Page
from .models.payments import (
    AutomaticPixPayment,
    BoletoConnection,
    CreateAutomaticPixPaymentRequest,
    CreateBoleto,
    CreatePaymentCustomer,
    CreatePaymentIntent,
    CreatePaymentRecipient,
    CreatePaymentRequest,
    CreatePixQrPaymentRequest,
    CreateSmartTransferPayment,
    CreateSmartTransferPreauthorization,
    IssuedBoleto,
    PaymentCustomer,
    PaymentInstitution,
    PaymentIntent,
    PaymentRecipient,
    PaymentRequest,
    ScheduleAutomaticPixPayment,
    SchedulePayment,
    SmartTransferPayment,
    SmartTransferPreauthorization,
    SmartTransferPreauthorizationBalance,
    UpdatePaymentRequest,
)

_CUSTOMER = "/payments/customers/{id}"
_RECIPIENT = "/payments/recipients/{id}"
_REQUEST = "/payments/requests/{id}"
_PREAUTH = "/smart-transfers/preauthorizations/{id}"


class PaymentsApi(ApiBase):
    # ------------------------------------------------------------------------------------------ customers
    async def list_payment_customers(
        self,
        *,
        page: int = 1,
        page_size: int = 500,
        name: str | None = None,
        email: str | None = None,
        cpf: str | None = None,
        cnpj: str | None = None,
    ) -> Page[PaymentCustomer]:
        params = {"page": page, "pageSize": page_size, "name": name, "email": email, "cpf": cpf, "cnpj": cnpj}
        return await self._page(PaymentCustomer, "/payments/customers", params=params)

    async def create_payment_customer(self, customer: CreatePaymentCustomer) -> PaymentCustomer:
        return await self._one(PaymentCustomer, "POST", "/payments/customers", body=customer)

    async def get_payment_customer(self, customer_id: str) -> PaymentCustomer:
        return await self._one(PaymentCustomer, "GET", _CUSTOMER, path_params={"id": customer_id})

    async def update_payment_customer(self, customer_id: str, changes: CreatePaymentCustomer) -> PaymentCustomer:
        return await self._one(PaymentCustomer, "PATCH", _CUSTOMER, path_params={"id": customer_id}, body=changes)

    async def delete_payment_customer(self, customer_id: str) -> None:
        await self._no_content("DELETE", _CUSTOMER, path_params={"id": customer_id})

    # ------------------------------------------------------------------------------------------ recipients
    async def list_payment_recipients(
        self,
        *,
        page: int = 1,
        page_size: int = 500,
        is_default: bool | None = None,
        pix_key: str | None = None,
        name: str | None = None,
        tax_number: str | None = None,
    ) -> Page[PaymentRecipient]:
        params = {
            "page": page,
            "pageSize": page_size,
            "isDefault": is_default,
            "pixKey": pix_key,
            "name": name,
            "taxNumber": tax_number,
        }
        return await self._page(PaymentRecipient, "/payments/recipients", params=params)

    async def create_payment_recipient(self, recipient: CreatePaymentRecipient) -> PaymentRecipient:
        return await self._one(PaymentRecipient, "POST", "/payments/recipients", body=recipient)

    async def get_payment_recipient(self, recipient_id: str) -> PaymentRecipient:
        return await self._one(PaymentRecipient, "GET", _RECIPIENT, path_params={"id": recipient_id})

    async def update_payment_recipient(self, recipient_id: str, changes: CreatePaymentRecipient) -> PaymentRecipient:
        return await self._one(PaymentRecipient, "PATCH", _RECIPIENT, path_params={"id": recipient_id}, body=changes)

    async def delete_payment_recipient(self, recipient_id: str) -> None:
        await self._no_content("DELETE", _RECIPIENT, path_params={"id": recipient_id})

    async def list_payment_institutions(
        self, *, page: int = 1, page_size: int = 500, name: str | None = None
    ) -> Page[PaymentInstitution]:
        params = {"page": page, "pageSize": page_size, "name": name}
        return await self._page(PaymentInstitution, "/payments/recipients/institutions", params=params)

    async def get_payment_institution(self, institution_id: str) -> PaymentInstitution:
        return await self._one(
            PaymentInstitution, "GET", "/payments/recipients/institutions/{id}", path_params={"id": institution_id}
        )

    # ------------------------------------------------------------------------------------------ requests
    async def list_payment_requests(
        self,
        *,
        page: int = 1,
        page_size: int = 500,
        from_: date | None = None,
        to: date | None = None,
        customer: str | None = None,
        pix_key: str | None = None,
        status: str | None = None,
        client_payment_id: str | None = None,
    ) -> Page[PaymentRequest]:
        params: dict[str, Any] = {
            "page": page,
            "pageSize": page_size,
            "from": from_,
            "to": to,
            "customer": customer,
            "pixKey": pix_key,
            "status": status,
            "clientPaymentId": client_payment_id,
        }
        return await self._page(PaymentRequest, "/payments/requests", params=params)

    async def create_payment_request(self, request: CreatePaymentRequest) -> PaymentRequest:
        """A payment for a payer to authorise; send them to ``payment_url``. Not retried after a timeout/5xx."""
        return await self._one(PaymentRequest, "POST", "/payments/requests", body=request)

    async def create_pix_qr_payment_request(self, request: CreatePixQrPaymentRequest) -> PaymentRequest:
        return await self._one(PaymentRequest, "POST", "/payments/requests/pix-qr", body=request)

    async def get_payment_request(self, request_id: str) -> PaymentRequest:
        return await self._one(PaymentRequest, "GET", _REQUEST, path_params={"id": request_id})

    async def update_payment_request(self, request_id: str, changes: UpdatePaymentRequest) -> PaymentRequest:
        return await self._one(PaymentRequest, "PATCH", _REQUEST, path_params={"id": request_id}, body=changes)

    async def delete_payment_request(self, request_id: str) -> None:
        await self._no_content("DELETE", _REQUEST, path_params={"id": request_id})

    # ------------------------------------------------------------------------------------------ automatic PIX
    async def create_automatic_pix_payment_request(self, request: CreateAutomaticPixPaymentRequest) -> PaymentRequest:
        return await self._one(PaymentRequest, "POST", "/payments/requests/automatic-pix", body=request)

    async def schedule_automatic_pix_payment(
        self, request_id: str, payment: ScheduleAutomaticPixPayment
    ) -> AutomaticPixPayment:
        return await self._one(
            AutomaticPixPayment,
            "POST",
            "/payments/requests/{id}/automatic-pix/schedule",
            path_params={"id": request_id},
            body=payment,
        )

    async def list_automatic_pix_payments(self, request_id: str) -> Page[AutomaticPixPayment]:
        return await self._page(
            AutomaticPixPayment, "/payments/requests/{id}/automatic-pix/schedules", path_params={"id": request_id}
        )

    async def get_automatic_pix_payment(self, request_id: str, payment_id: str) -> AutomaticPixPayment:
        return await self._one(
            AutomaticPixPayment,
            "GET",
            "/payments/requests/{requestId}/automatic-pix/schedules/{paymentId}",
            path_params={"requestId": request_id, "paymentId": payment_id},
        )

    async def cancel_automatic_pix_payment(self, request_id: str, schedule_id: str) -> None:
        await self._no_content(
            "POST",
            "/payments/requests/{id}/automatic-pix/schedules/{scheduleId}/cancel",
            path_params={"id": request_id, "scheduleId": schedule_id},
        )

    async def retry_automatic_pix_payment(self, request_id: str, schedule_id: str, on: date) -> None:
        await self._no_content(
            "POST",
            "/payments/requests/{id}/automatic-pix/schedules/{scheduleId}/retry",
            path_params={"id": request_id, "scheduleId": schedule_id},
            body={"date": on},
        )

    async def cancel_automatic_pix(self, request_id: str) -> None:
        """Revokes the recurring consent."""
        await self._no_content("POST", "/payments/requests/{id}/automatic-pix/cancel", path_params={"id": request_id})

    # ------------------------------------------------------------------------------------------ schedules
    async def list_payment_schedules(self, request_id: str) -> Page[SchedulePayment]:
        return await self._page(SchedulePayment, "/payments/requests/{id}/schedules", path_params={"id": request_id})

    async def cancel_payment_schedules(self, request_id: str) -> None:
        await self._no_content("POST", "/payments/requests/{id}/schedules/cancel", path_params={"id": request_id})

    async def cancel_payment_schedule(self, request_id: str, schedule_id: str) -> None:
        await self._no_content(
            "POST",
            "/payments/requests/{id}/schedules/{scheduleId}/cancel",
            path_params={"id": request_id, "scheduleId": schedule_id},
        )

    # ------------------------------------------------------------------------------------------ intents
    async def create_payment_intent(self, intent: CreatePaymentIntent) -> PaymentIntent:
        return await self._one(PaymentIntent, "POST", "/payments/intents", body=intent)

    async def list_payment_intents(self, payment_request_id: str) -> Page[PaymentIntent]:
        return await self._page(PaymentIntent, "/payments/intents", params={"paymentRequestId": payment_request_id})

    async def get_payment_intent(self, intent_id: str) -> PaymentIntent:
        return await self._one(PaymentIntent, "GET", "/payments/intents/{id}", path_params={"id": intent_id})

    # ------------------------------------------------------------------------------------------ smart transfers
    async def list_smart_transfer_preauthorizations(
        self, *, page: int = 1, page_size: int = 500
    ) -> Page[SmartTransferPreauthorization]:
        return await self._page(
            SmartTransferPreauthorization,
            "/smart-transfers/preauthorizations",
            params={"page": page, "pageSize": page_size},
        )

    async def create_smart_transfer_preauthorization(
        self, preauthorization: CreateSmartTransferPreauthorization
    ) -> SmartTransferPreauthorization:
        return await self._one(
            SmartTransferPreauthorization, "POST", "/smart-transfers/preauthorizations", body=preauthorization
        )

    async def get_smart_transfer_preauthorization(self, preauthorization_id: str) -> SmartTransferPreauthorization:
        return await self._one(SmartTransferPreauthorization, "GET", _PREAUTH, path_params={"id": preauthorization_id})

    async def list_smart_transfer_payments(
        self,
        preauthorization_id: str,
        *,
        from_: date | None = None,
        to: date | None = None,
        page: int = 1,
        page_size: int = 500,
    ) -> Page[SmartTransferPayment]:
        return await self._page(
            SmartTransferPayment,
            _PREAUTH + "/payments",
            path_params={"id": preauthorization_id},
            params={"from": from_, "to": to, "page": page, "pageSize": page_size},
        )

    async def get_smart_transfer_preauthorization_balance(
        self, preauthorization_id: str
    ) -> SmartTransferPreauthorizationBalance:
        return await self._one(
            SmartTransferPreauthorizationBalance,
            "GET",
            _PREAUTH + "/balance",
            path_params={"id": preauthorization_id},
        )

    async def revoke_smart_transfer_data_consent(self, preauthorization_id: str) -> SmartTransferPreauthorization:
        """Drops only the balance permission of a preauthorization (idempotent)."""
        return await self._one(
            SmartTransferPreauthorization,
            "DELETE",
            _PREAUTH + "/data-consent",
            path_params={"id": preauthorization_id},
        )

    async def create_smart_transfer_payment(self, payment: CreateSmartTransferPayment) -> SmartTransferPayment:
        return await self._one(SmartTransferPayment, "POST", "/smart-transfers/payments", body=payment)

    async def get_smart_transfer_payment(self, payment_id: str) -> SmartTransferPayment:
        return await self._one(
            SmartTransferPayment, "GET", "/smart-transfers/payments/{id}", path_params={"id": payment_id}
        )

    # ------------------------------------------------------------------------------------------ boletos
    async def create_boleto_connection(self, connector_id: int, credentials: Mapping[str, str]) -> BoletoConnection:
        body = {"connectorId": connector_id, "credentials": dict(credentials)}
        return await self._one(BoletoConnection, "POST", "/boleto-connections", body=body)

    async def create_boleto_connection_from_item(self, item_id: str) -> BoletoConnection:
        return await self._one(BoletoConnection, "POST", "/boleto-connections/from-item", body={"itemId": item_id})

    async def create_boleto(self, boleto: CreateBoleto) -> IssuedBoleto:
        return await self._one(IssuedBoleto, "POST", "/boletos", body=boleto)

    async def get_boleto(self, boleto_id: str) -> IssuedBoleto:
        return await self._one(IssuedBoleto, "GET", "/boletos/{id}", path_params={"id": boleto_id})

    async def cancel_boleto(self, boleto_id: str) -> IssuedBoleto:
        return await self._one(IssuedBoleto, "POST", "/boletos/{id}/cancel", path_params={"id": boleto_id})
