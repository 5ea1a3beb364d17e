"""Write the KCC-export corpus in tests/data/kcc/ and its manifest (expected outcome per file).

Files are shaped like real exports: semicolons, comma decimals and thousand dots, BOM,
Windows-1252, title rows, totals, months instead of a year, Dutch channel synonyms, Excel
files, and broken ones that must be refused with row and column named.
Run ``python tests/data/make_kcc_corpus.py`` after changing a case.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent / "kcc"
MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def xlsx(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def cases() -> list[tuple[str, bytes, dict]]:
    ok = lambda volumes, **kw: {"ok": True, "volumes": volumes, **kw}
    err = lambda *fragments: {"ok": False, "message_contains": list(fragments)}
    months_csv = "Maand;Telefoon;Balie;E-mail\n" + "".join(f"{m};1.000;500;100\n" for m in MONTHS)
    return [
        (
            "01_puntkomma_nl.csv",
            b"Kanaal;Aantal\nTelefonie;97.800\nLoket;99.000\n",
            ok({"telefoon": 97800, "balie": 99000}),
        ),
        (
            "02_bom_titelregels.csv",
            "\ufeffKCC-rapportage 2024;\nGemeente Voorbeeld;\n\nKanaal;Aantal\nTelefoon;12.345\n"
            "E-mail;2.000\n".encode(),
            ok({"telefoon": 12345, "email": 2000}),
        ),
        ("03_komma_gescheiden.csv", b"kanaal,aantal\ntelefoon,1200\nemail,300\n", ok({"telefoon": 1200, "email": 300})),
        (
            "04_komma_decimalen.csv",
            b"Kanaal;Aantal\nTelefoon;1200,0\nChat;15,5\n",
            ok({"telefoon": 1200, "chat": 15.5}),
        ),
        ("05_tabs.txt", b"Kanaal\tVolume\nTelefoon\t500\nPost\t20\n", ok({"telefoon": 500, "post": 20})),
        (
            "06_windows1252.csv",
            "Kanaal;Aantal;Opmerking\nTelefoon;800;café-uren\nBrieven;40;één keer\n".encode("cp1252"),
            ok({"telefoon": 800, "post": 40}),
        ),
        ("07_maanden_breed.csv", months_csv.encode(), ok({"telefoon": 12000, "balie": 6000, "email": 1200})),
        (
            "08_kwartaal_breed.csv",
            ("Maand;Telefoon;Balie\n" + "".join(f"{m};1.000;500\n" for m in MONTHS[:3])).encode(),
            ok({"telefoon": 3000, "balie": 1500}, note_contains="heel jaar"),
        ),
        (
            "09_dubbel_kanaal.csv",
            b"Kanaal;Aantal\nTelefoon;100\nTelefoon;50\n",
            ok({"telefoon": 150}, note_contains="2 rijen"),
        ),
        (
            "10_synoniemen.csv",
            b"Kanaal;Aantal\ntelefonie;1\nloket;2\nmail;3\nwebcare;4\nformulier;5\nbrieven;6\nlivechat;7\n",
            ok({"telefoon": 1, "balie": 2, "email": 3, "whatsapp_social": 4, "webformulier": 5, "post": 6, "chat": 7}),
        ),
        (
            "11_totaalregel.csv",
            b"Kanaal;Aantal\nTelefoon;100\nBalie;50\nTotaal;150\n",
            ok({"telefoon": 100, "balie": 50}),
        ),
        ("12_lege_regels.csv", b"Kanaal;Aantal\n\nTelefoon;100\n\n\nBalie;50\n\n", ok({"telefoon": 100, "balie": 50})),
        ("13_hoofdletters_spaties.csv", b"KANAAL ; AANTAL \n  TELEFOON  ;  1.200  \n", ok({"telefoon": 1200})),
        (
            "14_aanhalingstekens.csv",
            b'"Kanaal";"Aantal"\n"Telefoon";"12.345"\n"WhatsApp";"900"\n',
            ok({"telefoon": 12345, "whatsapp_social": 900}),
        ),
        ("15_contactkanaal_volume.csv", b"Contactkanaal;Volume\nBalie;10\n", ok({"balie": 10})),
        (
            "16_extra_kolommen.csv",
            b"Afdeling;Kanaal;Aantal;Opmerking\nKCC;Telefoon;300;x\nKCC;Chat;20;y\n",
            ok({"telefoon": 300, "chat": 20}),
        ),
        ("17_spaties_duizendtallen.csv", "Kanaal;Aantal\nTelefoon;12\u00a0345\n".encode(), ok({"telefoon": 12345})),
        (
            "18_excel_basis.xlsx",
            xlsx([["Kanaal", "Aantal"], ["Telefoon", 97800], ["Balie", 99000]]),
            ok({"telefoon": 97800, "balie": 99000}),
        ),
        (
            "19_excel_titelregels.xlsx",
            xlsx([["Jaarrapport klantcontact"], [None], ["Kanaal", "Aantal"], ["Telefonie", 5000], ["E-mail", 700]]),
            ok({"telefoon": 5000, "email": 700}),
        ),
        (
            "20_excel_maanden.xlsx",
            xlsx([["Maand", "Telefoon", "Chat"]] + [[m, 1000, 10] for m in MONTHS]),
            ok({"telefoon": 12000, "chat": 120}),
        ),
        (
            "21_excel_tekstgetallen.xlsx",
            xlsx([["Kanaal", "Aantal"], ["Telefoon", "12.345"], ["Post", "1.000"]]),
            ok({"telefoon": 12345, "post": 1000}),
        ),
        (
            "22_excel_totaal.xlsx",
            xlsx([["Kanaal", "Aantal"], ["Telefoon", 10], ["Balie", 5], ["Totaal", 15]]),
            ok({"telefoon": 10, "balie": 5}),
        ),
        ("23_us_duizendtallen.csv", b'kanaal,aantal\ntelefoon,"1,234"\n', ok({"telefoon": 1234})),
        (
            "24_tekst_in_getal.csv",
            b"Kanaal;Aantal\nTelefoon;100\nBalie;veel\n",
            err("rij 3", "kolom Aantal", "'veel' is geen getal"),
        ),
        ("25_negatief.csv", b"Kanaal;Aantal\nTelefoon;-5\n", err("rij 2", "kolom Aantal", "negatief")),
        ("26_onbekend_kanaal.csv", b"Kanaal;Aantal\nTelefoon;5\nFax;12\n", err("rij 3", "kolom Kanaal", "Fax")),
        ("27_leeg.csv", b"", err("leeg")),
        ("28_geen_kopregel.csv", b"foo;bar\n1;2\n", err("geen kopregel")),
        ("29_aantal_ontbreekt.csv", b"Kanaal;Aantal\nTelefoon;\n", err("rij 2", "ontbreekt")),
        ("30_kapotte_excel.xlsx", b"PK\x03\x04dit is geen echte excel", err("Excel")),
        (
            "31_maanden_met_tekst.csv",
            (b"Maand;Telefoon;Balie\njan;1.000;500\nfeb;n.v.t.;400\n"),
            err("rij 3", "kolom Telefoon", "n.v.t."),
        ),
        ("32_script_als_kanaal.csv", b"Kanaal;Aantal\n<script>alert(1)</script>;5\n", err("onbekend kanaal")),
        ("33_alleen_kopregel.csv", b"Kanaal;Aantal\n", err("geen rijen")),
        ("34_binaire_rommel.csv", bytes(range(256)) * 4, err("geen tekstbestand")),
    ]


def main() -> None:
    HERE.mkdir(exist_ok=True)
    manifest = {}
    for name, data, expected in cases():
        (HERE / name).write_bytes(data)
        manifest[name] = expected
    (HERE / "manifest.json").write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(manifest)} files to {HERE}")


if __name__ == "__main__":
    main()
