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
from .errors import InputError
from .gemeenten import find_gemeente
from .params import SPECS

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


__all__ = ["IV3_YEAR", "RATIO_BAND", "Iv3Check", "iv3_burgerzaken", "iv3_check"]
