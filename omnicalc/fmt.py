"""Dutch (nl-NL) number formats for people: € 1.234.567, 30,0%, 1.234,5.

Used by the CLI, dashboards and reports; the core model never formats.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from typing import TYPE_CHECKING

from babel.numbers import format_currency, format_decimal, format_percent

if TYPE_CHECKING:  # pragma: no cover
    from .params import ParamSpec

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


def format_value(spec: ParamSpec, value: float) -> str:
    """A declared input as its slider label shows it: 30%, € 250.000, 314 (the step sets the decimals)."""
    if spec.percent:
        return pct(value, 2 if spec.step < 0.01 else 0)
    if spec.unit.startswith("EUR"):
        return eur(value, 2 if spec.step < 1 else 0)
    return num(value, 2 if spec.step < 1 else 0)


def format_exact(spec: ParamSpec, value: float) -> str:
    """As :func:`format_value`, with more decimals for a value off the slider's step grid (33,3% for 0.333),
    so a value from a file is shown as it is, not as the slider would round it."""
    shown = format_value(spec, value)
    if spec.step <= 0 or abs(value / spec.step - round(value / spec.step)) < 1e-9:
        return shown
    scale = 100.0 if spec.percent else 1.0
    base = (2 if spec.step < 0.01 else 0) if spec.percent else (2 if spec.step < 1 else 0)
    for decimals in range(base, base + 5):
        if abs(round(value * scale, decimals) - value * scale) < 1e-9:
            break
    if spec.percent:
        return pct(value, decimals)
    return eur(value, decimals) if spec.unit.startswith("EUR") else num(value, decimals)


__all__ = [
    "LOCALE",
    "eur",
    "format_exact",
    "format_value",
    "num",
    "pct",
]
