"""Hostile inputs, generated at test time: each is refused with an InputError within 2 s and 300 MB.

Each case runs in its own Python process (``omnicalc`` imported first, ~120 MB); the time is
measured around the call in that process, the peak memory is that process's peak resident
size (``VmHWM``, which includes the import), and an address-space limit of 2 GB keeps a
regression from taking the machine (it then fails with MemoryError, not InputError).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from omnicalc import limits

SECONDS = 2.0
PEAK_MB = 300
ADDRESS_SPACE = 2 * 2**30

CHILD = r"""
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
import omnicalc as oc

def peak_mb():
    # VmHWM: the peak resident size of this process's own memory map (ru_maxrss would carry the
    # parent's size over the exec on Linux)
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:")) / 1024

kind, path = sys.argv[1], sys.argv[2]
out = {{"error": None, "import_peak_mb": peak_mb()}}
t = time.perf_counter()
try:
    if kind == "kcc":
        with open(path, "rb") as f:
            imported = oc.read_kcc_export(f.read(), path.rsplit("/", 1)[-1])
        out["volumes"] = imported.volumes_per_year
    else:
        oc.analyse(oc.load_scenario(path), draws=100)
except oc.InputError as e:
    out.update(error="InputError", field=e.field, message_nl=e.message_nl)
except BaseException as e:
    out.update(error=type(e).__name__, message_nl=str(e)[:300])
out["seconds"] = time.perf_counter() - t
out["peak_mb"] = peak_mb()
print(json.dumps(out))
"""


def spawn(kind: str, path: Path) -> dict[str, object]:
    """Run one case in a fresh process; its report (error, seconds, peak_mb)."""
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    p = subprocess.run(
        [sys.executable, "-c", CHILD.format(limit=ADDRESS_SPACE), kind, str(path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert p.returncode == 0 and p.stdout, f"{path.name}: the child ended with {p.returncode}: {p.stderr[-2000:]}"
    return json.loads(p.stdout)


# --------------------------------------------------------------------------------------
# generators
# --------------------------------------------------------------------------------------
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    f'relationships"><Relationship Id="rId1" Type="{R}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
    f'main" xmlns:r="{R}"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    f'relationships"><Relationship Id="rId1" Type="{R}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
    b'main"><dimension ref="A1:XFD1048576"/><sheetData>'
)
SHEET_TAIL = b"</sheetData></worksheet>"


def xlsx(sheet_chunks, shared_chunks=(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',)):
    """A minimal XLSX whose sheet and shared strings are streamed from chunks (bytes)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("xl/workbook.xml", WORKBOOK)
        zf.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        for name, chunks in (("xl/worksheets/sheet1.xml", sheet_chunks), ("xl/sharedStrings.xml", shared_chunks)):
            with zf.open(name, "w", force_zip64=True) as f:
                for chunk in chunks:
                    f.write(chunk)
    return buf.getvalue()


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet(cells, n: int = 1):
    """A sheet of ``n`` rows, row r holding ``cells(r)`` (XML text), under a dimension bomb."""
    yield SHEET_HEAD
    for r in range(1, n + 1):
        yield f'<row r="{r}">{cells(r)}</row>'.encode()
    yield SHEET_TAIL


def export(r: int) -> str:
    """Row r of a valid long-shaped export: a header, then phone rows with a number each."""
    if r == 1:
        return inline("A1", "Kanaal") + inline("B1", "Aantal")
    return inline(f"A{r}", "Telefoon") + f'<c r="B{r}"><v>{r % 97}</v></c>'


def zeros(total: int, chunk: bytes = b" " * 2**20):
    yield SHEET_HEAD
    for _ in range(total // len(chunk)):
        yield chunk
    yield SHEET_TAIL


def shared(count: int):
    yield b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    for i in range(0, count, 1000):
        yield "".join(f"<si><t>{(j * 7919) % 10**9:09d}</t></si>" for j in range(i, i + 1000)).encode()
    yield b"</sst>"


def toml(body: str) -> bytes:
    return ("schema_version = 2\ngemeente = 'Zwolle'\n" + body).encode()


def staffing(line: str) -> bytes:
    return toml(f"[business_case.staffing]\n{line}\n")


CSV = b"Kanaal;Aantal\n"
MB = 2**20

#: name -> (kind, bytes or a function making them, what the message must name)
CASES = {
    # XLSX ---------------------------------------------------------------------------------
    "xlsx_dimension_bomb_5000_rows": ("kcc", lambda: xlsx(sheet(lambda r: inline(f"A{r}", "x"), 5000)), "kopregel"),
    "xlsx_dimension_bomb_100k_rows": (
        "kcc",
        lambda: xlsx(sheet(export, 100_000)),
        "50.000 rijen",
    ),
    "xlsx_decompression_bomb_1gb": ("kcc", lambda: xlsx(zeros(1024 * MB)), "uitgepakt"),
    "xlsx_compression_ratio": ("kcc", lambda: xlsx(zeros(40 * MB)), "compressie"),
    "xlsx_huge_shared_strings": ("kcc", lambda: xlsx(sheet(export, 2), shared(2_000_000)), "gedeelde"),
    "xlsx_600k_columns": (
        "kcc",
        lambda: xlsx(sheet(lambda r: "".join(f"<c><v>{i}</v></c>" for i in range(600_000)))),
        "kolommen",
    ),
    "xlsx_far_column": ("kcc", lambda: xlsx(sheet(lambda r: inline("XFD1", "Telefoon"))), "kolommen"),
    "xlsx_malformed_xml": ("kcc", lambda: xlsx([SHEET_HEAD, b"<row><c><v>1</v></row>"]), "Excel-bestand"),
    "xlsx_entity_expansion": (
        "kcc",
        lambda: xlsx(
            [
                b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
                b"<worksheet><sheetData><row><c t='str'><v>&b;</v></c></row></sheetData></worksheet>",
            ]
        ),
        "DTD",
    ),
    "xlsx_many_parts": (
        "kcc",
        lambda: _many_parts(60_000),
        "onderdelen",
    ),
    "xlsx_huge_cell": ("kcc", lambda: xlsx(sheet(lambda r: inline("A1", "x" * 100_000))), "tekens per cel"),
    # CSV ----------------------------------------------------------------------------------
    "csv_one_20mb_line": ("kcc", lambda: CSV + b"1;" * (MB * 10 - 20), "tekens per regel"),
    "csv_600k_columns": ("kcc", lambda: CSV + b";".join([b"1"] * 600_000) + b"\n", "tekens per regel"),
    "csv_1000_columns": ("kcc", lambda: CSV + b";".join([b"1"] * 1000) + b"\n", "kolommen"),
    "csv_1_5m_rows": ("kcc", lambda: CSV + b"T;1\n" * 1_500_000, "rijen"),
    "csv_cells": ("kcc", lambda: CSV + (b";".join([b"1"] * 200) + b"\n") * 6000, "cellen"),
    "csv_huge_number": ("kcc", lambda: CSV + b"Telefoon;" + b"9" * 400 + b"\n", "Aantal"),
    # scenario files -----------------------------------------------------------------------
    "toml_deep_arrays": ("toml", lambda: toml("x = " + "[" * 100_000 + "]" * 100_000 + "\n"), "nesting"),
    "toml_deep_inline_tables": ("toml", lambda: toml("x = " + "{a = " * 20_000 + "1" + "}" * 20_000), "nesting"),
    "toml_deep_dotted_keys": ("toml", lambda: toml("x" + ".a" * 50_000 + " = 1\n"), "nesting"),
    "toml_deep_table_header": ("toml", lambda: toml("[x" + ".a" * 50_000 + "]\n"), "nesting"),
    "toml_long_list": ("toml", lambda: toml("x = [" + "1," * 100_000 + "]\n"), "elementen"),
    "toml_500_channel_shifts": (
        "toml",
        lambda: toml(
            "[[channel_shifts]]\nfrom_channel = 'telefoon'\nto_channel = 'webformulier'\nreason = 'aanvraag'\n"
            "share = 0.0001\n" * 500
        ),
        "100 secties",
    ),
    "toml_keys_256kb": ("toml", lambda: toml("".join(f"k{i} = {i}\n" for i in range(15_000))), "onbekend veld"),
    "toml_1000_sections": ("toml", lambda: toml("".join(f"[x{i}]\n" for i in range(30_000))), "1.000 secties"),
    "toml_arrays_256kb": ("toml", lambda: toml("".join(f"x{i} = [{'1.5, ' * 4990}]\n" for i in range(10))), "veld"),
    "toml_long_string": ("toml", lambda: toml('x = "' + "a" * 100_000 + '"\n'), "tekens per tekst"),
    "toml_name_45mb": ("toml", lambda: b'schema_version = 2\nname = "' + b"a" * 45 * MB + b'"\n', "256 kB"),
    "toml_name_5000": ("toml", lambda: toml('name = "' + "a" * 5000 + '"\n'), "200 tekens"),
    "toml_long_gemeente": ("toml", lambda: b'schema_version = 2\ngemeente = "' + b"Zwolle " * 1400 + b'"\n', "tekens"),
    "toml_long_investment_label": (
        "toml",
        lambda: toml('[[business_case.investments]]\nlabel = "' + "a" * 5000 + '"\namount_eur = 1\n'),
        "tekens",
    ),
    "toml_integer_label": (
        "toml",
        lambda: toml("[[business_case.investments]]\nlabel = 12\namount_eur = 1\n"),
        "tekst",
    ),
    "toml_interval_0": ("toml", lambda: staffing("interval_minutes = 0"), "Intervallengte"),
    "toml_interval_nan": ("toml", lambda: staffing("interval_minutes = nan"), "Intervallengte"),
    "toml_interval_1e-300": ("toml", lambda: staffing("interval_minutes = 1e-300"), "Intervallengte"),
    "toml_interval_1e-6": ("toml", lambda: staffing("interval_minutes = 1e-6"), "Intervallengte"),
    "toml_interval_1e-6_with_profile": (
        "toml",
        lambda: staffing("profile_shares = [1.0]\ninterval_minutes = 1e-6"),
        "Intervallengte",
    ),
    "toml_interval_text": ("toml", lambda: staffing("interval_minutes = 'dertig'"), "Intervallengte"),
    "toml_nan_share": ("toml", lambda: toml("[status_portal]\nreach_share = nan\n"), "nan"),
    "toml_inf_volume": ("toml", lambda: toml("[baseline]\nvolumes_per_year = { telefoon = inf }\n"), "inf"),
    "toml_huge_int_population": ("toml", lambda: toml("[baseline]\npopulation = 1" + "0" * 400 + "\n"), "Inwoners"),
    "toml_huge_horizon": ("toml", lambda: toml("[business_case]\nhorizon_years = 1000000000\n"), "1000000000"),
    "toml_huge_investment": (
        "toml",
        lambda: toml("[[business_case.investments]]\nlabel = 'x'\namount_eur = 1e308\n"),
        "1e+308",
    ),
}


def _many_parts(n: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        for i in range(n):
            zf.writestr(f"x/{i}", b"")
    return buf.getvalue()


@pytest.mark.parametrize("name", sorted(CASES))
def test_refused_quickly_and_small(name, tmp_path):
    kind, make, fragment = CASES[name]
    data = make()
    assert len(data) <= limits.FILE_BYTES.value or kind == "toml", f"{name}: {len(data)} bytes, over the upload limit"
    path = tmp_path / f"{name}.{'toml' if kind == 'toml' else 'bin'}"
    path.write_bytes(data)
    report = spawn(kind, path)
    peak_mb = report["peak_mb"]
    print(f"{name}: {len(data) / MB:.2f} MB in, {report['seconds']:.2f} s, peak {peak_mb:.0f} MB")
    assert report["error"] == "InputError", f"{name}: {report}"
    assert fragment in str(report["message_nl"]), f"{name}: {report['message_nl']}"
    assert report["seconds"] < SECONDS, f"{name}: {report['seconds']:.1f} s"
    assert peak_mb < PEAK_MB, f"{name}: peak {peak_mb:.0f} MB"


def test_a_declared_dimension_is_ignored_and_a_valid_sheet_read(tmp_path):
    """The dimension bomb's dimension with 5000 valid rows: read as it is, quickly and small."""
    path = tmp_path / "dimension.bin"
    path.write_bytes(xlsx(sheet(export, 5000)))
    report = spawn("kcc", path)
    peak_mb = report["peak_mb"]
    assert report["error"] is None, report
    assert report["volumes"] == {"telefoon": float(sum(r % 97 for r in range(2, 5001)))}
    assert report["seconds"] < SECONDS and peak_mb < PEAK_MB, (report, peak_mb)


def test_the_readme_states_every_limit():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Limits", 1)[1].split("\n## ", 1)[0]
    for name, limit in limits.ALL.items():
        if name not in ("SEED", "PORT"):
            assert limit.shown_nl in section, f"README does not state {name}: {limit.shown_nl}"


_text = st.text(alphabet=st.sampled_from(list("ab.[]{}=,#'\"\\\n\t é")), max_size=30)
_leaf = st.one_of(st.integers(), st.floats(allow_nan=False), st.booleans(), _text)
_doc = st.recursive(
    _leaf,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_text, inner, max_size=4)),
    max_leaves=8,
)


@settings(deadline=None)  # a shared machine; the time limits are the corpus's concern
@given(st.dictionaries(_text, _doc, max_size=5))
def test_the_toml_scan_lets_every_small_document_through(data):
    """Strings full of brackets, quotes, dots and hashes do not fool the scan of the raw text."""
    import tomli_w

    from omnicalc import bounded_toml

    for multiline in (False, True):
        text = tomli_w.dumps(data, multiline_strings=multiline)
        assert bounded_toml.loads(text) == data


def test_the_depth_limit_counts_every_level_to_the_value():
    """16 levels: a value at depth 16 (list, inline table, header or dotted key) is read, one deeper is not."""
    from omnicalc import bounded_toml
    from omnicalc.errors import ScenarioFileError

    n = limits.TOML_DEPTH.value
    for depth, ok in ((n, True), (n + 1, False)):
        for text in (
            "x = " + "[" * (depth - 1) + "]" * (depth - 1),
            "x = " + "{ a = " * (depth - 1) + "1" + " }" * (depth - 1),
            "[" + ".".join(["t"] * (depth - 1)) + "]\nk = 1\n",
            ".".join(["t"] * depth) + " = 1\n",
        ):
            if ok:
                bounded_toml.loads(text)
            else:
                with pytest.raises(ScenarioFileError, match="levels of nesting"):
                    bounded_toml.loads(text)
