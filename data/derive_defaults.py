"""Derive the defaults shipped in ``omnicalc/defaults/`` from the raw files in ``data/``.

Run ``python data/derive_defaults.py`` after changing a raw file; ``tests/test_defaults.py``
fails while the shipped files and this derivation disagree.

Inputs (all in this folder, provenance in SOURCES.md and REFERENCE.md):

- ``figures.csv``: figures taken as they are, published (basis ``bron``) or assumed
  (basis ``aanname``, with the reasoning in ``source``).
- ``cost_ratios.csv``: published cost per contact of a channel relative to phone; the cost
  per contact of the other channels is derived from the phone figure with these ratios
  (currency-free, so UK and Australian studies can be used).
- ``contact_examples.csv`` and ``contact_examples_extra.csv``: published yearly contact volumes
  of Dutch municipalities; ``gemeenten_population_by_year.csv``: CBS population on 1 January of
  each year. Contacts per inhabitant are volume / population of the same year.
- ``gemeenten_kenmerken_2024.csv``: CBS characteristics, to test whether a rate depends on them
  (:func:`dependence_tests`; it does not, so one rate per channel is shipped).

Outputs: ``omnicalc/defaults/parameters.csv`` and copies of ``gemeenten.csv``, the CBS
boundaries ``gemeenten_2024.geojson`` and the Iv3 Burgerzaken lasten 2023
``gemeenten_iv3_burgerzaken.csv`` (for :mod:`omnicalc.plausibility`).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats

HERE = Path(__file__).resolve().parent
TARGET = HERE.parent / "omnicalc" / "defaults"
#: Raw files shipped unchanged in omnicalc/defaults/.
SHIPPED_AS_IS = ("gemeenten.csv", "gemeenten_2024.geojson", "gemeenten_iv3_burgerzaken.csv")
COLUMNS = ["parameter", "channel", "reason", "segment", "value", "low", "high", "unit", "year", "basis", "source"]

#: contact_examples.csv channel -> omnicalc channel (website visits are not contacts)
EXAMPLE_CHANNELS = {
    "balie": "balie",
    "telefoon": "telefoon",
    "email": "email",
    "whatsapp": "whatsapp_social",
    "social": "whatsapp_social",
    "webformulier": "webformulier",
    "post": "post",
}

#: Years whose volumes are not used for a default: lockdowns closed counters and changed why
#: people called (Utrecht: counter -38% in 2020 against 2019).
COVID_YEARS = frozenset({2020, 2021})

#: With fewer gemeenten than this, a rate's range is at least its median -50%/+50% (aanname).
MIN_POINTS_FOR_SPREAD = 4


def _nl(x: float, digits: int = 2) -> str:
    return f"{x:.{digits}f}".replace(".", ",")


def derive_costs(figures: pd.DataFrame, ratios: pd.DataFrame) -> pd.DataFrame:
    """Cost per contact of each non-phone channel = phone cost x ratio to phone.

    base = phone base x median ratio; low = phone low x lowest ratio; high = phone high x
    highest ratio, so the range covers both the phone range and the spread of the studies.
    """
    phone = figures.query("parameter == 'cost_eur_per_contact' and channel == 'telefoon'").iloc[0]
    rows = []
    for channel, group in ratios.groupby("channel", sort=False):
        r = group["ratio_to_phone"]
        assumed = (group["basis"] == "aanname").any()
        studies = "; ".join(group["source"])
        rows.append(
            {
                "parameter": "cost_eur_per_contact",
                "channel": channel,
                "value": round(phone["value"] * r.median(), 2),
                "low": round(phone["low"] * r.min(), 2),
                "high": round(phone["high"] * r.max(), 2),
                "unit": "EUR/contact",
                "year": int(max(group["year"].max(), phone["year"])),
                "basis": "aanname" if assumed else "afgeleid",
                "source": (
                    f"Afgeleid: telefoon EUR {_nl(phone['value'])} (EUR {_nl(phone['low'])}-{_nl(phone['high'])}) "
                    f"x verhouding {channel}/telefoon, mediaan {_nl(r.median(), 3)} "
                    f"(min {_nl(r.min(), 3)}, max {_nl(r.max(), 3)}) uit: {studies}"
                ),
            }
        )
    return pd.DataFrame(rows)


def _population_that_year(points: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """Add ``population_year`` and ``population``: CBS population on 1 January of the point's year.

    For a year that is not mirrored (2016, 2020, 2021) the nearest mirrored year is used (the
    earlier one on a tie); the source text says so.
    """
    years = population.groupby("code")["year"].apply(sorted).to_dict()
    points = points.copy()
    points["population_year"] = [
        min(years[c], key=lambda y, year=year: (abs(y - year), y)) for c, year in zip(points["code"], points["year"])
    ]
    pop = population.set_index(["code", "year"])["population_1jan"]
    points["population"] = [int(pop[(c, y)]) for c, y in zip(points["code"], points["population_year"])]
    return points


def contact_rate_points(examples: pd.DataFrame, population: pd.DataFrame) -> pd.DataFrame:
    """Every published yearly volume of a contact channel, per inhabitant of its own year.

    One row per (gemeente, year, omnicalc channel); rows of one channel in one year (counter and
    Burgerzaken desk, X and Facebook) are added. ``rate`` = volume / CBS population on 1 January
    of that year (:func:`_population_that_year`). ``excluded`` says why a point is not used for the
    default: a covid year, or an older year of a gemeente that published a later one (per
    gemeente and channel the latest non-covid year counts). Empty: used.
    """
    ex = examples[examples["channel"].isin(EXAMPLE_CHANNELS)].copy()
    ex["omni_channel"] = ex["channel"].map(EXAMPLE_CHANNELS)
    keys = ["code", "municipality", "omni_channel", "year"]
    per = ex.groupby(keys, as_index=False)["volume"].sum()
    per = _population_that_year(per, population)
    per["rate"] = per["volume"] / per["population"]
    covid = per["year"].isin(COVID_YEARS)
    latest = per[~covid].groupby(["code", "omni_channel"])["year"].transform("max")
    per["excluded"] = ""
    per.loc[per["year"] < latest.reindex(per.index), "excluded"] = "ouder jaar"
    per.loc[covid, "excluded"] = "covid-jaar"
    return per.sort_values(["omni_channel", "code", "year"]).reset_index(drop=True)


def _point_text(g: Any) -> str:
    year = f"{g.population_year}" if g.population_year == g.year else f"{g.population_year}, dichtstbijzijnde jaar"
    return f"{g.municipality} {g.year}: {int(g.volume)} / {g.population} (inwoners 1-1-{year}) = {_nl(g.rate, 3)}"


def derive_contact_rates(points: pd.DataFrame) -> pd.DataFrame:
    """Contacts per inhabitant per year per channel from :func:`contact_rate_points`.

    base = median over gemeenten of each gemeente's latest non-covid year. low/high = min/max
    over gemeenten; with fewer than ``MIN_POINTS_FOR_SPREAD`` gemeenten the range is widened to at
    least the median -50%/+50% (an assumption, said so in the source text).
    """
    used = points[points["excluded"] == ""]
    rows = []
    for channel, group in used.groupby("omni_channel", sort=True):
        rate = group["rate"]
        median = rate.median()
        detail = "; ".join(_point_text(g) for g in group.itertuples())
        if len(group) >= MIN_POINTS_FOR_SPREAD:
            low, high, note = rate.min(), rate.max(), f"mediaan (min-max) over {len(group)} gemeenten"
        else:
            low, high = min(rate.min(), median * 0.5), max(rate.max(), median * 1.5)
            note = (
                f"mediaan over {len(group)} gemeente(n); bandbreedte min-max, ten minste mediaan -50%/+50% "
                f"(aanname: minder dan {MIN_POINTS_FOR_SPREAD} gemeenten)"
            )
        rows.append(
            {
                "parameter": "contacts_per_inhabitant_per_year",
                "channel": channel,
                "value": round(median, 4),
                "low": round(low, 4),
                "high": round(high, 4),
                "unit": "contacten/inwoner/jaar",
                "year": int(group["year"].max()),
                "basis": "afgeleid",
                "source": (
                    "Afgeleid uit gepubliceerde jaarvolumes (contact_examples.csv en contact_examples_extra.csv: "
                    "jaarverslagen, monitors, rekenkamer) / CBS-inwoners op 1 januari van hetzelfde jaar; per gemeente "
                    f"het laatste jaar buiten covid (2020-2021); {note}: {detail}"
                ),
            }
        )
    return pd.DataFrame(rows)


#: Gemeente characteristics tested as explanations of a rate: (column, label, take its log).
CHARACTERISTICS = (
    ("population", "inwoners (log)", True),
    ("mate_van_stedelijkheid", "stedelijkheid (CBS-klasse 1-5)", False),
    ("pct_age_65plus", "aandeel 65+ (%)", False),
)

#: A dependence counts as supported when the slope's two-sided p-value is below this (and n >= 8).
SUPPORT_P_VALUE = 0.05
SUPPORT_MIN_POINTS = 8


def dependence_tests(points: pd.DataFrame, kenmerken: pd.DataFrame, channels: tuple[str, ...]) -> pd.DataFrame:
    """Least-squares fit of log(rate) on each characteristic, one gemeente one point (the used points).

    ``population`` is that of the point's own year; urbanity and the 65+ share are CBS KWB 2024
    (the mirrored edition; they change slowly). Returns channel, characteristic, n, slope, its
    standard error, the two-sided p-value and whether the dependence is ``supported``.
    """
    used = points[points["excluded"] == ""].merge(
        kenmerken.drop(columns=["population", "name", "year"]), on="code", validate="many_to_one"
    )
    rows = []
    for channel in channels:
        group = used[used["omni_channel"] == channel]
        for column, label, log in CHARACTERISTICS:
            x = group[column].astype(float)
            fit = stats.linregress(np.log(x) if log else x, np.log(group["rate"]))
            rows.append(
                {
                    "channel": channel,
                    "characteristic": label,
                    "n": len(group),
                    "slope": fit.slope,
                    "stderr": fit.stderr,
                    "p_value": fit.pvalue,
                    "supported": bool(fit.pvalue < SUPPORT_P_VALUE and len(group) >= SUPPORT_MIN_POINTS),
                }
            )
    return pd.DataFrame(rows)


def read_dependence_tests() -> pd.DataFrame:
    """:func:`dependence_tests` of phone and counter, the channels with five or more gemeenten."""
    kenmerken = pd.read_csv(HERE / "gemeenten_kenmerken_2024.csv")
    return dependence_tests(read_points(), kenmerken, ("telefoon", "balie"))


def read_points() -> pd.DataFrame:
    """:func:`contact_rate_points` of the raw files in ``data/`` (also used by the docs page)."""
    examples = pd.concat(
        [pd.read_csv(HERE / "contact_examples.csv"), pd.read_csv(HERE / "contact_examples_extra.csv")],
        ignore_index=True,
    )
    return contact_rate_points(examples, pd.read_csv(HERE / "gemeenten_population_by_year.csv"))


def derive() -> pd.DataFrame:
    """Return the table that ``omnicalc/defaults/parameters.csv`` must hold."""
    figures = pd.read_csv(HERE / "figures.csv", dtype={"channel": str, "reason": str, "segment": str})
    ratios = pd.read_csv(HERE / "cost_ratios.csv")
    supported = read_dependence_tests().query("supported")
    if len(supported):
        raise ValueError(
            "a contact rate depends on a gemeente characteristic; ship it as a per-gemeente rate "
            f"(omnicalc.model.volume_per_inhabitant) instead of one national rate:\n{supported}"
        )
    table = pd.concat(
        [figures, derive_costs(figures, ratios), derive_contact_rates(read_points())],
        ignore_index=True,
    )
    table = table.reindex(columns=COLUMNS)
    for col in ["channel", "reason", "segment"]:
        table[col] = table[col].fillna("")
    twice = table[table.duplicated(["parameter", "channel", "reason", "segment"], keep=False)]
    if len(twice):
        raise ValueError(f"a default is declared twice (figures.csv and a derivation):\n{twice}")
    return table.sort_values(["parameter", "channel", "reason", "segment"], kind="stable").reset_index(drop=True)


def render() -> str:
    """The exact text of ``omnicalc/defaults/parameters.csv``."""
    return derive().to_csv(index=False, lineterminator="\n")


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    from derive_segments import main as derive_segments  # this folder; resident segments per gemeente

    derive_segments()
    (TARGET / "parameters.csv").write_text(render(), encoding="utf-8")
    for name in SHIPPED_AS_IS:
        shutil.copyfile(HERE / name, TARGET / name)
    print(f"wrote {TARGET / 'parameters.csv'}, {', '.join(SHIPPED_AS_IS)}")


if __name__ == "__main__":
    main()
