"""Dutch (nl-NL) number formats for people: € 1.234.567, 30,0%, 1.234,5.

Used by the CLI, dashboards and reports; the core model never formats.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext

from babel.numbers import format_currency, format_decimal, format_percent

LOCALE = "nl_NL"
#: Enough digits for any float (up to 1.8e308): the default context's 28 refuses 1e28 and up.
_WIDE = Context(prec=400)


def _half_up(value: float, decimals: int) -> float:
    """Round half away from zero, as people and Excel expect (1.234,5 -> 1.235); no "-0"."""
    rounded = float(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))
    return rounded + 0.0


def eur(amount: float, decimals: int = 0) -> str:
    """``eur(1234567)`` -> ``'€ 1.234.567'``; ``eur(11, 2)`` -> ``'€ 11,00'``."""
    if not math.isfinite(amount):
        return "–"
    pattern = "¤ #,##0" + ("." + "0" * decimals if decimals else "")
    with localcontext(_WIDE):
        return format_currency(_half_up(amount, decimals), "EUR", format=pattern, locale=LOCALE, currency_digits=False)


def pct(share: float, decimals: int = 1) -> str:
    """A fraction as Dutch percent: ``pct(0.3)`` -> ``'30,0%'``."""
    if not math.isfinite(share * 100):
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    with localcontext(_WIDE):
        return format_percent(_half_up(share * 100, decimals) / 100, format=pattern, locale=LOCALE)


def num(value: float, decimals: int = 0) -> str:
    """``num(1234567.8)`` -> ``'1.234.568'``; ``num(0.8565, 2)`` -> ``'0,86'``."""
    if not math.isfinite(value):
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    with localcontext(_WIDE):
        return format_decimal(_half_up(value, decimals), format=pattern, locale=LOCALE)


__all__ = [
    "LOCALE",
    "eur",
    "num",
    "pct",
]
