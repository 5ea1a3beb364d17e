"""Dutch (nl-NL) number formats for people: € 1.234.567, 30,0%, 1.234,5.

Used by the CLI, dashboards and reports; the core model never formats.
"""

from __future__ import annotations

import math
import re
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


def count(n: float, singular: str, plural: str) -> str:
    """A number of things in Dutch: ``count(1, "rij", "rijen")`` -> ``'1 rij'``, ``count(1234, "rij", "rijen")``
    -> ``'1.234 rijen'`` (and ``'0 rijen'``)."""
    return f"{num(n)} {singular if _half_up(n, 0) == 1 else plural}"


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


def parse_number(text: object, *, dutch: bool = False) -> float | None:
    """A number as people write it, in Dutch or plain notation; None for an empty text. Raises ValueError.

    The one reader of written numbers: KCC and registration files (cells) and the dashboards' number
    fields. A euro sign, spaces and a trailing ``%`` are ignored (the caller knows the unit); the
    minus sign may be ``-`` or ``−``. ``dutch=True`` (typed by a person on a Dutch screen) reads a
    comma only as the decimal sign, so ``0,125`` is 0.125, never 125.

    Parameters
    ----------
    text : object
        The text (a number is returned as float) [any unit].
    dutch : bool
        Only the Dutch notation (``1.234,5``); without it also ``1,234.5`` as exports write it.

    Returns
    -------
    float or None
        The number [the unit of the text]; None for an empty text or a lone ``-``.

    Examples
    --------
    >>> parse_number("1.234.567"), parse_number("1.234,5"), parse_number("299136"), parse_number("12,5")
    (1234567.0, 1234.5, 299136.0, 12.5)
    >>> parse_number("€ 400.000", dutch=True), parse_number("1.234,56", dutch=True), parse_number("0,125", dutch=True)
    (400000.0, 1234.56, 0.125)
    """
    if text is None:
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text)
    t = str(text).strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("€", "")
    t = t.replace("\u2212", "-")
    if dutch:
        t = t.removesuffix("%")
    if t in ("", "-"):
        return None
    if re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+(,\d+)?", t):  # 1.234.567 or 1.234,5
        return float(t.replace(".", "").replace(",", "."))
    if not dutch and re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?", t):  # 1,234,567 or 1,234.5
        return float(t.replace(",", ""))
    if re.fullmatch(r"[-+]?\d+,\d+", t):  # 12,5
        return float(t.replace(",", "."))
    if re.fullmatch(r"[-+]?\d+(\.\d+)?", t):  # 12.5 or 299136
        return float(t)
    raise ValueError(t)


__all__ = [
    "LOCALE",
    "count",
    "eur",
    "format_exact",
    "format_value",
    "num",
    "parse_number",
    "pct",
]
