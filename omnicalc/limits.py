"""The limits of every reader and of the public API, declared once.

Each input is checked against these before it is parsed or before anything is built
from it, so a small hostile file cannot take gigabytes or minutes. A value over a limit
raises :class:`~omnicalc.errors.InputError` naming the limit, in English and Dutch. The
README states them (section "Grenzen"); a test holds the two together.

>>> ROWS.value, ROWS.allowed_nl
(50000, 'toegestaan is ten hoogste 50.000 rijen')
"""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Integral
from typing import Any

from .errors import InputError

MiB = 2**20


def _nl_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@dataclass(frozen=True)
class Limit:
    """An upper bound on one measure of an input.

    Parameters
    ----------
    value : int
        The largest allowed amount (bytes, rows, characters ...).
    unit_en, unit_nl : str
        What is counted, plural, in English and Dutch (``"rows"``, ``"rijen"``).
    scale : int
        Shown as ``value / scale`` units (bytes as MiB: ``scale=MiB``, ``unit_en="MiB"``).
    """

    value: int
    unit_en: str
    unit_nl: str
    scale: int = 1

    @property
    def shown_en(self) -> str:
        return f"{self.value // self.scale:,} {self.unit_en}".strip()

    @property
    def shown_nl(self) -> str:
        return f"{_nl_int(self.value // self.scale)} {self.unit_nl}".strip()

    @property
    def allowed_en(self) -> str:
        return f"allowed is at most {self.shown_en}"

    @property
    def allowed_nl(self) -> str:
        return f"toegestaan is ten hoogste {self.shown_nl}"

    def error(self, field: str, value: object, label_nl: str | None = None) -> InputError:
        """The error for ``value`` (usually the amount found, or the start of it) over this limit."""
        return InputError(field, value, self.allowed_en, allowed_nl=self.allowed_nl, label_nl=label_nl)

    def check(self, amount: int, field: str, label_nl: str | None = None) -> None:
        """Raise when ``amount`` is over the limit."""
        if amount > self.value:
            raise self.error(field, f"{amount // self.scale:,}+ {self.unit_en}", label_nl)


# --------------------------------------------------------------------------- KCC import (CSV, XLSX)
#: Size of a KCC export as uploaded (compressed, for XLSX).
FILE_BYTES = Limit(20 * MiB, "MiB", "MB", MiB)
#: Sum of the uncompressed sizes of an XLSX file's parts, as the zip directory states them.
XLSX_UNCOMPRESSED_BYTES = Limit(50 * MiB, "MiB uncompressed", "MB uitgepakt", MiB)
#: Uncompressed / compressed size of one XLSX part over 1 MiB (XML packs 5-20 times; a bomb 1000 times).
XLSX_COMPRESSION_RATIO = Limit(100, "times compression", "keer compressie")
#: Parts (files) in an XLSX zip.
XLSX_PARTS = Limit(1_000, "parts in the zip file", "onderdelen in het zip-bestand")
#: Entries of an XLSX's shared-strings table, and their characters together.
XLSX_SHARED_STRINGS = Limit(200_000, "shared strings", "gedeelde teksten")
XLSX_SHARED_CHARS = Limit(10_000_000, "characters of shared strings", "tekens aan gedeelde teksten")
#: Rows and columns of a table (CSV records, sheet rows); the sheet's declared dimension is ignored.
ROWS = Limit(50_000, "rows", "rijen")
COLUMNS = Limit(256, "columns", "kolommen")
#: Cells of a table together (each row counted up to its last filled column).
CELLS = Limit(1_000_000, "cells", "cellen")
#: XML elements read from an XLSX file (a cell is two or three; bounds the parse time).
XLSX_XML_ELEMENTS = Limit(4_000_000, "XML elements", "XML-elementen")
#: Characters in one line of a CSV file, and in one cell.
LINE_CHARS = Limit(65_536, "characters per line", "tekens per regel")
CELL_CHARS = Limit(32_767, "characters per cell", "tekens per cel")

# --------------------------------------------------------------------------- contact registrations (a row a contact)
#: Size of a registration export (CSV; 1,000,000 contacts take some 80 MiB).
REGISTRATION_BYTES = Limit(256 * MiB, "MiB", "MB", MiB)
#: Rows of a registration export (a large gemeente's year by phone and counter is under 1,000,000).
REGISTRATION_ROWS = Limit(2_000_000, "registrations", "registraties")

# --------------------------------------------------------------------------- scenario files (TOML)
#: Characters of a scenario file (a real one is a few kB; a weekly profile at 5 minutes adds 40 kB).
SCENARIO_CHARS = Limit(256 * 2**10, "KiB of text", "kB aan tekst", 2**10)
#: Table headers (``[...]`` and ``[[...]]``) in a scenario file.
TOML_SECTIONS = Limit(1_000, "sections", "secties")
#: Nesting of tables, lists and dotted keys in a scenario file (a real one needs 4).
TOML_DEPTH = Limit(16, "levels of nesting", "niveaus van nesting")
#: Items of one list (a weekly profile at 5-minute intervals has 2,016).
TOML_LIST_ITEMS = Limit(5_000, "items in a list", "elementen in een lijst")
#: Tables in one list of tables (``[[channel_shifts]]``, ``[[business_case.investments]]`` ...).
TOML_LIST_TABLES = Limit(100, "tables in a list", "secties in een lijst")
#: Characters of one text value in a scenario file.
TOML_STRING_CHARS = Limit(10_000, "characters per text", "tekens per tekst")
#: Characters of a name or label (scenario name, investment and cost labels).
NAME_CHARS = Limit(200, "characters", "tekens")
#: Scenarios kept beside the current one for comparison, in one scenario file.
KEPT_SCENARIOS = Limit(10, "kept scenarios", "bewaarde scenario's")

# --------------------------------------------------------------------------- the API
#: Monte Carlo draws of one simulation (every input's draws and the cash flows are kept: 100,000 took 80 MB, 3 s).
DRAWS = Limit(100_000, "draws", "trekkingen")
#: Monte Carlo draws per gemeente of the national simulation (342 x draws x 7 channels in memory).
NATIONAL_DRAWS = Limit(10_000, "draws", "trekkingen")
#: Largest seed of the random generator (seeds are whole numbers from 0).
SEED = Limit(2**63 - 1, "", "")
#: A TCP port for ``omnicalc serve``.
PORT = Limit(65_535, "", "")


def whole_number(value: Any, field: str, low: int, limit: Limit, label_nl: str | None = None) -> int:
    """``value`` as an int when it is a whole number (not a bool, not a float) from ``low`` to ``limit``.

    >>> whole_number(5, "draws", 1, NATIONAL_DRAWS)
    5
    >>> whole_number(1e5, "draws", 1, NATIONAL_DRAWS)
    Traceback (most recent call last):
    omnicalc.errors.InputError: draws: value 100000.0 is not allowed; a whole number from 1 to 10,000 draws.
    """
    ok = isinstance(value, Integral) and not isinstance(value, bool) and low <= int(value) <= limit.value
    if not ok:
        raise InputError(
            field,
            value,
            f"a whole number from {low:,} to {limit.shown_en}",
            allowed_nl=f"een geheel getal van {_nl_int(low)} tot en met {limit.shown_nl}",
            label_nl=label_nl,
        )
    return int(value)


def text(value: Any, field: str, limit: Limit = NAME_CHARS, label_nl: str | None = None) -> str:
    """``value`` when it is a ``str`` of at most ``limit`` characters (only its start is quoted in the error)."""
    if not isinstance(value, str):
        raise InputError(field, value, "a text is required", allowed_nl="hier hoort een tekst", label_nl=label_nl)
    if len(value) > limit.value:
        raise InputError(
            field,
            f"{value[:40]}… ({len(value):,} {limit.unit_en})",
            limit.allowed_en,
            allowed_nl=limit.allowed_nl,
            label_nl=label_nl,
        )
    return value


#: Every limit by name, for the README table and its test.
ALL: dict[str, Limit] = {name: v for name, v in dict(globals()).items() if isinstance(v, Limit)}

__all__ = [
    "ALL",
    "CELLS",
    "CELL_CHARS",
    "COLUMNS",
    "DRAWS",
    "FILE_BYTES",
    "KEPT_SCENARIOS",
    "LINE_CHARS",
    "Limit",
    "MiB",
    "NAME_CHARS",
    "NATIONAL_DRAWS",
    "PORT",
    "REGISTRATION_BYTES",
    "REGISTRATION_ROWS",
    "ROWS",
    "SCENARIO_CHARS",
    "SEED",
    "TOML_DEPTH",
    "TOML_LIST_ITEMS",
    "TOML_LIST_TABLES",
    "TOML_SECTIONS",
    "TOML_STRING_CHARS",
    "XLSX_COMPRESSION_RATIO",
    "XLSX_PARTS",
    "XLSX_SHARED_CHARS",
    "XLSX_SHARED_STRINGS",
    "XLSX_UNCOMPRESSED_BYTES",
    "XLSX_XML_ELEMENTS",
    "text",
    "whole_number",
]
