"""Contact registrations from the VNG Klantinteracties API, as Open Klant implements it.

The ``klantcontacten`` list is paginated (``count``, ``next``, ``previous``, ``results``).
Of each klantcontact these fields are read: ``plaatsgevondenOp`` (when), ``kanaal``,
``onderwerp`` (classified to a reason; ``inhoud``, the conversation's text, is never read),
``indicatieContactGelukt`` (resolved), ``leiddeTotInterneTaken`` (a follow-up task: a
call-back request) and, where the list was asked with ``expand``, the party of the
betrokkene (``_expand.hadBetrokkenen[].wasPartij.uuid``) as the resident reference for repeats.

:func:`read_klantcontacten` measures saved pages (parsed JSON or file paths);
:func:`fetch_klantcontacten` reads them live from a base URL with a token, following
``next`` (only on the same host) with a progress callback and retries, and refuses 401,
403 and lasting 5xx answers with a Dutch message.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pandas as pd

from . import limits
from .errors import InputError
from .registrations import Measured, _measure

_LABEL = "Klantinteracties"
#: Pages read at most from one list (a page holds 100 by default).
MAX_PAGES = 20_000
#: Bytes of one page's answer.
MAX_PAGE_BYTES = 20 * limits.MiB
#: Tries per page on a 5xx answer or a broken connection, with waits of 1, 2, 4 ... seconds between them.
TRIES = 4


def _party(item: Mapping[str, Any]) -> str:
    expanded = item.get("_expand") or {}
    for b in expanded.get("hadBetrokkenen") or ():
        partij = (b or {}).get("wasPartij") or (b or {}).get("_expand", {}).get("wasPartij")
        if isinstance(partij, Mapping) and partij.get("uuid"):
            return str(partij["uuid"])
    return ""


def _frame(pages: Iterable[Mapping[str, Any]]) -> tuple[pd.DataFrame, tuple[str, ...]]:
    when: list[str] = []
    kanaal: list[str] = []
    onderwerp: list[str] = []
    klant: list[str] = []
    callback: list[str] = []
    gelukt: list[object] = []
    for p, page in enumerate(pages, start=1):
        results = page.get("results") if isinstance(page, Mapping) else None
        if not isinstance(results, list):
            raise InputError(
                f"page {p}",
                "…",
                "a klantcontacten page has a list 'results'",
                allowed_nl=f"pagina {p}: een pagina klantcontacten heeft een lijst 'results'",
                label_nl=_LABEL,
            )
        for item in results:
            if not isinstance(item, Mapping):
                item = {}
            when.append(str(item.get("plaatsgevondenOp") or ""))
            kanaal.append(str(item.get("kanaal") or ""))
            onderwerp.append(str(item.get("onderwerp") or ""))
            klant.append(_party(item))
            callback.append("ja" if item.get("leiddeTotInterneTaken") else "nee")
            gelukt.append(item.get("indicatieContactGelukt"))
            limits.REGISTRATION_ROWS.check(len(when), "klantcontacten", _LABEL)
    df = pd.DataFrame(
        {
            "plaatsgevondenOp": when,
            "kanaal": kanaal,
            "onderwerp": onderwerp,
            "klant": klant,
            "terugbelverzoek": callback,
        }
    )
    notes: list[str] = ["inhoud (de tekst van het gesprek) is niet gelezen; ingedeeld op onderwerp"]
    if gelukt and all(isinstance(g, bool) for g in gelukt):
        df["opgelost"] = ["ja" if g else "nee" for g in gelukt]
    else:
        notes.append("indicatieContactGelukt niet bij elk klantcontact ingevuld: afhandeling in één keer niet gemeten")
    if not any(klant):
        df = df.drop(columns="klant")
    return df, tuple(notes)


def read_klantcontacten(
    pages: Iterable[Mapping[str, Any] | str | os.PathLike[str]], source: str = "klantcontacten"
) -> Measured:
    """Measure saved ``klantcontacten`` pages: parsed JSON objects, or paths of JSON files.

    Parameters
    ----------
    pages : iterable of dict or path
        The pages as the API gives them (``count``, ``next``, ``results``), parsed or as JSON files.
    source : str
        The name kept as provenance (in place of a file name).

    Examples
    --------

    >>> page = {"count": 1, "next": None, "results": [{"plaatsgevondenOp": "2024-03-04T08:15:00Z",
    ...         "kanaal": "telefoon", "onderwerp": "Status aanvraag", "indicatieContactGelukt": True}]}
    >>> m = read_klantcontacten([page])
    >>> m.rows, int(m.volumes.loc["telefoon", "statusvraag"]), m.fcr_share
    (1, 1, {'telefoon': 1.0})
    """
    loaded = []
    for p in pages:
        if isinstance(p, Mapping):
            loaded.append(p)
            continue
        limits.FILE_BYTES.check(os.path.getsize(p), "file", "Bestand")
        with open(p, "rb") as f:
            try:
                loaded.append(json.loads(f.read()))
            except ValueError as e:
                raise InputError(
                    "file", os.path.basename(p), "not JSON", allowed_nl="dit is geen JSON-bestand", label_nl=_LABEL
                ) from e
    df, notes = _frame(loaded)
    return _measure(df, 1, source, notes=notes)


class _SameHost(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only on the same scheme and host: the token is never sent elsewhere."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        old, new = urllib.parse.urlsplit(req.full_url), urllib.parse.urlsplit(newurl)
        if (old.scheme, old.netloc) != (new.scheme, new.netloc):
            return None  # urllib then raises the 3xx as an HTTPError
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_SameHost)


def _get(url: str, token: str, timeout: float, sleep: Callable[[float], None]) -> dict[str, Any]:
    request = urllib.request.Request(url, headers={"Authorization": f"Token {token}", "Accept": "application/json"})
    for attempt in range(TRIES):
        try:
            with _OPENER.open(request, timeout=timeout) as answer:
                body = answer.read(MAX_PAGE_BYTES + 1)
            if len(body) > MAX_PAGE_BYTES:
                raise InputError("page", url, "a page of at most 20 MiB", allowed_nl="een pagina van ten hoogste 20 MB")
            data = json.loads(body)
            if not isinstance(data, dict):
                raise ValueError("not an object")
            return data
        except urllib.error.HTTPError as e:
            if e.code in (401, 403):
                raise InputError(
                    "token",
                    e.code,
                    "the API refused the token (401/403): check the token and its rights on klantcontacten",
                    allowed_nl=f"de API weigert de toegang ({e.code}): controleer het token en of het "
                    "klantcontacten mag lezen",
                    label_nl=_LABEL,
                ) from None
            if e.code < 500 or attempt == TRIES - 1:
                raise InputError(
                    "url",
                    e.code,
                    f"the API answered {e.code} at {url}",
                    allowed_nl=f"de API antwoordt met foutcode {e.code}"
                    + (" (storing bij de server; probeer het later opnieuw)" if e.code >= 500 else ""),
                    label_nl=_LABEL,
                ) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as e:
            if attempt == TRIES - 1:
                raise InputError(
                    "url",
                    url,
                    f"the API cannot be reached ({e})",
                    allowed_nl="de API is niet bereikbaar; controleer het adres en de verbinding",
                    label_nl=_LABEL,
                ) from None
        except ValueError as e:
            raise InputError(
                "url", url, "the answer is not JSON", allowed_nl="het antwoord is geen JSON", label_nl=_LABEL
            ) from e
        sleep(2.0**attempt)
    raise AssertionError("unreachable")


def fetch_klantcontacten(
    base_url: str,
    token: str,
    *,
    query: Mapping[str, str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    timeout: float = 30.0,
    sleep: Callable[[float], None] = time.sleep,
) -> list[dict[str, Any]]:
    """The pages of ``{base_url}/klantcontacten`` (``base_url``: the API root, e.g. ``…/klantinteracties/api/v1``).

    ``next`` is followed only on the same scheme and host; ``progress(done, total)`` gets the
    klantcontacten read and ``count``. Give the pages to :func:`read_klantcontacten`.

    Parameters
    ----------
    base_url : str
        The API root (http or https).
    token : str
        The API token, sent as ``Authorization: Token …`` and never printed or stored.
    query : mapping, optional
        Extra query parameters, e.g. ``{"plaatsgevondenOp__gte": "2024-01-01"}``.
    progress : callable, optional
        Called as ``progress(done, total)`` after each page [klantcontacten].
    timeout : float
        Seconds to wait for one page [s].
    sleep : callable
        Waits the given seconds [s] between retries (``time.sleep``; a stub in tests).
    """
    start = urllib.parse.urlsplit(base_url)
    if start.scheme not in ("http", "https") or not start.netloc:
        raise InputError("url", base_url, "an http(s) address", allowed_nl="geef een http(s)-adres", label_nl=_LABEL)
    url: str | None = base_url.rstrip("/") + "/klantcontacten"
    params = {"expand": "hadBetrokkenen.wasPartij", **(query or {})}
    url = f"{url}?{urllib.parse.urlencode(params)}"
    pages: list[dict[str, Any]] = []
    done = 0
    while url:
        if len(pages) >= MAX_PAGES:
            raise InputError("url", base_url, f"at most {MAX_PAGES:,} pages", allowed_nl="te veel pagina's")
        page = _get(url, token, timeout, sleep)
        pages.append(page)
        done += len(page.get("results") or [])
        limits.REGISTRATION_ROWS.check(done, "klantcontacten", _LABEL)
        if progress is not None:
            progress(done, max(done, int(page.get("count") or done)))
        nxt = page.get("next")
        if nxt:
            there = urllib.parse.urlsplit(str(nxt))
            if (there.scheme, there.netloc) != (start.scheme, start.netloc):
                raise InputError(
                    "next",
                    str(nxt),
                    "the next page is on another host; the token is not sent there",
                    allowed_nl="de volgende pagina staat op een andere server; het token wordt daar niet heen gestuurd",
                    label_nl=_LABEL,
                )
        url = str(nxt) if nxt else None
    return pages


__all__ = ["MAX_PAGES", "MAX_PAGE_BYTES", "TRIES", "fetch_klantcontacten", "read_klantcontacten"]
