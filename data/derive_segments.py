"""Derive the resident-segment shares per gemeente: ``omnicalc/defaults/segments_per_gemeente.csv``.

Run ``python data/derive_segments.py`` (or ``python data/derive_defaults.py``, which calls it);
``tests/test_segments.py`` fails while the shipped file and this derivation disagree.

The three segments of the UWV channel model (VNG-handreiking omnichannel) are not counted by
anyone. They are derived from what CBS does count: the age structure of every gemeente and,
nationally, digital skills by age and education. All raw figures are in this folder, with
provenance in SOURCES.md:

- ``gemeenten_leeftijd_opleiding.csv``: per GM code the age bands 15-25, 25-45, 45-65 and 65+
  (CBS Kerncijfers wijken en buurten 2024, % of inhabitants, integers) and the highest
  education level low / middle / high of persons 15-75 (KWB 2022).
- ``digital_skills_literacy.csv``: national digital skills (CBS 83428NED 2019, CBS ICT-gebruik
  2023, DSI 2019) and who has no internet at home (CBS 2019).

Steps (each interpretation is an *aanname* and says so in SOURCES.md and in the source text):

1. Skill level per age band, nationally, 2019 (persons 12+, CBS 83428NED): *geen* 0,3%,
   *gering* 17,8%, *basis* 28,8%, *meer dan basis* 46,1%; the rest (7,0%) did not use the
   internet in the three months before the survey: *offline*.

   - offline: 89% of the people without internet at home are 65+ (66% 75+, 23% 65-75,
     CBS 2019); *aanname*: the offline group has the same age split; the 11% under 65 are
     spread over 15-65 in proportion to the population.
   - meer dan basis: 15-25 from 12-18 (62,1%) and 18-25 (79,2%) weighted 3:7 (years in the
     band); 25-45 the 25-54 figure (57%); 45-65 half 25-54 and half 55-74 (25%) (*aanname*:
     45-55 and 55-65 equally large); 65+ whatever makes the national 12+ total 46,1% again.
   - basis, gering, geen: the rest of each band, split as nationally (28,8 : 17,8 : 0,3),
     *aanname* (no published split by age).

   The national age structure is the population-weighted mean of the 342 gemeenten; persons
   15+ stand in for 12+ (*aanname*: children's contacts go through their parents, so the
   segments are shares of residents 15+).

2. Skill level -> segment (*aanname*): *meer dan basis* and *basis* -> zelfstandig; *gering* ->
   beperkt zelfstandig; *geen* and *offline* -> afhankelijk.

3. Per gemeente: the bands' segment shares weighted by the gemeente's own age structure. For
   15-65 the shares beperkt zelfstandig and afhankelijk are scaled by an education factor:
   the gemeente's education mix (KWB 2022) weighted by how often each level lacks *meer dan
   basis* relative to the nation (<= vmbo 71%, hbo/wo 30%, national 50%, CBS 2023; middle
   solved so the national factor is 1). Without 2022 figures (Voorne aan Zee) the factor is 1.

4. The range (low/high per segment) is the smallest and largest share over eight variants:
   skills of 2019 or 2023 (in 2023 "bijna 80%" of 12+ had at least basic skills instead of
   74,9%: beperkt zelfstandig and afhankelijk x 20/25,1 in every band), the mapping of step 2
   or a strict one (half of *basis* is beperkt zelfstandig: basic skills may not carry a DigiD
   form, *aanname*), and with or without the education factor. The value is the variant of
   steps 1-3 (2019, mapping of step 2, with education). Only national figures by age exist:
   the range carries that.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
TARGET = HERE.parent / "omnicalc" / "defaults" / "segments_per_gemeente.csv"
SEGMENTS = ("zelfstandig", "beperkt_zelfstandig", "afhankelijk")
BANDS = ("15_25", "25_45", "45_65", "65plus")
#: Of the persons 12+ without internet at home 66% are 75+ and 23% are 65-75 (CBS 2019, via Reformatorisch
#: Dagblad; the note of row no_internet_at_home 75+ 2019 in digital_skills_literacy.csv)
OFFLINE_65PLUS = 0.66 + 0.23
SOURCE = "CBS KWB 2024 leeftijdsopbouw × digitale vaardigheden naar leeftijd (CBS 2019/2023); afgeleid"


def _nl(x: float, digits: int = 1) -> str:
    return f"{x:.{digits}f}".replace(".", ",")


def _figure(skills: pd.DataFrame, indicator: str, group: str, year: int) -> float:
    """One national figure of ``digital_skills_literacy.csv`` as a fraction."""
    row = skills[
        (skills["indicator"] == indicator)
        & (skills["group"] == group)
        & (skills["geography"] == "NL")
        & (skills["year"] == year)
    ]
    if len(row) != 1:
        raise KeyError(f"no single figure {indicator} {group} {year}")
    return float(row["value"].iloc[0]) / 100.0


def age_shares(table: pd.DataFrame) -> pd.DataFrame:
    """Share of each band 15-25, 25-45, 45-65, 65+ among residents 15+ (rows sum to 1)."""
    ages = table[[f"pct_age_{b}" for b in BANDS]].to_numpy(dtype=float)
    return pd.DataFrame(ages / ages.sum(axis=1, keepdims=True), index=table["code"], columns=list(BANDS))


def residents_15plus(table: pd.DataFrame) -> pd.Series:
    """Residents 15+ per gemeente (population x share not 0-15), the weights of the national means."""
    t = table.set_index("code")
    return t["population"] * (1 - t["pct_age_0_15"] / 100)


def band_levels(skills: pd.DataFrame, national_age: pd.Series) -> pd.DataFrame:
    """Skill level per age band, nationally, 2019 (step 1): band x (mdb, basis, gering, geen, offline)."""
    total = {lvl: _figure(skills, f"digital_skills_level_{lvl}", "12+", 2019) for lvl in ("geen", "gering", "basis")}
    total["mdb"] = _figure(skills, "digital_skills_level_meer_dan_basis", "12+", 2019)
    offline_total = 1.0 - sum(total.values())
    p = national_age[list(BANDS)]
    offline = pd.Series(offline_total * (1 - OFFLINE_65PLUS) / p[list(BANDS[:3])].sum(), index=list(BANDS))
    offline["65plus"] = offline_total * OFFLINE_65PLUS / p["65plus"]

    def mdb_of(group: str) -> float:
        return _figure(skills, "digital_skills_level_meer_dan_basis", group, 2019)

    mdb = pd.Series(
        {
            "15_25": 0.3 * mdb_of("12-18") + 0.7 * mdb_of("18-25"),
            "25_45": mdb_of("25-54"),
            "45_65": 0.5 * mdb_of("25-54") + 0.5 * mdb_of("55-74"),
        }
    )
    mdb["65plus"] = (total["mdb"] - (p[mdb.index] * mdb).sum()) / p["65plus"]
    rest = 1.0 - mdb - offline
    split = total["basis"] + total["gering"] + total["geen"]
    return pd.DataFrame(
        {
            "mdb": mdb,
            "basis": rest * total["basis"] / split,
            "gering": rest * total["gering"] / split,
            "geen": rest * total["geen"] / split,
            "offline": offline,
        }
    ).loc[list(BANDS)]


def education_factor(table: pd.DataFrame, skills: pd.DataFrame) -> pd.Series:
    """How much more often residents 15-65 of a gemeente lack *meer dan basis* than the nation (step 3)."""
    national = _figure(skills, "digital_skills_level_meer_dan_basis", "12+", 2023)
    low = (1 - _figure(skills, "digital_skills_level_meer_dan_basis", "max vmbo", 2023)) / (1 - national)
    high = (1 - _figure(skills, "digital_skills_level_meer_dan_basis", "hbo/wo", 2023)) / (1 - national)
    edu = table.set_index("code")[["opl_laag", "opl_midden", "opl_hoog"]].astype(float)
    mix_nl = edu.sum() / edu.sum().sum()
    middle = (1 - mix_nl["opl_laag"] * low - mix_nl["opl_hoog"] * high) / mix_nl["opl_midden"]
    mix = edu.div(edu.sum(axis=1), axis=0)
    factor = mix["opl_laag"] * low + mix["opl_midden"] * middle + mix["opl_hoog"] * high
    return factor.fillna(1.0)


def segment_shares(
    ages: pd.DataFrame,
    levels: pd.DataFrame,
    factor: pd.Series,
    *,
    skills_2023: float = 1.0,
    strict: bool = False,
    education: bool = True,
) -> pd.DataFrame:
    """Segment shares per gemeente (steps 2-3) for one variant; rows sum to 1."""
    limited = levels["gering"] + (0.5 * levels["basis"] if strict else 0.0)
    dependent = levels["geen"] + levels["offline"]
    out = {}
    for name, band in (("beperkt_zelfstandig", limited), ("afhankelijk", dependent)):
        per = np.outer(np.ones(len(ages)), band.to_numpy() * skills_2023)  # (gemeente, band)
        if education:
            per[:, :3] *= factor.reindex(ages.index).to_numpy()[:, None]
        out[name] = (ages.to_numpy() * per).sum(axis=1)
    frame = pd.DataFrame(out, index=ages.index)
    frame.insert(0, "zelfstandig", 1.0 - frame.sum(axis=1))
    return frame


def derive() -> pd.DataFrame:
    """Return the table that ``omnicalc/defaults/segments_per_gemeente.csv`` must hold."""
    table = pd.read_csv(HERE / "gemeenten_leeftijd_opleiding.csv", dtype={"code": str})
    skills = pd.read_csv(HERE / "digital_skills_literacy.csv")
    ages, weights = age_shares(table), residents_15plus(table)
    levels = band_levels(skills, ages.mul(weights, axis=0).sum() / weights.sum())
    factor = education_factor(table, skills)
    at_least_basic = _figure(skills, "digital_skills_basic_or_above", "12+", 2023)
    k_2023 = (1 - at_least_basic) / (1 - _basic_2019(skills))
    variants = [  # the first is the central one: 2019, the mapping of step 2, with education
        segment_shares(ages, levels, factor, skills_2023=k, strict=s, education=e)
        for k, s, e in itertools.product((1.0, k_2023), (False, True), (True, False))
    ]
    central = variants[0]
    stacked = np.stack([v.to_numpy() for v in variants])  # (variant, gemeente, segment)
    rows = []
    detail = table.set_index("code")
    for i, code in enumerate(central.index):
        limited, dependent = round(central.iloc[i, 1], 4), round(central.iloc[i, 2], 4)
        values = (round(1.0 - limited - dependent, 4), limited, dependent)
        d = detail.loc[code]
        edu = "opleiding onbekend" if pd.isna(d["opl_laag"]) else f"opleidingsfactor {_nl(factor[code], 2)}"
        for j, seg in enumerate(SEGMENTS):
            rows.append(
                {
                    "code": code,
                    "name": d["name"],
                    "segment": seg,
                    "value": values[j],
                    "low": min(round(stacked[:, i, j].min(), 4), values[j]),
                    "high": max(round(stacked[:, i, j].max(), 4), values[j]),
                    "unit": "fractie",
                    "year": 2024,
                    "basis": "afgeleid",
                    "source": f"{SOURCE} (65+ {int(d['pct_age_65plus'])}%, {edu}; indeling: aanname)",
                }
            )
    return pd.DataFrame(rows)


def _basic_2019(skills: pd.DataFrame) -> float:
    """Share of persons 12+ with at least basic skills in 2019 (basis + meer dan basis)."""
    return _figure(skills, "digital_skills_level_basis", "12+", 2019) + _figure(
        skills, "digital_skills_level_meer_dan_basis", "12+", 2019
    )


def render() -> str:
    """The exact text of ``omnicalc/defaults/segments_per_gemeente.csv``."""
    return derive().to_csv(index=False, lineterminator="\n")


def national_mean(table: pd.DataFrame | None = None) -> pd.Series:
    """Population-weighted (residents 15+) national mean of the derived shares (the sanity check)."""
    shares = derive() if table is None else table
    w = residents_15plus(pd.read_csv(HERE / "gemeenten_leeftijd_opleiding.csv", dtype={"code": str}))
    wide = shares.pivot(index="code", columns="segment", values="value")[list(SEGMENTS)]
    return wide.mul(w, axis=0).sum() / w.sum()


def main() -> None:
    TARGET.write_text(render(), encoding="utf-8")
    mean = national_mean()
    print(f"wrote {TARGET}; national mean " + ", ".join(f"{s} {_nl(100 * v)}%" for s, v in mean.items()))


if __name__ == "__main__":
    main()
