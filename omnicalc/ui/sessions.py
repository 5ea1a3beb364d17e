"""Dashboard sessions: how many kernels the server may hold, per client and in total, and when one goes.

Every page view of a dashboard starts (or takes from the preheated pool) a kernel of ~190 MB that
executes the whole notebook. :class:`Sessions` is the server's ledger of those kernels:

* :meth:`Sessions.admit` reserves a place before a kernel is started, or refuses when the server
  holds ``max_total`` sessions, or the client ``max_per_client``; a reservation counts like a session;
* :meth:`Sessions.expired` names the kernels to shut down: those whose page never connected within
  ``connect_seconds`` after rendering (plain GETs, crawlers, health checks), and those whose last
  connection closed ``disconnect_seconds`` ago (a closed tab whose unload beacon did not arrive).

Preheated pool kernels are not sessions: the pool has a fixed size of its own. Times are
``time.monotonic()`` seconds. No tornado or Voila here; :mod:`omnicalc.ui.server` wires it in.
"""

from __future__ import annotations

import ipaddress
import itertools
import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

#: Defaults of the serving limits (DEPLOY: docs/serveren.md has the sizing behind them).
MAX_SESSIONS = 40
MAX_SESSIONS_PER_CLIENT = 8
CONNECT_SECONDS = 60.0
DISCONNECT_SECONDS = 180.0
#: How much nicer (``nice -n``) a kernel runs than the server: a burst of page loads cannot starve the server.
KERNEL_NICENESS = 10


def default_rendering(cores: int | None) -> int:
    """Pages rendered at the same time by default: one per core, at least 2 (a render is mostly one kernel's
    CPU; more at once only makes every one of them, and the server, slower)."""
    return max(2, cores or 1)


@dataclass
class Session:
    """One dashboard page view: its client address, its kernel (once known) and its connections."""

    client: str
    started: float
    kernel_id: str | None = None
    rendered: float | None = None
    connections: int = 0
    disconnected: float | None = None


@dataclass
class Sessions:
    """The ledger of dashboard kernels; see the module docstring."""

    max_total: int = MAX_SESSIONS
    max_per_client: int = MAX_SESSIONS_PER_CLIENT
    connect_seconds: float = CONNECT_SECONDS
    disconnect_seconds: float = DISCONNECT_SECONDS
    clock: Callable[[], float] = time.monotonic
    _by_ticket: dict[int, Session] = field(default_factory=dict)
    _tickets: itertools.count = field(default_factory=itertools.count)

    def __len__(self) -> int:
        return len(self._by_ticket)

    def per_client(self, client: str) -> int:
        return sum(s.client == client for s in self._by_ticket.values())

    def admit(self, client: str) -> int | None:
        """A ticket for a new page view of ``client``, or None when the server or the client is full."""
        if len(self) >= self.max_total or self.per_client(client) >= self.max_per_client:
            return None
        ticket = next(self._tickets)
        self._by_ticket[ticket] = Session(client, self.clock())
        return ticket

    def bind(self, ticket: int, kernel_id: str) -> None:
        """The page view of ``ticket`` got kernel ``kernel_id``."""
        if ticket in self._by_ticket:
            self._by_ticket[ticket].kernel_id = kernel_id

    def finish(self, ticket: int) -> None:
        """The page is sent: from now on its kernel waits for the page to connect (no kernel: the place is freed)."""
        s = self._by_ticket.get(ticket)
        if s is None:
            return
        if s.kernel_id is None:
            del self._by_ticket[ticket]
        else:
            s.rendered = self.clock()

    def _find(self, kernel_id: str) -> Session | None:
        return next((s for s in self._by_ticket.values() if s.kernel_id == kernel_id), None)

    def __contains__(self, kernel_id: object) -> bool:
        return isinstance(kernel_id, str) and self._find(kernel_id) is not None

    def connected(self, kernel_id: str) -> None:
        s = self._find(kernel_id)
        if s is not None:
            s.connections += 1
            s.disconnected = None

    def disconnected(self, kernel_id: str) -> None:
        s = self._find(kernel_id)
        if s is not None:
            s.connections = max(0, s.connections - 1)
            if s.connections == 0:
                s.disconnected = self.clock()

    def expired(self) -> list[str]:
        """Kernels to shut down: never connected within ``connect_seconds`` of their page being sent,
        or without a connection for ``disconnect_seconds``."""
        now, out = self.clock(), []
        for s in self._by_ticket.values():
            if s.kernel_id is None or s.connections:
                continue
            if s.disconnected is not None:
                if now - s.disconnected >= self.disconnect_seconds:
                    out.append(s.kernel_id)
            elif s.rendered is not None and now - s.rendered >= self.connect_seconds:
                out.append(s.kernel_id)
        return out

    def forget(self, kernel_ids: Iterable[str]) -> None:
        gone = set(kernel_ids)
        self._by_ticket = {t: s for t, s in self._by_ticket.items() if s.kernel_id not in gone}

    def keep_only(self, alive: Collection[str]) -> None:
        """Forget the sessions whose kernel no longer exists (shut down or culled elsewhere)."""
        self.forget([s.kernel_id for s in self._by_ticket.values() if s.kernel_id and s.kernel_id not in alive])


def parse_addresses(text: str) -> frozenset[str]:
    """``"127.0.0.1, ::1"`` → the normalised addresses; a word that is not an IP address is an error."""
    return frozenset(str(ipaddress.ip_address(a.strip())) for a in text.split(",") if a.strip())


def _client(address: str) -> str:
    """An IPv4 address as it is; an IPv6 address as its /64 (one subscriber's network holds 2**64 addresses)."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        if not ip.is_loopback:
            return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def client_address(remote_ip: str, forwarded_for: str | None, trusted_proxies: Collection[str]) -> str:
    """The client a request counts for: its peer, or, when the peer is a trusted proxy, the last address in
    ``X-Forwarded-For`` (the one that proxy appended; addresses before it are whatever the client sent).
    IPv6 clients count per /64 network."""
    if remote_ip in trusted_proxies and forwarded_for:
        try:
            return _client(forwarded_for.split(",")[-1].strip())
        except ValueError:
            pass
    try:
        return _client(remote_ip)
    except ValueError:
        return remote_ip


__all__ = [
    "CONNECT_SECONDS",
    "DISCONNECT_SECONDS",
    "KERNEL_NICENESS",
    "MAX_SESSIONS",
    "MAX_SESSIONS_PER_CLIENT",
    "Session",
    "Sessions",
    "client_address",
    "default_rendering",
    "parse_addresses",
]
