"""The KCC-export corpus: each file is imported correctly or refused whole, with row and column named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import omnicalc as oc
from omnicalc.kcc_import import MAX_BYTES, parse_number

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
