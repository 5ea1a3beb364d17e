"""Write docs/bronnen.md ("Waar komen de getallen vandaan") from the shipped defaults.

Run ``python docs/make_sources_page.py``; ``tests/test_docs.py`` fails while the page and
the defaults disagree.
"""

from __future__ import annotations

from pathlib import Path

from omnicalc.domain import CHANNEL_LABELS, REASON_LABELS, SEGMENT_LABELS
from omnicalc.params import SPECS, default_table

PAGE = Path(__file__).resolve().parent / "bronnen.md"


def render() -> str:
    lines = [
        "# Waar komen de getallen vandaan",
        "",
        "Elke standaardwaarde van omnicalc met waarde, bandbreedte, eenheid, jaar, basis en bron. "
        "**bron**: gepubliceerd; **afgeleid**: berekend uit gepubliceerde cijfers (de afleiding staat erbij); "
        "**aanname**: geen (Nederlandse) bron — controleer de waarde voor uw gemeente. De tabel is gemaakt uit "
        "`omnicalc/defaults/parameters.csv`, dat `data/derive_defaults.py` afleidt uit de ruwe bestanden in `data/`.",
        "",
        "| Parameter | Kanaal / reden / groep | Waarde | Bandbreedte | Eenheid | Jaar | Basis | Bron |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in default_table().itertuples():
        label = SPECS[r.parameter].label_nl if r.parameter in SPECS else r.parameter
        detail = " – ".join(
            x
            for x in (
                CHANNEL_LABELS.get(r.channel, ""),
                REASON_LABELS.get(r.reason, ""),
                SEGMENT_LABELS.get(r.segment, ""),
            )
            if x
        )
        basis = f"**{r.basis}**" if r.basis == "aanname" else r.basis
        source = str(r.source).replace("|", "/")
        lines.append(
            f"| {label} | {detail} | {r.value:g} | {r.low:g} – {r.high:g} | {r.unit} | {r.year} | {basis} | {source} |"
        )
    lines += [
        "",
        "Gemeenten en inwoners: CBS Kerncijfers wijken en buurten 2024 (85984NED) en CBS "
        "Gebiedsindelingen, CC BY 4.0; zie `data/SOURCES.md`.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    PAGE.write_text(render(), encoding="utf-8")
    print(f"wrote {PAGE}")
