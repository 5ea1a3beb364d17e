"""A scenario file as an editable document: values read and written by dotted path, the rest kept as it was.

:mod:`omnicalc.scenario_file` turns a file into models and models back into a fresh file;
comments, order, layout and the parts nobody changed are lost on the way. Here the file
stays a TOML document (`tomlkit <https://tomlkit.readthedocs.io>`_): writing one value
changes that value only, so loading a file and saving it unchanged gives the same bytes,
and what is computed is always ``read_scenario(document.text)`` — exactly what the CLI
computes for the same text.

Paths name one value, e.g. ``status_portal.adoption_share``,
``cost.top_down_eur_per_contact.telefoon``, ``business_case.investments[0].amount_eur``.

>>> doc = ScenarioDocument('schema_version = 2  # schema\\n[status_portal]\\nreach_share = 0.5\\n')
>>> doc.set("status_portal.reach_share", 0.6)
True
>>> print(doc.text, end="")
schema_version = 2  # schema
[status_portal]
reach_share = 0.6
>>> doc.get("business_case.horizon_years", 5)
5
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from typing import Any

import tomli_w
import tomlkit
from tomlkit.container import Container
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import AoT, Array, InlineTable, Item, Table

from . import limits
from .domain import ASSISTED_CHANNELS, CHANNELS
from .errors import InputError, ScenarioFileError
from .registrations import Measured
from .scenario_file import SCHEMA_VERSION, ScenarioFile, _dump_data, dump_scenario, read_scenario

Part = str | int
_MISSING: Any = object()
_TOKEN = re.compile(r'\.?(?:([A-Za-z0-9_-]+)|"((?:[^"\\]|\\.)*)")|\[(\d+)\]')


def parse_path(path: str) -> tuple[Part, ...]:
    """``"a.b[0].c"`` -> ``("a", "b", 0, "c")``; keys other than ``A-Za-z0-9_-`` are written in double quotes.

    >>> parse_path('business_case.investments[1].amount_eur')
    ('business_case', 'investments', 1, 'amount_eur')
    """
    parts: list[Part] = []
    pos = 0
    while pos < len(path):
        m = _TOKEN.match(path, pos)
        if m is None or (pos == 0 and path.startswith(".")) or (pos > 0 and m.group(0)[0] not in ".["):
            raise ValueError(f"not a path: {path!r}")
        bare, quoted, index = m.groups()
        parts.append(int(index) if index is not None else bare if bare is not None else quoted.replace('\\"', '"'))
        pos = m.end()
    if not parts:
        raise ValueError("an empty path")
    return tuple(parts)


def format_path(parts: tuple[Part, ...]) -> str:
    """The inverse of :func:`parse_path`.

    >>> format_path(("channel_shifts", 2, "share"))
    'channel_shifts[2].share'
    """
    out = ""
    for p in parts:
        if isinstance(p, int):
            out += f"[{p}]"
        else:
            key = p if re.fullmatch(r"[A-Za-z0-9_-]+", p) else '"' + p.replace('"', '\\"') + '"'
            out += ("." if out else "") + key
    return out


def _plain(value: Any) -> Any:
    return value.unwrap() if isinstance(value, (Item, Container)) else value


def _clean(value: Any, old: Any) -> Any:
    """A value as it should be written: no float noise from a browser slider (0.55000000000000004),
    a whole number stays an integer where the file had one (or had nothing)."""
    if isinstance(value, float):
        value = float(f"{value:.12g}")
        keep_float = isinstance(old, float)
        if value.is_integer() and abs(value) < 2**53 and not keep_float:
            return int(value)
    return value


def _inline(values: Mapping[str, Any]) -> InlineTable:
    """An inline table written as people write them: ``{ telefoon = 299136, balie = 237660 }``."""
    cells = ", ".join(
        f"{format_path((str(k),))} = {tomlkit.item(_clean(v, None)).as_string()}" for k, v in values.items()
    )
    table = tomlkit.parse(f"v = {{ {cells} }}" if cells else "v = {}")["v"]
    assert isinstance(table, InlineTable)
    return table


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


def _doc_v1_to_v2(doc: tomlkit.TOMLDocument) -> None:
    """Schema 1 -> 2 in place: the version line changes, ``cbs_indeling_year`` is added after ``gemeente``.

    The same step as :data:`omnicalc.scenario_file.MIGRATIONS` [1] (a test holds them together).
    """
    doc["schema_version"] = 2
    if "gemeente" in doc and "cbs_indeling_year" not in doc:
        year = tomlkit.item(2024)  # the only division omnicalc shipped while version 1 was current
        year.comment("CBS-gemeentelijke indeling waar de gemeente bij hoort")
        year.trivia.comment_ws = "  "
        insert_after = getattr(doc, "_insert_after", None)
        if insert_after is not None:
            insert_after("gemeente", "cbs_indeling_year", year)
        else:  # pragma: no cover - older/newer tomlkit without the helper: the key goes with the other top keys
            doc["cbs_indeling_year"] = year


#: Version n -> n + 1 on the document itself; a version without a step here is rewritten from the models.
DOC_MIGRATIONS: dict[int, Callable[[tomlkit.TOMLDocument], None]] = {1: _doc_v1_to_v2}


def leaves(data: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    """Every value of a scenario file's plain data as (path, value): tables are opened, lists of tables too;
    an empty table is one leaf (``{}``: a line switched on with its defaults), a list of numbers is one leaf.

    >>> list(leaves({"a": {"b": 1, "c": {}}, "d": [{"e": 2}], "f": [1, 2]}))
    [('a.b', 1), ('a.c', {}), ('d[0].e', 2), ('f', [1, 2])]
    """

    def walk(prefix: tuple[Part, ...], value: Any) -> Iterator[tuple[str, Any]]:
        if isinstance(value, dict) and value:
            for k, v in value.items():
                yield from walk((*prefix, k), v)
        elif isinstance(value, list) and value and all(isinstance(x, dict) for x in value):
            for i, v in enumerate(value):
                yield from walk((*prefix, i), v)
        else:
            yield format_path(prefix), value

    for k, v in data.items():
        yield from walk((k,), v)


class ScenarioDocument:
    """The text of one scenario file, editable value by value.

    Parameters
    ----------
    text : str
        A scenario file (TOML, any supported schema version). It is validated with
        :func:`omnicalc.read_scenario`; an older schema is migrated in the document:
        only the lines the migration needs change (``migrated_from`` says from which version).

    Raises
    ------
    ScenarioFileError
        When the text is not a valid scenario file (as :func:`omnicalc.read_scenario`).
    """

    def __init__(self, text: str) -> None:
        read_scenario(text)  # the same checks, the same messages as the CLI
        self.migrated_from: int | None = None
        #: True when the file had to be written anew (a migration step without a document version).
        self.rewritten = False
        try:
            doc = tomlkit.parse(text)
        except TOMLKitError as e:  # tomllib accepted it, tomlkit did not
            raise ScenarioFileError(
                "file",
                "TOML",
                f"the file cannot be edited ({e})",
                allowed_nl=f"het bestand kan niet worden bewerkt ({e})",
                label_nl="Scenariobestand",
            ) from e
        version = int(_plain(doc["schema_version"]))
        if version < SCHEMA_VERSION:
            self.migrated_from = version
            while version < SCHEMA_VERSION and version in DOC_MIGRATIONS:
                DOC_MIGRATIONS[version](doc)
                version = int(_plain(doc["schema_version"]))
            if version < SCHEMA_VERSION:
                doc = tomlkit.parse(dump_scenario(read_scenario(text)))
                self.rewritten = True
        self._doc = doc

    @classmethod
    def from_scenario_file(cls, sf: ScenarioFile) -> ScenarioDocument:
        """A new document holding ``sf`` (as :func:`omnicalc.dump_scenario` writes it)."""
        return cls(dump_scenario(sf))

    @property
    def text(self) -> str:
        """The file as it would be saved."""
        return tomlkit.dumps(self._doc)

    def scenario_file(self) -> ScenarioFile:
        """What is computed: ``read_scenario(self.text)``."""
        return read_scenario(self.text)

    def copy(self) -> ScenarioDocument:
        new = ScenarioDocument.__new__(ScenarioDocument)
        new.migrated_from, new.rewritten, new._doc = self.migrated_from, self.rewritten, tomlkit.parse(self.text)
        return new

    # ------------------------------------------------------------------ reading
    def _node(self, parts: tuple[Part, ...]) -> Any:
        node: Any = self._doc
        for p in parts:
            if isinstance(p, int):
                if not isinstance(node, (list, AoT, Array)) or not 0 <= p < len(node):
                    return _MISSING
            elif not isinstance(node, Mapping) or p not in node:
                return _MISSING
            node = node[p]
        return node

    def get(self, path: str, default: Any = None) -> Any:
        """The value at ``path`` as plain Python (dict, list, str, int, float, bool), else ``default``."""
        node = self._node(parse_path(path))
        return default if node is _MISSING else _plain(node)

    def has(self, path: str) -> bool:
        return self._node(parse_path(path)) is not _MISSING

    def length(self, path: str) -> int:
        """Number of items of the list at ``path`` (0 when there is none)."""
        node = self._node(parse_path(path))
        return len(node) if isinstance(node, (list, AoT, Array)) else 0

    def leaves(self) -> Iterator[tuple[str, Any]]:
        """Every value in the file as (path, plain value): :func:`leaves` of its plain data."""
        return leaves(_plain(self._doc))

    # ------------------------------------------------------------------ writing
    def set(self, path: str, value: Any) -> bool:
        """Write one value (``None`` removes the key); missing tables on the way are added.

        A dict is written as an inline table. Returns whether the text changed.
        """
        if value is None:
            return self.delete(path)
        parts = parse_path(path)
        parent, created = self._container(parts[:-1])
        key = parts[-1]
        if isinstance(key, int):
            if not isinstance(parent, (AoT, Array)) or not 0 <= key < len(parent):
                raise KeyError(f"{path}: no item {key}; use append")
            old = _plain(parent[key])
        else:
            old = _plain(parent[key]) if key in parent else None
        value = _clean(value, old)
        if _same(old, value):
            return False
        parent[key] = _inline(value) if isinstance(value, Mapping) else value
        for table in created:  # a blank line before whatever follows a new table
            table.add(tomlkit.nl())
        return True

    def delete(self, path: str) -> bool:
        """Remove the key at ``path``; returns whether there was one."""
        parts = parse_path(path)
        parent = self._node(parts[:-1]) if len(parts) > 1 else self._doc
        key = parts[-1]
        if isinstance(key, int) or not isinstance(parent, MutableMapping) or key not in parent:
            return False
        del parent[key]
        return True

    def append(self, path: str, item: Mapping[str, Any]) -> int:
        """Add a table to the list of tables at ``path`` (made when missing); returns its index."""
        parts = parse_path(path)
        parent, _ = self._container(parts[:-1])
        key = parts[-1]
        clean = {k: _clean(v, None) for k, v in item.items() if v is not None}
        if not isinstance(key, str):
            raise KeyError(f"{path}: not a list of tables")
        if key not in parent:
            parent[key] = tomlkit.aot()
        target = parent[key]
        if isinstance(target, AoT):
            table = tomlkit.table()
            table.update(clean)
            table.add(tomlkit.nl())
            target.append(table)
        elif isinstance(target, Array):  # an inline list of inline tables: one more of those
            target.append(_inline(clean))
        else:
            raise KeyError(f"{path}: not a list of tables")
        return len(target) - 1

    def keep(self, sf: ScenarioFile) -> int:
        """Keep ``sf`` beside this scenario for comparison: a ``[[kept]]`` table with the whole file (without
        its schema version or kept scenarios of its own). Returns its index.

        Raises
        ------
        InputError
            When :data:`omnicalc.limits.KEPT_SCENARIOS` are kept already.
        """
        most = limits.KEPT_SCENARIOS
        if self.length("kept") >= most.value:
            raise InputError(
                "kept",
                self.length("kept") + 1,
                most.allowed_en,
                allowed_nl=f"{most.allowed_nl}; verwijder er eerst een",
                label_nl="Bewaarde scenario's",
            )
        data = {k: v for k, v in _dump_data(sf).items() if k != "schema_version"}
        table = tomlkit.table()
        for k, v in tomlkit.parse(tomli_w.dumps(data)).items():
            table[k] = v
        if "kept" not in self._doc:
            self._doc.add(tomlkit.nl())
            self._doc["kept"] = tomlkit.aot()
        self._doc["kept"].append(table)
        return self.length("kept") - 1

    def drop_kept(self, index: int) -> None:
        """Remove kept scenario ``index`` (0-based); the list goes when it is empty."""
        kept = self._doc.get("kept")
        if not isinstance(kept, AoT) or not 0 <= index < len(kept):
            raise KeyError(f"kept[{index}]: no such kept scenario")
        del kept[index]
        if not len(kept):
            del self._doc["kept"]

    def set_kept(self, files: tuple[ScenarioFile, ...]) -> None:
        """Make ``files`` the kept scenarios (in this order), in place of the ones in the document."""
        while self.length("kept"):
            self.drop_kept(0)
        for sf in files:
            self.keep(sf)

    def apply_measured(self, m: Measured) -> dict[str, Any]:
        """Write what ``m`` measured into the file, each value with its provenance in ``[measured]``.

        Yearly volumes of the measured channels (the others keep their values), the status-question
        share, repeat share and handling time per measured channel, and the phone channel's weekly
        arrival profile for staffing. Returns ``{path: value}`` of what was written.
        """
        base = self.scenario_file().baseline()
        previous = {c: round(float(v)) for c, v in zip(CHANNELS, base.volume_per_year.sum(axis=1)) if v > 0}
        o = m.overrides(previous)
        values: dict[str, Any] = {f"baseline.volumes_per_year.{c}": o["volumes_per_year"][c] for c in m.channel_totals}
        values |= {f"baseline.status_question_share.{c}": v for c, v in o["status_question_share"].items()}
        values |= {f"baseline.repeat_contact_share.{c}": v for c, v in o["repeat_contact_share"].items()}
        values |= {f"cost.handling_time_seconds.{c}": round(v, 1) for c, v in m.aht_seconds.items()}
        if m.channel_totals.get("telefoon", 0) > 0:
            values["business_case.staffing.profile_shares"] = list(m.arrival_profile().shares)
        new = self.copy()  # on an error this document stays as it was
        if "business_case.staffing.profile_shares" in values:  # the one profile of the file
            for other in ("opening_hours", "office_hours_per_week", "interval_minutes"):
                new.delete(f"business_case.staffing.{other}")
        new.set("baseline.volumes_per_year", o["volumes_per_year"])
        share = new.get("baseline.status_question_share")
        if share is not None and not isinstance(share, Mapping):  # one share for all: one per assisted channel
            new.set("baseline.status_question_share", {c: share for c in ASSISTED_CHANNELS if c in previous})
        for table in ("baseline.status_question_share", "baseline.repeat_contact_share", "cost.handling_time_seconds"):
            given = {p.rsplit(".", 1)[1]: v for p, v in values.items() if p.startswith(table + ".")}
            if given:  # one inline table, the file's other channels kept
                new.set(table, dict(new.get(table) or {}, **given))
        period = f"{m.period_start.isoformat()}/{m.period_end.isoformat()}"
        for path, value in values.items():
            new.set(path, value)
            new.set(format_path(("measured", path)), {"file": m.filename, "period": period, "rows": m.rows})
        read_scenario(new.text)  # the bounds of every value, as on loading
        self._doc = new._doc
        return values

    def unmeasure(self, path: str) -> None:
        """Drop the provenance of ``path`` and of the paths below it: the value is no longer the measured one."""
        measured = self._node(("measured",))
        if isinstance(measured, MutableMapping):
            for key in [k for k in measured if k == path or str(k).startswith(path + ".")]:
                del measured[key]
            if not measured:
                del self._doc["measured"]

    def _container(self, parts: tuple[Part, ...]) -> tuple[Any, list[Table]]:
        """The table (or list) at ``parts`` and the tables added on the way (inline inside inline tables)."""
        node: Any = self._doc
        created: list[Table] = []
        for i, p in enumerate(parts):
            if isinstance(p, int):
                if not isinstance(node, (AoT, Array)) or not 0 <= p < len(node):
                    raise KeyError(f"{format_path(parts[: i + 1])}: no such item; use append")
                node = node[p]
                continue
            if p not in node:
                node[p] = tomlkit.inline_table() if isinstance(node, InlineTable) else tomlkit.table()
                if i > 0 and isinstance(node[p], Table):  # tomlkit spaces new top-level tables itself
                    created = [node[p]]
            node = node[p]
            if not isinstance(node, (Table, InlineTable, AoT, Array)):
                raise KeyError(f"{format_path(parts[: i + 1])} is a value, not a table")
        return node, created


__all__ = ["DOC_MIGRATIONS", "ScenarioDocument", "format_path", "leaves", "parse_path"]
