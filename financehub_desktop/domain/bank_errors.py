"""Errors that come from the bank connection (a Pluggy item), and the one place they are mapped from Pluggy's
``executionStatus`` / ``error.code`` values. The client, the sync engine and the UI all use this table.
"""

from __future__ import annotations

from typing import ClassVar

from .errors import ErrorKind, FinanceHubError, Text


class BankError(FinanceHubError):
    code = "bank_error"
    kind = ErrorKind.BANK
    title = ("A conexão com o banco falhou", "The bank connection failed")
    explanation = (
        "O banco ou o Pluggy informou um erro na conexão.",
        "The bank or Pluggy reported an error.",
    )
    steps: ClassVar[tuple[Text, ...]] = (("Tente sincronizar de novo mais tarde.", "Try syncing again later."),)


class InvalidCredentialsError(BankError):
    code = "invalid_credentials"
    title = ("Usuário ou senha do banco incorretos", "Wrong bank username or password")
    explanation = (
        "O banco recusou as credenciais. A conexão não será atualizada até você informar novas.",
        "The bank refused the credentials. The connection will not update until you enter new ones.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        (
            "Clique em Reconectar e digite as credenciais de novo.",
            "Click Reconnect and enter the credentials again.",
        ),
        (
            "Atenção: errar duas vezes seguidas bloqueia novas tentativas por 15 minutos.",
            "Careful: two failures in a row block new attempts for 15 minutes.",
        ),
    )


class MfaRequiredError(BankError):
    code = "mfa_required"
    kind = ErrorKind.USER_INPUT
    title = ("O banco pede um código de verificação", "The bank asks for a verification code")
    explanation = (
        "A conexão espera um código (token, SMS ou app do banco) para continuar.",
        "The connection is waiting for a code (token, SMS or the bank's app) to continue.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        ("Informe o código pedido antes que ele expire.", "Enter the requested code before it expires."),
    )


class InvalidMfaError(BankError):
    code = "invalid_mfa"
    title = ("Código de verificação incorreto", "Wrong verification code")
    explanation = ("O banco recusou o código informado.", "The bank refused the code entered.")
    steps: ClassVar[tuple[Text, ...]] = (
        ("Sincronize de novo e informe um código novo.", "Sync again and enter a fresh code."),
    )


class MfaTimeoutError(BankError):
    code = "mfa_timeout"
    title = (
        "O código de verificação não foi informado a tempo",
        "The verification code was not entered in time",
    )
    explanation = (
        "O banco esperou o código e desistiu.",
        "The bank waited for the code and gave up.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        ("Sincronize de novo e responda ao pedido de código.", "Sync again and answer the code prompt."),
    )


class AccountLockedError(BankError):
    code = "account_locked"
    title = ("Conta bloqueada no banco", "Account locked at the bank")
    explanation = (
        "O banco bloqueou o acesso (normalmente por tentativas erradas).",
        "The bank locked access (usually after wrong attempts).",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        ("Desbloqueie o acesso no app ou no site do banco.", "Unlock access in the bank's app or website."),
        ("Depois clique em Reconectar.", "Then click Reconnect."),
    )


class CredentialsResetError(BankError):
    code = "credentials_reset"
    title = ("O banco pede uma nova senha", "The bank requires a new password")
    explanation = (
        "A senha precisa ser redefinida no banco antes de conectar.",
        "The password must be reset at the bank before connecting.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        ("Redefina a senha no site ou app do banco.", "Reset the password on the bank's website or app."),
        ("Depois clique em Reconectar com a nova senha.", "Then click Reconnect with the new password."),
    )


class AccountNeedsActionError(BankError):
    code = "account_needs_action"
    title = ("O banco pede uma ação sua", "The bank needs you to do something")
    explanation = (
        "Há um aviso pendente no banco (termos, cadastro, token) que impede o acesso.",
        "A pending notice at the bank (terms, registration, token) blocks access.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        (
            "Entre no site ou app do banco e resolva a pendência.",
            "Log in to the bank and resolve the notice.",
        ),
        ("Depois sincronize de novo.", "Then sync again."),
    )


class UserNotSupportedError(BankError):
    code = "user_not_supported"
    title = ("Este tipo de conta não é suportado", "This kind of account is not supported")
    explanation = (
        "O conector do banco não suporta este tipo de usuário ou conta.",
        "The bank's connector does not support this kind of user or account.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        ("Tente o conector Open Finance do mesmo banco.", "Try the Open Finance connector of the same bank."),
    )


class AlreadyLoggedInError(BankError):
    code = "already_logged_in"
    retryable = True
    title = ("Há outra sessão aberta no banco", "Another session is open at the bank")
    explanation = (
        "O banco permite uma sessão por vez e há outra aberta.",
        "The bank allows one session at a time and another is open.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        ("Saia do internet banking e tente de novo em alguns minutos.", "Log out of the bank and retry."),
    )


class InstitutionUnavailableError(BankError):
    code = "institution_unavailable"
    retryable = True
    title = ("O banco está fora do ar", "The bank is unavailable")
    explanation = (
        "O site do banco não respondeu. Isso costuma ser temporário.",
        "The bank's site did not answer. This is usually temporary.",
    )
    steps: ClassVar[tuple[Text, ...]] = (("Tente de novo mais tarde.", "Try again later."),)


class BankConnectionError(BankError):
    code = "bank_connection_error"
    retryable = True
    title = ("Falha de comunicação com o banco", "Could not communicate with the bank")
    explanation = (
        "A comunicação entre o Pluggy e o banco falhou.",
        "Communication between Pluggy and the bank failed.",
    )
    steps: ClassVar[tuple[Text, ...]] = (("Tente de novo em alguns minutos.", "Try again in a few minutes."),)


class AuthorizationPendingError(BankError):
    code = "authorization_pending"
    kind = ErrorKind.USER_INPUT
    title = ("Autorização pendente no banco", "Authorization pending at the bank")
    explanation = (
        "O acesso precisa ser autorizado no app do banco (por exemplo, por outro titular).",
        "Access must be authorised in the bank's app (for example by another account holder).",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        ("Autorize o acesso no app do banco e sincronize de novo.", "Authorise access in the app and sync."),
    )


class AuthorizationNotGrantedError(BankError):
    code = "authorization_not_granted"
    title = ("Autorização negada no banco", "Authorization refused at the bank")
    explanation = ("O acesso foi recusado no banco.", "Access was refused at the bank.")
    steps: ClassVar[tuple[Text, ...]] = (
        ("Conecte de novo e autorize o acesso.", "Connect again and authorise access."),
    )


class ConsentExpiredError(BankError):
    code = "consent_expired"
    title = ("O consentimento Open Finance expirou", "The Open Finance consent expired")
    explanation = (
        "O banco só compartilha dados enquanto o consentimento está válido.",
        "The bank only shares data while the consent is valid.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        ("Clique em Reconectar para renovar o consentimento.", "Click Reconnect to renew the consent."),
    )


class ConsentRevokedError(ConsentExpiredError):
    code = "consent_revoked"
    title = ("O consentimento Open Finance foi revogado", "The Open Finance consent was revoked")


class TooManyLoginFailuresError(BankError):
    code = "too_many_login_failures"
    retryable = True
    title = ("Muitas tentativas de login com erro", "Too many failed login attempts")
    explanation = (
        "Para proteger sua conta, o Pluggy bloqueou novas tentativas por um tempo.",
        "To protect your account, Pluggy blocked new attempts for a while.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        (
            "Aguarde o tempo indicado e confira a senha antes.",
            "Wait for the time shown and check the password.",
        ),
    )


class UnexpectedBankError(BankError):
    code = "unexpected_bank_error"
    retryable = True
    title = ("Erro inesperado ao acessar o banco", "Unexpected error accessing the bank")


#: Pluggy's finished-in-error ``executionStatus`` (and ``item.error.code``) -> the error the user sees.
ERROR_FOR_EXECUTION_STATUS: dict[str, type[BankError]] = {
    "INVALID_CREDENTIALS": InvalidCredentialsError,
    "INVALID_CREDENTIALS_MFA": InvalidMfaError,
    "USER_INPUT_TIMEOUT": MfaTimeoutError,
    "ACCOUNT_LOCKED": AccountLockedError,
    "ACCOUNT_CREDENTIALS_RESET": CredentialsResetError,
    "ACCOUNT_NEEDS_ACTION": AccountNeedsActionError,
    "USER_NOT_SUPPORTED": UserNotSupportedError,
    "ALREADY_LOGGED_IN": AlreadyLoggedInError,
    "SITE_NOT_AVAILABLE": InstitutionUnavailableError,
    "CONNECTION_ERROR": BankConnectionError,
    "USER_AUTHORIZATION_PENDING": AuthorizationPendingError,
    "USER_AUTHORIZATION_NOT_GRANTED": AuthorizationNotGrantedError,
    "UNEXPECTED_ERROR": UnexpectedBankError,
    "CREATE_ERROR": UnexpectedBankError,
    "MERGE_ERROR": UnexpectedBankError,
    "ERROR": UnexpectedBankError,
}


def bank_error_for(execution_status: str | None, message: str = "") -> BankError | None:
    """The typed error for a finished item, or ``None`` when it did not end in error.

    Unknown error-like statuses (Pluggy adds values) become ``UnexpectedBankError`` rather than being ignored.
    """
    if not execution_status or execution_status in {"SUCCESS", "PARTIAL_SUCCESS"}:
        return None
    cls = ERROR_FOR_EXECUTION_STATUS.get(execution_status)
    if cls is None:
        if execution_status.endswith("_ERROR") or execution_status.startswith("INVALID"):
            cls = UnexpectedBankError
        else:
            return None
    return cls(message)
