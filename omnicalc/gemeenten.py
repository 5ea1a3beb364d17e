"""The 342 Dutch municipalities of 2024 (CBS) and lookup by code or name.

Source: CBS Kerncijfers wijken en buurten 2024 (85984NED) and CBS Gebiedsindelingen;
CC BY 4.0. Provenance in ``data/SOURCES.md``.
"""

from __future__ import annotations

import difflib
import unicodedata
from functools import lru_cache
from importlib import resources

import pandas as pd

from .errors import InputError

#: Common names that differ from CBS's official spelling.
ALIASES: dict[str, str] = {
    "den haag": "GM0518",
    "the hague": "GM0518",
    "s-gravenhage": "GM0518",
    "den bosch": "GM0796",
    "s-hertogenbosch": "GM0796",
    "nuenen": "GM0820",
    "nuenen c.a.": "GM0820",
    "bergen nh": "GM0373",
    "bergen l": "GM0893",
    "dantumadeel": "GM1891",
    "tietjerksteradeel": "GM0737",
    "de friese meren": "GM1940",
}

INDELING_YEAR = 2024
"""The CBS municipal division (gemeentelijke indeling) whose codes and names omnicalc ships."""


@lru_cache(maxsize=1)
def gemeenten() -> pd.DataFrame:
    """All 342 municipalities: ``code, name, province, population, year`` (population on 1-1-2024).

    Examples
    --------
    >>> table = gemeenten()
    >>> len(table), int(table["population"].sum())
    (342, 17942942)
    """
    with resources.files("omnicalc").joinpath("defaults/gemeenten.csv").open("r", encoding="utf-8") as f:
        return pd.read_csv(f, dtype={"code": str, "name": str, "province": str, "population": "int64"})


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower().replace("(", "").replace(")", "").replace(".", " ").replace("'", "")
    return " ".join(text.split())


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    table = gemeenten()
    index = {_key(n): c for n, c in zip(table["name"], table["code"])}
    index.update({_key(c): c for c in table["code"]})
    index.update({_key(a): c for a, c in ALIASES.items()})
    return index


def find_gemeente(name_or_code: str) -> pd.Series:
    """The municipality with this CBS code (``GM0363``) or name (``Den Haag`` works too).

    Raises
    ------
    InputError
        When no municipality matches; the message suggests close names.


    Parameters
    ----------
    name_or_code : str
        CBS 2024 name or code, or a common name; case and accents do not matter.

    Examples
    --------
    >>> g = find_gemeente("Den Haag")
    >>> g["name"], g.name
    ("'s-Gravenhage", 'GM0518')
    """
    index = _index()
    code = index.get(_key(str(name_or_code)))
    if code is None:
        close = difflib.get_close_matches(_key(str(name_or_code)), list(index), n=3, cutoff=0.7)
        names = ", ".join(dict.fromkeys(_by_code().loc[index[k], "name"] for k in close))
        raise InputError(
            "gemeente",
            name_or_code,
            "a CBS 2024 municipality name or code (GM0000)" + (f"; did you mean: {names}" if names else ""),
            allowed_nl="kies een gemeente uit de CBS-lijst van 2024" + (f"; bedoelt u: {names}?" if names else ""),
            label_nl="Gemeente",
        )
    return _by_code().loc[code].rename(code)


@lru_cache(maxsize=1)
def _by_code() -> pd.DataFrame:
    return gemeenten().set_index("code")


__all__ = [
    "ALIASES",
    "INDELING_YEAR",
    "find_gemeente",
    "gemeenten",
]
