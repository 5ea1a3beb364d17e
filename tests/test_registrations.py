"""Contact registrations, one row per contact: the corpus in tests/data/registraties against its ground truth."""

from __future__ import annotations

import dataclasses
import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import omnicalc as oc
from omnicalc import registrations as reg
from omnicalc.errors import InputError
from omnicalc.scenario_doc import ScenarioDocument
from omnicalc.scenario_file import ScenarioFile, dump_scenario

CORPUS = Path(__file__).resolve().parent / "data" / "registraties"
EXPORTS = sorted(p for p in CORPUS.iterdir() if p.name[:2].isdigit() and not p.name.endswith(".json"))


def _truth(path: Path) -> dict:
    return json.loads((CORPUS / f"{path.name}.truth.json").read_text(encoding="utf-8"))


def test_the_corpus_is_large_enough():
    assert len(EXPORTS) >= 20


@pytest.mark.parametrize("path", EXPORTS, ids=lambda p: p.name)
def test_each_export_gives_the_generators_counts(path):
    t = _truth(path)
    m = reg.read_registrations(path)
    assert m.rows == t["rows"]
    assert (m.period_start.isoformat(), m.period_end.isoformat()) == (t["first_day"], t["last_day"])
    got = {c: {r: int(v) for r, v in row.items() if v} for c, row in m.volumes.iterrows()}
    assert got == t["volumes"]
    assert int(m.arrivals.to_numpy().sum()) == t["rows"]
    if t["with_ref"]:
        assert int(m.repeats.to_numpy().sum()) == t["repeats"]
    else:
        assert m.repeat_share == {}
    if "Doorverbonden" in path.read_text(errors="replace").split("\n", 1)[0]:
        totals = m.channel_totals
        assert round(sum(m.transfer_share[c] * totals[c] for c in totals)) == t["transferred"]
        assert round(sum(m.callback_share[c] * totals[c] for c in totals)) == t["callback"]
    if m.aht_seconds:
        totals = m.channel_totals
        assert sum(m.aht_seconds[c] * totals[c] for c in totals) == pytest.approx(t["duration_sum"])


def test_duplicates_with_a_contact_id_are_dropped_and_said():
    m = reg.read_registrations(CORPUS / "11_duplicates.csv")
    assert any(n.startswith("7 dubbele rijen") for n in m.notes_nl)


@pytest.mark.parametrize(
    ("name", "row", "column", "value"),
    [
        ("bad_date.csv", 3, "Datum", "31-02-2024 10:00"),
        ("bad_channel.csv", 3, "Kanaal", "Postduif"),
        ("bad_flag.csv", 3, "Doorverbonden", "misschien"),
        ("bad_duration.csv", 3, "Duur", "lang"),
    ],
)
def test_refusals_name_row_column_and_value_in_dutch(name, row, column, value):
    with pytest.raises(InputError) as e:
        reg.read_registrations(CORPUS / name)
    assert f"rij {row}, kolom {column}" in e.value.message_nl
    assert value in e.value.message_nl
    assert f"row {row}, column {column}" in str(e.value)


def test_no_header_is_refused_in_dutch():
    with pytest.raises(InputError, match="no header") as e:
        reg.read_registrations(CORPUS / "no_header.csv")
    assert "geen kopregel" in e.value.message_nl


# ------------------------------------------------------------------ dates
@pytest.mark.parametrize(
    "text",
    [
        "2024-03-04 09:15",
        "04-03-2024 09:15",
        "4-3-2024 9:15",
        "04/03/2024 09:15",
        "04.03.2024 09:15",
        "ma 4 maart 2024 09:15",
        "maandag 4 mrt 2024 9u15",
        "Maandag, 4 Maart 2024 om 09:15",
        "2024-03-04T09:15:00",
        "2024-03-04T08:15:00Z",
        "2024-03-04T09:15:00+01:00",
    ],
)
def test_date_formats(text):
    m = reg.read_registrations(f"Datum;Kanaal\n{text};Telefoon\n".encode(), "x.csv")
    assert m.arrivals.loc[("ma", "09:00"), "telefoon"] == 1
    assert m.period_start == date(2024, 3, 4)


# ------------------------------------------------------------------ classifier
@pytest.mark.parametrize(
    ("subject", "reason"),
    [
        ("Hoe staat het met mijn vergunning?", "statusvraag"),
        ("stand van zaken bezwaar", "statusvraag"),
        ("STATUS aanvraag", "statusvraag"),
        ("Wanneer krijg ik bericht", "statusvraag"),
        ("Paspoort", "aanvraag"),
        ("Parkeervergunning", "aanvraag"),
        ("Informatie paspoort", "informatievraag"),
        ("Wat kost een rijbewijs", "informatievraag"),
        ("Lantaarnpaal kapot", "melding"),
        ("Klacht over de balie", "klacht"),
        ("Doorverbonden", reg.UNMAPPED),
        ("", reg.UNMAPPED),
    ],
)
def test_classifier_rules(subject, reason):
    assert reg.classify([subject])[0] == reason


def test_every_rule_has_a_known_reason_and_a_source():
    rules = reg.default_rules()
    assert len(rules) >= 30
    for r in rules:
        assert r.reason in (*reg.REASONS,), r
        assert r.match in ("woorden", "deel"), r
        assert r.source.strip(), r


_subjects = st.sampled_from(["Paspoort", "status", "Klacht", "iets", "", "Lantaarnpaal kapot", "kosten"])
_rule = st.builds(
    reg.Rule,
    st.sampled_from(["paspoort", "status", "klacht", "iets", "kapot", "kosten"]),
    st.sampled_from(["woorden", "deel"]),
    st.sampled_from(reg.REASONS),
    st.just("test"),
)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(["Telefoon", "Balie", "Chat"]), _subjects), min_size=1, max_size=30),
    st.lists(_rule, max_size=6),
)
def test_reclassifying_never_changes_channel_totals(contacts, rules):
    text = "Datum;Kanaal;Onderwerp\n" + "".join(f"2024-03-04 09:00;{c};{s}\n" for c, s in contacts)
    a = reg.read_registrations(text.encode(), "x.csv")
    b = reg.read_registrations(text.encode(), "x.csv", rules=rules)
    assert a.channel_totals == b.channel_totals
    assert a.rows == b.rows == len(contacts)


# ------------------------------------------------------------------ repeats, hand-counted
HAND = """Datum;Kanaal;Onderwerp;Klantnummer
2024-03-01 09:00;Telefoon;Paspoort;A
2024-03-03 10:00;Telefoon;Hoe staat het met mijn paspoort;A
2024-03-12 10:00;Balie;Paspoort;A
2024-03-12 11:00;Telefoon;Paspoort;B
2024-03-19 11:00;Chat;Status;B
2024-03-19 12:00;Telefoon;Paspoort;
2024-03-20 12:00;Telefoon;Paspoort;
2024-03-26 12:00;Telefoon;Paspoort;B
"""
# A: 1 Mar, 3 Mar (repeat, 2 days), 12 Mar (9 days after 3 Mar: not a repeat)
# B: 12 Mar, 19 Mar 11:00 (exactly 7 days: a repeat), 26 Mar 12:00 (7 days 1 hour: not)
# no reference: never a repeat. Repeats: telefoon/statusvraag 1, chat/statusvraag 1.


def test_repeats_hand_counted():
    m = reg.read_registrations(HAND.encode(), "hand.csv")
    got = {(c, r): int(v) for c, row in m.repeats.iterrows() for r, v in row.items() if v}
    assert got == {("telefoon", "statusvraag"): 1, ("chat", "statusvraag"): 1}
    assert m.repeat_share == {"telefoon": pytest.approx(1 / 4), "balie": 0.0, "chat": 1.0}


# ------------------------------------------------------------------ shares, annualising, overrides
def test_status_share_with_wilson_interval():
    text = "Datum;Kanaal;Onderwerp\n" + "2024-03-04 09:00;Telefoon;Status\n" * 30
    text += "2024-03-04 09:00;Telefoon;Paspoort\n" * 70
    m = reg.read_registrations(text.encode(), "x.csv")
    share, low, high = m.status_share["telefoon"]
    assert share == 0.3
    assert (round(low, 4), round(high, 4)) == (0.2189, 0.3958)  # Wilson 95%, n = 100 (by hand)


def test_annualising_a_month_with_a_seasonality_note():
    m = reg.read_registrations(CORPUS / "01_iso_semicolon.csv")
    assert m.days == 28
    assert sum(m.volumes_per_year().values()) == pytest.approx(120 * 365 / 28)
    assert any("seizoensinvloed" in n for n in m.notes_nl)
    given_period = reg.read_registrations(CORPUS / "01_iso_semicolon.csv", period=(date(2024, 3, 1), date(2024, 3, 31)))
    assert given_period.days == 31


def test_overrides_keep_channels_not_measured():
    m = reg.read_registrations(CORPUS / "12_klantnummer.csv")
    o = m.overrides({"post": 1000.0, "telefoon": 5.0})
    assert o["volumes_per_year"]["post"] == 1000.0
    assert o["volumes_per_year"]["telefoon"] == round(m.volumes_per_year()["telefoon"])
    assert set(o["status_question_share"]) == set(m.channel_totals)


def test_references_are_never_written():
    path = CORPUS / "12_klantnummer.csv"
    refs = {line.split(";")[3].strip() for line in path.read_text().splitlines()[1:]}
    refs |= {"Z-" + r[1:] for r in refs}
    m = reg.read_registrations(path)
    o = m.overrides()
    sf = dataclasses.replace(
        ScenarioFile(population=50_000),
        volumes_per_year=o["volumes_per_year"],
        status_question_share=o["status_question_share"],
        repeat_contact_share=o["repeat_contact_share"],
    )
    written = [json.dumps(m.to_dict(), default=str), m.summary_nl(), dump_scenario(sf), repr(m)]
    for text in written:
        for ref in refs:
            assert ref not in text
    m2 = reg.read_registrations(CORPUS / "13_zaaknummer.csv")
    assert not any(f"Z-{i:05d}" in json.dumps(m2.to_dict(), default=str) for i in range(40))


def test_to_dict_carries_provenance():
    d = reg.read_registrations(CORPUS / "04_bom.csv").to_dict()
    assert (d["basis"], d["filename"], d["rows"]) == ("gemeten", "04_bom.csv", 120)
    assert (d["period_start"], d["period_end"]) == ("2024-03-04", "2024-03-31")


# ------------------------------------------------------------------ telephony interval report (ACD)
def test_acd_report_gives_the_generators_figures():
    t = json.loads((CORPUS / "acd_halfuur.csv.truth.json").read_text(encoding="utf-8"))
    m = reg.read_acd(CORPUS / "acd_halfuur.csv")
    assert m.rows == t["offered"]  # the Totaal row is not counted twice
    assert m.abandon_share["telefoon"] == pytest.approx(t["abandoned"] / t["offered"])
    assert m.service_level_share["telefoon"] == pytest.approx(t["within"] / t["offered"])
    assert m.aht_seconds["telefoon"] == pytest.approx(t["talk"] / t["answered"])
    assert m.arrivals.loc[("ma", "09:00"), "telefoon"] == t["monday_0900"]
    assert m.arrivals.to_numpy().sum() == t["offered"]
    assert (m.period_start, m.period_end) == (date(2024, 3, 4), date(2024, 3, 8))
    assert "servicelevel" in m.summary_nl()


def test_acd_hourly_intervals_split_over_their_half_hours():
    text = b"Datum/tijd;Aangeboden;Beantwoord\n04-03-2024 09:00;10;8\n04-03-2024 10:00;20;20\n"
    m = reg.read_acd(text, "uur.csv")
    assert m.arrivals.loc[("ma", "09:30"), "telefoon"] == 5
    assert m.abandon_share["telefoon"] == pytest.approx(2 / 30)


def test_acd_refusal_names_row_and_column():
    with pytest.raises(InputError) as e:
        reg.read_acd(b"Interval;Aangeboden\n04-03-2024 09:00;10\n04-03-2024 09:30;veel\n", "x.csv")
    assert "rij 3, kolom Aangeboden" in e.value.message_nl and "veel" in e.value.message_nl


# ------------------------------------------------------------------ command line
def test_cli_registraties_prints_the_summary_and_json(capsys):
    from omnicalc.cli import main

    assert main(["registraties", str(CORPUS / "12_klantnummer.csv")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Gemeten uit 12_klantnummer.csv: 300 contacten")
    assert main(["registraties", str(CORPUS / "12_klantnummer.csv"), "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["rows"] == 300 and "K0" not in json.dumps(d)
    assert main(["registraties", "--acd", str(CORPUS / "acd_halfuur.csv")]) == 0
    assert "servicelevel" in capsys.readouterr().out


def test_cli_registraties_refuses_in_dutch(capsys):
    from omnicalc.cli import main

    assert main(["registraties", str(CORPUS / "bad_channel.csv")]) == 2
    assert "rij 3, kolom Kanaal" in capsys.readouterr().err


def test_the_measured_arrival_profile_feeds_staffing():
    m = reg.read_acd(CORPUS / "acd_halfuur.csv")
    p = m.arrival_profile("telefoon")
    assert len(p.shares) == 5 * 17 and p.open_hours_per_week == 42.5  # ma-vr 08:30-17:00, as generated
    assert sum(p.shares) == pytest.approx(1.0)
    with pytest.raises(InputError, match="measured contacts"):
        m.arrival_profile("post")


def test_a_registration_file_over_the_size_limit_is_refused_before_parsing(monkeypatch):
    from omnicalc import limits

    monkeypatch.setattr(limits, "REGISTRATION_BYTES", limits.Limit(100, "bytes", "bytes"))
    with pytest.raises(InputError) as e:
        reg.read_registrations(CORPUS / "01_iso_semicolon.csv")
    assert "ten hoogste 100 bytes" in e.value.message_nl


def test_more_rows_than_the_limit_are_refused(monkeypatch):
    from omnicalc import limits

    monkeypatch.setattr(limits, "REGISTRATION_ROWS", limits.Limit(50, "registrations", "registraties"))
    with pytest.raises(InputError) as e:
        reg.read_registrations(CORPUS / "01_iso_semicolon.csv")
    assert "ten hoogste 50 registraties" in e.value.message_nl


def test_blank_lines_are_skipped_and_rows_keep_their_file_line():
    text = b"Datum;Kanaal;Onderwerp\n2024-03-04 09:00;Telefoon;x\n\n;;\n2024-03-04 09:00;Balie;y\n"
    assert reg.read_registrations(text, "x.csv").rows == 2
    with pytest.raises(InputError) as e:
        reg.read_registrations(b"Datum;Kanaal\n2024-03-04 09:00;Telefoon\n\n2024-13-04 09:00;Balie\n", "x.csv")
    assert "rij 4, kolom Datum" in e.value.message_nl


# ------------------------------------------------------------------ measured values in a scenario file
def _measured_document(name: str = "12_klantnummer.csv"):
    doc = ScenarioDocument(dump_scenario(oc.standard_scenario_file("Zwolle")))
    m = reg.read_registrations(CORPUS / name)
    return doc, m, doc.apply_measured(m)


def test_measured_values_carry_their_provenance_through_a_save():
    doc, m, written = _measured_document("14_duration_mmss.csv")
    sf = oc.read_scenario(doc.text)
    assert set(sf.measured) == set(written)
    assert {s.source_nl for s in sf.measured.values()} == {
        "bron: 14_duration_mmss.csv, 04-03-2024 t/m 31-03-2024, 150 rijen"
    }
    assert sf.volumes_per_year["telefoon"] == round(m.channel_totals["telefoon"] * 365 / 28)
    assert sf.status_question_share["telefoon"] == round(m.status_share["telefoon"][0], 4)
    assert sf.cost.handling_time_seconds["telefoon"] == round(m.aht_seconds["telefoon"], 1)
    assert sf.business_case.staffing.profile.shares == m.arrival_profile().shares
    # save, load: the same bytes and values, provenance kept (the document and the fresh writer alike)
    assert ScenarioDocument(doc.text).text == doc.text
    again = oc.read_scenario(dump_scenario(sf))
    assert dump_scenario(again) == dump_scenario(sf) and again.measured == sf.measured
    table = oc.analyse(sf, draws=50).inputs().set_index("path")
    for path in written:
        at = "business_case.staffing.opening_hours" if path.endswith("profile_shares") else path
        assert table.loc[at, "basis"] == "gemeten", path
        assert table.loc[at, "source"].startswith("bron: 14_duration_mmss.csv, 04-03-2024 t/m 31-03-2024")
    assert table.loc["baseline.status_question_share.telefoon", "value"] == sf.status_question_share["telefoon"]
    assert table.loc["baseline.volumes_per_year.webformulier", "basis"] != "gemeten"  # not measured


def test_measured_provenance_is_checked_on_reading():
    with pytest.raises(oc.ScenarioFileError, match="gives a value"):
        oc.read_scenario(
            'schema_version = 2\n[baseline]\npopulation = 1000\n[measured]\n"baseline.volumes_per_year.telefoon" = '
            '{ file = "x.csv", period = "2024-01-01/2024-01-31", rows = 3 }\n'
        )
    with pytest.raises(oc.ScenarioFileError, match="period"):
        oc.read_scenario(
            "schema_version = 2\n[baseline]\npopulation = 1000\nvolumes_per_year = { telefoon = 5 }\n[measured]\n"
            '"baseline.volumes_per_year.telefoon" = { file = "x.csv", period = "maart", rows = 3 }\n'
        )


def test_no_reference_reaches_a_scenario_file_or_report():
    from omnicalc.report.excel import to_xlsx
    from omnicalc.report.html import to_html

    for name, column in (("12_klantnummer.csv", 3), ("13_zaaknummer.csv", None)):
        path = CORPUS / name
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        header = lines[0].split(";")
        col = column if column is not None else next(i for i, h in enumerate(header) if "zaak" in h.lower())
        refs = {line.split(";")[col].strip() for line in lines[1:]} - {""}
        assert len(refs) > 5
        doc, _, _ = _measured_document(name)
        a = oc.analyse(doc.scenario_file(), draws=50)
        with zipfile.ZipFile(io.BytesIO(to_xlsx(a))) as z:
            xlsx = b"".join(z.read(n) for n in z.namelist())
        written = {"toml": doc.text.encode(), "xlsx": xlsx, "html": to_html(a).encode()}
        for kind, data in written.items():
            leaked = [r for r in refs if r.encode() in data]
            assert not leaked, f"{kind}: {leaked[:3]}"
            assert name.encode() in data  # the provenance is there: file name (and in the reports, basis gemeten)
        for kind in ("xlsx", "html"):
            assert f"bron: {name}, 04-03-2024 t/m 31-03-2024".encode() in written[kind], kind
            assert b"gemeten" in written[kind], kind
