"""Valid-looking Brazilian documents (CPF, CNPJ with correct check digits), names and PIX keys."""

from __future__ import annotations

import random

FIRST_NAMES = (
    "Ana",
    "Bruno",
    "Camila",
    "Daniel",
    "Eduarda",
    "Felipe",
    "Gabriela",
    "Henrique",
    "Isabela",
    "João",
    "Larissa",
    "Lucas",
    "Mariana",
    "Matheus",
    "Natália",
    "Pedro",
    "Rafaela",
    "Rodrigo",
    "Sofia",
    "Thiago",
)
LAST_NAMES = (
    "Silva",
    "Santos",
    "Oliveira",
    "Souza",
    "Rodrigues",
    "Ferreira",
    "Alves",
    "Pereira",
    "Lima",
    "Gomes",
    "Costa",
    "Ribeiro",
    "Martins",
    "Carvalho",
    "Almeida",
    "Lopes",
    "Soares",
    "Fernandes",
    "Vieira",
    "Barbosa",
)


def _cpf_digit(digits: list[int]) -> int:
    weight = len(digits) + 1
    total = sum(d * (weight - i) for i, d in enumerate(digits))
    rest = total % 11
    return 0 if rest < 2 else 11 - rest


def cpf(rng: random.Random) -> str:
    """Eleven digits with valid check digits, unformatted (how Pluggy sends ``documentNumber.value``)."""
    base = [rng.randint(0, 9) for _ in range(9)]
    while len(set(base)) == 1:
        base = [rng.randint(0, 9) for _ in range(9)]
    base.append(_cpf_digit(base))
    base.append(_cpf_digit(base))
    return "".join(map(str, base))


def is_valid_cpf(value: str) -> bool:
    digits = [int(c) for c in value if c.isdigit()]
    if len(digits) != 11 or len(set(digits)) == 1:
        return False
    return _cpf_digit(digits[:9]) == digits[9] and _cpf_digit(digits[:10]) == digits[10]


def _cnpj_digit(digits: list[int]) -> int:
    weights = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2][-len(digits) :]
    rest = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
    return 0 if rest < 2 else 11 - rest


def cnpj_from_root(root: str) -> str:
    """A CNPJ (head office ``0001``) from an 8-digit root, with its two check digits."""
    digits = [int(c) for c in root[:8].rjust(8, "0")] + [0, 0, 0, 1]
    digits.append(_cnpj_digit(digits))
    digits.append(_cnpj_digit(digits))
    return "".join(map(str, digits))


def is_valid_cnpj(value: str) -> bool:
    digits = [int(c) for c in value if c.isdigit()]
    if len(digits) != 14 or len(set(digits)) == 1:
        return False
    return _cnpj_digit(digits[:12]) == digits[12] and _cnpj_digit(digits[:13]) == digits[13]


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {rng.choice(LAST_NAMES)}"


def pix_key(rng: random.Random, name: str, document: str) -> str:
    """A PIX key of one of the four kinds people use: CPF, e-mail, phone or random (EVP)."""
    kind = rng.randrange(4)
    if kind == 0:
        return document
    if kind == 1:
        first, last = name.lower().split()[0], name.lower().split()[-1]
        ascii_first = first.encode("ascii", "ignore").decode() or "pix"
        return f"{ascii_first}.{last.encode('ascii', 'ignore').decode()}@gmail.com"
    if kind == 2:
        return f"+55119{rng.randint(10000000, 99999999)}"
    hexdigits = f"{rng.getrandbits(128):032x}"
    return f"{hexdigits[:8]}-{hexdigits[8:12]}-4{hexdigits[13:16]}-a{hexdigits[17:20]}-{hexdigits[20:32]}"
