"""Generate tests/data/registraties: messy contact-registration exports and their ground truth.

Run ``python tests/data/make_registrations_corpus.py``; the files are committed. Each export
``<name>`` comes with ``<name>.truth.json``: what the generator put in (rows, contacts per
channel x reason as it chose them, repeats counted here by a plain loop, transfers,
call-backs, durations, first and last day), so the tests check the reader against the
generator's intent, not against the reader.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parent / "registraties"

#: subject -> the reason it means (the generator's intent; UNMAPPED where no shipped rule should match)
SUBJECTS = {
    "Hoe staat het met mijn aanvraag": "statusvraag",
    "Stand van zaken vergunning": "statusvraag",
    "Wanneer krijg ik mijn paspoort": "statusvraag",
    "Status bezwaar": "statusvraag",
    "Paspoort": "aanvraag",
    "Rijbewijs verlengen": "aanvraag",
    "Verhuizing doorgeven": "aanvraag",
    "Uittreksel BRP": "aanvraag",
    "Openingstijden stadhuis": "informatievraag",
    "Wat kost een parkeervergunning": "informatievraag",
    "Afvalkalender": "informatievraag",
    "Lantaarnpaal kapot": "melding",
    "Melding zwerfvuil": "melding",
    "Klacht over behandeling": "klacht",
    "Overig gesprek": "niet_ingedeeld",
    "Doorverbonden met wethouder": "niet_ingedeeld",
    "": "niet_ingedeeld",
}
CHANNELS = {"telefoon": "Telefoon", "balie": "Balie", "email": "E-mail", "chat": "Chat", "whatsapp_social": "WhatsApp"}
ENGLISH = {"telefoon": "phone", "balie": "counter", "email": "email", "chat": "chat", "whatsapp_social": "whatsapp"}
MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
MONTHS_LONG = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]


def contacts(seed: int, n: int, refs: int = 0, empty_subjects: bool = True) -> list[dict]:
    rng = random.Random(seed)
    start = datetime(2024, 3, 4, 8, 30)
    subjects = [s for s in SUBJECTS if empty_subjects or s]
    out = []
    for _ in range(n):
        day = rng.randrange(28)
        ts = start + timedelta(days=day, minutes=rng.randrange(0, 510))
        ts = ts.replace(second=rng.randrange(60))
        out.append(
            {
                "ts": ts,
                "channel": rng.choice(list(CHANNELS)),
                "subject": rng.choice(subjects),
                "ref": f"K{rng.randrange(refs):05d}" if refs else "",
                "dur": rng.randrange(30, 900),
                "transferred": rng.random() < 0.2,
                "callback": rng.random() < 0.1,
            }
        )
    out.sort(key=lambda c: c["ts"])
    return out


def truth(cs: list[dict], *, window_days: int = 7) -> dict:
    volumes: dict[str, dict[str, int]] = {}
    for c in cs:
        row = volumes.setdefault(c["channel"], {})
        reason = SUBJECTS[c["subject"]]
        row[reason] = row.get(reason, 0) + 1
    repeats, last = 0, {}
    for c in sorted(cs, key=lambda c: c["ts"]):
        if c["ref"]:
            if c["ref"] in last and c["ts"] - last[c["ref"]] <= timedelta(days=window_days):
                repeats += 1
            last[c["ref"]] = c["ts"]
    return {
        "rows": len(cs),
        "volumes": volumes,
        "repeats": repeats,
        "with_ref": sum(1 for c in cs if c["ref"]),
        "transferred": sum(c["transferred"] for c in cs),
        "callback": sum(c["callback"] for c in cs),
        "duration_sum": sum(c["dur"] for c in cs),
        "first_day": min(c["ts"] for c in cs).date().isoformat(),
        "last_day": max(c["ts"] for c in cs).date().isoformat(),
    }


def yn(b: bool) -> str:
    return "ja" if b else "nee"


def write_csv(
    name: str,
    header: list[str],
    rows: list[list[str]],
    *,
    sep: str = ";",
    encoding: str = "utf-8",
    above: list[str] = (),
) -> None:
    lines = list(above) + [sep.join(header)] + [sep.join(r) for r in rows]
    (OUT / name).write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))


def save_truth(name: str, cs: list[dict], **extra: object) -> None:
    t = truth(cs)
    t.update(extra)
    (OUT / f"{name}.truth.json").write_text(json.dumps(t, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for old in sorted(OUT.rglob("*"), reverse=True):
        old.rmdir() if old.is_dir() else old.unlink()
    ch = CHANNELS

    def plain(name, seed, fmt, sep=";", encoding="utf-8", above=(), n=120, **kw):
        cs = contacts(seed, n, **kw)
        write_csv(
            name,
            ["Datum", "Kanaal", "Onderwerp"],
            [[fmt(c["ts"]), ch[c["channel"]], c["subject"]] for c in cs],
            sep=sep,
            encoding=encoding,
            above=above,
        )
        save_truth(name, cs)

    plain("01_iso_semicolon.csv", 1, lambda t: t.strftime("%Y-%m-%d %H:%M:%S"))
    plain(
        "02_dutch_weekdays.csv",
        2,
        lambda t: f"{DAYS[t.weekday()]} {t.day} {MONTHS_LONG[t.month - 1]} {t.year} {t:%H:%M}",
    )
    plain("03_slash_comma.csv", 3, lambda t: t.strftime("%d/%m/%Y %H:%M"), sep=",")
    plain("04_bom.csv", 4, lambda t: t.strftime("%d-%m-%Y %H:%M"), encoding="utf-8-sig")
    plain(
        "05_abbrev_months.csv",
        5,
        lambda t: f"{DAYS[t.weekday()][:2]} {t.day} {MONTHS[t.month - 1]} {t.year} {t.hour}u{t.minute:02d}",
    )
    plain(
        "06_title_rows.csv",
        6,
        lambda t: t.strftime("%d-%m-%Y %H:%M"),
        above=["Contactregistratie KCC gemeente Voorbeeld;;", "Periode maart 2024;;", ";;"],
    )
    plain("07_tabs.tsv", 7, lambda t: t.strftime("%Y-%m-%d %H:%M"), sep="\t")
    plain("08_no_empty_subjects.csv", 8, lambda t: t.strftime("%d.%m.%Y %H:%M"), empty_subjects=False)
    plain("09_iso_t.csv", 9, lambda t: t.strftime("%Y-%m-%dT%H:%M:%S"))

    # 10: cp1252, date and time in separate columns, accents in subjects kept to the known ones
    cs = contacts(10, 100)
    write_csv(
        "10_cp1252_date_time.csv",
        ["Datum", "Tijd", "Kanaal", "Vraag"],
        [[f"{c['ts']:%d-%m-%Y}", f"{c['ts']:%H:%M}", ch[c["channel"]], c["subject"]] for c in cs],
        encoding="cp1252",
    )
    save_truth("10_cp1252_date_time.csv", cs)

    # 11: duplicate rows with a contact id (the export repeats 7 rows)
    cs = contacts(11, 100)
    rows = [[str(i), f"{c['ts']:%Y-%m-%d %H:%M}", ch[c["channel"]], c["subject"]] for i, c in enumerate(cs)]
    rows = rows[:50] + rows[10:17] + rows[50:]
    write_csv("11_duplicates.csv", ["Contactnummer", "Datum", "Kanaal", "Onderwerp"], rows)
    save_truth("11_duplicates.csv", cs, duplicates=7)

    # 12, 13: resident and case references -> repeats
    cs = contacts(12, 300, refs=60)
    write_csv(
        "12_klantnummer.csv",
        ["Datum/tijd", "Kanaal", "Onderwerp", "Klantnummer"],
        [[f"{c['ts']:%d-%m-%Y %H:%M:%S}", ch[c["channel"]], c["subject"], c["ref"]] for c in cs],
    )
    save_truth("12_klantnummer.csv", cs)
    cs = contacts(13, 200, refs=40)
    for c in cs[::5]:
        c["ref"] = ""  # some contacts have no case
    write_csv(
        "13_zaaknummer.csv",
        ["Datum", "Kanaal", "Onderwerp", "Zaaknummer"],
        [[f"{c['ts']:%Y-%m-%d %H:%M:%S}", ch[c["channel"]], c["subject"], c["ref"].replace("K", "Z-")] for c in cs],
    )
    save_truth("13_zaaknummer.csv", cs)

    # 14, 15: durations as m:ss and in minutes; 16: transfers and call-backs
    cs = contacts(14, 150)
    write_csv(
        "14_duration_mmss.csv",
        ["Datum", "Kanaal", "Onderwerp", "Gespreksduur"],
        [
            [f"{c['ts']:%Y-%m-%d %H:%M}", ch[c["channel"]], c["subject"], f"{c['dur'] // 60}:{c['dur'] % 60:02d}"]
            for c in cs
        ],
    )
    save_truth("14_duration_mmss.csv", cs)
    cs = contacts(15, 150)
    for c in cs:
        c["dur"] = (c["dur"] // 60) * 60
    write_csv(
        "15_duration_minutes.csv",
        ["Datum", "Kanaal", "Onderwerp", "Duur (min)"],
        [[f"{c['ts']:%Y-%m-%d %H:%M}", ch[c["channel"]], c["subject"], str(c["dur"] // 60)] for c in cs],
    )
    save_truth("15_duration_minutes.csv", cs)
    cs = contacts(16, 200)
    write_csv(
        "16_transfer_callback.csv",
        ["Datum", "Kanaal", "Onderwerp", "Doorverbonden", "Terugbelverzoek"],
        [
            [
                f"{c['ts']:%Y-%m-%d %H:%M}",
                ch[c["channel"]],
                c["subject"],
                yn(c["transferred"]),
                "1" if c["callback"] else "0",
            ]
            for c in cs
        ],
    )
    save_truth("16_transfer_callback.csv", cs)

    # 17: English export
    cs = contacts(17, 120, refs=30)
    write_csv(
        "17_english.csv",
        ["date", "channel", "subject", "customer id", "duration"],
        [[f"{c['ts']:%Y-%m-%d %H:%M}", ENGLISH[c["channel"]], c["subject"], c["ref"], str(c["dur"])] for c in cs],
        sep=",",
    )
    save_truth("17_english.csv", cs)

    # 18: category and question in two columns (the question classifies)
    cs = contacts(18, 120)
    write_csv(
        "18_two_subject_columns.csv",
        ["Datum", "Kanaal", "Vraag", "Opmerking"],
        [[f"{c['ts']:%Y-%m-%d %H:%M}", ch[c["channel"]], c["subject"], "-"] for c in cs],
    )
    save_truth("18_two_subject_columns.csv", cs)

    # 19, 20: XLSX, one with merged title rows, one with real date cells
    import xlsxwriter

    cs = contacts(19, 120)
    wb = xlsxwriter.Workbook(str(OUT / "19_merged_title.xlsx"))
    wb.set_properties({"created": datetime(2024, 4, 1)})
    ws = wb.add_worksheet("Registraties")
    ws.merge_range("A1:C1", "Contactregistratie KCC - maart 2024", wb.add_format({"bold": True}))
    ws.merge_range("A2:C2", "Bron: KCC-systeem", None)
    ws.write_row(3, 0, ["Datum", "Kanaal", "Onderwerp"])
    for i, c in enumerate(cs, start=4):
        ws.write_row(i, 0, [f"{c['ts']:%d-%m-%Y %H:%M}", ch[c["channel"]], c["subject"]])
    wb.close()
    save_truth("19_merged_title.xlsx", cs)
    cs = contacts(20, 120)
    wb = xlsxwriter.Workbook(str(OUT / "20_date_cells.xlsx"))
    wb.set_properties({"created": datetime(2024, 4, 1)})
    ws = wb.add_worksheet()
    fmt = wb.add_format({"num_format": "dd-mm-yyyy hh:mm"})
    ws.write_row(0, 0, ["Datum en tijd", "Kanaal", "Categorie", "Afhandeltijd"])
    for i, c in enumerate(cs, start=1):
        ws.write_datetime(i, 0, c["ts"], fmt)
        ws.write_row(i, 1, [ch[c["channel"]], c["subject"], c["dur"]])
    wb.close()
    save_truth("20_date_cells.xlsx", cs)

    # Open Klant: three saved klantcontacten pages (page size 50), parties expanded
    cs = contacts(21, 120, refs=25)
    folder = OUT / "openklant_pages"
    folder.mkdir()
    rng = random.Random(21)
    api = "http://localhost/klantinteracties/api/v1/klantcontacten"
    kanaal = {
        "telefoon": "telefoon",
        "balie": "balie",
        "email": "e-mail",
        "chat": "chat",
        "whatsapp_social": "whatsapp",
    }
    items = []
    for i, c in enumerate(cs):
        uuid = f"00000000-0000-4000-8000-{i:012d}"
        utc = c["ts"] - timedelta(hours=1)  # March 2024: CET = UTC+1
        items.append(
            {
                "uuid": uuid,
                "url": f"{api}/{uuid}",
                "nummer": f"{i:010d}",
                "kanaal": kanaal[c["channel"]],
                "onderwerp": c["subject"],
                "inhoud": "Gesprek met inwoner over " + (c["subject"] or "iets"),
                "indicatieContactGelukt": not c["transferred"],
                "taal": "nld",
                "vertrouwelijk": False,
                "plaatsgevondenOp": utc.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "hadBetrokkenen": [{"uuid": f"b-{i}", "url": f"{api}/b-{i}"}],
                "leiddeTotInterneTaken": [{"uuid": f"t-{i}", "url": ""}] if c["callback"] else [],
                "gingOverOnderwerpobjecten": [],
                "omvatteBijlagen": [],
                "_expand": {
                    "hadBetrokkenen": [
                        {"uuid": f"b-{i}", "wasPartij": {"uuid": f"10000000-0000-4000-8000-{c['ref'][1:]:0>12}"}}
                    ]
                },
            }
        )
    rng.shuffle(items)
    for n in range(3):
        page = {
            "count": len(items),
            "next": f"{api}?page={n + 2}" if n < 2 else None,
            "previous": f"{api}?page={n}" if n else None,
            "results": items[50 * n : 50 * n + 50],
        }
        (folder / f"page{n + 1}.json").write_text(json.dumps(page, indent=1) + "\n", encoding="utf-8")
    save_truth("openklant_pages", cs, resolved=sum(not c["transferred"] for c in cs))

    # ACD interval report: a week of half hours, 08:30-17:00, with a total row at the end
    rng = random.Random(22)
    acd_rows, t = [], {"offered": 0, "answered": 0, "abandoned": 0, "talk": 0, "within": 0, "monday_0900": 0}
    for day in range(5):
        for half in range(17):
            start = datetime(2024, 3, 4 + day, 8, 30) + timedelta(minutes=30 * half)
            offered = rng.randrange(5, 60)
            abandoned = rng.randrange(0, max(1, offered // 8))
            answered = offered - abandoned
            within = rng.randrange(answered // 2, answered + 1)
            aht = rng.randrange(180, 420)
            end = start + timedelta(minutes=30)
            acd_rows.append(
                [
                    f"{start:%d-%m-%Y}",
                    f"{start:%H:%M} - {end:%H:%M}",
                    str(offered),
                    str(answered),
                    str(abandoned),
                    f"{aht // 60}:{aht % 60:02d}",
                    str(within),
                ]
            )
            t["offered"] += offered
            t["answered"] += answered
            t["abandoned"] += abandoned
            t["talk"] += aht * answered
            t["within"] += within
            if day == 0 and start.hour == 9 and start.minute == 0:
                t["monday_0900"] = offered
    acd_rows.append(["Totaal", "", str(t["offered"]), str(t["answered"]), str(t["abandoned"]), "", str(t["within"])])
    write_csv(
        "acd_halfuur.csv",
        ["Datum", "Interval", "Aangeboden", "Beantwoord", "Verloren", "Gem. gespreksduur", "Binnen 20 sec"],
        acd_rows,
        above=["Rapportage wachtrij 14-nummer;;;;;;", "Week 10 2024;;;;;;"],
    )
    (OUT / "acd_halfuur.csv.truth.json").write_text(json.dumps(t, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    # refusals: each names a row and a column
    write_csv(
        "bad_date.csv",
        ["Datum", "Kanaal", "Onderwerp"],
        [["2024-03-04 09:00", "Telefoon", "Paspoort"], ["31-02-2024 10:00", "Telefoon", "Paspoort"]],
    )
    write_csv(
        "bad_channel.csv",
        ["Datum", "Kanaal", "Onderwerp"],
        [["2024-03-04 09:00", "Telefoon", "Paspoort"], ["2024-03-04 09:05", "Postduif", "Paspoort"]],
    )
    write_csv(
        "bad_flag.csv",
        ["Datum", "Kanaal", "Onderwerp", "Doorverbonden"],
        [["2024-03-04 09:00", "Telefoon", "Paspoort", "ja"], ["2024-03-04 09:05", "Balie", "Paspoort", "misschien"]],
    )
    write_csv(
        "bad_duration.csv",
        ["Datum", "Kanaal", "Onderwerp", "Duur"],
        [["2024-03-04 09:00", "Telefoon", "Paspoort", "120"], ["2024-03-04 09:05", "Balie", "Paspoort", "lang"]],
    )
    write_csv("no_header.csv", ["Wie", "Wat"], [["a", "b"]])


if __name__ == "__main__":
    main()
