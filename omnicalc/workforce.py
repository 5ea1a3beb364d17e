"""The workforce model: contacts per interval of the week, queues per channel kind, teams.

How a planner staffs a KCC, in four steps:

1. **Arrival profile** (:class:`ArrivalProfile`): a week's contacts spread over the
   intervals of the opening hours, from a share per weekday and a weight per half hour
   (``defaults/arrival_profile.csv``: the hours are published, the shape is an *aanname*).
2. **Queues per channel kind** (``defaults/channels.csv``, column ``staffing``):

   - ``queue`` (phone): Erlang C per interval to the service norm (:mod:`omnicalc.erlang`);
   - ``slots`` (chat): an agent has *k* chat slots; the slots are the servers of an
     Erlang C queue with the handling time of one chat, agents = ceil(slots / k);
   - ``backlog`` (e-mail, WhatsApp/social, webform follow-up, post): work answered within
     a response norm of days, staffed by workload (volume x handling time);
   - ``appointments`` (counter): planned appointments, staffed by workload.

3. **Teams** (:class:`Team`): channels are staffed by teams with a minimum staffing per
   open interval. Backlog work fills the idle time of that minimum first. A team
   *gecombineerd met andere taken* (``combined``, a share 0-1) has that share of its
   queueing margin and idle time absorbed by other work: at 1 only its workload counts.
4. Agent hours per year / (gross hours per FTE x productive share) = FTE per team.

Money (what a freed FTE is worth, and when it is released) is the business case's part:
:mod:`omnicalc.business_case`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property, partial
from importlib import resources
from typing import Any

import numpy as np

from .domain import CHANNEL_INFO, CHANNEL_LABELS, CHANNELS
from .erlang import required_agents, required_agents_a
from .errors import InputError

#: Calendar weeks per year (a definition, not an assumption).
WEEKS_PER_YEAR = 52

#: Weekdays as written in opening hours, in order.
WEEKDAYS: tuple[str, ...] = ("ma", "di", "wo", "do", "vr", "za", "zo")

KIND = np.array([c.staffing for c in CHANNEL_INFO])
#: Channel masks per staffing kind, in CHANNELS order.
QUEUE = KIND == "queue"
SLOTS = KIND == "slots"
LIVE = QUEUE | SLOTS
WORKLOAD = ~LIVE


@cache
def profile_table() -> tuple[dict[str, str], dict[str, float], dict[str, float]]:
    """The shipped opening hours, weekday shares and intraday weights (``defaults/arrival_profile.csv``).

    The file's low/high columns document the ranges; the model uses the values.
    """
    opening: dict[str, str] = {}
    days: dict[str, float] = {}
    weights: dict[str, float] = {}
    path = resources.files("omnicalc").joinpath("defaults/arrival_profile.csv")
    with path.open("r", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["kind"] == "opening_hours":
                opening[r["key"]] = r["value"]
            else:
                target = days if r["kind"] == "weekday_share" else weights
                target[r["key"]] = float(r["value"])
    return opening, days, weights


def _minutes(clock: str, where: str) -> int:
    m = re.fullmatch(r"([01]?\d|2[0-4])[:.]([0-5]\d)", clock.strip())
    if not m or int(m[1]) * 60 + int(m[2]) > 24 * 60:
        raise InputError(
            where, clock, "a time is written HH:MM", allowed_nl="schrijf een tijd als UU:MM", label_nl="Openingstijden"
        )
    return int(m[1]) * 60 + int(m[2])


def parse_opening_hours(text: str, where: str = "staffing.opening_hours") -> dict[str, tuple[tuple[int, int], ...]]:
    """Opening hours as written on a gemeente's website, to periods in minutes per weekday.

    ``"werkdagen 08:30-17:00"``, ``"ma/di/do 09:00-17:00; wo/vr 09:00-13:00"``, ``"ma-vr
    09:00-17:00"`` or ``"ma t/m vr 08:30-12:00; ma t/m vr 13:00-17:00"`` (a day may have
    several periods; overlapping ones are an error). Returns {weekday: ((start, end), ...)}
    in minutes after midnight.

    >>> parse_opening_hours("ma/di/do 09:00-17:00; wo/vr 09:00-13:00")["wo"]
    ((540, 780),)
    >>> parse_opening_hours("ma t/m vr 08:30-12:00; ma t/m vr 13:00-17:00")["ma"]
    ((510, 720), (780, 1020))
    """
    if not isinstance(text, str) or len(text) > 500:
        raise InputError(where, text, "opening hours as text, e.g. 'ma-vr 08:30-17:00'", label_nl="Openingstijden")
    out: dict[str, list[tuple[int, int]]] = {}
    for part in filter(None, (p.strip() for p in text.lower().replace("t/m", "-").split(";"))):
        m = re.fullmatch(r"([a-z/\- ]+?)\s+(\d{1,2}[:.]\d{2})\s*-\s*(\d{1,2}[:.]\d{2})", part)
        if not m:
            raise InputError(
                where,
                part,
                "write days and hours as 'ma-vr 08:30-17:00' or 'ma/di 09:00-12:00'",
                allowed_nl="schrijf dagen en uren als 'ma-vr 08:30-17:00' of 'ma/di 09:00-12:00'",
                label_nl="Openingstijden",
            )
        days = _days(m[1].strip(), where)
        start, end = _minutes(m[2], where), _minutes(m[3], where)
        if end <= start:
            raise InputError(where, part, "the closing time lies after the opening time", label_nl="Openingstijden")
        for d in days:
            if any(start < e and s < end for s, e in out.get(d, [])):
                raise InputError(
                    where,
                    part,
                    f"the periods of {d} overlap",
                    allowed_nl=f"de tijden van {d} overlappen",
                    label_nl="Openingstijden",
                )
            out.setdefault(d, []).append((start, end))
    if not out:
        raise InputError(where, text, "at least one day with opening hours", label_nl="Openingstijden")
    return {d: tuple(sorted(p)) for d, p in out.items()}


def _days(text: str, where: str) -> list[str]:
    if text in ("werkdagen", "werkdag"):
        return list(WEEKDAYS[:5])
    if text in ("dagelijks", "alle dagen"):
        return list(WEEKDAYS)
    days: list[str] = []
    for item in text.replace(" ", "").split("/"):
        ends = item.split("-")
        if any(e not in WEEKDAYS for e in ends) or len(ends) > 2:
            raise InputError(
                where,
                text,
                f"days are {', '.join(WEEKDAYS)} or 'werkdagen'",
                allowed_nl=f"dagen zijn {', '.join(WEEKDAYS)} of 'werkdagen'",
                label_nl="Openingstijden",
            )
        a, b = WEEKDAYS.index(ends[0]), WEEKDAYS.index(ends[-1])
        days.extend(WEEKDAYS[a : b + 1])
    return days


def _check_interval(interval_minutes: object) -> None:
    ok = isinstance(interval_minutes, (int, float)) and not isinstance(interval_minutes, bool)
    if not (ok and 5 <= interval_minutes <= 120):  # type: ignore[operator]
        raise InputError(
            "arrival_profile.interval_minutes",
            interval_minutes,
            "allowed is 5 to 120 minutes",
            allowed_nl="toegestaan is 5 tot en met 120 minuten",
            label_nl="Intervallengte",
        )


@dataclass(frozen=True, eq=False)
class ArrivalProfile:
    """Share of a week's contacts per open interval (adding up to 1), for the live channels.

    Build it from opening hours with :meth:`from_opening_hours` (the default: the shipped
    hours and shape, :meth:`standard`), or give the shares of an own registration.

    Parameters
    ----------
    shares : tuple of float
        Share of the week's contacts per open interval [-]; sums to 1.
    interval_minutes : float
        Length of one interval [min].
    opening_hours : str
        The opening hours the shares were built from ("" for own shares).
    """

    shares: tuple[float, ...]
    interval_minutes: float = 30.0
    opening_hours: str = ""

    def __post_init__(self) -> None:
        try:
            shares = np.asarray(self.shares, dtype=float)
        except (TypeError, ValueError):
            shares = np.array([np.nan])
        if (
            shares.ndim != 1
            or len(shares) == 0
            or not np.isfinite(shares).all()
            or (shares < 0).any()
            or abs(shares.sum() - 1.0) > 1e-6
        ):
            raise InputError(
                "arrival_profile.shares",
                "…",
                "non-negative shares per interval adding up to 1",
                allowed_nl="niet-negatieve aandelen per interval die samen 100% zijn",
                label_nl="Weekprofiel",
            )
        _check_interval(self.interval_minutes)
        object.__setattr__(self, "shares", tuple(shares.tolist()))

    @property
    def open_hours_per_week(self) -> float:
        return len(self.shares) * self.interval_minutes / 60.0

    @cached_property
    def distinct_shares(self) -> tuple[np.ndarray, np.ndarray]:
        """The distinct interval shares and how many intervals have each (intervals alike need the same staff)."""
        return np.unique(np.array(self.shares), return_counts=True)

    @classmethod
    def flat(cls, hours_per_week: float, interval_minutes: float = 30.0) -> ArrivalProfile:
        """Contacts spread evenly over ``hours_per_week`` (for worked examples; not a default)."""
        if not isinstance(hours_per_week, (int, float)) or not 1 <= hours_per_week <= 168:
            raise InputError(
                "staffing.office_hours_per_week",
                hours_per_week,
                "allowed is 1 to 168 hours",
                allowed_nl="toegestaan is 1 tot en met 168 uur",
                label_nl="Openingsuren per week",
            )
        _check_interval(interval_minutes)  # before the list of intervals is built
        n = max(1, round(hours_per_week * 60 / interval_minutes))
        return cls(tuple([1.0 / n] * n), interval_minutes, f"{hours_per_week:g} uur per week, vlak")

    @classmethod
    def from_opening_hours(cls, opening_hours: str, interval_minutes: float = 30.0) -> ArrivalProfile:
        """Shares per interval from opening hours, the shipped weekday shares and intraday weights.

        A weekday's share is kept for the weekdays that are open (renormalised over the open
        days; residents call when the line is open); a weekend day, which has no shipped share,
        gets the quietest weekday's share in proportion to its hours against the shipped
        8,5 hours (an *aanname*). Within a day, each interval gets the weight of the half hour
        it starts in (outside the shipped 08:30-17:00 the lowest weight), renormalised over the
        open intervals.
        """
        _check_interval(interval_minutes)
        hours = parse_opening_hours(opening_hours)
        opening, day_share, weight = profile_table()
        w_min = min(weight.values())
        start0, end0 = parse_opening_hours(f"ma {opening['werkdagen']}")["ma"][0]
        quiet = min(day_share.values())
        by_day = {
            d: day_share[d] if d in day_share else quiet * sum(e - s for s, e in hours[d]) / (end0 - start0)
            for d in hours
        }
        total = sum(by_day.values())
        shares: list[float] = []
        step = float(interval_minutes)
        for day in WEEKDAYS:
            if day not in hours:
                continue
            starts = np.concatenate([np.arange(s, e - 1e-9, step) for s, e in hours[day]])
            w = np.array([weight.get(_half_hour(s), w_min) for s in starts])
            shares.extend((by_day[day] / total * w / w.sum()).tolist())
        return cls(tuple(shares), interval_minutes, opening_hours)

    @classmethod
    def standard(cls) -> ArrivalProfile:
        """The shipped default: published KCC hours (werkdagen 08:30-17:00) with the *aanname* shape."""
        return _standard()


@cache
def _standard() -> ArrivalProfile:
    opening, _, _ = profile_table()
    return ArrivalProfile.from_opening_hours(f"werkdagen {opening['werkdagen']}")


def _half_hour(minutes: float) -> str:
    m = int(minutes // 30 * 30)
    return f"{m // 60:02d}:{m % 60:02d}"


@dataclass(frozen=True)
class Team:
    """A team that staffs some channels.

    Parameters
    ----------
    key : str
        Short name, e.g. ``"kcc"``.
    label_nl : str
        Dutch name.
    channels : tuple of str
        The channels it staffs.
    min_agents : float
        Agents present in every open interval at least [agents].
    combined : float
        *Gecombineerd met andere taken* [-], 0-1: the share of the queueing margin and
        the idle time of the minimum staffing that other work absorbs. 0: a dedicated team;
        1: only the workload counts. ``True``/``False`` mean 1/0.
    """

    key: str
    label_nl: str
    channels: tuple[str, ...]
    min_agents: float = 1.0
    combined: float = 0.0

    def __post_init__(self) -> None:
        unknown = [c for c in self.channels if c not in CHANNELS]
        if unknown:
            raise InputError(
                f"staffing.teams.{self.key}.channels", ", ".join(unknown), f"channels are {', '.join(CHANNELS)}"
            )
        if not isinstance(self.min_agents, (int, float)) or not 0 <= self.min_agents <= 1000:
            raise InputError(
                f"staffing.teams.{self.key}.min_agents",
                self.min_agents,
                "allowed is 0 to 1000 agents",
                allowed_nl="toegestaan is 0 tot en met 1000 medewerkers",
                label_nl="Minimale bezetting",
            )
        ok = isinstance(self.combined, (int, float)) and 0 <= self.combined <= 1
        if not ok:
            raise InputError(
                f"staffing.teams.{self.key}.combined",
                self.combined,
                "allowed is 0 to 1 (or true/false)",
                allowed_nl="toegestaan is 0% tot en met 100% (of ja/nee)",
                label_nl="Gecombineerd met andere taken",
            )
        object.__setattr__(self, "combined", float(self.combined))
        object.__setattr__(self, "channels", tuple(self.channels))

    @property
    def mask(self) -> np.ndarray:
        return np.array([c in self.channels for c in CHANNELS])


#: Below the first population the teams are fully *gecombineerd met andere taken*, from the second on
#: dedicated, linearly in between (an *aanname*, see :func:`default_teams`).
COMBINED_POPULATION: tuple[int, int] = (15_000, 40_000)


def combined_share(population: float) -> float:
    """The default share of a team's queueing margin and idle time that other work absorbs (0-1)."""
    lo, hi = COMBINED_POPULATION
    return float(min(1.0, max(0.0, (hi - population) / (hi - lo))))


def default_teams(population: float | None = None) -> tuple[Team, ...]:
    """One blended KCC team (phone, chat, e-mail, WhatsApp, post, webform follow-up) and a counter team.

    How far the teams are *gecombineerd met andere taken* (:func:`combined_share`) goes from
    fully below 15.000 inhabitants to not at all from 40.000, linearly in between (an
    *aanname*: a small gemeente's front office also does other work, so a phone line open
    42,5 hours a week does not need a dedicated agent; a phase-in instead of a threshold,
    so that two gemeenten of nearly the same size get nearly the same staffing).
    """
    combined = 0.0 if population is None else combined_share(population)
    kcc = tuple(c for c in CHANNELS if c != "balie")
    return (
        Team("kcc", "KCC", kcc, min_agents=1.0, combined=combined),
        Team("balie", "Balie", ("balie",), min_agents=0.0, combined=combined),
    )


def check_teams(teams: tuple[Team, ...]) -> tuple[Team, ...]:
    """Every channel in exactly one team."""
    count = np.sum([t.mask for t in teams], axis=0) if teams else np.zeros(len(CHANNELS))
    if len({t.key for t in teams}) != len(teams) or (count != 1).any():
        wrong = [CHANNEL_LABELS[c] for c, n in zip(CHANNELS, count) if n != 1]
        raise InputError(
            "staffing.teams",
            ", ".join(wrong) or "team keys",
            "every channel belongs to exactly one team, and team keys are unique",
            allowed_nl="elk kanaal hoort bij precies één team en elk team heeft een eigen naam",
            label_nl="Teams",
        )
    return teams


def team_hours(
    volume: np.ndarray,
    handling_time_seconds: np.ndarray,
    concurrency: np.ndarray,
    teams: tuple[Team, ...],
    profile: ArrivalProfile,
    *,
    service_level_target_share: float,
    answer_time_seconds: float,
    max_occupancy_share: float,
    patience_seconds: float | None = None,
) -> np.ndarray:
    """Staffed hours per year per team (..., team) for yearly volumes (..., channel).

    ``handling_time_seconds`` (..., channel) and ``concurrency`` (...) broadcast over the
    leading axes. With ``patience_seconds`` the phone queue is Erlang A (callers abandon
    after an exponential patience with this mean; abandoned calls count as not answered
    within the norm), else Erlang C.
    """
    v = np.asarray(volume, dtype=float)
    aht = np.broadcast_to(np.asarray(handling_time_seconds, dtype=float), v.shape)
    k = np.asarray(concurrency, dtype=float)
    work = channel_workload_hours(v, aht, k)
    shares, counts = profile.distinct_shares
    dt = profile.interval_minutes * 60.0
    interval_hours = dt / 3600.0
    norm: dict[str, Any] = {
        "service_level_target_share": service_level_target_share,
        "answer_time_seconds": answer_time_seconds,
        "max_occupancy_share": max_occupancy_share,
    }
    queue = (
        required_agents if patience_seconds is None else partial(required_agents_a, patience_seconds=patience_seconds)
    )
    out = []
    for team in teams:
        mask = team.mask
        workload = work[..., mask].sum(axis=-1)
        if team.combined >= 1.0:
            out.append(workload)
            continue
        live = np.zeros(v.shape[:-1] + shares.shape)
        for i in np.flatnonzero(mask & LIVE):
            arrivals = v[..., i, None] / WEEKS_PER_YEAR * shares
            solve = queue if QUEUE[i] else required_agents  # chat slots never abandon here
            servers = solve(arrivals, aht[..., i, None], dt, **norm).agents_fractional
            live = live + (servers / k[..., None] if SLOTS[i] else servers)
        has_work = v[..., mask].sum(axis=-1) > 0
        floor = np.where(has_work, team.min_agents, 0.0)[..., None] if mask[LIVE].any() else 0.0
        staffed = np.maximum(live, floor)
        idle = ((staffed - live) * counts).sum(axis=-1) * interval_hours * WEEKS_PER_YEAR
        present = (staffed * counts).sum(axis=-1) * interval_hours * WEEKS_PER_YEAR
        backlog = work[..., mask & WORKLOAD].sum(axis=-1)
        dedicated = present + np.maximum(backlog - idle, 0.0)
        out.append(dedicated - team.combined * (dedicated - workload))
    return np.stack(out, axis=-1)


def channel_workload_hours(
    volume: np.ndarray, handling_time_seconds: np.ndarray, concurrency: np.ndarray
) -> np.ndarray:
    """Pure workload hours per channel (..., channel): volume x handling time (chat: / concurrency)."""
    v = np.asarray(volume, dtype=float)
    k = np.asarray(concurrency, dtype=float)
    return v * np.asarray(handling_time_seconds, dtype=float) / 3600.0 / np.where(SLOTS, k[..., None], 1.0)


def teams_from_mapping(given: Mapping[str, Mapping[str, object]], where: str = "staffing.teams") -> tuple[Team, ...]:
    """Teams from a scenario file's ``[business_case.staffing.teams.<key>]`` tables."""
    teams = []
    for key, t in given.items():
        if not isinstance(t, Mapping):
            raise InputError(f"{where}.{key}", t, "a table with channels, min_agents, combined")
        unknown = set(t) - {"label", "channels", "min_agents", "combined"}
        if unknown:
            raise InputError(
                f"{where}.{key}", ", ".join(sorted(unknown)), "allowed are label, channels, min_agents, combined"
            )
        channels = t.get("channels", ())
        if not isinstance(channels, (list, tuple)) or not all(isinstance(c, str) for c in channels):
            raise InputError(f"{where}.{key}.channels", channels, "a list of channel names")
        combined = t.get("combined", 0.0)
        teams.append(
            Team(str(key), str(t.get("label", key)), tuple(channels), t.get("min_agents", 1.0), combined)  # type: ignore[arg-type]
        )
    return check_teams(tuple(teams))


__all__ = [
    "ArrivalProfile",
    "COMBINED_POPULATION",
    "Team",
    "WEEKDAYS",
    "WEEKS_PER_YEAR",
    "channel_workload_hours",
    "check_teams",
    "combined_share",
    "default_teams",
    "parse_opening_hours",
    "team_hours",
]
