"""Parameter declarations and the shipped defaults.

Each parameter is declared once here (unit, hard bounds, plausible range = slider range,
step, Dutch label and help); its value, range and source come from
``omnicalc/defaults/parameters.csv``. Validation, widgets, the assumptions table and
the docs are generated from these two together.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from numbers import Real

import numpy as np
import pandas as pd

from .domain import CHANNELS, REASONS, SEGMENTS
from .errors import AssumptionWarning, InputError


@dataclass(frozen=True)
class ParamSpec:
    """Declaration of one parameter.

    ``hard_min``/``hard_max`` are what the model accepts (outside: :class:`InputError`);
    ``soft_min``/``soft_max`` are the plausible range and the slider range (outside:
    :class:`AssumptionWarning`).
    """

    name: str
    unit: str
    hard_min: float
    hard_max: float
    soft_min: float
    soft_max: float
    step: float
    label_nl: str
    help_nl: str
    percent: bool = False

    def allowed(self) -> str:
        return f"allowed is {self.hard_min:g} to {self.hard_max:g} [{self.unit}]"

    def allowed_nl(self) -> str:
        if self.percent:
            return f"toegestaan is {self.hard_min * 100:g}% tot en met {self.hard_max * 100:g}%"
        lo = f"{self.hard_min:g}".replace(".", ",")
        hi = f"{self.hard_max:g}".replace(".", ",")
        return f"toegestaan is {lo} tot en met {hi} {self.unit}"

    def check(self, value: object, field: str | None = None, *, warn: bool = True) -> float:
        """Return ``value`` as float if it lies within the hard bounds; warn outside the plausible range."""
        field = field or self.name
        if isinstance(value, bool) or not isinstance(value, (Real, np.floating, np.integer)):
            raise InputError(
                field,
                value,
                f"a number is required; {self.allowed()}",
                allowed_nl=f"een getal is nodig; {self.allowed_nl()}",
                label_nl=self.label_nl,
            )
        x = float(value)
        if not math.isfinite(x) or x < self.hard_min or x > self.hard_max:
            raise InputError(field, value, self.allowed(), allowed_nl=self.allowed_nl(), label_nl=self.label_nl)
        if warn and (x < self.soft_min or x > self.soft_max):
            warnings.warn(
                f"{field} = {x:g} [{self.unit}] lies outside the plausible range "
                f"{self.soft_min:g} to {self.soft_max:g}; check the value",
                AssumptionWarning,
                stacklevel=3,
            )
        return x


def _share(name: str, label: str, help_nl: str, soft: tuple[float, float] = (0.0, 1.0)) -> ParamSpec:
    return ParamSpec(name, "fraction", 0.0, 1.0, soft[0], soft[1], 0.01, label, help_nl, percent=True)


#: Every parameter of the model, by name.
SPECS: dict[str, ParamSpec] = {
    s.name: s
    for s in [
        ParamSpec(
            "cost_eur_per_contact",
            "EUR/contact",
            0.0,
            10_000.0,
            0.0,
            150.0,
            0.5,
            "Kosten per contact",
            "Integrale kosten van één contact via dit kanaal (top-down).",
        ),
        ParamSpec(
            "handling_time_seconds",
            "s/contact",
            0.0,
            86_400.0,
            0.0,
            3_600.0,
            10.0,
            "Afhandeltijd",
            "Gemiddelde tijd die een medewerker aan één contact besteedt.",
        ),
        ParamSpec(
            "chat_concurrency",
            "chats/agent",
            1.0,
            20.0,
            1.0,
            6.0,
            0.5,
            "Gelijktijdige chats",
            "Aantal chats dat één medewerker tegelijk voert.",
        ),
        ParamSpec(
            "overhead_eur_per_contact",
            "EUR/contact",
            0.0,
            1_000.0,
            0.0,
            10.0,
            0.1,
            "Overhead per contact",
            "Kosten per contact naast personeel: systemen, huisvesting, porto.",
        ),
        _share(
            "variable_cost_share",
            "Variabel kostenaandeel",
            "Deel van de kosten per contact dat direct meebeweegt met het volume; de rest valt per hele fte vrij.",
        ),
        _share(
            "repeat_contact_share",
            "Aandeel herhaalcontact",
            "Deel van de contacten dat een herhaling is van een eerder contact over dezelfde vraag.",
        ),
        ParamSpec(
            "contacts_per_inhabitant_per_year",
            "contacts/inhabitant/year",
            0.0,
            100.0,
            0.0,
            3.0,
            0.01,
            "Contacten per inwoner per jaar",
            "Aantal contacten per inwoner per jaar via dit kanaal.",
        ),
        _share("reason_share", "Aandeel contactreden", "Deel van de contacten van een kanaal met deze reden."),
        _share(
            "segment_share", "Aandeel inwonersgroep", "Deel van de inwoners in deze groep (UWV-kanaalsturingsmodel)."
        ),
        _share(
            "assisted_floor_share",
            "Minimum bemand",
            "Deel van de contacten van deze groep dat op een bemand kanaal moet blijven (inclusievloer).",
        ),
        ParamSpec(
            "loaded_hourly_rate_eur",
            "EUR/hour",
            0.0,
            1_000.0,
            25.0,
            150.0,
            1.0,
            "Integraal uurtarief",
            "Loonkosten met werkgeverslasten en overhead per uur van een medewerker.",
        ),
        ParamSpec(
            "productive_share",
            "fraction",
            0.05,
            1.0,
            0.4,
            0.9,
            0.01,
            "Productief aandeel",
            "Deel van de betaalde uren dat aan contacten wordt gewerkt (1 - shrinkage).",
            percent=True,
        ),
        ParamSpec(
            "gross_hours_per_fte_per_year",
            "hours/FTE/year",
            100.0,
            3_000.0,
            1_400.0,
            2_100.0,
            1.0,
            "Uren per fte per jaar",
            "Betaalde uren per voltijdbaan per jaar.",
        ),
        ParamSpec(
            "volume_per_year",
            "contacts/year",
            0.0,
            1e9,
            0.0,
            1e8,
            100.0,
            "Contacten per jaar",
            "Aantal contacten per jaar.",
        ),
        ParamSpec(
            "population",
            "inhabitants",
            1.0,
            3e7,
            500.0,
            2e7,
            1.0,
            "Inwoners",
            "Aantal inwoners (CBS, 1 januari); tot het hele land (17,9 miljoen).",
        ),
        _share(
            "reach_share",
            "Bereik statusportaal",
            "Deel van de statusvragen waarvan de zaak in het portaal zichtbaar is.",
        ),
        _share(
            "adoption_share",
            "Adoptie",
            "Deel van de inwoners met een zichtbare zaak dat het portaal gebruikt in plaats van contact op te nemen.",
        ),
        _share("residual_contact_share", "Restcontact", "Deel van de portaalgebruikers dat toch nog contact opneemt."),
        _share("reduction_share", "Reductie herhaalcontact", "Deel van het herhaalcontact dat verdwijnt."),
        _share("shift_share", "Verschuiving", "Deel van de contacten dat naar het doelkanaal gaat."),
        ParamSpec(
            "volume_factor",
            "factor",
            0.0,
            100.0,
            0.1,
            5.0,
            0.01,
            "Volumefactor",
            "Factor op het geschatte volume van een kanaal (onzekerheid in contacten per inwoner).",
        ),
        # business case
        ParamSpec("horizon_years", "years", 1, 15, 1, 15, 1, "Looptijd", "Aantal jaren van de businesscase."),
        ParamSpec(
            "discount_rate",
            "1/year",
            -0.05,
            0.5,
            0.0,
            0.1,
            0.0025,
            "Discontovoet",
            "Reële discontovoet; standaard 2,25% (Rijksoverheid, MKBA).",
            percent=True,
        ),
        ParamSpec(
            "wage_indexation_share",
            "1/year",
            -0.1,
            0.2,
            0.0,
            0.05,
            0.0025,
            "Reële loonstijging",
            "Jaarlijkse loonstijging boven inflatie; bedragen zijn in constante prijzen.",
            percent=True,
        ),
        ParamSpec(
            "investment_eur",
            "EUR",
            0.0,
            1e9,
            0.0,
            5e6,
            1_000.0,
            "Eenmalige investering",
            "Eenmalige kosten aan het begin (jaar 0): implementatie, integratie.",
        ),
        ParamSpec(
            "recurring_cost_eur_per_year",
            "EUR/year",
            0.0,
            1e8,
            0.0,
            2e6,
            1_000.0,
            "Jaarlijkse kosten",
            "Terugkerende kosten per jaar: licenties, contentbeheer, hosting.",
        ),
        ParamSpec("ramp_start_year", "year", 1, 15, 1, 15, 1, "Startjaar", "Jaar waarin de hefboom begint te werken."),
        ParamSpec(
            "ramp_years_to_full",
            "years",
            0.1,
            15,
            1,
            10,
            1,
            "Jaren tot volle werking",
            "Aantal jaren tot de hefboom zijn volle effect heeft.",
        ),
        # staffing
        ParamSpec(
            "service_level_target_share",
            "fraction",
            0.01,
            0.999,
            0.5,
            0.95,
            0.01,
            "Servicenorm",
            "Deel van de gesprekken dat binnen de normtijd wordt opgenomen.",
            percent=True,
        ),
        ParamSpec(
            "answer_time_seconds",
            "s",
            1,
            3600,
            5,
            120,
            1,
            "Normtijd opnemen",
            "Binnen hoeveel seconden een gesprek wordt opgenomen (VNG-norm: 25 s).",
        ),
        ParamSpec(
            "max_occupancy_share",
            "fraction",
            0.3,
            1.0,
            0.7,
            0.95,
            0.01,
            "Maximale bezetting",
            "Hoogste deel van de tijd dat een medewerker in gesprek is.",
            percent=True,
        ),
        ParamSpec(
            "office_hours_per_week",
            "hours/week",
            1,
            168,
            20,
            60,
            1,
            "Openingsuren per week",
            "Uren per week dat telefoon en chat bemand zijn.",
        ),
        ParamSpec(
            "fte_step",
            "FTE",
            0.1,
            5,
            0.5,
            1,
            0.1,
            "Stapgrootte formatie",
            "Personeel valt vrij in stappen van deze omvang.",
        ),
        ParamSpec(
            "fte_release_lag_years",
            "years",
            0,
            5,
            0,
            3,
            1,
            "Vertraging vrijval",
            "Aantal jaren tussen minder werk en minder formatie.",
        ),
        # residents
        ParamSpec(
            "value_of_time_eur_per_hour",
            "EUR/hour",
            0.0,
            200.0,
            0.0,
            30.0,
            0.5,
            "Waarde van tijd inwoner",
            "Waarde van een uur van een inwoner.",
        ),
        ParamSpec(
            "resident_minutes_per_contact",
            "min/contact",
            0.0,
            600.0,
            0.0,
            120.0,
            1,
            "Tijd inwoner per contact",
            "Minuten die een inwoner kwijt is aan één contact, inclusief reizen en wachten.",
        ),
        ParamSpec(
            "resident_travel_eur_per_contact",
            "EUR/contact",
            0.0,
            200.0,
            0.0,
            20.0,
            0.5,
            "Reiskosten inwoner",
            "Reis- en parkeerkosten van een inwoner per contact.",
        ),
    ]
}


@lru_cache(maxsize=1)
def default_table() -> pd.DataFrame:
    """The shipped defaults: one row per parameter (and channel, reason or segment).

    Columns: ``parameter, channel, reason, segment, value, low, high, unit, year, basis,
    source``. ``basis`` is ``bron`` (published), ``afgeleid`` (derived from published
    figures, derivation in ``source``) or ``aanname`` (assumption).

    Examples
    --------
    >>> t = default_table()
    >>> phone = t.query("parameter == 'cost_eur_per_contact' and channel == 'telefoon'")
    >>> phone[["value", "low", "high"]].values.tolist()
    [[11.0, 11.0, 31.0]]
    """
    with resources.files("omnicalc").joinpath("defaults/parameters.csv").open("r", encoding="utf-8") as f:
        table = pd.read_csv(f, dtype={"channel": str, "reason": str, "segment": str}, keep_default_na=False)
    return table


@cache
def default_value(
    parameter: str, *, channel: str = "", reason: str = "", segment: str = "", which: str = "value"
) -> float:
    """One default (``which`` = ``value``, ``low`` or ``high``)."""
    t = default_table()
    row = t[
        (t["parameter"] == parameter) & (t["channel"] == channel) & (t["reason"] == reason) & (t["segment"] == segment)
    ]
    if len(row) != 1:
        raise KeyError(f"no single default for {parameter!r} channel={channel!r} reason={reason!r} segment={segment!r}")
    return float(row.iloc[0][which])


def per_channel(parameter: str, which: str = "value", fill: float | None = None) -> np.ndarray:
    """A default per channel as a new array in :data:`CHANNELS` order.

    Channels without a row take ``fill`` (an error if ``fill`` is None).
    """
    return _per_channel(parameter, which, fill).copy()


@cache
def _per_channel(parameter: str, which: str, fill: float | None) -> np.ndarray:
    t = default_table()
    rows = t[t["parameter"] == parameter].set_index("channel")[which]
    out = []
    for c in CHANNELS:
        if c in rows.index:
            out.append(float(rows[c]))
        elif fill is not None:
            out.append(fill)
        else:
            raise KeyError(f"no default {parameter!r} for channel {c!r}")
    return np.array(out)


def reason_shares(which: str = "value") -> np.ndarray:
    """Default share of each reason per channel, shape (channel, reason); a new array."""
    return _reason_shares(which).copy()


@cache
def _reason_shares(which: str) -> np.ndarray:
    t = default_table()
    t = t[t["parameter"] == "reason_share"].pivot(index="channel", columns="reason", values=which)
    return np.array(t.loc[list(CHANNELS), list(REASONS)].to_numpy(dtype=float))


def per_segment(parameter: str, which: str = "value") -> np.ndarray:
    """A default per segment as a new array in :data:`SEGMENTS` order."""
    return _per_segment(parameter, which).copy()


@cache
def _per_segment(parameter: str, which: str) -> np.ndarray:
    t = default_table()
    rows = t[t["parameter"] == parameter].set_index("segment")[which]
    return np.array([float(rows[s]) for s in SEGMENTS])
