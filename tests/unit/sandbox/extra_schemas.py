"""JSON schemas for the answers of the operations pluggy-openapi.json lacks (pluggy-api.md, header and §14):
``GET /items/{id}/scr`` (ScrResponse) and ``GET /smart-transfers/preauthorizations/{id}/balance``
(SmartTransferPreauthorizationBalance). ``DELETE .../data-consent`` answers a SmartTransferPreauthorization, which
the spec has. Written from §14's field lists; validated after dropping null-valued keys, like the spec walk."""

from __future__ import annotations

from typing import Any

NUM: dict[str, Any] = {"type": "number"}
STR: dict[str, Any] = {"type": "string"}
BASE_DATE: dict[str, Any] = {"type": "integer", "minimum": 200001, "maximum": 299912}

MATURITY_KEYS = [
    f"v{n}"
    for n in (
        20,
        40,
        60,
        80,
        110,
        120,
        130,
        140,
        150,
        160,
        165,
        170,
        175,
        180,
        190,
        199,
        205,
        210,
        220,
        230,
        240,
        245,
        250,
        255,
        260,
        270,
        280,
        290,
        310,
        320,
    )
]

SCR_OPERATION: dict[str, Any] = {
    "type": "object",
    "properties": {
        "mod": STR,
        "oriRec": STR,
        "indx": STR,
        "varCamb": STR,
        "subJDisc": STR,
        "resVenc": {
            "type": "object",
            "properties": {key: NUM for key in MATURITY_KEYS},
            "additionalProperties": False,
        },
        "lsGar": {
            "type": "array",
            "items": {"type": "object", "properties": {"tp": STR, "qtd": NUM}, "additionalProperties": False},
        },
        "lsInfAd": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"tp": STR, "cd": STR, "qtd": NUM},
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}

SCR_RESPONSE: dict[str, Any] = {
    "type": "object",
    "required": ["dtbConsult", "cdCli", "tpCli"],
    "properties": {
        "dtbConsult": STR,
        "cdCli": STR,
        "tpCli": {"enum": [1, 2]},
        "lsDtb": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "dtb": BASE_DATE,
                    "msg": STR,
                    "docProc": STR,
                    "volProc": STR,
                    "qtdIfs": NUM,
                    "qtdCongFinc": NUM,
                    "dtbIniRel": STR,
                    "coobAss": NUM,
                    "coobRec": NUM,
                    "lsOp": {"type": "array", "items": SCR_OPERATION},
                },
                "additionalProperties": False,
            },
        },
        "listaDeMensagensDeValidacao": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"codigo": STR, "mensagem": STR},
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}

OVERDRAFT: dict[str, Any] = {
    "type": "object",
    "required": ["contracted", "used", "available"],
    "properties": {"contracted": NUM, "used": NUM, "available": NUM},
    "additionalProperties": False,
}

#: ``overdraft`` is required but may be null (the institution does not share it); nulls are dropped before
#: validation, so it is not listed as required here and is checked as a key by the tests.
PREAUTHORIZATION_BALANCE: dict[str, Any] = {
    "type": "object",
    "required": ["balance"],
    "properties": {"balance": NUM, "overdraft": OVERDRAFT},
    "additionalProperties": False,
}
