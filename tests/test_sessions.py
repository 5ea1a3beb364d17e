"""The serving limits without a server: the session ledger, the client address, the traceback scrubber."""

from __future__ import annotations

import json

from jupyter_server.services.kernels.connection.base import deserialize_msg_from_ws_v1, serialize_msg_to_ws_v1

from omnicalc.ui import server as server_module
from omnicalc.ui.server import scrub_frame
from omnicalc.ui.sessions import Sessions, client_address, default_rendering, parse_addresses


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def ledger(**limits) -> tuple[Sessions, Clock]:
    clock = Clock()
    return Sessions(**{"max_total": 3, "max_per_client": 2, **limits}, clock=clock), clock


def test_admission_stops_at_the_cap_per_client_and_in_total():
    s, _ = ledger()
    a1, a2 = s.admit("a"), s.admit("a")
    assert a1 is not None and a2 is not None
    assert s.admit("a") is None  # a's cap
    assert s.admit("b") is not None
    assert s.admit("c") is None  # the server's cap
    s.finish(a1)  # a page view that got no kernel (its render failed) frees its place
    assert s.admit("c") is not None


def test_a_page_that_never_connects_expires_after_the_connect_window():
    s, clock = ledger(connect_seconds=60)
    t = s.admit("a")
    s.bind(t, "k1")
    clock.now += 500  # rendering takes as long as it takes: the window starts when the page is sent
    assert s.expired() == []
    s.finish(t)
    clock.now += 59
    assert s.expired() == []
    clock.now += 1
    assert s.expired() == ["k1"]
    s.forget(["k1"])
    assert len(s) == 0 and "k1" not in s


def test_a_connected_page_stays_and_a_closed_one_expires_after_the_disconnect_window():
    s, clock = ledger(connect_seconds=60, disconnect_seconds=180)
    t = s.admit("a")
    s.bind(t, "k1")
    s.finish(t)
    s.connected("k1")
    s.connected("k1")  # the page reconnected before the old socket closed
    clock.now += 10_000
    assert s.expired() == []
    s.disconnected("k1")
    assert s.expired() == []  # still one connection
    s.disconnected("k1")
    clock.now += 179
    assert s.expired() == []
    s.connected("k1")  # a network hiccup: back within the window
    s.disconnected("k1")
    clock.now += 179
    assert s.expired() == []
    clock.now += 1
    assert s.expired() == ["k1"]


def test_sessions_of_kernels_gone_elsewhere_are_forgotten():
    s, _ = ledger()
    for client, kernel in (("a", "k1"), ("a", "k2")):
        t = s.admit(client)
        s.bind(t, kernel)
    assert s.admit("a") is None
    s.keep_only({"k2", "pool-kernel"})
    assert "k1" not in s and "k2" in s and s.admit("a") is not None


def test_the_client_is_the_peer_unless_the_peer_is_a_trusted_proxy():
    trusted = parse_addresses("127.0.0.1, ::1")
    assert client_address("127.0.0.1", "10.0.0.7", trusted) == "10.0.0.7"
    # the proxy appends the address it saw; what the client sent before it is not believed
    assert client_address("127.0.0.1", "6.6.6.6, 10.0.0.7", trusted) == "10.0.0.7"
    assert client_address("192.0.2.5", "10.0.0.7", trusted) == "192.0.2.5"  # not a trusted peer
    assert client_address("127.0.0.1", "evil", trusted) == "127.0.0.1"
    assert client_address("127.0.0.1", None, trusted) == "127.0.0.1"
    assert client_address("127.0.0.1", "10.0.0.7", parse_addresses("")) == "127.0.0.1"
    # an IPv6 subscriber has a /64 of addresses: they count as one client
    assert client_address("::1", "2001:db8:1:2::5", trusted) == client_address("::1", "2001:db8:1:2:ffff::9", trusted)
    assert client_address("::1", "2001:db8:1:2::5", trusted) != client_address("::1", "2001:db8:1:3::5", trusted)
    assert client_address("::1", "::ffff:10.0.0.7", trusted) == "10.0.0.7"


def frame(msg_type: str, content: dict, msg_id: str = "m1") -> bytes:
    header = {"msg_id": msg_id, "msg_type": msg_type, "session": "s", "username": "u", "version": "5.3"}
    parts = [json.dumps(p).encode() for p in (header, {"msg_id": "p"}, {}, content)]
    return serialize_msg_to_ws_v1(parts, "iopub")


TRACE = [
    "\x1b[31mTraceback (most recent call last)\x1b[0m",
    '  File "/srv/omnicalc/ui/upload.py", line 80, in receive',
    "ValueError: invalid literal for int() with base 10: 'abc'",
]


def test_an_error_message_reaches_the_browser_as_a_dutch_fault_id_and_the_traceback_the_log():
    logged: list[str] = []
    error = frame("error", {"ename": "ValueError", "evalue": "/srv/secret", "traceback": TRACE})
    out = scrub_frame(error, logged.append)
    assert out is not None
    channel, parts = deserialize_msg_from_ws_v1(out)
    content = json.loads(parts[3])
    assert channel == "iopub" and json.loads(parts[0])["msg_type"] == "error"
    assert content["ename"] == "Fout" and content["evalue"].startswith("Er ging iets mis (fout-id ")
    assert b"/srv" not in out and b"Traceback" not in out
    error_id = content["evalue"].split("fout-id ")[1].rstrip(").")
    assert len(logged) == 1 and error_id in logged[0] and "upload.py" in logged[0] and "\x1b" not in logged[0]
    # the same message on a second connection of the kernel: the same id, logged once
    again = scrub_frame(frame("error", {"ename": "ValueError", "evalue": "x", "traceback": TRACE}), logged.append)
    assert error_id.encode() in again and len(logged) == 1


def test_replies_with_a_traceback_and_stderr_do_not_reach_the_browser():
    logged: list[str] = []
    reply = frame("comm_info_reply", {"status": "error", "ename": "E", "evalue": "v", "traceback": TRACE}, "m2")
    assert b"upload.py" not in scrub_frame(reply, logged.append)
    assert scrub_frame(frame("stream", {"name": "stderr", "text": TRACE[1]}, "m3"), logged.append) is None
    assert any("upload.py" in line for line in logged)
    for harmless in (
        frame("stream", {"name": "stdout", "text": "hallo"}, "m4"),
        frame("comm_msg", {"comm_id": "c", "data": {"method": "update", "state": {"value": 3}}}, "m5"),
        frame("status", {"execution_state": "idle"}, "m6"),
    ):
        assert scrub_frame(harmless, logged.append) == harmless


def test_the_kernel_info_reply_names_no_versions():
    content = {
        "status": "ok",
        "protocol_version": "5.3",
        "implementation": "ipython",
        "implementation_version": "8.31.7",
        "language_info": {
            "name": "python",
            "version": "3.11.9",
            "mimetype": "text/x-python",
            "file_extension": ".py",
            "codemirror_mode": {"name": "ipython", "version": 3},
            "pygments_lexer": "ipython3",
        },
        "banner": "Python 3.11.9 (main) [GCC 12.2.0]\nIPython 8.31.7 -- An enhanced Interactive Python.",
        "help_links": [{"text": "Python Reference", "url": "https://docs.python.org/3.11"}],
        "supported_features": [],
    }
    out = scrub_frame(frame("kernel_info_reply", content), [].append)
    assert out is not None
    channel, parts = deserialize_msg_from_ws_v1(out)
    reply = json.loads(parts[3])
    for version in (b"3.11", b"8.31", b"GCC"):
        assert version not in out, version
    # what the page's kernel connection reads is kept
    assert reply["protocol_version"] == "5.3" and reply["implementation"] == "ipython" and reply["status"] == "ok"
    assert reply["language_info"]["name"] == "python" and reply["language_info"]["mimetype"] == "text/x-python"
    assert reply["banner"] == "" and reply["help_links"] == [] and reply["language_info"]["version"] == ""
    assert channel == "iopub" and json.loads(parts[0])["msg_type"] == "kernel_info_reply"


def test_the_messages_that_pass_are_not_decoded(monkeypatch):
    """Widget state and status (nearly all traffic) pass on a look at the header's bytes: no JSON decoding."""

    def refuse(*args, **kwargs):
        raise AssertionError("decoded")

    monkeypatch.setattr(server_module.json, "loads", refuse)
    for harmless in (
        frame("comm_msg", {"comm_id": "c", "data": {"method": "update", "state": {"value": 3}}}, "m7"),
        frame("comm_open", {"comm_id": "c", "target_name": "jupyter.widget", "data": {"state": {}}}, "m8"),
        frame("status", {"execution_state": "busy"}, "m9"),
        b"\x02\x00\x00\x00\x00\x00\x00\x00",  # not a message at all
    ):
        assert scrub_frame(harmless, [].append) is harmless


def test_pages_rendered_at_once_are_one_per_core_and_at_least_two():
    assert [default_rendering(n) for n in (None, 1, 2, 8)] == [2, 2, 2, 8]
