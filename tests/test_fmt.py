"""Dutch number formats for people."""

from __future__ import annotations

from decimal import Decimal

import pytest

from omnicalc import fmt


@pytest.mark.parametrize(
    "value, decimals, text",
    [
        (1_234_567, 0, "€ 1.234.567"),
        (11, 2, "€ 11,00"),
        (1234.5, 0, "€ 1.235"),
        (2.675, 2, "€ 2,68"),
        (-5000, 0, "-€ 5.000"),
        (-2e-10, 0, "€ 0"),
        (float("nan"), 0, "–"),
    ],
)
def test_eur(value, decimals, text):
    assert fmt.eur(value, decimals) == text


def test_pct_and_num():
    assert fmt.pct(0.3) == "30,0%"
    assert fmt.pct(0.355, 0) == "36%"
    assert fmt.num(1_234_567.8) == "1.234.568"
    assert fmt.num(0.8565, 2) == "0,86"
    assert fmt.num(float("inf")) == "–"


@pytest.mark.parametrize("x", [1e28, 1e29, -3.3e200, 1.7e306])
def test_every_finite_amount_is_formatted(x):
    """The default decimal context (28 digits) refused 1e28 and up with decimal.InvalidOperation."""
    text = fmt.eur(x)
    digits = text.replace("€", "").replace(".", "").replace("-", "").strip()
    assert digits == f"{Decimal(repr(abs(x))):f}", text
    assert fmt.num(x).replace(".", "").lstrip("-") == digits
    assert fmt.pct(x / 100).replace(".", "").lstrip("-")[:3].isdigit() and fmt.pct(x).endswith("%")


def test_a_count_has_the_dutch_singular_and_plural():
    assert fmt.count(1, "rij", "rijen") == "1 rij"
    assert fmt.count(0, "rij", "rijen") == "0 rijen"
    assert fmt.count(2, "contact", "contacten") == "2 contacten"
    assert fmt.count(1234, "rij", "rijen") == "1.234 rijen"
