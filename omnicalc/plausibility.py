"""Plausibility check of a modelled baseline cost against the gemeente's own accounts (Iv3).

The modelled cost of klantcontact per inhabitant is set beside the gemeente's lasten on Iv3
taakveld 0.2 Burgerzaken per inhabitant, jaarrekening 2023 (CBS Iv3, CC BY 4.0; provenance in
``data/SOURCES.md``). This is a plausibility check, not a calibration: Burgerzaken lasten
include more than klantcontact (travel documents, BRP, elections), and klantcontact also
happens outside Burgerzaken (Wmo, belastingen, afval). Only a ratio far outside
:data:`RATIO_BAND` says "look again".
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources

import pandas as pd

from . import fmt
from .domain import CHANNEL_LABELS
from .errors import InputError
from .gemeenten import find_gemeente
from .params import SPECS, default_row

IV3_YEAR = 2023
"""The Iv3 document used: jaarrekening (realised lasten) of this year."""

RATIO_BAND = (0.5, 2.0)
"""Modelled cost / Burgerzaken lasten outside this band "strongly disagrees" (*aanname*: Burgerzaken
and klantcontact overlap only partly, so a factor 2 either way is still plausible)."""

#: Iv3 rows with zero Burgerzaken lasten (booked on another taakveld): "niet beschikbaar".
MISSING_FLAG = "burgerzaken_lasten_zero_treat_as_missing"

_CAVEAT_NL = (
    f"een plausibiliteitscheck, geen kalibratie: Burgerzaken omvat ook reisdocumenten, BRP en verkiezingen, "
    f"en klantcontact gebeurt ook buiten Burgerzaken; band {fmt.num(RATIO_BAND[0], 1)}–{fmt.num(RATIO_BAND[1], 0)} "
    "is een aanname"
)


@dataclass(frozen=True)
class Iv3Check:
    """Modelled klantcontact cost per inhabitant beside the Iv3 Burgerzaken lasten per inhabitant.

    ``iv3_eur_per_inhabitant`` and ``ratio`` are None when the gemeente booked no lasten on
    taakveld 0.2 in the jaarrekening (shown as "niet beschikbaar").
    """

    code: str
    name: str
    iv3_eur_per_inhabitant: float | None
    model_eur_per_inhabitant: float
    ratio: float | None
    strongly_disagrees: bool
    note_nl: str

    def as_dict(self) -> dict[str, object]:
        """Plain data, for JSON."""
        return dict(asdict(self), iv3_year=IV3_YEAR, ratio_band=list(RATIO_BAND))


@lru_cache(maxsize=1)
def iv3_burgerzaken() -> pd.DataFrame:
    """Iv3 taakveld 0.2 Burgerzaken, jaarrekening 2023, indexed by code (342 gemeenten and NL00).

    Columns ``name, inwonertal, burgerzaken_lasten_keur`` (x EUR 1,000), ``flag``.
    """
    path = resources.files("omnicalc").joinpath("defaults/gemeenten_iv3_burgerzaken.csv")
    with path.open("r", encoding="utf-8") as f:
        table = pd.read_csv(f, dtype={"code": str, "flag": str})
    return table.fillna({"flag": ""}).set_index("code")


def iv3_check(code: str, cost_eur_per_year: float, population: int) -> Iv3Check:
    """Set a modelled baseline cost beside the gemeente's Iv3 Burgerzaken lasten, both per inhabitant.

    Iv3: lasten on taakveld 0.2 Burgerzaken in the jaarrekening 2023 x 1,000 / its inwonertal.
    Model: ``cost_eur_per_year`` / ``population`` (typically ``evaluate(baseline).cost_before_eur_per_year``
    and ``baseline.population``). ``ratio`` = model / Iv3.

    Parameters
    ----------
    code : str
        CBS 2024 code of the gemeente (GM0344); a name works too.
    cost_eur_per_year : float
        Modelled cost of klantcontact before any lever [EUR/year].
    population : int
        Inhabitants the modelled cost is for [inhabitants].

    Raises
    ------
    InputError
        For an unknown gemeente, a negative or non-finite cost, or an invalid population.

    Examples
    --------
    >>> c = iv3_check("GM0344", 15_000_000, 374_238)
    >>> round(c.iv3_eur_per_inhabitant, 2), round(c.model_eur_per_inhabitant, 2), c.strongly_disagrees
    (41.18, 40.08, False)
    """
    gemeente = find_gemeente(code)
    pop = int(SPECS["population"].check(population, "population"))
    if not (isinstance(cost_eur_per_year, int | float) and math.isfinite(cost_eur_per_year) and cost_eur_per_year >= 0):
        raise InputError(
            "cost_eur_per_year",
            cost_eur_per_year,
            "a finite cost of at least 0 EUR per year",
            allowed_nl="een eindig bedrag van ten minste € 0 per jaar",
            label_nl="Kosten klantcontact per jaar",
        )
    model = float(cost_eur_per_year) / pop
    name = str(gemeente["name"])
    table = iv3_burgerzaken()
    row = table.loc[gemeente.name] if gemeente.name in table.index else None
    if row is None or row["flag"] == MISSING_FLAG or not row["burgerzaken_lasten_keur"] > 0:
        note = (
            f"Burgerzaken-lasten (Iv3, jaarrekening {IV3_YEAR}) niet beschikbaar voor {name}; klantcontact volgens "
            f"het model {fmt.eur(model, 2)} per inwoner."
        )
        return Iv3Check(str(gemeente.name), name, None, model, None, False, note)
    iv3 = float(row["burgerzaken_lasten_keur"]) * 1000 / int(row["inwonertal"])
    ratio = model / iv3
    outside = not (RATIO_BAND[0] <= ratio <= RATIO_BAND[1])
    verdict = "buiten de band: controleer volumes en kosten per contact" if outside else "binnen de band"
    note = (
        f"Klantcontact volgens het model {fmt.eur(model, 2)} per inwoner, Burgerzaken-lasten van {name} (Iv3 taakveld "
        f"0.2, jaarrekening {IV3_YEAR}) {fmt.eur(iv3, 2)} per inwoner: verhouding {fmt.num(ratio, 2)}, {verdict} "
        f"({_CAVEAT_NL})."
    )
    return Iv3Check(str(gemeente.name), name, iv3, model, ratio, outside, note)


#: A cost per contact outside the published range divided and multiplied by this is "implausible" (*aanname*).
COST_RANGE_FACTOR = 2.0


def input_advice_nl(parameter: str, value: float, channel: str = "") -> str:
    """A Dutch warning for an allowed but implausible input, to show next to its field ("" when plausible).

    A discount rate of 0% or less (money later weighs as much as money now), and a cost per contact
    outside its published range (the shipped default's low and high) divided and multiplied by
    :data:`COST_RANGE_FACTOR`.

    Parameters
    ----------
    parameter : str
        The parameter's name in :data:`omnicalc.params.SPECS` (``discount_rate``, ``cost_eur_per_contact``).
    value : float
        The value [the parameter's unit: 1/year, EUR/contact].
    channel : str
        The channel of a per-channel parameter.

    Returns
    -------
    str
        The warning, or "" when nothing is implausible.

    Examples
    --------
    >>> input_advice_nl("cost_eur_per_contact", 12.0, "telefoon")
    ''
    >>> input_advice_nl("cost_eur_per_contact", 150.0, "telefoon")[:55]
    '€ 150,00 per contact via telefoon ligt ver buiten de ge'
    """
    if parameter == "discount_rate":
        if value <= 0:
            standard = fmt.pct(float(default_row("discount_rate")["value"]), 2)
            return (
                f"Een discontovoet van {fmt.pct(value, 2)} telt geld in latere jaren even zwaar als geld nu (of "
                f"zwaarder); voor een MKBA schrijft de Rijksoverheid {standard} voor. Controleer de waarde."
            )
        return ""
    if parameter == "cost_eur_per_contact" and channel:
        row = default_row(parameter, channel=channel)
        low, high = float(row["low"]), float(row["high"])
        if low / COST_RANGE_FACTOR <= value <= high * COST_RANGE_FACTOR:
            return ""
        return (
            f"{fmt.eur(value, 2)} per contact via {CHANNEL_LABELS[channel].lower()} ligt ver buiten de gepubliceerde "
            f"bandbreedte ({fmt.eur(low, 2)} – {fmt.eur(high, 2)}, {row['year']}); controleer het bedrag."
        )
    return ""


__all__ = [
    "COST_RANGE_FACTOR",
    "IV3_YEAR",
    "RATIO_BAND",
    "Iv3Check",
    "input_advice_nl",
    "iv3_burgerzaken",
    "iv3_check",
]
