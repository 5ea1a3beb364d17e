"""NPV, IRR and payback against numpy-financial, plus the congruence npv(irr(cf)) = 0."""

from __future__ import annotations

import numpy as np
import numpy_financial as npf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from omnicalc import finance

CASES = [
    [-100, 39, 59, 55, 20],  # numpy-financial's own irr example: 28.095%
    [-400_000, -27_676, 23_696, 523_394, 860_354, 860_354],
    [-250_000, 60_000, 60_000, 60_000, 60_000, 60_000, 60_000],
    [-1_000, 100, 200, 300, 400, 500],
]


@pytest.mark.parametrize("cf", CASES)
@pytest.mark.parametrize("rate", [0.0, 0.0225, 0.035, 0.10])
def test_npv_equals_numpy_financial(cf, rate):
    assert finance.npv(rate, cf) == pytest.approx(npf.npv(rate, cf), rel=1e-12, abs=1e-9)


@pytest.mark.parametrize("cf", CASES)
def test_irr_equals_numpy_financial_and_zeroes_npv(cf):
    r = finance.irr(cf)
    assert r.rate == pytest.approx(npf.irr(cf), rel=1e-9)
    assert finance.npv(r.rate, cf) == pytest.approx(0.0, abs=1e-6 * max(abs(x) for x in cf))


def test_numpy_financial_documented_irr():
    assert round(finance.irr([-100, 39, 59, 55, 20]).rate, 5) == 0.28095


def test_irr_undefined_is_a_result():
    r = finance.irr([100, 50, 20])
    assert r.rate is None and "undefined" in r.reason and "niet te bepalen" in r.reason_nl
    assert finance.irr([0, 0, 0]).rate is None


def test_payback():
    # cumulative -200, -90, +130: paid back 90/220 into year 2 -> 1.409
    assert finance.payback_year([-200, 110, 220, 330]).year == pytest.approx(1 + 90 / 220)
    p = finance.payback_year([-500, 100, 100, 100])
    assert p.year is None and "no payback within the horizon of 3 years" in p.reason
    assert "geen terugverdientijd" in p.reason_nl
    assert finance.payback_year([0, 10]).nothing_to_pay_back  # no investment: nothing to pay back, not "0 jaar"


def test_roi():
    assert finance.roi([0, 300, 300], [200, 50, 50]) == pytest.approx((600 - 300) / 300)
    assert finance.roi([0, 300], [0, 0]) is None


flows = st.lists(st.floats(-1e7, 1e7), min_size=1, max_size=16)


@given(flows, flows, st.floats(-1e3, 1e3), st.floats(0.0, 0.2))
def test_npv_is_linear(x, y, a, rate):
    n = min(len(x), len(y))
    x, y = np.array(x[:n]), np.array(y[:n])
    lhs = finance.npv(rate, a * x + y)
    rhs = a * finance.npv(rate, x) + finance.npv(rate, y)
    assert lhs == pytest.approx(rhs, rel=1e-9, abs=1e-3)


def test_payback_counts_from_the_last_turn_to_non_negative():
    # cumulative 0, -50, -100 -> never repaid
    assert finance.payback_year([0, -50, -50]).year is None
    # cumulative -100, 20, -30, 70: repaid for good 30/100 into year 3 -> 2.3
    assert finance.payback_year([-100, 120, -50, 100]).year == pytest.approx(2.3)
