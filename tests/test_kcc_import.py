"""The KCC-export corpus: each file is imported correctly or refused whole, with row and column named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import omnicalc as oc
from omnicalc.errors import InputError
from omnicalc.kcc_import import MAX_BYTES, parse_number, read_kcc_export

CORPUS = Path(__file__).resolve().parent / "data" / "kcc"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))


def test_the_corpus_is_large_enough():
    assert len(MANIFEST) >= 30
    assert sum(not v["ok"] for v in MANIFEST.values()) >= 10


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_corpus_file(name):
    expected = MANIFEST[name]
    data = (CORPUS / name).read_bytes()
    if expected["ok"]:
        imported = oc.read_kcc_export(data, name)
        assert imported.volumes_per_year == pytest.approx(expected["volumes"])
        if "note_contains" in expected:
            assert any(expected["note_contains"] in n for n in imported.notes)
    else:
        with pytest.raises(oc.InputError) as e:
            oc.read_kcc_export(data, name)
        for fragment in expected["message_contains"]:
            assert fragment in e.value.message_nl


def test_a_very_large_file_is_refused_before_reading():
    data = b"Kanaal;Aantal\n" + b"Telefoon;1\n" * (MAX_BYTES // 11 + 10)
    with pytest.raises(oc.InputError) as e:
        oc.read_kcc_export(data, "groot.csv")
    assert "MB" in e.value.message_nl


@given(st.binary(max_size=2_000))
def test_any_bytes_import_or_fail_with_the_documented_error(data):
    try:
        imported = oc.read_kcc_export(data, "x.csv")
    except oc.InputError:
        return
    assert all(v >= 0 for v in imported.volumes_per_year.values())
    assert set(imported.volumes_per_year) <= set(oc.CHANNELS)


@given(st.integers(0, 10**9))
def test_dutch_thousands_round_trip(n):
    from omnicalc import fmt

    assert parse_number(fmt.num(n)) == n


def _openpyxl_rows(data: bytes) -> list[list[object]]:
    """The first sheet as openpyxl reads it (values only), empty rows and trailing empty cells left out."""
    import io

    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    ws = wb.worksheets[0]
    ws.reset_dimensions()
    rows = []
    for r in ws.iter_rows(values_only=True):
        cells = [float(c) if isinstance(c, (int, float)) and not isinstance(c, bool) else c for c in r]
        while cells and cells[-1] in (None, ""):
            cells.pop()
        if cells:
            rows.append(cells)
    wb.close()
    return rows


def _xlsxwriter_book() -> bytes:
    import io

    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    first = wb.add_worksheet("Volumes")
    wb.add_worksheet("Second").write(0, 0, "not read")
    first.write_row(0, 0, ["Kanaal", "Aantal", None, "Opmerking"])
    first.write_row(2, 0, ["Telefoon", 1234.5, None, "café"])
    first.write_boolean(3, 0, True)
    first.write_formula(4, 1, "=B3*2", None, 2469)
    first.write_string(5, 3, "=niet uitrekenen")
    first.write(9, 5, 7)
    wb.close()
    return buf.getvalue()


@pytest.mark.parametrize("name", sorted(n for n in MANIFEST if n.endswith(".xlsx") and MANIFEST[n]["ok"]))
def test_the_bounded_xlsx_reader_reads_what_openpyxl_reads(name):
    from omnicalc.tables import xlsx_rows

    data = (CORPUS / name).read_bytes()
    assert xlsx_rows(data, name) == _openpyxl_rows(data)


def test_the_bounded_xlsx_reader_reads_xlsxwriter_files_as_openpyxl():
    from omnicalc.tables import xlsx_rows

    data = _xlsxwriter_book()
    assert xlsx_rows(data, "x.xlsx") == _openpyxl_rows(data)
    assert xlsx_rows(data, "x.xlsx")[0] == ["Kanaal", "Aantal", None, "Opmerking"]


def test_the_bounded_xlsx_reader_reads_prefixed_xml():
    """The OpenXML SDK writes ``<x:worksheet xmlns:x=...>``: names are read without their prefix."""
    import io
    import re
    import zipfile

    from omnicalc.tables import xlsx_rows

    name = "18_excel_basis.xlsx"
    source = zipfile.ZipFile(io.BytesIO((CORPUS / name).read_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            xml = source.read(info)
            if info.filename in ("xl/worksheets/sheet1.xml", "xl/workbook.xml"):
                xml = re.sub(rb"<(/?)(?!\?)([a-zA-Z]+[ >/])", rb"<\1x:\2", xml).replace(b' xmlns="', b' xmlns:x="')
                assert b"<x:row" in xml or b"<x:sheet " in xml
            out.writestr(info, xml)
    assert xlsx_rows(buf.getvalue(), name) == xlsx_rows((CORPUS / name).read_bytes(), name)
    assert oc.read_kcc_export(buf.getvalue(), name).volumes_per_year == pytest.approx(MANIFEST[name]["volumes"])


# ------------------------------------------------------------------ headers by meaning (issue 16)
@pytest.mark.parametrize(
    "text",
    [
        "Kanaal;Aantal contacten 2024\nTelefonie;1.200\nLoket;300\n",
        "Kanaal;Aantal 2024\nTelefonie;1.200\nLoket;300\n",
        "Kanaal;Aantal contacten (geschat)\nTelefonie;1.200\nLoket;300\n",
        "channel,contacts\nphone,1200\ncounter,300\n",
        "Channel,Count\nPhone,1200\nCounter,300\n",
        "Kanaal;Volume per maand\nTelefoon;600\nTelefoon;600\nBalie;300\n",
    ],
)
def test_headers_are_matched_by_meaning(text):
    assert read_kcc_export(text.encode()).volumes_per_year == {"telefoon": 1200.0, "balie": 300.0}


def test_several_number_columns_take_the_year_else_ask():
    text = b"Kanaal;Aantal 2023;Aantal 2024\nTelefoon;10;20\nBalie;1;2\n"
    assert read_kcc_export(text, year=2024).volumes_per_year == {"telefoon": 20.0, "balie": 2.0}
    with pytest.raises(InputError) as e:
        read_kcc_export(text)
    assert "meerdere kolommen met aantallen" in e.value.message_nl
    assert "'Aantal 2023', 'Aantal 2024'" in e.value.message_nl
    with pytest.raises(InputError):
        read_kcc_export(text, year=2022)


def test_a_missing_channel_keeps_its_previous_value_with_a_note():
    got = read_kcc_export(b"Kanaal;Aantal\nTelefoon;10\n", previous={"telefoon": 5.0, "post": 700.0})
    assert got.volumes_per_year == {"telefoon": 10.0, "post": 700.0}
    assert any("Post: niet in het bestand; de vorige waarde (700) blijft staan" in n for n in got.notes)
    alone = read_kcc_export(b"Kanaal;Aantal\nTelefoon;10\n")
    assert alone.volumes_per_year == {"telefoon": 10.0}
    assert any("niet op 0 gezet" in n and "Post" in n for n in alone.notes)
