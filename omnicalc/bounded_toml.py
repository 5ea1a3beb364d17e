"""TOML parsing within :mod:`omnicalc.limits`: the raw text is measured before ``tomllib`` sees it.

``tomllib`` recurses once per nested list or inline table and builds dotted keys one level
at a time, so a few hundred kB of ``[[[[...`` or ``a.a.a...`` end in a ``RecursionError``
or gigabytes. :func:`loads` first scans the text once (strings and comments skipped) and
refuses, with :class:`~omnicalc.errors.ScenarioFileError`, a file that is too long, nests
deeper than :data:`limits.TOML_DEPTH` (table header parts + key parts + open lists and
inline tables), has more than :data:`limits.TOML_SECTIONS` table headers, a list of more
than :data:`limits.TOML_LIST_ITEMS` items or a text of more than
:data:`limits.TOML_STRING_CHARS` characters; after parsing, a list of more than
:data:`limits.TOML_LIST_TABLES` tables (each becomes a lever or a cost line).

>>> loads("a = [1, [2, 3]]\\n[b.c]\\nd = 'x'\\n")
{'a': [1, [2, 3]], 'b': {'c': {'d': 'x'}}}
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from . import limits
from .errors import ScenarioFileError

_LABEL = "Scenariobestand"
_TOKEN = re.compile(r"\"\"\"|'''|[\"'#\[\]{}=,.\n]")
_BASIC = re.compile(r'(?:[^"\\\n]|\\.)*"')
_MULTI_BASIC = re.compile(r'(?:[^"\\]|\\.|"(?!""))*"""', re.DOTALL)


def _refuse(limit: limits.Limit, where: str) -> ScenarioFileError:
    return ScenarioFileError("file", where, limit.allowed_en, allowed_nl=limit.allowed_nl, label_nl=_LABEL)


def _line(text: str, pos: int) -> str:
    return f"regel {text.count(chr(10), 0, pos) + 1}"


def _string_end(text: str, pos: int, quote: str) -> int:
    """The position after the string starting at ``pos`` with ``quote``; -1 when it does not end."""
    if quote == '"""':
        m = _MULTI_BASIC.match(text, pos + 3)
        end = m.end() if m else -1
    elif quote == "'''":
        end = text.find("'''", pos + 3)
        end = end + 3 if end >= 0 else -1
    elif quote == '"':
        m = _BASIC.match(text, pos + 1)
        end = m.end() if m else -1
    else:
        line_end = text.find("\n", pos + 1)
        end = text.find("'", pos + 1, len(text) if line_end < 0 else line_end)
        end = end + 1 if end >= 0 else -1
    if end > 0 and len(quote) == 3:  # up to two quotes of the content may stand before the closing three
        for _ in range(2):
            end += text.startswith(quote[0], end)
    return end


def check_text(text: str) -> None:
    """Raise :class:`ScenarioFileError` when ``text`` is over a limit (see the module docstring)."""
    if len(text) > limits.SCENARIO_CHARS.value:
        raise _refuse(limits.SCENARIO_CHARS, f"{len(text):,}+ tekens".replace(",", "."))
    depth_cap, items_cap = limits.TOML_DEPTH.value, limits.TOML_LIST_ITEMS.value
    chars_cap, sections_cap = limits.TOML_STRING_CHARS.value, limits.TOML_SECTIONS.value
    stack: list[list[Any]] = []  # open lists and inline tables: [kind, items, key parts of their key]
    nest = 0  # levels the open lists and inline tables add: their keys' parts and themselves
    header = key = sections = 0  # parts of the current table header and of the key being read; headers seen
    in_key, in_header = True, False
    pos = 0
    while (m := _TOKEN.search(text, pos)) is not None:
        tok, pos = m.group(), m.end()
        if tok[0] in "\"'":
            end = _string_end(text, m.start(), tok)
            if end < 0:
                return  # tomllib names the unterminated string
            if end - m.start() - 2 * len(tok) > chars_cap:
                raise _refuse(limits.TOML_STRING_CHARS, _line(text, m.start()))
            pos = end
            continue
        if tok == "#":
            nl = text.find("\n", pos)
            pos = len(text) if nl < 0 else nl
            continue
        if tok == "\n":
            if not stack:
                in_key, in_header, key = True, False, 0
            continue
        if tok == "." and (in_key or in_header):
            key += 1
        elif tok == "=" and in_key:
            in_key = False
            continue
        elif tok == "[" and in_key and not stack and not in_header:
            in_header, header, key = True, 0, 0  # a table header; the second [ of [[ is skipped
            pos += text.startswith("[", pos)
            sections += 1
            if sections > sections_cap:
                raise _refuse(limits.TOML_SECTIONS, _line(text, m.start()))
        elif tok == "]" and in_header:
            header, key, in_header = key + 1, 0, False
            pos += text.startswith("]", pos)
        elif tok in "[{":
            stack.append([tok, 0, key])
            nest += key + 1
            in_key, key = tok == "{", 0
        elif tok in "]}":
            if stack:
                key = stack.pop()[2]
                nest -= key + 1
            in_key = False
            continue
        elif tok == "," and stack:
            if stack[-1][0] == "[":  # items = commas + 1
                stack[-1][1] += 1
                if stack[-1][1] >= items_cap:
                    raise _refuse(limits.TOML_LIST_ITEMS, _line(text, m.start()))
            else:
                in_key, key = True, 0
            continue
        else:
            continue
        if header + nest + key + 1 > depth_cap:
            raise _refuse(limits.TOML_DEPTH, _line(text, m.start()))


def _check_tables(data: dict[str, Any]) -> None:
    """No list of more than :data:`limits.TOML_LIST_TABLES` tables anywhere (iteratively: the depth is checked)."""
    todo: list[tuple[str, Any]] = [("", data)]
    while todo:
        where, node = todo.pop()
        if isinstance(node, dict):
            todo.extend((f"{where}.{k}" if where else str(k), v) for k, v in node.items())
        elif isinstance(node, list):
            if sum(isinstance(x, dict) for x in node) > limits.TOML_LIST_TABLES.value:
                raise _refuse(limits.TOML_LIST_TABLES, where)
            todo.extend((f"{where}[{i}]", v) for i, v in enumerate(node))


def loads(text: str) -> dict[str, Any]:
    """``tomllib.loads`` after :func:`check_text`; any parse problem is a :class:`ScenarioFileError`."""
    check_text(text)
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as e:
        raise ScenarioFileError(
            "file",
            "TOML",
            f"the file is not valid TOML ({e})",
            allowed_nl=f"het bestand is geen geldig TOML ({e})",
            label_nl=_LABEL,
        ) from e
    _check_tables(data)
    return data


__all__ = ["check_text", "loads"]
