from __future__ import annotations

from pathlib import Path

import pytest

from financehub_desktop.domain import bank_errors
from financehub_desktop.domain.bank_errors import (
    ERROR_FOR_EXECUTION_STATUS,
    InvalidCredentialsError,
    UnexpectedBankError,
    bank_error_for,
)
from financehub_desktop.domain.error_docs import render_markdown
from financehub_desktop.domain.errors import ErrorKind, FinanceHubError, InternalError, all_error_classes

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("cls", all_error_classes(), ids=lambda c: c.__name__)
def test_every_error_speaks_both_languages_with_help(cls: type[FinanceHubError]) -> None:
    err = cls("detail")
    pt, en = err.help("pt_BR"), err.help("en")
    assert pt.title
    assert en.title
    assert pt.what_happened
    assert en.what_happened
    assert pt.steps
    assert len(pt.steps) == len(en.steps)
    assert pt.documentation == en.documentation == f"docs/errors.md#{cls.code.replace('_', '-')}"
    assert err.message("pt_BR").endswith(": detail")


def test_error_codes_are_unique() -> None:
    codes = [cls.code for cls in all_error_classes()]
    assert len(codes) == len(set(codes))


def test_bugs_and_known_errors_are_told_apart() -> None:
    assert not InternalError().is_known
    assert InvalidCredentialsError().is_known
    assert InvalidCredentialsError().kind is ErrorKind.BANK


def test_response_has_the_seed_error_builder_shape() -> None:
    body = InvalidCredentialsError().to_response("en")
    assert body["success"] is False
    assert body["error"]["code"] == "invalid_credentials"
    assert body["error"]["type"] == "InvalidCredentialsError"
    assert body["error"]["help"]["steps"]
    assert body["error"]["help"]["documentation"].startswith("docs/errors.md#")


def test_execution_statuses_map_to_typed_errors() -> None:
    assert bank_error_for("SUCCESS") is None
    assert bank_error_for("PARTIAL_SUCCESS") is None
    assert bank_error_for("TRANSACTIONS_IN_PROGRESS") is None
    assert isinstance(bank_error_for("INVALID_CREDENTIALS"), InvalidCredentialsError)
    # Pluggy adds values: an unknown error-looking status is still an error, not silence.
    assert isinstance(bank_error_for("SOMETHING_NEW_ERROR"), UnexpectedBankError)
    for status, cls in ERROR_FOR_EXECUTION_STATUS.items():
        assert isinstance(bank_error_for(status), cls)
    assert bank_errors.MfaRequiredError().kind is ErrorKind.USER_INPUT


def test_docs_errors_md_matches_the_catalogue() -> None:
    on_disk = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    assert on_disk == render_markdown(), (
        "docs/errors.md is stale: python -m financehub_desktop.domain.error_docs > docs/errors.md"
    )
