"""The core model: baseline, cost per contact, scenario levers and their evaluation.

All inputs are frozen dataclasses validated at construction; a scenario never edits a
baseline, :func:`evaluate` returns a new :class:`Result`. Arrays use the axes
``(segment, channel, reason)`` of :mod:`omnicalc.domain`, with optional leading batch
axes (one per municipality in :func:`evaluate_national`).

Units are in names: ``_per_year`` is contacts per year, ``_eur`` euros, ``_share`` a
fraction 0-1, ``_seconds`` seconds.

Levers are plug-ins (:mod:`omnicalc.levers`), applied in the order of the registry (also
the order of the savings waterfall): status portal, proactive status messages, fewer repeat
contacts, then channel shifts in the order given. Each lever's saving is the cost before
it minus the cost after it, so the lever savings add up to the total saving.

Each formula of the model lives once: :func:`cost_per_contact` (bottom-up cost),
:func:`set_status_share` (the status-question share of a channel), the levers'
``apply``; the Monte Carlo (:mod:`omnicalc.uncertainty`) replaces inputs by path and runs
the same functions on arrays of draws.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from types import MappingProxyType
from typing import Any, ClassVar, Literal

import numpy as np
import pandas as pd

from . import fmt, inclusion, params
from .domain import (
    ASSISTED_MASK,
    CHANNEL_LABELS,
    CHANNELS,
    CONCURRENT_MASK,
    REASON_LABELS,
    REASONS,
    SEGMENT_LABELS,
    SEGMENTS,
    STATUS,
)
from .errors import InputError
from .gemeenten import find_gemeente, gemeenten
from .kpis import kpi_table
from .levers import BY_KEY, BY_SECTION, LEVER_KEYS, LEVER_LABELS, LEVERS, LeverInput, lever_for_path
from .levers.channel_shift import ChannelShift
from .levers.proactive_status import ProactiveStatus
from .levers.repeat_contacts import RepeatContacts
from .levers.status_portal import StatusPortal

CostMethod = Literal["top_down", "bottom_up"]
_ASSISTED = np.array(ASSISTED_MASK)
#: Channels of each role, as masks in CHANNELS order.
_ROLE_MASK = {role: np.array([r == role for r in inclusion.CHANNEL_ROLES]) for role in inclusion.ROLES}
#: Per segment: whether digitally assisted channels count toward its floor.
_ASSISTED_IN_FLOOR = np.array(["assisted" in inclusion.FLOOR_ROLES[seg] for seg in SEGMENTS])
_CONCURRENT = np.array(CONCURRENT_MASK)


def concurrency(chat_concurrency: np.ndarray | float) -> np.ndarray:
    """Contacts one agent handles at once, per channel (..., channel): ``chat_concurrency`` on the
    channels marked concurrent in ``defaults/channels.csv``, 1 elsewhere."""
    return np.where(_CONCURRENT, np.asarray(chat_concurrency, dtype=float)[..., None], 1.0)


def cost_per_contact(
    method: str,
    top_down_eur_per_contact: np.ndarray,
    handling_time_seconds: np.ndarray,
    loaded_hourly_rate_eur: np.ndarray | float,
    productive_share: np.ndarray | float,
    chat_concurrency: np.ndarray | float,
    overhead_eur_per_contact: np.ndarray,
) -> np.ndarray:
    """The cost per contact per channel (..., channel) [EUR/contact]; the one place of this formula.

    top-down: the given figure. bottom-up: handling time [s] / 3600 x loaded hourly rate
    [EUR/hour] / productive share [-] / concurrency [contacts at once] + overhead [EUR/contact].
    Scalars and arrays broadcast over leading batch axes.
    """
    if method == "top_down":
        return np.asarray(top_down_eur_per_contact, dtype=float)
    rate = np.asarray(loaded_hourly_rate_eur, dtype=float)[..., None]
    productive = np.asarray(productive_share, dtype=float)[..., None]
    hours = np.asarray(handling_time_seconds, dtype=float) / 3600.0
    return hours * rate / productive / concurrency(chat_concurrency) + np.asarray(overhead_eur_per_contact)


def _frozen(a: np.ndarray) -> np.ndarray:
    a = np.array(a, dtype=float)
    a.flags.writeable = False
    return a


def _require_mapping(given: object, where: str) -> None:
    if given is not None and not isinstance(given, Mapping):
        raise InputError(
            where,
            given,
            "a table with one value per name is required (e.g. {telefoon = 11.0})",
            allowed_nl="hier hoort per kanaal of groep een waarde, bijvoorbeeld {telefoon = 11.0}",
            label_nl=where,
        )


def _channel_values(name: str, given: Mapping[str, float] | None, default: np.ndarray, where: str) -> np.ndarray:
    """Defaults per channel, overridden by ``given`` (checked against the parameter's spec)."""
    out = np.array(default, dtype=float)
    spec = params.SPECS[name]
    _require_mapping(given, where)
    for channel, value in (given or {}).items():
        if channel not in CHANNELS:
            raise InputError(
                f"{where}.{channel}",
                channel,
                f"channel must be one of {', '.join(CHANNELS)}",
                allowed_nl=f"kies een kanaal uit: {', '.join(CHANNEL_LABELS.values())}",
                label_nl="Kanaal",
            )
        out[CHANNELS.index(channel)] = spec.check(value, f"{where}.{channel}")
    return out


# --------------------------------------------------------------------------------------
# cost per contact
# --------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class CostModel:
    """Cost per contact per channel, top-down and bottom-up side by side.

    top-down: a published or own figure per channel [EUR/contact].
    bottom-up: handling time [s] / 3600 x loaded hourly rate [EUR/hour] / productive share
    [-] / concurrency (chat only) + overhead per contact [EUR/contact].

    Parameters are given per channel as mappings (``{"telefoon": 11.0}``); channels not
    given take the shipped defaults. ``method`` chooses which figure the model uses.

    Parameters
    ----------
    method : {"top_down", "bottom_up"}
        Which cost per contact the model uses.
    top_down_eur_per_contact : mapping of str to float
        Cost per contact per channel [EUR/contact].
    handling_time_seconds : mapping of str to float
        Handling time per channel [s/contact].
    overhead_eur_per_contact : mapping of str to float
        Overhead per contact per channel, bottom-up [EUR/contact].
    variable_cost_share : mapping of str to float
        Share of the cost per contact that varies with volume [-], 0-1.
    loaded_hourly_rate_eur : float
        Loaded hourly rate of an employee [EUR/hour].
    productive_share : float
        Productive share of paid hours [-], 0-1.
    chat_concurrency : float
        Chats one agent handles at once [chats/agent].
    """

    method: CostMethod = "top_down"
    top_down_eur_per_contact: Mapping[str, float] = field(default_factory=dict)
    handling_time_seconds: Mapping[str, float] = field(default_factory=dict)
    overhead_eur_per_contact: Mapping[str, float] = field(default_factory=dict)
    variable_cost_share: Mapping[str, float] = field(default_factory=dict)
    loaded_hourly_rate_eur: float = field(default_factory=lambda: params.default_value("loaded_hourly_rate_eur"))
    productive_share: float = field(default_factory=lambda: params.default_value("productive_share"))
    chat_concurrency: float = field(default_factory=lambda: params.default_value("chat_concurrency", channel="chat"))

    def __post_init__(self) -> None:
        if self.method not in ("top_down", "bottom_up"):
            raise InputError(
                "cost.method",
                self.method,
                "allowed is 'top_down' or 'bottom_up'",
                allowed_nl="kies top-down of bottom-up",
                label_nl="Kostenmethode",
            )
        for name in ("loaded_hourly_rate_eur", "productive_share", "chat_concurrency"):
            object.__setattr__(self, name, params.SPECS[name].check(getattr(self, name), f"cost.{name}"))
        arrays = {
            "top_down_eur_per_contact": ("cost_eur_per_contact", params.per_channel("cost_eur_per_contact")),
            "handling_time_seconds": ("handling_time_seconds", params.per_channel("handling_time_seconds")),
            "overhead_eur_per_contact": ("overhead_eur_per_contact", params.per_channel("overhead_eur_per_contact")),
            "variable_cost_share": ("variable_cost_share", params.per_channel("variable_cost_share")),
        }
        for attr, (spec, default) in arrays.items():
            values = _channel_values(spec, getattr(self, attr), default, f"cost.{attr}")
            object.__setattr__(self, attr, MappingProxyType(dict(zip(CHANNELS, values.tolist()))))

    def array(self, attr: str) -> np.ndarray:
        """A per-channel field as an array in :data:`CHANNELS` order."""
        return np.array([getattr(self, attr)[c] for c in CHANNELS])

    def bottom_up_eur_per_contact(self) -> np.ndarray:
        """The bottom-up cost per contact, per channel [EUR/contact] (see :func:`cost_per_contact`)."""
        return self._cost("bottom_up")

    def eur_per_contact(self) -> np.ndarray:
        """The cost per contact the model uses, per channel [EUR/contact]."""
        return self._cost(self.method)

    def _cost(self, method: str) -> np.ndarray:
        return cost_per_contact(
            method,
            self.array("top_down_eur_per_contact"),
            self.array("handling_time_seconds"),
            self.loaded_hourly_rate_eur,
            self.productive_share,
            self.chat_concurrency,
            self.array("overhead_eur_per_contact"),
        )

    def table(self) -> pd.DataFrame:
        """Both methods side by side, per channel."""
        return pd.DataFrame(
            {
                "channel": CHANNELS,
                "label_nl": [CHANNEL_LABELS[c] for c in CHANNELS],
                "top_down_eur_per_contact": self.array("top_down_eur_per_contact"),
                "bottom_up_eur_per_contact": self.bottom_up_eur_per_contact(),
                "handling_time_seconds": self.array("handling_time_seconds"),
                "variable_cost_share": self.array("variable_cost_share"),
                "used_eur_per_contact": self.eur_per_contact(),
            }
        ).set_index("channel")


# --------------------------------------------------------------------------------------
# resident segments
# --------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Segments:
    """Resident segments (zelfstandig / beperkt zelfstandig / afhankelijk) and their floors.

    ``share``: part of the residents (and of their contacts) in each segment, summing to 1.
    ``assisted_floor_share``: part of each segment's contacts that must stay on an
    assisted channel; a channel shift never pushes a segment below it.

    Without ``share`` the shares are the defaults: those derived for ``gemeente`` (CBS age
    structure x national digital skills, ``omnicalc/defaults/segments_per_gemeente.csv``), or
    the national row without a gemeente. A share given for any segment overrides them: the
    segments not given then take the national row. A :class:`Baseline` with a gemeente code
    fills in ``gemeente`` itself.

    Parameters
    ----------
    share : mapping of str to float
        Share of residents per segment (zelfstandig, beperkt zelfstandig, afhankelijk) [-]; sums to 1.
    assisted_floor_share : mapping of str to float
        Least share of each segment's contacts that stays on assisted channels [-], 0-1.
    gemeente : str
        CBS code (GM0417) whose derived shares are the default; empty (or a code without
        derived shares): the national row.
    """

    share: Mapping[str, float] = field(default_factory=dict)
    assisted_floor_share: Mapping[str, float] = field(default_factory=dict)
    gemeente: str = ""
    #: Whether ``share`` was given (an override of the defaults); set by ``__post_init__``.
    share_given: ClassVar[bool] = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "share_given", bool(self.share))
        for attr, spec in (("share", "segment_share"), ("assisted_floor_share", "assisted_floor_share")):
            values = params.per_segment(spec)
            if attr == "share" and self.gemeente and not self.share_given:
                values = params.gemeente_segment_shares([self.gemeente])[0]
            _require_mapping(getattr(self, attr), f"segments.{attr}")
            for seg, v in getattr(self, attr).items():
                if seg not in SEGMENTS:
                    raise InputError(
                        f"segments.{attr}.{seg}",
                        seg,
                        f"segment must be one of {', '.join(SEGMENTS)}",
                        allowed_nl=f"kies uit: {', '.join(SEGMENT_LABELS.values())}",
                        label_nl="Inwonersgroep",
                    )
                values[SEGMENTS.index(seg)] = params.SPECS[spec].check(v, f"segments.{attr}.{seg}")
            object.__setattr__(self, attr, MappingProxyType(dict(zip(SEGMENTS, values.tolist()))))
        total = sum(self.share.values())
        if abs(total - 1.0) > 1e-6:
            raise InputError(
                "segments.share",
                dict(self.share),
                "the segment shares must add up to 1",
                allowed_nl="de aandelen van de inwonersgroepen moeten samen 100% zijn",
                label_nl="Aandelen inwonersgroepen",
            )

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        return (np.array([self.share[s] for s in SEGMENTS]), np.array([self.assisted_floor_share[s] for s in SEGMENTS]))

    def for_gemeente(self, code: str) -> Segments:
        """The same segments with ``code``'s derived shares as the default (a given share still wins)."""
        return Segments(dict(self.share) if self.share_given else {}, self.assisted_floor_share, code)

    def share_per_gemeente(self, codes: Sequence[str]) -> np.ndarray:
        """The shares of each gemeente (len(codes), segment): the given ones, else each gemeente's derived ones."""
        if self.share_given:
            return np.broadcast_to(self.arrays()[0], (len(codes), len(SEGMENTS)))
        return params.gemeente_segment_shares(codes)


# --------------------------------------------------------------------------------------
# baseline
# --------------------------------------------------------------------------------------
def _check_reason_shares(shares: np.ndarray, where: str) -> np.ndarray:
    shares = np.asarray(shares, dtype=float)
    if shares.shape != (len(CHANNELS), len(REASONS)):
        raise InputError(where, shares.shape, f"shape must be ({len(CHANNELS)}, {len(REASONS)})")
    spec = params.SPECS["reason_share"]
    for i, c in enumerate(CHANNELS):
        for j, r in enumerate(REASONS):
            spec.check(shares[i, j], f"{where}.{c}.{r}")
        if abs(shares[i].sum() - 1.0) > 1e-6:
            raise InputError(
                f"{where}.{c}",
                dict(zip(REASONS, shares[i].round(4).tolist())),
                "the reason shares of a channel must add up to 1",
                allowed_nl=f"de aandelen per contactreden van {CHANNEL_LABELS[c]} moeten samen 100% zijn",
                label_nl="Contactredenen",
            )
    return shares


def status_share(volume: np.ndarray) -> np.ndarray:
    """The status-question share of each row of volumes (..., reason) -> (...); 0 for an empty row."""
    total = volume.sum(axis=-1)
    return np.where(total > 0, volume[..., STATUS] / np.where(total > 0, total, 1.0), 0.0)


def set_status_share(volume: np.ndarray, share: np.ndarray | float) -> np.ndarray:
    """Volumes (or shares) per reason (..., reason) with status questions set to ``share`` of each row's total.

    Row totals are kept; the other reasons keep their proportions (equal parts if they were
    all zero). ``share`` broadcasts over the leading axes. The one place of this formula.
    """
    volume = np.asarray(volume, dtype=float)
    share = np.asarray(share, dtype=float)[..., None]
    total = volume.sum(axis=-1, keepdims=True)
    status = volume[..., STATUS : STATUS + 1]
    osum = total - status
    others = np.where(osum > 0, volume / np.where(osum > 0, osum, 1.0), 1.0 / (volume.shape[-1] - 1))
    out = others * (total * (1.0 - share))
    out[..., STATUS : STATUS + 1] = total * share
    return out


@dataclass(frozen=True, eq=False)
class Baseline:
    """One municipality in one year, before any lever.

    Build it with :meth:`from_population` (volumes estimated from inhabitants),
    :meth:`from_channel_volumes` (own totals per channel, split over reasons by the
    default shares) or :func:`baseline_for_gemeente`.

    Attributes
    ----------
    volume_per_year : ndarray, shape (channel, reason)
        Contacts per year [contacts/year]; read-only.
    """

    name: str
    population: int
    volume_per_year: np.ndarray
    cost: CostModel = field(default_factory=CostModel)
    segments: Segments = field(default_factory=Segments)
    repeat_contact_share: Mapping[str, float] = field(default_factory=dict)
    code: str = ""
    #: True when the volumes are estimated from population x contacts per inhabitant (so they are uncertain)
    volume_estimated: bool = False
    #: The channels the gemeente offers (estimated volumes of the others went to phone and e-mail)
    channels_offered: tuple[str, ...] = CHANNELS

    def __post_init__(self) -> None:
        object.__setattr__(self, "population", int(params.SPECS["population"].check(self.population, "population")))
        v = np.asarray(self.volume_per_year, dtype=float)
        if v.shape != (len(CHANNELS), len(REASONS)):
            raise InputError("volume_per_year", v.shape, f"shape must be ({len(CHANNELS)}, {len(REASONS)})")
        spec = params.SPECS["volume_per_year"]
        for (i, j), x in np.ndenumerate(v):
            if not (np.isfinite(x) and spec.hard_min <= x <= spec.hard_max):
                spec.check(x, f"volume_per_year.{CHANNELS[i]}.{REASONS[j]}")
        object.__setattr__(self, "volume_per_year", _frozen(v))
        rep = _channel_values(
            "repeat_contact_share",
            self.repeat_contact_share,
            params.per_channel("repeat_contact_share"),
            "repeat_contact_share",
        )
        object.__setattr__(self, "repeat_contact_share", MappingProxyType(dict(zip(CHANNELS, rep.tolist()))))
        if self.code and not self.segments.gemeente:  # the gemeente's own segment shares, unless given
            object.__setattr__(self, "segments", self.segments.for_gemeente(self.code))

    # -- constructors -------------------------------------------------------------------
    @classmethod
    def from_channel_volumes(
        cls,
        volumes_per_year: Mapping[str, float],
        *,
        population: int,
        name: str = "",
        reason_shares: np.ndarray | None = None,
        code: str = "",
        **kwargs: object,
    ) -> Baseline:
        """Own yearly totals per channel; channels not given have zero contacts.

        Totals are split over contact reasons by ``reason_shares`` (channel x reason,
        rows adding up to 1; default: the shipped shares).

        Parameters
        ----------
        volumes_per_year : mapping of str to float
            Contacts per year per channel [contacts/year]; channels left out have none.
        population : int
            Inhabitants [inhabitants].
        name : str
            Name of the gemeente, for labels.
        code : str
            CBS code of the gemeente (GM0344), for labels.
        reason_shares : array or None
            Share of each contact reason per channel [-], shape (channel, reason); None: the defaults.
        **kwargs
            ``cost``, ``segments``, ``repeat_contact_share`` of the baseline.
        """
        totals = _channel_values("volume_per_year", volumes_per_year, np.zeros(len(CHANNELS)), "volume_per_year")
        shares = _check_reason_shares(
            params.reason_shares() if reason_shares is None else reason_shares, "reason_shares"
        )
        return cls(name=name, population=population, volume_per_year=totals[:, None] * shares, code=code, **kwargs)  # type: ignore[arg-type]

    @classmethod
    def from_population(
        cls,
        population: int,
        *,
        name: str = "",
        code: str = "",
        contacts_per_inhabitant_per_year: Mapping[str, float] | None = None,
        reason_shares: np.ndarray | None = None,
        channels_offered: Collection[str] | None = None,
        **kwargs: object,
    ) -> Baseline:
        """Volumes estimated as population x contacts per inhabitant per channel (defaults or given).

        A channel the gemeente does not offer gets no contacts: its estimated contacts go to
        phone and e-mail, in proportion to theirs (an *aanname*: who cannot chat, calls or mails).

        Parameters
        ----------
        population : int
            Inhabitants [inhabitants].
        name : str
            Name of the gemeente, for labels.
        code : str
            CBS code of the gemeente (GM0344), for labels.
        contacts_per_inhabitant_per_year : mapping of str to float or None
            Contacts per inhabitant per channel [contacts/inhabitant/year]; None: the defaults.
        reason_shares : array or None
            Share of each contact reason per channel [-], shape (channel, reason); None: the defaults.
        channels_offered : collection of str or None
            The channels the gemeente offers; None: :func:`default_channels_offered` for its size.
        **kwargs
            ``cost``, ``segments``, ``repeat_contact_share`` of the baseline.
        """
        pop = params.SPECS["population"].check(population, "population")
        offered = default_channels_offered(pop) if channels_offered is None else check_channels(channels_offered)
        volume = offer_channels(
            pop * volume_per_inhabitant(contacts_per_inhabitant_per_year, reason_shares), offered_mask(offered)
        )
        return cls(
            name=name,
            population=population,
            volume_per_year=volume,
            code=code,
            volume_estimated=True,
            channels_offered=offered,
            **kwargs,  # type: ignore[arg-type]
        )

    # -- variants -----------------------------------------------------------------------
    def with_status_question_share(self, share: float, channels: tuple[str, ...] | None = None) -> Baseline:
        """A new baseline where status questions are ``share`` of the contacts of ``channels``.

        The other reasons keep their proportions; channel totals do not change.
        Default channels: the assisted channels that have status questions.

        Parameters
        ----------
        share : float
            Share of status questions among the contacts of ``channels`` [-], 0-1.
        channels : tuple of str or None
            Channels to set; None: the assisted channels that have status questions.
        """
        share = params.SPECS["reason_share"].check(share, "status_question_share")
        v = self.volume_per_year.copy()
        for c in channels or [c for c, a in zip(CHANNELS, ASSISTED_MASK) if a]:
            if c not in CHANNELS:
                raise InputError("status_question_share.channels", c, f"channel must be one of {', '.join(CHANNELS)}")
        rows = [CHANNELS.index(c) for c in channels or [c for c, a in zip(CHANNELS, ASSISTED_MASK) if a]]
        v[rows] = set_status_share(v[rows], share)
        return replace(self, volume_per_year=v)

    def with_cost(self, **changes: Any) -> Baseline:
        """A new baseline with the cost model changed (``method=``, ``top_down_eur_per_contact=`` ...)."""
        return replace(self, cost=replace(self.cost, **changes))

    # -- views --------------------------------------------------------------------------
    @property
    def volume_per_channel(self) -> pd.Series:
        return pd.Series(
            self.volume_per_year.sum(axis=1), index=pd.Index(CHANNELS, name="channel"), name="volume_per_year"
        )

    def volume_table(self) -> pd.DataFrame:
        """Contacts per year, channel x reason."""
        return pd.DataFrame(
            self.volume_per_year, index=pd.Index(CHANNELS, name="channel"), columns=pd.Index(REASONS, name="reason")
        )


#: Chat and WhatsApp/social are offered by default from the size of the smallest gemeente with a published
#: volume: Leek (19.669 inhabitants, WhatsApp about 4 messages a working day, 2018; dekrantnieuws.nl). Below it no
#: named gemeente publishes one (OBI4wan 2020 reports gemeenten under 25.000 with live chat, 6 chats a week on
#: average, without names or sizes); a smaller gemeente that offers them says so in ``channels_offered``.
LIVE_DIGITAL_FROM_POPULATION = 19_669
#: The channels a small gemeente does not offer by default.
OPTIONAL_CHANNELS: tuple[str, ...] = ("chat", "whatsapp_social")
#: Where the contacts of a channel not offered go (in proportion to these channels' own contacts).
FALLBACK_CHANNELS: tuple[str, ...] = ("telefoon", "email")


def default_channels_offered(population: float) -> tuple[str, ...]:
    """Every channel; below :data:`LIVE_DIGITAL_FROM_POPULATION` inhabitants without chat and WhatsApp/social."""
    if population < LIVE_DIGITAL_FROM_POPULATION:
        return tuple(c for c in CHANNELS if c not in OPTIONAL_CHANNELS)
    return CHANNELS


def check_channels(channels: Collection[str], where: str = "baseline.channels_offered") -> tuple[str, ...]:
    """Channel names, in array order; unknown names or a missing fallback channel are an error."""
    if isinstance(channels, str) or not all(isinstance(c, str) for c in channels):
        raise InputError(where, channels, "a list of channel names")
    unknown = sorted(set(channels) - set(CHANNELS))
    if unknown:
        raise InputError(
            where,
            ", ".join(unknown),
            f"channels are {', '.join(CHANNELS)}",
            allowed_nl=f"kanalen zijn {', '.join(CHANNELS)}",
            label_nl="Aangeboden kanalen",
        )
    missing = [c for c in FALLBACK_CHANNELS if c not in channels]
    if missing:
        raise InputError(
            where,
            ", ".join(missing),
            "phone and e-mail are always offered (they take the contacts of channels not offered)",
            allowed_nl="telefoon en e-mail zijn er altijd (zij krijgen de contacten van kanalen die er niet zijn)",
            label_nl="Aangeboden kanalen",
        )
    return tuple(c for c in CHANNELS if c in channels)


def offer_channels(volume: np.ndarray, offered: np.ndarray) -> np.ndarray:
    """Volumes (..., channel, reason) with the contacts of channels not offered moved to phone and e-mail.

    ``offered`` is a boolean mask (..., channel). Per reason, in proportion to the contacts phone and
    e-mail already have of that reason.
    """
    v = np.array(volume, dtype=float)
    off = ~np.asarray(offered, dtype=bool)
    if not off.any():
        return v
    moved = (v * off[..., None]).sum(axis=-2)  # (..., reason)
    to = [CHANNELS.index(c) for c in FALLBACK_CHANNELS]
    base = v[..., to, :]
    total = base.sum(axis=-2, keepdims=True)
    share = np.where(total > 0, base / np.where(total > 0, total, 1.0), 1.0 / len(to))
    v[..., to, :] += share * moved[..., None, :]
    v[off] = 0.0
    return v


def offered_mask(channels: Collection[str]) -> np.ndarray:
    return np.array([c in channels for c in CHANNELS])


def default_offered(populations: np.ndarray) -> np.ndarray:
    """(gemeente, channel): the channels each gemeente offers by default (:func:`default_channels_offered`)."""
    return np.stack([offered_mask(default_channels_offered(p)) for p in np.asarray(populations, dtype=float)])


def volume_per_inhabitant(
    contacts_per_inhabitant_per_year: Mapping[str, float] | None = None, reason_shares: np.ndarray | None = None
) -> np.ndarray:
    """Contacts per inhabitant per year, channel x reason: rate per channel x reason shares (defaults or given)."""
    rates = _channel_values(
        "contacts_per_inhabitant_per_year",
        contacts_per_inhabitant_per_year,
        params.per_channel("contacts_per_inhabitant_per_year"),
        "contacts_per_inhabitant_per_year",
    )
    shares = _check_reason_shares(params.reason_shares() if reason_shares is None else reason_shares, "reason_shares")
    return rates[:, None] * shares


def baseline_for_gemeente(name_or_code: str, **kwargs: object) -> Baseline:
    """Baseline of a municipality estimated from its CBS 2024 population and the defaults.


    Parameters
    ----------
    name_or_code : str
        CBS 2024 name or code (GM0344), or a common name such as Den Haag.
    **kwargs
        Passed to :meth:`Baseline.from_population` (e.g. ``cost=CostModel(...)``).

    Examples
    --------
    >>> b = baseline_for_gemeente("Utrecht")
    >>> b.population, b.volume_estimated
    (374238, True)
    """
    g = find_gemeente(name_or_code)
    return Baseline.from_population(int(g["population"]), name=str(g["name"]), code=str(g.name), **kwargs)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# scenario: the registered levers
# --------------------------------------------------------------------------------------
@dataclass(frozen=True, init=False)
class Scenario:
    """A set of levers; applied to a baseline by :func:`evaluate`. The empty scenario changes nothing.

    Every registered lever (:data:`omnicalc.levers.LEVERS`) is a keyword argument under its
    section name and an attribute: ``Scenario(status_portal=StatusPortal(0.6, 0.5, 0.2))``,
    ``scenario.status_portal``, ``scenario.channel_shifts``. Levers not given are off.

    Parameters
    ----------
    name : str
        Shown in tables, reports and file names.
    levers : mapping of str to settings or None
        Lever settings by section name (the keyword arguments override it).
    **settings
        Lever settings by section name: ``status_portal``, ``proactive_status``,
        ``repeat_contacts``, ``channel_shifts`` (a tuple of :class:`ChannelShift`).
    """

    name: str
    levers: Mapping[str, Any]

    def __init__(self, name: str = "", *, levers: Mapping[str, Any] | None = None, **settings: Any) -> None:
        if not isinstance(name, str):
            raise InputError("name", name, "a text is required", allowed_nl="een tekst is nodig", label_nl="Naam")
        given = dict(levers or {}, **settings)
        unknown = sorted(set(given) - set(BY_SECTION))
        if unknown:
            raise InputError(
                unknown[0],
                ", ".join(unknown),
                "levers are " + ", ".join(BY_SECTION),
                allowed_nl="kies een hefboom uit: " + ", ".join(lv.label_nl for lv in LEVERS),
                label_nl="Hefboom",
            )
        object.__setattr__(self, "name", name)
        object.__setattr__(
            self,
            "levers",
            MappingProxyType(
                {lv.section: lv.check(given[lv.section]) if lv.section in given else lv.default() for lv in LEVERS}
            ),
        )

    def __getattr__(self, section: str) -> Any:
        levers = self.__dict__.get("levers")
        if levers is not None and section in levers:
            return levers[section]
        raise AttributeError(section)

    def __repr__(self) -> str:
        x = lever_values(self)
        active = ", ".join(f"{s}={v!r}" for s, v in self.levers.items() if BY_SECTION[s].active(v, x))
        return f"Scenario(name={self.name!r}{', ' + active if active else ''})"

    def inputs(self) -> list[LeverInput]:
        """Every numeric lever input of this scenario, by path, in lever order."""
        cached = self.__dict__.get("_inputs")
        if cached is None:
            cached = [i for lv in LEVERS for i in lv.inputs(self.levers[lv.section])]
            object.__setattr__(self, "_inputs", cached)
        return list(cached)

    def with_value(self, path: str, value: float) -> Scenario:
        """The scenario with one lever input replaced, by path (``status_portal.reach_share``)."""
        lever = lever_for_path(path)
        if lever is None:
            raise InputError(
                "lever",
                path,
                "one of " + ", ".join(i.path for i in self.inputs()),
                allowed_nl="kies een hefboom van het scenario",
                label_nl="Hefboom",
            )
        settings = lever.with_value(self.levers[lever.section], path, value)
        return Scenario(self.name, levers=dict(self.levers, **{lever.section: settings}))


def lever_values(scenario: Scenario) -> dict[str, np.ndarray]:
    """The scenario's numeric lever inputs as (read-only) arrays, by path (the kernel's lever input)."""
    cached = scenario.__dict__.get("_values")
    if cached is None:
        cached = {i.path: _frozen(np.asarray(i.value)) for i in scenario.inputs()}
        object.__setattr__(scenario, "_values", cached)
    return dict(cached)


def ramped(
    scenario: Scenario, x: Mapping[str, np.ndarray], factors: Mapping[str, np.ndarray | float]
) -> dict[str, np.ndarray]:
    """Lever inputs with each lever's ramped inputs times its ramp factor (``factors`` by lever key).

    A factor may be an array (U,): the ramped inputs then get a leading axis of U ramp steps,
    so that one kernel call evaluates every step.
    """
    paths = scenario.__dict__.get("_ramped")
    if paths is None:
        paths = [(lv.key, lv.ramped_paths(scenario.levers[lv.section])) for lv in LEVERS]
        object.__setattr__(scenario, "_ramped", paths)
    out = dict(x)
    for key, lever_paths in paths:
        f = np.asarray(factors.get(key, 1.0), dtype=float)
        for path in lever_paths:
            value = np.asarray(out[path])
            out[path] = value * f.reshape(f.shape + (1,) * value.ndim)
    return out


# --------------------------------------------------------------------------------------
# the vectorised kernel
# --------------------------------------------------------------------------------------
def split_segments(volume: np.ndarray, seg_share: np.ndarray, floor: np.ndarray) -> np.ndarray:
    """Split volumes (..., channel, reason) over segments -> (..., segment, channel, reason).

    ``seg_share`` and ``floor`` have shape (..., segment). Per reason, each segment's total is
    its share of all contacts, and each keeps at least its floor share on its floor channels
    (:func:`omnicalc.inclusion.floor_mask`: personal channels for *afhankelijk*, staffed ones for
    the others). The channels are attributed by role: self-service contacts to the segments in
    proportion to their room off the floor (share x (1 - floor)); digitally assisted contacts to
    the segments for which they count toward the floor in proportion to what is left of their
    total, to the others only within what is left of their room; personal contacts make up each
    segment's total. A role goes only to the segments the UWV model allows it at the reason's
    complexity (:func:`omnicalc.inclusion.allowed_roles`). Where that is not possible (more
    self-service or digital contacts than the segments' room: the given volumes and segment
    shares disagree), each role of that reason is split by share among the segments allowed it.
    """
    tol = 1e-9
    total = volume.sum(axis=-2)  # (..., R)
    group = {role: (volume * _ROLE_MASK[role][:, None]).sum(axis=-2) for role in ("self_service", "assisted")}
    share = seg_share[..., :, None]  # (..., S, 1)
    cap = share * total[..., None, :]  # (..., S, R): each segment's total
    room = (1.0 - floor[..., :, None]) * cap  # (..., S, R): its room off the floor

    def spread(amount: np.ndarray, capacity: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        capacity = np.maximum(capacity, 0.0)
        cap_sum = capacity.sum(axis=-2)  # (..., R)
        ok = amount <= cap_sum * (1 + tol) + tol
        with np.errstate(divide="ignore", invalid="ignore"):
            part = np.where(cap_sum[..., None, :] > 0, amount[..., None, :] * capacity / cap_sum[..., None, :], 0.0)
        return part, ok

    allowed = inclusion.allowed_roles()  # (S, role, R): the UWV model
    w, ok_w = spread(group["self_service"], room * allowed[:, inclusion.ROLES.index("self_service"), :])
    assisted_counts = _ASSISTED_IN_FLOOR[:, None]  # (S, 1)
    d_capacity = np.where(assisted_counts, cap - w, room - w) * allowed[:, inclusion.ROLES.index("assisted"), :]
    d, ok_d = spread(group["assisted"], d_capacity)
    p = cap - w - d  # (..., S, R): personal contacts make up each segment's total
    feasible = (ok_w & ok_d & (p >= -tol * (1 + total[..., None, :])).all(axis=-2))[..., None, :]  # (..., 1, R)
    with np.errstate(divide="ignore", invalid="ignore"):
        fallback = {  # by share among the segments the UWV model allows the role
            role: np.where(allowed[:, k, :], share, 0.0)
            / np.where(allowed[:, k, :], share, 0.0).sum(axis=-2, keepdims=True)
            for k, role in enumerate(inclusion.ROLES)
        }
        frac = {
            role: np.where(
                feasible & (amount > 0)[..., None, :],
                part / np.where(amount > 0, amount, 1.0)[..., None, :],
                np.nan_to_num(fallback[role]),
            )
            for role, part, amount in (
                ("self_service", w, group["self_service"]),
                ("assisted", d, group["assisted"]),
                ("personal", p, total - group["self_service"] - group["assisted"]),
            )
        }
    out = np.zeros(volume.shape[:-2] + (len(SEGMENTS),) + volume.shape[-2:])
    for role, f in frac.items():
        out += volume[..., None, :, :] * (f[..., :, None, :] * _ROLE_MASK[role][:, None])
    return out


@dataclass(frozen=True, eq=False)
class ModelArrays:
    """The baseline as arrays with any leading batch shape B (municipalities, draws, or none).

    volume (B, channel, reason); cost, variable and repeat shares (B, channel);
    segment shares and floors (B, segment).
    """

    volume: np.ndarray
    cost_eur_per_contact: np.ndarray
    variable_cost_share: np.ndarray
    repeat_contact_share: np.ndarray
    segment_share: np.ndarray
    assisted_floor_share: np.ndarray

    @classmethod
    def from_baseline(cls, b: Baseline) -> ModelArrays:
        seg, floor = b.segments.arrays()
        return cls(
            b.volume_per_year,
            b.cost.eur_per_contact(),
            b.cost.array("variable_cost_share"),
            np.array([b.repeat_contact_share[c] for c in CHANNELS]),
            seg,
            floor,
        )


@dataclass(frozen=True)
class _Steps:
    """Volumes after each lever, per segment where needed, and what the levers report."""

    totals: tuple[np.ndarray, ...]  # (..., C, R): baseline, then after each lever
    segment_before: np.ndarray  # (..., S, C, R)
    segment_last: np.ndarray  # (..., S, C, R) after the last per-segment lever
    pending: np.ndarray | float  # (..., C, R): the cell levers' factors since then
    running_cost_eur: np.ndarray  # (..., lever): yearly cost of running each lever
    details: Mapping[str, Mapping[str, np.ndarray]]  # lever key -> its own figures

    @property
    def segment_after(self) -> np.ndarray:
        """The volumes per segment after every lever (only the evaluation needs them, not a business case)."""
        if isinstance(self.pending, np.ndarray):
            return self.segment_last * self.pending[..., None, :, :]
        return self.segment_last

    @property
    def shift_requested(self) -> np.ndarray:
        return self.details["channel_shift"]["requested_per_year"]

    @property
    def shift_moved(self) -> np.ndarray:
        return self.details["channel_shift"]["moved_per_year"]


def needs_segments(scenario: Scenario) -> bool:
    """Whether any lever of the scenario needs the volumes split over resident segments."""
    return any(lv.needs_segments(scenario.levers[lv.section]) for lv in LEVERS)


def segment_volumes(m: ModelArrays, with_segments: bool = True) -> np.ndarray:
    """The baseline volumes per segment (..., S, C, R); without segments S = 1 (enough without shifts)."""
    if with_segments:
        return split_segments(m.volume, m.segment_share, m.assisted_floor_share)
    return m.volume[..., None, :, :]


def active_levers(scenario: Scenario, x: Mapping[str, np.ndarray]) -> tuple[bool, ...]:
    """Which registered levers can change anything with these inputs, in registry order."""
    return tuple(lv.active(scenario.levers[lv.section], x) for lv in LEVERS)


def run_levers(
    m: ModelArrays,
    x: Mapping[str, np.ndarray],
    scenario: Scenario,
    v0: np.ndarray | None = None,
    active: tuple[bool, ...] | None = None,
) -> _Steps:
    """Apply the registered levers in order on batched arrays; every input broadcasts over the batch shape.

    ``x`` holds the lever inputs by path (:func:`lever_values`, possibly ramped or drawn);
    ``v0`` is :func:`segment_volumes` of ``m`` and ``active`` :func:`active_levers` (computed
    here when not given; a caller that runs many ramp steps computes them once). Cell levers
    (the same factor for every segment) act on the totals; their factors are carried to the
    segment volumes once, before a per-segment lever and at the end.
    """
    v = segment_volumes(m, needs_segments(scenario)) if v0 is None else v0
    v_start = v
    total = m.volume
    totals: list[np.ndarray] = [total]
    pending: np.ndarray | float = 1.0  # product of the cell factors not yet applied to v
    details = {}
    batch_shape = np.broadcast_shapes(m.volume.shape[:-2], *{np.asarray(a).shape for a in x.values()})
    running = np.zeros(batch_shape + (len(LEVERS),))
    active = active_levers(scenario, x) if active is None else active
    for j, lv in enumerate(LEVERS):
        settings = scenario.levers[lv.section]
        if not active[j]:
            details[lv.key] = lv.idle_details(batch_shape)
            totals.append(total)
            continue
        if lv.per_segment:
            own = v * pending[..., None, :, :] if isinstance(pending, np.ndarray) else v
            if own is v or own.shape[:-3] != batch_shape:  # the lever's own array, with the full batch shape
                own = np.array(np.broadcast_to(own, batch_shape + own.shape[-3:]))
            out = lv.apply(own, x, m, settings)
            pending, v = 1.0, out.volume
            total = v.sum(axis=-3)
        else:
            out = lv.factor(total, x, m, settings)
            pending = out.volume if isinstance(pending, float) else out.volume * pending
            total = total * out.volume
        if not (np.isscalar(out.running_cost_eur) and out.running_cost_eur == 0):
            running[..., j] = out.running_cost_eur
        details[lv.key] = dict(out.details or {})
        totals.append(total)
    return _Steps(tuple(totals), v_start, v, pending, running, details)


def lever_costs(steps: _Steps, cost_eur_per_contact: np.ndarray) -> np.ndarray:
    """Cost [EUR/year] at each step, shape (..., 1 + levers)."""
    out: list[np.ndarray] = []
    for i, a in enumerate(steps.totals):  # a lever that was off left the same array: its cost is the one before
        same = i > 0 and a is steps.totals[i - 1]
        out.append(out[-1] if same else np.einsum("...cr,...c->...", a, cost_eur_per_contact))
    return np.stack(np.broadcast_arrays(*out), axis=-1)


# --------------------------------------------------------------------------------------
# results
# --------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Result:
    """The evaluation of one scenario on one baseline (one year, levers at full effect).

    Tables are labelled pandas objects with units in their column names.
    """

    baseline: Baseline
    scenario: Scenario
    segment_volume_before: np.ndarray  # (segment, channel, reason) [contacts/year]
    segment_volume_after: np.ndarray
    lever_cost_eur_per_year: np.ndarray  # cost after baseline and after each lever, shape (1 + levers,)
    details: Mapping[str, Mapping[str, np.ndarray]]  # lever key -> its own figures (per shift: (shifts,))
    cost_eur_per_contact: np.ndarray  # (channel,)
    running_cost_eur_per_year: np.ndarray  # (levers,): yearly cost of running each lever (messages, ...)

    @property
    def volume_before(self) -> np.ndarray:
        return self.segment_volume_before.sum(axis=0)

    @property
    def shift_requested_per_year(self) -> np.ndarray:
        return np.asarray(self.details["channel_shift"]["requested_per_year"], dtype=float).reshape(-1)

    @property
    def shift_moved_per_year(self) -> np.ndarray:
        return np.asarray(self.details["channel_shift"]["moved_per_year"], dtype=float).reshape(-1)

    @property
    def volume_after(self) -> np.ndarray:
        return self.segment_volume_after.sum(axis=0)

    @property
    def cost_before_eur_per_year(self) -> float:
        return float(self.lever_cost_eur_per_year[0])

    @property
    def cost_after_eur_per_year(self) -> float:
        return float(self.lever_cost_eur_per_year[-1])

    @property
    def saving_eur_per_year(self) -> float:
        """Gross saving at full cost per contact [EUR/year]: all cost treated as movable."""
        return self.cost_before_eur_per_year - self.cost_after_eur_per_year

    @property
    def saving_variable_eur_per_year(self) -> float:
        """The part of the saving that is variable cost and so falls away at once [EUR/year]."""
        return float(self.per_channel["saving_variable_eur_per_year"].sum())

    @cached_property
    def per_channel(self) -> pd.DataFrame:
        """Volumes and cost per channel, before and after."""
        before, after = self.volume_before.sum(axis=1), self.volume_after.sum(axis=1)
        cpc = self.cost_eur_per_contact
        variable = self.baseline.cost.array("variable_cost_share")
        return pd.DataFrame(
            {
                "label_nl": [CHANNEL_LABELS[c] for c in CHANNELS],
                "assisted": list(ASSISTED_MASK),
                "volume_before_per_year": before,
                "volume_after_per_year": after,
                "cost_eur_per_contact": cpc,
                "cost_before_eur_per_year": before * cpc,
                "cost_after_eur_per_year": after * cpc,
                "saving_eur_per_year": (before - after) * cpc,
                "saving_variable_eur_per_year": (before - after) * cpc * variable,
            },
            index=pd.Index(CHANNELS, name="channel"),
        )

    @cached_property
    def per_lever(self) -> pd.DataFrame:
        """Saving per lever, in the order applied (a waterfall from cost before to cost after)."""
        costs = self.lever_cost_eur_per_year
        return pd.DataFrame(
            {
                "label_nl": [LEVER_LABELS[k] for k in LEVER_KEYS],
                "saving_eur_per_year": costs[:-1] - costs[1:],
                "running_cost_eur_per_year": self.running_cost_eur_per_year,
            },
            index=pd.Index(LEVER_KEYS, name="lever"),
        )

    @cached_property
    def per_reason(self) -> pd.DataFrame:
        """Contacts per reason before and after."""
        return pd.DataFrame(
            {
                "label_nl": [REASON_LABELS[r] for r in REASONS],
                "volume_before_per_year": self.volume_before.sum(axis=0),
                "volume_after_per_year": self.volume_after.sum(axis=0),
            },
            index=pd.Index(REASONS, name="reason"),
        )

    @cached_property
    def per_segment(self) -> pd.DataFrame:
        """Each segment's share of contacts on its floor channels (personal for *afhankelijk*, staffed for the
        others, :data:`omnicalc.inclusion.FLOOR_ROLES`) before and after, next to its floor."""
        mask = inclusion.floor_mask()

        def floor_share(v: np.ndarray) -> np.ndarray:
            total = v.sum(axis=(1, 2))
            on = (v * mask[:, :, None]).sum(axis=(1, 2))
            with np.errstate(invalid="ignore", divide="ignore"):
                return np.where(total > 0, on / total, 0.0)

        _, floor = self.baseline.segments.arrays()
        return pd.DataFrame(
            {
                "label_nl": [SEGMENT_LABELS[s] for s in SEGMENTS],
                "floor_roles_nl": [
                    " of ".join(inclusion.ROLE_LABELS_NL[r] for r in inclusion.FLOOR_ROLES[s]) for s in SEGMENTS
                ],
                "floor_share_before": floor_share(self.segment_volume_before),
                "floor_share_after": floor_share(self.segment_volume_after),
                "assisted_floor_share": floor,
            },
            index=pd.Index(SEGMENTS, name="segment"),
        )

    @cached_property
    def per_shift(self) -> pd.DataFrame:
        """Per channel shift: contacts asked to move, moved, and kept where they were — in person (passports
        at the counter), because the to-channel cannot handle the reason, by the UWV model or by a floor —
        with one Dutch sentence when something was kept."""
        shifts = self.scenario.channel_shifts
        d = {k: np.asarray(v, dtype=float).reshape(-1) for k, v in self.details["channel_shift"].items()}
        table = pd.DataFrame(
            {
                "from_channel": [s.from_channel for s in shifts],
                "to_channel": [s.to_channel for s in shifts],
                "reason": [s.reason or "" for s in shifts],
                "share": [s.share for s in shifts],
                **d,
            }
        )
        table["capped"] = table["moved_per_year"] < table["requested_per_year"] - 1e-6  # by any inclusion rule
        table["note_nl"] = [inclusion.shift_note_nl(shift, row) for shift, row in zip(shifts, table.to_dict("records"))]
        return table

    def inclusion_notes_nl(self) -> list[str]:
        """Dutch sentences for every lever that left contacts where they were because of the inclusion rules."""
        out = [n for n in self.per_shift["note_nl"] if n]
        return out + [n for n in (self.inclusion_note_nl(lv.key) for lv in LEVERS) if n]

    def inclusion_note_nl(self, lever: str) -> str:
        """The Dutch sentence for one avoiding lever (by key) that kept contacts on a personal or staffed
        channel because of the inclusion rules; "" if it kept none (channel shifts: :attr:`per_shift`)."""
        kept = self.details.get(lever, {}).get("kept_by_inclusion_per_year")
        if kept is None or float(np.sum(kept)) <= 0.5:
            return ""
        return (
            f"{BY_KEY[lever].label_nl}: {fmt.num(float(np.sum(kept)))} {BY_KEY[lever].kept_nl} per jaar blijven op een "
            "persoonlijk kanaal (afhankelijke inwoners) of een bemand kanaal (beperkt zelfstandigen), omdat zij het "
            "niet (helemaal) zelf kunnen (UWV-kanaalsturingsmodel, inclusievloer)."
        )

    @property
    def kpis(self) -> pd.DataFrame:
        """The KPIs now (row ``"before"``) and at full effect (``"after"``): :func:`omnicalc.kpis.kpi_table`."""
        table = kpi_table(
            np.stack([self.volume_before, self.volume_after]), self.cost_eur_per_contact, self.baseline.population
        )
        table.index = pd.Index(["before", "after"])
        return table

    def summary(self) -> pd.Series:
        """The headline figures as one labelled series."""
        b = self.baseline
        before, after = self.volume_before, self.volume_after
        k = self.kpis
        return pd.Series(
            {
                "contacts_before_per_year": before.sum(),
                "contacts_after_per_year": after.sum(),
                "cost_before_eur_per_year": self.cost_before_eur_per_year,
                "cost_after_eur_per_year": self.cost_after_eur_per_year,
                "saving_eur_per_year": self.saving_eur_per_year,
                "saving_variable_eur_per_year": self.saving_variable_eur_per_year,
                "saving_eur_per_inhabitant_per_year": self.saving_eur_per_year / b.population,
                "contacts_per_inhabitant_before": k.loc["before", "contacts_per_inhabitant_per_year"],
                "status_question_share_before": k.loc["before", "status_question_share"],
                "self_service_share_before": k.loc["before", "self_service_share"],
                "self_service_share_after": k.loc["after", "self_service_share"],
            }
        )


def evaluate(baseline: Baseline, scenario: Scenario | None = None) -> Result:
    """Apply ``scenario`` to ``baseline`` and return the :class:`Result` (one year, full effect).


    Parameters
    ----------
    baseline : Baseline
        Volumes, cost per contact and segments of one gemeente.
    scenario : Scenario or None
        The levers; None evaluates the baseline alone (no saving).

    Examples
    --------
    >>> b = Baseline.from_channel_volumes({"telefoon": 100_000}, population=50_000)
    >>> r = evaluate(b, Scenario(status_portal=StatusPortal(1.0, 1.0, 0.0)))
    >>> round(r.saving_eur_per_year)   # 100,000 calls x 35% x EUR 12 x (75% zelfstandig + 18% / 2 beperkt)
    352800
    """
    scenario = scenario or Scenario()
    m = ModelArrays.from_baseline(baseline)
    # always per segment: the result's segment tables (floors, residents' cost) describe the same baseline
    # whichever levers are on (the Monte Carlo and the national estimate split only when a lever needs it)
    steps = run_levers(m, lever_values(scenario), scenario, segment_volumes(m))
    return Result(
        baseline,
        scenario,
        steps.segment_before,
        steps.segment_after,
        lever_costs(steps, m.cost_eur_per_contact),
        steps.details,
        m.cost_eur_per_contact,
        np.asarray(steps.running_cost_eur, dtype=float).reshape(-1),
    )


# --------------------------------------------------------------------------------------
# all municipalities at once
# --------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class NationalResult:
    """One scenario on every municipality, estimated from population and the defaults."""

    scenario: Scenario
    per_gemeente: pd.DataFrame
    volume_before: np.ndarray  # (gemeente, channel, reason)
    volume_after: np.ndarray

    @property
    def saving_eur_per_year(self) -> float:
        return float(self.per_gemeente["saving_eur_per_year"].sum())

    def per_inhabitant_nl(self) -> str:
        """Why the saving per inhabitant differs between gemeenten, in Dutch, from these numbers: the residents'
        segments per gemeente (who keeps personal contact) and the channels a gemeente of her size offers
        (:data:`LIVE_DIGITAL_FROM_POPULATION`); the contact rates are the same per inhabitant."""
        per = self.per_gemeente
        x = per["saving_eur_per_inhabitant_per_year"]
        small = per["population"] < LIVE_DIGITAL_FROM_POPULATION
        own = " Met eigen gegevens (een KCC-export) rekent een gemeente met haar eigen getal."
        if x.max() - x.min() < 0.005:
            return (
                f"De besparing per inwoner is overal {fmt.eur(x.mean(), 2)}: elke gemeente rekent met dezelfde "
                "contacten per inwoner (standaardwaarden)." + own
            )
        dependent = params.gemeente_segment_shares(list(per.index))[:, SEGMENTS.index("afhankelijk")]
        return (
            f"De besparing per inwoner loopt van {fmt.eur(x.min(), 2)} tot {fmt.eur(x.max(), 2)}. Twee redenen: het "
            f"aandeel inwoners dat niet zelfstandig digitaal kan verschilt per gemeente (afhankelijk van "
            f"{fmt.pct(dependent.min(), 1)} tot {fmt.pct(dependent.max(), 1)}, uit de leeftijdsopbouw van CBS en de "
            "digitale vaardigheden per leeftijd; hun contacten blijven persoonlijk), en gemeenten onder "
            f"{fmt.num(LIVE_DIGITAL_FROM_POPULATION)} inwoners ({fmt.num(small.sum())}) bieden standaard geen chat en "
            f"WhatsApp aan ({fmt.eur(x[small].mean(), 2)} per inwoner, tegen {fmt.eur(x[~small].mean(), 2)} bij de "
            "grotere gemeenten); de contacten per inwoner zijn overal dezelfde standaardwaarden." + own
        )

    def per_province(self) -> pd.DataFrame:
        g = self.per_gemeente.groupby("province")
        out = g[["population", "cost_before_eur_per_year", "saving_eur_per_year"]].sum()
        out["saving_eur_per_inhabitant_per_year"] = out["saving_eur_per_year"] / out["population"]
        return out.sort_values("saving_eur_per_year", ascending=False)


def evaluate_national(
    scenario: Scenario | None = None,
    *,
    cost: CostModel | None = None,
    segments: Segments | None = None,
    contacts_per_inhabitant_per_year: Mapping[str, float] | None = None,
    reason_shares: np.ndarray | None = None,
) -> NationalResult:
    """Evaluate ``scenario`` on all 342 municipalities (CBS 2024) in one vectorised call.

    Volumes are population x contacts per inhabitant (defaults or given), with the channels
    each gemeente offers by default (:func:`default_channels_offered`) and each gemeente's own
    segment shares (unless ``segments`` gives them); cost, floors and reason shares are the
    same everywhere.


    Parameters
    ----------
    scenario : Scenario or None
        The same levers for every gemeente.
    cost : CostModel or None
        Cost per contact; None: the shipped defaults.
    segments : Segments or None
        Resident segments and floors; None: the shipped defaults (shares per gemeente).
    contacts_per_inhabitant_per_year : mapping of str to float or None
        Contacts per inhabitant per channel [contacts/inhabitant/year]; None: the defaults.
    reason_shares : array or None
        Share of each contact reason per channel [-], shape (channel, reason); None: the defaults.

    Examples
    --------
    >>> nat = evaluate_national(Scenario(status_portal=StatusPortal(1.0, 1.0, 0.0)))
    >>> len(nat.per_gemeente), nat.saving_eur_per_year > 0
    (342, True)
    """
    scenario = scenario or Scenario()
    cost = cost or CostModel()
    segments = segments or Segments()
    table = gemeenten()
    pop = table["population"].to_numpy(dtype=float)
    volume = pop[:, None, None] * volume_per_inhabitant(contacts_per_inhabitant_per_year, reason_shares)  # (G, C, R)
    volume = offer_channels(
        volume, default_offered(pop)
    )  # small gemeenten offer no chat or WhatsApp (default_channels_offered)
    floor = segments.arrays()[1]
    seg_share = segments.share_per_gemeente(table["code"].tolist())  # (G, S)
    m = ModelArrays(
        volume,
        cost.eur_per_contact(),
        cost.array("variable_cost_share"),
        params.per_channel("repeat_contact_share"),
        seg_share,
        floor,
    )
    steps = run_levers(m, lever_values(scenario), scenario)
    costs = lever_costs(steps, m.cost_eur_per_contact)  # (G, 1 + levers)
    before, after = steps.totals[0], steps.totals[-1]
    per = table[["code", "name", "province", "population"]].copy()
    per["contacts_before_per_year"] = before.sum(axis=(1, 2))
    per["contacts_after_per_year"] = after.sum(axis=(1, 2))
    per["cost_before_eur_per_year"] = costs[:, 0]
    per["cost_after_eur_per_year"] = costs[:, -1]
    per["saving_eur_per_year"] = costs[:, 0] - costs[:, -1]
    per["saving_eur_per_inhabitant_per_year"] = per["saving_eur_per_year"] / per["population"]
    for i, lever in enumerate(LEVER_KEYS):
        per[f"saving_{lever}_eur_per_year"] = costs[:, i] - costs[:, i + 1]
    return NationalResult(scenario, per.set_index("code"), before, after)


__all__ = [
    "active_levers",
    "Baseline",
    "ChannelShift",
    "CostMethod",
    "CostModel",
    "ModelArrays",
    "NationalResult",
    "ProactiveStatus",
    "RepeatContacts",
    "Result",
    "Scenario",
    "Segments",
    "StatusPortal",
    "baseline_for_gemeente",
    "concurrency",
    "cost_per_contact",
    "evaluate",
    "evaluate_national",
    "lever_costs",
    "lever_values",
    "needs_segments",
    "ramped",
    "run_levers",
    "segment_volumes",
    "set_status_share",
    "split_segments",
    "status_share",
    "volume_per_inhabitant",
]
