"""Bacen's SCR credit report (``GET /items/{id}/scr``), with its raw Portuguese field names (pluggy-api.md §14)."""

from __future__ import annotations

from pydantic import Field

from .base import Amount, WireModel


class ScrAdditionalInfo(WireModel):
    tp: str | None = None
    cd: str | None = None
    qtd: Amount | None = None


class ScrGuarantee(WireModel):
    tp: str | None = None
    qtd: Amount | None = None


class ScrMaturityBalances(WireModel):
    """Balances by maturity bucket (``v20`` .. ``v320``); any bucket Pluggy adds is kept as an extra field."""

    v20: Amount | None = None
    v40: Amount | None = None
    v60: Amount | None = None
    v80: Amount | None = None
    v110: Amount | None = None
    v120: Amount | None = None
    v130: Amount | None = None
    v140: Amount | None = None
    v150: Amount | None = None
    v160: Amount | None = None
    v165: Amount | None = None
    v170: Amount | None = None
    v175: Amount | None = None
    v180: Amount | None = None
    v190: Amount | None = None
    v199: Amount | None = None
    v205: Amount | None = None
    v210: Amount | None = None
    v220: Amount | None = None
    v230: Amount | None = None
    v240: Amount | None = None
    v245: Amount | None = None
    v250: Amount | None = None
    v255: Amount | None = None
    v260: Amount | None = None
    v270: Amount | None = None
    v280: Amount | None = None
    v290: Amount | None = None
    v310: Amount | None = None
    v320: Amount | None = None


class ScrOperation(WireModel):
    mod: str | None = None
    ori_rec: str | None = None
    indx: str | None = None
    var_camb: str | None = None
    sub_j_disc: str | None = Field(default=None, alias="subJDisc")
    res_venc: ScrMaturityBalances | None = None
    ls_gar: list[ScrGuarantee] | None = None
    ls_inf_ad: list[ScrAdditionalInfo] | None = None


class ScrDatabase(WireModel):
    dtb: Amount | None = None
    msg: str | None = None
    doc_proc: str | None = None
    vol_proc: str | None = None
    qtd_ifs: Amount | None = None
    qtd_cong_finc: Amount | None = None
    dtb_ini_rel: str | None = None
    coob_ass: Amount | None = None
    coob_rec: Amount | None = None
    ls_op: list[ScrOperation] | None = None


class ScrValidationMessage(WireModel):
    codigo: str | None = None
    mensagem: str | None = None


class ScrResponse(WireModel):
    dtb_consult: str | None = None
    cd_cli: str | None = Field(default=None, repr=False)
    tp_cli: int | None = None
    ls_dtb: list[ScrDatabase] | None = None
    lista_de_mensagens_de_validacao: list[ScrValidationMessage] | None = None
