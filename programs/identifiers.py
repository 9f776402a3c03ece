"""Russian organisation identifiers with their check digits: ИНН (10 digits for an
organisation, 12 for an individual entrepreneur) and ОГРН (13; ОГРНИП 15), as the Federal
Tax Service computes them. A mistyped digit is caught here instead of making a second
organisation."""

from django.core.exceptions import ValidationError

INN_10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
INN_11_WEIGHTS = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
INN_12_WEIGHTS = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def _digit(digits: str, weights: tuple) -> str:
    return str(sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 % 10)


def inn_with_check(body: str) -> str:
    """The ИНН whose first 9 (or 10) digits are ``body``: its check digit(s) appended."""
    if len(body) == 9:
        return body + _digit(body, INN_10_WEIGHTS)
    first = body + _digit(body, INN_11_WEIGHTS)
    return first + _digit(first, INN_12_WEIGHTS)


def ogrn_with_check(body: str) -> str:
    """The ОГРН (12 digits given) or ОГРНИП (14 given) with its check digit."""
    divisor = 11 if len(body) == 12 else 13
    return body + str(int(body) % divisor % 10)


def validate_inn(value: str) -> None:
    if not value.isdigit() or len(value) not in (10, 12):
        raise ValidationError("ИНН состоит из 10 или 12 цифр.", code="inn_format")
    if inn_with_check(value[:9] if len(value) == 10 else value[:10]) != value:
        raise ValidationError(
            "Контрольная цифра ИНН не сходится: проверьте, не опечатка ли в номере.",
            code="inn_check",
        )


def validate_ogrn(value: str) -> None:
    if not value.isdigit() or len(value) not in (13, 15):
        raise ValidationError("ОГРН состоит из 13 или 15 цифр.", code="ogrn_format")
    if ogrn_with_check(value[:-1]) != value:
        raise ValidationError(
            "Контрольная цифра ОГРН не сходится: проверьте, не опечатка ли в номере.",
            code="ogrn_check",
        )
