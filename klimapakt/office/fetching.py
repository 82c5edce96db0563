"""Fetching a web address from outside only: every connection goes to a vetted public address.

The link check fetches addresses that staff (or a pull request) wrote into the registries, and
the monthly workflow publishes what it finds. A host name may resolve to 127.0.0.1, 10.0.0.1,
169.254.169.254 (a cloud's metadata service) or ::1, or redirect there. So:

- every connection, also each redirect hop, goes through `VettedBackend`: it resolves the host
  once, refuses it when any of its addresses is not public (`is_public`: loopback, private,
  link-local, multicast, reserved, unspecified, shared; IPv4 inside IPv6 judged as IPv4), and
  connects to exactly the address it vetted, so DNS cannot answer differently in between
  (rebinding). TLS still checks the certificate against the host name.
- redirects are followed here, one hop at a time (`klimapakt.office.links`), never by httpx;
- no proxy from the environment: it would connect for us, unvetted.

Tests reach local servers by giving a `Guard` whose `resolve` and `allowed` say so: a parameter
of the code, not a setting anybody could switch on in production.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # an IPv4 address behind a NAT64 gateway


class InternalAddress(Exception):
    """The host resolves to an address that is not public; never connected, never printed."""


def is_public(ip: Address) -> bool:
    """Whether `ip` is an address on the public internet (an IPv4 address inside IPv6 judged as itself)."""
    if ip.version == 6:
        embedded = ip.ipv4_mapped or (ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in NAT64 else None)
        if embedded is not None:
            return is_public(embedded)
        if ip.teredo is not None:  # a tunnel carrying a client's address: never a website's
            return False
        if ip.sixtofour is not None and not is_public(ip.sixtofour):
            return False
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_loopback or ip.is_link_local
                                 or ip.is_unspecified or ip.is_private)


async def system_resolve(host: str, port: int) -> list[str]:
    """The addresses the system's resolver gives for `host` (an IP literal gives itself).

    The lookup runs in a daemon thread of its own, not in asyncio's executor: a resolver that
    hangs past the deadline is left behind, where the executor would hold the end of the run
    (and the interpreter's exit) until it answered.
    """
    loop = asyncio.get_running_loop()
    answer: asyncio.Future = loop.create_future()

    def settle(result: Any, error: BaseException | None) -> None:
        if not answer.done():
            answer.set_exception(error) if error else answer.set_result(result)

    def lookup() -> None:
        try:
            result, error = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM), None
        except OSError as err:
            result, error = None, err
        try:
            loop.call_soon_threadsafe(settle, result, error)
        except RuntimeError:  # the run ended meanwhile
            pass

    threading.Thread(target=lookup, name=f"resolve {host}", daemon=True).start()
    return [info[4][0] for info in await answer]


@dataclass(frozen=True)
class Guard:
    """How a host becomes the one address to connect to. The defaults are production's."""

    resolve: Callable[[str, int], Awaitable[list[str]]] = system_resolve
    allowed: Callable[[Address], bool] = is_public

    async def vetted(self, host: str, port: int) -> str:
        """The address to connect to; InternalAddress when any address of the host is not allowed."""
        found = [ipaddress.ip_address(a.split("%")[0]) for a in await self.resolve(host.strip("[]"), port)]
        if not found:
            raise OSError(f"no address for {host}")
        if not all(self.allowed(ip) for ip in found):
            raise InternalAddress(host)
        return str(found[0])


def vetted_transport(guard: Guard) -> Any:
    """An httpx transport whose every connection goes to an address `guard` vetted."""
    import httpcore
    import httpx

    class VettedBackend(httpcore.AsyncNetworkBackend):
        def __init__(self) -> None:
            self.inner = httpcore.AnyIOBackend()

        async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
            address = await guard.vetted(host, port)
            return await self.inner.connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                                socket_options=socket_options)

        async def connect_unix_socket(self, path, timeout=None, socket_options=None):
            raise InternalAddress(path)

        async def sleep(self, seconds: float) -> None:
            await self.inner.sleep(seconds)

    class VettedTransport(httpx.AsyncHTTPTransport):
        def __init__(self) -> None:
            super().__init__(trust_env=False)
            # httpx offers no parameter for the network backend: the pool is built again with it,
            # with httpx's default limits (tests/office/test_link_safety.py proves it is the one used).
            self._pool = httpcore.AsyncConnectionPool(ssl_context=httpx.create_ssl_context(trust_env=False),
                                                      network_backend=VettedBackend(), max_connections=100,
                                                      max_keepalive_connections=20, keepalive_expiry=5.0)

    return VettedTransport()
