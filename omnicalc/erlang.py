"""Erlang C staffing, vectorised over any array of intervals.

For each interval: offered load A = calls x handling time / interval length [Erlang];
the smallest number of agents N > A such that the service level
``1 - C(N, A) * exp(-(N - A) * answer_time / handling_time)`` reaches the target and
the occupancy A / N stays at or below the maximum. ``C`` is the Erlang C probability of
waiting, ``C = N B / (N - A (1 - B))`` with Erlang B from the Poisson distribution at the
first stable agent count and the recursion ``B(n) = A B(n-1) / (n + A B(n-1))`` above
it, which is numerically stable for large N.

``agents_fractional`` interpolates the service level linearly between n - 1 and n agents:
the part of an agent an interval needs beyond n - 1 (never below the occupancy bound A /
max occupancy). It moves continuously with the load, where the whole count jumps; in a
blended team the fraction is time an agent spends on the queue between backlog work.

Chat: with ``concurrency`` chats per agent the handling time per agent is handling time /
concurrency (an approximation kept for the single-queue API); the workforce model uses chat
*slots* instead (:mod:`omnicalc.workforce`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.special import gammaln, pdtr


@dataclass(frozen=True, eq=False)
class Staffing:
    """Agents needed per interval and the performance they give (arrays of the input's shape)."""

    load_erlang: np.ndarray
    agents: np.ndarray
    agents_fractional: np.ndarray
    probability_of_waiting: np.ndarray
    service_level: np.ndarray
    occupancy: np.ndarray
    average_speed_of_answer_seconds: np.ndarray


def required_agents(
    calls_per_interval: ArrayLike,
    handling_time_seconds: ArrayLike,
    interval_seconds: float,
    *,
    service_level_target_share: float,
    answer_time_seconds: float,
    max_occupancy_share: float = 1.0,
    concurrency: ArrayLike = 1.0,
    max_agents: int = 100_000,
) -> Staffing:
    """Smallest agent count per interval meeting the service level and occupancy targets.

    Parameters
    ----------
    calls_per_interval : array
        Offered contacts per interval [contacts].
    handling_time_seconds : float
        Average handling time [s].
    interval_seconds : float
        Interval length [s], e.g. 1800.
    service_level_target_share : float
        Share answered within ``answer_time_seconds`` [-], e.g. 0.8.
    answer_time_seconds : float
        The service-level time [s], e.g. 25 (VNG norm).
    max_occupancy_share : float
        Highest allowed A / N [-].
    concurrency : float
        Contacts one agent handles at once [contacts/agent] (chat: 3-4).
    max_agents : int
        Give up above this many agents in one interval [agents].

    Examples
    --------
    Call Centre Helper's example (REFERENCE.md): 100 calls per 30 min, 180 s, 80% in 20 s.

    >>> s = required_agents(100, 180, 1800, service_level_target_share=0.8, answer_time_seconds=20,
    ...                     max_occupancy_share=0.85)
    >>> int(s.agents), round(float(s.service_level), 4)
    (14, 0.8884)
    """
    calls = np.asarray(calls_per_interval, dtype=float)
    aht = np.asarray(handling_time_seconds, dtype=float) / np.asarray(concurrency, dtype=float)
    a = calls * (aht / interval_seconds)
    active = a > 0
    la = np.where(active, a, 1.0)
    # start at the smallest count that is stable (N > A) and within the occupancy cap
    n = np.maximum(np.floor(la) + 1, np.ceil(la / max_occupancy_share - 1e-12))
    # Erlang B there: B(n, A) = Poisson pmf(n; A) / Poisson cdf(n; A)
    b = np.exp(n * np.log(la) - la - gammaln(n + 1)) / pdtr(n, la)
    decay = -answer_time_seconds / aht
    target = service_level_target_share - 1e-12
    for _ in range(max_agents):
        c = n * b / (n - la + la * b)
        sl = 1 - c * np.exp((n - la) * decay)
        short = sl < target
        if not short.any():
            break
        n += short
        b = np.where(short, la * b / (n + la * b), b)
    else:
        raise ValueError(f"more than {max_agents} agents needed in one interval; check the volumes")
    agents = np.where(active, n, 0).astype(np.int64)
    # one agent fewer: Erlang B back one step, B(n-1) = n B(n) / (A (1 - B(n))); unstable (n - 1 <= A) -> SL 0
    m = n - 1
    b_m = np.minimum(n * b / (la * (1 - b)), 1.0)
    stable = m > la
    c_m = np.where(stable, m * b_m / np.where(stable, m - la + la * b_m, 1.0), 1.0)
    sl_m = np.where(stable, np.clip(1 - c_m * np.exp((m - la) * decay), 0.0, 1.0), 0.0)
    frac = np.clip((service_level_target_share - sl_m) / np.maximum(sl - sl_m, 1e-12), 0.0, 1.0)
    fractional = np.where(active, np.maximum(m + frac, la / max_occupancy_share), 0.0)
    c = np.where(active, c, 0.0)
    sl = np.where(active, sl, 1.0)
    occupancy = np.where(active, a / n, 0.0)
    asa = np.where(active, c * aht / (n - la), 0.0)
    return Staffing(a, agents, np.minimum(fractional, agents), c, sl, occupancy, asa)


__all__ = [
    "Staffing",
    "required_agents",
]
