"""Investment arithmetic: NPV, IRR, payback and ROI of a yearly cash-flow series.

Timing convention (the same as numpy-financial's ``npv``): ``cash_flows[0]`` falls at
t = 0 (today: the one-off investment) and is not discounted; ``cash_flows[t]`` falls at
the end of year t and is discounted by ``(1 + rate) ** t``.

"No payback within the horizon" and "IRR undefined" are results (``None`` with a reason
in words), not errors and never NaN.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq


def npv(rate: float, cash_flows: np.ndarray) -> float:
    """Net present value [EUR] of ``cash_flows`` (index = year, 0 = today) at ``rate`` [1/year].

    >>> round(npv(0.10, [-100, 60, 60]), 2)
    4.13

    Parameters
    ----------
    rate : float
        Discount rate [1/year].
    cash_flows : array
        Net cash flow per year [EUR], index 0 = t = 0.
    """
    cf = np.asarray(cash_flows, dtype=float)
    return float((cf / (1.0 + rate) ** np.arange(len(cf))).sum())


@dataclass(frozen=True)
class IRR:
    """The internal rate of return, or why there is none."""

    rate: float | None
    reason: str = ""
    reason_nl: str = ""

    @property
    def text_nl(self) -> str:
        """How a Dutch reader sees it: "7,3%" or why there is no IRR (the one place of this text)."""
        from .fmt import pct

        return pct(self.rate) if self.rate is not None else self.reason_nl


def irr(cash_flows: np.ndarray) -> IRR:
    """The rate at which :func:`npv` is zero, searched between -99% and +1,000,000% per year.

    Defined only when the cash flows change sign; with more than one sign change the
    root closest to zero is returned (and the reason says there may be others).

    >>> round(irr([-100, 60, 60]).rate, 4)
    0.1307

    Parameters
    ----------
    cash_flows : array
        Net cash flow per year [EUR], index 0 = t = 0.
    """
    cf = np.asarray(cash_flows, dtype=float)
    signs = np.sign(cf[cf != 0])
    changes = int((signs[1:] != signs[:-1]).sum()) if len(signs) else 0
    if changes == 0:
        return IRR(
            None,
            "IRR undefined: the cash flows do not change sign",
            "IRR niet te bepalen: de kasstromen wisselen niet van teken",
        )
    f = lambda r: npv(r, cf)
    # scan a grid for sign changes of the NPV, then refine each bracket
    grid = np.concatenate([np.linspace(-0.99, 1.0, 400), np.geomspace(1.0, 1e4, 200)[1:]])
    values = np.array([f(r) for r in grid])
    roots = [
        brentq(f, a, b, xtol=1e-14, rtol=1e-12)
        for a, b, fa, fb in zip(grid[:-1], grid[1:], values[:-1], values[1:])
        if fa == 0 or np.sign(fa) != np.sign(fb)
    ]
    if not roots:
        return IRR(
            None,
            "IRR undefined: the NPV has no zero between -99% and 1,000,000%",
            "IRR niet te bepalen: de netto contante waarde wordt nergens nul",
        )
    rate = min(roots, key=abs)
    note = "" if changes == 1 else "several sign changes: other rates may also give NPV 0"
    return IRR(float(rate), note, "" if changes == 1 else "meerdere tekenwisselingen: er kunnen meer IRR's zijn")


@dataclass(frozen=True)
class Payback:
    """When the cumulative cash flow turns non-negative, that it does not, or that there is nothing to
    pay back.

    Three states, one definition (:func:`payback_year` for one case, :func:`payback_years` for
    many draws): paid back (``year`` is a number), not within the horizon (``year`` None), and
    nothing to pay back (``nothing_to_pay_back``: the cumulative cash flow is never below zero, e.g. no
    investment and no costs) — that is not "0 jaar".
    """

    year: float | None
    reason: str = ""
    reason_nl: str = ""
    nothing_to_pay_back: bool = False

    @property
    def text_nl(self) -> str:
        """How a Dutch reader sees it: "3,2 jaar" or "geen terugverdientijd binnen de looptijd van 6 jaar"."""
        from .fmt import num

        return f"{num(self.year, 1)} jaar" if self.year is not None else self.reason_nl

    @classmethod
    def none_within(cls, horizon_years: int) -> Payback:
        """No payback within a looptijd of ``horizon_years`` years."""
        return cls(
            None,
            f"no payback within the horizon of {horizon_years} years",
            f"geen terugverdientijd binnen de looptijd van {horizon_years} jaar",
        )

    @classmethod
    def nothing(cls) -> Payback:
        """Nothing to pay back: the cumulative cash flow never falls below zero."""
        return cls(None, NOTHING_TO_PAY_BACK, NOTHING_TO_PAY_BACK_NL, True)


NOTHING_TO_PAY_BACK = "no investment: nothing to pay back"
NOTHING_TO_PAY_BACK_NL = "geen investering: niets terug te verdienen"


def nothing_to_pay_back(cash_flows: np.ndarray) -> np.ndarray:
    """Vectorised over the last axis: True where the cumulative cash flow is never below zero."""
    return np.asarray(~(np.cumsum(np.asarray(cash_flows, dtype=float), axis=-1) < 0).any(axis=-1))


def payback_years(cash_flows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised payback over the last axis: (year, paid_back); year is 0 where not paid back.

    ``paid_back`` is False both for "not within the horizon" and for "nothing to pay back"
    (:func:`nothing_to_pay_back` tells them apart): a draw without an investment is not a payback.
    """
    cf = np.asarray(cash_flows, dtype=float)
    cum = np.cumsum(cf, axis=-1)
    negative = cum < 0
    horizon = cf.shape[-1]
    last_negative = horizon - 1 - np.argmax(negative[..., ::-1], axis=-1)  # valid where any negative
    any_negative = negative.any(axis=-1)
    t = np.where(any_negative, last_negative + 1, 0)
    paid = (t < horizon) & any_negative
    tt = np.minimum(t, horizon - 1)
    prev = np.take_along_axis(cum, np.maximum(tt - 1, 0)[..., None], axis=-1)[..., 0]
    flow = np.take_along_axis(cf, tt[..., None], axis=-1)[..., 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        year = np.where(paid, tt - 1 + (-prev) / np.where(flow > 0, flow, 1.0), 0.0)
    return year, paid


def payback_year(cash_flows: np.ndarray) -> Payback:
    """The (fractional) year from which the cumulative cash flow stays at or above zero.

    Within the year the flow is spread evenly, so a year-2 flow that repays the last
    quarter of the investment gives 1.25. A cumulative that dips below zero again later
    (e.g. a replacement investment) counts from the last time it turns non-negative. A
    cumulative that is never below zero has nothing to pay back (:meth:`Payback.nothing`).

    >>> round(payback_year([-100, 60, 60]).year, 4)
    1.6667
    >>> payback_year([0, 0, 0]).text_nl
    'geen investering: niets terug te verdienen'

    Parameters
    ----------
    cash_flows : array
        Net cash flow per year [EUR], index 0 = t = 0.
    """
    cf = np.asarray(cash_flows, dtype=float)
    if nothing_to_pay_back(cf):
        return Payback.nothing()
    year, paid = payback_years(cf)
    if not paid:
        return Payback.none_within(len(cf) - 1)
    return Payback(float(year))


def payback_sentence_nl(
    payback: Payback, horizon_years: int, probability: float | None = None, nothing_share: float = 0.0
) -> str:
    """The one Dutch sentence on payback, for the KPI card, the CLI and the reports alike.

    ``payback`` is the deterministic case (the *basisraming*); ``probability`` the share of the
    simulation's draws that pay back within the horizon, among those with something to pay back
    (None: no simulation, or no draw has anything to pay back); ``nothing_share`` the share of draws
    with nothing to pay back (said when not 0).

    >>> payback_sentence_nl(Payback.none_within(6), 6, 0.69)
    'Niet binnen de looptijd van 6 jaar in de basisraming; in 69% van de simulaties wel.'
    >>> payback_sentence_nl(Payback(3.0), 6, 0.95)
    'Terugverdiend na 3,0 jaar in de basisraming; in 95% van de simulaties binnen de looptijd van 6 jaar.'
    >>> payback_sentence_nl(Payback.nothing(), 6, None)
    'Geen investering: niets terug te verdienen.'
    """
    from .fmt import num, pct

    if payback.nothing_to_pay_back:
        base = "Geen investering: niets terug te verdienen"
    elif payback.year is not None:
        base = f"Terugverdiend na {num(payback.year, 1)} jaar"
    else:
        base = f"Niet binnen de looptijd van {horizon_years} jaar"
    if probability is None:
        if payback.year is None and not payback.nothing_to_pay_back:
            return f"Niet terugverdiend binnen de looptijd van {horizon_years} jaar."
        return base + "."
    among = "van de simulaties" if nothing_share <= 0 else "van de simulaties met iets terug te verdienen"
    if payback.year is None and not payback.nothing_to_pay_back:
        tail = f"in {pct(probability, 0)} {among} wel"
    else:
        tail = f"in {pct(probability, 0)} {among} binnen de looptijd van {horizon_years} jaar"
    return f"{base} in de basisraming; {tail}."


def roi(benefits_eur: np.ndarray, costs_eur: np.ndarray) -> float | None:
    """Return on investment over the horizon, undiscounted: (benefits - costs) / costs [-].

    ``None`` when there are no costs (a ratio to zero means nothing).


    Parameters
    ----------
    benefits_eur : array
        Savings per year [EUR].
    costs_eur : array
        Investment and recurring costs per year [EUR].

    Examples
    --------
    >>> roi([0, 300, 300], [200, 50, 50])   # (600 - 300) / 300
    1.0
    """
    costs = float(np.sum(costs_eur))
    if costs <= 0:
        return None
    return (float(np.sum(benefits_eur)) - costs) / costs


__all__ = [
    "IRR",
    "Payback",
    "NOTHING_TO_PAY_BACK_NL",
    "irr",
    "nothing_to_pay_back",
    "npv",
    "payback_sentence_nl",
    "payback_year",
    "payback_years",
    "roi",
]
