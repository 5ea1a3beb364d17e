"""Import contact volumes per channel from a KCC export (CSV or XLSX), as municipalities export them.

Accepted shapes (title rows above the header are skipped):

- long: one row per channel, a channel column (``kanaal``) and a number column
  (``aantal``, ``volume``, ``contacten`` ...); several rows of one channel (e.g. one per
  month) are added up;
- wide: channels as column headers and one or more rows of numbers (e.g. one per month),
  added up per channel.

Numbers may use Dutch notation (``1.234.567``, ``1.234,5``), semicolons or commas as
separators, a BOM, and Windows-1252 text. Channel names are matched with Dutch synonyms
(telefonie, loket, mail, ...). A file is imported whole or not at all: any problem
raises :class:`InputError` naming the row and column, in English and Dutch.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import islice

from . import limits
from .domain import CHANNEL_LABELS, CHANNELS
from .errors import InputError
from .fmt import parse_number
from .tables import csv_rows, text_lines, xlsx_rows

#: Header words and channel names as KCC exports write them -> omnicalc channel.
SYNONYMS: dict[str, str] = {
    "balie": "balie",
    "loket": "balie",
    "baliebezoek": "balie",
    "baliebezoeken": "balie",
    "publiekshal": "balie",
    "frontoffice": "balie",
    "counter": "balie",
    "desk": "balie",
    "walk in": "balie",
    "afspraak": "balie",
    "afspraken": "balie",
    "telefoon": "telefoon",
    "telefonie": "telefoon",
    "telefonisch": "telefoon",
    "tel": "telefoon",
    "14": "telefoon",
    "callcenter": "telefoon",
    "phone": "telefoon",
    "telephone": "telefoon",
    "voice": "telefoon",
    "bellen": "telefoon",
    "email": "email",
    "e mail": "email",
    "mail": "email",
    "emails": "email",
    "e mails": "email",
    "chat": "chat",
    "webchat": "chat",
    "livechat": "chat",
    "chats": "chat",
    "whatsapp": "whatsapp_social",
    "social": "whatsapp_social",
    "social media": "whatsapp_social",
    "sociale media": "whatsapp_social",
    "webcare": "whatsapp_social",
    "facebook": "whatsapp_social",
    "twitter": "whatsapp_social",
    "instagram": "whatsapp_social",
    "whatsapp social": "whatsapp_social",
    "whatsapp social media": "whatsapp_social",
    "webformulier": "webformulier",
    "webformulieren": "webformulier",
    "formulier": "webformulier",
    "e formulier": "webformulier",
    "eformulier": "webformulier",
    "mijnomgeving": "webformulier",
    "mijn omgeving": "webformulier",
    "digitaal loket": "webformulier",
    "internet": "webformulier",
    "internettransacties": "webformulier",
    "webformulier mijnomgeving": "webformulier",
    "post": "post",
    "letter": "post",
    "web form": "webformulier",
    "webform": "webformulier",
    "brief": "post",
    "brieven": "post",
    "poststukken": "post",
    "schriftelijk": "post",
}
_CHANNEL_HEADERS = {"kanaal", "channel", "contactkanaal", "kanalen"}
_VALUE_HEADERS = {
    "aantal",
    "aantallen",
    "volume",
    "volumes",
    "contacten",
    "totaal",
    "count",
    "aantal contacten",
    "volume per jaar",
    "contacten per jaar",
}
MAX_BYTES = limits.FILE_BYTES.value


@dataclass(frozen=True)
class Imported:
    """Volumes per channel per year, and how they were read."""

    volumes_per_year: dict[str, float]
    rows_read: int
    notes: tuple[str, ...]


def _key(text: object) -> str:
    t = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    t = re.sub(r"[^a-z0-9]+", " ", t)
    return " ".join(t.split())


def channel_of(name: object) -> str | None:
    """The omnicalc channel for a name as written in an export, or None."""
    k = _key(name)
    return SYNONYMS.get(k) or SYNONYMS.get(k.replace(" ", ""))


def _rows_from_bytes(data: bytes, filename: str) -> list[list[object]]:
    if len(data) > MAX_BYTES:
        raise InputError(
            "file",
            filename,
            f"files up to {MAX_BYTES // 2**20} MiB are accepted",
            allowed_nl=f"bestanden tot {MAX_BYTES // 2**20} MB worden geaccepteerd",
            label_nl="Bestand",
        )
    if data[:2] == b"PK":
        return _rows_from_xlsx(data, filename)
    text = decode_text(data, filename)
    sample = "".join(islice(text_lines(text, filename), 20))
    delimiter = max([";", "\t", ","], key=lambda d: sample.count(d))
    return [list[object](r) for r in csv_rows(text, filename, delimiter)]


def decode_text(data: bytes, filename: str) -> str:
    """A CSV file's text: UTF-8 (with or without BOM), else Windows-1252, else Latin-1; a binary file is refused."""
    if b"\x00" in data[:4096]:
        raise InputError(
            "file",
            filename,
            "not a text (CSV) or Excel (XLSX) file",
            allowed_nl="dit is geen tekstbestand (CSV) of Excel-bestand (XLSX)",
            label_nl="Bestand",
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # decodes any byte: the last resort


def _rows_from_xlsx(data: bytes, filename: str) -> list[list[object]]:
    """The first sheet's rows, read lazily within :mod:`omnicalc.limits` (see :func:`omnicalc.tables.xlsx_rows`)."""
    return xlsx_rows(data, filename)


def _err(row: int, column: object, value: object, en: str, nl: str) -> InputError:
    return InputError(
        f"row {row}, column {column}",
        value,
        en,
        allowed_nl=f"rij {row}, kolom {column}: {nl}",
        label_nl="Importbestand",
    )


#: Words that make a header a number column, anywhere in it ("Aantal contacten 2024", "Aantal (geschat)", "count").
_VALUE_WORDS = {"aantal", "aantallen", "volume", "volumes", "contacten", "count", "counts", "contacts", "totaal"}


def _value_columns(keys: list[str]) -> list[int]:
    return [i for i, k in enumerate(keys) if k in _VALUE_HEADERS or set(k.split()) & _VALUE_WORDS]


def _pick_value_column(header: list[object], keys: list[str], cols: list[int], year: int | None, h: int) -> int:
    """The number column: the only one, or the one named for ``year``; else refuse, naming the candidates."""
    if len(cols) == 1:
        return cols[0]
    named = [i for i in cols if year is not None and str(year) in keys[i].split()]
    if len(named) == 1:
        return named[0]
    shown = ", ".join(f"'{header[i]}'" for i in cols)
    raise InputError(
        f"row {h + 1}",
        shown,
        "several number columns; say which one (year=...)" if year is None else f"no single column named {year}",
        allowed_nl=f"rij {h + 1}: meerdere kolommen met aantallen ({shown}); geef aan welke "
        + ("(het jaar)" if year is None else f"(geen of meer dan één kolom met {year} in de kop)"),
        label_nl="Importbestand",
    )


def read_kcc_export(
    data: bytes, filename: str = "export", *, year: int | None = None, previous: Mapping[str, float] | None = None
) -> Imported:
    """Read yearly volumes per channel from a KCC export (see the module docstring).

    Parameters
    ----------
    data : bytes
        The file's contents (CSV or XLSX), at most 20 MiB.
    filename : str
        The file's name, used in messages.
    year : int, optional
        With several number columns, the one whose header names this year is read.
    previous : mapping, optional
        The volumes so far per channel [contacten/jaar]: a channel the file does not have keeps
        its value (with a note) instead of becoming 0.

    Examples
    --------
    >>> read_kcc_export(b"Kanaal;Aantal\\nTelefonie;1.234\\nLoket;567\\n").volumes_per_year
    {'telefoon': 1234.0, 'balie': 567.0}
    >>> read_kcc_export(b"channel,contacts\\nphone,10\\ncounter,5\\n", previous={"post": 7}).volumes_per_year
    {'telefoon': 10.0, 'balie': 5.0, 'post': 7}
    """
    rows = [[c for c in r] for r in _rows_from_bytes(data, filename)]
    rows = [r for r in rows if any(str(c).strip() for c in r if c is not None)]
    if not rows:
        raise InputError("file", filename, "the file is empty", allowed_nl="het bestand is leeg", label_nl="Bestand")
    for h, header in enumerate(rows[:15]):
        keys = [_key(c) if c is not None else "" for c in header]
        channel_cols = [i for i, k in enumerate(keys) if k in _CHANNEL_HEADERS]
        value_cols = [i for i in _value_columns(keys) if i not in channel_cols]
        if channel_cols and value_cols:
            vi = _pick_value_column(header, keys, value_cols, year, h)
            return _keep_previous(_read_long(rows, h, channel_cols[0], vi, header), previous)
        wide = {i: channel_of(c) for i, c in enumerate(header) if c is not None and channel_of(c)}
        if len(wide) >= 2:
            return _keep_previous(_read_wide(rows, h, wide, header), previous)
    raise InputError(
        "file",
        filename,
        "no header found: give a column 'kanaal' with a column 'aantal', or channels as column headers",
        allowed_nl="geen kopregel gevonden: geef een kolom 'kanaal' en een kolom "
        "'aantal', of de kanalen als kolomkoppen",
        label_nl="Importbestand",
    )


def _keep_previous(imported: Imported, previous: Mapping[str, float] | None) -> Imported:
    """Channels not in the file keep their previous value, and a note says so; none silently becomes 0."""
    missing = [c for c in CHANNELS if c not in imported.volumes_per_year]
    if not missing:
        return imported
    volumes = dict(imported.volumes_per_year)
    notes = list(imported.notes)
    for c in missing:
        if previous is not None and c in previous:
            volumes[c] = previous[c]
            shown = f"{previous[c]:,.0f}".replace(",", ".")
            notes.append(f"{CHANNEL_LABELS[c]}: niet in het bestand; de vorige waarde ({shown}) blijft staan")
    absent = [CHANNEL_LABELS[c] for c in missing if previous is None or c not in previous]
    if absent:
        notes.append(f"niet in het bestand (niet op 0 gezet, de schatting blijft): {', '.join(absent)}")
    return Imported(volumes, imported.rows_read, tuple(notes))


def _number(value: object, row: int, column: object) -> float | None:
    try:
        x = parse_number(value)
    except ValueError:
        raise _err(row, column, value, "not a number", f"'{value}' is geen getal") from None
    if x is not None and not math.isfinite(x):
        raise _err(row, column, value, "not a finite number", f"'{value}' is geen eindig getal") from None
    if x is not None and x < 0:
        raise _err(
            row, column, value, "negative numbers are not allowed", f"een negatief aantal ({value}) kan niet"
        ) from None
    return x


def _read_long(rows: list[list[object]], h: int, ci: int, vi: int, header: list[object]) -> Imported:
    volumes: dict[str, float] = {}
    counts: dict[str, int] = {}
    read = 0
    for r, row in enumerate(rows[h + 1 :], start=h + 2):
        name = row[ci] if ci < len(row) else None
        if name is None or not str(name).strip():
            continue
        if _key(name) in ("totaal", "total", "som"):
            continue
        channel = channel_of(name)
        if channel is None:
            raise _err(
                r,
                header[ci],
                name,
                f"unknown channel; known: {', '.join(CHANNELS)}",
                f"onbekend kanaal '{name}'; bekend zijn: {', '.join(CHANNEL_LABELS.values())}",
            )
        x = _number(row[vi] if vi < len(row) else None, r, header[vi])
        if x is None:
            raise _err(r, header[vi], "", "empty number", "het aantal ontbreekt")
        volumes[channel] = volumes.get(channel, 0.0) + x
        counts[channel] = counts.get(channel, 0) + 1
        read += 1
    if not volumes:
        raise InputError(
            "file",
            "",
            "no rows with channels and numbers",
            allowed_nl="geen rijen met kanalen en aantallen gevonden",
            label_nl="Importbestand",
        )
    notes = tuple(f"{CHANNEL_LABELS[c]}: {n} rijen opgeteld" for c, n in counts.items() if n > 1)
    return Imported(volumes, read, notes)


def _read_wide(rows: list[list[object]], h: int, wide: dict[int, str | None], header: list[object]) -> Imported:
    volumes: dict[str, float] = {}
    read = 0
    for r, row in enumerate(rows[h + 1 :], start=h + 2):
        first = row[0] if row else None
        if first is not None and _key(first) in ("totaal", "total", "som"):
            continue
        cells = {i: row[i] if i < len(row) else None for i in wide}
        if all(c is None or not str(c).strip() for c in cells.values()):
            continue
        for i, channel in wide.items():
            x = _number(cells[i], r, header[i])
            if x is not None and channel is not None:
                volumes[channel] = volumes.get(channel, 0.0) + x
        read += 1
    if not read:
        raise InputError(
            "file",
            "",
            "no rows with numbers under the channel headers",
            allowed_nl="geen rijen met aantallen onder de kanaalkoppen",
            label_nl="Importbestand",
        )
    notes: tuple[str, ...] = ()
    if read > 1:
        notes = (
            f"{read} rijen per kanaal opgeteld (bijvoorbeeld maanden)"
            + ("; let op: minder dan 12 rijen, is dit wel een heel jaar?" if read < 12 else ""),
        )
    return Imported(volumes, read, notes)


__all__ = [
    "Imported",
    "MAX_BYTES",
    "SYNONYMS",
    "channel_of",
    "decode_text",
    "parse_number",
    "read_kcc_export",
]
