"""The city deployed as deploy/ describes it, on hosts in network namespaces, from the installed wheel.

lobby (kiosk) ─ lobby LAN ─ tablets; clerks' desks ─ desk LAN ─ lb (nginx, TLS) ─ counter LAN ─ counter-1,
counter-2 (gunicorn), db (PostgreSQL). Codes cross from the lobby only as digits a clerk's scanner types.
"""

from __future__ import annotations

import asyncio
import errno
import random
import socket
import time
from collections import deque
from urllib.parse import urlencode

import pytest

from bench import load
from tests.deploy import chaos
from tests.deploy.city import CLERKS, targets
from tests.deploy.hosts import PORT, request
from tests.deploy.netns import inside, ip


def test_the_lobby_has_no_route_to_the_counter_network(city):
    net = city.city
    assert ip("-n", net.ns("lobby"), "route").split() == [f"{net.lobby_lan}.0/24", "dev", "eth0", "proto",
                                                             "kernel", "scope", "link", "src", net.address["lobby"]]
    for host, port in (("counter-1", PORT), ("counter-2", PORT), ("db", 5432), ("lb", PORT)):
        with inside(net.ns("lobby")), pytest.raises(OSError) as refused:
            socket.create_connection((net.address[host], port), timeout=3).close()
        assert refused.value.errno == errno.ENETUNREACH, host
    with inside(net.ns("lobby")), pytest.raises(OSError) as refused:
        socket.create_connection((net.lb_front, 443), timeout=3).close()
    assert refused.value.errno == errno.ENETUNREACH
    # The same addresses answer from the counter side: the refusals above are the network's, not a host down.
    for host in ("counter-1", "counter-2"):
        with inside(net.ns("lb")):
            socket.create_connection((net.address[host], PORT), timeout=3).close()
    socket.create_connection((net.lb_front, 443), timeout=3).close()
    # The kiosk holds the counter's public key and the bundle signer's, never a private key.
    assert sorted(p.name for p in (city.lobby.instance / "keys").iterdir()) == ["bundle-signer.pub", "public.json"]


def test_a_family_of_four_code_made_in_the_lobby_becomes_a_case_through_lb(city, monkeypatch):
    monkeypatch.setattr(load, "THINK", (0.0, 0.0))
    case_page = chaos.run_apart(family_code_to_case, city)
    for given in ("太一", "花音", "一輝", "桜子"):
        assert given in case_page
    assert "転入届" in case_page


async def family_code_to_case(city) -> str:
    """A resident on a lobby tablet to the QR code; a clerk behind lb scans its digits; the case page."""
    recorder, codes = load.Recorder(), deque()
    route = targets(city)
    tablet = load.Browser(route.kiosk, recorder, "tablet")
    assert await load.walk_once(tablet, random.Random(4), codes, time.monotonic() + 120)
    await tablet.close()
    texts = await asyncio.to_thread(load.read_images, codes.popleft())
    assert all(text.isdigit() for text in texts)  # what a keyboard-wedge scanner types: digits only
    clerk = await load.sign_in(CLERKS + 1, route.counter, recorder)
    location = await chaos.rescan(clerk, texts)
    assert "/counter/cases/" in location and "already" not in location
    page = await clerk.page("case page", location)
    await clerk.close()
    assert recorder.errors == []
    return page


class DirectClient:
    """Requests straight to one counter host from the lb's namespace, with the headers nginx adds."""

    def __init__(self, city, client_address: str):
        self.net, self.cookies = city.city, {}
        self.headers = {"Host": self.net.lb_front, "X-Forwarded-For": client_address,
                        "X-Forwarded-Proto": "https", "X-Forwarded-Host": self.net.lb_front,
                        "Referer": f"https://{self.net.lb_front}/counter/login"}

    def send(self, host: str, method: str, path: str, form: dict | None = None) -> tuple[int, dict, str]:
        headers = {**self.headers, "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if form is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        status, found, text = request(self.net.ns("lb"), self.net.address[host], PORT, method, path,
                                      urlencode(form) if form is not None else None, headers)
        for line in filter(None, found["set-cookie"].split("\n")):
            name, _, value = line.split(";", 1)[0].partition("=")
            self.cookies[name] = value
        return status, found, text

    def sign_in(self, host: str, username: str, password: str) -> tuple[int, dict, str]:
        _, _, html = self.send(host, "GET", "/counter/login")
        return self.send(host, "POST", "/counter/login", {"csrf_token": load.token_in(html, "/counter/login"),
                                                           "username": username, "password": password})


def test_a_clerk_signed_in_through_counter_1_stays_signed_in_on_counter_2(city):
    desk = DirectClient(city, f"{city.city.desk_lan}.50")
    status, headers, _ = desk.sign_in("counter-1", f"clerk{CLERKS:03d}", load.PASSWORD)
    assert status == 302 and "/counter/login" not in headers["location"]
    status, _, page = desk.send("counter-2", "GET", "/counter/scan")
    assert status == 200 and 'name="digits"' in page
    stranger = DirectClient(city, f"{city.city.desk_lan}.51")
    status, headers, _ = stranger.send("counter-2", "GET", "/counter/scan")
    assert status == 302 and "/counter/login" in headers["location"]


def test_failed_sign_ins_count_across_both_hosts(city):
    guesser = DirectClient(city, f"{city.city.desk_lan}.66")
    for attempt in range(10):  # NAVI_RATELIMIT_SIGN_IN: 10 per minute, here half on each host
        status, _, page = guesser.sign_in(("counter-1", "counter-2")[attempt % 2], f"nobody{attempt}", "wrong")
        assert status == 200 and "ログイン" in page, attempt
    for host in ("counter-1", "counter-2"):
        status, headers, page = guesser.sign_in(host, "nobody", "wrong")
        assert status == 429 and "retry-after" in headers and "操作の回数が多すぎます" in page, host
