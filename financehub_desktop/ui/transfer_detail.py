"""What the transaction detail panel says about a row that is one side of a transfer between the user's own accounts
(``services.transfers``): the other side's account and date, or that the other account is not connected."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from financehub_desktop.services.transfers import TransferSide, TransfersService

from . import formatting


def describe(side: TransferSide | None) -> str:
    """One or two lines for the panel; empty when the row is not part of an own transfer."""
    if side is None:
        return ""
    if side.other_transaction_id is None:
        where = QCoreApplication.translate("TransferDetail", "a PIX to yourself; the other account is not connected")
    else:
        account = side.other_account_name or QCoreApplication.translate("TransferDetail", "another account")
        if side.other_institution:
            account = f"{account} ({side.other_institution})"
        day = formatting.day(side.other_day) if side.other_day else ""
        template = (
            QCoreApplication.translate("TransferDetail", "to {account} on {day}")
            if side.direction == "OUT"
            else QCoreApplication.translate("TransferDetail", "from {account} on {day}")
        )
        where = template.format(account=account, day=day)
    return (
        QCoreApplication.translate("TransferDetail", "Transfer between your accounts: {where}").format(where=where)
        + "\n"
        + QCoreApplication.translate("TransferDetail", "Not counted as spending or income.")
    )


def transfer_text(service: TransfersService | None, transaction_id: int) -> str:
    return describe(service.transfer_for(transaction_id)) if service is not None else ""
