"""Klantcontacten of the Klantinteracties API (Open Klant): saved pages, and live from a local server."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jsonschema
import pytest

from omnicalc.errors import InputError
from omnicalc.klantinteracties import fetch_klantcontacten, read_klantcontacten

DATA = Path(__file__).resolve().parent / "data"
PAGES = sorted((DATA / "registraties" / "openklant_pages").glob("page*.json"))
TRUTH = json.loads((DATA / "registraties" / "openklant_pages.truth.json").read_text(encoding="utf-8"))
SCHEMA = json.loads((DATA / "klantinteracties" / "klantcontacten_page.schema.json").read_text(encoding="utf-8"))


def test_the_saved_pages_follow_the_schema():
    assert len(PAGES) == 3
    for p in PAGES:
        jsonschema.validate(json.loads(p.read_text(encoding="utf-8")), SCHEMA)


def _check(m):
    assert m.rows == TRUTH["rows"]
    got = {c: {r: int(v) for r, v in row.items() if v} for c, row in m.volumes.iterrows()}
    assert got == TRUTH["volumes"]
    assert int(m.repeats.to_numpy().sum()) == TRUTH["repeats"]
    assert (m.period_start.isoformat(), m.period_end.isoformat()) == (TRUTH["first_day"], TRUTH["last_day"])
    totals = m.channel_totals
    assert round(sum(m.callback_share[c] * totals[c] for c in totals)) == TRUTH["callback"]
    # plaatsgevondenOp is UTC; the arrival profile is in Dutch time (first contacts from 08:30)
    assert m.arrivals.loc[[("ma", "07:30"), ("ma", "08:00")]].to_numpy().sum() == 0


def test_saved_pages_give_the_generators_counts():
    _check(read_klantcontacten(PAGES, "openklant"))


class _Server:
    """Serves the saved pages as ``/api/v1/klantcontacten?page=n``, rewriting their links to itself."""

    def __init__(self, token="geheim", fail_first=0, status=None, next_host=None):
        self.token, self.fail_left, self.status, self.next_host = token, fail_first, status, next_host
        self.seen: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                outer.seen.append(self.path)
                if self.headers.get("Authorization") != f"Token {outer.token}":
                    return self._send(401, {"detail": "Ongeldig token."})
                if outer.status:
                    return self._send(outer.status, {"detail": "fout"})
                if outer.fail_left:
                    outer.fail_left -= 1
                    return self._send(503, {"detail": "even niet"})
                n = int(parse_qs(urlsplit(self.path).query).get("page", ["1"])[0])
                page = json.loads(PAGES[n - 1].read_text(encoding="utf-8"))
                base = outer.next_host or outer.url
                page["next"] = f"{base}/klantcontacten?page={n + 1}" if n < len(PAGES) else None
                page["previous"] = f"{outer.url}/klantcontacten?page={n - 1}" if n > 1 else None
                jsonschema.validate(page, SCHEMA)
                self._send(200, page)

            def _send(self, code, body):
                data = json.dumps(body).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/api/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def test_live_pages_follow_next_with_progress():
    seen = []
    with _Server() as s:
        pages = fetch_klantcontacten(s.url, "geheim", progress=lambda d, t: seen.append((d, t)), sleep=lambda _: None)
    assert len(pages) == 3
    assert seen == [(50, 120), (100, 120), (120, 120)]
    assert "expand=hadBetrokkenen.wasPartij" in s.seen[0]
    _check(read_klantcontacten(pages, "live"))


def test_live_retries_a_passing_5xx():
    waits = []
    with _Server(fail_first=2) as s:
        pages = fetch_klantcontacten(s.url, "geheim", sleep=waits.append)
    assert len(pages) == 3 and waits == [1.0, 2.0]


@pytest.mark.parametrize(("kwargs", "token", "nl"), [
    ({}, "fout", "de API weigert de toegang (401)"),
    ({"status": 403}, "geheim", "de API weigert de toegang (403)"),
    ({"status": 500}, "geheim", "foutcode 500 (storing bij de server"),
    ({"status": 404}, "geheim", "foutcode 404"),
    ({"next_host": "http://elders.example"}, "geheim", "op een andere server"),
])  # fmt: skip
def test_live_refusals_in_dutch(kwargs, token, nl):
    with _Server(**kwargs) as s, pytest.raises(InputError) as e:
        fetch_klantcontacten(s.url, token, sleep=lambda _: None)
    assert nl in e.value.message_nl
    assert token not in e.value.message_nl and token not in str(e.value)


def test_a_page_without_results_is_refused():
    with pytest.raises(InputError) as e:
        read_klantcontacten([{"count": 1}])
    assert "pagina 1" in e.value.message_nl


def test_cli_ophalen_reads_the_token_from_the_environment(capsys, monkeypatch):
    from omnicalc.cli import main

    monkeypatch.setenv("OMNICALC_TEST_TOKEN", "geheim")
    with _Server() as s:
        assert main(["klantcontacten", "ophalen", "--url", s.url, "--token-env", "OMNICALC_TEST_TOKEN"]) == 0
    out = capsys.readouterr().out
    assert "120 contacten" in out and "geheim" not in out
    monkeypatch.setenv("OMNICALC_TEST_TOKEN", "fout")
    with _Server() as s:
        assert main(["klantcontacten", "ophalen", "--url", s.url, "--token-env", "OMNICALC_TEST_TOKEN"]) == 2
    assert "de API weigert de toegang (401)" in capsys.readouterr().err
