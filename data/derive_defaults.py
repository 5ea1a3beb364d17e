"""Derive the defaults shipped in ``omnicalc/defaults/`` from the raw files in ``data/``.

Run ``python data/derive_defaults.py`` after changing a raw file; ``tests/test_defaults.py``
fails while the shipped files and this derivation disagree.

Inputs (all in this folder, provenance in SOURCES.md and REFERENCE.md):

- ``figures.csv``: figures taken as they are, published (basis ``bron``) or assumed
  (basis ``aanname``, with the reasoning in ``source``).
- ``cost_ratios.csv``: published cost per contact of a channel relative to phone; the cost
  per contact of the other channels is derived from the phone figure with these ratios
  (currency-free, so UK and Australian studies can be used).
- ``contact_examples.csv`` and ``gemeenten.csv``: published contact volumes of Dutch
  municipalities; contacts per inhabitant are derived from them.

Outputs: ``omnicalc/defaults/parameters.csv`` and copies of ``gemeenten.csv`` and the CBS
boundaries ``gemeenten_2024.geojson``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
TARGET = HERE.parent / "omnicalc" / "defaults"
COLUMNS = ["parameter", "channel", "reason", "segment", "value", "low", "high", "unit", "year", "basis", "source"]

#: contact_examples.csv channel -> omnicalc channel (website visits are not contacts)
EXAMPLE_CHANNELS = {
    "balie": "balie",
    "telefoon": "telefoon",
    "email": "email",
    "whatsapp": "whatsapp_social",
    "social": "whatsapp_social",
    "webformulier": "webformulier",
}


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


def derive_contact_rates(examples: pd.DataFrame, gemeenten: pd.DataFrame) -> pd.DataFrame:
    """Contacts per inhabitant per year per channel from published municipal volumes.

    Per municipality the latest published year is used; rows of one channel in that year
    (e.g. counter and Burgerzaken desk, X and Facebook) are added. The denominator is the
    CBS population of 1-1-2024, also for older years (an approximation). base = median
    over municipalities, low/high = min/max; with a single municipality the range is
    that value -50%/+50% (an assumption, said so in the source text).
    """
    ex = examples[examples["channel"].isin(EXAMPLE_CHANNELS)].copy()
    ex["omni_channel"] = ex["channel"].map(EXAMPLE_CHANNELS)
    latest = ex.groupby(["code", "omni_channel"])["year"].transform("max")
    ex = ex[ex["year"] == latest]
    per = ex.groupby(["code", "municipality", "omni_channel", "year"], as_index=False)["volume"].sum()
    per = per.merge(gemeenten[["code", "population"]], on="code", validate="many_to_one")
    per["rate"] = per["volume"] / per["population"]
    rows = []
    for channel, group in per.groupby("omni_channel", sort=True):
        rate = group["rate"]
        detail = "; ".join(
            f"{g.municipality} {g.year}: {int(g.volume)} / {int(g.population)} = {_nl(g.rate, 3)}"
            for g in group.itertuples()
        )
        if len(group) >= 2:
            low, high, note = rate.min(), rate.max(), "mediaan (min-max) over gemeenten"
        else:
            low, high = rate.iloc[0] * 0.5, rate.iloc[0] * 1.5
            note = "één gemeente; bandbreedte -50%/+50% is een aanname"
        rows.append(
            {
                "parameter": "contacts_per_inhabitant_per_year",
                "channel": channel,
                "value": round(rate.median(), 4),
                "low": round(low, 4),
                "high": round(high, 4),
                "unit": "contacten/inwoner/jaar",
                "year": int(group["year"].max()),
                "basis": "afgeleid",
                "source": (
                    f"Afgeleid uit gepubliceerde volumes (contact_examples.csv, jaarverslagen en monitors) / "
                    f"CBS-inwoners 1-1-2024; {note}: {detail}"
                ),
            }
        )
    return pd.DataFrame(rows)


def derive() -> pd.DataFrame:
    """Return the table that ``omnicalc/defaults/parameters.csv`` must hold."""
    figures = pd.read_csv(HERE / "figures.csv", dtype={"channel": str, "reason": str, "segment": str})
    ratios = pd.read_csv(HERE / "cost_ratios.csv")
    examples = pd.read_csv(HERE / "contact_examples.csv")
    gemeenten = pd.read_csv(HERE / "gemeenten.csv")
    table = pd.concat(
        [figures, derive_costs(figures, ratios), derive_contact_rates(examples, gemeenten)],
        ignore_index=True,
    )
    table = table.reindex(columns=COLUMNS)
    for col in ["channel", "reason", "segment"]:
        table[col] = table[col].fillna("")
    return table.sort_values(["parameter", "channel", "reason", "segment"], kind="stable").reset_index(drop=True)


def render() -> str:
    """The exact text of ``omnicalc/defaults/parameters.csv``."""
    return derive().to_csv(index=False, lineterminator="\n")


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    from derive_segments import main as derive_segments  # this folder; resident segments per gemeente

    derive_segments()
    (TARGET / "parameters.csv").write_text(render(), encoding="utf-8")
    for name in ("gemeenten.csv", "gemeenten_2024.geojson"):
        shutil.copyfile(HERE / name, TARGET / name)
    print(f"wrote {TARGET / 'parameters.csv'}, gemeenten.csv and gemeenten_2024.geojson")


if __name__ == "__main__":
    main()
