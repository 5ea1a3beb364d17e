"""Measure, don't assume: the gemeente's own contact registrations, one row per contact.

:func:`read_registrations` reads a KCC export (CSV or XLSX, title rows above the header
skipped) and :func:`read_klantcontacten` the ``klantcontacten`` pages of the VNG
Klantinteracties API (Open Klant); both give one :class:`Measured`: volumes per channel x
contact reason, the status-question share per channel with a Wilson interval, repeat
contacts, transfers and call-backs, handling time and the weekly arrival profile, each with
the period and row count it was measured on.

Columns are found by the meaning of their header (``datum``, ``tijd``, ``kanaal``,
``onderwerp``/``vraag``/``categorie``/``product``, ``klantnummer``, ``zaaknummer``,
``duur``, ``doorverbonden``, ``terugbelverzoek``, ``opgelost``), dates in several formats
with Dutch month and weekday names (day before month when not ISO). The subject is
classified to a contact reason by the rules in ``defaults/reason_rules.csv`` (first rule
that matches wins); what no rule matches stays *niet ingedeeld*, with the 50 most frequent
unmapped subjects.

Privacy (AVG): resident and case references are only used to count repeats. They are
hashed in memory with a key drawn per import (SipHash, :func:`pandas.util.hash_array`), the
text is dropped at once, and :class:`Measured` holds aggregates only.

Everything is vectorised (pandas); dates, channels and subjects are parsed once per distinct
value. Any problem raises :class:`~omnicalc.errors.InputError` naming the row and column.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from itertools import islice
from typing import Any

import numpy as np
import pandas as pd

from . import limits
from .domain import CHANNEL_LABELS, CHANNELS, REASONS
from .errors import InputError
from .fmt import count
from .kcc_import import channel_of, decode_text, parse_number
from .tables import csv_rows, text_lines, xlsx_rows
from .workforce import ArrivalProfile

#: The reason of a subject no rule matches (and of an empty subject): kept visible, never spread.
UNMAPPED = "niet_ingedeeld"
#: Repeat window: a contact of the same resident (or case) within this many days after the previous one
#: is a repeat contact [dagen]. *Aanname* after the usual KCC definition (7 dagen, VNG Realisatie
#: 'herhaalcontact'); override with ``repeat_window_days``.
REPEAT_WINDOW_DAYS = 7
#: Days of a year for annualising: counts x 365 / days of the period (calendar days, first to last
#: contact inclusive) [dagen]. *Aanname*: evenredig, zonder seizoenspatroon.
DAYS_PER_YEAR = 365
#: z of the two-sided 95% Wilson interval.
Z95 = 1.959963984540054
WEEKDAYS_NL = ("ma", "di", "wo", "do", "vr", "za", "zo")
HALF_HOURS = tuple(f"{h:02d}:{m:02d}" for h in range(24) for m in (0, 30))

_LABEL = "Registraties"
_ROLES: dict[str, tuple[str, ...]] = {  # role -> header words (normalised, whole header or a word in it)
    "datetime": ("datum tijd", "datumtijd", "tijdstip", "plaatsgevondenop", "datetime", "timestamp", "aangemaakt op"),
    "date": ("datum", "date", "dag", "contactdatum", "begindatum"),
    "time": ("tijd", "time", "begintijd", "starttijd", "aanvangstijd", "interval", "tijdvak", "periode"),
    "channel": ("kanaal", "channel", "contactkanaal", "medium"),
    "subject": ("onderwerp", "vraag", "categorie", "product", "subject", "category", "topic", "vraagsoort"),
    "resident": ("klantnummer", "klant", "klant id", "klantid", "burger", "inwoner", "customer", "bsn", "partij"),
    "case": ("zaaknummer", "zaak", "zaakid", "case", "dossier", "dossiernummer"),
    "duration": ("duur", "gespreksduur", "afhandeltijd", "duration", "handling time", "aht"),
    "transferred": ("doorverbonden", "doorgezet", "transferred", "escalated", "doorgestuurd"),
    "callback": ("terugbelverzoek", "terugbellen", "callback", "terugbelnotitie"),
    "resolved": ("opgelost", "afgehandeld", "resolved", "gelukt", "indicatiecontactgelukt", "contact gelukt"),
    "id": ("id", "contactnummer", "contact id", "registratienummer", "uuid", "volgnummer"),
}
_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "mar": 3, "april": 4, "apr": 4,
    "mei": 5, "may": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAY_WORDS = (
    "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo|"
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun"
)
_YES = {"ja", "j", "yes", "y", "1", "true", "waar", "x", "1.0"}
_NO = {"nee", "n", "no", "0", "false", "onwaar", "", "0.0"}
_DATE_FORMATS = (
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d-%m-%Y",
    "%d-%m-%y %H:%M", "%d-%m-%y", "%Y%m%d %H%M%S", "%Y%m%d",
)  # fmt: skip


def _key(text: object) -> str:
    t = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", t).split())


def _nl_int(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _pct(x: float, decimals: int = 0) -> str:
    return f"{x:.{decimals}%}".replace(".", ",")


def _err(row: int | None, column: object, value: object, en: str, nl: str) -> InputError:
    where_en = f"row {row}, column {column}" if row is not None else f"column {column}"
    where_nl = f"rij {row}, kolom {column}" if row is not None else f"kolom {column}"
    return InputError(where_en, value, en, allowed_nl=f"{where_nl}: {nl}", label_nl=_LABEL)


# --------------------------------------------------------------------------------------
# the classifier: rules as data
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Rule:
    """A subject that contains ``pattern`` (``woorden``: as whole words; ``deel``: anywhere) is ``reason``.

    Parameters
    ----------
    pattern : str
        Words to look for in the subject (compared lower case, without accents or punctuation).
    match : str
        ``woorden`` (whole words) or ``deel`` (anywhere in the subject).
    reason : str
        The contact reason (one of :data:`omnicalc.domain.REASONS`).
    source : str
        Where the rule comes from (a source or *aanname*).
    """

    pattern: str
    match: str
    reason: str
    source: str


@cache
def default_rules() -> tuple[Rule, ...]:
    """The shipped rules, in order (the first that matches wins), from ``defaults/reason_rules.csv``."""
    with resources.files("omnicalc").joinpath("defaults/reason_rules.csv").open("r", encoding="utf-8") as f:
        return tuple(Rule(_key(r["pattern"]), r["match"], r["reason"], r["source"]) for r in csv.DictReader(f))


#: The source of a rule the user made by choosing a reason for a subject (the dashboard's mapping table).
OWN_RULE_SOURCE = "Eigen indeling van de gemeente (tabel Onderwerpen indelen)"


def own_rules(mapping: Mapping[str, str]) -> tuple[Rule, ...]:
    """Rules for subjects the user classified: each subject (as a whole phrase) is its chosen reason.

    Put them before :func:`default_rules` (``own_rules(m) + default_rules()``): the user's choice wins.

    Parameters
    ----------
    mapping : mapping of str to str
        Subject as registered -> contact reason (one of :data:`omnicalc.domain.REASONS`).

    Raises
    ------
    InputError
        For a reason that is not a contact reason, or an empty subject.

    Examples
    --------
    >>> rules = own_rules({"Doorverbonden met wethouder": "informatievraag"})
    >>> classify(["Doorverbonden met wethouder", "Overig gesprek"], rules + default_rules()).tolist()
    ['informatievraag', 'niet_ingedeeld']
    """
    out = []
    for subject, reason in mapping.items():
        if reason not in REASONS:
            raise InputError(
                f"mapping.{subject}",
                reason,
                f"one of {', '.join(REASONS)}",
                allowed_nl="kies een contactreden",
                label_nl=f"Indeling van '{subject}'",
            )
        pattern = _key(subject)
        if not pattern:
            raise InputError("mapping", subject, "a subject with words", allowed_nl="een onderwerp met woorden")
        out.append(Rule(pattern, "woorden", reason, OWN_RULE_SOURCE))
    return tuple(out)


def classify(subjects: Iterable[object], rules: Iterable[Rule] | None = None) -> np.ndarray:
    """The contact reason of each subject (:data:`UNMAPPED` where no rule matches), vectorised.

    Parameters
    ----------
    subjects : iterable of str
        The subjects (onderwerp, vraag, categorie) as registered.
    rules : iterable of Rule, optional
        The rules in order, the first that matches wins; by default :func:`default_rules`.

    Examples
    --------

    >>> classify(["Hoe staat het met mijn paspoort?", "Paspoort", "Lantaarnpaal kapot", "", "iets"]).tolist()
    ['statusvraag', 'aanvraag', 'melding', 'niet_ingedeeld', 'niet_ingedeeld']
    """
    codes, uniques = pd.factorize(pd.Series(list(subjects) if not isinstance(subjects, pd.Series) else subjects))
    keys = pd.Series([" " + _key(u) + " " for u in uniques], dtype=object)
    reason = np.full(len(uniques), UNMAPPED, dtype=object)
    open_ = np.ones(len(uniques), dtype=bool)
    for rule in default_rules() if rules is None else rules:
        if rule.reason not in REASONS:
            raise InputError("rules.reason", rule.reason, f"one of {', '.join(REASONS)}")
        needle = f" {rule.pattern} " if rule.match == "woorden" else rule.pattern
        hit = open_ & keys.str.contains(needle, regex=False).to_numpy()
        reason[hit] = rule.reason
        open_ &= ~hit
    out = np.full(len(codes), UNMAPPED, dtype=object)
    ok = codes >= 0
    out[ok] = reason[codes[ok]]
    return out


# --------------------------------------------------------------------------------------
# the result
# --------------------------------------------------------------------------------------
def wilson(k: float, n: float, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a share ``k / n`` (95% by default).

    Parameters
    ----------
    k : float
        Hits, e.g. status questions [contacten].
    n : float
        Sample size, e.g. all contacts of the channel [contacten].
    z : float
        The normal quantile of the interval [-]; 1.96 for 95%.

    Examples
    --------

    >>> [round(x, 4) for x in wilson(30, 100)]
    [0.2189, 0.3958]
    """
    if n <= 0:
        return (0.0, 1.0)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (max(0.0, centre - half), min(1.0, centre + half))


@dataclass(frozen=True, eq=False)
class Measured:
    """What a gemeente's own registrations show (*gemeten*), aggregates only.

    Parameters
    ----------
    volumes : pandas.DataFrame
        Contacts in the period, channel (rows) x reason (columns, :data:`UNMAPPED` last) [contacten].
    status_share : dict
        Per channel: (share, low, high) of status questions among all its contacts, Wilson 95% [-].
    repeat_share : dict
        Per channel: share of contacts with a reference that repeat one within the window [-].
    repeats : pandas.DataFrame
        Repeat contacts, channel x reason [contacten].
    transfer_share, callback_share, fcr_share : dict
        Per channel, where the file says so: transferred, call-back requested, and neither (nor
        unresolved) = first-contact resolution [-].
    aht_seconds : dict
        Mean handling time per channel where durations are given [s].
    arrivals : pandas.DataFrame
        Contacts per weekday (``ma`` .. ``zo``) x half hour (rows) and channel (columns) [contacten].
    period_start, period_end : datetime.date
        First and last day with a contact (or as given).
    rows : int
        Contacts counted (after duplicates were dropped).
    filename : str
        Where they came from.
    unmapped : tuple of (str, int)
        The 50 most frequent subjects no rule matched, with their counts.
    notes_nl : tuple of str
        What the reader did, in Dutch.
    abandon_share, service_level_share : dict
        From a telephony (ACD) report: abandoned / offered, and answered within the norm / offered [-].
    """

    volumes: pd.DataFrame
    status_share: dict[str, tuple[float, float, float]]
    repeat_share: dict[str, float]
    repeats: pd.DataFrame
    transfer_share: dict[str, float]
    callback_share: dict[str, float]
    fcr_share: dict[str, float]
    aht_seconds: dict[str, float]
    arrivals: pd.DataFrame
    period_start: date
    period_end: date
    rows: int
    filename: str
    unmapped: tuple[tuple[str, int], ...] = ()
    notes_nl: tuple[str, ...] = ()
    repeat_window_days: int = REPEAT_WINDOW_DAYS
    abandon_share: dict[str, float] = field(default_factory=dict)
    service_level_share: dict[str, float] = field(default_factory=dict)

    @property
    def days(self) -> int:
        """Calendar days of the period, first and last day included."""
        return (self.period_end - self.period_start).days + 1

    @property
    def channel_totals(self) -> dict[str, float]:
        """Contacts per channel in the period."""
        return {c: float(v) for c, v in self.volumes.sum(axis=1).items()}

    def volumes_per_year(self) -> dict[str, float]:
        """Contacts per channel per year: the period's counts x :data:`DAYS_PER_YEAR` / :attr:`days`."""
        factor = DAYS_PER_YEAR / self.days
        return {c: v * factor for c, v in self.channel_totals.items()}

    @property
    def provenance(self) -> dict[str, Any]:
        return {
            "basis": "gemeten",
            "filename": self.filename,
            "period_start": self.period_start.isoformat(),
            "period_end": self.period_end.isoformat(),
            "rows": self.rows,
        }

    def to_dict(self) -> dict[str, Any]:
        """Everything as plain values (aggregates and provenance only)."""
        return {
            **self.provenance,
            "volumes": {c: {r: int(v) for r, v in row.items()} for c, row in self.volumes.iterrows()},
            "volumes_per_year": self.volumes_per_year(),
            "status_share": {c: list(v) for c, v in self.status_share.items()},
            "repeat_share": self.repeat_share,
            "repeat_window_days": self.repeat_window_days,
            "repeats": {c: {r: int(v) for r, v in row.items()} for c, row in self.repeats.iterrows()},
            "transfer_share": self.transfer_share,
            "callback_share": self.callback_share,
            "fcr_share": self.fcr_share,
            "aht_seconds": self.aht_seconds,
            "abandon_share": self.abandon_share,
            "service_level_share": self.service_level_share,
            "arrivals": {
                f"{d} {t}": {c: int(v) for c, v in row.items() if v} for (d, t), row in self.arrivals.iterrows()
            },
            "unmapped": [list(u) for u in self.unmapped],
            "notes_nl": list(self.notes_nl),
        }

    def overrides(self, previous: Mapping[str, float] | None = None) -> dict[str, Any]:
        """Scenario-file baseline values: yearly volumes (channels not measured keep ``previous``),
        the status-question share and the repeat share per measured channel.

        The keys are those of ``[baseline]`` in a scenario file (:mod:`omnicalc.scenario_file`).
        """
        volumes = dict(previous or {})
        volumes.update({c: round(v) for c, v in self.volumes_per_year().items()})
        return {
            "volumes_per_year": volumes,
            "status_question_share": {c: round(v[0], 4) for c, v in self.status_share.items()},
            "repeat_contact_share": {c: round(v, 4) for c, v in self.repeat_share.items()},
        }

    def arrival_profile(self, channel: str = "telefoon") -> ArrivalProfile:
        """The channel's measured weekly profile for staffing (:class:`omnicalc.workforce.ArrivalProfile`):
        the share of its contacts per half hour, over the half hours in which any arrived (in week order)."""
        counts = self.arrivals[channel].to_numpy(dtype=float) if channel in self.arrivals else np.zeros(1)
        if counts.sum() <= 0:
            raise InputError(
                "channel",
                channel,
                "a channel with measured contacts",
                allowed_nl=f"voor {CHANNEL_LABELS.get(channel, channel)} zijn geen contacten gemeten",
                label_nl=_LABEL,
            )
        shares = counts[counts > 0] / counts.sum()
        return ArrivalProfile(tuple(shares.tolist()), 30.0, "")  # "": own shares, not built from opening hours

    def summary_nl(self) -> str:
        """The measured figures as a short Dutch text (for the command line)."""
        lines = [
            f"Gemeten uit {self.filename}: {count(self.rows, 'contact', 'contacten')} van "
            f"{self.period_start:%d-%m-%Y} tot en met {self.period_end:%d-%m-%Y} "
            f"({count(self.days, 'dag', 'dagen')})."
        ]
        per_year = self.volumes_per_year()
        for c, total in self.channel_totals.items():
            line = f"- {CHANNEL_LABELS.get(c, c)}: {count(int(total), 'contact', 'contacten')}"
            line += f" (per jaar {_nl_int(round(per_year[c]))})"
            if c in self.status_share:
                share, low, high = self.status_share[c]
                line += f", statusvragen {_pct(share)} ({_pct(low)}-{_pct(high)})"
            if c in self.aht_seconds:
                line += f", afhandeltijd {self.aht_seconds[c]:.0f} s"
            if c in self.abandon_share:
                line += f", verloren {_pct(self.abandon_share[c], 1)}"
            if c in self.service_level_share:
                line += f", servicelevel {_pct(self.service_level_share[c])}"
            lines.append(line)
        lines += [f"  {n}" for n in self.notes_nl]
        if self.unmapped:
            lines.append("Meest voorkomende niet ingedeelde onderwerpen:")
            lines += [f"  {n:>6}  {s or '(leeg)'}" for s, n in self.unmapped[:10]]
        return "\n".join(lines)


# --------------------------------------------------------------------------------------
# reading
# --------------------------------------------------------------------------------------
def _decode(data: bytes, filename: str) -> str:
    limits.REGISTRATION_BYTES.check(len(data), "file", "Bestand")
    return decode_text(data, filename)


def _roles(header: list[object]) -> dict[str, int]:
    """Column index per role, by the header's meaning (the first column of a role wins)."""
    found: dict[str, int] = {}
    for i, h in enumerate(header):
        k = _key(h) if h is not None else ""
        if not k:
            continue
        words = set(k.split())
        for role, names in _ROLES.items():
            if role in found:
                continue
            if (
                k in names
                or k.replace(" ", "") in names
                or (role != "id" and words & {n for n in names if " " not in n})
            ):
                if role == "date" and ("time" in found and found["time"] == i):
                    continue
                found[role] = i
                break
    if "datetime" not in found and "date" in found and "time" not in found:
        found["datetime"] = found.pop("date")
    if "date" in found and "time" in found and found["date"] == found["time"]:
        found["datetime"] = found.pop("date")
        found.pop("time")
    return found


def _header_row(rows: list[list[object]]) -> int | None:
    for h, row in enumerate(rows[:15]):
        r = _roles(row)
        if "channel" in r and ("datetime" in r or "date" in r):
            return h
    return None


def _frame_from_csv(text: str, filename: str) -> tuple[pd.DataFrame, int]:
    head = list(islice(text_lines(text, filename), 20))
    sample = "".join(head)
    delimiter = max([";", "\t", ","], key=lambda d: sample.count(d))
    head_rows = [list[object](r) for r in csv.reader(head, delimiter=delimiter)]
    h = _header_row(head_rows)
    if h is None:
        raise _no_header(filename)
    try:
        df = pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            skiprows=h,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            nrows=limits.REGISTRATION_ROWS.value + 1,
            engine="c",
        )
    except (pd.errors.ParserError, ValueError) as e:
        m = re.search(r"line (\d+)", str(e))
        row = int(m.group(1)) + h if m else None
        raise _err(row, "-", "…", f"not a readable CSV record ({e})", "deze regel is geen leesbare CSV-regel") from e
    limits.COLUMNS.check(df.shape[1], "file", "Bestand")
    limits.REGISTRATION_ROWS.check(len(df), "file", "Bestand")
    return df, h + 2  # file row of the first record


def _frame_from_xlsx(data: bytes, filename: str) -> tuple[pd.DataFrame, int]:
    rows = xlsx_rows(data, filename)
    h = _header_row(rows)
    if h is None:
        raise _no_header(filename)
    header = [str(c) if c is not None else f"kolom {i + 1}" for i, c in enumerate(rows[h])]
    body = [[(_cell(c) if i < len(r) else "") for i, c in enumerate(r[: len(header)])] for r in rows[h + 1 :]]
    body = [b + [""] * (len(header) - len(b)) for b in body]
    return pd.DataFrame(body, columns=header, dtype=object), h + 2


def _cell(c: object) -> str:
    if c is None:
        return ""
    if isinstance(c, float):  # an Excel date serial is kept as a number; the date parser knows it
        return repr(c) if not c.is_integer() else str(int(c))
    return str(c)


def _no_header(filename: str) -> InputError:
    return InputError(
        "file",
        filename,
        "no header found: give at least a column 'datum' (or 'datum/tijd') and a column 'kanaal'",
        allowed_nl="geen kopregel gevonden: geef ten minste een kolom 'datum' (of 'datum/tijd') en een kolom 'kanaal'",
        label_nl=_LABEL,
    )


def _per_distinct(values: pd.Series, fn: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """``fn`` applied to the distinct values only, spread back over ``values`` (NaN for a missing value)."""
    codes, uniques = pd.factorize(values)
    done = fn(pd.Series(uniques, dtype=object).astype(str)).to_numpy()
    out = pd.Series(done[np.maximum(codes, 0)], index=values.index)
    return out.where(codes >= 0)


def _parse_datetimes(values: pd.Series) -> pd.Series:
    """Timestamps (local, naive) from text in several formats; NaT where none fits. Parsed per distinct value."""
    return _per_distinct(values, _datetimes_of)


def _datetimes_of(raw: pd.Series) -> pd.Series:
    out = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[ns]")
    raw = raw.str.strip()
    sample = raw.iloc[:200]
    fits = {f: int(pd.to_datetime(sample, format=f, errors="coerce").notna().sum()) for f in _DATE_FORMATS[:6]}
    for fmt in sorted((f for f in fits if fits[f]), key=lambda f: -fits[f]):  # a standard format, untouched
        todo = out.isna().to_numpy()
        if not todo.any():
            return out
        out[todo] = pd.to_datetime(raw[todo], format=fmt, errors="coerce")
    u = raw.str.strip().str.lower()
    rest0 = out.isna()
    # ISO with a time zone (an API's export): to Dutch local time
    iso = rest0 & u.str.contains(r"^\d{4}-\d\d-\d\dt.*(?:z|[+-]\d\d:?\d\d)$", regex=True)
    if iso.any():
        t = pd.to_datetime(u[iso].str.upper(), errors="coerce", utc=True, format="ISO8601")
        out[iso] = t.dt.tz_convert("Europe/Amsterdam").dt.tz_localize(None).astype("datetime64[ns]")
    # Excel serial days (XLSX cells)
    serial = rest0 & ~iso & u.str.fullmatch(r"\d{5}(\.\d+)?")
    if serial.any():
        out[serial] = pd.Timestamp("1899-12-30") + pd.to_timedelta(u[serial].astype(float), unit="D")
    rest = rest0 & ~iso & ~serial
    t = u[rest].str.replace(rf"^(?:{_WEEKDAY_WORDS})\.?,?\s+", "", regex=True)
    t = t.str.replace(r"^(\d{4}-\d\d-\d\d)t", r"\1 ", regex=True).str.replace(r"\.\d+$", "", regex=True)
    t = t.str.replace(r"[/.]", "-", regex=True).str.replace(r"\s+(om|at)\s+", " ", regex=True)
    t = t.str.replace(r"(\d)u(\d)", r"\1:\2", regex=True).str.replace(r"\s+", " ", regex=True)

    def month(m: re.Match[str]) -> str:
        return f"-{_MONTHS[m.group(1)]:02d}-"

    names = "|".join(sorted(_MONTHS, key=len, reverse=True))
    t = t.str.replace(rf"\s*\b({names})\b\.?\s*", month, regex=True)
    for fmt in _DATE_FORMATS:
        todo = out[rest].isna()
        if not todo.any():
            break
        idx = t.index[todo.to_numpy()]
        out[idx] = pd.to_datetime(t[idx], format=fmt, errors="coerce")
    return out


def _parse_seconds(values: pd.Series, header: str) -> pd.Series:
    """Durations in seconds: ``h:mm:ss``, ``m:ss`` or a number (minutes when the header says ``min``)."""
    return _per_distinct(values, lambda u: _seconds_of(u, header)).astype(float)


def _seconds_of(values: pd.Series, header: str) -> pd.Series:
    v = values.astype(str).str.strip().str.replace(",", ".", regex=False)
    out = pd.to_numeric(v.where(~v.str.contains(":", regex=False)), errors="coerce")
    if "min" in _key(header).split() or "minuten" in _key(header) or "(min)" in header.lower():
        out = out * 60
    parts = v[v.str.contains(":", regex=False)].str.split(":", expand=True)
    if len(parts):
        nums = parts.apply(pd.to_numeric, errors="coerce")
        secs = nums.iloc[:, -1] + 60 * nums.iloc[:, -2]
        if nums.shape[1] > 2:
            secs = secs + 3600 * nums.iloc[:, -3].fillna(0)
        out[parts.index] = secs
    return out


def _flags(values: pd.Series, column: str, first_row: int) -> pd.Series:
    v = _per_distinct(
        values, lambda u: u.str.strip().str.lower().map(lambda x: x in _YES or (None if x not in _NO else False))
    )
    yes, no = v.eq(True), v.eq(False)
    bad = ~(yes | no)
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise _err(
            first_row + int(values.index[i]),
            column,
            values.iloc[i],
            "not a yes/no value (ja, nee, 1, 0, true, false)",
            f"'{values.iloc[i]}' is geen ja of nee (toegestaan: ja, nee, 1, 0, waar, onwaar)",
        )
    return yes


def read_registrations(
    data: bytes | str | os.PathLike[str],
    filename: str | None = None,
    *,
    repeat_window_days: int = REPEAT_WINDOW_DAYS,
    period: tuple[date, date] | None = None,
    rules: Iterable[Rule] | None = None,
) -> Measured:
    """Measure a registration export (CSV or XLSX, one row per contact); see the module docstring.

    Parameters
    ----------
    data : bytes or path
        The file's contents or its path (CSV or XLSX), at most :data:`omnicalc.limits.REGISTRATION_BYTES`.
    filename : str, optional
        The file's name, kept as provenance and used in messages.
    repeat_window_days : int
        A contact of the same resident (or case) within this many days is a repeat [dagen].
    period : (date, date), optional
        The first and last day of the registration period; by default those of the first and last contact.
    rules : iterable of Rule, optional
        The classifier's rules from subject to reason; by default :func:`default_rules`.

    Examples
    --------
    >>> m = read_registrations(b"Datum;Kanaal;Onderwerp\\n4-3-2024 9:00;Telefoon;Status aanvraag\\n"
    ...                        b"ma 4 maart 2024 09:40;Balie;Paspoort\\n", "x.csv")
    >>> int(m.volumes.loc["telefoon", "statusvraag"]), int(m.volumes.loc["balie", "aanvraag"]), m.rows
    (1, 1, 2)
    """
    if not isinstance(data, bytes):
        filename = filename or os.path.basename(os.fspath(data))
        size = os.path.getsize(data)
        limits.REGISTRATION_BYTES.check(size, "file", "Bestand")
        with open(data, "rb") as f:
            data = f.read()
    filename = filename or "registraties"
    if data[:2] == b"PK":
        df, first = _frame_from_xlsx(data, filename)
    else:
        df, first = _frame_from_csv(_decode(data, filename), filename)
    return _measure(df, first, filename, repeat_window_days=repeat_window_days, period=period, rules=rules)


def _measure(
    df: pd.DataFrame,
    first: int,
    filename: str,
    *,
    repeat_window_days: int = REPEAT_WINDOW_DAYS,
    period: tuple[date, date] | None = None,
    rules: Iterable[Rule] | None = None,
    notes: tuple[str, ...] = (),
) -> Measured:
    """The measures of a frame of text columns (``first``: the file row of its first record)."""
    notes_nl = list(notes)
    df = df.reset_index(drop=True)
    roles = _roles(list(df.columns))
    cols = list(df.columns)
    blank = df[cols[roles["channel"]]].astype(str).eq("").to_numpy()  # only such rows can be wholly empty
    empty = np.zeros(len(df), dtype=bool)
    empty[blank] = df[blank].astype(str).eq("").all(axis=1).to_numpy()
    df = df[~empty]
    if df.empty:
        raise InputError("file", filename, "no registrations", allowed_nl="geen registraties gevonden", label_nl=_LABEL)
    # duplicates: only when a contact id says two rows are the same contact
    if "id" in roles:
        dup = df.duplicated(keep="first")
        if dup.any():
            twice = count(int(dup.sum()), "dubbele rij", "dubbele rijen")
            notes_nl.append(f"{twice} (zelfde contact-id en inhoud) niet meegeteld")
            df = df[~dup.to_numpy()]
    rownum = df.index.to_numpy() + first
    # when
    if "datetime" in roles:
        col = cols[roles["datetime"]]
        raw = df[col]
        if "time" in roles:
            raw = raw.astype(str) + " " + df[cols[roles["time"]]].astype(str)
    else:
        col = cols[roles["date"]]
        raw = df[col].astype(str) + (" " + df[cols[roles["time"]]].astype(str) if "time" in roles else "")
    when = _parse_datetimes(raw.astype(str))
    bad = when.isna().to_numpy()
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise _err(
            int(rownum[i]),
            col,
            str(raw.iloc[i]).strip(),
            "not a date and time (e.g. 2024-03-04 09:15, 4-3-2024 9:15, ma 4 maart 2024 09:15)",
            f"'{str(raw.iloc[i]).strip()}' is geen datum en tijd (bijvoorbeeld 2024-03-04 09:15, "
            "4-3-2024 9:15 of ma 4 maart 2024 09:15)",
        )
    # channel
    ccol = cols[roles["channel"]]
    codes, uniques = pd.factorize(df[ccol].astype(str))
    mapped = np.array([channel_of(u) or "" for u in uniques], dtype=object)
    bad_u = np.flatnonzero(mapped == "")
    if len(bad_u):
        i = int(np.flatnonzero(np.isin(codes, bad_u))[0])
        name = str(uniques[codes[i]]).strip()
        raise _err(
            int(rownum[i]),
            ccol,
            name,
            f"unknown channel; known: {', '.join(CHANNELS)}",
            f"onbekend kanaal '{name}'; bekend zijn: {', '.join(CHANNEL_LABELS.values())}",
        )
    channel = pd.Categorical(mapped[codes], categories=[c for c in CHANNELS if c in set(mapped)])
    # subject -> reason
    subject_cols = [c for c in cols if "subject" in _roles([c])]
    if subject_cols:
        subject = df[subject_cols[0]].astype(str)
        for c in subject_cols[1:]:
            subject = subject.str.cat(df[c].astype(str), sep=" ")
    else:
        subject = pd.Series("", index=df.index)
        notes_nl.append("geen kolom onderwerp of vraag: alle contacten niet ingedeeld")
    reason = classify(subject, rules)
    reasons = [*REASONS, UNMAPPED]
    frame = pd.DataFrame({"channel": channel, "reason": pd.Categorical(reason, categories=reasons)})
    volumes = pd.crosstab(frame["channel"], frame["reason"], dropna=False).reindex(columns=reasons, fill_value=0)
    volumes.index = volumes.index.astype(str)
    volumes.columns = volumes.columns.astype(str)
    totals = volumes.sum(axis=1)
    status_share = {
        c: (float(volumes.loc[c, "statusvraag"] / totals[c]), *wilson(volumes.loc[c, "statusvraag"], totals[c]))
        for c in volumes.index
    }
    unmapped_mask = reason == UNMAPPED
    n_unmapped = int(unmapped_mask.sum())
    top = subject[unmapped_mask].value_counts()
    top = top.groupby(top.index.str.strip(), sort=False).sum().sort_values(ascending=False, kind="stable").head(50)
    unmapped = tuple((str(s), int(n)) for s, n in top.items())
    if n_unmapped:
        notes_nl.append(
            f"{count(n_unmapped, 'contact', 'contacten')} ({_pct(n_unmapped / len(df))}) niet ingedeeld bij een "
            "contactreden; "
            "ze tellen mee in de totalen, niet in een reden"
        )
    # repeats: a keyed hash of the reference, the text dropped at once
    ref_role = "resident" if "resident" in roles else "case" if "case" in roles else None
    repeats = pd.DataFrame(0, index=volumes.index, columns=reasons)
    repeat_share: dict[str, float] = {}
    if ref_role is not None:
        refs = df[cols[roles[ref_role]]].astype(str)
        has = _per_distinct(refs, lambda u: u.str.strip() != "").to_numpy(dtype=bool)
        salt = os.urandom(8).hex()  # 16 characters: SipHash's key, new for every import
        hashed = pd.util.hash_array(refs.to_numpy(dtype=object), hash_key=salt, categorize=True)
        del refs
        t = when.to_numpy().astype("datetime64[ns]").astype(np.int64)
        order = np.lexsort((t, hashed))
        hs, ts = hashed[order], t[order]
        has_s = has[order]
        again = np.zeros(len(order), dtype=bool)
        window = np.int64(repeat_window_days) * 86_400 * 10**9
        again[1:] = (hs[1:] == hs[:-1]) & (ts[1:] - ts[:-1] <= window) & has_s[1:] & has_s[:-1]
        is_repeat = np.zeros(len(order), dtype=bool)
        is_repeat[order] = again
        del hashed, hs
        rep = frame[is_repeat]
        repeats = pd.crosstab(rep["channel"], rep["reason"], dropna=False).reindex(
            index=volumes.index, columns=reasons, fill_value=0
        )
        repeats.index, repeats.columns = repeats.index.astype(str), repeats.columns.astype(str)
        with_ref = pd.Series(has).groupby(frame["channel"].to_numpy(), observed=True).sum()
        repeat_share = {c: float(repeats.loc[c].sum() / with_ref[c]) for c in volumes.index if with_ref.get(c, 0) > 0}
        label = "klantnummer" if ref_role == "resident" else "zaaknummer"
        notes_nl.append(
            f"herhaalcontact: zelfde {label} binnen {repeat_window_days} dagen na het vorige contact "
            f"({count(int(has.sum()), 'contact', 'contacten')} met een {label}; het nummer is alleen gehasht "
            "gebruikt)"
        )
    else:
        notes_nl.append("geen klantnummer of zaaknummer: herhaalcontact niet gemeten")
    # transfers, call-backs, resolution
    by_channel = frame["channel"].to_numpy()
    flags: dict[str, pd.Series] = {}
    for role in ("transferred", "callback", "resolved"):
        if role in roles:
            flags[role] = _flags(df[cols[roles[role]]], cols[roles[role]], first)

    def share(mask: np.ndarray) -> dict[str, float]:
        s = pd.Series(mask).groupby(by_channel, observed=True).mean()
        return {str(c): float(v) for c, v in s.items()}

    transfer = share(flags["transferred"].to_numpy()) if "transferred" in flags else {}
    callback = share(flags["callback"].to_numpy()) if "callback" in flags else {}
    fcr: dict[str, float] = {}
    if flags:
        not_first = np.zeros(len(df), dtype=bool)
        for role, f in flags.items():
            not_first |= ~f.to_numpy() if role == "resolved" else f.to_numpy()
        fcr = share(~not_first)
    # handling time
    aht: dict[str, float] = {}
    if "duration" in roles:
        dcol = cols[roles["duration"]]
        secs = _parse_seconds(df[dcol], str(dcol))
        given = df[dcol].astype(str).str.strip() != ""
        badd = (given & secs.isna()) | (secs < 0)
        if badd.any():
            i = int(np.flatnonzero(badd.to_numpy())[0])
            v = df[dcol].iloc[i]
            raise _err(
                int(rownum[i]),
                dcol,
                v,
                "not a duration (seconds, m:ss or h:mm:ss)",
                f"'{v}' is geen duur (seconden, m:ss of u:mm:ss)",
            )
        s = pd.Series(secs.to_numpy()).groupby(by_channel, observed=True).mean()
        aht = {str(c): float(v) for c, v in s.items() if not math.isnan(v)}
    # arrival profile: weekday x half hour
    wd = when.dt.day_of_week.to_numpy()
    slot = (when.dt.hour * 2 + when.dt.minute // 30).to_numpy()
    cells = pd.crosstab([wd, slot], by_channel)
    index = pd.MultiIndex.from_product([range(7), range(48)])
    cells = cells.reindex(index=index, fill_value=0)
    cells.index = pd.MultiIndex.from_arrays(
        [[WEEKDAYS_NL[d] for d, _ in index], [HALF_HOURS[s] for _, s in index]], names=["dag", "halfuur"]
    )
    cells.columns = [str(c) for c in cells.columns]
    cells = cells.reindex(columns=list(volumes.index), fill_value=0)
    # period
    start, end = (when.min().date(), when.max().date()) if period is None else period
    days = (end - start).days + 1
    if days < 365:
        notes_nl.append(
            f"de periode is {days} dagen: per jaar = aantal x {DAYS_PER_YEAR}/{days} (evenredig); "
            "let op seizoensinvloed (zomer, verkiezingen, paspoortpiek), die is zo niet meegewogen"
        )
    return Measured(
        volumes=volumes.astype(int),
        status_share=status_share,
        repeat_share=repeat_share,
        repeats=repeats.astype(int),
        transfer_share=transfer,
        callback_share=callback,
        fcr_share=fcr,
        aht_seconds=aht,
        arrivals=cells.astype(int),
        period_start=start,
        period_end=end,
        rows=len(df),
        filename=filename,
        unmapped=unmapped,
        notes_nl=tuple(notes_nl),
        repeat_window_days=repeat_window_days,
    )


# --------------------------------------------------------------------------------------
# telephony interval reports (ACD)
# --------------------------------------------------------------------------------------
_ACD_ROLES: dict[str, tuple[str, ...]] = {
    "offered": ("aangeboden", "offered", "inkomend", "binnengekomen", "calls offered"),
    "answered": ("beantwoord", "answered", "aangenomen", "calls answered"),
    "abandoned": ("verloren", "afgebroken", "abandoned", "opgehangen", "calls abandoned"),
    "aht": ("gemiddelde gespreksduur", "gem gespreksduur", "aht", "gemiddelde afhandeltijd", "avg handle time"),
    "within": ("binnen norm", "beantwoord binnen norm", "answered within", "binnen 20 sec", "binnen 30 sec"),
}


def _acd_roles(header: list[object]) -> dict[str, int]:
    found = {r: i for r, i in _roles(header).items() if r in ("datetime", "date", "time")}
    for i, h in enumerate(header):
        k = _key(h) if h is not None else ""
        for role, names in _ACD_ROLES.items():
            if role not in found and (k in names or any(k.startswith(n) for n in names)):
                found[role] = i
                break
    return found


def read_acd(data: bytes | str | os.PathLike[str], filename: str | None = None) -> Measured:
    """Measure a telephony interval report (ACD): per half hour or hour the offered, answered and
    abandoned calls and the average handling time (and, where given, answered within the norm).

    Gives the phone channel's volume (all *niet ingedeeld*: an ACD knows no reasons), handling time
    (weighted by answered calls), abandonment (abandoned / offered), service level (answered within
    the norm / offered) and the arrival profile; an hour's calls count half in each of its half
    hours (*aanname*: evenredig).

    Parameters
    ----------
    data : bytes or path
        The report's contents or its path (CSV or XLSX), at most :data:`omnicalc.limits.FILE_BYTES`.
    filename : str, optional
        The file's name, kept as provenance and used in messages.

    Examples
    --------

    >>> m = read_acd(b"Interval;Aangeboden;Beantwoord;Verloren;Gem. gespreksduur\\n"
    ...              b"04-03-2024 09:00;10;9;1;4:00\\n04-03-2024 09:30;30;27;3;5:00\\n", "acd.csv")
    >>> m.rows, m.abandon_share, m.aht_seconds
    (40, {'telefoon': 0.1}, {'telefoon': 285.0})
    """
    if not isinstance(data, bytes):
        filename = filename or os.path.basename(os.fspath(data))
        limits.FILE_BYTES.check(os.path.getsize(data), "file", "Bestand")
        with open(data, "rb") as f:
            data = f.read()
    filename = filename or "acd"
    limits.FILE_BYTES.check(len(data), "file", "Bestand")
    if data[:2] == b"PK":
        rows: list[list[object]] = xlsx_rows(data, filename)
    else:
        text = decode_text(data, filename)
        sample = "".join(islice(text_lines(text, filename), 20))
        delimiter = max([";", "\t", ","], key=lambda d: sample.count(d))
        rows = [list[object](r) for r in csv_rows(text, filename, delimiter)]
    h = next((i for i, r in enumerate(rows[:15]) if {"offered"} <= set(_acd_roles(r))), None)
    if h is None:
        raise InputError(
            "file",
            filename,
            "no header found: give an interval column and at least 'aangeboden' (offered calls)",
            allowed_nl="geen kopregel gevonden: geef een kolom met het interval en ten minste 'aangeboden'",
            label_nl="ACD-rapport",
        )
    header = rows[h]
    roles = _acd_roles(header)
    when_col = roles.get("datetime", roles.get("date"))
    if when_col is None:
        when_col = roles.pop("time", 0)
    body = [r for r in rows[h + 1 :] if any(c is not None and str(c).strip() for c in r)]
    body = [r for r in body if _key(r[0] if r else "") not in ("totaal", "total", "som")]
    cols = {role: [r[i] if i < len(r) else None for r in body] for role, i in roles.items()}
    first = h + 2

    def numbers(role: str, seconds: bool = False) -> np.ndarray:
        out = np.zeros(len(body))
        for j, v in enumerate(cols.get(role, [None] * len(body))):
            try:
                if seconds and isinstance(v, str) and ":" in v:
                    x: float | None = float(_seconds_of(pd.Series([v]), "").iloc[0])
                else:
                    x = parse_number(v)
            except ValueError:
                x = float("nan")
            if x is None:
                x = 0.0
            if not math.isfinite(x) or x < 0:
                raise _err(first + j, header[roles[role]], v, "not a count", f"'{v}' is geen aantal of duur")
            out[j] = x
        return out

    offered = numbers("offered")
    answered = numbers("answered") if "answered" in roles else offered.copy()
    abandoned = numbers("abandoned") if "abandoned" in roles else np.clip(offered - answered, 0, None)
    aht = numbers("aht", seconds=True) if "aht" in roles else None
    raw = pd.Series([_cell(r[when_col]) if when_col < len(r) else "" for r in body], dtype=object)
    if "time" in roles and roles["time"] != when_col:
        raw = raw + " " + pd.Series([_cell(r[roles["time"]]) for r in body], dtype=object)
    raw = raw.str.replace(r"\s*-\s*\d{1,2}:\d\d$", "", regex=True)  # "09:00 - 09:30": the start
    when = _parse_datetimes(raw.astype(str))
    bad = when.isna().to_numpy()
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise _err(first + i, header[when_col], raw.iloc[i], "not a date and time", f"'{raw.iloc[i]}' is geen tijdstip")
    step = np.diff(np.sort(when.to_numpy().astype("datetime64[m]").astype(np.int64)))
    hourly = len(step) > 0 and np.median(step[step > 0]) >= 60 if (step > 0).any() else False
    total = float(offered.sum())
    slot = (when.dt.hour * 2 + when.dt.minute // 30).to_numpy()
    wd = when.dt.day_of_week.to_numpy()
    arrivals = np.zeros((7, 48))
    if hourly:
        np.add.at(arrivals, (wd, slot), offered / 2)
        np.add.at(arrivals, (wd, np.minimum(slot + 1, 47)), offered / 2)
    else:
        np.add.at(arrivals, (wd, slot), offered)
    index = pd.MultiIndex.from_product([WEEKDAYS_NL, HALF_HOURS], names=["dag", "halfuur"])
    reasons = [*REASONS, UNMAPPED]
    volumes = pd.DataFrame([[0] * len(REASONS) + [round(total)]], index=["telefoon"], columns=reasons)
    notes = ["ACD-rapport: geen contactredenen; alle gesprekken niet ingedeeld"]
    if hourly:
        notes.append("uurintervallen: elk uur telt voor de helft in elk van zijn halve uren (aanname)")
    start, end = when.min().date(), when.max().date()
    days = (end - start).days + 1
    if days < 365:
        notes.append(f"de periode is {days} dagen: per jaar = aantal x {DAYS_PER_YEAR}/{days}; let op seizoensinvloed")
    return Measured(
        volumes=volumes,
        status_share={},
        repeat_share={},
        repeats=pd.DataFrame(0, index=["telefoon"], columns=reasons),
        transfer_share={},
        callback_share={},
        fcr_share={},
        aht_seconds={"telefoon": float((aht * answered).sum() / answered.sum())}
        if aht is not None and answered.sum()
        else {},
        arrivals=pd.DataFrame({"telefoon": arrivals.reshape(-1)}, index=index),
        period_start=start,
        period_end=end,
        rows=round(total),
        filename=filename,
        notes_nl=tuple(notes),
        abandon_share={"telefoon": float(abandoned.sum() / total)} if total else {},
        service_level_share={"telefoon": float(numbers("within").sum() / total)} if "within" in roles and total else {},
    )


__all__ = [
    "DAYS_PER_YEAR",
    "HALF_HOURS",
    "Measured",
    "REPEAT_WINDOW_DAYS",
    "Rule",
    "UNMAPPED",
    "WEEKDAYS_NL",
    "classify",
    "default_rules",
    "own_rules",
    "OWN_RULE_SOURCE",
    "read_acd",
    "read_registrations",
    "wilson",
]
