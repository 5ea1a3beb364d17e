"""Sources as a reader of a report cites them: the publication, not the repository file that records it.

The shipped defaults name their sources with notes for maintainers ("REFERENCE.md",
"contact_examples.csv", a script's path) and channel codes ("whatsapp_social"). A report for a
raad shows the publication and the Dutch labels; the data files stay as they are.
"""

from __future__ import annotations

import re

from ..domain import CHANNEL_LABELS, REASON_LABELS, SEGMENT_LABELS
from ..params import SPECS

#: A repository file name: a path or name ending in one of the repository's file extensions.
FILE_NAME = re.compile(r"(?:[\w./-]*/)?[\w-]+\.(?:csv|md|py|toml|json|xlsx|ipynb)\b", re.IGNORECASE)

#: Codes with an underscore (``whatsapp_social``, ``beperkt_zelfstandig``) and their Dutch labels.
CODE_LABELS: dict[str, str] = {
    code: label for labels in (CHANNEL_LABELS, REASON_LABELS, SEGMENT_LABELS) for code, label in labels.items()
}


#: Units as a Dutch reader writes them; units already in Dutch are shown as they are.
UNIT_NL: dict[str, str] = {
    "1/year": "per jaar",
    "EUR": "euro",
    "EUR/FTE": "euro per fte",
    "EUR/fte": "euro per fte",
    "EUR/bericht": "euro per bericht",
    "EUR/contact": "euro per contact",
    "EUR/maand": "euro per maand",
    "EUR/month": "euro per maand",
    "EUR/uur": "euro per uur",
    "EUR/year": "euro per jaar",
    "FTE": "fte",
    "chats/medewerker": "chats per medewerker",
    "contacten/inwoner/jaar": "contacten per inwoner per jaar",
    "contacts/year": "contacten per jaar",
    "fraction": "fractie",
    "fractie/jaar": "fractie per jaar",
    "hours/FTE/year": "uur per fte per jaar",
    "uur/fte/jaar": "uur per fte per jaar",
    "min/contact": "minuten per contact",
    "s": "seconden",
    "s/contact": "seconden per contact",
    "years": "jaar",
}


def unit_nl(unit: str) -> str:
    """A unit in Dutch words.

    >>> unit_nl("contacts/year"), unit_nl("EUR/contact"), unit_nl("jaar")
    ('contacten per jaar', 'euro per contact', 'jaar')
    """
    return UNIT_NL.get(unit, unit)


def code_label_nl(code: str) -> str:
    """The Dutch label of a channel, reason or segment code (the code itself if it has none).

    >>> code_label_nl("whatsapp_social"), code_label_nl("beperkt_zelfstandig"), code_label_nl("x")
    ('WhatsApp/social media', 'Beperkt zelfstandig', 'x')
    """
    return CODE_LABELS.get(code, code)


def label_nl(label: str) -> str:
    """An input's label with the channel codes of a shift (``telefoon → webformulier``) as Dutch labels.

    >>> label_nl("Verschuiving telefoon → webformulier")
    'Verschuiving Telefoon → Webformulier/MijnOmgeving'
    >>> label_nl("Adoptie statusportaal")
    'Adoptie statusportaal'
    """
    return re.sub(
        r"\b(\w+) → (\w+)\b",
        lambda m: f"{CHANNEL_LABELS.get(m.group(1), m.group(1))} → {CHANNEL_LABELS.get(m.group(2), m.group(2))}",
        label,
    )


def publication_nl(source: str) -> str:
    """``source`` without repository file names, with channel codes as Dutch labels.

    >>> publication_nl("Gartner 2019: 70% probeert eerst zelfservice (REFERENCE.md)")
    'Gartner 2019: 70% probeert eerst zelfservice'
    >>> publication_nl("gemiddelden (REFERENCE.md: kosten zijn grotendeels vast)")
    'gemiddelden (kosten zijn grotendeels vast)'
    >>> publication_nl("jaarvolumes (contact_examples.csv en contact_examples_extra.csv: jaarverslagen, monitors)")
    'jaarvolumes (jaarverslagen, monitors)'
    >>> publication_nl("afleiding (data/derive_segments.py: CBS 83428NED 2019)")
    'afleiding (CBS 83428NED 2019)'
    >>> publication_nl("benchmark, REFERENCE.md; jaartal niet vastgelegd")
    'benchmark; jaartal niet vastgelegd'
    >>> publication_nl("Welk deel persoonlijk moet: parameter in_person_share")
    'Welk deel persoonlijk moet: zie de aanname “Persoonlijk verplicht”'
    >>> publication_nl("verhouding whatsapp_social/telefoon, (Haarlemmermeer telt, contact_examples.csv)")
    'verhouding WhatsApp/social media tot telefoon, (Haarlemmermeer telt)'
    """
    files = rf"{FILE_NAME.pattern}(?:\s+en\s+{FILE_NAME.pattern})*"
    s = re.sub(rf"\(\s*{files}\s*[:;]\s*", "(", source, flags=re.IGNORECASE)
    s = re.sub(rf"\s*\(\s*{files}\s*\)", "", s, flags=re.IGNORECASE)
    s = re.sub(rf"[,;]\s*{files}(?=\s*[);,]|$)", "", s, flags=re.IGNORECASE)
    s = re.sub(rf"{files}\s*[:;,]\s*", "", s, flags=re.IGNORECASE)
    s = FILE_NAME.sub("", s)
    s = re.sub(
        r"\bparameter ([a-z]+(?:_[a-z]+)+)\b",
        lambda m: f"zie de aanname “{SPECS[m.group(1)].label_nl}”" if m.group(1) in SPECS else m.group(0),
        s,
    )
    s = re.sub(r"verhouding (\w+)/telefoon", lambda m: f"verhouding {code_label_nl(m.group(1))} tot telefoon", s)
    s = re.sub(r"\b[a-z]+(?:_[a-z]+)+\b", lambda m: code_label_nl(m.group(0)), s)
    return re.sub(r"\s{2,}", " ", s).strip()


__all__ = ["CODE_LABELS", "FILE_NAME", "UNIT_NL", "code_label_nl", "label_nl", "publication_nl", "unit_nl"]
