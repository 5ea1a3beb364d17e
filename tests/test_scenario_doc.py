"""The scenario file as an editable document (omnicalc.scenario_doc): paths, writes that keep the rest, migration."""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path

import pytest

import omnicalc as oc
from omnicalc import scenario_doc
from omnicalc.scenario_doc import DOC_MIGRATIONS, ScenarioDocument, format_path, parse_path

ROOT = Path(__file__).resolve().parent.parent
UTRECHT = (ROOT / "examples" / "utrecht_statusportaal.toml").read_text(encoding="utf-8")
V1 = (ROOT / "tests" / "data" / "scenario_v1.toml").read_text(encoding="utf-8")


def changed_lines(a: str, b: str) -> tuple[list[str], list[str]]:
    """(removed, added) lines from a to b."""
    diff = list(difflib.ndiff(a.splitlines(), b.splitlines()))
    return [d[2:] for d in diff if d.startswith("- ")], [d[2:] for d in diff if d.startswith("+ ")]


@pytest.mark.parametrize(
    "path, parts",
    [
        ("status_portal.adoption_share", ("status_portal", "adoption_share")),
        ("cost.top_down_eur_per_contact.telefoon", ("cost", "top_down_eur_per_contact", "telefoon")),
        ("business_case.investments[0].amount_eur", ("business_case", "investments", 0, "amount_eur")),
        ('a."b c".d', ("a", "b c", "d")),
        ("channel_shifts[12]", ("channel_shifts", 12)),
    ],
)
def test_paths_parse_and_format_back(path, parts):
    assert parse_path(path) == parts
    assert format_path(parts) == path


@pytest.mark.parametrize("bad", ["", ".a", "a..b", "a b", "a[x]", "a["])
def test_bad_paths_are_refused(bad):
    with pytest.raises(ValueError):
        parse_path(bad)


def test_unchanged_document_is_the_same_text():
    assert ScenarioDocument(UTRECHT).text == UTRECHT


def test_get_returns_plain_values_and_defaults():
    doc = ScenarioDocument(UTRECHT)
    assert doc.get("baseline.volumes_per_year") == {"telefoon": 299136, "balie": 237660}
    assert doc.get("business_case.investments[0].amount_eur") == 400000
    assert doc.get("business_case.investments[1].amount_eur", "geen") == "geen"
    assert doc.get("status_portal.reach_share.x") is None
    assert doc.length("business_case.investments") == 1 and doc.length("business_case.staffing") == 0


def test_setting_one_value_changes_one_line_and_keeps_its_comment():
    doc = ScenarioDocument(UTRECHT)
    assert doc.set("cbs_indeling_year", 2024) is False  # same value: nothing changes
    assert doc.set("baseline.volumes_per_year.balie", 200000) is True
    removed, added = changed_lines(UTRECHT, doc.text)
    assert removed == ["volumes_per_year = { telefoon = 299136, balie = 237660 }"]
    assert added == ["volumes_per_year = { telefoon = 299136, balie = 200000 }"]
    assert "# Utrecht-monitor 2019" in doc.text
    doc = ScenarioDocument(UTRECHT.replace("reach_share = 0.6", "reach_share = 0.6  # gemeten"))
    doc.set("status_portal.reach_share", 0.7)
    assert "reach_share = 0.7  # gemeten" in doc.text


def test_numbers_keep_their_kind_and_lose_float_noise():
    doc = ScenarioDocument(UTRECHT)
    doc.set("business_case.investments[0].amount_eur", 410000.0)  # the file has an integer
    doc.set("status_portal.adoption_share", 0.1 + 0.2)  # 0.30000000000000004 from a slider
    doc.set("status_portal.reach_share", 1.0)  # the file has a float
    assert "amount_eur = 410000\n" in doc.text
    assert "adoption_share = 0.3\n" in doc.text
    assert "reach_share = 1.0\n" in doc.text


def test_missing_tables_are_added_and_the_file_stays_valid():
    doc = ScenarioDocument(UTRECHT)
    doc.set("cost.top_down_eur_per_contact.telefoon", 12.5)
    doc.set("business_case.ramps.channel_shift.years_to_full", 2)
    doc.set("business_case.discount_rate", 0.03)
    doc.set("segments.share", {"zelfstandig": 0.6, "beperkt_zelfstandig": 0.3, "afhankelijk": 0.1})
    sf = oc.read_scenario(doc.text)
    assert sf.cost.top_down_eur_per_contact["telefoon"] == 12.5
    assert sf.business_case.ramps["channel_shift"].years_to_full == 2
    assert sf.business_case.discount_rate == 0.03
    assert "share = { zelfstandig = 0.6, beperkt_zelfstandig = 0.3, afhankelijk = 0.1 }" in doc.text
    removed, _ = changed_lines(UTRECHT, doc.text)
    assert removed == []  # only additions


def test_none_removes_a_key_and_delete_says_whether_there_was_one():
    doc = ScenarioDocument(UTRECHT)
    assert doc.set("channel_shifts[0].reason", None) is True
    assert oc.read_scenario(doc.text).scenario.channel_shifts[0].reason is None
    assert doc.delete("channel_shifts[0].reason") is False
    assert doc.delete("baseline.volumes_per_year") is True and not doc.has("baseline.volumes_per_year")
    with pytest.raises(KeyError):
        doc.set("channel_shifts[3].share", 0.1)  # items are added with append, not by index


def test_append_to_tables_and_inline_lists():
    doc = ScenarioDocument(UTRECHT)
    shift = {"from_channel": "balie", "to_channel": "chat", "reason": None, "share": 0.1}
    assert doc.append("channel_shifts", shift) == 1
    new = '[[channel_shifts]]\nfrom_channel = "balie"\nto_channel = "chat"\nshare = 0.1\n\n[business_case]'
    assert new in doc.text
    v1 = ScenarioDocument(V1)  # channel_shifts = [ { ... }, ] in this file
    assert v1.append("channel_shifts", {"from_channel": "balie", "to_channel": "chat", "share": 0.1}) == 1
    assert '    { from_channel = "balie", to_channel = "chat", share = 0.1 },\n]' in v1.text
    fresh = ScenarioDocument('schema_version = 2\ngemeente = "Zwolle"\n')
    assert fresh.append("business_case.investments", {"label": "x", "amount_eur": 5.0}) == 0
    assert oc.read_scenario(fresh.text).business_case.investments[0].amount_eur == 5


def test_leaves_list_every_value_once():
    leaves = dict(ScenarioDocument(V1).leaves())
    assert leaves["channel_shifts[0].share"] == 0.3
    assert leaves["business_case.investments[0].label"] == "Implementatie statusportaal en koppelingen"
    assert leaves["business_case.residents"] == {}  # an empty table is one leaf: the line is on
    assert "business_case.ramps.status_portal.kind" in leaves


def test_invalid_files_are_refused_with_the_cli_message():
    with pytest.raises(oc.ScenarioFileError) as e:
        ScenarioDocument("schema_version = 2\n[status_portal]\nreach = 0.5\n")
    assert "onbekend veld reach" in e.value.message_nl
    with pytest.raises(oc.ScenarioFileError):
        ScenarioDocument("schema_version = ")


def test_every_schema_step_has_a_document_step():
    assert set(DOC_MIGRATIONS) == set(oc.MIGRATIONS)


def test_v1_is_migrated_in_the_document_changing_only_those_lines():
    doc = ScenarioDocument(V1)
    assert doc.migrated_from == 1 and not doc.rewritten
    removed, added = changed_lines(V1, doc.text)
    assert removed == ["schema_version = 1"]
    assert added == [
        "schema_version = 2",
        "cbs_indeling_year = 2024  # CBS-gemeentelijke indeling waar de gemeente bij hoort",
    ]
    assert doc.text.index("cbs_indeling_year") > doc.text.index("gemeente =")  # right after the gemeente
    assert tomllib.loads(doc.text) == oc.MIGRATIONS[1](tomllib.loads(V1))  # the same step as the models'


def test_a_step_without_a_document_version_rewrites_the_file(monkeypatch):
    monkeypatch.setattr(scenario_doc, "DOC_MIGRATIONS", {})
    doc = ScenarioDocument(V1)
    assert doc.rewritten and doc.text == oc.dump_scenario(oc.read_scenario(V1))


def test_the_computed_file_is_read_scenario_of_the_text():
    doc = ScenarioDocument(UTRECHT)
    doc.set("status_portal.adoption_share", 0.55)
    assert doc.scenario_file().run().npv_eur == oc.read_scenario(doc.text).run().npv_eur
    copy = doc.copy()
    copy.set("status_portal.adoption_share", 0.6)
    assert doc.get("status_portal.adoption_share") == 0.55
