"""The error tree: every error a user can meet, with a message and help in pt-BR and English.

Two families, as in qutebrowser: *known* errors (the environment, the bank, the user's input, Pluggy) are shown
as a message with help (what happened, steps to take, a documentation anchor); anything else is a *bug*: the app
shows a crash dialog and logs the traceback, the CLI prints a short message and exits with status 70.

The help mirrors the seed web app's ``ErrorResponseBuilder``: ``{code, message, type, help: {documentation,
steps, suggestion}}``. ``docs/errors.md`` is generated from this catalogue (a test keeps them in step).

Messages never contain secrets: ``detail`` is for safe context (an HTTP status, a file path, a field name).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar, Literal

Lang = Literal["pt_BR", "en"]
Text = tuple[str, str]  # (pt-BR, English)


class ErrorKind(StrEnum):
    ENVIRONMENT = "environment"  # disk, keyring, files, network on this computer
    USER_INPUT = "user_input"  # something the user typed or chose
    BANK = "bank"  # the institution or the connection to it (Pluggy item errors)
    SERVICE = "service"  # Pluggy's API itself (auth, limits, outages, bad payloads)
    BUG = "bug"  # our fault: crash dialog + traceback in the log


@dataclass(frozen=True, slots=True)
class ErrorHelp:
    """What the user reads: a title, what happened, what to do, where to read more."""

    code: str
    title: str
    what_happened: str
    steps: tuple[str, ...]
    documentation: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.title,
            "help": {
                "documentation": self.documentation,
                "steps": list(self.steps),
                "suggestion": self.steps[0] if self.steps else "",
            },
        }


def _pick(text: Text, lang: Lang) -> str:
    return text[0] if lang == "pt_BR" else text[1]


class FinanceHubError(Exception):
    """Base of every error the app raises on purpose."""

    code: ClassVar[str] = "unexpected"
    kind: ClassVar[ErrorKind] = ErrorKind.BUG
    title: ClassVar[Text] = ("Ocorreu um erro inesperado", "Something unexpected went wrong")
    explanation: ClassVar[Text] = (
        "O FinanceHub encontrou um problema que não deveria acontecer.",
        "FinanceHub hit a problem that should not happen.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        ("Tente de novo.", "Try again."),
        (
            "Se continuar, envie o log (Ajuda > Abrir pasta de logs) com a saída de `financehub doctor`.",
            "If it keeps happening, send the log (Help > Open log folder) with the output of `financehub doctor`.",
        ),
    )
    #: Retrying the same action later may succeed (network, outage, rate limit).
    retryable: ClassVar[bool] = False

    def __init__(self, detail: str = "", **context: Any) -> None:
        self.detail = detail
        self.context = context
        super().__init__(self._log_text())

    def _log_text(self) -> str:
        base = f"[{self.code}] {self.title[1]}"
        return f"{base}: {self.detail}" if self.detail else base

    @property
    def is_known(self) -> bool:
        return self.kind is not ErrorKind.BUG

    def message(self, lang: Lang = "pt_BR") -> str:
        """One line for a status bar or a CLI: the title, plus the safe detail when there is one."""
        title = _pick(self.title, lang)
        return f"{title}: {self.detail}" if self.detail else title

    def help(self, lang: Lang = "pt_BR") -> ErrorHelp:
        return ErrorHelp(
            code=self.code,
            title=_pick(self.title, lang),
            what_happened=_pick(self.explanation, lang),
            steps=tuple(_pick(s, lang) for s in self.steps),
            documentation=doc_anchor(self.code),
        )

    def to_response(self, lang: Lang = "pt_BR") -> dict[str, Any]:
        """The seed's ErrorResponseBuilder shape, for the CLI's ``--json`` output and the relay."""
        body = self.help(lang).as_dict()
        body["type"] = type(self).__name__
        body["kind"] = self.kind.value
        if self.detail:
            body["detail"] = self.detail
        return {"success": False, "error": body}


def doc_anchor(code: str) -> str:
    """Where the long explanation lives: ``docs/errors.md`` ships with the app; anchors are the codes."""
    return f"docs/errors.md#{code.replace('_', '-')}"


def all_error_classes() -> list[type[FinanceHubError]]:
    """Every concrete error in the catalogue (for docs generation and tests)."""
    seen: list[type[FinanceHubError]] = []
    stack: list[type[FinanceHubError]] = [FinanceHubError]
    while stack:
        cls = stack.pop(0)
        seen.append(cls)
        stack.extend(cls.__subclasses__())
    return seen


# ---------------------------------------------------------------------------------------------- bugs
class InternalError(FinanceHubError):
    """A bug wrapped for display; the original exception is in ``__cause__`` and in the log."""

    code = "internal_error"


# ---------------------------------------------------------------------------------------------- environment
class EnvironmentProblem(FinanceHubError):
    code = "environment"
    kind = ErrorKind.ENVIRONMENT
    title = ("Problema no ambiente do computador", "A problem on this computer")
    explanation = (
        "Algo neste computador impediu a operação.",
        "Something on this computer stopped the operation.",
    )
    steps: ClassVar[tuple[Text, ...]] = (("Verifique a mensagem e tente de novo.", "Read the message and try again."),)


class DataDirUnwritableError(EnvironmentProblem):
    code = "data_dir_unwritable"
    title = ("Não é possível gravar na pasta de dados", "The data folder is not writable")
    explanation = (
        "O FinanceHub precisa gravar seus dados, configurações e logs nesta pasta e não tem permissão.",
        "FinanceHub must write its data, settings and logs to this folder and is not allowed to.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        ("Verifique as permissões da pasta indicada.", "Check the permissions of the folder shown."),
        (
            "Ou escolha outra pasta com a variável FINANCEHUB_HOME.",
            "Or choose another folder with the FINANCEHUB_HOME variable.",
        ),
    )


class SettingsFileError(EnvironmentProblem):
    code = "settings_invalid"
    title = ("O arquivo de configurações tem um erro", "The settings file has an error")
    explanation = (
        "O arquivo de configurações não pôde ser lido. O app abriu com os valores padrão e não alterou o arquivo.",
        "The settings file could not be read. The app started on defaults and left the file untouched.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        ("Corrija a linha indicada no arquivo.", "Fix the line shown in the file."),
        (
            "Ou apague o arquivo para voltar aos padrões.",
            "Or delete the file to go back to the defaults.",
        ),
    )


class StorageError(EnvironmentProblem):
    code = "storage_error"
    title = ("Não foi possível gravar os dados", "Your data could not be written")
    explanation = (
        "A gravação falhou e foi desfeita: seus dados continuam como estavam antes.",
        "The write failed and was rolled back: your data is as it was before.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        (
            "Verifique o espaço livre em disco e as permissões da pasta.",
            "Check free disk space and folder permissions.",
        ),
        ("Tente de novo.", "Try again."),
    )


class DiskFullError(StorageError):
    code = "disk_full"
    title = ("O disco está cheio", "The disk is full")
    steps: ClassVar[tuple[Text, ...]] = (
        ("Libere espaço no disco.", "Free some disk space."),
        ("Tente de novo: nada foi perdido.", "Try again: nothing was lost."),
    )


class ReadOnlyStorageError(StorageError):
    code = "storage_read_only"
    title = ("A pasta de dados está somente leitura", "The data folder is read-only")


class KeyringUnavailableError(EnvironmentProblem):
    code = "keyring_unavailable"
    title = ("Cofre de senhas do sistema indisponível", "The system keyring is not available")
    explanation = (
        "Não há um cofre de senhas (Secret Service, Keychain, Credential Manager) acessível nesta sessão.",
        "No keyring (Secret Service, Keychain, Credential Manager) can be reached in this session.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        (
            "Use uma senha mestra: o app pedirá uma ao abrir.",
            "Use a master passphrase: the app asks for one when it opens.",
        ),
        (
            "Em scripts, defina FINANCEHUB_PASSPHRASE ou use --passphrase-file.",
            "In scripts, set FINANCEHUB_PASSPHRASE or pass --passphrase-file.",
        ),
    )


class WrongPassphraseError(EnvironmentProblem):
    code = "wrong_passphrase"
    kind = ErrorKind.USER_INPUT
    title = ("Senha mestra incorreta", "Wrong master passphrase")
    explanation = (
        "A senha não abre este cofre. Nada foi alterado.",
        "The passphrase does not open this store. Nothing was changed.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        ("Digite a senha de novo (atenção ao Caps Lock).", "Type the passphrase again (mind Caps Lock)."),
        (
            "Sem a senha não há como recuperar os dados; restaure um backup se tiver um.",
            "Without the passphrase the data cannot be recovered; restore a backup if you have one.",
        ),
    )


class KeyMissingError(EnvironmentProblem):
    code = "key_missing"
    title = ("A chave dos seus dados não foi encontrada", "The key to your data was not found")
    explanation = (
        "O banco de dados existe, mas a chave que o abre não está no cofre do sistema nem no arquivo de chave.",
        "The database exists but the key that opens it is neither in the keyring nor in the key file.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        (
            "Verifique se você está no mesmo usuário do sistema.",
            "Check that you are logged in as the same user.",
        ),
        ("Restaure um backup junto com a sua chave.", "Restore a backup together with its key."),
    )


class PassphraseRequiredError(EnvironmentProblem):
    code = "passphrase_required"
    kind = ErrorKind.USER_INPUT
    title = ("Digite a senha mestra", "Enter the master passphrase")
    explanation = (
        "Seus dados estão protegidos por uma senha mestra, e nenhuma foi informada.",
        "Your data is protected by a master passphrase, and none was given.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        ("Digite a senha mestra quando o app pedir.", "Type the master passphrase when the app asks for it."),
        (
            "Em scripts, defina FINANCEHUB_PASSPHRASE ou use --passphrase-file.",
            "In scripts, set FINANCEHUB_PASSPHRASE or pass --passphrase-file.",
        ),
    )


class KeyMismatchError(KeyMissingError):
    code = "key_mismatch"
    title = ("A chave encontrada não abre os seus dados", "The key found does not open your data")
    explanation = (
        "Existe uma chave para este perfil, mas ela não abre o banco de dados. Nada foi alterado.",
        "There is a key for this profile, but it does not open the database. Nothing was changed.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        (
            "Se você restaurou um backup, restaure também a chave dele.",
            "If you restored a backup, restore its key as well.",
        ),
        ("Ou restaure o backup mais recente com a chave atual.", "Or restore the latest backup made with this key."),
    )


class KeyFileError(EnvironmentProblem):
    code = "key_file_invalid"
    title = ("O arquivo de chave está danificado", "The key file is damaged")
    explanation = (
        "O arquivo que guarda a chave protegida por senha não pôde ser lido. Ele não foi alterado.",
        "The file holding the passphrase-protected key could not be read. It was left untouched.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        ("Restaure o arquivo financehub.key de um backup.", "Restore financehub.key from a backup."),
    )


class DatabaseCorruptError(EnvironmentProblem):
    code = "database_corrupt"
    title = ("O banco de dados está danificado", "The database is damaged")
    explanation = (
        "A verificação de integridade falhou ao abrir os dados.",
        "The integrity check failed when opening your data.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        ("Restaure o backup mais recente.", "Restore the most recent backup."),
        (
            "Ou apague o perfil e sincronize de novo com seus bancos.",
            "Or delete the profile and sync again from your banks.",
        ),
    )


class DatabaseTooNewError(EnvironmentProblem):
    code = "database_too_new"
    title = ("Os dados são de uma versão mais nova do app", "The data is from a newer version of the app")
    explanation = (
        "Este banco de dados foi atualizado por uma versão mais nova do FinanceHub e não pode ser aberto por esta.",
        "This database was upgraded by a newer FinanceHub and cannot be opened by this version.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        ("Atualize o FinanceHub para a versão mais recente.", "Update FinanceHub to the latest version."),
    )


class NetworkUnavailableError(EnvironmentProblem):
    code = "network_unavailable"
    retryable = True
    title = ("Sem conexão com a internet", "No internet connection")
    explanation = (
        "Não foi possível falar com o Pluggy. Seus dados continuam disponíveis offline.",
        "Pluggy could not be reached. Your data is still available offline.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        ("Verifique sua conexão.", "Check your connection."),
        ("A sincronização tentará de novo automaticamente.", "Sync will try again automatically."),
    )


class ProfileInUseError(EnvironmentProblem):
    code = "profile_in_use"
    retryable = True
    title = ("Este perfil está aberto no FinanceHub", "This profile is open in FinanceHub")
    explanation = (
        "Restaurar um backup ou trocar a chave ou a senha enquanto o app (ou outro comando) usa o banco de dados "
        "poderia perder dados, então nada foi alterado.",
        "Restoring a backup or changing the key or passphrase while the app (or another command) uses the database "
        "could lose data, so nothing was changed.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        (
            "Feche o FinanceHub (ou espere o outro comando terminar).",
            "Close FinanceHub (or wait for the other command to finish).",
        ),
        ("Rode o comando de novo.", "Run the command again."),
    )


class SyncBusyElsewhereError(EnvironmentProblem):
    code = "sync_busy_elsewhere"
    retryable = True
    title = ("Esta conexão já está sendo sincronizada", "This connection is already syncing")
    explanation = (
        "Outro processo do FinanceHub (o app ou o comando `financehub sync`) está sincronizando esta conexão agora. "
        "Duas sincronizações ao mesmo tempo disputariam os mesmos dados, então esta não começou.",
        "Another FinanceHub process (the app or the `financehub sync` command) is syncing this connection right now. "
        "Two syncs at once would fight over the same data, so this one did not start.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        ("Espere a outra sincronização terminar e tente de novo.", "Wait for the other sync to finish and try again."),
    )


# ---------------------------------------------------------------------------------------------- user input
class InvalidInputError(FinanceHubError):
    code = "invalid_input"
    kind = ErrorKind.USER_INPUT
    title = ("Valor inválido", "Invalid value")
    explanation = ("Um dos valores informados não é válido.", "One of the values given is not valid.")
    steps: ClassVar[tuple[Text, ...]] = (
        ("Corrija o campo indicado e tente de novo.", "Fix the field shown and try again."),
    )


class MfaCancelledError(InvalidInputError):
    """The user dismissed the bank's verification prompt (defined here so docs/errors.md always lists it)."""

    code = "mfa_cancelled"
    title = ("Verificação cancelada", "Verification cancelled")
    explanation = (
        "O código pedido pelo banco não foi informado; a sincronização parou.",
        "The code the bank asked for was not entered; the sync stopped.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        ("Sincronize de novo quando tiver o código.", "Sync again when you have the code."),
    )


# ---------------------------------------------------------------------------------------------- Pluggy API
class PluggyServiceError(FinanceHubError):
    code = "pluggy_error"
    kind = ErrorKind.SERVICE
    title = ("O Pluggy retornou um erro", "Pluggy returned an error")
    explanation = ("A API do Pluggy não atendeu o pedido.", "Pluggy's API did not fulfil the request.")
    steps: ClassVar[tuple[Text, ...]] = (("Tente de novo em alguns minutos.", "Try again in a few minutes."),)


class PluggyAuthError(PluggyServiceError):
    code = "pluggy_auth"
    title = ("Credenciais do Pluggy recusadas", "Pluggy credentials were refused")
    explanation = (
        "O Pluggy não aceitou o clientId/clientSecret configurados.",
        "Pluggy did not accept the configured clientId/clientSecret.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        (
            "Confira o clientId e o clientSecret em Configurações (painel do Pluggy > Aplicações).",
            "Check the clientId and clientSecret in Settings (Pluggy dashboard > Applications).",
        ),
        ("Verifique se a aplicação não foi desativada.", "Check that the application was not disabled."),
    )


class PluggyForbiddenError(PluggyServiceError):
    code = "pluggy_forbidden"
    title = ("Acesso negado pelo Pluggy", "Access denied by Pluggy")
    explanation = (
        "Sua aplicação não tem permissão para este recurso (plano, lista de IPs ou escopo do token).",
        "Your application is not allowed this resource (plan, IP allowlist or token scope).",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        ("Verifique o plano e a lista de IPs no painel do Pluggy.", "Check the plan and IP allowlist."),
    )


class RateLimitedError(PluggyServiceError):
    code = "rate_limited"
    retryable = True
    title = ("Muitas requisições ao Pluggy", "Too many requests to Pluggy")
    explanation = (
        "O limite por minuto do Pluggy foi atingido. O app espera e tenta de novo sozinho.",
        "Pluggy's per-minute limit was reached. The app waits and retries by itself.",
    )
    steps: ClassVar[tuple[Text, ...]] = (("Aguarde um minuto.", "Wait a minute."),)


class PluggyUnavailableError(PluggyServiceError):
    code = "pluggy_unavailable"
    retryable = True
    title = ("O Pluggy está indisponível", "Pluggy is unavailable")
    explanation = (
        "O serviço do Pluggy não respondeu ou respondeu com erro interno.",
        "Pluggy's service did not answer or answered with an internal error.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        ("Tente de novo em alguns minutos.", "Try again in a few minutes."),
        ("Seus dados continuam disponíveis offline.", "Your data is still available offline."),
    )


class PluggyTimeoutError(PluggyUnavailableError):
    code = "pluggy_timeout"
    title = ("O Pluggy demorou demais para responder", "Pluggy took too long to answer")


class NotFoundError(PluggyServiceError):
    code = "not_found"
    title = ("Não encontrado no Pluggy", "Not found at Pluggy")
    explanation = (
        "O item pedido não existe mais no Pluggy (pode ter sido apagado).",
        "The requested record no longer exists at Pluggy (it may have been deleted).",
    )
    steps: ClassVar[tuple[Text, ...]] = (("Atualize a lista e tente de novo.", "Refresh the list and try again."),)


class MalformedResponseError(PluggyServiceError):
    code = "malformed_response"
    retryable = True
    title = ("Resposta inválida do Pluggy", "Pluggy sent an invalid response")
    explanation = (
        "A resposta não pôde ser lida; nada foi gravado a partir dela.",
        "The response could not be read; nothing was saved from it.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        ("Tente sincronizar de novo.", "Try syncing again."),
        (
            "Se persistir, envie o log (sem dados sensíveis).",
            "If it persists, send the log (it holds no secrets).",
        ),
    )


class RequestRejectedError(PluggyServiceError):
    code = "request_rejected"
    kind = ErrorKind.USER_INPUT
    title = ("O Pluggy recusou os dados enviados", "Pluggy rejected the data sent")
    explanation = (
        "Um ou mais campos não passaram na validação do Pluggy.",
        "One or more fields failed Pluggy's validation.",
    )
    steps: ClassVar[tuple[Text, ...]] = (
        ("Corrija os campos indicados e tente de novo.", "Fix the fields shown and try again."),
    )


class RefreshTooSoonError(PluggyServiceError):
    code = "refresh_too_soon"
    retryable = True
    title = ("Atualização antes do intervalo permitido", "Refreshed sooner than allowed")
    explanation = (
        "O Pluggy limita quantas vezes uma conexão pode ser atualizada. A próxima atualização já está agendada.",
        "Pluggy limits how often a connection may be refreshed. The next refresh is already scheduled.",
    )
    steps: ClassVar[tuple[Text, ...]] = (("Tente de novo mais tarde.", "Try again later."),)
