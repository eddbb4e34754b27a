"""The names pluggy-api.md §14 (and the OpenAPI document) give to schemas that our models share or split.

Several spec schemas have the same shape (four error bodies, three boleto party/fine shapes, create vs update
bodies); one model serves them all here, under each spec name, so code written against the spec reads naturally.
"""

from __future__ import annotations

from .banking import ClientCategoryRule, Transaction
from .envelope import CursorPage, ErrorResponse, Page
from .items import Connector, CountResponse
from .payments import (
    AutomaticPixPayment,
    BoletoFine,
    BoletoParty,
    CreateBoletoDetails,
    CreateBoletoPayer,
    CreatePaymentCustomer,
    CreatePaymentRecipient,
    ScheduleAutomaticPixPayment,
    SmartTransferConfiguration,
    SmartTransferErrorDetail,
    SmartTransferPeriodicLimit,
    SmartTransferPeriodicLimits,
)
from .schedules import CustomSchedule, DailySchedule, MonthlySchedule, SingleSchedule, WeeklySchedule
from .wealth import Consent, InvestmentTransaction

GlobalErrorResponse = ErrorResponse
ItemCreationErrorResponse = ErrorResponse
WebhookCreationErrorResponse = ErrorResponse
NotAuthenticatedResponse = ErrorResponse
ICountResponse = CountResponse
AutomaticPixPaymentDetail = AutomaticPixPayment  # the detail adds ``scheduledStatusReached``, optional here
BoletoPayer = BoletoParty
BoletoRecipient = BoletoParty
CreateBoletoBoleto = CreateBoletoDetails
CreateBoletoBoletoPayer = CreateBoletoPayer
CreateBoletoBoletoFine = BoletoFine
CreateBoletoBoletoInterest = BoletoFine
IssuedBoletoFine = BoletoFine
IssuedBoletoInterest = BoletoFine
CreatePaymentCustomerRequestBody = CreatePaymentCustomer
CreateOrUpdatePaymentCustomer = CreatePaymentCustomer
UpdatePaymentRecipient = CreatePaymentRecipient
ScheduleAutomaticPixPaymentRequest = ScheduleAutomaticPixPayment
SmartTransferPaymentErrorDetail = SmartTransferErrorDetail
SmartTransferPreauthorizationErrorDetail = SmartTransferErrorDetail
SmartTransferPreauthorizationConfiguration = SmartTransferConfiguration
SmartTransferPreauthorizationConfigurationPeriodicLimit = SmartTransferPeriodicLimit
SmartTransferPreauthorizationConfigurationPeriodicLimits = SmartTransferPeriodicLimits
SINGLE = SingleSchedule
DAILY = DailySchedule
WEEKLY = WeeklySchedule
MONTHLY = MonthlySchedule
CUSTOM = CustomSchedule
#: ``oneOf object | string``: credentials by name, or an encrypted blob.
CreateItemParameters = dict[str, str] | str
UpdateItemParameters = dict[str, str] | str
#: Credentials by name (``{"user": ..., "password": ...}``).
ItemParameter = dict[str, str]
ConnectorListResponse = Page[Connector]
PageResponseTransactions = Page[Transaction]
CursorPageResponseTransactions = CursorPage[Transaction]
PageResponseInvestmentTransactions = Page[InvestmentTransaction]
PageResponseCategoryRules = Page[ClientCategoryRule]
PageResponseConsents = Page[Consent]
