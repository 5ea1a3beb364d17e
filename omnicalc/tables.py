"""Bounded readers of tables: the records of a CSV text and the first sheet of an XLSX file.

Both read lazily and stop at the limits of :mod:`omnicalc.limits` (rows, columns, cells,
line length; for XLSX also the zip's stated sizes, its compression ratio, the shared
strings and the number of XML elements), so the work and memory are bounded by the limits,
not by what a file declares. The XLSX reader is a small streaming parser (expat) of the
parts it needs: a sheet's declared ``<dimension>`` is ignored, no row is padded beyond its
last filled cell, and a DTD or entity declaration is refused. Every problem raises
:class:`~omnicalc.errors.InputError`.

>>> csv_rows("Kanaal;Aantal\\nTelefoon;12\\n", "x.csv", ";")
[['Kanaal', 'Aantal'], ['Telefoon', '12']]
"""

from __future__ import annotations

import csv
import io
import posixpath
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from xml.parsers import expat

from . import limits
from .errors import InputError

_LABEL = "Bestand"


def _unreadable(filename: str, en: str, nl: str) -> InputError:
    return InputError("file", filename, en, allowed_nl=nl, label_nl=_LABEL)


# --------------------------------------------------------------------------------------
# CSV
# --------------------------------------------------------------------------------------
def text_lines(text: str, filename: str) -> Iterator[str]:
    """The lines of ``text`` (split at ``\\n``, kept), refusing one longer than :data:`limits.LINE_CHARS`.

    Only a window of the limit's length is searched for each line end, so one huge line costs no more.
    """
    cap = limits.LINE_CHARS.value
    start, n = 0, len(text)
    while start < n:
        end = text.find("\n", start, start + cap + 1)
        stop = n if end == -1 else end + 1
        if stop - start > cap + (end != -1):  # the newline itself does not count
            raise limits.LINE_CHARS.error("file", f"{filename}: regel {_count_lines(text, start) + 1}", _LABEL)
        yield text[start:stop]
        start = stop


def _count_lines(text: str, upto: int) -> int:
    return text.count("\n", 0, upto)


def csv_rows(text: str, filename: str, delimiter: str) -> list[list[str]]:
    """The records of a CSV text, within the line, column, row and cell limits."""
    rows: list[list[str]] = []
    cells = 0
    try:
        for row in csv.reader(text_lines(text, filename), delimiter=delimiter):
            limits.COLUMNS.check(len(row), f"row {len(rows) + 1}", _LABEL)
            cells += len(row)
            limits.CELLS.check(cells, "file", _LABEL)
            rows.append(row)
            limits.ROWS.check(len(rows), "file", _LABEL)
    except csv.Error as e:
        raise _unreadable(filename, f"not a readable CSV file ({e})", "dit CSV-bestand is niet te lezen") from e
    return rows


# --------------------------------------------------------------------------------------
# XLSX
# --------------------------------------------------------------------------------------
_EOCD = struct.Struct("<4s4H2LH")  # end of the zip's central directory


def _check_zip(data: bytes) -> None:
    """The zip directory's own statements, before anything is decompressed.

    zipfile never yields more than a part's stated size (and checks its CRC), so the stated
    sizes bound the work.
    """
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if at >= 0 and len(data) - at >= _EOCD.size:
        entries = _EOCD.unpack_from(data, at)[4]
        limits.XLSX_PARTS.check(entries if entries != 0xFFFF else limits.XLSX_PARTS.value + 1, "file", _LABEL)


def _open_zip(data: bytes) -> zipfile.ZipFile:
    _check_zip(data)
    zf = zipfile.ZipFile(io.BytesIO(data))
    infos = zf.infolist()
    limits.XLSX_PARTS.check(len(infos), "file", _LABEL)
    limits.XLSX_UNCOMPRESSED_BYTES.check(sum(i.file_size for i in infos), "file", _LABEL)
    for i in infos:
        if i.file_size > limits.MiB and i.file_size > limits.XLSX_COMPRESSION_RATIO.value * max(1, i.compress_size):
            raise limits.XLSX_COMPRESSION_RATIO.error(
                "file", f"{i.filename}: {i.file_size // max(1, i.compress_size):,}x", _LABEL
            )
    return zf


class _Budget:
    """XML elements left for the whole file."""

    def __init__(self) -> None:
        self.left = limits.XLSX_XML_ELEMENTS.value


def _refuse_dtd(*_: object) -> None:
    raise InputError(
        "file",
        "DOCTYPE",
        "an Excel file has no document type declarations",
        allowed_nl="een Excel-bestand bevat geen DTD of entiteiten",
        label_nl=_LABEL,
    )


def _parse(
    zf: zipfile.ZipFile,
    name: str,
    budget: _Budget,
    start: Callable[[str, dict[str, str]], None],
    end: Callable[[str], None] | None = None,
    text: Callable[[str], None] | None = None,
) -> None:
    """Stream one part through expat; handlers get local names (no namespace) and the attributes."""
    p = expat.ParserCreate(namespace_separator=" ")
    p.buffer_text = True

    def on_start(tag: str, attrs: dict[str, str]) -> None:
        budget.left -= 1
        if budget.left < 0:
            raise limits.XLSX_XML_ELEMENTS.error("file", "meer", _LABEL)
        start(tag[tag.rfind(" ") + 1 :], attrs)

    p.StartElementHandler = on_start
    if end is not None:
        p.EndElementHandler = lambda tag: end(tag[tag.rfind(" ") + 1 :])
    if text is not None:
        p.CharacterDataHandler = text
    p.StartDoctypeDeclHandler = _refuse_dtd
    p.EntityDeclHandler = _refuse_dtd
    with zf.open(name) as f:
        while chunk := f.read(2**16):
            p.Parse(chunk, False)
    p.Parse(b"", True)


def _relations(zf: zipfile.ZipFile, part: str, budget: _Budget) -> dict[str, tuple[str, str]]:
    """Id -> (type, part name) of a part's relationships (``_rels/<name>.rels``)."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", f"{base}.rels")
    out: dict[str, tuple[str, str]] = {}
    if rels_name not in zf.NameToInfo:
        return out

    def start(tag: str, a: dict[str, str]) -> None:
        if tag == "Relationship" and "Target" in a and a.get("TargetMode") != "External":
            target = a["Target"]
            target = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            out[a.get("Id", "")] = (a.get("Type", ""), posixpath.normpath(target))

    _parse(zf, rels_name, budget, start)
    return out


def _first_sheet(zf: zipfile.ZipFile, budget: _Budget) -> tuple[str, str | None]:
    """The part names of the workbook's first sheet and of its shared strings (if any)."""
    office = [t for kind, t in _relations(zf, "", budget).values() if kind.endswith("/officeDocument")]
    workbook = office[0] if office else "xl/workbook.xml"
    rels = _relations(zf, workbook, budget)
    first: list[str] = []

    def start(tag: str, a: dict[str, str]) -> None:
        if tag == "sheet" and not first:
            first.extend(v for k, v in a.items() if k.rpartition(" ")[2] == "id" and " " in k)

    _parse(zf, workbook, budget, start)
    sheet = rels.get(first[0], ("", ""))[1] if first else ""
    if sheet not in zf.NameToInfo:
        raise KeyError(f"no first sheet in {workbook}")
    shared = [t for kind, t in rels.values() if kind.endswith("/sharedStrings") and t in zf.NameToInfo]
    return sheet, (shared[0] if shared else None)


def _shared_strings(zf: zipfile.ZipFile, name: str, budget: _Budget) -> list[str]:
    strings: list[str] = []
    parts: list[str] = []
    state = {"t": False, "phonetic": 0, "chars": 0}

    def start(tag: str, a: dict[str, str]) -> None:
        if tag == "si":
            parts.clear()
        elif tag == "rPh":
            state["phonetic"] += 1
        elif tag == "t" and not state["phonetic"]:
            state["t"] = True

    def end(tag: str) -> None:
        if tag == "si":
            strings.append("".join(parts))
            limits.XLSX_SHARED_STRINGS.check(len(strings), "file", _LABEL)
        elif tag == "rPh":
            state["phonetic"] -= 1
        elif tag == "t":
            state["t"] = False

    def text(s: str) -> None:
        if state["t"]:
            state["chars"] += len(s)
            limits.XLSX_SHARED_CHARS.check(state["chars"], "file", _LABEL)
            parts.append(s)

    _parse(zf, name, budget, start, end, text)
    return strings


def _column(ref: str | None, default: int) -> int:
    """1-based column of a cell reference such as ``AB12``; a reference beyond XFD counts as far out."""
    if not ref:
        return default
    letters = ref.rstrip("0123456789")
    if not letters.isalpha() or len(letters) > 3:
        return 2**31
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


class _Sheet:
    """Handlers that turn a sheet's XML into rows of values, within the limits."""

    def __init__(self, shared: list[str]) -> None:
        self.shared = shared
        self.rows: list[list[object]] = []
        self.row: dict[int, object] = {}
        self.seen_rows = self.cells = self.in_row = 0
        self.next_col = 1
        self.col = 0
        self.kind = "n"
        self.text: list[str] | None = None
        self.text_chars = 0
        self.value: list[str] = []
        self.inline: list[str] = []
        self.phonetic = 0

    def start(self, tag: str, a: dict[str, str]) -> None:
        if tag == "c":
            self.in_row += 1
            if self.in_row > limits.COLUMNS.value:
                raise limits.COLUMNS.error(f"row {self.seen_rows}", f"{self.in_row:,}+", _LABEL)
            self.col = _column(a.get("r"), self.next_col)
            self.next_col = self.col + 1
            self.kind = a.get("t", "n")
            self.value, self.inline = [], []
        elif tag == "v":
            self.text, self.text_chars = self.value, 0
        elif tag == "row":
            self.seen_rows += 1
            if self.seen_rows > limits.ROWS.value:
                raise limits.ROWS.error("file", f"{self.seen_rows:,}+", _LABEL)
            self.row, self.in_row, self.next_col = {}, 0, 1
        elif tag == "rPh":
            self.phonetic += 1
        elif tag == "t" and not self.phonetic:
            self.text = self.inline
            self.text_chars = sum(map(len, self.inline))

    def end(self, tag: str) -> None:
        if tag in ("v", "t"):
            self.text = None
        elif tag == "rPh":
            self.phonetic -= 1
        elif tag == "c":
            value = self._value()
            if value is None or value == "":
                return
            limits.COLUMNS.check(self.col, f"row {self.seen_rows}", _LABEL)
            self.row[self.col] = value
        elif tag == "row" and self.row:
            width = max(self.row)
            self.cells += width
            limits.CELLS.check(self.cells, "file", _LABEL)
            values: list[object] = [None] * width
            for c, v in self.row.items():
                values[c - 1] = v
            self.rows.append(values)

    def on_text(self, s: str) -> None:
        if self.text is not None:
            self.text.append(s)
            self.text_chars += len(s)
            if self.text_chars > limits.CELL_CHARS.value:
                raise limits.CELL_CHARS.error(f"row {self.seen_rows}", "…", _LABEL)

    def _value(self) -> object:
        v = "".join(self.value)
        if self.kind == "inlineStr":
            return "".join(self.inline)
        if self.kind == "s":
            if not v:
                return None
            i = int(v)
            if not 0 <= i < len(self.shared):
                raise IndexError(f"shared string {i} does not exist")
            return self.shared[i]
        if self.kind in ("str", "e", "d"):
            return v
        if self.kind == "b":
            return v.strip() == "1"
        return float(v) if v.strip() else None


def xlsx_rows(data: bytes, filename: str) -> list[list[object]]:
    """The rows of the first sheet of an XLSX file (cell values: str, float or bool; None for empty)."""
    try:
        zf = _open_zip(data)
        budget = _Budget()
        sheet_name, shared_name = _first_sheet(zf, budget)
        sheet = _Sheet(_shared_strings(zf, shared_name, budget) if shared_name else [])
        _parse(zf, sheet_name, budget, sheet.start, sheet.end, sheet.on_text)
    except InputError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        expat.ExpatError,
        zlib.error,
        KeyError,
        IndexError,
        ValueError,
        OSError,
        EOFError,
        NotImplementedError,  # a compression zipfile does not know
        RuntimeError,  # an encrypted part
    ) as e:
        raise _unreadable(
            filename, f"not a readable Excel file ({e})", "dit is geen leesbaar Excel-bestand (.xlsx)"
        ) from e
    return sheet.rows


__all__ = ["csv_rows", "text_lines", "xlsx_rows"]
