"""The dashboards' server: standalone Voila with a Dutch landing page instead of a file tree, only
the three dashboards renderable, a bounded number of kernels, and gzip on every text response.

Run as ``python -m omnicalc.ui.server NOTEBOOK_DIR [voila options]`` (``omnicalc serve`` does this).
The serving limits are options of :class:`OmnicalcVoila` (``--OmnicalcVoila.max_sessions=40`` or a
``"OmnicalcVoila"`` section in voila.json); docs/serveren.md explains them and their sizing.

* Voila serving a folder shows its file tree at ``/`` and lists it under ``/voila/api/contents``;
  both are replaced by :class:`LandingHandler`, and ``/voila/render/`` answers only for the
  notebooks in :data:`DASHBOARDS` (the analysts' notebooks are for JupyterLab, not for visitors).
* The kernel websocket speaks only the v1 protocol and closes on a malformed frame
  (:class:`KernelSocket`).
* Voila builds its tornado Application before applying ``tornado_settings``, so
  ``compress_response`` in voila.json has no effect; here it goes into the settings the
  Application is built with.
* Kernels cannot pile up (:mod:`omnicalc.ui.sessions`): a render beyond the cap, in total or for one
  client, gets the Dutch 503 page "Het is druk"; kernels whose page never connected, or whose page is
  gone, are shut down; the page's unload beacon shuts its kernel down (Voila's own handler refuses it
  for want of an ``_xsrf`` cookie the page never gets).
* No traceback and no version banner leaves the server over the kernel websocket (:func:`scrub_frame`).
* Error pages are Dutch (:class:`DutchErrors`), not tornado's "404: Not Found".
* Every response, errors included, carries :data:`SECURITY_HEADERS` and no ``Server`` banner; a request
  for a host name not on the allow-list gets a 400; odd ``/voila/templates/`` paths get a 404.
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import json
import os
import re
import shutil
import sys
from collections import deque
from collections.abc import Callable
from functools import partial
from typing import Any

import tornado.httputil
import tornado.ioloop
import tornado.log
import tornado.routing
import tornado.web
from jupyter_core.utils import ensure_async
from jupyter_server.services.kernels.connection.base import deserialize_msg_from_ws_v1, serialize_msg_to_ws_v1
from jupyter_server.services.kernels.kernelmanager import ServerKernelManager
from traitlets import Float, Int, Unicode, default
from voila.app import Voila
from voila.handler import VoilaHandler
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler
from voila.static_file_handler import TemplateStaticFileHandler
from voila.tornado.handler import TornadoVoilaHandler
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

from ..headline import national_headline
from . import sessions as ss
from . import vega

V1 = "v1.kernel.websocket.jupyter.org"

#: (notebook, title, what it is for) — the landing page, in this order.
DASHBOARDS = (
    (
        "kanaalmix.ipynb",
        "Kanaalmix & businesscase",
        "Eén gemeente: volumes per kanaal, statusportaal, herhaalcontact en kanaalsturing, "
        "meerjarige businesscase met onzekerheid; scenario's vergelijken, opslaan en als Excel of PDF exporteren.",
    ),
    (
        "statusvragen.ipynb",
        "Statusvragen",
        "Wat een statusportaal (MijnServices) bespaart op statusvragen; landelijk de raming van omnicalc met "
        "bandbreedte, en de claim uit de pilot nagerekend met invoer die u ziet en kunt wijzigen.",
    ),
    (
        "landelijk_overzicht.ipynb",
        "Landelijk overzicht",
        "Eén scenario voor alle 342 gemeenten: totalen, provincies, een sorteerbare tabel en een kaart.",
    ),
)

_PAGE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>omnicalc — dashboards</title>
<style>
body {{ font-family: system-ui, "DejaVu Sans", sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1rem;
       color: #1f2933; }}
h1 {{ font-size: 1.6rem; margin-bottom: .25rem; }}
a.oc-dashboard {{ display: block; border: 1px solid #cbd2d9; border-radius: 6px; padding: .8rem 1rem;
                  margin: .8rem 0; text-decoration: none; color: inherit; }}
a.oc-dashboard:hover, a.oc-dashboard:focus {{ border-color: #1f6feb; background: #f5f9ff; }}
a.oc-dashboard strong {{ color: #1f6feb; font-size: 1.1rem; }}
p.oc-small {{ color: #52606d; font-size: .9rem; }}
</style></head>
<body>
<h1>omnicalc</h1>
<p>Businesscase en kanaalmix voor het klantcontact van gemeenten. Kies een dashboard:</p>
{items}
<p class="oc-national-headline">{headline}</p>
<p class="oc-small">Elke standaardwaarde heeft een bron, een jaar, een eenheid en een bandbreedte; aannames
staan als aanname gemarkeerd. Het laden van een dashboard duurt enkele seconden.</p>
</body></html>
"""


#: On every response (pages, files, errors, websocket upgrades); Voila's own CSP lacks ``base-uri`` and
#: points its reports at an endpoint that does not exist, and ``/`` and 404 pages had none at all.
SECURITY_HEADERS = {
    "Content-Security-Policy": "frame-ancestors 'self'; base-uri 'self'; form-action 'self'; object-src 'none'",
    "X-Frame-Options": "SAMEORIGIN",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
#: Host names always served (the server listens on 127.0.0.1); a public name comes from the configuration.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})
#: Where the limits live in the tornado settings, for the handlers.
SETTINGS_KEY = "omnicalc"

_SIMPLE = """<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>omnicalc — {title}</title>
<style>body {{ font-family: system-ui, "DejaVu Sans", sans-serif; max-width: 46rem; margin: 3rem auto;
padding: 0 1rem; color: #1f2933; }}</style></head>
<body><h1>{title}</h1><p>{text}</p></body></html>
"""


def simple_page(title: str, text: str) -> str:
    """A small Dutch page (busy, refused host); both texts are escaped."""
    return _SIMPLE.format(title=html.escape(title), text=html.escape(text))


class SecurityHeaders(tornado.web.OutputTransform):
    """Sets :data:`SECURITY_HEADERS` and drops the ``Server`` banner on every response of every handler."""

    def transform_first_chunk(
        self, status_code: int, headers: tornado.httputil.HTTPHeaders, chunk: bytes, finishing: bool
    ) -> tuple[int, tornado.httputil.HTTPHeaders, bytes]:
        headers.pop("Server", None)
        for name, value in SECURITY_HEADERS.items():
            headers[name] = value
        return status_code, headers, chunk


#: The Dutch title and sentence of an error page, per status; others get :data:`OTHER_ERROR`.
ERROR_PAGES = {
    400: ("Ongeldig verzoek", "De server begrijpt dit verzoek niet."),
    403: ("Geen toegang", "Deze pagina is niet openbaar."),
    404: ("Pagina niet gevonden", "Deze pagina bestaat niet. De dashboards staan op de startpagina."),
    405: ("Niet toegestaan", "Dit kan op dit adres niet."),
    500: ("Er ging iets mis", "De server kon deze pagina niet maken. Probeer het later opnieuw."),
}
OTHER_ERROR = ("Er ging iets mis", "De server kon deze pagina niet tonen.")


def error_page(status_code: int, home: str = "/") -> str:
    """A Dutch error page with a link to the landing page (the address ``home``)."""
    title, text = ERROR_PAGES.get(status_code, OTHER_ERROR)
    return simple_page(f"{title} ({status_code})", text).replace(
        "</p></body>", f"</p><p><a href='{html.escape(home, quote=True)}'>Naar de startpagina</a></p></body>"
    )


class DutchErrors(tornado.web.OutputTransform):
    """Replaces the English error pages of tornado, jupyter_server and Voila ("404: Not Found") by
    :func:`error_page`; the server's own Dutch pages (``lang="nl"``) and non-HTML answers stay as they are.
    Runs before gzip (it is the first transform)."""

    home = "/"

    def transform_first_chunk(
        self, status_code: int, headers: tornado.httputil.HTTPHeaders, chunk: bytes, finishing: bool
    ) -> tuple[int, tornado.httputil.HTTPHeaders, bytes]:
        html_page = headers.get("Content-Type", "text/html").startswith("text/html")
        if status_code >= 400 and finishing and html_page and b'lang="nl"' not in chunk:
            chunk = error_page(status_code, self.home).encode("utf-8")
            headers["Content-Type"] = "text/html; charset=UTF-8"
            if "Content-Length" in headers:
                headers["Content-Length"] = str(len(chunk))
        return status_code, headers, chunk


class HostNotAllowed(tornado.routing.Matcher):
    """Matches a request whose ``Host`` is not on the allow-list (against DNS rebinding)."""

    def __init__(self, allowed: frozenset[str]) -> None:
        self.allowed = allowed

    def match(self, request: tornado.httputil.HTTPServerRequest) -> dict[str, Any] | None:
        return None if request.host_name in self.allowed else {}


class HostRefused(tornado.web.RequestHandler):
    """The answer to every request for a host name that is not served: 400 and a short Dutch page."""

    def prepare(self) -> None:
        tornado.log.access_log.warning("host not allowed: %r", self.request.host)
        self.set_status(400)
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.finish(
            simple_page(
                "Onbekend adres",
                "Deze server beantwoordt dit adres niet. Beheerder: geef de publieke naam met "
                "omnicalc serve --public-name of in OMNICALC_PUBLIC_NAME.",
            )
        )


class TemplateFiles(TemplateStaticFileHandler):
    """Voila's template files; a path not of the form ``<template>/static/<file>`` is a 404, not an
    ``AssertionError`` or ``ValueError`` answered with 500."""

    def parse_url_path(self, path: str) -> str:
        parts = os.path.normpath(path).split(os.path.sep, 2)
        if len(parts) != 3 or parts[1] != "static" or not re.fullmatch(r"[\w-]+", parts[0]) or ".." in parts[2]:
            raise tornado.web.HTTPError(404)
        return super().parse_url_path(path)


def _app(handler: tornado.web.RequestHandler) -> OmnicalcVoila:
    return handler.settings[SETTINGS_KEY]


class _Recorder:
    """The kernel manager as one render sees it: the kernel it starts or takes from the pool is noted
    against the render's ticket, so the ledger knows which kernel belongs to which page view."""

    def __init__(self, manager: Any, bind: Callable[[str], None]) -> None:
        self._manager, self._bind = manager, bind

    def __getattr__(self, name: str) -> Any:
        return getattr(self._manager, name)

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:
        kernel_id = await ensure_async(self._manager.start_kernel(*args, **kwargs))
        self._bind(kernel_id)
        return kernel_id

    async def get_rendered_notebook(self, *args: Any, **kwargs: Any) -> Any:
        task, cache, kernel_id = await self._manager.get_rendered_notebook(*args, **kwargs)
        self._bind(kernel_id)
        return task, cache, kernel_id


class NiceKernelManager(ServerKernelManager):
    """A kernel that yields the CPU to the server: its process runs ``niceness`` steps nicer (``nice -n``).

    The server is one thread for every session: it sends the pages and their files, executes each new page's
    notebook against its kernel and passes every kernel message on. When new pages pile up, their kernels
    (about 4 s of CPU each) took the server's share of the cores, the server fell behind on the messages of the
    kernels it was executing, and Voila gave up on their output after ``VoilaExecutor.iopub_timeout``
    ("Timeout waiting for IOPub output"): the page showed nothing. A kernel niced still gets every core the
    server does not use.
    """

    niceness = Int(
        ss.KERNEL_NICENESS,
        config=True,
        help="How much nicer than the server a kernel runs (0: as the server; without a nice program: as the server).",
    )

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        nice = shutil.which("nice")
        if self.niceness > 0 and nice is not None:
            kernel_cmd = [nice, "-n", str(self.niceness), *kernel_cmd]
        await super()._async_launch_kernel(kernel_cmd, **kw)


#: Voila's page template links Font Awesome (the buttons' icons) from a CDN: every visitor's browser would ask a
#: third party for it (their IP address leaves the gemeente's network; offline it fails). The link is left out;
#: the icons are decoration, every button says what it does in words.
_CDN_LINK = re.compile(r'<link[^>]+href="https://cdn\.jsdelivr\.net/[^"]*"[^>]*>\s*')


class RenderHandler(TornadoVoilaHandler):
    """Voila's render handler, admitting a page view only while the ledger has room for it."""

    _ticket: int | None = None

    def write(self, chunk: str | bytes | dict[str, Any]) -> None:
        """The page as Voila writes it, without links to a CDN (:data:`_CDN_LINK`)."""
        if isinstance(chunk, str):
            chunk = _CDN_LINK.sub("", chunk)
        elif isinstance(chunk, bytes) and b"cdn.jsdelivr.net" in chunk:
            chunk = _CDN_LINK.sub("", chunk.decode("utf-8")).encode("utf-8")
        super().write(chunk)

    @property
    def kernel_manager(self) -> Any:
        manager = self.settings["kernel_manager"]
        if self._ticket is None:
            return manager
        return _Recorder(manager, partial(_app(self).sessions.bind, self._ticket))

    @tornado.web.authenticated
    async def get(self, path: str | None = None) -> None:
        app = _app(self)
        app.sessions.keep_only(set(self.settings["kernel_manager"].list_kernel_ids()))
        client = app.client_of(self.request)
        ticket = app.sessions.admit(client)
        if ticket is None:
            self.log.warning(
                "busy: page refused for %s (%d sessions, %d of this client)",
                client,
                len(app.sessions),
                app.sessions.per_client(client),
            )
            self.set_status(503)
            self.set_header("Retry-After", "60")
            self.set_header("Content-Type", "text/html; charset=UTF-8")
            self.set_header("Cache-Control", "no-store")
            self.finish(
                simple_page(
                    "Het is druk",
                    "Het is druk, probeer het over een minuut opnieuw. Sluit tabbladen met een dashboard die u niet "
                    "meer gebruikt; dan komt er plaats vrij.",
                )
            )
            return
        self._ticket = ticket
        try:
            # at most max_rendering pages start and execute their kernel at once; the others wait their turn here
            # (their place is reserved), instead of all starving each other and the server of the CPU
            if app.rendering.locked():
                self.log.info("page for %s waits its turn: %d pages are being rendered", client, app.max_rendering_now)
            async with app.rendering:
                await super().get(path)
        finally:
            app.sessions.finish(ticket)


class ShutdownHandler(VoilaShutdownKernelHandler):
    """The page's unload beacon: shuts down the kernel of a dashboard session.

    The beacon sends the page's ``_xsrf`` cookie, which Voila never sets, so jupyter_server refuses it (voila
    #1458). Here the kernel id (a UUID only its page knows) is the credential, the request must be same-origin,
    and only a session's kernel can be shut down (never a preheated one).
    """

    def check_xsrf_cookie(self) -> None:
        if not self.check_origin():
            raise tornado.web.HTTPError(404)

    @tornado.web.authenticated
    async def post(self, kernel_id: str) -> None:
        app = _app(self)
        if kernel_id not in app.sessions:
            raise tornado.web.HTTPError(404)
        app.sessions.forget([kernel_id])
        self.log.info("kernel %s shut down: its page was closed", kernel_id)
        await ensure_async(self.kernel_manager.shutdown_kernel(kernel_id))
        self.set_status(204)
        self.finish()


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: What the browser gets instead of a traceback.
ERROR_NL = "Er ging iets mis (fout-id {})."
#: Message ids of the errors logged lately: a kernel message goes to every connection of its kernel, and
#: should be logged once, under the one fault id every connection shows.
_LOGGED: deque[str] = deque(maxlen=256)


def fault_id(msg_id: str) -> str:
    """The fault id of a kernel message: the same for every connection that carries it."""
    return hashlib.sha256(msg_id.encode("utf-8", "replace")).hexdigest()[:8].upper()


#: A message header's type, read from its raw JSON bytes (the header is the second part of a v1 frame).
_MSG_TYPE = re.compile(rb'"msg_type"\s*:\s*"([A-Za-z0-9_]*)"')
#: Message types whose content is always looked at; any other message only when its content names a traceback.
_LOOKED_AT = frozenset({"error", "stream", "kernel_info_reply"})
#: kernel_info_reply fields that name software versions, with what the browser gets instead (the frontend reads
#: only ``protocol_version``, ``implementation`` and ``language_info.name``/``mimetype``/``file_extension``).
VERSION_FIELDS = {"banner": "", "implementation_version": "", "help_links": []}


def _offsets(frame: bytes) -> list[int] | None:
    """Where the parts of a v1 frame start (channel, header, parent, metadata, content, buffers...) and where
    the last ends; None for a frame without the five parts of a message."""
    if len(frame) < 8:
        return None
    n = int.from_bytes(frame[:8], "little")
    if not 6 <= n <= 1024 or len(frame) < 8 * (n + 1):
        return None
    return [int.from_bytes(frame[8 * (i + 1) : 8 * (i + 2)], "little") for i in range(n)]


def scrub_frame(frame: bytes, log: Callable[[str], None]) -> bytes | None:
    """A kernel message on its way to the browser, without tracebacks, server paths or version banners.

    An ``error`` message (ipywidgets shows an exception in a widget callback with ``showtraceback``, whatever
    ``show_tracebacks`` says) and any reply with a traceback get the generic Dutch text with a fault id; the
    traceback goes to ``log`` under that id. Output to stderr (warnings, logging, tracebacks printed by
    libraries) goes to ``log`` and not to the browser (None). A ``kernel_info_reply`` loses its version strings
    (:data:`VERSION_FIELDS`, ``language_info.version``). Everything else passes unchanged.

    Cheap for the messages that pass (nearly all: widget state and status): the type is read from the header's
    raw bytes and the content is only searched for ``"traceback"``, with no JSON decoding and no copy.
    """
    bounds = _offsets(frame)
    if bounds is None:
        return frame
    header_at, content_at = (bounds[1], bounds[2]), (bounds[4], bounds[5])
    found = _MSG_TYPE.search(frame, *header_at)
    msg_type = found.group(1).decode("ascii") if found else ""
    if msg_type not in _LOOKED_AT and frame.find(b'"traceback"', *content_at) < 0:
        return frame
    channel, parts = deserialize_msg_from_ws_v1(frame)
    try:
        header = json.loads(parts[0])
        content = json.loads(parts[3])
    except ValueError:
        return frame
    if not isinstance(header, dict) or not isinstance(content, dict):
        return frame
    if msg_type == "kernel_info_reply":
        content.update((k, v) for k, v in VERSION_FIELDS.items() if k in content)
        if isinstance(content.get("language_info"), dict) and "version" in content["language_info"]:
            content["language_info"]["version"] = ""
        if "traceback" not in content:
            parts[3] = json.dumps(content).encode("utf-8")
            return serialize_msg_to_ws_v1(parts, channel)
    if not (msg_type in ("error", "stream") or "traceback" in content):
        return frame
    msg_id = str(header.get("msg_id", ""))
    first = msg_id not in _LOGGED
    if first:
        _LOGGED.append(msg_id)
    if msg_type == "stream":
        if content.get("name") != "stderr":
            return frame
        if first:
            log("kernel stderr: " + _ANSI.sub("", str(content.get("text", ""))).rstrip())
        return None
    error_id = fault_id(msg_id)
    if first:
        trace = "\n".join(_ANSI.sub("", str(line)) for line in content.get("traceback") or [])
        log(f"fout-id {error_id} ({msg_type}): {content.get('ename', '')}: {content.get('evalue', '')}\n{trace}")
    text = ERROR_NL.format(error_id)
    content.update(ename="Fout", evalue=text, traceback=[text])
    parts[3] = json.dumps(content).encode("utf-8")
    return serialize_msg_to_ws_v1(parts, channel)


class LandingHandler(tornado.web.RequestHandler):
    """``/``: the dashboards with a line on each; no file listing."""

    def get(self) -> None:
        base = self.settings.get("base_url", "/")
        items = "\n".join(
            f'<a class="oc-dashboard" href="{html.escape(base)}voila/render/{html.escape(nb)}">'
            f"<strong>{html.escape(title)}</strong><br>{html.escape(text)}</a>"
            for nb, title, text in DASHBOARDS
        )
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.write(_PAGE.format(items=items, headline=html.escape(national_headline().sentence_nl())))


class ChartScript(tornado.web.RequestHandler):
    """``omnicalc/static/vega-<hash>.js``: the charts' JavaScript (:func:`omnicalc.ui.vega.bundle`), made once per
    server; the name changes with the content, so browsers keep it for a year. Nothing loads from a CDN."""

    def get(self, name: str) -> None:
        if name != vega.bundle_path():
            raise tornado.web.HTTPError(404)
        self.set_header("Content-Type", "text/javascript; charset=UTF-8")
        self.set_header("Cache-Control", "public, max-age=31536000, immutable")
        self.finish(vega.bundle())


def well_formed_v1(message: object) -> bool:
    """Whether a websocket frame has the v1 layout: an offset count, that many increasing offsets, the parts."""
    if not isinstance(message, bytes) or len(message) < 8:
        return False
    n = int.from_bytes(message[:8], "little")
    if not 3 <= n <= 1024 or len(message) < 8 * (n + 1):
        return False
    offsets = [int.from_bytes(message[8 * (i + 1) : 8 * (i + 2)], "little") for i in range(n)]
    return (
        offsets[0] == 8 * (n + 1)
        and all(a <= b for a, b in zip(offsets, offsets[1:], strict=False))
        and offsets[-1] == len(message)
    )


class KernelSocket(VoilaKernelWebsocketHandler):
    """Voila's kernel websocket, refusing what could stall the server.

    jupyter_server and Voila read a v1 frame's first 8 bytes as a count of offsets and build a list that long.
    A frame in the legacy layout (a client that did not ask for v1), or a crafted one, makes that count run into
    the billions: the server's single thread spins and its memory grows by tens of MB a second (found by
    ``tests/test_security.py``). The dashboards' pages always speak v1; anything else is refused or closed.
    It also tells the ledger when a page connects and goes, and scrubs tracebacks (:func:`scrub_frame`).
    """

    async def get(self, *args: object, **kwargs: object) -> None:
        offered = [p.strip() for p in self.request.headers.get("Sec-WebSocket-Protocol", "").split(",")]
        if V1 not in offered:
            raise tornado.web.HTTPError(400, f"only the {V1} protocol is served")
        # tornado's get lasts as long as the connection: from the handshake on, the page is there (under load
        # the handshake itself can take a minute, waiting for the busy kernel's info reply)
        kernel_id = str(kwargs.get("kernel_id", args[0] if args else ""))
        sessions = _app(self).sessions
        sessions.connected(kernel_id)
        try:
            await super().get(*args, **kwargs)
        finally:
            sessions.disconnected(kernel_id)

    def on_message(self, message: str | bytes) -> None:
        if not well_formed_v1(message):
            self.log.warning("kernel websocket closed after a malformed frame")
            self.close(1007, "malformed frame")
            return
        super().on_message(message)

    def write_message(self, message: bytes | str | dict[str, Any], binary: bool = False) -> Any:
        if isinstance(message, bytes):
            scrubbed = scrub_frame(message, self.log.error)
            if scrubbed is None:
                return None
            message = scrubbed
        return super().write_message(message, binary)


def _without_version(page_config: dict, **kwargs: Any) -> dict:
    """Voila's page config without ``appVersion`` (no version banner in the pages)."""
    page_config.pop("appVersion", None)
    return page_config


class OmnicalcVoila(Voila):
    """Voila with a landing page, a fixed set of dashboards, bounded kernels and compressed responses."""

    max_sessions = Int(
        ss.MAX_SESSIONS, config=True, help="Dashboard sessions (kernels beyond the preheated pools) at most."
    )
    max_sessions_per_client = Int(
        ss.MAX_SESSIONS_PER_CLIENT, config=True, help="Sessions of one client address at most."
    )
    connect_seconds = Float(
        ss.CONNECT_SECONDS, config=True, help="A kernel whose page did not connect this long after it was sent goes."
    )
    disconnect_seconds = Float(
        ss.DISCONNECT_SECONDS, config=True, help="A kernel whose page has been disconnected this long goes."
    )
    check_seconds = Float(10.0, config=True, help="How often the ledger looks for kernels to shut down.")
    max_rendering = Int(
        0,
        config=True,
        help="Pages whose kernel is started and executes the dashboard at the same time, at most; the others wait "
        "their turn (0: the number of CPU cores, at least 2).",
    )
    public_name = Unicode(
        config=True,
        help="Host names served besides 127.0.0.1 and localhost, comma-separated (default: $OMNICALC_PUBLIC_NAME).",
    )
    trusted_proxies = Unicode(
        "127.0.0.1, ::1",
        config=True,
        help="Peers whose last X-Forwarded-For address is taken as the client (a proxy that appends it).",
    )

    aliases = {
        **Voila.aliases,
        "public-name": "OmnicalcVoila.public_name",
        "max-sessions": "OmnicalcVoila.max_sessions",
        "max-sessions-per-client": "OmnicalcVoila.max_sessions_per_client",
    }

    @default("public_name")
    def _public_name_from_env(self) -> str:
        return os.environ.get("OMNICALC_PUBLIC_NAME", "")

    def allowed_hosts(self) -> frozenset[str]:
        return LOCAL_HOSTS | {h.strip().lower() for h in self.public_name.split(",") if h.strip()}

    def client_of(self, request: tornado.httputil.HTTPServerRequest) -> str:
        """The client address a request counts for (see :func:`omnicalc.ui.sessions.client_address`)."""
        return ss.client_address(
            str(request.remote_ip), request.headers.get("X-Forwarded-For"), ss.parse_addresses(self.trusted_proxies)
        )

    def init_settings(self) -> dict:
        # before any kernel starts (the preheated pool too): kernels import the charts' JavaScript from ChartScript
        os.environ[vega.SERVED_ENV] = "1"
        hook = self.voila_configuration.page_config_hook
        self.voila_configuration.page_config_hook = (
            _without_version if hook is None else (lambda pc, **kw: _without_version(hook(pc, **kw)))
        )
        mkm = self.config.MappingKernelManager
        if "kernel_manager_class" not in mkm:  # every kernel, preheated or not, is started by one of these
            mkm.kernel_manager_class = f"{NiceKernelManager.__module__}.{NiceKernelManager.__qualname__}"
        settings = super().init_settings()
        settings["compress_response"] = True
        settings[SETTINGS_KEY] = self
        self.sessions = ss.Sessions(
            self.max_sessions, self.max_sessions_per_client, self.connect_seconds, self.disconnect_seconds
        )
        self.max_rendering_now = self.max_rendering or ss.default_rendering(os.cpu_count())
        self.rendering = asyncio.Semaphore(self.max_rendering_now)
        return settings

    def init_handlers(self) -> list:
        # Voila built the Application just before asking for the handlers: secure it here
        self.app.transforms.append(SecurityHeaders)
        DutchErrors.home = self.server_url
        self.app.transforms.insert(0, DutchErrors)  # before gzip: it reads and replaces the page itself
        self.app.default_router.rules.insert(0, tornado.routing.Rule(HostNotAllowed(self.allowed_hosts()), HostRefused))
        self.culler = tornado.ioloop.PeriodicCallback(self.cull, self.check_seconds * 1000)
        self.culler.start()
        national_headline()  # the landing page's sentence: computed once (about a second), before the first visitor
        vega.bundle()  # the charts' JavaScript (about a second), before the first visitor
        names = "|".join(re.escape(nb) for nb, _, _ in DASHBOARDS)
        out: list = [(f"{self.server_url}{vega.BUNDLE_ROUTE}(vega-[0-9a-f]{{16}}\\.js)", ChartScript)]
        for spec in super().init_handlers():
            pattern, handler = spec[0], spec[1]
            if (
                pattern.endswith("/voila/render/(.*)")
                and isinstance(handler, type)
                and issubclass(handler, VoilaHandler)
            ):
                out.append((pattern.replace("(.*)", f"({names})"), RenderHandler, *spec[2:]))
            elif handler is VoilaKernelWebsocketHandler:
                out.append((pattern, KernelSocket, *spec[2:]))
            elif handler is VoilaShutdownKernelHandler:
                out.append((pattern, ShutdownHandler, *spec[2:]))
            elif handler is TemplateStaticFileHandler:
                out.append((pattern, TemplateFiles, *spec[2:]))
            elif "/voila/tree" in pattern or "/voila/api/contents" in pattern:
                continue  # no file tree, no directory listing
            elif pattern == self.server_url:
                out.append((pattern, LandingHandler))
            else:
                out.append(spec)
        return out

    async def cull(self) -> None:
        """Shut down the kernels of pages that never connected or are gone."""
        manager = self.kernel_manager
        self.sessions.keep_only(set(manager.list_kernel_ids()))
        for kernel_id in self.sessions.expired():
            self.sessions.forget([kernel_id])
            self.log.info("kernel %s shut down: its page never connected or has gone", kernel_id)
            try:
                await ensure_async(manager.shutdown_kernel(kernel_id))
            except Exception:
                self.log.warning("could not shut down kernel %s", kernel_id, exc_info=True)


def main(argv: list[str] | None = None) -> None:
    OmnicalcVoila.launch_instance(argv if argv is not None else sys.argv[1:])


__all__ = [
    "ERROR_NL",
    "LOCAL_HOSTS",
    "SECURITY_HEADERS",
    "VERSION_FIELDS",
    "HostNotAllowed",
    "ChartScript",
    "HostRefused",
    "KernelSocket",
    "LandingHandler",
    "NiceKernelManager",
    "OmnicalcVoila",
    "RenderHandler",
    "SecurityHeaders",
    "ShutdownHandler",
    "TemplateFiles",
    "fault_id",
    "main",
    "scrub_frame",
    "simple_page",
    "well_formed_v1",
]


if __name__ == "__main__":
    main()
