"""Known values of Pluggy's enumerations (pluggy-api.md §7).

Wire models keep these fields as ``str`` so that a value Pluggy adds tomorrow parses instead of failing; compare
against these constants (``item.status == ItemStatus.UPDATED``) and use ``known()`` to test membership.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

E = TypeVar("E", bound=StrEnum)


def known(enum: type[E], value: str | None) -> E | None:
    """The enum member for ``value``, or ``None`` when the value is absent or not (yet) known to us."""
    if value is None:
        return None
    try:
        return enum(value)
    except ValueError:
        return None


class ItemStatus(StrEnum):
    UPDATED = "UPDATED"
    UPDATING = "UPDATING"
    WAITING_USER_INPUT = "WAITING_USER_INPUT"
    WAITING_USER_ACTION = "WAITING_USER_ACTION"
    MERGING = "MERGING"
    LOGIN_ERROR = "LOGIN_ERROR"
    OUTDATED = "OUTDATED"


class ExecutionStatus(StrEnum):
    CREATING = "CREATING"
    CREATE_ERROR = "CREATE_ERROR"
    CREATED = "CREATED"
    LOGIN_IN_PROGRESS = "LOGIN_IN_PROGRESS"
    WAITING_USER_INPUT = "WAITING_USER_INPUT"
    WAITING_USER_ACTION = "WAITING_USER_ACTION"
    LOGIN_MFA_IN_PROGRESS = "LOGIN_MFA_IN_PROGRESS"
    ACCOUNTS_IN_PROGRESS = "ACCOUNTS_IN_PROGRESS"
    TRANSACTIONS_IN_PROGRESS = "TRANSACTIONS_IN_PROGRESS"
    PAYMENT_DATA_IN_PROGRESS = "PAYMENT_DATA_IN_PROGRESS"
    CREDITCARDS_IN_PROGRESS = "CREDITCARDS_IN_PROGRESS"
    INVESTMENTS_IN_PROGRESS = "INVESTMENTS_IN_PROGRESS"
    INVESTMENTS_TRANSACTIONS_IN_PROGRESS = "INVESTMENTS_TRANSACTIONS_IN_PROGRESS"
    IDENTITY_IN_PROGRESS = "IDENTITY_IN_PROGRESS"
    LOANS_IN_PROGRESS = "LOANS_IN_PROGRESS"
    ACCOUNT_STATEMENTS_IN_PROGRESS = "ACCOUNT_STATEMENTS_IN_PROGRESS"
    INVALID_CREDENTIALS = "INVALID_CREDENTIALS"
    ALREADY_LOGGED_IN = "ALREADY_LOGGED_IN"
    UNEXPECTED_ERROR = "UNEXPECTED_ERROR"
    INVALID_CREDENTIALS_MFA = "INVALID_CREDENTIALS_MFA"
    SITE_NOT_AVAILABLE = "SITE_NOT_AVAILABLE"
    ACCOUNT_LOCKED = "ACCOUNT_LOCKED"
    ACCOUNT_CREDENTIALS_RESET = "ACCOUNT_CREDENTIALS_RESET"
    CONNECTION_ERROR = "CONNECTION_ERROR"
    ACCOUNT_NEEDS_ACTION = "ACCOUNT_NEEDS_ACTION"
    USER_AUTHORIZATION_PENDING = "USER_AUTHORIZATION_PENDING"
    USER_AUTHORIZATION_NOT_GRANTED = "USER_AUTHORIZATION_NOT_GRANTED"
    USER_NOT_SUPPORTED = "USER_NOT_SUPPORTED"
    USER_INPUT_TIMEOUT = "USER_INPUT_TIMEOUT"
    MERGE_ERROR = "MERGE_ERROR"
    ERROR = "ERROR"
    SUCCESS = "SUCCESS"
    PARTIAL_SUCCESS = "PARTIAL_SUCCESS"


#: The executionStatus values after which an item is no longer being worked on.
FINISHED_EXECUTION_STATUSES = frozenset(
    {
        ExecutionStatus.SUCCESS,
        ExecutionStatus.PARTIAL_SUCCESS,
        ExecutionStatus.CREATE_ERROR,
        ExecutionStatus.INVALID_CREDENTIALS,
        ExecutionStatus.ALREADY_LOGGED_IN,
        ExecutionStatus.UNEXPECTED_ERROR,
        ExecutionStatus.INVALID_CREDENTIALS_MFA,
        ExecutionStatus.SITE_NOT_AVAILABLE,
        ExecutionStatus.ACCOUNT_LOCKED,
        ExecutionStatus.ACCOUNT_CREDENTIALS_RESET,
        ExecutionStatus.CONNECTION_ERROR,
        ExecutionStatus.ACCOUNT_NEEDS_ACTION,
        ExecutionStatus.USER_AUTHORIZATION_PENDING,
        ExecutionStatus.USER_AUTHORIZATION_NOT_GRANTED,
        ExecutionStatus.USER_NOT_SUPPORTED,
        ExecutionStatus.USER_INPUT_TIMEOUT,
        ExecutionStatus.MERGE_ERROR,
        ExecutionStatus.ERROR,
    }
)


class ProductType(StrEnum):
    ACCOUNTS = "ACCOUNTS"
    CREDIT_CARDS = "CREDIT_CARDS"
    TRANSACTIONS = "TRANSACTIONS"
    PAYMENT_DATA = "PAYMENT_DATA"
    INVESTMENTS = "INVESTMENTS"
    INVESTMENTS_TRANSACTIONS = "INVESTMENTS_TRANSACTIONS"
    IDENTITY = "IDENTITY"
    BROKERAGE_NOTE = "BROKERAGE_NOTE"
    MOVE_SECURITY = "MOVE_SECURITY"
    LOANS = "LOANS"
    ACCOUNT_STATEMENTS = "ACCOUNT_STATEMENTS"


class ConnectorType(StrEnum):
    PERSONAL_BANK = "PERSONAL_BANK"
    BUSINESS_BANK = "BUSINESS_BANK"
    INVOICE = "INVOICE"
    INVESTMENT = "INVESTMENT"
    TELECOMMUNICATION = "TELECOMMUNICATION"
    DIGITAL_ECONOMY = "DIGITAL_ECONOMY"
    PAYMENT_ACCOUNT = "PAYMENT_ACCOUNT"
    OTHER = "OTHER"


class CredentialType(StrEnum):
    TEXT = "text"
    PASSWORD = "password"  # noqa: S105  (a credential kind, not a secret)
    NUMBER = "number"
    IMAGE = "image"
    SELECT = "select"
    ETHADDRESS = "ethaddress"
    HCAPTCHA = "hcaptcha"


class ConnectorHealthStatus(StrEnum):
    ONLINE = "ONLINE"
    OFFLINE = "OFFLINE"
    UNSTABLE = "UNSTABLE"


class AccountType(StrEnum):
    BANK = "BANK"
    CREDIT = "CREDIT"


class AccountSubtype(StrEnum):
    CHECKING_ACCOUNT = "CHECKING_ACCOUNT"
    SAVINGS_ACCOUNT = "SAVINGS_ACCOUNT"
    CREDIT_CARD = "CREDIT_CARD"


class TransactionType(StrEnum):
    DEBIT = "DEBIT"
    CREDIT = "CREDIT"


class TransactionStatus(StrEnum):
    POSTED = "POSTED"
    PENDING = "PENDING"


class InvestmentType(StrEnum):
    MUTUAL_FUND = "MUTUAL_FUND"
    SECURITY = "SECURITY"
    EQUITY = "EQUITY"
    COE = "COE"
    FIXED_INCOME = "FIXED_INCOME"
    ETF = "ETF"
    OTHER = "OTHER"


class InvestmentStatus(StrEnum):
    ACTIVE = "ACTIVE"
    PENDING = "PENDING"
    TOTAL_WITHDRAWAL = "TOTAL_WITHDRAWAL"


class InvestmentTransactionType(StrEnum):
    BUY = "BUY"
    SELL = "SELL"
    TAX = "TAX"
    TRANSFER = "TRANSFER"
    INTEREST = "INTEREST"
    AMORTIZATION = "AMORTIZATION"


class LoanKind(StrEnum):
    LOAN = "LOAN"
    FINANCING = "FINANCING"
    INVOICE_FINANCING = "INVOICE_FINANCING"
    UNARRANGED_ACCOUNT_OVERDRAFT = "UNARRANGED_ACCOUNT_OVERDRAFT"


class WebhookEventType(StrEnum):
    ALL = "all"
    ITEM_CREATED = "item/created"
    ITEM_UPDATED = "item/updated"
    ITEM_ERROR = "item/error"
    ITEM_DELETED = "item/deleted"
    ITEM_WAITING_USER_INPUT = "item/waiting_user_input"
    ITEM_WAITING_USER_ACTION = "item/waiting_user_action"
    ITEM_LOGIN_SUCCEEDED = "item/login_succeeded"
    CONNECTOR_STATUS_UPDATED = "connector/status_updated"
    TRANSACTIONS_CREATED = "transactions/created"
    TRANSACTIONS_UPDATED = "transactions/updated"
    TRANSACTIONS_DELETED = "transactions/deleted"
    PAYMENT_INTENT_CREATED = "payment_intent/created"
    PAYMENT_INTENT_COMPLETED = "payment_intent/completed"
    PAYMENT_INTENT_WAITING_PAYER_AUTHORIZATION = "payment_intent/waiting_payer_authorization"
    PAYMENT_INTENT_ERROR = "payment_intent/error"
    PAYMENT_REQUEST_UPDATED = "payment_request/updated"
    SCHEDULED_PAYMENT_CREATED = "scheduled_payment/created"
    SCHEDULED_PAYMENT_COMPLETED = "scheduled_payment/completed"
    SCHEDULED_PAYMENT_ERROR = "scheduled_payment/error"
    SCHEDULED_PAYMENT_CANCELED = "scheduled_payment/canceled"
    SCHEDULED_PAYMENT_ALL_CREATED = "scheduled_payment/all_created"
    SCHEDULED_PAYMENT_ALL_COMPLETED = "scheduled_payment/all_completed"
    BOLETO_UPDATED = "boleto/updated"
    AUTOMATIC_PIX_PAYMENT_CREATED = "automatic_pix_payment/created"
    AUTOMATIC_PIX_PAYMENT_COMPLETED = "automatic_pix_payment/completed"
    AUTOMATIC_PIX_PAYMENT_ERROR = "automatic_pix_payment/error"
    AUTOMATIC_PIX_PAYMENT_CANCELED = "automatic_pix_payment/canceled"
    SMART_TRANSFER_PREAUTHORIZATION_COMPLETED = "smart_transfer_preauthorization/completed"
    SMART_TRANSFER_PREAUTHORIZATION_ERROR = "smart_transfer_preauthorization/error"
    SMART_TRANSFER_PAYMENT_COMPLETED = "smart_transfer_payment/completed"
    SMART_TRANSFER_PAYMENT_ERROR = "smart_transfer_payment/error"


class PaymentRequestStatus(StrEnum):
    CREATED = "CREATED"
    IN_PROGRESS = "IN_PROGRESS"
    WAITING_PAYER_AUTHORIZATION = "WAITING_PAYER_AUTHORIZATION"
    AUTHORIZED = "AUTHORIZED"
    SCHEDULED = "SCHEDULED"
    COMPLETED = "COMPLETED"
    ERROR = "ERROR"
    REFUND_IN_PROGRESS = "REFUND_IN_PROGRESS"
    REFUNDED = "REFUNDED"
    REFUND_ERROR = "REFUND_ERROR"
    EXPIRED = "EXPIRED"
    CANCELED = "CANCELED"


class PaymentIntentStatus(StrEnum):
    STARTED = "STARTED"
    ENQUEUED = "ENQUEUED"
    CONSENT_AWAITING_AUTHORIZATION = "CONSENT_AWAITING_AUTHORIZATION"
    CONSENT_AUTHORIZED = "CONSENT_AUTHORIZED"
    CONSENT_REJECTED = "CONSENT_REJECTED"
    PAYMENT_PENDING = "PAYMENT_PENDING"
    PAYMENT_PARTIALLY_ACCEPTED = "PAYMENT_PARTIALLY_ACCEPTED"
    PAYMENT_SETTLEMENT_PROCESSING = "PAYMENT_SETTLEMENT_PROCESSING"
    PAYMENT_SETTLEMENT_DEBTOR_ACCOUNT = "PAYMENT_SETTLEMENT_DEBTOR_ACCOUNT"
    PAYMENT_COMPLETED = "PAYMENT_COMPLETED"
    PAYMENT_REJECTED = "PAYMENT_REJECTED"
    REJECTED = "REJECTED"
    ERROR = "ERROR"
    CANCELED = "CANCELED"
    REVOKED = "REVOKED"
    CONSUMED = "CONSUMED"
    PAYMENT_TIMEOUT = "PAYMENT_TIMEOUT"


class PaymentCustomerType(StrEnum):
    INDIVIDUAL = "INDIVIDUAL"
    BUSINESS = "BUSINESS"


class AutomaticPixInterval(StrEnum):
    WEEKLY = "WEEKLY"
    MONTHLY = "MONTHLY"
    QUARTERLY = "QUARTERLY"
    SEMESTER = "SEMESTER"
    YEARLY = "YEARLY"


class BoletoStatus(StrEnum):
    OPEN = "OPEN"
    PAID = "PAID"
    OVERDUE = "OVERDUE"
    CANCELLED = "CANCELLED"
    PROTESTED = "PROTESTED"
