"""Erlang C staffing, vectorised over any array of intervals.

For each interval: offered load A = calls x handling time / interval length [Erlang];
the smallest number of agents N > A such that the service level
``1 - C(N, A) * exp(-(N - A) * answer_time / handling_time)`` reaches the target and
the occupancy A / N stays at or below the maximum. ``C`` is the Erlang C probability of
waiting, ``C = N B / (N - A (1 - B))`` with Erlang B from the Poisson distribution at the
first stable agent count and the recursion ``B(n) = A B(n-1) / (n + A B(n-1))`` above
it, which is numerically stable for large N.

Chat: with ``concurrency`` chats per agent the handling time per agent is
handling time / concurrency (the usual approximation).

Erlang A (M/M/n+M: Poisson arrivals, exponential handling, exponential patience, so
callers abandon): :func:`erlang_a` gives the performance of a given agent count and
:func:`required_agents_a` the smallest count meeting the targets. Method (exact up to a
truncation whose neglected probability mass is below 1e-13): the birth-death chain on
the number in the system, birth rate lambda, death rate ``min(i, n) mu + max(i - n, 0) theta``
(mu = 1 / handling time, theta = 1 / mean patience). Below n its stationary distribution
is the truncated Poisson one, summed exactly through the regularised incomplete gamma
function; above n the queue states are summed term by term until the tail is negligible.
An arrival who finds ``n + k`` in the system waits at queue position ``k + 1``; its wait
until an agent takes it (ignoring its own patience) is a sum of exponentials with rates
``n mu + j theta``, j = 0..k, and it is answered within t when that wait is at most t and
at most its own patience, which gives in closed form

    P(answered within t | position m) = n mu / (n mu + m theta) * I(1 - exp(-theta t); m, n mu / theta + 1)

with I the regularised incomplete beta function, summed as a negative binomial
distribution (t -> infinity: n mu / (n mu + m theta);
theta -> 0: the Erlang C ``gammainc(m, n mu t)``).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import fields as fields_of

import numpy as np
from numpy.typing import ArrayLike
from scipy.special import gammainc, gammaincc, gammaln, pdtr

from .errors import InputError


@dataclass(frozen=True, eq=False)
class Staffing:
    """Agents needed per interval and the performance they give (arrays of the input's shape)."""

    load_erlang: np.ndarray
    agents: np.ndarray
    #: Agents as a real number [agents]: the service level interpolated linearly between
    #: ``agents - 1`` and ``agents`` to where it meets the target, at least the occupancy
    #: floor (load / max occupancy; Erlang A: carried load / max occupancy). Between
    #: ``agents - 1`` and ``agents``; 0 where there are no contacts.
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
    calls, aht = np.broadcast_arrays(calls, aht)
    shape, calls, aht = calls.shape, calls.ravel(), aht.ravel()
    out = np.empty((7, calls.size))
    norm = (interval_seconds, service_level_target_share, answer_time_seconds, max_occupancy_share, max_agents)
    for start in range(0, calls.size, _BLOCK):  # blocks that stay in the CPU's cache: ~3x faster than at once
        block = slice(start, start + _BLOCK)
        out[:, block] = _erlang_c_block(calls[block], aht[block], *norm)
    fields = (f.reshape(shape) for f in out)
    load, agents, *rest = fields
    return Staffing(load, agents.astype(np.int64), *rest)


#: Intervals per block in :func:`required_agents`.
_BLOCK = 16_384


def _erlang_c_block(
    calls: np.ndarray,
    aht: np.ndarray,
    interval_seconds: float,
    service_level_target_share: float,
    answer_time_seconds: float,
    max_occupancy_share: float,
    max_agents: int,
) -> tuple[np.ndarray, ...]:
    """:func:`required_agents` on 1-d arrays: load, agents, fractional agents, P(wait), SL, occupancy, ASA."""
    a = calls * (aht / interval_seconds)
    active = a > 0
    everywhere = bool(active.all())
    la = a if everywhere else np.where(active, a, 1.0)
    # start at the smallest count that is stable (N > A) and within the occupancy cap
    n = np.maximum(np.floor(la) + 1, np.ceil(la / max_occupancy_share - 1e-12))
    b = _erlang_b(n, la)
    decay = -answer_time_seconds / aht
    target = service_level_target_share - 1e-12
    # each pass only over the intervals still short of the target
    c, sl = np.empty(n.size), np.empty(n.size)
    idx = np.arange(n.size)
    n_i, b_i, la_i, decay_i = n, b, la, decay
    for _ in range(max_agents):
        c_i = n_i * b_i / (n_i - la_i + la_i * b_i)
        sl_i = 1 - c_i * np.exp((n_i - la_i) * decay_i)
        c[idx], sl[idx] = c_i, sl_i
        short = np.flatnonzero(sl_i < target)
        if not short.size:
            break
        idx, la_i, decay_i = idx[short], la_i[short], decay_i[short]
        n_i = n[idx] + 1
        b_i = la_i * b[idx] / (n_i + la_i * b[idx])
        n[idx], b[idx] = n_i, b_i
    else:
        raise ValueError(f"more than {max_agents} agents needed in one interval; check the volumes")
    occupancy = a / n
    asa = c * aht / (n - la)
    # service level one agent fewer (0 when that queue is not stable): B(n-1) = n B(n) / (A (1 - B(n)))
    m = n - 1
    b_prev = n * b / (la * (1 - b))
    c_prev = m * b_prev / np.maximum(m - la + la * b_prev, 1e-300)
    sl_prev = np.where(m > la, 1 - c_prev * np.exp((m - la) * decay), 0.0)
    fractional = _interpolate_agents(n, sl_prev, sl, service_level_target_share, la / max_occupancy_share)
    if everywhere:
        return a, n, fractional, c, sl, occupancy, asa
    return (
        a,
        np.where(active, n, 0),
        np.where(active, fractional, 0.0),
        np.where(active, c, 0.0),
        np.where(active, sl, 1.0),
        np.where(active, occupancy, 0.0),
        np.where(active, asa, 0.0),
    )


#: Erlang B at up to this many agents comes from the recursion (relative error below ~1e-14), above it
#: from the Poisson distribution.
_RECURSION_AGENTS = 64


def _erlang_b(n: np.ndarray, a: np.ndarray) -> np.ndarray:
    """Erlang B [-] for whole agent counts ``n`` >= 1 and loads ``a`` > 0 (1-d arrays).

    Up to :data:`_RECURSION_AGENTS` agents by the recursion on its reciprocal,
    ``1 / B(k) = 1 + (k / A) / B(k - 1)`` from ``B(0) = 1`` (positive terms only: stable, ~2k
    roundings), over the intervals sorted by agent count so that step k touches only those with
    at least k agents; above that ``B(n, A) = Poisson pmf(n; A) / Poisson cdf(n; A)``. Both are
    exact up to rounding; the recursion is ~4x faster than ``scipy.special.pdtr`` for these counts.
    """
    out = np.empty(n.size)
    big = n > _RECURSION_AGENTS
    if big.any():
        nb, ab = n[big], a[big]
        out[big] = np.exp(nb * np.log(ab) - ab - gammaln(nb + 1)) / pdtr(nb, ab)
    small = np.flatnonzero(~big)
    if small.size:
        agents = n[small].astype(np.int16)
        order = small[np.argsort(-agents, kind="stable")]  # most agents first (a radix sort)
        a_s = a[order]
        upto = np.cumsum(np.bincount(agents, minlength=_RECURSION_AGENTS + 1)[::-1])[::-1]  # >= k agents
        r = np.ones(order.size)
        for k in range(1, int(n[order[0]]) + 1):
            m = upto[k]
            r[:m] = 1.0 + r[:m] * (k / a_s[:m])
        out[order] = 1.0 / r
    return out


def _interpolate_agents(
    n: np.ndarray, sl_prev: np.ndarray, sl: np.ndarray, target: float, floor: np.ndarray
) -> np.ndarray:
    """Where the service level, linear between n - 1 (sl_prev) and n (sl), meets the target; at least ``floor``."""
    with np.errstate(divide="ignore", invalid="ignore"):
        step = np.clip((target - sl_prev) / (sl - sl_prev), 0.0, 1.0)
    step = np.where(sl > sl_prev, step, 1.0)
    return np.maximum(np.where(n > 0, n - 1 + step, 0.0), np.minimum(floor, n))


#: Queue states of the Erlang A chain beyond n are summed until the neglected mass is below this.
_TAIL_MASS = 1e-13
#: At most this many queue states per interval (memory bound). Only a patience far longer than
#: the handling time together with more load than agents needs more; see :func:`erlang_a`.
_MAX_QUEUE_STATES = 1 << 20
#: Largest block of intervals x queue states evaluated at once [cells].
_BLOCK_CELLS = 1 << 21


@dataclass(frozen=True, eq=False)
class ErlangA:
    """Performance of an M/M/n+M queue per interval (arrays of the broadcast input shape).

    Shares are of all offered contacts unless said otherwise; intervals without contacts
    give waiting 0, service levels 1 and occupancy 0; with contacts but nothing answered
    (no agents) the answered-call figures are 0.
    """

    #: Offered load A = calls x handling time / interval [Erlang].
    load_erlang: np.ndarray
    #: Share of arrivals that find all agents busy and queue [-].
    probability_of_waiting: np.ndarray
    #: Share of arrivals that hang up before an agent answers, theta Lq / lambda [-].
    abandonment_share: np.ndarray
    #: Share of all arrivals answered within the answer time; abandoned calls count as not answered [-].
    service_level: np.ndarray
    #: Share of the answered calls answered within the answer time [-].
    service_level_answered: np.ndarray
    #: Mean time in the queue over all arrivals, abandoners' waiting included, Lq / lambda [s].
    average_queue_time_seconds: np.ndarray
    #: Mean time to answer of the answered calls (those not waiting count 0) [s]; NaN where the
    #: chain had to be cut at 2^20 queue states with mass beyond (see :func:`erlang_a`).
    average_speed_of_answer_seconds: np.ndarray
    #: Share of agent time busy: carried load / agents, A (1 - abandonment) / n [-] (0 with no agents).
    occupancy: np.ndarray


def _checked(value: ArrayLike, field: str, *, positive: bool = False, finite: bool = True) -> np.ndarray:
    """``value`` as a float array; InputError naming ``field`` when negative, NaN, infinite or (positive) zero."""
    x = np.asarray(value, dtype=float)
    bad = np.isnan(x) | (x <= 0 if positive else x < 0)
    if finite:
        bad |= np.isinf(x)
    if bad.any():
        shown = x[bad].flat[0] if x.ndim else float(x)
        rule = "greater than 0" if positive else "0 or more"
        raise InputError(
            field,
            float(shown),
            f"a finite number {rule} is required",
            allowed_nl=f"een eindig getal {'groter dan 0' if positive else 'van 0 of meer'} is nodig",
        )
    return x


def _below_n_mass(n: np.ndarray, a: np.ndarray) -> np.ndarray:
    """log of sum_{i<n} p_i / p_n for the truncated Poisson part: log(e^A Q(n, A) n! / A^n); -inf for n = 0."""
    out = np.full(n.shape, -np.inf)
    pos = n > 0
    with np.errstate(divide="ignore"):
        q = gammaincc(np.where(pos, n, 1.0), a)  # P(Poisson(A) <= n - 1)
        direct = pos & (q > 1e-280)
        out[direct] = (a + np.log(q) + gammaln(n + 1) - n * np.log(a))[direct]
    series = pos & ~direct  # n far below A: sum_j prod_{l<j} (n - l) / A converges fast
    if series.any():
        ns, As = n[series], a[series]
        term, total = np.ones_like(ns), np.zeros_like(ns)
        for j in range(int(ns.max())):
            term = term * np.maximum(ns - j, 0.0) / As
            total += term
            if (term < 1e-18 * total).all():
                break
        out[series] = np.log(total)
    return out


def _erlang_a_cells(
    lam: np.ndarray, mu: np.ndarray, theta: np.ndarray, n: np.ndarray, t: np.ndarray, k_states: int, last: bool
) -> tuple[np.ndarray, ...]:
    """One block of cells (1-d) with ``k_states`` queue states: sums and whether the tail was negligible.

    On the ``last`` pass (at the cap) the normalisation, P(wait) and Lq of the cells whose tail is
    not negligible come from the closed form of the whole queue part; their service level and
    answered wait then miss only the positions beyond the cap (which no one reaches within t).
    """
    a_rate = n * mu  # n mu, the departure rate from service when all agents are busy [1/s]
    j = np.arange(1, k_states + 1, dtype=float)
    # log q_k = sum_{j<=k} log(lambda / (n mu + j theta)), q_0 = 1: p_{n+k} / p_n
    log_q = np.zeros((lam.size, k_states + 1))
    np.cumsum(np.log(lam)[:, None] - np.log(a_rate[:, None] + j * theta[:, None]), axis=1, out=log_q[:, 1:])
    log_r = _below_n_mass(n, lam / mu)
    top = np.maximum(log_q.max(axis=1), log_r)
    q = _exp_normal(log_q - top[:, None])
    below = np.exp(log_r - top)
    z = below + q.sum(axis=1)
    # tail beyond K: q_{K+1} / (1 - r) with r = lambda / (n mu + (K+1) theta) once r < 1
    r_next = lam / (a_rate + (k_states + 1) * theta)
    with np.errstate(divide="ignore"):
        tail = q[:, -1] * np.where(r_next < 1, r_next / (1 - r_next), np.inf)
    done = tail < _TAIL_MASS * z
    q_sum, kq_sum = q.sum(axis=1), (q * np.arange(k_states + 1)).sum(axis=1)
    unknown_wait = np.zeros(lam.size, dtype=bool)
    if last and not done.all():
        # cut at the cap: the whole queue part in closed form, with x = n mu / theta, y = lambda / theta,
        # sum_k q_k = Gamma(x+1) e^y y^-x P(x, y) and, from q_k (x + k) = y q_{k-1}, sum_k k q_k = (y - x) S + x
        cut = ~done
        x, y = (a_rate / theta)[cut], (lam / theta)[cut]
        with np.errstate(divide="ignore"):
            log_s = gammaln(x + 1) + y - x * np.log(y) + np.log(gammainc(x, y))
        shift = np.maximum(log_s - top[cut], 0.0)  # the mass may lie far beyond the cap: rescale
        top[cut] += shift
        q[cut] *= np.exp(-shift)[:, None]
        below[cut] *= np.exp(-shift)
        q_sum[cut] = np.exp(log_s - top[cut])
        truncated_sum = q[cut].sum(axis=1)
        kq_sum[cut] = (y - x) * q_sum[cut] + x * np.exp(-top[cut])
        z = below + q_sum
        # the answered callers beyond the cap wait long: their mean wait is not summed, so not given
        unknown_wait[cut] = (q_sum[cut] - truncated_sum) / z[cut] > 1e-9
    # an arrival finding n + k joins position m = k + 1
    m = np.arange(1, k_states + 2, dtype=float)
    x = a_rate[:, None] / theta[:, None]
    served = x / (x + m)  # n mu / (n mu + m theta): answered at all
    in_time = served * _beta_lower(m, x + 1, theta * t)
    harmonic = np.cumsum(1.0 / (a_rate[:, None] + m * theta[:, None]), axis=1)  # E[W; answered] / P(answered)
    sums = (
        q_sum / z,  # P(wait)
        kq_sum / z,  # Lq
        (below + (q * in_time).sum(axis=1)) / z,  # SL of all arrivals
        np.where(unknown_wait, np.nan, (q * served * harmonic).sum(axis=1) / z),  # E[W 1{answered}]
    )
    return (*sums, done)


def _exp_normal(x: np.ndarray) -> np.ndarray:
    """exp(x), 0 below e^-700: no subnormal numbers, which make the arithmetic on them ~50x slower."""
    return np.exp(np.where(x < -700.0, -np.inf, x))


def _beta_lower(m: np.ndarray, b: np.ndarray, theta_t: np.ndarray) -> np.ndarray:
    """I(u; m, b) for m = 1, 2, ... along the last axis, u = 1 - exp(-theta t), b and theta t per row.

    I(u; m, b) = 1 - sum_{j<m} w_j with the negative binomial weights
    w_j = Gamma(b + j) / (Gamma(b) j!) u^j (1 - u)^b, summed in logs: ~10x faster than
    ``scipy.special.betainc`` on the whole grid and as exact (absolute error ~ m x 1e-16).
    """
    with np.errstate(divide="ignore"):
        log_u = np.log(-np.expm1(-theta_t))[:, None]
        j = m[:-1]  # 1 .. M-1
        steps = log_u + np.log(b + j - 1) - np.log(j)
    log_w = np.empty((b.shape[0], m.size))
    log_w[:, 0] = -(b[:, 0] * theta_t)  # log (1 - u)^b
    np.cumsum(np.concatenate([log_w[:, :1], steps], axis=1), axis=1, out=log_w)
    return np.clip(1 - np.cumsum(_exp_normal(log_w), axis=1), 0.0, 1.0)


def _erlang_a_flat(
    lam: np.ndarray, mu: np.ndarray, theta: np.ndarray, n: np.ndarray, t: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """P(wait), Lq, SL, E[W; answered] for 1-d arrays of cells with lambda > 0.

    The number of queue states K doubles, per cell, until the tail beyond it is negligible.
    """
    out = np.zeros((4, lam.size))
    todo = np.arange(lam.size)
    k_states = 64
    while todo.size:
        last = k_states >= _MAX_QUEUE_STATES
        block = max(1, _BLOCK_CELLS // (k_states + 1))
        left = []
        for start in range(0, todo.size, block):
            idx = todo[start : start + block]
            *sums, done = _erlang_a_cells(lam[idx], mu[idx], theta[idx], n[idx], t[idx], k_states, last)
            keep = done | last
            out[:, idx[keep]] = np.array(sums)[:, keep]
            left.append(idx[~keep])
        todo = np.concatenate(left)
        k_states *= 2
    return out[0], out[1], out[2], out[3]


def erlang_a(
    calls_per_interval: ArrayLike,
    handling_time_seconds: ArrayLike,
    interval_seconds: ArrayLike,
    agents: ArrayLike,
    patience_seconds: ArrayLike,
    answer_time_seconds: ArrayLike,
) -> ErlangA:
    """Erlang A (M/M/n+M) performance of ``agents`` agents per interval, callers abandoning.

    All inputs broadcast against each other; the result has the broadcast shape. The
    method is in the module docstring: the exact birth-death chain, its queue states
    summed until the neglected mass is below 1e-13. At most 2^20 queue states are summed
    (memory bound): only a patience orders of magnitude longer than the handling time with
    fewer agents than the load reaches that (a queue of ~(lambda - n mu) / theta calls); the
    waiting, abandonment and queue time then come from the closed form of the whole queue
    part, the service level leaves out the positions beyond 2^20, which no caller reaches
    within the answer time, and the answered calls' mean wait is NaN.

    Parameters
    ----------
    calls_per_interval : array
        Offered contacts per interval [contacts], >= 0.
    handling_time_seconds : array
        Average handling time [s], > 0.
    interval_seconds : array
        Interval length [s], > 0, e.g. 1800.
    agents : array
        Agents answering in the interval [agents], whole numbers >= 0.
    patience_seconds : array
        Mean time a caller is willing to wait before hanging up (exponential) [s], > 0 and finite.
    answer_time_seconds : array
        The service-level time [s], >= 0, e.g. 20.

    Examples
    --------
    100 calls per 30 min, 180 s handling, 180 s mean patience, 14 agents, 20 s:

    >>> r = erlang_a(100, 180, 1800, 14, 180, 20)
    >>> round(float(r.abandonment_share), 5), round(float(r.service_level), 5)
    (0.01869, 0.92556)
    """
    calls = _checked(calls_per_interval, "calls_per_interval")
    aht = _checked(handling_time_seconds, "handling_time_seconds", positive=True)
    interval = _checked(interval_seconds, "interval_seconds", positive=True)
    n = _checked(agents, "agents")
    if (n != np.round(n)).any():
        raise InputError("agents", float(n[n != np.round(n)].flat[0]), "a whole number of agents is required")
    patience = _checked(patience_seconds, "patience_seconds", positive=True)
    t = _checked(answer_time_seconds, "answer_time_seconds")
    calls, aht, interval, n, patience, t = np.broadcast_arrays(calls, aht, interval, n, patience, t)
    a = calls * aht / interval
    lam = calls / interval
    active = lam > 0
    p_wait, lq, sl = np.zeros(a.shape), np.zeros(a.shape), np.ones(a.shape)
    w_answered = np.zeros(a.shape)
    if active.any():
        p_wait[active], lq[active], sl[active], w_answered[active] = _erlang_a_flat(
            lam[active], 1 / aht[active], 1 / patience[active], n[active], t[active]
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        abandon = np.where(active, lq / patience / np.where(active, lam, 1.0), 0.0)
        answered = 1 - abandon
        sl_answered = np.where(answered > 0, sl / answered, np.where(active, 0.0, 1.0))
        asa = np.where(answered > 0, w_answered / answered, 0.0)
        occupancy = np.where(n > 0, a * answered / n, 0.0)
        queue_time = np.where(active, lq / np.where(active, lam, 1.0), 0.0)
    return ErlangA(a, p_wait, abandon, sl, np.minimum(sl_answered, 1.0), queue_time, asa, occupancy)


def required_agents_a(
    calls_per_interval: ArrayLike,
    handling_time_seconds: ArrayLike,
    interval_seconds: float,
    *,
    patience_seconds: ArrayLike,
    service_level_target_share: float,
    answer_time_seconds: float,
    max_occupancy_share: float = 1.0,
    max_agents: int = 100_000,
) -> Staffing:
    """Smallest agent count per interval meeting the service level and occupancy targets, with abandonment (Erlang A).

    The service level is the share of *all* offered calls answered within
    ``answer_time_seconds`` (abandoned calls count as missed); the occupancy is the
    carried load over the agents, A (1 - abandonment) / N. With abandonment every agent
    count gives a stable queue, so N may be at or below the load A. The search bisects
    between the Erlang C count of :func:`required_agents` (which meets the targets; should
    it not, the search steps up first) and A x target / max occupancy, below which no
    count can meet them; the service level rises and the occupancy falls with every agent.

    Parameters
    ----------
    calls_per_interval : array
        Offered contacts per interval [contacts].
    handling_time_seconds : array
        Average handling time [s].
    interval_seconds : float
        Interval length [s], e.g. 1800.
    patience_seconds : array
        Mean patience before hanging up (exponential) [s], > 0 and finite.
    service_level_target_share : float
        Share of all offered calls answered within ``answer_time_seconds`` [-], e.g. 0.8.
    answer_time_seconds : float
        The service-level time [s], e.g. 25 (VNG norm).
    max_occupancy_share : float
        Highest allowed carried load / N [-].
    max_agents : int
        Give up above this many agents in one interval [agents].

    Returns
    -------
    Staffing
        ``probability_of_waiting`` and ``service_level`` as in :class:`ErlangA`;
        ``average_speed_of_answer_seconds`` is the mean wait of the answered calls;
        ``agents_fractional`` interpolates the service level between N - 1 and N, at
        least carried load / max occupancy.

    Examples
    --------
    >>> s = required_agents_a(100, 180, 1800, patience_seconds=180, service_level_target_share=0.8,
    ...                       answer_time_seconds=20)
    >>> int(s.agents), round(float(s.service_level), 4)
    (12, 0.8023)
    """
    calls = _checked(calls_per_interval, "calls_per_interval")
    aht = _checked(handling_time_seconds, "handling_time_seconds", positive=True)
    interval = float(_checked(interval_seconds, "interval_seconds", positive=True))
    patience = _checked(patience_seconds, "patience_seconds", positive=True)
    t = float(_checked(answer_time_seconds, "answer_time_seconds"))
    target_share = float(_checked(service_level_target_share, "service_level_target_share"))
    if target_share > 1:
        raise InputError("service_level_target_share", target_share, "a share from 0 to 1 is required")
    max_occ = float(_checked(max_occupancy_share, "max_occupancy_share", positive=True))
    if max_occ > 1:
        raise InputError("max_occupancy_share", max_occ, "a share above 0 and at most 1 is required")
    calls, aht, patience = np.broadcast_arrays(calls, aht, patience)
    shape = calls.shape
    calls, aht, patience = calls.ravel(), aht.ravel(), patience.ravel()
    target = target_share - 1e-12

    def perf(idx: np.ndarray, agents: np.ndarray) -> ErlangA:
        return erlang_a(calls[idx], aht[idx], interval, agents, patience[idx], t)

    def meets(r: ErlangA) -> np.ndarray:
        return (r.service_level >= target) & (r.occupancy <= max_occ + 1e-12)

    erlang_c = required_agents(
        calls,
        aht,
        interval,
        service_level_target_share=target_share,
        answer_time_seconds=t,
        max_occupancy_share=max_occ,
        max_agents=max_agents,
    )
    load = calls * aht / interval
    hi = erlang_c.agents.astype(float)  # meets the targets (checked below)
    everyone = np.arange(calls.size)
    now = perf(everyone, hi)
    fields = ("probability_of_waiting", "abandonment_share", "service_level", "occupancy")
    best = {f: getattr(now, f).copy() for f in fields}
    best["asa"] = now.average_speed_of_answer_seconds.copy()

    def keep(idx: np.ndarray, r: ErlangA) -> None:
        for f in fields:
            best[f][idx] = getattr(r, f)
        best["asa"][idx] = r.average_speed_of_answer_seconds

    # lo misses the targets (or is -1): answered share >= SL >= target and occupancy = carried load / n
    # <= max, so n >= A x target / max occupancy
    lo = np.maximum(np.ceil(load * target_share / max_occ * (1 - 1e-9)) - 1, -1.0)
    sl_lo = np.zeros(calls.size)
    lo_known = lo < 0
    # up, should Erlang C's count miss the Erlang A targets (not seen in practice)
    idx = everyone[~meets(now)]
    while idx.size:
        if (hi[idx] >= max_agents).any():
            raise ValueError(f"more than {max_agents} agents needed in one interval; check the volumes")
        lo[idx], sl_lo[idx], lo_known[idx] = hi[idx], best["service_level"][idx], True
        hi[idx] += 1
        r = perf(idx, hi[idx])
        keep(idx, r)
        idx = idx[~meets(r)]
    # bisection between lo (misses) and hi (meets): the service level rises and the occupancy falls with n
    idx = everyone[(hi - lo > 1) & (calls > 0)]
    while idx.size:
        mid = np.floor((lo[idx] + hi[idx]) / 2)
        r = perf(idx, mid)
        ok = meets(r)
        hi[idx[ok]] = mid[ok]
        keep(idx[ok], _subset(r, ok))
        miss = idx[~ok]
        lo[miss], sl_lo[miss], lo_known[miss] = mid[~ok], r.service_level[~ok], True
        idx = idx[hi[idx] - lo[idx] > 1]
    n = hi
    idx = everyone[~lo_known & (n > 0) & (calls > 0)]  # service level at n - 1, for agents_fractional
    if idx.size:
        sl_lo[idx] = perf(idx, n[idx] - 1).service_level
    sl_prev = sl_lo
    carried = load * (1 - best["abandonment_share"])
    fractional = _interpolate_agents(n, sl_prev, best["service_level"], target_share, carried / max_occ)
    active = calls > 0
    return Staffing(
        load.reshape(shape),
        np.where(active, n, 0).astype(np.int64).reshape(shape),
        np.where(active, fractional, 0.0).reshape(shape),
        best["probability_of_waiting"].reshape(shape),
        best["service_level"].reshape(shape),
        best["occupancy"].reshape(shape),
        best["asa"].reshape(shape),
    )


def _subset(r: ErlangA, mask: np.ndarray) -> ErlangA:
    return ErlangA(*(getattr(r, f.name)[mask] for f in fields_of(ErlangA)))


__all__ = [
    "ErlangA",
    "Staffing",
    "erlang_a",
    "required_agents",
    "required_agents_a",
]
