"""Pluggy's category tree: 8-digit ids, English ``description`` and pt-BR ``descriptionTranslated``."""

from __future__ import annotations

from typing import Any

# (id, description, descriptionTranslated)
_TREE: tuple[tuple[str, str, str], ...] = (
    ("01000000", "Income", "Renda"),
    ("01010000", "Salary", "Salário"),
    ("01020000", "Retirement", "Aposentadoria"),
    ("01030000", "Entrepreneurial activities", "Atividades empresariais"),
    ("01040000", "Government aid", "Auxílio governamental"),
    ("01050000", "Non-recurring income", "Renda não recorrente"),
    ("02000000", "Loans and financing", "Empréstimos e financiamentos"),
    ("02010000", "Late payment and overdraft costs", "Atraso e custos de cheque especial"),
    ("02020000", "Interests charged", "Juros cobrados"),
    ("02030000", "Financing", "Financiamento"),
    ("02030001", "Real estate financing", "Financiamento imobiliário"),
    ("02030002", "Vehicle financing", "Financiamento de veículos"),
    ("02030003", "Student loan", "Crédito estudantil"),
    ("02040000", "Loans", "Empréstimos"),
    ("03000000", "Investments", "Investimentos"),
    ("03010000", "Automatic investment", "Investimento automático"),
    ("03020000", "Fixed income", "Renda fixa"),
    ("03030000", "Mutual funds", "Fundos multimercado"),
    ("03040000", "Variable income", "Renda variável"),
    ("03050000", "Margin", "Margem"),
    ("03060000", "Proceeds interests and dividends", "Juros e dividendos"),
    ("03070000", "Pension", "Previdência"),
    ("04000000", "Same person transfer", "Transferência mesma titularidade"),
    ("04010000", "Same person transfer - Cash", "Transferência mesma titularidade - Dinheiro"),
    ("04020000", "Same person transfer - PIX", "Transferência mesma titularidade - PIX"),
    ("04030000", "Same person transfer - TED", "Transferência mesma titularidade - TED"),
    ("05000000", "Transfers", "Transferências"),
    ("05010000", "Transfer - Bank slip", "Transferência - Boleto bancário"),
    ("05020000", "Transfer - Cash", "Transferência - Dinheiro"),
    ("05030000", "Transfer - Check", "Transferência - Cheque"),
    ("05040000", "Transfer - DOC", "Transferência - DOC"),
    ("05050000", "Transfer - Foreign exchange", "Transferência - Câmbio"),
    ("05060000", "Transfer - Internal", "Transferência - Interna"),
    ("05070000", "Transfer - PIX", "Transferência - PIX"),
    ("05080000", "Transfer - TED", "Transferência - TED"),
    ("05090000", "Third party transfers", "Transferências para terceiros"),
    ("05100000", "Credit card payment", "Pagamento de cartão de crédito"),
    ("06000000", "Legal obligations", "Obrigações legais"),
    ("06010000", "Blocked balances", "Saldo bloqueado"),
    ("06020000", "Alimony", "Pensão alimentícia"),
    ("07000000", "Services", "Serviços"),
    ("07010000", "Telecommunications", "Telecomunicações"),
    ("07010001", "Internet", "Internet"),
    ("07010002", "Mobile", "Celular"),
    ("07010003", "TV", "TV"),
    ("07020000", "Education", "Educação"),
    ("07020001", "Online courses", "Cursos online"),
    ("07020002", "University", "Faculdade"),
    ("07020003", "School", "Escola"),
    ("07030000", "Wellness and fitness", "Bem-estar e fitness"),
    ("07030001", "Gyms and fitness centers", "Academias e centros de ginástica"),
    ("07040000", "Tickets", "Ingressos"),
    ("07040003", "Cinema, theater and concerts", "Cinema, teatro e shows"),
    ("08000000", "Shopping", "Compras"),
    ("08010000", "Online shopping", "Compras online"),
    ("08020000", "Electronics", "Eletrônicos"),
    ("08030000", "Pet supplies and vet", "Pet shop e veterinário"),
    ("08040000", "Clothing", "Vestuário"),
    ("08050000", "Kids and toys", "Crianças e brinquedos"),
    ("08060000", "Bookstore", "Livraria"),
    ("08090000", "Cashback", "Cashback"),
    ("09000000", "Digital services", "Serviços digitais"),
    ("09010000", "Gaming", "Jogos"),
    ("09020000", "Video streaming", "Streaming de vídeo"),
    ("09030000", "Music streaming", "Streaming de música"),
    ("10000000", "Groceries", "Supermercado"),
    ("11000000", "Food and drinks", "Alimentação"),
    ("11010000", "Eating out", "Restaurantes, bares e lanchonetes"),
    ("11020000", "Food delivery", "Delivery de alimentos"),
    ("12000000", "Travel", "Viagens"),
    ("12010000", "Airport and airlines", "Aeroportos e companhias aéreas"),
    ("12020000", "Accomodation", "Hospedagem"),
    ("12030000", "Mileage programs", "Programas de milhagem"),
    ("12040000", "Bus tickets", "Passagem de ônibus"),
    ("13000000", "Donations", "Doações"),
    ("14000000", "Gambling", "Apostas"),
    ("14010000", "Lottery", "Loteria"),
    ("14020000", "Online bet", "Apostas online"),
    ("15000000", "Taxes", "Impostos"),
    ("15010000", "Income taxes", "Imposto de renda"),
    ("15020000", "Tax on financial operations", "Imposto sobre operações financeiras"),
    ("15030000", "Real estate taxes", "Impostos sobre imóveis"),
    ("15040000", "Vehicle taxes", "Impostos sobre veículos"),
    ("16000000", "Bank fees", "Taxas bancárias"),
    ("16010000", "Account fees", "Tarifas de conta"),
    ("16020000", "Wire transfer fees and ATM fees", "Tarifas de transferência e saque"),
    ("16030000", "Credit card fees", "Tarifas de cartão de crédito"),
    ("17000000", "Housing", "Moradia"),
    ("17010000", "Rent", "Aluguel"),
    ("17020000", "Utilities", "Contas de consumo"),
    ("17020001", "Water", "Água"),
    ("17020002", "Electricity", "Energia elétrica"),
    ("17020003", "Gas", "Gás"),
    ("17030000", "Houseware", "Utilidades domésticas"),
    ("17040000", "Urban land and building tax", "IPTU"),
    ("18000000", "Healthcare", "Saúde"),
    ("18010000", "Dentist", "Dentista"),
    ("18020000", "Pharmacy", "Farmácia"),
    ("18030000", "Optometry", "Ótica"),
    ("18040000", "Hospital clinics and labs", "Hospitais, clínicas e laboratórios"),
    ("19000000", "Transportation", "Transporte"),
    ("19010000", "Taxi and ride-hailing", "Táxi e transporte privado urbano"),
    ("19020000", "Public transportation", "Transporte público"),
    ("19030000", "Car rental", "Aluguel de veículos"),
    ("19040000", "Bicycle", "Bicicleta"),
    ("19050000", "Automotive", "Automotivo"),
    ("19050001", "Gas stations", "Postos de gasolina"),
    ("19050002", "Parking", "Estacionamentos"),
    ("19050003", "Tolls and in vehicle payment", "Pedágios e pagamentos no veículo"),
    ("19050005", "Vehicle maintenance", "Manutenção de veículos"),
    ("20000000", "Insurance", "Seguros"),
    ("20010000", "Life insurance", "Seguro de vida"),
    ("20020000", "Home insurance", "Seguro residencial"),
    ("20030000", "Health insurance", "Plano de saúde"),
    ("20040000", "Vehicle insurance", "Seguro de veículo"),
    ("21000000", "Leisure", "Lazer"),
    ("99999999", "Other", "Outros"),
)


def _parent_of(category_id: str) -> str | None:
    if category_id.endswith("000000"):
        return None
    if category_id.endswith("0000") or category_id[4:6] == "00":
        return category_id[:2] + "000000"
    return category_id[:4] + "0000"


def _build() -> dict[str, dict[str, Any]]:
    by_id = {cid: (desc, pt) for cid, desc, pt in _TREE}
    result: dict[str, dict[str, Any]] = {}
    for cid, desc, pt in _TREE:
        parent = _parent_of(cid)
        if parent is not None and parent not in by_id:
            top = cid[:2] + "000000"
            parent = top if top in by_id and top != cid else None
        result[cid] = {
            "id": cid,
            "description": desc,
            "descriptionTranslated": pt,
            "parentId": parent,
            "parentDescription": by_id[parent][0] if parent else None,
        }
    return result


CATEGORIES: dict[str, dict[str, Any]] = _build()


def category_name(category_id: str) -> str:
    """The English description Pluggy puts in ``Transaction.category``."""
    return str(CATEGORIES[category_id]["description"])
