"""Parameter declarations and the shipped defaults.

Each parameter is declared once here (unit, hard bounds, plausible range = slider range,
step, Dutch label and help); its value, range and source come from
``omnicalc/defaults/parameters.csv``. Validation, widgets, the assumptions table and
the docs are generated from these two together.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from numbers import Real

import numpy as np
import pandas as pd

from .domain import CHANNELS, REASONS, SEGMENTS
from .errors import AssumptionWarning, InputError


@dataclass(frozen=True, kw_only=True)
class ParamSpec:
    """Declaration of one parameter.

    ``hard_min``/``hard_max`` are what the model accepts (outside: :class:`InputError`);
    ``soft_min``/``soft_max`` are the plausible range and the slider range (outside:
    :class:`AssumptionWarning`). ``whole``: a count, only whole numbers make sense (a typed 12,5 is refused).
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
    whole: bool = False

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
        try:
            x = float(value)
        except OverflowError:  # an int beyond any float
            x = math.inf
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
    return ParamSpec(
        name=name,
        unit="fraction",
        hard_min=0.0,
        hard_max=1.0,
        soft_min=soft[0],
        soft_max=soft[1],
        step=0.01,
        label_nl=label,
        help_nl=help_nl,
        percent=True,
    )


#: Every parameter of the model, by name.
SPECS: dict[str, ParamSpec] = {
    s.name: s
    for s in [
        ParamSpec(
            name="cost_eur_per_contact",
            unit="EUR/contact",
            hard_min=0.0,
            hard_max=10_000.0,
            soft_min=0.0,
            soft_max=150.0,
            step=0.5,
            label_nl="Kosten per contact",
            help_nl="Integrale kosten van één contact via dit kanaal (top-down).",
        ),
        ParamSpec(
            name="handling_time_seconds",
            unit="s/contact",
            hard_min=0.0,
            hard_max=86_400.0,
            soft_min=0.0,
            soft_max=3_600.0,
            step=10.0,
            label_nl="Afhandeltijd",
            help_nl="Gemiddelde tijd die een medewerker aan één contact besteedt.",
        ),
        ParamSpec(
            name="chat_concurrency",
            unit="chats/agent",
            hard_min=1.0,
            hard_max=20.0,
            soft_min=1.0,
            soft_max=6.0,
            step=0.5,
            label_nl="Gelijktijdige chats",
            help_nl="Aantal chats dat één medewerker tegelijk voert.",
        ),
        ParamSpec(
            name="overhead_eur_per_contact",
            unit="EUR/contact",
            hard_min=0.0,
            hard_max=1_000.0,
            soft_min=0.0,
            soft_max=10.0,
            step=0.1,
            label_nl="Overhead per contact",
            help_nl="Kosten per contact naast personeel: systemen, huisvesting, porto.",
        ),
        _share(
            "variable_cost_share",
            "Variabel kostenaandeel",
            "Deel van de kosten per contact dat direct meebeweegt met het volume; "
            "de rest valt pas vrij als er medewerkers vertrekken.",
        ),
        _share(
            "repeat_contact_share",
            "Aandeel herhaalcontact",
            "Deel van de contacten dat een herhaling is van een eerder contact over dezelfde vraag.",
        ),
        ParamSpec(
            name="contacts_per_inhabitant_per_year",
            unit="contacts/inhabitant/year",
            hard_min=0.0,
            hard_max=100.0,
            soft_min=0.0,
            soft_max=3.0,
            step=0.01,
            label_nl="Contacten per inwoner per jaar",
            help_nl="Aantal contacten per inwoner per jaar via dit kanaal.",
        ),
        _share("reason_share", "Aandeel contactreden", "Deel van de contacten van een kanaal met deze reden."),
        _share(
            "segment_share", "Aandeel inwonersgroep", "Deel van de inwoners in deze groep (UWV-kanaalsturingsmodel)."
        ),
        _share(
            "assisted_floor_share",
            "Inclusievloer",
            "Deel van de contacten van deze groep dat persoonlijk (afhankelijke inwoners: balie, telefoon, post) of "
            "op een bemand kanaal (de anderen) moet blijven.",
        ),
        ParamSpec(
            name="loaded_hourly_rate_eur",
            unit="EUR/hour",
            hard_min=0.0,
            hard_max=1_000.0,
            soft_min=25.0,
            soft_max=150.0,
            step=1.0,
            label_nl="Integraal uurtarief",
            help_nl="Loonkosten met werkgeverslasten en overhead per uur van een medewerker.",
        ),
        ParamSpec(
            name="productive_share",
            unit="fraction",
            hard_min=0.05,
            hard_max=1.0,
            soft_min=0.4,
            soft_max=0.9,
            step=0.01,
            label_nl="Productief aandeel",
            help_nl="Deel van de betaalde uren dat aan contacten wordt gewerkt (1 - shrinkage).",
            percent=True,
        ),
        ParamSpec(
            name="gross_hours_per_fte_per_year",
            unit="hours/FTE/year",
            hard_min=100.0,
            hard_max=3_000.0,
            soft_min=1_400.0,
            soft_max=2_100.0,
            step=1.0,
            label_nl="Uren per fte per jaar",
            help_nl="Betaalde uren per voltijdbaan per jaar.",
        ),
        ParamSpec(
            name="volume_per_year",
            unit="contacts/year",
            hard_min=0.0,
            hard_max=1e9,
            soft_min=0.0,
            soft_max=1e8,
            step=100.0,
            label_nl="Contacten per jaar",
            help_nl="Aantal contacten per jaar.",
            whole=True,
        ),
        ParamSpec(
            name="population",
            unit="inhabitants",
            hard_min=1.0,
            hard_max=3e7,
            soft_min=500.0,
            soft_max=2e7,
            step=1.0,
            label_nl="Inwoners",
            help_nl="Aantal inwoners (CBS, 1 januari); tot het hele land (17,9 miljoen).",
            whole=True,
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
        _share(
            "residual_contact_share",
            "Restcontact",
            "Deel van de inwoners die het portaal gebruiken of het bericht krijgen dat toch nog contact opneemt.",
        ),
        _share("reduction_share", "Reductie herhaalcontact", "Deel van het herhaalcontact dat verdwijnt."),
        _share(
            "notification_moment_share",
            "Zaken met meldmoment",
            "Deel van de statusvragen dat volgt op een moment dat de gemeente zelf kan melden "
            "(ontvangen, besluit, afspraak).",
        ),
        _share(
            "message_reach_share",
            "Bereik statusbericht",
            "Deel van de inwoners dat het bericht ontvangt (mobiel nummer, e-mail of Berichtenbox bekend).",
        ),
        ParamSpec(
            name="cost_eur_per_message",
            unit="EUR/message",
            hard_min=0.0,
            hard_max=10.0,
            soft_min=0.0,
            soft_max=0.5,
            step=0.01,
            label_nl="Kosten per bericht",
            help_nl="Kosten van één verstuurd statusbericht (sms; e-mail en Berichtenbox kosten vrijwel niets).",
        ),
        _share(
            "assistant_reach_share",
            "Bereik digitale assistent",
            "Deel van de informatievragen via chat en webformulier dat eerst aan de digitale assistent wordt gesteld.",
        ),
        _share(
            "assistant_answered_share",
            "Beantwoord door de assistent",
            "Deel van de vragen aan de digitale assistent dat zonder medewerker een goed antwoord krijgt.",
        ),
        _share(
            "escalation_extra_share",
            "Meerkosten doorgezet gesprek",
            "Hoeveel duurder een gesprek is dat de assistent doorzet naar een medewerker dan een direct contact, "
            "als deel van de kosten per contact (teruglezen, de vraag opnieuw stellen).",
        ),
        _share("shift_share", "Verschuiving", "Deel van de contacten dat naar het doelkanaal gaat."),
        _share(
            "in_person_share",
            "Persoonlijk verplicht",
            "Deel van de contacten van een reden op een kanaal dat daar persoonlijk moet blijven "
            "(aanvraag aan de balie: paspoort, ID-kaart, rijbewijs).",
        ),
        ParamSpec(
            name="volume_factor",
            unit="factor",
            hard_min=0.0,
            hard_max=100.0,
            soft_min=0.1,
            soft_max=5.0,
            step=0.01,
            label_nl="Volumefactor",
            help_nl="Factor op het geschatte volume van een kanaal (onzekerheid in contacten per inwoner).",
        ),
        # business case
        ParamSpec(
            name="horizon_years",
            unit="years",
            hard_min=1,
            hard_max=15,
            soft_min=1,
            soft_max=15,
            step=1,
            label_nl="Looptijd",
            help_nl="Aantal jaren van de businesscase.",
            whole=True,
        ),
        ParamSpec(
            name="discount_rate",
            unit="1/year",
            hard_min=-0.05,
            hard_max=0.5,
            soft_min=0.0,
            soft_max=0.1,
            step=0.0025,
            label_nl="Discontovoet",
            help_nl="Reële discontovoet; standaard 2,25% (Rijksoverheid, MKBA).",
            percent=True,
        ),
        ParamSpec(
            name="wage_indexation_share",
            unit="1/year",
            hard_min=-0.1,
            hard_max=0.2,
            soft_min=0.0,
            soft_max=0.05,
            step=0.0025,
            label_nl="Reële loonstijging",
            help_nl="Jaarlijkse loonstijging boven inflatie; bedragen zijn in constante prijzen.",
            percent=True,
        ),
        ParamSpec(
            name="investment_eur",
            unit="EUR",
            hard_min=0.0,
            hard_max=1e9,
            soft_min=0.0,
            soft_max=5e6,
            step=1_000.0,
            label_nl="Eenmalige investering",
            help_nl="Eenmalige kosten aan het begin (jaar 0): implementatie, integratie.",
        ),
        ParamSpec(
            name="recurring_cost_eur_per_year",
            unit="EUR/year",
            hard_min=0.0,
            hard_max=1e8,
            soft_min=0.0,
            soft_max=2e6,
            step=1_000.0,
            label_nl="Jaarlijkse kosten",
            help_nl="Terugkerende kosten per jaar: licenties, contentbeheer, hosting.",
        ),
        ParamSpec(
            name="ramp_start_year",
            unit="year",
            hard_min=1,
            hard_max=15,
            soft_min=1,
            soft_max=15,
            step=1,
            label_nl="Startjaar",
            help_nl="Jaar waarin de hefboom begint te werken.",
            whole=True,
        ),
        ParamSpec(
            name="ramp_years_to_full",
            unit="years",
            hard_min=0.1,
            hard_max=15,
            soft_min=1,
            soft_max=10,
            step=1,
            label_nl="Jaren tot volle werking",
            help_nl="Aantal jaren tot de hefboom zijn volle effect heeft.",
        ),
        # meerjarenraming (BBV)
        ParamSpec(
            name="cao_wage_indexation_share",
            unit="1/year",
            hard_min=-0.1,
            hard_max=0.3,
            soft_min=0.0,
            soft_max=0.08,
            step=0.0025,
            label_nl="Loonindexatie (cao gemeenten)",
            help_nl="Jaarlijkse nominale stijging van de loonkosten in de meerjarenraming (BBV).",
            percent=True,
        ),
        ParamSpec(
            name="price_indexation_share",
            unit="1/year",
            hard_min=-0.1,
            hard_max=0.3,
            soft_min=0.0,
            soft_max=0.06,
            step=0.0025,
            label_nl="Prijsindexatie",
            help_nl="Jaarlijkse nominale prijsstijging van de overige lasten en baten in de meerjarenraming (BBV).",
            percent=True,
        ),
        ParamSpec(
            name="capitalisation_threshold_eur",
            unit="EUR",
            hard_min=0.0,
            hard_max=1e7,
            soft_min=0.0,
            soft_max=250_000.0,
            step=1_000.0,
            label_nl="Activeringsgrens",
            help_nl="Investeringen vanaf dit bedrag worden geactiveerd en afgeschreven; lagere komen direct ten laste "
            "van het jaar (financiële verordening).",
        ),
        ParamSpec(
            name="omslagrente_rate",
            unit="1/year",
            hard_min=0.0,
            hard_max=0.2,
            soft_min=0.0,
            soft_max=0.06,
            step=0.0025,
            label_nl="Omslagrente",
            help_nl="Rente over de boekwaarde van de geactiveerde investeringen op 1 januari van elk jaar.",
            percent=True,
        ),
        *(
            ParamSpec(
                name=f"asset_life_{kind}_years",
                unit="years",
                hard_min=1,
                hard_max=50,
                soft_min=2,
                soft_max=15,
                step=1,
                label_nl=f"Afschrijvingstermijn {label}",
                help_nl=f"Aantal jaren waarin {label} lineair wordt afgeschreven (nota activabeleid).",
            )
            for kind, label in (
                ("software", "software"),
                ("implementation", "implementatie"),
                ("hardware", "hardware"),
            )
        ),
        ParamSpec(
            name="dekking_eur_per_year",
            unit="EUR/year",
            hard_min=0.0,
            hard_max=1e9,
            soft_min=0.0,
            soft_max=1e7,
            step=1_000.0,
            label_nl="Dekking",
            help_nl="Bedrag per jaar waarmee de lasten worden gedekt, bijvoorbeeld vrijval formatie KCC.",
        ),
        # staffing
        ParamSpec(
            name="service_level_target_share",
            unit="fraction",
            hard_min=0.01,
            hard_max=0.999,
            soft_min=0.5,
            soft_max=0.95,
            step=0.01,
            label_nl="Servicenorm",
            help_nl="Deel van de gesprekken dat binnen de normtijd wordt opgenomen.",
            percent=True,
        ),
        ParamSpec(
            name="answer_time_seconds",
            unit="s",
            hard_min=1,
            hard_max=3600,
            soft_min=5,
            soft_max=120,
            step=1,
            label_nl="Normtijd opnemen",
            help_nl="Binnen hoeveel seconden een gesprek wordt opgenomen (VNG-norm: 25 s).",
        ),
        ParamSpec(
            name="max_occupancy_share",
            unit="fraction",
            hard_min=0.3,
            hard_max=1.0,
            soft_min=0.7,
            soft_max=0.95,
            step=0.01,
            label_nl="Maximale bezetting",
            help_nl="Hoogste deel van de tijd dat een medewerker in gesprek is.",
            percent=True,
        ),
        ParamSpec(
            name="fte_step",
            unit="FTE",
            hard_min=0.01,
            hard_max=5,
            soft_min=0.1,
            soft_max=1,
            step=0.1,
            label_nl="Formatie-eenheid",
            help_nl="Formatie wordt afgebouwd in eenheden van deze omvang (0,1 fte: deeltijdcontracten).",
        ),
        _share(
            "attrition_share",
            "Natuurlijk verloop",
            "Deel van de formatie dat per jaar vertrekt; zoveel kan per jaar worden afgebouwd zonder ontslag.",
            soft=(0.02, 0.15),
        ),
        ParamSpec(
            name="salary_eur_per_month",
            unit="EUR/month",
            hard_min=500.0,
            hard_max=20_000.0,
            soft_min=2_500.0,
            soft_max=6_000.0,
            step=50.0,
            label_nl="Bruto maandsalaris",
            help_nl="Bruto maandsalaris van een KCC-medewerker (CAO Gemeenten).",
        ),
        _share(
            "salary_extras_share",
            "Individueel Keuzebudget (IKB)",
            "Opslag op het jaarsalaris voor vakantiegeld, eindejaarsuitkering en IKB (CAO Gemeenten).",
            soft=(0.1, 0.25),
        ),
        _share(
            "employer_charges_share",
            "Werkgeverslasten",
            "Sociale premies en pensioen (ABP) bovenop salaris en IKB.",
            soft=(0.15, 0.45),
        ),
        ParamSpec(
            name="overhead_share",
            unit="fraction",
            hard_min=0.0,
            hard_max=5.0,
            soft_min=0.0,
            soft_max=1.5,
            step=0.05,
            label_nl="Overhead op loonkosten",
            help_nl="Huisvesting, ICT en leiding als deel van de loonkosten; valt niet vanzelf weg met een fte.",
            percent=True,
        ),
        ParamSpec(
            name="friction_eur_per_fte",
            unit="EUR/FTE",
            hard_min=0.0,
            hard_max=500_000.0,
            soft_min=0.0,
            soft_max=60_000.0,
            step=500.0,
            label_nl="Frictiekosten per afgebouwde fte",
            help_nl="Eenmalige kosten per afgebouwde fte (herplaatsing, mobiliteit, aanpassen van roosters).",
        ),
        ParamSpec(
            name="fte_release_lag_years",
            unit="years",
            hard_min=0,
            hard_max=5,
            soft_min=0,
            soft_max=3,
            step=1,
            label_nl="Vertraging vrijval",
            help_nl="Aantal jaren tussen minder werk en minder formatie.",
        ),
        # residents
        ParamSpec(
            name="value_of_time_eur_per_hour",
            unit="EUR/hour",
            hard_min=0.0,
            hard_max=200.0,
            soft_min=0.0,
            soft_max=30.0,
            step=0.5,
            label_nl="Waarde van tijd inwoner",
            help_nl="Waarde van een uur van een inwoner.",
        ),
        ParamSpec(
            name="resident_minutes_per_contact",
            unit="min/contact",
            hard_min=0.0,
            hard_max=600.0,
            soft_min=0.0,
            soft_max=120.0,
            step=1,
            label_nl="Tijd inwoner per contact",
            help_nl="Minuten die een inwoner kwijt is aan één contact, inclusief reizen en wachten.",
        ),
        ParamSpec(
            name="resident_travel_eur_per_contact",
            unit="EUR/contact",
            hard_min=0.0,
            hard_max=200.0,
            soft_min=0.0,
            soft_max=20.0,
            step=0.5,
            label_nl="Reiskosten inwoner",
            help_nl="Reis- en parkeerkosten van een inwoner per contact.",
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
    [[12.0, 9.0, 31.0]]
    """
    with resources.files("omnicalc").joinpath("defaults/parameters.csv").open("r", encoding="utf-8") as f:
        table = pd.read_csv(f, dtype={"channel": str, "reason": str, "segment": str}, keep_default_na=False)
    return table


def default_row(parameter: str, *, channel: str = "", reason: str = "", segment: str = "") -> pd.Series:
    """The row of one shipped default (value, low, high, unit, year, basis, source); KeyError if none."""
    t = default_table()
    row = t[
        (t["parameter"] == parameter) & (t["channel"] == channel) & (t["reason"] == reason) & (t["segment"] == segment)
    ]
    if len(row) != 1:
        raise KeyError(f"no single default for {parameter!r} channel={channel!r} reason={reason!r} segment={segment!r}")
    return row.iloc[0]


@cache
def default_value(
    parameter: str, *, channel: str = "", reason: str = "", segment: str = "", which: str = "value"
) -> float:
    """One default (``which`` = ``value``, ``low`` or ``high``)."""
    return float(default_row(parameter, channel=channel, reason=reason, segment=segment)[which])


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


@lru_cache(maxsize=1)
def gemeente_segment_table() -> pd.DataFrame:
    """The shipped segment shares per gemeente, indexed by (code, segment).

    Columns ``name, value, low, high, unit, year, basis, source``; derived by
    ``data/derive_segments.py`` from CBS age structure x national digital skills.
    """
    with resources.files("omnicalc").joinpath("defaults/segments_per_gemeente.csv").open("r", encoding="utf-8") as f:
        table = pd.read_csv(f, dtype={"code": str, "segment": str}, keep_default_na=False)
    return table.set_index(["code", "segment"])


def gemeente_segment_row(code: str, segment: str) -> pd.Series:
    """The row (value, low, high, unit, year, basis, source) of one gemeente's segment share; KeyError if none."""
    return gemeente_segment_table().loc[(code, segment)]


def gemeente_segment_shares(codes: Sequence[str], which: str = "value") -> np.ndarray:
    """Derived segment shares of each gemeente, shape (len(codes), segment) in :data:`SEGMENTS` order.

    A code without derived shares (not a CBS 2024 gemeente) gets the national row of
    :func:`per_segment` ``("segment_share")``. A new array.
    """
    out = _segment_wide(which).reindex(list(codes)).to_numpy(dtype=float, copy=True)
    out[np.isnan(out).any(axis=1)] = _per_segment("segment_share", which)
    return out


@cache
def _segment_wide(which: str) -> pd.DataFrame:
    return gemeente_segment_table()[which].unstack("segment")[list(SEGMENTS)]


__all__ = [
    "ParamSpec",
    "SPECS",
    "default_row",
    "default_table",
    "default_value",
    "gemeente_segment_row",
    "gemeente_segment_shares",
    "gemeente_segment_table",
    "per_channel",
    "per_segment",
    "reason_shares",
]
