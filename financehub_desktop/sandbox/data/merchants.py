"""Merchants that show up on Brazilian statements: name, CNPJ, CNAE, Pluggy category and typical spend."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .documents import cnpj_from_root


@dataclass(frozen=True, slots=True)
class MerchantProfile:
    key: str
    name: str  # the trade name
    business_name: str  # razão social
    cnpj: str
    cnae: str
    category_id: str
    merchant_category: str  # free text like Pluggy's Merchant.category
    statement_text: str  # how the card statement spells it
    low: Decimal
    high: Decimal
    mcc: int


def _m(  # noqa: PLR0917 (a table row)
    key: str,
    name: str,
    business: str,
    root: str,
    cnae: str,
    category_id: str,
    mcat: str,
    text: str,
    low: str,
    high: str,
    mcc: int,
) -> MerchantProfile:
    return MerchantProfile(
        key, name, business, cnpj_from_root(root), cnae, category_id, mcat, text, Decimal(low), Decimal(high), mcc
    )


MERCHANTS: tuple[MerchantProfile, ...] = (
    _m(
        "ifood",
        "iFood",
        "IFOOD.COM AGENCIA DE RESTAURANTES ONLINE S.A.",
        "14380200",
        "7490104",
        "11020000",
        "Food delivery",
        "IFD*IFOOD",
        "24.90",
        "119.90",
        5812,
    ),
    _m(
        "uber",
        "Uber",
        "UBER DO BRASIL TECNOLOGIA LTDA.",
        "17895646",
        "7490104",
        "19010000",
        "Ride hailing",
        "UBER *TRIP",
        "9.80",
        "68.40",
        4121,
    ),
    _m(
        "99",
        "99",
        "99 TECNOLOGIA LTDA",
        "18033552",
        "6319400",
        "19010000",
        "Ride hailing",
        "99APP *99",
        "8.50",
        "52.30",
        4121,
    ),
    _m(
        "pao",
        "Pão de Açúcar",
        "COMPANHIA BRASILEIRA DE DISTRIBUICAO",
        "47508411",
        "4711301",
        "10000000",
        "Supermarket",
        "PAO DE ACUCAR 1234",
        "45.00",
        "480.00",
        5411,
    ),
    _m(
        "carrefour",
        "Carrefour",
        "CARREFOUR COMERCIO E INDUSTRIA LTDA",
        "45543915",
        "4711301",
        "10000000",
        "Supermarket",
        "CARREFOUR HIP SP",
        "38.00",
        "620.00",
        5411,
    ),
    _m(
        "assai",
        "Assaí Atacadista",
        "SENDAS DISTRIBUIDORA S.A.",
        "06057223",
        "4711302",
        "10000000",
        "Wholesale",
        "ASSAI ATACADISTA",
        "80.00",
        "720.00",
        5411,
    ),
    _m(
        "drogasil",
        "Drogasil",
        "RAIA DROGASIL S.A.",
        "61585865",
        "4771701",
        "18020000",
        "Pharmacy",
        "DROGASIL 2291",
        "12.90",
        "189.00",
        5912,
    ),
    _m(
        "shell",
        "Shell",
        "RAIZEN S.A.",
        "33453598",
        "4731800",
        "19050001",
        "Gas station",
        "POSTO SHELL AV PAULISTA",
        "90.00",
        "280.00",
        5541,
    ),
    _m(
        "netflix",
        "Netflix",
        "NETFLIX ENTRETENIMENTO BRASIL LTDA.",
        "13590585",
        "5911199",
        "09020000",
        "Streaming",
        "NETFLIX.COM",
        "44.90",
        "44.90",
        4899,
    ),
    _m(
        "spotify",
        "Spotify",
        "SPOTIFY BRASIL SERVICOS DE MUSICA LTDA.",
        "16895000",
        "5920100",
        "09030000",
        "Streaming",
        "SPOTIFY",
        "21.90",
        "21.90",
        5815,
    ),
    _m(
        "amazon",
        "Amazon",
        "AMAZON SERVICOS DE VAREJO DO BRASIL LTDA.",
        "15436940",
        "4713004",
        "08010000",
        "Online shopping",
        "AMAZON BR",
        "29.90",
        "899.00",
        5942,
    ),
    _m(
        "mercadolivre",
        "Mercado Livre",
        "EBAZAR.COM.BR. LTDA",
        "03007331",
        "4713004",
        "08010000",
        "Online shopping",
        "MERCADOLIVRE*LOJA",
        "35.00",
        "1299.00",
        5311,
    ),
    _m(
        "magalu",
        "Magazine Luiza",
        "MAGAZINE LUIZA S/A",
        "47960950",
        "4753900",
        "08020000",
        "Electronics",
        "MAGALU LOJA 0210",
        "199.00",
        "3899.00",
        5732,
    ),
    _m(
        "renner",
        "Renner",
        "LOJAS RENNER S.A.",
        "92754738",
        "4781400",
        "08040000",
        "Clothing",
        "LOJAS RENNER",
        "79.90",
        "459.90",
        5651,
    ),
    _m(
        "smartfit",
        "Smart Fit",
        "SMARTFIT ESCOLA DE GINASTICA E DANCA S.A.",
        "07594978",
        "9313100",
        "07030001",
        "Gym",
        "SMARTFIT MENSALIDADE",
        "119.90",
        "119.90",
        7997,
    ),
    _m(
        "outback",
        "Outback",
        "BLOOMIN BRANDS BRASIL LTDA",
        "17261661",
        "5611201",
        "11010000",
        "Restaurant",
        "OUTBACK SHOPPING",
        "98.00",
        "340.00",
        5812,
    ),
    _m(
        "latam",
        "LATAM",
        "TAM LINHAS AEREAS S.A.",
        "02012862",
        "5111100",
        "12010000",
        "Airline",
        "LATAM AIR WEB",
        "389.00",
        "2190.00",
        3005,
    ),
    _m(
        "sympla",
        "Sympla",
        "SYMPLA INTERNET SOLUCOES S.A.",
        "12347999",
        "8230001",
        "07040003",
        "Tickets",
        "SYMPLA *EVENTO",
        "60.00",
        "320.00",
        7922,
    ),
)
MERCHANTS_BY_KEY: dict[str, MerchantProfile] = {m.key: m for m in MERCHANTS}


@dataclass(frozen=True, slots=True)
class Biller:
    """A company paid by boleto or direct debit every month (utilities, telecom, rent, school)."""

    key: str
    name: str
    cnpj: str
    category_id: str
    low: Decimal
    high: Decimal
    day: int


BILLERS: tuple[Biller, ...] = (
    Biller(
        "enel",
        "ENEL DISTRIBUICAO SAO PAULO",
        cnpj_from_root("61695227"),
        "17020002",
        Decimal("98.00"),
        Decimal("310.00"),
        12,
    ),
    Biller("sabesp", "SABESP", cnpj_from_root("43776517"), "17020001", Decimal("62.00"), Decimal("180.00"), 15),
    Biller("comgas", "COMGAS", cnpj_from_root("61856571"), "17020003", Decimal("35.00"), Decimal("120.00"), 18),
    Biller(
        "vivo",
        "TELEFONICA BRASIL S.A. VIVO",
        cnpj_from_root("02558157"),
        "07010001",
        Decimal("119.99"),
        Decimal("119.99"),
        20,
    ),
    Biller("claro", "CLARO S.A.", cnpj_from_root("40432544"), "07010002", Decimal("54.99"), Decimal("54.99"), 22),
    Biller(
        "unimed",
        "UNIMED SEGUROS SAUDE S.A.",
        cnpj_from_root("04487255"),
        "20030000",
        Decimal("689.40"),
        Decimal("689.40"),
        8,
    ),
)

EMPLOYERS: tuple[tuple[str, str], ...] = (
    ("TECNOLOGIA AVANCADA DO BRASIL LTDA", cnpj_from_root("11222333")),
    ("COMERCIO PAULISTA DE ALIMENTOS S.A.", cnpj_from_root("22333444")),
)


def find_merchants(cnpjs: list[str]) -> dict[str, MerchantProfile]:
    by_cnpj = {m.cnpj: m for m in MERCHANTS}
    return {c: by_cnpj[c] for c in cnpjs if c in by_cnpj}
